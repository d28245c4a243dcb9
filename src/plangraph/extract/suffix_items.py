"""Coordinated heads that share one suffix: 湖杭、沪苏湖高铁 names two railways, 之江、西湖实验室
two laboratories; an item of its own kind names what it is (名人馆、阳明园、大禹纪念馆)."""

from __future__ import annotations

import bisect
import re

from .proper import place_spans
from .suffix_heads import head_start
from .suffix_words import PART, SuffixWords
from .text import DELIMITERS

MAX_ITEM = 4  # a coordinated item that borrows the suffix is short (之江、西湖实验室)
MIN_ITEM = 2
_ROUTE_PARTS = re.compile("[至—]")
MAX_ROUTE_PART = 5  # 长水机场 in 长水机场至红塔区


def coordinated(
    words: SuffixWords, suffixes: re.Pattern[str], text: str, tokens: list[tuple[int, int]], start: int, head: str,
    kind_end: str, verbs: int = 0,
) -> list[tuple[int, int, str, bool]]:
    """Earlier items of a 、-list before the head at ``start`` that share this name's suffix (whose
    last character is ``kind_end``; ``suffixes`` finds any suffix), as (start, end, head, own kind). An
    item of its own kind names what it is (名人馆、阳明园、大禹纪念馆) and is read whole after a boundary
    word (推进智汇芯城、金柯桥科技城)."""
    out = []
    pos = start
    run = words.abbreviation_run(head)
    kind = _shared_kind(words, head)
    while pos > 0 and text[pos - 1] == "、":
        item_end = pos - 1
        item_start = head_start(words, text, tokens, item_end, 0, verbs)  # whole words: 之江, not 力支持之江
        item = text[item_start:item_end]
        own_kind = item.endswith(kind_end)
        parallel = own_kind or len(head) >= 2 and item.endswith(head[-2:])  # 创新强市、人才强市战略
        route = _route(words, item) and _route(words, head)  # 曲靖至宣威、玉溪至楚雄城际铁路
        whole = item_start == 0 or text[item_start - 1] in DELIMITERS or parallel and _after_boundary(words, text, tokens, item_start)
        if not whole and item_end - item_start >= MAX_ITEM and not route:
            break  # the item goes on past the limit: not a short coordinated head
        if not item or suffixes.search(item) and not route or PART.search(item):
            break  # a name of its own, or a part of one (…至盘锦段、青兰高速: no 盘锦段高速)
        if run and all(ch in words.lexicon.abbreviations for ch in item):
            new_head = item + head[len(run):]
        elif route or MIN_ITEM <= len(item) <= MAX_ITEM:  # 近、中、远期改造计划: one character only qualifies
            new_head = item if own_kind or parallel else item + kind
        else:
            break
        out.append((item_start, item_end, new_head, own_kind))
        pos = item_start
    return out


def _route(words: SuffixWords, head: str) -> bool:
    """A route between places (昆明至楚雄, 长水机场至红塔区): parts joined by 至 or a dash,
    the first or the last a known place."""
    parts = _ROUTE_PARTS.split(head)
    return len(parts) >= 2 and all(MIN_ITEM <= len(p) <= MAX_ROUTE_PART for p in parts) \
        and (parts[0] in words.region_surfaces or parts[-1] in words.region_surfaces)


def _after_boundary(words: SuffixWords, text: str, tokens: list[tuple[int, int]], pos: int) -> bool:
    """Does a boundary word end right before ``pos`` (统筹推进|智汇芯城)? Then the walk stopped
    there, not at its length limit, and what follows is a whole item."""
    i = bisect.bisect_left(tokens, (pos,))  # the first token at or after pos; the one before may end there
    return i > 0 and tokens[i - 1][1] == pos and words.is_boundary(text[tokens[i - 1][0] : pos])


def _shared_kind(words: SuffixWords, head: str) -> str:
    """What a head says after its last place name (科创 in 宁波甬江科创): the kind that the
    items listed before it share (G60、杭州城西、宁波甬江科创走廊 gives G60科创走廊)."""
    last = max((j for _, j in place_spans(head, words.region_surfaces)), default=0)
    return head[last:] if 0 < last and len(head) - last <= MAX_ITEM else ""
