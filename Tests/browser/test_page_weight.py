"""Structural speed properties of the shop's pages in headless Chromium (issue 15, "Speed,
weight and HTTP caching"): what makes the page fast on a slow link without timing anything,
so nothing here can flake on a loaded machine. The timed figures come from page_metrics.py.

- No request waterfall: every module the entry module imports, transitively, is named in the
  HTML as a modulepreload, so the browser asks for all of them at once.
- Compressed: text answers arrive gzipped, smaller than their bytes.
- Fingerprinted files are immutable: a second visit fetches none of them again.
- Pages revalidate: the same page asked with its ETag is a 304.
"""

import json
import os
import re
import urllib.parse
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE_URL = os.environ.get("UPLYFT_BASE_URL", "http://127.0.0.1:8080")
STATIC_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*['"]([^'"\n]+)['"]""")
MODULE_SCRIPT = re.compile(r"""<script\b[^>]*\btype=["']?module["']?[^>]*\bsrc=["']([^"']+)["']""")
PRELOAD = re.compile(r"""<link\b[^>]*\brel=["']?modulepreload["']?[^>]*\bhref=["']([^"']+)["']""")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.[a-z0-9]+$")


def fetch(path, headers=None):
    request = urllib.request.Request(BASE_URL + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def product_path():
    status, _, body = fetch("/api/search/?q=&page_size=1")
    results = json.loads(body).get("results", []) if status == 200 else []
    if not results:
        status, _, body = fetch("/api/search/?q=shoes&page_size=1")
        results = json.loads(body).get("results", [])
    return "/products/" + urllib.parse.quote(results[0]["id"], safe="")


def pages():
    return ["/", product_path()]


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options,
                              service=Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    yield driver
    driver.quit()


def resources(driver):
    """Every resource the page loaded so far, after its load event, as Resource Timing sees it."""
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const read = () => done(performance.getEntriesByType('resource').map((entry) => ({
            name: entry.name, transfer: entry.transferSize, encoded: entry.encodedBodySize, decoded: entry.decodedBodySize})));
        if (document.readyState === 'complete') read(); else window.addEventListener('load', read);
    """)


def test_every_module_of_the_import_graph_is_preloaded_by_the_page():
    for page in pages():
        status, _, body = fetch(page)
        assert status == 200, page
        html = body.decode()
        entries = [urllib.parse.urljoin(BASE_URL + page, src) for src in MODULE_SCRIPT.findall(html)]
        assert entries, f"{page} has a module script"
        preloaded = {urllib.parse.urljoin(BASE_URL + page, href) for href in PRELOAD.findall(html)}
        seen, queue = set(entries), list(entries)
        while queue:
            url = queue.pop()
            status, _, source = fetch(urllib.parse.urlsplit(url).path)
            assert status == 200, url
            for specifier in STATIC_IMPORT.findall(source.decode()):
                if not specifier.startswith(("./", "../", "/")):
                    continue
                target = urllib.parse.urljoin(url, specifier)
                assert FINGERPRINTED.search(target), f"{url} imports {specifier} by a name that does not change with it"
                assert target in preloaded, f"{target} (imported by {url}) is fetched only after its importer arrives"
                if target not in seen:
                    seen.add(target)
                    queue.append(target)


def test_text_arrives_compressed_and_a_second_visit_fetches_no_static_file(browser):
    for page in pages():
        browser.execute_cdp_cmd("Network.clearBrowserCache", {})
        browser.get(BASE_URL + page)
        first = resources(browser)
        texts = [entry for entry in first if re.search(r"\.(js|css|svg)$", entry["name"]) and entry["decoded"] >= 1024]
        assert texts, f"{page} loads text files"
        for entry in texts:
            assert 0 < entry["encoded"] < entry["decoded"], f"{entry['name']} was not compressed"
        navigation = browser.execute_script("const n = performance.getEntriesByType('navigation')[0];"
                                            "return [n.encodedBodySize, n.decodedBodySize];")
        assert navigation[0] < navigation[1], f"{page} itself was not compressed"
        # A new navigation (not a reload): fingerprinted files come from the cache unasked.
        browser.get(BASE_URL + page)
        for entry in resources(browser):
            if "/static/" in entry["name"] and FINGERPRINTED.search(urllib.parse.urlsplit(entry["name"]).path):
                assert entry["transfer"] == 0, f"{entry['name']} was fetched again on the second visit"


def test_fingerprinted_files_are_immutable_and_pages_revalidate():
    for page in pages():
        status, headers, body = fetch(page, {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Cache-Control"] == "no-cache", page
        assert "Accept-Encoding" in headers.get("Vary", ""), page
        status, again, rest = fetch(page, {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
        assert status == 304 and rest == b"", page
        assert again["ETag"] == headers["ETag"]
        html = fetch(page)[2].decode()
        for href in PRELOAD.findall(html) + MODULE_SCRIPT.findall(html):
            status, file_headers, _ = fetch(urllib.parse.urlsplit(urllib.parse.urljoin(BASE_URL + page, href)).path)
            assert status == 200, href
            assert "immutable" in file_headers["Cache-Control"], href
