"""The room: anonymous live answers from participants' phones, on the trainer's own machine.

A small tornado server that runs on the event loop it is started from: a notebook kernel's
(ipykernel runs an asyncio loop in its main thread) or the one `python -m book room` runs. It is
the one place the project listens beyond this machine, so it binds only to the address the
trainer names (loopback unless told), and everything under it is behind an unguessable token:

    GET  /<token>/                 choose a language (each named in itself: English / Русский)
    GET  /<token>/<lang>           the participant page, /<token>/en, /<token>/ru (static/room.js, room.css; the theme's
                                   manual.css and exit.js), strict CSP, no inline code
    POST /<token>/join             -> {"device": random token}: held only in the page's memory
    GET  /<token>/events?device=…&lang=…   server-sent events: the current question, its phase
                                   (open, closed, revealed) and, once revealed, the answer
    POST /<token>/answer?lang=…    {"device", "round", "answer"} -> a count, nothing more

Private by construction: no names and no cookies; the server keeps which device tokens answered
the current round (to refuse a second answer) and how many chose each answer, never who chose
what; no access log, no address in any log line; nothing is written to disk. Bad input gets an
HTTP status and a message in the participant's language (book/i18n), and the room goes on.
"""
from __future__ import annotations

import json
import secrets
import socket
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from book.assets import minified
from book.bank import default_bank
from book.grading import answer_key
from book.i18n import t
from book.labels import (
    expected_label,
    lettered,
    meaning_letters,
    option_label,
    option_letters,
    part_choices,
    part_letters,
)
from book.languages import LANGUAGES, SOURCE, check_language
from book.model import Bank, Question
from book.project import Project

if TYPE_CHECKING:  # tornado is imported when a room opens (book.room_server)
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import PeriodicCallback

ANSWERABLE = ("single", "multiple", "truefalse", "scenario", "matching")
PHASES = ("waiting", "open", "closed", "revealed")
MAX_BODY = 2048                 # an answer is a few hundred bytes; more gets 413 and a message
SERVER_MAX_BODY = 16 * 1024     # past this tornado itself answers 400 and drops the connection
MAX_DEVICES = 1000              # phones that may join one room
DEVICE_RATE = (10, 2.0)         # per device: a burst of 10 requests, then 2 a second
JOIN_RATE = (400, 100.0)        # joins, all devices together
HEARTBEAT_SECONDS = 20          # a comment on every stream, so phones and hotspots keep it open
CLOSE_GRACE_SECONDS = 5         # after close(), phones are told (410) before the port is let go

# The participant page's strings (both pages carry their own language's).
PAGE_STRINGS = (
    "room_title", "room_code", "room_waiting", "room_connecting", "room_reconnecting", "room_send",
    "room_sent", "room_answers_closed", "room_the_answer", "room_yours_right", "room_yours_different",
    "room_yours_none", "room_closed", "room_private", "select_all", "choose_meaning", "answer_all",
    "choose_first", "room_question", "room_offline",
)
STATIC = {"room.js": "application/javascript", "room.css": "text/css"}
THEME_STATIC = {"manual.css": "text/css", "exit.js": "application/javascript"}
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class RoomError(ValueError):
    """Something the trainer asked of the room cannot be done; the message says why."""


# --- what phones see ---------------------------------------------------------------------------

def question_payload(question: Question, lang: str) -> dict[str, Any]:
    """The question as a phone shows it: a list of parts, each a set of choices, in `lang`.

    single/truefalse: one part, pick one; multiple: one part, pick any; scenario: one part per
    element and the verdict; matching: one part per term, pick its meaning. The answer a phone
    sends has the same shape: a key, a list of keys, or {part: key}.
    """
    q, kind = question, question.type
    if kind in ("single", "truefalse", "multiple"):
        parts = [{"key": "", "pick": "many" if kind == "multiple" else "one", "label": "",
                  "hint": t(lang, "select_all") if kind == "multiple" else "",
                  "choices": _lettered([(o.key, option_label(q, o, lang)) for o in q.display_options()], lang)}]
    elif kind == "scenario":
        parts = [{"key": o.key, "pick": "one", "label": t(lang, f"element_{o.key}"), "hint": "",
                  "choices": _lettered(part_choices(o.key, lang), lang)} for o in q.options]
    elif kind == "matching":
        meanings = _lettered([(m.key, m.match[lang]) for m in q.display_meanings()], lang)
        parts = [{"key": o.key, "pick": "select", "label": o.text[lang], "hint": "", "choices": meanings}
                 for o in q.terms()]
    else:
        raise RoomError(t(lang, "room_cannot_ask", qid=q.id, type=kind))
    return {"id": q.id, "type": kind, "text": q.text[lang], "parts": parts}


