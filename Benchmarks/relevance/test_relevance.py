"""Unit tests of the relevance harness: the measures, the grades, numbers and units, the typo
model, and the generators' promises (deterministic for a seed; every query has a product that
fully answers it). `run.sh --smoke` runs them; alone: `python3 -m unittest test_relevance` here.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

import grading
import ndcg
import typos
import units

HERE = os.path.dirname(os.path.abspath(__file__))


def damerau_distance(a, b):
    """Optimal string alignment distance (transpositions cost one)."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


class MeasureTests(unittest.TestCase):
    def test_dcg_uses_linear_gain_and_log2_discount(self):
        self.assertAlmostEqual(ndcg.dcg([2, 1, 0, 2]), 2 + 1 / 1.5849625 + 0 + 2 / 2.3219281, places=5)

    def test_full_ndcg_is_one_for_the_ideal_order_and_counts_missing_results_as_zero(self):
        grades = {"a": 2, "b": 2, "c": 1}
        self.assertAlmostEqual(ndcg.full_ndcg(["a", "b", "c"], grades), 1.0)
        self.assertLess(ndcg.full_ndcg(["c", "a"], grades), 1.0)
        self.assertEqual(ndcg.full_ndcg([], grades), 0.0)

    def test_pooled_ndcg_condenses_the_ranking_to_the_pool_and_takes_the_ideal_from_the_pool(self):
        grades = {"a": 2, "b": 1, "z": 2}  # z is relevant but no system found it
        pool = {"a", "b", "x"}
        # "y" is not pooled, so it is dropped and "a" moves up to rank 1.
        self.assertAlmostEqual(ndcg.pooled_ndcg(["y", "a", "b"], grades, pool), 1.0)
        self.assertLess(ndcg.full_ndcg(["y", "a", "b"], grades), 1.0)

    def test_bootstrap_interval_holds_the_mean(self):
        mean, low, high = ndcg.bootstrap_interval([0.1, -0.2, 0.3, 0.0, 0.05])
        self.assertLessEqual(low, mean)
        self.assertLessEqual(mean, high)


class GradeTests(unittest.TestCase):
    def product(self, type_key, **attrs):
        return {"id": "p", "type": type_key, "brand": "everbilt", "model": "ab-123", "attrs": attrs}

    def test_exact_type_and_every_stated_attribute_is_two_and_numbers_compare_as_fractions(self):
        query = {"type": "copper_pipe", "attrs": {"diameter": str(units.value("1.25"))}}
        self.assertEqual(grading.grade(query, self.product("copper_pipe", diameter=str(units.value("1-1/4")))), 2)
        self.assertEqual(grading.grade(query, self.product("copper_pipe", diameter="12")), 1)

    def test_same_family_is_one_only_when_the_stated_attributes_match(self):
        query = {"type": "copper_pipe", "attrs": {"diameter": "1/2"}}
        self.assertEqual(grading.grade(query, self.product("pex_pipe", diameter="1/2")), 1)
        self.assertEqual(grading.grade(query, self.product("pex_pipe", diameter="3/4")), 0)
        self.assertEqual(grading.grade(query, self.product("elbow", diameter="1/2")), 0)

    def test_brand_and_model_are_attributes(self):
        query = {"type": "drill", "attrs": {"model": "ab-123"}}
        self.assertEqual(grading.grade(query, self.product("drill")), 2)
        self.assertEqual(grading.grade({"type": "drill", "attrs": {"brand": "dewalt"}}, self.product("drill")), 1)


class UnitTests(unittest.TestCase):
    def test_listing_styles_print_the_same_number(self):
        quarter = units.value("1-1/4")
        self.assertEqual(units.listing(quarter, "in", "hd"), "1-1/4 in.")
        self.assertEqual(units.listing(quarter, "in", "amazon"), "1-1/4-Inch")
        self.assertEqual(units.listing(quarter, "in", "marks"), '1-1/4"')
        self.assertEqual(units.listing(quarter, "in", "hd", as_decimal=True), "1.25 in.")
        self.assertEqual(units.listing(units.value("5/4"), "in", "hd", improper=True), "5/4 in.")
        self.assertEqual(units.listing(units.value("25.5"), "cuft", "hd", as_decimal=True), "25.5 cu. ft.")
        self.assertEqual(units.listing(Fraction(8000), "btu", "hd"), "8,000 BTU")

    def test_shopper_numbers_say_what_they_hold(self):
        rng = random.Random(1)
        seen = set()
        for _ in range(200):
            kinds = set()
            text = units.shopper_number(units.value("1-1/4"), rng, kinds)
            self.assertIn("fraction", kinds)
            self.assertIn(text, {"1 1/4", "1-1/4", "1.25"})
            seen.add(text)
        self.assertEqual(seen, {"1 1/4", "1-1/4", "1.25"})
        kinds = set()
        texts = {units.shopper_number(units.value("2.5"), rng, kinds, as_decimal=True) for _ in range(200)}
        self.assertEqual(texts, {"2.5", "2,5"})
        self.assertEqual(kinds, {"decimal", "european"})


class TypoTests(unittest.TestCase):
    def test_one_edit_after_the_first_letter(self):
        rng = random.Random(3)
        for word in ("samsung", "refrigerator", "drill", "hinges"):
            for _ in range(100):
                typo = typos.misspell(rng, word)
                self.assertEqual(typo[0], word[0])
                self.assertLessEqual(damerau_distance(word, typo), 1)


class GeneratorTests(unittest.TestCase):
    def run_script(self, *arguments):
        subprocess.run([sys.executable, os.path.join(HERE, arguments[0]), *arguments[1:]], check=True,
                       capture_output=True, cwd=HERE)

    def test_same_seed_same_files_and_every_query_has_a_full_answer(self):
        with tempfile.TemporaryDirectory() as folder:
            paths = {name: os.path.join(folder, name) for name in ("a.jsonl", "a.truth", "b.jsonl", "b.truth", "q.tsv", "q.jsonl")}
            self.run_script("make_catalog.py", "--count", "400", "--seed", "5", "--catalog", paths["a.jsonl"], "--truth", paths["a.truth"])
            self.run_script("make_catalog.py", "--count", "400", "--seed", "5", "--catalog", paths["b.jsonl"], "--truth", paths["b.truth"])
            with open(paths["a.jsonl"], "rb") as first, open(paths["b.jsonl"], "rb") as second:
                self.assertEqual(first.read(), second.read())
            self.run_script("make_judged_queries.py", "--truth", paths["a.truth"], "--catalog", paths["a.jsonl"], "--seed", "5",
                            "--count", "80", "--queries", paths["q.tsv"], "--judgements", paths["q.jsonl"])
            _, by_type = grading.load_products(paths["a.truth"])
            with open(paths["q.jsonl"], encoding="utf-8") as lines:
                queries = [json.loads(line) for line in lines]
            self.assertGreaterEqual(len(queries), 80)
            for query in queries:
                grades = grading.grades_for(query, by_type)
                self.assertIn(2, grades.values(), query["query"])


if __name__ == "__main__":
    unittest.main()
