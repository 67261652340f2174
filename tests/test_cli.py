"""The command line: check, serve (prints the URL, serves the site on localhost only)."""
from __future__ import annotations

import re
import subprocess
import sys
import urllib.request

import pytest

from book.cli import main
from book.serve import make_server
from conftest import ROOT, copy_project


def test_check_reports_valid_bank(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("valid: ")


def test_check_names_file_row_and_field(tmp_path, capsys):
    root = copy_project(tmp_path)
    bank = root / "data" / "questions" / "distinctions.csv"
    lines = bank.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",,no,", ",,maybe,", 1)  # an option neither right nor wrong
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 2
    err = capsys.readouterr().err
    assert "nothing was built" in err and "distinctions.csv, line 4, field correct: must be 'yes' or 'no'" in err


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
