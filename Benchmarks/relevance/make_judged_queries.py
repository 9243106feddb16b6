#!/usr/bin/env python3
"""Writes the relevance benchmark's queries, each with the attributes it asks for and its slices.

    make_judged_queries.py --truth CATALOG.truth.jsonl --catalog CATALOG.jsonl --seed 13 \
        --count 660 --queries OUT.tsv --judgements OUT.jsonl

A query is rendered from one real product's attributes: its type, a few of its attribute
values and sometimes its brand or model number, typed the way shoppers type (units.py for
numbers and units, typos.py for misspellings, shopper nouns and synonyms from the type table).
What the query asks for is recorded as structured attributes, so grading (grading.py) never
reads the words. OUT.tsv is `qid<TAB>query` (the format every engine's batch mode reads);
OUT.jsonl holds per query {"qid", "query", "recipe", "type", "attrs", "slices"}.

Recipes give each kind of query of issue 13 enough queries to be a slice of its own; the slices
are then read from what each query actually contains (a fraction typed, a unit, a typo, ...).
"""
import argparse
import json
import random
import re
import sys
from fractions import Fraction

import typos
import units
from type_table import ALL_TYPES, BY_KEY

# Recipe -> share of the queries.
RECIPES = {"attributes": 0.22, "fraction": 0.11, "decimal": 0.08, "dimension": 0.11, "unit": 0.07, "compound": 0.08,
           "misspelt": 0.09, "model": 0.05, "synonym": 0.04, "irregular": 0.03, "long": 0.07, "short": 0.06}
# Words shoppers add that say nothing about the product: allowed for a type only when no
# product of that type has any of their words (so they are noise, not an attribute).
FILLERS = ["heavy duty", "best", "cheap", "professional", "high quality", "for garage", "for home", "new", "commercial",
           "premium", "good", "durable", "for basement", "contractor grade", "strong", "quality", "for house", "sturdy"]
# Plurals the English stemmer does not join with their singular.
IRREGULAR_NOUNS = {"utility_knife": ["utility knives", "knives"], "wall_shelf": ["floating shelves", "wall shelves"],
                   "mouse_trap": ["mice traps", "traps for mice"], "shelving_unit": ["garage shelves", "metal shelves"],
                   "leaf_blower": ["blower for leaves", "leaves blower"]}
WORD = re.compile(r"[a-z]+")


def load_truth(path):
    by_type = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            product = json.loads(line)
            by_type.setdefault(product["type"], []).append(product)
    return by_type


def type_vocabulary(catalog_path, truth_by_type):
    """type -> every lower-case word in its products' names and descriptions."""
    type_of = {p["id"]: key for key, products in truth_by_type.items() for p in products}
    vocabulary = {}
    with open(catalog_path, encoding="utf-8") as lines:
        for line in lines:
            product = json.loads(line)
            words = vocabulary.setdefault(type_of[product["id"]], set())
            words.update(WORD.findall((product["name"] + " " + product["description"]).lower()))
    return vocabulary


def product_values(product_type, product):
    """The product's attribute values as objects again: Fraction, tuple of Fractions, Choice."""
    values = {}
    for attribute in product_type.attributes:
        if attribute.kind == "dimension":
            parts = [product["attrs"].get(f"{attribute.name}.{i}") for i in range(len(attribute.units))]
            if all(part is not None for part in parts):
                values[attribute.name] = tuple(Fraction(part) for part in parts)
        elif attribute.name in product["attrs"]:
            text = product["attrs"][attribute.name]
            if attribute.kind == "number":
                values[attribute.name] = Fraction(text)
            else:
                values[attribute.name] = next(c for c in attribute.values if c.key == text)
    return values


def squeeze(text):
    return re.sub(r"[\s\-/]", "", text.lower())


def is_compound_form(typed, forms):
    """True when some form of the catalog writes `typed` joined, split or hyphenated otherwise
    ("bandsaw" against "Band Saw", "wifi" against "Wi-Fi", "light bulb" against "LED Lightbulb")."""
    return any(squeeze(typed) in squeeze(form) and typed.lower() not in form.lower() for form in forms)


