"""The view's graph made from a build's own data is the graph its store gives."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from plangraph.build import viewgraph
from plangraph.build.build import build, extract_all
from plangraph.graph import store
from plangraph.graph.resolve import Resolution, resolve
from plangraph.lexicon import load_lexicon
from plangraph.read.inputs import find_inputs
from plangraph.model import Entity
from plangraph.report import analytics, view


def _contents(g: nx.Graph) -> tuple[dict, dict]:
    """Nodes and edges with their data, whatever the order they were added in."""
    return dict(g.nodes(data=True)), {frozenset((u, v)): d for u, v, d in g.edges(data=True)}


@pytest.fixture(scope="module")
def built(tmp_path_factory, plans):
    """Two plans built with a view hook that keeps the graph it is given."""
    out = tmp_path_factory.mktemp("viewgraph") / "out"
    given: list[nx.Graph] = []
    result = build([plans["huzhou"], plans["wuxing"]], out, view=lambda g, folder: given.append(g))
    assert not result.failures and len(given) == 1
    return out, result, given[0]


def test_the_build_graph_is_the_store_graph(built):
    out, _, given = built
    from_store = analytics.plan_entity_graph(store.open_store(out))
    assert _contents(given) == _contents(from_store)
    assert any(d["predicate"] != "mentions" for *_, d in given.edges(data=True))
    assert any(d["evidence"] for _, d in given.nodes(data=True))


def test_the_graph_is_the_same_whatever_the_row_order(built, plans):
    _, _, given = built
    lexicon = load_lexicon()
    exs, _ = extract_all(find_inputs([plans["huzhou"], plans["wuxing"]]).plans)
    res = resolve(exs, lexicon)
    alone = [Resolution(res.entities, [res.mention_iris[i]], [res.plan_regions[i]], [res.relations[i]]) for i in range(2)]
    rows = viewgraph.merged_rows([viewgraph.plan_rows(ex, one, lexicon) for ex, one in zip(exs, alone)],
                                 res.entities.values(), res.part_of)
    rng = random.Random(7)
    shuffled = replace(rows, **{name: rng.sample(value, len(value)) for name, value in vars(rows).items()
                                if isinstance(value, list)})
    assert _contents(analytics.graph_of_rows(shuffled)) == _contents(given)


def test_of_two_relations_between_the_same_entities_the_later_kind_wins():
    rows = analytics.GraphRows(
        plans=[("p", "p.txt", None, None, "", "")],
        mentions=[("p", "a", "Platform", "甲"), ("p", "b", "Region", "乙")],
        relations=[("b", "hosts", "a"), ("a", "locatedIn", "b")],
    )
    for order in (rows.relations, rows.relations[::-1]):
        g = analytics.graph_of_rows(replace(rows, relations=order))
        assert g.edges["a", "b"] == {"predicate": "hosts", "weight": 1, "subject": "b"}


def test_merging_plans_keeps_the_evidence_the_view_shows():
    """Plans' rows merged one by one, keeping an entity's sentences from its first plans by name
    only, make the graph all the rows make together."""
    plans = []
    for n in reversed(range(analytics.MAX_EVIDENCE + 5)):
        plan = f"p{n:02d}"
        plans.append(analytics.GraphRows(
            plans=[(plan, f"{plan}.txt", None, None, "", "")],
            mentions=[(plan, "e", "Program", "甲")],
            mention_counts=[("e", 2)],
            evidence=[("e", plan, start, "一", f"{plan} 第{start}句") for start in (5, 1)],
        ))
    together = analytics.GraphRows(**{name: [row for one in plans for row in getattr(one, name)]
                                      for name in ("plans", "mentions", "evidence")},
                                   mention_counts=[("e", 2 * len(plans))])
    merged = viewgraph.merged_rows(plans, [], [])
    assert len(merged.evidence) == 2 * analytics.MAX_EVIDENCE
    assert _contents(analytics.graph_of_rows(merged)) == _contents(analytics.graph_of_rows(together))


def test_merged_rows_are_handed_over_not_kept():
    """The view's graph is made of the merged rows once; the merger keeps nothing of them after,
    so they are freed before the page is written."""
    merged = viewgraph.MergedRows()
    merged.add(analytics.GraphRows(plans=[("p", "p.txt", None, None, "", "")], mentions=[("p", "e", "Program", "甲")],
                                   evidence=[("e", "p", 1, "一", "甲。")], relations=[("e", "develops", "e")]))
    rows = merged.rows([], [])
    assert rows.mentions and rows.evidence and rows.relations
    again = merged.rows([], [])
    assert not (again.plans or again.mentions or again.evidence or again.relations or again.mention_counts)


def _corpus(plans: int) -> list[analytics.GraphRows]:
    """Plan ``n`` names entities e0…e{n} (e0 in every plan, e{n} in one), each with a sentence,
    the region r{n}, and relations between its entities and its region."""
    rows = []
    for n in range(plans):
        plan = f"p{n}"
        named = [f"e{i}" for i in range(n + 1)]
        rows.append(analytics.GraphRows(
            plans=[(plan, f"{plan}.txt", None, f"r{n}", "", "")],
            mentions=[(plan, e, "Program", e.upper()) for e in named] + [(plan, f"r{n}", "Region", f"R{n}")],
            mention_counts=[(e, 1) for e in named] + [(f"r{n}", 1)],
            evidence=[(e, plan, 1, "一", f"{plan} 的 {e}") for e in named],
            relations=[(e, "locatedIn", f"r{n}") for e in named] + [("e0", "cooperatesWith", named[-1])],
        ))
    return rows


def _merged(plans: list[analytics.GraphRows], limit: int, folder: Path | None = None,
            edges: int = 10_000) -> analytics.GraphRows:
    merged = viewgraph.MergedRows(limit, folder, edges)
    for one in plans:
        merged.add(one)
    entities = [Entity(f"e{i}", "Program", f"E{i}", alt_labels={f"别名{i}"}) for i in range(len(plans))]
    return merged.rows(entities, [(f"r{n}", "r0") for n in range(1, len(plans))])


def test_a_bounded_view_keeps_the_regions_and_the_most_shared(tmp_path):
    """Six plans, six programs and six regions, a bound of eight: the six regions and the two
    programs most plans name; edges only among those; the page says 8 of 12; the rows of the
    others were kept in the build's folder only while it ran."""
    g = analytics.graph_of_rows(_merged(_corpus(6), 8, tmp_path))
    entities = {n for n, t in g.nodes(data="type") if t != "Plan"}
    assert entities == {f"r{n}" for n in range(6)} | {"e0", "e1"}
    assert {n for n, t in g.nodes(data="type") if t == "Plan"} == {f"p{n}" for n in range(6)}
    assert g.graph["all_entities"] == {"Program": 6, "Region": 6}
    assert {tuple(sorted(e)) for e in g.edges} >= {("e0", "e1"), ("e1", "r1"), ("r0", "r5")}
    assert all(u in g and v in g for u, v in g.edges)
    assert g.nodes["e1"]["alt_labels"] == ["别名1"] and len(g.nodes["e0"]["evidence"]) == 6
    assert "显示 8 / 12 个实体 Showing 8 of 12 entities" in view.render_view(g)
    assert not list(tmp_path.iterdir())


