"""The words the checks read per language are data (book/i18n/<code>.words.toml): English and
Russian have every entry, a language without the file has none (and the checks say it is not
measured: test_pseudo_language), and a broken file is an error naming its line and field."""
from __future__ import annotations

import re

import pytest

from book import LanguageConfigError
from book.check_words import ENTRIES, Words, parse, words
from book.cues import unmeasured
from book.prose import quoted_spans
from book.quotations import checked_languages

GOOD = '''quotation_marks = ["«»"]

[quotations]
sources = 'Protocol'
title_before = 'report$'
says = ':\\s*$'
ours = 'our translation'
marker = "(our translation)"

[cues]
all_or_none = 'all of the above'
absolute = '\\bonly\\b'
stop_words = """
about above
"""
'''


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_manuals_languages_have_every_entry(lang):
    found = words(lang)
    for table in ENTRIES.values():
        for entry in table:
            assert getattr(found, entry), (lang, entry)
    assert lang in checked_languages() and lang not in unmeasured()


def test_a_language_without_the_file_has_no_words():
    assert words("xx") == Words()


def test_a_file_is_read_into_patterns_words_and_marks():
    found = parse(GOOD, "book/i18n/xx.words.toml")
    assert found.quotation_marks == (("«", "»"),)
    assert found.absolute.search("ONLY this") and not found.sources.search("protocol")  # sources: case counts
    assert found.stop_words == frozenset({"about", "above"}) and found.marker == "(our translation)"


def test_quotation_marks_come_from_the_file():
    text = "a «quoted «inner» text» and “English” and „low“"
    assert [text[a:b] for a, b in quoted_spans(text, "ru")] == ["«quoted «inner» text»", "“English”", "„low“"]
    assert [text[a:b] for a, b in quoted_spans(text, "en")] == ["“English”"]  # English has no pairs of its own


@pytest.mark.parametrize("change, message", [
    (("absolute = '\\\\bonly\\\\b'", "absolute = '(only'"),
     "book/i18n/xx.words.toml, line 12, field cues.absolute: not a valid pattern: missing ), unterminated subpattern"),
    (("marker = ", "markr = "), "book/i18n/xx.words.toml, line 8, field quotations.markr: unknown entry; [quotations] has"),
    (("[cues]", "[cue]"), "book/i18n/xx.words.toml, line 10, field cue: unknown entry; the file has quotation_marks"),
    (('["«»"]', '["«"]'), "book/i18n/xx.words.toml, line 1, field quotation_marks: must be a list of opening and"),
    (("sources = 'Protocol'", "sources = ''"), "book/i18n/xx.words.toml, line 4, field quotations.sources: must be a"),
    (("sources = 'Protocol'", "sources = 'Protocol"), "book/i18n/xx.words.toml: not valid TOML: "),
])
def test_a_broken_file_names_its_line_and_field(change, message):
    old, new = change
    text = GOOD.replace(old.replace("\\\\", "\\"), new)
    assert text != GOOD
    with pytest.raises(LanguageConfigError) as raised:
        parse(text, "book/i18n/xx.words.toml")
    assert str(raised.value).startswith(message), str(raised.value)
    if "TOML" in message:
        assert re.search(r"line 4", str(raised.value))
