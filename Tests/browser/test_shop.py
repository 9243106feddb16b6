"""End-to-end tests of the shop page in headless Chromium against the real `uplyft serve`.

scripts/browser-tests.sh starts the server (fresh data directory, 5-second access tokens)
and passes, through the environment:
  UPLYFT_BASE_URL       http://127.0.0.1:PORT
  UPLYFT_SERVER_LOG     the server's stderr (its access log), to see which requests were made
  UPLYFT_SCREENSHOTS    where screenshots go
  UPLYFT_ACCESS_SECONDS the access token lifetime the server was given

The tests in this file run in order and tell one shopper's story in one browser: each step
starts from where the previous one left off (pytest keeps file order).
"""

import base64
import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import hostile_images

BASE_URL = os.environ.get("UPLYFT_BASE_URL", "http://127.0.0.1:8080")
SERVER_LOG = os.environ.get("UPLYFT_SERVER_LOG", "")
SCREENSHOTS = os.environ.get("UPLYFT_SCREENSHOTS", "test-output/screenshots")
ACCESS_SECONDS = int(os.environ.get("UPLYFT_ACCESS_SECONDS", "5"))
WAIT_SECONDS = 15
SCREEN_SIZES = [(375, 812), (768, 1024), (1440, 900)]

USERNAME = "shopper_" + uuid.uuid4().hex[:8]
PASSWORD = "correct-horse-battery"


def new_browser(block_long_timers=False):
    """Headless Chromium from Debian's packages; Selenium is told both paths so that it never
    looks for (or downloads) a browser or driver of its own."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    if block_long_timers:
        # Test-only instrumentation, injected by the driver (CSP does not apply to it): timers
        # of two seconds or more never fire, which switches off the page's early refresh so
        # that the "401, refresh, retry once" path has to do the work.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
            const originalSetTimeout = window.setTimeout;
            window.setTimeout = (callback, delay, ...rest) =>
                delay >= 2000 ? 0 : originalSetTimeout(callback, delay, ...rest);
        """})
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def wait(driver, condition, seconds=WAIT_SECONDS):
    """Polls `condition` until it holds. An element it read that the page replaced meanwhile
    (a redrawn list) means "not yet", not a failure: the next poll finds the new one."""
    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def visible(driver, element_id):
    return wait(driver, EC.visibility_of_element_located((By.ID, element_id)))


def server_log_lines(pattern):
    """Lines of the server's access log ("ADDRESS METHOD PATH STATUS BYTES TIMEus") that match."""
    if not SERVER_LOG:
        pytest.fail("UPLYFT_SERVER_LOG is not set: run the suite through scripts/browser-tests.sh")
    with open(SERVER_LOG, encoding="utf-8", errors="replace") as log:
        return [line for line in log if re.search(pattern, line)]


def bot_messages(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#messages .message-bot")


def send_message(driver, text):
    """Types into the composer and presses Enter; returns the new bot message element."""
    before = len(bot_messages(driver))
    box = visible(driver, "message-input")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    wait(driver, lambda d: len(bot_messages(d)) > before)
    wait(driver, EC.invisibility_of_element_located((By.ID, "typing")))
    return bot_messages(driver)[-1]


def open_sign_in(driver):
    """The shop opens signed out on the catalog; the header's Sign in shows the form."""
    if not driver.find_element(By.ID, "sign-in-form").is_displayed():
        visible(driver, "sign-in-button").click()
    return visible(driver, "sign-in-form")


def open_assistant(driver):
    """Opens the assistant panel (closed when a page loads) and waits for the conversation."""
    if not driver.find_element(By.ID, "assistant").is_displayed():
        visible(driver, "assistant-toggle").click()
    return visible(driver, "chat")


def sign_in(driver, username=USERNAME, password=PASSWORD):
    open_sign_in(driver)
    visible(driver, "sign-in-username").send_keys(username)
    driver.find_element(By.ID, "sign-in-password").send_keys(password, Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.ID, "account-name").text == username)
    open_assistant(driver)


def set_viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800})


def screenshot(driver, name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, name)
    assert driver.save_screenshot(path), f"screenshot {path} not written"
    return path


