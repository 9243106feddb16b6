"""The assistant panel as a dialog (issue 15): below 64rem it covers the page, so it is a modal
dialog there (role, aria-modal, a name), Tab and Shift+Tab stay inside it, and Escape closes it
and gives the focus back to the button that opened it. Beside the page (1440 px) it is a
complementary column that leaves the page usable. Signed out and signed in (the panel holds
different controls then). Like test_shop.py, the tests share one browser and run in file
order: the signed-in ones start from the account the first of them creates.
"""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_shop import BASE_URL, new_browser, open_assistant, set_viewport, visible, wait
from test_shop_cart import PASSWORD, sign_up

OVERLAY_SIZES = [(375, 812), (768, 1024)]


@pytest.fixture(scope="module")
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def open_panel(driver):
    """Opens the panel with its header button from the keyboard, as a shopper would."""
    toggle = visible(driver, "assistant-toggle")
    toggle.send_keys(Keys.ENTER)
    visible(driver, "assistant")
    # The panel moves the focus into itself once it is ready (the input when signed in).
    wait(driver, lambda d: d.execute_script("return document.getElementById('assistant').contains(document.activeElement)"))
    return toggle


def focus_inside_panel(driver):
    return driver.execute_script("return document.getElementById('assistant').contains(document.activeElement)")


def focusable_count(driver):
    return driver.execute_script("""
        return [...document.querySelectorAll('#assistant button, #assistant a[href], #assistant textarea, #assistant input')]
            .filter(e => !e.disabled && e.getClientRects().length > 0).length""")


def check_focus_is_trapped(driver, where):
    """Tab and Shift+Tab, more times than the panel has controls, never leave it; Tab from the
    last control comes back to the first."""
    presses = focusable_count(driver) + 2
    seen = []
    for _ in range(presses):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert focus_inside_panel(driver), f"Tab left the panel ({where}) at " + driver.switch_to.active_element.get_attribute("outerHTML")[:120]
        seen.append(driver.execute_script("return document.activeElement"))
    assert len(set(e.id or e.get_attribute("outerHTML") for e in seen)) < len(seen), f"Tab did not come round ({where})"
    for _ in range(presses):
        driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
        assert focus_inside_panel(driver), f"Shift+Tab left the panel ({where})"


def check_dialog(driver, where):
    panel = driver.find_element(By.ID, "assistant")
    assert panel.get_attribute("role") == "dialog", where
    assert panel.get_attribute("aria-modal") == "true", where
    assert panel.accessible_name == "Shopping assistant", where


def check_escape_closes(driver, toggle, where):
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(driver, lambda d: not d.find_element(By.ID, "assistant").is_displayed())
    assert driver.switch_to.active_element == toggle, f"the focus did not go back to the Assistant button ({where})"
    assert toggle.get_attribute("aria-expanded") == "false"


def open_signed_out(driver, width, height):
    set_viewport(driver, width, height)
    driver.get(BASE_URL + "/")
    toggle = open_panel(driver)
    visible(driver, "assistant-signed-out")
    return toggle


@pytest.mark.parametrize("width,height", OVERLAY_SIZES)
def test_escape_closes_the_panel_and_gives_the_focus_back_to_its_button(browser, width, height):
    toggle = open_signed_out(browser, width, height)
    check_escape_closes(browser, toggle, f"signed out at {width}px")


@pytest.mark.parametrize("width,height", OVERLAY_SIZES)
def test_tab_stays_inside_the_panel_where_it_covers_the_page(browser, width, height):
    open_signed_out(browser, width, height)
    # Signed out, the panel can still be closed with a button of its own.
    assert browser.find_element(By.ID, "assistant-close").is_displayed()
    check_focus_is_trapped(browser, f"signed out at {width}px")


@pytest.mark.parametrize("width,height", OVERLAY_SIZES)
def test_the_panel_is_announced_as_a_modal_dialog_where_it_covers_the_page(browser, width, height):
    open_signed_out(browser, width, height)
    check_dialog(browser, f"signed out at {width}px")
    assert browser.execute_script("return document.getElementById('main').inert"), "the page behind the dialog stays usable"


def test_signed_in_the_panel_traps_the_focus_and_escape_closes(browser):
    set_viewport(browser, 375, 812)
    browser.get(BASE_URL + "/")
    sign_up(browser, "panel_" + uuid.uuid4().hex[:8])
    browser.get(BASE_URL + "/")
    visible(browser, "account")  # the session is restored before the panel opens
    toggle = open_panel(browser)
    visible(browser, "message-input")
    check_dialog(browser, "signed in at 375px")
    check_focus_is_trapped(browser, "signed in at 375px")
    # Escape from the message box closes the panel too.
    browser.find_element(By.ID, "message-input").click()
    check_escape_closes(browser, toggle, "signed in at 375px")
    # Reopened and then widened past 64rem, it is a column beside the page: not modal.
    open_panel(browser)
    set_viewport(browser, 1440, 900)
    wait(browser, lambda d: d.find_element(By.ID, "assistant").get_attribute("aria-modal") != "true")
    assert browser.find_element(By.ID, "assistant").get_attribute("role") != "dialog"
    assert browser.execute_script("return !document.getElementById('main').inert")
    browser.find_element(By.ID, "search-input").click()
    assert browser.switch_to.active_element.get_attribute("id") == "search-input"
    # Escape inside the column still closes it and gives the focus back.
    browser.find_element(By.ID, "message-input").click()
    check_escape_closes(browser, toggle, "signed in at 1440px")
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_history_that_cannot_load_is_told_inside_the_panel_with_a_retry(browser):
    """Issue 15: on a phone, errors went to the page's banner, out of sight (now behind the
    panel, which covers the page). The panel says it itself, in words, with Try again.
    (Signed in by the test before.)"""
    set_viewport(browser, 375, 812)
    browser.get(BASE_URL + "/")
    visible(browser, "account")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/chat/history/*"]})
    try:
        open_panel(browser)
        error = visible(browser, "history-error")
        text = browser.find_element(By.ID, "history-error-text").text
        assert "could not be loaded" in text and "could not be reached" in text, text
        assert "Failed to fetch" not in text
        assert browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight", error)
        assert not browser.find_element(By.ID, "error-banner").is_displayed()
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    browser.find_element(By.ID, "history-retry").click()
    wait(browser, lambda d: not d.find_element(By.ID, "history-error").is_displayed())
    visible(browser, "empty-chat")
    assert focus_inside_panel(browser)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_sign_in_from_the_panel_on_a_phone_shows_the_form_then_the_conversation():
    """The panel's own Sign in, where the panel covers the page: the form must not stay under
    the panel (the page behind a dialog is inert); once signed in, the panel comes back."""
    browser = new_browser()
    try:
        username = "panel_in_" + uuid.uuid4().hex[:8]
        browser.get(BASE_URL + "/")
        sign_up(browser, username)
        browser.find_element(By.ID, "sign-out").click()
        visible(browser, "sign-in-button")
        set_viewport(browser, 375, 812)
        open_panel(browser)
        visible(browser, "assistant-sign-in").click()
        form = visible(browser, "sign-in-form")
        assert not browser.find_element(By.ID, "assistant").is_displayed()
        assert browser.execute_script("return !arguments[0].closest('[inert]')", form)
        browser.find_element(By.ID, "sign-in-username").send_keys(username)
        browser.find_element(By.ID, "sign-in-password").send_keys(PASSWORD, Keys.ENTER)
        visible(browser, "message-input")
        assert browser.find_element(By.ID, "assistant").get_attribute("aria-modal") == "true"
        assert focus_inside_panel(browser)
    finally:
        browser.quit()
