#!/usr/bin/env python3
"""Compares two results files (`qid<TAB>rank<TAB>pid<TAB>score`, e.g. uplyft's vs a peer's).

    overlap.py OURS.tsv PEER.tsv [--top 10] [--queries QUERIES.tsv] [--json]

Per query it compares the top-k product ids of both sides and prints the means over queries:
  overlap@k   |A ∩ B| / max(|A|, |B|): the share of the longer list found in the other
              (|A ∩ B| / k when both are full)
  jaccard@k   |A ∩ B| / |A ∪ B|
  top1_same   share of queries whose first result is the same product
Queries with no hit on either side are counted apart (both_empty) and left out of the means;
a query with hits on one side only scores 0. With --queries, every qid of that file is
compared, so a query missing from both results counts as both_empty.
Products with equal scores may come in any order, so top1_same and overlap at the k-th place
understate agreement on catalogs with many identical products.
"""
import argparse
import json
import sys


def read_results(path, top):
    """qid -> product ids in rank order, the first `top` ranks only."""
    ranked = {}
    with open(path, encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            fields = line.rstrip("\n").split("\t")
            if fields == [""] or (line_number == 1 and fields[0] == "qid"):
                continue
            if len(fields) < 3:
                sys.exit(f"{path}:{line_number}: expected qid<TAB>rank<TAB>pid[<TAB>score]")
            try:
                rank = int(fields[1])
            except ValueError:
                sys.exit(f"{path}:{line_number}: rank '{fields[1]}' is not a number")
            ranked.setdefault(fields[0], []).append((rank, fields[2]))
    return {qid: [pid for _, pid in sorted(hits)[:top]] for qid, hits in ranked.items()}


def read_qids(path):
    with open(path, encoding="utf-8") as lines:
        return [line.split("\t", 1)[0] for line in lines if line.strip()]


def compare(ours, peer, qids):
    overlaps, jaccards, top1_same = [], [], 0
    both_empty = 0
    for qid in qids:
        a, b = ours.get(qid, []), peer.get(qid, [])
        if not a and not b:
            both_empty += 1
            continue
        shared = len(set(a) & set(b))
        overlaps.append(shared / max(len(a), len(b)))
        jaccards.append(shared / len(set(a) | set(b)))
        top1_same += bool(a and b and a[0] == b[0])
    compared = len(overlaps)
    return {
        "queries": len(qids),
        "compared": compared,
        "both_empty": both_empty,
        "only_ours_hit": sum(1 for qid in qids if ours.get(qid) and not peer.get(qid)),
        "only_peer_hit": sum(1 for qid in qids if peer.get(qid) and not ours.get(qid)),
        "overlap": round(sum(overlaps) / compared, 4) if compared else None,
        "jaccard": round(sum(jaccards) / compared, 4) if compared else None,
        "top1_same": round(top1_same / compared, 4) if compared else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ours")
    parser.add_argument("peer")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--queries", help="TSV of qid<TAB>query: compare exactly these qids")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    args = parser.parse_args()
    if args.top < 1:
        parser.error("--top must be at least 1")
    ours = read_results(args.ours, args.top)
    peer = read_results(args.peer, args.top)
    qids = read_qids(args.queries) if args.queries else sorted(set(ours) | set(peer))
    summary = compare(ours, peer, qids)
    summary["top"] = args.top
    if args.json:
        print(json.dumps(summary))
        return
    if not summary["compared"]:
        print(f"no query has hits on either side ({summary['queries']} queries)")
        return
    print(f"queries {summary['queries']} (compared {summary['compared']}, both empty {summary['both_empty']}, "
          f"hits only in ours {summary['only_ours_hit']}, only in peer {summary['only_peer_hit']})")
    print(f"overlap@{args.top} {summary['overlap']:.3f}  jaccard@{args.top} {summary['jaccard']:.3f}  "
          f"top-1 same {summary['top1_same']:.3f}")


if __name__ == "__main__":
    main()
