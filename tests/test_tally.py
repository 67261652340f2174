"""The trainers' group tally: right numbers and chart, clear messages for bad counts."""
from __future__ import annotations

import math

import pytest

from book.bank import load_bank
from book.i18n import t
from book.tally import MOST_PEOPLE, Tally, TallyError, chart_png, counts_by_key, tally_function, tally_table
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


LETTERS = {"en": "ABC", "ru": "АБВ"}
WRONG_LETTER = {"en": "Z", "ru": "A"}  # a Latin A is not a Russian letter
BAD = [  # counts by the index of the letter; "wrong" = a letter the question does not have
    ({0: -1}, "tally_negative", dict(key=0, value=-1)),
    ({0: "three"}, "tally_not_number", dict(key=0, value="'three'")),
    ({0: 1.5}, "tally_not_number", dict(key=0, value="1.5")),
    ({0: math.nan}, "tally_not_number", dict(key=0, value="nan")),
    ({0: math.inf}, "tally_not_number", dict(key=0, value="inf")),
    ({0: None}, "tally_not_number", dict(key=0, value="None")),
    ({0: True}, "tally_not_number", dict(key=0, value="True")),
    ({0: " "}, "tally_not_number", dict(key=0, value="' '")),
    ({0: 10**12}, "tally_too_many", dict(key=0, value=10**12, limit=MOST_PEOPLE)),
    ({0: "99999"}, "tally_too_many", dict(key=0, value=99999, limit=MOST_PEOPLE)),
    ({}, "tally_empty", dict(qid="multi")),
    ({"wrong": 1}, "tally_unknown_option", dict(key="wrong")),
]


@pytest.mark.parametrize("counts,message,values", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_bad_counts_get_a_clear_message(bank, counts, message, values, lang):
    letter = {0: LETTERS[lang][0], "wrong": WRONG_LETTER[lang]}
    counts = {letter[k]: v for k, v in counts.items()}
    values = {k: letter.get(v, v) if k == "key" else v for k, v in values.items()}
    if message == "tally_unknown_option":
        values["options"] = ", ".join(LETTERS[lang])
    q = question(bank, "multi")
    with pytest.raises(TallyError) as info:
        counts_by_key(q, lang, (), counts)
    assert str(info.value) == t(lang, message, **values)
    shown = Tally("multi", counts, lang, bank=bank)  # in a notebook: a message, not a traceback
    assert shown.error == str(info.value)
    assert 'role="alert"' in shown._repr_html_() and str(info.value).split(":")[0] in shown._repr_html_()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_counts_in_the_order_shown_or_by_letter(bank, lang):
    q = question(bank, "multi")
    shown = [o.key for o in q.display_options()]
    a, b, c = LETTERS[lang]
    by_letter = counts_by_key(q, lang, (), {a: 6, b.lower(): 2, c: "4"})  # letters in either case
    assert by_letter == {shown[0]: 6, shown[1]: 2, shown[2]: 4}
    assert counts_by_key(q, lang, (6, 2, 4)) == by_letter == counts_by_key(q, lang, ([6, 2, 4],))
    assert counts_by_key(q, lang, (6,)) == {shown[0]: 6}
    df = tally_table(q, by_letter, lang)
    assert list(df["letter"]) == list(LETTERS[lang]) and list(df["key"]) == shown
    for args, kwargs, message, values in [
        ((1, 2, 3, 4), {}, "tally_too_many_counts", dict(n=3, given=4, example=f"{a}=3, {b}=5")),
        ((1,), {a: 1}, "tally_mixed", {}),
    ]:
        with pytest.raises(TallyError) as info:
            counts_by_key(q, lang, args, kwargs)
        assert str(info.value) == t(lang, message, **values)


def test_the_notebook_function_takes_letters_dicts_and_counts_in_order(bank, monkeypatch):
    import book.tally as tally_module
    monkeypatch.setattr(tally_module, "default_bank", lambda: bank)
    tally = tally_function("ru")
    assert tally("multi", А=3, Б=5).table["count"].tolist() == [3, 5, 0]
    assert tally("multi", {"А": 3, "Б": 5}).table["count"].tolist() == [3, 5, 0]
    assert tally("multi", 3, 5).table["count"].tolist() == [3, 5, 0]
    assert tally("multi", [3, 5, 0]).table["count"].tolist() == [3, 5, 0]
    assert tally("multi", 1, 2, 3, 4).error == t("ru", "tally_too_many_counts", n=3, given=4, example="А=3, Б=5")
    assert tally("nope", А=1).error == t("ru", "tally_no_question", qid="nope")
    assert tally(42, А=1).error == t("ru", "tally_no_question", qid=42)
    assert tally("case", {"sex-work": 2}).table["count"].sum() == 2  # a scenario's verdicts by key too


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_count_the_room_button_draws_the_chart(bank, lang):
    from book.widget import QuizWidget
    quiz = QuizWidget("demo", tuple(q for q in bank.questions if q.id in ("multi", "tf", "terms")), lang)
    multi = next(q for q in quiz.questions if q.question.id == "multi")
    assert multi.count_button.description == t(lang, "count_room")
    assert multi.count_panel.layout.display == "none"
    multi.count_button.click()
    assert multi.count_panel.layout.display is None
    assert [b.description for b in multi.counters.values()] == [f"{x}." for x in LETTERS[lang]]
    for box, n in zip(multi.counters.values(), (6, 2, 4)):
        box.value = n
    multi.draw_button.click()
    assert "data:image/png;base64," in multi.tally_view.value and "multi" in multi.count_panel.children[0].value
    assert all(f"{x}. " in multi.tally_view.value for x in LETTERS[lang])
    multi.counters[LETTERS[lang][0]].value = -3
    multi.draw_button.click()
    assert 'role="alert"' in multi.tally_view.value
    assert t(lang, "tally_negative", key=LETTERS[lang][0], value=-3).replace("«", "&laquo;")[:5] in multi.tally_view.value \
        or "-3" in multi.tally_view.value
    terms = next(q for q in quiz.questions if q.question.id == "terms")
    assert not hasattr(terms, "count_button")  # matching questions are not tallied by hand


def test_questions_that_cannot_be_tallied(bank):
    assert Tally("terms", {"A": 1}, "en", bank=bank).error == t("en", "tally_type", qid="terms", type="matching")
    russian = Tally("terms", {"А": 1}, "ru", bank=bank).error
    assert russian == t("ru", "tally_type", qid="terms", type="вопрос на сопоставление") and "matching" not in russian
    assert Tally("nope", {"a": 1}, "ru", bank=bank).error == t("ru", "tally_no_question", qid="nope")


def test_notebook_call_shows_table_chart_and_explanation():
    real = next(q for q in load_bank().questions if q.type == "single")
    right = next(o for o in real.options if o.correct)
    html = tally_function("ru")(real.id, *[1] * len(real.options))._repr_html_()
    assert "<table" in html and "data:image/png;base64," in html
    assert right.text["ru"] in html and real.feedback["ru"].replace("'", "&#39;")[:40] in html
