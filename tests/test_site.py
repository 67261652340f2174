"""The built site: both languages, correct lang, counterparts, nothing from other hosts,
bad input stops the build first, and a failed build keeps the last good site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.checks import CheckError
from book.i18n import t
from book.languages import LANGUAGES
from book.website import BuildError, build
from conftest import ROOT, copy_project, parse_tags

LOADING_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
                 "audio": "src", "video": "src", "embed": "src", "object": "data", "track": "src"}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def tags(path: Path):
    return parse_tags(path.read_text(encoding="utf-8"))


def pages(site: Path, lang: str):
    return sorted(p for p in (site / lang).rglob("*.html") if "_static" not in p.parts)


def chapters():
    return sorted(p.stem for p in (ROOT / "notebooks" / "en").glob("*.md"))


def test_both_languages_built(built_site):
    for lang in LANGUAGES:
        for name in chapters():
            assert (built_site / lang / f"{name}.html").is_file()
    assert (built_site / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_on_every_page(built_site, lang):
    for page in pages(built_site, lang):
        html_tag = next(attrs for name, attrs in tags(page) if name == "html")
        assert html_tag.get("lang") == lang, page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_links_to_its_counterpart(built_site, lang):
    other = next(code for code in LANGUAGES if code != lang)
    for name in chapters():
        page = built_site / lang / f"{name}.html"
        found = tags(page)
        links = [a for tag, a in found if tag == "a" and a.get("hreflang") == other]
        assert links, f"{page} has no link to the {other} page"
        target = (page.parent / links[0]["href"]).resolve()
        assert target == (built_site / other / f"{name}.html").resolve() and target.is_file()
        alternates = [a for tag, a in found if tag == "link" and a.get("rel") == "alternate"]
        assert any(a.get("hreflang") == other for a in alternates)


def test_nothing_loads_from_other_hosts(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        for tag, attrs in tags(page):
            url = attrs.get(LOADING_ATTRS.get(tag, ""), "")
            if tag == "link" and attrs.get("rel") in ("alternate", "prev", "next", "index", "search"):
                continue  # navigation, not a load
            if url and REMOTE.match(url):
                offenders.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if REMOTE.match(url):
                offenders.append(f"{css.relative_to(built_site)}: url({url})")
    text = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    for word in ("require.js", "html-manager", "mathjax", "thebe", "binder", "googletagmanager", "plausible"):
        if word in text.lower():
            offenders.append(f"mentions {word}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quizzes_are_kernel_free_html(built_site, lang):
    page = (built_site / lang / "distinctions.html").read_text(encoding="utf-8")
    calls = re.findall(r'^quiz\("([^"]+)"\)$', (ROOT / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8"), re.M)
    assert len(calls) >= 2
    assert re.findall(r'<div class="mq-quiz" data-quiz="([^"]+)"', page) == calls
    assert "application/vnd.jupyter.widget-view+json" not in page and "jupyter-widgets" not in page
    assert "quiz.js" in page


def test_landing_page_names_each_language_in_itself(built_site):
    found = tags(built_site / "index.html")
    links = {a["hreflang"]: a["href"] for tag, a in found if tag == "a" and "hreflang" in a}
    assert links == {"en": "en/index.html", "ru": "ru/index.html"}
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert "English" in text and "Русский" in text


# --- bad input and failed builds ---------------------------------------------------------------

@pytest.fixture(scope="module")
def project_with_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    site = build(root, root / "_build", log=lambda *_: None)
    return root, site


def snapshot(site: Path):
    return {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_bad_bank_stops_before_anything_is_built(project_with_site, capsys):
    root, site = project_with_site
    bank = root / "data" / "questions" / "distinctions.csv"
    good = bank.read_text(encoding="utf-8")
    before = snapshot(site)
    lines = good.splitlines()
    lines[2] = lines[2].replace(",yes,", ",maybe,", 1).replace(",no,", ",maybe,", 1)
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        with pytest.raises(CheckError) as info:
            build(root, root / "_build", log=lambda *_: None)
        assert "distinctions.csv, line 3, field correct" in str(info.value)
        from book.cli import main
        assert main(["--root", str(root), "build", "--out", str(root / "_build")]) == 2
        assert "nothing was built" in capsys.readouterr().err
    finally:
        bank.write_text(good, encoding="utf-8")
    assert snapshot(site) == before


def test_failed_build_keeps_the_last_good_site(project_with_site):
    root, site = project_with_site
    chapter = root / "notebooks" / "ru" / "distinctions.md"
    good = chapter.read_text(encoding="utf-8")
    before = snapshot(site)
    # same cells and blocks as the English page (parity holds), but the cell fails when it runs
    broken = good.replace('quiz("distinctions")\n```', 'quiz("distinctions")\nraise RuntimeError("boom")\n```', 1)
    assert broken != good
    chapter.write_text(broken, encoding="utf-8")
    try:
        with pytest.raises(BuildError, match="ru"):
            build(root, root / "_build", log=lambda *_: None)
    finally:
        chapter.write_text(good, encoding="utf-8")
    assert snapshot(site) == before
    assert (site / "ru" / "distinctions.html").is_file()


def test_bank_edit_reaches_the_page_with_cached_execution(project_with_site):
    root, _ = project_with_site
    bank = root / "data" / "questions" / "distinctions.csv"
    good = bank.read_text(encoding="utf-8")
    first_prompt = good.splitlines()[1].split(",")[5].strip('"')
    edited = good.replace(first_prompt, "EDITED " + first_prompt, 1)
    bank.write_text(edited, encoding="utf-8")
    try:
        site = build(root, root / "_build", log=lambda *_: None)
        assert "EDITED " in (site / "en" / "distinctions.html").read_text(encoding="utf-8")
    finally:
        bank.write_text(good, encoding="utf-8")


def test_removed_page_does_not_linger(project_with_site):
    root, _ = project_with_site
    toc = root / "_toc.yml"
    good_toc = toc.read_text(encoding="utf-8")
    for lang, title, text, refs, source in (("en", "# Extra", "Text.", "## References", "A source."),
                                            ("ru", "# Дополнительно", "Текст.", "## Источники", "Источник.")):
        (root / "notebooks" / lang / "extra.md").write_text(f"{title}\n\n{text}\n\n{refs}\n\n1. {source}\n",
                                                           encoding="utf-8")
    toc.write_text(good_toc + "  - file: extra\n", encoding="utf-8")
    from book.sync import mark_synced
    mark_synced(root, ["extra"])
    try:
        site = build(root, root / "_build", log=lambda *_: None)
        assert (site / "ru" / "extra.html").is_file()
    finally:
        toc.write_text(good_toc, encoding="utf-8")
        for lang in LANGUAGES:
            (root / "notebooks" / lang / "extra.md").unlink()
    site = build(root, root / "_build", log=lambda *_: None)
    assert not (site / "ru" / "extra.html").exists() and not (site / "en" / "extra.html").exists()


def test_site_serves_the_minified_runtime(built_site):
    from book.assets import RUNTIME_FILES, minified
    for lang in LANGUAGES:
        for name in RUNTIME_FILES:
            served = (built_site / lang / "_static" / name).read_text(encoding="utf-8")
            assert served == minified(name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_progress_page_lists_chapters_with_their_questions(built_site, lang):
    import json
    from book.bank import load_bank
    from book.render_html import store_key
    from book.chapters import outline, toc_pages
    bank = load_bank()
    rows = [a for tag, a in tags(built_site / lang / "progress.html") if tag == "tr" and "data-keys" in a]
    expected = []
    for page in toc_pages(ROOT):
        quizzes = outline(ROOT / "notebooks" / lang / f"{page}.md").quizzes
        if quizzes:
            expected.append([store_key(q, lang) for quiz_id in quizzes for q in bank.quiz(quiz_id) if q.type != "free"])
    assert [json.loads(r["data-keys"]) for r in rows] == expected and len(expected) >= 3


def test_theme_chrome_is_russian_on_russian_pages(built_site):
    allowed = {"Ctrl", "K"}
    for page in pages(built_site, "ru"):
        html = page.read_text(encoding="utf-8")
        # A chapter's <main> is content; on the pages Sphinx writes (search, index) it is chrome.
        content = "main|script|style" if page.stem not in ("search", "genindex") else "script|style"
        chrome = re.sub(rf"<({content})\b.*?</\1>", "", html, flags=re.S)
        chrome = re.sub(r'<a [^>]*hreflang="en"[^>]*>.*?</a>', "", chrome, flags=re.S)  # the link to English
        english = re.compile(r"^[^А-Яа-яЁё]*[A-Za-z][^А-Яа-яЁё]*$")  # Latin letters and no Cyrillic
        words = {w.strip() for w in re.findall(r">([^<>]+)<", chrome) if english.match(w.strip())} - allowed
        labels = {v for v in re.findall(r'(?:title|aria-label|placeholder|data-bs-title)="([^"]*)"', chrome)
                  if english.match(v)}
        assert not words and not labels, f"{page.name}: English chrome {sorted(words | labels)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_page_speaks_the_page_language(built_site, lang):
    html = (built_site / lang / "search.html").read_text(encoding="utf-8")
    assert t(lang, "search_hint") in html and f'>{t(lang, "search_button")}</button>' in html
    messages = (built_site / lang / "_static" / "search-messages.js").read_text(encoding="utf-8")
    assert "search-messages.js" in html
    assert t(lang, "search_found", count="${resultCount}") in messages  # the count Sphinx's script fills in


def test_every_page_forbids_other_hosts_and_sends_no_referrer(built_site):
    for page in built_site.rglob("*.html"):
        if "_static" in page.parts:
            continue
        found = tags(page)
        csp = [a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'self'" in csp[0] and "http" not in csp[0], page
        assert ("meta", {"name": "referrer", "content": "no-referrer"}) in found, page
