"""Relations that a list or an item carries: what a plan does to one name of a list it does to
the others, and a program that is a whole item of the plan is one the plan's region carries out.

Plans name their programs, platforms and industries in runs (建立“小升规”“雏鹰行动”“凤凰行动”的
培育体系, 做大做强丝绸小镇、湖笔小镇) and as the titles of numbered items and boxes (3.净土行动。,
专栏10—1 “蓝天碧水净土清废”保卫工程). The rules that read a verb or cue link only the name right
after it; these steps pass the link on to the rest of the run, and give a title its subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..chinese import DIGITS
from .candidates import Candidate, Found, names_within
from .text import CLOSING_QUOTES, OPENING_QUOTES

# what stands between two names of one run: nothing (“雏鹰行动”“凤凰行动”), 、, 和, 及, 以及
RUN_JOINS = frozenset({"", "、", "和", "及", "以及", "与"})
SPREAD = {"implements": "Program", "hosts": "Platform", "develops": "Industry"}  # what a run passes on, by its type
# what may stand before a program that is a whole item: a list number, a box's number, Markdown marks
ITEM_LEAD = re.compile(rf"[\s#*]*(?:专栏\s*[\d{DIGITS}]+(?:\s*[-—－–]\s*\d+)?\s*|\d+[.、．]|[(（][{DIGITS}十\d]+[)）]|[{DIGITS}十]+、)?[\s*]*")
ITEM_TAIL = re.compile(r"[\s*。.]*")


def list_mates(found: Iterable[Found], text: str, ents: list[Candidate], owners: dict[int, int], nested: set[int],
               foreign: Callable[[int], bool]) -> list[Found]:
    """Every name of a run whose one name a relation reaches gets the same relation from the
    same subject (…“雏鹰行动”“凤凰行动”“雄鹰行动”: each is carried out), unless a division's name
    owns it (淳安“两山银行”) or names another region (``foreign``: 嘉兴秀洲高新区 in a 湖州 plan).
    A run is names of one type joined only by 、, 和, 及 or nothing."""
    runs = _runs(text, ents, nested)
    out: list[Found] = []
    for subject, pred, obj, _ in found:
        if not isinstance(obj, int) or SPREAD.get(pred) != ents[obj].type:
            continue
        out.extend((subject, pred, j, "relations.list-mate") for j in runs.get(obj, ())
                   if j != obj and j not in owners and not foreign(j))
    return out


def _runs(text: str, ents: list[Candidate], nested: set[int]) -> dict[int, tuple[int, ...]]:
    """Each name's run, by the name's index: the names of its type next to it in a list."""
    order = sorted((i for i in range(len(ents)) if i not in nested and ents[i].type in SPREAD.values()),
                   key=lambda i: (ents[i].start, i))
    runs: list[list[int]] = []
    for i in order:
        last = runs[-1][-1] if runs else None
        if last is not None and ents[last].type == ents[i].type and ents[last].end <= ents[i].start and \
                _gap(text, ents[last].end, ents[i].start) in RUN_JOINS:
            runs[-1].append(i)
        else:
            runs.append([i])
    return {i: tuple(run) for run in runs if len(run) > 1 for i in run}


def _gap(text: str, start: int, end: int) -> str:
    """What stands between two names, their quotes left out."""
    return "".join(ch for ch in text[start:end] if ch not in OPENING_QUOTES and ch not in CLOSING_QUOTES).strip()


def item_titles(text: str, ents: list[Candidate], clauses: list[tuple[int, int]], region: str | None,
                owners: dict[int, int], nested: set[int]) -> list[Found]:
    """A program that makes up a whole clause, after at most a list or box number (3.净土行动。,
    专栏11:秀洲区环境治理工程), is an item of the plan: the plan's region carries it out."""
    if region is None:
        return []
    out: list[Found] = []
    for start, end in clauses:
        inside = names_within(ents, start, end, nested)
        if len(inside) != 1 or ents[inside[0]].type != "Program" or inside[0] in owners:
            continue
        e = ents[inside[0]]
        lead = text[start : e.start].rstrip("".join(OPENING_QUOTES))
        tail = text[e.end : end].lstrip("".join(CLOSING_QUOTES))
        if ITEM_LEAD.fullmatch(lead) and ITEM_TAIL.fullmatch(tail):
            out.append((region, "implements", inside[0], "relations.item-title"))
    return out
