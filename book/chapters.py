"""The chapters' structure, and the checks that keep the two languages in step.

For every page in _toc.yml: the page exists in every language, with the same heading levels in
the same order, the same blocks (paragraphs, list items, tables and their rows, directives) in
the same order (book.blocks), the same quizzes in the same order, the same glossary tables and admonitions,
the same sources cited in the same order (so each bibliography numbers them alike),
and (for chapters) a references section last; every quiz a chapter uses is in the bank, and
every quiz in the bank is used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from book.blocks import after_front_matter, blocks, first_difference
from book.csvfile import read_records
from book.i18n import t
from book.languages import LANGUAGES
from book.model import Problem
from book.project import Project

FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})\s*(\{([\w-]+)\})?")
DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:(\s|$)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
CITE = re.compile(r"\{(?:foot)?cite(?::\w+)?\}`([^`]+)`")  # {footcite}`a,b` and {cite}`a`
QUIZ_CALL = re.compile(r'^\s*quiz\(\s*"([^"]+)"\s*\)\s*$', re.M)
GLOSSARY_CALL = re.compile(r"^\s*glossary\(\s*\)\s*$", re.M)
NOT_CHAPTERS = ("index", "progress")  # pages without references of their own


def is_text_notebook(path: Path) -> bool:
    """True for a Markdown file with jupytext front matter and a kernelspec."""
    if path.suffix != ".md":
        return False
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 4)
    if end < 0:
        return False
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and "jupytext" in meta and "kernelspec" in meta


def is_trainer_note(block: str) -> bool:
    """True for a directive (its text from the opening fence on) that is a trainer note: an
    admonition of class trainer-note, e.g. `:::{admonition} Trainer note` then
    `:class: dropdown trainer-note` (folded in JupyterLab, only in the trainer edition)."""
    lines = block.lstrip().splitlines()
    opened = FENCE.match(lines[0]) if lines else None
    if not opened or opened.group(3) != "admonition":
        return False
    for line in lines[1:]:
        if not re.match(r"^:[\w-]+:", line):
            return False
        if line.startswith(":class:") and "trainer-note" in line.split()[1:]:
            return True
    return False

@dataclass
class Outline:
    headings: list[tuple[int, str]] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    quiz_lines: list[int] = field(default_factory=list)  # the line of each quiz call
    glossaries: int = 0
    admonitions: list[str] = field(default_factory=list)
    references: int = 0                     # numbered items in the last section
    citations: list[str] = field(default_factory=list)  # cited keys, in order of first citation

    @property
    def levels(self) -> list[int]:
        return [level for level, _ in self.headings]


def outline(path: Path) -> Outline:
    """Headings, quiz calls, glossary calls and admonitions of a MyST Markdown page, in order."""
    out = Outline()
    fence: str | None = None
    directive = None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if directive != "code-cell":  # citations in prose and in admonitions
            for cited in CITE.finditer(line):
                for key in (k.strip() for k in cited.group(1).split(",")):
                    if key not in out.citations:
                        out.citations.append(key)
        opened = FENCE.match(line)
        if fence is None and opened:
            fence, directive = opened.group(1), opened.group(3)
            if directive and directive not in ("code-cell", "quiz-progress", "tableofcontents"):
                out.admonitions.append(directive)
            continue
        if fence is not None:
            if line.strip() == fence:
                fence = directive = None
            elif directive == "code-cell":
                if m := QUIZ_CALL.match(line):
                    out.quizzes.append(m.group(1))
                    out.quiz_lines.append(number)
                elif GLOSSARY_CALL.match(line):
                    out.glossaries += 1
            continue
        if m := HEADING.match(line):
            out.headings.append((len(m.group(1)), m.group(2)))
            out.references = 0
        elif re.match(r"^\d+\.\s", line):
            out.references += 1
    return out


def prose_lines(path: Path):
    """(line number, text) of a Markdown page's prose: no front matter, code cells, cell markers,
    directive options (`:class: dropdown trainer-note`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = after_front_matter(lines)
    fence = None
    for number, line in enumerate(lines[start:], start + 1):
        opened = FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1) if opened.group(3) == "code-cell" else None
            continue
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        if line.startswith("+++") or line.strip() in (":::", "```") or DIRECTIVE_OPTION.match(line):
            continue
        yield number, line


def toc_pages(root: Path) -> list[str]:
    """Every page named in _toc.yml, root first, read as Jupyter Book reads it (sphinx-external-toc's
    parser); a malformed table of contents is a CheckError naming the file."""
    from sphinx_external_toc.parsing import MalformedError, parse_toc_yaml

    from book.checks import CheckError  # book.checks imports this module
    try:
        return list(parse_toc_yaml(Project(root).toc))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise CheckError([f"_toc.yml, line {mark.line + 1 if mark else 1}: not valid YAML: {exc.problem}"]) from None
    except MalformedError as exc:
        raise CheckError([f"_toc.yml: not a table of contents Jupyter Book can read: {exc}"]) from None


def page_path(root: Path, lang: str, page: str) -> Path:
    return Project(root).chapter(lang, page)


