"""The static quiz in Debian's Chromium: both languages, over http:// and file://, with every
other host cut off; Russian search stemming. With CI=true these run, never skip."""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

from book.i18n import t

pytestmark = pytest.mark.browser

LANGS = ("en", "ru")


@pytest.fixture
def page_for(browser):
    """A fresh page whose every request outside the site's own origin is recorded and aborted."""
    contexts = []

    def open_page(javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.foreign = []
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)

        def route(r):
            url = r.request.url
            if url.startswith("file://") or urlparse(url).hostname == "127.0.0.1":
                r.continue_()
            else:
                page.foreign.append(url)
                r.abort()
        page.route("**/*", route)
        return page

    yield open_page
    for context in contexts:
        context.close()


def site_base(kind, site_url, built_site):
    return site_url if kind == "http" else built_site.as_uri()


def answer(question, option_key):
    question.locator(f'input[value="{option_key}"]').check()
    question.locator(".mq-check").click()


@pytest.mark.parametrize("kind", ["http", "file"])
@pytest.mark.parametrize("lang", LANGS)
def test_static_quiz_gives_feedback_offline(page_for, site_url, built_site, kind, lang):
    page = page_for()
    page.goto(f"{site_base(kind, site_url, built_site)}/{lang}/distinctions.html")
    quiz = page.locator(".mq-quiz").first
    questions = quiz.locator(".mq-question")
    total = questions.count()
    assert total >= 3

    first = questions.nth(0)
    first.locator(".mq-check").click()  # nothing chosen yet
    assert first.get_attribute("data-state") is None
    assert first.locator(".mq-feedback").inner_text().strip() == t(lang, "choose_first")

    wrong = first.locator('.mq-key li[data-correct="no"]').first.get_attribute("data-option")
    right = first.locator('.mq-key li[data-correct="yes"]').get_attribute("data-option")
    answer(first, wrong)
    assert first.get_attribute("data-state") == "incorrect"
    feedback = first.locator(".mq-feedback").inner_text()
    assert feedback.startswith(t(lang, "incorrect"))
    why_wrong = first.locator(f'.mq-key li[data-option="{wrong}"] .mq-why').text_content()
    assert why_wrong in feedback

    answer(first, right)
    assert first.get_attribute("data-state") == "correct"
    assert first.locator(".mq-feedback").inner_text().startswith(t(lang, "correct"))

    for i in range(1, total):
        q = questions.nth(i)
        answer(q, q.locator('.mq-key li[data-correct="yes"]').get_attribute("data-option"))
        assert q.get_attribute("data-state") == "correct"
    assert quiz.locator(".mq-score").inner_text() == t(lang, "score", score=total, total=total)

    assert page.foreign == [], f"requests to other hosts: {page.foreign}"
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_is_in_a_live_region_and_keyboard_works(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    first = page.locator(".mq-question").first
    first.locator("input").first.focus()
    page.keyboard.press("Space")       # select the focused radio
    page.keyboard.press("Tab")         # to the check button
    page.keyboard.press("Enter")
    assert first.get_attribute("data-state") in ("correct", "incorrect")
    region = first.locator(".mq-feedback")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_answers_stay_readable(page_for, site_url, lang):
    page = page_for(javascript=False)
    page.goto(f"{site_url}/{lang}/distinctions.html")
    first = page.locator(".mq-question").first
    assert not first.locator(".mq-check").is_visible()
    key = first.locator(".mq-key")
    assert key.is_visible()
    key.locator("summary").click()
    assert first.locator(".mq-explanation").is_visible()


def _page_text(built_site, lang, name):
    html = (built_site / lang / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", html).lower()


def _search(page, url):
    page.goto(url)
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results'); "
        "return s && (s.querySelector('li') || /\\d/.test(s.innerText)); }", timeout=15000)
    return [a.get_attribute("href") for a in page.locator("#search-results li a").all()]


def test_russian_search_finds_other_word_forms(page_for, site_url, built_site):
    text = _page_text(built_site, "ru", "distinctions")
    assert "работник" in text
    form = next(f for f in ("работниками", "работникам", "работников", "работники") if f not in text)
    hits = _search(page_for(), f"{site_url}/ru/search.html?q={form}")
    assert any("distinctions" in (href or "") for href in hits), f"«{form}» found {hits}"


def test_english_search_works(page_for, site_url):
    hits = _search(page_for(), f"{site_url}/en/search.html?q=debt")
    assert any("distinctions" in (href or "") for href in hits), hits
