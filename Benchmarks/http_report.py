"""Markdown report of one Benchmarks/http.sh run: wrk's rows (http_bench.sh's JSON lines), the
machine, its load before and after, and the ratios issue 16's targets are stated in.

    python3 Benchmarks/http_report.py RUN.jsonl --products N --queries Q.tsv --words W \
        --started DATE --load-before "L1 L5 L15" --load-after "L1 L5 L15" --revision REV
"""
import argparse
import json
import platform

TARGETS = ["uplyft-health", "uplyft-search", "uplyft-chat", "nginx-static"]


def cpu_model():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ratio(numerator, denominator):
    """A percentage, blank when either side is missing."""
    if not numerator or not denominator:
        return ""
    return f"{100 * numerator / denominator:.1f}%"


def render(records, arguments):
    setup = next((r for r in records if r.get("target") == "setup"), {})
    runs = [r for r in records if r.get("target") in TARGETS]
    rate = {(r["target"], r["connections"]): r["requests_per_second"] for r in runs}
    p99 = {(r["target"], r["connections"]): r["p99_ms"] for r in runs}
    connections = sorted({r["connections"] for r in runs})
    query_count = sum(1 for _ in open(arguments.queries, encoding="utf-8"))
    out = [
        "# HTTP on loopback: uplyft against nginx (issue 16)", "",
        f"- Date: {arguments.started}; revision {arguments.revision}.",
        f"- Machine: {cpu_model()}, {setup.get('cores', '?')} cores, {platform.system()} {platform.release()}; "
        "server, wrk and nginx share the cores.",
        f"- Load average (1, 5, 15 min) before: {arguments.load_before}; after: {arguments.load_after}.",
        f"- Catalog: {arguments.products:,} products; {query_count} queries of at most {arguments.words} words "
        "cycled through, `page_size=10`; chat posts the same texts as one signed-in shopper.",
        f"- wrk: {setup.get('wrk', '?')}, {setup.get('duration_seconds', '?')} s a run, at most 2 threads; "
        f"nginx: {setup.get('nginx', 'none')}, one worker per core, no access log, serving a "
        f"{setup.get('body_bytes', '?')}-byte static file (the median search answer's size).",
        "- Every run counts answers outside 2xx (a wrk `response` hook); the run fails on any.", "",
        "| target | connections | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(runs, key=lambda r: (TARGETS.index(r["target"]), r["connections"])):
        out.append(f"| {r['target']} | {r['connections']} | {r['requests_per_second']:,.0f} | {r['p50_ms']:.2f} "
                   f"| {r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {r['max_ms']:.2f} | {r['non_2xx']} | {r['socket_errors']} |")
    out += ["", "## Ratios", "",
            "| connections | search / nginx | search / health | chat / search | search p99 ms |",
            "|---:|---:|---:|---:|---:|"]
    for count in connections:
        search = rate.get(("uplyft-search", count))
        out.append(f"| {count} | {ratio(search, rate.get(('nginx-static', count)))} "
                   f"| {ratio(search, rate.get(('uplyft-health', count)))} "
                   f"| {ratio(rate.get(('uplyft-chat', count)), search)} "
                   f"| {p99.get(('uplyft-search', count), float('nan')):.2f} |")
    out += ["", "Targets (issue 16): search at least 50% of nginx at 64 connections; search p99 under 5 ms at 16 "
            "connections; chat at least 50% of search at 16 connections.", ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("run")
    parser.add_argument("--products", type=int, required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--words", type=int, required=True)
    parser.add_argument("--started", required=True)
    parser.add_argument("--load-before", required=True)
    parser.add_argument("--load-after", required=True)
    parser.add_argument("--revision", required=True)
    arguments = parser.parse_args()
    records = [json.loads(line) for line in open(arguments.run, encoding="utf-8") if line.strip()]
    print(render(records, arguments))


if __name__ == "__main__":
    main()
