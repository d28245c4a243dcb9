"""Candidates that rule components propose, and the filter that picks among them.

Components append to ``doc._.candidates`` (character offsets into ``doc.text``);
``filter_candidates`` is a separate, replaceable function that decides overlaps,
as spaCy's ``filter_spans`` does for its span ruler.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Mention, join_rules, split_rules


@dataclass(frozen=True)
class Candidate:
    """A proposed entity mention inside one sentence."""

    start: int
    end: int
    type: str
    label: str
    rule: str
    key: str | None = None
    aliases: tuple[str, ...] = ()
    priority: int = 0  # wins ties between spans of equal length
    nests: bool = False  # may stand inside a longer name, as a Region does (绍兴滨海新区 in 绍兴滨海新区人才管理改革试验区)


@dataclass(frozen=True)
class Context:
    """What a component may know about the plan a sentence comes from."""

    region_key: str | None = None  # lexicon id of the issuing region
    province_code: str | None = None  # first two digits of its GB/T 2260 code
    topic: bool = False  # the sentence's section is about one platform (see ``TOPIC``)


# a relation end that stands for the one platform the sentence's section heading names
# (专栏6:打造绍兴滨海新区高能级战略平台); the pipeline puts the heading's mention there
TOPIC = "topic"


# the Doc attributes the components share: ``context`` (set before the components run),
# ``candidates`` (what rules propose), ``entities`` (what the filter keeps), ``relations``;
# ``plangraph_text`` and ``plangraph_tokens`` cache the sentence's text and token offsets
EXTENSIONS = ("candidates", "context", "entities", "relations", "plangraph_text", "plangraph_tokens")


def register_extensions() -> None:
    """Declare the Doc attributes the components share (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()  # declared with the components, as spaCy's own attributes are


def get_ext(doc: Doc, name: str) -> Any:
    """``doc._.<name>``, for an attribute named by a string."""
    return doc._.get(name)


def set_ext(doc: Doc, name: str, value: Any) -> None:
    """``doc._.<name> = value``, for an attribute named by a string."""
    doc._.set(name, value)


def text_of(doc: Doc) -> str:
    """The doc's text, joined once (spaCy's ``Doc.text`` re-joins every token on each access)."""
    text = get_ext(doc, "plangraph_text")
    if text is None:
        text = doc.text
        set_ext(doc, "plangraph_text", text)
    return text


def token_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the doc's tokens, computed once per doc for all components."""
    spans = get_ext(doc, "plangraph_tokens")
    if spans is None:
        arr = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        spans = [(a, a + n) for a, n in arr]
        set_ext(doc, "plangraph_tokens", spans)
    return spans


def candidates_of(doc: Doc) -> list[Candidate]:
    """The doc's candidate list, created on first use."""
    found = get_ext(doc, "candidates")
    if found is None:
        found = []
        set_ext(doc, "candidates", found)
    return found


def nested_spans(spans: Sequence[Candidate | Mention]) -> set[int]:
    """Indexes of the spans inside a longer one (湖州 in 湖州莫干山高新区), in one sorted pass;
    two spans over the same characters are not nested in each other."""
    out: set[int] = set()
    reach, reach_start = -1, -1
    for i in sorted(range(len(spans)), key=lambda k: (spans[k].start, -spans[k].end)):
        e = spans[i]
        if e.end < reach or (e.end == reach and reach_start < e.start):
            out.add(i)
        if e.end > reach:
            reach, reach_start = e.end, e.start
    return out


def filter_candidates(cands: list[Candidate]) -> list[Candidate]:
    """Longest span first, then priority; Regions may nest inside other names.

    A Region nested in a longer name (湖州 in 湖州莫干山高新区) is a real mention
    of that region, so it is kept, as is a name that begins a compound name
    (``nests``); any other overlap is resolved for the longer span.
    """
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.type, c.label))
    kept: list[Candidate] = []
    taken: list[tuple[int, int, bool]] = []
    for c in order:
        may_nest = c.type == "Region" or c.nests
        clash = False
        for a, b, region in taken:
            if c.start < b and a < c.end:  # overlap
                nested = a <= c.start and c.end <= b and (a, b) != (c.start, c.end)  # one entity per span
                if not (may_nest and nested and not region):
                    clash = True
                    break
        if not clash:
            kept.append(c)
            taken.append((c.start, c.end, c.type == "Region"))
    return sorted((_with_every_rule(c, cands) for c in kept), key=lambda c: (c.start, c.end))


def _with_every_rule(kept: Candidate, cands: list[Candidate]) -> Candidate:
    """The kept candidate naming every rule that proposed its span and type, so a user can see
    all the evidence (a quoted name the lexicon also knows: ``lexicon.name+quoted.name``)."""
    joined = join_rules(r for c in cands if (c.start, c.end, c.type) == (kept.start, kept.end, kept.type)
                        for r in split_rules(c.rule))
    return kept if joined == kept.rule else dataclasses.replace(kept, rule=joined)


class CandidateFilter:
    """Component: turns the proposals of all rules into the sentence's entities."""

    def __call__(self, doc: Doc) -> Doc:
        set_ext(doc, "entities", filter_candidates(candidates_of(doc)))
        return doc


@Language.factory("plangraph_filter")
def make_filter(nlp: Language, name: str) -> CandidateFilter:
    return CandidateFilter()
