"""Plan periods as calendar years: 十四五 is 2021–2025, a 二〇三五年远景目标 title looks to 2035.

Queries compare plans by year rather than by ordinal name, and the years are
computed, so a period no plan in the corpus has yet (十五五, 十六五) needs no table.
"""

from __future__ import annotations

import re

_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0} | {
    str(i): i for i in range(10)
}
_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,3})五")
# how plans write a recent period's name in running text and table headers (十三五, 十四五)
PERIOD_NAME = "十[一二三四五六七八九]五"
_HORIZON = re.compile(r"([〇○零O0-9一二三四五六七八九]{4})年远景目标")
# The first two plans ran 1953–57 and 1958–62; after three years of readjustment,
# the third began in 1966 and every later one starts five years after the last.
_EARLY_STARTS = {1: 1953, 2: 1958}
_THIRD_START = 1966


def _small_number(text: str) -> int | None:
    """1–99 written in Chinese numerals (十四, 二十, 九)."""
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_DIGITS.get(tens, -100) if tens else 1) * 10 + (_DIGITS.get(units, -100) if units else 0)
    return value if 0 < value < 100 else None


def period_years(period: str | None) -> tuple[int, int] | None:
    """(first, last) year of a five-year period named like 十四五.

    >>> period_years("十四五")
    (2021, 2025)
    """
    m = _ORDINAL.fullmatch(period or "")
    n = _small_number(m.group(1)) if m else None
    if n is None:
        return None
    start = _EARLY_STARTS.get(n, _THIRD_START + 5 * (n - 3))
    return start, start + 4


def horizon_year(title: str | None) -> int | None:
    """The long-range target year a title names (…和二〇三五年远景目标纲要 -> 2035).

    >>> horizon_year("湖州市国民经济和社会发展第十四个五年规划和二0三五年远景目标纲要")
    2035
    """
    m = _HORIZON.search(title or "")
    return int("".join(str(_DIGITS[ch]) for ch in m.group(1))) if m else None
