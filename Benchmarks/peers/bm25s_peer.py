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
import argparse
import json
import os
import sys
import time

import bm25s
import Stemmer

from query_file import latency_summary, read_queries, write_latency_log, write_results

IDS_FILE = "product_ids.json"


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
            values = " ".join(str(v) for v in attributes.values()) if isinstance(attributes, dict) else ""
            yield str(product_id), " ".join(str(part) for part in (
                name, product.get("brand") or "", product.get("category") or "", values, product.get("description") or ""))


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
    queries = read_queries(args.queries)
    if not queries:
        sys.exit(f"{args.queries}: no queries")
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
    report = {"peer": "bm25s", "mode": "clean", "queries": len(queries), "open_ms": round(open_ms, 2)}
    report.update(latency_summary(latencies_ns))
    report.update({"conjunctive": False, "zero_hit_queries": sum(1 for _, hits in results if not hits),
                   "bm25s": bm25s.__version__})
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