def _lettered(choices, lang: str) -> list[list[str]]:
    """[[key, "A. label"], …]: the letters every view of the manual shows (book.labels.letter)."""
    return [[key, text] for (key, _), text in zip(choices, lettered([label for _, label in choices], lang))]


def expected_answer(question: Question) -> Any:
    """The right answer, in the shape a phone sends its own (from book.grading's answer key)."""
    key = answer_key(question)
    if question.type in ("single", "truefalse"):
        return key["correct"][0]
    if question.type == "multiple":
        return sorted(key["correct"])
    return key["pairs"] if question.type == "matching" else key


def reveal_payload(question: Question, lang: str) -> dict[str, Any]:
    """The right answer and why, line by line, in `lang`."""
    q = question
    if q.type in ("single", "truefalse", "multiple"):
        letters = option_letters(q, lang)
        lines = [t(lang, "room_option_right" if o.correct else "room_option_wrong",
                   option=f"{letters[o.key]}. {option_label(q, o, lang)}", why=o.feedback[lang]).strip()
                 for o in q.display_options()]
    elif q.type == "scenario":
        lines = [f"{t(lang, f'part_{o.key}')}: {part_letters(o.key, lang)[o.answer]}. {expected_label(o, lang)}"
                 f" — {o.feedback[lang]}".strip(" —") for o in q.options]
    else:
        letters = meaning_letters(q, lang)
        lines = [f"{o.text[lang]} — {letters[o.key]}. {o.match[lang]}. {o.feedback[lang]}".strip() for o in q.terms()]
    return {"expected": expected_answer(q), "lines": lines, "explanation": q.feedback[lang]}


# --- checking an answer ------------------------------------------------------------------------

class BadAnswer(ValueError):
    def __init__(self, status: int, key: str):
        super().__init__(key)
        self.status, self.key = status, key


def _part_values(question: Question) -> dict[str, set[str]]:
    """For scenario and matching: each part's key and the values it takes."""
    if question.type == "scenario":
        return {o.key: {v for v, _ in part_choices(o.key, LANGUAGES[0])} for o in question.options}
    keys = {o.key for o in question.options}  # spare meanings included: offered, never right
    return {o.key: keys for o in question.terms()}


def check_answer(question: Question, answer: Any) -> list[str]:
    """The count keys an answer adds one to; raises BadAnswer (422 unknown option, 400 wrong shape)."""
    keys = {o.key for o in question.options}
    if question.type in ("single", "truefalse"):
        if not isinstance(answer, str):
            raise BadAnswer(400, "room_malformed")
        if answer not in keys:
            raise BadAnswer(422, "room_unknown_option")
        return [answer]
    if question.type == "multiple":
        if not isinstance(answer, list) or not all(isinstance(k, str) for k in answer):
            raise BadAnswer(400, "room_malformed")
        if not answer:
            raise BadAnswer(422, "room_incomplete")
        if set(answer) - keys:
            raise BadAnswer(422, "room_unknown_option")
        if len(set(answer)) != len(answer):
            raise BadAnswer(400, "room_malformed")
        return sorted(answer)
    parts = _part_values(question)
    if not isinstance(answer, dict) or not all(isinstance(v, str) for v in answer.values()):
        raise BadAnswer(400, "room_malformed")
    if set(answer) - set(parts):
        raise BadAnswer(422, "room_unknown_option")
    if set(parts) - {p for p, v in answer.items() if v}:
        raise BadAnswer(422, "room_incomplete")
    if any(value not in parts[part] for part, value in answer.items()):
        raise BadAnswer(422, "room_unknown_option")
    return [f"{part}={value}" for part, value in answer.items()]


# --- the room's state --------------------------------------------------------------------------

