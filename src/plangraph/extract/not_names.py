"""What no rule may propose as an entity, whichever rule found it: the strings of
``ontology/patterns/exclude.txt`` (plan periods, generic kinds, party doctrine formulas, national
rhetoric, sectors by number), a region's chapter of a national goal (中国式现代化黄石篇章: rhetoric,
no initiative) and rankings or polls (2020中国最具幸福感城市, 全国百强县).

The rule components read exclude.txt for the names they build; the filter checks every
candidate against it, so a name the lexicon or a quotation supplies (两个确立) is held to it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import CLAUSE_ENDS

if TYPE_CHECKING:  # the filter in candidates.py holds a NotNames
    from .candidates import Candidate

# 谱写中国式现代化X新篇章, 书写X新篇章: the words of a resolve, not a named program (its 实践 form,
# 中国式现代化徐州新实践, is one)
_CHAPTER = re.compile(r"篇章$")
# a place in a poll or ranking is an honour, not an initiative: 最具幸福感城市, 十佳, 百强县, 五百强
_RANKING = re.compile(r"最具|最佳|十佳|百佳|[十百千]强|排行榜")
_DIGITS = re.compile(r"[\d.]+")  # “17”, “21” of a numbered list: no name (a coded program, 1376, is one)
# a plan document is no program: a five-year plan (the plan's own title, its party committee's
# 建议) or a planning kind with no place (《全国主体功能区规划》, 城东分区规划); a place's own spatial
# plan is one (徐州市国土空间总体规划 is gold)
_PLAN_DOCUMENT = re.compile(r"国民经济[和与及]社会发展|^(?:全国|国家)?主体功能区规划$|分区规划$")
# a title a city has won, in the clause that says it won it (荣获全国文明城市称号, 进入国家卫生城市
# 行列), is an honour; the same title as a goal (创建全国文明城市) is a program, and so is a pilot or
# model a city was chosen for, won or not (获评国家现代商贸流通体系试点城市 is gold)
_HONOUR = re.compile(r"(?<!试点)(?<!示范)城市$")
_AWARD = re.compile(r"荣获|获评|获得|被评为|荣膺|摘得|授予|进入|入选|称号|桂冠|行列")


@dataclass(frozen=True)
class NotNames:
    """The strings and forms no candidate may have as its label."""

    exclude: frozenset[str]

    def __call__(self, c: Candidate, text: str = "") -> bool:
        """Is ``c``, found in ``text`` (its sentence), no entity at all?"""
        if c.label in self.exclude or _RANKING.search(c.label) or _PLAN_DOCUMENT.search(c.label):
            return True
        if c.type == "Industry" and c.label.removesuffix("业") in self.exclude:  # 房地产业 is 房地产
            return True
        if c.type == "Program":
            return bool(_CHAPTER.search(c.label)) or (bool(_HONOUR.search(c.label)) and won(c, text))
        return bool(_DIGITS.fullmatch(c.label))


def won(c: Candidate, text: str) -> bool:
    """Does the clause around ``c`` (up to a comma or stop; a 、-list stays one clause) say a
    title was won (荣获, 获评, 进入…行列, …称号)?"""
    start = max((text.rfind(p, 0, c.start) for p in CLAUSE_ENDS), default=-1) + 1
    ends = [i for i in (text.find(p, c.end) for p in CLAUSE_ENDS) if i >= 0]
    return bool(_AWARD.search(text, start, min(ends, default=len(text))))
