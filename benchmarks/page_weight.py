"""Benchmark: the manual's page against a default Jupyter Book 1 build of the same page.

    .venv/bin/python benchmarks/page_weight.py [--runs 5]

Builds the English chapter `distinctions` twice in one run: with the manual's build
(`python -m book build`, into a temporary folder) and with plain `jupyter-book build` and Jupyter
Book's default configuration. Serves both on 127.0.0.1 and loads each in Debian's Chromium with an
empty cache (other hosts are cut off, as on a learner's phone with no connection to them), and
prints the first-visit weight (bytes of every response), DOMContentLoaded, the number of
render-blocking scripts from other hosts, and the ratios (targets: weight <= 15 %, DCL <= 50 %).
Writes benchmarks/results-page-weight.json. Not a test.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from book.serve import make_server  # noqa: E402
from helpers import local_only  # noqa: E402  (tests/helpers.py)
from book.website import build  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def default_book(work: Path) -> Path:
    """The same chapter, built by plain Jupyter Book 1 with its default configuration."""
    src = work / "default-book"
    src.mkdir()
    shutil.copy2(ROOT / "notebooks" / "en" / "distinctions.md", src / "distinctions.md")
    (src / "_config.yml").write_text("title: Default Jupyter Book\n", encoding="utf-8")
    (src / "_toc.yml").write_text("format: jb-book\nroot: distinctions\n", encoding="utf-8")
    jb = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jb), "build", str(src)], check=True, capture_output=True)
    return src / "_build" / "html"


def measure(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    sizes, foreign = {}, []
    local_only(page, foreign)

    def on_response(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:
            pass
    page.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    timing = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventStart")
    blocking = page.evaluate("""() => [...document.querySelectorAll('head script[src]')]
        .filter(s => !s.async && !s.defer && s.type !== 'module' && new URL(s.src).host !== location.host).length""")
    context.close()
    return {"bytes": sum(sizes.values()), "dcl_ms": timing, "foreign_requests": len(foreign),
            "blocking_foreign_scripts": blocking}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = build(ROOT, work / "manual", log=lambda *_: None)
        default = default_book(work)
        servers = {name: make_server(path, port=0) for name, path in (("manual", ours), ("default", default))}
        for s in servers.values():
            threading.Thread(target=s.serve_forever, daemon=True).start()
        urls = {"manual": f"http://127.0.0.1:{servers['manual'].server_address[1]}/en/distinctions.html",
                "default": f"http://127.0.0.1:{servers['default'].server_address[1]}/distinctions.html"}
        results: dict[str, list[dict]] = {"manual": [], "default": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                for name in ("default", "manual"):
                    results[name].append(measure(browser, urls[name]))
            browser.close()
        for s in servers.values():
            s.shutdown()
    summary = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
               for name, runs in results.items()}
    ratios = {"weight": summary["manual"]["bytes"] / summary["default"]["bytes"],
              "dcl": summary["manual"]["dcl_ms"] / summary["default"]["dcl_ms"]}
    print(f"{'':10} {'first visit':>12} {'DCL':>9} {'other hosts':>12} {'blocking (other hosts)':>23}")
    for name, s in summary.items():
        print(f"{name:10} {s['bytes'] / 1024:>10.0f} KB {s['dcl_ms']:>7.0f} ms {s['foreign_requests']:>12.0f}"
              f" {s['blocking_foreign_scripts']:>23.0f}")
    print(f"weight ratio {ratios['weight']:.3f} (target <= 0.15); DCL ratio {ratios['dcl']:.3f} (target <= 0.50)")
    out = ROOT / "benchmarks" / "results-page-weight.json"
    out.write_text(json.dumps({"runs": args.runs, "median": summary, "ratios": ratios}, indent=2) + "\n")
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
