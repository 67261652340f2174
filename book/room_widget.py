"""The trainer's view of the room in the live notebook: what open_room() shows and returns.

It says where the room listens, shows the join address, a QR code (drawn here by segno) and the
room code; a question picker with buttons to ask, close answers, show the answer and close the
room; and the counts as the tally draws them (book.tally), updating as answers arrive. Its state
is in traits (question, phase, answers, phones, counts), so tests drive it without a browser.
Counts update at once. The chart is redrawn when answers pause (half a second), or every three
seconds while they keep coming, in a thread of its own (drawer()): a chart takes matplotlib a
tenth of a second or more, and counting answers should not wait for it.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from html import escape

import ipywidgets as widgets
import traitlets
from tornado.ioloop import IOLoop

from book.i18n import t
from book.room import ANSWERABLE, Room, Round, listening_text, room_table
from book.tally import Tally, chart_png, tally_html

QUIET = 0.5      # the chart is redrawn when no answer came for this long (seconds) ...
LONGEST = 3.0    # ... or when it is this old while answers keep coming
AUTO = widgets.Layout(width="auto")


def qr_data_uri(url: str) -> str:
    import segno
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


class RoomTally(Tally):
    """The tally's view of a round's counts, for questions the hand tally does not take as well."""

    def __init__(self, question, table, lang: str):  # not Tally's __init__, which parses typed counts
        self.lang, self.question, self.table, self.error = lang, question, table, None


def counts_html(question, counts: dict, answers: int, revealed: bool, lang: str) -> str:
    """While answers come in: the table and chart without the right answer (the screen may be
    projected); once revealed, the tally's own view with the answer and the explanation."""
    df = room_table(question, counts, answers, lang)
    if revealed:
        return RoomTally(question, df, lang)._repr_html_()
    shown = df[["label", "count", "share"]].copy()
    shown.columns = [t(lang, "tally_answer"), t(lang, "tally_people"), "%"]
    return tally_html(lang, question=question.text[lang], table=shown, png=chart_png(df.assign(correct=False), lang))


_drawer: ThreadPoolExecutor | None = None


def _warm_up(lang: str) -> None:
    """Draw one chart nobody sees: matplotlib's first chart in a process (fonts, caches) takes
    many times longer than the next, and it had better not fall in the first answers."""
    import pandas as pd
    chart_png(pd.DataFrame({"label": ["-"], "count": [0], "correct": [False]}), lang)


def drawer() -> ThreadPoolExecutor:
    """One thread that draws charts while answers arrive, so the event loop that counts them
    (and the kernel's) is never held up by matplotlib."""
    global _drawer
    if _drawer is None:
        _drawer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="room-chart")
    return _drawer


