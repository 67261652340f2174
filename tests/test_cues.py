"""Cues of form (book.cues): every rule has a test that breaks it; spare meanings in matching
questions are validated, offered and never right; the real banks show no cue."""
from __future__ import annotations

import pytest

from book.bank import BankError, load_bank
from book.cues import bank_cues, cue_problems, length_pointer, report
from book.grading import answer_key, feedback_lines, grade
from book.model import Option, Question
from book.project import Project
from book.render_html import render_question
from conftest import option, question, to_csv


def opt(key, correct, en, ru=None, match_en="", match_ru=None):
    return Option(key=key, answer="" if correct is None else ("yes" if correct else "no"),
                  text={"en": en, "ru": en if ru is None else ru}, feedback={"en": "Why.", "ru": "Почему."},
                  match={"en": match_en, "ru": match_en if match_ru is None else match_ru})


def q(qid, qtype, *options):
    return Question(id=qid, quiz="demo", type=qtype, text={"en": "Q?", "ru": "В?"},
                    feedback={"en": "Because.", "ru": "Потому что."}, options=tuple(options), source="Art. 3")


def even(qid, right="a"):
    """A single-choice question whose options are all the same length: no cue."""
    return q(qid, "single", *(opt(k, k == right, f"Option {k} text") for k in "abcd"))


def longest(qid, ratio=1.3, ru=None):
    """A single-choice question whose right option is longer than each wrong one by `ratio`."""
    right = "x" * int(20 * ratio)
    return q(qid, "single", opt("a", True, right, ru), *(opt(k, False, "y" * 20) for k in "bcd"))


def tf(qid, key):
    return q(qid, "truefalse", opt("true", key == "true", ""), opt("false", key == "false", ""))


def rules(cues):
    return [(c.question, c.rule) for c in cues]


# --- length --------------------------------------------------------------------------------

def test_length_pointer_says_whether_the_right_options_stand_at_one_end():
    assert length_pointer(even("e"), "en") is None
    assert length_pointer(longest("l", 1.05), "en")[0] == "longest"
    assert length_pointer(longest("l", 1.3), "en")[0] == "longest"
    short = q("s", "single", opt("a", True, "x" * 10), *(opt(k, False, "y" * 20) for k in "bc"))
    assert length_pointer(short, "en") == ("shortest", 2.0)
    middle = q("m", "single", opt("a", True, "x" * 15), opt("b", False, "y" * 10), opt("c", False, "y" * 20))
    assert length_pointer(middle, "en") is None


def test_one_right_option_far_longer_than_every_wrong_one_is_a_cue():
    cues = bank_cues("b.csv", [longest("far", 1.6), even("e1"), even("e2"), even("e3")])
    assert ("far", "length") in rules(cues)
    assert "far" in str(cues[0]) and "1.6 times" in str(cues[0]) and str(cues[0]).startswith("b.csv, question far")


def test_right_option_longest_in_more_than_a_third_of_a_bank_is_a_cue():
    fine = [longest("l1"), even("e1"), even("e2"), even("e3"), even("e4")]
    assert bank_cues("b.csv", fine) == []                             # 1 of 5: chance
    cues = bank_cues("b.csv", [longest("l1"), longest("l2"), even("e1"), even("e2")])
    assert rules(cues) == [("", "length"), ("", "length")]            # 2 of 4, in both languages
    assert "l1, l2" in cues[0].message and "2 of 4" in cues[0].message


def mid(qid):
    """A single-choice question whose right option is neither the longest nor the shortest."""
    return q(qid, "single", opt("a", True, "x" * 15), opt("b", False, "y" * 10), opt("c", False, "y" * 20),
             opt("d", False, "y" * 14))


def test_right_option_never_at_either_end_is_a_cue():
    cues = bank_cues("b.csv", [mid(f"m{i}") for i in range(5)])
    assert rules(cues) == [("", "length"), ("", "length")] and "picking from the middle" in cues[0].message
    assert bank_cues("b.csv", [mid(f"m{i}") for i in range(4)] + [longest("l")]) == []
    assert bank_cues("b.csv", [mid(f"m{i}") for i in range(4)]) == []   # too few to tell


def test_shortest_counts_too_and_languages_are_measured_separately():
    short = [q(f"s{i}", "single", opt("a", True, "x" * 10), *(opt(k, False, "y" * 14) for k in "bc"))
             for i in range(2)]
    assert {c.message.split()[0] for c in bank_cues("b.csv", short + [even("e")])} == {"[en]", "[ru]"}
    only_ru = [longest(f"r{i}", 1.0, ru="ж" * 40) for i in range(2)] + [even("e")]
    assert [c.message[:4] for c in bank_cues("b.csv", only_ru)] == ["[ru]"] * 3


def test_multiple_select_right_options_all_longest_is_a_length_cue():
    multi = q("m", "multiple", opt("a", True, "x" * 40), opt("b", True, "x" * 45), opt("c", False, "y" * 20),
              opt("d", False, "y" * 22))
    assert ("m", "length") in rules(bank_cues("b.csv", [multi]))


