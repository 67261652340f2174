"""The strict Content-Security-Policy: no 'unsafe-*' in the meta tag or the header, an injected
inline script, handler, style or eval() does not run, and every page still works under it."""
from __future__ import annotations

import pytest

from book.privacy import CONTENT_SECURITY_POLICY
from conftest import parse_tags
from test_browser import page_for  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_policy_allows_nothing_inline(built_site, site_url):
    import urllib.request
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    for page in [p for p in built_site.rglob("*.html") if "_static" not in p.parts]:
        found = parse_tags(page.read_text(encoding="utf-8"))
        metas = [a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert metas == [CONTENT_SECURITY_POLICY], page
        assert not [t for t, a in found if t == "script" and "src" not in a], f"inline script in {page}"
        assert not [t for t, a in found if t == "style" or "style" in a], f"inline style in {page}"
        assert not [a for t, a in found if any(k.startswith("on") for k in a)], f"inline handler in {page}"
    with urllib.request.urlopen(f"{site_url}/en/index.html") as response:
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("kind", ["http", "file"])
def test_injected_script_handler_style_and_eval_do_not_run(page_for, site_url, built_site, kind):
    page = page_for()
    base = site_url if kind == "http" else built_site.as_uri()
    page.goto(f"{base}/en/distinctions.html")
    ran = page.evaluate("""() => new Promise(resolve => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
        window.injected = [];
        const script = document.createElement('script');
        script.textContent = 'window.injected.push("script")';
        document.body.appendChild(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.injected.push("handler")');
        img.src = 'data:,not-an-image';
        document.body.appendChild(img);
        const style = document.createElement('style');
        style.textContent = 'body { outline: 7px solid red; }';
        document.head.appendChild(style);
        // A string compiled by the page (eval's kind); eval() typed here would run in the test's
        // own context, which the page's policy does not govern.
        try { setTimeout('window.injected.push("eval")', 0); } catch (e) { /* blocked */ }
        setTimeout(() => resolve({injected: window.injected,
                                  outline: getComputedStyle(document.body).outlineWidth, violations}), 500);
    })""")
    assert ran["injected"] == [] and ran["outline"] != "7px", ran
    assert {"script-src-elem", "script-src-attr", "style-src-elem", "script-src"} <= set(ran["violations"]), ran
    page.errors.clear()  # the violation reports are the expected console errors


@pytest.mark.parametrize("lang,query", [("en", "debt"), ("ru", "работниками")])
def test_search_works_under_the_policy_with_its_messages(page_for, site_url, lang, query):
    from book.i18n import t
    page = page_for()
    page.goto(f"{site_url}/{lang}/search.html?q={query}")
    page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText.trim()")
    hits = page.locator("#search-results li a").count()
    assert hits and page.locator(".search-summary").inner_text() == t(lang, "search_found", count=hits)
    assert page.errors == []
