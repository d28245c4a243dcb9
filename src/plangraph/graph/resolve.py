"""Resolution: one entity (one IRI) per real thing across all plans.

Identity starts at the lexicon (a mention with a lexicon id is that entry).
Other names are keyed by their canonical simplified label; a name that a plan
also gives with its own region in front (莫干山高新区 / 湖州莫干山高新区) is
the prefixed thing, within that plan and in plans of the same region lineage.
Each label gets one type, by vote, so an IRI never carries two types.
The reduce over the plans' summaries runs in stages around keyed folds
(``reduce_summaries``), each stage reading the summaries one plan at a time, so neither a
build nor a cluster task holds every summary.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from ..chinese import clean_label
from ..lexicon import LexEntry, Lexicon, place_names
from ..model import ENTITY_TYPES, Entity, Extraction, Mention, Relation, SourceText, join_rules, split_rules
from .identity import IdentityRules, load_identity, national_rest
from .iri import entity_iri

PREFIXABLE = ("Platform", "Project", "Program")
MIN_REMAINDER = 3
MAX_PLACE = 12  # longest region name worth trying as a prefix
# a line's or a road's number is a second name of it, not another thing:
# 嵊新市域铁路(S3) is 嵊新市域铁路, G329国道 is 329国道
_LINE_NUMBER = re.compile(r"\([A-Z]\d{1,4}\)$")
_ROAD_LETTER = re.compile(r"^[GS](?=\d{1,4}(?:国道|省道))")
_K = TypeVar("_K")
_V = TypeVar("_V")


@dataclass
class Resolution:
    """Entities by IRI, and for every plan the IRI of each of its mentions."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mention_iris: list[list[str]] = field(default_factory=list)  # per extraction, per mention
    plan_regions: list[str | None] = field(default_factory=list)  # IRI of each plan's region
    relations: list[list[tuple[str, str, str, int, str]]] = field(default_factory=list)  # per plan: (s, p, o, sentence, rules)
    part_of: set[tuple[str, str]] = field(default_factory=set)  # administrative hierarchy from the lexicon


def _lineage(lexicon: Lexicon, key: str | None) -> list[LexEntry]:
    """A region and its ancestors, nearest first."""
    out = []
    while key and key in lexicon.entries and len(out) < 5:
        entry = lexicon.entries[key]
        out.append(entry)
        key = entry.parent
    return out


def _names(entries: list[LexEntry]) -> frozenset[str]:
    """Full and short names of regions (湖州市, 湖州)."""
    return frozenset(n for e in entries for n in (e.name, e.short) if n and len(n) >= 2)


# a division's last character that opens a word with the next one is no end of a place (温州市场采购…
# is 温州 + 市场采购…, 温州市域铁路 is 温州 + 市域铁路): the shorter name is the prefix there
_OPENS_WORD = frozenset({"市场", "市域", "县域", "区域"})


def _strip_region(label: str, names: frozenset[str]) -> str | None:
    """The name without its longest leading region name, if enough of it remains: a shorter
    name inside that one is no prefix (象山港片区 is no 象山 before 港片区, 杭州湾新区 no 杭州)."""
    for n in range(min(MAX_PLACE, len(label)), 1, -1):
        if label[:n] in names and label[n - 1 : n + 1] not in _OPENS_WORD:
            return label[n:] if len(label) - n >= MIN_REMAINDER else None
    return None


def region_key(lexicon: Lexicon, name: str | None, code: str | None) -> str | None:
    """Lexicon id of a plan's region, by code first, then by name."""
    if code and f"region:{code}" in lexicon.entries:
        return f"region:{code}"
    for entry in lexicon.lookup(name or ""):
        if entry.code:
            return entry.id
    return None


def _label(m: Mention | Form) -> str:
    return clean_label(m.label or m.text)


class Form(NamedTuple):
    """What resolution reads of a mention: everything but where it stands (the quote is the
    original's characters, which differ for traditional or full-width text)."""

    type: str
    key: str | None
    text: str
    label: str
    aliases: tuple[str, ...]
    quote: str


