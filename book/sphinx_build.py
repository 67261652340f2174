"""Build one language of the book with Jupyter Book 1 (run in its own process by book.website).

    python -m book.sphinx_build LANG OUTDIR [BUILDER] [EDITION]

Equivalent to `jupyter-book build notebooks/LANG --config _config.yml --toc _toc.yml -W -n
--keep-going`, plus what that CLI cannot pass: Sphinx's `language` and the edition. The project
built is `Project.current()` (MANUAL_PROJECT, which book.website sets; the kernels this build starts
inherit it, so they read the same project's data).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from book.languages import check_language
from book.project import Project

# The published site's address (e.g. https://example.org/manual/), set by the publish workflow:
# it overrides html_baseurl in _config.yml, for absolute hreflang alternates and canonical links.
BASE_URL_ENV = "MANUAL_BASE_URL"


def main(argv: list[str]) -> int:
    lang, outdir = check_language(argv[0]), Path(argv[1])
    builder = argv[2] if len(argv) > 2 else "html"
    edition = argv[3] if len(argv) > 3 else "learner"
    project = Project.current()
    # jupyter_book.config imports jsonschema, whose optional IRI format checker compiles some 40
    # grammars at import (about 3 s of every build process). Jupyter Book validates _config.yml
    # without format checking, so the checker is never used: keep it from loading. Upstream:
    # python-jsonschema/jsonschema#1428 (import rfc3987_syntax lazily) and #1521 (move to the
    # lazily loading rfc3987-syntax2); drop these lines once jsonschema no longer loads it at import.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not installed"
    from jupyter_book.sphinx import build_sphinx

    base_url = {"html_baseurl": os.environ[BASE_URL_ENV]} if os.environ.get(BASE_URL_ENV) else {}

    result = build_sphinx(
        project.chapters(lang),
        outdir / builder,
        builder=builder,
        noconfig=True,
        path_config=str(project.config),
        confoverrides={
            "external_toc_path": str(project.toc),
            "latex_individualpages": False,
            "language": lang,
            "nitpicky": True,
            "manual_edition": edition,
            **base_url,
        },
        doctreedir=outdir / (".doctrees" if builder == "html" else f".doctrees-{builder}"),
        warningiserror=True,
        keep_going=True,
    )
    return result if isinstance(result, int) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
