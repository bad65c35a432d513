"""A training process for the kill -9 test: logs 10 keys per step, printing progress, until the parent kills it
with SIGKILL. After 2,000 paced steps comes a burst of 20,000 steps that the sender cannot have delivered when the
parent, told "flushed", kills the process. Usage: child_trainer.py URL KEY DIR PROJECT"""

import sys
import time

import support  # noqa: F401 - puts the SDK on sys.path
import ganboard


def main():
    url, key, directory, project = sys.argv[1:5]
    run = ganboard.init(project=project, variant="kill-9", seed=1, url=url, api_key=key, dir=directory,
                        flush_interval=0.05, init_timeout=60)
    print("run", run.id, run.dir, flush=True)
    step = 0
    for step in range(2_000_000):
        run.log({f"k{k}": step * 10 + k + 0.25 for k in range(10)}, step=step)
        if step == 22_000:
            run.flush()
            print("flushed", step, flush=True)
        if step < 2_000 or step > 22_000:
            time.sleep(0.0005)  # the training step


if __name__ == "__main__":
    main()