def parity_problems(root: Path, bank=None) -> list[str]:
    """Every way the chapters differ between languages or from the bank, in words."""
    problems: list[str] = []
    pages = toc_pages(root)
    outlines: dict[str, dict[str, Outline]] = {}
    for page in pages:
        outlines[page] = {}
        for lang in LANGUAGES:
            path = page_path(root, lang, page)
            if not path.exists():
                problems.append(f"{path.relative_to(root)}: missing (listed in _toc.yml)")
            else:
                outlines[page][lang] = outline(path)
    for page, by_lang in outlines.items():
        if len(by_lang) < 2:
            continue
        (first, a), *others = by_lang.items()
        where = f"notebooks/{{{','.join(by_lang)}}}/{page}.md"
        for lang, b in others:
            if a.levels != b.levels:
                problems.append(f"{where}: heading structure differs: {first} {_levels(a)} vs {lang} {_levels(b)}")
            if a.quizzes != b.quizzes:
                problems.append(f"{where}: quizzes differ: {first} {a.quizzes} vs {lang} {b.quizzes}")
            if a.glossaries != b.glossaries:
                problems.append(f"{where}: glossary tables differ: {first} {a.glossaries} vs {lang} {b.glossaries}")
            if a.admonitions != b.admonitions:
                problems.append(f"{where}: admonitions differ: {first} {a.admonitions} vs {lang} {b.admonitions}")
            if a.references != b.references:
                problems.append(f"{where}: references differ: {first} lists {a.references}, {lang} {b.references}")
            if a.citations != b.citations:
                problems.append(f"{where}: citations differ (keys in order of first citation, which numbers "
                                f"the bibliography): {first} {a.citations} vs {lang} {b.citations}")
        problems += block_problems(root, page, list(by_lang))
        if page in NOT_CHAPTERS:
            continue
        for lang, o in by_lang.items():
            sections = [text for level, text in o.headings if level == 2]
            if not sections or sections[-1] != t(lang, "references_heading"):
                problems.append(f"notebooks/{lang}/{page}.md: the last section must be "
                                f"'## {t(lang, 'references_heading')}'")
    if bank is not None:
        problems += quiz_problems(root, bank, outlines)
        for lang in LANGUAGES:
            counts: dict[str, list[str]] = {}
            for page, by_lang in outlines.items():
                for quiz_id in by_lang.get(lang, Outline()).quizzes:
                    counts.setdefault(quiz_id, []).append(page)
            for quiz_id, pages in counts.items():
                if len(pages) > 1:
                    problems.append(f"quiz {quiz_id!r} is shown more than once in {lang}: {pages}")
    return problems


def quiz_problems(root: Path, bank, outlines: dict[str, dict[str, Outline]]) -> list[str]:
    """A quiz a chapter calls that no bank holds (named by chapter and line), and a bank's quiz
    that no chapter calls (named by bank file and the line of its first row)."""
    problems = []
    known = set(bank.quiz_ids())
    used = set()
    for page, by_lang in outlines.items():
        for lang, o in by_lang.items():
            for quiz_id, line in zip(o.quizzes, o.quiz_lines):
                used.add(quiz_id)
                if quiz_id not in known:
                    problems.append(str(Problem(f"notebooks/{lang}/{page}.md", line, "quiz",
                                                f"quiz {quiz_id!r} is used here but no question bank "
                                                f"(data/questions/*.csv) has it")))
    for path in sorted(Project(root).questions.glob("*.csv")):
        header, records = read_records(path, f"data/questions/{path.name}")
        reported = set()
        for line, cells in records:
            quiz_id = dict(zip(header, cells)).get("quiz", "").strip()
            if quiz_id in known and quiz_id not in used and quiz_id not in reported:
                reported.add(quiz_id)
                problems.append(str(Problem(f"data/questions/{path.name}", line, "quiz",
                                            f"quiz {quiz_id!r} is in this bank but no chapter uses it")))
    return problems


def block_problems(root: Path, page: str, langs: list[str]) -> list[str]:
    """The first place where a translation's paragraphs, list items, tables (and their rows),
    block quotes, directives, code cells or cell breaks stop matching the first language's,
    so a reviewer can compare the pages paragraph by paragraph."""
    first, *others = langs
    a = blocks(page_path(root, first, page))
    problems = []
    for lang in others:
        b = blocks(page_path(root, lang, page))
        diff = first_difference(a, b)
        if diff is None:
            continue
        i, x, y = diff
        here = f"notebooks/{lang}/{page}.md, line {y.line}" if y else f"notebooks/{lang}/{page}.md, end"
        there = f"a {x.kind} at line {x.line}" if x else "nothing more"
        mine = f"a {y.kind}" if y else "nothing"
        problems.append(f"{here}: block {i + 1} is {mine}, but notebooks/{first}/{page}.md has {there}; "
                        f"a translation keeps the same paragraphs, list items, tables and directives in the same "
                        f"order ({first} {len(a)} blocks, {lang} {len(b)})")
    return problems


def _levels(o: Outline) -> str:
    return "".join(str(level) for level in o.levels)
