"""The manual's Sphinx settings, declared in one place (set under `sphinx: config:` in
_config.yml). Each module of book.sphinx reads them from `app.config`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # what Sphinx rebuilds when it changes: "env" (every page read again), "html" (written again)
    types: type
    help: str


SETTINGS = (
    Setting("manual_site_url", "", "html", str,
            "the published site's root, ending in '/'; set from html_baseurl, not by hand"),
    Setting("manual_quick_exit_url", "https://www.wikipedia.org/", "html", str,
            "where 'Exit this page' (and Shift pressed three times) goes"),
    Setting("manual_edition", "learner", "env", str,
            "'learner' (the public site) or 'trainer' (adds trainer notes and the quizzes' crib sheets)"),
    # Jupyter Book always passes comments_config (for sphinx_comments, which the manual does not
    # load: no third-party comment widgets). Declared so that it is not an unknown-config warning.
    Setting("comments_config", {}, "html", dict, "Jupyter Book's settings for sphinx-comments (unused)"),
)


def setup_settings(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,  # type: ignore[arg-type]
                             types=[setting.types], description=setting.help)
