"""Maintainers' safety net: stale translations, references in step, links, a commented config."""
from __future__ import annotations

import datetime as dt
import re
import socket
import urllib.error
import urllib.request

import pytest

from book.checks import CheckError, check_project
from book.links import check_external, external_file, internal_link_problems, listed, prose_addresses
from book.sync import mark_synced, stale
from conftest import ROOT, copy_project


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path)
    assert stale(root) == []
    return root


def test_the_project_translations_are_in_step():
    assert stale(ROOT) == []


def test_an_english_edit_makes_the_translation_stale_until_synced(project):
    en = project / "notebooks/en/language.md"
    en.write_text(en.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    found = stale(project)
    assert len(found) == 1 and found[0].startswith("notebooks/ru/language.md: notebooks/en/language.md changed")
    with pytest.raises(CheckError, match="language.md changed since it was synced"):
        check_project(project)
    mark_synced(project, ["language"])
    assert stale(project) == []


def test_reformatted_metadata_is_not_an_edit(project):
    """Slide types, the kernelspec and how metadata is written are not what a translation follows."""
    en = project / "notebooks/en/distinctions.md"
    text = en.read_text(encoding="utf-8")
    changed = (text.replace("display_name: Python 3 (ipykernel)", "display_name: Python 3")
               .replace('+++ {"slideshow": {"slide_type": "slide"}}', '+++ {"slideshow": {"slide_type": "subslide"}}')
               .replace("slideshow:\n  slide_type: slide\n", "slideshow: {slide_type: fragment}\n"))
    assert changed != text
    en.write_text(changed, encoding="utf-8")
    assert stale(project) == []
    en.write_text(changed.replace('quiz("distinctions")', 'quiz("three-elements")', 1), encoding="utf-8")
    assert len(stale(project)) == 1  # code is content


def test_a_page_never_synced_is_flagged(project):
    sync = project / "data/translation-sync.csv"
    sync.write_text("\n".join(l for l in sync.read_text().splitlines() if not l.startswith("about,")) + "\n")
    assert stale(project) == ["notebooks/ru/about.md: never marked as synced with notebooks/en/about.md "
                              "(after review: python -m book sync about)"]


def test_references_must_match_in_number(project):
    # a numbered list added to the Russian page's references section only
    ru = project / "notebooks/ru/distinctions.md"
    ru.write_text(ru.read_text(encoding="utf-8").rstrip("\n") + "\n\n1. Лишний источник.\n", encoding="utf-8")
    with pytest.raises(CheckError, match="references differ"):
        check_project(project)


def test_built_site_has_no_broken_internal_links(built_site):
    assert internal_link_problems(built_site) == []


def test_broken_links_and_anchors_are_found(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"></p><a href="b.html">b</a><a href="a.html#here">ok</a>'
                                     '<a href="a.html#gone">x</a><a href="https://example.org/">ext</a>')
    assert internal_link_problems(tmp_path) == ["a.html: link to b.html: no such file",
                                                "a.html: link to a.html#gone: no anchor #gone"]


def _bare(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def test_every_address_in_the_prose_is_listed_and_every_listed_one_is_used():
    rows = listed(ROOT)
    assert rows and {_bare(a) for a in prose_addresses(ROOT)} == {_bare(r["url"]) for r in rows}


def test_external_check_dates_the_addresses_that_answer(tmp_path, monkeypatch):
    """An address that answers gets today's date; one that fails is reported and keeps its last date."""
    (tmp_path / "data").mkdir()
    external_file(tmp_path).write_text("url,used_in,last_checked\nhttps://answers.example/,resources,2020-01-02\n"
                                       "https://gone.example/,resources,2021-03-04\n", encoding="utf-8")

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(request, timeout):
        if "gone" in request.full_url:
            raise urllib.error.URLError("refused")
        return Answer()
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: [])
    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    said = []
    assert check_external(tmp_path, log=said.append) == 1
    assert [row["last_checked"] for row in listed(tmp_path)] == [dt.date.today().isoformat(), "2021-03-04"]
    assert "FAILED: https://gone.example/: <urlopen error refused>" in said


def test_external_check_says_it_skipped_without_a_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror("no network")
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    said = []
    assert check_external(ROOT, log=said.append) == 0
    assert said and said[0].startswith("skipped: no network")


def test_every_config_key_says_why_it_is_there():
    lines = (ROOT / "_config.yml").read_text(encoding="utf-8").splitlines()
    silent = []
    for i, line in enumerate(lines):
        if re.match(r"^\s*[\w-]+:", line) and "#" not in line and not lines[i - 1].strip().startswith("#"):
            silent.append(f"line {i + 1}: {line.strip()}")
    assert not silent, "keys without a reason:\n" + "\n".join(silent)
