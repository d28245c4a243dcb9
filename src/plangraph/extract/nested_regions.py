"""A region named only inside longer names is not a place the plan speaks of by itself.

湖州 in 湖州莫干山高新区 or 长海 in 长海跨海大桥 is part of a name; the plan mentions the
platform or the bridge, and the region only through it (the annotation guidelines list such a
region on its own only where the plan also names it alone). The components keep nested regions
while a sentence is read, since they locate platforms and connect railways; this document-level
step then drops the nested mentions of regions the plan never names alone. A relation read from
such a mention keeps the region by its lexicon id, so 湖州莫干山高新区 stays locatedIn 湖州市.
"""

from __future__ import annotations

from ..model import Extraction, Mention, Ref, Relation
from .candidates import nested_spans


def drop_nested_only_regions(result: Extraction) -> None:
    """Remove region mentions that stand only inside longer mentions, re-pointing their relations."""
    drop_nested_regions(result, regions_named_alone(result))


def regions_named_alone(result: Extraction) -> set[str]:
    """The regions ``result`` names by themselves, not only inside longer names; a plan read
    in pieces joins its pieces' sets before dropping anything."""
    nested = _nested(result)
    return {_identity(m) for m in result.mentions if m.type == "Region" and id(m) not in nested}


def drop_nested_regions(result: Extraction, alone: set[str]) -> None:
    """Remove the nested region mentions of regions not in ``alone``, re-pointing their relations."""
    nested = _nested(result)
    dropped = {id(m): m for m in result.mentions if id(m) in nested and _identity(m) not in alone}
    if not dropped:
        return
    result.mentions = [m for m in result.mentions if id(m) not in dropped]
    result.relations = [r for r in (_repoint(r, dropped) for r in result.relations) if r is not None]


def _nested(result: Extraction) -> set[int]:
    """The ids of the region mentions that stand inside a longer mention of their sentence."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in result.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    return {id(group[i]) for group in by_sentence.values() for i in nested_spans(group) if group[i].type == "Region"}


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
