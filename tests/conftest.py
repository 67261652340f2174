"""Shared fixtures: a small valid bank to break, the built site, Debian's Chromium."""
from __future__ import annotations

import csv
import io
import os
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from book.bank import COLUMNS
from helpers import copy_project, serving  # noqa: F401 (the tests import copy_project from here)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def question(qid, quiz="demo", type="single", en="Is it so?", ru="Так ли это?",
             fb_en="Because the treaty says so.", fb_ru="Так сказано в договоре.", source="Protocol, Art. 3"):
    return dict(quiz=quiz, question=qid, option="", type=type, correct="", text_en=en, text_ru=ru,
                feedback_en=fb_en, feedback_ru=fb_ru, source=source)


def option(qid, key, correct, en, ru, quiz="demo"):
    return dict(quiz=quiz, question=qid, option=key, type="", correct=correct, text_en=en, text_ru=ru,
                feedback_en=f"Why {en}.", feedback_ru=f"Почему {ru}.", source="")


def good_rows() -> list[dict]:
    """A valid bank: row 2 = question q-one, rows 3-4 its options, row 5 = q-two, rows 6-7."""
    return [
        question("q-one"),
        option("q-one", "a", "yes", "Yes", "Да"),
        option("q-one", "b", "no", "No", "Нет"),
        question("q-two", en="Which one?", ru="Какой?"),
        option("q-two", "a", "no", "First", "Первый"),
        option("q-two", "b", "yes", "Second", "Второй"),
    ]


def to_csv(rows: list[dict], columns=COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def bank_dir(tmp_path) -> Path:
    folder = tmp_path / "questions"
    folder.mkdir()
    return folder


# --- the built site ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from this checkout into a temporary folder."""
    from book.website import build
    out = tmp_path_factory.mktemp("build")
    return build(ROOT, out, log=lambda *_: None)


# --- the browser ----------------------------------------------------------------------------

def _need_chromium():
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — with CI=true browser tests must run")
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over http on a free localhost port."""
    with serving(built_site) as address:
        yield address


def fixed(qid, key, correct, fb_en, fb_ru, quiz="demo"):
    """An option row of a true/false or scenario question: no text of its own."""
    return dict(option(qid, key, correct, "", "", quiz=quiz), feedback_en=fb_en, feedback_ru=fb_ru)


def typed_rows() -> list[dict]:
    """One valid question of every other type. Rows: 2 truefalse (3-4), 5 multiple (6-8),
    9 scenario (10-13), 14 matching (15-17), 18 free (19-20)."""
    return [
        question("tf", type="truefalse", en="Trafficking needs a border.", ru="Нужна граница."),
        fixed("tf", "true", "no", "No border is needed.", "Граница не нужна."),
        fixed("tf", "false", "yes", "Right: none is needed.", "Верно: не нужна."),
        dict(question("multi", type="multiple", en="Which are means?", ru="Что из этого средства?"), correct="b"),
        option("multi", "a", "yes", "Deception", "Обман"),
        option("multi", "b", "no", "A border", "Граница"),
        option("multi", "c", "yes", "Threats", "Угрозы"),
        dict(question("case", type="scenario", en="A fictional case.", ru="Вымышленный случай."), correct="sex-work"),
        fixed("case", "act", "present", "She was recruited.", "Её завербовали."),
        fixed("case", "means", "absent", "No means.", "Средств нет."),
        fixed("case", "purpose", "not-stated", "Nothing said.", "Не сказано."),
        fixed("case", "verdict", "not-enough-info", "So: not enough.", "Значит, данных мало."),
        question("terms", type="matching", en="Match the terms.", ru="Сопоставьте."),
        dict(option("terms", "a", "", "Debt bondage", "Долговая кабала"), match_en="Work to repay a debt",
             match_ru="Работа в счёт долга", feedback_en="", feedback_ru=""),
        dict(option("terms", "b", "", "Harbouring", "Укрывательство"), match_en="Keeping a person somewhere",
             match_ru="Удержание человека где-либо", feedback_en="An act.", feedback_ru="Действие."),
        dict(option("terms", "c", "", "Deception", "Обман"), match_en="A false promise",
             match_ru="Ложное обещание", feedback_en="", feedback_ru=""),
        question("reply", type="free", en="Reply to the claim.", ru="Ответьте.",
                 fb_en="A model answer.", fb_ru="Образец ответа."),
        dict(option("reply", "a", "", "Did you name the elements?", "Назвали элементы?"), feedback_en="", feedback_ru=""),
        dict(option("reply", "b", "", "Did you cite a source?", "Указали источник?"), feedback_en="", feedback_ru=""),
    ]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict]]:
    """Every start tag of `html`, in order, as (name, attributes)."""
    collector = _Tags()
    collector.feed(html)
    return collector.tags


# --- the room (book.room): a live room on loopback, on an event loop of its own ---------------

class LiveRoom:
    """A room served on 127.0.0.1 from a background thread's event loop, as a kernel serves it
    from its own. `call` runs trainer-side code on that loop (the room and its view are not
    thread-safe, as in a kernel); `view` is the trainer's widget (book.room_widget.RoomView)."""

    def __init__(self, lang: str = "en", bank=None):
        import asyncio
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        from book.room import Room
        from book.room_widget import RoomView
        self.room = self.call(lambda: Room(bank=bank, lang=lang).start())
        self.view = self.call(lambda: RoomView(self.room))
        self.url = self.room.join_url

    def call(self, fn, *args):
        import asyncio

        async def run():
            return fn(*args)
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout=30)

    def stop(self) -> None:
        self.call(self.room.stop)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture
def typed_bank(tmp_path):
    """A small valid bank with one question of every type (conftest.typed_rows and good_rows)."""
    from book.bank import load_bank
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "demo.csv").write_text(to_csv(good_rows() + typed_rows()), encoding="utf-8")
    return load_bank(folder)


@pytest.fixture
def live_room(typed_bank):
    """Open rooms with live_room(lang="en", bank=None (the small typed bank)); all stop at the end."""
    rooms = []

    def open_room(lang="en", bank=None):
        rooms.append(LiveRoom(lang, bank or typed_bank))
        return rooms[-1]
    yield open_room
    for room in rooms:
        room.stop()
