"""Honest quotations: words in quotation marks attributed to a source are its official wording
(data/quotations.csv) or marked as our translation; the check fails with file and line."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from book.model import DataError
from book.quotations import COLUMNS, load_quotations, quotation_problems

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_RU = ("осуществляемые в целях эксплуатации вербовку, перевозку, передачу, укрывательство или "
               "получение людей путем угрозы силой или ее применения")


def project(tmp_path, ru: str, en: str = "Text.\n", rows=None) -> Path:
    for lang, text in (("en", en), ("ru", ru)):
        (tmp_path / "notebooks" / lang).mkdir(parents=True, exist_ok=True)
        (tmp_path / "notebooks" / lang / "p.md").write_text(text, encoding="utf-8")
    (tmp_path / "data" / "questions").mkdir(parents=True, exist_ok=True)
    rows = rows if rows is not None else [dict(id="palermo-3a-ru", source="Protocol, Art. 3(a)", lang="ru",
                                               text=OFFICIAL_RU, checked="facts.md")]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (tmp_path / "data" / "quotations.csv").write_text(out.getvalue(), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", [
    "Согласно ст. 3(a) Протокола, торговля людьми — это «осуществляемые в целях эксплуатации вербовку, "
    "перевозку, передачу, укрывательство или получение людей».",                       # official wording
    "Протокол называет: «осуществляемые в целях эксплуатации вербовку … путём угрозы силой или её применения».",
    "В руководстве СВАН сказано (в нашем переводе): «жертвы преступлений — это истцы».",  # marked translation
    "Руководство СВАН называет это так: «жертвы преступлений — это истцы» (наш перевод).",
    "Доклад «Глобальные оценки современного рабства» (2022) показывает это.",          # a title
    "Оппонент говорит: «любая секс-работа — это насилие».",                           # no source named
    "% quote: allow (a speaker in a composite case)\nПолицейский из доклада говорит: «мы спасли всех этих женщин».",
])
def test_honest_quotations_pass(tmp_path, text):
    assert quotation_problems(project(tmp_path, text + "\n")) == []


def test_our_translation_presented_as_a_sources_words_fails_with_its_line(tmp_path):
    root = project(tmp_path, "Заголовок.\n\nВ руководстве СВАН сказано: «жертвы преступлений — это истцы».\n")
    [problem] = quotation_problems(root)
    assert problem.startswith("notebooks/ru/p.md, line 3: quotation 'жертвы преступлений — это истцы'")
    assert "(в нашем переводе)" in problem


def test_a_misquoted_official_text_fails(tmp_path):
    root = project(tmp_path, "Согласно ст. 3(a) Протокола, это «осуществляемые в целях эксплуатации наём людей».\n")
    assert len(quotation_problems(root)) == 1


def test_english_quotation_in_a_bank_is_checked(tmp_path):
    root = project(tmp_path, "Текст.\n")
    (root / "data" / "questions" / "b.csv").write_text(
        'quiz,question,text_en,text_ru\nq,x,"The SWAN manual says: \'victims are always plaintiffs in court\'",Текст\n',
        encoding="utf-8")
    [problem] = quotation_problems(root)
    assert problem.startswith("data/questions/b.csv, line 2:") and "(our translation)" in problem


@pytest.mark.parametrize("field,value,message", [
    ("lang", "de", "must be en or ru"), ("checked", "", "say where"), ("text", "", "empty official text")])
def test_every_rule_of_the_registry(tmp_path, field, value, message):
    row = dict(id="x", source="s", lang="ru", text="t", checked="c")
    row[field] = value
    root = project(tmp_path, "Текст.\n", rows=[row])
    with pytest.raises(DataError, match=message):
        load_quotations(root / "data" / "quotations.csv")


def test_real_chapters_and_banks_quote_honestly():
    assert quotation_problems(ROOT) == []
