"""Cues of form: ways to guess a bank's answer keys without reading the questions.

`./manual check` fails a bank that has any of them, naming the question and the cue;
`python -m book cues` prints a report per bank. The rules, each measured in every language:

- **Length** (single and multiple choice). A question *points by length* when its right options
  are all longer than every wrong one, or all shorter. A bank fails when more than LENGTH_SHARE
  (a third) of its choice questions point the same way (at least two questions; chance gives a
  quarter with four options); when its right answer is never the longest or the shortest option
  (in fewer than MIDDLE_SHARE, a fifth, of five or more single-choice questions, where chance
  gives about half), so that picking from the middle wins; and when any one question's right
  options are LENGTH_OUTLIER (1.5) times longer, or shorter, than every wrong one.
- **True/false balance**: in a bank (one chapter), the number of "true" keys and of "false"
  keys differ by at most one.
- **Multiple select**: when a bank has two or more multiple-select questions, they do not all
  have the same number of right options, and none has every option right.
- **Matching**: at least one spare meaning (a meaning that goes with no term), and no term
  shares a content word with its own meaning that no other meaning has (same stem: see
  same_stem; stop words aside).
- **All / none of the above** in any option.
- **Absolute words** ('always', 'never', 'only', 'nothing', «всегда», «только», «никто»...). A
  test-wise reader drops the options that contain them and guesses among the rest. A bank fails
  when that strategy beats chance by more than ABSOLUTE_GAIN (ten points) over five or more
  single-choice questions.

The rules that read words (all / none of the above, absolute words, the matching's stop words)
read a language's words from its book/i18n/<code>.words.toml ([cues]: book.check_words); in a
language without them they do not apply until its words are added (`unmeasured` names them in
the report). The others measure every language of the manual.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from book.check_words import words
from book.languages import LANGUAGES
from book.model import CHOICE_TYPES, Bank, Question, label

LENGTH_SHARE = 1 / 3
MIDDLE_SHARE = 1 / 5
LENGTH_OUTLIER = 1.5
ABSOLUTE_GAIN = 0.10

WORD = re.compile(r"[^\W\d_]+", re.U)


@dataclass(frozen=True)
class Cue:
    file: str
    question: str          # a question id, or "" for a cue of the whole bank
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"question {self.question}" if self.question else "whole bank"
        return f"{self.file}, {where}: cue ({self.rule}): {self.message}"


# --- length ------------------------------------------------------------------------------------

def length_pointer(question: Question, lang: str) -> tuple[str, float] | None:
    """("longest"|"shortest", ratio) when the right options are all longer (or all shorter) than
    every wrong one, else None. The ratio is shortest right / longest wrong for "longest", and
    shortest wrong / longest right for "shortest" (above 1 either way)."""
    right = [len(o.text[lang]) for o in question.options if o.correct]
    wrong = [len(o.text[lang]) for o in question.options if not o.correct]
    if not right or not wrong:
        return None
    longest, shortest = min(right) / max(wrong), min(wrong) / max(right)
    if longest > 1:
        return "longest", longest
    if shortest > 1:
        return "shortest", shortest
    return None


def _choice(questions) -> list[Question]:
    return [q for q in questions if q.type in CHOICE_TYPES]


def length_cues(file: str, questions) -> list[Cue]:
    cues: list[Cue] = []
    choice = _choice(questions)
    for lang in LANGUAGES:
        pointing: dict[str, list[str]] = {"longest": [], "shortest": []}
        for q in choice:
            found = length_pointer(q, lang)
            if not found:
                continue
            way, ratio = found
            pointing[way].append(q.id)
            if ratio >= LENGTH_OUTLIER:
                options = "options are" if len(q.correct_keys) > 1 else "option is"
                other = "longest" if way == "longest" else "shortest"
                cues.append(Cue(file, q.id, "length", f"[{lang}] the right {options} the {way} by far "
                                f"({ratio:.1f} times the {other} wrong one); make the options of like length"))
        for way, ids in pointing.items():
            if len(ids) >= 2 and len(ids) > LENGTH_SHARE * len(choice):
                cues.append(Cue(file, "", "length", f"[{lang}] the right option is the {way} in {len(ids)} of "
                                f"{len(choice)} choice questions (more than a third): {', '.join(ids)}"))
        single = [q for q in choice if q.type == "single"]
        extreme = [q.id for q in single if length_pointer(q, lang)]
        if len(single) >= 5 and len(extreme) < MIDDLE_SHARE * len(single):
            cues.append(Cue(file, "", "length", f"[{lang}] the right option is the longest or the shortest in only "
                            f"{len(extreme)} of {len(single)} single-choice questions (less than a fifth): "
                            f"picking from the middle wins"))
    return cues


# --- true/false, multiple select, all/none of the above -----------------------------------------

def true_false_cues(file: str, questions) -> list[Cue]:
    keys = Counter(next(iter(q.correct_keys)) for q in questions if q.type == "truefalse" and q.correct_keys)
    if abs(keys["true"] - keys["false"]) > 1:
        more = "true" if keys["true"] > keys["false"] else "false"
        ids = [q.id for q in questions if q.type == "truefalse" and more in q.correct_keys]
        return [Cue(file, "", "true/false balance", f"{keys['true']} 'true' keys against {keys['false']} 'false' "
                    f"keys; answering '{more}' wins ({', '.join(ids)})")]
    return []


def multiple_cues(file: str, questions) -> list[Cue]:
    multiple = [q for q in questions if q.type == "multiple"]
    cues = [Cue(file, q.id, "multiple select", "every option is right") for q in multiple
            if len(q.correct_keys) == len(q.options)]
    counts = {len(q.correct_keys) for q in multiple}
    if len(multiple) >= 2 and len(counts) == 1:
        cues.append(Cue(file, "", "multiple select", f"all {len(multiple)} multiple-select questions have exactly "
                        f"{counts.pop()} right options ({', '.join(q.id for q in multiple)}); vary the number"))
    return cues


def absolute_word_score(questions, lang: str) -> tuple[float, float]:
    """(expected score of guessing among the options without absolute words, expected score of
    guessing among all options), averaged over single-choice questions."""
    single = [q for q in questions if q.type == "single"]
    absolute = words(lang).absolute
    if not single or absolute is None:
        return 0.0, 0.0
    score = chance = 0.0
    for q in single:
        plain = [o for o in q.options if not absolute.search(o.text[lang])] or list(q.options)
        score += sum(o.correct for o in plain) / len(plain)
        chance += 1 / len(q.options)
    return score / len(single), chance / len(single)


def absolute_word_cues(file: str, questions) -> list[Cue]:
    cues: list[Cue] = []
    if sum(q.type == "single" for q in questions) < 5:
        return cues
    for lang in LANGUAGES:
        score, chance = absolute_word_score(questions, lang)
        if score - chance > ABSOLUTE_GAIN:
            cues.append(Cue(file, "", "absolute words", f"[{lang}] dropping the options with words such as "
                            f"'always', 'only', 'nothing' and guessing among the rest scores {score:.0%}, "
                            f"against {chance:.0%} by chance: qualify the right options as much as the wrong ones"))
    return cues


def all_or_none_cues(file: str, questions) -> list[Cue]:
    return [Cue(file, q.id, "all/none of the above", f"[{lang}] option {o.key}: {o.text[lang]!r}")
            for q in questions if q.type in CHOICE_TYPES for o in q.options for lang in LANGUAGES
            if (pattern := words(lang).all_or_none) and pattern.search(o.text[lang])]


# --- matching ----------------------------------------------------------------------------------

def content_words(text: str, lang: str) -> set[str]:
    """Words of four letters or more, lower case, stop words aside."""
    stop_words = words(lang).stop_words or frozenset()
    found = (w.lower().replace("ё", "е") for w in WORD.findall(text))
    return {w for w in found if len(w) >= 4 and w not in stop_words}


def unmeasured() -> dict[str, list[str]]:
    """{language: the rules that read words and have none of its words yet}."""
    entries = {"all/none of the above": "all_or_none", "absolute words": "absolute",
               "matching stop words": "stop_words"}
    found = {lang: [rule for rule, entry in entries.items() if getattr(words(lang), entry) is None]
             for lang in LANGUAGES}
    return {lang: rules for lang, rules in found.items() if rules}


def same_stem(a: str, b: str) -> bool:
    """Two words share a stem when their common beginning is four letters or more and at least
    0.6 of the shorter word: 'debt'/'debts', «долговая»/«долга», 'work'/'worker', but not
    «перевозка»/«переезд» or 'exploit'/'explain'."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= 0.6 * min(len(a), len(b))


