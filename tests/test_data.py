"""book.data: validated data is reused only while its files and the validating code are unchanged,
and the build's processes read it without importing pandas."""
from __future__ import annotations

import subprocess
import sys

import pytest

from book import data
from book.bank import BankError
from book.model import DataError
from conftest import ROOT, good_rows, to_csv


def write_bank(bank_dir, rows):
    (bank_dir / "demo.csv").write_text(to_csv(rows), encoding="utf-8")


@pytest.fixture(autouse=True)
def fresh(bank_dir, monkeypatch):
    """A good two-question bank, and nothing remembered from other tests."""
    write_bank(bank_dir, good_rows())
    monkeypatch.setattr(data, "_memory", {})


def test_cache_is_written_and_read_back_without_pandas(bank_dir, tmp_path):
    cache = tmp_path / "cache"
    bank = data.cached_bank(bank_dir, cache)
    [stored] = cache.glob("bank-*.pickle")
    code = ("import sys; from book.data import cached_bank; "
            f"b = cached_bank({str(bank_dir)!r}); "
            "print(len(b.questions), 'pandas' in sys.modules, 'pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"MANUAL_DATA_CACHE": str(cache), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert out == [str(len(bank.questions)), "False", "False"]
    assert stored.exists()


def test_without_a_cache_nothing_is_written(bank_dir, tmp_path, monkeypatch):
    monkeypatch.delenv(data.CACHE_ENV, raising=False)
    data.cached_bank(bank_dir)
    assert not list(tmp_path.rglob("*.pickle"))


def test_an_edited_file_is_validated_again(bank_dir, tmp_path):
    cache = tmp_path / "cache"
    first = data.cached_bank(bank_dir, cache)
    rows = good_rows()
    rows[0]["text_en"] = "Is it really so?"
    write_bank(bank_dir, rows)
    assert data.cached_bank(bank_dir, cache).questions[0].text["en"] == "Is it really so?"
    assert first.questions[0].text["en"] != "Is it really so?"
    assert len(list(cache.glob("bank-*.pickle"))) == 1  # the old result is gone


def test_a_bad_edit_is_reported_even_with_a_good_result_cached(bank_dir, tmp_path):
    cache = tmp_path / "cache"
    data.cached_bank(bank_dir, cache)
    rows = good_rows()
    rows[2]["correct"] = "maybe"
    write_bank(bank_dir, rows)
    with pytest.raises(BankError) as info:
        data.cached_bank(bank_dir, cache)
    assert "line 4, field correct" in str(info.value)


def test_changed_validation_code_invalidates_the_cache(bank_dir, tmp_path, monkeypatch):
    rules = tmp_path / "rules.py"
    rules.write_text("# version 1\n")
    monkeypatch.setattr(data, "VALIDATION_CODE", [*data.VALIDATION_CODE, rules])
    before = data.digest(bank_dir.glob("*.csv"))
    rules.write_text("# version 2\n")
    assert data.digest(bank_dir.glob("*.csv")) != before


def test_a_stored_result_is_used_only_for_its_digest(bank_dir, tmp_path):
    """A pickle left under another digest (other data, other code) is never read."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "bank-0000.pickle").write_bytes(b"not a pickle")
    assert len(data.cached_bank(bank_dir, cache).questions) == 2


def test_glossary_is_cached_and_errors_name_the_row(tmp_path):
    from test_glossary import good, write
    cache = tmp_path / "cache"
    path = write(tmp_path, good())
    assert data.cached_glossary(path, cache) == data.cached_glossary(path, cache)
    assert list(cache.glob("glossary-*.pickle"))
    rows = good()
    rows[0]["source"] = ""
    write(tmp_path, rows)
    with pytest.raises(DataError, match="line 2, field source"):
        data.cached_glossary(path, cache)


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
    from book.site import build
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
