"""Command line: python -m book {check,build,serve,lab}."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from book.checks import CheckError, check_project
from book.languages import LANGUAGES
from book.project import Project
from book.serve import ServeError
from book.website import BuildError


def cmd_check(args) -> int:
    print(check_project(Path(args.root)))
    return 0


def cmd_cues(args) -> int:
    from book.bank import load_bank
    from book.cues import cue_problems, report
    folder = Project(args.root).questions
    bank = load_bank(folder)
    print(report(bank, folder))
    return 1 if cue_problems(bank, folder) else 0


def cmd_build(args) -> int:
    from book.website import build
    build(Path(args.root), Path(args.out) if args.out else None, edition=getattr(args, "edition", "learner"))
    return 0


def cmd_package(args) -> int:
    from book.package import package
    package(Path(args.root), Path(args.out) if args.out else None)
    return 0


def cmd_slides(args) -> int:
    from book.slides import apply
    changed = apply(Path(args.root), check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'updated'}: {path}")
    if args.check and changed:
        print("run: python -m book slides", file=sys.stderr)
        return 1
    if not changed:
        print("slide metadata up to date")
    return 0


def cmd_sync(args) -> int:
    from book.chapters import toc_pages
    from book.sync import mark_synced, stale
    root = Path(args.root)
    if args.check or not (args.pages or args.all):
        found = stale(root)
        print("\n".join(found) if found else "translations in step with their English sources")
        return 1 if found else 0
    from book.sync import translation
    pages = toc_pages(root) if args.all else args.pages
    try:
        lang = translation(args.lang)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    mark_synced(root, pages, lang)
    print(f"marked synced ({lang}): {', '.join(pages)}")
    return 0


def cmd_links(args) -> int:
    from book.links import check_external
    return 1 if check_external(Path(args.root)) else 0


def cmd_serve(args) -> int:
    from book.serve import serve
    if args.build:
        cmd_build(args)
    out = Path(args.out) if args.out else Project(args.root).output()
    if not (out / "html" / "index.html").is_file():
        raise ServeError(f"no built site in {out / 'html'}; "
                         "run: ./manual build (or ./manual serve, which builds first)")
    serve(out / "html", port=args.port)
    return 0


def cmd_room(args) -> int:
    from book.room_cli import main as room
    return room(args.on, args.port, args.lang)


def cmd_present(args) -> int:
    from book.deck import PresentError, present
    try:
        return present(Path(args.root), args.chapter, args.lang, args.port, open_browser=not args.no_browser,
                       edition=args.edition)
    except PresentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def cmd_lab(args) -> int:
    from book.lab import launch
    return launch(Path(args.root), extra=args.lab_args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m book", description=__doc__)
    parser.add_argument("--root", default=str(Project.current().root), help="project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and the chapters' parity (seconds; runs before every build)")
    sub.add_parser("cues", help="report, per bank, the cues of form that let answers be guessed without reading "
                                "(longest option, true/false balance, ...); exit 1 if any")
    b = sub.add_parser("build",
                       help="build both languages into _build/html (atomic: a failed build keeps the last site)")
    b.add_argument("--out", help="build folder (default: _build, or _build/trainer for the trainer edition)")
    b.add_argument("--edition", choices=["learner", "trainer"], default="learner",
                   help="trainer: also show the trainer notes (never publish it to learners)")
    pk = sub.add_parser("package",
                        help="build, then write a zip and an EPUB per language into _build/dist and the site")
    pk.add_argument("--out", help="build folder (default: _build)")
    sl = sub.add_parser("slides", help="write the chapters' slide metadata for RISE (one idea per slide)")
    sl.add_argument("--check", action="store_true", help="only report chapters whose metadata is out of date")
    sy = sub.add_parser("sync", help="translations: list stale ones, or mark reviewed ones as synced")
    sy.add_argument("pages", nargs="*", help="pages (as in _toc.yml) to mark synced after review")
    sy.add_argument("--all", action="store_true", help="mark every page synced")
    sy.add_argument("--lang", choices=LANGUAGES[1:], help="the translation reviewed (needed when there are several)")
    sy.add_argument("--check", action="store_true", help="only list stale translations")
    sub.add_parser("links", help="check the external addresses in data/external-links.csv (needs a network)")
    s = sub.add_parser("serve", help="serve the built site on localhost")
    s.add_argument("--build", action="store_true", help="build first")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--out", help="build folder (default: _build)")
    pr = sub.add_parser("present",
                        help="build if needed, serve on localhost and open a chapter as slides with its quizzes")
    pr.add_argument("chapter", help="a page named in _toc.yml, e.g. distinctions")
    pr.add_argument("--lang", choices=list(LANGUAGES), default="en", help="the chapter's language (default en)")
    pr.add_argument("--port", type=int, default=8000)
    pr.add_argument("--no-browser", action="store_true", help="only print the address")
    pr.add_argument("--edition", choices=["learner", "trainer"], default="learner",
                    help="trainer: with speaker notes (key S) in a window of their own; never project that window")
    rm = sub.add_parser("room",
                        help="open the room: anonymous live answers from phones (listens on the network you name)")
    rm.add_argument("--on", metavar="NETWORK",
                    help="interface (e.g. wlan0) or this machine's address; without it the networks are listed")
    rm.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    rm.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help="language of the trainer's messages")
    lab = sub.add_parser("lab", help="open the chapters live in JupyterLab")
    lab.add_argument("lab_args", nargs="*", metavar="JUPYTERLAB_OPTION",
                     help="passed on to jupyter lab as they are, e.g. --ServerApp.port=9999")
    argv = sys.argv[1:] if argv is None else list(argv)
    # Everything after `lab` goes to JupyterLab as it is (argparse would take --ServerApp.port=…
    # for an option of its own and refuse it).
    lab_args: list[str] = []
    if "lab" in argv:
        at = argv.index("lab")
        argv, lab_args = argv[:at + 1], argv[at + 1:]
    args = parser.parse_args(argv)
    if args.command == "lab":
        args.lab_args = lab_args
    try:
        return {"check": cmd_check, "build": cmd_build, "package": cmd_package, "serve": cmd_serve,
                "slides": cmd_slides, "sync": cmd_sync, "cues": cmd_cues, "links": cmd_links, "lab": cmd_lab,
                "room": cmd_room, "present": cmd_present}[args.command](args)
    except CheckError as exc:
        print(f"{len(exc.problems)} problem(s) in the sources; nothing was built:\n{exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
