"""Session plans add up: every plan table in every chapter, in both languages, sums to its
stated total; the 90-minute plan has a break and covers borders and migration and the glossary.
Each rule has a test that breaks it."""
from __future__ import annotations

from pathlib import Path

import pytest

from book.plans import plan_problems, tables
from conftest import ROOT

CHAPTERS = sorted((ROOT / "notebooks").glob("*/*.md"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_plan_adds_up(path):
    assert plan_problems(path) == []


def test_the_plans_are_there_and_the_90_minute_plan_covers_what_it_must():
    for lang, words in {"en": ("Break", "Borders and migration", "Glossary"),
                        "ru": ("Перерыв", "Границы и миграция", "Глоссарий")}.items():
        path = ROOT / "notebooks" / lang / "facilitator.md"
        plans = [rows for _, rows in tables(path.read_text(encoding="utf-8"))
                 if rows[-1][0] in ("Total", "Итого")]
        assert [rows[-1][1].split()[0] for rows in plans] == ["90", "210", "90"], lang
        ninety = " ".join(" ".join(r) for r in plans[0])
        for word in words:
            assert word in ninety, (lang, word)


PLAN = """| Time | Activity |
|---|---|
| 0:00–0:40 | Opening |
| 0:40–0:50 | Break |
| 0:50–1:30 | Cases |
| Total | 90 minutes, with a 10-minute break |
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return plan_problems(path)


def test_a_good_plan_passes(tmp_path):
    assert _problems(tmp_path, PLAN) == []


@pytest.mark.parametrize("change, message", [
    (("| 0:50–1:30 |", "| 0:50–1:35 |"), "add up to 95 minutes"),
    (("| 0:40–0:50 |", "| 0:45–0:50 |"), "should start at 0:40"),
    (("| Break |", "| Tea |"), "no row is a break"),
    (("| 0:00–0:40 |", "| 0:40–0:00 |"), "should start at 0:00"),
    (("90 minutes", "ninety"), "gives no length in minutes"),
    (("| 0:40–0:50 |", "| later |"), "is not a time range"),
])
def test_a_plan_that_does_not_add_up_is_reported(tmp_path, change, message):
    problems = _problems(tmp_path, PLAN.replace(*change))
    assert any(message in p for p in problems), problems
    assert all("plan.md, line 1" in p for p in problems)


def test_columns_of_durations_are_summed(tmp_path):
    text = "| Stage | Short | Full |\n|---|---|---|\n| A | 5 min | 10 min |\n| B | 40 мин | 80 min |\n"
    assert _problems(tmp_path, text + "| Total | 45 min | 90 min |\n") == []
    problems = _problems(tmp_path, text + "| Итого | 45 мин | 95 мин |\n")
    assert problems == [f"{tmp_path / 'plan.md'}, line 1: column 3 adds up to 90 minutes, the total says 95"]
