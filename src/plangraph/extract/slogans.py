"""Multi-part slogans: a plan's or a region's motto of two to five short parallel parts.

Plans state their course as a quoted run of short phrases (坚持“稳中求进、进中求优”). The whole
run is one program; its parts alone (“兴城市”, “产业立市”) are not. A run needs a frame to be a
motto: a verb of holding to a course before it or a kind of course after it, since a plan also
quotes lists of trades, places and problems. An unquoted run is read as no motto: on plans of
other provinces such runs framed both ways named no program (a sentence of tasks is a 、-run too).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..chinese import count_of
from ..dictionary import GeneralDictionary
from ..indicators import IndicatorLexicon
from ..lexicon import Lexicon
from .candidates import Candidate
from .patterns import DEFAULT_ROOT

SEPARATORS = "、，,"
PARTS = (2, 5)  # fewest and most phrases of one motto
UNEVEN = 1  # a motto's parts are parallel, of one length give or take a character (“干好一一六、当好排头兵”), not
# a run cut at a 、 inside a name (“省委十二届十一、十二次全会”)
_PART = re.compile(r"[^\W_]{2,8}")  # a short phrase: no punctuation, no quote inside
_QUOTED = re.compile(r"“([^“”\n]{5,48})”")
_CLAUSE_END = re.compile(r"[，。；、,;]|$")
# a layout of directions, each with the one move set for it (“东整、西优、南启、北建、中塑”): a motto
# of a city's space whatever frames it
_LAYOUT = re.compile(r"[东西南北中][^\W\d](?:[、，,][东西南北中][^\W\d])+")
# strategies counted after the run (“工业强县、大美庐江、全域旅游”三大战略): each part is a strategy of its
# own (quoted.counted-list), the run no motto
_COUNTED_STRATEGIES = re.compile(r"([一二两三四五六七八九十]|\d+)[大个项]战略")
ITEM_TYPES = ("Industry", "Region", "Platform", "Project")  # a part the lexicon knows as one of these is an item of a list


@dataclass(frozen=True)
class SloganFrames:
    """The words that frame a run as a motto (ontology/patterns/slogans.toml)."""

    cues: tuple[str, ...]
    kinds: tuple[str, ...]


def load_slogan_frames(root: Path | str | None = None) -> SloganFrames:
    """Read the frames of ``root``'s slogans.toml (the default patterns folder when None)."""
    with (Path(root) if root else DEFAULT_ROOT).joinpath("slogans.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return SloganFrames(tuple(data["cues"]), tuple(data["kinds"]))


class Slogans:
    """Finds the quoted mottos of a sentence (quoted.multi-part-slogan)."""

    def __init__(self, frames: SloganFrames, lexicon: Lexicon, indicators: IndicatorLexicon,
                 dictionary: GeneralDictionary, places: frozenset[str]) -> None:
        self.lexicon, self.indicators, self.dictionary, self.places = lexicon, indicators, dictionary, places
        cues = "|".join(map(re.escape, sorted(frames.cues, key=len, reverse=True)))
        kinds = "|".join(map(re.escape, sorted(frames.kinds, key=len, reverse=True)))
        self.cue = re.compile(rf"(?:{cues})$")
        # the kind of course after a run: 的, up to four words of what kind, the kind (的发展思路, 总体定位)
        self.kind = re.compile(rf"的?[^\W\d的，。；、]{{0,4}}?(?:{kinds})")

    def quoted(self, text: str, token_ends: set[int]) -> list[Candidate]:
        """Each quoted run of parallel parts a cue or a kind of course frames, and each layout of directions."""
        found = []
        for m in _QUOTED.finditer(text):
            core = m.group(1)
            if not self.motto(core) or self._strategies(core, text, m.end()):
                continue
            kind = self.kind.match(text, m.end())
            if kind and kind.end() in token_ends:
                aliases = (core + kind.group(),) if not kind.group().startswith("的") else ()
                found.append(Candidate(m.start(), m.end(), "Program", core, "quoted.multi-part-slogan", aliases=aliases, priority=2))
            elif self._cued(text, m.start(), m.end()) or _LAYOUT.fullmatch(core):
                found.append(Candidate(m.start(), m.end(), "Program", core, "quoted.multi-part-slogan", priority=2))
        return found

    def motto(self, run: str) -> bool:
        """Two to five short parallel phrases, not a list of things: no part is an industry, place, platform or
        project the lexicon knows, or an indicator, nor a place's name begins it (越城农韵酒乡), not
        every part is a plain noun (“产业、金融、科技”) and not most parts are idioms."""
        parts = re.split(f"[{SEPARATORS}]", run)
        if not PARTS[0] <= len(parts) <= PARTS[1] or not all(_PART.fullmatch(p) for p in parts):
            return False
        if max(map(len, parts)) - min(map(len, parts)) > UNEVEN:
            return False
        if any(self._item(p) for p in parts):
            return False
        tags = [self.dictionary.tags.get(p, "") for p in parts]
        # mostly idioms is an exhortation (“再接再厉、顺势而为、乘胜前进”), not a coined motto
        return not all(t.startswith("n") for t in tags) and 2 * tags.count("i") <= len(parts)

    @staticmethod
    def _strategies(run: str, text: str, end: int) -> bool:
        """Does a count of strategies, one for each part of the run, follow it?"""
        counted = _COUNTED_STRATEGIES.match(text, end)
        return bool(counted) and count_of(counted.group(1)) == len(re.split(f"[{SEPARATORS}]", run))

    def _item(self, part: str) -> bool:
        """Is this part an item of a list: a thing the lexicon knows, an indicator, or a place's own?"""
        if any(e.type in ITEM_TYPES for e in self.lexicon.lookup(part)) or self.indicators.resolve(part).key:
            return True
        return any(part[:n] in self.places for n in (2, 3))

    def _cued(self, text: str, start: int, end: int) -> bool:
        """A cue right before the run and the clause ending right after it, or 以 … 为 around it."""
        before = text[max(0, start - 4) : start]
        if before.endswith("以") and text.startswith("为", end):
            return True
        return bool(self.cue.search(before)) and bool(_CLAUSE_END.match(text, end))