def mention_form(m: Mention, source: SourceText) -> Form:
    """The form of a mention: mentions of one form resolve to one entity within a plan."""
    return Form(m.type, m.key, m.text, m.label, m.aliases, source.quote(m.start, m.end))


@dataclass
class PlanSummary:
    """What resolution needs of one plan, about a twelfth of its extraction: its region, its
    distinct mention forms in text order with how often each stands, and the lexicon ids its
    relations name. Plans are resolved from summaries, so a build holds no extraction for it."""

    region: str | None  # lexicon id of the plan's region
    forms: list[Form]
    counts: list[int]
    refs: list[str]


def summarize(ex: Extraction, lexicon: Lexicon) -> PlanSummary:
    """The summary of one extraction (whole, or compact as a plan read in pieces is held)."""
    source = ex.document.source
    counts: dict[Form, int] = {}
    for m, times in zip(ex.mentions, ex.counts or itertools.repeat(1)):
        f = mention_form(m, source)
        counts[f] = counts.get(f, 0) + times
    refs = {end: None for r in ex.relations for end in (r.subject, r.object) if isinstance(end, str)}
    meta = ex.document.meta
    return PlanSummary(region_key(lexicon, meta.region, meta.code), list(counts), list(counts.values()), list(refs))


@dataclass
class EntityTable:
    """The corpus-wide result of resolution: the entities, the IRI of every entity key, and per
    plan the key of each form of its summary (when the reduce ran in one place) and its region."""

    entities: dict[str, Entity] = field(default_factory=dict)
    iri_of: dict[str, str] = field(default_factory=dict)  # entity key -> IRI
    keys: MutableMapping[int, list[str]] = field(default_factory=dict)  # by plan index, per form of its summary
    plan_regions: list[str | None] = field(default_factory=list)
    part_of: set[tuple[str, str]] = field(default_factory=set)

    def plan_entities(self, index: int, summary: PlanSummary, lexicon: Lexicon, keys: list[str] | None = None) -> PlanEntities:
        """What the plan at ``index`` needs to be written alone: its forms' IRIs and the entities
        they, its region and its relations' lexicon ids name, not the whole table. ``keys`` are
        its forms' entity keys (``plan_votes``), by default the table's own."""
        keys = self.keys[index] if keys is None else keys
        iris = {f: self.iri_of[k] for f, k in zip(summary.forms, keys)}
        region = self.plan_regions[index]
        named = {*iris.values(), *([region] if region else [])}
        named.update(entity_iri(e.type, e.name, e.code) for e in map(lexicon.entries.get, summary.refs) if e)
        return PlanEntities(iris, {i: self.entities[i] for i in sorted(named)}, region)


@dataclass
class PlanEntities:
    """The slice of the entity table one plan needs (``EntityTable.plan_entities``)."""

    iris: dict[Form, str]
    entities: dict[str, Entity]
    region: str | None

    def resolution(self, ex: Extraction, lexicon: Lexicon) -> Resolution:
        """The plan's resolution alone (its index is 0), as ``resolve`` of the corpus gives it."""
        res = Resolution(entities=dict(self.entities), plan_regions=[self.region])
        source = ex.document.source
        iris = [self.iris[mention_form(m, source)] for m in ex.mentions]
        res.mention_iris.append(iris)
        res.relations.append(relation_rows(res, lexicon, dict(zip(ex.mentions, iris)), ex.relations))
        return res


def resolve(extractions: list[Extraction], lexicon: Lexicon, rules: IdentityRules | None = None) -> Resolution:
    """Entities and mention IRIs for a whole corpus (order-independent)."""
    summaries = [summarize(ex, lexicon) for ex in extractions]
    table = reduce_summaries(lambda: summaries, lexicon, rules)
    res = Resolution(table.entities, plan_regions=table.plan_regions, part_of=table.part_of)
    for i, (ex, summary) in enumerate(zip(extractions, summaries)):
        source = ex.document.source
        of_form = {f: table.iri_of[key] for f, key in zip(summary.forms, table.keys[i])}
        res.mention_iris.append([of_form[mention_form(m, source)] for m in ex.mentions])
    for ex, iris in zip(extractions, res.mention_iris):
        res.relations.append(relation_rows(res, lexicon, dict(zip(ex.mentions, iris)), ex.relations))
    return res


