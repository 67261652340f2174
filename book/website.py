"""Build the whole site: every language, a landing page, and an atomic swap into place.

Order: check data/ and the chapters' parity (a bad row stops everything before any build),
build the languages in parallel with Jupyter Book 1, each in its own process (Sphinx's
`language` holds for a whole build), assemble the languages and a landing page in a staging
folder, and only when all of that succeeded, swap the staging folder into `_build/html`.
A failed build leaves the last good site untouched.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import yaml

from book.checks import check_project
from book.languages import LANGUAGES, NATIVE_NAMES
from book.links import internal_link_problems
from book.privacy import CONTENT_SECURITY_POLICY
from book.project import CHECKOUT, Project
from book.sphinx_build import BASE_URL_ENV


class BuildError(RuntimeError):
    pass


def manual_titles(root: Path = CHECKOUT) -> dict[str, str]:
    """The book's title in each language (its catalog's manual_title)."""
    from book.i18n import t
    return {lang: t(lang, "manual_title") for lang in LANGUAGES}


class LanguageBuild:
    """One language's Jupyter Book build, in a process of its own (Sphinx's `language` holds for
    a whole build), into workdir/<lang>/<builder> (html, or epub for the e-books). It starts at
    once; start it only after the checks passed."""

    def __init__(self, lang: str, workdir: Path, root: Path = CHECKOUT, edition: str = "learner",
                 builder: str = "html"):
        self.out = workdir / lang
        self.out.mkdir(parents=True, exist_ok=True)
        # Pages are rewritten only when their document changed. When the table of contents, the
        # configuration or the code changed, every page's navigation may have, so start afresh
        # (before the process loads its last environment). Only the table of contents' files are
        # built (only_build_toc_files), so this is also what removes a removed document's page.
        structure = structure_fingerprint(root, edition)
        if _read(self.out / "structure-sha256") != structure:
            shutil.rmtree(self.out / "html", ignore_errors=True)
            shutil.rmtree(self.out / ".doctrees", ignore_errors=True)
            (self.out / "structure-sha256").write_text(structure, encoding="utf-8")
        self.log = self.out / ("build.log" if builder == "html" else f"{builder}.log")
        self._stream = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "book.sphinx_build", lang, str(self.out), builder, edition],
            stdin=subprocess.DEVNULL, stdout=self._stream, stderr=subprocess.STDOUT, cwd=root,
            env={**os.environ, **Project(root).environment()})  # Sphinx and its kernels: this project

    def wait(self) -> int:
        code = self.process.wait()
        self._stream.close()
        return code


CODE = Path(__file__).resolve().parent


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def structure_fingerprint(root: Path, edition: str = "learner") -> str:
    """What every page's navigation and chrome depend on: the table of contents, the
    configuration and this package's code and templates."""
    return _digest(root, [Project(root).toc, Project(root).config, root / "constraints.txt", *_code_files()], edition)


def _code_files() -> list[Path]:
    """This package's code, templates and assets."""
    return [p for p in CODE.rglob("*") if p.suffix in (".py", ".json", ".html", ".css", ".js", ".toml", ".svg")]


