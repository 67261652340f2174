"""Serve the built site on this machine only (127.0.0.1), with the same policies the pages carry.

Every response says what it is (a charset on text), forbids loading from other hosts, inline
scripts and styles (the pages' Content-Security-Policy, also as a header), sends no referrer,
may not be sniffed as another type or framed by another site, and does not name the Python
version. Folders are never listed and dotfiles (.nojekyll, .buildinfo, .inputs-sha256) are
never served. A bad request gets a short error page, never a traceback, and the listen backlog
is large enough that a room of readers arriving at once are not kept waiting.
"""
from __future__ import annotations

import errno
import functools
import sys
import threading
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from book.privacy import CONTENT_SECURITY_POLICY

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class ServeError(RuntimeError):
    """The server could not start (e.g. the port is taken): a message for the reader, no traceback."""


class Handler(SimpleHTTPRequestHandler):
    server_version = "manual"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    def log_message(self, format, *args):  # quiet: a reader's page views are nobody's business
        pass

    def end_headers(self) -> None:
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path) -> str:
        kind = super().guess_type(path)
        return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if "\x00" in path:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request: the address contains a NUL character")
            return None
        if any(part.startswith(".") for part in path.split("/")):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")  # dotfiles are never served
            return None
        return super().send_head()

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")  # folders are never listed
        return None


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default of 5 stalls a room of readers arriving at once
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # the reader went away: nothing to report
        print(f"manual serve: error while answering a request: {error!r}", file=sys.stderr)


def make_server(site: Path, port: int = 8000, host: str = "127.0.0.1") -> Server:
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {site}; run: python -m book build")
    try:
        return Server((host, port), functools.partial(Handler, directory=str(site)))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is already in use (is the manual already being served?); "
                             f"stop that server or choose another port: ./manual serve --port {port + 1}") from None
        raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def serve(site: Path, port: int = 8000, *, address: Callable[[int], str] | None = None,
          announce: str = "Serving the manual at", open_browser: bool = False) -> None:
    """Serve `site` until Ctrl+C. `address(port)` is the page to announce (and open in the
    browser): the front page unless given; it may raise before anything is served."""
    server = make_server(site, port)
    try:
        url = address(server.server_port) if address else f"http://127.0.0.1:{server.server_port}/"
        print(f"{announce} {url}  (Ctrl+C to stop)", flush=True)
        if open_browser:
            threading.Timer(0.5, webbrowser.open, [url]).start()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

