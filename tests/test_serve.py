"""`./manual serve` (book/serve.py): the pages' policies as HTTP headers, charsets, no folder
listings, no dotfiles, no Python version, a message (not a traceback) for a bad request and a
busy port, and a room of readers arriving at once all get their pages. Loopback only."""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from book.privacy import CONTENT_SECURITY_POLICY
from conftest import ROOT


@pytest.fixture(scope="module")
def server(built_site):
    from book.serve import make_server
    srv = make_server(built_site, port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.headers, response.read()  # headers: case-insensitive
    finally:
        conn.close()


def test_pages_carry_the_policies_as_headers(server):
    status, headers, _ = get(server, "/en/distinctions.html")
    assert status == 200
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "python" not in headers["Server"].lower() and sys.version.split()[0] not in headers["Server"]


@pytest.mark.parametrize("path,kind", [("/en/_static/manual.css", "text/css"), ("/en/_static/quiz.js", "javascript"),
                                       ("/_static/favicon.svg", "image/svg+xml"), ("/", "text/html")])
def test_text_is_served_with_its_charset(server, path, kind):
    status, headers, _ = get(server, path)
    assert status == 200 and kind in headers["Content-Type"] and headers["Content-Type"].endswith("; charset=utf-8")
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/en/_static/", "/en/_static", "/ru/_static/"])
def test_no_folder_is_listed(server, path):
    status, _, body = get(server, path)
    assert status in (301, 404) and b"Directory listing" not in body
    if status == 301:
        assert get(server, path + "/")[0] == 404


@pytest.mark.parametrize("path", ["/.nojekyll", "/.inputs-sha256", "/en/.buildinfo", "/en/%2Ebuildinfo"])
def test_no_dotfile_is_served(server, built_site, path):
    assert any(p.name.startswith(".") for p in built_site.rglob(".*"))
    assert get(server, path)[0] == 404


def test_a_nul_in_the_address_gets_a_message(server, capfd):
    status, headers, body = get(server, "/%00")
    assert status == 400 and b"NUL" in body
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "Traceback" not in capfd.readouterr().err
    assert get(server, "/en/index.html")[0] == 200  # and the server goes on


def test_a_busy_port_gets_a_message(built_site, tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        done = subprocess.run([sys.executable, "-m", "book", "serve", "--port", str(port), "--out", str(built_site.parent)],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        taken.close()
    assert done.returncode == 1
    assert f"port {port}" in done.stderr and "already in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_fifty_readers_at_once_all_get_their_pages(server):
    """50 readers connect at the same moment; every one gets the page (a stall of a few seconds,
    as with a listen backlog of 5, fails the generous per-request timeout)."""
    barrier = threading.Barrier(50)

    def reader(_):
        barrier.wait(timeout=30)
        return get(server, "/en/distinctions.html", timeout=10)[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(reader, range(50)))
    assert statuses == [200] * 50


def test_readers_arriving_while_the_server_is_busy_are_queued_not_dropped(built_site):
    """While the server is not accepting (busy), 50 readers connecting at once are all taken into
    the listen queue at once (with Python's default backlog of 5 the kernel drops the rest, and
    they wait one to many seconds for a retry); then every one gets the page."""
    import select
    from book.serve import make_server
    srv = make_server(built_site, port=0)  # listening, not yet accepting
    socks, thread = [], None
    try:
        for _ in range(50):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(srv.server_address)
            socks.append(s)
        _, connected, _ = select.select([], socks, [], 0.5)  # the kernel's first retry is after 1 s
        assert len(connected) == 50
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        for s in socks:
            s.setblocking(True)
            s.settimeout(30)
            s.sendall(b"GET /en/index.html HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        for s in socks:
            assert s.recv(64).startswith(b"HTTP/1.0 200")
    finally:
        for s in socks:
            s.close()
        if thread:
            srv.shutdown()
        srv.server_close()
