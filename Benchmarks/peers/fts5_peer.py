#!/usr/bin/env python3
"""SQLite FTS5 (Python's built-in sqlite3) as a benchmark peer of uplyft.

    fts5_peer.py build CATALOG.jsonl INDEX_DIR [--threads N] [--prefix-lengths "3 4 5"]
    fts5_peer.py query INDEX_DIR QUERIES.tsv --mode clean|typo|prefix [--operator and|or] [--top 10]
                 [--results OUT.tsv] [--latency-log OUT.tsv]

Same interface and output as tantivy_peer.py. One FTS5 table holds name, brand, category,
attrs (attribute values joined) and description, tokenised by `porter unicode61
remove_diacritics 2` (lowercase, diacritics folded, Porter stemmer: the original Porter
algorithm, not the Snowball English one uplyft uses). Ranking is bm25() with uplyft's field
weights, set once as the table's rank function so that `ORDER BY rank` uses them.

The FTS5 table is contentless (content=''), so the database holds the inverted index and the
column sizes bm25() needs but not the text, like the tantivy peer, which stores only ids; the
product ids, categories and prices live in a plain side table keyed by the same rowid
(`product_facets`), which per-query filters (see query_file.py) join on: `category = ?`,
`price >= ?`, `price <= ?`, and sort price_asc as `ORDER BY price`. --prefix-lengths adds FTS5's
prefix indexes (larger index, faster `word*`).

--operator or (the relevance benchmark) joins the quoted words with OR, so a product with any of
them is a hit and bm25() ranks the ones with more and rarer words first.

FTS5 has no typo tolerance (its spellfix1 companion is a separate extension that Python does
not ship), so --mode typo prints {"supported": false}.
"""
import json
import os
import sqlite3
import statistics
import sys
import time

from peer_common import (add_output_options, attribute_text, peer_parser, print_query_report,
                         read_products, require_queries, run_command, time_queries)
from query_file import write_results

FIELD_WEIGHTS = {"name": 3.0, "brand": 2.0, "category": 2.0, "attrs": 1.5, "description": 1.0}
DATABASE_NAME = "catalog.fts5.db"


def read_catalog(path):
    """Yields (id, category, price, name, brand, category, attrs, description); exits with the line number on
    malformed input."""
    for product_id, name, product in read_products(path):
        price = product.get("price")
        yield (
            str(product_id), str(product.get("category") or ""),
            float(price) if isinstance(price, (int, float)) else None,
            str(name),
            str(product.get("brand") or ""), str(product.get("category") or ""),
            attribute_text(product),
            str(product.get("description") or ""),
        )


def build(args):
    started = time.perf_counter()
    os.makedirs(args.index_dir, exist_ok=True)
    database_path = os.path.join(args.index_dir, DATABASE_NAME)
    if os.path.exists(database_path):
        sys.exit(f"{database_path} already exists; remove it first")
    connection = sqlite3.connect(database_path, isolation_level=None)
    columns = ", ".join(FIELD_WEIGHTS)
    prefix_option = f", prefix='{args.prefix_lengths}'" if args.prefix_lengths else ""
    connection.execute(
        f"CREATE VIRTUAL TABLE products USING fts5({columns}, content=''{prefix_option}, "
        "tokenize='porter unicode61 remove_diacritics 2')")
    connection.execute("CREATE TABLE product_facets (rowid INTEGER PRIMARY KEY, pid TEXT NOT NULL, "
                       "category TEXT NOT NULL, price REAL)")
    # bm25() takes one weight per column, in the order the columns were declared.
    weights = ", ".join(str(weight) for weight in FIELD_WEIGHTS.values())
    connection.execute(f"INSERT INTO products(products, rank) VALUES ('rank', 'bm25({weights})')")
    connection.execute("BEGIN")
    insert_text = f"INSERT INTO products(rowid, {columns}) VALUES (?, {', '.join('?' * len(FIELD_WEIGHTS))})"
    products = 0
    for rowid, (product_id, category, price, *texts) in enumerate(read_catalog(args.catalog), 1):
        connection.execute("INSERT INTO product_facets VALUES (?, ?, ?, ?)", (rowid, product_id, category, price))
        connection.execute(insert_text, (rowid, *texts))
        products = rowid
    connection.execute("COMMIT")
    # Merges all b-tree segments into one, as tantivy's wait_merging_threads settles its segments.
    connection.execute("INSERT INTO products(products) VALUES ('optimize')")
    connection.execute("VACUUM")
    connection.close()
    build_seconds = time.perf_counter() - started
    print(json.dumps({
        "peer": "fts5", "products": products, "build_seconds": round(build_seconds, 3),
        "index_bytes": os.path.getsize(database_path), "threads": 1,
        "prefix_lengths": args.prefix_lengths or "", "sqlite": sqlite3.sqlite_version,
    }))


