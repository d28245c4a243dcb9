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

import bisect
import pickle
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..graph.iri import plan_iri
from ..graph.rdf import SECTION_SEP, plan_id
from ..graph.resolve import Resolution
from ..lexicon import Lexicon
from ..model import Entity, Extraction
from ..read.period import period_years
from ..report.analytics import MAX_EVIDENCE, RELATIONS, GraphRows, first_evidence, plan_name
from . import MAX_VIEW_EDGES, MAX_VIEW_ENTITIES
from .stream import resolved_pieces
from .viewedges import StrongestEdges


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
    """The rows of a whole build's view, gathered as the second pass makes each plan's
    (``plan_rows``), bounded by ``limit`` entities, so neither the page nor the memory grows
    with the corpus past it.

    Of every entity only small counts are held (plans naming it, mentions, type); each plan's
    rows go to an unlinked temporary file in ``folder`` (nothing is left by a kill) and are read
    back once the plans are all in, keeping only the entities shown (``chosen``). The view shows
    an entity's sentences from the first MAX_EVIDENCE plans by name (``analytics._add_evidence``),
    so only sentences of plans that may be among those are written. Each plan's rows bring their
    own copies of the entities' IRIs and labels; one copy is kept. Of the edges among the entities
    shown, at most ``edges`` are drawn (``StrongestEdges``, chosen as the rows are read back).
    """

    def __init__(self, limit: int = MAX_VIEW_ENTITIES, folder: Path | None = None, edges: int = MAX_VIEW_EDGES) -> None:
        self.limit = limit
        self.edges = edges
        self._folder = folder
        self._empty()

    def _empty(self) -> None:
        self._spill: IO[bytes] | None = None  # opened by the first plan
        self._plans: Counter[str] = Counter()  # entity -> plans naming it
        self._counts: Counter[str] = Counter()  # entity -> its mentions (annotations)
        self._types: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}  # entity -> the first MAX_EVIDENCE names of plans with its sentences
        self._strings: dict[str, str] = {}
        self._plan_names: list[tuple[str, str]] = []  # (plan IRI, name) of every plan added

    def add(self, one: GraphRows) -> None:
        """One plan's rows. An annotation belongs to one plan, so the plans' counts add up."""
        same = self._strings.setdefault
        for _, e, kind, _ in one.mentions:
            e = same(e, e)
            self._plans[e] += 1
            self._types[e] = same(kind, kind)
        self._counts.update(dict(one.mention_counts))
        _, file, title, region, *_ = one.plans[0]
        name = plan_name(region, file, title)
        self._plan_names.append((one.plans[0][0], name))
        evidence = [row for row in one.evidence if self._may_show(row[0], name)]
        if self._spill is None:
            if self._folder is not None:
                self._folder.mkdir(parents=True, exist_ok=True)
            self._spill = tempfile.TemporaryFile(dir=self._folder)
        pickle.dump((one.plans, one.mentions, evidence, one.relations), self._spill, pickle.HIGHEST_PROTOCOL)

    def _may_show(self, e: str, name: str) -> bool:
        """Whether plan ``name``'s sentences of ``e`` are among the first MAX_EVIDENCE plans' seen so far."""
        names = self._names.setdefault(self._strings.setdefault(e, e), [])
        if name in names:
            return True
        if len(names) == MAX_EVIDENCE and name > names[-1]:
            return False
        bisect.insort(names, name)
        del names[MAX_EVIDENCE:]
        return True

    def chosen(self) -> set[str]:
        """The entities the view shows: every region, then those named by most plans, then by
        most mentions, then by IRI, up to ``limit`` in all."""
        regions = {e for e, kind in self._types.items() if kind == "Region"}
        others = sorted((e for e in self._types if e not in regions), key=lambda e: (-self._plans[e], -self._counts[e], e))
        return regions | set(others[:max(0, self.limit - len(regions))])

    def _ranked(self, kept: set[str]) -> dict[str, int]:
        """The rank of each of ``kept``: named by most plans first, then by most mentions, then by IRI."""
        order = sorted(kept, key=lambda e: (-self._plans[e], -self._counts[e], e))
        return {e: n for n, e in enumerate(order)}

    def rows(self, entities: Iterable[Entity], part_of: Iterable[tuple[str, str]]) -> GraphRows:
        """The rows of every plan added, of the entities shown, with the entity table's labels and
        region hierarchy; ``all_entities`` counts every entity by type when some are left out.

        They are handed over, not kept (this starts empty again), so they go as soon as the
        view's graph is made of them, before the page is."""
        kept, spill, counts, types = self.chosen(), self._spill, self._counts, self._types
        edges = StrongestEdges(self._ranked(kept), self._plan_names, self.edges)
        same = self._strings.setdefault
        rows = GraphRows()
        evidence: dict[str, dict[str, list[tuple[str, str, int, str, str]]]] = defaultdict(dict)
        for plans, mentions, plan_evidence, plan_relations in _pickled(spill):
            rows.plans += plans
            edges.mentions(mentions)
            edges.relations(plan_relations)
            _, file, title, region, *_ = plans[0]
            name = plan_name(region, file, title)
            for e, *row in plan_evidence:
                if e in kept:
                    by_name = evidence[same(e, e)]
                    by_name.setdefault(name, []).append((same(e, e), *row))
                    if len(by_name) > MAX_EVIDENCE:
                        del by_name[max(by_name)]
        if len(kept) < len(types):
            rows.all_entities = dict(sorted(Counter(types.values()).items()))
        self._empty()
        rows.evidence = [row for by_name in evidence.values() for kept_rows in by_name.values() for row in kept_rows]
        edges.relations((child, "partOf", parent) for child, parent in part_of)
        rows.mentions, rows.unlinked = edges.drawn(), edges.unlinked()
        rows.relations, rows.all_edges = edges.drawn_relations(), edges.all_edges
        rows.alt_labels = [(e.iri, alt) for e in entities if e.iri in kept for alt in e.alt_labels]
        rows.mention_counts = [(e, n) for e, n in counts.items() if e in kept]
        return rows


def _pickled(fh: IO[bytes] | None) -> Iterator[Any]:
    """The objects pickled one after another into ``fh`` (none if None), which is closed after."""
    if fh is None:
        return
    with fh:
        fh.seek(0)
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def merged_rows(plans: Iterable[GraphRows], entities: Iterable[Entity], part_of: Iterable[tuple[str, str]],
                limit: int = MAX_VIEW_ENTITIES, edges: int = MAX_VIEW_EDGES) -> GraphRows:
    """The rows of a whole build from its plans' rows (``plan_rows``) and the entity table (``MergedRows``)."""
    merged = MergedRows(limit, edges=edges)
    for one in plans:
        merged.add(one)
    return merged.rows(entities, part_of)
