"""The chapters: both languages in step, every quiz in the bank and every bank quiz used,
a references section in every chapter. Each parity rule has a test that breaks it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.bank import load_bank
from book.chapters import outline, parity_problems, toc_pages
from book.checks import CheckError, check_project
from conftest import ROOT, copy_project


def test_the_project_is_in_step():
    assert parity_problems(ROOT, load_bank()) == []


def test_every_chapter_in_both_languages_with_references():
    pages = toc_pages(ROOT)
    assert pages[0] == "index" and "distinctions" in pages and "progress" in pages
    for page in pages:
        en, ru = (outline(ROOT / "notebooks" / lang / f"{page}.md") for lang in ("en", "ru"))
        assert en.levels == ru.levels and en.quizzes == ru.quizzes, page


def test_at_least_forty_questions_in_each_language_with_scenarios():
    bank = load_bank()
    assert len(bank.questions) >= 40
    assert sum(q.type == "scenario" for q in bank.questions) >= 2
    for q in bank.questions:
        assert all(q.text[lang] for lang in ("en", "ru")), q.id


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path)
    check_project(root)  # a good copy passes ...
    return root


def edit(path: Path, old: str, new: str, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(root):
    with pytest.raises(CheckError) as info:  # ... and each break below fails it
        check_project(root)
    return "\n".join(info.value.problems)


def test_heading_structure_differs(project):
    edit(project / "notebooks/ru/distinctions.md", "### Дети", "## Дети")
    assert "distinctions.md: heading structure differs" in problems_of(project)


def test_quizzes_differ(project):
    edit(project / "notebooks/ru/distinctions.md", 'quiz("three-elements")', "")
    assert "distinctions.md: quizzes differ" in problems_of(project)


def test_admonitions_differ(project):
    edit(project / "notebooks/en/distinctions.md", "```{important}", "```{warning}")
    assert "admonitions differ" in problems_of(project)


def test_missing_counterpart(project):
    (project / "notebooks/ru/distinctions.md").unlink()
    assert "notebooks/ru/distinctions.md: missing" in problems_of(project)


def test_references_must_close_a_chapter(project):
    edit(project / "notebooks/en/distinctions.md", "## References", "## Sources")
    assert "notebooks/en/distinctions.md: the last section must be '## References'" in problems_of(project)


def _line_of(path: Path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))


def test_quiz_not_in_bank_names_chapter_line_and_bank_line(project):
    for lang in ("en", "ru"):
        edit(project / f"notebooks/{lang}/distinctions.md", 'quiz("three-elements")', 'quiz("nowhere")')
    found = problems_of(project).splitlines()
    for lang in ("en", "ru"):
        line = _line_of(project / f"notebooks/{lang}/distinctions.md", 'quiz("nowhere")')
        assert (f"notebooks/{lang}/distinctions.md, line {line}, field quiz: quiz 'nowhere' is used here "
                f"but no question bank (data/questions/*.csv) has it") in found
    line = _line_of(project / "data/questions/distinctions.csv", "three-elements,")
    assert (f"data/questions/distinctions.csv, line {line}, field quiz: "
            f"quiz 'three-elements' is in this bank but no chapter uses it") in found


def test_quiz_shown_twice(project):
    for lang in ("en", "ru"):
        edit(project / f"notebooks/{lang}/distinctions.md", 'quiz("three-elements")', 'quiz("distinctions")')
    found = problems_of(project)
    assert "quiz 'distinctions' is shown more than once in en: ['distinctions', 'distinctions']" in found


def test_glossary_tables_differ(project):
    pages = [p for p in toc_pages(project) if outline(project / "notebooks/en" / f"{p}.md").glossaries]
    assert pages, "a chapter shows the glossary"
    edit(project / f"notebooks/ru/{pages[0]}.md", "glossary()", "")
    assert "glossary tables differ" in problems_of(project)


def test_bad_data_is_reported_by_check(project):
    bank = project / "data/questions/distinctions.csv"
    lines = bank.read_text(encoding="utf-8").splitlines()
    lines[2] = re.sub(r",(yes|no),", ",maybe,", lines[2], count=1)
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "distinctions.csv, line 3, field correct" in problems_of(project)


def test_every_point_of_the_source_is_taught_and_quizzed():
    import csv
    rows = list(csv.DictReader((ROOT / "data" / "source-points.csv").open(encoding="utf-8")))
    assert len(rows) >= 20
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    pages = set(toc_pages(ROOT))
    questions = {q.id for q in load_bank().questions}
    for r in rows:
        assert r["chapter"] in pages, r["id"]
        listed = r["questions"].split()
        assert listed, f"{r['id']}: no question quizzes this point"
        assert set(listed) <= questions, f"{r['id']}: unknown questions {set(listed) - questions}"


def test_citations_differ(project):
    # the Russian page drops its first citation of the SWAN manual: its bibliography would number
    # the sources differently from the English one
    edit(project / "notebooks/ru/distinctions.md", "{footcite}`swanmanual`", "")
    assert "distinctions.md: citations differ" in problems_of(project)
