"""Language of parts (WCAG 3.1.2): words in another language inside a page are marked with
their language, so screen readers pronounce them in it.

Writers mark them with a MyST role, one per language of the manual (book.languages) and
{lang-fr}: {lang-en}`Collateral Damage` on a Russian page, {lang-ru}`Провал правосудия` on an
English one, {lang-fr}`travaux préparatoires` anywhere. Role names are lowercase ({lang-en-xa}
for en-XA). The role becomes <span lang="en"> in the site and the e-books (book.sphinx
registers it).

`./manual check` finds unmarked runs of another script in a chapter's prose: Latin words on a
Russian page, Cyrillic words on an English one. A script is another language's when one of the
manual's languages is written in it (the first such language names the run: Latin is `en`);
languages that share a page's script cannot be told apart this way. Not reported: inline code, link targets and
addresses, acronyms (NSWP, ILO), document symbols (A/55/383/Add.1), single letters (Art. 3(a)),
a paragraph after the comment `% lang: allow (reason)`, and the names listed in
data/names-in-any-script.txt (proper names of organisations and software, which WCAG 3.1.2
exempts: Walk Free, JupyterLab).
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from book.languages import LANGUAGES, languages_in, letters, script
from book.project import Project
from book.prose import chapter_lines, masked

QUOTED = ("fr",)   # languages the text quotes that are not the manual's own: a role each too
# an acronym, a roman numeral or a document symbol: not a word of running text
NOT_A_WORD = re.compile(r"[A-Z0-9/.&-]+|[IVXLC]+|[a-z]")
NAMES_FILE = "names-in-any-script.txt"
# document symbols (A/55/383/Add.1, ST/SGB/2003/13) and bare web addresses (nswp.org/mobility)
SYMBOL = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9.()-]+)+|\b[\w.-]+\.(?:org|com|net|int|ru|ua|html?)\b(?:/\S*)?")


class lang_span(nodes.inline):
    """Text in another language: <span lang="…"> in HTML and EPUB."""


def _visit_html(self, node):
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def _depart_html(self, node):
    self.body.append("</span>")


def _pass(self, node):
    pass


def lang_role(lang: str):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        node = lang_span(rawtext, text, lang=lang, classes=[f"lang-{lang}"])
        return [node], []
    return role


def setup_roles(app) -> None:
    app.add_node(lang_span, html=(_visit_html, _depart_html), latex=(_pass, _pass),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    for lang in (*LANGUAGES, *QUOTED):
        app.add_role(f"lang-{lang.lower()}", lang_role(lang))  # docutils looks role names up in lowercase


def other_scripts(page_lang: str) -> dict[str, str]:
    """{language: word pattern} for each script of the manual's languages other than the page's:
    a run in that script is in that language (the first of the manual's languages written in it)."""
    own = script(page_lang)
    found: dict[str, str] = {}
    for lang in LANGUAGES:
        name = script(lang)
        if name != own and languages_in(name)[0] == lang:
            found[lang] = word_pattern(lang)
    return found


def word_pattern(lang: str) -> str:
    """A word in `lang`'s script: a letter, then letters, apostrophes and hyphens."""
    letter = letters(script(lang))
    return f"[{letter}][{letter}'’-]*"


def names(root: Path) -> list[str]:
    path = Project(root).data_file(NAMES_FILE)
    if not path.exists():
        return []
    lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines()]
    return sorted((x for x in lines if x and not x.startswith("#")), key=len, reverse=True)


def unmarked_runs(text: str, page_lang: str, known: list[str]) -> list[str]:
    """Runs of words in another script that are not marked with their language."""
    return [run for _, run in unmarked(text, page_lang, known)]


def unmarked(text: str, page_lang: str, known: list[str]) -> list[tuple[str, str]]:
    """(language, run) for the runs of words in another script that are not marked with their language."""
    plain = SYMBOL.sub(lambda m: " " * len(m.group(0)), masked(text))
    for name in known:
        plain = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", lambda m: " " * len(m.group(0)), plain)
    found = []
    for other, word in other_scripts(page_lang).items():
        run = re.compile(rf"{word}(?:[\s\d№,:;&–—.()?!\"“”‘’'-]*{word})*")
        for m in run.finditer(plain):
            words = re.findall(word, m.group(0))
            if all(NOT_A_WORD.fullmatch(w.strip("'’-")) for w in words):
                continue
            found.append((other, m.group(0).strip(" ,:;.()«»\"“”‘’'-")))
    return found


