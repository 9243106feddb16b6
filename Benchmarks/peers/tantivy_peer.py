#!/usr/bin/env python3
"""Tantivy (through the `tantivy` PyPI binding) as a benchmark peer of uplyft.

    tantivy_peer.py build CATALOG.jsonl INDEX_DIR [--threads N] [--heap-mb MB] [--analyzer NAME]
    tantivy_peer.py query INDEX_DIR QUERIES.tsv --mode clean|typo|prefix|fuzzy [--operator and|or] [--top 10]
                    [--results OUT.tsv] [--latency-log OUT.tsv]

Both print one JSON line on stdout. The index mirrors uplyft's fields: name, brand, category,
attrs (attribute values joined) and description, boosted 3 / 2 / 2 / 1.5 / 1 at query time.

Each query is timed inside this process with perf_counter_ns around query construction,
search and fetching the ids of the top hits, after an untimed warm-up pass over all queries.
The figures therefore include the Python <-> Rust call overhead, which `call_overhead_us`
(an empty query through the same path) estimates.

--operator or (the relevance benchmark) makes every word optional instead of required, as
Tantivy's query parser does by default: documents are ranked by the summed BM25 of the words
they have. --mode fuzzy is what a shop sets up for typos with BM25 kept: per word, the exact
(stemmed) term scored by BM25, or else a FuzzyTermQuery at Elasticsearch's AUTO distance (0
up to 2 letters, 1 up to 5, 2 above; none in words with digits), which Tantivy scores as a
constant (FUZZY_BOOST per field), so an exact match outranks a fuzzy one.

Per-query filters (see query_file.py) become required clauses scored 0, so BM25 is untouched:
a term query on `category_raw` (the category as one raw token) and a range query on the fast
`price` column; sort price_asc orders the hits by that column instead of by score.
"""
import json
import os
import statistics
import sys
import time

import tantivy

from peer_common import (add_output_options, attribute_text, directory_bytes, peer_parser,
                         print_query_report, read_products, require_queries, run_command, time_queries)
from query_file import write_results

FIELD_BOOSTS = {"name": 3.0, "brand": 2.0, "category": 2.0, "attrs": 1.5, "description": 1.0}
TEXT_FIELDS = list(FIELD_BOOSTS)
# en_stem is tantivy's built-in chain: simple tokenizer, remove tokens over 40 bytes, lowercase,
# Snowball English (Porter2) stemmer. It does not fold diacritics as uplyft does, so the
# optional en_stem_folded adds ascii folding; it is registered on every open because tantivy
# stores only the analyzer's name in the schema.
FOLDED_ANALYZER = "en_stem_folded"
ANALYZERS = ("en_stem", FOLDED_ANALYZER)
# The Python binding cannot read a field's analyzer back from the schema, so the build records
# it beside the index files (tantivy ignores files it did not write).
BUILD_NOTE = "peer-build.json"


def analyzer_chain(analyzer_name, stem):
    """The chain of `analyzer_name` (optionally without its stemmer): registered for the folded
    analyzer, and used to turn typed words into indexed terms outside the query parser."""
    builder = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
               .filter(tantivy.Filter.remove_long(40))
               .filter(tantivy.Filter.lowercase()))
    if analyzer_name == FOLDED_ANALYZER:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    if stem:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


def read_catalog(path):
    """Yields (id, text fields, display values) per catalog line; exits with the line number on
    malformed input."""
    for product_id, name, product in read_products(path):
        yield str(product_id), {
            "name": str(name),
            "brand": str(product.get("brand") or ""),
            "category": str(product.get("category") or ""),
            "attrs": attribute_text(product),
            "description": str(product.get("description") or ""),
        }, {
            "image": str(product.get("image") or ""),
            "price": product.get("price"),
            "rating": product.get("rating"),
            "stock": product.get("stock"),
        }


