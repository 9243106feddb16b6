"""The structured model of the relevance catalog: product types and their attributes.

A product is a type (`ProductType.key`), a brand, a model number and a value for each of its
type's attributes. Titles, descriptions and the catalog's attribute map are rendered from those
values (see make_catalog.py); queries are rendered from a subset of them (make_queries.py); and
grades compare them (grading.py). No grade ever looks at rendered text.

Attribute kinds:
  number     a Fraction with a unit ("diameter": 1/2 in)
  dimension  a tuple of numbers with a unit each ("size": 2 in x 4 in x 8 ft); each part is
             graded on its own ("size.0", "size.1", "size.2"), so "2x4" states two parts
  choice     one of a few words ("material": copper), with the forms listings print and the
             forms shoppers type

Title templates are strings with `{brand}`, `{noun}`, `{model}` and `{attribute}` placeholders;
a `[...]` group is dropped when an attribute inside it has no value (conditional attributes).
"""
import re
from dataclasses import dataclass, field
from typing import Optional

import units


@dataclass(frozen=True)
class Choice:
    """One value of a choice attribute: its canonical key, listing forms, shopper forms."""
    key: str
    listing: tuple
    shopper: tuple


def choice(spec):
    """"Stainless Steel" or ("Stainless Steel", "stainless steel|stainless") -> Choice."""
    if isinstance(spec, str):
        return Choice(spec.lower(), (spec,), (spec.lower(),))
    listing_forms, shopper_forms = spec
    listing_forms = tuple(listing_forms.split("|"))
    return Choice(listing_forms[0].lower(), listing_forms, tuple(shopper_forms.split("|")))


@dataclass
class Attribute:
    name: str
    label: str
    kind: str
    unit: Optional[str] = None
    units: tuple = ()
    values: list = field(default_factory=list)
    # (attribute, choice key): the attribute exists only for products with that choice.
    when: Optional[tuple] = None
    # How often a query about this type states this attribute (0 = never).
    query_weight: float = 1.0
    # Numbers that shoppers often type without a unit ("1/2 copper pipe", "2x4").
    bare_ok: bool = False
    # Values the table writes as decimals ("25.5", "4.5"): printed and typed as decimals, while
    # "4-1/2" is printed as a fraction although it is the same number.
    decimal_values: frozenset = frozenset()

    # Values the table writes as improper fractions ("5/4" deck boards): printed and typed so.
    improper_values: frozenset = frozenset()

    def is_decimal(self, value):
        return value in self.decimal_values

    def is_improper(self, value):
        return value in self.improper_values


def is_improper(text):
    return "/" in text and "-" not in text and units.value(text) > 1


def number(name, unit, values, label=None, when=None, q=1.0, bare=False):
    return Attribute(name, label or name.title(), "number", unit=unit,
                     values=[units.value(v) for v in values], when=when, query_weight=q, bare_ok=bare,
                     decimal_values=frozenset(units.value(v) for v in values if "." in v),
                     improper_values=frozenset(units.value(v) for v in values if is_improper(v)))


def dimension(name, unit_list, values, label=None, q=1.0):
    return Attribute(name, label or name.title(), "dimension", units=tuple(unit_list),
                     values=[tuple(units.value(v) for v in spec.split("x")) for spec in values], query_weight=q,
                     decimal_values=frozenset(units.value(v) for spec in values for v in spec.split("x") if "." in v),
                     improper_values=frozenset(units.value(v) for spec in values for v in spec.split("x") if is_improper(v)))


def choices(name, values, label=None, when=None, q=1.0):
    return Attribute(name, label or name.title(), "choice", values=[choice(v) for v in values],
                     when=when, query_weight=q)


@dataclass
class ProductType:
    key: str
    category: str
    # Title nouns; the first form is the dictionary form. Products pick one form each, so a
    # compound ("Band Saw" / "Bandsaw") appears both ways in the catalog.
    nouns: list
    templates: list
    attributes: list
    brands: list
    price: tuple = (5.0, 100.0)
    # What shoppers call it; defaults to the lower-cased nouns.
    query_nouns: list = field(default_factory=list)
    # Other words for it that titles rarely use ("television" for a TV, "fridge").
    synonyms: list = field(default_factory=list)
    # Types in the same family are "closely related" (grade 1 when every stated attribute fits).
    family: Optional[str] = None
    # Sentences for descriptions; placeholders as in templates.
    sentences: list = field(default_factory=list)
    # Relative share of the catalog.
    share: float = 1.0
    # True when the type's name is a compound that shoppers join, split or hyphenate.
    compound: bool = False

    def attribute(self, name):
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(f"{self.key} has no attribute {name}")

    def shopper_nouns(self):
        return self.query_nouns or [noun.lower() for noun in self.nouns]


PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
OPTIONAL_GROUP = re.compile(r"\[([^\[\]]*)\]")


def fill(template, values):
    """`template` with each `{name}` replaced from `values`; an optional `[...]` group whose
    placeholders are not all in `values` is dropped. Raises KeyError for a missing required one."""
    def optional(match):
        group = match.group(1)
        if all(name in values for name in PLACEHOLDER.findall(group)):
            return group
        return ""
    text = OPTIONAL_GROUP.sub(optional, template)
    text = PLACEHOLDER.sub(lambda match: values[match.group(1)], text)
    return re.sub(r"\s+", " ", text).strip().replace(" ,", ",")
