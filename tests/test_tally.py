"""The trainers' group tally: right numbers and chart, clear messages for bad counts."""
from __future__ import annotations

import math

import pytest

from book.bank import load_bank
from book.i18n import t
from book.tally import Tally, TallyError, chart_png, tally_function, tally_table
from conftest import to_csv, typed_rows


@pytest.fixture
def bank(bank_dir):
    (bank_dir / "demo.csv").write_text(to_csv(typed_rows()), encoding="utf-8")
    return load_bank(bank_dir)


def question(bank, qid):
    return next(q for q in bank.questions if q.id == qid)


def test_numbers_shares_and_the_right_answer(bank):
    df = tally_table(question(bank, "multi"), {"a": 6, "b": "2", "c": 4.0}, "en")
    rows = {r.key: (r.label, r.count, r.share, r.correct) for r in df.itertuples()}
    assert rows == {"a": ("Deception", 6, 50.0, True), "b": ("A border", 2, 16.7, False),
                    "c": ("Threats", 4, 33.3, True)}


def test_missing_answers_count_as_zero_and_scenarios_tally_the_verdict(bank):
    df = tally_table(question(bank, "case"), {"trafficking-sex-sector": 3}, "ru")
    assert list(df["key"]) == ["sex-work", "trafficking-sex-sector", "trafficking-other", "child-exploitation",
                               "other-problem", "not-enough-info"]
    assert list(df["count"]) == [0, 3, 0, 0, 0, 0]
    assert df.loc[df["correct"], "label"].tolist() == ["Недостаточно информации, чтобы решить"]
    tf = tally_table(question(bank, "tf"), {"true": 1, "false": 9}, "ru")
    assert list(tf["label"]) == ["Верно", "Неверно"] and tf.loc[tf["correct"], "key"].tolist() == ["false"]


def test_chart_draws_the_counts(bank):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    df = tally_table(question(bank, "multi"), {"a": 6, "b": 2, "c": 4}, "en")
    png = chart_png(df, "en")
    assert png.startswith(b"\x89PNG")
    image = plt.imread(__import__("io").BytesIO(png))
    assert image.shape[1] == 900  # 9 inches at 100 dpi: room for the answers' labels
    assert plt.get_fignums() == []  # no figure left open in a trainer's kernel


BAD = [
    ({"a": -1}, "tally_negative", dict(key="a", value=-1)),
    ({"a": "three"}, "tally_not_number", dict(key="a", value="'three'")),
    ({"a": 1.5}, "tally_not_number", dict(key="a", value="1.5")),
    ({"a": math.nan}, "tally_not_number", dict(key="a", value="nan")),
    ({"a": None}, "tally_not_number", dict(key="a", value="None")),
    ({"a": True}, "tally_not_number", dict(key="a", value="True")),
    ({"a": " "}, "tally_not_number", dict(key="a", value="' '")),
    ({}, "tally_empty", dict(qid="multi")),
    ({"z": 1}, "tally_unknown_option", dict(key="z", options="a, c, b")),
]


@pytest.mark.parametrize("counts,message,values", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_bad_counts_get_a_clear_message(bank, counts, message, values, lang):
    q = question(bank, "multi")
    if message == "tally_unknown_option":
        values = dict(values, options=", ".join(o.key for o in q.display_options()))
    with pytest.raises(TallyError) as info:
        tally_table(q, counts, lang)
    assert str(info.value) == t(lang, message, **values)
    shown = Tally("multi", counts, lang, bank=bank)  # in a notebook: a message, not a traceback
    assert shown.error == str(info.value)
    assert 'role="alert"' in shown._repr_html_() and str(info.value).split(":")[0] in shown._repr_html_()


def test_questions_that_cannot_be_tallied(bank):
    assert Tally("terms", {"a": 1}, "en", bank=bank).error == t("en", "tally_type", qid="terms", type="matching")
    assert Tally("nope", {"a": 1}, "ru", bank=bank).error == t("ru", "tally_no_question", qid="nope")


def test_notebook_call_shows_table_chart_and_explanation():
    real = next(q for q in load_bank().questions if q.type == "single")
    right = next(o for o in real.options if o.correct)
    html = tally_function("ru")(real.id, **{o.key: 1 for o in real.options})._repr_html_()
    assert "<table" in html and "data:image/png;base64," in html
    assert right.text["ru"] in html and real.feedback["ru"].replace("'", "&#x27;")[:40] in html
