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
import json
import os
import sys
import time

import xapian

from peer_common import (add_output_options, attribute_text, directory_bytes, peer_parser,
                         print_query_report, read_products, require_queries, run_command, time_queries)
from query_file import write_results

FIELD_WDF = {"name": 6, "brand": 4, "category": 4, "attrs": 3, "description": 2}


def read_catalog(path):
    """Yields (id, fields) per product, fields keyed as FIELD_WDF."""
    for product_id, name, product in read_products(path):
        yield str(product_id), {
            "name": str(name), "brand": str(product.get("brand") or ""),
            "category": str(product.get("category") or ""),
            "attrs": attribute_text(product),
            "description": str(product.get("description") or ""),
        }


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
    queries = require_queries(args.queries)
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
    latencies_ns, results = time_queries(queries, run, args.latency_log, filters=False)
    if args.results:
        write_results(args.results, results)
    print_query_report("xapian", "spelling" if not args.no_spelling else "clean", queries, open_ms, latencies_ns,
                       results, conjunctive=False, corrected_queries=corrected_queries, xapian=xapian.version_string())


def main():
    parser, _, query_command = peer_parser(__doc__, "run a TSV of queries")
    query_command.add_argument("--top", type=int, default=10)
    query_command.add_argument("--no-spelling", action="store_true", help="run queries as typed, without corrections")
    add_output_options(query_command)
    run_command(parser, build, query)


if __name__ == "__main__":
    main()
