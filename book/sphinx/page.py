"""Page chrome: the manual's themes (theme/manual for the site, theme/manual-epub for the
e-books; they also choose which stylesheets and scripts a page loads), per-language titles, the
privacy headers (Content-Security-Policy, no referrer), the page's description, and the links to
the same page in the other language (<link rel="alternate" hreflang> too)."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from book.i18n import t
from book.languages import check_language, other_languages
from book.privacy import PRIVACY_META
from book.project import Project

THEMES = Path(__file__).parent.parent / "theme"


def setup_page(app: Sphinx) -> None:
    app.add_html_theme("manual", str(THEMES / "manual"))
    app.add_html_theme("manual-epub", str(THEMES / "manual-epub"))
    app.add_js_file("exit.js", loading_method="defer")
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _add_generated_static)
    app.connect("html-page-context", _on_page_context)


def _on_config_inited(app: Sphinx, config) -> None:
    lang = check_language(config.language)
    config.html_title = config.project = t(lang, "manual_title")   # the title and byline are the language's own
    if config.manual_edition == "trainer":
        config.html_title = config.project = f"{config.project} ({t(lang, 'trainer_edition')})"
    config.author = t(lang, "manual_author")
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


def generated_static(app: Sphinx) -> Path:
    """The static folder for the files the build writes (the minified quiz runtime, the search
    page's messages), beside the build's doctrees; served from _static/ like the theme's files."""
    folder = Path(app.doctreedir).parent / "quiz-runtime"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _add_generated_static(app: Sphinx) -> None:
    app.config.html_static_path.append(str(generated_static(app)))


def counterpart_url(pagename: str, lang: str, other: str) -> str:
    """Relative URL from `pagename` in the `lang` build to the same page in the `other` build."""
    depth = pagename.count("/") + 1
    return "../" * depth + f"{other}/{pagename}.html"


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "epub":
        return  # an e-book has no other language to link to and no web page policies
    lang = app.config.language
    context["metatags"] = context.get("metatags", "") + "\n" + PRIVACY_META
    context["mq"] = lambda key, **values: t(lang, key, **values)
    context["mq_exit_url"] = app.config.manual_quick_exit_url
    context["mq_exit_strings"] = json.dumps(
        {"press2": t(lang, "exit_press2"), "press1": t(lang, "exit_press1"), "leaving": t(lang, "exit_leaving")},
        ensure_ascii=False)
    description = page_description(doctree) or t(lang, "site_description")
    context["metatags"] += f'\n<meta name="description" content="{escape(description, quote=True)}">'
    links, alternates = [], {}
    site_url = app.config.manual_site_url
    if site_url:  # absolute alternates, this page's own language and the front page included
        alternates[lang] = f"{site_url}{lang}/{pagename}.html"
    for other in other_languages(lang):
        if doctree is not None and not list(Project.current().chapters(other).glob(f"{pagename}.*")):
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
