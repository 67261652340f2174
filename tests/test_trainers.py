"""Trainers: slides in every chapter, trainer notes only where they belong, the tools installed."""
from __future__ import annotations

import importlib.util

import jupytext
import pytest

from book.slides import apply, chapter_files
from conftest import ROOT

RISE_SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")  # what RISE presents


def slide_types(path):
    nb = jupytext.read(path)
    return nb, [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]


def test_every_chapter_has_valid_slide_metadata():
    files = chapter_files(ROOT)
    assert len(files) >= 6
    for path in files:
        nb, types = slide_types(path)
        assert all(t in RISE_SLIDE_TYPES for t in types), (path, types)
        title = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")
        assert nb.cells[title].source.lstrip().startswith("# ")
        # the title slide opens with the setup cell, so a fresh kernel can run it in the slideshow
        assert types[0] == "slide" and all(kind in ("-", None) for kind in types[1:title + 1]), path
        assert "skip" not in types, f"{path}: a skipped cell cannot be run in the slideshow"
        for cell, kind in zip(nb.cells, types):
            if cell.cell_type == "code" and "remove-cell" in cell.metadata.get("tags", []):
                assert "tally" in cell.source, f"{path}: the setup cell imports the tally"
            elif cell.cell_type == "code" and cell.source.lstrip().startswith("quiz("):
                assert kind == "slide", f"{path}: a quiz is a slide of its own"
            elif cell.source.lstrip().startswith(":::{trainer-note}"):
                assert kind == "notes", f"{path}: trainer notes are speaker notes"


def test_both_languages_present_the_same_deck():
    for en in [p for p in chapter_files(ROOT) if p.parent.name == "en"]:
        ru = ROOT / "notebooks" / "ru" / en.name
        assert slide_types(en)[1] == slide_types(ru)[1], en.name


def test_slide_metadata_is_up_to_date():
    assert apply(ROOT, check=True) == [], "run: python -m book slides"


def test_chapters_are_written_as_jupytext_writes_them():
    """What JupyterLab saves (through jupytext) is byte for byte what is on disk."""
    from book.slides import KERNELSPEC
    for path in chapter_files(ROOT):
        text = path.read_text(encoding="utf-8")
        nb = jupytext.reads(text, fmt="md:myst")
        nb.metadata["language_info"] = {"name": "python"}  # what a running kernel adds
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        assert jupytext.writes(nb, fmt="md:myst") == text, path


def test_presenting_tools_are_installed():
    for module in ("jupyterlab_rise", "jupytext", "ipywidgets", "matplotlib"):
        assert importlib.util.find_spec(module), module


def _note_text(lang):
    text = (ROOT / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8")
    start = text.index(":::{trainer-note}") + len(":::{trainer-note}")
    return text[start:text.index(":::", start)].strip().split(".")[0]


@pytest.fixture(scope="module")
def trainer_site(tmp_path_factory):
    from book.site import build
    return build(ROOT, tmp_path_factory.mktemp("trainer"), log=lambda *_: None, edition="trainer")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_trainer_notes_only_in_the_trainer_edition(built_site, trainer_site, lang):
    from book.i18n import t
    note = _note_text(lang)
    learners = (built_site / lang / "distinctions.html").read_text(encoding="utf-8")
    trainers = (trainer_site / lang / "distinctions.html").read_text(encoding="utf-8")
    assert note not in learners and "trainer-note" not in learners
    assert note in trainers and f'class="admonition-title">{t(lang, "trainer_note")}' in trainers
    assert t(lang, "trainer_edition") in trainers


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_crib_sheet_for_every_quiz_only_in_the_trainer_edition(built_site, trainer_site, lang):
    import re
    from book.i18n import t
    learners = (built_site / lang / "distinctions.html").read_text(encoding="utf-8")
    trainers = (trainer_site / lang / "distinctions.html").read_text(encoding="utf-8")
    assert "mq-crib" not in learners and t(lang, "crib_title") not in learners
    quizzes = re.findall(r'<div class="mq-quiz" data-quiz="([^"]+)"', trainers)
    cribs = re.findall(r'<aside class="admonition trainer-note mq-crib" data-quiz="([^"]+)"', trainers)
    assert quizzes and cribs == quizzes  # one crib sheet per quiz, right after it
    assert trainers.count(f"<strong>{t(lang, 'crib_usual')}:</strong>") >= len(quizzes)
