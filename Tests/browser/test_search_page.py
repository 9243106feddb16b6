"""The shop page's catalog search in headless Chromium (issue 15), without signing in: results
as you type with highlighted matches, stale answers discarded, facet filters with counts,
sort, pages, did-you-mean, the empty state, and the search state in the URL (shareable; Back
and Forward restore it), at phone, tablet and desktop widths.

Run by scripts/browser-tests.sh with the rest of Tests/browser (same server, same catalog:
corpus/catalog.jsonl). Every wait is on a condition of the page, never on time.
"""

import json
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_shop import BASE_URL, SCREEN_SIZES, http, new_browser, page_errors, screenshot, set_viewport, wait

# Test-only instrumentation, injected by the driver before the page's scripts (CSP does not
# apply to it): the search for exactly "dog" is held until the test releases it, and then
# answered whatever the page did meanwhile (its abort signal is not passed on), so the page
# has to discard the stale answer itself. `__slowHandled` is set once the page's code that
# reads the answer has run.
HOLD_SLOW_SEARCH = """
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (resource, options = {}) => {
        const url = new URL(String(resource), location.origin);
        if (url.pathname === '/api/search/' && url.searchParams.get('q') === 'dog') {
            window.__slowStarted = true;
            await new Promise((resolve) => { window.__releaseSlow = resolve; });
            const response = await originalFetch(resource, { headers: options.headers });
            const json = response.json.bind(response);
            response.json = async () => {
                const body = await json();
                setTimeout(() => { window.__slowHandled = true; }, 0);
                return body;
            };
            return response;
        }
        return originalFetch(resource, options);
    };
"""


@pytest.fixture(scope="module")
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def shown(driver, query):
    """Waits until the page shows the answer to `query`; returns the result cards."""
    wait(driver, lambda d: d.find_element(By.ID, "search").get_attribute("data-shown-query") == query
         and d.find_element(By.ID, "search").get_attribute("aria-busy") is None)
    return driver.find_elements(By.CSS_SELECTOR, "#search-results .product-card")


def open_search(driver, query_string=""):
    driver.get(BASE_URL + "/" + query_string)
    params = urllib.parse.parse_qs(query_string.lstrip("?"))
    return shown(driver, params.get("q", [""])[0])


