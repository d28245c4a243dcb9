"""The one place that talks to Oxigraph: write the files, load the store, query it.

SPARQL runs on Oxigraph, never on rdflib's memory store (a five-way join took
130 s there and 0.17 s here). Queries see the union of all named graphs.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .vocab import PREFIXES

STORE_DIR = "store"
TRIG = "graph.trig"
TURTLE = "graph.ttl"


MERGE_FAN_IN = 64  # parts read at once while merging the union; more are merged in rounds


def write_files(parts: list[Path], out: Path, scratch: Path) -> int:
    """graph.trig (named graphs) and graph.ttl (their union) from N-Quads parts; the quad count.

    Each part is one named graph sorted by (s, p, o), and ``parts`` come in graph
    order, so both files stream: memory never holds more than a parser per part.
    """
    count = 0

    def quads() -> Iterator[ox.Quad]:
        nonlocal count
        for part in parts:
            for q in ox.parse(path=str(part), format=ox.RdfFormat.N_QUADS):
                count += 1
                yield q

    ox.serialize(quads(), str(out / TRIG), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    union = _merge_triples(parts, scratch)
    ox.serialize(ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES), str(out / TURTLE),
                 ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return count


def _merge_triples(parts: list[Path], scratch: Path) -> Path:
    """One N-Triples file of the distinct triples of all parts, sorted as strings (a k-way merge)."""
    rounds = 0
    while len(parts) > 1 or rounds == 0:
        merged = []
        for i in range(0, len(parts), MERGE_FAN_IN):
            target = scratch / f"union-{rounds}-{i // MERGE_FAN_IN}.nt"
            _merge_group(parts[i:i + MERGE_FAN_IN], target)
            merged.append(target)
        parts, rounds = merged, rounds + 1
    return parts[0]


def _merge_group(parts: list[Path], target: Path) -> None:
    streams = [(str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(path=str(p))) for p in parts]
    last = None
    with target.open("w", encoding="utf-8") as fh:
        for line in heapq.merge(*streams):
            if line != last:
                fh.write(line + " .\n")
                last = line


def write_store(quads: Iterable[ox.Quad], path: Path) -> None:
    """A fresh on-disk store holding the quads."""
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    del store


def open_store(out: Path) -> ox.Store:
    """Open a build's store read-only, with a clear error when there is none."""
    path = out / STORE_DIR if (out / STORE_DIR).is_dir() else out
    if not path.is_dir():
        raise FileNotFoundError(f"{out}: no Oxigraph store (run `plangraph build` first)")
    return ox.Store.read_only(str(path))


def query(store: ox.Store, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run SPARQL over the union of all plan graphs."""
    return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
