"""Serve the built site on this machine only (127.0.0.1)."""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def make_server(site: Path, port: int = 8000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {site}; run: python -m book build")

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet: a reader's page views are nobody's business
            pass

    return ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(site)))


def serve(site: Path, port: int = 8000) -> None:
    server = make_server(site, port)
    host, real_port = server.server_address[:2]
    print(f"Serving the manual at http://{host}:{real_port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def local_only(page, blocked: list, host: str = "127.0.0.1") -> None:
    """Let a Playwright page reach only this machine and local files; record and abort the rest
    (as on a reader's device cut off from other hosts). Used by the browser tests and benchmarks."""
    from urllib.parse import urlparse

    def route(r):
        url = r.request.url
        if url.startswith("file:") or urlparse(url).hostname == host:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()
    page.route("**/*", route)
