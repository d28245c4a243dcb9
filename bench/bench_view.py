"""How fast the HTML explorer is generated and becomes interactive in headless Chromium.

Run: .venv/bin/python bench/bench_view.py   (needs /usr/bin/chromium and playwright)

Absolute seconds depend on the machine, so every number is also given as a
ratio to a baseline measured in the same run: page times against loading an
empty HTML file, generation times against json-dumping the same graph.
Exits 1 if a page misses its bar (600 nodes < 3 s, 5,000 nodes < 10 s).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from run import median_seconds  # bench/run.py: medians, so one hiccup on a shared machine doesn't decide
from test_view import make_big_graph
from test_view_browser import CHROMIUM, CHROMIUM_ARGS, READY

from plangraph.build.build import build
from plangraph.graph.store import open_store
from plangraph.report.analytics import plan_entity_graph
from plangraph.report.view import write_view

CASES = {"small": (600, 3.0), "large": (5_000, 10.0)}
PLANS_BAR = 3.0  # the default page of the five bundled plans
REPEAT = 3


def load_seconds(browser: Browser, url: str, ready: str | None) -> float:
    """Navigation start until the load event, or until the ``ready`` selector appears when given."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        start = time.perf_counter()
        page.goto(url)
        if ready:
            page.wait_for_selector(ready, state="attached", timeout=60_000)
        return time.perf_counter() - start
    finally:
        page.close()


def plans_graph(work: Path) -> nx.Graph:
    """The graph of the bundled plans, as `plangraph build` draws it (the default page)."""
    out = work / "plans"
    build([ROOT / "data" / "plans"], out)
    store = open_store(out)
    try:
        return plan_entity_graph(store)
    finally:
        del store


def bench_case(browser: Browser, work: Path, name: str, G: nx.Graph, bar: float, base_page: float) -> bool:
    """Print one graph's numbers; True if its page met the bar."""
    out = work / f"{name}.html"
    base_gen = median_seconds(lambda: json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False), REPEAT)
    gen = median_seconds(lambda: write_view(G, out), REPEAT)
    page = median_seconds(lambda: load_seconds(browser, out.as_uri(), READY), REPEAT)
    ok = page < bar
    print(
        f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {out.stat().st_size / 1e6:.1f} MB | "
        f"generate {gen:.2f} s ({gen / base_gen:.1f}x json.dumps {base_gen:.3f} s) | "
        f"interactive {page:.2f} s ({page / base_page:.1f}x empty page) | bar {bar:.0f} s {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench_view_"))
    empty = work / "empty.html"
    empty.write_text("<!DOCTYPE html><meta charset=utf-8><title>empty</title>", encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        base_page = median_seconds(lambda: load_seconds(browser, empty.as_uri(), None), 5)
        print(f"baseline: empty page load {base_page:.3f} s")
        results = [bench_case(browser, work, "plans", plans_graph(work), PLANS_BAR, base_page)]
        results += [bench_case(browser, work, name, make_big_graph(n), bar, base_page) for name, (n, bar) in CASES.items()]
        browser.close()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
