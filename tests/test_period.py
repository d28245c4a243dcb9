"""Plan periods and horizons become calendar years, for periods the corpus has and has not."""

from __future__ import annotations

import pytest

from plangraph.read.period import horizon_year, period_years


@pytest.mark.parametrize(("period", "years"), [
    ("十四五", (2021, 2025)),
    ("十五五", (2026, 2030)),
    ("十三五", (2016, 2020)),
    ("九五", (1996, 2000)),
    ("三五", (1966, 1970)),
    ("二五", (1958, 1962)),
    ("一五", (1953, 1957)),
])
def test_five_year_periods(period, years):
    assert period_years(period) == years


@pytest.mark.parametrize("period", [None, "", "十四", "十四五规划", "五", "二十十五", "2021-2025", "十〇五"])
def test_anything_else_has_no_years(period):
    assert period_years(period) is None


@pytest.mark.parametrize(("title", "year"), [
    ("湖州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", 2035),
    ("中共杭州市委关于制定杭州市国民经济和社会发展第十四个五年规划和二0三五年远景目标的建议", 2035),
    ("某市第十五个五年规划和2040年远景目标纲要", 2040),
    ("某市国民经济和社会发展第十四个五年规划纲要", None),
    (None, None),
])
def test_horizon_from_the_title(title, year):
    assert horizon_year(title) == year
