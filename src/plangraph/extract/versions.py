"""Component: versioned names, a program or platform with its version (政务服务2.0, 特色小镇2.0版,
数字化改革 2.0): plans renew a campaign as X2.0 or X 3.0版, and the version is part of the
name, so the name is not cut before it. The name is the one another rule found right before the
version, or, where none did, the whole words between a verb that introduces an initiative
(ontology/patterns/program_cues.csv: 实施, 推进 …) and the version. An amount (增长2.0%, 2.0亿元)
is no version.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import Candidate, state_of
from .patterns import load_patterns

RULE = "versions.name"
# a version: a whole number then .0, a space on either side from converted PDFs, 版 or 版本 after it,
# and no amount (a digit, a percentage or a unit) after it
VERSION = re.compile(r"\s?([1-9]\.0)\s?(版本?)?(?![\d.%％‰亿万千百倍个元吨米次年岁人家项户度])")
NAME = re.compile(r"[^\W\d_]{2,16}")  # a name before a version: characters only, no punctuation or digits
# a word of such a name (全市域医共体: 全市, 域, 医共体), but no word that joins or describes (的, 和)
WORD = re.compile(r"[^\W\d_的和与及等]+")
VERSIONED_TYPES = ("Program", "Platform")


class VersionedNames:
    """Gives a name followed by its version the version too (X2.0版), with the bare name as an alias."""

    def __init__(self, cues: frozenset[str]) -> None:
        self.cues = tuple(cues)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text, out = state.text, state.candidates
        for m in VERSION.finditer(text):
            if m.start() == 0 or not text[m.start() - 1].isalpha():  # a name, not a figure, right before it
                continue
            version = m.group(1) + (m.group(2) or "")
            named = [c for c in out if c.end == m.start() and c.type in VERSIONED_TYPES]
            for c in named:
                # named as written: the lexicon's label of 全域旅游示范区 (全域旅游) is another thing's name
                surface = text[c.start:c.end].replace("“", "").replace("”", "")
                out.append(Candidate(c.start, m.end(), c.type, surface + version, RULE, aliases=(surface,), priority=c.priority + 1))
            if not named and (start := self._cued_start(text, state.tokens, m.start())) is not None:
                name = text[start:m.start()]
                out.append(Candidate(start, m.end(), "Program", name + version, RULE, aliases=(name,), priority=1))
        return doc

    def _cued_start(self, text: str, tokens: list[tuple[int, int]], end: int) -> int | None:
        """Where a name ending at ``end`` starts: after the nearest word before it that ends in a
        verb introducing an initiative, with only whole words of characters between; else None."""
        start = None
        for a, b in reversed([t for t in tokens if t[1] <= end]):
            if text[a:b].endswith(self.cues):
                return start if start is not None and NAME.fullmatch(text[start:end]) else None
            if not WORD.fullmatch(text[a:b]) or end - a > 16:
                return None
            start = a
        return None


@Language.factory("plangraph_versions", default_config={"patterns_root": None})
def make_versions(nlp: Language, name: str, patterns_root: str | None) -> VersionedNames:
    return VersionedNames(load_patterns(patterns_root).cues_before)
