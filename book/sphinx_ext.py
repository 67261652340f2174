"""Sphinx extension for the manual (loaded through _config.yml `sphinx.extra_extensions`).

- Serves the quiz runtime (static/quiz.js, quiz.css) from the site itself.
- Drops the ipywidgets state myst-nb would embed (the book never shows the widget view).
- Re-renders every quiz and the glossary from data/ at build time, so a data edit reaches the
  page even when the notebook's execution is cached, and records the data as a dependency.
- Provides the manual's theme (theme/manual): chrome from the UI catalog, quick exit, language
  links to the same page in the other language and <link rel="alternate" hreflang>.
- Sets the per-language title; puts a Content-Security-Policy and no-referrer on every page.
- Marks words in another language: the {lang-en}, {lang-ru}, {lang-fr} roles (book.lang_marks).
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util import logging

from book.assets import write_runtime
from book.data import cached_bank, cached_glossary
from book.i18n import t
from book.lang_marks import mark_footnotes, mark_html, setup_roles
from book.languages import check_language, other_languages
from book.model import DataError
from book.render_html import render_crib_sheet, render_glossary, render_quiz, render_quiz_document, store_key

THEME = Path(__file__).parent / "theme" / "manual"
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
            questions = cached_bank(bank_dir).quiz(quiz_id)
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
            return render_glossary(cached_glossary(path), self.config.language)
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


# --- trainer notes ---------------------------------------------------------------------------

class TrainerNote(SphinxDirective):
    """:::{trainer-note}: notes for whoever runs the session. Shown in the trainer edition
    (manual_edition = "trainer") and in the live notebook; left out of the learners' site."""

    has_content = True

    def run(self):
        if self.config.manual_edition != "trainer":
            return []
        note = nodes.admonition(classes=["trainer-note"])
        note += nodes.title(text=t(self.config.language, "trainer_note"))
        self.state.nested_parse(self.content, self.content_offset, note)
        return [note]


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
    env, lang = app.env, app.config.language
    bank = cached_bank(questions_dir(app))
    rows = []
    for doc in _toc_order(env):
        ids = _quizzes(env).get(doc)
        if not ids:
            continue
        keys = [store_key(q, lang) for quiz_id in ids for q in bank.quiz(quiz_id) if q.type != "free"]
        title = env.titles[doc].astext() if doc in env.titles else doc
        href = app.builder.get_relative_uri(fromdoc, doc)
        rows.append(f'<tr data-keys="{escape(json.dumps(keys), quote=True)}"><th scope="row">'
                    f'<a href="{escape(href)}">{escape(title)}</a></th>'
                    f'<td class="mq-answered">–</td><td class="mq-right">–</td></tr>')
    strings = {k: t(lang, k) for k in ("progress_count", "all_cleared")}
    return (f'<div class="mq-progress" data-mq-strings="{escape(json.dumps(strings, ensure_ascii=False), quote=True)}">\n'
            f'<table class="table"><thead><tr><th scope="col">{escape(t(lang, "progress_chapter"))}</th>'
            f'<th scope="col">{escape(t(lang, "progress_answered"))}</th>'
            f'<th scope="col">{escape(t(lang, "progress_correct"))}</th></tr></thead>\n'
            f'<tbody>{"".join(rows)}</tbody></table>\n'
            f'<p class="mq-progress-nojs">{escape(t(lang, "progress_nojs"))}</p>\n'
            f'<button type="button" class="mq-clear-all" hidden>{escape(t(lang, "clear_all"))}</button>\n'
            f'<p class="mq-progress-status" role="status" aria-live="polite"></p>\n</div>')


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


def _on_config_inited(app: Sphinx, config) -> None:
    lang = check_language(config.language)
    titles = config.manual_titles or {}
    if lang in titles:
        config.html_title = titles[lang]
        config.project = titles[lang]
    if config.manual_edition == "trainer":
        config.html_title = config.project = f"{config.project} ({t(lang, 'trainer_edition')})"
    if config.manual_authors and lang in config.manual_authors:
        config.author = config.manual_authors[lang]
    config.epub_basename = f"manual-{lang}"
    config.epub_title = config.project
    config.epub_author = config.author
    # html_baseurl names the published site's root (the publish workflow sets it); each
    # language's pages live under <root>/<lang>/, which is what Sphinx's canonical links need.
    config.manual_site_url = config.html_baseurl.rstrip("/") + "/" if config.html_baseurl else ""
    if config.manual_site_url:
        config.html_baseurl = f"{config.manual_site_url}{lang}/"
    if config.html_theme == "manual":
        # Jupyter Book passes options for its own theme (launch buttons, repository links...);
        # the manual's theme has none of those features, so none of their options.
        config.html_theme_options = {}


