"""Citations (sphinxcontrib-bibtex): every chapter in _toc.yml, in both languages, ends with a
references section that is a {footbibliography} (no hand-made numbered list); every {footcite} and
{cite} key resolves in its language's notebooks/<lang>/references.bib; both languages have the same
entries and cite the same sources on each page; the bibliography style shows learners no entry's
'checked' or 'quoteids' (our checking process); an entry used for a quotation holds the
verbatim text and where it was checked (the registry data/quotations.csv); and every official quotation on a page with a bibliography
cites, in its paragraph, the entry that holds its wording. Each rule has a test that breaks it."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from book.chapters import NOT_CHAPTERS, toc_pages
from book.prose import chapter_lines
from book.quotations import attributed_quotes, is_official, normal
from conftest import ROOT

LANGS = ("en", "ru")
ROLE = re.compile(r"\{(?:foot)?cite(?::\w+)?\}`([^`]+)`")


def bib(root: Path, lang: str):
    return parse_file(str(root / "notebooks" / lang / "references.bib"), "bibtex").entries


def registry(root: Path) -> dict[str, dict]:
    with (root / "data" / "quotations.csv").open(encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def cited_pages(root: Path, lang: str) -> list[Path]:
    return [p for p in sorted((root / "notebooks" / lang).glob("*.md"))
            if "{footbibliography}" in p.read_text(encoding="utf-8")]


def chapters(root: Path) -> list[str]:
    return [page for page in toc_pages(root) if page not in NOT_CHAPTERS]


def rendered(root: Path, lang: str) -> dict[str, str]:
    """Each entry as the book's bibliography style (bibtex_default_style in _config.yml) prints it."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    style = find_plugin("pybtex.style.formatting", config["sphinx"]["config"]["bibtex_default_style"])()
    data = parse_file(str(root / "notebooks" / lang / "references.bib"), "bibtex")
    return {entry.key: entry.text.render_as("text") for entry in style.format_entries(data.entries.values())}


def keys_in(text: str) -> list[str]:
    return [k.strip() for m in ROLE.finditer(text) for k in m.group(1).split(",")]


def citation_problems(root: Path) -> list[str]:
    problems = []
    quotes = registry(root)
    entries = {lang: bib(root, lang) for lang in LANGS}
    if set(entries["en"]) != set(entries["ru"]):
        problems.append(f"references.bib: keys differ: {sorted(set(entries['en']) ^ set(entries['ru']))}")
    for lang in LANGS:
        for key, entry in entries[lang].items():
            ids = entry.fields.get("quoteids", "").split()
            for qid in ids:
                row = quotes.get(qid)
                if row is None or row["lang"] != lang:
                    problems.append(f"{lang}/references.bib, {key}: quotation '{qid}' is not registered in {lang}")
                elif normal(row["text"]) not in normal(entry.fields.get("quote", "")):
                    problems.append(f"{lang}/references.bib, {key}: 'quote' does not hold the wording of '{qid}'")
            if ids and not entry.fields.get("checked", "").strip():
                problems.append(f"{lang}/references.bib, {key}: says no 'checked' for its quotation")
    for lang in LANGS:
        shown = rendered(root, lang)
        for key, entry in entries[lang].items():
            for field in ("checked", "quoteids"):
                for part in entry.fields.get(field, "").split(" || "):
                    if part.strip() and normal(part) in normal(shown[key]):
                        problems.append(f"{lang}/references.bib, {key}: the bibliography shows learners its '{field}'")
        for page in chapters(root):
            path = root / "notebooks" / lang / f"{page}.md"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            last = text[text.rfind("\n## "):]
            if "{footbibliography}" not in last:
                problems.append(f"{lang}/{page}.md: the references section (the last) has no {{footbibliography}}")
            if re.search(r"^\d+\.\s", last, re.M):
                problems.append(f"{lang}/{page}.md: the references section lists sources by hand; "
                                f"cite them with {{footcite}} and let {{footbibliography}} list them")
    used = {}
    for lang in LANGS:
        for page in sorted((root / "notebooks" / lang).glob("*.md")):
            text = page.read_text(encoding="utf-8")
            keys = keys_in(text)
            if keys and "{footbibliography}" not in text and "{bibliography}" not in text:
                problems.append(f"{lang}/{page.name}: cites sources but has no bibliography")
            for key in keys:
                if key not in entries[lang]:
                    problems.append(f"{lang}/{page.name}: citation '{key}' is not in {lang}/references.bib")
            used[lang, page.stem] = set(keys)
    for (lang, stem), keys in used.items():
        if lang == "ru" and keys != used.get(("en", stem), set()):
            problems.append(f"{stem}: en and ru cite different sources: {sorted(keys ^ used.get(('en', stem), set()))}")
    for lang in LANGS:
        held = {}
        for key, entry in entries[lang].items():
            for qid in entry.fields.get("quoteids", "").split():
                if qid in quotes:
                    held.setdefault(key, []).append(normal(quotes[qid]["text"]))
        for page in cited_pages(root, lang):
            for line in chapter_lines(page):
                for quote, _ in attributed_quotes(line.text, lang):
                    sources = [key for key, texts in held.items() if is_official(quote, texts)]
                    if sources and not set(sources) & set(keys_in(line.text)):
                        problems.append(f"{lang}/{page.name}, line {line.number}: official quotation "
                                        f"{quote[:40]!r} cites none of {sources}")
    return problems