def shared_words(a: set[str], b: set[str]) -> set[str]:
    return {x for x in a if any(same_stem(x, y) for y in b)}


def matching_cues(file: str, questions) -> list[Cue]:
    cues: list[Cue] = []
    for q in questions:
        if q.type != "matching":
            continue
        if not q.spare_meanings():
            cues.append(Cue(file, q.id, "matching", "no spare meaning: as many meanings as terms, so the last "
                                                    "pair matches itself; add a meaning that fits no term"))
        for lang in LANGUAGES:
            meanings = {o.key: content_words(o.match[lang], lang) for o in q.options}
            for term in q.terms():
                others = set().union(*(s for k, s in meanings.items() if k != term.key))
                mine = shared_words(content_words(term.text[lang], lang), meanings[term.key])
                shared = {w for w in mine if not shared_words({w}, others)}
                if shared:
                    cues.append(Cue(file, q.id, "matching", f"[{lang}] term {term.text[lang]!r} shares "
                                    f"'{', '.join(sorted(shared))}' with its own meaning and no other"))
    return cues


RULES = (length_cues, true_false_cues, multiple_cues, matching_cues, all_or_none_cues, absolute_word_cues)


def bank_cues(file: str, questions) -> list[Cue]:
    return [cue for rule in RULES for cue in rule(file, list(questions))]


