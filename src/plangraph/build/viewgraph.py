"""The plan–entity graph of a build from the build's own data, with no SPARQL pass.

``analytics.plan_entity_graph`` reads the graph behind the HTML view from a finished
store: an evidence query over every mention, a fifth of a whole build's time. A build
already holds the same facts in memory (the extractions and their resolution), so
``graph_rows`` reads them from there, exactly as ``rdf.py`` writes them and the store's
queries would find them; ``analytics.graph_of_rows`` makes the graph either way.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..graph.iri import plan_iri
from ..graph.rdf import SECTION_SEP, plan_id
from ..graph.resolve import Resolution
from ..lexicon import Lexicon
from ..model import Extraction
from ..read.period import period_years
from ..report.analytics import MAX_EVIDENCE, RELATIONS, GraphRows, first_evidence, graph_of_rows
from .stream import resolved_pieces


def plan_entity_graph(extractions: list[Extraction], res: Resolution, lexicon: Lexicon) -> nx.Graph:
    """What ``analytics.plan_entity_graph`` reads from the store of this build, node for node."""
    return graph_of_rows(graph_rows(extractions, res, lexicon))


def graph_rows(extractions: list[Extraction], res: Resolution, lexicon: Lexicon) -> GraphRows:
    """The rows the store's queries would give, from the extractions ``res`` was resolved from
    (with ``lexicon``). Of an entity's sentences in a plan only the first few can be shown, so
    only those are kept: a plan read in pieces, with a million mentions, is not held as rows."""
    rows = GraphRows()
    annotations: dict[str, set[tuple[str, int, int]]] = {}  # entity -> its annotation nodes (plan, span)
    first: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)  # (entity, plan) -> sentences
    source_of: dict[str, str] = {}  # plan -> its original text, which evidence quotes
    for index, (ex, region) in enumerate(zip(extractions, res.plan_regions)):
        meta, source = ex.document.meta, ex.document.source
        pid = plan_id(ex)
        plan = plan_iri(pid)
        source_of[plan] = source.original
        years = period_years(meta.period)
        region_entity = res.entities.get(region) if region else None
        rows.plans.append((plan, meta.file, meta.title or None, region_entity.label if region_entity else None,
                           meta.date or "", f"{years[0]:04d}" if years else ""))
        for iri in sorted(set(res.mention_iris[index])):
            entity = res.entities.get(iri)
            if entity is not None:
                rows.mentions.append((plan, iri, entity.type, entity.label))
        pieces = resolved_pieces(ex, res, index, lexicon) if ex.pieces else [(ex, res.mention_iris[index], res.relations[index])]
        for piece, iris, relations in pieces:
            sentences = piece.document.sentences
            for m, iri in zip(piece.mentions, iris):
                annotations.setdefault(iri, set()).add((pid, *source.to_original(m.start, m.end)))
                if 0 <= m.sentence < len(sentences):
                    s = sentences[m.sentence]
                    kept = first[(iri, plan)]
                    kept.append((*source.to_original(s.start, s.end), SECTION_SEP.join(s.section)))
                    if len(kept) >= 4 * MAX_EVIDENCE:
                        kept[:] = first_evidence(kept)
            rows.relations += [(s, p, o) for s, p, o, *_ in relations if p in RELATIONS]
    rows.evidence = [(iri, plan, a, section, source_of[plan][a:b])
                     for (iri, plan), kept in first.items() for a, b, section in first_evidence(kept)]
    rows.relations += [(child, "partOf", parent) for child, parent in res.part_of]
    rows.alt_labels = [(e.iri, alt) for e in res.entities.values() for alt in e.alt_labels]
    rows.mention_counts = [(iri, len(nodes)) for iri, nodes in annotations.items()]
    return rows