def reduce_summaries(
    summaries: Callable[[], Iterable[PlanSummary]],
    lexicon: Lexicon,
    rules: IdentityRules | None = None,
    spill: Callable[[str], MutableMapping[int, Any]] = lambda _: {},
) -> EntityTable:
    """The entity table of a corpus from its plans' summaries, the stages below run in one place
    (``build/distributed.py`` runs them on a cluster); the same whatever the plans' order.

    ``summaries()`` gives the plans' summaries in order, afresh for each stage (a build reads
    them back from disk): each stage folds them one plan at a time, so only the folds are held.
    What a stage hands the next per plan (its forms' names, then their entity keys, the table's
    ``keys``) goes into the mappings ``spill(name)`` makes (a build's are on disk).
    """
    rules = rules or load_identity()
    places = place_names(lexicon)
    offers: dict[tuple[str, str], Offer] = {}
    regions: list[str | None] = []
    for i, summary in enumerate(summaries()):
        fold_into(offers, prefix_offers(summary, i, lexicon), min)
        regions.append(summary.region)
    prefixes = prefix_table(offers)
    del offers
    named = spill("names")
    groups: dict[tuple[str, str], Counter[str]] = {}
    for i, summary in enumerate(summaries()):
        named[i] = names = plan_names(summary, prefixes, lexicon, rules)
        fold_into(groups, join_counts(summary, names, rules), add_counts)
    joined = joined_names(groups, rules)
    del groups
    keys = spill("keys")
    votes: dict[str, Vote] = {}
    refs: dict[str, None] = {}  # the relations' lexicon ids, in the plans' order
    for i, summary in enumerate(summaries()):
        keys[i], voted = plan_votes(summary, i, named.pop(i), joined, lexicon, places)
        fold_into(votes, voted, merge_votes)
        refs.update(dict.fromkeys(summary.refs))
    minted = mint(votes)
    del votes
    table = assemble([minted], regions, refs, lexicon)
    table.keys = keys
    return table


# The reduce in stages around keyed folds, so a cluster never holds every summary in one place:
# a. per plan, ``prefix_offers``: the names it gives with its region in front, keyed by
#    (lineage region, name without it); folded by key to the first offer (``prefix_table``);
# b. per plan, ``plan_names``: each form's lexicon entry or canonical name, and ``join_counts``:
#    how often each name of an identity-rule group stands; folded by group, ``joined_names``
#    names each group by the form plans use most;
# c. per plan, ``plan_votes``: each form's entity key and its vote (types, labels, where it
#    first stands); folded by key (``merge_votes``), ``mint`` gives each key its IRI and entity;
# d. ``assemble``: the minted entities, the plans' regions, their relations' lexicon ids and the
#    region hierarchy above them.
# Every merge is associative and commutative and every tie goes to the first (plan, form) in the
# plans' order, so the table is the same whatever the partitioning and the order of arrival.

Position = tuple[int, int]  # (plan index, form index): where a name first stands, which wins ties
Offer = tuple[Position, str]  # a prefixed name's full label, and where a plan first gives it


def fold(parts: Iterable[dict[_K, _V]], merge: Callable[[_V, _V], _V]) -> dict[_K, _V]:
    """The dicts ``parts`` as one, the values of a key merged by ``merge`` (associative, commutative)."""
    out: dict[_K, _V] = {}
    for part in parts:
        fold_into(out, part, merge)
    return out


def fold_into(out: dict[_K, _V], part: dict[_K, _V], merge: Callable[[_V, _V], _V]) -> None:
    """``part`` folded into ``out`` in place: the values of a key merged by ``merge``."""
    for key, value in part.items():
        out[key] = merge(out[key], value) if key in out else value


