#!/usr/bin/env python3
"""Generates the relevance benchmark's home-improvement catalog from structured attributes.

    make_catalog.py --count 22000 --seed 13 --catalog OUT.jsonl --truth OUT.truth.jsonl

The catalog is uplyft's JSON Lines format (README "Catalog format"): id, name, brand, category,
description, price, image, attributes (a spec table of label -> rendered value, with the model
number), rating, stock. The truth file holds what grades are computed from, one line per
product: {"id", "type", "brand", "model", "attrs": {name: canonical value}}, canonical numbers
as exact fractions ("5/4", "51/10"), dimension parts as "size.0", "size.1", ...

Every product draws its type (by share), brand, model number and attribute values; its house
style (units.STYLES) decides how numbers and units are printed; its title is one of its type's
templates, its noun one of the type's noun forms (so compounds appear joined and split), and a
few titles carry a typo, as real feeds do. Deterministic for a seed.
"""
import argparse
import json
import random
import re
import sys

import typos
import units
from product_types import fill
from type_table import ALL_TYPES

# Share of products whose listing prints fractions as decimals ("1.25 in.") and whose
# dimensions are run together ("2x4x8"), and of titles with a typo.
DECIMAL_FRACTION_SHARE = 0.04
COMPACT_DIMENSION_SHARE = 0.15
TITLE_TYPO_SHARE = 0.004
WARRANTY_YEARS = [1, 2, 3, 5, 10]


def model_number(rng, brand, product_type, values, taken):
    """A model number in one of the shapes real brands use ("DCD771C2", "2804-20", "UN55TU7000",
    "HB-4127W"), unique in the catalog; TV models embed the screen size as real ones do."""
    letters = [c for c in brand.upper() if c.isalpha()] or ["X"]
    while True:
        prefix = letters[0] + rng.choice(letters[1:] or letters) + (rng.choice(letters) if rng.random() < 0.5 else "")
        shape = rng.random()
        if product_type.key == "tv":
            size = units.plain_number(values["size"])
            model = f"{prefix[:2]}{size}{rng.choice('ABCQTU')}{rng.choice('UQN')}{rng.randint(6, 9)}{rng.randint(0, 9)}00"
        elif shape < 0.45:
            suffix = rng.choice(["", "B", "C2", "K", "P1", "W"])
            model = f"{prefix}{rng.randint(100, 9999)}{suffix}"
        elif shape < 0.65:
            model = f"{rng.randint(1000, 9999)}-{rng.randint(10, 29)}"
        elif shape < 0.85:
            model = f"{prefix}-{rng.randint(1000, 9999)}{rng.choice(['', 'W', 'BK', 'SS'])}"
        else:
            model = f"{prefix}{rng.randint(10, 99)}{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}"
        if model not in taken:
            taken.add(model)
            return model


def draw_values(rng, product_type):
    """name -> canonical value (Fraction, tuple of Fractions or Choice) for one product."""
    values = {}
    for attribute in product_type.attributes:
        if attribute.when:
            depends_on, wanted = attribute.when
            if depends_on not in values or values[depends_on].key != wanted:
                continue
        values[attribute.name] = rng.choice(attribute.values)
    return values


def rendered_values(rng, product_type, values, style, decimal_fractions, compact_dimensions):
    """name -> text as this listing prints it."""
    text = {}
    for attribute in product_type.attributes:
        if attribute.name not in values:
            continue
        value = values[attribute.name]
        if attribute.kind == "number":
            text[attribute.name] = units.listing(value, attribute.unit, style,
                                                 decimal_fractions or attribute.is_decimal(value), attribute.is_improper(value))
        elif attribute.kind == "dimension":
            if compact_dimensions:
                numbers = [units.listing_number(part, unit, style, decimal_fractions or attribute.is_decimal(part),
                                                attribute.is_improper(part))
                           for part, unit in zip(value, attribute.units)]
                last = units.UNITS[attribute.units[-1]]["hd"].format(n="").strip()
                text[attribute.name] = "x".join(numbers) + ("" if len(set(attribute.units)) > 1 else " " + last)
            else:
                text[attribute.name] = " x ".join(units.listing(part, unit, style, decimal_fractions or attribute.is_decimal(part),
                                                                 attribute.is_improper(part))
                                                  for part, unit in zip(value, attribute.units))
        else:
            text[attribute.name] = rng.choice(value.listing)
    return text


def canonical(value):
    return str(value) if not hasattr(value, "key") else value.key


