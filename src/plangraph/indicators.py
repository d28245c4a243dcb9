"""Indicator names: one label per meaning, so regions can be compared.

Plans name one indicator many ways (生产总值(GDP), 地区生产总值, 全市生产总值(亿元)).
A name is first normalized by general rules: scope words (全市, 全区) and unit
parentheses go, 年均增速/增长率 become 增长, ``占地区生产总值比重`` becomes
``占GDP比重``. The normalized form is looked up in
``ontology/lexicon/indicators.csv``; an indicator the lexicon does not know keeps
its normalized form as label, which is stable across plans that word it alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lexicon import _read_rows, _split, resolve_root

FILE = "indicators.csv"

# Units as plans write them, in a name's parentheses, a unit column or after a number.
_BASE_UNITS = (
    "吨标准煤|吨标煤|标准煤|标煤|平方公里|平方米|立方米|千瓦时|千瓦|千米|公里|小时|百名老人|人次|美元|标箱"
    "|元|人|件|个|张|岁|年|套|亩|吨|斤|项|分|户|床|所|辆|家|座|条|台|天|倍|处|艘|次|米"
)
_SIMPLE_UNIT = rf"[万亿千百十]*(?:{_BASE_UNITS})"
UNIT = (
    rf"%|‰|个?百分点|[微毫]克/立方米|[µμu]g/m3|(?:{_SIMPLE_UNIT})?/{_SIMPLE_UNIT}|{_SIMPLE_UNIT}|[万亿]"
)
_UNIT_RE = re.compile(UNIT)

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|[\s*“”\"'‘’《》]")
_SUBITEM = re.compile(r"^其中[:：]?")
_TAIL_PAREN = re.compile(r"[(（]([^()（）]*)(?:[)）])?$")
_BASIS = re.compile(r"常住人口|常住|户籍人口|户籍|常住人口口径|户籍口径")
_SCOPE = re.compile(r"^(?:全市域|全市|全区|全县|全省|全镇|市域|区域|我市|我区|本市|本区)")
_GDP = re.compile(r"(?<=[占位元])(?:的)?(?:地区|国内)?生产总值(?:[(（]GDP[)）])?")
_GDP_PAREN = re.compile(r"[(（]GDP[)）]")
_GROWTH = re.compile(r"(?:年均增速|年均增长率|年均增幅|年均增长|增长率|增速|增幅)$")


def is_unit(text: str) -> bool:
    """Whether a cell or parenthesis holds only a unit (亿元, %, 万元/人, 微克/立方米)."""
    return bool(text) and _UNIT_RE.fullmatch(text) is not None


def split_unit(name: str) -> tuple[str, str]:
    """A name without markup, 其中, unit and population-basis parentheses, and its unit.

    >>> split_unit("每千人执业(助理)医师数(常住人口)(人)")
    ('每千人执业(助理)医师数', '人')
    """
    name = _SUBITEM.sub("", _MARKUP.sub("", name))
    unit = ""
    while m := _TAIL_PAREN.search(name):
        inner = m.group(1)
        if is_unit(inner) and not unit:
            unit = inner
        elif not _BASIS.fullmatch(inner):
            break
        name = name[: m.start()]
    return name.rstrip(":：,，、"), unit


def normalize(name: str) -> str:
    """The comparison key of an indicator name (also the label of unknown indicators).

    >>> normalize("全市生产总值(亿元)"), normalize("单位地区生产总值能源消耗降低")
    ('生产总值', '单位GDP能源消耗降低')
    """
    text, _ = split_unit(name)
    text = _SCOPE.sub("", text)
    text = _GDP_PAREN.sub("", _GDP.sub("GDP", text))
    text = text.replace("的比重", "比重")
    return _GROWTH.sub("增长", text) or text


@dataclass(frozen=True)
class Indicator:
    """What a name resolves to: the shared label and the lexicon id when known."""

    label: str
    key: str | None = None


class IndicatorLexicon:
    """General indicator names and their aliases, keyed by normalized form."""

    def __init__(self, rows: list[tuple[str, str, tuple[str, ...], str]]) -> None:
        self.units: dict[str, str] = {}
        self._by_key: dict[str, Indicator] = {}
        for id_, name, aliases, unit in rows:
            self.units[name] = unit
            for surface in (name, *aliases):
                self._by_key.setdefault(normalize(surface), Indicator(name, id_))

    def resolve(self, surface: str) -> Indicator:
        """The indicator a plan's name stands for."""
        key = normalize(surface)
        return self._by_key.get(key) or Indicator(key or surface)


def load_indicators(root: Path | str | None = None) -> IndicatorLexicon:
    """The indicator lexicon under ``root`` (default: the repo's ontology/lexicon)."""
    return _load(resolve_root(root))


@cache
def _load(root: Path) -> IndicatorLexicon:
    path = root / FILE
    rows = _read_rows(path, ["id", "name", "aliases", "unit"])
    return IndicatorLexicon([(r["id"], r["name"], _split(r["aliases"]), r["unit"]) for _, r in rows])
