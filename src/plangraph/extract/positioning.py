"""Component: a region's positioning goals, the title a plan says its region will take
(建设省域副中心城市, 加快打造珠江东岸新增长极, 开启全面建设社会主义现代化大都市新征程).

Plans name what their region is to become with a verb of becoming and a title whose head word
says what kind of place it will be. Some heads only a whole region takes (中心城市, 增长极); others
a plan also gives to one field of its work (打造全国最具安全感城市), so they count only in a
sentence framed as the region's own goal (目标, 定位, 新征程). An ordinary object of work
(建设现代化产业体系, 打造一流营商环境) has no such head. Words and heads: ontology/patterns/positioning.toml.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, load_lexicon
from .candidates import Candidate, state_of
from .patterns import Positioning, load_patterns

RULE = "positioning.goal"
# what a title is made of: no punctuation, quote, bracket, digit, nor a word that joins two items
_BODY = r"[^，。；：！？,;:!?、“”‘’《》（）()\[\]\s\d和与及的]"
# what may follow a title: the end of the clause, the next item, or what the goal opens (新征程)
_AFTER = r"(?=[，。；：！？,;:!?、和与及的为]|新征程|建设|目标|$)"
_LIST_JOIN = re.compile(r"[、和]")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


class PositioningGoals:
    """Finds the titles a plan gives its region after a verb of becoming, and the items listed with one."""

    def __init__(self, words: Positioning, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.region_heads = frozenset(words.region_heads)
        heads = _alternation(words.region_heads + words.framed_heads)
        self.title = re.compile(rf"({_BODY}{{2,22}}?)({heads}){_AFTER}")
        self.verb = re.compile(_alternation(words.verbs))
        self.frame = re.compile(_alternation(words.frames))

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text = state.text
        framed = bool(self.frame.search(text))
        for start, end, head in self.titles(text):
            if not (framed or head in self.region_heads):
                continue
            name = text[start:end]
            if any(e.type != "Program" for e in self.lexicon.lookup(name)):
                continue  # a platform or region the lexicon knows by this name
            state.candidates.append(Candidate(start, end, "Program", name, RULE, priority=1))
        return doc

    def titles(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, head) of every title after a verb of becoming, and of the items listed with it
        (建设X、打造Y和Z: the list after one verb shares it)."""
        found: list[tuple[int, int, str]] = []
        for verb in self.verb.finditer(text):
            at = verb.end()
            while (m := self.title.match(text, at)) and not self.verb.search(m.group(1)):
                found.append((m.start(), m.end(), m.group(2)))
                join = _LIST_JOIN.match(text, m.end())
                if not join:
                    break
                at = join.end()
        return found


@Language.factory("plangraph_positioning", default_config={"lexicon_root": None, "patterns_root": None})
def make_positioning(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> PositioningGoals:
    return PositioningGoals(load_patterns(patterns_root).positioning, load_lexicon(lexicon_root))
