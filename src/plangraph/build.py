"""Build: plan files in, dataset files, an Oxigraph store and the HTML view out.

One bad file never loses the rest: each file fails alone with a one-line
reason. Extraction, the slow per-file part, runs in worker processes
(``jobs``) and is cached per file (``cache.py``); resolution across plans is
global and redone every build. Each plan's graph is written as its own sorted
N-Quads part and the parts are streamed into graph.trig, graph.ttl and the
store, so memory holds one plan's quads at a time and the output does not
depend on file order or ``jobs``. Everything is written to a staging folder
first and moved into place at the end, so a failed or interrupted build
leaves the previous output as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .cache import CACHE_DIR, ExtractionCache
from .errors import InputError
from .extract import build_pipeline, extract
from .ingest import MAX_BYTES, PLAN_SUFFIXES, plan_notes, plan_problem, read_source
from .iri import plan_graph_iri
from .lexicon import load_lexicon
from .manifest import infer_meta, load_manifest, with_region_code
from .model import Extraction, PlanMeta
from .rdf import entities_graph_quads, plan_id, plan_quads
from .resolve import Resolution, resolve
from .store import STORE_DIR, TRIG, TURTLE, write_files, write_store
from .structure import parse
from .targets import extract_targets
from .vocab import ENTITIES_GRAPH

MANIFEST = "manifest.csv"
HTML = "graph.html"
PARTS = "parts"


@dataclass
class BuildResult:
    """What a build produced, which files it could not use, and how much it reused."""

    out: Path
    extractions: list[Extraction] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    quads: int = 0
    reused: int = 0  # files whose extraction came from the cache
    extracted: int = 0  # files extracted in this build


def find_inputs(paths: Iterable[Path]) -> tuple[list[Path], dict[str, PlanMeta]]:
    """Plan files under the given files and folders, with manifest rows where a folder has one."""
    files: set[Path] = set()
    metas: dict[str, PlanMeta] = {}
    for path in paths:
        if path.is_dir():
            if (path / MANIFEST).is_file():
                metas.update(load_manifest(path / MANIFEST))
            files.update(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES and not p.name.startswith((".", "README"))
            )
        elif path.exists():
            files.add(path)
        else:
            raise InputError(path, "no such file or folder")
    return sorted(files, key=lambda p: (p.name, str(p))), metas


def process(path: Path, meta: PlanMeta | None, max_bytes: int = MAX_BYTES) -> Extraction:
    """One file through ingest, structure and extraction; a file that is no plan raises ``InputError``."""
    source = read_source(path, max_bytes)
    problem = plan_problem(source, declared=meta is not None)
    if problem:
        raise InputError(path, problem)
    if meta is None:
        meta = infer_meta(source, path.name)
    meta = with_region_code(meta, source.text, load_lexicon())
    ex = extract(parse(source, meta))
    ex.targets = extract_targets(ex.document)
    ex.notes = [f"{path.name}: {note}" for note in plan_notes(source)]
    return ex


def extract_file(path: Path, meta: PlanMeta | None = None, max_bytes: int = MAX_BYTES) -> Extraction | str:
    """``process`` for a worker: the extraction, or the file's one-line failure.

    Anything a damaged file makes the pipeline raise is that file's failure,
    never the build's; failures travel as strings because they cross processes.
    """
    try:
        return process(path, meta, max_bytes)
    except InputError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one file's crash must not lose the other files
        return f"{path.name}: cannot be processed ({type(exc).__name__}: {exc})"


def extract_all(
    files: list[Path],
    metas: dict[str, PlanMeta],
    *,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    reuse: bool = True,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
) -> tuple[list[Extraction], list[str]]:
    """Extractions of ``files`` in their order and the failures.

    With a ``cache``, every new extraction is stored and, if ``reuse``, cached ones are reused.
    """
    keys: dict[Path, str] = {}
    ready: dict[Path, Extraction] = {}
    for path in files if cache is not None else ():
        try:
            if path.stat().st_size > max_bytes:
                continue  # never hashed: read_source refuses it from its size alone
            keys[path] = cache.entry_key(path, metas.get(path.name))
        except OSError:
            continue  # read_source reports it
        hit = cache.get(keys[path], path) if reuse else None
        if hit is not None:
            ready[path] = hit
    todo = [p for p in files if p not in ready]
    extractions: list[Extraction] = []
    failures: list[str] = []
    pool = _pool(jobs, len(todo))
    try:
        pending = {p: pool.submit(extract_file, p, metas.get(p.name), max_bytes) for p in todo} if pool else {}
        for path in progress(files):
            if path in ready:
                got: Extraction | str = ready[path]
            elif pool is not None:
                got = pending[path].result()
            else:
                got = extract_file(path, metas.get(path.name), max_bytes)
            if isinstance(got, str):
                failures.append(got)
                continue
            if path not in ready and path in keys and cache is not None:
                cache.put(keys[path], got)
            extractions.append(got)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return extractions, failures


def _pool(jobs: int, tasks: int) -> ProcessPoolExecutor | None:
    """Worker processes when ``jobs`` > 1 and there is more than one file; else None (run here)."""
    if jobs <= 1 or tasks <= 1:
        return None
    # fork shares the pipeline this process built; elsewhere each worker builds its own once
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(
        max_workers=min(jobs, tasks), mp_context=multiprocessing.get_context(method), initializer=build_pipeline
    )


def plan_nquads(ex: Extraction, res: Resolution, index: int) -> bytes:
    """The named graph of one plan as N-Quads sorted by (s, p, o): one part of the dataset.

    ``index`` is the plan's position in the extractions ``res`` was resolved from.
    Parts are independent, so a cluster can write them in parallel (README: Scale).
    """
    graph = ox.NamedNode(plan_graph_iri(plan_id(ex)))
    quads = plan_quads(ex, res.mention_iris[index], res.plan_regions[index], res.relations[index])
    return _sorted_nquads(q for q in quads if q.graph_name == graph)


def entities_nquads(extractions: list[Extraction], res: Resolution) -> bytes:
    """The shared entities graph as sorted N-Quads."""
    return _sorted_nquads(entities_graph_quads(extractions, res))


def _sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Quads of one graph as distinct, sorted N-Quads lines: sorted lines are quads in
    (s, p, o) order, and sorting bytes is far cheaper than sorting terms."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


# What forked part writers read: set just before the fork, so nothing is pickled to them.
_FORKED: tuple[list[Extraction], Resolution] | None = None


def dataset_parts(extractions: list[Extraction], res: Resolution, jobs: int = 1) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, N-Quads) of the entities graph and of every plan, in order.

    With ``jobs`` > 1 and ``fork``, forked workers write the plan parts: they inherit
    the extractions and the resolution instead of receiving them pickled.
    """
    global _FORKED
    yield str(ENTITIES_GRAPH), entities_nquads(extractions, res)
    graphs = [plan_graph_iri(plan_id(ex)) for ex in extractions]
    if jobs <= 1 or len(extractions) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for i, ex in enumerate(extractions):
            yield graphs[i], plan_nquads(ex, res, i)
        return
    _FORKED = (extractions, res)
    try:
        with ProcessPoolExecutor(min(jobs, len(extractions)), mp_context=multiprocessing.get_context("fork")) as pool:
            yield from zip(graphs, pool.map(_forked_part, range(len(extractions))))
    finally:
        _FORKED = None


