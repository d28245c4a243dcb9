"""The view's edges chosen as the rows stream are those chosen of all the rows at once."""

from __future__ import annotations

import random

import pytest

from plangraph.build.viewedges import StrongestEdges
from plangraph.report import analytics
from plangraph.report.analytics import RELATIONS


def _at_once(mentions, relations, names, rank, limit):
    """The choice, by its definition, of every row at once: (pairs drawn, relations drawn, all edges)."""
    plans = sorted(names, key=lambda p: (names[p], p))
    drawn = {}  # pair of entities -> the relation graph_of_rows draws: the last by (predicate, subject, object)
    for s, p, o in set(relations):
        pair = (min(s, o), max(s, o))
        drawn[pair] = max(drawn.get(pair, (s, p, o)), (s, p, o), key=lambda r: (RELATIONS.index(r[1]), r[0], r[2]))
    total = len(mentions) + len(drawn)
    if total <= limit:
        return set(mentions), set(drawn.values()), None
    keys = {}
    for e in rank:
        for k, plan in enumerate(p for p in plans if (p, e) in mentions):
            keys[("plan", plan, e)] = (k, rank[e], 0)
        partners = sorted((r for pair, r in drawn.items() if e in pair), key=lambda r: rank[r[2] if r[0] == e else r[0]])
        for k, r in enumerate(partners):
            keys[r] = min(keys.get(r, (k, rank[e], 1)), (k, rank[e], 1))
    first = {key for key, value in keys.items() if key[0] == "plan" and value[0] == 0}
    rest = sorted((key for key in keys if key not in first), key=keys.get)
    chosen = first | set(rest[:max(0, limit - len(first))])
    return ({(plan, e) for kind, plan, e in (k for k in chosen if k[0] == "plan")},
            {k for k in chosen if k[0] != "plan"}, total)


def _rows(seed):
    rng = random.Random(seed)
    entities = [f"e{i:02d}" for i in range(rng.randint(1, 25))]
    plans = [f"p{i}" for i in range(rng.randint(1, 9))]
    names = {p: rng.choice("甲乙丙") for p in plans}  # plans of the same name: ties go to the IRI
    mentions = {(p, e) for p in plans for e in entities if rng.random() < 0.4} | {(rng.choice(plans), e) for e in entities}
    relations = [(rng.choice(entities), rng.choice(RELATIONS), rng.choice(entities)) for _ in range(rng.randint(0, 80))]
    relations += rng.sample(relations, len(relations) // 3)  # plans state relations again
    order = list(entities)
    rng.shuffle(order)
    return mentions, relations, names, {e: n for n, e in enumerate(order)}, rng


@pytest.mark.parametrize("seed", range(60))
def test_the_streaming_choice_is_the_choice_of_all_rows_at_once(seed):
    mentions, relations, names, rank, rng = _rows(seed)
    limit = rng.randint(0, len(mentions) + len(relations) + 3)
    edges = StrongestEdges(rank, list(names.items()), limit, batch=rng.randint(1, 8))
    plans = list(names)
    rng.shuffle(plans)
    for plan in plans:  # plan by plan, in any order, the relations in batches
        edges.mentions([(p, e, "Program", e.upper()) for p, e in mentions if p == plan])
        edges.relations(rng.sample(relations, rng.randint(0, len(relations))))
    edges.relations(relations)
    pairs, drawn, total = _at_once(mentions, relations, names, rank, limit)
    assert {row[:2] for row in edges.drawn()} == pairs and edges.all_edges == total
    assert {row[:2] for row in edges.unlinked()} == mentions - pairs
    if total is not None:
        assert set(edges.drawn_relations()) == drawn
    else:  # below the bound the graph is the one of every relation, edges in the same order
        plan_rows = [(p, p, None, names[p], "", "") for p in names]
        rows = [(p, e, "Program", e.upper()) for p, e in mentions]
        whole = analytics.graph_of_rows(analytics.GraphRows(plans=plan_rows, mentions=rows, relations=relations))
        streamed = analytics.graph_of_rows(analytics.GraphRows(plans=plan_rows, mentions=edges.drawn(),
                                                               relations=edges.drawn_relations()))
        assert list(streamed.edges(data=True)) == list(whole.edges(data=True))


def test_relations_are_folded_to_two_a_pair_as_they_come():
    """Eight predicates-and-directions between the same two entities, again and again: no more
    than the first and the last of them are held once folded."""
    edges = StrongestEdges({"a": 0, "b": 1}, [("p", "p")], 100, batch=4)
    for _ in range(50):
        edges.relations([(s, p, o) for p in RELATIONS for s, o in (("a", "b"), ("b", "a"))])
    assert len(edges.drawn_relations()) == 2
    assert edges.drawn_relations() == [("a", "locatedIn", "b"), ("b", "hosts", "a")]
