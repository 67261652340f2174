"""Spelling with hunspell and Debian's dictionaries: the manual is clean, and a typo anywhere is
reported with its file and line (or row). With CI=true these run, never skip."""
from __future__ import annotations

import os
import shutil

import pytest

from book.spelling import spelling_problems
from conftest import ROOT, copy_project

if not shutil.which("hunspell"):
    if os.environ.get("CI") == "true":
        pytest.fail("hunspell is missing: with CI=true the spelling tests must run", pytrace=False)
    pytest.skip("hunspell not installed (apt-get install hunspell hunspell-en-gb hunspell-ru)", allow_module_level=True)


def test_the_manual_is_spelled_right():
    assert spelling_problems(ROOT) == []


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_a_typo_in_a_chapter_names_file_and_line(project):
    en = project / "notebooks/en/language.md"
    lines = en.read_text(encoding="utf-8").splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("A news story"))
    lines[n] = lines[n].replace("story", "stroy", 1)
    en.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert spelling_problems(project) == [f"notebooks/en/language.md, line {n + 1}: unknown en word 'stroy'"]


def test_a_russian_typo_in_a_bank_names_file_and_row(project):
    bank = project / "data/questions/distinctions.csv"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("Собирательный", "Собиратльный", 1), encoding="utf-8")
    assert spelling_problems(project) == ["data/questions/distinctions.csv, line 2: unknown ru word 'Собиратльный'"]


def test_the_project_word_list_is_honoured(project):
    (project / "data/words-ru.txt").write_text("", encoding="utf-8")
    assert any("unknown ru word 'флипчарт'" in p or "флипчарт" in p for p in spelling_problems(project))
