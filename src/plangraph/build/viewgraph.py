"""The plan–entity graph of a build from the build's own data, with no SPARQL pass.

``analytics.plan_entity_graph`` reads the graph behind the HTML view from a finished
store: an evidence query over every mention, a fifth of a whole build's time. A build
already has the same facts, one plan at a time, while it writes each plan's graph: ``plan_rows``
reads them from a plan's extraction and resolution, exactly as ``rdf.py`` writes them and the
store's queries would find them, keeping only what the view can show; ``MergedRows`` joins
the plans' rows, a plan at a time, with the entity table,
and ``analytics.graph_of_rows`` makes the graph either way.
No step holds more than one plan's extraction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..graph.iri import plan_iri
from ..graph.rdf import SECTION_SEP, plan_id
from ..graph.resolve import Resolution
from ..lexicon import Lexicon
from ..model import Entity, Extraction
from ..read.period import period_years
from ..report.analytics import MAX_EVIDENCE, RELATIONS, GraphRows, first_evidence, plan_name
from .stream import resolved_pieces


def plan_rows(ex: Extraction, res: Resolution, lexicon: Lexicon) -> GraphRows:
    """The rows the store's queries would give of one plan, from its extraction and its resolution
    alone (``res``, index 0, resolved with ``lexicon``). Of an entity's sentences in the plan only
    the first few can be shown, so only those are kept: a plan read in pieces, with a million
    mentions, is not held as rows."""
    rows = GraphRows()
    meta, source = ex.document.meta, ex.document.source
    pid = plan_id(ex)
    plan = plan_iri(pid)
    years = period_years(meta.period)
    region = res.plan_regions[0]
    region_entity = res.entities.get(region) if region else None
    rows.plans.append((plan, meta.file, meta.title or None, region_entity.label if region_entity else None,
                       meta.date or "", f"{years[0]:04d}" if years else ""))
    for iri in sorted(set(res.mention_iris[0])):
        entity = res.entities.get(iri)
        if entity is not None:
            rows.mentions.append((plan, iri, entity.type, entity.label))
    annotations: dict[str, set[tuple[int, int]]] = defaultdict(set)  # entity -> the spans of its annotations
    first: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # entity -> its sentences
    pieces = resolved_pieces(ex, res, 0, lexicon) if ex.pieces else [(ex, res.mention_iris[0], res.relations[0])]
    for piece, iris, relations in pieces:
        sentences = piece.document.sentences
        for m, iri in zip(piece.mentions, iris):
            annotations[iri].add(source.to_original(m.start, m.end))
            if 0 <= m.sentence < len(sentences):
                s = sentences[m.sentence]
                kept = first[iri]
                kept.append((*source.to_original(s.start, s.end), SECTION_SEP.join(s.section)))
                if len(kept) >= 4 * MAX_EVIDENCE:
                    kept[:] = first_evidence(kept)
        rows.relations += [(s, p, o) for s, p, o, *_ in relations if p in RELATIONS]
    rows.evidence = [(iri, plan, a, section, source.original[a:b])
                     for iri, kept in first.items() for a, b, section in first_evidence(kept)]
    rows.mention_counts = [(iri, len(spans)) for iri, spans in annotations.items()]
    return rows


class MergedRows:
    """The rows of a whole build, gathered as the second pass makes each plan's (``plan_rows``), so
    no plan's rows are held past its turn: the view's memory grows with the entities and the
    plan–entity pairs, not with every plan's sentences.

    The view shows an entity's sentences from the first MAX_EVIDENCE plans by name
    (``analytics._add_evidence``), so only those plans' sentences of it are kept as plans come.
    Each plan's rows bring their own copies of the entities' IRIs and labels; one copy is kept.
    """

    def __init__(self) -> None:
        self._empty()

    def _empty(self) -> None:
        self._rows = GraphRows()
        self._counts: Counter[str] = Counter()
        self._evidence: dict[str, dict[str, list[tuple[str, str, int, str, str]]]] = defaultdict(dict)
        self._relations: set[tuple[str, str, str]] = set()  # plans state the same relations again and again
        self._strings: dict[str, str] = {}

    def add(self, one: GraphRows) -> None:
        """One plan's rows. An annotation belongs to one plan, so the plans' counts add up."""
        same = self._strings.setdefault
        self._rows.plans += one.plans
        self._rows.mentions += [(plan, same(e, e), same(kind, kind), same(label, label))
                                for plan, e, kind, label in one.mentions]
        self._relations.update((same(s, s), same(p, p), same(o, o)) for s, p, o in one.relations)
        self._counts.update(dict(one.mention_counts))
        _, file, title, region, *_ = one.plans[0]
        name = plan_name(region, file, title)
        for e, *row in one.evidence:
            e = same(e, e)
            by_name = self._evidence[e]
            by_name.setdefault(name, []).append((e, *row))
            if len(by_name) > MAX_EVIDENCE:
                del by_name[max(by_name)]

    def rows(self, entities: Iterable[Entity], part_of: Iterable[tuple[str, str]]) -> GraphRows:
        """The rows of every plan added, with the entity table's labels and region hierarchy.

        They are handed over, not kept (this starts empty again), so they go as soon as the
        view's graph is made of them, before the page is."""
        rows, evidence, relations, counts = self._rows, self._evidence, self._relations, self._counts
        self._empty()
        rows.evidence = [row for by_name in evidence.values() for kept in by_name.values() for row in kept]
        rows.relations = [*relations, *((child, "partOf", parent) for child, parent in part_of)]
        rows.alt_labels = [(e.iri, alt) for e in entities for alt in e.alt_labels]
        rows.mention_counts = list(counts.items())
        return rows


def merged_rows(plans: Iterable[GraphRows], entities: Iterable[Entity], part_of: Iterable[tuple[str, str]]) -> GraphRows:
    """The rows of a whole build from its plans' rows (``plan_rows``) and the entity table (``MergedRows``)."""
    merged = MergedRows()
    for one in plans:
        merged.add(one)
    return merged.rows(entities, part_of)