def _own_prefixed(summary: PlanSummary, lineage: list[LexEntry], lexicon: Lexicon) -> dict[str, tuple[int, str]]:
    """Prefixed forms a plan knows: name without its region -> (first form giving it, full label)."""
    names = _names(lineage)
    table: dict[str, tuple[int, str]] = {}
    for n, f in enumerate(summary.forms):
        if f.type not in PREFIXABLE:
            continue
        # a name the lexicon knows stands for its short form too: 湖州莫干山高新区 (the lexicon's
        # 湖州莫干山高新技术产业开发区) is what the same plan later calls 莫干山高新区
        label = clean_label(f.text) if f.key else _label(f)
        rest = _strip_region(label, names)
        if rest and rest not in table:
            table[rest] = (n, lexicon.entries[f.key].name if f.key else label)
    return table


def prefix_offers(summary: PlanSummary, index: int, lexicon: Lexicon) -> dict[tuple[str, str], Offer]:
    """Stage a of the plan at ``index``: its prefixed names, offered to every region of its lineage."""
    lineage = _lineage(lexicon, summary.region)
    own = _own_prefixed(summary, lineage, lexicon)
    return {(entry.id, rest): ((index, n), full) for entry in lineage for rest, (n, full) in own.items()}


def prefix_table(offers: dict[tuple[str, str], Offer]) -> dict[tuple[str, str], str]:
    """(region id, name without it) -> full label, from the folded offers."""
    return {key: full for key, (_, full) in offers.items()}


class Named(NamedTuple):
    """What stage b reads of a form: the lexicon entry it is, or its canonical name."""

    entry: str | None
    canon: str  # "" with an entry


def plan_names(summary: PlanSummary, prefixes: dict[tuple[str, str], str], lexicon: Lexicon, rules: IdentityRules) -> list[Named]:
    """Stage b of a plan: per form, its lexicon entry, or its name without number and with the
    region prefix its plan or its lineage gives it."""
    lineage = _lineage(lexicon, summary.region)
    own = _own_prefixed(summary, lineage, lexicon)
    out = []
    for f in summary.forms:
        entry = lexicon.entries[f.key] if f.key else _known(lexicon, f, rules, summary.region)
        canon = ""
        if entry is None:
            canon = plain = _unnumbered(_label(f))
            if f.type in PREFIXABLE:
                canon = own[canon][1] if canon in own else _from_lineage(canon, lineage, prefixes)
            if canon == plain and lineage and _foreign(lexicon, f, rules, summary.region):
                canon = (lineage[0].short or lineage[0].name) + canon  # 南通五个中心: the plan's own, not 上海's
        out.append(Named(entry.id if entry else None, canon))
    return out


def join_counts(summary: PlanSummary, named: list[Named], rules: IdentityRules) -> dict[tuple[str, str], Counter[str]]:
    """Stage b of a plan: (identity-rule key, type) -> how often each of its names stands."""
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f, name, times in zip(summary.forms, named, summary.counts):
        if name.entry is None:
            groups[(rules.kind_key(national_rest(name.canon, f.type) or name.canon, f.type), f.type)][name.canon] += times
    return dict(groups)


def add_counts(a: Counter[str], b: Counter[str]) -> Counter[str]:
    return a + b


def joined_names(groups: dict[tuple[str, str], Counter[str]], rules: IdentityRules) -> dict[tuple[str, str], str]:
    """(form, type) -> the form that stands for every form identity rules join with it: the one
    plans use most (then the longest, then the first in code-point order), unless kept apart."""
    out: dict[tuple[str, str], str] = {}
    for (_, type_), forms in groups.items():
        if len(forms) < 2:
            continue
        best = max(forms, key=lambda f: (forms[f], len(f), [-ord(c) for c in f]))
        for form in forms:
            if form != best and not rules.apart(form, best):
                out[(form, type_)] = best
    return out


class Vote(NamedTuple):
    """What the forms of one entity key say of it: its name and code, weighted type votes, labels
    and where it first stands."""

    canon: str
    code: str | None
    types: Counter[str]
    labels: frozenset[str]
    first: Position


