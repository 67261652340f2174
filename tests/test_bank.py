"""Question banks: the real bank loads; every validator rule has a test that breaks it."""
from __future__ import annotations

import pytest

from book.bank import COLUMNS, BankError, load_bank
from book.model import QUESTION_TYPES
from book.project import ENV, Project
from conftest import good_rows, option, question, to_csv, typed_rows


def write(bank_dir, rows, name="demo.csv", columns=COLUMNS):
    path = bank_dir / name
    path.write_text(to_csv(rows, columns), encoding="utf-8")
    return path


def problems(bank_dir):
    with pytest.raises(BankError) as info:
        load_bank(bank_dir)
    return info.value.problems


def assert_problem(found, row, field, words):
    hits = [p for p in found if p.line == row and p.field == field and words in p.message]
    assert hits, f"expected row {row}, field {field}: {words!r}; got:\n" + "\n".join(map(str, found))


def test_project_bank_loads_through_pandas():
    bank = load_bank()
    assert len(bank.questions) >= 6
    assert {"distinctions", "three-elements"} <= set(bank.quiz_ids())
    assert {q.type for q in bank.questions} == set(QUESTION_TYPES)  # real content uses every type
    for q in bank.questions:
        assert q.text["en"] and q.text["ru"]
        if q.type in ("single", "truefalse"):
            assert len(q.correct_keys) == 1


def test_good_bank_loads(bank_dir):
    write(bank_dir, good_rows())
    bank = load_bank(bank_dir)
    assert [q.id for q in bank.quiz("demo")] == ["q-one", "q-two"]
    q = bank.questions[0]
    assert q.correct_keys == {"a"} and q.option("b").text == {"en": "No", "ru": "Нет"}


def test_usual_wrong_answer_is_read_from_the_question_row(bank_dir):
    write(bank_dir, good_rows() + typed_rows())
    questions = {q.id: q for q in load_bank(bank_dir).questions}
    assert questions["multi"].usual_wrong == "b" and questions["multi"].usual_wrong_option().key == "b"
    assert questions["case"].usual_wrong == "sex-work" and questions["case"].usual_wrong_option().key == "verdict"
    assert questions["tf"].usual_wrong == "" and questions["tf"].usual_wrong_option().key == "true"  # the only wrong one
    assert questions["terms"].usual_wrong_option() is None


def test_error_message_names_file_row_and_field(bank_dir):
    rows = good_rows()
    rows[1]["text_ru"] = ""
    path = write(bank_dir, rows)
    with pytest.raises(BankError) as info:
        load_bank(bank_dir)
    assert f"{path.as_posix()}, line 3, field text_ru: missing translation" in str(info.value)


def test_unknown_quiz_id_names_known_ones(bank_dir):
    write(bank_dir, good_rows())
    with pytest.raises(KeyError, match="known quizzes: demo"):
        load_bank(bank_dir).quiz("nope")


def _set(row_index, **values):
    def mutate(rows):
        rows[row_index].update(values)
        return rows
    return mutate


