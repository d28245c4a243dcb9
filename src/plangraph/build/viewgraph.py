"""The plan–entity graph of a build from the build's own data, with no SPARQL pass.

``analytics.plan_entity_graph`` reads the graph behind the HTML view from a finished
store: an evidence query over every mention, a fifth of a whole build's time. A build
already holds the same facts in memory (the extractions and their resolution), so
``graph_rows`` reads them from there, exactly as ``rdf.py`` writes them and the store's
queries would find them; ``analytics.graph_of_rows`` makes the graph either way.
"""

from __future__ import annotations

import networkx as nx

from ..graph.iri import plan_iri
from ..graph.rdf import SECTION_SEP, plan_id
from ..graph.resolve import Resolution
from ..model import Extraction
from ..read.period import period_years
from ..report.analytics import RELATIONS, GraphRows, graph_of_rows


def plan_entity_graph(extractions: list[Extraction], res: Resolution) -> nx.Graph:
    """What ``analytics.plan_entity_graph`` reads from the store of this build, node for node."""
    return graph_of_rows(graph_rows(extractions, res))


def graph_rows(extractions: list[Extraction], res: Resolution) -> GraphRows:
    """The rows the store's queries would give, from the extractions ``res`` was resolved from."""
    rows = GraphRows()
    annotations: dict[str, set[tuple[str, int, int]]] = {}  # entity -> its annotation nodes (plan, span)
    for ex, iris, region, relations in zip(extractions, res.mention_iris, res.plan_regions, res.relations):
        meta, source, sentences = ex.document.meta, ex.document.source, ex.document.sentences
        pid = plan_id(ex)
        plan = plan_iri(pid)
        years = period_years(meta.period)
        region_entity = res.entities.get(region) if region else None
        rows.plans.append((plan, meta.file, meta.title or None, region_entity.label if region_entity else None,
                           meta.date or "", f"{years[0]:04d}" if years else ""))
        for iri in sorted(set(iris)):
            entity = res.entities.get(iri)
            if entity is not None:
                rows.mentions.append((plan, iri, entity.type, entity.label))
        for m, iri in zip(ex.mentions, iris):
            annotations.setdefault(iri, set()).add((pid, *source.to_original(m.start, m.end)))
            if 0 <= m.sentence < len(sentences):
                s = sentences[m.sentence]
                a, b = source.to_original(s.start, s.end)
                rows.evidence.append((iri, plan, a, SECTION_SEP.join(s.section), source.original[a:b]))
        rows.relations += [(s, p, o) for s, p, o, *_ in relations if p in RELATIONS]
    rows.relations += [(child, "partOf", parent) for child, parent in res.part_of]
    rows.alt_labels = [(e.iri, alt) for e in res.entities.values() for alt in e.alt_labels]
    rows.mention_counts = [(iri, len(nodes)) for iri, nodes in annotations.items()]
    return rows