def plan_votes(
    summary: PlanSummary, index: int, named: list[Named], joined: dict[tuple[str, str], str], lexicon: Lexicon,
    places: frozenset[str],
) -> tuple[list[str], dict[str, Vote]]:
    """Stage c of the plan at ``index``: the entity key of each form, and the plan's vote per key."""
    keys: list[str] = []
    names: dict[str, tuple[str, str | None, Position]] = {}  # key -> its name, code and first form
    types: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, set[str]] = defaultdict(set)
    for n, (f, name, times) in enumerate(zip(summary.forms, named, summary.counts)):
        if name.entry:
            entry = lexicon.entries[name.entry]
            canon, code, weight = entry.name, entry.code, 10
            own = labels[_ident(canon, code)]
            own.update(a for a in (entry.name, entry.short, *entry.aliases) if a)
        else:
            canon, code, weight = joined.get((name.canon, f.type), name.canon), None, 1
            own = labels[canon]
            own.add(name.canon)
        own.update(a for a in (_label(f), *map(clean_label, f.aliases), f.quote) if a)
        if name.entry is None and f.type in PREFIXABLE:  # 嵊州市三溪水库 is also called 三溪水库
            own.update(_without_place(lab, places) for lab in (canon, _label(f)))
        key = _ident(canon, code)
        names.setdefault(key, (canon, code, (index, n)))
        types[key][f.type] += weight * times
        keys.append(key)
    return keys, {key: Vote(canon, code, types[key], frozenset(labels[key]), first) for key, (canon, code, first) in names.items()}


def merge_votes(a: Vote, b: Vote) -> Vote:
    """Two votes for one key as one."""
    first, other = (a, b) if a.first <= b.first else (b, a)
    return first._replace(types=first.types + other.types, labels=first.labels | other.labels)


def vote_group(vote: Vote) -> str:
    """What keys whose entities could share an IRI have in common (the IRI without its type):
    a partition of the fold by it mints each IRI in one place."""
    return entity_iri("", vote.canon, vote.code)


@dataclass
class Minted:
    """Stage c's result for some keys: the IRI of each, and the entities minted for them."""

    iri_of: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)


def mint(votes: dict[str, Vote]) -> Minted:
    """Each key's entity: the type most votes give it; keys that make one IRI share the entity of
    the one that stands first."""
    out = Minted()
    for key, vote in sorted(votes.items(), key=lambda kv: kv[1].first):
        type_ = max(ENTITY_TYPES, key=lambda t: (vote.types[t], -ENTITY_TYPES.index(t)))
        iri = entity_iri(type_, vote.canon, vote.code)
        out.iri_of[key] = iri
        if iri not in out.entities:
            alts = {clean_label(a) for a in vote.labels} - {"", vote.canon}
            out.entities[iri] = Entity(iri, type_, vote.canon, alts, vote.code)
    return out


def assemble(minted: Iterable[Minted], regions: Iterable[str | None], refs: Iterable[str], lexicon: Lexicon) -> EntityTable:
    """Stage d: the table of the minted entities, each plan's region (lexicon ids, in the plans'
    order), the entities only a relation names (lexicon ids) and the hierarchy above the regions."""
    res = EntityTable()
    entities: dict[str, Entity] = {}
    for part in minted:
        entities.update(part.entities)
        res.iri_of.update(part.iri_of)
    res.entities = dict(sorted(entities.items()))
    for region in regions:
        lineage = _lineage(lexicon, region)
        res.plan_regions.append(_lexicon_entity(res, lineage[0]) if lineage else None)
    for entry in filter(None, map(lexicon.entries.get, refs)):
        _lexicon_entity(res, entry)
    _hierarchy(res, lexicon)
    return res


def relation_rows(
    res: Resolution, lexicon: Lexicon, by_mention: dict[Mention, str], relations: Iterable[Relation]
) -> list[tuple[str, str, str, int, str]]:
    """A plan's relations as sorted (subject IRI, predicate, object IRI, sentence, rules) rows,
    the rules of one triple in one sentence joined; entities only a relation names (a lexicon
    id) are minted on the way. ``by_mention`` gives the IRI of each mention of the plan."""
    read_by: dict[tuple[str, str, str, int], set[str]] = defaultdict(set)  # a triple -> the rules that read it
    for r in relations:
        s_iri, o_iri = _end(res, lexicon, by_mention, r.subject), _end(res, lexicon, by_mention, r.object)
        if s_iri and o_iri and s_iri != o_iri:
            read_by[(s_iri, r.predicate, o_iri, r.sentence)].update(split_rules(r.rule))
    return sorted((*key, join_rules(found)) for key, found in read_by.items())