@dataclass
class Round:
    """One question asked of the room. `answered` holds device tokens, never what they chose."""
    number: int
    question: Question
    phase: str = "open"
    counts: Counter = field(default_factory=Counter)
    answers: int = 0
    answered: set[str] = field(default_factory=set)

    def stop_answers(self) -> None:
        """No more answers: and no need to remember which devices answered."""
        if self.phase == "open":
            self.phase = "closed"
        self.answered.clear()


class Bucket:
    """A token bucket: `take()` is False when requests come faster than the rate allows."""

    def __init__(self, burst: int, per_second: float):
        self.burst, self.rate = burst, per_second
        self.tokens, self.stamp = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def network_addresses() -> list[tuple[str, str]]:
    """(interface, IPv4 address) of each network this machine is on, loopback first."""
    import psutil  # comes with ipykernel
    found = [(name, a.address) for name, addrs in psutil.net_if_addrs().items()
             for a in addrs if a.family == socket.AF_INET]
    return sorted(found, key=lambda item: (not item[1].startswith("127."), item[0]))


def resolve_address(network: str | None, lang: str = SOURCE) -> str:
    """The IPv4 address to listen on: loopback when none is named; else an address of this
    machine, or the name of one of its interfaces (e.g. wlan0)."""
    if not network:
        return "127.0.0.1"
    known = network_addresses()
    for name, address in known:
        if network in (name, address):
            return address
    listed = ", ".join(f"{name} {address}" for name, address in known)
    raise RoomError(t(lang, "room_no_such_network", network=network, networks=listed))


def quick_exit_url() -> str:
    """The neutral page the quick exit goes to: the site's own setting in _config.yml."""
    try:
        import yaml
        config = yaml.safe_load(Project.current().config.read_text(encoding="utf-8"))
        return config["sphinx"]["config"]["manual_quick_exit_url"]
    except (OSError, KeyError, TypeError):
        return "https://www.wikipedia.org/"