# --- true/false, multiple select, all/none ---------------------------------------------------

def test_true_false_keys_must_balance_within_a_chapter():
    assert bank_cues("b.csv", [tf("t1", "false"), tf("t2", "false"), tf("t3", "true")]) == []
    cues = bank_cues("b.csv", [tf("t1", "false"), tf("t2", "false")])
    assert rules(cues) == [("", "true/false balance")] and "answering 'false' wins" in cues[0].message


def test_multiple_select_with_the_same_number_of_right_options_is_a_cue():
    def multi(qid, n):
        return q(qid, "multiple", *(opt(k, i < n, f"Option {k}") for i, k in enumerate("abcde")))
    assert bank_cues("b.csv", [multi("m1", 2), multi("m2", 3)]) == []
    assert rules(bank_cues("b.csv", [multi("m1", 3), multi("m2", 3)])) == [("", "multiple select")]
    assert rules(bank_cues("b.csv", [multi("m1", 5)])) == [("m1", "multiple select")]


@pytest.mark.parametrize("en, ru", [("All of the above", "Вариант"), ("Option", "Всё перечисленное выше"),
                                    ("None of these", "Вариант"), ("Option", "Ни один из перечисленных")])
def test_all_or_none_of_the_above_is_a_cue(en, ru):
    bad = q("a", "single", opt("a", True, "Option a"), opt("b", False, "Option b"), opt("c", False, en, ru))
    assert ("a", "all/none of the above") in rules(bank_cues("b.csv", [bad]))


def test_absolute_words_only_in_wrong_options_are_a_cue():
    def marked(qid):
        return q(qid, "single", opt("a", True, "Usually so", "Обычно так"),
                 opt("b", False, "Always so", "Всегда так"), opt("c", False, "Never so", "Никогда так"),
                 opt("d", False, "Only so", "Только так"))
    cues = [c for c in bank_cues("b.csv", [marked(f"m{i}") for i in range(5)]) if c.rule == "absolute words"]
    assert rules(cues) == [("", "absolute words")] * 2 and "100%" in cues[0].message and "25%" in cues[0].message
    def both(qid):   # the right option is as absolute as a wrong one
        return q(qid, "single", opt("a", True, "Always so", "Всегда так"), opt("b", False, "Never so", "Никогда так"),
                 opt("c", False, "Usually so", "Обычно так"), opt("d", False, "Rarely so", "Редко так"))
    fair = [marked("m"), both("b1"), both("b2"), both("b3"), even("e")]
    assert [c for c in bank_cues("b.csv", fair) if c.rule == "absolute words"] == []    # 25 % against 25 %


# --- matching ------------------------------------------------------------------------------

def pairs(*spare):
    return q("m", "matching",
             opt("a", None, "Harbouring", "Укрывательство", "Keeping a person in a place", "Содержание человека где-либо"),
             opt("b", None, "Deception", "Обман", "A false promise about the job", "Ложное обещание о работе"),
             *spare)


SPARE = opt("c", None, "", "", "Crossing a border without papers", "Пересечение границы без документов")


def test_matching_without_a_spare_meaning_is_a_cue():
    assert rules(bank_cues("b.csv", [pairs()])) == [("m", "matching")]
    assert bank_cues("b.csv", [pairs(SPARE)]) == []


def test_matching_term_sharing_a_word_with_its_own_meaning_only_is_a_cue():
    echo = opt("d", None, "Debt bondage", "Долговая кабала", "Working off a debt that keeps growing",
               "Отработка растущего долга")
    cues = bank_cues("b.csv", [q("m", "matching", *pairs(SPARE).options, echo)])
    assert rules(cues) == [("m", "matching")] * 2 and "'debt'" in cues[0].message and "'долговая'" in cues[1].message
    # Russian is measured by stem: «долговая» / «долга»
    echo_ru = opt("d", None, "Bondage", "Долговая кабала", "Working off what keeps growing", "Отработка долга")
    assert [c.message[:4] for c in bank_cues("b.csv", [q("m", "matching", *pairs(SPARE).options, echo_ru)])] == ["[ru]"]


def test_a_word_shared_with_other_meanings_too_does_not_point_to_one_pair():
    common = q("m", "matching",
               opt("a", None, "Work permit", "Разрешение", "Paper that lets a person work", "Документ"),
               opt("b", None, "Forced labour", "Труд", "Work done under threat", "Работа под угрозой"),
               opt("c", None, "", "", "Work chosen freely", "Работа по выбору"))
    assert bank_cues("b.csv", [common]) == []


# --- spare meanings: validation, grading, static quiz -------------------------------------------

def spare_rows(spare_text_en=""):
    return [
        question("terms", type="matching", en="Match.", ru="Сопоставьте."),
        dict(option("terms", "a", "", "Harbouring", "Укрывательство"), match_en="Keeping a person somewhere",
             match_ru="Содержание человека где-либо"),
        dict(option("terms", "b", "", "Deception", "Обман"), match_en="A false promise", match_ru="Ложное обещание"),
        dict(option("terms", "c", "", spare_text_en, ""), match_en="Crossing a border", match_ru="Пересечение границы",
             feedback_en="Not a term here.", feedback_ru="Здесь не термин."),
    ]


