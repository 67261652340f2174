"""Benchmark: build times and the zipped site's size, measured side by side in one run.

    .venv/bin/python benchmarks/build_times.py

In a temporary copy of the project: a clean build, a no-op rebuild, and a rebuild after editing one
chapter (both languages); then the two parts a clean build cannot avoid, measured alone: executing
every chapter notebook (nbclient) and rendering with execution switched off. Targets: no-op <= 10 %
and one-chapter edit <= 30 % of a clean build; clean build <= 1.3 x (execution + rendering).
Also the English site zipped, against a default Jupyter Book 1 build of the same English book
zipped. Writes benchmarks/results-build.json. Not a test.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from book.chapters import toc_pages  # noqa: E402
from book.project import Project  # noqa: E402
from book.website import build  # noqa: E402
from helpers import copy_project  # noqa: E402  (tests/helpers.py)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cli_build(root: Path, out: Path) -> float:
    """`python -m book build`, as a maintainer runs it (a fresh process each time)."""
    return timed(lambda: subprocess.run([sys.executable, "-m", "book", "--root", str(root), "build", "--out", str(out)],
                                        check=True, capture_output=True))


def execute_all(root: Path) -> float:
    """Run every chapter notebook once on a kernel, as the build's execution step does."""
    import jupytext
    from nbclient import NotebookClient
    start = time.perf_counter()
    for lang in ("en", "ru"):
        for page in toc_pages(root):
            nb = jupytext.read(root / "notebooks" / lang / f"{page}.md")
            if any(c.cell_type == "code" for c in nb.cells):
                NotebookClient(nb, kernel_name="python3",  # the kernels' start-up chatter is not news
                               resources={"metadata": {"path": str(root / "notebooks" / lang)}}
                               ).execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def render_only(root: Path, out: Path) -> float:
    config = (root / "_config.yml").read_text(encoding="utf-8")
    (root / "_config.yml").write_text(config.replace("execute_notebooks: cache", "execute_notebooks: \"off\""),
                                      encoding="utf-8")
    try:
        return timed(lambda: build(root, out, log=lambda *_: None))
    finally:
        (root / "_config.yml").write_text(config, encoding="utf-8")


def zipped_size(folder: Path) -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            z.write(path, path.relative_to(folder).as_posix())
    return len(buffer.getvalue())


def default_english_book(root: Path, work: Path) -> Path:
    src = work / "default-book"
    shutil.copytree(root / "notebooks" / "en", src)
    (src / "_config.yml").write_text("title: Default Jupyter Book\n", encoding="utf-8")
    shutil.copy2(root / "_toc.yml", src / "_toc.yml")
    jb = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jb), "build", str(src)], check=True, capture_output=True,
                   env={**os.environ, **Project(root).environment()})
    return src / "_build" / "html"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "project").mkdir()
        root = copy_project(work / "project")
        out = work / "out"
        clean = cli_build(root, out)
        noop = cli_build(root, out)
        for lang in ("en", "ru"):
            page = root / "notebooks" / lang / "distinctions.md"
            page.write_text(page.read_text(encoding="utf-8") + "\n\n.\n", encoding="utf-8")
        from book.sync import mark_synced
        mark_synced(root, ["distinctions"])
        edit = cli_build(root, out)
        execution = execute_all(root)
        rendering = render_only(root, work / "render-only")
        ours = zipped_size(out / "html" / "en")
        default = zipped_size(default_english_book(root, work))
    results = {
        "seconds": {"clean": clean, "no_op": noop, "one_chapter_edit": edit,
                    "execution_alone": execution, "rendering_alone": rendering},
        "ratios": {"no_op_vs_clean": noop / clean, "edit_vs_clean": edit / clean,
                   "clean_vs_execution_plus_rendering": clean / (execution + rendering),
                   "zip_vs_default_zip": ours / default},
        "zip_bytes": {"manual_en": ours, "default_en": default},
    }
    s, r = results["seconds"], results["ratios"]
    print(f"clean {s['clean']:.1f} s, no-op {s['no_op']:.1f} s, one-chapter edit {s['one_chapter_edit']:.1f} s")
    print(f"execution alone {s['execution_alone']:.1f} s, rendering alone {s['rendering_alone']:.1f} s")
    print(f"no-op / clean {r['no_op_vs_clean']:.2f} (target <= 0.10); edit / clean {r['edit_vs_clean']:.2f} "
          f"(target <= 0.30); clean / (execution + rendering) {r['clean_vs_execution_plus_rendering']:.2f} "
          f"(target <= 1.3)")
    print(f"English site zipped: {ours // 1024} KB vs default Jupyter Book {default // 1024} KB "
          f"(ratio {r['zip_vs_default_zip']:.2f})")
    (ROOT / "benchmarks" / "results-build.json").write_text(json.dumps(results, indent=2) + "\n")
    print("written: benchmarks/results-build.json")


if __name__ == "__main__":
    main()
