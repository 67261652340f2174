"""Offline copies: per language a zip of the site, an EPUB and a PDF (book.pdf); and a PDF of
the trainer edition per language.

    python -m book package      (./manual package)

Builds the site (as `build` does), then the e-books and PDFs, and writes
_build/dist/manual-<lang>.{zip,epub,pdf} and _build/dist/trainer/manual-trainer-<lang>.pdf. The
learners' copies go into the site with a downloads page (book/front/downloads.html), in one swap
like a build's; later builds keep offering the last packaged copies. The copies are made aside
(_build/dist.new) and replace the last ones only when all of them are made: a failed package
leaves the site and the last complete copies as they were. The trainer edition's PDFs stay in _build/dist/trainer:
like the trainer edition of the site, they are not published to learners.
"""
from __future__ import annotations

import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from book.i18n import t
from book.languages import LANGUAGES, NATIVE_NAMES
from book.pdf import build_pdf
from book.project import CHECKOUT, Project
from book.website import BuildError, LanguageBuild, build, manual_titles, standalone_page, swap_in, write_front

KINDS = ("zip", "epub", "pdf")  # what the downloads page offers, per language, in this order


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
    if running.wait() != 0:
        raise BuildError(f"the {lang} e-book failed; see {running.log}")
    return running.out / "epub" / f"manual-{lang}.epub"


def downloads_page(files: dict[str, dict[str, Path]], titles: dict[str, str], root: Path = CHECKOUT) -> str:
    """book/front/downloads.html: each language's copies, in its own language."""
    sections = [{"lang": lang, "name": NATIVE_NAMES[lang], "note": t(lang, "download_note"),
                 "files": [{"name": path.name, "label": t(lang, f"download_{kind}"), "kb": path.stat().st_size // 1024}
                           for kind, path in by_kind.items()]}
                for lang, by_kind in files.items()]
    return standalone_page("downloads.html", root, title=" · ".join(t(lang, "downloads_title") for lang in LANGUAGES),
                           sections=sections, home=" · ".join(titles[lang] for lang in LANGUAGES))


def add_downloads(site: Path, dist: Path, root: Path = CHECKOUT) -> dict[str, dict[str, Path]]:
    """Put the learners' copies found in `dist` into `site` (a staging folder), with a downloads
    page linked from the front page. Returns them by language and kind (none: nothing added)."""
    files = {lang: {kind: dist / f"manual-{lang}.{kind}" for kind in KINDS
                    if (dist / f"manual-{lang}.{kind}").is_file()}
             for lang in LANGUAGES}
    files = {lang: by_kind for lang, by_kind in files.items() if by_kind}
    if not files:
        return {}
    downloads = site / "downloads"
    shutil.rmtree(downloads, ignore_errors=True)
    downloads.mkdir(parents=True)
    for by_kind in files.values():
        for path in by_kind.values():
            shutil.copy2(path, downloads / path.name)
    (site / "downloads.html").write_text(downloads_page(files, manual_titles(root), root), encoding="utf-8")
    write_front(site, root, downloads=True)
    return files


def package(root: Path = CHECKOUT, out: Path | None = None, log=print) -> dict[str, dict[str, Path]]:
    """Build the site, then every copy into _build/dist.new; only when all of them are made does
    it replace _build/dist and swap in the site with its downloads. A failure leaves the last
    site and the last complete set of copies as they were."""
    out = Path(out) if out else Project(root).output()
    site = build(root, out, log=log)
    dist, new = out / "dist", out / "dist.new"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    workdir, trainer_workdir = out / "languages", out / "trainer" / "languages"
    with ThreadPoolExecutor(max_workers=3) as pool:
        epubs = {lang: pool.submit(build_epub, lang, workdir, root) for lang in LANGUAGES}
        pdfs = {lang: pool.submit(build_pdf, lang, workdir, root, new / f"manual-{lang}.pdf") for lang in LANGUAGES}
        trainer = {lang: pool.submit(build_pdf, lang, trainer_workdir, root,
                                     new / "trainer" / f"manual-trainer-{lang}.pdf", "trainer") for lang in LANGUAGES}
        for lang in LANGUAGES:
            shutil.copy2(epubs[lang].result(), new / f"manual-{lang}.epub")
            zip_language(site, lang, new / f"manual-{lang}.zip")
            pdfs[lang].result()
        for lang in LANGUAGES:
            trainer[lang].result()
    staging = out / "html.new"  # the site with its downloads, swapped in whole
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site, staging)
    add_downloads(staging, new, root)
    swap_in(new, dist)
    swap_in(staging, site)
    files = {lang: {kind: dist / f"manual-{lang}.{kind}" for kind in KINDS} for lang in LANGUAGES}
    for lang, by_kind in files.items():
        log(f"{lang}: " + ", ".join(f"{p.name} ({p.stat().st_size // 1024} KB)" for p in by_kind.values()))
    log("trainer edition (not published): " + ", ".join(str(dist / "trainer" / f"manual-trainer-{lang}.pdf")
                                                        for lang in LANGUAGES))
    return files
