#!/usr/bin/env python3
"""The records and the Markdown report of a benchmark run (run.sh).

    report.py build-record PEER_BUILD.json --size N --wall-seconds S --peak-rss-kb K
    report.py query-record --size N --peer P --mix M [--procs 2] --latency LOG... --rss FILE...
                           [--queries Q.tsv --results R.tsv] [--peer-json P.json]
    report.py open-record --size N --peer P --state cold|warm [--timing F] [--peer-json F]
    report.py typo-cost-record --size N --typo-latency LOG --typo-free-latency LOG
    report.py render SUMMARY.jsonl --name NAME --commands FILE --root DIR --cold-open 0|1
    report.py auth-flood-markdown SUMMARY.jsonl     (the sign-in flood figures alone, auth_flood.sh)

Each *-record command prints one JSON line for SUMMARY.jsonl. Latency figures are computed
here, for every engine alike, from the per-query latency logs (`qid<TAB>microseconds`) that
uplyft's --latency-log and the peers' --latency-log write: one percentile definition for all.
"""
import argparse
import json
import math
import os
import platform
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

MIXES = ("one-word", "multi-word", "typo", "prefix", "filtered", "sorted", "few-full")
MIX_TEXT = {
    "one-word": "one word",
    "multi-word": "two or three words",
    "typo": "one to three words, one realistic typo in a word of 5+ letters",
    "prefix": "one to three words, the last cut to 3-5 letters (search as you type)",
    "filtered": "one to three words; odd queries filtered by their product's category, even ones by its price band",
    "sorted": "one to three words, sorted by price ascending",
    "few-full": "one to three words, each from another product's name (few products have them all): "
                "uplyft's partial-match tiers against the peers' union (any word) search",
}
# Tables list every engine that ran, uplyft first.
ENGINE_ORDER = ("uplyft", "tantivy", "fts5")


def percentile(sorted_values, fraction):
    """Nearest rank, as uplyft's LatencySummary: the smallest value with at least `fraction` of
    the values at or below it."""
    rank = math.ceil(fraction * len(sorted_values))
    return sorted_values[min(len(sorted_values), max(1, rank)) - 1]


