"""Comparison analytics on the five bundled plans: sharing, similarity, hierarchy, co-mention graph."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

from plangraph.graph.store import query
from plangraph.report import analytics
from plangraph.report.compare import general_frequencies


@pytest.fixture(scope="module")
def g(st) -> nx.Graph:
    return analytics.plan_entity_graph(st)


@pytest.fixture(scope="module")
def rows(st) -> list[tuple[str, str, str]]:
    return analytics.mention_rows(st)


@pytest.fixture(scope="module")
def counts(g, rows) -> analytics.Counts:
    return analytics.mention_counts(g, rows)


@pytest.fixture(scope="module")
def plan_of(g) -> dict[str, str]:
    """Plan node by region label (each bundled plan is one region's)."""
    return {g.nodes[p]["region"]: p for p in analytics.plan_order(g)}


@pytest.fixture(scope="module")
def comention(g, rows) -> nx.Graph:
    return analytics.comention_graph(g, rows)


def by_label(g: nx.Graph, label: str) -> str:
    (node,) = [n for n, d in g.nodes(data=True) if d["label"] == label and d["type"] != "Plan"]
    return node


def test_docstring_examples_run():
    assert doctest.testmod(analytics).failed == 0


def test_counts_cover_every_plan_and_leave_regions_out(g, counts, rows):
    assert list(counts) == analytics.plan_order(g) and len(counts) == 5
    types = {g.nodes[e]["type"] for c in counts.values() for e in c}
    assert types == set(analytics.INITIATIVE_TYPES)
    initiatives = sum(1 for _, _, e in rows if g.nodes[e]["type"] in analytics.INITIATIVE_TYPES)
    assert sum(n for c in counts.values() for n in c.values()) == initiatives


def test_the_eight_eight_strategy_is_shared_by_at_least_three_plans(g, counts):
    shared = analytics.shared_initiatives(g, counts)
    (row,) = [r for r in shared if r["label"] == "八八战略"]
    assert row["type"] == "Program" and len(row["plans"]) >= 3
    assert row["mentions"] == sum(counts[p][row["entity"]] for p in row["plans"])
    assert all(len(r["plans"]) >= 2 and r["type"] != "Region" for r in shared)
    assert [len(r["plans"]) for r in shared] == sorted((len(r["plans"]) for r in shared), reverse=True)


def test_an_everyday_word_does_not_outrank_a_named_program_shared_by_as_many_plans():
    g = nx.Graph()
    g.add_node("tour", label="旅游", type="Industry")
    g.add_node("88", label="八八战略", type="Program")
    counts = {"p": {"tour": 12, "88": 8}, "q": {"tour": 10, "88": 7}}
    weights = analytics.specificity({"tour": "旅游", "88": "八八战略"}, *general_frequencies({"旅游", "八八战略"}))
    assert weights["88"] == 1.0 and weights["tour"] < 0.6
    assert [r["label"] for r in analytics.shared_initiatives(g, counts, weights=weights)] == ["八八战略", "旅游"]
    assert [r["label"] for r in analytics.shared_initiatives(g, counts)] == ["旅游", "八八战略"]


def test_unique_initiatives_are_named_by_one_plan_only(counts):
    unique = analytics.unique_initiatives(counts)
    assert all(unique[p] for p in counts)
    for plan, items in unique.items():
        assert [n for _, n in items] == sorted((n for _, n in items), reverse=True)
        for e, n in items:
            assert counts[plan][e] == n
            assert not any(e in counts[other] for other in counts if other != plan)


def test_similarity_is_symmetric_with_a_unit_diagonal(counts):
    sim = analytics.similarity(counts)
    assert sim["plans"] == list(counts)
    for key in ("jaccard", "cosine"):
        m = sim[key]
        assert all(m[i][i] == 1.0 for i in range(len(m)))
        assert all(m[i][j] == m[j][i] and 0.0 < m[i][j] < 1.0 for i in range(len(m)) for j in range(len(m)) if i != j)


def test_similarity_of_a_plan_that_names_nothing_is_zero_not_nan():
    sim = analytics.similarity({"p": {"a": 3}, "empty": {}})
    assert sim["jaccard"] == [[1.0, 0.0], [0.0, 1.0]] and sim["cosine"] == [[1.0, 0.0], [0.0, 1.0]]


def test_projection_weights_are_the_initiatives_two_plans_share(counts):
    proj = analytics.plan_projection(counts)
    for a, b, w in proj.edges(data="weight"):
        assert w == len(counts[a].keys() & counts[b].keys())
    assert proj.number_of_edges() == 10


def test_wuxing_district_takes_over_from_huzhou_city(st, counts, plan_of, g):
    wuxing, huzhou = plan_of["吴兴区"], plan_of["湖州市"]
    parents = analytics.plan_parents(st)
    assert (wuxing, huzhou) in parents
    assert not any(child in (huzhou, plan_of["杭州市"], plan_of["绍兴市"]) for child, _ in parents)
    parts = analytics.vertical_alignment(counts, wuxing, huzhou)
    taken = {e for e, _, _ in parts["taken_over"]}
    assert len(taken) >= 100
    assert by_label(g, "八八战略") in taken
    assert taken | {e for e, _, _ in parts["added"]} == set(counts[wuxing])
    assert taken | {e for e, _, _ in parts["left_out"]} == set(counts[huzhou])


def test_comention_weight_counts_the_sentences_naming_both(st, comention):
    a, b, w = max(comention.edges(data="weight"), key=lambda t: (t[2], t[0], t[1]))
    sparql = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
      ?m1 oa:hasBody <{a}> ; pg:sentence ?s . ?m2 oa:hasBody <{b}> ; pg:sentence ?s }}"""
    assert w >= 2 and int(next(iter(query(st, sparql)))["n"].value) == w
    assert all(comention.nodes[n]["type"] in analytics.INITIATIVE_TYPES for n in comention)


def test_louvain_communities_are_the_same_every_run(g, rows, comention):
    first = analytics.communities(comention, seed=0)
    rebuilt = analytics.comention_graph(g, list(reversed(rows)))
    assert analytics.communities(rebuilt, seed=0) == first
    assert sorted(n for m in first for n in m) == sorted(comention)
    assert len(first[0]) > 10


def test_centrality_is_rounded_bounded_and_seeded(comention):
    cent = analytics.centrality(comention, k=150, seed=3)
    assert list(cent) == sorted(comention)
    assert abs(sum(v["pagerank"] for v in cent.values()) - 1) < 1e-3
    assert all(v["degree"] == comention.degree(n) and 0 <= v["betweenness"] <= 1 for n, v in cent.items())
    top = max(cent, key=lambda n: cent[n]["pagerank"])
    assert comention.nodes[top]["plans"] == 5
    assert analytics.centrality(comention, k=150, seed=3) == cent


def test_exportable_graphs_keep_scalars_only(g):
    flat = analytics.exportable(g)
    assert sorted(flat) == sorted(g) and flat.number_of_edges() == g.number_of_edges()
    values = [v for _, d in flat.nodes(data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float, bool)) for v in values)
    assert "八八戰略" in flat.nodes[by_label(g, "八八战略")]["alt_labels"]

