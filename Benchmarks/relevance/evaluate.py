#!/usr/bin/env python3
"""Scores every system's results against the attribute grades and writes the relevance report.

    evaluate.py --judgements Q.jsonl --truth T.jsonl --catalog C.jsonl \
        --results uplyft=uplyft.tsv tantivy=tantivy.tsv ... --primary "uplyft tantivy ..." \
        --context context.json --markdown relevance.md --json relevance.json

Results files are `qid<TAB>rank<TAB>product_id<TAB>score` (uplyft's --batch output, and the
peers' --results), fetched 100 deep so that pooled lists can be condensed (ndcg.py). The pool
of a query is the union of the top 10 of the --primary systems; other systems (variants of
uplyft run for diagnosis) are scored against the same grades and pool. The JSON holds, per
query, its text, slices and per system the full and pooled nDCG@10 and its top-10 grades.
"""
import argparse
import json
from collections import defaultdict

import grading
import ndcg

SLICE_ORDER = ["all", "words 1-2", "words 3-4", "words 5+", "fraction", "decimal", "european", "dimension", "unit",
               "compound", "misspelt", "model", "synonym", "irregular", "filler"]
WORST_PER_SLICE = 3


def read_results(path):
    rankings = defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            qid, rank, pid, _score = line.rstrip("\n").split("\t")
            rankings[qid].append((int(rank), pid))
    return {qid: [pid for _, pid in sorted(hits)] for qid, hits in rankings.items()}


def read_names(catalog_path):
    names = {}
    with open(catalog_path, encoding="utf-8") as lines:
        for line in lines:
            product = json.loads(line)
            names[product["id"]] = product["name"]
    return names


def score(queries, by_type, rankings, primary):
    """Per query: grades, pool and each system's (full, pooled, top-10 grades)."""
    scored = []
    for query in queries:
        grades = grading.grades_for(query, by_type)
        pool = set()
        for system in primary:
            pool.update(rankings[system].get(query["qid"], [])[:ndcg.K])
        per_system = {}
        for system, by_query in rankings.items():
            ranking = by_query.get(query["qid"], [])
            per_system[system] = {
                "full": round(ndcg.full_ndcg(ranking, grades), 4),
                "pooled": round(ndcg.pooled_ndcg(ranking, grades, pool), 4),
                "top10": "".join(str(grades.get(pid, 0)) for pid in ranking[:ndcg.K]),
                "hits": len(ranking),
            }
        scored.append({"qid": query["qid"], "query": query["query"], "type": query["type"], "attrs": query["attrs"],
                       "slices": ["all"] + query["slices"], "grade2": sum(1 for g in grades.values() if g == 2),
                       "systems": per_system})
    return scored


def slice_means(scored, systems, measure):
    table = {}
    for name in SLICE_ORDER:
        members = [q for q in scored if name in q["slices"]]
        if members:
            table[name] = (len(members), {s: ndcg.mean(q["systems"][s][measure] for q in members) for s in systems})
    return table


def markdown_table(table, systems, best_peer_of):
    lines = ["| slice | queries | " + " | ".join(systems) + " | best peer | uplyft - best peer |",
             "| --- | ---: | " + " | ".join("---:" for _ in systems) + " | --- | ---: |"]
    for name, (count, means) in table.items():
        peer = best_peer_of(means)
        cells = []
        top = max(means.values())
        for system in systems:
            text = f"{means[system]:.3f}"
            cells.append(f"**{text}**" if means[system] == top else text)
        lines.append(f"| {name} | {count} | " + " | ".join(cells) + f" | {peer} | {means['uplyft'] - means[peer]:+.3f} |")
    return "\n".join(lines)


