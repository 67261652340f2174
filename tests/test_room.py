"""The room (book.room, room_server, room_widget, room_cli): anonymous live answers from phones.

Real HTTP clients (urllib, http.client) and Chromium contexts as participants, on 127.0.0.1 only;
the trainer's side through the Python API and the widget's traits. Every bad input gets its
status and a message in the participant's language and leaves the room as it was."""
from __future__ import annotations

import re
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

import pytest

from book.labels import option_letters
from book.i18n import t
from book.room import CONTENT_SECURITY_POLICY, MAX_BODY, RoomError, expected_answer
from conftest import ROOT, parse_tags


# --- helpers ------------------------------------------------------------------------------------

def request(url: str, body: bytes | None = None, method: str | None = None, headers=None):
    """(status, headers, body bytes) of one request, errors included."""
    req = urllib.request.Request(url, data=body, method=method or ("POST" if body is not None else "GET"),
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def post(url: str, data, lang: str = "en"):
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    status, _, raw = request(f"{url}?lang={lang}", body)
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, {"raw": raw}


def join(live) -> str:
    status, body = post(live.url + "join", b"")
    assert status == 200, body
    return body["device"]


def answer(live, device, answer, round_number=None, lang="en"):
    number = round_number if round_number is not None else live.room.round.number
    return post(live.url + "answer", {"device": device, "round": number, "answer": answer}, lang)


class Stream:
    """A participant's event stream, read with http.client (a real SSE client's view)."""

    def __init__(self, live, device, lang="en"):
        parsed = urlparse(live.url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
        self.conn.request("GET", f"{parsed.path}events?device={device}&lang={lang}")
        self.response = self.conn.getresponse()

    def next_event(self) -> tuple[str, dict]:
        event, data = None, None
        while True:
            line = self.response.fp.readline().decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
            elif line == "" and event:
                return event, data

    def close(self):
        self.conn.close()


def wait_for(check, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()


def bank_question():
    """A single-choice question of the project's own bank (its ids change as banks are rewritten)."""
    from book.bank import default_bank
    return next(q for q in default_bank().questions if q.type == "single")


def right_and_wrong(question):
    """A right answer and a wrong one, in the shape phones send."""
    right = expected_answer(question)
    keys = [o.key for o in question.options]
    if question.type in ("single", "truefalse"):
        return right, next(k for k in keys if k != right)
    if question.type == "multiple":
        return right, [k for k in keys if k not in right][:1]
    wrong = dict(right)
    part = next(iter(wrong))
    if question.type == "scenario":
        from book.labels import part_choices
        wrong[part] = next(v for v, _ in part_choices(part, "en") if v != right[part])
    else:
        wrong[part] = next(k for k in keys if k != right[part])
    return right, wrong


# --- the server over HTTP -----------------------------------------------------------------------

def test_participant_page_is_small_strict_and_self_contained(live_room):
    live = live_room()
    total = 0
    for lang in ("en", "ru"):
        status, headers, page = request(live.url + lang)
        assert status == 200
        csp = headers["Content-Security-Policy"]
        assert csp == CONTENT_SECURITY_POLICY and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["Referrer-Policy"] == "no-referrer" and "Set-Cookie" not in headers
        assert "Server" not in headers
        html = page.decode()
        tags = parse_tags(html)
        assert ("html", {"lang": lang}) in tags
        assert not [a for tag, a in tags if tag == "script" and "src" not in a], "inline script"
        assert not [tag for tag, a in tags if tag == "style" or "style" in a], "inline style"
        for tag, a in tags:
            for attr in ("src", "href"):
                value = a.get(attr) or ""
                if tag != "a" and value:
                    assert "//" not in value, f"{tag} loads {value} from elsewhere"
        assert t(lang, "room_title") in html and t(lang, "exit") in html
        total = len(page)
        for tag, a in tags:
            if tag in ("script", "link") and (a.get("src") or a.get("href")):
                status, _, asset = request(live.url + (a.get("src") or a.get("href")))
                assert status == 200
                total += len(asset)
        assert total < 30_000, f"participant page weighs {total} bytes with its assets"
    status, _, chooser = request(live.url)
    assert status == 200 and 'lang="ru"' in chooser.decode() and "Русский" in chooser.decode()


def test_participant_scripts_are_plain_es5_for_old_phones():
    from book.room import Room
    room = Room()
    for name in ("room.js", "exit.js"):
        code = room.page[name]
        for modern in ("=>", "`", "let ", "const ", "class ", "async ", "await ", "fetch(", "?.", "..."):
            assert modern not in code, f"{name} uses {modern!r}"


def test_the_room_listens_only_where_the_trainer_says():
    from book.room import Room, network_addresses
    assert Room().address == "127.0.0.1"
    for anywhere in ("0.0.0.0", "::", "example.org", "10.255.255.254"):
        with pytest.raises(RoomError, match="не сеть этого компьютера"):
            Room(network=anywhere, lang="ru")
    name, address = network_addresses()[0]
    assert Room(network=name).address == address == Room(network=address).address


def test_a_port_in_use_gets_a_message_not_a_traceback():
    from book.room import Room
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RoomError, match=f"порт {port}"):
            Room(port=port, lang="ru").start()
        from book.ru import open_room  # in a notebook: the reason shown, not a traceback
        problem = open_room(port=port)
        assert f"порт {port}" in problem._repr_html_() and 'role="alert"' in problem._repr_html_()
        with pytest.raises(RoomError, match=f"порт {port}"):
            problem.ask("anything")
        assert getattr(problem, "_repr_mimebundle_", None) is None  # IPython can still display it


def test_wrong_token_and_other_paths_give_nothing_away(live_room):
    live = live_room()
    root = live.url.rsplit("/", 2)[0]
    for path in ("/", "/x/", "/x/en", "/x/join", f"/{live.room.token[:-1]}/en", "/favicon.ico"):
        status, headers, body = request(root + path)
        assert status == 404 and body == b"Not found", path
        assert live.room.code.encode() not in body
    status, _, _ = request(root + "/x/join", b"")
    assert status == 404
    assert len(live.room.token) >= 20  # 16 random bytes


def test_join_stream_answer_count_and_reveal(live_room):
    live = live_room("en")
    device = join(live)
    stream = Stream(live, device, "ru")
    assert stream.next_event() == ("state", {"round": 0, "phase": "waiting"})
    live.call(live.view.ask, "q-one")
    event, state = stream.next_event()
    assert event == "state" and state["phase"] == "open" and state["question"]["text"] == "Так ли это?"
    q = live.room.round.question
    letters = option_letters(q, "ru")  # the letters every view of the manual shows
    assert state["question"]["parts"][0]["choices"] == [[o.key, f"{letters[o.key]}. {o.text['ru']}"]
                                                        for o in q.display_options()]
    assert sorted(letters.values()) == ["А", "Б"] and "reveal" not in state
    assert answer(live, device, "a", lang="ru")[0] == 200
    assert wait_for(lambda: live.view.answers == 1)
    assert live.view.counts == {"a": 1} and live.view.phase == "open" and live.view.phones == 1
    live.call(live.view.close_question)
    assert stream.next_event()[1]["phase"] == "closed"
    live.call(live.view.reveal)
    event, state = stream.next_event()
    assert state["phase"] == "revealed"
    assert state["reveal"]["expected"] == "a" and state["reveal"]["explanation"] == "Так сказано в договоре."
    assert any("Да" in line for line in state["reveal"]["lines"])
    assert live.view.phase == "revealed" and "Is it so?" in live.view.chart.value
    live.call(live.view.close_room)
    assert stream.next_event()[0] == "closed"
    stream.close()
    assert live.view.phase == "shut"
    assert live.view.results() == [{"round": 1, "question": "q-one", "answers": 1, "counts": {"a": 1}}]


def test_live_chart_follows_the_answers_without_giving_the_answer_away(live_room):
    live = live_room("en")
    live.call(live.view.ask, "q-one")
    for _ in range(2):
        answer(live, join(live), "b")
    assert live.view.counts == {"b": 2}  # at once; the chart follows when answers pause
    assert wait_for(lambda: "<td>2</td>" in live.view.chart.value, timeout=20), live.view.chart.value
    chart = live.view.chart.value
    assert "<img" in chart and "Is it so?" in chart
    assert t("en", "tally_correct", answer="Yes") not in chart and "Because the treaty says so." not in chart
    live.call(live.view.reveal)
    # the answer with its letter, as the tally shows it (book.tally)
    assert re.search(re.escape(t("en", "tally_correct", answer="")) + r"[A-Z]\. Yes<", live.view.chart.value)


@pytest.mark.parametrize("qid", ["q-two", "tf", "multi", "case", "terms"])
def test_every_question_type_is_counted(live_room, qid):
    live = live_room("ru")
    live.call(live.view.ask, qid)
    question = live.room.round.question
    right, wrong = right_and_wrong(question)
    for given in (right, right, wrong):
        assert answer(live, join(live), given)[0] == 200
    assert live.view.answers == 3
    table = live.call(lambda: live.view.report())
    assert set(table["question"]) == {qid}
    right_rows = table[table["correct"]]
    assert (right_rows["count"] >= 2).all(), table
    live.call(live.view.reveal)
    assert question.feedback["ru"] in live.view.chart.value


def test_free_questions_and_unknown_ids_are_refused_with_a_message(live_room):
    live = live_room("ru")
    live.call(live.view.ask, "reply")
    assert live.view.message == t("ru", "room_cannot_ask", qid="reply", type="free")
    live.call(live.view.ask, "nope")
    assert "nope" in live.view.message and live.room.round is None
    with pytest.raises(RoomError):
        live.call(live.room.reveal)
    assert "reply" not in [v for _, v in live.view.picker.options]


def test_the_trainer_asks_with_the_widgets_buttons(live_room):
    live = live_room("ru")
    view = live.view
    assert view.quiz_picker.options[0] == (t("ru", "room_all_quizzes"), "")

    def choose_and_ask():
        view.quiz_picker.value = "demo"
        view.picker.value = "multi"
        view.ask_button.click()
    live.call(choose_and_ask)
    assert view.question == "multi" and view.phase == "open" and live.room.round.question.id == "multi"
    assert answer(live, join(live), ["a", "c"])[0] == 200
    live.call(view.close_button.click)
    assert view.phase == "closed"
    live.call(view.reveal_button.click)
    assert view.phase == "revealed" and t("ru", "tally_correct", answer="")[:10] in view.chart.value
    live.call(view.shut_button.click)
    assert view.phase == "shut" and live.room.closed
    assert t("ru", "room_phase_shut") in view.status.value


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_bad_input_gets_a_status_and_a_message_and_the_room_goes_on(live_room, lang):
    live = live_room()
    live.call(live.view.ask, "q-one")
    device, other = join(live), join(live)
    url = live.url + "answer"

    def expect(status, key, result):
        assert result == (status, {"error": key, "message": t(lang, key)}), key

    expect(400, "room_malformed", post(url, b"{not json", lang))
    expect(400, "room_malformed", post(url, b"\xff\xfe", lang))
    expect(400, "room_malformed", post(url, [1, 2], lang))
    expect(400, "room_malformed", post(url, {"device": device, "round": 1}, lang))
    expect(400, "room_malformed", post(url, {"device": device, "round": "1", "answer": "a"}, lang))
    expect(400, "room_malformed", answer(live, device, ["a"], lang=lang))
    expect(413, "room_too_big", post(url, {"device": device, "round": 1, "answer": "a" * MAX_BODY}, lang))
    parsed = urlparse(url)  # past the server's own limit, tornado refuses a body before reading it
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    conn.putrequest("POST", parsed.path)
    conn.putheader("Content-Length", "100000")
    conn.endheaders()
    assert conn.getresponse().status == 400
    conn.close()
    expect(422, "room_unknown_option", answer(live, device, "z", lang=lang))
    expect(403, "room_unknown_device", answer(live, "made-up", "a", lang=lang))
    expect(409, "room_stale", answer(live, device, "a", round_number=7, lang=lang))
    assert answer(live, device, "a", lang=lang)[0] == 200
    expect(409, "room_twice", answer(live, device, "b", lang=lang))
    assert live.room.round.answered == {device}
    live.call(live.view.close_question)
    assert live.room.round.answered == set()  # who answered is forgotten once answers close
    expect(409, "room_answers_closed", answer(live, other, "b", lang=lang))
    assert live.view.counts == {"a": 1} and live.view.answers == 1
    live.call(live.view.ask, "q-two")
    expect(409, "room_stale", answer(live, other, "a", round_number=1, lang=lang))
    assert answer(live, other, "b", lang=lang)[0] == 200  # the room unaffected by all of the above
    assert live.view.counts == {"b": 1}
    status, _, _ = request(live.url + "answer")  # GET where only POST is served
    assert status == 405
    live.call(live.view.close_room)
    expect(410, "room_closed", answer(live, other, "a", lang=lang))
    expect(410, "room_closed", post(live.url + "join", b"", lang))


def test_answers_from_one_device_are_rate_limited(live_room):
    live = live_room()
    live.call(live.view.ask, "q-one")
    device = join(live)
    statuses = [answer(live, device, "z")[0] for _ in range(15)]
    assert statuses[0] == 422 and statuses[-1] == 429
    assert post(live.url + "answer", {"device": device, "round": 1, "answer": "a"}, "ru")[1]["message"] == \
        t("ru", "room_too_fast")
    assert answer(live, join(live), "a")[0] == 200  # another phone is not held up


def test_nothing_written_no_address_logged_no_outside_connection(live_room, caplog):
    """A whole session: no file opened for writing, no socket to anything but loopback from
    this process, and no log line naming a client's address."""
    import logging
    live = live_room("ru")
    live.call(live.view.ask, "case")
    live.call(live.view._draw)  # matplotlib's font cache, if it is ever written, is written now
    events = []
    recording = [True]

    def audit(event, args):
        if not recording[0]:
            return
        if event == "open" and (any(c in str(args[1] or "") for c in "wax+") or
                                (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))):
            events.append((event, args[0], args[1]))
        if event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple) and not str(address[0]).startswith("127."):
                events.append((event, address))
    sys.addaudithook(audit)
    caplog.set_level(logging.DEBUG)
    try:
        question = live.room.round.question
        right, wrong = right_and_wrong(question)
        devices = [join(live) for _ in range(3)]
        stream = Stream(live, devices[0])
        stream.next_event()
        for device, given in zip(devices, (right, wrong, "bad")):
            answer(live, device, given)
        post(live.url + "answer", b"{oops")
        request(live.url + "nothing-here")
        parsed = urlparse(live.url)  # a malformed request: tornado would log it with the address
        with socket.create_connection((parsed.hostname, parsed.port), timeout=5) as raw:
            raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
            raw.recv(100)
        live.call(live.view.close_question)
        live.call(live.view.reveal)
        live.call(live.view._draw)
        stream.close()
    finally:
        recording[0] = False
    assert live.view.answers == 2
    assert events == []
    assert not [r for r in caplog.records if "127.0.0.1" in r.getMessage()]