# Nothing may be loaded from another host; no page tells another site which page linked to it.
# No inline script, handler, style or eval() runs either: every script and style is a file of the
# site (Sphinx's settings are documentation_options.js; the search page's messages are
# search-messages.js, written per language, in place of Sphinx's translations.js, which compiles
# its plural rule with new Function()).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
                           "frame-src 'none'; base-uri 'self'; form-action 'self'")
PRIVACY_META = (f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
                '<meta name="referrer" content="no-referrer">')


UNUSED_STYLES = ("mystnb.", "pygments")
SEARCH_ONLY_SCRIPTS = {"documentation_options.js", "doctools.js", "sphinx_highlight.js",
                       "language_data.js", "searchtools.js"}
UNUSED_SCRIPTS = {"translations.js"}  # replaced by search-messages.js (no new Function())
SEARCH_MESSAGES = "search-messages.js"


def _sphinx_messages(lang: str) -> dict[str, str]:
    """Sphinx's own JavaScript catalog for `lang` (what its translations.js would add)."""
    import sphinx
    path = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.js"
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])["messages"]


def search_messages(lang: str) -> str:
    """The search page's script (search-messages.js): Sphinx's catalog for `lang` and the
    manual's own search messages, added to Sphinx's translations without compiling anything
    (Sphinx's translations.js builds its plural rule with new Function(), which the policy
    forbids; the search script uses no plurals). ${resultCount} is filled in by Sphinx's script."""
    messages = {**_sphinx_messages(lang),
        "Search finished, found ${resultCount} page(s) matching the search query.":
            t(lang, "search_found", count="${resultCount}"),
        "Your search did not match any documents. Please make sure that all words are spelled "
        "correctly and that you've selected enough categories.": t(lang, "search_none"),
    }
    return (f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, indent=0)});\n"
            f"Documentation.LOCALE = {json.dumps(lang)};\n")


def _asset_name(asset) -> str:
    return Path(str(getattr(asset, "filename", asset)).split("?")[0]).name


def counterpart_url(pagename: str, lang: str, other: str) -> str:
    """Relative URL from `pagename` in the `lang` build to the same page in the `other` build."""
    depth = pagename.count("/") + 1
    return "../" * depth + f"{other}/{pagename}.html"


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Load only what a page uses: myst-nb's stylesheet (43 KB) and the syntax colours style code
    # learners never see. (An e-book must not even name it: myst-nb writes that file only after
    # the e-book is packed, and EPUBCheck rejects a reference to a missing file.)
    context["css_files"] = [css for css in context.get("css_files", [])
                            if not _asset_name(css).startswith(UNUSED_STYLES)]
    if app.builder.name == "epub":
        return  # an e-book has no other language to link to and no web page policies
    lang = app.config.language
    context["metatags"] = context.get("metatags", "") + "\n" + PRIVACY_META
    # Sphinx's scripts serve search and highlighting search hits, so they stay on the search
    # page only; its translations.js is replaced there by search-messages.js.
    unused = UNUSED_SCRIPTS if pagename == "search" else UNUSED_SCRIPTS | SEARCH_ONLY_SCRIPTS
    context["script_files"] = [js for js in context.get("script_files", []) if _asset_name(js) not in unused]
    context["mq"] = lambda key, **values: t(lang, key, **values)
    context["mq_exit_url"] = app.config.manual_quick_exit_url
    context["mq_exit_strings"] = json.dumps(
        {"press2": t(lang, "exit_press2"), "press1": t(lang, "exit_press1"), "leaving": t(lang, "exit_leaving")},
        ensure_ascii=False)
    description = page_description(doctree) or t(lang, "site_description")
    context["metatags"] += f'\n<meta name="description" content="{escape(description, quote=True)}">'
    srcdir = Path(app.srcdir)
    links, alternates = [], {}
    site_url = app.config.manual_site_url
    if site_url:  # absolute alternates, this page's own language and the front page included
        alternates[lang] = f"{site_url}{lang}/{pagename}.html"
    for other in other_languages(lang):
        if doctree is not None and not list((srcdir.parent / other).glob(f"{pagename}.*")):
            continue  # no counterpart written yet
        url = counterpart_url(pagename, lang, other)
        alternates[other] = f"{site_url}{other}/{pagename}.html" if site_url else url
        links.append({"lang": other, "url": url, "label": t(other, "read_in")})
    if site_url and len(alternates) > 1:
        alternates["x-default"] = site_url
    context["mq_langs"] = links
    context["metatags"] += "".join(f'\n<link rel="alternate" hreflang="{code}" href="{escape(url, quote=True)}">'
                                   for code, url in alternates.items())


