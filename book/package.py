"""Offline copies: a zip of the site per language and an EPUB per language.

    python -m book package      (./manual package)

Builds the site (as `build` does), then the e-books, then writes _build/dist/manual-<lang>.zip
and manual-<lang>.epub, and puts them, with a downloads page, into the site.
"""
from __future__ import annotations

import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from book.i18n import t
from book.languages import LANGUAGES, NATIVE_NAMES
from book.site import ROOT, BuildError, LanguageBuild, build, manual_titles, standalone_page, write_front


def zip_language(site: Path, lang: str, target: Path) -> Path:
    """The language's pages as one zip (open index.html inside it), in a stable order."""
    folder = site / lang
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != ".buildinfo"):
            info = zipfile.ZipInfo(f"manual-{lang}/{path.relative_to(folder).as_posix()}", (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
    return target


def build_epub(lang: str, workdir: Path, root: Path) -> Path:
    running = LanguageBuild(lang, workdir, root, builder="epub")  # after build(): the checks passed
    running.go()
    if running.wait() != 0:
        raise BuildError(f"the {lang} e-book failed; see {running.log}")
    return running.out / "epub" / f"manual-{lang}.epub"


def downloads_page(files: dict[str, dict[str, Path]], titles: dict[str, str]) -> str:
    sections = "\n".join(
        f'<section lang="{lang}"><h2>{escape(NATIVE_NAMES[lang])}</h2><ul>'
        + "".join(f'<li><a href="downloads/{escape(path.name)}" download>{escape(t(lang, f"download_{kind}"))}</a> '
                  f'({path.stat().st_size // 1024} KB)</li>' for kind, path in by_kind.items())
        + f'</ul><p>{escape(t(lang, "download_note"))}</p></section>'
        for lang, by_kind in files.items())
    title = " · ".join(t(lang, "downloads_title") for lang in LANGUAGES)
    home = escape(" · ".join(titles[lang] for lang in LANGUAGES))
    return standalone_page(title, f'<h1>{escape(title)}</h1>\n{sections}\n'
                                  f'<p><a href="index.html">{home}</a></p>\n')


def package(root: Path = ROOT, out: Path | None = None, log=print) -> dict[str, dict[str, Path]]:
    out = Path(out) if out else root / "_build"
    site = build(root, out, log=log)
    dist = out / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        epubs = dict(zip(LANGUAGES, pool.map(lambda lang: build_epub(lang, out / "languages", root), LANGUAGES)))
    files: dict[str, dict[str, Path]] = {}
    for lang in LANGUAGES:
        files[lang] = {"zip": zip_language(site, lang, dist / f"manual-{lang}.zip"),
                       "epub": Path(shutil.copy2(epubs[lang], dist / f"manual-{lang}.epub"))}
    downloads = site / "downloads"
    shutil.rmtree(downloads, ignore_errors=True)
    shutil.copytree(dist, downloads)
    (site / "downloads.html").write_text(downloads_page(files, manual_titles(root)), encoding="utf-8")
    write_front(site, root, downloads=True)
    for lang, by_kind in files.items():
        log(f"{lang}: " + ", ".join(f"{p.name} ({p.stat().st_size // 1024} KB)" for p in by_kind.values()))
    return files
