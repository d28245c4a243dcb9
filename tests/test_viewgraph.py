"""The view's graph made from a build's own data is the graph its store gives."""

from __future__ import annotations

import random
from dataclasses import replace

import networkx as nx
import pytest

from plangraph.build import viewgraph
from plangraph.build.build import build, extract_all
from plangraph.graph import store
from plangraph.graph.resolve import Resolution, resolve
from plangraph.lexicon import load_lexicon
from plangraph.read.inputs import find_inputs
from plangraph.report import analytics


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
    shuffled = replace(rows, **{name: rng.sample(value, len(value)) for name, value in vars(rows).items()})
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
