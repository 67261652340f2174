"""Languages are data: a third language, added to a copy of the project with no Python change,
builds, passes the checks and works in the browser.

The language is a pseudo-localisation of English (the i18n engineer's habit: every letter of
the text accented, so that any string that did not come from the language's own data shows at
once as plain English). Its tag is en-XA, the pseudo-locale tag browsers and Android use (XA is a
private-use region in BCP 47): Sphinx takes it as `language` (its translations fall back to
English, and so does its search stemmer), and it becomes <html lang="en-XA">.

The copy gets what the README says a language needs and nothing else: its chapters
(notebooks/en-XA/, from English with the prose accented and the setup cell in the generic form
`language_tools("en-XA")`), its UI catalog (book/i18n/en-XA.json, from en.json accented, option
letters included), its columns in the banks and the glossary, the translation records that
`python -m book sync` writes, and one line in _config.yml. Its term base columns are left out on
purpose (a language with none is not checked against one); it has no hunspell dictionary (its
spelling is not checked, and the check says so) and no words file for the checks that read
words (book/i18n/<code>.words.toml: they say it is not measured).

Only this one language is built (one Jupyter Book build, about a minute), from the copy's own
`book` package (PYTHONPATH), which is byte for byte this checkout's.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE = "en-XA"
LOWER, UPPER = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = str.maketrans(LOWER + UPPER, "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž" "ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ")
# What is not prose and keeps its letters: roles and inline code ({footcite}`key`, {lang-ru}`…`),
# link targets, addresses, {placeholders} and HTML entities.
NOT_PROSE = re.compile(r"(?:\{[\w-]+\})?`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]*>|\{[\w-]*\}|&\w+;")
SETUP = re.compile(r"^from book\.en import .*$", re.M)
GENERIC_SETUP = f'from book import language_tools\nquiz, glossary, tally, open_room = language_tools("{CODE}")'


def accent(text: str) -> str:
    """`text` with the letters of its prose accented; markup, keys and addresses kept."""
    out, at = [], 0
    for m in NOT_PROSE.finditer(text):
        out += [text[at:m.start()].translate(ACCENTED), m.group(0)]
        at = m.end()
    return "".join(out) + text[at:].translate(ACCENTED)


def accent_chapter(text: str) -> str:
    """A MyST notebook with its prose accented (directives' titles too): front matter, code cells,
    cell markers, comments, directive names and options kept as they are; the setup cell in the
    generic form."""
    lines, out = text.split("\n"), []
    front = code = False
    for i, line in enumerate(lines):
        if i == 0 and line == "---":
            front = True
        elif front:
            front = line != "---"
        elif code:
            code = not line.startswith("```")
        elif line.startswith("```{code-cell}"):
            code = True
        elif directive := re.match(r"^(:::+|```+)(\{[\w-]+\})(.*)$", line):
            line = directive.group(1) + directive.group(2) + accent(directive.group(3))   # its title is prose
        elif not (line.startswith(("```", ":::", "+++", "%", ":")) or re.match(r"^\(.*\)=$", line)):
            line = accent(line)
        out.append(line)
    return SETUP.sub(GENERIC_SETUP, "\n".join(out))


def add_columns(path: Path, last: str) -> None:
    """A data table with a column <field>_en-XA after each <field>_<last> (the order of
    manual_languages), holding the English column accented."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    fields = [col[:-len(last) - 1] for col in header if col.endswith(f"_{last}")]
    at = {f: header.index(f"{f}_{last}") for f in fields}
    source = {f: header.index(f"{f}_en") for f in fields}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, row in enumerate(rows):
        new = []
        for i, cell in enumerate(row):
            new.append(cell)
            for f in fields:
                if at[f] == i:
                    new.append(f"{f}_{CODE}" if n == 0 else accent(row[source[f]]))
        writer.writerow(new)
    path.write_text(out.getvalue(), encoding="utf-8")


def code_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def run(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    from book.project import Project
    # the copy's own book package and project, kernels included
    env = {**os.environ, **Project(root).environment(), "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with en-XA added as data."""
    root = tmp_path_factory.mktemp("pseudo")
    for name in ("_config.yml", "_toc.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.egg-info")
    for name in ("book", "notebooks", "data"):
        shutil.copytree(ROOT / name, root / name, ignore=ignore)
    last = before_languages()[-1]

    # the chapters, from English
    (root / "notebooks" / CODE).mkdir()
    for page in (ROOT / "notebooks" / "en").iterdir():
        target = root / "notebooks" / CODE / page.name
        if page.suffix == ".md":
            target.write_text(accent_chapter(page.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(page, target)   # references.bib: the same sources, the same keys
    # the UI catalog, from English: every string accented, {placeholders} kept, letters too
    english = json.loads((ROOT / "book" / "i18n" / "en.json").read_text(encoding="utf-8"))
    catalog = {key: accent(value) for key, value in english.items()}
    (root / "book" / "i18n" / f"{CODE}.json").write_text(json.dumps(catalog, ensure_ascii=False, indent=2),
                                                         encoding="utf-8")
    # the banks' and the glossary's columns
    for table in [*(root / "data" / "questions").glob("*.csv"), root / "data" / "glossary.csv"]:
        add_columns(table, last)
    # one line of configuration, after the last language's
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(f"  {last}: {{"))
    config.write_text(text.replace(line + "\n", f"{line}\n  {CODE}: {{name: {accent('English')}}}   # pseudo\n"),
                      encoding="utf-8")
    # the translator's record that the pages were reviewed (what `python -m book sync` is for)
    synced = run(root, "-m", "book", "sync", "--all", "--lang", CODE)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    return root


def test_adding_the_language_changed_no_code_and_one_line_of_configuration(project):
    assert code_digest(project / "book") == code_digest(ROOT / "book")
    before = (ROOT / "_config.yml").read_text(encoding="utf-8").splitlines()
    after = (project / "_config.yml").read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1 and [x for x in after if x not in before] == [
        f"  {CODE}: {{name: {accent('English')}}}   # pseudo"]
    found = run(project, "-c", "import book, book.languages as l; print(book.__file__); print(l.LANGUAGES)")
    assert found.stdout.splitlines() == [str(project / "book" / "__init__.py"), str((*before_languages(), CODE))]


def before_languages() -> tuple[str, ...]:
    from book.languages import LANGUAGES
    return LANGUAGES


def test_the_checks_pass_and_say_what_they_skip(project):
    checked = run(project, "-m", "book", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    summary = checked.stdout.strip().splitlines()[-1]
    assert f"in step in {', '.join((*before_languages(), CODE))}" in summary
    assert f"spelling checked (not in {CODE}: no hunspell dictionary" in summary
    assert f"quotations not checked in {CODE} (no book/i18n/<code>.words.toml)" in summary
    cues = run(project, "-m", "book", "cues")
    assert f"not measured in {CODE}" in cues.stdout


def broken_copy(project: Path, tmp_path: Path) -> Path:
    broken = tmp_path / "p"
    shutil.copytree(project, broken, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return broken


def refused(root: Path, message: str) -> None:
    """`python -m book check` fails with `message`, and no traceback."""
    checked = run(root, "-m", "book", "check")
    output = checked.stdout + checked.stderr
    assert checked.returncode != 0 and message in output and "Traceback" not in output, output[-2000:]


def test_a_broken_catalog_is_named(project, tmp_path):
    """The check names a catalog that lacks a string the first language has."""
    broken = broken_copy(project, tmp_path)
    path = broken / "book" / "i18n" / f"{CODE}.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    del strings["check"]
    path.write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    refused(broken, f"book/i18n/{CODE}.json: missing 'check'")


def test_a_missing_catalog_is_named(project, tmp_path):
    broken = broken_copy(project, tmp_path)
    (broken / "book" / "i18n" / f"{CODE}.json").unlink()
    refused(broken, f"book/i18n/{CODE}.json: missing: every language in manual_languages")


@pytest.mark.parametrize("line,message", [
    (f"  {CODE}: {{hunspell: en_GB}}", f"field manual_languages.{CODE}: give the language's name in itself"),
    (f"  {CODE}: {{name: X, dictionary: en_GB}}", "unknown key 'dictionary'"),
    ("  English: {name: English}", "'English' is not a language tag"),
    (f"  {CODE}: {{name: X", "not valid YAML"),
])
def test_a_bad_language_line_is_named_with_its_line(project, tmp_path, line, message):
    broken = broken_copy(project, tmp_path)
    config = broken / "_config.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith(f"  {CODE}: "))
    lines[at] = line
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(broken, f"_config.yml, line {at + 1}")
    refused(broken, message)


@pytest.fixture(scope="module")
def site(project) -> Path:
    """The pseudo-language's book, built alone (its Jupyter Book build, as book.website runs it)."""
    out = project / "_build" / "languages" / CODE
    built = run(project, "-m", "book.sphinx_build", CODE, str(out), timeout=1200)  # builds Project.current(): the copy
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    return out / "html"


def strings() -> dict[str, str]:
    english = json.loads((ROOT / "book" / "i18n" / "en.json").read_text(encoding="utf-8"))
    return {key: accent(value) for key, value in english.items()}


def test_pages_carry_the_language_and_its_chrome(site):
    ui = strings()
    chapters = sorted(site.glob("*.html"))
    assert len(chapters) >= 10
    for page in chapters:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{CODE}"' in html, page.name
    html = (site / "distinctions.html").read_text(encoding="utf-8")
    for key in ("skip_to_content", "exit", "search_label", "language_nav"):
        assert ui[key] in html, key
    assert "<title>" in html and ui["manual_title"] in html
    assert "Sex work and trafficking: a media" not in html   # the title is the language's own


def test_pages_link_to_their_counterparts_in_every_other_language(site):
    html = (site / "distinctions.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="mq-langs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">([^<]+)</a>', nav)
    catalogs = {lang: json.loads((ROOT / "book" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
                for lang in before_languages()}
    assert [(href, lang, label) for href, lang, _, label in links] == [
        (f"../{lang}/distinctions.html", lang, catalogs[lang]["read_in"]) for lang in before_languages()]


def test_the_front_page_offers_the_language_named_in_itself(project):
    shown = run(project, "-c", "from book.website import landing_page; print(landing_page())")
    assert shown.returncode == 0, shown.stderr
    assert (f'<li lang="{CODE}"><a href="{CODE}/index.html" hreflang="{CODE}"><span class="mq-front-name">'
            f'{accent("English")}</span>') in shown.stdout


@pytest.fixture(scope="module")
def served(site):
    from helpers import serving
    with serving(site) as address:
        yield address


@pytest.mark.browser
def test_search_finds_pages_in_the_language(browser, served):
    from helpers import local_only
    page = browser.new_page()
    foreign: list[str] = []
    local_only(page, foreign)
    word = accent("trafficking")
    page.goto(f"{served}/search.html?q={word}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary'); "
        "return s && s.innerText.trim() !== ''; }", timeout=15000)
    hits = [a.get_attribute("href") for a in page.locator("#search-results li a").all()]
    assert any("distinctions" in (href or "") for href in hits), hits
    summary = page.locator("#search-results .search-summary").inner_text()
    assert summary == strings()["search_found"].replace("{count}", str(len(hits)))
    assert foreign == []
    page.close()


@pytest.mark.browser
def test_the_static_quiz_speaks_the_language_and_grades(browser, served):
    from helpers import local_only
    ui = strings()
    page = browser.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    local_only(page, foreign)
    page.goto(f"{served}/distinctions.html")
    question = page.locator(".mq-question[data-answer]").first
    assert question.locator(".mq-check").inner_text().strip() == ui["check"]
    marks = question.locator("label > .mq-letter").all_inner_texts()
    assert marks == [f"{ui['letters'][i]}." for i in range(question.locator("input").count())]   # Å. Ɓ. Ç.
    right = json.loads(question.get_attribute("data-answer"))["correct"][0]
    wrong = next(v for v in question.locator("input").evaluate_all("els => els.map(e => e.value)") if v != right)
    question.locator(".mq-check").click()
    assert question.locator(".mq-feedback").inner_text().strip() == ui["choose_first"]
    question.locator(f'input[value="{wrong}"]').check()
    question.locator(".mq-check").click()
    assert question.get_attribute("data-state") == "incorrect"
    assert question.locator(".mq-feedback").inner_text().startswith(ui["incorrect"])
    question.locator(f'input[value="{right}"]').check()
    question.locator(".mq-check").click()
    assert question.get_attribute("data-state") == "correct"
    feedback = question.locator(".mq-feedback").inner_text()
    assert feedback.startswith(ui["correct"])
    assert not re.search(r"\b(the|and|of)\b", feedback), feedback   # the bank's text is the language's own
    assert foreign == [] and errors == []
    page.close()
