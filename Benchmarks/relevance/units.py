"""Numbers and units as home-improvement listings print them and as shoppers type them.

A measurement is a canonical value (a `fractions.Fraction`, so that 1-1/4 and 1.25 are the same
number and 12 is not 1/2) with a unit key from `UNITS`. Grades compare the canonical values;
only the text differs between a listing and a query.

Listings come in three house styles, chosen per product, because a real catalog mixes feeds:
  hd     the big-box style: `1-1/4 in.`, `8 ft.`, `20-Volt`, `15 Amp`, `5 gal.`, `25.5 cu. ft.`
  amazon marketplace style: `1-1/4-Inch`, `8-Foot`, `20V`, `15-Amp`, `5-Gallon`
  marks  feet and inch marks and run-together units: `1-1/4"`, `8'`, `20V`, `15A`, `5 Gal`
Shoppers type any of `SHOPPER_FORMS` for a unit, fractions with a space or a hyphen, and now and
then a decimal for a fraction or a European decimal comma.
"""
from fractions import Fraction

STYLES = ("hd", "amazon", "marks")
STYLE_WEIGHTS = (0.65, 0.25, 0.10)

# unit key -> listing form per style; {n} is the number as that style prints it.
UNITS = {
    "in": {"hd": "{n} in.", "amazon": "{n}-Inch", "marks": '{n}"'},
    "ft": {"hd": "{n} ft.", "amazon": "{n}-Foot", "marks": "{n}'"},
    "mm": {"hd": "{n} mm", "amazon": "{n}mm", "marks": "{n}mm"},
    "lb": {"hd": "{n} lb.", "amazon": "{n}-Pound", "marks": "{n} lbs"},
    "oz": {"hd": "{n} oz.", "amazon": "{n}-Ounce", "marks": "{n}oz"},
    "floz": {"hd": "{n} fl. oz.", "amazon": "{n}-Fluid Ounce", "marks": "{n} fl oz"},
    "gal": {"hd": "{n} gal.", "amazon": "{n}-Gallon", "marks": "{n} Gal"},
    "qt": {"hd": "{n} qt.", "amazon": "{n}-Quart", "marks": "{n} QT"},
    "V": {"hd": "{n}-Volt", "amazon": "{n}V", "marks": "{n}V"},
    "A": {"hd": "{n} Amp", "amazon": "{n}-Amp", "marks": "{n}A"},
    "W": {"hd": "{n}-Watt", "amazon": "{n}W", "marks": "{n}W"},
    "cuft": {"hd": "{n} cu. ft.", "amazon": "{n} Cu. Ft.", "marks": "{n} cu ft"},
    "sqft": {"hd": "{n} sq. ft.", "amazon": "{n} Sq. Ft.", "marks": "{n} sqft"},
    "btu": {"hd": "{n} BTU", "amazon": "{n} BTU", "marks": "{n}BTU"},
    "psi": {"hd": "{n} PSI", "amazon": "{n} PSI", "marks": "{n}PSI"},
    "gpm": {"hd": "{n} GPM", "amazon": "{n} GPM", "marks": "{n}GPM"},
    "cc": {"hd": "{n}cc", "amazon": "{n}cc", "marks": "{n}cc"},
    "kelvin": {"hd": "{n}K", "amazon": "{n}K", "marks": "{n}K"},
    "pint": {"hd": "{n}-Pint", "amazon": "{n} Pint", "marks": "{n}-Pint"},
    "hp": {"hd": "{n} HP", "amazon": "{n}-HP", "marks": "{n}HP"},
    "teeth": {"hd": "{n}-Tooth", "amazon": "{n}-Tooth", "marks": "{n}T"},
    "count": {"hd": "({n}-Pack)", "amazon": "({n}-Pack)", "marks": "{n} pk"},
    "gauge": {"hd": "{n}-Gauge", "amazon": "{n} Gauge", "marks": "{n} ga"},
    "sones": {"hd": "{n} Sones", "amazon": "{n} Sone", "marks": "{n} sones"},
    "penny": {"hd": "{n}D", "amazon": "{n}d", "marks": "{n}D"},
    "degree": {"hd": "{n}-Degree", "amazon": "{n} Degree", "marks": "{n}°"},
    "piece": {"hd": "{n}-Piece", "amazon": "{n}-Piece", "marks": "{n} pc"},
    "screw": {"hd": "#{n}", "amazon": "#{n}", "marks": "No. {n}"},
    "rvalue": {"hd": "R-{n}", "amazon": "R-{n}", "marks": "R{n}"},
    "lumens": {"hd": "{n} Lumens", "amazon": "{n} Lumen", "marks": "{n}LM"},
    "cfm": {"hd": "{n} CFM", "amazon": "{n} CFM", "marks": "{n}CFM"},
    "mph": {"hd": "{n} MPH", "amazon": "{n} MPH", "marks": "{n}MPH"},
    "gpf": {"hd": "{n} GPF", "amazon": "{n} GPF", "marks": "{n}GPF"},
    "burner": {"hd": "{n}-Burner", "amazon": "{n}-Burner", "marks": "{n} Burner"},
    "tier": {"hd": "{n}-Tier", "amazon": "{n}-Tier", "marks": "{n} Tier"},
    "spray": {"hd": "{n}-Spray", "amazon": "{n}-Setting", "marks": "{n}-Spray"},
    "shoe": {"hd": "Size {n}", "amazon": "Size {n}", "marks": "Sz {n}"},
    "dba": {"hd": "{n} dBA", "amazon": "{n} dBA", "marks": "{n}dB"},
}

