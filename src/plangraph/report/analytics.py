"""NetworkX graphs built from the RDF dataset, and plain functions over them.

Functions take a graph and return plain data; they never print or write files.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import numpy as np

from ..graph.store import Literal, Store, query

MAX_EVIDENCE = 10

_PLANS = """
SELECT ?plan ?file ?title ?region ?rlabel ?issued ?start WHERE {
  ?plan a pg:Plan ; pg:sourceFile ?file .
  OPTIONAL { ?plan dcterms:title ?title }
  OPTIONAL { ?plan dcterms:issued ?issued }
  OPTIONAL { ?plan pg:periodStart ?start }
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
RELATIONS = ("locatedIn", "partOf", "connects", "develops", "implements", "cooperatesWith", "hosts")
_RELATIONS = f"""
SELECT ?s ?p ?o WHERE {{
  VALUES ?p {{ {" ".join("pg:" + p for p in RELATIONS)} }}
  ?s ?p ?o .
}}"""
_MENTION_COUNTS = "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m oa:hasBody ?e } GROUP BY ?e"


def plan_name(region: str | None, file: str, title: str | None) -> str:
    """A short display name for a plan: region plus kind, else the file name."""
    if region and title:
        kind = "建议" if "建议" in title else "纲要" if "纲要" in title else "规划"
        return f"{region} {kind}"
    return region or file


@dataclass
class GraphRows:
    """What the plan–entity graph is made of, as plain rows: read from a store by SPARQL
    (``store_rows``) or from a build's own extractions (``build.viewgraph.graph_rows``)."""

    plans: list[tuple[str, str, str | None, str | None, str, str]] = field(default_factory=list)
    # plan IRI, source file, title, region's label, issued, first year of its period
    mentions: list[tuple[str, str, str, str]] = field(default_factory=list)  # plan IRI, entity IRI, type, label
    alt_labels: list[tuple[str, str]] = field(default_factory=list)  # entity IRI, alternative label
    mention_counts: list[tuple[str, int]] = field(default_factory=list)  # entity IRI, annotations with it as body
    evidence: Iterable[tuple[str, str, int, str, str]] = field(default_factory=list)
    # entity IRI, plan IRI, sentence start, section path, sentence text: one per annotation
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # subject, predicate (local name), object
    all_entities: dict[str, int] | None = None  # every entity of the build by type, when the rows hold only some
    unlinked: Iterable[tuple[str, str, str, str]] = field(default_factory=list)  # rows of ``mentions`` with no edge drawn
    all_edges: int | None = None  # the edges among the entities of the rows, when only some are drawn


def plan_entity_graph(store: Store) -> nx.Graph:
    """Plans and entities as nodes; plan–entity ``mentions`` edges and typed relation edges.

    Node attributes: ``label``, ``type``, ``plans``, ``alt_labels``, ``mentions``,
    ``evidence`` (dicts of plan, section, sentence) and ``region`` for plans.
    A relation edge keeps its RDF ``subject``, since the graph is undirected.
    """
    return graph_of_rows(store_rows(store))


def store_rows(store: Store) -> GraphRows:
    """The rows of the plan–entity graph, read from a build's store."""
    rows = GraphRows()
    for row in query(store, _PLANS):
        rows.plans.append((row["plan"].value, row["file"].value, _optional(row["title"]), _optional(row["rlabel"]),
                           _value(row["issued"]), _value(row["start"])))
    for row in query(store, _ENTITIES):
        rows.mentions.append((row["plan"].value, row["e"].value, row["type"].value.rsplit("#", 1)[-1], row["label"].value))
    rows.alt_labels = [(row["e"].value, row["alt"].value) for row in query(store, _ALTS)]
    rows.mention_counts = [(row["e"].value, int(row["n"].value)) for row in query(store, _MENTION_COUNTS)]
    rows.evidence = ((row["e"].value, row["plan"].value, int(row["start"].value), _value(row["section"]),
                      row["text"].value) for row in query(store, _EVIDENCE))  # read once, as the graph is made
    rows.relations = [(row["s"].value, row["p"].value.rsplit("#", 1)[-1], row["o"].value) for row in query(store, _RELATIONS)]
    return rows


def graph_of_rows(rows: GraphRows) -> nx.Graph:
    """The plan–entity graph (see ``plan_entity_graph``) of its rows, whatever their order."""
    g = nx.Graph()
    if rows.all_entities is not None:  # a bounded view: the page says what it leaves out
        g.graph["all_entities"] = rows.all_entities
    if rows.all_edges is not None:  # and what edges
        g.graph["all_edges"] = rows.all_edges
    names: dict[str, str] = {}
    for plan, file, title, region, issued, start in sorted(rows.plans):
        names[plan] = plan_name(region, file, title)
        g.add_node(plan, label=names[plan], type="Plan", plans=[names[plan]], alt_labels=[file],
                   mentions=0, evidence=[], region=region or "", issued=issued, period_start=start)
    plans_of: dict[str, set[str]] = defaultdict(set)
    for plan, e, type_, label in sorted(rows.mentions):
        if e not in g:
            g.add_node(e, label=label, type=type_, alt_labels=[], mentions=0, evidence=[])
        plans_of[e].add(names[plan])
        g.add_edge(plan, e, predicate="mentions", weight=1)
    for plan, e, *_ in rows.unlinked:  # listed in the entity's panel all the same
        if e in g:
            plans_of[e].add(names[plan])
    for e, plans in plans_of.items():
        g.nodes[e]["plans"] = sorted(plans)
    for e, alt in rows.alt_labels:
        if e in g:
            g.nodes[e]["alt_labels"].append(alt)
    for e, n in rows.mention_counts:
        if e in g:
            g.nodes[e]["mentions"] = n
    _add_evidence(g, rows.evidence, names)
    # a later relation between the same two entities replaces an earlier one: the order is RELATIONS'
    for s, p, o in sorted(set(rows.relations), key=lambda r: (RELATIONS.index(r[1]), r[0], r[2])):
        if s in g and o in g and g.nodes[s]["type"] != "Plan" and g.nodes[o]["type"] != "Plan":
            g.add_edge(s, o, predicate=p, weight=1, subject=s)
    for n in g:
        g.nodes[n]["alt_labels"] = sorted(set(g.nodes[n]["alt_labels"]))
    return g


def _add_evidence(g: nx.Graph, evidence: Iterable[tuple[str, str, int, str, str]], names: dict[str, str]) -> None:
    """Up to MAX_EVIDENCE sentences per entity, spread over its plans, in text order.

    Only the first MAX_EVIDENCE sentences of an entity in a plan can be chosen, so no more are
    kept per plan while reading: a plan with 500,000 mentions is not held as rows.
    """
    rows: dict[tuple[str, str], list[tuple[str, int, str, str]]] = defaultdict(list)  # (entity, plan) ->
    for e, plan_iri, start, section, text in evidence:
        if e in g:
            plan = names.get(plan_iri, "")
            kept = rows[(e, plan)]
            kept.append((plan, start, section, text))
            if len(kept) >= 4 * MAX_EVIDENCE:
                kept[:] = first_evidence(kept)
    by_entity: dict[str, dict[str, list[tuple[str, int, str, str]]]] = defaultdict(dict)
    for (e, plan), kept in rows.items():
        by_entity[e][plan] = first_evidence(kept)
    for e, by_plan in by_entity.items():
        chosen: list[tuple[str, int, str, str]] = []
        while len(chosen) < MAX_EVIDENCE and any(by_plan.values()):
            for plan in sorted(by_plan):
                if by_plan[plan] and len(chosen) < MAX_EVIDENCE:
                    chosen.append(by_plan[plan].pop(0))
        g.nodes[e]["evidence"] = [
            {"plan": p, "section": s, "sentence": t} for p, _, s, t in sorted(chosen)
        ]


def first_evidence(items: list[tuple]) -> list[tuple]:
    """The MAX_EVIDENCE first of one entity's sentences in one plan, by where they start."""
    return sorted(set(items))[:MAX_EVIDENCE]


def entity_types(g: nx.Graph) -> dict[str, int]:
    """Number of entities of each type."""
    counts: dict[str, int] = defaultdict(int)
    for _, data in g.nodes(data=True):
        if data["type"] != "Plan":
            counts[data["type"]] += 1
    return dict(sorted(counts.items()))


def _value(term: Literal | None) -> str:
    return term.value if term is not None else ""


def _optional(term: Literal | None) -> str | None:
    return term.value if term is not None else None


def adoption_order(g: nx.Graph, plans: list[str]) -> list[tuple[str, str]]:
    """Plans by when they were adopted, as (plan, date): the issue date, else the first year of
    the plan's period; plans with neither come last, with date "". Who adopted an initiative first
    is the head of this list over the plans that name it.

    >>> g = nx.Graph()
    >>> g.add_node("a", issued="2021-02-22", period_start="2021")
    >>> g.add_node("b", issued="", period_start="2026")
    >>> g.add_node("c", issued="2020-12-15", period_start="2021")
    >>> g.add_node("d", issued="", period_start="")
    >>> adoption_order(g, ["a", "b", "c", "d"])
    [('c', '2020-12-15'), ('a', '2021-02-22'), ('b', '2026'), ('d', '')]
    """
    def when(p: str) -> str:
        data = g.nodes[p] if p in g else {}
        return data.get("issued") or data.get("period_start") or ""

    return sorted(((p, when(p)) for p in plans), key=lambda t: (t[1] == "", t[1], t[0]))


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


# Comparing plans: what they share, where they differ, who follows whom.

INITIATIVE_TYPES = ("Program", "Industry", "Platform", "Project")

_MENTION_ROWS = "SELECT ?plan ?s ?e ?m WHERE { ?m oa:hasBody ?e ; pg:sentence ?s . ?s pg:plan ?plan }"
_SENTENCES = """
SELECT ?s ?start ?section ?text WHERE {
  ?s a pg:Sentence ; rdf:value ?text ; oa:start ?start . OPTIONAL { ?s pg:sectionPath ?section }
}"""
_PLAN_PARENTS = """
SELECT DISTINCT ?child ?parent WHERE {
  ?child a pg:Plan ; pg:region ?r . ?r pg:partOf+ ?up . ?parent a pg:Plan ; pg:region ?up .
}"""

Counts = dict[str, dict[str, int]]
Row = tuple[str, int, int]


def mention_rows(store: Store) -> list[tuple[str, str, str]]:
    """Every mention as (plan, sentence, entity) IRIs, sorted.

    The plan–entity graph folds mentions into one edge; co-mention and per-plan
    counts need them one by one.
    """
    rows = sorted((r["plan"].value, r["s"].value, r["e"].value, r["m"].value) for r in query(store, _MENTION_ROWS))
    return [(plan, sentence, e) for plan, sentence, e, _ in rows]


def sentences(store: Store) -> dict[str, tuple[int, str, str]]:
    """Every pg:Sentence as IRI → (start offset, section path, text as the file has it).

    The graph's evidence keeps a few sentences per entity; choosing the best
    quote for a plan needs all of them.
    """
    return {r["s"].value: (int(r["start"].value), r["section"].value if r["section"] else "", r["text"].value)
            for r in query(store, _SENTENCES)}


def plan_parents(store: Store) -> list[tuple[str, str]]:
    """(child plan, parent plan) pairs whose regions are linked by pg:partOf, sorted.

    Transitive, so a district plan follows its city's plan and its province's.
    """
    return sorted((r["child"].value, r["parent"].value) for r in query(store, _PLAN_PARENTS))


def plan_order(g: nx.Graph) -> list[str]:
    """Plan nodes ordered by display label, so tables and matrices read the same every run."""
    return sorted((n for n, d in g.nodes(data=True) if d["type"] == "Plan"), key=lambda n: (g.nodes[n]["label"], n))


def mention_counts(g: nx.Graph, rows: Iterable[tuple[str, str, str]], types: tuple[str, ...] = INITIATIVE_TYPES) -> Counts:
    """Mentions per plan of each entity of ``types``: ``{plan: {entity: n}}``, every plan a key.

    >>> g = nx.Graph()
    >>> g.add_node("p", type="Plan", label="湖州市 纲要"); g.add_node("e", type="Program")
    >>> mention_counts(g, [("p", "s1", "e"), ("p", "s2", "e")])
    {'p': {'e': 2}}
    """
    counts: Counts = {p: {} for p in plan_order(g)}
    for plan, _, e in rows:
        if plan in counts and e in g and g.nodes[e]["type"] in types:
            counts[plan][e] = counts[plan].get(e, 0) + 1
    return {p: dict(sorted(c.items())) for p, c in counts.items()}


def specificity(labels: Mapping[str, str], freq: Mapping[str, int], total: int) -> dict[str, float]:
    """1 − log(1+f)/log(1+total) for each label's frequency f in a general-language corpus.

    Everyday words (旅游, 食品) turn up in every plan without being a shared
    initiative; a name no general dictionary holds (八八战略) keeps its full weight.

    >>> specificity({"a": "八八战略", "b": "旅游"}, {"旅游": 999}, 999_999)
    {'a': 1.0, 'b': 0.5}
    """
    return {k: round(1 - math.log1p(freq.get(v, 0)) / math.log1p(total), 4) for k, v in sorted(labels.items())}


def initiative_score(mentions: int, weight: float) -> float:
    """(1 + ln mentions) × weight, the order of shared initiatives among the same number of plans.

    >>> initiative_score(57, 0.4591), initiative_score(14, 1.0)
    (2.315, 3.639)
    """
    return round((1 + math.log(mentions)) * weight, 3) if mentions > 0 else 0.0


def shared_initiatives(g: nx.Graph, counts: Counts, min_plans: int = 2, weights: Mapping[str, float] | None = None) -> list[dict]:
    """Entities of ``counts`` that at least ``min_plans`` plans mention.

    Ranked by number of plans, then by ``score`` = (1 + ln mentions) × weight (e.g.
    ``specificity``): tf-idf with the usual sublinear term frequency. Raw mentions
    would let an everyday word win on sheer repetition (旅游, 57 mentions at weight
    0.46, over 八八战略, 14 at 1.0); on a log scale a tenfold count adds a constant,
    and the weight decides between a common word and a name.
    Each row: entity, label, type, plans (plan nodes, earliest adopted first), mentions, weight,
    score, and ``first``, the plans that adopted it first by plan date (``first_date``), [] if no
    plan is dated; a plan dated by its period's year alone ties with the dated plans of that year.
    """
    plans_of: dict[str, list[str]] = defaultdict(list)
    for plan, c in counts.items():
        for e in c:
            plans_of[e].append(plan)
    out = []
    for e, plans in plans_of.items():
        if len(plans) >= min_plans:
            mentions = sum(counts[p][e] for p in plans)
            weight = (weights or {}).get(e, 1.0)
            order = adoption_order(g, plans)
            first_date = order[0][1]
            out.append({"entity": e, "label": g.nodes[e]["label"], "type": g.nodes[e]["type"],
                        "plans": [p for p, _ in order], "mentions": mentions, "weight": weight,
                        "score": initiative_score(mentions, weight), "first_date": first_date,
                        "first": [p for p, d in order if first_date and d.startswith(first_date)]})
    return sorted(out, key=lambda r: (-len(r["plans"]), -r["score"], r["label"], r["entity"]))


def unique_initiatives(counts: Counts) -> dict[str, list[tuple[str, int]]]:
    """For each plan, the entities no other plan mentions, most mentioned first.

    >>> unique_initiatives({"p": {"a": 1, "b": 3}, "q": {"a": 2}})
    {'p': [('b', 3)], 'q': []}
    """
    seen = Counter(e for c in counts.values() for e in c)
    return {p: sorted(((e, n) for e, n in c.items() if seen[e] == 1), key=lambda t: (-t[1], t[0]))
            for p, c in counts.items()}


def similarity(counts: Counts) -> dict[str, list]:
    """Plan × plan Jaccard (entity sets) and cosine (TF-IDF of mentions), rounded, symmetric.

    TF-IDF is raw counts times the smoothed idf ln((1+N)/(1+df)) + 1, so what
    every plan names still counts a little and a plan's own emphases count more.

    >>> s = similarity({"p": {"a": 1, "b": 1}, "q": {"a": 2}})
    >>> s["jaccard"], s["cosine"][0][0]
    ([[1.0, 0.5], [0.5, 1.0]], 1.0)
    """
    plans = list(counts)
    vocab = {e: i for i, e in enumerate(sorted({e for c in counts.values() for e in c}))}
    tf = np.zeros((len(plans), len(vocab)))
    for i, p in enumerate(plans):
        for e, n in counts[p].items():
            tf[i, vocab[e]] = n
    tfidf = tf * (np.log((1 + len(plans)) / (1 + (tf > 0).sum(axis=0))) + 1)
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    unit = np.divide(tfidf, norms, out=np.zeros_like(tfidf), where=norms > 0)
    cosine = unit @ unit.T
    cosine = (cosine + cosine.T) / 2
    np.fill_diagonal(cosine, 1.0)
    sets = [set(counts[p]) for p in plans]
    jaccard = [[1.0 if i == j else round(len(a & b) / len(a | b), 4) if a | b else 0.0 for j, b in enumerate(sets)]
               for i, a in enumerate(sets)]
    return {"plans": plans, "jaccard": jaccard, "cosine": [[round(float(x), 4) for x in row] for row in cosine]}


def plan_projection(counts: Counts) -> nx.Graph:
    """Plans linked by how many entities both mention: the plan side of the bipartite graph.

    >>> sorted(plan_projection({"p": {"a": 1, "b": 1}, "q": {"a": 2, "b": 1}, "r": {}}).edges(data="weight"))
    [('p', 'q', 2)]
    """
    b = nx.Graph()
    b.add_nodes_from(counts, bipartite=0)
    b.add_edges_from((p, ("entity", e)) for p, c in counts.items() for e in c)
    return nx.bipartite.weighted_projected_graph(b, list(counts))


def vertical_alignment(counts: Counts, child: str, parent: str) -> dict[str, list[Row]]:
    """What the ``child`` plan takes over from its ``parent`` plan, what it adds and what it leaves out.

    Rows are (entity, mentions in child, mentions in parent), most mentioned first.

    >>> vertical_alignment({"d": {"a": 2, "b": 1}, "c": {"a": 1, "x": 5}}, "d", "c")["taken_over"]
    [('a', 2, 1)]
    """
    c, p = counts[child], counts[parent]

    def rows(keys: set[str]) -> list[Row]:
        return sorted(((e, c.get(e, 0), p.get(e, 0)) for e in keys), key=lambda r: (-r[1] - r[2], r[0]))

    return {"taken_over": rows(c.keys() & p.keys()), "added": rows(c.keys() - p.keys()),
            "left_out": rows(p.keys() - c.keys())}


def comention_graph(g: nx.Graph, rows: Iterable[tuple[str, str, str]], types: tuple[str, ...] = INITIATIVE_TYPES) -> nx.Graph:
    """Entities of ``types`` linked by the number of sentences that mention both (``weight``).

    Nodes carry label, type, mentions and the number of plans; they are added in
    sorted order so that seeded algorithms see the same graph every run.
    """
    by_sentence: dict[str, set[str]] = defaultdict(set)
    for _, sentence, e in rows:
        if e in g and g.nodes[e]["type"] in types:
            by_sentence[sentence].add(e)
    c = nx.Graph()
    for e in sorted(set().union(*by_sentence.values())):
        d = g.nodes[e]
        c.add_node(e, label=d["label"], type=d["type"], mentions=d["mentions"], plans=len(d["plans"]))
    pairs = Counter(pair for es in by_sentence.values() for pair in combinations(sorted(es), 2))
    c.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pairs.items()))
    return c


