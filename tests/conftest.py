"""Shared fixtures: the bundled plans in data/plans, and one build of them per session.

Tests come in two tiers. ``make test`` (CI) runs all of them. ``make test-fast``
(``pytest -m "not slow"``) is the edit loop: it leaves out every test that builds
the bundled plans (the session build below, or builds of its own), starts a
server, a browser, a triple store or a subprocess build, or installs the package.
A test is slow by its module (``SLOW_MODULES``) or by asking for the session build
(``SLOW_FIXTURES``), so a new test lands in the right tier without a marker.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.graph import store

PLANS_DIR = Path(__file__).resolve().parents[1] / "data" / "plans"
SLOW_MODULES = frozenset({
    "test_build", "test_distributed", "test_evaluation", "test_failures", "test_formats", "test_fuzz", "test_incremental",
    "test_install", "test_kill", "test_notebook", "test_properties", "test_publishing", "test_push", "test_rapper",
    "test_resolve", "test_serve", "test_serve_attacks", "test_serve_browser", "test_view_browser",
})
SLOW_FIXTURES = frozenset({"build_dir", "out", "st", "built"})
PLAN_FILES = sorted(PLANS_DIR.glob("*.txt"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tier (see the module docstring)."""
    for item in items:
        if item.module.__name__ in SLOW_MODULES or SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """Directory of the bundled plans (and manifest.csv)."""
    return PLANS_DIR


@pytest.fixture(params=PLAN_FILES, ids=[p.stem for p in PLAN_FILES])
def plan_path(request: pytest.FixtureRequest) -> Path:
    """Each bundled plan in turn."""
    return request.param


@pytest.fixture(scope="session")
def plans() -> dict[str, Path]:
    """Bundled plans by short name: huzhou, shaoxing, xiuzhou, wuxing, hangzhou."""
    names = {"huzhou-shi": "huzhou", "shaoxing-shi": "shaoxing", "jiaxing-xiuzhou-qu": "xiuzhou",
             "huzhou-wuxing-qu": "wuxing", "hangzhou-shi": "hangzhou"}
    return {names[p.name.split("_")[0]]: p for p in PLAN_FILES if p.name.split("_")[0] in names}


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str | Path) -> Run:
    """``plangraph ARGV`` in-process, with its stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> tuple[Path, Run]:
    """The one build of data/plans that every contract test reads (a build takes seconds)."""
    out = tmp_path_factory.mktemp("build") / "out"
    return out, run_cli("build", PLANS_DIR, "--out", out)


@pytest.fixture(scope="session")
def out(build_dir) -> Path:
    return build_dir[0]


@pytest.fixture(scope="session")
def st(out) -> store.Store:
    return store.open_store(out)