def _forked_part(index: int) -> bytes:
    assert _FORKED is not None, "only called in a worker forked by dataset_parts"
    extractions, res = _FORKED
    return plan_nquads(extractions[index], res, index)


def write_dataset(parts: Iterable[tuple[str, bytes]], folder: Path) -> int:
    """graph.trig, graph.ttl and the store in ``folder`` from (graph IRI, N-Quads) parts in any
    order; parts wait on disk, so memory holds one at a time. Returns the quad count.

    The store loads in a second thread while this one writes the files: Oxigraph's bulk
    load runs without the GIL, so on two cores the two overlap (on one, nothing is lost).
    """
    scratch = folder / PARTS
    scratch.mkdir()
    files: list[tuple[str, Path]] = []
    count = 0
    for n, (graph, data) in enumerate(parts):
        part = scratch / f"{n:06d}.nq"
        part.write_bytes(data)
        files.append((f"<{graph}>", part))  # graphs sort as their N-Quads terms do
        count += data.count(b"\n")  # one quad a line
    ordered = [p for _, p in sorted(files)]
    stop = threading.Event()
    with ThreadPoolExecutor(1) as loader:
        loaded = loader.submit(write_store, ordered, folder / STORE_DIR, stop)
        try:
            write_files(ordered, folder, scratch)
            loaded.result()
        finally:
            stop.set()  # after a failure, the load ends at its next part, before the folder goes
    shutil.rmtree(scratch)
    return count


def publish(parts: Iterable[tuple[str, bytes]], out: Path, view: Callable[[Path], None] | None = None) -> int:
    """Write the dataset of ``parts`` (and the view) into a staging folder, then move it into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        count = write_dataset(parts, stage)
        if view is not None:
            view(stage)
        _publish(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return count


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
    view: Callable[[Path], None] | None = None,
    jobs: int = 1,
    force: bool = False,
    max_bytes: int = MAX_BYTES,
) -> BuildResult:
    """Build the dataset of ``paths`` into ``out``; ``view`` writes the HTML from the store.

    ``jobs`` worker processes extract files; ``force`` ignores the cache in ``out/.cache``.
    """
    files, metas = find_inputs(paths)
    result = BuildResult(out)
    build_pipeline()
    cache = ExtractionCache(out / CACHE_DIR)
    result.extractions, result.failures = extract_all(
        files, metas, jobs=jobs, cache=cache, reuse=not force, max_bytes=max_bytes, progress=progress
    )
    result.reused = cache.hits
    result.extracted = len(result.extractions) - cache.hits
    cache.prune()
    if not result.extractions:
        return result
    res = resolve(result.extractions, load_lexicon())
    result.quads = publish(dataset_parts(result.extractions, res, jobs), out, view)
    return result


def _publish(stage: Path, out: Path) -> None:
    """Move each staged artifact over its old version; if anything fails, put the old ones back."""
    out.mkdir(parents=True, exist_ok=True)
    trash = stage / ".old"
    trash.mkdir()
    moved: list[str] = []
    try:
        for name in (TRIG, TURTLE, STORE_DIR, HTML):
            if not (stage / name).exists():
                continue
            if (out / name).exists():
                os.replace(out / name, trash / name)
            moved.append(name)
            os.replace(stage / name, out / name)
    except BaseException:
        for name in reversed(moved):
            if (out / name).exists() and not (stage / name).exists():
                os.replace(out / name, stage / name)
            if (trash / name).exists():
                os.replace(trash / name, out / name)
        raise