def build(args):
    started = time.perf_counter()
    os.makedirs(args.index_dir, exist_ok=True)
    if tantivy.Index.exists(args.index_dir):
        sys.exit(f"{args.index_dir} already holds an index; remove it first")
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_text_field("id", stored=True, tokenizer_name="raw")
    # With --store display (the default) Tantivy keeps what uplyft's index keeps: the fields
    # a result card shows, plus fast price/rating/stock columns for filters and sorts. That
    # makes the size and build-time comparison like for like; --store id is the bare minimum.
    store_display = args.store == "display"
    for field in TEXT_FIELDS:
        schema_builder.add_text_field(field, stored=store_display, tokenizer_name=args.analyzer)
    # Filters and sorts of the filtered and sorted query mixes, whatever is stored.
    schema_builder.add_text_field("category_raw", stored=False, tokenizer_name="raw")
    schema_builder.add_float_field("price", stored=store_display, indexed=True, fast=True)
    if store_display:
        schema_builder.add_text_field("image", stored=True, tokenizer_name="raw")
        schema_builder.add_float_field("rating", stored=True, fast=True)
        schema_builder.add_integer_field("stock", stored=True, fast=True)
    schema = schema_builder.build()
    index = tantivy.Index(schema, path=args.index_dir)
    index.register_tokenizer(FOLDED_ANALYZER, analyzer_chain(FOLDED_ANALYZER, stem=True))
    writer = index.writer(heap_size=args.heap_mb * 1_000_000, num_threads=args.threads)
    products = 0
    for product_id, fields, values in read_catalog(args.catalog):
        document = tantivy.Document()
        document.add_text("id", product_id)
        for field, text in fields.items():
            if text:
                document.add_text(field, text)
        if fields["category"]:
            document.add_text("category_raw", fields["category"])
        if isinstance(values["price"], (int, float)):
            document.add_float("price", float(values["price"]))
        if store_display:
            if values["image"]:
                document.add_text("image", values["image"])
            if isinstance(values["rating"], (int, float)):
                document.add_float("rating", float(values["rating"]))
            if isinstance(values["stock"], int):
                document.add_integer("stock", values["stock"])
        writer.add_document(document)
        products += 1
    writer.commit()
    writer.wait_merging_threads()
    build_seconds = time.perf_counter() - started
    index_bytes = directory_bytes(args.index_dir)
    with open(os.path.join(args.index_dir, BUILD_NOTE), "w", encoding="utf-8") as note:
        json.dump({"analyzer": args.analyzer}, note)
    print(json.dumps({
        "peer": "tantivy", "products": products, "build_seconds": round(build_seconds, 3),
        "index_bytes": index_bytes, "threads": args.threads,
        "analyzer": args.analyzer, "store": args.store, "tantivy": tantivy.__version__,
    }))


def max_typos_for_word_length(length):
    """uplyft's typo budget: none under 5 characters, 1 up to 8, 2 from 9."""
    if length < 5:
        return 0
    return 1 if length <= 8 else 2


def over_fields(make_field_query):
    """Should over all text fields of `make_field_query(field)`, each with uplyft's boost."""
    return tantivy.Query.boolean_query([
        (tantivy.Occur.Should, tantivy.Query.boost_query(make_field_query(field), boost))
        for field, boost in FIELD_BOOSTS.items()
    ])


def auto_fuzziness(word):
    """Elasticsearch's `fuzziness: AUTO`: 0 edits up to 2 characters, 1 up to 5, 2 above; none
    in words with digits (sizes and model numbers one edit apart are different products)."""
    if any(character.isdigit() for character in word) or len(word) <= 2:
        return 0
    return 1 if len(word) <= 5 else 2


# The constant score of a fuzzy match in one field, times the field's boost: about what one
# BM25 term contributes, so a misspelt word counts while exact matches still rank first.
FUZZY_BOOST = 0.5


def any_of(queries):
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, query) for query in queries])


def all_of(word_queries, occur=None):
    occur = occur or tantivy.Occur.Must
    return tantivy.Query.boolean_query([(occur, query) for query in word_queries])


