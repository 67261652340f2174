"""Group tally, for trainers presenting live: how many people in the room chose each option.

Answers are named by the letters shown beside them, in displayed order (A, B, C… in English,
А, Б, В… in Russian). In a chapter notebook: tally("question-id", A=3, B=5, C=0), or a dict of
letters (tally("question-id", {"А": 3, "Б": 5})), or the counts in the order shown
(tally("question-id", 3, 5, 0)); without typing, the "count the room" button under each live
question opens one counter per letter (book.widget). Shows a table (pandas) and a bar chart
(matplotlib, drawn on this machine) with the correct answer marked, then the explanation. Bad
input (an unknown question or letter, negative, huge or non-whole counts, too many counts) gets a
clear message in the chapter's language instead of a traceback. Nothing is stored or sent anywhere.
"""
from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from book.bank import default_bank
from book.i18n import t
from book.labels import letter, option_label, part_choices
from book.languages import check_language
from book.model import Bank, Question
from book.render_html import html_templates

if TYPE_CHECKING:
    import pandas as pd  # imported when a tally is drawn: every chapter imports this module

TALLY_TYPES = ("single", "multiple", "truefalse", "scenario")
MOST_PEOPLE = 10_000  # more than any room holds: a bigger count is a typing slip


class TallyError(ValueError):
    """A count the trainer typed cannot be used; the message says which and why."""


def choices(question: Question, lang: str) -> list[tuple[str, str, bool]]:
    """(key, label, correct) for each answer people can raise a hand for."""
    if question.type in ("single", "multiple", "truefalse"):
        return [(o.key, option_label(question, o, lang), o.correct) for o in question.display_options()]
    if question.type == "scenario":
        right = question.option("verdict").answer
        return [(v, label, v == right) for v, label in part_choices("verdict", lang)]
    raise TallyError(t(lang, "tally_type", qid=question.id, type=t(lang, f"qtype_{question.type}")))


def lettered_choices(question: Question, lang: str) -> list[tuple[str, str, str, bool]]:
    """(letter, key, label, correct) for each answer, in the order and with the letters shown."""
    rows = choices(question, lang)
    return [(letter(i, lang), key, label, right) for i, (key, label, right) in enumerate(rows)]


def counts_by_key(question: Question, lang: str, in_order: tuple = (), by_letter: Mapping[str, Any] | None = None
                  ) -> dict[str, int]:
    """The trainer's counts (in displayed order, or by letter) as whole numbers by answer key.
    A scenario's verdicts may also be named by their keys (e.g. "sex-work")."""
    rows = lettered_choices(question, lang)
    by_letter = dict(by_letter or {})
    if len(in_order) == 1 and isinstance(in_order[0], (list, tuple)):
        in_order = tuple(in_order[0])
    if in_order and by_letter:
        raise TallyError(t(lang, "tally_mixed"))
    example = ", ".join(f"{letter}={n}" for (letter, *_), n in zip(rows, (3, 5)))
    if len(in_order) > len(rows):
        raise TallyError(t(lang, "tally_too_many_counts", n=len(rows), given=len(in_order), example=example))
    if in_order:
        by_letter = {letter: value for (letter, *_), value in zip(rows, in_order)}
    if not by_letter:
        raise TallyError(t(lang, "tally_empty", qid=question.id))
    letters = {letter.casefold(): (letter, key) for letter, key, _, _ in rows}
    keys = {key: (letter, key) for letter, key, _, _ in rows if question.type == "scenario"}
    counts: dict[str, int] = {}
    for name, value in by_letter.items():
        found = letters.get(str(name).strip().casefold()) or keys.get(str(name).strip())
        if found is None:
            options = ", ".join(letters[k][0] for k in letters)
            raise TallyError(t(lang, "tally_unknown_option", key=name, options=options))
        letter, key = found
        counts[key] = _whole_number(letter, value, lang)
    return counts


def _whole_number(key: str, value: Any, lang: str) -> int:
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise TallyError(t(lang, "tally_not_number", key=key, value=repr(value)))
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise TallyError(t(lang, "tally_not_number", key=key, value=repr(value))) from None
    if not isinstance(value, Real) or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        raise TallyError(t(lang, "tally_not_number", key=key, value=repr(value)))
    if not isinstance(value, Integral) and not float(value).is_integer():
        raise TallyError(t(lang, "tally_not_number", key=key, value=repr(value)))
    count = int(value) if isinstance(value, Integral) else int(float(value))
    if count < 0:
        raise TallyError(t(lang, "tally_negative", key=key, value=count))
    if count > MOST_PEOPLE:
        raise TallyError(t(lang, "tally_too_many", key=key, value=count, limit=MOST_PEOPLE))
    return count


