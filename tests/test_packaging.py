"""Installing the package is silent and complete: setuptools warns of nothing (no folder left out of
the packages configuration), and a wheel holds every file under book/ (templates, stylesheets,
scripts, catalogs, the theme), so an ordinary install builds the same site as this checkout."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

# What the build backend prints as a warning; pip's own notices ("WARNING: ...", about its index or
# its version) are not about the package.
BACKEND_WARNING = re.compile(r"^(?!WARNING: ).*warning", re.I | re.M)


def package_files() -> list[str]:
    """Every file of the package as this checkout has it (not caches or editor folders)."""
    return sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "book").rglob("*")
                  if path.is_file() and not any(part.startswith((".", "__pycache__"))
                                                for part in path.relative_to(ROOT / "book").parts))


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The package's sources alone, so that building it writes nothing into this checkout."""
    folder = tmp_path_factory.mktemp("source")
    shutil.copy2(ROOT / "pyproject.toml", folder)
    for name in package_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    return folder


def pip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args],
                          capture_output=True, text=True, timeout=300)


def test_a_wheel_holds_every_file_and_building_it_warns_of_nothing(source, tmp_path):
    done = pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not BACKEND_WARNING.search(done.stdout + done.stderr), done.stdout + done.stderr
    wheel, = tmp_path.glob("*.whl")
    assert set(package_files()) - set(zipfile.ZipFile(wheel).namelist()) == set()


def test_an_editable_install_warns_of_nothing(source, tmp_path):
    """What ./manual runs (pip install -e .), into an empty environment of its own."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    done = pip("--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-deps", "--editable", str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not BACKEND_WARNING.search(done.stdout + done.stderr), done.stdout + done.stderr
    # where that environment finds the package (found, not run: the environment has no dependencies)
    code = "import importlib.util; print(importlib.util.find_spec('book').origin)"
    found = subprocess.run([venv / "bin" / "python", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert found.stdout.strip() == str(source / "book" / "__init__.py"), found.stderr