class Room:
    """The room's state and its server. Trainer-side calls (ask, close_question, reveal, close)
    and participants' requests run on the same event loop; `listeners` are called after every
    change (a new question, an answer, a phase) with the current Round."""

    def __init__(self, bank: Bank | None = None, network: str | None = None, port: int = 0,
                 lang: str = SOURCE):
        self.lang = check_language(lang)
        self.bank = bank or default_bank()
        self.address = resolve_address(network, self.lang)
        self.requested_port = port
        self.port: int | None = None
        self.token = secrets.token_urlsafe(16)
        self.code = f"{secrets.randbelow(9000) + 1000}"
        self.devices: dict[str, Bucket] = {}
        self.streams: set = set()
        self.round: Round | None = None
        self.rounds: list[Round] = []
        self.closed = False
        self.listeners: list[Callable[[Round | None], None]] = []
        self.joins = Bucket(*JOIN_RATE)
        self._server: HTTPServer | None = None
        self._heartbeat: PeriodicCallback | None = None
        self._messages: dict[str, str] = {}
        self.page = {name: minified(name) for name in STATIC}
        theme = Path(__file__).parent / "theme" / "manual" / "static"
        self.page.update({name: (theme / name).read_text(encoding="utf-8") for name in THEME_STATIC})
        self.exit_url = quick_exit_url()

    # -- starting and stopping --
    def start(self) -> Room:
        from book.room_server import start_server
        try:
            self._server, self.port = start_server(self)
        except OSError as exc:  # the port is taken, or the address went away
            raise RoomError(t(self.lang, "room_cannot_listen", address=self.address, port=self.requested_port,
                              reason=exc.strerror or exc)) from None
        return self

    @property
    def join_url(self) -> str:
        return f"http://{self.address}:{self.port}/{self.token}/"

    @property
    def local_only(self) -> bool:
        return self.address.startswith("127.")

    def close(self) -> None:
        """Close the room: phones are told at once; the port is let go a few seconds later (until
        then every request gets 410 and a message). Closing twice does nothing."""
        if self.closed:
            return
        self.closed = True
        if self.round:
            self.round.stop_answers()
        self._broadcast("closed", {})
        for stream in list(self.streams):
            stream.end()
        self._notify()
        from tornado.ioloop import IOLoop
        IOLoop.current().call_later(CLOSE_GRACE_SECONDS, self.stop)

    def stop(self) -> None:
        """Stop listening now (close() calls this after its grace period)."""
        self.closed = True
        if self._heartbeat is not None:
            self._heartbeat.stop()
            self._heartbeat = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        for stream in list(self.streams):
            stream.end()
        self.devices.clear()

    @property
    def listening(self) -> bool:
        return self._server is not None

    # -- the trainer's side --
    def question(self, question_id: str) -> Question:
        found = next((q for q in self.bank.questions if q.id == question_id), None)
        if found is None:
            raise RoomError(t(self.lang, "tally_no_question", qid=question_id))
        if found.type not in ANSWERABLE:
            raise RoomError(t(self.lang, "room_cannot_ask", qid=found.id, type=found.type))
        return found

    def ask(self, question_id: str) -> Round:
        """Put a question to the room: every phone shows it at once; answers start counting."""
        if self.closed:
            raise RoomError(t(self.lang, "room_closed"))
        question = self.question(question_id)
        if self.round:
            self.round.stop_answers()
        self.round = Round(len(self.rounds) + 1, question)
        self.rounds.append(self.round)
        self._send_state()
        return self.round

    def close_question(self) -> Round:
        """Stop taking answers to the current question (phones say so)."""
        current = self._current()
        if current.phase == "open":
            current.stop_answers()
            self._send_state()
        return current

    def reveal(self) -> Round:
        """Show the right answer and the explanation on every phone, each in its language."""
        current = self._current()
        current.stop_answers()
        current.phase = "revealed"
        self._send_state()
        return current

    def _current(self) -> Round:
        if self.closed:
            raise RoomError(t(self.lang, "room_closed"))
        if self.round is None:
            raise RoomError(t(self.lang, "room_nothing_asked"))
        return self.round

    # -- participants' side (called by the handlers in book.room_server) --
    def join(self) -> str:
        if len(self.devices) >= MAX_DEVICES:
            raise BadAnswer(503, "room_full")
        if not self.joins.take():
            raise BadAnswer(429, "room_too_fast")
        device = secrets.token_urlsafe(16)
        self.devices[device] = Bucket(*DEVICE_RATE)
        return device

    def device_request(self, device: Any) -> None:
        """A request from a device: known, and not too fast (403, 429)."""
        bucket = self.devices.get(device) if isinstance(device, str) else None
        if bucket is None:
            raise BadAnswer(403, "room_unknown_device")
        if not bucket.take():
            raise BadAnswer(429, "room_too_fast")

    def answer(self, device: Any, round_number: Any, answer: Any) -> Round:
        self.device_request(device)
        current = self.round
        if isinstance(round_number, bool) or not isinstance(round_number, int):
            raise BadAnswer(400, "room_malformed")
        if current is None or round_number != current.number:
            raise BadAnswer(409, "room_stale")
        if current.phase != "open":
            raise BadAnswer(409, "room_answers_closed")
        if device in current.answered:
            raise BadAnswer(409, "room_twice")
        keys = check_answer(current.question, answer)
        current.answered.add(device)
        current.answers += 1
        current.counts.update(keys)
        self._notify()
        return current

    def state_message(self, lang: str) -> str:
        if self.closed:
            return ""
        if self.round is None:
            return json.dumps({"round": 0, "phase": "waiting"})
        return self._messages[lang]

    # -- pushing to phones --
    def _state(self, lang: str) -> dict[str, Any]:
        r = self.round
        if r is None:
            return {"round": 0, "phase": "waiting"}
        state = {"round": r.number, "phase": r.phase, "question": question_payload(r.question, lang)}
        if r.phase == "revealed":
            state["reveal"] = reveal_payload(r.question, lang)
        return state

    def _send_state(self) -> None:
        # The question's text is serialised once per language per change, not once per phone.
        self._messages = {lang: json.dumps(self._state(lang), ensure_ascii=False, separators=(",", ":"))
                          for lang in LANGUAGES}
        for stream in list(self.streams):
            stream.send("state", self._messages[stream.lang])
        self._notify()

    def _broadcast(self, event: str, data: dict) -> None:
        text = json.dumps(data)
        for stream in list(self.streams):
            stream.send(event, text)

    def phones_changed(self) -> None:
        if not self.closed:
            self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener(self.round)

    # -- the session report --
    def results(self) -> list[dict[str, Any]]:
        """Each question asked, in order: its id, how many answered, the counts (no one's answer)."""
        return [{"round": r.number, "question": r.question.id, "answers": r.answers, "counts": dict(r.counts)}
                for r in self.rounds]

    def __repr__(self) -> str:
        where = self.join_url if self.port else "not started"
        return f"<room {self.code} at {where}{' (closed)' if self.closed else ''}>"


