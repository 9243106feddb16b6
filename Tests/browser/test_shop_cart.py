"""The shop's cart, checkout, orders, the assistant panel beside them, and the defects issue 15
names, in headless Chromium against the real `uplyft serve` (scripts/browser-tests.sh).

One shopper's story in one browser, in file order, like test_shop.py; every flow is run at
375, 768 and 1440 px wide where its layout matters, and every page is checked with axe-core.
"""

import json
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from accessibility import check_accessibility
from test_shop import (BASE_URL, SCREEN_SIZES, bot_messages, http, new_browser, open_assistant, open_sign_in,
                       page_errors, screenshot, send_message, server_log_lines, set_viewport, visible, wait)

USERNAME = "buyer_" + uuid.uuid4().hex[:8]
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def orderable_products(query, count):
    """Products of a search with a price and at least 5 in stock, from the public API."""
    status, _, body = http("GET", f"/api/search/?q={query}&in_stock=true&page_size=50")
    assert status == 200
    found = [p for p in json.loads(body)["results"] if isinstance(p.get("price"), (int, float))]
    details = [json.loads(http("GET", f"/api/products/{p['id']}/")[2]) for p in found[:count * 3]]
    chosen = [p for p in details if (p.get("stock") or 0) >= 5][:count]
    assert len(chosen) == count, f"the catalog has too few orderable '{query}' products"
    return chosen


def badge(driver):
    return int(driver.find_element(By.ID, "cart-count").text)


