"""Targets stated in prose: 到2025年，R&D经费支出占GDP比重力争达到3.3%.

A target is a name, a verb of reaching (达到, 突破, 控制在, 缩小至 …) and a
number with its unit. Plans state past results the same way (2020年地区生产总值
突破6000亿元), so a sentence counts only when it looks forward: an explicit
到/至20XX年, a 十四五 time phrase, a goals section (主要目标, 远景目标) or a
modal such as 力争/确保.
"""

from __future__ import annotations

import re

from ..indicators import UNIT, IndicatorLexicon
from ..model import Document, Sentence
from ..read.period import PERIOD_NAME, horizon_year
from .values import Target, Value, decimal, qualifiers

_VERB = (
    "达到|突破|超过|控制在|降至|降到|降低到|降低至|下降到|下降至|提高到|提高至|提升到|提升至|增长到|增至"
    "|增加到|增加至|缩小到|缩小至|缩减至|稳定在|保持在|不低于|不少于|不超过|优于|年均增长|下降|降低|超|达"
)
_CHANGE = {"年均增长": "增长", "下降": "降低", "降低": "降低"}
_MODAL = r"(?:力争|争取|确保|预计|分别|均|要|将|可|再|累计|进一步)*"
_AMOUNT = rf"(?P<pre>约|近)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{UNIT})?\s*(?P<post>以上|以下|以内|左右|及以上|:\s*1)?"
_TARGET = re.compile(rf"(?P<mod>{_MODAL})\s*(?P<verb>{_VERB})\s*{_AMOUNT}")
# a clause that is only a measure and its amount: 出口占全国份额13.1‰以上
_BARE = re.compile(rf"(?P<name>[^\d]{{2,30}}?(?:率|比重|份额|占比|比例|强度))\s*{_AMOUNT}")
_MORE = re.compile(rf"\s*[和、及]\s*{_AMOUNT}")
_BOUNDARY = re.compile(r"[,，;；:：。!?！？、]|——")
_WIDE_BOUNDARY = re.compile(r"[,，;；:：。!?！？]|——")
_LEAD = re.compile(
    rf"^(?:(?:到|至|在)?\s*20\d\d\s*年(?:底|末)?|“?{PERIOD_NAME}”?(?:时期|期间|期末|末)?|力争|争取|确保|预计|其中|同时|并|使|推动|促进|全面|基本|进一步|实现|\s)+"
)
_TAIL = re.compile(rf"(?:每年|年均|稳定|持续|逐步|基本)?{_MODAL}$")
_FUTURE_YEAR = re.compile(r"(?:到|至)\s*(20\d\d)\s*年")
_PAST_YEAR = re.compile(r"(?<![到至\d])\s*(20\d\d)\s*年")
_PERIOD_PHRASE = re.compile(rf"{PERIOD_NAME}”?(?:时期|期间|期末|末)")
_GOAL_SECTION = re.compile(r"目标|指标")
_PAST_SECTION = re.compile(r"成就|基础|回顾|完成情况|十三五|过去")
_PLAN_TITLE = re.compile(r"规划.*(?:纲要|建议)$")
_MODAL_CUE = re.compile(r"力争|争取|确保|预计")
_HEAD = re.compile(r"(?:主营业务收入|营业收入|总产值|产值|增加值|规模|总量|总额|收入)$")
_NAME_OK = re.compile(r"[\u4e00-\u9fffA-Za-z].*[\u4e00-\u9fffA-Za-z0-9)）]")


def text_targets(doc: Document, lexicon: IndicatorLexicon, period_end: int | None) -> list[Target]:
    """Targets stated in the plan's sentences (table rows are read as tables)."""
    out: list[Target] = []
    for i, s in enumerate(doc.sentences):
        if s.kind in ("text", "box"):
            out.extend(_sentence_targets(doc.text[s.start:s.end], s, i, lexicon, period_end))
    return out


def sentence_year(text: str, sentence: Sentence, period_end: int | None) -> int | None:
    """The year a sentence's goals are for, or None when it does not look forward."""
    future = _FUTURE_YEAR.findall(text)
    if future:
        return int(future[-1])
    past = [int(y) for y in _PAST_YEAR.findall(text)]
    if past and period_end and max(past) <= period_end - 5:
        return None
    sections = [h for h in sentence.section if not _PLAN_TITLE.search(h)]
    if any(_PAST_SECTION.search(h) for h in sections):
        return None
    if _PERIOD_PHRASE.search(text):
        return period_end
    goals = [h for h in sections if _GOAL_SECTION.search(h)]
    if goals:
        return horizon_year(goals[-1]) or period_end
    return period_end if _MODAL_CUE.search(text) else None


