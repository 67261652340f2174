"""Presenting a chapter as slides (book/deck.py, static/deck.js) in Debian's Chromium: the page's
own sections as slides, moved through with the keyboard, each quiz question on a slide of its
own, answered there with its feedback and the quiz's score in view, in both languages, at
projector sizes, with no other host asked for anything and no console error."""
from __future__ import annotations

import json
import re

import pytest

from book.i18n import t
from test_accessibility import axe, describe  # noqa: F401 (axe: fixture)
from test_browser import LANGS, page_for  # noqa: F401 (page_for: fixture)
from test_storage import answer_right

pytestmark = pytest.mark.browser
CHAPTER = "distinctions"  # every question type
PROJECTORS = [(1024, 768), (1280, 720)]

# Everything wrong a slide can show, measured in the page: text cut off on the right, boxes of
# option labels overlapping, a slide wider than the screen, more than one question, anything of
# the trainer's, the site's own chrome.
SLIDE_PROBLEMS = """() => {
  const main = document.querySelector('main'), problems = [];
  const seen = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' &&
                     !el.closest('.mq-deck-sr');  // the chapter's title, kept for screen readers only
  if (main.scrollWidth > main.clientWidth) problems.push(`slide ${main.scrollWidth - main.clientWidth}px too wide`);
  main.querySelectorAll('p, li, label, legend, h1, h2, h3, td, th, .mq-prompt, .mq-feedback').forEach(el => {
    if (seen(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${el.textContent.slice(0, 60)}`);
  });
  const questions = [...main.querySelectorAll('.mq-question')].filter(seen);
  if (questions.length > 1) problems.push(`${questions.length} questions on one slide`);
  questions.forEach(q => {
    const boxes = [...q.querySelectorAll('.mq-option label, .mq-option input, .mq-pair label, .mq-pair select')]
      .filter(seen).map(el => el.getBoundingClientRect());
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
                      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      if (overlap) problems.push(`overlapping options in ${q.dataset.question}`);
    }));
  });
  document.querySelectorAll('.trainer-note, .mq-crib, .mq-header, .mq-toc, .mq-footer, .mq-prevnext')
    .forEach(el => { if (seen(el)) problems.push(`shown: ${el.className}`); });
  return problems;
}"""


def counter(page) -> str:
    return page.locator(".mq-deck-counter").inner_text()


def slide_count(page) -> int:
    return int(re.findall(r"\d+", counter(page))[-1])