def offline(driver, is_offline):
    """Cuts the browser off from the server (as a dropped connection does), or restores it."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": is_offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def sign_up(driver, username=USERNAME):
    open_sign_in(driver)
    driver.find_element(By.ID, "show-sign-up").click()
    visible(driver, "sign-up-username").send_keys(username)
    driver.find_element(By.ID, "sign-up-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-up-confirm").send_keys(PASSWORD, Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.ID, "account-name").text == username)


def sign_in(driver):
    open_sign_in(driver)
    visible(driver, "sign-in-username").send_keys(USERNAME)
    driver.find_element(By.ID, "sign-in-password").send_keys(PASSWORD, Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.ID, "account-name").text == USERNAME)


# --- Signed out: browsing works, the cart asks for an account ---------------------------------

def test_a_signed_out_shopper_sees_a_product_page_with_stars_stock_and_related_products(browser):
    product = orderable_products("coffee", 1)[0]
    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        browser.get(f"{BASE_URL}/products/{product['id']}")
        visible(browser, "product")
        wait(browser, lambda d: d.find_element(By.ID, "product-name").text == product["name"])
        assert "★" in browser.find_element(By.ID, "product-stars").text
        assert browser.find_element(By.ID, "product-stock").text == f"{product['stock']} in stock"
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#related-products .product-card")) > 0)
        related = [c.get_attribute("data-product-id") for c in browser.find_elements(By.CSS_SELECTOR, "#related-products .product-card")]
        assert product["id"] not in related and len(related) <= 4
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"product page scrolls sideways at {width}px"
        screenshot(browser, f"product-{width}x{height}.png")
        check_accessibility(browser, f"product page at {width}px")
    # Adding needs an account: the page says so and links to the sign-in.
    browser.find_element(By.ID, "add-button").click()
    wait(browser, lambda d: "Sign in" in d.find_element(By.ID, "add-message").text)
    assert badge(browser) == 0
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert page_errors(browser) == []


def test_the_cart_and_orders_ask_a_signed_out_shopper_to_sign_in(browser):
    for hash_ in ("#cart", "#orders", "#checkout"):
        browser.get(f"{BASE_URL}/{hash_}")
        visible(browser, "sign-in-form")
        assert "Sign in" in browser.find_element(By.ID, "auth-reason").text
    browser.get(BASE_URL + "/")
    visible(browser, "assistant-toggle").click()
    visible(browser, "assistant-signed-out")
    assert not browser.find_element(By.ID, "chat").is_displayed()
    check_accessibility(browser, "home with the assistant open, signed out")


# --- Signed in: cart, checkout, orders --------------------------------------------------------

def test_adding_from_the_product_page_updates_the_badge(browser):
    browser.get(BASE_URL + "/")
    sign_up(browser)
    assert badge(browser) == 0
    product = orderable_products("coffee", 1)[0]
    browser.get(f"{BASE_URL}/products/{product['id']}")
    wait(browser, lambda d: not d.find_element(By.ID, "sign-in-link").is_displayed())
    quantity = browser.find_element(By.ID, "add-quantity")
    quantity.clear()
    quantity.send_keys("0")
    browser.find_element(By.ID, "add-button").click()
    wait(browser, lambda d: "from 1 to" in d.find_element(By.ID, "add-message").text)
    assert quantity.get_attribute("aria-invalid") == "true"
    quantity.clear()
    quantity.send_keys("2")
    browser.find_element(By.ID, "add-button").click()
    wait(browser, lambda d: d.find_element(By.ID, "cart-count").text == "2")
    assert "Added 2" in browser.find_element(By.ID, "add-message").text


def test_the_search_page_shows_the_badge_beside_highlighted_results_and_facets(browser):
    """The search page signed in, with the cart from the step before: the README's first
    screenshot (search-signed-in-1440x900.png)."""
    set_viewport(browser, 1440, 900)
    browser.get(BASE_URL + "/?q=coffee")
    wait(browser, lambda d: d.find_element(By.ID, "search").get_attribute("data-shown-query") == "coffee")
    wait(browser, lambda d: d.find_element(By.ID, "cart-count").text == "2")
    assert browser.find_elements(By.CSS_SELECTOR, "#search-results .product-name mark")
    assert browser.find_elements(By.CSS_SELECTOR, "#search-facets .facet-count")
    wait(browser, lambda d: d.execute_script(
        "return [...document.querySelectorAll('#search-results img')].every(i => i.complete && i.naturalWidth > 0)"))
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    screenshot(browser, "search-signed-in-1440x900.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_assistant_and_the_cards_share_the_cart_with_the_badge(browser):
    browser.get(BASE_URL + "/")
    wait(browser, lambda d: d.find_element(By.ID, "cart-count").text == "2")
    open_assistant(browser)
    reply = send_message(browser, "show me wireless headphones")
    cards = reply.find_elements(By.CSS_SELECTOR, ".product-card")
    buttons = [card.find_element(By.CSS_SELECTOR, ".add-to-cart") for card in cards]
    enabled = [button for button in buttons if button.is_enabled()]
    assert enabled, "no card could be added"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", enabled[0])
    enabled[0].click()
    wait(browser, lambda d: d.find_element(By.ID, "cart-count").text == "3")
    # The assistant adds: the badge follows.
    send_message(browser, "add the first one to my cart")
    wait(browser, lambda d: badge(d) >= 4)
    check_accessibility(browser, "assistant open with product cards")


def test_the_cart_page_changes_quantities_and_removes_lines(browser):
    browser.get(BASE_URL + "/#cart")
    visible(browser, "cart-view")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#cart-lines .cart-line")) >= 2)
    before = badge(browser)
    first = browser.find_elements(By.CSS_SELECTOR, "#cart-lines .cart-line")[0]
    product_id = first.get_attribute("data-product-id")
    box = first.find_element(By.CSS_SELECTOR, ".quantity-input")
    old = int(box.get_attribute("value"))
    box.clear()
    box.send_keys(str(old + 1), Keys.TAB)
    wait(browser, lambda d: badge(d) == before + 1)
    subtotal = browser.find_element(By.ID, "cart-subtotal").text
    assert subtotal.startswith("$")
    lines = len(browser.find_elements(By.CSS_SELECTOR, "#cart-lines .cart-line"))
    remove = browser.find_element(By.CSS_SELECTOR, f'.cart-line[data-product-id="{product_id}"] .remove-line')
    remove.click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#cart-lines .cart-line")) == lines - 1)
    assert browser.find_element(By.ID, "cart-subtotal").text != subtotal
    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"cart scrolls sideways at {width}px"
        screenshot(browser, f"cart-{width}x{height}.png")
        check_accessibility(browser, f"cart at {width}px")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_checkout_reviews_then_places_one_order_even_on_a_double_click(browser):
    browser.find_element(By.ID, "checkout-button").click()
    visible(browser, "checkout-view")
    wait(browser, lambda d: d.find_element(By.ID, "place-order").is_enabled())
    total = browser.find_element(By.ID, "review-total").text
    assert total.startswith("$")
    check_accessibility(browser, "checkout review")
    screenshot(browser, "checkout-1280x900.png")
    orders_before = len(server_log_lines(r"POST /api/orders/ 201"))
    # Two clicks as fast as the browser can deliver them: one order.
    browser.execute_script("const b = document.getElementById('place-order'); b.click(); b.click();")
    visible(browser, "confirmation-view")
    assert total in browser.find_element(By.ID, "confirmation-text").text
    wait(browser, lambda d: d.find_element(By.ID, "cart-count").text == "0")
    assert len(server_log_lines(r"POST /api/orders/ 201")) == orders_before + 1
    # The orders page lists it with its lines.
    browser.find_element(By.CSS_SELECTOR, "#confirmation-view a").click()
    visible(browser, "orders-view")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#orders-list .order")) == 1)
    order = browser.find_element(By.CSS_SELECTOR, "#orders-list .order summary")
    assert total in order.text
    order.click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#orders-list .order-lines li"))
    check_accessibility(browser, "orders")
    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        screenshot(browser, f"orders-{width}x{height}.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # A checkout of the now empty cart is refused with a sentence, not placed.
    browser.get(BASE_URL + "/#checkout")
    wait(browser, lambda d: "empty" in d.find_element(By.ID, "checkout-error").text)
    assert not browser.find_element(By.ID, "place-order").is_enabled()
    assert page_errors(browser) == []


# --- The assistant panel's defects ------------------------------------------------------------

def test_old_suggestion_buttons_cannot_place_an_order(browser):
    browser.get(BASE_URL + "/")
    open_assistant(browser)
    send_message(browser, "show me wireless headphones")
    send_message(browser, "add the first one to my cart")
    asked = send_message(browser, "checkout")
    yes = [chip for chip in asked.find_elements(By.CSS_SELECTOR, ".chip") if chip.text == "yes, place the order"]
    assert yes and yes[0].is_enabled()
    send_message(browser, "show my cart")
    # The old chip is disabled once anything follows it...
    assert not yes[0].is_enabled()
    # ...and pressed anyway (enabled by a script), the server places nothing.
    orders_before = len(server_log_lines(r"POST /api/orders/ 201"))
    browser.execute_script("arguments[0].disabled = false; arguments[0].click()", yes[0])
    wait(browser, lambda d: "no order waiting" in bot_messages(d)[-1].text)
    browser.get(BASE_URL + "/#orders")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#orders-list .order")) == 1)
    assert len(server_log_lines(r"POST /api/orders/ 201")) == orders_before
    # After a reload, only the newest answer's suggestions can be pressed.
    open_assistant(browser)
    wait(browser, lambda d: len(bot_messages(d)) >= 4)
    enabled = browser.execute_script("""
        return [...document.querySelectorAll('#messages .message-bot')].map(m =>
            [...m.querySelectorAll('.chip')].some(c => !c.disabled))""")
    assert not any(enabled[:-1])


def test_send_keeps_the_focus_and_errors_show_at_the_input_with_a_retry(browser):
    browser.get(BASE_URL + "/")
    box = open_assistant(browser).find_element(By.ID, "message-input")
    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        # Send from the keyboard: Tab to the button, Enter. The focus comes back to the box.
        before = len(bot_messages(browser))
        box.send_keys("running shoes", Keys.TAB)
        assert browser.switch_to.active_element.get_attribute("id") == "send-button"
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        wait(browser, lambda d: len(bot_messages(d)) == before + 1)
        wait(browser, EC.invisibility_of_element_located((By.ID, "typing")))
        assert browser.switch_to.active_element == box, f"focus left the box at {width}px"
        send_message(browser, "running shoes")
        assert browser.switch_to.active_element == box, f"focus left the box at {width}px"
        offline(browser, True)
        box.send_keys("a red water bottle", Keys.ENTER)
        error = visible(browser, "composer-error")
        assert "could not be reached" in error.text and "Failed to fetch" not in error.text
        assert box.get_attribute("value") == "a red water bottle"
        # The error is on screen next to the box, not in a banner scrolled away.
        assert browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight", error)
        screenshot(browser, f"assistant-error-{width}x{height}.png")
        offline(browser, False)
        before = len(bot_messages(browser))
        browser.find_element(By.ID, "composer-retry").click()
        wait(browser, lambda d: len(bot_messages(d)) == before + 1)
        wait(browser, EC.invisibility_of_element_located((By.ID, "composer-error")))
        assert box.get_attribute("value") == ""
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert "Failed to fetch" not in browser.find_element(By.TAG_NAME, "body").text


def test_the_empty_chats_example_prompts_send_and_names_stay_short_on_a_phone(browser):
    browser.get(BASE_URL + "/")
    open_assistant(browser)
    browser.find_element(By.ID, "reset-chat").click()
    visible(browser, "reset-confirm").click()
    example = visible(browser, "empty-chat").find_element(By.CSS_SELECTOR, ".example-prompt")
    text = example.text
    example.click()
    wait(browser, lambda d: len(bot_messages(d)) == 1)
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .message-user")[-1].text.endswith(text)
    set_viewport(browser, 375, 812)
    cards = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#messages .product-card"))
    # At most two lines per name, and two cards side by side.
    lines = browser.execute_script("""
        return [...document.querySelectorAll('#messages .product-name')].map(n =>
            Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight)))""")
    assert max(lines) <= 2, lines
    if len(cards) >= 2:
        assert cards[0].rect["y"] == cards[1].rect["y"], "cards do not share a row on a phone"
    screenshot(browser, "assistant-375x812.png")
    for width, height in SCREEN_SIZES[1:]:
        set_viewport(browser, width, height)
        screenshot(browser, f"assistant-{width}x{height}.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_sign_out_while_the_shop_is_unreachable_sticks():
    """Issue 15: signed out while the server was down, the page signed the shopper back in
    once it was up again. The sign-out now holds across reloads, and the session is revoked on
    the server as soon as the page reaches it."""
    driver = new_browser()
    try:
        driver.get(BASE_URL + "/")
        sign_up(driver, "leaver_" + uuid.uuid4().hex[:8])
        cookies = {c["name"]: c["value"] for c in driver.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]}
        offline(driver, True)
        logouts_before = len(server_log_lines(r"POST /api/logout/ 200"))
        driver.find_element(By.ID, "sign-out").click()
        visible(driver, "error-banner")
        assert "signed out on this computer" in driver.find_element(By.ID, "error-text").text
        assert not driver.find_element(By.ID, "account").is_displayed()
        offline(driver, False)
        driver.refresh()
        visible(driver, "sign-in-button")
        wait(driver, lambda d: len(server_log_lines(r"POST /api/logout/ 200")) == logouts_before + 1)
        assert not driver.find_element(By.ID, "account").is_displayed()
        # The session was revoked on the server: its refresh cookie is refused.
        status, _, _ = http("POST", "/api/token/refresh/", headers={
            "Content-Type": "application/json",
            "Cookie": f"uplyft_refresh={cookies['uplyft_refresh']}; csrftoken={cookies['csrftoken']}",
            "X-CSRF-Token": cookies["csrftoken"],
        }, body={})
        assert status == 401
        # And another reload still finds the shopper signed out.
        driver.refresh()
        visible(driver, "sign-in-button")
        assert not driver.find_element(By.ID, "account").is_displayed()
    finally:
        driver.quit()


def test_home_with_the_assistant_is_accessible_at_every_size(browser):
    browser.get(BASE_URL + "/")
    check_accessibility(browser, "home")
    open_assistant(browser)
    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"home scrolls sideways at {width}px"
        check_accessibility(browser, f"home with the assistant at {width}px")
        screenshot(browser, f"home-assistant-{width}x{height}.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