# (rule, how to break a good bank, expected row, field, words in the message)
BREAKS = [
    ("missing translation", _set(1, text_ru=""), 3, "text_ru", "missing translation"),
    ("missing feedback translation", _set(2, feedback_en=""), 4, "feedback_en", "missing translation"),
    ("empty option", _set(2, text_en="", text_ru=""), 4, "text_en", "empty option"),
    ("empty question", _set(0, text_en="", text_ru=""), 2, "text_ru", "empty question text"),
    ("empty feedback", _set(0, feedback_en="", feedback_ru=""), 2, "feedback_en", "empty feedback"),
    ("no correct option", _set(1, correct="no"), 2, "correct", "exactly one option"),
    ("two correct options", _set(2, correct="yes"), 2, "correct", "exactly one option"),
    ("correct not yes/no", _set(1, correct="maybe"), 3, "correct", "'yes' or 'no'"),
    ("correct on question row", _set(0, correct="yes"), 2, "correct", "usual wrong answer"),
    ("usual wrong answer not an option", _set(0, correct="c"), 2, "correct", "usual wrong answer"),
    ("unknown type", _set(0, type="essay"), 2, "type", "unknown question type"),
    ("type on option row", _set(1, type="single"), 3, "type", "empty on an option row"),
    ("HTML in text", _set(0, text_en="Is <b>it</b> so?"), 2, "text_en", "plain text only"),
    ("Markdown bold", _set(1, text_ru="**Да**"), 3, "text_ru", "plain text only"),
    ("Markdown link", _set(0, feedback_en="See [the Protocol](http://x)."), 2, "feedback_en", "plain text only"),
    ("line break", _set(0, feedback_ru="Первая строка\nвторая"), 2, "feedback_ru", "line break"),
    ("quiz id not a slug", _set(0, quiz="Demo Quiz"), 2, "quiz", "slug"),
    ("question id not a slug", _set(0, question="Q_One"), 2, "question", "slug"),
    ("bad option key", _set(1, option="aa"), 3, "option", "one lowercase letter"),
    ("option of another question", _set(2, question="q-two"), 4, "question", "does not belong"),
    ("option of another quiz", _set(2, quiz="other"), 4, "question", "does not belong"),
    ("duplicate option key", _set(2, option="a"), 4, "option", "duplicate option key"),
    ("duplicate option text", _set(2, text_en="Yes"), 4, "text_en", "duplicate option text"),
    ("question without source", _set(0, source=""), 2, "source", "must name its source"),
    ("duplicate question id", lambda rows: rows[:3] + [dict(r, question="q-one") for r in rows[3:]],
     5, "question", "duplicate question id"),
    ("too few options", lambda rows: rows[:2] + rows[3:], 2, "option", "at least two options"),
    ("option before any question", lambda rows: rows[1:], 2, "option", "before any question"),
]


@pytest.mark.parametrize("rule,mutate,row,field,words", BREAKS, ids=[b[0] for b in BREAKS])
def test_each_rule_fires(bank_dir, rule, mutate, row, field, words):
    write(bank_dir, good_rows())
    load_bank(bank_dir)  # the good bank passes ...
    write(bank_dir, mutate(good_rows()))
    assert_problem(problems(bank_dir), row, field, words)  # ... and this one breaks it


def test_all_problems_reported_at_once(bank_dir):
    rows = good_rows()
    rows[1]["text_ru"] = ""
    rows[3]["type"] = "essay"
    write(bank_dir, rows)
    found = problems(bank_dir)
    assert_problem(found, 3, "text_ru", "missing translation")
    assert_problem(found, 5, "type", "unknown question type")


def test_not_utf8(bank_dir):
    path = write(bank_dir, good_rows())
    path.write_bytes(path.read_bytes().replace("Нет".encode(), "Café".encode("latin-1")))
    assert_problem(problems(bank_dir), 4, "*", "not UTF-8")


def test_missing_column(bank_dir):
    write(bank_dir, good_rows(), columns=[c for c in COLUMNS if c != "source"])
    assert_problem(problems(bank_dir), 1, "source", "missing column")


def test_unknown_column(bank_dir):
    rows = [dict(r, notes="x") for r in good_rows()]
    write(bank_dir, rows, columns=[*COLUMNS, "notes"])
    assert_problem(problems(bank_dir), 1, "notes", "unknown column")


def test_columns_out_of_order(bank_dir):
    write(bank_dir, good_rows(), columns=[COLUMNS[1], COLUMNS[0], *COLUMNS[2:]])
    assert_problem(problems(bank_dir), 1, "*", "out of order")


def test_duplicate_question_id_across_files(bank_dir):
    write(bank_dir, good_rows(), "a.csv")
    write(bank_dir, [question("q-one", quiz="other"), option("q-one", "a", "yes", "Y", "Д", quiz="other"),
                     option("q-one", "b", "no", "N", "Н", quiz="other")], "b.csv")
    found = problems(bank_dir)
    assert_problem(found, 2, "question", "duplicate question id (also in")
    assert found[0].file.endswith("b.csv")


