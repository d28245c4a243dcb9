"""Shared fixtures: the bundled plans in data/plans."""

from __future__ import annotations

from pathlib import Path

import pytest

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
