#!/usr/bin/env python3
"""Samples shopper-like queries from a JSONL catalog, reproducibly, as `qid<TAB>query` lines.

    make_queries.py CATALOG.jsonl [--count 1000] [--seed 42] [--mix MIX | --typo | --prefix] > queries.tsv

A third of the queries have one word, a third two and a third three (while distinct ones last).
Words come from one real product: plain words of its name kept in the name's order (brand,
modifiers, type word: "sony wireless headphones"), its brand, and sometimes its colour
attribute in front ("black headphones"), so every clean query matches at least that product
when all words are required. --typo and --prefix rewrite the very same queries
(same seed, same qids) so that modes can be compared query by query:
  --typo   one realistic typo (adjacent transposition, keyboard-neighbour substitution or
           deletion, never on the first letter) in one word of 5 or more letters, leaving at
           least 5 letters so that the engines' typo budget allows one edit; a query with
           no such word is kept as it is.
  --prefix the last word cut to its first 3-5 characters (and at least one short of the whole
           word), as typed while searching as you type.

--mix names the query mixes of run.sh, each kept in its own file:
  one-word    one word per query          multi-word  two or three words per query
  typo        as --typo                   prefix      as --prefix
  filtered    1-3 words, each query with a filter that its source product passes: odd qids
              its category, even qids the price band holding its price
  sorted      1-3 words, sorted by price ascending
  few-full    1-3 words, each from the name of a different product drawn at random, so that
              few products (often none) have every word: what shoppers type more often than
              one product's words, and what runs the partial-match tiers and typo look-ups
filtered and sorted lines carry the filter as extra columns,
`qid<TAB>query<TAB>category<TAB>min_price<TAB>max_price<TAB>sort`, an empty column meaning
"none"; the other mixes are plain `qid<TAB>query`.
"""
import argparse
import json
import random
import re
import sys

# Plain words only: numbers and model numbers ("wh-1000xm5") are not what shoppers type with typos.
PLAIN_WORD = re.compile(r"[^\W\d_]{3,}")
STOP_WORDS = {"and", "for", "the", "with", "from", "in", "of", "set", "new", "pack"}
KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
# Inclusive price bands (dollars) for the filtered mix: few, so that an engine that takes one
# filter per batch run (uplyft's CLI) needs few runs, and wide enough to hold many products.
PRICE_BANDS = [(0.0, 24.99), (25.0, 49.99), (50.0, 99.99), (100.0, 249.99), (250.0, 100000.0)]
MIXES = ("one-word", "multi-word", "typo", "prefix", "filtered", "sorted", "few-full")


def keyboard_neighbours():
    """Letters beside each letter on a QWERTY row: the usual substitution typos."""
    neighbours = {}
    for row in KEYBOARD_ROWS:
        for position, letter in enumerate(row):
            neighbours[letter] = row[max(0, position - 1):position] + row[position + 1:position + 2]
    return neighbours


NEIGHBOURS = keyboard_neighbours()


def plain_words(text):
    if not isinstance(text, str):
        return []
    return [word for word in PLAIN_WORD.findall(text) if word.lower() not in STOP_WORDS]


def query_sources(catalog_path, limit):
    """(name words, brand, colour, category, price) for up to `limit` products with at least one
    plain name word."""
    sources = []
    with open(catalog_path, encoding="utf-8") as catalog:
        for line_number, line in enumerate(catalog, 1):
            if not line.strip():
                continue
            try:
                product = json.loads(line)
                name = str(product["name"])
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"{catalog_path}:{line_number}: not a product with a name ({error})")
            words = plain_words(name)
            if not words:
                continue
            attributes = product.get("attributes")
            colour = attributes.get("color") if isinstance(attributes, dict) else None
            price = product.get("price")
            sources.append((words, product.get("brand"), colour, product.get("category"),
                            price if isinstance(price, (int, float)) else None))
            if len(sources) >= limit:
                break
    return sources


def sample_query(rng, words, brand, colour, word_count):
    """One query of up to `word_count` words from one product, in the name's order (which is
    shopper order: "sony wireless headphones"), sometimes led by the colour ("black headphones")."""
    colour_words = [word.lower() for word in plain_words(colour)] if isinstance(colour, str) else []
    name_words = []
    brand_words = [word.lower() for word in plain_words(brand)] if isinstance(brand, str) else []
    for word in [word.lower() for word in words]:
        if word not in name_words and word not in colour_words:
            name_words.append(word)
    name_words = [word for word in brand_words if word not in name_words] + name_words
    if not name_words:
        name_words = colour_words
    lead = []
    if colour_words and word_count > 1 and rng.random() < 0.4:
        lead = colour_words[:1]
        word_count -= 1
    positions = sorted(rng.sample(range(len(name_words)), min(word_count, len(name_words))))
    return " ".join(lead + [name_words[position] for position in positions])


