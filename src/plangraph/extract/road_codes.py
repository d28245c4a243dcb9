"""Roads named by their number in the national road code (GB/T 917): 国道G323线, G318线,
省道S223线, 国道108线 name one national or provincial road each, as 323国道 does.

Plans of every region list their trunk-road works this way; the road's label is its number
and kind (G323国道), the form the suffix rule gives 323国道, so that resolution makes one
entity of every way a plan writes it (a leading G or S is folded there).

Suburban rail lines are named by a line code too (温州市域铁路S2线, 轨道交通S1线一期): the code
is what tells one line of a city's network from another, so it belongs to the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .candidates import Candidate

RULE = "suffixes.road-code"
LINE_RULE = "suffixes.rail-line-code"
NATIONAL, PROVINCIAL = "国道", "省道"
# the kind before the code (国道G323线, 省道223线) or the code with 线 alone (G318线, S223线); a
# code inside a longer Latin or numeric run (XG318线, G3181) is something else, and a number a
# measure word follows counts roads or their length (普通国道13个, 省道19条, 国道120公里)
_COUNTED = "个|条|项|处|座|公里|千米|km"
_ROAD = re.compile(
    rf"(?P<kind>{NATIONAL}|{PROVINCIAL})(?P<letter>[GS]?)(?P<number>\d{{2,4}})线?(?![0-9A-Za-z]|{_COUNTED})"
    r"|(?<![0-9A-Za-z])(?P<code>[GS])(?P<code_number>\d{1,4})线"
)
# G1-G99 and S1-S99 are expressways (G60 is 沪昆高速) or, for S, also suburban rail lines (南京 S1线):
# only three-digit codes are national and provincial roads
_EXPRESSWAY = re.compile(r"[GS]\d{1,2}$")
# a road of these kinds is named by its code alone: what comes before the code (远期207省道) is no part of it
NUMBERED_KINDS = (NATIONAL, PROVINCIAL)
CODE_AT_END = re.compile(r"[老新]?[GS]?\d{1,4}$")  # 老320国道 is the old road
# works that begin with a road's code (G316武当山段新建工程) are works on that road
CODED_ROAD = re.compile(r"[GS]\d{3}(?!\d)")


def road_codes(text: str) -> Iterator[Candidate]:
    """A project for each national or provincial road named by its code in ``text``."""
    for m in _ROAD.finditer(text):
        if m.group("kind"):
            letter, number, kind = m.group("letter"), m.group("number"), m.group("kind")
        else:
            letter, number = m.group("code"), m.group("code_number")
            kind = NATIONAL if letter == "G" else PROVINCIAL
        if _EXPRESSWAY.match(letter + number) or (letter == "S" and kind == NATIONAL) or (letter == "G" and kind == PROVINCIAL):
            continue
        label = f"{letter}{number}{kind}"
        aliases = (m.group(),) if m.group() != label else ()
        yield Candidate(m.start(), m.end(), "Project", label, RULE, aliases=aliases, priority=1)


# the kinds of rail a city numbers its lines in (市域铁路S1线, 轨道交通S2线), then the line's code,
# 线 and a phase (一期); a code inside a longer Latin or numeric run (S101线) is something else
RAIL_KINDS = ("市域铁路", "市域轨道交通", "市域轨道", "轨道交通", "城际铁路", "市郊铁路")
LIST_MARKS = "、和及与"  # between two lines of one network (S1线、S2线)
_LINE = re.compile(r"(?<![0-9A-Za-z])S\d{1,2}线(?:[一二三四五]期(?:工程)?)?")


def rail_lines(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A project for each rail line named by its kind and code in ``text``: the name another rule
    found for the network right before the code (温州市域铁路) with the code, or, where none did,
    the kind and the code (市域铁路S1线二期); a code listed right after a line (温州市域铁路S1线、
    S2线) is a line of the same network. The network's name alone is no alias: it names every
    line of the city."""
    found: list[Candidate] = []
    network, last_end = "", -1
    for m in _LINE.finditer(text):
        kind = next((k for k in RAIL_KINDS if text.endswith(k, 0, m.start())), None)
        if kind is not None:
            named = [c for c in candidates if c.end == m.start() and c.type == "Project" and c.start <= m.start() - len(kind)]
            start = min((c.start for c in named), default=m.start() - len(kind))
            network = text[start:m.start()]
        elif network and last_end == m.start() - 1 and text[last_end] in LIST_MARKS:
            start = m.start()
        else:
            continue
        label = text[start:m.end()] if start < m.start() else network + m.group()
        found.append(Candidate(start, m.end(), "Project", label, LINE_RULE, priority=1))
        last_end = m.end()
    return found
