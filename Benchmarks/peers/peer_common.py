"""What the four peer scripts (tantivy, fts5, xapian, bm25s) share beside the query file
(query_file.py): their command line, reading the catalog, the timed pass over the queries and
the JSON line that reports it.

Every peer is run as

    NAME_peer.py build CATALOG.jsonl INDEX_DIR [peer options]
    NAME_peer.py query INDEX_DIR QUERIES.tsv [peer options] [--top N] [--results OUT.tsv]
                 [--latency-log OUT.tsv]

and prints one JSON line on stdout. What a peer indexes, how it ranks and what it does before
and after the timed pass (warm-up, call overhead) stay in its own script.
"""
import argparse
import json
import os
import sys
import time

from query_file import latency_summary, read_queries, write_latency_log


def peer_parser(doc, query_help):
    """(parser, build_command, query_command): the parser described by the first paragraph of
    the peer's docstring `doc`, with `build CATALOG INDEX_DIR` and `query INDEX_DIR QUERIES`,
    for the peer to add its own options to. `query_help` is the query command's one-line help."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="index a JSONL catalog")
    build_command.add_argument("catalog")
    build_command.add_argument("index_dir")
    query_command = commands.add_parser("query", help=query_help)
    query_command.add_argument("index_dir")
    query_command.add_argument("queries")
    return parser, build_command, query_command


def add_output_options(query_command):
    """--results and --latency-log, added after the peer's own query options (and its --top)
    so that each peer's help lists its options in the order it always has."""
    query_command.add_argument("--results", help="write qid<TAB>rank<TAB>pid<TAB>score here")
    query_command.add_argument("--latency-log", help="write qid<TAB>microseconds per query here")


def run_command(parser, build, query, counts=("top",)):
    """Parses the command line and runs `build(args)` or `query(args)`. Each option named in
    `counts` that the chosen command has (--top of every query; --threads of a build that uses
    threads) must be at least 1, else it is a usage error (exit status 2)."""
    args = parser.parse_args()
    for name in counts:
        value = getattr(args, name, None)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.command == "build":
        build(args)
    else:
        query(args)


def read_products(path):
    """Yields (product_id, name, product) per non-blank line of the JSON Lines catalog at
    `path`: the id and name as the file has them and the whole parsed object. Exits with the
    file, line number and reason at the first line that is not an object with an id and a name
    (lines before it have been yielded by then)."""
    with open(path, encoding="utf-8") as catalog:
        for line_number, line in enumerate(catalog, 1):
            if not line.strip():
                continue
            try:
                product = json.loads(line)
                product_id, name = product["id"], product["name"]
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"{path}:{line_number}: not a product with id and name ({error})")
            yield product_id, name, product


def attribute_text(product):
    """The values of the product's `attributes` object joined by single spaces; "" when it
    has none or they are not an object."""
    attributes = product.get("attributes") or {}
    return " ".join(str(value) for value in attributes.values()) if isinstance(attributes, dict) else ""


def directory_bytes(path):
    """Apparent size in bytes of every file under `path`, as `du -sb` counts it."""
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, files in os.walk(path) for name in files)


def require_queries(path):
    """The queries of `path` (see query_file.read_queries); exits when it holds none."""
    queries = read_queries(path)
    if not queries:
        sys.exit(f"{path}: no queries")
    return queries


def time_queries(queries, run, latency_log=None, filters=True):
    """Runs each of `queries` once, in order, timing only the call of `run` with
    perf_counter_ns: `run(text, query_filter)`, or `run(text)` when the peer takes no filters
    (`filters=False`). `run` returns the hits as [(score, product_id)]. Returns (latencies in
    nanoseconds, [(qid, hits)]) and writes the latency log when `latency_log` names a file.

    The two loops differ only in that call, so that what each peer times is one call of its
    own `run` with exactly the arguments it uses."""
    latencies_ns, results = [], []
    if filters:
        for qid, text, query_filter in queries:
            started = time.perf_counter_ns()
            hits = run(text, query_filter)
            latencies_ns.append(time.perf_counter_ns() - started)
            results.append((qid, hits))
    else:
        for qid, text, _ in queries:
            started = time.perf_counter_ns()
            hits = run(text)
            latencies_ns.append(time.perf_counter_ns() - started)
            results.append((qid, hits))
    if latency_log:
        write_latency_log(latency_log, [qid for qid, _ in results], latencies_ns)
    return latencies_ns, results


def print_query_report(peer, mode, queries, open_ms, latencies_ns, results, conjunctive, **details):
    """Prints the query command's JSON line: peer, mode, number of queries, open time (ms),
    the latency summary (µs), whether every word was required, how many queries had no hit,
    then the peer's own `details` in the order given."""
    report = {"peer": peer, "mode": mode, "queries": len(queries), "open_ms": round(open_ms, 2)}
    report.update(latency_summary(latencies_ns))
    report.update({"conjunctive": conjunctive, "zero_hit_queries": sum(1 for _, hits in results if not hits)})
    report.update(details)
    print(json.dumps(report))
