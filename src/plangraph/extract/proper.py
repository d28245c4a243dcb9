"""Is a name's head specific enough to be a name (镜湖科技城), or generic (综合交通枢纽)?

A head is proper when some part of it is a place name the lexicon knows, a run
of region abbreviations (杭绍台), a code or number (G60, 527, 千万, 五大), a word
jieba's general dictionary tags as a proper noun or abbreviation, or a word that
dictionary does not know at all (智汇芯, or 钦寸, which it can only cut into
single characters).
Measured on plan text, suffix names without such a part are mostly generic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..chinese import DIGITS
from ..dictionary import GeneralDictionary
from ..lexicon import Lexicon

_CODE = re.compile(rf"[0-9A-Za-z{DIGITS}十百千万双两]")
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt", "j"})
EVERYDAY_FREQ = 300  # 民心 (384) and above are everyday words; 溯源 (61), 净土 (176) are not
# an industry word right before one of these names what the industry is not: its market, a public
# system or capacity, safety, health care, equipment, a port, its funds or aid (房地产市场, 食品安全,
# 物流装备, 航空港, 美丽湖州建设产业基金, 金芙蓉产业引导基金, 低收入农户产业帮扶)
NOT_THE_INDUSTRY = (
    "市场", "体系", "体制", "能力", "水平", "安全", "保障", "设备", "装备", "监管", "卫生", "港",
    "基金", "引导基金", "投资基金", "发展基金", "帮扶", "准入",
)
COMMON_VERB_FREQ = 2000  # 巩固 (2017) and above; 休闲 (1114) and 度假 (1002) also name industries


@dataclass(frozen=True)
class ProperTest:
    """The general dictionary (before plangraph taught the segmenter its names) and the lexicon's places."""

    general: GeneralDictionary
    places: frozenset[str]
    abbreviations: frozenset[str]
    cut: Callable[..., list[str]]  # the pipeline's segmentation (``Segmenter.cut``)
    topics: frozenset[str] = frozenset()  # industry names: what a zone is for, not which zone (文旅融合示范区)
    mistagged: frozenset[str] = frozenset()  # everyday words the dictionary tags as names (智慧景区 is a kind)

    def __call__(self, head: str) -> bool:
        if _CODE.search(head):
            return True
        if any(place_spans(head, self.places)):
            return True
        n = len(head)
        if any(head[i] in self.abbreviations and head[i + 1] in self.abbreviations for i in range(n - 1)):
            return True
        known = self.general.frequencies
        singles = 0
        for word in self.cut(head, hmm=False):
            if word in self.topics:
                singles = 0
                continue
            if len(word) >= 2 and (known.get(word, 0) <= 0 or self._tagged_proper(word)):
                return True
            singles = singles + 1 if len(word) == 1 else 0
            if singles >= 2:
                return True
        return False

    def everyday(self, word: str) -> bool:
        """A frequent common word of the general dictionary (人才, 年度, 防御), not a proper noun
        (蓝天, 凤凰 are tagged as names): as the whole head of 工程/计划 it names a topic."""
        known = self.general.frequencies.get(word, 0) >= EVERYDAY_FREQ
        return known and not self._tagged_proper(word)

    def common_verb(self, word: str) -> bool:
        """An everyday verb (提高, 保持, 巩固): what is done to a thing, never the start of its name."""
        return self.general.tags.get(word) == "v" and self.general.frequencies.get(word, 0) >= COMMON_VERB_FREQ

    def _tagged_proper(self, word: str) -> bool:
        return self.general.tags.get(word) in PROPER_TAGS and word not in self.mistagged


def place_spans(head: str, places: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Spans of the place names inside a head, two to six characters long."""
    n = len(head)
    return ((i, j) for i in range(n) for j in range(i + 2, min(n, i + 6) + 1) if head[i:j] in places)


def topic_names(lexicon: Lexicon) -> frozenset[str]:
    """Every surface of an industry in the lexicon."""
    return frozenset(s for s, ids in lexicon.surfaces.items() if any(i.startswith("industry:") for i in ids))