def read_latencies(path):
    """Microseconds per query of one latency log; [] when the engine wrote none (unsupported)."""
    if not os.path.exists(path):
        return []
    values = []
    with open(path, encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                values.append(float(line.rstrip("\n").split("\t")[1]))
            except (IndexError, ValueError):
                sys.exit(f"{path}:{line_number}: expected qid<TAB>microseconds")
    return values


def read_peak_rss_kb(path):
    """/usr/bin/time -f %M output: the last line is the peak RSS in KiB."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle if line.strip()]
        return int(lines[-1])
    except (OSError, ValueError, IndexError):
        return None


def read_json(path):
    if not path or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        text = handle.read().strip()
    return json.loads(text.splitlines()[-1]) if text else {}


def zero_hit_queries(queries_path, results_path):
    with open(queries_path, encoding="utf-8") as lines:
        qids = {line.split("\t", 1)[0] for line in lines if line.strip()}
    with open(results_path, encoding="utf-8") as lines:
        hit = {line.split("\t", 1)[0] for line in lines if line.strip()}
    return len(qids - hit)


def build_record(args):
    record = read_json(args.peer_json)
    if not record:
        sys.exit(f"{args.peer_json}: no build record")
    # Every engine's build time is the process's wall time, as /usr/bin/time measures uplyft's;
    # the peers' own in-process figure (after interpreter start-up) is kept beside it.
    record.update(kind="build", size=args.size, in_process_seconds=record.get("build_seconds"),
                  build_seconds=args.wall_seconds, peak_rss_kb=args.peak_rss_kb)
    print(json.dumps(record))


def query_record(args):
    record = {"kind": "query", "size": args.size, "peer": args.peer, "mix": args.mix, "procs": args.procs}
    per_process = [read_latencies(path) for path in args.latency]
    peer_report = read_json(args.peer_json)
    if not any(per_process) or peer_report.get("supported") is False:
        record["supported"] = False
        print(json.dumps(record))
        return
    merged = sorted(value for values in per_process for value in values)
    # Each process's throughput is its query count over the time its queries took; processes
    # that ran side by side add up.
    record["qps"] = round(sum(len(values) / (sum(values) / 1e6) for values in per_process if sum(values) > 0), 1)
    record.update(queries=len(merged), median_us=round(percentile(merged, 0.5), 1),
                  p90_us=round(percentile(merged, 0.9), 1), p99_us=round(percentile(merged, 0.99), 1),
                  max_us=round(merged[-1], 1), mean_us=round(sum(merged) / len(merged), 1))
    peaks = [read_peak_rss_kb(path) for path in args.rss]
    record["serving_rss_kb"] = max((peak for peak in peaks if peak is not None), default=None)
    if args.queries and args.results:
        record["zero_hit_queries"] = zero_hit_queries(args.queries, args.results)
    if "call_overhead_us" in peer_report:
        record["call_overhead_us"] = peer_report["call_overhead_us"]
    print(json.dumps(record))


def open_record(args):
    record = {"kind": "open", "size": args.size, "peer": args.peer, "state": args.state, "open_ms": None}
    if args.timing and os.path.exists(args.timing):
        with open(args.timing, encoding="utf-8") as handle:
            for line in handle:
                fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
                if "open_us" in fields:
                    record["open_ms"] = float(fields["open_us"]) / 1000
    peer_report = read_json(args.peer_json)
    if "open_ms" in peer_report:
        record["open_ms"] = peer_report["open_ms"]
    if record["open_ms"] is None:
        sys.exit(f"no open time for {args.peer} ({args.state})")
    print(json.dumps(record))


def machine():
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
            memory = f", {int(handle.readline().split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def versions():
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True, timeout=60).stdout
        swift = next((line.strip() for line in swift.splitlines() if "version" in line), "unknown")
    except (OSError, subprocess.SubprocessError):
        swift = "unknown"
    try:
        import tantivy
        tantivy_version = tantivy.__version__
    except ImportError:
        tantivy_version = "not installed"
    return [("uplyft", f"built with {swift}"), ("Tantivy", f"PyPI binding `tantivy` {tantivy_version}"),
            ("SQLite", f"{sqlite3.sqlite_version} (FTS5, through Python's sqlite3)"),
            ("Python (peers' driver)", platform.python_version())]


def ratio(value, base):
    if value is None or not base:
        return "n/a"
    return f"{value / base:.2f}x"


def number(value, digits=0):
    return "" if value is None else f"{value:,.{digits}f}"


def engines_of(records):
    present = {record["peer"] for record in records}
    return [engine for engine in ENGINE_ORDER if engine in present] + sorted(present - set(ENGINE_ORDER))


HOW_TIMED = """\
Every engine times each query **inside its own process**, around the call that builds the
query, searches and collects the top-10 product ids, with a monotonic clock (uplyft:
`DispatchTime` in `BatchSearch.swift`; peers: `time.perf_counter_ns()` in `peers/*_peer.py`),
after one untimed warm-up pass over the same queries. Reading the query file, process start-up
and writing results are outside the timed span for all. Each engine writes one latency per
query (`--latency-log`) and `report.py` computes every percentile from those logs with one
definition (nearest rank), so the figures are alike. The peers are native engines driven from
Python (Tantivy in Rust through its PyPI binding, FTS5 in C through `sqlite3`): their figures
include a Python call overhead that uplyft's do not; the `call µs` column is that floor (median
of an empty query through the same path).

- **QPS** = queries / sum of their latencies, per process; with two processes (one per core,
  each on half of the mix, started together) the processes' QPS are added. Latency columns
  of the two-process rows are over both processes' queries.
- **Filters.** Each filtered query carries its own filter (category, or a price band) in the
  query file. The peers apply it per query (Tantivy: a required term query on a raw
  `category_raw` field and a range query on the fast `price` column, both scored 0; FTS5: a
  join with a side table of category and price). uplyft's CLI takes one filter per batch run,
  so run.sh groups the mix by filter and runs one batch per group (each with its own untimed
  warm-up); the per-query latencies of all groups make up the mix. The sorted mix orders by
  price ascending in all three.