def test_every_citation_resolves_and_every_official_quotation_cites_its_entry():
    assert citation_problems(ROOT) == []
    for lang in LANGS:
        assert {p.stem for p in cited_pages(ROOT, lang)} == set(chapters(ROOT))
        assert len(chapters(ROOT)) >= 9


@pytest.fixture
def project(tmp_path):
    for name in ("_toc.yml", "_config.yml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    for part in ("notebooks", "data"):
        for path in (ROOT / part).rglob("*"):
            if path.is_file() and path.suffix in {".md", ".bib", ".csv"}:
                target = tmp_path / path.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
    assert citation_problems(tmp_path) == []
    return tmp_path


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_key_is_reported(project):
    _edit(project / "notebooks/ru/beyond-protocol.md", "{footcite}`kovalkova2024`", "{footcite}`kovalkova2025`")
    problems = citation_problems(project)
    assert any("citation 'kovalkova2025' is not in ru/references.bib" in p for p in problems)


def test_languages_citing_different_sources_are_reported(project):
    _edit(project / "notebooks/en/beyond-protocol.md", "{footcite}`kovalkova2024`", "{footcite}`cho2013`")
    assert any("beyond-protocol: en and ru cite different sources" in p for p in citation_problems(project))


def test_an_entry_whose_quote_is_not_the_registered_wording_is_reported(project):
    _edit(project / "notebooks/en/references.bib", "shall give appropriate consideration", "shall give some consideration")
    assert any("palermo: 'quote' does not hold the wording of 'palermo-7-en'" in p for p in citation_problems(project))


def test_a_quotation_without_its_citation_is_reported(project):
    _edit(project / "notebooks/en/beyond-protocol.md",
          "of which the person is not a national or a permanent resident\".{footcite}`smuggling`",
          "of which the person is not a national or a permanent resident\".")
    assert any("cites none of ['smuggling']" in p for p in citation_problems(project))


def test_a_page_that_cites_without_a_bibliography_is_reported(project):
    _edit(project / "notebooks/en/hard-questions.md", "```{footbibliography}\n```", "")
    assert any("hard-questions.md: cites sources but has no bibliography" in p for p in citation_problems(project))


def test_a_chapter_without_its_bibliography_is_reported(project):
    _edit(project / "notebooks/ru/about.md", "```{footbibliography}\n```", "")
    problems = citation_problems(project)
    assert "ru/about.md: the references section (the last) has no {footbibliography}" in problems
    assert "ru/about.md: cites sources but has no bibliography" in problems


def test_a_hand_made_reference_list_is_reported(project):
    _edit(project / "notebooks/en/safety.md", "```{footbibliography}", "1. This manual. \"Your progress\".\n\n```{footbibliography}")
    assert any("en/safety.md: the references section lists sources by hand" in p for p in citation_problems(project))


def test_an_entry_that_shows_where_it_was_checked_is_reported(project):
    _edit(project / "notebooks/en/references.bib", "  quoteids = {e4j-module11-en}",
          "  note = {facts-addendum.md §3: sherloc.unodc.org, E4J module 11, key issues},\n  quoteids = {e4j-module11-en}")
    assert "en/references.bib, e4j11: the bibliography shows learners its 'checked'" in citation_problems(project)


def test_every_source_of_the_first_chapters_is_cited_in_both_languages():
    """The sources the seven older chapters listed by hand, now cited where they are used."""
    expected = {
        "about": {"swanmanual", "palermo", "untoc"},
        "resources": {"swanmanual"},
        "safety": {"manualabout", "manualprogress", "swanmanual"},
        "facilitator": {"swanmanual", "palermo", "gem2022", "empower2012", "manualabout", "manualsafety",
                        "manualdistinctions", "manuallanguage", "manualopposition", "manualprogress", "c182"},
        "distinctions": {"palermo", "untoc", "travaux", "c029", "ilo2012indicators", "gem2022", "unodc2014",
                         "gaatw2007", "empower2012", "swanmanual", "c182", "opsc", "ukrf", "amnesty2016policy",
                         "ohchr2002", "weissbrodt", "osf2013", "smuggling", "e4j11", "glotip2020", "who2015"},
        "language": {"palermo", "travaux", "c1949", "c029", "ilo2012indicators", "gem2022", "unaids2006",
                     "amnesty2016policy", "osf2013", "empower2012", "gaatw2007", "stella", "takiedela",
                     "swanmanual", "stsgb", "c182", "opsc", "nswp03", "who2015", "swan2015", "weissbrodt"},
        "opposition": {"palermo", "travaux", "unodc2014", "c029", "gem2022", "amnesty2016policy", "who2012",
                       "unaids2012guidance", "osf2013", "gaatw2007", "empower2012", "swanmanual", "c1949",
                       "cedaw", "amnesty2016norway", "c182", "ilo2012indicators", "nswp03", "ohchr2002",
                       "stsgb", "who2015"},
    }
    for lang in LANGS:
        for page, keys in expected.items():
            text = (ROOT / "notebooks" / lang / f"{page}.md").read_text(encoding="utf-8")
            assert keys <= set(keys_in(text)), (lang, page, sorted(keys - set(keys_in(text))))


def test_an_edited_entry_rebuilds_the_site(project):
    """The build skips itself when its inputs are unchanged: a bibliography is one of them."""
    from book.website import inputs_fingerprint
    before = inputs_fingerprint(project)
    _edit(project / "notebooks/ru/references.bib", "{{Stella}}", "{{Stella (Монреаль)}}")
    assert inputs_fingerprint(project) != before


def test_bibliographies_mark_the_other_language(built_site):
    """references.bib has no {lang-…} roles: the book marks the other script in each bibliography
    (WCAG 3.1.2), and leaves document symbols alone."""
    ru = (built_site / "ru" / "distinctions.html").read_text(encoding="utf-8")
    ru = ru[ru.index("footnote-list"):]
    assert 'lang="en">Collateral Damage: The Impact of Anti-Trafficking Measures' in ru
    assert "E/2002/68/Add.1" in ru
    en = (built_site / "en" / "language.html").read_text(encoding="utf-8")
    en = en[en.index("footnote-list"):]
    assert 'lang="ru">Такие дела</span>' in en
