"""Paragraph-level parity between languages, and the language of parts (WCAG 3.1.2): an
unmarked run of the other script fails with its line; the {lang-xx} role, listed proper names,
code and document symbols pass; built Russian pages carry lang="en" on English titles."""
from __future__ import annotations

from pathlib import Path

import pytest

from book.chapters import block_problems
from book.lang_marks import language_problems, mark_html, unmarked_runs

ROOT = Path(__file__).resolve().parent.parent


def pages(tmp_path, en: str, ru: str, names: str = "") -> Path:
    for lang, text in (("en", en), ("ru", ru)):
        (tmp_path / "notebooks" / lang).mkdir(parents=True, exist_ok=True)
        (tmp_path / "notebooks" / lang / "p.md").write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "names-in-any-script.txt").write_text(names, encoding="utf-8")
    return tmp_path


EN = "# Title\n\nFirst paragraph.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nLast.\n"
RU = "# Заголовок\n\nПервый абзац.\n\n- один\n- два\n\n| а | б |\n|---|---|\n| 1 | 2 |\n\nПоследний.\n"


def test_same_blocks_pass(tmp_path):
    assert block_problems(pages(tmp_path, EN, RU), "p", ["en", "ru"]) == []


@pytest.mark.parametrize("ru,line,says", [
    (RU.replace("- один\n- два", "Один и два."), 5, "block 3 is a paragraph, but notebooks/en/p.md has a bullet item at line 5"),
    (RU.replace("Первый абзац.\n", "Первый абзац.\n\nЛишний абзац.\n"), 5, "block 3 is a paragraph"),
    (RU.replace("| 1 | 2 |\n", "| 1 | 2 |\n| 3 | 4 |\n"), 8, "table 3 rows, but notebooks/en/p.md has a table 2 rows"),
    (RU.replace("\nПоследний.\n", ""), None, "is nothing, but notebooks/en/p.md has a paragraph at line 12"),
])
def test_a_missing_or_extra_paragraph_fails_with_its_line(tmp_path, ru, line, says):
    [problem] = block_problems(pages(tmp_path, EN, ru), "p", ["en", "ru"])
    assert problem.startswith(f"notebooks/ru/p.md, line {line}:" if line else "notebooks/ru/p.md, end:")
    assert says in problem


def test_unmarked_english_title_on_a_russian_page_fails_with_its_line(tmp_path):
    root = pages(tmp_path, "Text.\n", "Абзац.\n\nДоклад *Collateral Damage* (2007).\n")
    [problem] = language_problems(root)
    assert problem.startswith("notebooks/ru/p.md, line 3: 'Collateral Damage' is 'en' text")
    assert "{lang-en}`Collateral Damage`" in problem


def test_unmarked_russian_on_an_english_page_fails(tmp_path):
    [problem] = language_problems(pages(tmp_path, "Say «секс-работа».\n", "Текст.\n"))
    assert problem.startswith("notebooks/en/p.md, line 1: 'секс-работа' is 'ru' text")


@pytest.mark.parametrize("text", [
    "Доклад *{lang-en}`Collateral Damage`* (2007).",
    "Доклад GAATW и NSWP, ст. 3(a), A/55/383/Add.1, ST/SGB/2003/13.",
    "Команда `Run All Cells` и адрес nswp.org/mobility.",
    "Организация Walk Free.",
    "% lang: allow (a list of English search words)\nsex work, sex worker",
])
def test_marked_or_exempt_text_passes(tmp_path, text):
    assert language_problems(pages(tmp_path, "Text.\n", text + "\n", names="Walk Free\n")) == []


def test_real_chapters_are_marked_and_in_step():
    assert language_problems(ROOT) == []
    from book.chapters import toc_pages
    for page in toc_pages(ROOT):
        assert block_problems(ROOT, page, ["en", "ru"]) == [], page


def test_unmarked_runs_keep_whole_titles():
    assert unmarked_runs("Отрывок «Sex Work vs. Trafficking – What is the Difference?».", "ru", []) == [
        "Sex Work vs. Trafficking – What is the Difference"]


def test_quiz_and_glossary_html_marks_the_other_language():
    html = ('<p class="mq-why">Доклад GAATW «Collateral Damage» и «Hit &amp; Run».</p>'
            '<select><option>Walk Free</option></select>')
    assert mark_html(html, "ru") == ('<p class="mq-why">Доклад GAATW «<span lang="en">Collateral Damage</span>» и '
                                     '«<span lang="en">Hit &amp; Run</span>».</p><select><option>Walk Free</option></select>')
    assert mark_html("<td>Say «секс-работа».</td>", "en") == '<td>Say «<span lang="ru">секс-работа</span>».</td>'


@pytest.mark.browser
def test_english_titles_on_russian_pages_carry_lang_en(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/ru/distinctions.html")
        assert page.locator("html").get_attribute("lang") == "ru"
        span = page.locator('span[lang="en"]', has_text="Collateral Damage").first
        assert span.count() == 1 and span.inner_text() == "Collateral Damage"
        assert page.locator('span[lang="en"]', has_text="Hit & Run").count() >= 1
        assert page.locator('.mq-quiz span[lang="en"]', has_text="Hit & Run").count() >= 1   # quiz text from the bank
        page.goto(f"{site_url}/en/language.html")
        assert page.locator('span[lang="ru"]', has_text="секс-работа").count() >= 1
    finally:
        page.close()