# --- the trainer's side: a real kernel, and the command -------------------------------------------

def test_room_runs_on_a_notebook_kernels_event_loop():
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    try:
        def run(code):
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: outputs.append(m))
            assert reply["content"]["status"] == "ok", reply["content"]
        outputs = []
        qid = bank_question().id
        run(f"from book.ru import open_room\nroom = open_room()\nprint(room.join_url)\nroom.ask({qid!r})")
        printed = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        url = next(line for line in printed.splitlines() if line.startswith("http://127.0.0.1:"))
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["content"]["data"]
        status, body = post(url + "join", b"")
        device = body["device"]
        outputs.clear()
        run("q = room.room.round.question\nfrom book.room import expected_answer\nprint(expected_answer(q))")
        right = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream").strip()
        assert post(url + "answer", {"device": device, "round": 1, "answer": right}, "ru")[0] == 200
        outputs.clear()
        run("print(room.answers, room.counts)")
        printed = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        assert printed.strip() == f"1 {{{right!r}: 1}}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with pytest.raises(OSError):  # the room died with the kernel
        request(url)


def test_room_command_asks_for_a_network_then_runs_from_the_terminal():
    command = [sys.executable, "-m", "book", "room", "--lang", "ru"]
    listed = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert listed.returncode == 2 and "127.0.0.1" in listed.stderr and "--on" in listed.stderr
    wrong = subprocess.run(command + ["--on", "no-such-network"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert wrong.returncode == 2 and "no-such-network" in wrong.stderr and "Traceback" not in wrong.stderr
    proc = subprocess.Popen(command + ["--on", "127.0.0.1", "--port", "0"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        lines = []
        while not any(line.startswith(t("ru", "room_code_trainer", code="")) for line in lines):
            lines.append(proc.stdout.readline())
        url = next(word for line in lines for word in line.split() if word.startswith("http://127.0.0.1:"))
        assert t("ru", "room_local", choices="")[:40] in lines[0]
        proc.stdin.write(f"{bank_question().id}\n")
        proc.stdin.flush()
        device = post(url + "join", b"")[1]["device"]
        assert wait_for(lambda: answer_cli(url, device) == 200)
        proc.stdin.write("close\nreveal\nquit\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "✓" in out and t("ru", "room_closed") in out
    assert "127.0.0.1" not in err
    # Ctrl+C stops it at once, though a terminal line is still being waited for
    proc = subprocess.Popen(command + ["--on", "127.0.0.1", "--port", "0"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        while not proc.stdout.readline().startswith(t("ru", "room_code_trainer", code="")):
            pass
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def answer_cli(url, device):
    question = bank_question()
    return post(url + "answer", {"device": device, "round": 1, "answer": expected_answer(question)})[0]


# --- participants in Chromium -------------------------------------------------------------------

pytest_browser = pytest.mark.browser


def phone(browser, url, lang, foreign, scheme="light"):
    from helpers import local_only
    from playwright.sync_api import expect
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=lang, color_scheme=scheme)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    local_only(page, foreign)
    page.goto(url)
    page.get_by_role("link", name={"en": "English", "ru": "Русский"}[lang]).click()
    page.wait_for_url(url + lang)
    expect(page.locator("#room-status")).to_have_text(t(lang, "room_waiting"))
    return context, page, errors


@pytest_browser
def test_phones_in_both_languages_join_answer_and_see_the_reveal(browser, live_room):
    from playwright.sync_api import expect
    live = live_room("en")
    foreign = []
    phones = [phone(browser, live.url, lang, foreign) for lang in ("en", "ru", "ru")]
    assert wait_for(lambda: live.view.phones == 3)
    live.call(live.view.ask, "q-two")
    q = live.room.round.question
    picks = ["b", "b", "a"]  # b is right
    for (context, page, _), lang, pick in zip(phones, ("en", "ru", "ru"), picks):
        legend = page.locator("#room-question legend")
        legend.wait_for()
        assert legend.text_content() == q.text[lang]
        letters = option_letters(q, lang)
        page.get_by_label(f"{letters[pick]}. {q.option(pick).text[lang]}", exact=True).check()
        page.get_by_role("button", name=t(lang, "room_send")).click()
        expect(page.locator("#room-result")).to_have_text(t(lang, "room_sent"))
    assert wait_for(lambda: live.view.answers == 3)
    assert live.view.counts == {"b": 2, "a": 1}
    # the same phone cannot send again: its form is closed
    assert phones[0][1].locator("#room-send").is_hidden()
    live.call(live.view.close_question)
    live.call(live.view.reveal)
    for (context, page, errors), lang, pick in zip(phones, ("en", "ru", "ru"), picks):
        page.locator("#room-reveal").wait_for()
        assert page.locator("#room-explanation").text_content() == q.feedback[lang]
        yours = page.locator("#room-yours").text_content()
        assert yours == t(lang, "room_yours_right" if pick == "b" else "room_yours_different")
        assert q.option("b").feedback[lang] in page.locator("#room-lines").text_content()
        assert context.cookies() == []
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0
        assert errors == []
    live.call(live.view.close_room)
    for (context, page, _), lang in zip(phones, ("en", "ru", "ru")):
        expect(page.locator("#room-status")).to_have_text(t(lang, "room_closed"))
        context.close()
    assert foreign == []


@pytest_browser
def test_scenario_and_matching_on_a_phone(browser, live_room):
    live = live_room("ru")
    foreign = []
    context, page, errors = phone(browser, live.url, "ru", foreign)
    from book.labels import expected_label, part_letters
    live.call(live.view.ask, "case")
    q = live.room.round.question
    page.locator("#room-question legend").first.wait_for()
    page.get_by_role("button", name=t("ru", "room_send")).click()
    assert page.locator("#room-result").text_content() == t("ru", "answer_all")
    for o in q.options:
        label = f"{part_letters(o.key, 'ru')[o.answer]}. {expected_label(o, 'ru')}"
        page.get_by_role("group", name=t("ru", f"element_{o.key}")).get_by_label(label, exact=True).check()
    page.get_by_role("button", name=t("ru", "room_send")).click()
    assert wait_for(lambda: live.view.answers == 1)
    live.call(live.view.ask, "terms")
    q = live.room.round.question
    page.get_by_label(q.terms()[0].text["ru"], exact=True).wait_for()
    for o in q.terms():
        page.get_by_label(o.text["ru"], exact=True).select_option(o.key)
    page.get_by_role("button", name=t("ru", "room_send")).click()
    assert wait_for(lambda: live.view.answers == 1 and live.view.question == "terms")
    live.call(live.view.reveal)
    page.locator("#room-reveal").wait_for()
    assert page.locator("#room-yours").text_content() == t("ru", "room_yours_right")
    assert errors == [] and foreign == []
    context.close()


@pytest_browser
@pytest.mark.parametrize("lang,scheme", [("en", "light"), ("ru", "light"), ("ru", "dark")])
def test_participant_pages_pass_axe_and_have_the_quick_exit(browser, live_room, lang, scheme):
    from axe_playwright_python.sync_playwright import Axe
    from book.room import quick_exit_url
    live = live_room(lang)
    foreign = []
    context, page, errors = phone(browser, live.url, lang, foreign, scheme)
    live.call(live.view.ask, "case")
    page.locator("#room-question legend").first.wait_for()
    axe = Axe()

    def no_violations():
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
    no_violations()  # a question asked
    live.call(live.view.reveal)
    page.locator("#room-reveal").wait_for()
    no_violations()  # the answer shown
    page.goto(live.url)
    no_violations()  # choosing a language
    page.goto(live.url + lang)
    exit_link = page.locator(".mq-exit")
    assert exit_link.get_attribute("href") == quick_exit_url() and exit_link.text_content() == t(lang, "exit")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator("#mq-exit-status").text_content() == t(lang, "exit_press1")
    assert errors == [] and foreign == []
    context.close()
