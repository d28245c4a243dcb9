"""The edges the build's view draws, chosen while the rows of its entities stream back.

At 100× the 5,000 entities of the view carry ~292,000 plan–entity rows and ~230,000 relations,
read back plan by plan (``viewgraph.MergedRows.rows``); held as rows of strings before the
strongest were chosen, they were the driver's largest memory. ``StrongestEdges`` takes them as
they come: a plan–entity pair is kept as one integer (the panel lists every plan of an entity,
drawn or not), and of the relations between two entities only the two ``graph_of_rows`` can
tell apart (the first, which places the edge, and the last, which it draws) as three integers,
folded batch by batch. The choice at the end is the one of all the rows at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from ..report.analytics import RELATIONS

_PREDICATE = {p: n for n, p in enumerate(RELATIONS)}

#: Relations waiting to be folded into one row or two per pair of entities, at least.
BATCH = 1 << 16


class StrongestEdges:
    """The edges of the entities of ``rank`` (lower is more shared) among ``plans`` ((plan IRI,
    name) each), bounded to ``limit``, each entity's strongest first.

    An entity's k-th edge to a plan is to its k-th plan by name (the panel's order), its k-th
    relation is to the k-th of its partners by rank, and a relation counts for whichever of its
    ends it is stronger for. Edges are taken by (k, the entity's rank, plans before relations):
    every entity's first edges before any entity's second. Every entity keeps its edge to its
    first plan, so it stays on the page; the plans whose edges go are still listed in its panel.

    >>> edges = StrongestEdges({"a": 0, "b": 1}, [("p", "p"), ("q", "q")], 4)
    >>> edges.mentions([(p, e, "Program", e) for p in "pq" for e in "ab"])
    >>> edges.relations([("a", "hosts", "b")])
    >>> [m[:2] for m in edges.drawn()], [m[:2] for m in edges.unlinked()], edges.drawn_relations(), edges.all_edges
    ([('p', 'a'), ('q', 'a'), ('p', 'b')], [('q', 'b')], [('a', 'hosts', 'b')], 5)
    """

    def __init__(self, rank: Mapping[str, int], plans: Iterable[tuple[str, str]], limit: int, batch: int = BATCH) -> None:
        self._iris = sorted(rank)  # an entity's number is its place in IRI order, as graph_of_rows sorts them
        self._number = {e: i for i, e in enumerate(self._iris)}
        self._ranks = np.array([rank[e] for e in self._iris], dtype=np.int64)
        names = dict(plans)
        self._plans = sorted(names, key=lambda p: (names[p], p))
        self._plan_number = {p: i for i, p in enumerate(self._plans)}
        self._limit, self._batch = limit, batch
        self._rows: dict[int, tuple[str, str]] = {}  # entity -> (type, label) of its first row
        self._named: list[np.ndarray] = []  # entity × plans + plan, per plan
        self._relations = np.empty(0, dtype=np.int64)  # one integer each (``_fold``), folded
        self._waiting: list[np.ndarray] = []  # rows as above, not folded yet
        self._waiting_rows = 0
        self._chosen: tuple[np.ndarray, np.ndarray] | None = None  # plan–entity pairs, relations drawn
        self.all_edges: int | None = None  # the edges among the entities, when only some are drawn

    def mentions(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Rows (plan IRI, entity IRI, type, label) of one plan; those of other entities are left."""
        codes = []
        for plan, e, kind, label in rows:
            n = self._number.get(e)
            if n is not None:
                codes.append(n * len(self._plans) + self._plan_number[plan])
                self._rows.setdefault(n, (kind, label))
        self._named.append(np.unique(np.array(codes, dtype=np.int64)))

    def relations(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Relations (subject, predicate, object); those of other entities are left."""
        number, entities, codes = self._number, len(self._iris), []
        for s, p, o in rows:
            if s in number and o in number:
                a, b = number[s], number[o]
                codes.append(((min(a, b) * entities + max(a, b)) << 4) | (_PREDICATE[p] << 1) | (a > b))
        self._waiting.append(np.array(codes, dtype=np.int64))
        self._waiting_rows += len(codes)
        if self._waiting_rows >= max(self._batch, len(self._relations)):
            self._fold()

    def _fold(self) -> None:
        """Keep of each pair of entities the first and the last of its relations in
        ``graph_of_rows``' order (predicate as in RELATIONS, subject, object). A relation is one
        integer: (its pair's lower number × entities + the higher) × 16 + predicate × 2 + whether
        the subject is the higher, so that order is the integers' (a pair's subject is the lower
        end or the higher, and the lower comes first)."""
        codes = np.unique(np.concatenate([self._relations, *self._waiting]))
        self._waiting, self._waiting_rows = [], 0
        first, last = _ends_of_runs(codes >> 4)
        self._relations = codes[first | last]

    def _choose(self) -> tuple[np.ndarray, np.ndarray]:
        """The plan–entity pairs drawn, as a mask over the pairs, and the relations drawn, by place."""
        if self._chosen is not None:
            return self._chosen
        self._fold()
        named = np.unique(np.concatenate([np.empty(0, dtype=np.int64), *self._named]))
        self._named = [named]
        drawn = np.flatnonzero(_ends_of_runs(self._relations >> 4)[1])  # the one graph_of_rows draws of each pair
        total = len(named) + len(drawn)
        if total <= self._limit:  # every row as it is, so the page is the unbounded one
            self._chosen = np.ones(len(named), dtype=bool), np.arange(len(self._relations))
            return self._chosen
        owner = named // len(self._plans)
        place = _place(owner)
        first = place == 0  # every entity's edge to its first plan is drawn
        pairs = self._relations[drawn] >> 4
        ends = np.stack([pairs // len(self._iris), pairs % len(self._iris)], axis=1)
        rest = np.concatenate([_keys(place, self._ranks[owner], 0)[~first], _relation_keys(ends, self._ranks)])
        take = min(len(rest), max(0, self._limit - int(first.sum())))
        chosen = np.argpartition(rest, take - 1)[:take] if 0 < take < len(rest) else np.arange(take)
        by_plan = np.flatnonzero(~first)
        taken = first.copy()
        taken[by_plan[chosen[chosen < len(by_plan)]]] = True
        self.all_edges = total
        self._chosen = taken, drawn[chosen[chosen >= len(by_plan)] - len(by_plan)]
        return self._chosen

    def _pairs(self, drawn: bool) -> Iterator[tuple[str, str, str, str]]:
        taken, _ = self._choose()
        for code in self._named[0][taken if drawn else ~taken].tolist():
            e, plan = divmod(code, len(self._plans))
            yield (self._plans[plan], self._iris[e], *self._rows[e])

    def drawn(self) -> list[tuple[str, str, str, str]]:
        """The plan–entity rows drawn, one per pair."""
        return list(self._pairs(True))

    def unlinked(self) -> Iterator[tuple[str, str, str, str]]:
        """The plan–entity rows not drawn, made as they are read: at 100× most of them."""
        return self._pairs(False)

    def drawn_relations(self) -> list[tuple[str, str, str]]:
        """The relations drawn; below the bound, the first and the last of every pair, which
        ``graph_of_rows`` draws as it would all of them."""
        _, places = self._choose()
        iris, relations = self._iris, []
        for code in self._relations[places].tolist():
            low, high = divmod(code >> 4, len(iris))
            s, o = (high, low) if code & 1 else (low, high)
            relations.append((iris[s], RELATIONS[(code >> 1) & 7], iris[o]))
        return relations


def _ends_of_runs(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each of ``groups`` (sorted) is the first of its run of equal ones, and the last."""
    first, last = np.ones(len(groups), dtype=bool), np.ones(len(groups), dtype=bool)
    first[1:] = last[:-1] = groups[1:] != groups[:-1]
    return first, last


def _relation_keys(ends: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """The key of each relation (its two ends' numbers): its k-th place among an end's partners by
    rank, the better of its two ends'."""
    loops = ends[:, 0] == ends[:, 1]
    index = np.arange(len(ends))
    end = np.concatenate([ends[:, 0], ends[~loops, 1]])
    other = np.concatenate([ends[:, 1], ends[~loops, 0]])
    edge = np.concatenate([index, index[~loops]])
    order = np.lexsort((ranks[other], end))
    keys = np.full(len(ends), np.iinfo(np.int64).max)
    np.minimum.at(keys, edge[order], _keys(_place(end[order]), ranks[end[order]], 1))
    return keys


def _place(groups: np.ndarray) -> np.ndarray:
    """Each item's place in its run of equal ``groups`` (sorted): 0, 1, 2… in every run."""
    return np.arange(len(groups)) - np.searchsorted(groups, groups, side="left")


def _keys(k: np.ndarray, rank: np.ndarray, kind: int) -> np.ndarray:
    """(k, rank, kind) as one sortable integer: ranks below 2**24 and kinds 0 (plan) or 1 (relation)."""
    return (k << 25) | (rank << 1) | kind
