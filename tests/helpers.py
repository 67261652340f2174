"""Helpers for the tests and benchmarks (not part of the package): a copy of the project to build or
break, and a browser page cut off from every other host."""
from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """Copy what a build reads (configuration, table of contents, chapters, data) into `target`:
    a project to build or break without touching this checkout."""
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(root / name, target / name)
    for name in ("notebooks", "data"):
        shutil.copytree(root / name, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


def local_only(page, blocked: list, host: str = "127.0.0.1") -> None:
    """Let a Playwright page reach only this machine and local files; record and abort the rest
    (as on a reader's device cut off from other hosts)."""

    def route(r):
        url = r.request.url
        if url.startswith("file:") or urlsplit(url).hostname == host:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()
    page.route("**/*", route)


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """`site` served (book.serve) on a free port of 127.0.0.1 in a thread: yields its address."""
    from book.serve import make_server
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
