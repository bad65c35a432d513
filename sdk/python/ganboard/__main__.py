"""python -m ganboard sync DIR [--url URL] [--api-key KEY]"""

import argparse
import logging
import sys

from .sync import sync


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ganboard", description="GANBoard SDK tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sync", help="deliver offline runs and what interrupted runs left behind")
    p.add_argument("dir", help="a run directory, or a directory of runs (e.g. ~/.ganboard/sdk)")
    p.add_argument("--url", help="server URL (default: GANBOARD_URL, else the URL the run started with)")
    p.add_argument("--api-key", help="API key (default: GANBOARD_API_KEY)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        reports = sync(args.dir, url=args.url, api_key=args.api_key)
    except FileNotFoundError as e:
        print(f"ganboard sync: {e}", file=sys.stderr)
        return 2
    for r in reports:
        msg = f" ({r['message']})" if r["message"] else ""
        print(f"{r['local_id']} run={r['run_id']} sent={r['batches_sent']} batches ({r['points_sent']} points) "
              f"rejected={r['batches_rejected']} left={r['batches_left']} "
              f"checkpoints-left={r['checkpoints_left']} {r['outcome']}{msg}")
    ok = all(r["outcome"] in ("synced", "in-use") for r in reports)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
