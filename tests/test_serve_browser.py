"""The query page of `plangraph serve` in a real headless Chromium: a named query is one click from its rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_view_browser import CHROMIUM, CHROMIUM_ARGS  # first: it skips this module too without a browser

from playwright.sync_api import Page, sync_playwright  # noqa: I001 - after the skip above
from servers import built, plangraph_server


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The query page, with the script errors and the requests that left the server."""
    with plangraph_server(built(tmp_path_factory), workers=2, timeout=60) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        p = browser.new_page()
        errors: list[str] = []
        escaped: list[str] = []
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.on("request", lambda r: None if r.url.startswith(srv.url) else escaped.append(r.url))
        p.goto(srv.url)
        p.wait_for_selector("#named button", timeout=30_000)
        yield p, errors, escaped
        browser.close()


def test_clicking_a_named_query_shows_its_rows(page) -> None:
    p, errors, escaped = page
    p.click("#named button:text-is('plans-overview')")
    p.wait_for_selector("#output table tbody tr", timeout=60_000)
    assert "SELECT" in p.input_value("#query") and "undefined" not in p.input_value("#query")
    assert len(p.query_selector_all("#output table tbody tr")) == 5  # the five bundled plans
    assert "rows" in p.inner_text("#status")
    assert errors == [] and escaped == []


def test_every_named_query_button_fills_the_editor_and_answers(page) -> None:
    p, errors, _ = page
    names = [b.inner_text() for b in p.query_selector_all("#named button")]
    assert len(names) >= 10
    for name in names:
        p.click(f"#named button:text-is('{name}')")
        # a selector, not a JS predicate: the page's CSP forbids the eval Playwright polls predicates with
        p.wait_for_selector("#status:text-matches('ms$|^[0-9]{3} ')", timeout=60_000)
        status = p.inner_text("#status")
        assert "rows" in status or "ms" in status, (name, status)
        assert "error" not in (p.get_attribute("#status", "class") or ""), (name, status)
    assert errors == []