class QueryBuilder:
    """Turns query text into a tantivy Query for one mode."""

    def __init__(self, index, analyzer_name, conjunctive=True):
        self.index = index
        self.conjunctive = conjunctive
        self.occur = tantivy.Occur.Must if conjunctive else tantivy.Occur.Should
        self.schema = index.schema
        self.stemming = analyzer_chain(analyzer_name, stem=True)
        self.plain = analyzer_chain(analyzer_name, stem=False)

    def clean(self, text):
        # The parser analyses each word with the field's analyzer and, with several default
        # fields, ORs the fields per word; conjunction_by_default makes every word required.
        # Lenient parsing drops syntax characters a shopper might type instead of failing.
        query, _errors = self.index.parse_query_lenient(
            text, default_field_names=TEXT_FIELDS, field_boosts=FIELD_BOOSTS,
            conjunction_by_default=self.conjunctive)
        return query

    def fuzzy(self, text):
        # Per word: the parser's BM25 query for the word (its analyzer, its field boosts), or
        # a fuzzy match of the word as typed and of its stem over every field.
        word_queries = []
        for word in self.plain.analyze(text):
            exact, _errors = self.index.parse_query_lenient(
                word, default_field_names=TEXT_FIELDS, field_boosts=FIELD_BOOSTS, conjunction_by_default=True)
            distance = auto_fuzziness(word)
            if distance == 0:
                word_queries.append(exact)
                continue
            stems = self.stemming.analyze(word) or [word]
            forms = sorted({word, stems[0]})
            fuzzy = tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.fuzzy_term_query(
                    self.schema, field, form, distance=distance, transposition_cost_one=True), boost * FUZZY_BOOST))
                for field, boost in FIELD_BOOSTS.items() for form in forms])
            word_queries.append(any_of([exact, fuzzy]))
        return all_of(word_queries, self.occur) if word_queries else tantivy.Query.empty_query()

    def typo(self, text):
        # FuzzyTermQuery does not analyse its text and the dictionary holds only stems, so each
        # word is matched both as its stem and as typed: a typo often derails the stemmer
        # ("oganic" stems to "ogan", while "organic" is indexed as "organic"). Typos that derail
        # it on both sides ("senakers" -> "senak" vs "sneaker") still miss; uplyft avoids that
        # by matching typos against unstemmed words. The budget comes from the typed word.
        word_queries = []
        for word in self.plain.analyze(text):
            stems = self.stemming.analyze(word)
            if not stems:
                continue
            distance = max_typos_for_word_length(len(word))
            forms = [stems[0]] if stems[0] == word else [stems[0], word]
            word_queries.append(over_fields(lambda field, forms=forms, distance=distance: any_of([
                tantivy.Query.fuzzy_term_query(self.schema, field, form, distance=distance,
                                               transposition_cost_one=True)
                for form in forms])))
        return all_of(word_queries, self.occur) if word_queries else tantivy.Query.empty_query()

    def prefix(self, text):
        # Every word but the last is an exact (stemmed) term; the last is a prefix of indexed
        # terms, taken unstemmed since stemming a truncated word can change it. A fuzzy term
        # query at distance 0 with prefix=True is tantivy's prefix match (an automaton walk
        # of the term dictionary, like RegexQuery on "prefix.*" without regex parsing).
        words = self.plain.analyze(text)
        if not words:
            return tantivy.Query.empty_query()
        word_queries = []
        for word in words[:-1]:
            for stem in self.stemming.analyze(word):
                word_queries.append(over_fields(
                    lambda field, stem=stem: tantivy.Query.term_query(self.schema, field, stem)))
        last = words[-1]
        word_queries.append(over_fields(
            lambda field: tantivy.Query.fuzzy_term_query(self.schema, field, last, distance=0, prefix=True)))
        return all_of(word_queries, self.occur)

    def filtered(self, text_query, query_filter):
        """`text_query` with the filter's clauses required but scored 0, so ranking stays BM25."""
        clauses = []
        if query_filter.category:
            clauses.append(tantivy.Query.term_query(self.schema, "category_raw", query_filter.category))
        if query_filter.min_price is not None or query_filter.max_price is not None:
            clauses.append(tantivy.Query.range_query(
                self.schema, "price", tantivy.FieldType.Float, query_filter.min_price, query_filter.max_price))
        if not clauses:
            return text_query
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, text_query)]
            + [(tantivy.Occur.Must, tantivy.Query.const_score_query(clause, 0.0)) for clause in clauses])