def _sentence_targets(
    text: str, sentence: Sentence, index: int, lexicon: IndicatorLexicon, period_end: int | None
) -> list[Target]:
    year = sentence_year(text, sentence, period_end) if re.search(r"\d", text) else None
    if year is None:
        return []
    out = _bare_targets(text, index, year, lexicon)
    previous = ""
    for m in _TARGET.finditer(text):
        if _is_year(m) or (m.start("num") > 0 and text[m.start("num") - 1].isdigit()):
            continue
        names = _names(text, m)
        amounts = [m] + list(_more(text, m.end())) if "分别" in m.group("mod") else [m]
        if len(names) > 1 and len(amounts) == 1:
            amounts = amounts * len(names)
        if len(names) != len(amounts):
            continue
        for name, amount in zip(names, amounts):
            name = _complete(name, previous) + _CHANGE.get(m.group("verb"), "")
            previous = name
            out.append(_target(name, m.group("verb"), amount, index, year, lexicon))
    return out


def _bare_targets(text: str, index: int, year: int, lexicon: IndicatorLexicon) -> list[Target]:
    """Verbless clauses (份额13.1‰以上) in a forward-looking sentence."""
    out = []
    start = 0
    for b in [*_BOUNDARY.finditer(text), None]:
        end = b.start() if b else len(text)
        m = _BARE.fullmatch(text[start:end].strip())
        if m and m.group("unit") and _NAME_OK.fullmatch(name := _LEAD.sub("", m.group("name"))):
            out.append(_target(name, "", m, index, year, lexicon))
        start = b.end() if b else end
    return out


def _target(name: str, verb: str, amount: re.Match[str], index: int, year: int, lexicon: IndicatorLexicon) -> Target:
    return Target(
        indicator=name, label=lexicon.resolve(name).label, sentence=index, year=year,
        value=_value(verb, amount), unit=amount.group("unit") or "", source="text",
    )


def _is_year(m: re.Match[str]) -> bool:
    return (m.group("unit") or "") == "年" and len(m.group("num")) == 4


def _names(text: str, m: re.Match[str]) -> list[str]:
    """The name(s) before the verb: one, or a list when 分别/均 distributes the values."""
    distributes = bool(re.search("分别|均", m.group("mod")))
    boundary = _WIDE_BOUNDARY if distributes else _BOUNDARY
    start = max((b.end() for b in boundary.finditer(text, 0, m.start())), default=0)
    clause = _TAIL.sub("", _LEAD.sub("", text[start:m.start()].strip())).strip()
    parts = re.split(r"[、和及]", clause) if distributes else [clause]
    parts = _share_head([_LEAD.sub("", p).strip() for p in parts])
    if not parts or not all(2 <= len(p) <= 40 and _NAME_OK.fullmatch(p) for p in parts):
        return []
    return parts


def _share_head(parts: list[str]) -> list[str]:
    """常住人口、户籍人口城镇化水平: equal-length qualifiers share the last part's head."""
    width = len(parts[0])
    if len(parts) > 1 and all(len(p) == width for p in parts[:-1]) and len(parts[-1]) > width + 1:
        head = parts[-1][width:]
        return [p + head for p in parts[:-1]] + parts[-1:]
    return parts


def _more(text: str, pos: int):
    """Further amounts after the first, for 分别达到78%和58%."""
    while (m := _MORE.match(text, pos)) is not None:
        yield m
        pos = m.end()


def _complete(name: str, previous: str) -> str:
    """A bare head (增加值) borrows its subject from the previous target of the sentence."""
    if previous and _HEAD.fullmatch(name):
        head = _HEAD.search(previous)
        if head and head.start() > 0:
            return previous[: head.start()] + name
    return name


def _value(verb: str, m: re.Match[str]) -> Value:
    raw = m.group("num")
    return Value(decimal(raw), raw, qualifiers(verb + m.group()), m.group().strip())
