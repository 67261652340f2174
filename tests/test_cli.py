"""The command line: check, serve (prints the URL, serves the site on localhost only)."""
from __future__ import annotations

import re
import subprocess
import sys
import urllib.request

import pytest

from book.cli import main
from book.serve import make_server
from conftest import ROOT, good_rows, to_csv


def test_check_reports_valid_bank(capsys):
    assert main(["check"]) == 0
    assert "question banks valid" in capsys.readouterr().out


def test_check_names_file_row_and_field(tmp_path, capsys):
    (tmp_path / "data" / "questions").mkdir(parents=True)
    rows = good_rows()
    rows[2]["feedback_ru"] = ""
    (tmp_path / "data" / "questions" / "demo.csv").write_text(to_csv(rows), encoding="utf-8")
    assert main(["--root", str(tmp_path), "check"]) == 2
    err = capsys.readouterr().err
    assert "demo.csv, row 4, field feedback_ru: missing translation" in err


def test_serve_prints_url_and_serves_localhost_only(built_site):
    proc = subprocess.Popen([sys.executable, "-m", "book", "serve", "--port", "0", "--out", str(built_site.parent)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "ru/distinctions.html", timeout=10) as response:
            assert response.status == 200 and '<html lang="ru"' in response.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_site_says_how_to_build(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m book build"):
        make_server(tmp_path, port=0)
