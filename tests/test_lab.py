"""Live: JupyterLab opens the .md chapters as notebooks (jupytext) and calls no other host."""
from __future__ import annotations

import hashlib
import json
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.error import URLError

import psutil
import pytest

from book.bank import load_bank
from book.grading import QUESTION_TYPES
from book.i18n import t
from book.lab import install_overrides, server_command
from book.labels import expected_label
from conftest import ROOT, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Watched:
    """A browser page with the errors its console printed and the addresses it requested."""
    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def elsewhere(self, base: str) -> list[str]:
        """What it requested of any host but the lab server (data: addresses are not requests)."""
        return [u for u in self.requests if not u.startswith(base) and not u.startswith("data:")]


@contextmanager
def watched_page(browser, shot: str, width: int = 1280, height: int = 800) -> Iterator[Watched]:
    """A page in a browser context of its own, closed afterwards; if the block fails, a
    screenshot /tmp/labx/failed-<shot>.png shows where."""
    context = browser.new_context(viewport={"width": width, "height": height})
    watched = Watched(context.new_page())
    watched.page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    watched.page.on("request", lambda r: watched.requests.append(r.url))
    try:
        yield watched
    except Exception:
        watched.page.screenshot(path=f"/tmp/labx/failed-{shot}.png")
        raise
    finally:
        context.close()


def test_install_overrides_keeps_other_settings(tmp_path):
    target = tmp_path / "share/jupyter/lab/settings/overrides.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    install_overrides(tmp_path)
    merged = json.loads(target.read_text())
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert "defaultViewers" in merged["@jupyterlab/docmanager-extension:plugin"]


