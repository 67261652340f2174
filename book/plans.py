"""Session plans: the timings of every plan table in a chapter add up to its stated total.

A plan is a Markdown table whose last row starts with "Total" (English) or "Итого" (Russian).
Two layouts are read:

- a timetable, whose rows start with a time range ("0:25–0:45"): the ranges must run on from
  0:00 without gaps or overlaps and end at the total, which is given in minutes
  ("90 minutes, with a 10-minute break"); a total that mentions a break needs a row named
  "Break" / "Перерыв";
- a table of durations ("5 min" / "5 мин" in one or more columns): each column's durations must
  sum to that column's total.
"""
from __future__ import annotations

import re
from pathlib import Path

TOTAL = ("Total", "Итого")
BREAK = ("Break", "Перерыв")
_RANGE = re.compile(r"^(\d+):(\d\d)\s*[–-]\s*(\d+):(\d\d)$")
_MINUTES = re.compile(r"^(\d+)\s*(?:min|мин)")          # "5 min", "90 minutes", "45 мин"
_BREAK_WORD = re.compile(r"break|перерыв", re.IGNORECASE)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(text: str):
    """Yield (line number of the first row, rows as lists of cells) for each Markdown table."""
    rows: list[list[str]] = []
    start = 0
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.lstrip().startswith("|"):
            if not rows:
                start = number
            rows.append(_cells(line))
        elif rows:
            yield start, [r for r in rows if not all(set(c) <= set("-: ") for c in r)]
            rows = []


def plan_problems(path: Path) -> list[str]:
    """Every way in which a plan table in this file does not add up, naming file and line."""
    problems = []
    for line, rows in tables(path.read_text(encoding="utf-8")):
        if len(rows) < 3 or rows[-1][0] not in TOTAL:
            continue
        where = f"{path}, line {line}"
        body, total = rows[1:-1], rows[-1]
        if _RANGE.match(body[0][0]):
            problems += _timetable_problems(where, body, total)
        else:
            problems += _duration_problems(where, body, total)
    return problems


def _timetable_problems(where, body, total) -> list[str]:
    stated = _MINUTES.match(total[1])
    if not stated:
        return [f"{where}: the total row gives no length in minutes: '{total[1]}'"]
    problems, now = [], 0
    for row in body:
        m = _RANGE.match(row[0])
        if not m:
            problems.append(f"{where}: '{row[0]}' is not a time range such as 0:10–0:25")
            continue
        start, end = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
        if start != now:
            problems.append(f"{where}: '{row[0]}' should start at {now // 60}:{now % 60:02d}")
        if end <= start:
            problems.append(f"{where}: '{row[0]}' ends before it starts")
        now = end
    if now != int(stated[1]):
        problems.append(f"{where}: the rows add up to {now} minutes, the total says {stated[1]}")
    if _BREAK_WORD.search(total[1]) and not any(row[1] in BREAK for row in body):
        problems.append(f"{where}: the total mentions a break, but no row is a break")
    return problems


def _duration_problems(where, body, total) -> list[str]:
    problems = []
    for column, cell in enumerate(total):
        stated = _MINUTES.match(cell)
        if not stated or column == 0:
            continue
        found = [_MINUTES.match(row[column]) if column < len(row) else None for row in body]
        minutes = [int(m[1]) for m in found if m]
        if len(minutes) != len(found):
            problems.append(f"{where}: column {column + 1} has a row without minutes")
            continue
        summed = sum(minutes)
        if summed != int(stated[1]):
            problems.append(f"{where}: column {column + 1} adds up to {summed} minutes, "
                            f"the total says {stated[1]}")
    return problems
