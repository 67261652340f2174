"""The `manual` command's own logic: which Debian packages the tests still need. Only the
missing ones are installed (installing all of them at once fails where npm came with another
Node.js, as Debian's npm conflicts with it), and CI runs exactly `./manual test`."""
from __future__ import annotations

import subprocess

from conftest import ROOT


def missing_test_debs(path: str) -> list[str]:
    """What `missing_test_debs` in `manual` prints with PATH set to `path` (this machine's files)."""
    script = f'source <(sed -n "/^missing_test_debs()/,/^}}/p" "{ROOT / "manual"}"); PATH="{path}"; missing_test_debs'
    done = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.split()


def test_only_the_packages_whose_commands_are_missing_are_named(tmp_path):
    found = set(missing_test_debs("/usr/bin:/bin"))
    without_commands = set(missing_test_debs(str(tmp_path)))  # an empty PATH: no command is there
    assert {"hunspell", "default-jre-headless", "poppler-utils", "npm"} <= without_commands
    assert without_commands - found == {"hunspell", "default-jre-headless", "poppler-utils", "npm"} - found
    # packages shown by a file (Chromium, the fonts, the dictionaries) do not depend on PATH
    assert {"chromium", "fonts-dejavu-core", "hunspell-en-gb", "hunspell-ru"} & without_commands == \
        {"chromium", "fonts-dejavu-core", "hunspell-en-gb", "hunspell-ru"} & found


def test_ci_runs_exactly_the_test_command():
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "./manual test" and not any("apt-get" in line for line in lines)
