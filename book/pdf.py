"""PDFs of the whole manual, one per language (and per language of the trainer edition).

    python -m book package      (./manual package; with the zips and the e-books)

Each language is built once more with Sphinx's singlehtml builder and the manual's theme: one
page holding every chapter, its quizzes rendered as questions (as in the e-books). That page is
prepared for print:

- each chapter becomes a top-level heading (so a top-level bookmark), starting a new page;
- ids repeated between chapters are made unique, so every link lands where it should;
- a table of contents with links follows the front page's "Chapters" heading;
- each quiz's answers move to an answer key at the end, the quiz linking to them and back;
- the progress page (which only makes sense in a browser) is left out;
- book/pdf.css sets the page (A4, page numbers) and Debian's DejaVu fonts (Latin and Cyrillic,
  installed with Chromium; nothing is fetched from anywhere).

Debian's Chromium then prints it headless with the book's print stylesheet: --print-to-pdf with
--generate-pdf-document-outline (bookmarks from the headings). Chromium tags the PDF for screen
readers (headings, lists, links, reading order), embeds the subsets of the fonts it used and
keeps links as links.
"""
from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from book.render_html import template_macros
from book.website import BuildError, LanguageBuild

CHROMIUM = Path("/usr/bin/chromium")
# The flags of every headless Chromium this project starts, plus: no header or footer (they would
# print the file's path and the date), bookmarks from the headings, no host resolved.
PRINT_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--no-pdf-header-footer",
               "--generate-pdf-document-outline"]
STYLESHEET = Path(__file__).with_name("pdf.css")
LEFT_OUT = ("progress",)  # pages that only make sense in a browser

DOCUMENT = re.compile(r'<span id="document-([^"]+)"></span>')
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
ID = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'\bhref="#([^"]+)"')
QUIZ = re.compile(r'<div class="mq-quiz mq-document" data-quiz="(?P<id>[^"]+)">(?P<questions>.*?)'
                  r'<div class="mq-answers">(?P<answers>.*?)</div>', re.S)
SECTION_HEADING = re.compile(r'<section id="(?P<id>[^"]+)">\s*<h(?P<level>[1-3])>(?P<title>.*?)</h(?P=level)>', re.S)
HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)


def _text(html: str) -> str:
    """A heading's text: no tags, no Sphinx permalink sign."""
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", html, flags=re.S))).strip()


def _section_end(html: str, start: int) -> int:
    """The end of the <section> element that starts at or after `start`."""
    depth, i = 0, html.index("<section", start)
    for m in re.compile(r"<(/?)section\b[^>]*>").finditer(html, i):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    raise ValueError("unclosed <section>")


def _chunks(html: str) -> list[tuple[str, str]]:
    """(document name, html) from each chapter's marker to the next; the front page first."""
    marks = list(DOCUMENT.finditer(html))
    bounds = [0, *(m.start() for m in marks), len(html)]
    names = ["index", *(m.group(1) for m in marks)]
    return [(name, html[a:b]) for name, a, b in zip(names, bounds, bounds[1:])]