def present(page_for, site_url, lang, size=(1024, 768), address=""):
    page = page_for()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{site_url}/{lang}/{CHAPTER}.html{address}")
    if not address:
        page.locator(".mq-present").click()
    page.wait_for_selector("html.mq-deck")
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_present_a_chapter_and_move_with_the_keyboard(page_for, site_url, lang):
    page = page_for()
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{site_url}/{lang}/{CHAPTER}.html")
    button = page.locator(".mq-present")
    assert button.inner_text() == t(lang, "deck_present")
    button.click()
    total = slide_count(page)
    assert counter(page) == t(lang, "deck_counter", n=1, total=total) and total > 20
    assert page.locator("h1").is_visible() and not page.locator("h2").first.is_visible()
    assert page.locator(".mq-exit").is_visible()  # quick exit stays on every slide
    bar = page.locator(".mq-deck-bar")
    assert bar.get_attribute("aria-label") == t(lang, "deck_controls")
    assert bar.locator(".mq-deck-leave").inner_text().startswith(t(lang, "deck_leave"))
    assert page.url.endswith("#present-1")

    forward = ("PageDown", "ArrowRight", "Space")
    for key, expected in [("PageDown", 2), ("ArrowRight", 3), ("Space", 4), ("PageUp", 3), ("ArrowLeft", 2),
                          ("End", total), ("Home", 1)]:
        # at a slide's end (a slide taller than the screen is read to its end first: below)
        page.evaluate(f"() => {{ const m = document.querySelector('main'); m.scrollTop = {'m.scrollHeight' if key in forward else 0}; }}")
        page.keyboard.press(key)
        assert counter(page) == t(lang, "deck_counter", n=expected, total=total), key
        assert page.url.endswith(f"#present-{expected}")
    page.keyboard.press("End")
    assert page.locator(".mq-deck-next").is_disabled()

    # A slide's content taller than the screen: Page Down reads it to its end before moving on.
    page.keyboard.press("Home")
    scenario = page.locator('.mq-question[data-type="scenario"]').first.get_attribute("data-question")
    while page.locator(f'.mq-question[data-question="{scenario}"]').is_hidden():
        page.locator(".mq-deck-next").click()
    here = counter(page)
    if page.evaluate("() => { const m = document.querySelector('main'); return m.scrollHeight > m.clientHeight; }"):
        page.keyboard.press("PageDown")
        assert counter(page) == here and page.evaluate("() => document.querySelector('main').scrollTop") > 0

    page.keyboard.press("Escape")
    assert page.evaluate("() => document.documentElement.classList.contains('mq-deck')") is False
    assert bar.is_hidden() and page.locator(".mq-header").is_visible() and page.locator("h2").first.is_visible()
    assert "#present" not in page.url
    assert page.errors == [] and page.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_answer_every_question_type_on_its_slide(page_for, site_url, lang):
    page = present(page_for, site_url, lang)
    done = {}
    total = slide_count(page)
    for _ in range(total):
        question = page.locator(".mq-question.mq-deck-on")
        kind = question.get_attribute("data-type") if question.count() else None
        if kind and kind != "free" and kind not in done:
            answer_right(question)  # clicks "Check answer" on the slide
            feedback = question.locator(".mq-feedback")
            assert feedback.inner_text().startswith(t(lang, "correct"))
            assert _in_view(page, feedback), f"{kind}: feedback outside the slide"
            quiz_score = question.locator("xpath=ancestor::div[contains(@class,'mq-quiz')]//p[@class='mq-score']")
            shown = page.locator(".mq-deck-score")
            assert shown.is_visible() and shown.inner_text() == quiz_score.inner_text()
            assert re.fullmatch(re.escape(t(lang, "score", score=99, total=99)).replace("99", r"\d+"), shown.inner_text())
            done[kind] = counter(page)
        if page.locator(".mq-deck-next").is_disabled():
            break
        page.locator(".mq-deck-next").click()
    assert set(done) == {"single", "multiple", "truefalse", "scenario", "matching"}, done
    assert page.errors == [] and page.foreign == []


def _in_view(page, locator) -> bool:
    box, stage = locator.bounding_box(), page.locator("main").bounding_box()
    return box is not None and box["y"] >= stage["y"] - 1 and box["y"] + min(box["height"], 60) <= stage["y"] + stage["height"] + 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", PROJECTORS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_readable_at_projector_sizes(page_for, site_url, lang, size):
    page = present(page_for, site_url, lang, size, address="#present-1")
    problems = {}
    total = slide_count(page)
    for n in range(1, total + 1):
        found = page.evaluate(SLIDE_PROBLEMS)
        if found:
            problems[n] = found
        fonts = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
        assert fonts >= 18, f"slide {n}: text {fonts}px"
        if n < total:
            page.locator(".mq-deck-next").click()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    assert page.errors == [] and page.foreign == []


def as_trainer_edition(html: str, lang: str) -> str:
    """A learner page with the trainer edition's additions, made by the same code: a crib sheet
    (book.render_html.render_crib_sheet) at every quiz, and a trainer note (the admonition
    book.sphinx.trainer_notes makes) in every section, naming its section."""
    from book.bank import load_bank
    from book.render_html import render_crib_sheet
    bank = load_bank()

    def crib(m):
        return render_crib_sheet(m.group(1), bank.quiz(m.group(1)), lang) + m.group(0)

    def note(m):
        return (f'{m.group(0)}<div class="admonition trainer-note"><p class="admonition-title">'
                f'{t(lang, "trainer_note")}</p><p>Note for {m.group(1)}</p></div>')
    html = re.sub(r'<div class="mq-quiz" data-quiz="([^"]+)"', crib, html)
    return re.sub(r'<section id="([^"]+)">\s*<h[23]>.*?</h[23]>', note, html, flags=re.S)


