"""Quizzes and the glossary in the book, and the progress page.

- Serves the quiz runtime (static/quiz.js, quiz.css, minified) from the site itself.
- Drops the ipywidgets state myst-nb would embed (the book never shows the widget view).
- Re-renders every quiz and the glossary from data/ at build time, so a data edit reaches the
  page even when the notebook's execution is cached, and records the data as a dependency.
- The {quiz-progress} directive: a table of every chapter's quizzes.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from book.assets import write_runtime
from book.bank import load_bank
from book.glossary import load_glossary
from book.i18n import t
from book.lang_marks import mark_html
from book.model import DataError
from book.render_html import (
    render_crib_sheet,
    render_glossary,
    render_progress,
    render_quiz,
    render_quiz_document,
    store_key,
)
from book.sphinx.page import generated_static

QUIZ_MARKER = re.compile(r'<div class="mq-quiz" data-quiz="([^"]+)"')
GLOSSARY_MARKER = re.compile(r'<table class="mq-glossary[^"]*" data-glossary="')
logger = logging.getLogger(__name__)


def questions_dir(app: Sphinx) -> Path:
    """The bank of the checkout being built: <root>/data/questions, the source folder being
    <root>/notebooks/<lang>."""
    return Path(app.srcdir).resolve().parent.parent / "data" / "questions"


# Builders of documents rather than web pages: the e-books, and the single page the PDFs are
# printed from (book.pdf). Their quizzes are questions then answers, with no controls.
DOCUMENT_BUILDERS = ("epub", "singlehtml")


class RenderFromData(SphinxTransform):
    """Replace the kernel's quiz and glossary HTML with a fresh render from data/, and record
    the data files as dependencies of the page, so an edit reaches the page even when the
    notebook's execution is cached."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split():
                continue
            text = node.astext()
            quiz = QUIZ_MARKER.search(text)
            if quiz:
                self._replace(node, self._quiz_html(node, quiz.group(1)))
            elif GLOSSARY_MARKER.search(text):
                self._replace(node, self._glossary_html(node))

    def _replace(self, node, html: str | None) -> None:
        if html is not None:
            html = mark_html(html, self.config.language)  # words in the other language get <span lang>
            node.replace_self(nodes.raw("", html, format=node["format"], classes=node["classes"]))

    def _quiz_html(self, node, quiz_id: str) -> str | None:
        bank_dir = questions_dir(self.app)
        for bank_file in sorted(bank_dir.glob("*.csv")):
            self.env.note_dependency(str(bank_file))
        try:
            questions = load_bank(bank_dir).quiz(quiz_id)
        except (KeyError, DataError) as exc:
            logger.error("quiz %r: %s", quiz_id, exc, location=node)
            return None
        _quizzes(self.env).setdefault(self.env.docname, []).append(quiz_id)
        if self.app.builder.name in DOCUMENT_BUILDERS:  # no controls or scripts; questions, then answers
            html = render_quiz_document(quiz_id, questions, self.config.language)
        else:
            html = render_quiz(quiz_id, questions, self.config.language)
        if self.config.manual_edition == "trainer":  # never on the learners' site (nor in their PDF)
            html += "\n" + render_crib_sheet(quiz_id, questions, self.config.language)
        return html

    def _glossary_html(self, node) -> str | None:
        path = questions_dir(self.app).parent / "glossary.csv"
        self.env.note_dependency(str(path))
        try:
            return render_glossary(load_glossary(path), self.config.language)
        except DataError as exc:
            logger.error("glossary: %s", exc, location=node)
            return None


class DropWidgetState(SphinxTransform):
    """Drop the ipywidgets state myst-nb would embed in the page.

    The book shows each quiz's HTML, never the widget view, so the state (a large JSON blob
    with random model ids) is dead weight that changes on every execution.
    """

    default_priority = 501

    def apply(self, **kwargs) -> None:
        metadata = getattr(self.env, "nb_metadata", {}).get(self.env.docname, {})
        metadata.get("js_files", {}).pop("ipywidgets_state", None)


# --- the progress page -------------------------------------------------------------------

def _quizzes(env) -> dict[str, list[str]]:
    """docname -> the quiz ids on that page, in order (kept in the build environment)."""
    if not hasattr(env, "mq_quizzes"):
        env.mq_quizzes = {}
    return env.mq_quizzes


def _progress_docs(env) -> set[str]:
    """The pages that show the progress table (kept in the build environment)."""
    if not hasattr(env, "mq_progress_docs"):
        env.mq_progress_docs = set()
    return env.mq_progress_docs


class progress_table(nodes.General, nodes.Element):
    """Placeholder for the progress table; filled in once every page has been read."""


class ProgressDirective(SphinxDirective):
    """```{quiz-progress}```: a table of every chapter's quizzes, filled in by quiz.js from
    the answers kept in this browser."""

    def run(self):
        _progress_docs(self.env).add(self.env.docname)
        return [progress_table()]


def _toc_order(env) -> list[str]:
    order, stack, seen = [], [env.config.root_doc], set()
    while stack:
        doc = stack.pop(0)
        if doc in seen:
            continue
        seen.add(doc)
        order.append(doc)
        stack[0:0] = env.toctree_includes.get(doc, [])
    return order


def progress_html(app: Sphinx, fromdoc: str) -> str:
    """The progress page's table (book/templates/quiz/progress.html): a row per chapter with quizzes."""
    env, lang = app.env, app.config.language
    bank = load_bank(questions_dir(app))
    chapters = []
    for doc in _toc_order(env):
        ids = _quizzes(env).get(doc)
        if not ids:
            continue
        keys = [store_key(q, lang) for quiz_id in ids for q in bank.quiz(quiz_id) if q.type != "free"]
        title = env.titles[doc].astext() if doc in env.titles else doc
        chapters.append((title, app.builder.get_relative_uri(fromdoc, doc), keys))
    return render_progress(chapters, lang)


def _on_doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    for node in list(doctree.findall(progress_table)):
        if app.builder.name in DOCUMENT_BUILDERS:  # a document keeps no answers: say where progress lives
            node.replace_self(nodes.paragraph(text=t(app.config.language, "progress_nojs")))
        else:
            node.replace_self(nodes.raw("", progress_html(app, docname), format="html"))


def _on_env_purge_doc(app, env, docname) -> None:
    _quizzes(env).pop(docname, None)
    _progress_docs(env).discard(docname)


def _on_env_merge_info(app, env, docnames, other) -> None:
    _quizzes(env).update({d: q for d, q in _quizzes(other).items() if d in docnames})
    _progress_docs(env).update(_progress_docs(other) & set(docnames))


def _on_env_updated(app, env):
    """The progress page lists every chapter: rewrite it whenever anything was read again."""
    return [doc for doc in env.found_docs if doc in _progress_docs(env)]


def _add_runtime(app: Sphinx) -> None:
    """Serve the minified quiz runtime from the site itself."""
    write_runtime(generated_static(app))



def setup_quizzes(app: Sphinx) -> None:
    app.connect("builder-inited", _add_runtime)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_transform(RenderFromData)
    app.add_transform(DropWidgetState)
    app.add_node(progress_table)
    app.add_directive("quiz-progress", ProgressDirective)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("env-purge-doc", _on_env_purge_doc)
    app.connect("env-merge-info", _on_env_merge_info)
    app.connect("env-updated", _on_env_updated)
