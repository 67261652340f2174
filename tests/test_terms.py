"""The term base (data/terms.csv) and its check: an avoided variant fails with file, line and
the preferred term; a mention (quotation marks, a whole-cell option, an allow comment) passes;
inflected forms are caught; the glossary and the term base do not contradict each other."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from book.glossary import load_glossary
from book.model import DataError
from book.terms import COLUMNS, glossary_conflicts, load_terms, term_problems

ROOT = Path(__file__).resolve().parent.parent


def concept(cid="document-retention", **values):
    row = dict.fromkeys(COLUMNS, "")
    row.update(id=cid, use_en="document retention", use_ru="удержание документов",
               avoid_ru=r"изъяти\w* (\w+ )?документ\w*", why="One ILO indicator, one term.")
    row.update(values)
    return row


def project(tmp_path, rows, chapter_ru="Текст.\n", chapter_en="Text.\n", bank_ru=None) -> Path:
    (tmp_path / "data" / "questions").mkdir(parents=True)
    for lang, text in (("en", chapter_en), ("ru", chapter_ru)):
        (tmp_path / "notebooks" / lang).mkdir(parents=True)
        (tmp_path / "notebooks" / lang / "page.md").write_text(text, encoding="utf-8")
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (tmp_path / "data" / "terms.csv").write_text(out.getvalue(), encoding="utf-8")
    if bank_ru is not None:
        (tmp_path / "data" / "questions" / "b.csv").write_text(
            "quiz,question,option,type,correct,text_en,text_ru\n" + "".join(
                f'q,x{i},,single,,"Text","{t}"\n' for i, t in enumerate(bank_ru)), encoding="utf-8")
    return tmp_path


def test_avoided_variant_fails_with_file_line_and_preferred_term(tmp_path):
    root = project(tmp_path, [concept()], "# Заголовок\n\nНазывайте вред: изъятие документов.\n")
    [problem] = term_problems(root)
    assert problem.startswith("notebooks/ru/page.md, line 3: 'изъятие документов'")
    assert "use 'удержание документов'" in problem and "document-retention" in problem


@pytest.mark.parametrize("form", ["изъятия документов", "изъятием их документов", "Изъятию документа"])
def test_inflected_forms_are_caught(tmp_path, form):
    root = project(tmp_path, [concept()], f"Вред: {form}.\n")
    assert len(term_problems(root)) == 1


@pytest.mark.parametrize("text", [
    "Закон говорит: «с изъятием, сокрытием либо уничтожением документов».",   # a quotation
    "Слово «изъятие документов» мы не используем.",                          # the word itself
    "% terms: allow document-retention (the law's own words)\nВ законе — изъятие документов.",
    "Код `изъятие документов` не проверяется.",
])
def test_a_mention_passes(tmp_path, text):
    root = project(tmp_path, [concept()], text + "\n")
    assert term_problems(root) == []


def test_allow_comment_covers_one_paragraph_only(tmp_path):
    text = "% terms: allow document-retention\nИзъятие документов.\n\nИзъятие документов.\n"
    [problem] = term_problems(project(tmp_path, [concept()], text))
    assert ", line 4:" in problem


def test_except_context_passes(tmp_path):
    row = concept(except_ru=r"изъяти\w*, сокрыти\w*")
    assert term_problems(project(tmp_path, [row], "Отягчает: изъятие, сокрытие или уничтожение документов.\n")) == []


def test_bank_cell_fails_unless_it_is_only_the_word(tmp_path):
    root = project(tmp_path, [concept()], bank_ru=["Это изъятие документов.", "Изъятие документов"])
    [problem] = term_problems(root)
    assert problem.startswith("data/questions/b.csv, line 2:")


def test_english_rules_apply_to_english_pages_only(tmp_path):
    row = concept(avoid_en=r"sex business\w*", use_en="sex industry")
    root = project(tmp_path, [row], "Текст про sex business.\n", "The sex businesses.\n")
    [problem] = term_problems(root)
    assert problem.startswith("notebooks/en/page.md, line 1: 'sex businesses': use 'sex industry'")


@pytest.mark.parametrize("field,value,message", [
    ("id", "Bad Id", "lowercase slug"),
    ("avoid_ru", "изъяти(", "not a valid regular expression"),
    ("why", "", "every row says why"),
    ("use_ru", "", "empty preferred term"),
])
def test_every_rule_of_the_term_base(tmp_path, field, value, message):
    root = project(tmp_path, [concept(**{field: value})])
    with pytest.raises(DataError, match=message):
        load_terms(root / "data" / "terms.csv")


def test_glossary_and_term_base_agree():
    assert glossary_conflicts(load_terms(ROOT / "data" / "terms.csv"), load_glossary(ROOT / "data" / "glossary.csv")) == []


def test_glossary_conflicts_are_found(tmp_path):
    shutil.copy(ROOT / "data" / "glossary.csv", tmp_path / "glossary.csv")
    rows = list(csv.DictReader((ROOT / "data" / "terms.csv").open(encoding="utf-8")))
    for row in rows:
        if row["id"] == "sex-worker":
            row["avoid_ru"] = ""          # the glossary's «проститутка» is no longer caught
        if row["id"] == "swan":
            row["avoid_ru"] += r"; секс-работни\w*"   # the glossary recommends it
    root = project(tmp_path / "p", rows)
    problems = glossary_conflicts(load_terms(root / "data" / "terms.csv"), load_glossary(tmp_path / "glossary.csv"))
    assert any("says avoid 'проститутка'" in p for p in problems)
    assert any("recommends 'секс-работник; секс-работница'" in p for p in problems)


def test_real_chapters_banks_and_glossary_pass():
    assert term_problems(ROOT) == []


def test_ui_strings_are_checked(tmp_path):
    root = project(tmp_path, [concept()])
    (root / "book" / "i18n").mkdir(parents=True)
    (root / "book" / "i18n" / "ru.json").write_text('{\n  "note": "Без изъятия документов."\n}\n', encoding="utf-8")
    [problem] = term_problems(root)
    assert problem.startswith("book/i18n/ru.json, line 2: 'изъятия документов'")
