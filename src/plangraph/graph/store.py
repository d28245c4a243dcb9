"""The one place that talks to Oxigraph: write the files, load the store, query it.

SPARQL runs on Oxigraph, never on rdflib's memory store (a five-way join took
130 s there and 0.17 s here). Queries see the union of all named graphs.

No other module imports pyoxigraph: the store's type, its term types and the kinds
of answer a query gives are named here (``store.Store``, ``store.Literal``,
``store.QuerySolutions``…), and serializing goes through the functions below.
A build's quads reach it as N-Quads files (``graph/rdf.py`` writes them as text).
"""

from __future__ import annotations

import contextlib
import heapq
import io
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import pyoxigraph as ox

T = TypeVar("T")


def _prefixes() -> dict[str, str]:
    """plangraph's prefixes, from ``vocab`` (which loads rdflib) only when asked: the build's store
    loader (``build/loader.py``) needs none, and starts in 0.05 s of CPU instead of 0.25 s."""
    from .vocab import PREFIXES

    return PREFIXES


# The store, its terms and its answers, for the rest of plangraph.
Store = ox.Store
BlankNode, Literal, NamedNode, Quad, Triple = ox.BlankNode, ox.Literal, ox.NamedNode, ox.Quad, ox.Triple
QueryBoolean, QuerySolutions, QueryTriples = ox.QueryBoolean, ox.QuerySolutions, ox.QueryTriples
QueryResultsFormat = ox.QueryResultsFormat
Answer = QuerySolutions | QueryBoolean | QueryTriples

STORE_DIR = "store"
TRIG = "graph.trig"
TURTLE = "graph.ttl"
HTML = "graph.html"  # the explorer the build writes beside the graph files


# parts read at once while merging the union; more are merged in rounds, and every round
# rewrites the whole union (at 64, 150 plans took 5.6 s against 3.4 s in one round of 512)
MAX_FAN_IN = 1024


def merge_fan_in() -> int:
    """As many parts as half the process's open-file limit allows, up to ``MAX_FAN_IN``."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return MAX_FAN_IN // 2
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return max(2, min(MAX_FAN_IN, soft // 2)) if soft > 0 else MAX_FAN_IN


def write_files(parts: list[Path], out: Path, scratch: Path) -> None:
    """graph.trig (named graphs) and graph.ttl (their union) from N-Quads parts.

    Each part is one named graph, its lines sorted and distinct, and ``parts`` come
    in graph order, so both files stream: memory holds a line per part, not the dataset.
    The parts are read ``lenient``ly, as the store loads them: their IRIs are minted by
    ``graph/iri.py`` (only what an IRI may carry) and their terms written by ``graph/terms.py``
    in Oxigraph's own form, and checking every IRI and language tag again took half of the
    TriG's CPU and a third of the Turtle's.
    """
    chained = itertools.chain.from_iterable(
        ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS, lenient=True) for p in parts)
    ox.serialize(chained, str(out / TRIG), ox.RdfFormat.TRIG, prefixes=_prefixes())
    union = _merge_triples(parts, scratch)
    ox.serialize(ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES, lenient=True), str(out / TURTLE),
                 ox.RdfFormat.TURTLE, prefixes=_prefixes())


def _merge_triples(parts: list[Path], scratch: Path) -> Path:
    """One N-Triples file of the distinct triples of all parts, in line order (a k-way merge).

    A part's lines are ``S P O G .``: dropping the graph keeps them sorted, and sorted
    lines are sorted triples, since no term is a proper prefix of another before a space.
    """
    rounds, fan_in = 0, merge_fan_in()
    while len(parts) > 1 or rounds == 0:
        merged = []
        for i in range(0, len(parts), fan_in):
            target = scratch / f"union-{rounds}-{i // fan_in}.nt"
            _merge_group(parts[i:i + fan_in], target)
            merged.append(target)
        parts, rounds = merged, rounds + 1
    return parts[0]


def merge_sorted(runs: list[Path], target: Path) -> int:
    """One file of the distinct lines of files of sorted lines, in order (a k-way merge): the
    N-Quads part of a graph written in sorted runs. Returns the number of lines written."""
    return _merge_group(runs, target, as_triples=False)


def _merge_group(parts: list[Path], target: Path, as_triples: bool = True) -> int:
    written = 0
    with contextlib.ExitStack() as files:
        streams = [_triple_lines(files.enter_context(p.open("rb")), as_triples and p.suffix == ".nq") for p in parts]
        last = None
        with target.open("wb") as fh:
            for line in heapq.merge(*streams):
                if line != last:
                    fh.write(line)
                    last = line
                    written += 1
    return written


def _triple_lines(lines: Iterable[bytes], quads: bool) -> Iterator[bytes]:
    """N-Triples lines of N-Quads lines (the graph, the last term, dropped), or the lines as they are."""
    if not quads:
        yield from lines
        return
    for line in lines:
        yield line[:line.rindex(b" <")] + b" .\n"


# quads one bulk load takes at most: Oxigraph holds about 1 KB a quad of a load (one load of
# 1M quads took 0.9 GB, measured), so a load is kept to about one plan's part (the bundled
# plans' parts have 7,000-23,000 quads) and costs no more memory than loading part by part
# did, while each load leaves files of its own that the compaction then merges: fewer loads,
# less compaction (the bundled parts' store: 1.00 s of CPU one part a load, 0.87 s in loads
# of up to 25,000 quads, 0.82 s in one load that held 58 MB more)
LOAD_QUADS = 25_000


def load_groups(parts: Iterable[tuple[T, int]], most: int = LOAD_QUADS) -> Iterator[list[T]]:
    """N-Quads files (with their quad counts) in their order, grouped into loads of at most
    ``most`` quads; a bigger file is a load of its own. (Any items with sizes: a build's
    extraction workers take their files in such runs, ``build.extracting``.)

    >>> files = [(Path("a"), 60), (Path("b"), 30), (Path("c"), 20), (Path("d"), 200)]
    >>> [[p.name for p in group] for group in load_groups(files, most=100)]
    [['a', 'b'], ['c'], ['d']]
    """
    group: list[T] = []
    size = 0
    for path, quads in parts:
        if group and size + quads > most:
            yield group
            group, size = [], 0
        group.append(path)
        size += quads
    if group:
        yield group


def write_store(loads: Iterable[list[Path]], path: Path) -> None:
    """A fresh on-disk store bulk-loaded from N-Quads files, then compacted.

    Each of ``loads`` is one bulk load of its files read one after another (``load_groups``
    keeps it to ``LOAD_QUADS``, so memory stays bounded). Compacting makes aggregating queries
    about 1.5x faster. A build runs this in a process of its own (``build/loader.py``).
    ``lenient``, as in ``write_files``. The parts name no blank node, so reading them as one
    document joins nothing.
    """
    store = ox.Store(str(path))
    for files in loads:
        with _Concatenated(files) as stream:
            store.bulk_load(stream, format=ox.RdfFormat.N_QUADS, lenient=True)
    store.optimize()
    store.flush()
    del store


class _Concatenated(io.RawIOBase):
    """Files read one after another as one binary stream: one bulk load of several parts."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._paths = iter(paths)
        self._file: BinaryIO | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self._file is None:
                path = next(self._paths, None)
                if path is None:
                    return 0
                self._file = path.open("rb")
            read = self._file.readinto(buffer)
            if read:
                return read
            self._file.close()
            self._file = None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        super().close()


