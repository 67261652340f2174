"""The static quiz in Debian's Chromium: both languages, over http:// and file://, with every
other host cut off; Russian search stemming. With CI=true these run, never skip."""
from __future__ import annotations

import json
import re

import pytest

from book.i18n import t
from helpers import local_only

pytestmark = pytest.mark.browser

LANGS = ("en", "ru")


@pytest.fixture
def page_for(browser):
    """A fresh page whose every request outside the site's own origin is recorded and aborted."""
    contexts = []

    def open_page(javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.foreign = []
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        local_only(page, page.foreign)
        return page

    yield open_page
    for context in contexts:
        context.close()


def site_base(kind, site_url, built_site):
    return site_url if kind == "http" else built_site.as_uri()


def answer(question, option_key):
    question.locator(f'input[value="{option_key}"]').check()
    question.locator(".mq-check").click()


def right_key(question):
    """The right option of a single-choice question, read from its answer key."""
    return json.loads(question.get_attribute("data-answer"))["correct"][0]


def bank_question(el):
    from book.bank import load_bank
    return next(q for q in load_bank().questions if q.id == el.get_attribute("data-question"))


@pytest.mark.parametrize("kind", ["http", "file"])
@pytest.mark.parametrize("lang", LANGS)
def test_static_quiz_gives_feedback_offline(page_for, site_url, built_site, kind, lang):
    page = page_for()
    page.goto(f"{site_base(kind, site_url, built_site)}/{lang}/distinctions.html")
    quiz = page.locator(".mq-quiz").first
    questions = quiz.locator(".mq-question[data-answer]")
    total = questions.count()
    assert total >= 3

    first = questions.nth(0)
    first.locator(".mq-check").click()  # nothing chosen yet
    assert first.get_attribute("data-state") is None
    assert first.locator(".mq-feedback").inner_text().strip() == t(lang, "choose_first")

    q = bank_question(first)
    wrong = wrong_answer(q)
    apply(first, q, wrong)
    assert first.get_attribute("data-state") == "incorrect"
    feedback = first.locator(".mq-feedback").inner_text()
    assert feedback.startswith(t(lang, "incorrect"))
    assert q.option(wrong).feedback[lang] in feedback

    apply(first, q, right_answer(q))
    assert first.get_attribute("data-state") == "correct"
    assert first.locator(".mq-feedback").inner_text().startswith(t(lang, "correct"))

    for i in range(1, total):
        el = questions.nth(i)
        apply(el, bank_question(el), right_answer(bank_question(el)))
        assert el.get_attribute("data-state") == "correct"
    assert quiz.locator(".mq-score").inner_text() == t(lang, "score", score=total, total=total)

    assert page.foreign == [], f"requests to other hosts: {page.foreign}"
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_is_in_a_live_region_and_keyboard_works(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    first = page.locator(".mq-question").first
    first.locator("input").first.focus()
    page.keyboard.press("Space")       # select the focused radio
    page.keyboard.press("Tab")         # to the check button
    page.keyboard.press("Enter")
    assert first.get_attribute("data-state") in ("correct", "incorrect")
    region = first.locator(".mq-feedback")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_answers_stay_readable(page_for, site_url, lang):
    page = page_for(javascript=False)
    page.goto(f"{site_url}/{lang}/distinctions.html")
    first = page.locator(".mq-question").first
    assert not first.locator(".mq-check").is_visible()
    key = first.locator(".mq-key")
    assert key.is_visible()
    key.locator("summary").click()
    assert first.locator(".mq-explanation").is_visible()


def _page_text(built_site, lang, name):
    html = (built_site / lang / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", html).lower()


def _search(page, url, lang=None):
    """The hrefs a search lists, once it has finished; with `lang`, also checks that the summary
    says how many pages were found, in that language."""
    page.goto(url)
    # Sphinx lists hits one at a time; the summary gets its text (with the count) when all are in.
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary'); "
        "return s && s.innerText.trim() !== ''; }", timeout=15000)
    hits = [a.get_attribute("href") for a in page.locator("#search-results li a").all()]
    if lang:
        summary = page.locator("#search-results .search-summary").inner_text()
        assert summary == t(lang, "search_found", count=len(hits)), summary
    return hits


def test_russian_search_finds_other_word_forms(page_for, site_url, built_site):
    text = _page_text(built_site, "ru", "distinctions")
    assert "работник" in text
    form = next(f for f in ("работниками", "работникам", "работников", "работники", "работнику", "работником")
                if f not in text)
    hits = _search(page_for(), f"{site_url}/ru/search.html?q={form}", "ru")
    assert any("distinctions" in (href or "") for href in hits), f"«{form}» found {hits}"


def test_english_search_works(page_for, site_url):
    hits = _search(page_for(), f"{site_url}/en/search.html?q=debt", "en")
    assert any("distinctions" in (href or "") for href in hits), hits


# --- every question type: the browser's feedback is the Python grader's, line for line --------

def right_answer(q):
    if q.type in ("single", "truefalse"):
        return next(o.key for o in q.options if o.correct)
    if q.type == "multiple":
        return [o.key for o in q.options if o.correct]
    if q.type == "scenario":
        return {o.key: o.answer for o in q.options}
    return {o.key: o.key for o in q.terms()}


def wrong_answer(q):
    if q.type in ("single", "truefalse"):
        return next(o.key for o in q.options if not o.correct)
    if q.type == "multiple":
        return [next(o.key for o in q.options if not o.correct)]
    if q.type == "scenario":
        answer = right_answer(q)
        return dict(answer, means="not-stated" if answer["means"] != "not-stated" else "absent")
    keys = [o.key for o in q.terms()]
    wrong = dict(zip(keys, keys[1:2] + keys[:1] + keys[2:]))
    if q.spare_meanings():                   # a spare meaning is offered to every term, right for none
        wrong[keys[0]] = q.spare_meanings()[0].key
    return wrong


def apply(el, q, answer):
    if q.type in ("single", "truefalse"):
        el.locator(f'input[value="{answer}"]').check()
    elif q.type == "multiple":
        for box in el.locator("input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in answer)
    elif q.type == "scenario":
        for part, value in answer.items():
            el.locator(f'.mq-part[data-part="{part}"] input[value="{value}"]').check()
    else:
        for term, meaning in answer.items():
            el.locator(f'select[data-part="{term}"]').select_option(meaning)
    el.locator(".mq-check").click()


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_type_in_the_browser_matches_python(page_for, site_url, lang):
    from book.bank import load_bank
    from book.grading import feedback_lines, grade
    bank = load_bank()
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    seen = set()
    for el in page.locator(".mq-question[data-answer]").all():
        q = next(x for x in bank.questions if x.id == el.get_attribute("data-question"))
        seen.add(q.type)
        for answer, state in ((wrong_answer(q), "incorrect"), (right_answer(q), "correct")):
            apply(el, q, answer)
            assert el.get_attribute("data-state") == state, q.id
            shown = [p.text_content() for p in el.locator(".mq-feedback p").all()]
            assert shown == feedback_lines(q, grade(q, answer), lang), q.id
    assert seen == {"single", "multiple", "truefalse", "scenario", "matching"}
    assert page.errors == [] and page.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_free_response_reveals_model_answer_and_keeps_nothing(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    free = page.locator('.mq-question[data-type="free"]').first
    free.locator("textarea").fill("My own reply to the claim.")
    model = free.locator(".mq-explanation")
    assert not model.is_visible()
    free.locator("summary").click()
    assert model.is_visible()
    assert free.locator(".mq-checklist input[type=checkbox]").count() >= 3
    stored = page.evaluate("() => JSON.stringify(localStorage)")
    assert "My own reply" not in stored


def test_answers_are_remembered_in_this_browser_and_can_be_cleared(page_for, site_url):
    page = page_for()
    url = f"{site_url}/en/distinctions.html"
    page.goto(url)
    first = page.locator(".mq-question[data-answer]").first
    right = right_key(first)
    answer(first, right)
    page.reload()
    first = page.locator(".mq-question[data-answer]").first
    assert first.get_attribute("data-state") == "correct"
    assert first.locator(f'input[value="{right}"]').is_checked()
    keys = page.evaluate("() => Object.keys(localStorage).sort()")
    assert keys == ["sw-manual:answers:v1"]  # the only thing the site keeps (the Safety page says so)
    assert page.evaluate("() => document.cookie") == ""

    quiz = page.locator(".mq-quiz").first
    quiz.locator(".mq-clear").click()
    assert first.get_attribute("data-state") is None and not first.locator(f'input[value="{right}"]').is_checked()
    assert quiz.locator(".mq-score").inner_text() == t("en", "cleared")
    page.reload()
    assert page.locator(".mq-question[data-answer]").first.get_attribute("data-state") is None


def test_a_changed_question_starts_fresh(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/en/distinctions.html")
    first = page.locator(".mq-question[data-answer]").first
    store = first.get_attribute("data-store")
    stale = store.split("@")[0] + "@0000000000"
    right = right_key(first)
    page.evaluate("([k, a]) => localStorage.setItem('sw-manual:answers:v1', JSON.stringify({[k]: {answer: a, state: 'correct'}}))",
                  [stale, right])
    page.reload()
    assert page.locator(".mq-question[data-answer]").first.get_attribute("data-state") is None


@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_sums_up_chapters_and_clears_all(page_for, site_url, built_site, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    graded = page.locator(".mq-question[data-answer]")
    total = graded.count()
    for i in range(2):
        q = graded.nth(i)
        answer(q, right_key(q))
    page.goto(f"{site_url}/{lang}/progress.html")
    row = page.locator(".mq-progress tr[data-keys]").first
    assert "distinctions.html" in row.locator("a").get_attribute("href")
    assert row.locator(".mq-answered").inner_text() == t(lang, "progress_count", n=2, total=total)
    assert row.locator(".mq-right").inner_text() == t(lang, "progress_count", n=2, total=total)
    page.locator(".mq-clear-all").click()
    assert page.locator(".mq-progress-status").inner_text() == t(lang, "all_cleared")
    assert row.locator(".mq-answered").inner_text() == t(lang, "progress_count", n=0, total=total)
    assert page.evaluate("() => localStorage.getItem('sw-manual:answers:v1')") is None


def test_scenario_and_matching_by_keyboard_alone_with_visible_focus(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/en/distinctions.html")
    case = page.locator('.mq-question[data-type="scenario"]').first
    case.locator('.mq-part[data-part="act"] input').first.focus()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "focused control has no visible outline"
    for _ in range(4):                       # each part: Space picks its first choice, Tab to the next part
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")             # the check button
    assert case.get_attribute("data-state") in ("correct", "incorrect")

    terms = page.locator('.mq-question[data-type="matching"]').first
    terms.locator("select").first.focus()
    for _ in range(terms.locator("select").count()):
        page.keyboard.press("ArrowDown")     # choose a meaning without opening the list
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert terms.get_attribute("data-state") in ("correct", "incorrect")


def test_content_security_policy_blocks_other_hosts(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/ru/distinctions.html")
    blocked = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.blockedURI), {once: true});
        const img = document.createElement('img');
        img.src = 'https://tracker.example/pixel.gif';
        document.body.appendChild(img);
        setTimeout(() => resolve(null), 3000);
    })""")
    assert blocked and blocked.startswith("https://tracker.example")
    assert page.foreign == []  # the request never left the page
    page.errors.clear()  # the violation report itself is the expected console error


# --- quick exit ----------------------------------------------------------------------------

NEUTRAL = "https://www.wikipedia.org/"


def _neutral_page(page):
    """Stand in for the neutral site (the test machine has no network)."""
    page.unroute("**/*")
    page.route("**/*", lambda r: r.fulfill(status=200, content_type="text/html", body="<title>neutral</title>")
               if not r.request.url.startswith(("http://127.0.0.1", "file:")) else r.continue_())


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_button_replaces_the_page(page_for, site_url, lang):
    page = page_for()
    page.goto("about:blank")
    page.goto(f"{site_url}/{lang}/opposition.html")
    _neutral_page(page)
    button = page.locator(".mq-exit")
    assert button.inner_text() == t(lang, "exit")
    button.click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert "opposition" not in page.url  # the manual's page is gone from this tab's history


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_by_pressing_shift_three_times(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/distinctions.html")
    _neutral_page(page)
    status = page.locator("#mq-exit-status")
    page.keyboard.press("Shift")
    assert status.inner_text() == t(lang, "exit_press2")
    page.keyboard.press("Shift")
    assert status.inner_text() == t(lang, "exit_press1")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_quick_exit_blanks_the_page_at_once_even_offline(page_for, built_site):
    page = page_for()
    page.goto((built_site / "ru" / "language.html").as_uri())
    page.route("**/*", lambda r: r.abort())  # no network at all
    # Read the page in the same task as the click, before the browser navigates away.
    blanked, display, title = page.evaluate("""() => {
        document.querySelector('.mq-exit').click();
        return [document.documentElement.classList.contains('mq-exiting'),
                getComputedStyle(document.body).display, document.title];
    }""")
    assert blanked and display == "none" and title == ""


@pytest.mark.parametrize("lang,query", [("en", "debt"), ("ru", "работниками")])
def test_search_works_from_file(page_for, built_site, lang, query):
    page = page_for()
    hits = _search(page, f"{(built_site / lang / 'search.html').as_uri()}?q={query}", lang)
    assert any("distinctions" in (href or "") for href in hits), hits
    assert not page.errors  # no fetches for snippets, which file:// refuses


@pytest.mark.parametrize("lang", LANGS)
def test_print_hides_navigation_and_leaves_room_to_answer(page_for, site_url, lang):
    page = page_for()
    page.goto(f"{site_url}/{lang}/opposition.html")
    page.emulate_media(media="print")
    for selector in (".mq-exit-bar", ".mq-header", ".mq-toc", ".mq-prevnext", ".mq-check", ".mq-key"):
        assert page.locator(selector).first.is_hidden(), selector
    free = page.locator('.mq-question[data-type="free"] textarea').first
    assert free.is_visible() and free.bounding_box()["height"] >= 200  # room to write by hand
    assert page.locator(".mq-question input[type=radio]").first.is_visible()
