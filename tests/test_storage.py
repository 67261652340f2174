"""What the site keeps in the browser, in Debian's Chromium: after search, quizzes, a change of
colour scheme and navigation only the keys the Safety page names; "clear all" removes every key
the site has ever written; "clear my answers on this page" clears every quiz on the page; and no
stored value, however damaged, stops a quiz."""
from __future__ import annotations

import json
import re

import pytest

from book.i18n import t
from test_browser import LANGS, page_for  # noqa: F401 (page_for: fixture)

pytestmark = pytest.mark.browser
STORE = "sw-manual:answers:v1"
LEGACY = "sphinx_highlight_terms"  # Sphinx's search wrote the query here in earlier versions


def keys(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).sort()")


def documented_keys(built_site, lang) -> set[str]:
    """The storage keys the Safety page names (as code)."""
    html = (built_site / lang / "safety.html").read_text(encoding="utf-8")
    return set(re.findall(r'<span class="pre">([^<]+)</span>', html))


def answer_right(el):
    """Give the right answer, read from the question's answer key in the page."""
    qtype, key = el.get_attribute("data-type"), json.loads(el.get_attribute("data-answer"))
    if qtype in ("single", "truefalse"):
        el.locator(f'input[value="{key["correct"][0]}"]').check()
    elif qtype == "multiple":
        for box in el.locator("input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in key["correct"])
    elif qtype == "scenario":
        for part, value in key.items():
            el.locator(f'.mq-part[data-part="{part}"] input[value="{value}"]').check()
    else:
        for term, meaning in key["pairs"].items():
            el.locator(f'select[data-part="{term}"]').select_option(meaning)
    el.locator(".mq-check").click()
    assert el.get_attribute("data-state") == "correct", el.get_attribute("data-question")


def answer_everything(page):
    for el in page.locator(".mq-question[data-answer]").all():
        answer_right(el)


@pytest.mark.parametrize("kind", ["http", "file"])
@pytest.mark.parametrize("lang", LANGS)
def test_only_documented_keys_are_kept_and_clear_all_removes_them(page_for, site_url, built_site, kind, lang):
    base = site_url if kind == "http" else built_site.as_uri()
    documented = documented_keys(built_site, lang)
    assert STORE in documented
    page = page_for()
    query = "debt" if lang == "en" else "работниками"
    page.goto(f"{base}/{lang}/search.html?q={query}")
    page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText.trim()")
    assert page.locator("#search-results li a").count() > 0
    page.locator("#search-results li a").first.click()  # Sphinx would carry the query to this page
    page.wait_for_load_state()
    page.goto(f"{base}/{lang}/distinctions.html")
    page.emulate_media(color_scheme="dark")
    answer_right(page.locator(".mq-question[data-answer]").first)
    page.emulate_media(color_scheme="light")
    page.goto(f"{base}/{lang}/safety.html")
    assert keys(page) == [STORE] and set(keys(page)) <= documented
    assert page.evaluate("() => document.cookie") == ""

    page.goto(f"{base}/{lang}/progress.html")
    page.evaluate(f"() => localStorage.setItem('{LEGACY}', 'left by an old version')")
    page.locator(".mq-clear-all").click()
    assert keys(page) == []


def test_no_search_query_is_kept(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/en/search.html?q=debt+bondage")
    page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText.trim()")
    stored = page.evaluate("() => JSON.stringify(localStorage)")
    assert "debt" not in stored and "bondage" not in stored


def test_an_old_search_query_is_removed_on_any_page(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/en/about.html")
    page.evaluate(f"() => localStorage.setItem('{LEGACY}', 'trafficking')")
    page.goto(f"{site_url}/en/language.html")
    assert LEGACY not in keys(page)


@pytest.mark.parametrize("lang", LANGS)
def test_clear_on_a_page_clears_every_quiz_on_it(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    quizzes = page.locator(".mq-quiz:has(.mq-question[data-answer])")  # graded ones
    assert quizzes.count() >= 2
    for i in range(quizzes.count()):  # one answer in every quiz
        answer_right(quizzes.nth(i).locator(".mq-question[data-answer]").first)
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{STORE}')"))
    assert len(stored) == quizzes.count()
    quizzes.last.locator(".mq-clear").click()
    assert page.locator(".mq-question[data-state]").count() == 0
    assert page.locator(".mq-question input:checked").count() == 0
    assert page.evaluate(f"() => localStorage.getItem('{STORE}')") is None
    for i in range(quizzes.count()):
        assert quizzes.nth(i).locator(".mq-score").inner_text() == t(lang, "cleared")
    page.reload()
    assert page.locator(".mq-question[data-state]").count() == 0


def _damaged(page, kind) -> str:
    """A stored value that is not what the runtime writes, for every question on the page."""
    if kind in ("hello", "5", "true", "null", "[1,2]", "{"):
        return kind
    stores = page.eval_on_selector_all(".mq-question[data-answer]",
                                       "els => els.map(e => [e.dataset.store, e.dataset.type])")
    entries = {}
    for store, qtype in stores:
        if kind == "wrong-types":
            wrong = {"single": 5, "truefalse": True, "multiple": "a", "scenario": ["act"], "matching": 7}
            entries[store] = {"answer": wrong.get(qtype, 5), "state": "correct"}
        elif kind == "wrong-values":
            wrong = {"single": "zz", "truefalse": "maybe", "multiple": [1, None], "scenario": {"act": 3},
                     "matching": {"a": {"b": 1}}}
            entries[store] = {"answer": wrong.get(qtype, "zz"), "state": "incorrect"}
        elif kind == "entries-not-objects":
            entries[store] = "hello"
        elif kind == "wrong-state":
            entries[store] = {"answer": None, "state": "correct"}
    entries["en/nowhere/unknown-question@0000000000"] = {"answer": "a", "state": "correct"}
    entries["__proto__"] = 5
    return json.dumps(entries)


@pytest.mark.parametrize("kind", ["hello", "5", "true", "null", "[1,2]", "{", "wrong-types", "wrong-values",
                                  "entries-not-objects", "wrong-state"])
def test_damaged_storage_never_stops_a_quiz(page_for, site_url, kind):
    page = page_for()
    page.goto(f"{site_url}/en/distinctions.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, _damaged(page, kind)])
    page.reload()
    assert page.locator(".mq-question[data-state]").count() == 0  # nothing damaged is shown as an answer
    answer_everything(page)
    assert page.errors == []
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{STORE}')"))
    assert isinstance(stored, dict)
    mine = {k: v for k, v in stored.items() if k.startswith("en/") and "/nowhere/" not in k}
    assert len(mine) == page.locator(".mq-question[data-answer]").count()
    assert all(v["state"] == "correct" for v in mine.values())