def test_a_bounded_view_is_the_same_whatever_the_plan_order():
    plans = _corpus(7)
    page = view.render_view(analytics.graph_of_rows(_merged(plans, 9)))
    assert view.render_view(analytics.graph_of_rows(_merged(random.Random(3).sample(plans, 7), 9))) == page


def test_ties_go_to_more_mentions_then_to_the_iri():
    plans = [analytics.GraphRows(plans=[("p", "p.txt", None, None, "", "")],
                                 mentions=[("p", e, "Program", e) for e in ("c", "b", "a")],
                                 mention_counts=[("a", 1), ("b", 1), ("c", 2)])]
    assert set(analytics.graph_of_rows(_merged(plans, 2))) == {"p", "c", "a"}


def test_below_the_bound_the_view_is_the_whole_one():
    """A bound at or above the entities changes nothing: the same page, no note."""
    plans = _corpus(5)
    whole = view.render_view(analytics.graph_of_rows(_merged(plans, 10)))
    assert view.render_view(analytics.graph_of_rows(_merged(plans, 10_000))) == whole
    assert 'id="left-out"' not in whole


def test_a_bound_on_edges_keeps_every_entity_linked_and_its_strongest_edges_first():
    """Six plans: 21 program mentions, 6 region mentions, 21 locatedIn and 6 cooperatesWith
    relations (one of e0 with itself), 5 partOf: 59 edges. Drawn: at most 20, every entity still
    on the page with an edge to its first plan, each entity's panel listing all its plans; the
    page says 20 of 59."""
    plans = _corpus(6)
    whole = analytics.graph_of_rows(_merged(plans, 100))
    assert whole.number_of_edges() == 59 and "all_edges" not in whole.graph
    g = analytics.graph_of_rows(_merged(plans, 100, edges=20))
    assert g.graph["all_edges"] == 59 and g.number_of_edges() == 20
    assert set(g) == set(whole) and all(g.degree(n) for n in g)
    assert {frozenset(e) for e in g.edges} <= {frozenset(e) for e in whole.edges}
    assert all(g.nodes[n]["plans"] == whole.nodes[n]["plans"] for n in g)
    assert g.has_edge("p0", "e0") and not g.has_edge("p5", "e0")  # e0's first plan by name, not its sixth
    assert "20 of the 59 edges among them" in view.render_view(g)
    shuffled = random.Random(5).sample(plans, 6)
    assert view.render_view(analytics.graph_of_rows(_merged(shuffled, 100, edges=20))) == view.render_view(g)


def test_a_bound_below_the_entities_still_links_each_entity_once():
    g = analytics.graph_of_rows(_merged(_corpus(6), 100, edges=3))
    entities = [n for n, t in g.nodes(data="type") if t != "Plan"]
    assert len(entities) == 12 and g.number_of_edges() == 12 and g.graph["all_edges"] == 59
    assert all(g.degree(n) == 1 for n in entities)


def test_below_the_edge_bound_nothing_changes():
    plans = _corpus(6)
    assert view.render_view(analytics.graph_of_rows(_merged(plans, 100, edges=59))) == \
        view.render_view(analytics.graph_of_rows(_merged(plans, 100)))


def test_the_bound_changes_only_the_page(built, plans, tmp_path):
    """Two plans built with a bound of 60 entities: the same dataset, a page of the regions and
    the 60 most shared that says what it leaves out."""
    out, result, whole = built
    given: list[nx.Graph] = []
    build([plans["huzhou"], plans["wuxing"]], tmp_path / "out", view=lambda g, folder: given.append(g), view_entities=60)
    assert (tmp_path / "out" / store.TRIG).read_bytes() == (out / store.TRIG).read_bytes()
    shown = {n for n, t in given[0].nodes(data="type") if t != "Plan"}
    regions = {n for n, t in whole.nodes(data="type") if t == "Region"}
    assert shown >= regions and len(shown) == max(60, len(regions))
    assert sum(given[0].graph["all_entities"].values()) == sum(1 for _, t in whole.nodes(data="type") if t != "Plan")
    assert set(given[0].edges) <= set(whole.edges)
