"""nbval executes the MyST Markdown chapters through .ipynb copies (the root conftest.py): a cell
that raises fails the run, the sources are never written to, and every chapter of both languages
is collected."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from book.chapters import is_text_notebook

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


def run(pytester, *args, **files):
    """pytest in a fresh folder with this project's conftest.py (and nbval from its entry point)."""
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    for name, text in files.items():
        (pytester.path / f"{name}.md").write_text(text, encoding="utf-8")
    return pytester.runpytest_subprocess("--nbval-lax", "--nbval-current-env", "-q", *args)


def test_good_notebook_passes_and_sources_stay_as_they_were(pytester):
    source = notebook("x = 1 + 1", "assert x == 2")
    result = run(pytester, good=source)
    result.assert_outcomes(passed=2)
    assert (pytester.path / "good.md").read_text(encoding="utf-8") == source
    assert not list(pytester.path.glob("*.ipynb"))  # nothing written next to the sources
    assert (pytester.path / "_build" / "nbval" / "good.ipynb").is_file()


def test_cell_that_raises_fails(pytester):
    result = run(pytester, bad=notebook("x = 1", "raise ValueError('boom')", "y = 2"))
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) >= 1
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*ValueError*boom*"])


def test_a_chapter_named_alone_runs_alone(pytester):
    result = run(pytester, "good.md", good=notebook("x = 1", "assert x == 1"), bad=notebook("raise ValueError"))
    result.assert_outcomes(passed=2)


def test_plain_markdown_is_not_collected(pytester):
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makefile(".md", readme="# Just prose\n\n```python\nraise SystemExit(1)\n```\n")
    result = pytester.runpytest_subprocess("--nbval-lax", "-q")
    assert result.ret == 5  # no tests collected


def test_every_chapter_is_a_text_notebook_in_both_languages():
    chapters = {lang: sorted(p.name for p in (ROOT / "notebooks" / lang).glob("*.md") if is_text_notebook(p))
                for lang in ("en", "ru")}
    assert chapters["en"] and chapters["en"] == chapters["ru"]


def test_the_test_command_collects_every_chapter_with_code_in_both_languages():
    """What `./manual test` (plain pytest, testpaths in pyproject.toml) hands nbval: every chapter
    that has a code cell, in both languages."""
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    collected = {line.split("::")[0] for line in done.stdout.splitlines() if line.startswith("_build/nbval/")}
    expected = {f"_build/nbval/notebooks/{p.parent.name}/{p.stem}.ipynb"
                for lang in ("en", "ru") for p in (ROOT / "notebooks" / lang).glob("*.md")
                if is_text_notebook(p) and "```{code-cell}" in p.read_text(encoding="utf-8")}
    assert {c.split("/")[3] for c in collected} == {"en", "ru"}
    assert collected == expected
