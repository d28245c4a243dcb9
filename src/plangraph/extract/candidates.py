"""Candidates that rule components propose, and the filter that picks among them.

Components append to ``doc._.plangraph.candidates`` (character offsets into ``doc.text``);
``filter_candidates`` is a separate, replaceable function that decides overlaps,
as spaCy's ``filter_spans`` does for its span ruler.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from collections.abc import Callable, Sequence
from operator import itemgetter

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Mention, join_rules, split_rules
from .not_names import NotNames
from .patterns import load_patterns


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
    # lexicon ids of the provinces and prefectures the document names anywhere: a county there
    # is meant even in a sentence without its parent (祥云县 in a text naming 大理)
    named: frozenset[str] = frozenset()


# a relation end that stands for the one platform the sentence's section heading names
# (专栏6:打造绍兴滨海新区高能级战略平台); the pipeline puts the heading's mention there
TOPIC = "topic"


End = int | str  # an end of a relation: an index into a sentence's entities, a lexicon id or ``TOPIC``
Found = tuple[End, str, End, str]  # subject, predicate, object, id of the rule that read it


def names_within(ents: Sequence[Candidate], start: int, end: int, skip: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Indexes of the names of ``ents`` inside ``start``–``end`` (a clause), but those in ``skip``."""
    return [i for i, e in enumerate(ents) if start <= e.start and e.end <= end and i not in skip]


@dataclass(slots=True)
class SentenceState:
    """What the components of one sentence share, as ``doc._.plangraph``: its text and token
    offsets (read once), the plan's ``context`` (set before the components run), the
    ``candidates`` rules propose, the ``entities`` the filter keeps, the ``relations`` found.
    ``token_starts`` and ``token_ends`` are the tokens' offsets as sets, made once here for the
    components that ask whether a match starts or ends a word.

    One attribute, so a component reaches all of it with one ``doc._`` lookup."""

    text: str
    tokens: list[tuple[int, int]]  # character spans of the doc's tokens
    context: Context = Context()
    candidates: list[Candidate] = field(default_factory=list)
    entities: list[Candidate] = field(default_factory=list)
    # (subject, predicate, object, rule); an end is an index into ``entities``, a lexicon id or ``TOPIC``
    relations: list[Found] = field(default_factory=list)
    token_starts: frozenset[int] = field(init=False, repr=False, compare=False)
    token_ends: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.token_starts = frozenset(map(itemgetter(0), self.tokens))
        self.token_ends = frozenset(map(itemgetter(1), self.tokens))


EXTENSION = "plangraph"
# where ``doc._.plangraph`` keeps its value: components read it there directly, as a
# ``doc._`` lookup costs an object per call (ten lookups a sentence)
_STATE_KEY = ("plangraph", "state")


def register_extensions() -> None:
    """Declare ``doc._.plangraph`` (idempotent), kept in ``doc.user_data``."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, getter=_get_state, setter=set_state)


def _get_state(doc: Doc) -> SentenceState | None:
    return doc.user_data.get(_STATE_KEY)


def set_state(doc: Doc, state: SentenceState) -> None:
    """Give ``doc`` its ``doc._.plangraph``."""
    doc.user_data[_STATE_KEY] = state


register_extensions()  # declared with the components, as spaCy's own attributes are


class SentenceDoc:
    """A sentence as plangraph's components read it: only its ``SentenceState``, kept in
    ``user_data`` where a spaCy ``Doc`` keeps it (``state_of``). What a build runs the
    components on (``pipeline.extract_sentences``): a ``Doc`` of each sentence, even one
    without tokens, and spaCy's ``nlp.pipe`` around the components cost 0.05-0.1 s of CPU
    over the bundled plans' 4,131 sentences, and the components read nothing else."""

    __slots__ = ("user_data",)

    def __init__(self, state: SentenceState) -> None:
        self.user_data = {_STATE_KEY: state}


def state_of(doc: Doc | SentenceDoc) -> SentenceState:
    """The doc's ``doc._.plangraph``, made on first use (plangraph's tokenizer makes it)."""
    state = doc.user_data.get(_STATE_KEY)
    if state is None:
        arr = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        state = SentenceState(doc.text, [(a, a + n) for a, n in arr])
        set_state(doc, state)
    return state


def nested_spans(spans: Sequence[Candidate | Mention]) -> set[int]:
    """Indexes of the spans inside a longer one (湖州 in 湖州莫干山高新区), in one sorted pass;
    two spans over the same characters are not nested in each other."""
    out: set[int] = set()
    reach, reach_start = -1, -1
    for _, _, i in sorted([(e.start, -e.end, k) for k, e in enumerate(spans)]):  # by start, longest first
        e = spans[i]
        if e.end < reach or (e.end == reach and reach_start < e.start):
            out.add(i)
        if e.end > reach:
            reach, reach_start = e.end, e.start
    return out


def filter_candidates(
    cands: list[Candidate], rejects: Callable[[Candidate, str], bool] | None = None, text: str = ""
) -> list[Candidate]:
    """Longest span first, then priority; Regions may nest inside other names.

    A Region nested in a longer name (湖州 in 湖州莫干山高新区) is a real mention
    of that region, so it is kept, as is a name that begins a compound name
    (``nests``); any other overlap is resolved for the longer span. What ``rejects`` in the
    sentence ``text`` (no name at all: ``not_names.NotNames``) is dropped first, so it takes no
    span from a real name, and with it what it holds but a Region (全国主体功能区 of
    《全国主体功能区规划》 is no platform; 南阳市 of 南阳市国民经济和社会发展…纲要 is the city).
    """
    if rejects is not None:
        dropped = [(c.start, c.end) for c in cands if rejects(c, text)]
        cands = [c for c in cands if not any(a <= c.start and c.end <= b and (c.type != "Region" or (a, b) == (c.start, c.end))
                                             for a, b in dropped)]
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
    rules: dict[tuple[int, int, str], list[str]] = {}
    for c in cands:
        rules.setdefault((c.start, c.end, c.type), []).extend(split_rules(c.rule))
    return sorted((_with_every_rule(c, rules) for c in kept), key=lambda c: (c.start, c.end))


def _with_every_rule(kept: Candidate, rules: dict[tuple[int, int, str], list[str]]) -> Candidate:
    """The kept candidate naming every rule that proposed its span and type (``rules``, in the
    candidates' order), so a user can see all the evidence (a quoted name the lexicon also knows:
    ``lexicon.name+quoted.name``)."""
    joined = join_rules(rules[(kept.start, kept.end, kept.type)])
    return kept if joined == kept.rule else dataclasses.replace(kept, rule=joined)


@dataclass(frozen=True)
class CandidateFilter:
    """Component: turns the proposals of all rules into the sentence's entities."""

    rejects: Callable[[Candidate, str], bool] | None = None  # what is no name at all (``not_names.NotNames``)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        state.entities = filter_candidates(state.candidates, self.rejects, state.text)
        return doc


@Language.factory("plangraph_filter", default_config={"patterns_root": None})
def make_filter(nlp: Language, name: str, patterns_root: str | None) -> CandidateFilter:
    return CandidateFilter(NotNames(load_patterns(patterns_root).exclude))