def _end(res: Resolution, lexicon: Lexicon, by_mention: dict[Mention, str], ref: Mention | str) -> str | None:
    """IRI of one end of a relation: a mention's entity, or a lexicon entry's; None when the
    entity resolved to another type than the relation was read with (a quoted 大湾区 read as a
    program, resolved as the region it is everywhere else), since the relation's kind needs it."""
    if isinstance(ref, Mention):
        iri, type_ = by_mention.get(ref), ref.type
    else:
        entry = lexicon.entries.get(ref)
        iri, type_ = (_lexicon_entity(res, entry), entry.type) if entry else (None, None)
    return iri if iri and res.entities[iri].type == type_ else None


def _hierarchy(res: EntityTable, lexicon: Lexicon) -> None:
    """pg:partOf up the administrative tree for every region entity with a code."""
    by_code = {e.code: e for e in lexicon.entries.values() if e.code}
    todo = [e for e in res.entities.values() if e.type == "Region" and e.code]
    while todo:
        child = todo.pop()
        entry = by_code.get(child.code or "")
        parent = lexicon.entries.get(entry.parent or "") if entry else None
        if parent is None:
            continue
        known = entity_iri("Region", parent.name, parent.code) in res.entities
        parent_iri = _lexicon_entity(res, parent)
        res.part_of.add((child.iri, parent_iri))
        if not known:
            todo.append(res.entities[parent_iri])


def _without_place(label: str, places: frozenset[str]) -> str:
    """The name without the place it starts with, or "" when nothing name-like remains."""
    rest = _strip_region(label, places)
    return rest or ""


def _readings(lexicon: Lexicon, m: Form, rules: IdentityRules) -> Iterator[list[LexEntry]]:
    """The lexicon entries of the mention's type its name reads as: as it stands, behind 国家
    (国家区域协调发展战略) and with its kind word folded (服务贸易创新发展试点城市); a region's
    short name needs its context, so none for regions."""
    if m.type == "Region":
        return
    for label in (_label(m), national_rest(_label(m), m.type), rules.kind_key(_label(m), m.type)):
        yield [e for e in lexicon.lookup(label or "") if e.type == m.type]


def _known(lexicon: Lexicon, m: Form, rules: IdentityRules, region: str | None) -> LexEntry | None:
    """The lexicon entry a rule's name is a surface of (智能物流装备 is 物流装备), if it has just
    one of the mention's type that holds in the plan's region (``Lexicon.in_scope``)."""
    for entries in _readings(lexicon, m, rules):
        held = [e for e in entries if lexicon.in_scope(e, region)]
        if len(held) == 1:
            return held[0]
    return None


def _foreign(lexicon: Lexicon, m: Form, rules: IdentityRules, region: str | None) -> bool:
    """Are the mention's words another province's program (五个中心 in a plan outside 上海)? Then
    they name the plan's own program, which must not share that program's IRI."""
    return any(not lexicon.in_scope(e, region) for entries in _readings(lexicon, m, rules) for e in entries)


def _unnumbered(label: str) -> str:
    """The name without the number that also names it, so both forms are one entity."""
    plain = _ROAD_LETTER.sub("", _LINE_NUMBER.sub("", label))
    return plain if len(plain) >= MIN_REMAINDER else label


def _ident(canon: str, code: str | None) -> str:
    return f"{canon}#{code}" if code else canon


def _from_lineage(label: str, lineage: list[LexEntry], prefixes: dict[tuple[str, str], str]) -> str:
    for entry in lineage:
        full = prefixes.get((entry.id, label))
        if full:
            return full
    return label


def _lexicon_entity(res: Resolution | EntityTable, entry: LexEntry) -> str:
    """IRI of a lexicon entry, minted when no plan mentions it (a plan's own region, a parent)."""
    iri = entity_iri(entry.type, entry.name, entry.code)
    if iri not in res.entities:
        alts = {a for a in (entry.short, *entry.aliases) if a} - {entry.name}
        res.entities[iri] = Entity(iri, entry.type, entry.name, alts, entry.code)
    return iri
