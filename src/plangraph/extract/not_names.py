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

if TYPE_CHECKING:  # the filter in candidates.py holds a NotNames
    from .candidates import Candidate

# 谱写中国式现代化X新篇章, 书写X新篇章: the words of a resolve, not a named program (its 实践 form,
# 中国式现代化徐州新实践, is one)
_CHAPTER = re.compile(r"篇章$")
# a place in a poll or ranking is an honour, not an initiative: 最具幸福感城市, 十佳, 百强县, 五百强
_RANKING = re.compile(r"最具|最佳|十佳|百佳|[十百千]强|排行榜")
_DIGITS = re.compile(r"[\d.]+")  # “17”, “21” of a numbered list: no name (a coded program, 1376, is one)


@dataclass(frozen=True)
class NotNames:
    """The strings and forms no candidate may have as its label."""

    exclude: frozenset[str]

    def __call__(self, c: Candidate) -> bool:
        """Is ``c`` no entity at all?"""
        if c.label in self.exclude or _RANKING.search(c.label):
            return True
        if c.type == "Industry" and c.label.removesuffix("业") in self.exclude:  # 房地产业 is 房地产
            return True
        if c.type == "Program":
            return bool(_CHAPTER.search(c.label))
        return bool(_DIGITS.fullmatch(c.label))