class QueryMaker:
    def __init__(self, rng, truth_by_type, vocabulary):
        self.rng = rng
        self.truth_by_type = truth_by_type
        self.vocabulary = vocabulary

    def eligible(self, recipe, product_type, values):
        """The attribute a recipe needs stated (or True when it needs none); None if this
        product cannot serve the recipe."""
        for attribute in product_type.attributes:
            if attribute.name not in values or attribute.query_weight == 0:
                continue
            value = values[attribute.name]
            if recipe == "fraction" and attribute.kind == "number" and units.is_fraction(value, attribute.is_decimal(value)):
                return attribute
            if recipe == "fraction" and attribute.kind == "dimension" and any(
                    units.is_fraction(part, attribute.is_decimal(part)) for part in value):
                return attribute
            if recipe == "decimal" and attribute.kind in ("number", "dimension") and (
                    any(attribute.is_decimal(part) for part in (value if attribute.kind == "dimension" else [value]))):
                return attribute
            if recipe == "dimension" and attribute.kind == "dimension":
                return attribute
            if recipe == "unit" and attribute.kind == "number" and attribute.unit not in ("count",):
                return attribute
        if recipe in ("fraction", "decimal", "dimension", "unit"):
            return None
        if recipe == "compound" and not product_type.compound:
            return None
        if recipe == "synonym" and not product_type.synonyms:
            return None
        if recipe == "irregular" and product_type.key not in IRREGULAR_NOUNS:
            return None
        return True

    def pick(self, recipe):
        """(type, product, needed attribute or True) for the recipe, drawn by type share."""
        for _ in range(1000):
            product_type = self.rng.choices(ALL_TYPES, [t.share for t in ALL_TYPES])[0]
            product = self.rng.choice(self.truth_by_type[product_type.key])
            values = product_values(product_type, product)
            needed = self.eligible(recipe, product_type, values)
            if needed is not None:
                return product_type, product, values, needed
        raise SystemExit(f"make_judged_queries: no product serves the recipe {recipe}")

    def render_attribute(self, attribute, value, kinds, stated, bare_allowed):
        rng = self.rng
        if attribute.kind == "number":
            stated[attribute.name] = str(value)
            force_unit = not bare_allowed
            return units.shopper(value, attribute.unit, rng, kinds, attribute.bare_ok and not force_unit,
                                 attribute.is_decimal(value), attribute.is_improper(value))
        if attribute.kind == "dimension":
            parts = list(value)
            if len(parts) == 3 and rng.random() < 0.35:
                # "2x4 8 ft": the first two as a dimension, the length on its own (or left out).
                text = units.shopper_dimensions(parts[:2], attribute.units[:2], rng, kinds, attribute.decimal_values,
                                                attribute.improper_values)
                stated.update({f"{attribute.name}.0": str(parts[0]), f"{attribute.name}.1": str(parts[1])})
                if rng.random() < 0.5:
                    stated[f"{attribute.name}.2"] = str(parts[2])
                    text += " " + units.shopper(parts[2], attribute.units[2], rng, kinds, False, attribute.is_decimal(parts[2]),
                                                   attribute.is_improper(parts[2]))
                return text
            stated.update({f"{attribute.name}.{i}": str(part) for i, part in enumerate(parts)})
            return units.shopper_dimensions(parts, attribute.units, rng, kinds, attribute.decimal_values, attribute.improper_values)
        stated[attribute.name] = value.key
        typed = rng.choice(value.shopper)
        if is_compound_form(typed, value.listing):
            kinds.add("compound")
        return typed

    def noun(self, recipe, product_type, kinds):
        rng = self.rng
        if recipe == "synonym":
            kinds.add("synonym")
            return rng.choice(product_type.synonyms)
        if recipe == "irregular":
            kinds.add("irregular")
            return rng.choice(IRREGULAR_NOUNS[product_type.key])
        nouns = product_type.shopper_nouns()
        if recipe == "compound":
            nouns = [noun for noun in nouns if is_compound_form(noun, product_type.nouns)] or nouns
        typed = rng.choice(nouns)
        if is_compound_form(typed, product_type.nouns):
            kinds.add("compound")
        return typed

    def make(self, recipe):
        rng = self.rng
        product_type, product, values, needed = self.pick(recipe)
        kinds, stated = set(), {}
        if recipe == "model":
            return self.model_query(product_type, product)
        # Attributes stated besides the one the recipe needs.
        extra = {"short": rng.choice([0, 0, 1]), "long": rng.randint(2, 4), "attributes": rng.randint(1, 2)}.get(recipe, rng.randint(0, 2))
        chosen = [] if needed is True else [needed]
        others = [a for a in product_type.attributes if a.name in values and a.query_weight > 0 and a not in chosen]
        rng.shuffle(others)
        added = 0
        for attribute in others:
            if added >= extra:
                break
            if rng.random() < min(0.9, 0.35 * attribute.query_weight):
                chosen.append(attribute)
                added += 1
        parts = [self.render_attribute(a, values[a.name], kinds, stated, bare_allowed=recipe != "unit" or a is not needed)
                 for a in chosen]
        noun = self.noun(recipe, product_type, kinds)
        brand = None
        if rng.random() < (0.35 if recipe == "long" else 0.15) and recipe != "short":
            brand = product["brand"]
            stated["brand"] = brand
        words = self.arrange(parts, noun, brand)
        if recipe == "long":
            words = self.add_fillers(words, product_type, kinds)
        text = " ".join(words)
        if recipe == "misspelt" or (recipe not in ("short", "model") and rng.random() < 0.06):
            text = self.misspell(text, kinds)
        return text, product_type.key, stated, kinds

    def arrange(self, parts, noun, brand):
        rng = self.rng
        head = [brand] if brand else []
        roll = rng.random()
        if roll < 0.45:
            return head + parts + [noun]
        if roll < 0.75:
            return head + [noun] + parts
        if roll < 0.9 and parts:
            return head + parts[:1] + [noun] + parts[1:]
        return [noun] + head + parts

    def add_fillers(self, words, product_type, kinds):
        vocabulary = self.vocabulary[product_type.key]
        allowed = [f for f in FILLERS if not any(w in vocabulary for w in f.split() if w not in ("for", "new"))]
        for filler in self.rng.sample(allowed, k=min(len(allowed), self.rng.choice([1, 1, 2]))):
            kinds.add("filler")
            words.insert(self.rng.randint(0, len(words) - 1), filler)
        return words

    def misspell(self, text, kinds):
        candidates = [m for m in re.finditer(r"[a-z]{5,}", text) if m.group(0) not in ("inch", "inches", "gallon", "pound")]
        if not candidates:
            return text
        match = self.rng.choice(candidates)
        kinds.add("misspelt")
        return text[:match.start()] + typos.misspell(self.rng, match.group(0)) + text[match.end():]

    def model_query(self, product_type, product):
        rng = self.rng
        model = product["model"]
        roll = rng.random()
        if roll < 0.3 and "-" in model:
            model = model.replace("-", rng.choice(["", " "]))
        elif roll < 0.5:
            model = re.sub(r"^([a-z]+)(\d)", r"\1 \2", model) if rng.random() < 0.5 else re.sub(r"^([a-z]+)(\d)", r"\1-\2", model)
        words = [model]
        if rng.random() < 0.4:
            words.insert(0, product["brand"])
        if rng.random() < 0.4:
            words.append(rng.choice(product_type.shopper_nouns()))
        return " ".join(words), product_type.key, {"model": product["model"]}, {"model"}