def centrality(c: nx.Graph, k: int | None = None, seed: int = 0) -> dict[str, dict[str, float]]:
    """Degree, weighted PageRank and betweenness of each node, rounded.

    Exact betweenness is quadratic; ``k`` samples that many sources (seeded) instead.

    >>> centrality(nx.path_graph(["a", "b", "c"]))["b"]
    {'degree': 2, 'pagerank': 0.486486, 'betweenness': 1.0}
    """
    if not len(c):
        return {}
    pagerank = nx.pagerank(c, weight="weight")
    between = nx.betweenness_centrality(c, k=k if k and k < len(c) else None, seed=seed)
    return {n: {"degree": c.degree(n), "pagerank": round(pagerank[n], 6), "betweenness": round(between[n], 6)}
            for n in sorted(c)}


def communities(c: nx.Graph, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities, seeded so one input gives one answer; largest first, members sorted.

    >>> communities(nx.Graph([("a", "b"), ("c", "d")]))
    [['a', 'b'], ['c', 'd']]
    """
    found = nx.community.louvain_communities(c, weight="weight", resolution=resolution, seed=seed)
    return sorted((sorted(m) for m in found), key=lambda m: (-len(m), m[0]))


def exportable(g: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes (lists joined by " | ", others dropped), as GraphML and GEXF need.

    >>> g = nx.Graph(); g.add_node("e", plans=["a", "b"], evidence=[{}], mentions=2)
    >>> exportable(g).nodes["e"]
    {'plans': 'a | b', 'mentions': 2}
    """
    def flat(data: dict) -> dict:
        out = {}
        for key, value in data.items():
            if isinstance(value, (str, int, float, bool)):
                out[key] = value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = " | ".join(value)
        return out

    h = nx.Graph()
    h.add_nodes_from((n, flat(d)) for n, d in sorted(g.nodes(data=True)))
    h.add_edges_from((a, b, flat(d)) for a, b, d in sorted(g.edges(data=True), key=lambda t: (t[0], t[1])))
    return h
