"""nbval runs MyST Markdown notebooks through book.nbval_md; a cell that raises fails the run."""
from __future__ import annotations

from pathlib import Path

from book.nbval_md import is_text_notebook

ROOT = Path(__file__).resolve().parent.parent
FRONT = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def notebook(*cells: str) -> str:
    return FRONT + "\n# A page\n\n" + "\n".join(f"```{{code-cell}} ipython3\n{c}\n```\n" for c in cells)


def run(pytester, **files):
    pytester.makefile(".md", **files)
    return pytester.runpytest_subprocess("-p", "book.nbval_md", "--nbval-lax", "--nbval-current-env", "-q")


def test_good_notebook_passes(pytester):
    result = run(pytester, good=notebook("x = 1 + 1", "assert x == 2"))
    result.assert_outcomes(passed=2)


def test_cell_that_raises_fails(pytester):
    result = run(pytester, bad=notebook("x = 1", "raise ValueError('boom')", "y = 2"))
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) >= 1
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*ValueError*boom*"])


def test_plain_markdown_is_not_collected(pytester):
    pytester.makefile(".md", readme="# Just prose\n\n```python\nraise SystemExit(1)\n```\n")
    result = pytester.runpytest_subprocess("-p", "book.nbval_md", "--nbval-lax", "-q")
    assert result.ret == 5  # no tests collected


def test_every_chapter_is_a_text_notebook_in_both_languages():
    chapters = {lang: sorted(p.name for p in (ROOT / "notebooks" / lang).glob("*.md") if is_text_notebook(p))
                for lang in ("en", "ru")}
    assert chapters["en"] and chapters["en"] == chapters["ru"]
