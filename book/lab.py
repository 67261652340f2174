"""Open the chapters live in JupyterLab, as notebooks, without calling any other host.

JupyterLab opens `.md` as text unless its document manager maps Markdown and MyST to the
"Jupytext Notebook" viewer; that, and switching off news and update checks (which call out),
is done with an `overrides.json` in this environment's JupyterLab settings folder. What settings
cannot do (start a kernel only for pages with code, and shut it down when the tab closes: jupytext's
viewer ignores those settings) is done by the manual's own small extension in `labextensions/`.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from importlib import resources
from pathlib import Path

from book.languages import LANGUAGES


def overrides() -> dict:
    return json.loads(resources.files("book").joinpath("lab_overrides.json").read_text(encoding="utf-8"))


def settings_dir(prefix: str | os.PathLike = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings"


def install_overrides(prefix: str | os.PathLike = sys.prefix) -> Path:
    """Write our settings into this environment's overrides.json, keeping any others there."""
    target = settings_dir(prefix) / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    for plugin, values in overrides().items():
        current.setdefault(plugin, {}).update(values)
    target.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def extensions_dir() -> Path:
    """The folder of the manual's own JupyterLab extension (see its static/remoteEntry.js)."""
    return Path(str(resources.files("book").joinpath("labextensions")))


def server_command(root: Path, port: int | None = None, extra: list[str] | None = None) -> list[str]:
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    command = [
        jupyter, "lab",
        f"--ServerApp.root_dir={root / 'notebooks'}",
        "--ServerApp.ip=127.0.0.1",               # this machine only
        "--LabApp.news_url=None",                 # no news feed from other hosts
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",    # no extension searches on a package index
        f"--LabApp.extra_labextensions_path={extensions_dir()}",  # a kernel only for pages with code
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")            # containers and CI run as root
    if port:
        command.append(f"--ServerApp.port={port}")
    return command + list(extra or [])


def launch(root: Path, extra: list[str] | None = None) -> int:
    path = install_overrides()
    folders = " or ".join(f"{lang}/" for lang in LANGUAGES)
    print(f"JupyterLab settings: {path}\nOpen {folders} and a chapter; Run > Run All Cells shows the quizzes.",
          flush=True)
    command = server_command(root, extra=extra)
    os.execv(command[0], command)
    return 0  # not reached