def result_ids(driver):
    """The ids of the cards shown, read in one script (the list may be redrawn meanwhile)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#search-results .product-card')].map(c => c.dataset.productId)")


def url_params(driver):
    return urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)


def status_count(driver):
    text = driver.execute_script("return document.getElementById('search-status').textContent")
    return int(text.split(" ")[0].replace(",", "")) if text[:1].isdigit() else 0


@pytest.mark.parametrize("width,height", SCREEN_SIZES)
def test_typing_shows_highlighted_results_without_signing_in(browser, width, height):
    set_viewport(browser, width, height)
    open_search(browser)
    box = browser.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys("coffee")
    cards = shown(browser, "coffee")
    assert cards, "results appear while typing, no sign-in needed"
    marks = browser.find_elements(By.CSS_SELECTOR, "#search-results .product-name mark")
    # textContent: names are clamped to two lines, so a mark may be in the part cut off.
    assert marks and all("coffee" in mark.get_attribute("textContent").lower() for mark in marks)
    assert "coffee" in browser.find_element(By.ID, "search-status").text
    assert url_params(browser).get("q") == ["coffee"]
    # Nothing wider than the screen.
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(browser, f"search-{width}.png")
    assert page_errors(browser) == []


def test_a_stale_answer_does_not_overwrite_a_newer_one():
    driver = new_browser()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOLD_SLOW_SEARCH})
        open_search(driver)
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("dog")
        wait(driver, lambda d: d.execute_script("return window.__slowStarted === true"))
        box.clear()
        box.send_keys("coffee")
        cards = shown(driver, "coffee")
        newer = result_ids(driver)
        assert cards and newer
        assert all("coffee" in card.text.lower() for card in cards)
        driver.execute_script("window.__releaseSlow()")
        wait(driver, lambda d: d.execute_script("return window.__slowHandled === true"))
        assert driver.find_element(By.ID, "search").get_attribute("data-shown-query") == "coffee"
        assert result_ids(driver) == newer, "the answer to the older search for dog was drawn over coffee's"
        assert "coffee" in driver.find_element(By.ID, "search-status").text
    finally:
        driver.quit()


def brand_boxes(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#search-facets fieldset[data-facet='brand'] input")


def test_facets_narrow_show_counts_and_back_restores(browser):
    set_viewport(browser, 1440, 900)
    open_search(browser, "?q=black")
    total = status_count(browser)
    boxes = brand_boxes(browser)
    assert len(boxes) > 2
    brands_before = [box.get_attribute("data-value") for box in boxes]
    chosen = boxes[0]
    brand = chosen.get_attribute("data-value")
    count = int(browser.find_element(By.CSS_SELECTOR, f"label[for='{chosen.get_attribute('id')}'] .facet-count").text.strip("()"))
    assert 0 < count < total
    chosen.click()
    wait(browser, lambda d: url_params(d).get("brand") == [brand])
    shown(browser, "black")
    assert status_count(browser) == count
    assert all(card.find_element(By.CSS_SELECTOR, ".product-brand").text == brand
               for card in browser.find_elements(By.CSS_SELECTOR, "#search-results .product-card"))
    # The other brands stay listed with their counts (disjunctive facets), the chosen one ticked.
    assert [box.get_attribute("data-value") for box in brand_boxes(browser)] == brands_before
    assert [box.is_selected() for box in brand_boxes(browser)].count(True) == 1

    browser.back()
    wait(browser, lambda d: "brand" not in url_params(d))
    shown(browser, "black")
    wait(browser, lambda d: status_count(d) == total)
    assert not any(box.is_selected() for box in brand_boxes(browser))
    browser.forward()
    wait(browser, lambda d: url_params(d).get("brand") == [brand])
    wait(browser, lambda d: status_count(d) == count)


def test_sort_and_pages_live_in_the_url(browser):
    set_viewport(browser, 768, 1024)
    open_search(browser, "?q=black")
    Select(browser.find_element(By.ID, "search-sort")).select_by_value("price_asc")
    wait(browser, lambda d: url_params(d).get("sort") == ["price_asc"])
    shown(browser, "black")
    prices = browser.execute_script(
        "return [...document.querySelectorAll('#search-results .product-price')].map(p => p.textContent)")
    values = [float(p.replace("$", "").replace(",", "")) for p in prices if p.startswith("$")]
    assert values == sorted(values) and len(values) > 1
    first_page = result_ids(browser)
    browser.find_element(By.ID, "search-next").click()
    wait(browser, lambda d: url_params(d).get("page") == ["2"])
    wait(browser, lambda d: d.find_element(By.ID, "search-page").text.startswith("Page 2 of"))
    second_page = result_ids(browser)
    assert second_page and not set(second_page) & set(first_page)
    browser.back()
    wait(browser, lambda d: "page" not in url_params(d))
    wait(browser, lambda d: result_ids(d) == first_page)
    assert Select(browser.find_element(By.ID, "search-sort")).first_selected_option.get_attribute("value") == "price_asc"


def test_a_shared_address_opens_the_same_search():
    first = new_browser()
    second = new_browser()
    try:
        open_search(first, "?q=black")
        brand = brand_boxes(first)[0].get_attribute("data-value")
        brand_boxes(first)[0].click()
        wait(first, lambda d: url_params(d).get("brand") == [brand])
        Select(first.find_element(By.ID, "search-sort")).select_by_value("price_desc")
        wait(first, lambda d: url_params(d).get("sort") == ["price_desc"])
        shown(first, "black")
        address = first.current_url
        expected = result_ids(first)
        second.get(address)
        shown(second, "black")
        assert second.find_element(By.ID, "search-input").get_attribute("value") == "black"
        assert Select(second.find_element(By.ID, "search-sort")).first_selected_option.get_attribute("value") == "price_desc"
        assert [b.get_attribute("data-value") for b in brand_boxes(second) if b.is_selected()] == [brand]
        assert result_ids(second) == expected
    finally:
        first.quit()
        second.quit()


def test_did_you_mean_is_clickable_and_the_empty_state_says_what_to_try(browser):
    set_viewport(browser, 375, 812)
    open_search(browser, "?q=blck")
    empty = browser.find_element(By.ID, "search-empty")
    assert empty.is_displayed()
    assert "spelling" in browser.find_element(By.ID, "search-empty-text").text
    suggestions = browser.find_elements(By.CSS_SELECTOR, "#search-did-you-mean-words button")
    assert suggestions, "a word close to catalog words is offered"
    word = suggestions[0].text
    suggestions[0].click()
    cards = shown(browser, word)
    assert cards and url_params(browser).get("q") == [word]
    # Filters that leave nothing: the empty state offers to clear them.
    open_search(browser, "?q=coffee&brand=No%20Such%20Brand")
    assert browser.find_element(By.ID, "search-empty").is_displayed()
    clear = browser.find_element(By.ID, "search-clear-filters")
    assert clear.is_displayed()
    clear.click()
    wait(browser, lambda d: "brand" not in url_params(d))
    assert shown(browser, "coffee")
    assert page_errors(browser) == []


def stock_counts(query):
    """(in stock, out of stock) matches of `query`, from the search API's in_stock facet."""
    _, _, body = http("GET", f"/api/search/?q={urllib.parse.quote(query)}&page_size=1&facets=in_stock")
    counts = {value["value"]: value["count"] for value in json.loads(body)["facets"]["in_stock"]["values"]}
    return counts.get("true", 0), counts.get("false", 0)


