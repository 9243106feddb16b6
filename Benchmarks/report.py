#!/usr/bin/env python3
"""Prints the markdown table of one benchmark run from its summary.jsonl (one JSON object per
measurement: builds, query modes, result overlaps), with ratios against uplyft."""
import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(handle.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def ratio(value, base) -> str:
    if value is None or base in (None, 0):
        return "n/a"
    return f"{value / base:.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("summary")
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    records = [json.loads(line) for line in open(args.summary, encoding="utf-8") if line.strip()]
    builds = {r["peer"]: r for r in records if "build_seconds" in r}
    queries = {(r["peer"], r["mode"]): r for r in records if "median_us" in r or r.get("supported") is False}
    overlaps = {(r["peer"], r["mode"]): r for r in records if r.get("against") == "uplyft"}
    peers = ["uplyft"] + sorted(p for p in builds if p != "uplyft")

    out = []
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.append(f"# Benchmark: {args.count:,} products")
    out.append("")
    out.append(f"Run {stamp} on {machine()}. Ratios are peer / uplyft (above 1.00x: uplyft is smaller or faster).")
    out.append("")
    out.append("| engine | build s | index MB | peak build RSS MB | build ratio | size ratio |")
    out.append("|---|---:|---:|---:|---:|---:|")
    base = builds.get("uplyft", {})
    for peer in peers:
        b = builds.get(peer)
        if not b:
            continue
        out.append(f"| {peer} | {b['build_seconds']:.1f} | {b['index_bytes'] / 1e6:.1f} | {b.get('peak_rss_kb', 0) / 1024:.0f} "
                   f"| {ratio(b['build_seconds'], base.get('build_seconds'))} | {ratio(b['index_bytes'], base.get('index_bytes'))} |")
    out.append("")
    out.append("| engine | mode | queries | open ms | median µs | p90 µs | p99 µs | median ratio | p99 ratio | top-10 overlap with uplyft |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in ("clean", "typo", "prefix"):
        ours = queries.get(("uplyft", mode), {})
        for peer in peers:
            q = queries.get((peer, mode))
            if not q:
                continue
            if q.get("supported") is False:
                out.append(f"| {peer} | {mode} | not supported | | | | | | | |")
                continue
            overlap = overlaps.get((peer, mode), {}).get("overlap")
            overlap_text = "" if overlap is None else f"{overlap:.2f}"
            out.append(f"| {peer} | {mode} | {q['queries']} | {q.get('open_ms', 0):.2f} | {q['median_us']:.0f} | {q['p90_us']:.0f} "
                       f"| {q['p99_us']:.0f} | {ratio(q['median_us'], ours.get('median_us'))} | {ratio(q['p99_us'], ours.get('p99_us'))} | {overlap_text} |")
    typo, clean = queries.get(("uplyft", "typo")), queries.get(("uplyft", "clean"))
    if typo and clean and clean.get("median_us"):
        out.append("")
        out.append(f"uplyft typo / exact: median {typo['median_us'] / clean['median_us']:.2f}x, p99 {typo['p99_us'] / clean['p99_us']:.2f}x.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
