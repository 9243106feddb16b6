#!/usr/bin/env python3
"""bm25s (PyPI: BM25 over sparse matrices, numpy) as a relevance peer of uplyft.

    bm25s_peer.py build CATALOG.jsonl INDEX_DIR
    bm25s_peer.py query INDEX_DIR QUERIES.tsv [--top 10] [--results OUT.tsv] [--latency-log OUT.tsv]

Same interface and output lines as tantivy_peer.py (no filter columns). bm25s has no fields, so
each product is one text: name, brand, category, attribute values and description joined. It is
set up as its README shows: bm25s.tokenize with English stop words and PyStemmer's Snowball
English stemmer, its default token pattern (words of two or more letters or digits, so the "1"
and "2" of "1/2" are dropped), and BM25 with its defaults (Lucene's variant, k1 = 1.5, b = 0.75).
Every query word is optional: documents are ranked by the summed BM25 of the words they have;
words the index has never seen are left out.
"""
import json
import os
import sys
import time

import bm25s
import Stemmer

from peer_common import (add_output_options, attribute_text, peer_parser, print_query_report,
                         read_products, require_queries, run_command, time_queries)
from query_file import write_results

IDS_FILE = "product_ids.json"


def read_catalog(path):
    """Yields (id, text) per product: its fields joined into the one text bm25s indexes."""
    for product_id, name, product in read_products(path):
        yield str(product_id), " ".join(str(part) for part in (
            name, product.get("brand") or "", product.get("category") or "", attribute_text(product),
            product.get("description") or ""))


def build(args):
    started = time.perf_counter()
    if os.path.exists(args.index_dir) and os.listdir(args.index_dir):
        sys.exit(f"{args.index_dir} already holds files; remove it first")
    ids, texts = [], []
    for product_id, text in read_catalog(args.catalog):
        ids.append(product_id)
        texts.append(text)
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    retriever.save(args.index_dir, show_progress=False)
    with open(os.path.join(args.index_dir, IDS_FILE), "w", encoding="utf-8") as out:
        json.dump(ids, out)
    size = sum(os.path.getsize(os.path.join(args.index_dir, name)) for name in os.listdir(args.index_dir))
    print(json.dumps({"peer": "bm25s", "products": len(ids), "build_seconds": round(time.perf_counter() - started, 3),
                      "index_bytes": size, "threads": 1, "bm25s": bm25s.__version__}))


def query(args):
    queries = require_queries(args.queries)
    open_started = time.perf_counter_ns()
    retriever = bm25s.BM25.load(args.index_dir, show_progress=False, verbosity=0)
    with open(os.path.join(args.index_dir, IDS_FILE), encoding="utf-8") as file:
        ids = json.load(file)
    open_ms = (time.perf_counter_ns() - open_started) / 1e6
    stemmer = Stemmer.Stemmer("english")
    vocabulary = retriever.vocab_dict
    top = min(args.top, len(ids))

    def run(text):
        words = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)[0]
        known = [word for word in words if word in vocabulary]
        if not known:
            return []
        documents, scores = retriever.retrieve([known], k=top, show_progress=False, n_threads=1)
        return [(float(score), ids[int(document)]) for document, score in zip(documents[0], scores[0]) if score > 0]

    latencies_ns, results = time_queries(queries, run, args.latency_log, filters=False)
    if args.results:
        write_results(args.results, results)
    print_query_report("bm25s", "clean", queries, open_ms, latencies_ns, results, conjunctive=False,
                       bm25s=bm25s.__version__)


def main():
    parser, _, query_command = peer_parser(__doc__, "run a TSV of queries")
    query_command.add_argument("--top", type=int, default=10)
    add_output_options(query_command)
    run_command(parser, build, query)


if __name__ == "__main__":
    main()