def banks_by_file(bank: Bank, directory: Path) -> dict[str, list[Question]]:
    """The bank's questions grouped by the file they came from (one file per chapter)."""
    by_id = {q.id: q for q in bank.questions}
    grouped: dict[str, list[Question]] = {}
    for path in sorted(Path(directory).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            ids = [row["question"].strip() for row in csv.DictReader(f) if not row.get("option", "").strip()]
        grouped[label(path)] = [by_id[i] for i in ids if i in by_id]
    return grouped


def cue_problems(bank: Bank, directory: Path) -> list[str]:
    return [str(c) for file, qs in banks_by_file(bank, directory).items() for c in bank_cues(file, qs)]


def report(bank: Bank, directory: Path) -> str:
    """A report per bank: what was measured, and every cue found (or 'no cue')."""
    lines = []
    for file, questions in banks_by_file(bank, directory).items():
        types = Counter(q.type for q in questions)
        graded = sum(n for t, n in types.items() if t != "free")
        lines.append(f"{file}: {len(questions)} questions, {graded} graded "
                     f"({', '.join(f'{n} {t}' for t, n in sorted(types.items()))})")
        choice = _choice(questions)
        for lang in LANGUAGES:
            ways = Counter((length_pointer(q, lang) or ("neither",))[0] for q in choice)
            if choice:
                lines.append(f"  length [{lang}]: right options longest in {ways['longest']}, shortest in "
                             f"{ways['shortest']}, neither in {ways['neither']} of {len(choice)} choice questions")
        tf = Counter(next(iter(q.correct_keys)) for q in questions if q.type == "truefalse")
        if tf:
            lines.append(f"  true/false keys: {tf['true']} true, {tf['false']} false")
        for lang in LANGUAGES:
            score, chance = absolute_word_score(questions, lang)
            if score:
                lines.append(f"  absolute words [{lang}]: guessing among the options without them scores {score:.0%}, "
                             f"chance {chance:.0%}")
        multi = [len(q.correct_keys) for q in questions if q.type == "multiple"]
        if multi:
            lines.append(f"  multiple select: right options per question {sorted(multi)}")
        for q in questions:
            if q.type == "matching":
                lines.append(f"  matching {q.id}: {len(q.terms())} terms, {len(q.spare_meanings())} spare meaning(s)")
        cues = bank_cues(file, questions)
        lines += [f"  CUE {c.question or '(bank)'}: {c.rule}: {c.message}" for c in cues] or ["  no cue"]
    lines += [f"not measured in {lang} (no word list for it in book/cues.py): {', '.join(rules)}"
              for lang, rules in unmeasured().items()]
    return "\n".join(lines)
