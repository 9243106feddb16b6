#!/usr/bin/env python3
"""PNG charts of a benchmark run, from its summary.jsonl (see run.sh and report.py).

    charts.py SUMMARY.jsonl --out DIR --name NAME

Writes DIR/NAME-latency.png (median, p90 and p99 per engine for each query mix, one process,
at the largest catalog size; log scale) and DIR/NAME-build.png (build time and index size per
catalog size, per engine).
"""
import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only: no display on a server or in CI
import matplotlib.pyplot as plt  # noqa: E402

MIXES = ("one-word", "multi-word", "typo", "prefix", "filtered", "sorted", "few-full")
ENGINE_ORDER = ("uplyft", "tantivy", "fts5")
PERCENTILES = (("median_us", "median"), ("p90_us", "p90"), ("p99_us", "p99"))


def engines_of(records):
    present = {record["peer"] for record in records}
    return [engine for engine in ENGINE_ORDER if engine in present] + sorted(present - set(ENGINE_ORDER))


def latency_chart(queries, path):
    size = max(record["size"] for record in queries)
    rows = [q for q in queries if q["size"] == size and q["procs"] == 1 and q.get("supported") is not False]
    engines = engines_of(rows)
    figure, axes = plt.subplots(1, len(MIXES), figsize=(3.2 * len(MIXES), 4.2), sharey=True)
    bar_width = 0.8 / len(PERCENTILES)
    for axis, mix in zip(axes, MIXES):
        for offset, (key, label) in enumerate(PERCENTILES):
            values = []
            for engine in engines:
                record = next((r for r in rows if r["mix"] == mix and r["peer"] == engine), None)
                values.append(record[key] if record else 0)
            positions = [i + (offset - 1) * bar_width for i in range(len(engines))]
            axis.bar(positions, values, bar_width, label=label)
        axis.set_title(mix)
        axis.set_xticks(range(len(engines)))
        axis.set_xticklabels(engines)
        axis.set_yscale("log")
        axis.grid(axis="y", which="both", alpha=0.3)
    axes[0].set_ylabel("latency per query, µs (log scale)")
    axes[-1].legend()
    figure.suptitle(f"Query latency, one process, {size:,} products (missing bar: not supported)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def build_chart(builds, path):
    engines = engines_of(builds)
    figure, (time_axis, size_axis) = plt.subplots(1, 2, figsize=(11, 4.2))
    for engine in engines:
        rows = sorted((b for b in builds if b["peer"] == engine), key=lambda b: b["size"])
        sizes = [b["size"] for b in rows]
        time_axis.plot(sizes, [b["build_seconds"] for b in rows], marker="o", label=engine)
        size_axis.plot(sizes, [b["index_bytes"] / 1e6 for b in rows], marker="o", label=engine)
    for axis, label in ((time_axis, "build time, s (wall)"), (size_axis, "index size, MB")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("products")
        axis.set_ylabel(label)
        axis.grid(which="both", alpha=0.3)
        axis.legend()
    figure.suptitle("Index build per catalog size")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("summary")
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", required=True)
    args = parser.parse_args()
    with open(args.summary, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    queries = [r for r in records if r.get("kind") == "query"]
    builds = [r for r in records if r.get("kind") == "build"]
    if not queries or not builds:
        sys.exit(f"{args.summary}: no query or build records to chart")
    os.makedirs(args.out, exist_ok=True)
    latency_chart(queries, os.path.join(args.out, f"{args.name}-latency.png"))
    build_chart(builds, os.path.join(args.out, f"{args.name}-build.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