def render(args, scored, systems, primary, names, rankings, context):
    peers = [s for s in primary if s != "uplyft"]
    if not peers:
        # The report is uplyft against its peers: say so rather than fail on an empty column.
        raise SystemExit("evaluate.py: the report compares uplyft with its peers; name at least one other system "
                         "(--systems 'uplyft fts5')")

    def best_peer_of(means):
        return max(peers, key=lambda peer: means[peer])

    out = ["# Relevance: nDCG@10 of uplyft and its peers on shoppers' words", ""]
    out += context.get("preamble", [])
    for measure, title in (("full", "over full retrieval"), ("pooled", "over the judged pool only")):
        table = slice_means(scored, systems, measure)
        out += ["", f"## nDCG@10 {title}", "", markdown_table(table, systems, best_peer_of), ""]
        count, means = table["all"]
        peer = best_peer_of(means)
        interval = ndcg.bootstrap_interval([q["systems"]["uplyft"][measure] - q["systems"][peer][measure] for q in scored])
        out.append(f"uplyft - {peer} over all {count} queries: {interval[0]:+.3f} (95% paired bootstrap interval "
                   f"{interval[1]:+.3f} to {interval[2]:+.3f}).")
    out += ["", "## Results returned", "", "| system | queries with no result | mean results (of 100 fetched) |", "| --- | ---: | ---: |"]
    for system in systems:
        empty = sum(1 for q in scored if q["systems"][system]["hits"] == 0)
        out.append(f"| {system} | {empty} | {ndcg.mean(q['systems'][system]['hits'] for q in scored):.1f} |")
    out += ["", "## Where uplyft loses most, by slice", "",
            f"The {WORST_PER_SLICE} queries of each slice with the largest full-nDCG@10 deficit against the best peer on "
            "that query; grades of the top 10 in brackets (2 exact, 1 partial, 0 wrong), then uplyft's first three titles.", ""]
    for name in SLICE_ORDER[1:]:
        members = [q for q in scored if name in q["slices"]]
        if not members:
            continue
        losses = []
        for q in members:
            peer = max(peers, key=lambda p: q["systems"][p]["full"])
            losses.append((q["systems"][peer]["full"] - q["systems"]["uplyft"]["full"], peer, q))
        losses.sort(key=lambda item: -item[0])
        out.append(f"### {name}")
        if losses[0][0] <= 0:
            out.append("- none: on every query of this slice uplyft is at least as good as every peer")
        for deficit, peer, q in losses[:WORST_PER_SLICE]:
            if deficit <= 0:
                break
            ours = q["systems"]["uplyft"]
            titles = "; ".join(names.get(pid, pid) for pid in rankings["uplyft"].get(q["qid"], [])[:3]) or "(nothing)"
            out.append(f"- `{q['query']}` ({q['qid']}): uplyft {ours['full']:.2f} [{ours['top10']}], {peer} "
                       f"{q['systems'][peer]['full']:.2f} [{q['systems'][peer]['top10']}]. uplyft: {titles}")
        out.append("")
    out += context.get("postscript", [])
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judgements", required=True)
    parser.add_argument("--truth", required=True)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--results", nargs="+", required=True, help="NAME=PATH, uplyft first")
    parser.add_argument("--primary", required=True, help="systems whose top 10 make the pool, uplyft among them")
    parser.add_argument("--context", help="JSON with preamble and postscript lines for the report")
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    rankings = {}
    for item in args.results:
        name, path = item.split("=", 1)
        rankings[name] = read_results(path)
    systems = list(rankings)
    primary = args.primary.split()
    if "uplyft" not in primary or not set(primary) <= set(systems):
        parser.error("--primary must name uplyft and only systems given with --results")
    with open(args.judgements, encoding="utf-8") as lines:
        queries = [json.loads(line) for line in lines]
    _, by_type = grading.load_products(args.truth)
    scored = score(queries, by_type, rankings, primary)
    context = {}
    if args.context:
        with open(args.context, encoding="utf-8") as file:
            context = json.load(file)
    with open(args.markdown, "w", encoding="utf-8") as out:
        out.write(render(args, scored, systems, primary, read_names(args.catalog), rankings, context))
    with open(args.json, "w", encoding="utf-8") as out:
        json.dump({"measure": "nDCG@10, linear gain; full and pooled (see ndcg.py)", "systems": systems,
                   "primary": primary, "queries": scored}, out, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
