"""Grades of every product for every query, from attributes alone.

    2  the product's type is the query's and every attribute the query states matches
       (numbers compared as exact fractions: 1-1/4 == 1.25 != 12; brand and model numbers
       compared case-blind)
    1  the type is the query's but a stated attribute differs (another size, colour, brand), or
       the type is a close relative (same `family`: a hammer drill for "drill", PEX pipe for
       "copper pipe") whose value matches every attribute the query states
    0  anything else

No grade reads a title or a query's words, so the grades do not reward any one tokenizer. Every
product is graded, so there are no unjudged documents: nDCG over full retrieval is exact.
"""
import json

from type_table import BY_KEY


def load_products(truth_path):
    """[truth record] in catalog order and {type: [record]}."""
    products, by_type = [], {}
    with open(truth_path, encoding="utf-8") as lines:
        for line in lines:
            product = json.loads(line)
            products.append(product)
            by_type.setdefault(product["type"], []).append(product)
    return products, by_type


def product_value(product, name):
    if name == "brand":
        return product["brand"]
    if name == "model":
        return product["model"]
    return product["attrs"].get(name)


def matches_every_attribute(query, product):
    return all(product_value(product, name) == str(value).lower() for name, value in query["attrs"].items())


def grade(query, product):
    """0, 1 or 2 for one (query, product) pair; see the module docstring."""
    if product["type"] == query["type"]:
        return 2 if matches_every_attribute(query, product) else 1
    family = BY_KEY[query["type"]].family
    if family and BY_KEY[product["type"]].family == family and matches_every_attribute(query, product):
        return 1
    return 0


def grades_for(query, by_type):
    """{product id: grade} for the products with a grade above 0 (every other product is 0)."""
    family = BY_KEY[query["type"]].family
    candidates = list(by_type.get(query["type"], []))
    if family:
        for key, products in by_type.items():
            if key != query["type"] and BY_KEY[key].family == family:
                candidates.extend(products)
    graded = {}
    for product in candidates:
        value = grade(query, product)
        if value:
            graded[product["id"]] = value
    return graded