# How shoppers type a unit after a number (lower case, as typed); `{n}` is the number.
SHOPPER_FORMS = {
    "in": ["{n} in", "{n} inch", "{n}in", '{n}"', "{n}-inch", "{n} in.", "{n} inches", "{n}inch"],
    "ft": ["{n} ft", "{n}ft", "{n} foot", "{n} feet", "{n}'", "{n}-ft", "{n} ft.", "{n}-foot"],
    "mm": ["{n}mm", "{n} mm", "{n} millimeter"],
    "lb": ["{n} lb", "{n}lb", "{n} lbs", "{n} pound", "{n} pounds", "{n}lbs", "{n}-lb"],
    "oz": ["{n} oz", "{n}oz", "{n} ounce", "{n} ounces", "{n}-oz"],
    "floz": ["{n} oz", "{n} fl oz", "{n}oz", "{n} ounce"],
    "gal": ["{n} gal", "{n} gallon", "{n}gal", "{n}-gallon", "{n} gallons", "{n} gal."],
    "qt": ["{n} qt", "{n} quart", "{n}qt", "{n} quarts"],
    "V": ["{n}v", "{n} volt", "{n}-volt", "{n} v", "{n}volt", "{n} volts"],
    "A": ["{n} amp", "{n}a", "{n} amps", "{n}-amp", "{n}amp", "{n} a"],
    "W": ["{n}w", "{n} watt", "{n} watts", "{n}-watt", "{n} w"],
    "cuft": ["{n} cu ft", "{n} cubic feet", "{n} cu. ft.", "{n}cu ft", "{n} cubic ft", "{n} cf"],
    "sqft": ["{n} sq ft", "{n} square feet", "{n}sqft", "{n} sq. ft."],
    "btu": ["{n} btu", "{n}btu"],
    "psi": ["{n} psi", "{n}psi"],
    "gpm": ["{n} gpm", "{n}gpm"],
    "cc": ["{n}cc", "{n} cc"],
    "kelvin": ["{n}k", "{n} k", "{n} kelvin"],
    "pint": ["{n} pint", "{n}-pint", "{n} pints", "{n}pt"],
    "hp": ["{n} hp", "{n}hp", "{n} horsepower"],
    "teeth": ["{n} tooth", "{n}t", "{n} teeth", "{n}-tooth"],
    "count": ["{n} pack", "{n}pk", "{n}-pack", "{n} pk", "{n} count"],
    "gauge": ["{n} gauge", "{n}ga", "{n} ga", "{n}-gauge"],
    "sones": ["{n} sones", "{n} sone"],
    "penny": ["{n}d", "{n} penny", "{n}-penny", "{n} d"],
    "degree": ["{n} degree", "{n} deg", "{n}°", "{n}-degree", "{n}"],
    "piece": ["{n} piece", "{n} pc", "{n}pc", "{n}-piece", "{n} pcs", "{n} pieces"],
    "screw": ["#{n}", "no {n}", "#{n}", "{n}"],
    "rvalue": ["r{n}", "r-{n}", "r {n}"],
    "lumens": ["{n} lumens", "{n} lumen", "{n}lm", "{n} lm"],
    "cfm": ["{n} cfm", "{n}cfm"],
    "mph": ["{n} mph", "{n}mph"],
    "gpf": ["{n} gpf", "{n}gpf"],
    "burner": ["{n} burner", "{n}-burner", "{n} burners"],
    "tier": ["{n} tier", "{n}-tier", "{n} shelf", "{n} shelves"],
    "spray": ["{n} spray", "{n}-spray", "{n} setting", "{n} function"],
    "shoe": ["size {n}", "{n}", "sz {n}"],
    "dba": ["{n} dba", "{n}db", "{n} db", "{n} decibel"],
}