def store_path(out: Path) -> Path:
    """The store folder of a build (``out`` may also be that folder), with a one-line error when there is none."""
    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such folder (give the folder `plangraph build --out` wrote)")
    path = out / STORE_DIR if (out / STORE_DIR).is_dir() else out
    if not (path / "CURRENT").is_file():
        raise FileNotFoundError(f"{out}: not a plangraph build (it has no {STORE_DIR}/ folder); "
                                f"run `plangraph build PLANS --out {out}` first")
    return path


def open_store(out: Path) -> Store:
    """Open a build's store read-only, with a clear error when there is none."""
    path = store_path(out)
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise OSError(f"{out}: cannot open the build's store ({' '.join(str(exc).split())})") from None


def query(store: Store, sparql: str) -> Answer:
    """Run SPARQL over the union of all plan graphs."""
    return store.query(sparql, use_default_graph_as_union=True, prefixes=_prefixes())


def ntriples(triples: Iterable[Triple]) -> bytes:
    """Triples as N-Triples, what a Graph Store PUT sends."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def rdf_as(triples: Iterable[Triple], media_type: str) -> tuple[str, bytes]:
    """Triples in the RDF syntax of ``media_type`` (with plangraph's prefixes), and that syntax's own media type."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF syntax for {media_type}")
    return fmt.media_type, ox.serialize(triples, format=fmt, prefixes=_prefixes())


def load_file(path: Path) -> Store:
    """An in-memory store of one TriG, N-Quads, Turtle or N-Triples file (triples go to the default graph)."""
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
           ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}[path.suffix.lower()]
    store = ox.Store()
    with path.open("rb") as fh:
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            store.load(fh, fmt, to_graph=ox.DefaultGraph())
        else:
            store.load(fh, fmt)
    return store


def read_trig(path: Path) -> Iterator[Quad]:
    """The quads of a TriG file one at a time, in file order (a build's graph.trig, streamed)."""
    return ox.parse(path=str(path), format=ox.RdfFormat.TRIG)


def write_nquads(quads: Iterable[Quad], path: Path) -> int:
    """Stream quads into an N-Quads file; returns how many were written."""
    written = 0

    def counted() -> Iterator[Quad]:
        nonlocal written
        for quad in quads:
            written += 1
            yield quad

    ox.serialize(counted(), str(path), ox.RdfFormat.N_QUADS)
    return written
