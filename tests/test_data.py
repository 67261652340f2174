"""Loading data/: an edited file is read again (also in a long-lived process such as a trainer's
kernel or a Sphinx build), a bad edit is reported even after a good load; bad data stops the
check and the build with the validator's own message."""
from __future__ import annotations

import pytest

from book.bank import BankError, load_bank
from book.glossary import load_glossary
from book.model import DataError
from conftest import good_rows, to_csv


def write_bank(bank_dir, rows):
    (bank_dir / "demo.csv").write_text(to_csv(rows), encoding="utf-8")


@pytest.fixture(autouse=True)
def fresh(bank_dir):
    """A good two-question bank."""
    write_bank(bank_dir, good_rows())


def test_an_unchanged_bank_is_loaded_once_and_an_edited_one_again(bank_dir):
    first = load_bank(bank_dir)
    assert load_bank(bank_dir) is first
    rows = good_rows()
    rows[0]["text_en"] = "Is it really so?"
    write_bank(bank_dir, rows)
    assert load_bank(bank_dir).questions[0].text["en"] == "Is it really so?"
    assert first.questions[0].text["en"] != "Is it really so?"


def test_a_bad_edit_is_reported_even_after_a_good_load(bank_dir):
    load_bank(bank_dir)
    rows = good_rows()
    rows[2]["correct"] = "maybe"
    write_bank(bank_dir, rows)
    with pytest.raises(BankError) as info:
        load_bank(bank_dir)
    assert "line 4, field correct" in str(info.value)


def test_an_edited_glossary_is_read_again_and_errors_name_the_row(tmp_path):
    from test_glossary import good, write
    path = write(tmp_path, good())
    assert load_glossary(path)[0].why["en"] == "Names work, not a stigma."
    rows = good()
    rows[0]["why_en"] = "Names the work."
    write(tmp_path, rows)
    assert load_glossary(path)[0].why["en"] == "Names the work."
    rows[0]["source"] = ""
    write(tmp_path, rows)
    with pytest.raises(DataError, match="line 2, field source"):
        load_glossary(path)


# --- bad data stops the check (and the build) with the validator's own message, never a traceback --

def _break_bank(root, old, new):
    bank = root / "data" / "questions" / "distinctions.csv"
    raw = bank.read_bytes()
    assert old in raw
    bank.write_bytes(raw.replace(old, new, 1))
    return bank


def _check_messages(root):
    from book.checks import CheckError, check_project
    with pytest.raises(CheckError) as info:
        check_project(root)
    return info.value.problems


def test_file_not_in_utf8_stops_the_check_before_spelling(tmp_path):
    from conftest import copy_project
    root = copy_project(tmp_path)
    bank = _break_bank(root, "Нет.".encode(), "Caf\xe9.".encode("latin-1"))
    line = bank.read_bytes()[: bank.read_bytes().index(b"\xe9")].count(b"\n") + 1
    assert _check_messages(root) == [f"{bank.as_posix()}, line {line}, field *: not UTF-8 (byte 0xe9); "
                                     "save the file as UTF-8"]


def test_chapter_not_in_utf8_stops_the_check(tmp_path):
    from conftest import copy_project
    root = copy_project(tmp_path)
    chapter = root / "notebooks" / "ru" / "distinctions.md"
    chapter.write_bytes(chapter.read_bytes().replace("Дети".encode(), "Дети".encode("cp1251"), 1))
    raw = chapter.read_bytes()
    line = raw[: raw.index("Дети".encode("cp1251"))].count(b"\n") + 1
    assert _check_messages(root) == [f"notebooks/ru/distinctions.md, line {line}, field *: not UTF-8 (byte 0xc4); "
                                     "save the file as UTF-8"]


def test_unclosed_quote_stops_the_build_and_keeps_the_last_good_site(tmp_path, capsys):
    """Through the build and the command line: the message, exit code 2, nothing built, the
    last good site untouched."""
    from book.checks import CheckError
    from book.cli import main
    from book.website import build
    from conftest import copy_project
    root = copy_project(tmp_path)
    site = root / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*")}
    lines = (root / "data" / "questions" / "distinctions.csv").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if n > 1 and ',"' in line)
    opening = lines[number - 1].index(',"') + 1
    closing = lines[number - 1].index('",', opening + 1)
    broken = lines[number - 1][:closing] + lines[number - 1][closing + 1:]  # a quoted cell loses its closing quote
    cell = broken[:opening].count(",")
    _break_bank(root, lines[number - 1].encode(), broken.encode())
    with pytest.raises(CheckError) as info:
        build(root, root / "_build", log=lambda *_: None)
    from book.bank import COLUMNS
    expected = (f"{(root / 'data/questions/distinctions.csv').as_posix()}, line {number}, field {COLUMNS[cell]}: "
                'unclosed quote: the cell opens with " and no " closes it before the next comma or the end of '
                'the line (inside a quoted cell, write a quote as "")')
    assert info.value.problems == [expected]
    assert {p: p.read_bytes() for p in site.rglob("*")} == before
    assert main(["--root", str(root), "build", "--out", str(root / "_build")]) == 2
    err = capsys.readouterr().err
    assert "nothing was built" in err and expected in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in site.rglob("*")} == before


@pytest.mark.parametrize("old, new, message", [
    ("  - file: about\n", "  - file: about\n   bad: [\n", "_toc.yml, line 7: not valid YAML: expected <block end>"),
    ("  - file: about\n", "  - fil: about\n", "_toc.yml: not a table of contents Jupyter Book can read: "),
])
def test_a_broken_table_of_contents_stops_the_check(tmp_path, old, new, message):
    """_toc.yml is read with Jupyter Book's own parser (sphinx-external-toc): what it cannot read
    stops the check with the file named, never a traceback."""
    from conftest import copy_project
    root = copy_project(tmp_path)
    toc = root / "_toc.yml"
    text = toc.read_text(encoding="utf-8")
    assert old in text
    toc.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = _check_messages(root)
    assert len(problems) == 1 and problems[0].startswith(message), problems