- **Prefixes.** uplyft matches the last word as a prefix by default; it runs with
  `--no-prefix` on every mix but `prefix` and `typo`, as the peers only match prefixes in the
  prefix mix. uplyft's typo tolerance stays on (its default); FTS5 has none.
- **Same work, or more.** uplyft runs with its defaults otherwise: when fewer than 10
  products have every word it tops the page up with products matching fewer words (the peers
  return what the conjunction found: their `zero-hit` column), and it tries typo candidates
  for a word the catalog lacks. No engine counts the total (`--batch` output has none; Tantivy
  `count=False`). One uplyft query walks postings of 8,000+ documents in two halves on the two
  cores; the peers use one thread per query. The two-process rows, one process per core, show
  throughput without that advantage.
- **Build** time is the indexing process's wall time (`/usr/bin/time`), for all engines, and
  includes reading the JSONL catalog; peak RSS likewise.
- **Open** is the time to open the index inside the process (uplyft `open_us`, peers
  `open_ms`), from a one-query run; cold runs follow `sync; echo 1 > /proc/sys/vm/drop_caches`.
- **Serving RSS** is the peak RSS of the one-process query run (`/usr/bin/time -f %M`); for
  the peers it includes the Python interpreter.
"""


def http_section(records):
    """wrk against the server and nginx, and the rebuild under load (http_bench.sh,
    rebuild_under_load.sh)."""
    runs = [r for r in records if r.get("target") in ("uplyft-health", "uplyft-search", "uplyft-chat", "nginx-static")]
    setup = next((r for r in records if r.get("target") == "setup"), None)
    rebuild = next((r for r in records if r.get("target") == "rebuild-under-load"), None)
    if not runs and not rebuild:
        return []
    out = ["## HTTP on loopback", ""]
    if setup:
        out += [f"wrk, {setup.get('duration_seconds', '?')} s a run; the static body is {setup.get('body_bytes', '?')} bytes, "
                f"the size of a typical `/api/search/` answer; {setup.get('wrk', 'wrk')}, {setup.get('nginx', 'no nginx')}. "
                "Server, wrk and nginx share the machine's cores.", ""]
    order = {"uplyft-health": 0, "uplyft-search": 1, "uplyft-chat": 2, "nginx-static": 3}
    ceiling = {r["connections"]: r["requests_per_second"] for r in runs if r["target"] == "nginx-static"}
    out += ["| target | connections | req/s | p50 ms | p90 ms | p99 ms | errors | share of nginx req/s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sorted(runs, key=lambda r: (order[r["target"]], r["connections"])):
        share = ""
        if r["target"] != "nginx-static" and ceiling.get(r["connections"]):
            share = f"{100 * r['requests_per_second'] / ceiling[r['connections']]:.1f}%"
        out.append(f"| {r['target']} | {r['connections']} | {r['requests_per_second']:.0f} | {r['p50_ms']:.2f} | {r['p90_ms']:.2f} "
                   f"| {r['p99_ms']:.2f} | {r['errors']} | {share} |")
    if not ceiling:
        out.append("")
        out.append("nginx not installed: no ceiling in this run.")
    out.append("")
    if rebuild:
        out += ["### Rebuild under load", "",
                f"While wrk drove `/api/search/`, the catalog gained new products, `uplyft index` replaced the index file "
                f"and the running server swapped it in: {rebuild.get('requests')} requests, {rebuild.get('errors')} failed "
                f"({rebuild.get('non_2xx')} non-2xx); the new products were found "
                f"{rebuild.get('new_products_visible_after_seconds')} s after the rename; old index released: "
                f"{rebuild.get('old_index_released')}.", ""]
    return out


FLOOD_PHASES = {"quiet": "no flood", "one": "flood from one address", "many": "flood from 200 addresses"}


def auth_flood_section(records):
    """The sign-in flood (auth_flood.sh): search and a legitimate sign-in while clients hammer
    sign-up and sign-in, and what the flood got back."""
    runs = [r for r in records if r.get("kind") == "auth-flood"]
    if not runs:
        return []
    clients = max((r.get("clients", 0) for r in runs), default=0)
    out = ["## Sign-in flood", "",
           f"While {clients} clients sign up and sign in in a loop (30% sign-ups with fresh names, 20% wrong passwords for "
           "made-up names, 20% wrong and 30% right passwords for eight flood accounts; one connection per request, no pause), "
           "a probe searches every 20 ms from another address and a legitimate shopper signs in every 2 s from another "
           "address, with the right password and no device cookie, honouring Retry-After. Real hashing (1,000,000 PBKDF2 "
           "iterations); the default catalog; server, flood and probes share the machine's cores. "
           "Targets: search p99 under 50 ms, sign-in under 2 s.", "",
           "| phase | s | search p50 ms | search p99 ms | search max ms | sign-ins | sign-in median s | max s | under 2 s "
           "| flood requests | 201 | 200 | 401 | 409 | 429 | 503 | other / errors | load before |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        statuses = r.get("flood_statuses", {})
        def count(key):
            return f"{statuses.get(key, 0):,}" if r.get("addresses") != "none" else ""
        others = statuses.get("other", 0) + statuses.get("errors", 0)
        load = ", ".join(f"{value:.2f}" for value in r.get("load_before", []))
        failed = f" ({r['signins_failed']} failed)" if r.get("signins_failed") else ""
        out.append(f"| {FLOOD_PHASES.get(r.get('phase'), r.get('phase'))} | {r.get('seconds', 0):.0f} | {r.get('search_p50_ms', 0):.1f} "
                   f"| {r.get('search_p99_ms', 0):.1f} | {r.get('search_max_ms', 0):.1f} | {r.get('signins', 0)}{failed} "
                   f"| {r.get('signin_median_s', 0):.2f} | {r.get('signin_max_s', 0):.2f} | {r.get('signins_under_2s', 0)} "
                   f"| {r.get('flood_requests', 0) if r.get('addresses') != 'none' else ''} | {count('201')} | {count('200')} "
                   f"| {count('401')} | {count('409')} | {count('429')} | {count('503')} "
                   f"| {others if r.get('addresses') != 'none' else ''} | {load} |")
    refusals = [f"{FLOOD_PHASES.get(r.get('phase'), r.get('phase'))}: " + (", ".join(f"{n} x {s}" for s, n in sorted(r.get("signin_refusals", {}).items())) or "none")
                for r in runs]
    out += ["", "Refusals the legitimate sign-in met before its 200 (it retried after Retry-After): " + "; ".join(refusals) + ".", ""]
    return out


def auth_flood_markdown(args):
    records = [json.loads(line) for line in open(args.summary, encoding="utf-8") if line.strip()]
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Benchmark: sign-up and sign-in flood", "",
           f"Run {stamp} on {machine()}, by `Benchmarks/auth_flood.sh` (also part of `make bench`).", ""]
    out += auth_flood_section(records)
    print("\n".join(out))


def typo_cost_record(args):
    """The typo mix against the same queries without their typos, uplyft only."""
    record = {"kind": "typo-cost", "size": args.size}
    for name, path in (("typo", args.typo_latency), ("typo_free", args.typo_free_latency)):
        values = sorted(read_latencies(path))
        if values:
            record[f"{name}_median_us"] = round(percentile(values, 0.5), 1)
            record[f"{name}_p99_us"] = round(percentile(values, 0.99), 1)
    print(json.dumps(record))


def render(args):
    records = [json.loads(line) for line in open(args.summary, encoding="utf-8") if line.strip()]
    builds = [r for r in records if r.get("kind") == "build"]
    queries = [r for r in records if r.get("kind") == "query"]
    opens = [r for r in records if r.get("kind") == "open"]
    overlaps = [r for r in records if r.get("kind") == "overlap"]
    sizes = sorted({r["size"] for r in builds})
    engines = engines_of(builds + queries)
    out = []
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out += [f"# Benchmark ({args.name}): {', '.join(f'{size:,}' for size in sizes)} products", "",
            f"Run {stamp} on {machine()}. Ratios are peer / uplyft: above 1.00x uplyft is faster or "
            "smaller, except for QPS ratios, which are uplyft / peer (above 1.00x uplyft serves more).", ""]
    out += ["## Versions", "", "| component | version |", "|---|---|"]
    out += [f"| {component} | {text} |" for component, text in versions()]
    out += ["", "## How the engines are timed", "", HOW_TIMED]

    out += ["## Charts", "", f"![latency percentiles]({args.name}-latency.png)", "",
            f"![build time and index size]({args.name}-build.png)", ""]

    out += ["## Build", "", "| products | engine | build s | products/s | index MB | peak build RSS MB | build ratio | size ratio |",
            "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        base = next((b for b in builds if b["size"] == size and b["peer"] == "uplyft"), {})
        for engine in engines:
            build = next((b for b in builds if b["size"] == size and b["peer"] == engine), None)
            if not build:
                continue
            seconds = build["build_seconds"]
            rate = build["products"] / seconds if seconds else None
            out.append(f"| {size:,} | {engine} | {seconds:.2f} | {number(rate)} | {build['index_bytes'] / 1e6:.1f} "
                       f"| {number((build.get('peak_rss_kb') or 0) / 1024)} | {ratio(seconds, base.get('build_seconds'))} "
                       f"| {ratio(build['index_bytes'], base.get('index_bytes'))} |")
    out.append("")

    out += ["## Query mixes", "", "| mix | queries |", "|---|---|"]
    out += [f"| {mix} | {MIX_TEXT[mix]} |" for mix in MIXES]
    out += ["", f"{args.query_count} queries per mix and size, drawn from each catalog's own names, brands and "
            "colours by `make_queries.py` (seed 11), kept in `work/SIZE/queries-MIX.tsv`.", ""]

    out += ["## Queries", ""]
    for size in sizes:
        out += [f"### {size:,} products", "",
                "| mix | engine | QPS 1 proc | QPS 2 procs | median µs | p90 µs | p99 µs | max µs | 2-proc p99 µs "
                "| serving RSS MB | zero-hit | call µs | median ratio | p99 ratio | QPS ratio |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for mix in MIXES:
            def find(engine, procs):
                return next((q for q in queries if q["size"] == size and q["mix"] == mix
                             and q["peer"] == engine and q["procs"] == procs), None)
            ours = find("uplyft", 1) or {}
            for engine in engines:
                single, double = find(engine, 1), find(engine, 2) or {}
                if not single:
                    continue
                if single.get("supported") is False:
                    out.append(f"| {mix} | {engine} | not supported | | | | | | | | | | | | |")
                    continue
                out.append(
                    f"| {mix} | {engine} | {number(single['qps'])} | {number(double.get('qps'))} "
                    f"| {number(single['median_us'])} | {number(single['p90_us'])} | {number(single['p99_us'])} "
                    f"| {number(single['max_us'])} | {number(double.get('p99_us'))} "
                    f"| {number((single.get('serving_rss_kb') or 0) / 1024)} | {single.get('zero_hit_queries', '')} "
                    f"| {single.get('call_overhead_us', '')} | {ratio(single['median_us'], ours.get('median_us'))} "
                    f"| {ratio(single['p99_us'], ours.get('p99_us'))} | {ratio(ours.get('qps'), single['qps'])} |")
        out.append("")

    costs = [r for r in records if r.get("kind") == "typo-cost" and "typo_median_us" in r and "typo_free_median_us" in r]
    if costs:
        out += ["## What typo tolerance costs uplyft", "",
                "The typo mix against its own queries without the typos (same generator and seed), both with the "
                "typo mix's flags: the cost of finding and ranking the typo candidates.", "",
                "| products | without typos median µs | p99 µs | with one typo median µs | p99 µs | median ratio | p99 ratio |",
                "|---:|---:|---:|---:|---:|---:|---:|"]
        for cost in sorted(costs, key=lambda r: r["size"]):
            out.append(f"| {cost['size']:,} | {number(cost['typo_free_median_us'])} | {number(cost['typo_free_p99_us'])} "
                       f"| {number(cost['typo_median_us'])} | {number(cost['typo_p99_us'])} "
                       f"| {ratio(cost['typo_median_us'], cost['typo_free_median_us'])} "
                       f"| {ratio(cost['typo_p99_us'], cost['typo_free_p99_us'])} |")
        out.append("")

    out += ["## Opening the index", ""]
    if not args.cold_open:
        out += ["Cold figures are missing: this run could not drop the page cache (needs root).", ""]
    out += ["| products | engine | cold open ms | warm open ms | cold ratio | warm ratio |", "|---:|---|---:|---:|---:|---:|"]
    for size in sizes:
        def opened(engine, state):
            return next((o["open_ms"] for o in opens if o["size"] == size and o["peer"] == engine and o["state"] == state), None)
        for engine in engines:
            if opened(engine, "warm") is None:
                continue
            out.append(f"| {size:,} | {engine} | {number(opened(engine, 'cold'), 2)} | {number(opened(engine, 'warm'), 2)} "
                       f"| {ratio(opened(engine, 'cold'), opened('uplyft', 'cold'))} "
                       f"| {ratio(opened(engine, 'warm'), opened('uplyft', 'warm'))} |")
    out.append("")

    out += ["## Overlap with uplyft's top 10", "",
            "Mean share of the top 10 that both engines return (`overlap.py`: |A ∩ B| / max(|A|, |B|)); "
            "one-word and multi-word are the clean queries the issue asks about, the other mixes are for reference "
            "(sorted: equal prices may come in any order).", "",
            "| products | mix | peer | overlap@10 | jaccard@10 | top-1 same | both empty | hits only in uplyft | hits only in peer |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        for mix in MIXES:
            for overlap in (o for o in overlaps if o["size"] == size and o["mix"] == mix):
                out.append(f"| {size:,} | {mix} | {overlap['peer']} | {number(overlap.get('overlap'), 2)} "
                           f"| {number(overlap.get('jaccard'), 2)} | {number(overlap.get('top1_same'), 2)} "
                           f"| {overlap.get('both_empty')} | {overlap.get('only_ours_hit')} | {overlap.get('only_peer_hit')} |")
    out.append("")

    out += http_section(records)
    out += auth_flood_section(records)

    out += ["## Commands", "", "Every command run.sh ran, in order (output redirections left out; paths relative to the "
            "repository).", "", "<details><summary>commands</summary>", "", "```"]
    root = args.root.rstrip("/") + "/"
    with open(args.commands, encoding="utf-8") as handle:
        out += [line.rstrip("\n").replace(root, "") for line in handle if line.strip()]
    out += ["```", "", "</details>"]
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-record")
    build.add_argument("peer_json")
    build.add_argument("--size", type=int, required=True)
    build.add_argument("--wall-seconds", type=float, required=True)
    build.add_argument("--peak-rss-kb", type=int, required=True)
    query = commands.add_parser("query-record")
    query.add_argument("--size", type=int, required=True)
    query.add_argument("--peer", required=True)
    query.add_argument("--mix", choices=MIXES, required=True)
    query.add_argument("--procs", type=int, default=1)
    query.add_argument("--latency", nargs="+", required=True)
    query.add_argument("--rss", nargs="+", required=True)
    query.add_argument("--queries")
    query.add_argument("--results")
    query.add_argument("--peer-json")
    opening = commands.add_parser("open-record")
    opening.add_argument("--size", type=int, required=True)
    opening.add_argument("--peer", required=True)
    opening.add_argument("--state", choices=("cold", "warm"), required=True)
    opening.add_argument("--timing")
    opening.add_argument("--peer-json")
    typo_cost = commands.add_parser("typo-cost-record")
    typo_cost.add_argument("--size", type=int, required=True)
    typo_cost.add_argument("--typo-latency", required=True)
    typo_cost.add_argument("--typo-free-latency", required=True)
    flood = commands.add_parser("auth-flood-markdown")
    flood.add_argument("summary")
    report = commands.add_parser("render")
    report.add_argument("summary")
    report.add_argument("--name", required=True)
    report.add_argument("--commands", required=True)
    report.add_argument("--root", required=True)
    report.add_argument("--cold-open", type=int, choices=(0, 1), default=0)
    report.add_argument("--query-count", type=int, default=1000)
    args = parser.parse_args()
    {"build-record": build_record, "query-record": query_record, "open-record": open_record,
     "typo-cost-record": typo_cost_record, "render": render, "auth-flood-markdown": auth_flood_markdown}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
