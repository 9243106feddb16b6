#!/usr/bin/env python3
"""Rewrites a query file so that one cause of lost relevance is taken away, for diagnosis.

    rewrite_queries.py QUERIES.tsv --rewrite unit-apart|mixed-hyphen|no-filler [--judgements Q.jsonl] > OUT.tsv

Running uplyft on the rewritten queries (same qids, same grades) and comparing with the
original run measures what that cause costs uplyft, query by query (diagnose.sh):
  unit-apart    a unit glued or hyphenated to its number is set apart: "75-ft" and "75ft" become
                "75 ft", "6.5-amp" becomes "6.5 amp" (the form most listings print)
  mixed-hyphen  a mixed number typed with a space is hyphenated: "1 1/4" becomes "1-1/4"
  no-filler     the filler words of make_judged_queries.FILLERS (words no product of the
                query's type has: "heavy duty", "for garage") are removed
With --judgements, queries of the `model` slice are left as they are: a model number such as
"3184k" or "4127w" ends in what looks like a unit. Prints to stderr how many queries changed.
"""
import argparse
import json
import re
import sys

from make_judged_queries import FILLERS

UNIT_WORDS = ("ft|in|inch|inches|oz|lb|lbs|gal|gallon|gallons|v|volt|amp|amps|a|w|watt|gpm|pint|foot|feet|cc|mm|pc|pk|psi"
              "|btu|hp|cf|t|k|ga|gauge|tooth|piece|pack|cfm|mph|gpf|sones|db|dba")
# A number that starts a token (not the digits inside a model number such as "sl3184k").
UNIT_GLUED = re.compile(r"(?<![a-z\d.,/])(\d+(?:[.,/]\d+)*)-?(" + UNIT_WORDS + r")\b")
MIXED_WITH_SPACE = re.compile(r"\b(\d+) (\d+/\d+)")


def unit_apart(text):
    return UNIT_GLUED.sub(r"\1 \2", text)


def mixed_hyphen(text):
    return MIXED_WITH_SPACE.sub(r"\1-\2", text)


def no_filler(text):
    for filler in sorted(FILLERS, key=len, reverse=True):
        text = re.sub(r"(^| )" + re.escape(filler) + r"(?= |$)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


REWRITES = {"unit-apart": unit_apart, "mixed-hyphen": mixed_hyphen, "no-filler": no_filler}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries")
    parser.add_argument("--rewrite", choices=sorted(REWRITES), required=True)
    parser.add_argument("--judgements", help="the queries' JSON lines; model-number queries are kept as typed")
    args = parser.parse_args()
    rewrite = REWRITES[args.rewrite]
    keep = set()
    if args.judgements:
        with open(args.judgements, encoding="utf-8") as lines:
            keep = {query["qid"] for query in map(json.loads, lines) if "model" in query["slices"]}
    changed = 0
    with open(args.queries, encoding="utf-8") as lines:
        for line in lines:
            qid, text = line.rstrip("\n").split("\t", 1)
            new_text = text if qid in keep else (rewrite(text) or text)
            changed += new_text != text
            sys.stdout.write(f"{qid}\t{new_text}\n")
    print(f"rewrite_queries: {args.rewrite} changed {changed} queries", file=sys.stderr)


if __name__ == "__main__":
    main()
