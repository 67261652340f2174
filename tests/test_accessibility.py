"""Accessibility and hygiene of every page, in Debian's Chromium: axe-core finds no violation of
any impact in light or dark mode, no page logs a console error, and no page asks any other host
for anything."""
from __future__ import annotations

import pytest

from book.chapters import toc_pages
from conftest import ROOT
from helpers import local_only

pytestmark = pytest.mark.browser
PAGES = [*toc_pages(ROOT), "search", "genindex"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def visit(browser, url, scheme="light"):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    local_only(page, foreign)
    page.goto(url, wait_until="load")
    return context, page, errors, foreign


def describe(results) -> str:
    lines = []
    for v in results.response["violations"]:
        targets = [n["target"] for n in v["nodes"]][:3]
        lines.append(f"{v['impact']}: {v['id']}: {v['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_axe_violations_on_any_page(browser, site_url, axe, lang, scheme):
    found = {}
    for name in PAGES:
        context, page, _, _ = visit(browser, f"{site_url}/{lang}/{name}.html", scheme)
        results = axe.run(page)
        if results.violations_count:
            found[name] = describe(results)
        context.close()
    assert not found, "\n".join(f"{lang}/{k} ({scheme}):\n{v}" for k, v in found.items())


def test_landing_page_is_accessible(browser, site_url, axe):
    context, page, errors, foreign = visit(browser, f"{site_url}/index.html")
    results = axe.run(page)
    context.close()
    assert not results.violations_count, describe(results)
    assert not errors and not foreign


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_console_errors_and_no_other_hosts_on_any_page(browser, site_url, lang):
    problems = []
    for name in PAGES:
        url = f"{site_url}/{lang}/{name}.html" + ("?q=trafficking" if name == "search" else "")
        context, page, errors, foreign = visit(browser, url)
        page.wait_for_timeout(300)
        if errors or foreign:
            problems.append(f"{name}: errors {errors}, requests to other hosts {foreign}")
        context.close()
    assert not problems, "\n".join(problems)
