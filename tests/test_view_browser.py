"""The explorer driven in a real headless Chromium: offline, drawn, searchable, filterable, XSS-proof."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_view import XSS, make_big_graph, make_graph

from plangraph.report.view import write_view

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parents[1] / "out" / "test-artifacts"
#: A selector, not a JS predicate: the page's CSP forbids the eval Playwright polls predicates with.
READY = "html[data-ready='1']"


def _require(ok: bool, why: str) -> None:
    """Skip on a developer machine without a browser, but never silently in CI."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (required when CI is set)")
    pytest.skip(why, allow_module_level=True)


_require(CHROMIUM.exists(), f"{CHROMIUM} missing: apt-get install -y chromium fonts-wqy-microhei")
try:
    from playwright.sync_api import Browser, Dialog, Page, Request, Route, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    _require(False, "playwright missing: pip install playwright")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page on a written view, recording anything that tried to leave it."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.escaped: set[str] = set()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.page.route("**/*", self._route)
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(READY, state="attached", timeout=30_000)

    @staticmethod
    def _local(url: str) -> bool:
        return url.startswith(("file:", "data:"))

    def _route(self, route: Route) -> None:
        if self._local(route.request.url):
            route.continue_()
        else:
            self.escaped.add(route.request.url)
            route.abort()

    def _request(self, request: Request) -> None:
        if not self._local(request.url):
            self.escaped.add(request.url)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def index_of(self, label: str) -> int:
        return self.page.evaluate("(l) => plangraph.info.findIndex((r) => r.label === l)", label)

    def visible(self) -> tuple[set[int], set[int]]:
        """What vis will actually draw: its own visible node and edge indices."""
        nodes, edges = self.page.evaluate("[plangraph.network.body.nodeIndices, plangraph.network.body.edgeIndices]")
        return set(nodes), set(edges)


@pytest.fixture
def opened(browser: Browser, tmp_path: Path) -> Iterator[Opened]:
    path = tmp_path / "graph.html"
    write_view(make_graph(), path, title="浙江规划图谱")
    o = Opened(browser, path)
    yield o
    o.page.close()
    assert o.escaped == set(), "requests left the page"
    assert o.errors == [], "script errors"
    assert o.dialogs == [], "a dialog opened: injected code ran"


def _painted(page: Page) -> int:
    """Non-transparent pixels on the vis canvas."""
    return page.evaluate("""() => {
        const c = document.querySelector('#graph canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        return n;
    }""")


def _screenshot(page: Page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)


def test_canvas_draws_every_node(opened: Opened) -> None:
    assert len(opened.visible()[0]) == make_graph().number_of_nodes()
    assert _painted(opened.page) > 2_000
    assert "9 / 9" in opened.page.inner_text("#status")


def test_search_selects_node_and_shows_evidence(opened: Opened, tmp_path: Path) -> None:
    page = opened.page
    page.click("#search")
    page.keyboard.type("八八")
    assert page.inner_text("#suggestions li").startswith("八八战略")
    page.click("#suggestions li")
    panel = page.inner_text("#details")
    assert "八八战略" in panel
    assert "坚持以“八八战略”为统领，忠实践行‘两山’理念。" in panel
    assert "绍兴市 十四五规划纲要 · 第三章 › 第一节 创新" in panel
    assert page.evaluate("plangraph.network.getSelectedNodes()") == [opened.index_of("八八战略")]
    _screenshot(page, tmp_path, "view-search.png")


def test_search_matches_alt_labels_and_enter_picks_first(opened: Opened) -> None:
    page = opened.page
    page.fill("#search", "集成電")
    assert page.inner_text("#suggestions li").startswith("集成电路")
    page.press("#search", "Enter")
    assert page.inner_text("#details h2") == "集成电路"
    assert "集成電路" in page.inner_text("#details")


def test_clicking_a_plan_shows_region_and_entity_count(opened: Opened) -> None:
    page = opened.page
    i = opened.index_of("湖州市 十四五规划纲要")
    x, y = page.evaluate(
        "(i) => { const p = plangraph.network.getPositions([i])[i];"
        " return Object.values(plangraph.network.canvasToDOM(p)); }",
        i,
    )
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.inner_text("#details")
    assert "湖州市 十四五规划纲要" in panel and "湖州市" in panel.split("Region", 1)[1]
    assert "3 个实体" in panel


def test_type_and_plan_filters_hide_and_restore(opened: Opened) -> None:
    page = opened.page
    all_nodes, all_edges = opened.visible()
    ic = opened.index_of("集成电路")
    page.uncheck("#type-filters input[value=Industry]")
    nodes, edges = opened.visible()
    assert ic not in nodes and len(nodes) == len(all_nodes) - 1
    assert len(edges) == len(all_edges) - 4  # two mentions, develops, implements
    page.check("#type-filters input[value=Industry]")
    assert opened.visible() == (all_nodes, all_edges)

    page.click("#plans-none")
    assert opened.visible() == (set(), set())
    page.check("#plan-filters label:has-text('湖州市') input")
    assert {page.evaluate("(i) => plangraph.info[i].label", i) for i in opened.visible()[0]} == {
        "湖州市 十四五规划纲要",
        "八八战略",
        "太湖",
        "沪苏湖铁路",
    }
    page.click("#plans-all")
    assert opened.visible() == (all_nodes, all_edges)

    page.uncheck("#predicate-filters input[value=mentions]")
    assert len(opened.visible()[1]) == 2
    page.check("#predicate-filters input[value=mentions]")


def test_searching_a_hidden_node_brings_it_back(opened: Opened) -> None:
    page = opened.page
    page.uncheck("#type-filters input[value=Program]")
    page.fill("#search", "八八战略")
    page.press("#search", "Enter")
    assert opened.index_of("八八战略") in opened.visible()[0]
    assert page.is_checked("#type-filters input[value=Program]")


def test_hostile_text_stays_text(opened: Opened) -> None:
    page = opened.page
    label = f"恶意{XSS}\"名称'"
    page.evaluate("(i) => plangraph.selectNode(i)", opened.index_of(label))
    assert page.inner_text("#details h2") == label
    assert "</script><script>alert(2)</script>" in page.inner_text("#details")
    assert page.locator("#details script").count() == 0
    page.fill("#search", "恶意")
    assert XSS in page.inner_text("#suggestions")


def test_large_graph_is_static_and_drawn(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    G = make_big_graph(800)
    write_view(G, path)
    o = Opened(browser, path)
    assert o.page.evaluate("plangraph.network.physics.options.enabled") is False
    assert len(o.visible()[0]) == G.number_of_nodes()
    assert _painted(o.page) > 20_000
    _screenshot(o.page, tmp_path, "view-large.png")
    assert (o.escaped, o.errors) == (set(), [])


@pytest.fixture(scope="module")
def built(browser: Browser, out: Path) -> Iterator[Opened]:
    """The explorer a build of the bundled plans wrote, as a newcomer first sees it."""
    o = Opened(browser, out / "graph.html")
    yield o
    o.page.close()
    assert (o.escaped, o.errors, o.dialogs) == (set(), [], [])


def test_first_screen_names_every_plan(built: Opened, tmp_path: Path) -> None:
    page = built.page
    labelled = page.evaluate("plangraph.labelled().map((i) => plangraph.info[i])")
    plans = page.evaluate("plangraph.info.filter((r) => r.type === 'Plan').map((r) => r.label)")
    assert len(plans) == 5 and set(plans) <= {r["label"] for r in labelled}
    assert len(labelled) > 20  # shared entities are named too, not only plans
    _screenshot(page, tmp_path, "view-first-screen.png")


def test_panel_lists_implementers_as_subjects(built: Opened, tmp_path: Path) -> None:
    page = built.page
    page.fill("#search", "八八战略")
    page.press("#search", "Enter")
    relations = page.inner_text("#details ul:last-of-type")
    lines = [line.strip() for line in relations.splitlines() if "implements" in line]
    assert lines and all(line.endswith("implements 八八战略") for line in lines), lines
    assert {"湖州市 implements 八八战略", "绍兴市 implements 八八战略"} <= set(lines)
    _screenshot(page, tmp_path, "view-baba-panel.png")


def test_a_bounded_view_says_what_it_leaves_out(browser: Browser, tmp_path: Path) -> None:
    """A view holding some of a build's entities shows, under its header, how many of how many and where the rest are."""
    g = make_graph()
    g.graph["all_entities"] = {"Program": 40, "Region": 2}
    path = tmp_path / "bounded.html"
    write_view(g, path)
    o = Opened(browser, path)
    note = o.page.locator("#left-out")
    assert note.is_visible()
    shown = sum(1 for _, t in g.nodes(data="type") if t != "Plan")
    assert f"Showing {shown} of 42 entities" in note.inner_text() and "plangraph view DIR --region" in note.inner_text()
    assert not (o.errors or o.escaped)
    o.page.close()