def trainer_context(browser, lang="en"):
    """A browser context whose chapter page is the trainer edition's; every request recorded."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.requests, context.errors = [], []

    def serve_as_trainer(route):
        response = route.fetch()
        route.fulfill(response=response, body=as_trainer_edition(response.text(), lang))
    context.route(f"**/{lang}/{CHAPTER}.html*", serve_as_trainer)
    context.on("request", lambda r: context.requests.append(r.url))
    context.on("page", lambda p: p.on("console", lambda m: context.errors.append(m.text) if m.type == "error" else None))
    return context


def test_trainer_notes_and_crib_sheets_are_never_on_a_slide(browser, site_url):
    context = trainer_context(browser)
    page = context.new_page()
    page.goto(f"{site_url}/en/{CHAPTER}.html")
    assert page.locator(".mq-crib").first.is_visible() and page.locator(".trainer-note").count() > 5
    page.locator(".mq-present").click()
    total = slide_count(page)
    for n in range(total):
        shown = page.evaluate("() => [...document.querySelectorAll('.trainer-note, .mq-crib')]"
                              ".filter(el => el.getClientRects().length).length")
        assert shown == 0, f"slide {n + 1}"
        if n < total - 1:
            page.locator(".mq-deck-next").click()
    page.keyboard.press("Escape")
    assert page.locator(".mq-crib").first.is_visible()  # back on the page, the trainer sees them again
    context.close()


def test_speaker_notes_follow_the_slides_in_a_window_of_their_own(browser, site_url):
    context = trainer_context(browser)
    page = context.new_page()
    page.goto(f"{site_url}/en/{CHAPTER}.html#present-1")
    page.wait_for_selector("html.mq-deck")
    speaker_button = page.locator(".mq-deck-speaker")
    assert speaker_button.is_visible() and speaker_button.inner_text().startswith(t("en", "deck_speaker"))
    with context.expect_page() as opened:
        page.keyboard.press("s")
    notes = opened.value
    notes.wait_for_selector("html.mq-speaker")
    notes.wait_for_function("() => document.querySelector('.mq-speaker-status').textContent")
    assert notes.locator(".mq-speaker-status").inner_text() == t("en", "deck_counter", n=1, total=slide_count(page))
    assert notes.locator(".mq-speaker-none").is_visible()  # the title slide has no note
    # a section's slide: that section's note, and no other
    while not page.locator("h2.mq-deck-on").count():
        page.locator(".mq-deck-next").click()
    section = page.locator("h2.mq-deck-on").evaluate("h => h.closest('section').id")
    notes.wait_for_function(f"() => document.querySelector('.mq-speaker-status').textContent.includes('{counter(page).split()[1]}')")
    visible = [" ".join(n.inner_text().split()) for n in notes.locator(".trainer-note").all() if n.is_visible()]
    assert visible == [f"{t('en', 'trainer_note')} Note for {section}"], visible
    # a question's slide: its crib-sheet entry, and no other
    while not page.locator(".mq-question.mq-deck-on").count():
        page.locator(".mq-deck-next").click()
    qid = page.locator(".mq-question.mq-deck-on").get_attribute("data-question")
    notes.wait_for_function(f"() => [...document.querySelectorAll('.mq-crib-item')].some(li => li.getClientRects().length && li.dataset.question === '{qid}')")
    shown = [li.get_attribute("data-question") for li in notes.locator(".mq-crib-item").all() if li.is_visible()]
    assert shown == [qid]
    assert page.locator(".trainer-note, .mq-crib").evaluate_all("els => els.filter(e => e.getClientRects().length).length") == 0
    assert all(url.startswith(site_url) for url in context.requests), context.requests
    assert context.errors == []
    context.close()


def test_no_speaker_notes_on_the_learners_site(page_for, site_url):
    page = present(page_for, site_url, "en", address="#present-1")
    assert page.locator(".mq-deck-speaker").is_hidden()
    page.goto(f"{site_url}/en/{CHAPTER}.html#speaker")  # nothing of the trainer's to show: the page as usual
    assert page.locator("h2").first.is_visible() and not page.evaluate("() => document.documentElement.className")


@pytest.mark.parametrize("kind", ["http", "file"])
def test_a_slide_address_opens_that_slide_and_nothing_is_stored(page_for, site_url, built_site, kind):
    base = site_url if kind == "http" else built_site.as_uri()
    page = page_for()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{base}/ru/{CHAPTER}.html#present-5")
    page.wait_for_selector("html.mq-deck")
    assert counter(page).startswith(t("ru", "deck_counter", n=5, total=0).rsplit(" ", 1)[0])
    page.locator(".mq-deck-next").click()
    assert page.url.endswith("#present-6")
    assert page.evaluate("() => Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0
    assert page.evaluate("() => document.cookie") == ""
    page.locator(".mq-deck-leave").click()
    assert page.evaluate("() => document.activeElement.classList.contains('mq-present')")
    assert page.errors == [] and page.foreign == []


def test_quick_exit_works_while_presenting(page_for, site_url):
    page = page_for()
    page.goto(f"{site_url}/en/{CHAPTER}.html#present-3")
    page.wait_for_selector("html.mq-deck")
    blanked = page.evaluate("""() => {
        document.querySelector('.mq-exit').click();
        return [document.documentElement.classList.contains('mq-exiting'), getComputedStyle(document.body).display];
    }""")
    assert blanked == [True, "none"]


def test_the_slide_checks_can_fail(page_for, site_url):
    """SLIDE_PROBLEMS finds a label drawn over the next option and a line cut off."""
    page = present(page_for, site_url, "en", address="#present-1")
    while not page.locator('.mq-question.mq-deck-on[data-type="single"]').count():
        page.locator(".mq-deck-next").click()
    assert page.evaluate(SLIDE_PROBLEMS) == []
    page.evaluate("""() => {
        document.querySelector('.mq-question.mq-deck-on .mq-option:nth-of-type(2)').style.marginTop = '-2em';
        const p = document.querySelector('.mq-question.mq-deck-on .mq-prompt');
        p.style.display = 'block'; p.style.width = '10em'; p.style.whiteSpace = 'nowrap'; p.style.overflow = 'hidden';
    }""")
    found = " ".join(page.evaluate(SLIDE_PROBLEMS))
    assert "overlapping options" in found and "cut off" in found


@pytest.mark.parametrize("lang", LANGS)
def test_slides_have_no_accessibility_violations(page_for, site_url, axe, lang):
    page = present(page_for, site_url, lang, address="#present-1")
    results = {}
    for kind in ("", "single", "scenario", "matching"):
        if kind:
            while not page.locator(f'.mq-question.mq-deck-on[data-type="{kind}"]').count():
                page.locator(".mq-deck-next").click()
        found = axe.run(page)
        if found.violations_count:
            results[kind or "title"] = describe(found)
    assert not results, results


def test_present_command_names_the_chapters_for_an_unknown_one():
    """`./manual present CHAPTER` with a page _toc.yml does not name: a clear error, before any build."""
    import subprocess
    import sys
    from conftest import ROOT
    run = subprocess.run([sys.executable, "-m", "book", "present", "nowhere", "--no-browser"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "no chapter 'nowhere' in _toc.yml" in run.stderr and "distinctions" in run.stderr


def test_present_command_opens_a_chapter_with_slides(built_site):
    from book.deck import PresentError, slides_url
    assert slides_url(built_site, "distinctions", "ru", 8123) == "http://127.0.0.1:8123/ru/distinctions.html#present"
    with pytest.raises(PresentError, match="progress.html has no slides"):
        slides_url(built_site, "progress", "en", 8123)