def _digest(root: Path, files, edition: str) -> str:
    digest = hashlib.sha256(f"{edition} {public_url(root)}".encode())
    for path in sorted(p for p in files if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path.relative_to(CODE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_fingerprint(root: Path, langs=LANGUAGES, edition: str = "learner") -> str:
    """Everything a build's output depends on: the chapters in `langs` and their bibliographies
    (references.bib), the question banks and glossary, the book's configuration, and this
    package's code and templates. (Word lists, sync records and link dates are checked, but change
    no page.)"""
    files = [Project(root).config, Project(root).toc, root / "constraints.txt"]
    files += [p for lang in langs for p in Project(root).chapters(lang).rglob("*") if p.suffix in (".md", ".bib")]
    files += [*Project(root).questions.glob("*.csv"), Project(root).glossary]
    files += _code_files()
    return _digest(root, files, edition)


FRONT = CODE / "front"  # the front page's and downloads page's templates and stylesheet
THEME_STATIC = CODE / "theme" / "manual" / "static"
FRONT_STATIC = (THEME_STATIC / "manual.css", THEME_STATIC / "exit.js", THEME_STATIC / "favicon.svg",
                FRONT / "front.css")


def public_url(root: Path = CHECKOUT) -> str:
    """The published site's root address ("" if none is configured): $MANUAL_BASE_URL, else
    html_baseurl in _config.yml."""
    url = os.environ.get(BASE_URL_ENV) or site_config(root).get("html_baseurl") or ""
    return url.rstrip("/") + "/" if url else ""


def site_config(root: Path = CHECKOUT) -> dict:
    """The Sphinx settings in _config.yml (the front page uses some of the books' settings)."""
    return yaml.safe_load(Project(root).config.read_text(encoding="utf-8"))["sphinx"]["config"]


@functools.cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(FRONT), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _page_context(root: Path) -> dict:
    """What every page outside the books shows: the privacy policy, the quick exit in every
    language, each language's name and title."""
    from book.i18n import t
    config = site_config(root)
    titles = manual_titles(root)
    languages = [{"code": lang, "name": NATIVE_NAMES[lang], "title": titles[lang], "skip": t(lang, "skip_to_content"),
                  "exit": t(lang, "exit"), "exit_hint": t(lang, "exit_hint"), "exit_region": t(lang, "exit_region"),
                  "downloads": t(lang, "downloads_link")} for lang in LANGUAGES]
    exit_strings = {key: " · ".join(t(lang, f"exit_{key}") for lang in LANGUAGES)
                    for key in ("press2", "press1", "leaving")}
    return {"lang": LANGUAGES[0], "csp": CONTENT_SECURITY_POLICY, "languages": languages,
            "exit_url": config["manual_quick_exit_url"], "alternates": [],
            "description": " · ".join(t(lang, "site_description") for lang in LANGUAGES),
            "exit_strings": json.dumps(exit_strings, ensure_ascii=False)}


def landing_page(titles: dict[str, str] | None = None, downloads: bool = False, root: Path = CHECKOUT) -> str:
    """The site's front door (book/front/index.html): each language named in itself, the quick
    exit, the books' privacy policy and stylesheet, nothing from other hosts."""
    context = _page_context(root)
    titles = titles or manual_titles(root)
    return _templates().get_template("index.html").render(
        context, title=" · ".join(titles[lang] for lang in LANGUAGES), heading=titles[LANGUAGES[0]],
        downloads=downloads, alternates=_alternates(public_url(root)))


def _alternates(site_url: str) -> list[dict[str, str]]:
    """The front page's language versions: absolute, with x-default, when the site's address
    is known."""
    found = [{"lang": lang, "href": f"{site_url}{lang}/index.html"} for lang in LANGUAGES]
    return found + [{"lang": "x-default", "href": site_url}] if site_url else found


def standalone_page(template: str, root: Path = CHECKOUT, **context) -> str:
    """Another page outside the two books (book/front/<template>, e.g. downloads.html), with the
    front page's shell and context."""
    return _templates().get_template(template).render(_page_context(root), **context)


def write_front(site: Path, root: Path = CHECKOUT, downloads: bool = False) -> None:
    """The front page and what it loads (site/_static: the theme's stylesheet, quick exit and
    favicon, and front.css)."""
    static = site / "_static"
    static.mkdir(exist_ok=True)
    for path in FRONT_STATIC:
        shutil.copy2(path, static / path.name)
    (site / "index.html").write_text(landing_page(downloads=downloads, root=root), encoding="utf-8")


def swap_in(staging: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build(root: Path = CHECKOUT, out: Path | None = None, languages=LANGUAGES, log=print,
          edition: str = "learner") -> Path:
    """Validate, build every language (in parallel), assemble and swap in. Returns the site folder.

    edition "trainer" also shows the chapters' trainer notes; it builds into _build/trainer."""
    if edition not in ("learner", "trainer"):
        raise ValueError(f"unknown edition {edition!r}: learner or trainer")
    out = Path(out) if out else Project(root).output(edition)
    site = out / "html"
    started = time.perf_counter()
    whole = inputs_fingerprint(root, languages, edition)
    if _read(site / ".inputs-sha256") == whole:
        log(f"nothing changed since the last build: {site}")
        return site
    workdir = out / "languages"
    # Taken before building, so an edit made during the build is seen by the next one.
    inputs = {lang: inputs_fingerprint(root, [lang], edition) for lang in languages}
    todo = [lang for lang in languages  # a language whose inputs did not change is not rebuilt
            if _read(workdir / lang / "inputs-sha256") != inputs[lang] or not (workdir / lang / "html").is_dir()]
    log(check_project(root))  # CheckError names file, line and field: nothing is built
    builds = {lang: LanguageBuild(lang, workdir, root, edition) for lang in todo}  # in parallel
    results = {lang: (running.wait(), running.log) for lang, running in builds.items()}
    for lang, (code, _) in results.items():
        if code == 0:
            (workdir / lang / "inputs-sha256").write_text(inputs[lang])
    failed = [lang for lang, (code, _) in results.items() if code != 0]
    if failed:
        for lang in failed:
            tail = results[lang][1].read_text(encoding="utf-8").splitlines()[-40:]
            log(f"--- {lang} build failed; last lines of {results[lang][1]}:\n" + "\n".join(tail))
        raise BuildError(f"build failed for {', '.join(failed)}; the site in {site} was not changed")
    staging = out / "html.new"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for lang in languages:
        shutil.copytree(workdir / lang / "html", staging / lang)
    write_front(staging, root)
    (staging / ".nojekyll").write_text("", encoding="utf-8")  # static hosts: serve _static as is
    if (out / "dist").is_dir():  # the copies `package` made last stay on offer
        from book.package import add_downloads
        add_downloads(staging, out / "dist", root)
    broken = internal_link_problems(staging)
    if broken:
        raise BuildError(f"{len(broken)} broken internal link(s); the site in {site} was not changed:\n"
                         + "\n".join(broken))
    (staging / ".inputs-sha256").write_text(whole)
    swap_in(staging, site)
    log(f"built {', '.join(todo) or 'nothing new'} in {time.perf_counter() - started:.1f} s: {site}")
    return site
