"""Question banks: load the CSV files in ``data/questions/``, validate them, build questions.

A bank file holds both languages side by side. Rows come in groups: a *question row*
(``option`` empty) followed by its *option rows* (``option`` = a, b, c...). Every problem is
reported with the file, the line the row starts on (the header is line 1) and the field, and all
problems are collected before anything is rendered or built.

The row rules are a pandera schema; the things pandera cannot see (bytes that are not UTF-8, a
quote left open, a malformed row, a header that is not the expected one, invisible characters)
are checked before it runs (book.tables, book.csvfile).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from book.languages import LANGUAGES
from book.model import (CHOICE_TYPES, ELEMENT_ANSWERS, ELEMENTS, FIXED_KEYS, QUESTION_TYPES, VERDICTS, Bank,
                        Option, Question, questions_dir)
from book.tables import (SLUG, DataError, Problem, RowSchema, Rule, blank_in_every_language, label,
                         line_break_rules, plain_text_rules, read_table, script_rules, translation_rules)


TRANSLATED = ("text", "match", "feedback")
COLUMNS = ("quiz", "question", "option", "type", "correct",
           *(f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES), "source")


BankError = DataError  # the banks' problems, by file, line and field


# --- the row rules -----------------------------------------------------------------------
# Each rule: (field it is about, message, function of the whole frame -> True where a row is fine).

def _is_question(df: pd.DataFrame) -> pd.Series:
    return df["option"] == ""


def _group(df: pd.DataFrame) -> pd.Series:
    """For every row, the number of the question group it belongs to."""
    return _is_question(df).cumsum()


def _parent(df: pd.DataFrame, column: str) -> pd.Series:
    """For every row, `column` of the question row that opens its group."""
    return df[column].where(_is_question(df)).ffill().fillna("")


def _count_in_group(df: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return mask.groupby(_group(df)).transform("sum")


def _parent_type(df: pd.DataFrame) -> pd.Series:
    return _parent(df, "type")


def _option_of(df: pd.DataFrame, *types: str) -> pd.Series:
    return ~_is_question(df) & _parent_type(df).isin(types)


def _type_text_rules() -> list[Rule]:
    """Which texts each kind of row needs, in every language."""
    labelled = [t for t in QUESTION_TYPES if t not in FIXED_KEYS]
    explained = (*CHOICE_TYPES, *FIXED_KEYS)  # option rows that must say why
    rules: list[Rule] = []
    for lang in LANGUAGES:
        def blank(df, field, lang=lang):
            return (df[f"{field}_{lang}"] == "") & blank_in_every_language(df, field)

        rules += [
            (f"text_{lang}", "empty question text",
             lambda df, blank=blank: ~(_is_question(df) & blank(df, "text"))),
            (f"text_{lang}", "empty option",
             lambda df, blank=blank: ~(_option_of(df, *labelled) & blank(df, "text")
                                       & ~(_option_of(df, "matching") & ~blank(df, "match")))),
            (f"text_{lang}", "must be empty: true/false and scenario labels come from the UI catalog",
             lambda df, lang=lang: ~(_option_of(df, *FIXED_KEYS) & (df[f"text_{lang}"] != ""))),
            (f"feedback_{lang}", "empty feedback: every question and every answer says why "
                                 "(for a free-response question: the model answer)",
             lambda df, blank=blank: ~((_is_question(df) | _option_of(df, *explained)) & blank(df, "feedback"))),
            (f"feedback_{lang}", "must be empty on a free-response self-check item",
             lambda df, lang=lang: ~(_option_of(df, "free") & (df[f"feedback_{lang}"] != ""))),
            (f"match_{lang}", "a matching pair needs its meaning",
             lambda df, blank=blank: ~(_option_of(df, "matching") & blank(df, "match"))),
            (f"match_{lang}", "only matching options have a meaning",
             lambda df, lang=lang: _option_of(df, "matching") | (df[f"match_{lang}"] == "")),
        ]
    return rules


TEXT_COLUMNS = [f"{field}_{lang}" for field in TRANSLATED for lang in LANGUAGES]


def _fixed_keys_ok(df: pd.DataFrame) -> pd.Series:
    """Options of true/false and scenario questions are exactly the fixed keys, in order."""
    position = (~_is_question(df)).groupby(_group(df)).cumsum()
    ok = pd.Series(True, index=df.index)
    for qtype, keys in FIXED_KEYS.items():
        rows = _option_of(df, qtype)
        expected = position[rows].map(lambda i, keys=keys: keys[i - 1] if i <= len(keys) else None)
        ok[rows] = df.loc[rows, "option"] == expected
        heads = _is_question(df) & (df["type"] == qtype)
        count = _count_in_group(df, _option_of(df, qtype))
        ok[heads] &= count[heads] == len(keys)
    return ok


def _yes_count(df: pd.DataFrame) -> pd.Series:
    return _count_in_group(df, df["correct"] == "yes")


def _is_head(df: pd.DataFrame, *types: str) -> pd.Series:
    return _is_question(df) & df["type"].isin(types)


def _usual_wrong_ok(df: pd.DataFrame) -> pd.Series:
    """A question row's `correct`, when given, names the usual wrong answer: one of its own wrong
    options (choice, true/false) or a verdict other than the key (scenario)."""
    group = _group(df)
    wrong = df[~_is_question(df) & (df["correct"] == "no")]
    wrong_keys = wrong.groupby(group[wrong.index])["option"].agg(set)
    verdict_rows = df[~_is_question(df) & (df["option"] == "verdict")]
    verdict = verdict_rows.groupby(group[verdict_rows.index])["correct"].first()
    ok = pd.Series(True, index=df.index)
    for i in df.index[_is_question(df) & (df["correct"] != "")]:
        value, g, qtype = df.at[i, "correct"], group[i], df.at[i, "type"]
        if qtype == "scenario":
            ok[i] = value in VERDICTS and value != verdict.get(g)
        else:
            ok[i] = qtype in (*CHOICE_TYPES, "truefalse") and value in wrong_keys.get(g, set())
    return ok


ROW_RULES: list[Rule] = [
    ("quiz", "must be a lowercase slug like 'three-elements'",
     lambda df: df["quiz"].str.fullmatch(SLUG)),
    ("question", "must be a lowercase slug like 'consent-irrelevant'",
     lambda df: df["question"].str.fullmatch(SLUG)),
    ("option", "option key must be one lowercase letter (or true/false, act/means/purpose/verdict), "
               "and empty on a question row",
     lambda df: df["option"].str.fullmatch(r"[a-z]?|true|false|act|means|purpose|verdict")),
    ("type", f"unknown question type; known types: {', '.join(QUESTION_TYPES)}",
     lambda df: ~_is_question(df) | df["type"].isin(QUESTION_TYPES)),
    ("type", "must be empty on an option row (the type belongs to the question row)",
     lambda df: _is_question(df) | (df["type"] == "")),
    ("correct", "on a question row: empty, or the usual wrong answer — the key of one of its options "
                "marked 'no' (a scenario: a verdict other than its own; none for matching or free response)",
     _usual_wrong_ok),
    ("correct", "must be 'yes' or 'no' on this option row",
     lambda df: ~_option_of(df, *CHOICE_TYPES, "truefalse") | df["correct"].isin(["yes", "no"])),
    ("correct", f"what the case says about this element must be one of: {', '.join(ELEMENT_ANSWERS)}",
     lambda df: ~(_option_of(df, "scenario") & df["option"].isin(ELEMENTS)) | df["correct"].isin(ELEMENT_ANSWERS)),
    ("correct", f"the verdict must be one of: {', '.join(VERDICTS)}",
     lambda df: ~(_option_of(df, "scenario") & (df["option"] == "verdict")) | df["correct"].isin(VERDICTS)),
    ("correct", "must be empty for matching pairs and free-response self-check items",
     lambda df: ~_option_of(df, "matching", "free") | (df["correct"] == "")),
    ("source", "a question row must name its source (treaty and article, report and year)",
     lambda df: ~_is_question(df) | (df["source"] != "")),
    ("question", "duplicate question id",
     lambda df: ~(_is_question(df) & df["question"].where(_is_question(df)).duplicated(keep="first"))),
    ("option", "option row comes before any question row",
     lambda df: _group(df) > 0),
    ("question", "option row does not belong to the question above it",
     lambda df: _is_question(df) | ((df["question"] == _parent(df, "question"))
                                     & (df["quiz"] == _parent(df, "quiz")))),
    ("option", "duplicate option key in this question",
     lambda df: _is_question(df) | ~df.duplicated(subset=["question", "option"], keep="first")),
    *[(f"{field}_{lang}", "duplicate option text in this question",
       lambda df, col=f"{field}_{lang}": _is_question(df) | (df[col] == "")
       | ~df.assign(g=_group(df)).duplicated(subset=["g", col], keep="first"))
      for field in ("text", "match") for lang in LANGUAGES],
    ("option", "a question needs at least two options (a free-response question: one self-check item)",
     lambda df: ~_is_question(df)
     | (_count_in_group(df, ~_is_question(df)) >= df["type"].map(lambda t: 1 if t == "free" else 2))),
    ("option", "true/false options must be exactly 'true' then 'false'; scenario options exactly "
               "'act', 'means', 'purpose', 'verdict' in that order",
     _fixed_keys_ok),
    ("correct", "a single-choice or true/false question needs exactly one option marked 'yes' "
                "(the answer key must be one of its options)",
     lambda df: ~_is_head(df, "single", "truefalse") | (_yes_count(df) == 1)),
    ("option", "a matching question needs at least two terms (a row with a meaning and no term is a "
               "spare meaning)",
     lambda df: ~_is_head(df, "matching")
     | (_count_in_group(df, _option_of(df, "matching") & ~blank_in_every_language(df, "text")) >= 2)),
    ("correct", "a multiple-select question needs at least one option marked 'yes'",
     lambda df: ~_is_head(df, "multiple") | (_yes_count(df) >= 1)),
    *line_break_rules(COLUMNS),
    *translation_rules(TRANSLATED),
    *plain_text_rules([*TEXT_COLUMNS, "source"]),
    *script_rules(TEXT_COLUMNS),
    *_type_text_rules(),
]

SCHEMA = RowSchema(COLUMNS, ROW_RULES)


def read_bank_file(path: Path, name: str | None = None) -> pd.DataFrame:
    """Read one bank file as strings, raising BankError for bytes or header problems."""
    return read_table(path, COLUMNS, name)


def validate_frame(df: pd.DataFrame, name: str) -> list[Problem]:
    return SCHEMA.problems(df, name)


def frame_to_questions(df: pd.DataFrame) -> list[Question]:
    questions = []
    for _, group in df.groupby(_group(df), sort=True):
        head, opts = group.iloc[0], group.iloc[1:]
        questions.append(Question(
            id=head["question"], quiz=head["quiz"], type=head["type"], source=head["source"],
            usual_wrong=head["correct"],
            text={lang: head[f"text_{lang}"] for lang in LANGUAGES},
            feedback={lang: head[f"feedback_{lang}"] for lang in LANGUAGES},
            options=tuple(Option(
                key=o["option"], answer=o["correct"],
                text={lang: o[f"text_{lang}"] for lang in LANGUAGES},
                feedback={lang: o[f"feedback_{lang}"] for lang in LANGUAGES},
                match={lang: o[f"match_{lang}"] for lang in LANGUAGES},
            ) for _, o in opts.iterrows()),
        ))
    return questions




def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate every ``*.csv`` bank in `directory`; raise BankError listing all problems."""
    directory = Path(directory) if directory else questions_dir()
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise BankError([Problem(label(Path(directory)), 0, "*", "no question bank (*.csv) found")])
    problems: list[Problem] = []
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in files:
        name = label(path)
        try:
            df = read_bank_file(path, name)
        except BankError as exc:
            problems += exc.problems
            continue
        found = validate_frame(df, name)
        problems += found
        if found:
            continue
        for q, index in zip(frame_to_questions(df), df.index[_is_question(df)]):
            if q.id in seen:
                problems.append(Problem(name, int(index), "question",
                                        f"duplicate question id (also in {seen[q.id]})"))
            seen[q.id] = name
            questions.append(q)
    if problems:
        raise BankError(problems)
    return Bank(tuple(questions))