AUTOSAVE_SECONDS = 2  # JupyterLab's default is 120: the test waits for autosave to have run


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab on a copy of the project (so a failing test cannot change this checkout), with
    the trainers' settings and autosave every 2 seconds."""
    prefix = tmp_path_factory.mktemp("lab")
    (prefix / "project").mkdir()
    project = copy_project(prefix / "project")
    settings = install_overrides(prefix).parent
    user = prefix / "user-settings" / "@jupyterlab" / "docmanager-extension"
    user.mkdir(parents=True)
    (user / "plugin.jupyterlab-settings").write_text(json.dumps({"autosaveInterval": AUTOSAVE_SECONDS}))
    notebook = prefix / "user-settings" / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)  # lay out every cell, so the test can measure the quizzes' labels
    (notebook / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    port, token = free_port(), "test-token"
    command = server_command(project, port, [
        "--no-browser", f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.user_settings_dir={prefix / 'user-settings'}", f"--LabApp.workspaces_dir={prefix / 'workspaces'}",
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
    yield dict(get=get, base=base, token=token, project=project, pid=proc.pid)
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def lab(lab_server):
    return lab_server["get"]


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


def test_lab_has_no_news_or_extension_search_and_listens_on_this_machine_only(lab_server):
    """The running JupyterLab, as the trainers' command starts it: news off in the page's own
    configuration, an extension manager that cannot search or install, no socket beyond 127.0.0.1."""
    request = urllib.request.Request(lab_server["base"] + "/lab",
                                     headers={"Authorization": f"token {lab_server['token']}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read().decode("utf-8")
    config = json.loads(re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["news"] == {"disabled": True}
    assert config["extensionManager"]["can_install"] is False
    server = psutil.Process(lab_server["pid"])
    listening = {c.laddr.ip for process in [server, *server.children(recursive=True)]
                 for c in process.net_connections("inet") if c.status == psutil.CONN_LISTEN}
    assert listening == {"127.0.0.1"}


def test_lab_passes_options_on_to_jupyterlab(monkeypatch):
    from book import cli
    from book import lab as lab_module
    seen = []
    monkeypatch.setattr(lab_module, "launch", lambda root, extra=None: seen.append(extra) or 0)
    assert cli.main(["lab", "--ServerApp.port=9999", "--no-browser"]) == 0
    assert cli.main(["lab"]) == 0
    assert seen == [["--ServerApp.port=9999", "--no-browser"], []]
    assert server_command(ROOT, extra=seen[0])[-2:] == ["--ServerApp.port=9999", "--no-browser"]


def chapter_hashes(project):
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((project / "notebooks").rglob("*.md")) if ".ipynb_checkpoints" not in p.parts}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_present_a_chapter_and_leave_it_unchanged(lab_server, browser, lang):
    """Open a chapter, run all, answer a question, present it with RISE, let autosave run,
    close it: every chapter file is byte-identical, and nothing was asked of another host."""
    base, project = lab_server["base"], lab_server["project"]
    before = chapter_hashes(project)
    with watched_page(browser, lang) as watched:
        page = watched.page
        page.goto(f"{base}/lab/workspaces/{lang}/tree/{lang}/distinctions.md?reset&token={lab_server['token']}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.get_by_text("| Idle").wait_for(timeout=60_000)  # the kernel is ready
        page.locator(".jp-Notebook").first.click()
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        wait_until_every_cell_ran(page)
        question = page.locator(".mq-live-question", has=page.locator("input[type=radio]")).first
        question.locator("input[type=radio]").first.check(timeout=40_000)
        question.get_by_role("button", name=t(lang, "check")).click()
        question.locator(".mq-feedback p").first.wait_for(timeout=30_000)
        errors_before_slides = list(watched.errors)
        page.keyboard.press("Escape")
        page.keyboard.press("Alt+r")  # RISE: saves the notebook, then shows it as slides
        page.wait_for_selector("iframe[src*='/rise/']", timeout=60_000)
        page.frame_locator("iframe[src*='/rise/']").locator(".reveal .slides").wait_for(timeout=60_000)
        page.wait_for_timeout((AUTOSAVE_SECONDS + 3) * 1000)
        page.keyboard.press("Control+s")
        page.wait_for_timeout(2000)
    assert chapter_hashes(project) == before
    assert watched.elsewhere(base) == []
    assert errors_before_slides == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_myst_renders_callouts_and_folds_trainer_notes(lab_server, browser, lang):
    """jupyterlab-myst: {important} and {note} blocks are callouts, **bold** is bold, no directive
    is unknown; trainer notes are folded under their title until the trainer opens one."""
    with watched_page(browser, f"myst-{lang}") as watched:
        page = watched.page
        page.goto(f"{lab_server['base']}/lab/workspaces/{lang}-myst/tree/{lang}/distinctions.md?reset"
                  f"&token={lab_server['token']}")
        page.locator(".jp-MarkdownCell .myst-admonition").first.wait_for(timeout=60_000)
        page.wait_for_function("() => [...document.querySelectorAll('.jp-MarkdownCell')]"  # every cell rendered
                               ".every(c => c.querySelector('.lm-Widget.myst')?.innerText.trim())", timeout=60_000)
        rendered = page.evaluate("""() => {
            const cells = [...document.querySelectorAll('.jp-MarkdownCell .lm-Widget.myst')];
            const notes = [...document.querySelectorAll('.jp-MarkdownCell details.myst-admonition.trainer-note')];
            return {text: cells.map(c => c.innerText).join('\\n'),
                    important: document.querySelectorAll('aside.myst-admonition-important').length,
                    bold: document.querySelectorAll('.jp-MarkdownCell .myst strong').length,
                    notes: notes.map(n => [n.open, n.querySelector('summary').innerText.trim(), n.offsetHeight,
                                           n.querySelector('summary').offsetHeight])};
        }""")
        source = (ROOT / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8")
        assert rendered["important"] == source.count("```{important}") > 0
        assert rendered["bold"] >= 3 and "**" not in rendered["text"]
        # jupyterlab-myst knows every directive but {footbibliography} (sphinxcontrib-bibtex's list
        # of the chapter's sources, last on the page), which it shows as a folded "Unknown Directive"
        unknown = re.findall(r"(\S+) - Unknown Directive", rendered["text"])
        assert unknown == ["footbibliography"] and ":::" not in rendered["text"]
        assert len(rendered["notes"]) == source.count(":class: dropdown trainer-note") > 0
        for is_open, title, height, summary_height in rendered["notes"]:
            assert not is_open and title == t(lang, "trainer_note") and height < summary_height + 20
        note = page.locator(".jp-MarkdownCell details.trainer-note").first
        note.locator("summary").click()  # the trainer opens one
        assert note.evaluate("n => n.open") and t(lang, "trainer_note") in note.inner_text()
        assert len(note.inner_text()) > 200
    assert watched.errors == []
    assert watched.elsewhere(lab_server["base"]) == []

def open_and_run(page, lab_server, lang, chapter="distinctions"):
    page.goto(f"{lab_server['base']}/lab/workspaces/{lang}-{chapter}/tree/{lang}/{chapter}.md?reset"
              f"&token={lab_server['token']}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.get_by_text("| Idle").wait_for(timeout=60_000)
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.locator(".mq-live-question").first.wait_for(timeout=90_000)


def assert_options_apart(page):
    """No option label overlaps the next one (or its radio button), and none is cut off."""
    boxes = page.evaluate("""() => [...document.querySelectorAll(
          '.mq-live-quiz .widget-radio-box, .mq-live-quiz .widget-vbox')]
        .map(group => [...group.querySelectorAll(':scope > label, :scope > .widget-checkbox')]
          .map(l => { const r = l.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right,
                      l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1]; }))
        .filter(g => g.length > 1 && g.every(([top, bottom]) => bottom > top))""")
    assert boxes, "no option groups found"
    for group in boxes:
        for (_top, bottom, *_), (next_top, *_rest) in zip(group, group[1:]):
            assert bottom <= next_top + 0.5, group  # each label ends before the next begins
        assert not any(cut for *_, cut in group), group


def font_sizes(page) -> dict:
    """Computed font sizes (px) of the chapter's prose, a live question's text and an option."""
    return page.evaluate("""() => {
        const px = selector => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
        return {prose: px('.jp-MarkdownCell .lm-Widget.myst p'),
                question: px('.mq-live-question .widget-html-content p'),
                option: px('.mq-live-quiz .widget-radio-box label')};
    }""")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_projector_layout_and_count_the_room(lab_server, browser, lang):
    """At 1024 × 768 no option label overlaps another or its neighbour's radio button, none is cut
    off with "…"; the "count the room" button opens one counter per letter and draws the chart."""
    with watched_page(browser, f"projector-{lang}", 1024, 768) as watched:
        page = watched.page
        open_and_run(page, lab_server, lang)
        page.wait_for_timeout(2000)
        assert_options_apart(page)
        # Presentation Mode enlarges the prose; the quiz's text grows with it, and its
        # options still wrap rather than overlap
        before = font_sizes(page)
        page.get_by_role("menuitem", name="View", exact=True).click()
        page.locator(".lm-Menu-item", has_text="Appearance").click()  # View > Appearance > Presentation Mode
        page.locator(".lm-Menu-item", has_text="Presentation Mode").click()
        page.wait_for_selector(".jp-LabShell.jp-mod-presentationMode")
        page.wait_for_timeout(1000)
        after = font_sizes(page)
        assert after["prose"] >= 1.15 * before["prose"], (before, after)
        for part in ("question", "option"):
            growth = after["prose"] / before["prose"]
            assert after[part] / before[part] == pytest.approx(growth, rel=0.05), (before, after)
        assert_options_apart(page)
        labels = page.locator(".mq-live-quiz label").all_text_contents()
        assert labels and not any(text.rstrip().endswith("…") for text in labels)
        letters = {"en": "ABC", "ru": "АБВ"}[lang]
        assert any(text.strip().startswith(f"{letters[0]}. ") for text in labels), labels[:6]
        question = page.locator(".mq-live-question", has=page.locator("input[type=radio]")).first
        question.get_by_role("button", name=t(lang, "count_room")).click()
        counters = question.locator(".widget-text input")
        counters.first.wait_for()
        for i, n in enumerate((7, 2)):
            counters.nth(i).fill(str(n))
            counters.nth(i).press("Enter")
        question.get_by_role("button", name=t(lang, "draw_chart")).click()
        question.locator(".mq-tally img").wait_for(timeout=30_000)
        assert "7" in question.locator(".mq-tally table").inner_text()
        counters.nth(0).fill("-4")
        counters.nth(0).press("Enter")
        question.get_by_role("button", name=t(lang, "draw_chart")).click()
        alert = question.locator(".mq-tally-error")
        alert.wait_for(timeout=30_000)
        assert alert.inner_text() == t(lang, "tally_negative", key=letters[0], value=-4)
    assert watched.errors == []


def sessions_for(lab_server, path) -> list[dict]:
    return [s for s in lab_server["get"]("/api/sessions") if s["path"] == path]


def put_settings(lab_server, plugin: str, raw: str) -> None:
    request = urllib.request.Request(f"{lab_server['base']}/lab/api/settings/{plugin}", method="PUT",
                                     data=json.dumps({"raw": raw}).encode(),
                                     headers={"Authorization": f"token {lab_server['token']}",
                                              "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def close_tab(page):
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="File", exact=True).click()
    page.locator(".lm-Menu-item", has_text="Close Tab").first.click()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_kernel_only_for_pages_with_code(lab_server, browser, lang):
    """The manual's JupyterLab extension: the front page (no kernelspec) and a page with a
    kernelspec but no code open with no kernel and no kernel dialog; a chapter starts its own
    kernel; no page is marked modified by opening it or by its kernel starting, so closing a tab
    asks nothing; closing the chapter's tab shuts its kernel down."""
    base, token = lab_server["base"], lab_server["token"]
    docmanager = "@jupyterlab/docmanager-extension:plugin"
    saved = lab_server["get"](f"/lab/api/settings/{docmanager}")["raw"]
    put_settings(lab_server, docmanager, json.dumps({"autosave": False}))  # or autosave would hide "modified"
    try:
        with watched_page(browser, f"kernels-{lang}") as watched:
            page = watched.page
            for name in ("index", "safety", "opposition"):
                page.goto(f"{base}/lab/workspaces/{lang}-kernels/tree/{lang}/{name}.md?reset&token={token}")
                page.locator(".jp-Notebook .jp-MarkdownCell").first.wait_for(timeout=60_000)
                if name == "opposition":
                    page.get_by_text("| Idle").wait_for(timeout=60_000)
                    assert len(sessions_for(lab_server, f"{lang}/opposition.md")) == 1
                page.wait_for_timeout(3000)  # time enough for a kernel, a dialog or kernel metadata to come
                assert page.locator(".jp-Dialog").count() == 0
                assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, f"{name} opened modified"
                if name != "opposition":
                    assert page.locator(".jp-Toolbar-kernelName").first.inner_text().strip() == "No Kernel"
                    assert sessions_for(lab_server, f"{lang}/{name}.md") == []
                close_tab(page)
                page.locator(".jp-Notebook").wait_for(state="detached", timeout=10_000)  # no "Save your work?"
            # a file that is not a notebook opens in the editor as before: the extension leaves it alone
            page.goto(f"{base}/lab/workspaces/{lang}-kernels/tree/{lang}/references.bib?reset&token={token}")
            page.locator(".jp-FileEditor .cm-content").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            deadline = time.monotonic() + 30
            while sessions_for(lab_server, f"{lang}/opposition.md") and time.monotonic() < deadline:
                time.sleep(0.5)
            assert sessions_for(lab_server, f"{lang}/opposition.md") == []
    finally:
        put_settings(lab_server, docmanager, saved)
    assert watched.errors == []
    assert watched.elsewhere(base) == []


def wait_until_every_cell_ran(page):
    """Every code cell's prompt shows a number: answering a widget while later cells still render
    can race JupyterLab's widget manager ("widget model not found")."""
    page.wait_for_function("() => document.querySelectorAll('.jp-InputPrompt').length > 0 && "
                           "![...document.querySelectorAll('.jp-InputPrompt')]"
                           ".some(e => /\\[[ *]\\]/.test(e.textContent))", timeout=120_000)


def lettered_text(text: str) -> re.Pattern:
    """A choice's label as the live quiz shows it, whatever its letter: "B. text" / "Б. text"."""
    return re.compile(rf"^\s*[^\s.]\. {re.escape(text)}\s*$")


def choose(group, text: str) -> None:
    """Tick the radio button or checkbox labelled "<letter>. text" in `group`."""
    group.locator("label", has_text=lettered_text(text)).locator("input").check(timeout=30_000)


def choose_in_dropdown(dropdown, text: str) -> None:
    """Choose "<letter>. text" in a drop-down (its options' text has no-break spaces, their values plain ones)."""
    dropdown.locator("select").wait_for(timeout=30_000)
    values = dropdown.locator("option").evaluate_all("options => options.map(o => o.value)")
    dropdown.locator("select").select_option(value=next(v for v in values if lettered_text(text).match(v)))


ANSWERED_WRONG = "truefalse"  # the type the live test answers wrong, to see the other verdict


def answer_live(page, question, lang: str) -> None:
    """Answer `question` (from the bank) in its live widget, choosing by label text: right,
    unless it is of the type ANSWERED_WRONG; then press Check."""
    widget = page.locator(".mq-live-question", has_text=question.text[lang])
    if question.type == ANSWERED_WRONG:
        choose(widget, t(lang, next(o.key for o in question.options if not o.correct)))
    elif question.type in ("single", "multiple"):
        for o in question.options:
            if o.correct:
                choose(widget, o.text[lang])
    elif question.type == "scenario":
        for o in question.options:  # each part's radio buttons follow the part's heading
            part = widget.locator(".widget-html", has_text=t(lang, f"element_{o.key}"))
            choose(part.locator("xpath=following-sibling::*[1]"), expected_label(o, lang))
    elif question.type == "matching":
        for o in question.terms():
            term = widget.locator(".widget-dropdown", has=page.locator("label", has_text=re.compile(
                rf"^\s*{re.escape(o.text[lang])}\s*$")))
            choose_in_dropdown(term, o.match[lang])
    widget.get_by_role("button", name=t(lang, "check")).click()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_answer_every_question_type_live(lab_server, browser, lang):
    """Run a chapter whose quizzes hold every question type and answer one question of each in
    its ipywidgets: each graded one right (a true/false one wrong) and the free one shown its
    model answer; the feedback and the quizzes' score lines are in the chapter's language."""
    from playwright.sync_api import expect
    bank, source = load_bank(), (ROOT / "notebooks" / lang / "distinctions.md").read_text(encoding="utf-8")
    quizzes = {quiz_id: bank.quiz(quiz_id) for quiz_id in re.findall(r'^quiz\("([^"]+)"\)', source, re.M)}
    questions = [q for quiz in quizzes.values() for q in quiz]
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    first = {qtype: next(q for q in questions if q.type == qtype) for qtype in QUESTION_TYPES}
    with watched_page(browser, f"types-{lang}") as watched:
        page = watched.page
        open_and_run(page, lab_server, lang)
        wait_until_every_cell_ran(page)
        for qtype, question in first.items():
            if qtype == "free":
                continue
            answer_live(page, question, lang)
            feedback = page.locator(".mq-live-question", has_text=question.text[lang]).locator(".mq-feedback")
            verdict = "incorrect" if qtype == ANSWERED_WRONG else "correct"
            expect(feedback.locator("p").first).to_have_text(t(lang, verdict), timeout=30_000)
            expect(feedback).to_have_class(re.compile(rf"\bmq-{verdict}\b"))
            if qtype == ANSWERED_WRONG:  # the right answer is named by its letter and label
                right = t(lang, next(o.key for o in question.options if o.correct))
                expect(feedback).to_contain_text(re.compile(
                    rf"{re.escape(t(lang, 'correct_option'))}: [^\s.]\. {re.escape(right)}"))
        free = first["free"]
        page.get_by_placeholder(t(lang, "your_answer")).fill("—")
        page.get_by_role("button", name=t(lang, "show_model")).click()
        expect(page.get_by_text(free.feedback[lang], exact=True)).to_be_visible(timeout=30_000)
        expect(page.get_by_text(t(lang, "self_check"), exact=True)).to_be_visible()
        for quiz_id in {q.quiz for q in first.values() if q.type != "free"}:
            right = sum(q.quiz == quiz_id and q.type != ANSWERED_WRONG for q in first.values())
            graded = sum(q.type != "free" for q in quizzes[quiz_id])
            quiz = page.locator(".mq-live-quiz", has_text=quizzes[quiz_id][0].text[lang])
            expect(quiz).to_contain_text(t(lang, "score", score=right, total=graded))
    assert watched.errors == []
    assert watched.elsewhere(lab_server["base"]) == []