def page_description(doctree, limit: int = 160) -> str:
    """The page's first paragraph, cut at a word to at most `limit` characters (the page's meta
    description: what a search engine or a shared link shows)."""
    if doctree is None:
        return ""
    first = next(iter(doctree.findall(nodes.paragraph)), None)
    text = " ".join(first.astext().split()) if first is not None else ""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def _add_runtime(app: Sphinx) -> None:
    """Serve the minified quiz runtime from the site itself."""
    folder = write_runtime(Path(app.doctreedir).parent / "quiz-runtime")
    if app.builder.name != "epub":  # an e-book has no search page
        (folder / SEARCH_MESSAGES).write_text(search_messages(app.config.language), encoding="utf-8")
    app.config.html_static_path.append(str(folder))


def _cache_templates(app: Sphinx) -> None:
    """Keep the compiled page templates between builds (Jinja's bytecode cache, checked against
    each template's source): compiling them is a tenth of a one-page rebuild."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        from jinja2 import FileSystemBytecodeCache
        folder = Path(app.doctreedir).parent / "template-cache"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _prune_removed_pages(app: Sphinx, exception) -> None:
    """Output folders are kept between builds (so unchanged pages are not rewritten): delete the
    pages of documents that no longer exist, so they cannot linger in the site."""
    if exception is not None or app.builder.format != "html":
        return
    keep = set(app.env.all_docs) | {"search", "genindex", "py-modindex"}
    for page in Path(app.outdir).rglob(f"*{app.builder.out_suffix}"):
        name = page.relative_to(app.outdir).with_suffix("").as_posix()
        if not name.startswith("_") and name not in keep:
            page.unlink()


def setup(app: Sphinx) -> dict:
    app.add_config_value("manual_titles", {}, "html", types=[dict])
    app.add_config_value("manual_authors", {}, "html", types=[dict])
    app.add_config_value("manual_site_url", "", "html", types=[str])  # set from html_baseurl
    app.add_config_value("manual_quick_exit_url", "https://www.wikipedia.org/", "html", types=[str])
    app.add_html_theme("manual", str(THEME))
    app.add_js_file("exit.js", loading_method="defer")
    # Jupyter Book always passes comments_config (for sphinx_comments, which the manual does not
    # load: no third-party comment widgets). Accept it so it is not an unknown-config warning.
    app.add_config_value("comments_config", {}, "html", types=[dict])
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _add_runtime)
    app.connect("builder-inited", _cache_templates)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_transform(RenderFromData)
    app.add_transform(DropWidgetState)
    app.connect("html-page-context", _on_page_context)
    app.connect("build-finished", _prune_removed_pages)
    app.add_node(progress_table)
    app.add_directive("quiz-progress", ProgressDirective)
    app.add_directive("trainer-note", TrainerNote)
    setup_roles(app)  # {lang-en}`…` and friends: <span lang> for words in another language
    app.add_config_value("manual_edition", "learner", "env", types=[str])
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("doctree-resolved", mark_footnotes)  # bibliographies: <span lang> for the other script
    app.connect("env-purge-doc", _on_env_purge_doc)
    app.connect("env-merge-info", _on_env_merge_info)
    app.connect("env-updated", _on_env_updated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
