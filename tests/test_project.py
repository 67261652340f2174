"""One Project value knows the project's folders, and crosses into other processes one way."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from book.project import ENV, Project
from conftest import ROOT


def test_the_folders_of_a_project(tmp_path):
    project = Project(str(tmp_path))
    assert project.root == tmp_path and Project(".").chapter("en", "about") == Path("notebooks/en/about.md")
    assert project.questions == tmp_path / "data" / "questions"
    assert project.glossary == tmp_path / "data" / "glossary.csv"
    assert project.chapter("ru", "about") == tmp_path / "notebooks" / "ru" / "about.md"
    assert (project.config, project.toc) == (tmp_path / "_config.yml", tmp_path / "_toc.yml")
    assert project.output() == tmp_path / "_build" and project.output("trainer") == tmp_path / "_build" / "trainer"


def test_a_process_started_for_a_project_works_on_it(tmp_path, monkeypatch):
    """This checkout by default; the project named in the environment a build gives its processes."""
    monkeypatch.delenv(ENV, raising=False)
    assert Project.current() == Project(ROOT)
    code = "from book.project import Project; print(Project.current().root)"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={"PATH": "/usr/bin:/bin", **Project(tmp_path).environment()})
    assert child.stdout.strip() == str(tmp_path)