def _unique_ids(chunks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sphinx numbers untitled ids per page (id1, id2...): on one page they repeat. Prefix the
    repeated ones, and the links to them, with the page's name (links stay within their page)."""
    counts: dict[str, int] = {}
    for _, html in chunks:
        for found in ID.findall(html):
            counts[found] = counts.get(found, 0) + 1
    repeated = {i for i, n in counts.items() if n > 1}

    def fix(name: str, html: str) -> str:
        html = ID.sub(lambda m: f'id="{name}--{m.group(1)}"' if m.group(1) in repeated else m.group(0), html)
        return HREF.sub(lambda m: f'href="#{name}--{m.group(1)}"' if m.group(1) in repeated else m.group(0), html)
    return [(name, fix(name, html)) for name, html in chunks]


def _promote(chunks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chapters are inlined under the front page's "Chapters" heading; make each chapter's title
    a top-level heading again, and its sections follow."""
    first = next((HEADING_TAG.search(html) for name, html in chunks[1:] if HEADING_TAG.search(html)), None)
    shift = int(first.group(2)) - 1 if first else 0
    return [chunks[0]] + [(name, HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{max(1, int(m.group(2)) - shift)}", html))
                          for name, html in chunks[1:]]


def _leave_out(html: str, name: str) -> str:
    marker = f'<span id="document-{name}"></span>'
    start = html.find(marker)
    if start < 0:
        return html
    return html[:start] + html[_section_end(html, start + len(marker)):]


def _answer_key(html: str, lang: str) -> tuple[str, str]:
    """Each quiz's answers replaced by a link to the answer key; returns (page, answer key)."""
    entries: list[dict] = []  # in page order: chapter, section, quiz id, answers
    printed = _print_templates()

    def move(m: re.Match) -> str:
        before = m.string[: m.start()]
        headings = [(int(level), _text(text)) for level, text in HEADING.findall(before)]
        chapter = next((text for level, text in reversed(headings) if level == 1), "")
        section = next((text for level, text in reversed(headings) if level > 1), chapter)
        answers = re.sub(r"^<p><strong>.*?</strong></p>", "", m.group("answers"), flags=re.S)
        quiz_id = unescape(m.group("id"))  # as the page has it, escaped; the template escapes it again
        entries.append({"chapter": chapter, "section": section, "quiz": quiz_id, "answers": Markup(answers)})
        return printed.quiz(quiz_id, Markup(m.group("questions")), lang)
    html = QUIZ.sub(move, html)
    chapters = [{"title": title, "quizzes": list(quizzes)}
                for title, quizzes in itertools.groupby(entries, key=lambda entry: entry["chapter"])]
    return html, str(printed.answer_key(chapters, lang))


def _contents(html: str, lang: str) -> str:
    """A linked table of contents: every chapter and its sections, then the answer key."""
    chapters: list[dict] = []
    for m in SECTION_HEADING.finditer(html, html.find('<span id="document-')):
        level, entry = int(m.group("level")), {"id": m.group("id"), "title": _text(m.group("title"))}
        if level == 1:
            chapters.append({**entry, "sections": []})
        elif level == 2 and chapters:
            chapters[-1]["sections"].append(entry)
    return str(_print_templates().contents(chapters, lang))


def _print_templates() -> Any:
    """book/templates/print.html's macros (autoescaped, like the quizzes' templates)."""
    return template_macros("print.html")


def prepare(html: str, lang: str) -> str:
    """The single page of a language's book, made ready to print (see the module's docstring)."""
    chunks = _promote(_unique_ids(_chunks(html)))
    html = "".join(text for _, text in chunks)
    for name in LEFT_OUT:
        html = _leave_out(html, name)
    html, key = _answer_key(html, lang)
    end = html.rindex("</main>")
    html = html[:end] + key + html[end:]
    first = html.find('<span id="document-')
    if first >= 0:
        html = html[:first] + _contents(html, lang) + html[first:]
    return html.replace("</head>", '<link rel="stylesheet" href="_static/pdf.css">\n</head>', 1)


def single_page(lang: str, workdir: Path, root: Path, edition: str = "learner") -> Path:
    """Build the language's book as one HTML page (after build(): the checks passed)."""
    running = LanguageBuild(lang, workdir, root, edition=edition, builder="singlehtml")
    if running.wait() != 0:
        raise BuildError(f"the {lang} single page for the PDF failed; see {running.log}")
    return running.out / "singlehtml" / "index.html"


def print_pdf(page: Path, target: Path) -> Path:
    """Print an HTML file to PDF with Debian's headless Chromium."""
    if not CHROMIUM.exists():
        raise BuildError("the PDFs are printed by Debian's Chromium: apt-get install chromium fonts-dejavu-core")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="manual-pdf-") as profile:
        done = subprocess.run([str(CHROMIUM), *PRINT_FLAGS, f"--user-data-dir={profile}",
                               f"--print-to-pdf={target}", page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise BuildError(f"Chromium could not print {page} (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return target


def build_pdf(lang: str, workdir: Path, root: Path, target: Path, edition: str = "learner") -> Path:
    page = single_page(lang, workdir, root, edition)
    shutil.copy2(STYLESHEET, page.parent / "_static" / STYLESHEET.name)
    printable = page.with_name("print.html")
    printable.write_text(prepare(page.read_text(encoding="utf-8"), lang), encoding="utf-8")
    return print_pdf(printable, target)