def http(method, path, headers=None, body=None):
    """(status, headers, body) of a request made outside the browser."""
    request = urllib.request.Request(BASE_URL + path, method=method, headers=headers or {},
                                     data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def page_errors(driver):
    """Console entries that mean the page is broken: uncaught errors and CSP violations."""
    return [entry["message"] for entry in driver.get_log("browser")
            if "Uncaught" in entry["message"] or "Content Security Policy" in entry["message"]]


# --- The story -------------------------------------------------------------------------------

def test_sign_up_shows_clear_errors_then_creates_the_account(browser):
    browser.get(BASE_URL + "/")
    open_sign_in(browser)
    browser.find_element(By.ID, "show-sign-up").click()
    visible(browser, "sign-up-username").send_keys(USERNAME)
    browser.find_element(By.ID, "sign-up-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "sign-up-confirm").send_keys("something-else", Keys.ENTER)
    error = visible(browser, "sign-up-error")
    assert "differ" in error.text
    assert browser.find_element(By.ID, "sign-up-confirm").get_attribute("aria-invalid") == "true"

    # The server's own rule comes back as the form's error.
    browser.find_element(By.ID, "sign-up-password").clear()
    browser.find_element(By.ID, "sign-up-password").send_keys("12345678")
    browser.find_element(By.ID, "sign-up-confirm").clear()
    browser.find_element(By.ID, "sign-up-confirm").send_keys("12345678", Keys.ENTER)
    wait(browser, lambda d: "digit" in d.find_element(By.ID, "sign-up-error").text.lower())

    browser.find_element(By.ID, "sign-up-password").clear()
    browser.find_element(By.ID, "sign-up-password").send_keys(PASSWORD)
    browser.find_element(By.ID, "sign-up-confirm").clear()
    browser.find_element(By.ID, "sign-up-confirm").send_keys(PASSWORD, Keys.ENTER)
    wait(browser, lambda d: d.find_element(By.ID, "account-name").text == USERNAME)
    open_assistant(browser)
    assert visible(browser, "empty-chat").is_displayed()
    assert page_errors(browser) == []


def test_sign_out_then_sign_in_with_wrong_and_right_password(browser):
    browser.find_element(By.ID, "sign-out").click()
    open_sign_in(browser)
    visible(browser, "sign-in-username").send_keys(USERNAME)
    browser.find_element(By.ID, "sign-in-password").send_keys("wrong-password", Keys.ENTER)
    error = visible(browser, "sign-in-error")
    assert "No account matches" in error.text
    assert browser.find_element(By.ID, "sign-in-username").get_attribute("aria-invalid") == "true"
    browser.find_element(By.ID, "sign-in-username").clear()
    browser.find_element(By.ID, "sign-in-password").clear()
    sign_in(browser)
    assert not browser.find_element(By.ID, "sign-in-error").is_displayed()


def test_asking_shows_product_cards_and_screenshots(browser):
    reply = send_message(browser, "show me wireless headphones")
    cards = reply.find_elements(By.CSS_SELECTOR, ".product-card")
    assert len(cards) > 0
    for card in cards:
        image = card.find_element(By.CSS_SELECTOR, "img")
        assert image.get_attribute("src").startswith(BASE_URL + "/images/products/")
        assert card.find_element(By.CSS_SELECTOR, ".product-name a").get_attribute("href").startswith(BASE_URL + "/products/")
        assert card.find_element(By.CSS_SELECTOR, ".product-brand").text
        assert "$" in card.find_element(By.CSS_SELECTOR, ".product-price").text
    assert "headphones" in " ".join(c.text.lower() for c in cards)
    # Every picture resolved to the server's generated SVG, none broken.
    wait(browser, lambda d: d.execute_script(
        "return [...document.querySelectorAll('.product-card img')].every(i => i.complete && i.naturalWidth > 0)"))

    user_message = browser.find_elements(By.CSS_SELECTOR, "#messages .message-user")[-1]
    assert user_message.text.endswith("show me wireless headphones")
    assert user_message.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime")
    assert reply.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime")
    # Shopper and assistant are styled apart.
    assert (user_message.value_of_css_property("background-color")
            != reply.value_of_css_property("background-color"))

    for width, height in SCREEN_SIZES:
        set_viewport(browser, width, height)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page scrolls sideways by {overflow}px at {width}x{height}"
        browser.execute_script("window.scrollTo(0, 0)")
        screenshot(browser, f"chat-{width}x{height}.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert page_errors(browser) == []


def test_shift_enter_adds_a_line_and_enter_sends(browser):
    before = len(bot_messages(browser))
    box = visible(browser, "message-input")
    box.send_keys("running shoes")
    box.send_keys(Keys.SHIFT, Keys.ENTER)
    box.send_keys("under $150")
    assert box.get_attribute("value") == "running shoes\nunder $150"
    assert len(bot_messages(browser)) == before
    box.send_keys(Keys.ENTER)
    wait(browser, lambda d: len(bot_messages(d)) == before + 1)
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .message-user")[-1].text.endswith("running shoes\nunder $150")
    assert box.get_attribute("value") == ""


def test_suggestion_chip_sends_its_text(browser):
    reply = send_message(browser, "show me sofa")
    chips = reply.find_elements(By.CSS_SELECTOR, ".suggestions .chip")
    if not chips:
        pytest.skip("the assistant offered no suggestions for this catalog")
    text = chips[0].text
    before = len(bot_messages(browser))
    chips[0].click()
    wait(browser, lambda d: len(bot_messages(d)) == before + 1)
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .message-user")[-1].text.endswith(text)


def test_card_link_opens_the_product_page_and_ask_about_this(browser):
    link = browser.find_element(By.CSS_SELECTOR, "#messages .product-card .product-name a")
    name = link.text
    href = link.get_attribute("href")
    link.click()
    wait(browser, EC.url_to_be(href))
    visible(browser, "product")
    assert browser.find_element(By.ID, "product-name").text == name
    assert browser.find_element(By.ID, "product-brand").text
    assert "$" in browser.find_element(By.ID, "product-price").text
    assert browser.find_element(By.ID, "product-description").text
    assert browser.find_elements(By.CSS_SELECTOR, "#product-attributes dt")
    wait(browser, lambda d: d.execute_script("const i = document.getElementById('product-image'); return i.complete && i.naturalWidth > 0"))
    assert browser.title.startswith(name)
    set_viewport(browser, 375, 812)
    screenshot(browser, "product-375x812.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # "Ask about this" puts the question in the box; only the shopper's Enter sends it.
    posts_before = len(server_log_lines(r"POST /api/chat/ "))
    browser.find_element(By.ID, "ask-about").click()
    box = visible(browser, "message-input")
    wait(browser, lambda d: box.get_attribute("value") == f"Tell me about {name}")
    assert browser.current_url == BASE_URL + "/"
    assert browser.switch_to.active_element == box
    assert browser.execute_script("const b = arguments[0]; return [b.selectionStart, b.selectionEnd]", box) == [len(box.get_attribute("value"))] * 2
    assert len(server_log_lines(r"POST /api/chat/ ")) == posts_before
    box.send_keys(Keys.ENTER)
    wait(browser, lambda d: len(server_log_lines(r"POST /api/chat/ 200")) == posts_before + 1)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#messages .message-user")[-1].text.endswith(f"Tell me about {name}"))

    missing_status, _, _ = http("GET", "/api/products/no-such-product/")
    assert missing_status == 404
    # Issue 15: an unknown product's page is a real 404, the HTML 404 page (not a soft 200).
    page_status, _, _ = http("GET", "/products/no-such-product")
    assert page_status == 404
    browser.get(BASE_URL + "/products/no-such-product")
    visible(browser, "not-found-title")


def test_a_link_never_sends_a_message_for_the_shopper(browser):
    """Issue 11: /?ask=checkout from another site placed an order, and a chain of such links
    filled the cart. A link now only fills the message box: no message, no cart change, no
    order until the shopper sends it."""
    browser.get(BASE_URL + "/")
    open_assistant(browser)
    send_message(browser, "show me wireless headphones")
    added = send_message(browser, "add the first one to my cart")
    assert "Added" in added.text
    cart_before = send_message(browser, "show my cart").find_element(By.CSS_SELECTOR, ".message-text").text
    assert cart_before.startswith("In your cart:")
    user_messages = len(browser.find_elements(By.CSS_SELECTOR, "#messages .message-user"))

    for question in ["checkout", "add the first one to my cart", "yes, place the order"]:
        posts_before = len(server_log_lines(r"POST /api/chat/ "))
        browser.get(BASE_URL + "/?ask=" + urllib.parse.quote(question))
        box = visible(browser, "message-input")
        # The history has loaded by the time the box is filled: nothing more is coming.
        wait(browser, lambda d: box.get_attribute("value") == question)
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#messages .message-user")) == user_messages)
        assert browser.current_url == BASE_URL + "/"
        assert len(server_log_lines(r"POST /api/chat/ ")) == posts_before, question
        assert browser.switch_to.active_element == box

    # The cart is as it was: nothing was added and no order was placed.
    visible(browser, "message-input").clear()
    cart_after = send_message(browser, "show my cart").find_element(By.CSS_SELECTOR, ".message-text").text
    assert cart_after == cart_before
    assert page_errors(browser) == []


def test_history_survives_a_reload_and_a_sign_in_elsewhere(browser):
    browser.get(BASE_URL + "/")
    open_assistant(browser)
    wait(browser, lambda d: len(bot_messages(d)) >= 3)
    texts = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#messages .message-user")]
    assert any("show me wireless headphones" in text for text in texts)
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .product-card")
    # The access token is kept in memory only (storage holds nothing while signed in; a
    # sign-out leaves a mark there until the server has revoked the session).
    stored = browser.execute_script("return JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage)])")
    assert stored == "[[],[]]"
    assert "uplyft_refresh" not in browser.execute_script("return document.cookie")

    other = new_browser()
    try:
        other.get(BASE_URL + "/")
        sign_in(other)
        wait(other, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#messages .message-user")) == len(texts))
        assert [m.text for m in other.find_elements(By.CSS_SELECTOR, "#messages .message-user")] == texts
    finally:
        other.quit()


def test_access_token_is_renewed_before_it_expires(browser):
    refreshed_before = len(server_log_lines(r"POST /api/token/refresh/ 200"))
    chat_refusals_before = len(server_log_lines(r"POST /api/chat/ 401"))
    # Waiting is the point of this test: the token must outlive its own lifetime.
    time.sleep(ACCESS_SECONDS + 1.5)
    reply = send_message(browser, "show me laptops")
    assert reply.find_elements(By.CSS_SELECTOR, ".product-card")
    assert len(server_log_lines(r"POST /api/token/refresh/ 200")) > refreshed_before
    assert len(server_log_lines(r"POST /api/chat/ 401")) == chat_refusals_before
    assert browser.find_element(By.ID, "chat").is_displayed()


def test_expired_token_is_refreshed_and_the_request_retried_once():
    driver = new_browser(block_long_timers=True)
    try:
        driver.get(BASE_URL + "/")
        sign_in(driver)
        visible(driver, "message-input")
        refusals_before = len(server_log_lines(r"POST /api/chat/ 401"))
        time.sleep(ACCESS_SECONDS + 1.5)
        reply = send_message(driver, "show me a tablet")
        assert reply.find_elements(By.CSS_SELECTOR, ".product-card")
        assert len(server_log_lines(r"POST /api/chat/ 401")) == refusals_before + 1
    finally:
        driver.quit()


def test_reset_asks_first_then_clears_the_conversation_on_the_server(browser):
    count = len(browser.find_elements(By.CSS_SELECTOR, "#messages .message"))
    assert count > 0
    browser.find_element(By.ID, "reset-chat").click()
    visible(browser, "reset-dialog")
    browser.find_element(By.ID, "reset-cancel").click()
    wait(browser, EC.invisibility_of_element_located((By.ID, "reset-dialog")))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#messages .message")) == count

    browser.find_element(By.ID, "reset-chat").click()
    visible(browser, "reset-dialog")
    browser.find_element(By.ID, "reset-confirm").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#messages .message")) == 0)
    visible(browser, "empty-chat")
    browser.refresh()
    open_assistant(browser)
    visible(browser, "empty-chat")
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .message") == []


def test_sign_out_revokes_the_session_on_the_server(browser):
    # WebDriver's get_cookies() sees only the current path's cookies; the refresh cookie is
    # scoped to /api/, so ask the browser for all of them.
    cookies = {cookie["name"]: cookie["value"] for cookie in browser.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]}
    assert cookies.get("uplyft_refresh") and cookies.get("csrftoken")
    browser.find_element(By.ID, "sign-out").click()
    visible(browser, "sign-in-button")
    assert not browser.find_element(By.ID, "chat").is_displayed()
    assert not browser.find_element(By.ID, "account").is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, "#messages .message") == []

    # A reload finds no session to restore.
    browser.refresh()
    visible(browser, "sign-in-button")
    assert not browser.find_element(By.ID, "account").is_displayed()
    # The old refresh token, replayed from outside the browser, is refused.
    status, _, body = http("POST", "/api/token/refresh/", headers={
        "Content-Type": "application/json",
        "Cookie": f"uplyft_refresh={cookies['uplyft_refresh']}; csrftoken={cookies['csrftoken']}",
        "X-CSRF-Token": cookies["csrftoken"],
    }, body={})
    assert status == 401, body
    # And the API refuses the page without a token.
    status = browser.execute_async_script(
        "const done = arguments[0]; fetch('/api/chat/history/').then(r => done(r.status), e => done(String(e)))")
    assert status == 401
    open_sign_in(browser)
    set_viewport(browser, 375, 812)
    screenshot(browser, "sign-in-375x812.png")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert page_errors(browser) == []


# --- Page properties ------------------------------------------------------------------------

def test_every_form_control_has_a_label_and_new_messages_are_announced(browser):
    browser.get(BASE_URL + "/")
    open_sign_in(browser)
    unlabelled = browser.execute_script("""
        return [...document.querySelectorAll('input, textarea, select')]
            .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.id)""")
    assert unlabelled == []
    messages = browser.find_element(By.ID, "messages")
    assert messages.get_attribute("aria-live") == "polite"
    assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "en"
    # Keyboard: the sign-in form takes the focus, and Tab from the top of the page (the skip
    # link) walks the controls in reading order.
    assert browser.switch_to.active_element.get_attribute("id") == "sign-in-username"
    browser.execute_script("document.querySelector('.skip-link').focus()")
    order = []
    for _ in range(8):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        active = browser.switch_to.active_element
        order.append(active.get_attribute("id") or active.get_attribute("type") or active.tag_name)
    assert order == ["a", "assistant-toggle", "cart-link", "sign-in-button",
                     "sign-in-username", "sign-in-password", "submit", "show-sign-up"]


CONTRAST_SCRIPT = """
    // WCAG 2 contrast of each visible text element against the first opaque background behind it.
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (node) => {
        for (; node; node = node.parentElement) {
            const value = rgb(getComputedStyle(node).backgroundColor);
            if (value.length < 4 || value[3] > 0) return value;
        }
        return [255, 255, 255];
    };
    const low = [];
    let checked = 0;
    for (const node of document.querySelectorAll(arguments[0])) {
        if (!node.offsetParent || !node.textContent.trim()) continue;
        const [a, b] = [luminance(rgb(getComputedStyle(node).color)), luminance(background(node))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        checked += 1;
        if (!(ratio >= 4.5)) low.push(`${node.tagName}.${node.className}: ${ratio.toFixed(2)}`);
    }
    return {checked, low};
"""


def test_text_contrast_meets_wcag_aa(browser):
    browser.get(BASE_URL + "/")
    sign_in(browser)
    send_message(browser, "show me a water bottle")
    result = browser.execute_script(CONTRAST_SCRIPT, "h1, h2, h3, p, span, label, a, button, time, strong, textarea")
    assert result["checked"] > 20
    assert result["low"] == []


# sameSiteImage (web/static/js/format.js) on values the test builds from this page's own
# address: {origin} is http://127.0.0.1:PORT, {credentials} the same origin with a user and
# password, {other-port} the same host on port 1. Each pair is (value, what the page may load).
IMAGE_CASES = [
    ("/images/products/wireless-headphones.svg", "/images/products/wireless-headphones.svg"),
    ("/images/products/a.svg?v=2", "/images/products/a.svg?v=2"),
    ("images/products/a.svg", "/images/products/a.svg"),
    ("{origin}/images/products/a.svg", "/images/products/a.svg"),
    ("{credentials}/images/products/a.svg", hostile_images.PLACEHOLDER),
    ("{other-port}/images/products/a.svg", hostile_images.PLACEHOLDER),
    ("   ", hostile_images.PLACEHOLDER),
    (None, hostile_images.PLACEHOLDER),
    (42, hostile_images.PLACEHOLDER),
    ({"toString": "/images/products/a.svg"}, hostile_images.PLACEHOLDER),
] + [(value, hostile_images.PLACEHOLDER) for value in hostile_images.HOSTILE]

SAME_SITE_IMAGE_SCRIPT = """
const [cases, done] = [arguments[0], arguments[arguments.length - 1]];
const origin = location.origin;
const fill = (value) => typeof value !== 'string' ? value : value
  .replace('{origin}', origin)
  .replace('{credentials}', `${location.protocol}//user:secret@${location.host}`)
  .replace('{other-port}', `${location.protocol}//${location.hostname}:1`);
import('/static/js/format.js')
  .then((format) => done(cases.map((value) => format.sameSiteImage(fill(value)))))
  .catch((error) => done(`import failed: ${error}`));
"""


def test_image_addresses_are_parsed_and_only_same_site_paths_are_used(browser):
    browser.get(BASE_URL + "/products/anything")
    values = [value for value, _ in IMAGE_CASES]
    results = browser.execute_async_script(SAME_SITE_IMAGE_SCRIPT, values)
    assert isinstance(results, list), results
    wrong = [(value, got, expected) for (value, expected), got in zip(IMAGE_CASES, results) if got != expected]
    assert wrong == []


def test_product_pages_with_hostile_image_addresses_show_the_placeholder(browser):
    page_errors(browser)  # drains the console log of the earlier tests
    for product in hostile_images.products():
        browser.get(f"{BASE_URL}/products/{product['id']}")
        visible(browser, "product")
        wait(browser, lambda d: d.find_element(By.ID, "product-name").text == product["name"])
        # The attribute as the page set it (get_attribute would give the resolved property).
        assert browser.find_element(By.ID, "product-image").get_dom_attribute("src") == hostile_images.PLACEHOLDER, product["image"]
        loaded = browser.execute_script("return performance.getEntriesByType('resource').map((entry) => entry.name)")
        assert [name for name in loaded if not name.startswith(BASE_URL + "/")] == [], product["image"]
    assert page_errors(browser) == []


def test_pages_and_files_carry_security_headers():
    for path, expected in (("/", 200), ("/products/anything", 404), ("/static/css/shop.css", 200),
                           ("/static/js/shop.js", 200), ("/images/products/wireless-headphones.svg", 200)):
        status, headers, _ = http("GET", path)
        assert status == expected, path
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
    assert http("GET", "/static/js/shop.js")[1]["Content-Type"].startswith("text/javascript")
    assert http("GET", "/images/products/wireless-headphones.svg")[1]["Content-Type"] == "image/svg+xml"


def test_html_has_no_inline_script_or_style():
    """No inline script, style attribute or event handler; the one inline style allowed is a
    style sheet the server put in the page for speed (issue 15), and each such <style> is
    allowed by its own SHA-256 in the page's policy, never by 'unsafe-inline'."""
    for path in ("/", "/products/anything"):
        _, headers, body = http("GET", path)
        html = body.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and " on" + "click=" not in html, path
        policy = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, path
        for style in re.findall(r"<style>(.*?)</style>", html, re.S):
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, path
        assert html.count("<style") == len(re.findall(r"<style>(.*?)</style>", html, re.S)), path
        assert "http://" not in html.replace('xmlns="http://www.w3.org', "") and "https://" not in html, path
