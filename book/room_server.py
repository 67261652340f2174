"""The room's HTTP side (tornado): the participant page, joining, the event stream, answers.

Every route is under the room's token; anything else is a bare 404. Tornado's access log is
off and its per-connection messages (which name the client's address) are dropped, so no
address is ever logged. See book.room for what the room keeps.
"""
from __future__ import annotations

import asyncio
import json
import logging
import secrets
import socket
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from book.i18n import catalog, t
from book.languages import LANGUAGES, NATIVE_NAMES
from book.room import (
    HEARTBEAT_SECONDS,
    MAX_BODY,
    MAX_DEVICES,
    PAGE_STRINGS,
    SECURITY_HEADERS,
    SERVER_MAX_BODY,
    STATIC,
    THEME_STATIC,
    BadAnswer,
    Room,
)

TEMPLATES = Path(__file__).parent / "templates"


class _NoAddresses(logging.Filter):
    """Drop tornado's per-connection log lines (they name the client's address)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.module not in ("http1connection", "iostream", "httpserver", "web")


def _quiet_tornado_logs() -> None:
    for name in ("tornado.access", "tornado.general", "tornado.application"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NoAddresses) for f in logger.filters):
            logger.addFilter(_NoAddresses())


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       auto_reload=False)


def _lang(value: str | None) -> str:
    return value if value in LANGUAGES else LANGUAGES[0]


class Base(RequestHandler):
    room: Room

    def initialize(self, room: Room) -> None:
        self.room = room

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def prepare(self) -> None:
        token = self.path_args[0] if self.path_args else ""
        if not secrets.compare_digest(token.encode(), self.room.token.encode()):
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Not found")
            return
        if self.room.closed:
            self.fail(410, "room_closed")

    @property
    def lang(self) -> str:
        return _lang(self.get_query_argument("lang", None))

    def fail(self, status: int, key: str) -> None:
        """A clear status and a message in the participant's language; the room is unaffected."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": key, "message": t(self.lang, key)}, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs) -> None:
        key = {405: "room_malformed", 404: "room_malformed"}.get(status_code, "room_error")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": key, "message": t(self.lang, key)}, ensure_ascii=False))

    def log_exception(self, typ, value, tb) -> None:  # tornado's own names the client's address
        if not isinstance(value, Exception) or getattr(value, "status_code", 500) >= 500:
            logging.getLogger("book.room").error("room: request failed", exc_info=(typ, value, tb))


class RoomPage(Base):
    """The participant page: choosing a language, or the room in one."""

    def render_page(self, page: str, lang: str) -> None:
        room = self.room
        strings = catalog(lang)
        html = _templates().get_template("room.html").render(
            page=page, lang=lang, t=lambda key, **v: t(lang, key, **v), code=room.code,
            languages=[(code, NATIVE_NAMES[code], t(code, "room_choose")) for code in LANGUAGES],
            exit_url=room.exit_url, exit_strings=json.dumps(
                {"press2": strings["exit_press2"], "press1": strings["exit_press1"],
                 "leaving": strings["exit_leaving"]},
                ensure_ascii=False),
            strings=json.dumps({k: strings[k] for k in PAGE_STRINGS}, ensure_ascii=False))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html)


class ChooseLanguage(RoomPage):
    def get(self, token: str) -> None:
        self.render_page("choose", LANGUAGES[0])


class Page(RoomPage):
    def get(self, token: str, lang: str) -> None:
        self.render_page("room", lang)


class Asset(Base):
    def get(self, token: str, name: str) -> None:
        self.set_header("Content-Type", f"{({**STATIC, **THEME_STATIC})[name]}; charset=utf-8")
        self.finish(self.room.page[name])


class Join(Base):
    def post(self, token: str) -> None:
        try:
            device = self.room.join()
        except BadAnswer as exc:
            return self.fail(exc.status, exc.key)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"device": device, "code": self.room.code}))


class Answer(Base):
    def post(self, token: str) -> None:
        if len(self.request.body) > MAX_BODY:
            return self.fail(413, "room_too_big")
        try:
            body = json.loads(self.request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.fail(400, "room_malformed")
        if not isinstance(body, dict) or set(body) != {"device", "round", "answer"}:
            return self.fail(400, "room_malformed")
        try:
            self.room.answer(body["device"], body["round"], body["answer"])
        except BadAnswer as exc:
            return self.fail(exc.status, exc.key)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"ok": True, "message": t(self.lang, "room_sent")}, ensure_ascii=False))


class Events(Base):
    """Server-sent events: `state` on every change (the question, its phase, the answer once
    revealed), `closed` when the room closes. One stream per device."""

    async def get(self, token: str) -> None:
        device = self.get_query_argument("device", "")
        try:
            self.room.device_request(device)
        except BadAnswer as exc:
            return self.fail(exc.status, exc.key)
        if len(self.room.streams) >= MAX_DEVICES:
            return self.fail(503, "room_full")
        for other in [s for s in self.room.streams if s.device == device]:
            other.end()
        self.device, self.stream_lang = device, self.lang
        self.done = asyncio.Event()
        self.set_header("Content-Type", "text/event-stream; charset=utf-8")
        self.room.streams.add(self)
        self.room.phones_changed()
        try:
            self.write("retry: 2000\n\n")
            self.send("state", self.room.state_message(self.stream_lang))
            await self.done.wait()
        finally:
            self.room.streams.discard(self)
            self.room.phones_changed()

    @property
    def lang(self) -> str:
        return getattr(self, "stream_lang", None) or super().lang

    def send(self, event: str, data: str) -> None:
        self._push(f"event: {event}\ndata: {data}\n\n")

    def comment(self) -> None:
        self._push(": still here\n\n")

    def _push(self, text: str) -> None:
        if self.done.is_set():
            return
        self.write(text)
        # A phone that went away fails its write; that is the end of its stream, not an error.
        def ended(written) -> None:
            if written.exception():
                self.done.set()
        self.flush().add_done_callback(ended)

    def end(self) -> None:
        self.done.set()

    def on_connection_close(self) -> None:
        if hasattr(self, "done"):
            self.done.set()


class NotFound(RequestHandler):
    def set_default_headers(self) -> None:
        self.clear_header("Server")
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def prepare(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("Not found")


def make_app(room: Room) -> Application:
    langs = "|".join(LANGUAGES)
    assets = "|".join(name.replace(".", r"\.") for name in (*STATIC, *THEME_STATIC))
    args = {"room": room}
    return Application([
        (r"/([^/]+)/", ChooseLanguage, args),
        (rf"/([^/]+)/({langs})", Page, args),
        (rf"/([^/]+)/({assets})", Asset, args),
        (r"/([^/]+)/join", Join, args),
        (r"/([^/]+)/events", Events, args),
        (r"/([^/]+)/answer", Answer, args),
    ], default_handler_class=NotFound, log_function=lambda handler: None, compress_response=False,
        xsrf_cookies=False)


def start_server(room: Room) -> tuple[HTTPServer, int]:
    """Listen on the room's address only (IPv4), on the current event loop."""
    _quiet_tornado_logs()
    server = HTTPServer(make_app(room), max_body_size=SERVER_MAX_BODY, max_header_size=8 * 1024,
                        idle_connection_timeout=60, body_timeout=10)
    sockets = bind_sockets(room.requested_port, address=room.address, family=socket.AF_INET)
    server.add_sockets(sockets)
    def heartbeat() -> None:
        for stream in list(room.streams):
            stream.comment()
    room._heartbeat = PeriodicCallback(heartbeat, HEARTBEAT_SECONDS * 1000)
    room._heartbeat.start()
    return server, sockets[0].getsockname()[1]
