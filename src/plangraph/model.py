"""Plain data handed from one pipeline stage to the next.

Every stage takes and returns these dataclasses, so each stage can be run and
tested alone. Offsets into ``SourceText.text`` (the normalized text used for
matching) are mapped back to the original file with ``SourceText.to_original``
so that quotes and provenance always cite what the file really says. The classes a
plan has thousands of (sentences, mentions, relations) have slots: a build holds
every plan's until resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_TYPES: tuple[str, ...] = ("Region", "Platform", "Industry", "Project", "Program")
RULE_JOIN = "+"  # between the ids of the rules that found one mention or read one relation


def split_rules(joined: str) -> tuple[str, ...]:
    """The rule ids in a mention's or relation's ``rule`` field."""
    return tuple(joined.split(RULE_JOIN)) if joined else ()


def join_rules(ids: Iterable[str]) -> str:
    """One ``rule`` field for several rule ids: distinct, sorted."""
    return RULE_JOIN.join(sorted(set(ids)))


@dataclass(frozen=True)
class PlanMeta:
    """What is known about a plan before reading its body (manifest row or inference)."""

    file: str
    region: str | None = None
    level: str | None = None
    parent: str | None = None
    code: str | None = None
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    kind: str | None = None
    period: str | None = None
    id: str | None = None  # the plan's unique id in a build (inputs.py); IRIs are minted from it


@dataclass(frozen=True)
class SourceText:
    """A decoded file plus the normalized text that matching runs on.

    ``text`` is simplified, half-width and has PDF-style line breaks inside
    sentences removed; ``offsets[i]`` is the index in ``original`` of
    ``text[i]`` and ``offsets[len(text)]`` is ``len(original)`` (an ``array("I")``
    from ingest, a compact sequence of ints).
    """

    path: Path
    original: str
    text: str
    offsets: Sequence[int]
    encoding: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``text`` to the span of ``original`` it came from."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind a span of ``text``."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or table row, or heading) with its place in the document."""

    start: int
    end: int
    section: tuple[str, ...]
    kind: str = "text"  # text | heading | table | box


@dataclass(frozen=True)
class Table:
    """A table as rows of cell strings, each row with its span in ``text``."""

    start: int
    end: int
    section: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Document:
    """A structured plan: its text, metadata, sentences and tables."""

    source: SourceText
    meta: PlanMeta
    sentences: tuple[Sentence, ...]
    tables: tuple[Table, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document (offsets in normalized text)."""

    start: int
    end: int
    text: str  # normalized surface (simplified)
    type: str  # one of ENTITY_TYPES
    key: str | None = None  # lexicon id when the lexicon knows the thing
    sentence: int = -1  # index into Document.sentences
    label: str = ""  # canonical name the rule proposes (e.g. 湖杭高铁 for 湖杭 in 湖杭、沪苏湖高铁)
    aliases: tuple[str, ...] = ()  # other names the text gives it (the quoted core of “双十双百”行动)
    rule: str = ""  # ids of the rules that found it, joined by RULE_JOIN (ontology/rules.toml declares them)

    @property
    def rules(self) -> tuple[str, ...]:
        """The ids of the rules that found this mention."""
        return split_rules(self.rule)


# One end of a relation: a mention in the text, or a lexicon id for an implied
# party (the plan's own region; 苏州 behind the 苏 of 沪苏湖高铁).
Ref = Mention | str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link stated in one sentence."""

    subject: Ref
    predicate: str  # locatedIn | partOf | connects | develops | implements | cooperatesWith | hosts
    object: Ref
    sentence: int
    rule: str = ""  # id of the rule that read it (ontology/rules.toml)


@dataclass
class Extraction:
    """What the extractor found in one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    targets: list = field(default_factory=list)  # plangraph.targets.Target (主要指标 and goals in the text)
    notes: list[str] = field(default_factory=list)  # "FILE: warning" lines: built, but the user should know
    # A plan read in pieces (build/stream.py) is held compactly for resolution: ``mentions`` are its
    # distinct mention forms and ``counts`` how often each stands in it; ``pieces`` is the
    # folder of its pieces' whole extractions, read back one at a time to write its graph.
    counts: list[int] | None = None
    pieces: Path | None = None


@dataclass
class Entity:
    """One real-world thing, shared by every plan that mentions it."""

    iri: str
    type: str
    label: str  # canonical simplified label
    alt_labels: set[str] = field(default_factory=set)
    code: str | None = None  # GB/T 2260 code for regions
