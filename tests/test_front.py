"""The front page is a real page (styled, quick exit, dark mode, the books' privacy policy), every
page has a local favicon and loads nothing that is missing, and no page promises the Shift
shortcut to a reader without JavaScript."""
from __future__ import annotations

import pytest

from book.chapters import toc_pages
from book.i18n import t
from conftest import ROOT
from test_browser import LANGS, NEUTRAL, _neutral_page, page_for  # noqa: F401 (page_for: fixture)

pytestmark = pytest.mark.browser
PAGES = [*toc_pages(ROOT), "search", "genindex"]


def test_front_page_is_styled_from_its_stylesheet(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/index.html")
    link = page.locator(".mq-front-langs a").first
    style = link.evaluate("a => { const s = getComputedStyle(a); return [s.display, s.borderTopWidth, s.borderTopStyle]; }")
    assert style == ["block", "2px", "solid"]
    exit_bg = page.locator(".mq-exit").evaluate("a => getComputedStyle(a).backgroundColor")
    assert exit_bg == "rgb(179, 38, 30)"
    names = [a.inner_text() for a in page.locator(".mq-front-langs a").all()]
    assert names[0].startswith("English\n") and names[1].startswith("Русский\n"), names  # not run together
    assert page.errors == [] and page.foreign == []


def test_front_page_follows_dark_mode(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background == "rgb(18, 20, 22)"


def test_front_page_has_the_quick_exit(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/index.html")
    assert page.locator(".mq-exit").is_visible()
    assert t("en", "exit") in page.locator(".mq-exit").inner_text() and t("ru", "exit") in page.locator(".mq-exit").inner_text()
    assert page.locator(".mq-exit-hint").is_visible()
    _neutral_page(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_front_page_has_the_books_privacy_policy(built_site):
    from book.privacy import CONTENT_SECURITY_POLICY
    from conftest import parse_tags
    found = parse_tags((built_site / "index.html").read_text(encoding="utf-8"))
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}) in found
    assert ("meta", {"name": "referrer", "content": "no-referrer"}) in found
    assert not any(tag in ("style", "script") and "src" not in attrs for tag, attrs in found)  # nothing inline


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_asks_for_anything_missing(page_for, site_url, lang):
    """Every request of every page (the favicon included) is answered; nothing is a 404."""
    page = page_for()
    failed, icons = [], []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: icons.append(r.url) if "favicon" in r.url else None)
    for name in ["../index", *PAGES]:
        page.goto(f"{site_url}/{lang}/{name}.html")
        page.wait_for_load_state("networkidle")
        assert page.locator('link[rel="icon"]').count() == 1, name
    assert not failed, failed
    assert icons and all(url.endswith("favicon.svg") for url in icons)


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_no_page_promises_the_shift_shortcut(page_for, site_url, lang):
    page = page_for(javascript=False)
    for name in ["../index", *PAGES]:
        page.goto(f"{site_url}/{lang}/{name}.html")
        assert page.locator(".mq-exit").is_visible(), name  # the button still leaves (a plain link)
        assert t(lang, "exit_hint") not in page.locator("body").inner_text(), name
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    assert page.locator(".mq-exit-hint").inner_text() == t(lang, "exit_hint")
