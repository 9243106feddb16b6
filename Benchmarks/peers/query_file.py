"""What every peer script shares about queries: reading a query file with optional per-query
filters, and writing per-query latencies in the format of `uplyft search --batch --latency-log`.

A query line is `qid<TAB>query` or, for the filtered and sorted mixes of make_queries.py,
`qid<TAB>query<TAB>category<TAB>min_price<TAB>max_price<TAB>sort`; empty columns mean no
such filter. Prices are inclusive bounds in dollars, as uplyft's --min-price/--max-price.
"""
import statistics
import sys
from dataclasses import dataclass
from typing import Optional

SORTS = ("", "price_asc")


@dataclass(frozen=True)
class QueryFilter:
    category: Optional[str] = None
    min_price: Optional[float] = None
    max_price: Optional[float] = None
    sort: Optional[str] = None

    @property
    def is_empty(self):
        return self == QueryFilter()


def _price(path, line_number, text):
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        sys.exit(f"{path}:{line_number}: price bound '{text}' is not a number")


def read_queries(path):
    """[(qid, text, QueryFilter)]; exits with the line number on a malformed line."""
    queries = []
    with open(path, encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            columns = line.split("\t")
            if len(columns) not in (2, 6):
                sys.exit(f"{path}:{line_number}: expected 'qid<TAB>query' or "
                         "'qid<TAB>query<TAB>category<TAB>min<TAB>max<TAB>sort'")
            query_filter = QueryFilter()
            if len(columns) == 6:
                category, low, high, sort = columns[2:]
                if sort not in SORTS:
                    sys.exit(f"{path}:{line_number}: sort '{sort}' is not one of {', '.join(s for s in SORTS if s)}")
                query_filter = QueryFilter(category or None, _price(path, line_number, low),
                                           _price(path, line_number, high), sort or None)
            queries.append((columns[0], columns[1], query_filter))
    return queries


def write_latency_log(path, qids, latencies_ns):
    """`qid<TAB>microseconds` per query, as uplyft's --latency-log, so one script summarises all."""
    with open(path, "w", encoding="utf-8") as out:
        for qid, nanoseconds in zip(qids, latencies_ns):
            out.write(f"{qid}\t{nanoseconds / 1000:.1f}\n")


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, round(fraction * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency_summary(latencies_ns):
    """Median, p90, p99, max and mean in microseconds of per-query nanoseconds, for the
    peers' JSON line."""
    micros = sorted(value / 1000 for value in latencies_ns)
    return {
        "median_us": round(statistics.median(micros), 1),
        "p90_us": round(percentile(micros, 0.90), 1),
        "p99_us": round(percentile(micros, 0.99), 1),
        "max_us": round(micros[-1], 1),
        "mean_us": round(statistics.fmean(micros), 1),
    }


def write_results(path, results):
    """`qid<TAB>rank<TAB>pid<TAB>score` lines, as `uplyft search --batch` prints them, from
    (qid, [(score, product_id), ...]) pairs."""
    with open(path, "w", encoding="utf-8") as out:
        for qid, hits in results:
            for rank, (score, product_id) in enumerate(hits, 1):
                out.write(f"{qid}\t{rank}\t{product_id}\t{score:.4f}\n")
