"""Catalog `image` values the page must refuse, shared by scripts/browser-tests.sh (which
appends one product per value to the catalog it serves) and test_shop.py (which opens each
product's page and checks that only the placeholder was used).

Each value is something a string test on the address gets wrong or a browser turns into
another host: absolute and protocol-relative addresses, backslashes and tabs or line breaks
that the URL parser drops or reads as slashes, script and data addresses, credentials.

    python3 Tests/browser/hostile_images.py >> catalog.jsonl
"""

import json

PLACEHOLDER = "/images/products/product.svg"

HOSTILE = [
    "https://evil.example/x.png",
    "HTTPS://evil.example/x.png",
    "//evil.example/x.png",
    " //evil.example/x.png",
    "/\\evil.example/x.png",
    "\\\\evil.example\\x.png",
    "/\t/evil.example/x.png",
    "/\n/evil.example/x.png",
    "/\r\n/evil.example/x.png",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
    "http://attacker:secret@evil.example/x.png",
    "ftp://evil.example/x.png",
    "",
]


def products():
    """One product per hostile value, with ids hostile-image-01... and names no test searches for."""
    return [{"id": f"hostile-image-{number:02d}", "name": f"Hostile image probe {number:02d}",
             "description": "A catalog line whose image address must not be loaded.", "price": 1.0, "image": value}
            for number, value in enumerate(HOSTILE, 1)]


if __name__ == "__main__":
    for product in products():
        print(json.dumps(product))