def tally_table(question: Question, counts: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """One row per answer, in displayed order: letter, key, label, count, share of all hands (%),
    correct. `counts` are by answer key (counts_by_key reads what the trainer typed)."""
    rows = lettered_choices(question, lang)
    keys = [key for _, key, _, _ in rows]
    if not counts:
        raise TallyError(t(lang, "tally_empty", qid=question.id))
    unknown = [k for k in counts if k not in keys]
    if unknown:
        raise TallyError(t(lang, "tally_unknown_option", key=unknown[0], options=", ".join(keys)))
    numbers = {k: _whole_number(k, v, lang) for k, v in counts.items()}
    import pandas as pd
    df = pd.DataFrame([{"letter": letter, "key": k, "label": label, "count": numbers.get(k, 0), "correct": right}
                       for letter, k, label, right in rows])
    total = int(df["count"].sum())
    df["share"] = (df["count"] / total * 100).round(1) if total else 0.0
    return df


def chart_png(df: pd.DataFrame, lang: str) -> bytes:
    import matplotlib
    matplotlib.use("Agg")  # draws in memory: no window, no network
    import matplotlib.pyplot as plt
    from matplotlib.ticker import AutoLocator

    fig, ax = plt.subplots(figsize=(9, 0.6 * len(df) + 1.2), dpi=100)
    colours = ["#1a7f37" if right else "#8c959f" for right in df["correct"]]
    names = df["label"].map(lambda label: label if len(label) <= 60 else label[:59] + "…")
    if "letter" in df:
        names = df["letter"] + ". " + names
    bars = ax.barh(names, df["count"], color=colours)
    for bar, right in zip(bars, df["correct"]):
        if right:
            bar.set_hatch("//")
    ax.invert_yaxis()
    ax.set_xlabel(t(lang, "tally_people"))
    ax.bar_label(bars, labels=[f"{c} {'✓' if r else ''}".strip() for c, r in zip(df["count"], df["correct"])])
    counts_axis = AutoLocator()  # the axis's own locator, told that people come whole
    counts_axis.set_params(integer=True)
    ax.xaxis.set_major_locator(counts_axis)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def tally_html(lang: str, question: str = "", table: pd.DataFrame | None = None, png: bytes = b"",
               right: str | None = None, feedback: str = "", error: str = "") -> str:
    """book/templates/tally.html: the question, the table (pandas escapes its cells) and the chart;
    with `right`, the right answer and why; with `error`, only the problem."""
    return html_templates().get_template("tally.html").render(
        lang=lang, error=error, question=question, right=right, feedback=feedback, png=base64.b64encode(png).decode(),
        table=Markup(table.to_html(index=False, escape=True)) if table is not None else "")


class Tally:
    """What tally(...) returns: shows the table and chart, or the problem with the counts."""

    def __init__(self, question_id: str, counts: Mapping[str, Any] | None, lang: str, bank: Bank | None = None,
                 in_order: tuple = (), question: Question | None = None):
        self.lang = check_language(lang)
        self.question = question or next((q for q in (bank or default_bank()).questions if q.id == question_id), None)
        self.error: str | None = None
        self.table: pd.DataFrame | None = None
        try:
            if self.question is None:
                raise TallyError(t(lang, "tally_no_question", qid=question_id))
            self.table = tally_table(self.question, counts_by_key(self.question, lang, in_order, counts), lang)
        except TallyError as exc:
            self.error = str(exc)

    def _repr_html_(self) -> str:
        lang, df, q = self.lang, self.table, self.question
        if self.error or df is None or q is None:
            return tally_html(lang, error=self.error or "")
        shown = df.assign(correct=df["correct"].map({True: "✓", False: ""}))
        if "letter" in df:
            shown = shown.assign(label=df["letter"] + ". " + df["label"])
        shown = shown[["label", "count", "share", "correct"]]
        shown.columns = [t(lang, "tally_answer"), t(lang, "tally_people"), "%", t(lang, "correct_option")]
        named = (df["letter"] + ". " + df["label"]) if "letter" in df else df["label"]
        return tally_html(lang, question=q.text[lang], table=shown, png=chart_png(df, lang),
                          right="; ".join(named[df["correct"]]), feedback=q.feedback[lang])

    def __repr__(self) -> str:
        if self.error or self.table is None or self.question is None:
            return self.error or "<tally>"
        return f"<tally {self.question.id!r}: {int(self.table['count'].sum())} people>"


def tally_function(lang: str):
    check_language(lang)

    def tally(question_id: str, *counts: Any, **by_letter: Any) -> Tally:
        """Show how many people chose each answer: tally("question-id", A=3, B=5), a dict of
        letters, or the counts in the order shown: tally("question-id", 3, 5, 0)."""
        if len(counts) == 1 and isinstance(counts[0], Mapping):
            return Tally(question_id, {**counts[0], **by_letter}, lang)
        return Tally(question_id, by_letter, lang, in_order=counts)

    return tally