class RoomView(widgets.VBox):
    code = traitlets.Unicode(help="the short room code phones show")
    join_url = traitlets.Unicode(help="the address phones open (with the room's token)")
    question = traitlets.Unicode("", help="id of the question asked")
    phase = traitlets.Unicode("waiting", help="waiting | open | closed | revealed | shut")
    answers = traitlets.Int(0, help="answers to the current question")
    phones = traitlets.Int(0, help="phones connected now")
    counts = traitlets.Dict(help="answers counted so far, by answer key")
    message = traitlets.Unicode("", help="the last problem with what the trainer asked")

    def __init__(self, room: Room):
        self.room, lang = room, room.lang
        self.lang = lang
        self.askable = [q for q in room.bank.questions if q.type in ANSWERABLE]
        quizzes = list(dict.fromkeys(q.quiz for q in self.askable))
        self.quiz_picker = widgets.Dropdown(options=[(t(lang, "room_all_quizzes"), "")] + [(q, q) for q in quizzes],
                                            value="", description=t(lang, "room_quiz"), layout=AUTO)
        self.picker = widgets.Dropdown(description=t(lang, "room_pick"), layout=widgets.Layout(width="100%"))
        self.quiz_picker.observe(lambda _change: self._list_questions(), names="value")
        self._list_questions()
        self.ask_button = widgets.Button(description=t(lang, "room_ask"), button_style="primary", layout=AUTO)
        self.close_button = widgets.Button(description=t(lang, "room_close_answers"), layout=AUTO)
        self.reveal_button = widgets.Button(description=t(lang, "room_reveal"), layout=AUTO)
        self.shut_button = widgets.Button(description=t(lang, "room_close"), button_style="danger", layout=AUTO)
        self.ask_button.on_click(lambda _b: self.ask(self.picker.value))
        self.close_button.on_click(lambda _b: self.close_question())
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.shut_button.on_click(lambda _b: self.close_room())
        self.status = widgets.HTML()
        self.chart = widgets.HTML()
        self.intro = widgets.HTML(self._intro_html())
        super().__init__([self.intro, self.quiz_picker, self.picker,
                          widgets.HBox([self.ask_button, self.close_button, self.reveal_button, self.shut_button]),
                          self.status, self.chart])
        self.add_class("mq-room")
        self.code, self.join_url = room.code, room.join_url
        self._drawn_at, self._last_answer, self._generation = 0.0, 0.0, 0
        self._draw_pending = self._drawing = self._redraw = False
        room.listeners.append(self._changed)
        self._changed(room.round)
        drawer().submit(_warm_up, lang)  # while phones join

    def _list_questions(self) -> None:
        """The question list, narrowed to one quiz when one is chosen."""
        quiz = self.quiz_picker.value
        self.picker.options = [(f"{q.quiz} · {q.text[self.lang][:70]}", q.id)
                               for q in self.askable if not quiz or q.quiz == quiz]

    def _intro_html(self) -> str:
        room, lang = self.room, self.lang
        return (f'<div class="mq-room-intro"><p role="note"><strong>{escape(listening_text(room, lang))}</strong></p>'
                f'<p>{escape(t(lang, "room_join"))} <code>{escape(room.join_url)}</code></p>'
                f'<p><img src="{qr_data_uri(room.join_url)}" alt="{escape(t(lang, "room_qr_alt"))}" width="240"></p>'
                f'<p style="font-size:1.6em"><strong>{escape(t(lang, "room_code_trainer", code=room.code))}'
                '</strong></p></div>')

    # -- the trainer's actions (the buttons call these too) --
    def _try(self, action, *args):
        from book.room import RoomError
        try:
            self.message = ""
            return action(*args)
        except RoomError as exc:
            self.message = str(exc)
            self._show_status()
            return None

    def ask(self, question_id: str) -> None:
        """Put a question to the room; phones show it at once."""
        if self._try(self.room.ask, question_id) is not None:
            if question_id not in {v for _, v in self.picker.options}:
                self.quiz_picker.value = ""
            self.picker.value = question_id
            self._generation += 1  # an older chart still being drawn is not shown
            self.chart.value, self._drawn_at = "", time.monotonic()
            self._schedule_draw()  # the empty chart, unless answers come at once

    def close_question(self) -> None:
        """Stop taking answers to the current question."""
        if self._try(self.room.close_question) is not None:
            self._draw()

    def reveal(self) -> None:
        """Show the right answer and why, on every phone in its language and here."""
        if self._try(self.room.reveal) is not None:
            self._draw()

    def close_room(self) -> None:
        """Close the room: phones are told; the port is let go a few seconds later. (Not
        `close`: that is ipywidgets' own, which removes the widget.)"""
        self.room.close()
        self.phase = "shut"
        self._show_status()

    def results(self) -> list[dict]:
        """Each question asked: how many answered and the counts (nothing about who)."""
        return self.room.results()

    def report(self):
        """The session's counts as one table (pandas), for the session report."""
        import pandas as pd
        frames = []
        for r in self.room.rounds:
            df = room_table(r.question, r.counts, r.answers, self.lang)
            frames.append(df.assign(question=r.question.id, answers=r.answers)[
                ["question", "answers", "label", "count", "share", "correct"]])
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
            columns=["question", "answers", "label", "count", "share", "correct"])

    # -- keeping the view up to date --
    def _changed(self, r: Round | None) -> None:
        room = self.room
        self.phones = len(room.streams)
        if room.closed:
            self.phase = "shut"
        if r is None:
            self._show_status()
            return
        new_round = r.question.id != self.question or r.answers < self.answers
        more = r.answers != self.answers
        self.question = r.question.id
        if not room.closed:
            self.phase = r.phase
        self.answers = r.answers
        self.counts = dict(r.counts)
        self._show_status()
        if more and not new_round:
            self._schedule_draw()

    def _show_status(self) -> None:
        lang = self.lang
        count = t(lang, "room_count", answers=self.answers, phones=self.phones)
        text = t(lang, f"room_phase_{self.phase}") + " — " + count
        problem = f'<p role="alert"><strong>{escape(self.message)}</strong></p>' if self.message else ""
        self.status.value = f'<p role="status">{escape(text)}</p>{problem}'

    def _schedule_draw(self) -> None:
        self._last_answer = time.monotonic()
        if not self._draw_pending:
            self._draw_pending = True
            IOLoop.current().call_later(QUIET, self._draw_when_quiet)

    def _draw_when_quiet(self) -> None:
        now = time.monotonic()
        wait = QUIET - (now - self._last_answer)
        if wait > 0 and now - self._drawn_at < LONGEST:
            IOLoop.current().call_later(wait, self._draw_when_quiet)
            return
        self._draw_pending = False
        self._draw_in_background()

    def _snapshot(self):
        r = self.room.round
        return (r.question, dict(r.counts), r.answers, r.phase == "revealed", self.lang)

    def _draw(self) -> None:
        """Draw now (after the trainer's own actions: ask, close, reveal)."""
        self._generation += 1
        if self.room.round is not None:
            self.chart.value = counts_html(*self._snapshot())

    def _draw_in_background(self) -> None:
        if self.room.round is None:
            return
        if self._drawing:  # one chart at a time; the next answer schedules the next
            self._redraw = True
            return
        self._drawing, generation = True, self._generation
        future = drawer().submit(counts_html, *self._snapshot())
        IOLoop.current().add_future(future, lambda done: self._drawn(done, generation))

    def _drawn(self, future, generation: int) -> None:
        self._drawing = False
        self._drawn_at = time.monotonic()
        if self._redraw:
            self._redraw = False
            self._schedule_draw()
        try:
            html = future.result()
        except Exception:  # a failed redraw leaves the last chart; the counts are in the traits
            logging.getLogger("book.room").exception("room: could not draw the counts")
            return
        if generation == self._generation:  # the trainer has not asked, closed or revealed since
            self.chart.value = html
