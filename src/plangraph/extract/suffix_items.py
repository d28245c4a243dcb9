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




# 总量和强度双控行动: two heads joined before one suffix by a word of its own (not 参与); ``coordinated`` reads 、
JOINED = "和与及"
ITEM_SLACK = 1  # 产业基础高级化和产业链现代化攻坚战: the items of one coordinated head are alike in length


def shared_suffix(
    words: SuffixWords, suffixes: re.Pattern[str], text: str, tokens: list[tuple[int, int]], start: int, head: str,
    kind_end: str, verbs: int = 0,
) -> int | None:
    """Where the name begins when the head at ``start`` shares its initiative word with items of which
    some is no proper name: joined by 和, 与 or 及 the items name one initiative together, from the
    first item's start (文化和旅游消费试点城市, 总量和强度双控行动); in a 、-list no item names one, and
    ``start`` itself is returned (标准引领、质量领先、品牌领军工程: no 品牌领军工程). None when the head
    names one alone: items that are proper names (大湾区、大都市区战略) or parallel (人才强区、创新强区战略)
    each name one, and a previous item that ends in a suffix of its own (铸魂工程、溯源工程) or a
    quotation, or is much longer than the head (a list of two tasks), shares nothing."""
    items = [h for _, _, h, _ in coordinated(words, suffixes, text, tokens, start, head, kind_end, verbs)]
    whole = start
    if not items and start > 0 and text[start - 1] in JOINED and (start - 1, start) in tokens:  # not 参与, 以及
        whole = head_start(words, text, tokens, start - 1, 0, verbs)
        item = text[whole : start - 1]
        shares = item and len(item) <= len(head) + ITEM_SLACK and not item.endswith(("”", "》")) \
            and not any(m.end() == len(item) for m in suffixes.finditer(item))
        items = [item] if shares else []
    if not items or all(len(head) >= 2 and item.endswith(head[-2:]) for item in items):
        return None
    return None if all(words.proper(h) for h in (*items, head)) else whole
