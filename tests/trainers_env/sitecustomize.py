"""Makes this Python, and every Python process it starts, an environment with requirements.txt only.

tests/test_trainers.py puts this folder first on PYTHONPATH, so Python imports this module at
start-up (sitecustomize), here and in every process that inherits the environment: the language
builds, the kernels that run the chapters, JupyterLab and its kernels. It makes the modules that
only requirements-test.txt installs (TRAINERS_ENV_MISSING, comma-separated) impossible to import,
as they would be where they are not installed, and notes each process it started in
TRAINERS_ENV_LOG (one JSON command line a line), so a test can see which processes it reached.
"""
import json
import os
import sys

MISSING = frozenset(filter(None, os.environ.get("TRAINERS_ENV_MISSING", "").split(",")))


class RequirementsTxtOnly:
    """A meta path finder that is asked first, and refuses the test-only modules."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in MISSING:
            raise ModuleNotFoundError(f"No module named {name!r} (only requirements-test.txt installs it)",
                                      name=name)
        return None


sys.meta_path.insert(0, RequirementsTxtOnly)
if os.environ.get("TRAINERS_ENV_LOG"):
    with open(os.environ["TRAINERS_ENV_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(sys.orig_argv) + "\n")
