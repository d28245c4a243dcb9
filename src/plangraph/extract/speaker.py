"""Who carries out a program that no cue gives a subject: the plan's own region, who speaks in a plan.

A plan names most programs as what it does, but often without a cue the other rules read
(严格实行垃圾“三化四分”, 提高“公民同招”政策运行质效, “杭甬双城记”). A program that no relation of its
sentence reaches is the plan region's, unless its clause names another region (上海实施…, 与成都…),
a division's name owns it (淳安“两山银行”), an earlier clause's division is the sentence's subject
(东林镇,…), or the plan learns it from others (学习运用“千万工程”经验, 对标“最多跑一次”改革).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .candidates import Candidate, Found, names_within


def own_programs(found: Iterable[Found], text: str, ents: list[Candidate], clauses: list[tuple[int, int]],
                 region: str | None, owners: dict[int, int], nested: set[int], carried: dict[int, int | None],
                 learning: re.Pattern[str]) -> list[Found]:
    """The plan's region implements each program of the sentence that nothing else relates
    (see the module docstring for the exceptions)."""
    if region is None:
        return []
    related = {end for s, _, o, _ in found for end in (s, o) if isinstance(end, int)}
    out: list[Found] = []
    for start, end in clauses:
        inside = names_within(ents, start, end, nested)
        if carried.get(start) is not None or any(ents[i].type == "Region" and ents[i].key != region for i in inside):
            continue
        out.extend((region, "implements", i, "relations.plan-program") for i in inside
                   if ents[i].type == "Program" and i not in related and i not in owners
                   and not learning.search(text, start, ents[i].start))
    return out