def listening_text(room: Room, lang: str, how=lambda name: f'open_room("{name}")') -> str:
    """What the trainer must know about where the room listens; `how` says how to open it on a
    network (the notebook's call or the command's option)."""
    if room.local_only:
        others = [f"{how(name)} ({address})" for name, address in network_addresses()
                  if not address.startswith("127.")]
        return t(lang, "room_local", choices="; ".join(others) or t(lang, "room_no_network"))
    name = next((n for n, a in network_addresses() if a == room.address), room.address)
    return t(lang, "room_listening", address=room.address, network=name)


# --- counts as the trainer sees them -----------------------------------------------------------

def room_table(question: Question, counts: Counter | dict, answers: int, lang: str):
    """The tally's table (book.tally: key, label, count, correct, share) for a round's counts.
    Choice questions: one row per option, as the tally; scenarios: one row per answer to each
    part; matching: per term, how many matched it right and how many chose another meaning."""
    import pandas as pd

    from book.tally import choices, tally_table
    q = question
    if q.type in ("single", "multiple", "truefalse"):
        return tally_table(q, {key: counts.get(key, 0) for key, _, _ in choices(q, lang)}, lang)
    rows = []
    if q.type == "scenario":
        for o in q.options:
            for value, label in _lettered(part_choices(o.key, lang), lang):
                rows.append({"key": f"{o.key}={value}", "count": counts.get(f"{o.key}={value}", 0),
                             "label": t(lang, "room_scenario_answers", part=t(lang, f"part_{o.key}"), choice=label),
                             "correct": value == o.answer})
    else:
        letters = meaning_letters(q, lang)
        for o in q.terms():
            right = counts.get(f"{o.key}={o.key}", 0)
            rows.append({"key": f"{o.key}={o.key}", "count": right, "correct": True,
                         "label": t(lang, "room_matching_right", term=o.text[lang],
                                    meaning=f"{letters[o.key]}. {o.match[lang]}")})
            rows.append({"key": f"{o.key}!", "count": answers - right, "correct": False,
                         "label": t(lang, "room_matching_wrong", term=o.text[lang])})
    df = pd.DataFrame(rows, columns=["key", "label", "count", "correct"])
    df["share"] = (df["count"] / answers * 100).round(1) if answers else 0.0
    return df


_open: list[Room] = []


class RoomProblem:
    """What open_room() gives when the room cannot open: the reason, shown in the notebook; any
    use of it (room.ask…) raises the same reason."""

    def __init__(self, message: str):
        self.message = message

    def _repr_html_(self) -> str:
        from html import escape
        return f'<p class="mq-room-error" role="alert"><strong>{escape(self.message)}</strong></p>'

    def __repr__(self) -> str:
        return self.message

    def __getattr__(self, name: str):
        if name.startswith("_"):  # IPython's display looks for _repr_*_ and _ipython_*_ methods
            raise AttributeError(name)
        raise RoomError(self.message)


def open_room_function(lang: str):
    check_language(lang)

    def open_room(network: str | None = None, port: int = 0):
        """Open the room for anonymous answers from phones: open_room() on this computer only
        (to try it), open_room("wlan0") or open_room("192.168.1.10") on the network the group
        shares. Shows the join address, a QR code and the room code; room.ask("question-id")
        puts a question to the room. One room per notebook: opening another closes this one."""
        from book.room_widget import RoomView  # ipywidgets and pandas only when a room is opened
        for old in _open:
            old.stop()
        _open.clear()
        try:
            room = Room(network=network, port=port, lang=lang).start()
            _open.append(room)
            shown: RoomView | RoomProblem = RoomView(room)
        except RoomError as exc:  # an unknown network, a port in use: a message, not a traceback
            shown = RoomProblem(str(exc))
        try:
            from IPython import get_ipython
            from IPython.display import display
            if get_ipython() is not None:
                display(shown)
        except ImportError:
            pass
        return shown

    open_room.__qualname__ = open_room.__name__ = "open_room"
    return open_room