def slices(text, kinds):
    count = len(text.split())
    length = "words 1-2" if count <= 2 else ("words 3-4" if count <= 4 else "words 5+")
    return [length] + sorted(kinds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--truth", required=True)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=660)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--judgements", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    truth_by_type = load_truth(args.truth)
    maker = QueryMaker(rng, truth_by_type, type_vocabulary(args.catalog, truth_by_type))
    plan = [recipe for recipe, share in RECIPES.items() for _ in range(max(1, round(share * args.count)))]
    seen = set()
    with open(args.queries, "w", encoding="utf-8") as tsv, open(args.judgements, "w", encoding="utf-8") as out:
        for number, recipe in enumerate(plan, 1):
            for _ in range(50):
                text, type_key, stated, kinds = maker.make(recipe)
                text = re.sub(r"\s+", " ", text).strip()
                if text not in seen:
                    break
            seen.add(text)
            qid = f"r{number:04d}"
            tsv.write(f"{qid}\t{text}\n")
            out.write(json.dumps({"qid": qid, "query": text, "recipe": recipe, "type": type_key, "attrs": stated,
                                  "slices": slices(text, kinds)}) + "\n")
    print(f"make_judged_queries: {len(plan)} queries -> {args.queries}", file=sys.stderr)


if __name__ == "__main__":
    main()
