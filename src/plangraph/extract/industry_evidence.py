"""A plan's industry words name industries only once the plan speaks of them as industries.

食品, 光伏, 快递 and 汽车 are goods, works and services far more often than industries: in
建立家电、家居、汽车等回收利用网络 or 建设一批光伏、风电等项目 no industry is meant. An
industry the lexicon knows therefore counts in a plan only when one of its mentions stands in
a sentence about production and business (``industry_cues``: 产业, 行业, 经济, 企业,
大力发展...), in a heading naming two industries or more (新一代信息技术/高端装备) or one right
after a verb that grows trades (第二节 积极发展新一代信息技术, 第四节 提速发展高端装备), says it is
a trade itself (种业, 金融业), or when another rule found it
(…产业, …等产业). Then all its mentions count: the plan has said what it means by the word.
This is a plain function over a whole document, after the per-sentence components.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Extraction, Mention
from .lists import GROWTH_CUES

LEXICON = ("lexicon.name",)  # the rules of a mention the lexicon alone found
TRADE = "业"
HEADING = "heading"
HEADING_LIST = 2  # a heading that names two industries or more (新一代信息技术/高端装备) is about those trades


@lru_cache(maxsize=4)
def cue_pattern(cues: frozenset[str]) -> re.Pattern[str]:
    """One regex for the cue words, longest first."""
    return re.compile("|".join(map(re.escape, sorted(cues, key=lambda c: (-len(c), c)))))


def keep_industries_in_evidence(result: Extraction, cues: re.Pattern[str]) -> None:
    """Drop the lexicon industry mentions of ``result`` that the plan never backs as an
    industry, and the relations they take part in."""
    drop_unbacked_industries(result, backed_industries(result, cues))


def backed_industries(result: Extraction, cues: re.Pattern[str]) -> set[str]:
    """The labels and lexicon ids of the industries ``result`` backs as industries; a plan
    read in pieces joins its pieces' sets before dropping anything."""
    text, sentences = result.document.text, result.document.sentences
    in_headings = Counter(m.sentence for m in result.mentions if m.type == "Industry" and sentences[m.sentence].kind == HEADING)
    backed: set[str] = set()
    for m in result.mentions:
        if m.type != "Industry":
            continue
        sentence = sentences[m.sentence]
        if (m.rules != LEXICON or m.text.endswith(TRADE) or in_headings[m.sentence] >= HEADING_LIST
                or (sentence.kind == HEADING and text.endswith(GROWTH_CUES, sentence.start, m.start))
                or cues.search(text, sentence.start, sentence.end)):
            backed.add(m.label or m.text)
            if m.key:
                backed.add(m.key)
    return backed


def drop_unbacked_industries(result: Extraction, backed: set[str]) -> None:
    """Drop the lexicon industry mentions not in ``backed``, and the relations they take part in."""
    dropped = {id(m) for m in result.mentions if _unbacked(m, backed)}
    if not dropped:
        return
    result.mentions = [m for m in result.mentions if id(m) not in dropped]
    result.relations = [r for r in result.relations if id(r.subject) not in dropped and id(r.object) not in dropped]


def _unbacked(m: Mention, backed: set[str]) -> bool:
    return m.type == "Industry" and m.rules == LEXICON and m.key not in backed and m.label not in backed