def match_expression(text, last_word_is_prefix, operator="and"):
    """An FTS5 query of every word as a quoted string, so that shopper input never trips the
    query syntax; juxtaposed strings are ANDed (or joined with OR). The last word ends in * in
    prefix mode."""
    words = text.split()
    if operator == "or":
        # A word of symbols alone ("-", '"') is no token; as an OR branch it would be an empty
        # phrase, which FTS5 refuses.
        words = [word for word in words if any(character.isalnum() for character in word)]
    if not words:
        return None
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    if last_word_is_prefix:
        quoted[-1] += " *"
    return (" OR " if operator == "or" else " ").join(quoted)


def filtered_statement(query_filter):
    """SQL and its parameters (after the MATCH expression, before the limit) for a filtered or
    sorted query: the FTS5 hits joined with the side table on rowid."""
    conditions, parameters = [], []
    if query_filter.category:
        conditions.append("facet.category = ?")
        parameters.append(query_filter.category)
    if query_filter.min_price is not None:
        conditions.append("facet.price >= ?")
        parameters.append(query_filter.min_price)
    if query_filter.max_price is not None:
        conditions.append("facet.price <= ?")
        parameters.append(query_filter.max_price)
    where = "".join(f" AND {condition}" for condition in conditions)
    order = "facet.price, products.rank" if query_filter.sort == "price_asc" else "products.rank"
    score = "facet.price" if query_filter.sort == "price_asc" else "-products.rank"
    sql = (f"SELECT facet.pid, {score} FROM products JOIN product_facets AS facet ON facet.rowid = products.rowid "
           f"WHERE products MATCH ?{where} ORDER BY {order} LIMIT ?")
    return sql, parameters


def query(args):
    queries = require_queries(args.queries)
    if args.mode == "typo":
        print(json.dumps({"peer": "fts5", "mode": "typo", "queries": len(queries), "supported": False}))
        return
    database_path = os.path.join(args.index_dir, DATABASE_NAME)
    if not os.path.exists(database_path):
        sys.exit(f"{database_path} does not exist; run build first")
    open_started = time.perf_counter_ns()
    connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    # The inner query lets FTS5 keep only the top rows by rank before ids are looked up.
    statement = ("SELECT (SELECT pid FROM product_facets WHERE rowid = hit.rowid), hit.score FROM "
                 "(SELECT rowid, -rank AS score FROM products WHERE products MATCH ? ORDER BY rank LIMIT ?) AS hit")
    connection.execute(statement, ('"x"', 1)).fetchall()  # loads the schema, as opening tantivy does
    open_ms = (time.perf_counter_ns() - open_started) / 1e6
    prefix = args.mode == "prefix"
    top = args.top

    def run(text, query_filter):
        expression = match_expression(text, prefix, args.operator)
        if expression is None:
            return []
        # sqlite3 caches each prepared statement by its text, so this is bind + step, as a
        # server holding prepared statements would do.
        if query_filter.is_empty:
            rows = connection.execute(statement, (expression, top))
        else:
            sql, parameters = filtered_statement(query_filter)
            rows = connection.execute(sql, (expression, *parameters, top))
        return [(score, pid) for pid, score in rows]

    for _, text, query_filter in queries:  # warm-up: page cache, statement cache
        run(text, query_filter)
    latencies_ns, results = time_queries(queries, run, args.latency_log)

    overhead_ns = []
    for _ in range(1000):
        started = time.perf_counter_ns()
        connection.execute("SELECT 1").fetchall()
        overhead_ns.append(time.perf_counter_ns() - started)

    if args.results:
        write_results(args.results, results)
    print_query_report("fts5", args.mode, queries, open_ms, latencies_ns, results, conjunctive=args.operator == "and",
                       call_overhead_us=round(statistics.median(overhead_ns) / 1000, 1))


def main():
    parser, build_command, query_command = peer_parser(__doc__, "time a TSV of queries")
    build_command.add_argument("--threads", type=int, default=1,
                               help="accepted for a common interface; FTS5 indexes on one thread")
    build_command.add_argument("--prefix-lengths", default="",
                               help="FTS5 prefix index lengths, e.g. \"3 4 5\" (default none)")
    query_command.add_argument("--mode", choices=("clean", "typo", "prefix"), default="clean")
    query_command.add_argument("--operator", choices=("and", "or"), default="and",
                               help="every word required (default) or any word (ranked by bm25())")
    query_command.add_argument("--top", type=int, default=10)
    add_output_options(query_command)
    run_command(parser, build, query)


if __name__ == "__main__":
    main()