def truth_attributes(product_type, values):
    flat = {}
    for attribute in product_type.attributes:
        if attribute.name not in values:
            continue
        value = values[attribute.name]
        if attribute.kind == "dimension":
            for position, part in enumerate(value):
                flat[f"{attribute.name}.{position}"] = str(part)
        else:
            flat[attribute.name] = canonical(value)
    return flat


def usable_templates(templates, placeholders):
    usable = []
    for template in templates:
        required = re.findall(r"\{([a-z_]+)\}", re.sub(r"\[[^\]]*\]", "", template))
        if all(name in placeholders for name in required):
            usable.append(template)
    return usable


def describe(rng, product_type, placeholders, values):
    """Two to four sentences: the type's own (filled), one naming the product, a warranty."""
    sentences = []
    for sentence in rng.sample(product_type.sentences, k=min(len(product_type.sentences), rng.randint(1, 3))):
        try:
            sentences.append(fill(sentence, placeholders))
        except KeyError:
            continue
    lead = f"This {placeholders['noun'].lower()} from {placeholders['brand']}"
    specs = [placeholders[a.name] for a in product_type.attributes if a.name in values and a.query_weight > 0]
    if specs:
        lead += " comes in " + ", ".join(rng.sample(specs, k=min(2, len(specs))))
    sentences.insert(rng.randint(0, len(sentences)), lead + ".")
    sentences.append(f"Backed by a {rng.choice(WARRANTY_YEARS)}-year limited warranty.")
    return " ".join(sentences)


def make_product(rng, number, product_type, taken_models):
    values = draw_values(rng, product_type)
    style = rng.choices(units.STYLES, units.STYLE_WEIGHTS)[0]
    decimal_fractions = rng.random() < DECIMAL_FRACTION_SHARE
    compact = rng.random() < COMPACT_DIMENSION_SHARE
    brand = rng.choice(product_type.brands)
    model = model_number(rng, brand, product_type, values, taken_models)
    placeholders = rendered_values(rng, product_type, values, style, decimal_fractions, compact)
    placeholders.update(brand=brand, model=model, noun=rng.choice(product_type.nouns))
    template = rng.choice(usable_templates(product_type.templates, placeholders))
    name = fill(template, placeholders)
    if "{brand}" not in template and rng.random() < 0.5:
        name = f"{brand} {name}"
    if rng.random() < TITLE_TYPO_SHARE:
        name = typos.misspell_text(rng, name)
    attributes = {a.label: placeholders[a.name] for a in product_type.attributes if a.name in values}
    attributes["Model Number"] = model
    low, high = product_type.price
    price = round(rng.uniform(low, high)) - rng.choice([0.01, 0.03, 0.02]) if high > 20 else round(rng.uniform(low, high), 2)
    product = {
        "id": f"hi-{number:06d}", "name": name, "brand": brand, "category": product_type.category,
        "description": describe(rng, product_type, placeholders, values), "price": max(0.97, round(price, 2)),
        "image": f"/images/products/{product_type.key.replace('_', '-')}.svg", "attributes": attributes,
        "rating": round(rng.uniform(3.2, 5.0), 1), "stock": rng.randint(0, 400),
    }
    truth = {"id": product["id"], "type": product_type.key, "brand": brand.lower(), "model": model.lower(),
             "attrs": truth_attributes(product_type, values)}
    return product, truth


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=22000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--truth", required=True)
    args = parser.parse_args()
    if args.count < len(ALL_TYPES):
        parser.error(f"--count must be at least {len(ALL_TYPES)} (one product per type)")
    rng = random.Random(args.seed)
    shares = [product_type.share for product_type in ALL_TYPES]
    # Every type at least once, the rest by share, in a shuffled order so ids say nothing.
    drawn = list(ALL_TYPES) + rng.choices(ALL_TYPES, shares, k=args.count - len(ALL_TYPES))
    rng.shuffle(drawn)
    taken_models = set()
    with open(args.catalog, "w", encoding="utf-8") as catalog, open(args.truth, "w", encoding="utf-8") as truth:
        for number, product_type in enumerate(drawn, 1):
            product, product_truth = make_product(rng, number, product_type, taken_models)
            catalog.write(json.dumps(product, ensure_ascii=False, separators=(",", ":")) + "\n")
            truth.write(json.dumps(product_truth, separators=(",", ":")) + "\n")
    print(f"make_catalog: {args.count} products of {len(ALL_TYPES)} types -> {args.catalog}", file=sys.stderr)


if __name__ == "__main__":
    main()
