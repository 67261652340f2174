"""Slide metadata for presenting chapters with RISE (jupyterlab-rise): one idea per slide.

    python -m book slides           rewrite the chapters' slide metadata (idempotent)
    python -m book slides --check   fail if a chapter's metadata is missing or out of date

Rules: the title and each `##` section start a slide, each `###` a sub-slide; every quiz is a
slide of its own; trainer notes are speaker notes. The setup cell (`from book.en import quiz,
tally`) opens the title slide, so a slideshow started on a fresh kernel can run it (a skipped
cell could not be run there, and every quiz after it would fail with a NameError).

The file is written exactly as jupytext writes it (its MyST form: `+++ {"slideshow": ...}` cell
breaks, a YAML block on code cells, the kernelspec JupyterLab records), so opening, running,
presenting and saving a chapter in JupyterLab writes back the same bytes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import yaml

from book.chapters import FENCE, HEADING, is_text_notebook, is_trainer_note
from book.project import Project

CELL_BREAK = re.compile(r"^\+\+\+(\s.*)?$")
# What JupyterLab writes into a notebook once its kernel has started: the same, so nothing changes.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _marker(slide_type: str) -> str:
    return "\n+++ " + json.dumps({"slideshow": {"slide_type": slide_type}}) + "\n"


def _code_cell(lines: list[str]) -> list[str]:
    """Rewrite one ```{code-cell} block with its slide type in a YAML options block."""
    opener, body = lines[0], lines[1:-1]
    options: dict = {}
    if body and body[0].strip() == "---":
        end = body.index("---", 1)
        options = yaml.safe_load("\n".join(body[1:end])) or {}
        body = body[end + 1:]
    while body and body[0].startswith(":") and ":" in body[0][1:]:
        key, _, value = body[0][1:].partition(":")
        options[key.strip()] = yaml.safe_load(value.strip())
        body = body[1:]
    source = "\n".join(body)
    tags = options.get("tags", [])
    slide = "slide" if "remove-cell" in tags or re.search(r"^\s*(quiz|glossary)\(", source, re.M) else "-"
    options["slideshow"] = {"slide_type": slide}
    ordered = {k: options[k] for k in sorted(options, key=lambda k: (k != "slideshow", k))}
    block = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip("\n")
    return [opener, "---", *block.splitlines(), "---", *body, lines[-1]]


def with_slides(text: str) -> str:
    """The chapter's text with fresh slide metadata (any old metadata is replaced)."""
    front_end = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0
    front, lines = text[:front_end], text[front_end:].split("\n")
    out: list[str] = []
    i = 0
    pending_continue = False  # after speaker notes, the slide's own text goes on
    while i < len(lines):
        line = lines[i]
        if CELL_BREAK.match(line):
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == fence.group(1))
            block = lines[i:end + 1]
            if fence.group(3) == "code-cell":
                out += _code_cell(block)
                pending_continue = True
            elif is_trainer_note("\n".join(block)):
                out += [_marker("notes"), *block]
                pending_continue = True
            else:
                if pending_continue:
                    out.append(_marker("-"))
                    pending_continue = False
                out += block
            i = end + 1
            continue
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) <= 3:
            out.append(_marker("subslide" if len(heading.group(1)) == 3 else "slide"))
            pending_continue = False
        elif pending_continue and line.strip():
            out.append(_marker("-"))
            pending_continue = False
        out.append(line)
        i += 1
    body = "\n".join(out)
    body = re.sub(r"\n{3,}", "\n\n", body)  # markers replace blank-line runs tidily
    return as_jupytext_writes((front + "\n" + body.lstrip("\n")) if front else body)


def as_jupytext_writes(text: str) -> str:
    """The chapter as jupytext (and so JupyterLab) writes it. The setup cell opens the title slide."""
    nb = jupytext.reads(text, fmt="md:myst")
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    cells = nb.cells
    if cells and cells[0].cell_type == "code" and "remove-cell" in cells[0].metadata.get("tags", []):
        cells[0].metadata["slideshow"] = {"slide_type": "slide"}
        if len(cells) > 1:
            cells[1].metadata["slideshow"] = {"slide_type": "-"}
    return jupytext.writes(nb, fmt="md:myst")


def chapter_files(root: Path) -> list[Path]:
    from book.chapters import toc_pages
    from book.languages import LANGUAGES
    return [p for lang in LANGUAGES for page in toc_pages(root)
            if is_text_notebook(p := Project(root).chapter(lang, page))]


def apply(root: Path, check: bool = False) -> list[Path]:
    """Rewrite (or, with check, list) the chapters whose slide metadata is not up to date."""
    stale = []
    for path in chapter_files(root):
        text = path.read_text(encoding="utf-8")
        new = with_slides(text)
        if new != text:
            stale.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    return stale
