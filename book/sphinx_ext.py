"""Sphinx extension for the manual (loaded through _config.yml `sphinx.extra_extensions`).

- Serves the quiz runtime (static/quiz.js, quiz.css) from the site itself.
- Drops the ipywidgets state myst-nb would embed (the book never shows the widget view).
- Re-renders every quiz from data/ at build time, so a bank edit reaches the page even when
  the notebook's execution is cached, and records the bank as a dependency of the page.
- Sets the per-language title and theme strings.
- Adds a link to the same page in the other language, and <link rel="alternate" hreflang>.
"""
from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from book.bank import BankError, load_bank
from book.i18n import t
from book.languages import check_language, other_languages
from book.render_html import render_quiz

STATIC = Path(__file__).parent / "static"
QUIZ_MARKER = re.compile(r'<section class="mq-quiz" data-quiz="([^"]+)"')
logger = logging.getLogger(__name__)


def questions_dir(app: Sphinx) -> Path:
    """The bank of the checkout being built: <root>/data/questions, the source folder being
    <root>/notebooks/<lang>."""
    return Path(app.srcdir).resolve().parent.parent / "data" / "questions"


@cache
def _bank(directory: Path):
    return load_bank(directory)


class RenderQuizzes(SphinxTransform):
    """Replace the kernel's quiz HTML with a fresh render from the current bank."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        lang = self.config.language
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split():
                continue
            match = QUIZ_MARKER.search(node.astext())
            if not match:
                continue
            quiz_id = match.group(1)
            bank_dir = questions_dir(self.app)
            for bank_file in sorted(bank_dir.glob("*.csv")):
                self.env.note_dependency(str(bank_file))
            try:
                questions = _bank(bank_dir).quiz(quiz_id)
            except (KeyError, BankError) as exc:
                logger.error("quiz %r: %s", quiz_id, exc, location=node)
                continue
            html = render_quiz(quiz_id, questions, lang)
            node.replace_self(nodes.raw("", html, format=node["format"], classes=node["classes"]))


class DropWidgetState(SphinxTransform):
    """Drop the ipywidgets state myst-nb would embed in the page.

    The book shows each quiz's HTML, never the widget view, so the state (a large JSON blob
    with random model ids) is dead weight that changes on every execution.
    """

    default_priority = 501

    def apply(self, **kwargs) -> None:
        metadata = getattr(self.env, "nb_metadata", {}).get(self.env.docname, {})
        metadata.get("js_files", {}).pop("ipywidgets_state", None)


def _on_config_inited(app: Sphinx, config) -> None:
    lang = check_language(config.language)
    titles = config.manual_titles or {}
    if lang in titles:
        config.html_title = titles[lang]
        config.project = titles[lang]
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = t(lang, "search_placeholder")
    config.html_theme_options = options


def counterpart_url(pagename: str, lang: str, other: str) -> str:
    """Relative URL from `pagename` in the `lang` build to the same page in the `other` build."""
    depth = pagename.count("/") + 1
    return "../" * depth + f"{other}/{pagename}.html"


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    lang = app.config.language
    srcdir = Path(app.srcdir)
    links, alternates = [], []
    for other in other_languages(lang):
        if doctree is not None and not list((srcdir.parent / other).glob(f"{pagename}.*")):
            continue  # no counterpart written yet
        url = counterpart_url(pagename, lang, other)
        alternates.append(f'<link rel="alternate" hreflang="{other}" href="{escape(url)}">')
        links.append(f'<a href="{escape(url)}" hreflang="{other}" lang="{other}">'
                     f'{escape(t(other, "read_in"))}</a>')
    if not links:
        return
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(alternates)
    nav = (f'<nav class="mq-langs" aria-label="{escape(t(lang, "language_nav"))}">'
           + " ".join(links) + "</nav>\n")
    if "body" in context:
        context["body"] = nav + context["body"]


def setup(app: Sphinx) -> dict:
    app.add_config_value("manual_titles", {}, "html", types=[dict])
    # Jupyter Book always passes comments_config (for sphinx_comments, which the manual does not
    # load: no third-party comment widgets). Accept it so it is not an unknown-config warning.
    app.add_config_value("comments_config", {}, "html", types=[dict])
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", lambda app: app.config.html_static_path.append(str(STATIC)))
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_transform(RenderQuizzes)
    app.add_transform(DropWidgetState)
    app.connect("html-page-context", _on_page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