def sample_mixed_query(rng, sources, word_count):
    """One query of `word_count` distinct words, each a plain name word of another product."""
    words = []
    for _ in range(20 * word_count):
        if len(words) == word_count:
            break
        name_words, _, _, _, _ = rng.choice(sources)
        word = rng.choice(name_words).lower()
        if word not in words:
            words.append(word)
    return " ".join(words)


def price_band(price):
    for low, high in PRICE_BANDS:
        if low <= price <= high:
            return low, high
    return None


def filter_columns(number, category, price):
    """The filter of query `number` as (category, min, max, sort) columns: its product's category
    on odd numbers, its product's price band on even ones (or the category when it has no price)."""
    band = price_band(price) if price is not None else None
    if (number % 2 == 0 and band) or not isinstance(category, str) or not category:
        if band:
            return ["", f"{band[0]:g}", f"{band[1]:g}", ""]
        return ["", "", "", ""]
    return [category, "", "", ""]


def add_typo(rng, query):
    words = query.split(" ")
    eligible = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not eligible:
        return query
    position = rng.choice(eligible)
    word = words[position]
    # A deletion only in words of 6+ letters: the typed word keeps the 5 letters that earn it
    # a typo budget (see max_typos_for_word_length in the peers and uplyft's query words).
    for _ in range(20):  # a transposition of two equal letters changes nothing: try another
        kinds = ("transposition", "substitution", "deletion") if len(word) > 5 else ("transposition", "substitution")
        kind = rng.choice(kinds)
        at = rng.randrange(1, len(word) - 1)
        if kind == "transposition":
            typo = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        elif kind == "substitution":
            replacement = rng.choice(NEIGHBOURS.get(word[at], "e"))
            typo = word[:at] + replacement + word[at + 1:]
        else:
            typo = word[:at] + word[at + 1:]
        if typo != word:
            words[position] = typo
            return " ".join(words)
    return query


def cut_last_word(rng, query):
    words = query.split(" ")
    keep = rng.randint(3, 5)
    # Always leave the word unfinished when it is long enough to be: "sofa" -> "sof".
    if len(words[-1]) > 3:
        words[-1] = words[-1][:min(keep, len(words[-1]) - 1)]
    return " ".join(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalog")
    parser.add_argument("--count", type=int, default=1000, help="distinct queries (default 1000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--products", type=int, default=200_000,
                        help="sample from the first N products (default 200000)")
    variant = parser.add_mutually_exclusive_group()
    variant.add_argument("--typo", action="store_true")
    variant.add_argument("--prefix", action="store_true")
    variant.add_argument("--mix", choices=MIXES)
    args = parser.parse_args()
    if args.mix == "typo":
        args.typo = True
    elif args.mix == "prefix":
        args.prefix = True

    sources = query_sources(args.catalog, args.products)
    if not sources:
        sys.exit(f"{args.catalog}: no product names with plain words")
    # Separate generators: the clean queries must not depend on whether typos are drawn.
    query_rng = random.Random(args.seed)
    variant_rng = random.Random(args.seed + 1)
    # A third each of 1, 2 and 3 words, all distinct; a small vocabulary runs out of distinct
    # short queries first, and the other lengths then make up the count.
    seen = set()
    queries = []
    exhausted = set()
    word_counts = {"one-word": (1,), "multi-word": (2, 3)}.get(args.mix, (1, 2, 3))
    while len(queries) < args.count and len(exhausted) < len(word_counts):
        remaining = [count for count in word_counts if count not in exhausted]
        word_count = remaining[len(queries) % len(remaining)]
        for _ in range(200):
            words, brand, colour, category, price = query_rng.choice(sources)
            if args.mix == "few-full":
                query = sample_mixed_query(query_rng, sources, word_count)
            else:
                query = sample_query(query_rng, words, brand, colour, word_count)
            if query not in seen:
                seen.add(query)
                queries.append((query, category, price))
                break
        else:
            exhausted.add(word_count)
    if len(queries) < args.count:
        print(f"make_queries: only {len(queries)} distinct queries found", file=sys.stderr)
    out = sys.stdout
    for number, (query, category, price) in enumerate(queries, 1):
        columns = [f"q{number:05d}", query]
        if args.typo:
            columns[1] = add_typo(variant_rng, query)
        elif args.prefix:
            columns[1] = cut_last_word(variant_rng, query)
        elif args.mix == "filtered":
            columns += filter_columns(number, category, price)
        elif args.mix == "sorted":
            columns += ["", "", "", "price_asc"]
        out.write("\t".join(columns) + "\n")


if __name__ == "__main__":
    main()
