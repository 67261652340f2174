"""Group tally, for trainers presenting live: how many people in the room chose each option.

In a chapter notebook: tally("question-id", a=3, b=5, c=0) (or a dict, for keys such as a
scenario's verdicts). Shows a table (pandas) and a bar chart (matplotlib, drawn on this machine)
with the correct answer marked, then the explanation. Bad counts (negative, not a whole number,
empty) get a clear message in the chapter's language instead of a traceback. Nothing is stored or
sent anywhere.
"""
from __future__ import annotations

import base64
import io
import math
from html import escape
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any, Mapping

from book.data import default_bank
from book.grading import option_label, part_choices
from book.i18n import t
from book.languages import check_language
from book.model import Bank, Question

if TYPE_CHECKING:
    import pandas as pd  # imported when a tally is drawn: every chapter imports this module

TALLY_TYPES = ("single", "multiple", "truefalse", "scenario")


class TallyError(ValueError):
    """A count the trainer typed cannot be used; the message says which and why."""


def choices(question: Question, lang: str) -> list[tuple[str, str, bool]]:
    """(key, label, correct) for each answer people can raise a hand for."""
    if question.type in ("single", "multiple", "truefalse"):
        return [(o.key, option_label(question, o, lang), o.correct) for o in question.display_options()]
    if question.type == "scenario":
        right = question.option("verdict").answer
        return [(v, label, v == right) for v, label in part_choices("verdict", lang)]
    raise TallyError(t(lang, "tally_type", qid=question.id, type=question.type))


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
    if not isinstance(value, Integral) and value != int(value):
        raise TallyError(t(lang, "tally_not_number", key=key, value=repr(value)))
    if value < 0:
        raise TallyError(t(lang, "tally_negative", key=key, value=int(value)))
    return int(value)


def tally_table(question: Question, counts: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """One row per answer: key, label, count, share of all hands (%), correct."""
    rows = choices(question, lang)
    keys = [key for key, _, _ in rows]
    if not counts:
        raise TallyError(t(lang, "tally_empty", qid=question.id))
    unknown = [k for k in counts if k not in keys]
    if unknown:
        raise TallyError(t(lang, "tally_unknown_option", key=unknown[0], options=", ".join(keys)))
    numbers = {k: _whole_number(k, v, lang) for k, v in counts.items()}
    import pandas as pd
    df = pd.DataFrame([{"key": k, "label": label, "count": numbers.get(k, 0), "correct": right}
                       for k, label, right in rows])
    total = int(df["count"].sum())
    df["share"] = (df["count"] / total * 100).round(1) if total else 0.0
    return df


def chart_png(df: pd.DataFrame, lang: str) -> bytes:
    import matplotlib
    matplotlib.use("Agg")  # draws in memory: no window, no network
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 0.6 * len(df) + 1.2), dpi=100)
    colours = ["#1a7f37" if right else "#8c959f" for right in df["correct"]]
    bars = ax.barh(df["label"].str.slice(0, 60), df["count"], color=colours)
    for bar, right in zip(bars, df["correct"]):
        if right:
            bar.set_hatch("//")
    ax.invert_yaxis()
    ax.set_xlabel(t(lang, "tally_people"))
    ax.bar_label(bars, labels=[f"{c} {'✓' if r else ''}".strip() for c, r in zip(df["count"], df["correct"])])
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


class Tally:
    """What tally(...) returns: shows the table and chart, or the problem with the counts."""

    def __init__(self, question_id: str, counts: Mapping[str, Any], lang: str, bank: Bank | None = None):
        self.lang = check_language(lang)
        self.question = next((q for q in (bank or default_bank()).questions if q.id == question_id), None)
        self.error: str | None = None
        self.table: pd.DataFrame | None = None
        try:
            if self.question is None:
                raise TallyError(t(lang, "tally_no_question", qid=question_id))
            self.table = tally_table(self.question, counts, lang)
        except TallyError as exc:
            self.error = str(exc)

    def _repr_html_(self) -> str:
        if self.error:
            return f'<p class="mq-tally-error" role="alert"><strong>{escape(self.error)}</strong></p>'
        lang, df, q = self.lang, self.table, self.question
        shown = df.assign(correct=df["correct"].map({True: "✓", False: ""}))[["label", "count", "share", "correct"]]
        shown.columns = [t(lang, "tally_answer"), t(lang, "tally_people"), "%", t(lang, "correct_option")]
        png = base64.b64encode(chart_png(df, lang)).decode()
        right = "; ".join(df.loc[df["correct"], "label"])
        return (f'<div class="mq-tally"><p><strong>{escape(q.text[lang])}</strong></p>'
                f'{shown.to_html(index=False, escape=True)}'
                f'<img src="data:image/png;base64,{png}" alt="{escape(t(lang, "tally_chart_alt", answer=right))}">'
                f'<p>{escape(t(lang, "tally_correct", answer=right))}</p><p>{escape(q.feedback[lang])}</p></div>')

    def __repr__(self) -> str:
        return self.error or f"<tally {self.question.id!r}: {int(self.table['count'].sum())} people>"


def tally_function(lang: str):
    check_language(lang)

    def tally(question_id: str, counts: Mapping[str, Any] | None = None, **by_option: Any) -> Tally:
        """Show how many people chose each answer: tally("question-id", a=3, b=5)."""
        return Tally(question_id, {**(counts or {}), **by_option}, lang)

    return tally