def built_analyzer(index_dir):
    try:
        with open(os.path.join(index_dir, BUILD_NOTE), encoding="utf-8") as note:
            name = json.load(note).get("analyzer")
    except (OSError, ValueError):
        return "en_stem"
    return name if name in ANALYZERS else "en_stem"


def query(args):
    queries = require_queries(args.queries)
    open_started = time.perf_counter_ns()
    index = tantivy.Index.open(args.index_dir)
    index.register_tokenizer(FOLDED_ANALYZER, analyzer_chain(FOLDED_ANALYZER, stem=True))
    searcher = index.searcher()
    open_ms = (time.perf_counter_ns() - open_started) / 1e6
    analyzer_name = built_analyzer(args.index_dir)

    builder = QueryBuilder(index, analyzer_name, conjunctive=args.operator == "and")
    make_query = {"clean": builder.clean, "typo": builder.typo, "prefix": builder.prefix, "fuzzy": builder.fuzzy}[args.mode]
    top = args.top

    def run(text, query_filter):
        search_query = make_query(text)
        if query_filter.is_empty:
            hits = searcher.search(search_query, top, count=False).hits
        else:
            search_query = builder.filtered(search_query, query_filter)
            if query_filter.sort == "price_asc":
                hits = searcher.search(search_query, top, count=False, order_by_field="price",
                                       order=tantivy.Order.Asc).hits
            else:
                hits = searcher.search(search_query, top, count=False).hits
        return [(score, searcher.doc(address).get_first("id")) for score, address in hits]

    for _, text, query_filter in queries:  # warm-up: page cache, term dictionary blocks, Python caches
        run(text, query_filter)
    latencies_ns, results = time_queries(queries, run, args.latency_log)

    empty = tantivy.Query.empty_query()
    overhead_ns = []
    for _ in range(1000):
        started = time.perf_counter_ns()
        searcher.search(empty, top, count=False)
        overhead_ns.append(time.perf_counter_ns() - started)

    if args.results:
        write_results(args.results, results)
    print_query_report("tantivy", args.mode, queries, open_ms, latencies_ns, results,
                       conjunctive=args.operator == "and",
                       call_overhead_us=round(statistics.median(overhead_ns) / 1000, 1), analyzer=analyzer_name)


def main():
    parser, build_command, query_command = peer_parser(__doc__, "time a TSV of queries")
    # Tantivy's own default when a program does not choose: one writer thread per core, at most 8.
    build_command.add_argument("--threads", type=int, default=min(8, os.cpu_count() or 1),
                               help="indexing threads (default: Tantivy's, one per core up to 8)")
    build_command.add_argument("--heap-mb", type=int, default=1000, help="writer heap, all threads (default 1000)")
    build_command.add_argument("--analyzer", choices=ANALYZERS, default="en_stem")
    build_command.add_argument("--store", choices=("display", "id"), default="display",
                               help="stored fields: what a result card shows (default, like uplyft) or the id only")
    query_command.add_argument("--mode", choices=("clean", "typo", "prefix", "fuzzy"), default="clean")
    query_command.add_argument("--operator", choices=("and", "or"), default="and",
                               help="every word required (default) or any word (ranked by BM25)")
    query_command.add_argument("--top", type=int, default=10)
    add_output_options(query_command)
    run_command(parser, build, query, counts=("threads", "top"))


if __name__ == "__main__":
    main()
