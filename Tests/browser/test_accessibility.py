"""axe-core's WCAG 2.0/2.1/2.2 A and AA rules and best practices (accessibility.py) on the page
states the other browser tests do not check on their way (test_shop_cart.py checks the product
page, the cart, checkout, orders and the assistant): search results with their facet filters,
the did-you-mean and empty states, the sign-in and sign-up forms, and the 404 pages (search
at 375, 768 and 1440 px, the forms at 375 and 1440, the rest at 375).
"""

import pytest
from selenium.webdriver.common.by import By

from accessibility import check_accessibility
from test_search_page import open_search
from test_shop import BASE_URL, SCREEN_SIZES, new_browser, open_sign_in, set_viewport, visible, wait


@pytest.fixture(scope="module")
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def open_filters(driver):
    """The facet filters fold into a <details> on narrow screens: open it so that axe sees them."""
    filters = driver.find_element(By.ID, "search-filters")
    if filters.get_attribute("open") is None:
        filters.find_element(By.TAG_NAME, "summary").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-facets fieldset input"))


@pytest.mark.parametrize("width,height", SCREEN_SIZES)
def test_search_results_with_facets(browser, width, height):
    set_viewport(browser, width, height)
    assert open_search(browser, "?q=black&sort=price_asc")
    open_filters(browser)
    check_accessibility(browser, f"search results at {width}px")


def test_search_results_with_a_ticked_filter(browser):
    set_viewport(browser, 375, 812)
    open_search(browser, "?q=black")
    open_filters(browser)
    browser.find_element(By.CSS_SELECTOR, "#search-facets fieldset[data-facet='brand'] input").click()
    wait(browser, lambda d: "brand=" in d.current_url)
    open_search(browser, browser.current_url.removeprefix(BASE_URL + "/"))
    open_filters(browser)
    check_accessibility(browser, "search results with a brand ticked")


def test_did_you_mean_and_the_empty_states(browser):
    set_viewport(browser, 375, 812)
    open_search(browser, "?q=blck")
    visible(browser, "search-did-you-mean")
    check_accessibility(browser, "did you mean")
    open_search(browser, "?q=coffee&brand=No%20Such%20Brand")
    visible(browser, "search-clear-filters")
    check_accessibility(browser, "no results with filters")


@pytest.mark.parametrize("width,height", [SCREEN_SIZES[0], SCREEN_SIZES[-1]])
def test_sign_in_and_sign_up_forms_with_their_errors(browser, width, height):
    set_viewport(browser, width, height)
    browser.get(BASE_URL + "/")
    open_sign_in(browser)
    browser.find_element(By.CSS_SELECTOR, "#sign-in-form button[type=submit]").click()
    visible(browser, "sign-in-error")
    check_accessibility(browser, f"sign-in form with an error at {width}px")
    browser.find_element(By.ID, "show-sign-up").click()
    visible(browser, "sign-up-username")
    check_accessibility(browser, f"sign-up form at {width}px")


@pytest.mark.parametrize("path", ["/no/such/page", "/products/no-such-product"])
def test_not_found_pages(browser, path):
    set_viewport(browser, 375, 812)
    browser.get(BASE_URL + path)
    visible(browser, "not-found-title")
    check_accessibility(browser, f"404 page for {path}")
