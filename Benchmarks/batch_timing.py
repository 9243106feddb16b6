#!/usr/bin/env python3
"""Turns the timing line `uplyft search --batch` prints on stderr into one JSON line, in the
same shape the peer scripts print, so report.py reads every engine alike."""
import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("timing_file")
    parser.add_argument("--peer", required=True)
    parser.add_argument("--mode", required=True)
    args = parser.parse_args()
    fields = {}
    with open(args.timing_file, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("queries="):
                fields = dict(part.split("=", 1) for part in line.split())
    if not fields:
        print(f"{args.timing_file}: no timing line found", file=sys.stderr)
        return 1
    record = {"peer": args.peer, "mode": args.mode, "queries": int(fields["queries"])}
    for key in ("median_us", "p90_us", "p99_us", "max_us", "mean_us"):
        record[key] = float(fields[key])
    record["open_ms"] = float(fields["open_us"]) / 1000
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
