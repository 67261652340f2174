"""Live: JupyterLab opens the .md chapters as notebooks (jupytext) and calls no other host."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from urllib.error import URLError

import pytest

from book.lab import install_overrides, overrides, server_command
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_overrides_map_markdown_to_jupytext_and_switch_off_news():
    o = overrides()
    viewers = o["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    notes = o["@jupyterlab/apputils-extension:notification"]
    assert notes["checkForUpdates"] is False and notes["fetchNews"] == "false"


def test_install_overrides_keeps_other_settings(tmp_path):
    target = tmp_path / "share/jupyter/lab/settings/overrides.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    install_overrides(tmp_path)
    merged = json.loads(target.read_text())
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert "defaultViewers" in merged["@jupyterlab/docmanager-extension:plugin"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("lab")
    settings = install_overrides(prefix).parent
    port, token = free_port(), "test-token"
    command = server_command(ROOT, port, [
        "--no-browser", f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={settings}",
        f"--ServerApp.runtime_dir={prefix / 'runtime'}"])
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def get(path):
        request = urllib.request.Request(base + path, headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    deadline = time.monotonic() + 90
    while True:
        try:
            get("/api/status")
            break
        except (URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("JupyterLab did not start")
            time.sleep(0.5)
    yield get
    proc.terminate()
    proc.wait(timeout=30)


def test_lab_uses_jupytext_viewer_for_markdown(lab):
    plugin = lab("/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    # overrides.json becomes the schema's default, which the user's own settings may still change
    viewers = plugin["schema"]["properties"]["defaultViewers"]["default"]
    assert viewers["markdown"] == viewers["myst"] == "Jupytext Notebook"
    news = lab("/lab/api/settings/@jupyterlab/apputils-extension:notification")["schema"]["properties"]
    assert news["fetchNews"]["default"] == "false" and news["checkForUpdates"]["default"] is False


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lab_opens_chapter_as_notebook(lab, lang):
    model = lab(f"/api/contents/{lang}/distinctions.md?type=notebook&content=1")
    assert model["type"] == "notebook"
    code = [c["source"] for c in model["content"]["cells"] if c["cell_type"] == "code"]
    assert f"from book.{lang} import quiz" in code[0]
    assert 'quiz("distinctions")' in code and 'quiz("three-elements")' in code


def test_lab_command_turns_off_calls_to_other_hosts():
    command = " ".join(server_command(ROOT))
    assert "--LabApp.news_url=" in command and "NeverCheckForUpdate" in command
    assert "--ServerApp.ip=127.0.0.1" in command and "extension_manager=readonly" in command
