"""One grading contract: book.grading.grade_key (Python) and ManualQuiz.gradeKey (quiz.js, in
Debian's Chromium) run the same table of cases and must both give the expected result."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from book.grading import grade_key

HERE = Path(__file__).parent
CASES = json.loads((HERE / "grading_cases.json").read_text(encoding="utf-8"))
RUNTIME = HERE.parent / "book" / "static" / "quiz.js"
IDS = [f"{i}-{c['type']}-{c['expect']['state']}" for i, c in enumerate(CASES)]


def test_the_table_covers_every_graded_type_and_state():
    from book.model import QUESTION_TYPES
    assert {c["type"] for c in CASES} == set(QUESTION_TYPES)
    for qtype in ("single", "multiple", "truefalse", "scenario", "matching"):
        assert {c["expect"]["state"] for c in CASES if c["type"] == qtype} == {"unanswered", "correct", "incorrect"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_python_grader(case):
    assert grade_key(case["type"], case["key"], case["answer"]) == case["expect"]


@pytest.mark.browser
def test_javascript_grader_agrees(browser):
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(content=RUNTIME.read_text(encoding="utf-8"))
        results = page.evaluate(
            "cases => cases.map(c => ManualQuiz.gradeKey(c.type, c.key, c.answer))", CASES)
    finally:
        page.close()
    disagreements = [(IDS[i], got, c["expect"]) for i, (c, got) in enumerate(zip(CASES, results))
                     if got != c["expect"]]
    assert not disagreements, "\n".join(map(str, disagreements))
