"""NetworkX graphs built from the RDF dataset, and plain functions over them.

Functions take a graph and return plain data; they never print or write files.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from .store import query

MAX_EVIDENCE = 10

_PLANS = """
SELECT ?plan ?file ?title ?region ?rlabel WHERE {
  ?plan a pg:Plan ; pg:sourceFile ?file .
  OPTIONAL { ?plan dcterms:title ?title }
  OPTIONAL { ?plan pg:region ?region . ?region skos:prefLabel ?rlabel }
}"""
_ENTITIES = """
SELECT ?plan ?e ?type ?label WHERE {
  ?plan a pg:Plan ; pg:mentions ?e .
  ?e a ?type ; skos:prefLabel ?label .
  FILTER(STRSTARTS(STR(?type), STR(pg:)))
}"""
_ALTS = "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
_EVIDENCE = """
SELECT ?e ?plan ?text ?section ?start WHERE {
  ?m oa:hasBody ?e ; pg:sentence ?s .
  ?s rdf:value ?text ; pg:plan ?plan ; oa:start ?start .
  OPTIONAL { ?s pg:sectionPath ?section }
}"""
_RELATIONS = """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { pg:locatedIn pg:partOf pg:connects pg:develops pg:implements pg:cooperatesWith pg:hosts }
  ?s ?p ?o .
}"""
_MENTION_COUNTS = "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m oa:hasBody ?e } GROUP BY ?e"


def plan_name(region: str | None, file: str, title: str | None) -> str:
    """A short display name for a plan: region plus kind, else the file name."""
    if region and title:
        kind = "建议" if "建议" in title else "纲要" if "纲要" in title else "规划"
        return f"{region} {kind}"
    return region or file


def plan_entity_graph(store: ox.Store) -> nx.Graph:
    """Plans and entities as nodes; plan–entity ``mentions`` edges and typed relation edges.

    Node attributes: ``label``, ``type``, ``plans``, ``alt_labels``, ``mentions``,
    ``evidence`` (dicts of plan, section, sentence) and ``region`` for plans.
    """
    g = nx.Graph()
    names: dict[str, str] = {}
    for row in query(store, _PLANS):
        plan = row["plan"].value
        region = row["rlabel"].value if row["rlabel"] else None
        title = row["title"].value if row["title"] else None
        names[plan] = plan_name(region, row["file"].value, title)
        g.add_node(plan, label=names[plan], type="Plan", plans=[names[plan]], alt_labels=[row["file"].value],
                   mentions=0, evidence=[], region=region or "")
    plans_of: dict[str, set[str]] = defaultdict(set)
    for row in query(store, _ENTITIES):
        e, plan = row["e"].value, row["plan"].value
        type_ = row["type"].value.rsplit("#", 1)[-1]
        if e not in g:
            g.add_node(e, label=row["label"].value, type=type_, alt_labels=[], mentions=0, evidence=[])
        plans_of[e].add(names[plan])
        g.add_edge(plan, e, predicate="mentions", weight=1)
    for e, plans in plans_of.items():
        g.nodes[e]["plans"] = sorted(plans)
    for row in query(store, _ALTS):
        e = row["e"].value
        if e in g:
            g.nodes[e]["alt_labels"].append(row["alt"].value)
    for row in query(store, _MENTION_COUNTS):
        e = row["e"].value
        if e in g:
            g.nodes[e]["mentions"] = int(row["n"].value)
    _add_evidence(g, store, names)
    for row in query(store, _RELATIONS):
        s, o = row["s"].value, row["o"].value
        if s in g and o in g and g.nodes[s]["type"] != "Plan" and g.nodes[o]["type"] != "Plan":
            g.add_edge(s, o, predicate=row["p"].value.rsplit("#", 1)[-1], weight=1)
    for n in g:
        g.nodes[n]["alt_labels"] = sorted(set(g.nodes[n]["alt_labels"]))
    return g


def _add_evidence(g: nx.Graph, store: ox.Store, names: dict[str, str]) -> None:
    """Up to MAX_EVIDENCE sentences per entity, spread over its plans, in text order."""
    rows: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
    for row in query(store, _EVIDENCE):
        e = row["e"].value
        if e in g:
            section = row["section"].value if row["section"] else ""
            rows[e].append((names.get(row["plan"].value, ""), int(row["start"].value), section, row["text"].value))
    for e, items in rows.items():
        items = sorted(set(items))
        by_plan: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
        for item in items:
            by_plan[item[0]].append(item)
        chosen: list[tuple[str, int, str, str]] = []
        while len(chosen) < MAX_EVIDENCE and any(by_plan.values()):
            for plan in sorted(by_plan):
                if by_plan[plan] and len(chosen) < MAX_EVIDENCE:
                    chosen.append(by_plan[plan].pop(0))
        g.nodes[e]["evidence"] = [
            {"plan": p, "section": s, "sentence": t} for p, _, s, t in sorted(chosen)
        ]


def entity_types(g: nx.Graph) -> dict[str, int]:
    """Number of entities of each type."""
    counts: dict[str, int] = defaultdict(int)
    for _, data in g.nodes(data=True):
        if data["type"] != "Plan":
            counts[data["type"]] += 1
    return dict(sorted(counts.items()))


def shared_entities(g: nx.Graph, min_plans: int = 2, types: tuple[str, ...] | None = None) -> list[tuple[str, int, int]]:
    """Entities named by at least ``min_plans`` plans, as (iri, plans, mentions), most shared first.

    >>> g = nx.Graph()
    >>> g.add_node("e", type="Program", plans=["a", "b"], mentions=3, label="八八战略")
    >>> shared_entities(g)
    [('e', 2, 3)]
    """
    out = []
    for n, data in g.nodes(data=True):
        if data["type"] == "Plan" or (types and data["type"] not in types):
            continue
        if len(data["plans"]) >= min_plans:
            out.append((n, len(data["plans"]), data["mentions"]))
    return sorted(out, key=lambda t: (-t[1], -t[2], g.nodes[t[0]]["label"]))
