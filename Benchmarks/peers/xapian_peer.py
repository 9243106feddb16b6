#!/usr/bin/env python3
"""Xapian (Debian's python3-xapian, run by /usr/bin/python3) as a relevance peer of uplyft.

    xapian_peer.py build CATALOG.jsonl INDEX_DIR
    xapian_peer.py query INDEX_DIR QUERIES.tsv [--top 10] [--no-spelling] [--results OUT.tsv]
                   [--latency-log OUT.tsv]

Same interface and output lines as tantivy_peer.py (filter columns are not supported: the
relevance queries have none). The fields name, brand, category, attrs (attribute values joined)
and description go into one free-text index by Xapian's TermGenerator with the English
Snowball stemmer (STEM_SOME: stemmed terms beside the words as written), each field's
within-document frequencies multiplied by FIELD_WDF, which is how Xapian weights fields:
uplyft's 3 / 2 / 2 / 1.5 / 1 doubled to whole numbers. Ranking is BM25Weight with Xapian's
defaults (k1 = 1, b = 0.5).

Queries go through QueryParser with OR as the default operator (Xapian's default; a product
with more of the words ranks higher). Spelling: the build adds every indexed word to Xapian's
spelling dictionary, and a query for which Xapian suggests a correction (FLAG_SPELLING_CORRECTION,
a word absent from the dictionary replaced by the nearest present one) is run as corrected, as
a shop showing "results for ..." does. --no-spelling runs queries as typed.
"""
import argparse
import json
import os
import statistics
import sys
import time

import xapian

from query_file import latency_summary, read_queries, write_latency_log, write_results

FIELD_WDF = {"name": 6, "brand": 4, "category": 4, "attrs": 3, "description": 2}


def read_catalog(path):
    with open(path, encoding="utf-8") as catalog:
        for line_number, line in enumerate(catalog, 1):
            if not line.strip():
                continue
            try:
                product = json.loads(line)
                product_id, name = product["id"], product["name"]
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"{path}:{line_number}: not a product with id and name ({error})")
            attributes = product.get("attributes") or {}
            yield str(product_id), {
                "name": str(name), "brand": str(product.get("brand") or ""),
                "category": str(product.get("category") or ""),
                "attrs": " ".join(str(v) for v in attributes.values()) if isinstance(attributes, dict) else "",
                "description": str(product.get("description") or ""),
            }


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, files in os.walk(path) for name in files)


def build(args):
    started = time.perf_counter()
    if os.path.exists(args.index_dir) and os.listdir(args.index_dir):
        sys.exit(f"{args.index_dir} already holds files; remove it first")
    database = xapian.WritableDatabase(args.index_dir, xapian.DB_CREATE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    generator.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    generator.set_database(database)
    generator.set_flags(xapian.TermGenerator.FLAG_SPELLING)
    products = 0
    for product_id, fields in read_catalog(args.catalog):
        document = xapian.Document()
        generator.set_document(document)
        for field, wdf in FIELD_WDF.items():
            if fields[field]:
                generator.index_text(fields[field], wdf)
                generator.increase_termpos()  # no phrase across two fields
        document.set_data(product_id)
        database.add_document(document)
        products += 1
    database.commit()
    database.close()
    print(json.dumps({"peer": "xapian", "products": products, "build_seconds": round(time.perf_counter() - started, 3),
                      "index_bytes": directory_bytes(args.index_dir), "threads": 1, "xapian": xapian.version_string()}))


def query(args):
    queries = read_queries(args.queries)
    if not queries:
        sys.exit(f"{args.queries}: no queries")
    open_started = time.perf_counter_ns()
    database = xapian.Database(args.index_dir)
    open_ms = (time.perf_counter_ns() - open_started) / 1e6
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_database(database)
    parser.set_default_op(xapian.Query.OP_OR)
    flags = xapian.QueryParser.FLAG_DEFAULT
    if not args.no_spelling:
        flags |= xapian.QueryParser.FLAG_SPELLING_CORRECTION
    enquire = xapian.Enquire(database)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    corrected_queries = 0

    def parse(text):
        try:
            return parser.parse_query(text, flags)
        except xapian.QueryParserError:
            # Text that is not valid query syntax ("55\"", an unmatched bracket) is taken word by word.
            return parser.parse_query(text, 0)

    def run(text):
        nonlocal corrected_queries
        parsed = parse(text)
        if not args.no_spelling:
            corrected = parser.get_corrected_query_string()
            if corrected:
                corrected_queries += 1
                # Original OR corrected: the correction adds its words' matches, and the words
                # as typed keep theirs ("inches" is corrected to "inch", "bits" to "fits").
                parsed = xapian.Query(xapian.Query.OP_OR, parsed,
                                      parse(corrected.decode("utf-8") if isinstance(corrected, bytes) else corrected))
        enquire.set_query(parsed)
        return [(match.weight, match.document.get_data().decode("utf-8")) for match in enquire.get_mset(0, args.top)]

    for _, text, _ in queries:
        run(text)
    corrected_queries = 0
    latencies_ns, results = [], []
    for qid, text, _ in queries:
        started = time.perf_counter_ns()
        hits = run(text)
        latencies_ns.append(time.perf_counter_ns() - started)
        results.append((qid, hits))
    if args.latency_log:
        write_latency_log(args.latency_log, [qid for qid, _ in results], latencies_ns)
    if args.results:
        write_results(args.results, results)
    report = {"peer": "xapian", "mode": "spelling" if not args.no_spelling else "clean", "queries": len(queries),
              "open_ms": round(open_ms, 2)}
    report.update(latency_summary(latencies_ns))
    report.update({"conjunctive": False, "zero_hit_queries": sum(1 for _, hits in results if not hits),
                   "corrected_queries": corrected_queries, "xapian": xapian.version_string()})
    print(json.dumps(report))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="index a JSONL catalog")
    build_command.add_argument("catalog")
    build_command.add_argument("index_dir")
    query_command = commands.add_parser("query", help="run a TSV of queries")
    query_command.add_argument("index_dir")
    query_command.add_argument("queries")
    query_command.add_argument("--top", type=int, default=10)
    query_command.add_argument("--no-spelling", action="store_true", help="run queries as typed, without corrections")
    query_command.add_argument("--results", help="write qid<TAB>rank<TAB>pid<TAB>score here")
    query_command.add_argument("--latency-log", help="write qid<TAB>microseconds per query here")
    args = parser.parse_args()
    if args.command == "build":
        build(args)
    else:
        if args.top < 1:
            parser.error("--top must be at least 1")
        query(args)


if __name__ == "__main__":
    main()
