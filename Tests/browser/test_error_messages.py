"""Errors written for people (issue 15): whatever answer the browser gets in place of the API's
JSON (a proxy's or a captive portal's HTML page, with any status), the page says what happened
in a sentence and never shows a JSON parser's complaint or the browser's "Failed to fetch".
(test_search_page.py checks the same for the search.)
"""

import json

from selenium.webdriver.common.by import By

from test_shop import BASE_URL, http, new_browser, page_errors, visible, wait

# Test-only instrumentation (injected by the driver, CSP does not apply): answers to the
# product API are replaced, from the first request on, by an HTML page with the status the
# test fills in, as a proxy or a captive portal in front of the shop would answer.
PROXY_ANSWER = """
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (resource, options = {}) => {
        const url = new URL(String(resource), location.origin);
        if (url.pathname.startsWith('/api/products/')) {
            return new Response('<!doctype html><title>Sign in to the Wi-Fi</title>',
                                {status: %d, headers: {'Content-Type': 'text/html'}});
        }
        return originalFetch(resource, options);
    };
"""

RAW = ("JSON", "Unexpected token", "<", "Failed to fetch", "SyntaxError", "undefined")


def test_a_product_page_behind_a_proxy_says_what_happened_in_words():
    product_id = json.loads(http("GET", "/api/search/?q=coffee&page_size=1")[2])["results"][0]["id"]
    for status in (200, 502):
        driver = new_browser()
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROXY_ANSWER % status})
            driver.get(f"{BASE_URL}/products/{product_id}")
            banner = visible(driver, "error-banner")
            text = wait(driver, lambda d: d.find_element(By.ID, "error-text").text)
            assert text.startswith("The product could not be loaded"), (status, text)
            assert all(raw not in text for raw in RAW), (status, text)
            assert banner.find_element(By.ID, "error-dismiss").is_displayed()
            assert page_errors(driver) == []
        finally:
            driver.quit()