def test_no_bank_files(bank_dir):
    assert_problem(problems(bank_dir), 0, "*", "no question bank")


def test_the_default_bank_is_the_current_projects(monkeypatch, tmp_path):
    """A build's kernels load the bank of the project being built (MANUAL_PROJECT), not this checkout's."""
    (tmp_path / "data" / "questions").mkdir(parents=True)
    (tmp_path / "data" / "questions" / "demo.csv").write_text(to_csv(good_rows()), encoding="utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    assert Project.current().questions == tmp_path / "data" / "questions"
    assert [q.id for q in load_bank().questions] == ["q-one", "q-two"]


# --- the rules of the other question types ---------------------------------------------------

def test_every_type_loads(bank_dir):
    write(bank_dir, good_rows() + typed_rows())
    bank = load_bank(bank_dir)
    types = {q.id: q.type for q in bank.questions}
    assert types == {"q-one": "single", "q-two": "single", "tf": "truefalse", "multi": "multiple",
                     "case": "scenario", "terms": "matching", "reply": "free"}
    assert bank.questions[-2].option("c").match == {"en": "A false promise", "ru": "Ложное обещание"}


def _typed(index, **values):
    def mutate(rows):
        typed = typed_rows()
        typed[index].update(values)
        return rows + typed
    return mutate


def _typed_drop(index):
    def mutate(rows):
        typed = typed_rows()
        return rows + typed[:index] + typed[index + 1:]
    return mutate


def _typed_rows_where(question, correct, set_correct):
    def mutate(rows):
        return rows + [dict(r, correct=set_correct) if (r["question"], r["correct"]) == (question, correct) else r
                       for r in typed_rows()]
    return mutate


# Rows of good_rows() + typed_rows(): typed row i is spreadsheet row 8 + i.
TYPED_BREAKS = [
    ("true/false option has text", _typed(1, text_en="Yes", text_ru="Да"), 9, "text_en", "must be empty"),
    ("true/false wrong key", _typed(1, option="a"), 9, "option", "exactly 'true' then 'false'"),
    ("true/false both correct", _typed(1, correct="yes"), 8, "correct", "exactly one option"),
    ("true/false without feedback", _typed(2, feedback_en="", feedback_ru=""), 10, "feedback_en", "empty feedback"),
    ("multiple with no right answer", _typed_rows_where(question="multi", correct="yes", set_correct="no"),
     11, "correct", "at least one option"),
    ("scenario options out of order", _typed(8, option="purpose"), 16, "option", "'act', 'means', 'purpose', 'verdict'"),
    ("scenario element still yes/no", _typed(8, correct="yes"), 16, "correct", "present, absent, not-stated"),
    ("scenario element unknown", _typed(9, correct="unknown"), 17, "correct", "present, absent, not-stated"),
    ("scenario old verdict", _typed(11, correct="trafficking-sex-work"), 19, "correct", "verdict must be one of"),
    ("usual wrong answer is the key", _typed(7, correct="not-enough-info"), 15, "correct", "usual wrong answer"),
    ("usual wrong answer not a verdict", _typed(7, correct="maybe"), 15, "correct", "usual wrong answer"),
    ("usual wrong answer is the right option", _typed(0, correct="false"), 8, "correct", "usual wrong answer"),
    ("usual wrong answer on a matching question", _typed(12, correct="a"), 20, "correct", "usual wrong answer"),
    ("scenario verdict not a known answer", _typed(11, correct="slavery"), 19, "correct", "verdict must be one of"),
    ("scenario missing a part", _typed_drop(10), 15, "option", "'act', 'means', 'purpose', 'verdict'"),
    ("scenario option has text", _typed(9, text_en="Means", text_ru="Средства"), 17, "text_en", "must be empty"),
    ("matching pair without meaning", _typed(13, match_en="", match_ru=""), 21, "match_en", "needs its meaning"),
    ("matching meaning untranslated", _typed(13, match_ru=""), 21, "match_ru", "missing translation"),
    ("duplicate meaning", _typed(14, match_en="Work to repay a debt"), 22, "match_en", "duplicate option text"),
    ("meaning on a non-matching row", _typed(5, match_en="x", match_ru="x"), 13, "match_en", "only matching"),
    ("correct on a matching pair", _typed(13, correct="yes"), 21, "correct", "must be empty for matching"),
    ("feedback on a self-check item", _typed(17, feedback_en="x", feedback_ru="x"), 25, "feedback_en", "must be empty"),
    ("free response without model answer", _typed(16, feedback_en="", feedback_ru=""), 24, "feedback_en", "model answer"),
    ("free response without self-check", lambda rows: rows + typed_rows()[:17],
     24, "option", "one self-check item"),
]


@pytest.mark.parametrize("rule,mutate,row,field,words", TYPED_BREAKS, ids=[b[0] for b in TYPED_BREAKS])
def test_each_type_rule_fires(bank_dir, rule, mutate, row, field, words):
    write(bank_dir, good_rows() + typed_rows())
    load_bank(bank_dir)
    write(bank_dir, mutate(good_rows()))
    assert_problem(problems(bank_dir), row, field, words)


# --- bad data that a lenient reader would let through: exact messages, by file, line and field ----

UNCLOSED = ('unclosed quote: the cell opens with " and no " closes it before the next comma or the end '
            'of the line (inside a quoted cell, write a quote as "")')


def write_text(bank_dir, text, name="demo.csv"):
    path = bank_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def good_lines():
    return to_csv(good_rows()).splitlines()


def messages(bank_dir):
    return [str(p) for p in problems(bank_dir)]


def test_unclosed_quote_before_another_quoted_cell(bank_dir):
    lines = good_lines()
    lines[2] = lines[2].replace("Yes,Да", '"Yes,"Да"')  # English runs into Russian
    path = write_text(bank_dir, "\n".join(lines) + "\n")
    assert messages(bank_dir) == [f"{path.as_posix()}, line 3, field text_en: {UNCLOSED}"]


def test_unclosed_quote_to_the_end_of_the_file(bank_dir):
    lines = good_lines()
    lines[4] = lines[4].replace("Какой?", '"Какой?')
    path = write_text(bank_dir, "\n".join(lines) + "\n")
    assert messages(bank_dir) == [f"{path.as_posix()}, line 5, field text_ru: {UNCLOSED}"]


def test_malformed_row(bank_dir):
    lines = good_lines()
    lines[3] = lines[3].replace("No,Нет", "No,,Нет")
    path = write_text(bank_dir, "\n".join(lines) + "\n")
    assert messages(bank_dir) == [f"{path.as_posix()}, line 4, field *: malformed row: {len(COLUMNS) + 1} cells "
                                  f"where the header has {len(COLUMNS)} (a comma missing or extra, or a quote out of place)"]


def test_lines_count_blank_lines_and_quoted_commas(bank_dir):
    lines = good_lines()
    lines[3] = lines[3].replace(",no,", ",maybe,", 1)
    path = write_text(bank_dir, "\n".join([*lines[:2], "", *lines[2:]]) + "\n")
    assert messages(bank_dir) == [f"{path.as_posix()}, line 5, field correct: must be 'yes' or 'no' on this option row"]


def test_not_utf8_exact_message(bank_dir):
    path = write(bank_dir, good_rows())
    path.write_bytes(path.read_bytes().replace("Нет".encode(), "Café".encode("latin-1")))
    assert messages(bank_dir) == [f"{path.as_posix()}, line 4, field *: not UTF-8 (byte 0xe9); save the file as UTF-8"]


@pytest.mark.parametrize("char,name", [("\x00", "NUL"), ("\u200b", "zero-width space"),
                                       ("\u202e", "right-to-left override"), ("\u2066", "left-to-right isolate"),
                                       ("\ufeff", "byte-order mark")])
def test_invisible_characters(bank_dir, char, name):
    rows = good_rows()
    rows[4]["text_en"] = f"Fi{char}rst"
    path = write(bank_dir, rows)
    assert messages(bank_dir) == [f"{path.as_posix()}, line 6, field text_en: invisible or control character "
                                  f"U+{ord(char):04X} ({name}) at position 3: delete it"]


def test_byte_order_mark_at_the_start_of_the_file_is_fine(bank_dir):
    (bank_dir / "demo.csv").write_text("\ufeff" + to_csv(good_rows()), encoding="utf-8")
    assert len(load_bank(bank_dir).questions) == 2


SCRIPT = {"ru": "looks like English text: more than 60% of its letters are Latin "
                "(names and titles in the other alphabet are fine, whole sentences are not)",
          "en": "looks like Russian text: more than 40% of its letters are Cyrillic "
                "(names and titles in the other alphabet are fine, whole sentences are not)"}


def test_english_in_a_russian_field(bank_dir):
    rows = good_rows()
    rows[0]["feedback_ru"] = "Because the treaty says so."
    path = write(bank_dir, rows)
    assert messages(bank_dir) == [f"{path.as_posix()}, line 2, field feedback_ru: {SCRIPT['ru']}"]


def test_russian_in_an_english_field(bank_dir):
    rows = good_rows()
    rows[3]["text_en"] = "Какой из них?"
    path = write(bank_dir, rows)
    assert messages(bank_dir) == [f"{path.as_posix()}, line 5, field text_en: {SCRIPT['en']}"]


def test_names_and_titles_in_the_other_alphabet_are_fine(bank_dir):
    rows = good_rows()
    rows[0]["text_ru"] = "Что говорит доклад Collateral Damage (GAATW, 2007) о рейдах?"
    rows[0]["feedback_en"] = "The word «секс-работа» is the one Russian-speaking groups use."
    write(bank_dir, rows)
    assert len(load_bank(bank_dir).questions) == 2


def test_markup_in_source(bank_dir):
    rows = good_rows()
    rows[3]["source"] = "<a href='x'>Protocol</a>, Art. 3"
    path = write(bank_dir, rows)
    assert messages(bank_dir) == [f"{path.as_posix()}, line 5, field source: plain text only: no HTML or Markdown markup"]


def test_ids_are_escaped_in_every_attribute_even_past_the_validator():
    """Defence in depth: questions built without the validator, with hostile ids and option keys,
    render no element of their own and keep the id whole inside its attributes."""
    import dataclasses

    from book.render_html import render_quiz
    from conftest import parse_tags
    evil = '"><script>alert(1)</script><x a="'
    for q in load_bank().questions:
        options = q.options if q.type in ("scenario", "truefalse") else tuple(
            dataclasses.replace(o, key=o.key + evil) for o in q.options)
        hostile = dataclasses.replace(q, id=q.id + evil, options=options)
        tags = parse_tags(render_quiz("quiz" + evil, [hostile], "en"))
        assert {name for name, _ in tags} <= {"div", "fieldset", "legend", "span", "input", "label", "p", "select",
                                               "option", "textarea", "button", "details", "summary", "ul", "li",
                                               "strong"}, q.type
        attributes = [a for _, a in tags]
        assert any(a.get("id") == f"mq-{q.id}{evil}" for a in attributes), q.type
        assert all(a.get("for", "").startswith(f"mq-{q.id}{evil}") for a in attributes if "for" in a), q.type


def test_stray_quote_in_a_cell_that_does_not_open_with_one(bank_dir):
    lines = good_lines()
    lines[6] = lines[6].replace("Second", 'Se"cond')
    path = write_text(bank_dir, "\n".join(lines) + "\n")
    assert messages(bank_dir) == [f'{path.as_posix()}, line 7, field text_en: stray quote: a cell with a " in it '
                                  f'must be quoted as a whole, the quote doubled ("like ""this""")']
