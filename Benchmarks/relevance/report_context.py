#!/usr/bin/env python3
"""The relevance report's text around the tables: what ran, on what, and how it is scored.

    report_context.py --work DIR --systems "uplyft ..." --uplyft BIN --count N --seed S \
        --commands DIR/commands.txt --root REPO > context.json

Prints {"preamble": [lines], "postscript": [lines]} for evaluate.py, from the files run.sh left
in the work folder: each peer's build and query JSON lines (versions, zero-hit counts, Xapian's
corrections), the queries' recipes and slices, and the list of commands.
"""
import argparse
import collections
import json
import os
import platform
import subprocess

SYSTEM_NOTES = {
    "uplyft": "uplyft as the shop serves it (`uplyft search --batch`, defaults: typo tolerance, the last word as a "
              "prefix, partial matches topped up), release build",
    "tantivy": "Tantivy through tantivy-py, `en_stem` analyzer, the query parser with field boosts, every word optional (OR), BM25",
    "tantivy-fuzzy": "the same index; per word the BM25 term or else a fuzzy term at Elasticsearch's AUTO distance "
                     "(1 edit for 3-5 letters, 2 above, none in words with digits), every word optional",
    "xapian": "Xapian through Debian's python3-xapian, English stemmer (STEM_SOME), fields weighted by wdf, BM25Weight, "
              "OR; a query Xapian has a spelling correction for runs as the original OR the corrected query",
    "fts5": "SQLite FTS5, `porter unicode61 remove_diacritics 2`, bm25() with the field weights, the words joined by OR",
    "bm25s": "bm25s with PyStemmer's English stemmer and English stop words, one text per product (no fields), its "
             "default tokenizer (tokens of 2+ characters) and BM25 defaults",
}


def read_json_line(path):
    try:
        with open(path, encoding="utf-8") as file:
            lines = [line for line in file.read().splitlines() if line.startswith("{")]
        return json.loads(lines[-1]) if lines else {}
    except OSError:
        return {}


def version_of(system, work, root):
    if system == "uplyft":
        return "commit " + git_commit(root)
    build = read_json_line(os.path.join(work, f"{system.split('-')[0]}-build.json"))
    for key in ("tantivy", "xapian", "sqlite", "bm25s"):
        if key in build:
            version = str(build[key])
            return version if version.lower().startswith(key) else f"{key} {version}"
    return ""


def git_commit(root):
    """HEAD, the last commit that changed Sources/ (what the figures are of), and whether
    Sources/ has uncommitted changes."""
    try:
        commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=True).stdout.strip()
        sources = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h", "--", "Sources"], capture_output=True,
                                 text=True, check=True).stdout.strip()
        if sources:
            commit += f" (Sources/ as of {sources})"
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", "Sources"], capture_output=True,
                               text=True, check=True).stdout.strip()
        return commit + (" with uncommitted changes under Sources/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for option in ("--work", "--systems", "--uplyft", "--count", "--seed", "--commands", "--root"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    systems = args.systems.split()
    with open(os.path.join(args.work, "queries.jsonl"), encoding="utf-8") as lines:
        queries = [json.loads(line) for line in lines]
    with open(os.path.join(args.work, "catalog.truth.jsonl"), encoding="utf-8") as lines:
        types = collections.Counter(json.loads(line)["type"] for line in lines)
    recipes = collections.Counter(query["recipe"] for query in queries)
    words = [len(query["query"].split()) for query in queries]

    preamble = [
        f"uplyft at commit {git_commit(args.root)}; {int(args.count):,} generated products of {len(types)} product types "
        f"(seed {args.seed}), {len(queries)} judged queries of {min(words)}-{max(words)} words "
        f"(mean {sum(words) / len(words):.1f}); machine: {os.cpu_count()} cores, {cpu_model()}.",
        "",
        "| system | setup | version | queries with a spelling correction |",
        "| --- | --- | --- | ---: |",
    ]
    for system in systems:
        run = read_json_line(os.path.join(args.work, f"{system}.json"))
        corrected = run.get("corrected_queries", "")
        preamble.append(f"| {system} | {SYSTEM_NOTES[system]} | {version_of(system, args.work, args.root)} | {corrected} |")
    preamble += [
        "",
        "Every engine indexes the same fields (name, brand, category, attribute values, description; weights 3 / 2 / 2 / "
        "1.5 / 1 where the engine has fields) and returns its 100 best per query. Grades (0/1/2) come from each "
        "product's attributes, never from text (relevance/grading.py), and every product is graded, so nothing is "
        "unjudged. Queries by recipe: " + ", ".join(f"{name} {n}" for name, n in sorted(recipes.items())) + "; the "
        "slices are read from what each query contains (README, \"Relevance\").",
    ]
    with open(args.commands, encoding="utf-8") as file:
        commands = file.read().splitlines()
    postscript = [
        "## How the figures are computed",
        "",
        "nDCG@10 with linear gain (grade / log2(rank + 1), as trec_eval's ndcg_cut.10). *Full retrieval*: the ideal ranking "
        "is the 10 best grades in the whole catalog. *Judged pool only*: the pool of a query is the union of every "
        "system's top 10; each system's 100 results are condensed to the pooled products in its own order (Sakai's "
        "condensed lists), and the ideal is the 10 best grades of the pool. The bootstrap interval resamples queries "
        "(1,000 resamples, seeded) for the paired difference with the best peer overall.",
        "",
        "## Commands",
        "",
        "```",
        *commands,
        "```",
    ]
    print(json.dumps({"preamble": preamble, "postscript": postscript}))


if __name__ == "__main__":
    main()
