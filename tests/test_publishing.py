"""The publishing workflow deploys only what passed every test, and deploys the site the build wrote."""
from __future__ import annotations

import yaml

from book.project import Project
from conftest import ROOT


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))


def runs_the_tests(job: dict) -> bool:
    """The job runs .ci/run (which runs ./manual test) with CI=true, so no browser test may skip."""
    return (job.get("env", {}).get("CI") == "true"
            and any(step.get("run", "").strip() == "bash .ci/run" for step in job["steps"]))


def needed_by(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before `name` starts."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed_by(jobs, d) for d in direct))


def uses(step: dict, action: str) -> bool:
    return str(step.get("uses", "")).startswith(action + "@")


def test_every_deploy_waits_for_the_whole_test_suite():
    jobs = workflow()["jobs"]
    deploying = [name for name, job in jobs.items()
                 if any(uses(step, "actions/deploy-pages") for step in job["steps"])]
    assert deploying
    for name in deploying:
        assert any(runs_the_tests(jobs[need]) for need in needed_by(jobs, name)), name
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("./manual test")


def test_the_uploaded_folder_is_the_site_the_package_step_builds():
    steps = workflow()["jobs"]["publish"]["steps"]
    built = [i for i, step in enumerate(steps) if step.get("run") == "./manual package"]
    uploads = [i for i, step in enumerate(steps) if uses(step, "actions/upload-pages-artifact")]
    assert built and uploads and built[0] < uploads[0]
    site = Project(ROOT).output() / "html"
    assert ROOT / steps[uploads[0]]["with"]["path"] == site