# A unit word after a whole dimension ("30x36 in").
UNIT_WORDS = {"in": ["in", "inch", "inches", "in."], "ft": ["ft", "feet", "foot"], "mm": ["mm"]}


def value(text):
    """The canonical value of `text`: "1-1/4", "3/8", "2.5" or "55" -> Fraction."""
    text = str(text).strip()
    if "-" in text and "/" in text:
        whole, part = text.split("-", 1)
        return Fraction(int(whole)) + Fraction(part)
    return Fraction(text)


def is_fraction(number, as_decimal=False):
    """True for a value written as a fraction (1/2, 1-1/4): a denominator of 2, 4, 8, 16 or 32,
    unless the value is one written as a decimal (`as_decimal`: 25.5 cu. ft., 4.5 in.)."""
    return not as_decimal and number.denominator in (2, 4, 8, 16, 32)


def plain_number(number):
    """`number` as a decimal without trailing zeros, with thousands kept as digits: 2.5, 55, 8000."""
    if number.denominator == 1:
        return str(number.numerator)
    text = f"{float(number):.3f}".rstrip("0").rstrip(".")
    return text


def improper_text(number):
    return f"{number.numerator}/{number.denominator}"


def listing_number(number, unit, style, as_decimal=False, improper=False):
    """How a listing prints `number`: fractions as "1-1/4" (or 1.25 when `as_decimal`), BTU
    with a thousands comma."""
    if unit == "btu" and number.denominator == 1 and number >= 1000:
        return f"{number.numerator:,}"
    if improper and not as_decimal:
        return improper_text(number)
    if is_fraction(number, as_decimal):
        whole, part = divmod(number, 1)
        if whole == 0:
            return f"{part.numerator}/{part.denominator}"
        return f"{whole}-{part.numerator}/{part.denominator}"
    return plain_number(number)


def listing(number, unit, style, as_decimal=False, improper=False):
    """`number` with its unit as a listing of `style` prints it."""
    text = listing_number(number, unit, style, as_decimal, improper)
    return UNITS[unit][style].format(n=text)


def shopper_number(number, random, kinds, as_decimal=False, improper=False):
    """How a shopper types `number`; adds to `kinds` ("fraction", "decimal", "european") what
    the text holds. Mixed numbers with a space or a hyphen, sometimes as a decimal; decimals
    sometimes with a European comma (only where that cannot be a thousands separator)."""
    if improper:
        kinds.add("fraction")
        return improper_text(number)
    if is_fraction(number, as_decimal):
        kinds.add("fraction")
        whole, part = divmod(number, 1)
        roll = random.random()
        if roll < 0.08:
            kinds.add("decimal")
            return plain_number(number)
        if whole == 0:
            return f"{part.numerator}/{part.denominator}"
        joiner = " " if roll < 0.55 else "-"
        return f"{whole}{joiner}{part.numerator}/{part.denominator}"
    if number.denominator != 1:
        kinds.add("decimal")
        text = plain_number(number)
        # "2,5" is unambiguous (one digit after the comma is never a thousands group).
        if random.random() < 0.25 and len(text.split(".")[1]) != 3:
            kinds.add("european")
            return text.replace(".", ",")
        return text
    return str(number.numerator)


def shopper(number, unit, random, kinds, bare_ok=False, as_decimal=False, improper=False):
    """`number` with `unit` as a shopper types it; sometimes the bare number when `bare_ok`."""
    if unit == "btu" and number.denominator == 1 and number % 1000 == 0 and random.random() < 0.5:
        kinds.add("unit")
        thousands = number.numerator // 1000
        return random.choice([f"{thousands}k btu", f"{number.numerator:,} btu", f"{thousands},000 btu"])
    text = shopper_number(number, random, kinds, as_decimal, improper)
    if bare_ok and random.random() < 0.25:
        return text
    kinds.add("unit")
    return random.choice(SHOPPER_FORMS[unit]).format(n=text)


def shopper_dimensions(numbers, units, random, kinds, decimal_values=frozenset(), improper_values=frozenset()):
    """A dimension as shoppers type it: "2x6", "2 x 6", "2x6x8", "30x36 in", "30 in x 36 in"."""
    kinds.add("dimension")
    parts = [shopper_number(number, random, kinds, number in decimal_values, number in improper_values) for number in numbers]
    roll = random.random()
    if roll < 0.55:
        return "x".join(parts)
    if roll < 0.75:
        return " x ".join(parts)
    if roll < 0.9 and len(set(units)) == 1 and units[0] in UNIT_WORDS:
        kinds.add("unit")
        return "x".join(parts) + " " + random.choice(UNIT_WORDS[units[0]])
    kinds.add("unit")
    return " x ".join(random.choice(SHOPPER_FORMS[unit]).format(n=part) for part, unit in zip(parts, units))
