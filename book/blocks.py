"""The blocks of a MyST Markdown page (headings, paragraphs, list items, tables, block quotes,
directives, code cells and cell breaks), in order, each with its line, so two language
versions of a page can be compared paragraph by paragraph (book.chapters.parity_problems).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})\s*(?:\{([\w-]+)\})?")
HEADING = re.compile(r"^(#{1,6})\s+\S")
BULLET = re.compile(r"^(\s*)[-*+]\s+\S")
NUMBERED = re.compile(r"^(\s*)\d+[.)]\s+\S")
OPTION = re.compile(r"^:[\w-]+:")


@dataclass(frozen=True)
class Block:
    kind: str       # e.g. 'heading 2', 'paragraph', 'bullet', 'numbered', 'table 7 rows', 'directive note'
    line: int

    def __str__(self) -> str:
        return f"{self.kind} (line {self.line})"


def after_front_matter(lines: list[str]) -> int:
    """The index of a Markdown page's first line after its front matter (`---` … `---`), if any."""
    return lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0


def blocks(path: Path) -> list[Block]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = after_front_matter(lines)
    out: list[Block] = []
    fences: list[str] = []          # open directive fences (':::' or '```'), innermost last
    code: str | None = None         # open code-cell fence
    in_block = False                # inside a paragraph, table or quote that is still open
    for number, line in enumerate(lines[start:], start + 1):
        stripped = line.strip()
        if code is not None:
            if stripped == code:
                code = None
            continue
        opened = FENCE.match(stripped)
        if opened and (opened.group(2) or stripped not in fences[-1:]):
            name = opened.group(2) or ""
            if name == "code-cell" or (opened.group(1)[0] != ":" and not name):
                code = opened.group(1)
                out.append(Block("code cell", number))
            else:
                fences.append(opened.group(1))
                out.append(Block(f"directive {name}", number))
            in_block = False
            continue
        if fences and stripped == fences[-1]:
            fences.pop()
            out.append(Block("end of directive", number))
            in_block = False
            continue
        if not stripped or stripped.startswith("%") or OPTION.match(stripped):
            in_block = False
            continue
        if stripped.startswith("+++"):
            out.append(Block("cell break", number))
            in_block = False
            continue
        if HEADING.match(stripped):
            out.append(Block(f"heading {len(stripped) - len(stripped.lstrip('#'))}", number))
            in_block = False
        elif m := BULLET.match(line) or NUMBERED.match(line):
            kind = "bullet" if BULLET.match(line) else "numbered"
            depth = "nested " if len(m.group(1)) >= 2 else ""
            out.append(Block(f"{depth}{kind} item", number))
            in_block = True
        elif stripped.startswith("|"):
            if in_block and out and out[-1].kind.startswith("table"):
                if not re.fullmatch(r"\|[\s:|-]+\|?", stripped):
                    rows = int(out[-1].kind.split()[1]) + 1
                    out[-1] = Block(f"table {rows} rows", out[-1].line)
            else:
                out.append(Block("table 1 rows", number))
            in_block = True
        elif stripped.startswith(">"):
            if not (in_block and out and out[-1].kind == "quote"):
                out.append(Block("quote", number))
            in_block = True
        elif not in_block:
            out.append(Block("paragraph", number))
            in_block = True
    return out


def first_difference(a: list[Block], b: list[Block]) -> tuple[int, Block | None, Block | None] | None:
    """Index and blocks of the first place where two pages' block sequences differ, or None."""
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x is None or y is None or x.kind != y.kind:
            return i, x, y
    return None