def test_spare_meaning_loads_and_is_never_right(bank_dir):
    (bank_dir / "demo.csv").write_text(to_csv(spare_rows()), encoding="utf-8")
    matching = load_bank(bank_dir).questions[0]
    assert [o.key for o in matching.terms()] == ["a", "b"] and [o.key for o in matching.spare_meanings()] == ["c"]
    assert answer_key(matching) == {"pairs": {"a": "a", "b": "b"}}
    assert grade(matching, {"a": "a", "b": "b"}).state == "correct"
    wrong = grade(matching, {"a": "c", "b": "b"})
    assert wrong.state == "incorrect" and wrong.parts == {"a": False, "b": True}
    assert len(feedback_lines(matching, wrong, "en")) == 4                # verdict, two pairs, explanation
    html = render_question(matching, "ru", 1, 1)
    assert html.count("<select") == 2                                     # one per term
    assert html.count('value="c"') == 2                                   # the spare is offered in both
    assert 'class="mq-spare"' in html and "Лишнее значение" in html
    assert '<li class="mq-spare"><span' in html and 'data-part="c"' not in html


def test_widget_offers_the_spare_meaning_to_every_term(bank_dir):
    from book.widget import QuizWidget
    (bank_dir / "demo.csv").write_text(to_csv(spare_rows()), encoding="utf-8")
    bank = load_bank(bank_dir)
    widget = QuizWidget("demo", bank.quiz("demo"), "en").questions[0]
    assert list(widget.pairs) == ["a", "b"]
    assert {value for _, value in widget.pairs["a"].options} == {"", "a", "b", "c"}


def test_a_matching_question_needs_two_terms(bank_dir):
    rows = spare_rows()
    rows[2] = dict(rows[2], text_en="", text_ru="")
    (bank_dir / "demo.csv").write_text(to_csv(rows), encoding="utf-8")
    with pytest.raises(BankError, match="line 2, field option: a matching question needs at least two terms"):
        load_bank(bank_dir)


def test_a_spare_meaning_has_no_term_in_any_language(bank_dir):
    (bank_dir / "demo.csv").write_text(to_csv(spare_rows("Border")), encoding="utf-8")
    with pytest.raises(BankError, match="line 5, field text_ru: missing translation"):
        load_bank(bank_dir)


# --- the real banks ----------------------------------------------------------------------------

def test_cue_problems_name_the_file_and_question(bank_dir):
    rows = [question("t1", type="truefalse"), dict(option("t1", "true", "no", "", "")),
            dict(option("t1", "false", "yes", "", "")),
            question("t2", type="truefalse"), dict(option("t2", "true", "no", "", "")),
            dict(option("t2", "false", "yes", "", ""))]
    (bank_dir / "demo.csv").write_text(to_csv(rows), encoding="utf-8")
    found = cue_problems(load_bank(bank_dir), bank_dir)
    assert len(found) == 1 and found[0].endswith("answering 'false' wins (t1, t2)") and "demo.csv, whole bank" in found[0]


def test_the_real_banks_show_no_cue():
    bank = load_bank()
    assert cue_problems(bank, Project.current().questions) == []
    assert report(bank, Project.current().questions).count("no cue") == len(list(Project.current().questions.glob("*.csv")))


def test_check_fails_a_project_whose_bank_has_a_cue(tmp_path):
    from book.checks import CheckError, check_project
    from conftest import copy_project
    (tmp_path / "p").mkdir()
    root = copy_project(tmp_path / "p")
    path = root / "data" / "questions" / "resources.csv"
    text = path.read_text(encoding="utf-8")
    # the right option of where-to-look made far longer than every wrong one
    path.write_text(text.replace("The UN Trafficking Protocol (2000), Article 3",
                                 "The UN Trafficking Protocol (2000), Article 3, which is the text to quote for the definition"),
                    encoding="utf-8")
    with pytest.raises(CheckError) as info:
        check_project(root)
    assert any("question where-to-look: cue (length): [en]" in p for p in info.value.problems)


def test_enough_graded_questions_besides_scenarios_in_both_languages():
    """Issue 14: at least 80 graded questions per language, 20 of them scenarios; the first
    chapters' other graded questions (choice, true/false, matching) make up at least 55."""
    from book.cues import banks_by_file
    bank = load_bank()
    first = {"distinctions", "language", "opposition", "resources"}
    questions = [q for file, qs in banks_by_file(bank, Project.current().questions).items()
                 if file.rsplit("/", 1)[-1].removesuffix(".csv") in first for q in qs]
    for lang in ("en", "ru"):
        graded = [q for q in questions if q.type not in ("free", "scenario") and q.text[lang]
                  and all(o.text[lang] or o.match[lang] or q.type == "truefalse" for o in q.options)]
        assert len(graded) >= 55, (lang, len(graded))
