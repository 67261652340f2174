"""Presenting a chapter as slides: a mode of the built site itself (Sphinx extension).

A chapter page offers "Present as slides" (or is opened at `#present`): static/deck.js then
shows the page's sections one slide at a time, each quiz question on a slide of its own, with
the page's own quiz runtime (quiz.js) grading it. So the deck is the same build, the same
static quiz and the same grading as the site, with nothing to build twice; RISE cannot show
the live quizzes (see the README, "For trainers"). Trainer notes and crib sheets are never
shown on a slide.

This module serves deck.js and deck.css (minified, like the quiz runtime) and gives the theme
the button's UI strings in the page's language (`mq_deck`, used by layout.html).
"""
from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from book.assets import minified
from book.i18n import t

DECK_FILES = ("deck.js", "deck.css")
# The UI strings deck.js shows (book/i18n/<lang>.json), handed to it on the Present button.
STRINGS = ("deck_present", "deck_controls", "deck_prev", "deck_next", "deck_counter", "deck_fullscreen",
           "deck_leave", "deck_speaker", "deck_no_notes")


def deck_strings(lang: str) -> str:
    """The deck's UI strings in `lang`, as JSON for the button's data-mq-deck attribute."""
    return json.dumps({key: t(lang, key) for key in STRINGS}, ensure_ascii=False)


def presentable(doctree) -> bool:
    """A page is presentable when its title section has sections of its own (a chapter)."""
    if doctree is None:
        return False
    return any(isinstance(child, nodes.section)
               for top in doctree.findall(nodes.section) for child in top.children)


def _add_static(app: Sphinx) -> None:
    folder = Path(app.doctreedir).parent / "deck-runtime"
    folder.mkdir(parents=True, exist_ok=True)
    for name in DECK_FILES:
        (folder / name).write_text(minified(name), encoding="utf-8")
    app.config.html_static_path.append(str(folder))


def _name(asset) -> str:
    return Path(str(getattr(asset, "filename", asset)).split("?")[0]).name


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "html" and presentable(doctree):
        context["mq_deck"] = deck_strings(app.config.language)
        return
    # Not a chapter, or an e-book / the single page the PDFs print: no deck to load.
    context["script_files"] = [js for js in context.get("script_files", []) if _name(js) not in DECK_FILES]
    context["css_files"] = [css for css in context.get("css_files", []) if _name(css) not in DECK_FILES]


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_static)
    app.add_js_file("deck.js", loading_method="defer")
    app.add_css_file("deck.css")
    app.connect("html-page-context", _on_page_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# --- ./manual present CHAPTER -------------------------------------------------------------------

class PresentError(ValueError):
    """A chapter that cannot be presented: a message for the trainer, no traceback."""


def slides_url(site: Path, chapter: str, lang: str, port: int) -> str:
    """The address of `chapter`'s slides in the served `site`, after checking it has slides."""
    page = site / lang / f"{chapter}.html"
    if not page.is_file() or 'class="mq-present"' not in page.read_text(encoding="utf-8"):
        raise PresentError(f"{lang}/{chapter}.html has no slides (only chapters with sections do)")
    return f"http://127.0.0.1:{port}/{lang}/{chapter}.html#present"


def present(root: Path, chapter: str, lang: str, port: int = 8000, open_browser: bool = True,
            edition: str = "learner") -> int:
    """Build the site (the `edition`) if anything changed, serve it on this machine and open
    `chapter` as slides in the browser (Ctrl+C stops)."""
    from book.chapters import toc_pages
    from book.serve import serve
    from book.website import build

    pages = toc_pages(root)
    if chapter not in pages:
        raise PresentError(f"no chapter {chapter!r} in _toc.yml; chapters: {', '.join(pages)}")
    site = build(root, edition=edition)
    serve(site, port, address=lambda served_on: slides_url(site, chapter, lang, served_on),
          announce=f"Presenting {lang}/{chapter} at", open_browser=open_browser)
    return 0
