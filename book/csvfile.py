"""Read the CSV files in data/ record by record, each with the physical line it starts on.

Pandas-free (the checks, the spelling step and the chapters' quiz cross-check read data files
with it, and so do the validators before they hand the rows to pandas). Problems are reported
as file, line and field, the line counted in the file as an editor shows it (blank lines too).

Two mistakes that a lenient CSV reader accepts silently are errors here:

- a cell that opens with a quote and does not close it before a comma or the line's end (the
  reader would run the next cells, often the other language, into it), and a quote inside a
  cell that does not open with one (its opening quote was lost);
- a row with more or fewer cells than the header.
"""
from __future__ import annotations

from pathlib import Path

from book.model import DataError, Problem, label


def decode(path: Path, name: str | None = None) -> str:
    """The file's text; DataError naming the line of the first byte that is not UTF-8."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(name or label(path), line, "*",
                                 f"not UTF-8 (byte {raw[exc.start]:#04x}); save the file as UTF-8")]) from None


def _field(header: list[str] | None, index: int) -> str:
    return header[index] if header and index < len(header) else "*"


def parse(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line, cells), ...]) of CSV text; DataError for a quote left open or a row whose
    number of cells differs from the header's. Blank lines are skipped but counted."""
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    i, n, line = 0, len(text), 1
    while i < n:
        if text[i] in "\r\n":  # a blank line
            i += 2 if text.startswith("\r\n", i) else 1
            line += 1
            continue
        start = line
        cells: list[str] = []
        stray: Problem | None = None
        while True:
            if text.startswith('"', i):
                opened, i, chars = line, i + 1, []
                while True:
                    quote = text.find('"', i)
                    if quote < 0 or (quote + 1 < n and text[quote + 1] not in '",\r\n'):
                        problems.append(Problem(name, opened, _field(header, len(cells)),
                                                'unclosed quote: the cell opens with " and no " closes it before '
                                                'the next comma or the end of the line (inside a quoted cell, '
                                                'write a quote as "")'))
                        raise DataError(problems)  # the rest of the file cannot be read reliably
                    chars.append(text[i:quote])
                    line += text.count("\n", i, quote)
                    if text.startswith('""', quote):
                        chars.append('"')
                        i = quote + 2
                        continue
                    i = quote + 1
                    break
                cells.append("".join(chars))
            else:
                end = i
                while end < n and text[end] not in ",\r\n":
                    end += 1
                cells.append(text[i:end])
                if '"' in cells[-1] and not stray:
                    stray = Problem(name, line, _field(header, len(cells) - 1),
                                    'stray quote: a cell with a " in it must be quoted as a whole, the quote '
                                    'doubled ("like ""this""")')
                i = end
            if text.startswith(",", i):
                i += 1
                continue
            i += 2 if text.startswith("\r\n", i) else (1 if i < n else 0)
            line += 1
            break
        if stray:
            problems.append(stray)
        elif header is None:
            header = cells
        elif len(cells) != len(header):
            problems.append(Problem(name, start, "*",
                                    f"malformed row: {len(cells)} cells where the header has {len(header)} "
                                    f"(a comma missing or extra, or a quote out of place)"))
        else:
            records.append((start, cells))
    if header is None:
        problems.append(Problem(name, 1, "*", "empty file: the first line must be the header"))
    if problems or header is None:
        raise DataError(problems)
    return header, records


def read_records(path: Path, name: str | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The file's header and its records with their lines; DataError as in decode() and parse()."""
    name = name or label(path)
    return parse(decode(path, name), name)
