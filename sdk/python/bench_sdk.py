"""Benchmarks of the Python SDK (see docs/benchmarks.md, section SDK).

  /usr/bin/python3 sdk/python/bench_sdk.py latency            # log() cost with 10 keys, p50 / p99 (no server)
  /usr/bin/python3 sdk/python/bench_sdk.py ingest [--runs 1,8] [--points N]
        # end-to-end points/s, Python SDK -> HTTP -> Kafka -> database, against a throw-away server started
        # from app/target/quarkus-app/quarkus-run.jar (or GANBOARD_TEST_URL / GANBOARD_TEST_API_KEY)
  /usr/bin/python3 sdk/python/bench_sdk.py rtt [--delay-ms 20] [--points N]
        # one run's points/s against the in-process stub server (tests/stub.py) answering each batch after delay-ms:
        # what batches in flight buy when the round trip, not the client, is the limit
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "tests"))

import ganboard  # noqa: E402

KEYS = [f"loss/k{k}" for k in range(10)]


def percentiles(ns):
    ns.sort()
    n = len(ns)
    return ns[n // 2] / 1e3, ns[int(n * 0.99)] / 1e3, ns[int(n * 0.999)] / 1e3, ns[-1] / 1e3


def latency(calls):
    d = tempfile.mkdtemp()
    try:
        with ganboard.init(project="bench", variant="v", mode="offline", dir=d) as run:
            for label, period in (("warm-up", 0), ("paced, 20k calls/s", 50_000), ("flat out", 0)):
                timings = []
                clock = time.perf_counter_ns
                nxt = clock()
                for step in range(calls):
                    values = {k: step * 1e-3 + i for i, k in enumerate(KEYS)}
                    if period:
                        nxt += period
                        while clock() < nxt:
                            pass  # the rest of the training step
                    t0 = clock()
                    run.log(values, step=step)
                    timings.append(clock() - t0)
                if label != "warm-up":
                    p50, p99, p999, mx = percentiles(timings)
                    print(f"log() with 10 keys, {label}, {calls:,} calls: p50 {p50:.2f} us, p99 {p99:.2f} us, "
                          f"p99.9 {p999:.2f} us, max {mx:.0f} us")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def stored_points(url, key):
    request = urllib.request.Request(url + "/q/metrics", headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=30) as r:
        m = re.search(r"^ganboard_metrics_points_stored_total (\S+)$", r.read().decode(), re.M)
    return float(m.group(1)) if m else 0.0


def ingest(runs_list, points):
    import support

    server = None
    url, key = os.environ.get("GANBOARD_TEST_URL"), os.environ.get("GANBOARD_TEST_API_KEY")
    if not (url and key):
        server = support.Server().start()
        url, key = server.url, server.key
    try:
        print(f"{points:,} points per configuration (10 keys per step)")
        print(f"{'runs':<5} {'finished s':>11} {'stored s':>9} {'points/s':>12} {'client cpu':>11}")
        for runs in runs_list:
            d = tempfile.mkdtemp()
            all_runs = [ganboard.init(project=f"bench-py-{runs}", variant="NS-GAN", seed=i, url=url, api_key=key,
                                      dir=d, finish_timeout=600) for i in range(runs)]
            steps = points // runs // 10
            before, cpu0, t0 = stored_points(url, key), time.process_time(), time.monotonic()

            def work(run):
                for step in range(steps):
                    run.log({k: step * 1e-3 + i for i, k in enumerate(KEYS)}, step=step)
                run.finish()

            threads = [threading.Thread(target=work, args=(r,)) for r in all_runs]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            finished = time.monotonic() - t0
            while stored_points(url, key) - before < steps * 10 * runs:
                time.sleep(0.02)
            stored = time.monotonic() - t0
            print(f"{runs:<5} {finished:>11.2f} {stored:>9.2f} {steps * 10 * runs / stored:>12,.0f} "
                  f"{time.process_time() - cpu0:>10.1f}s")
            shutil.rmtree(d, ignore_errors=True)
    finally:
        if server is not None:
            server.remove()


_STUB = """
import os, sys, time
sys.path[:0] = [sys.argv[1], os.path.dirname(sys.argv[1])]
from stub import Stub
stub = Stub()
stub.hold = lambda seq: time.sleep(float(sys.argv[2]) / 1000)
print(stub.url, flush=True)
sys.stdin.read()
"""


def rtt(delay_ms, points):
    import subprocess
    from stub import KEY

    # the stub in its own process, so that decoding batches does not take the client's GIL
    stub = subprocess.Popen([sys.executable, "-c", _STUB, os.path.join(HERE, "tests"), str(delay_ms)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    d = tempfile.mkdtemp()
    try:
        url = stub.stdout.readline().strip()
        if not url:
            raise RuntimeError("the stub server did not start (see its error above)")
        run = ganboard.init(project="bench-rtt", variant="v", url=url, api_key=KEY, dir=d, finish_timeout=600)
        steps = points // 10
        t0 = time.monotonic()
        for step in range(steps):
            run.log({k: step * 1e-3 + i for i, k in enumerate(KEYS)}, step=step)
        stats = run.finish()
        took = time.monotonic() - t0
        print(f"{points:,} points, 1 run, each batch answered after {delay_ms:g} ms: {took:.2f} s, "
              f"{points / took:,.0f} points/s, {stats['batches_delivered']} batches")
    finally:
        stub.stdin.close()
        stub.wait(30)
        shutil.rmtree(d, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["latency", "ingest", "rtt"])
    p.add_argument("--delay-ms", type=float, default=20)
    p.add_argument("--calls", type=int, default=100_000)
    p.add_argument("--runs", default="1,8")
    p.add_argument("--points", type=int, default=1_000_000)
    a = p.parse_args()
    if a.what == "latency":
        latency(a.calls)
    elif a.what == "rtt":
        rtt(a.delay_ms, a.points)
    else:
        ingest([int(x) for x in a.runs.split(",")], a.points)


if __name__ == "__main__":
    main()
