"""Quizzes and the glossary in the book, and the progress page.

A chapter's `quiz("id")` cell outputs, beside the live widget's view, a small MIME bundle entry
of its own (book.quiz.QUIZ_MIME: {"quiz": id, "lang": lang}); `glossary()` outputs
book.quiz.GLOSSARY_MIME. Through myst-nb's own extension point (the `myst_nb.mime_renderers`
entry point in pyproject.toml, QuizMimeRenderer below), the book shows that entry, never the
widget view, as a node that is written from data/ with the kernel-free renderer
(book.render_html) when the page is written. Reading the entry notes the bank (or glossary) as
a dependency of the page, so a data edit reaches the page even when the notebook's execution is
cached. QuizCollector, a Sphinx environment collector, keeps which quizzes each page has for
the {quiz-progress} table.

The book embeds no ipywidgets state either: the build's kernel creates the widgets, which
nbclient keeps in the notebook's metadata; myst-nb's renderer (its `myst_nb.renderers` entry
point, chosen with nb_render_plugin in _config.yml) is used as it is, minus that state
(NoWidgetStateRenderer).
"""
from __future__ import annotations

import json

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from book.assets import write_runtime
from book.bank import load_bank
from book.glossary import load_glossary
from book.i18n import t
from book.lang_marks import mark_html
from book.model import DataError
from book.project import Project  # the project being built (book.website sets it for Sphinx)
from book.quiz import GLOSSARY_MIME, QUIZ_MIME
from book.render_html import (
    render_crib_sheet,
    render_glossary,
    render_progress,
    render_quiz,
    render_quiz_document,
    store_key,
)
from book.sphinx.page import generated_static

logger = logging.getLogger(__name__)

# Builders of documents rather than web pages: the e-books, and the single page the PDFs are
# printed from (book.pdf). Their quizzes are questions then answers, with no controls.
DOCUMENT_BUILDERS = ("epub", "singlehtml")


def setup_quizzes(app: Sphinx) -> None:
    app.connect("builder-inited", _add_runtime)
    app.connect("builder-inited", _check_plugins_installed)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    for node in (quiz_output, glossary_output):
        app.add_node(node, html=(_visit_html, None), latex=(_skip, None), text=(_skip, None), man=(_skip, None),
                     texinfo=(_skip, None))
    app.add_node(progress_table)
    app.add_directive("quiz-progress", ProgressDirective)
    app.add_env_collector(QuizCollector)
    app.connect("doctree-resolved", _on_doctree_resolved)


# --- from the notebook's output to a node: myst-nb's MIME render plugin -------------------------

class quiz_output(nodes.General, nodes.Element):
    """A quiz of the bank (attribute quiz: its id), written from data/ with the page."""


class glossary_output(nodes.General, nodes.Element):
    """The glossary (data/glossary.csv), written from data/ with the page."""


