"""The publishing workflow deploys only what passed every test."""
from __future__ import annotations

import yaml

from conftest import ROOT


def test_publish_needs_the_tests_and_runs_what_ci_runs():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["publish"]["needs"] == "test"
    test_steps = " ".join(step.get("run", "") for step in jobs["test"]["steps"])
    assert "bash .ci/run" in test_steps and jobs["test"]["env"]["CI"] == "true"
    publish_steps = jobs["publish"]["steps"]
    assert any(step.get("run") == "./manual package" for step in publish_steps)
    uploads = [s for s in publish_steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "_build/html"
    assert "./manual test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
