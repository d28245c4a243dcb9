"""Component: the towns (镇, 乡, 街道) a plan names, from the ministry's township table.

A town's full name (店口镇) is a name wherever the plan's province is; its short
form (店口) only in a plan of the town's own city, and only where it stands as a
word of its own between list marks or right after its district (柯桥区华舍、钱清、
杨汛桥等区域): 38,000 towns share their short names with ordinary words (城南,
新华, 三界) and with each other.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from ..dictionary import GeneralDictionary, general_dictionary
from ..lexicon import REGION_SHORT_STOPLIST, LexEntry, Lexicon, load_lexicon
from .candidates import Candidate, Context, state_of
from .proper import EVERYDAY_FREQ
from .text import DELIMITERS

# what may close a short town name: a list mark, or a word that ends the list (华舍、钱清等)
RIGHT_EDGE = DELIMITERS | frozenset("等和与及")
LEFT_EDGE = DELIMITERS | frozenset("和与及")


class TownMatcher:
    """Proposes the towns of the plan's province (full names) and city (short names)."""

    def __init__(self, lexicon: Lexicon, general: GeneralDictionary) -> None:
        self.lexicon = lexicon
        self.general = general
        self._automata: dict[str, ahocorasick.Automaton | None] = {}
        # every id in order: a division's towns (region:<its code>…) are a run of them, read
        # when a plan of that division comes, not all 57,000 at every start
        self._ids = sorted(lexicon.entries)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        ctx = state.context
        code = (ctx.region_key or "").removeprefix("region:")
        automaton = self._automaton(code) if ctx.province_code else None
        if automaton is None:
            return doc
        text, spans, out = state.text, state.tokens, state.candidates
        starts, ends = state.token_starts, state.token_ends
        for last, (name, full, local) in automaton.iter(text):
            start, end = last - len(name) + 1, last + 1
            if full and not self._inside_word(text, start, spans):
                town, priority = self._nearest(full, code), 3
            elif local and self._stands_alone(name, text, start, end, starts, ends):
                town, priority = self._nearest(local, code), 0  # 良渚 of 湖畔、良渚等省实验室 is the lab's
            else:
                continue
            out.append(Candidate(start, end, "Region", town.name, "towns.name", key=town.id, priority=priority))
        return doc

    def _automaton(self, code: str) -> ahocorasick.Automaton | None:
        """The names a plan of region ``code`` may use, with the towns each may mean: full
        names of its province's towns, short names of its city's. Built once per city (its
        counties read the same names), so a sentence is searched for a thousand names, not
        57,000, and a national build holds one automaton a city, not one a county."""
        city = code[:4]
        if city not in self._automata:
            full = self._towns(code[:2], lambda town: town.name)
            local = self._towns(city, lambda town: town.short) if code[2:4] != "00" else {}
            automaton = ahocorasick.Automaton()
            for name in sorted(full.keys() | local.keys()):
                automaton.add_word(name, (name, full.get(name, []), local.get(name, [])))
            self._automata[city] = automaton if len(automaton) else None
            if len(automaton):
                automaton.make_automaton()
        return self._automata[city]

    def _towns(self, code: str, name: Callable[[LexEntry], str | None]) -> dict[str, list[LexEntry]]:
        """The towns whose code starts with ``code``, by the ``name`` (full or short) they are
        listed under in ``lexicon.towns``, each list in the order of the towns' ids."""
        prefix = f"region:{code}"
        run = self._ids[bisect.bisect_left(self._ids, prefix) : bisect.bisect_left(self._ids, prefix + "\U0010ffff")]
        found: dict[str, list[LexEntry]] = {}
        for i in run:
            town = self.lexicon.entries[i]
            key = name(town)
            if i in self.lexicon.towns.get(key or "", ()):
                found.setdefault(key, []).append(town)
        return found

    def _inside_word(self, text: str, start: int, spans: list[tuple[int, int]]) -> bool:
        """Does ``start`` fall inside a known word (林城镇 in 森林城镇), not merely inside a
        segmenter's guess (以织/里/镇)?"""
        words = self.general.frequencies, self.lexicon.surfaces
        return any(a < start < b and any(text[a:b] in w for w in words) for a, b in spans)

    def _common(self, name: str) -> bool:
        """A frequent word of the general dictionary, place-tagged or not (大桥 is a bridge)."""
        return self.general.frequencies.get(name, 0) >= EVERYDAY_FREQ

    @staticmethod
    def _nearest(towns: list[LexEntry], code: str) -> LexEntry:
        """The plan's own county's town first (two towns of a city may share a name), then by code."""
        return min(towns, key=lambda t: (not t.code.startswith(code[:6]), t.code))

    def _stands_alone(self, name: str, text: str, start: int, end: int, starts: frozenset[int], ends: frozenset[int]) -> bool:
        """A short name counts as a whole word set off by list marks or its district, and
        never when it is a common word or a name the main lexicon knows (城南, 大桥, 鉴湖)."""
        if name in REGION_SHORT_STOPLIST or self.lexicon.surfaces.get(name) or self._common(name):
            return False
        if start not in starts or end not in ends:
            return False
        if end < len(text) and text[end] not in RIGHT_EDGE:
            return False
        if start == 0 or text[start - 1] in LEFT_EDGE or text.startswith("、", end):  # 建设章镇、店口…
            return True
        return any(text[max(0, start - n) : start] in self.lexicon.surfaces for n in (2, 3, 4))  # 柯桥区华舍


@Language.factory("plangraph_towns", default_config={"lexicon_root": None})
def make_town_matcher(nlp: Language, name: str, lexicon_root: str | None) -> TownMatcher:
    return TownMatcher(load_lexicon(lexicon_root), general_dictionary())
