"""Load data/ once: the question banks and the glossary, validated.

Validating takes pandas and pandera (about two seconds of imports and checks), and a build
would otherwise pay that in its own process, in each language's Sphinx process and in every
notebook kernel those start. So what was validated is kept:

- in this process, keyed by the bytes of the files it came from (an edited file is read again,
  also in a trainer's live kernel);
- on disk, when a build names a folder (``cache=`` or $MANUAL_DATA_CACHE): a pickle named by a
  digest of the data files *and* of the code that validates and models them, so neither an
  edited row nor a changed rule can bring back an old result. The checks write it before any
  build process starts; those processes and their kernels read it without importing pandas.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable

from book.model import Bank, Term, glossary_path, questions_dir

CACHE_ENV = "MANUAL_DATA_CACHE"
CODE = Path(__file__).resolve().parent
# The modules whose code decides what a validated bank or glossary is.
VALIDATION_CODE = [CODE / f"{name}.py" for name in ("model", "csvfile", "tables", "bank", "glossary", "languages")]

_memory: dict[tuple[str, str], object] = {}


def digest(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in [*sorted(files), *VALIDATION_CODE]:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _cached(kind: str, files: list[Path], validate: Callable[[], object], cache: Path | None):
    key = (kind, digest(files))
    if key in _memory:
        return _memory[key]
    folder = Path(cache) if cache else (Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV) else None)
    stored = folder / f"{kind}-{key[1]}.pickle" if folder else None
    if stored and stored.is_file():
        value = pickle.loads(stored.read_bytes())
    else:
        value = validate()  # raises DataError (file, line, field); nothing is stored then
        if stored:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob(f"{kind}-*.pickle"):
                old.unlink()
            partial = stored.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(stored)  # readers never see half a file
    _memory[key] = value
    return value


def cached_bank(directory: Path | None = None, cache: Path | None = None) -> Bank:
    """The validated bank in `directory` (default: questions_dir()); raises DataError."""
    directory = Path(directory or questions_dir()).resolve()

    def validate():
        from book.bank import load_bank  # pandas, only when nothing validated is at hand
        return load_bank(directory)
    return _cached("bank", list(directory.glob("*.csv")), validate, cache)


def default_bank() -> Bank:
    """The project's bank (see book.model.questions_dir)."""
    return cached_bank()


def cached_glossary(path: Path | None = None, cache: Path | None = None) -> tuple[Term, ...]:
    """The validated glossary at `path` (default: glossary_path()); raises DataError."""
    path = Path(path or glossary_path()).resolve()

    def validate():
        from book.glossary import load_glossary
        return load_glossary(path)
    return _cached("glossary", [path] if path.exists() else [], validate, cache)
