"""A quantified target and the grammar of the values plans write.

Values come as ``5000``, ``>6``, ``≤4.5``, ``7左右``, ``10以上``, ``[5]`` (cumulative
over the period), ``5(累计)``, ``下降 2.5`` or in words (与经济增长同步,
完成省下达目标). The number is kept apart from its qualifiers so it can be a
plain ``xsd:decimal``; the words stay as written in ``text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?")
# qualifier words and signs, in the normalized form we publish
_QUALIFIERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"≥|>=|以上|不低于|不少于"), "≥"),
    (re.compile(r"(?<![≥<])>|＞|超过|突破|大于|高于|优于|^超"), ">"),
    (re.compile(r"≤|<=|以下|以内|不超过|不高于|控制在"), "≤"),
    (re.compile(r"(?<![≤>])<|＜|低于|小于"), "<"),
    (re.compile(r"左右|^约|大约"), "左右"),
    (re.compile(r"[\[【]|累计"), "累计"),
)
_DASH = re.compile(r"[—\-–/／~～_、.·…\s]*")


@dataclass(frozen=True)
class Value:
    """One cell or phrase: its number (plain decimal), the number as written, qualifiers."""

    number: str | None
    raw: str  # the digits as they appear in the text ("" without a number)
    qualifiers: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Target:
    """A quantified goal for one indicator, with the row or sentence that states it."""

    indicator: str  # the name as the plan writes it
    label: str  # the shared indicator label
    sentence: int  # index into Document.sentences: the evidence
    year: int | None
    value: Value | None  # the target value (None when only a growth rate is given)
    unit: str = ""
    base: Value | None = None
    base_year: int | None = None
    growth: str = ""  # as written: 8%以上, [5], 与经济增长同步
    binding: str = ""  # 预期性 | 约束性
    actual: Value | None = None  # 十三五 completion tables: the value reached
    source: str = "table"  # table | text


def is_blank(cell: str) -> bool:
    """Empty or a placeholder dash (—, /, ——)."""
    return _DASH.fullmatch(cell) is not None


def parse_value(text: str) -> Value | None:
    """A value cell or phrase; None when blank. Ambiguous cells (城镇4.2、农村6.8) keep no number.

    >>> parse_value("[5]以上").qualifiers, parse_value("7左右").number
    (('≥', '累计'), '7')
    """
    text = text.strip()
    if is_blank(text):
        return None
    numbers = _NUMBER.findall(text)
    quals = qualifiers(text)
    if len(numbers) != 1 and not re.search(r"\d\s*:\s*1\b", text):
        return Value(None, "", quals, text)
    raw = numbers[0]
    return Value(decimal(raw), raw, quals, text)


def qualifiers(text: str) -> tuple[str, ...]:
    """The comparison signs and words of a value, normalized (≥ for 以上, 累计 for [5])."""
    return tuple(q for pattern, q in _QUALIFIERS if pattern.search(text))


def decimal(raw: str) -> str | None:
    """The canonical xsd:decimal lexical form of a written number, or None."""
    try:
        d = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return format(d, "f")
