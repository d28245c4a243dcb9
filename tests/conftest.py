"""Shared fixtures: the bundled plans in data/plans, and one build of them per session."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from plangraph.cli import main
from plangraph.graph import store

PLANS_DIR = Path(__file__).resolve().parents[1] / "data" / "plans"
PLAN_FILES = sorted(PLANS_DIR.glob("*.txt"))


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
def st(out) -> ox.Store:
    return store.open_store(out)