def language_problems(root: Path) -> list[str]:
    problems = []
    known = names(root)
    for page_lang in LANGUAGES:
        for page in sorted(Project(root).chapters(page_lang).glob("*.md")):
            for line in chapter_lines(page):
                if "lang" in line.allow:
                    continue
                for other, run in unmarked(line.text, page_lang, known):
                    problems.append(f"{line.where(root)}: {run!r} is {other!r} text on a {page_lang!r} page: mark it "
                                    f"{{lang-{other.lower()}}}`{run}` (or list a proper name in data/{NAMES_FILE})")
    return problems


SKIP_INSIDE = ("option", "script", "style", "textarea", "title")


def mark_html(html: str, page_lang: str) -> str:
    """Wrap runs of the other script in rendered HTML text (quizzes and the glossary, whose
    data is plain text with no roles) in <span lang="…">. Tags, attributes and the text of
    <option>, <script>, <style>, <textarea> and <title> are left alone."""
    from html import escape, unescape
    others = other_scripts(page_lang) if page_lang in LANGUAGES else {}
    if not others:
        return html
    anything = re.compile("|".join(f"[{letters(script(lang))}]" for lang in others))
    out, skip = [], 0
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([\w-]+)", part)
            if name and name.group(1).lower() in SKIP_INSIDE and not part.endswith("/>"):
                skip += -1 if part.startswith("</") else 1
            out.append(part)
            continue
        if skip or not anything.search(part):
            out.append(part)
            continue
        text, pieces, at = unescape(part), [], 0
        for other, start, end in other_runs(text, page_lang):
            pieces += [escape(text[at:start], quote=False),
                       f'<span lang="{other}">{escape(text[start:end], quote=False)}</span>']
            at = end
        pieces.append(escape(text[at:], quote=False))
        out.append("".join(pieces))
    return "".join(out)


def other_runs(text: str, page_lang: str) -> list[tuple[str, int, int]]:
    """(language, start, end) of the runs of words in `text` in another script than `page_lang`'s,
    in order (acronyms and symbols alone are not runs)."""
    plain = SYMBOL.sub(lambda m: " " * len(m.group(0)), text)  # A/55/383/Add.1 is no word
    found = []
    for other, word in other_scripts(page_lang).items():
        run = re.compile(rf"{word}(?:[\s\d№,:;&–—.()?!\"“”‘’'-]*{word})*")
        found += [(other, *m.span()) for m in run.finditer(plain)
                  if not all(NOT_A_WORD.fullmatch(w.strip("'’-")) for w in re.findall(word, m.group(0)))]
    return sorted(found, key=lambda found: found[1])


def mark_footnotes(app, doctree, docname) -> None:
    """The chapters' bibliographies ({footbibliography}: footnotes that sphinxcontrib-bibtex
    formats from references.bib, which has no roles): runs of the other script in them get their
    language, as in quizzes. Text already inside a {lang-…} role or code is left alone."""
    page_lang = app.config.language
    if page_lang not in LANGUAGES or not other_scripts(page_lang):
        return
    for footnote in list(doctree.findall(nodes.footnote)):
        for text in list(footnote.findall(nodes.Text)):
            parent = text.parent
            ancestor = parent
            while ancestor is not None and ancestor is not footnote:
                if isinstance(ancestor, (lang_span, nodes.literal, nodes.label)):
                    break
                ancestor = ancestor.parent
            if ancestor is not footnote:
                continue
            value = str(text)
            spans = other_runs(value, page_lang)
            if not spans:
                continue
            pieces, at = [], 0
            for other, start, end in spans:
                if value[at:start]:
                    pieces.append(nodes.Text(value[at:start]))
                pieces.append(lang_span(value[start:end], value[start:end], lang=other, classes=[f"lang-{other}"]))
                at = end
            if value[at:]:
                pieces.append(nodes.Text(value[at:]))
            parent.replace(text, pieces)
