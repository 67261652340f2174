"""Benchmark: the quiz runtime's size, and how soon a quiz can be answered (run on demand).

    .venv/bin/python benchmarks/quiz_runtime.py [--runs 7] [--site _build/html]

Prints the bytes the site serves for quiz.js + quiz.css (minified, and gzipped) against the
10 KB target, and, in Debian's Chromium over http://127.0.0.1, the time from DOMContentLoaded
until the first quiz can be answered (the runtime's `mq-ready` mark), as a median of runs.
Not a test: nothing here passes or fails.
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from book.assets import RUNTIME_FILES, minified  # noqa: E402
from book.serve import make_server  # noqa: E402

TARGET_BYTES = 10 * 1024
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def sizes() -> dict[str, int]:
    raw = sum(len((ROOT / "book" / "static" / n).read_bytes()) for n in RUNTIME_FILES)
    mini = "".join(minified(n) for n in RUNTIME_FILES).encode()
    return {"source": raw, "minified": len(mini), "gzipped": len(gzip.compress(mini, 9))}


def timings(site: Path, runs: int) -> list[list[float]]:
    from playwright.sync_api import sync_playwright
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/en/distinctions.html"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for _ in range(runs):
                page = browser.new_page()
                page.goto(url, wait_until="load")
                out.append(page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const ready = performance.getEntriesByName('mq-ready')[0];
                    return [nav.domContentLoadedEventStart, ready.startTime];
                }"""))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    args = parser.parse_args()
    s = sizes()
    print(f"quiz runtime (quiz.js + quiz.css): source {s['source']} B, minified {s['minified']} B, "
          f"gzipped {s['gzipped']} B")
    print(f"  minified / target (10 KB): {s['minified'] / TARGET_BYTES:.2f}")
    site = Path(args.site)
    if not (site / "en" / "distinctions.html").exists():
        print(f"no built site at {site}: run `python -m book build` for the timing")
        return
    t = timings(site, args.runs)
    dcl = statistics.median(x[0] for x in t)
    ready = statistics.median(x[1] for x in t)
    after = statistics.median(max(0.0, x[1] - x[0]) for x in t)
    print(f"medians of {len(t)} runs, ms after navigation start: DOMContentLoaded {dcl:.1f}, "
          f"first quiz answerable {ready:.1f}")
    print(f"  DOMContentLoaded -> first quiz answerable: {after:.1f} ms "
          "(0 means the deferred runtime was ready before DOMContentLoaded fired)")


if __name__ == "__main__":
    main()
