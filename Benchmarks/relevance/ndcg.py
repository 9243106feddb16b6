"""nDCG@10 over full retrieval and over the judged pool, and a paired bootstrap of a difference.

DCG@k  = sum over ranks i = 1..k of grade(i) / log2(i + 1)    (linear gain, as trec_eval's
         ndcg_cut.10; a missing result counts 0)
nDCG@k = DCG@k / IDCG@k, IDCG@k being the DCG of the k best grades available.

Full retrieval: the ideal comes from every product's grade (all are judged), and each system's
top k is scored as returned.

Judged pool only (the way pooled evaluations such as TREC's are read, with Sakai's condensed
lists): the pool of a query is the union of the top 10 of every compared system; the ideal comes
from the pool's grades alone, and each system's ranking (fetched 100 deep) is condensed to the
pooled documents in its own order before its top k is scored. A system is thus judged against
what the systems found together rather than against the whole catalog, which is why these
figures are higher than the full ones.
"""
import math
import random

K = 10


def dcg(grades, k=K):
    return sum(grade / math.log2(rank + 2) for rank, grade in enumerate(grades[:k]))


def ndcg(ranked_grades, ideal_grades, k=K):
    """nDCG@k of a ranked list of grades against the grades available for the ideal."""
    ideal = dcg(sorted(ideal_grades, reverse=True), k)
    return dcg(ranked_grades, k) / ideal if ideal > 0 else 0.0


def full_ndcg(ranking, grades, k=K):
    """`ranking`: product ids in order; `grades`: {id: grade > 0} over the whole catalog."""
    return ndcg([grades.get(pid, 0) for pid in ranking[:k]], list(grades.values()), k)


def pooled_ndcg(ranking, grades, pool, k=K):
    """nDCG@k of `ranking` condensed to the ids in `pool`, against the pool's ideal."""
    condensed = [pid for pid in ranking if pid in pool]
    return ndcg([grades.get(pid, 0) for pid in condensed[:k]], [grades.get(pid, 0) for pid in pool], k)


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def bootstrap_interval(differences, resamples=1000, seed=13, level=0.95):
    """Mean of paired per-query differences and its percentile bootstrap interval."""
    if not differences:
        return float("nan"), float("nan"), float("nan")
    rng = random.Random(seed)
    count = len(differences)
    means = sorted(sum(rng.choice(differences) for _ in range(count)) / count for _ in range(resamples))
    low = means[int((1 - level) / 2 * resamples)]
    high = means[min(resamples - 1, int((1 + level) / 2 * resamples))]
    return mean(differences), low, high
