"""On a phone (390 x 844) the chapter comes first: its first paragraph is on the first screen,
and the chapters' navigation is folded away and opens by touch or keyboard with no script. On a
wide screen the navigation is always shown."""
from __future__ import annotations

import pytest

from book.chapters import toc_pages
from conftest import ROOT
from helpers import local_only

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}


@pytest.fixture
def phone(browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    local_only(page, [])
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_first_paragraph_is_on_the_first_screen(phone, site_url, lang):
    for name in toc_pages(ROOT):
        phone.goto(f"{site_url}/{lang}/{name}.html")
        box = phone.locator("main p").first.bounding_box()
        assert box and 0 <= box["y"] < 844 - 3 * 16, f"{name}: first paragraph starts at {box}"  # at least a line shows
        assert not phone.locator(".mq-toc nav a").first.is_visible(), name  # the navigation is folded
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390, name  # no sideways scrolling


def test_navigation_opens_by_touch_without_javascript(phone, site_url):
    phone.goto(f"{site_url}/en/distinctions.html")
    links = phone.locator(".mq-toc nav a")
    assert not links.first.is_visible()
    phone.locator(".mq-toc > summary").tap()
    assert links.first.is_visible() and links.count() >= 5
    phone.locator('.mq-toc nav a[href="safety.html"]').tap()
    phone.wait_for_url("**/en/safety.html")


def test_navigation_opens_by_keyboard(phone, site_url):
    phone.goto(f"{site_url}/ru/distinctions.html")
    summary = phone.locator(".mq-toc > summary")
    summary.focus()
    phone.keyboard.press("Enter")
    assert phone.locator(".mq-toc nav a").first.is_visible()
    phone.keyboard.press("Space")
    assert not phone.locator(".mq-toc nav a").first.is_visible()


def test_navigation_is_always_shown_on_a_wide_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}/en/distinctions.html")
    try:
        assert page.locator(".mq-toc nav a").first.is_visible()
        assert not page.locator(".mq-toc > summary").is_visible()
        nav, main = page.locator(".mq-toc").bounding_box(), page.locator("main").bounding_box()
        assert nav["x"] + nav["width"] <= main["x"]  # beside the text
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", "en/distinctions.html", "ru/distinctions.html"])
def test_skip_link_is_hidden_until_focused(phone, site_url, path):
    # the front page's skip link names both languages and wraps on a phone: it must still sit
    # wholly above the screen (not over the exit button) until the keyboard reaches it
    phone.goto(f"{site_url}/{path}")
    skip = phone.locator(".mq-skip")
    box = skip.bounding_box()
    assert box and box["y"] + box["height"] <= 0, f"skip link shows at {box}"
    skip.focus()
    box = skip.bounding_box()
    assert box and box["y"] >= 0, f"focused skip link is off screen at {box}"