def test_the_availability_filter_tells_how_many_matches_are_out_of_stock(browser):
    set_viewport(browser, 1440, 900)
    query = next(q for q in ("black", "shoes", "blue", "red") if stock_counts(q)[1] > 0)
    in_stock, out_of_stock = stock_counts(query)
    open_search(browser, f"?q={query}")
    availability = browser.find_element(By.CSS_SELECTOR, "#search-facets fieldset[data-facet='in_stock']")
    assert availability.find_element(By.CSS_SELECTOR, "label").text == f"In stock ({in_stock})"
    assert availability.find_element(By.CSS_SELECTOR, ".facet-out-of-stock").text == f"{out_of_stock} out of stock"
    availability.find_element(By.CSS_SELECTOR, "input").click()
    wait(browser, lambda d: url_params(d).get("in_stock") == ["true"])
    shown(browser, query)
    assert status_count(browser) == in_stock
    note = browser.find_element(By.CSS_SELECTOR, "#search-facets fieldset[data-facet='in_stock'] .facet-out-of-stock")
    assert note.text == f"{out_of_stock} out of stock, not shown"
    # Where every match is in stock, no such line.
    query = next(q for q in ("coffee", "headphones", "laptop") if stock_counts(q)[1] == 0)
    open_search(browser, f"?q={query}")
    assert browser.find_elements(By.CSS_SELECTOR, "#search-facets .facet-out-of-stock") == []


# Test-only instrumentation (injected by the driver, CSP does not apply): while
# `window.__searchAnswer` holds a status and a body, the search API's answer is replaced by
# that status with an HTML body, as a proxy in front of the shop would answer.
PROXY_ANSWER = """
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (resource, options = {}) => {
        const url = new URL(String(resource), location.origin);
        const answer = window.__searchAnswer;
        if (url.pathname === '/api/search/' && answer) {
            return new Response(answer.body, {status: answer.status, headers: {'Content-Type': 'text/html'}});
        }
        return originalFetch(resource, options);
    };
"""

FAILURES = [
    ("the connection fails", None),
    ("a proxy answers 502 with its HTML page", {"status": 502, "body": "<!doctype html><title>502 Bad Gateway</title>"}),
    ("a proxy answers 200 with an HTML login page", {"status": 200, "body": "<!doctype html><title>Sign in to Wi-Fi</title>"}),
]


def test_a_failed_search_is_told_in_words_and_retried():
    """Issue 15: the shopper never sees "Failed to fetch" or a JSON parser's error; the search
    says what happened in words and offers Try again, which works once the shop answers."""
    driver = new_browser()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROXY_ANSWER})
        open_search(driver)
        box = driver.find_element(By.ID, "search-input")
        for index, (what, answer) in enumerate(FAILURES):
            query = ["coffee", "black", "shoes"][index]
            if answer is None:
                driver.execute_cdp_cmd("Network.enable", {})
                driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/search/*"]})
            else:
                driver.execute_script("window.__searchAnswer = arguments[0]", answer)
            box.clear()
            box.send_keys(query)
            retry = wait(driver, lambda d: d.find_element(By.ID, "search-retry") if d.find_element(By.ID, "search-retry").is_displayed() else None)
            text = driver.find_element(By.ID, "search-status").text
            assert text.startswith("The search did not work"), (what, text)
            if answer is not None and answer["status"] != 200:
                assert f"({answer['status']})" in text, (what, text)
            for raw in ("Failed to fetch", "JSON", "Unexpected token", "<", "NetworkError", "undefined"):
                assert raw not in text, (what, text)
            if answer is None:
                driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            else:
                driver.execute_script("window.__searchAnswer = null")
            retry.click()
            assert shown(driver, query), what
            assert not driver.find_element(By.ID, "search-retry").is_displayed()
        assert page_errors(driver) == []
    finally:
        driver.quit()


def active_facet(driver):
    """(facet, value) of the focused facet input, or the focused element's tag and id."""
    return driver.execute_script("""
        const a = document.activeElement;
        return a.dataset && a.dataset.facet !== undefined ? [a.dataset.facet, a.dataset.value] : [a.tagName, a.id]""")


def test_the_focus_stays_where_the_shopper_was_after_a_filter_redraws_the_page(browser):
    """Issue 15 (focus after actions): ticking a filter from the keyboard redrew the filters
    and dropped the focus to the page body; Clear filters hid the pressed button with the same
    effect. The focus now stays on the same filter, or moves to the results."""
    set_viewport(browser, 1440, 900)
    open_search(browser, "?q=black")
    box = brand_boxes(browser)[1]
    brand = box.get_attribute("data-value")
    box.send_keys(" ")
    wait(browser, lambda d: url_params(d).get("brand") == [brand])
    shown(browser, "black")
    assert active_facet(browser) == ["brand", brand]
    assert browser.switch_to.active_element.is_selected()
    browser.switch_to.active_element.send_keys(" ")
    wait(browser, lambda d: "brand" not in url_params(d))
    shown(browser, "black")
    assert active_facet(browser) == ["brand", brand]
    assert not browser.switch_to.active_element.is_selected()
    # Clear filters disappears once pressed: the focus goes to the results' heading.
    open_search(browser, "?q=coffee&brand=No%20Such%20Brand")
    clear = browser.find_element(By.ID, "search-clear-filters")
    clear.send_keys(" ")
    wait(browser, lambda d: "brand" not in url_params(d))
    assert shown(browser, "coffee")
    assert active_facet(browser) == ["H2", "search-results-title"]