class QuizMimeRenderer:
    """myst-nb MimeRenderPlugin (entry point group myst_nb.mime_renderers) for the quiz and
    glossary outputs. Their priority, first in every builder, puts them before the widget view
    and the kernel's HTML."""

    mime_priority_overrides = [("*", QUIZ_MIME, 1), ("*", GLOSSARY_MIME, 1)]

    @staticmethod
    def handle_mime(renderer: NbElementRenderer, data: MimeData, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type not in (QUIZ_MIME, GLOSSARY_MIME) or inline:
            return None
        env: BuildEnvironment | None = renderer.renderer.sphinx_env
        if env is None:
            return None  # myst-nb outside Sphinx: no build to take the data from
        if "manual_edition" not in env.config:
            # The entry point makes this plugin every myst-nb build's in this environment; a book
            # without book.sphinx has no writer for our nodes: leave the output to myst-nb (which
            # skips a type it does not know, with a warning) instead of crashing at the write.
            return None
        content = data.content if isinstance(data.content, dict) else json.loads(data.string)
        lang = env.config.language
        if content.get("lang", lang) != lang:
            renderer.logger.warning(f"this {lang} page shows a {content['lang']} quiz or glossary "
                                    f"(import from book.{lang}); the book shows it in {lang}", line=data.line)
        if data.mime_type == GLOSSARY_MIME:
            path = Project.current().glossary
            env.note_dependency(str(path))
            try:
                load_glossary(path)
            except DataError as exc:
                renderer.logger.error(f"glossary: {exc}", line=data.line)
                return []
            return [glossary_output()]
        quiz_id = str(content.get("quiz", ""))
        bank_dir = Project.current().questions
        for bank_file in sorted(bank_dir.glob("*.csv")):
            env.note_dependency(str(bank_file))
        try:
            load_bank(bank_dir).quiz(quiz_id)
        except (KeyError, DataError) as exc:
            renderer.logger.error(f"quiz {quiz_id!r}: {exc}", line=data.line)
            return []
        return [quiz_output(quiz=quiz_id)]


def _visit_html(translator, node: nodes.Element) -> None:
    """Write the quiz or the glossary from data/ (HTML pages, the e-books, the PDFs' page)."""
    builder, config = translator.builder, translator.builder.config
    lang = config.language
    if isinstance(node, glossary_output):
        html = render_glossary(load_glossary(Project.current().glossary), lang)
    else:
        quiz_id = node["quiz"]
        questions = load_bank(Project.current().questions).quiz(quiz_id)
        if builder.name in DOCUMENT_BUILDERS:  # no controls or scripts; questions, then answers
            html = render_quiz_document(quiz_id, questions, lang)
        else:
            html = render_quiz(quiz_id, questions, lang)
        if config.manual_edition == "trainer":  # never on the learners' site (nor in their PDF)
            html += "\n" + render_crib_sheet(quiz_id, questions, lang)
    translator.body.append(mark_html(html, lang) + "\n")  # words in the other language get <span lang>
    raise nodes.SkipNode


def _skip(translator, node) -> None:
    raise nodes.SkipNode


class NoWidgetStateRenderer(NbElementRenderer):
    """myst-nb's renderer (entry point group myst_nb.renderers, name `manual`), without the
    ipywidgets state: the book shows quizzes from data/, never a widget's view, so the state the
    build's kernel left in the notebook (a large JSON blob with random ids, different on every
    execution) stays out of the page, and no widget manager is loaded for it."""

    def render_nb_finalise(self, metadata: dict) -> None:
        super().render_nb_finalise({key: value for key, value in metadata.items() if key != "widgets"})


def _check_plugins_installed(app: Sphinx) -> None:
    """Entry points come from the installed package's metadata: an environment installed before
    they were declared would show no quiz (and warn about an unknown MIME type) without this."""
    from myst_nb.core.render import load_mime_renders
    if QuizMimeRenderer not in load_mime_renders():
        raise ExtensionError("the manual's myst-nb plugins are not installed in this environment: "
                             "run ./manual build (or pip install -e .) to install them")


# --- which quizzes each page has, and the progress page -------------------------------------------

class QuizCollector(EnvironmentCollector):
    """Keeps, in the build environment, the quiz ids on each page (in order) and the pages that
    show the progress table, which lists every chapter and so is written again whenever any
    page was read again."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _quizzes(env).pop(docname, None)
        _progress_docs(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        _quizzes(env).update({d: q for d, q in _quizzes(other).items() if d in docnames})
        _progress_docs(env).update(_progress_docs(other) & set(docnames))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        docname = app.env.docname
        ids = [node["quiz"] for node in doctree.findall(quiz_output)]
        if ids:
            _quizzes(app.env)[docname] = ids
        if any(True for _ in doctree.findall(progress_table)):
            _progress_docs(app.env).add(docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return sorted(_progress_docs(env) & env.found_docs)


def _quizzes(env: BuildEnvironment) -> dict[str, list[str]]:
    """docname -> the quiz ids on that page, in order."""
    if not hasattr(env, "mq_quizzes"):
        env.mq_quizzes = {}  # type: ignore[attr-defined]
    return env.mq_quizzes  # type: ignore[attr-defined]


def _progress_docs(env: BuildEnvironment) -> set[str]:
    """The pages that show the progress table."""
    if not hasattr(env, "mq_progress_docs"):
        env.mq_progress_docs = set()  # type: ignore[attr-defined]
    return env.mq_progress_docs  # type: ignore[attr-defined]


class progress_table(nodes.General, nodes.Element):
    """Placeholder for the progress table; filled in once every page has been read."""


class ProgressDirective(SphinxDirective):
    """```{quiz-progress}```: a table of every chapter's quizzes, filled in by quiz.js from
    the answers kept in this browser."""

    def run(self):
        return [progress_table()]


def _toc_order(env: BuildEnvironment) -> list[str]:
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
    """The progress table: every chapter with quizzes, in the order of the table of contents, with
    the store keys of its graded questions (quiz.js counts the answers kept in this browser)."""
    env, lang = app.env, app.config.language
    bank = load_bank(Project.current().questions)
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


def _add_runtime(app: Sphinx) -> None:
    """Serve the minified quiz runtime from the site itself."""
    write_runtime(generated_static(app))
