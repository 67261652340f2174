"""The glossary: loads, every rule has a test that breaks it, renders as an escaped table."""
from __future__ import annotations

import csv
import io

import pytest

from book.glossary import COLUMNS, load_glossary
from book.quiz import Glossary
from book.render_html import render_glossary
from book.tables import DataError


def term(tid="sex-worker", **values):
    row = dict(id=tid, use_en="sex worker", use_ru="секс-работник", avoid_en="prostitute; hooker",
               avoid_ru="проститутка", why_en="Names work, not a stigma.", why_ru="Называет работу, а не клеймо.",
               source="UNAIDS Guidance Note on HIV and Sex Work, 2012")
    row.update(values)
    return row


def write(tmp_path, rows, columns=COLUMNS):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    path = tmp_path / "glossary.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def good():
    return [term(), term("client", use_en="client", use_ru="клиент", avoid_en="", avoid_ru="",
                         why_en="Neutral.", why_ru="Нейтрально.", source="stoptheraids.org style guide")]


def test_good_glossary_loads(tmp_path):
    terms = load_glossary(write(tmp_path, good()))
    assert [x.id for x in terms] == ["sex-worker", "client"]
    assert terms[0].avoid["en"] == ("prostitute", "hooker")


BREAKS = [
    ("id not a slug", lambda r: r[0].update(id="Sex Worker"), 2, "id", "slug"),
    ("duplicate id", lambda r: r[1].update(id="sex-worker"), 3, "id", "duplicate term id"),
    ("no source", lambda r: r[0].update(source=""), 2, "source", "names its source"),
    ("no recommended term", lambda r: r[0].update(use_en="", use_ru=""), 2, "use_en", "empty recommended term"),
    ("no reason", lambda r: r[1].update(why_en="", why_ru=""), 3, "why_ru", "empty reason"),
    ("untranslated avoid", lambda r: r[1].update(avoid_en="john"), 3, "avoid_ru", "missing translation"),
    ("untranslated term", lambda r: r[0].update(use_ru=""), 2, "use_ru", "missing translation"),
    ("markup", lambda r: r[0].update(why_en="<b>Never</b> say it."), 2, "why_en", "plain text only"),
    ("line break", lambda r: r[0].update(why_ru="Строка\nещё"), 2, "why_ru", "line break"),
]


@pytest.mark.parametrize("rule,mutate,row,field,words", BREAKS, ids=[b[0] for b in BREAKS])
def test_each_rule_fires(tmp_path, rule, mutate, row, field, words):
    rows = good()
    mutate(rows)
    with pytest.raises(DataError) as info:
        load_glossary(write(tmp_path, rows))
    assert any(p.line == row and p.field == field and words in p.message for p in info.value.problems), \
        str(info.value)


def test_wrong_header(tmp_path):
    with pytest.raises(DataError, match="line 1, field source: missing column"):
        load_glossary(write(tmp_path, good(), columns=[c for c in COLUMNS if c != "source"]))


def test_table_in_each_language_is_escaped(tmp_path):
    rows = good()
    terms = load_glossary(write(tmp_path, rows))
    ru = render_glossary(terms, "ru")
    assert "<th scope=\"col\">Избегайте</th>" in ru and "секс-работник" in ru and "sex worker" not in ru
    assert "<td>—</td>" in ru  # nothing to avoid for "client" in Russian
    import dataclasses
    evil = dataclasses.replace(terms[0], use={"en": "<script>x</script>", "ru": "x"})
    assert "<script>" not in render_glossary((evil,), "en")


def test_project_glossary_renders_in_notebooks():
    g = Glossary("ru")
    assert len(g.terms) >= 10
    assert g._repr_html_().startswith('<table class="mq-glossary')


def messages(path):
    with pytest.raises(DataError) as info:
        load_glossary(path)
    return [str(p) for p in info.value.problems]


def test_term_repeated_under_a_new_id(tmp_path):
    rows = good() + [term("sex-workers", use_en="Sex  Worker", use_ru="работник секс-индустрии")]
    path = write(tmp_path, rows)
    assert messages(path) == [f"{path.as_posix()}, line 4, field use_en: repeats the term 'Sex  Worker' of "
                              f"'sex-worker' (line 2) under a new id: edit that row instead"]


def test_markup_in_source(tmp_path):
    rows = good()
    rows[1]["source"] = "[style guide](http://example.org)"
    path = write(tmp_path, rows)
    assert messages(path) == [f"{path.as_posix()}, line 3, field source: plain text only: no HTML or Markdown markup"]


def test_russian_in_an_english_field(tmp_path):
    rows = good()
    rows[0]["why_en"] = rows[0]["why_ru"]
    path = write(tmp_path, rows)
    assert messages(path) == [f"{path.as_posix()}, line 2, field why_en: looks like Russian text: more than 40% of "
                              f"its letters are Cyrillic (names and titles in the other alphabet are fine, "
                              f"whole sentences are not)"]
