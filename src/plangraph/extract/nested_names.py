"""A name found only inside longer names is not a thing the plan speaks of by itself.

湖州 in 湖州莫干山高新区, 长海 in 长海跨海大桥, 甬金高速 in 甬金高速扩容 or the free trade zone in
中国(浙江)自由贸易试验区杭州片区 are parts of a name; the plan mentions the platform, the bridge,
the works or the zone's area, and the shorter name only through it (the annotation guidelines
list such a name on its own only where the plan also names it alone: eval/wide/README.md, "A
name that occurs only inside a longer annotated name is not listed on its own"). The components
keep nested names while a sentence is read, since they locate platforms and connect railways;
this document-level step then drops the nested mentions of names the plan never names alone. A
relation read from such a mention keeps its end by its lexicon id, so 湖州莫干山高新区 stays
locatedIn 湖州市; a name without one that ends a relation stays a mention.
"""

from __future__ import annotations

from ..model import Extraction, Mention, Ref, Relation
from .candidates import nested_spans


def drop_nested_only_names(result: Extraction) -> None:
    """Remove mentions that stand only inside longer mentions, re-pointing their relations."""
    drop_nested_names(result, names_named_alone(result))


def names_named_alone(result: Extraction) -> set[str]:
    """The names ``result`` mentions by themselves, not only inside longer names; a plan read
    in pieces joins its pieces' sets before dropping anything."""
    nested = _nested(result)
    return {_identity(m) for m in result.mentions if id(m) not in nested}


def drop_nested_names(result: Extraction, alone: set[str]) -> None:
    """Remove the nested mentions of names not in ``alone``, re-pointing their relations. A name
    with no lexicon id that ends a relation stays (杭金衢高速 in 杭金衢高速至杭绍台高速联络线 connects
    衢州市): the relation needs its entity, and a region always has an id."""
    nested = _nested(result)
    related = {id(end) for r in result.relations for end in (r.subject, r.object) if isinstance(end, Mention)}
    dropped = {id(m): m for m in result.mentions
               if id(m) in nested and _identity(m) not in alone and (m.type == "Region" or m.key or id(m) not in related)}
    if not dropped:
        return
    result.mentions = [m for m in result.mentions if id(m) not in dropped]
    result.relations = [r for r in (_repoint(r, dropped) for r in result.relations) if r is not None]


def _nested(result: Extraction) -> set[int]:
    """The ids of the mentions that stand inside a longer mention of their sentence."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in result.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    return {id(group[i]) for group in by_sentence.values() for i in nested_spans(group)}


def _identity(m: Mention) -> str:
    return m.key or m.label or m.text


def _repoint(r: Relation, dropped: dict[int, Mention]) -> Relation | None:
    """The relation with dropped ends replaced by their lexicon ids; None if an end has none."""
    ends: list[Ref] = []
    for end in (r.subject, r.object):
        gone = dropped.get(id(end)) if isinstance(end, Mention) else None
        if gone is not None and not gone.key:
            return None
        ends.append(gone.key if gone is not None else end)
    return Relation(ends[0], r.predicate, ends[1], r.sentence, r.rule)
