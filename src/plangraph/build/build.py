"""Build: plan files in, dataset files, an Oxigraph store and the HTML view out.

One bad file never loses the rest: each file fails alone with a one-line
reason. Extraction, the slow per-file part, runs in worker processes
(``jobs``) and is cached per file (``cache.py``); resolution across plans is
global and redone every build. Each plan's graph is written as its own sorted
N-Quads part and the parts are streamed into graph.trig, graph.ttl and the
store, so memory holds one plan's quads at a time and the output does not
depend on file order or ``jobs``. A plan too big to hold whole is read, resolved and
written in pieces (``build/stream.py``). Everything is written to a new version of the
output folder and published with one rename (``publishing.py``), so a failed,
interrupted or killed build leaves the previous output as it was, and its
worker processes die with it (``workers.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..graph.iri import plan_graph_iri
from ..graph.rdf import entities_graph_quads, in_graph, plan_id, plan_quads, sorted_nquads
from ..graph.resolve import Resolution, resolve
from ..graph.store import HTML, STORE_DIR, TRIG, TURTLE, merge_sorted, write_files, write_store
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import Lexicon, load_lexicon
from ..model import Extraction
from ..read.ingest import MAX_BYTES, plan_notes, plan_problem, read_source
from ..read.inputs import PlanInput, find_inputs
from ..read.manifest import completed, infer_meta, with_region_code
from ..read.structure import parse
from ..targets import extract_targets
from . import uptodate, versions
from .cache import CACHE_DIR, ExtractionCache, pipeline_key
from .stream import STREAM_CHARS, extract_in_pieces, piece_quads
from .workers import can_fork, stopping_on_sigterm, worker_pool

if TYPE_CHECKING:
    import networkx as nx
PARTS = "parts"
PIECES = ".pieces"  # the pieces of plans read in pieces (build/stream.py), while a build runs
PUBLISHED = (TRIG, TURTLE, STORE_DIR, HTML)  # what OUT/ links to in the current version


@dataclass
class BuildResult:
    """What a build produced, which files it could not use, and how much it reused."""

    out: Path
    extractions: list[Extraction] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # told to the user, not failures: clashing names, skipped links
    quads: int = 0
    reused: int = 0  # files whose extraction came from the cache
    extracted: int = 0  # files extracted in this build
    unchanged: bool = False  # nothing changed since the published build: nothing was written (uptodate.py)


def process(
    plan: PlanInput, max_bytes: int = MAX_BYTES, pieces: Path | None = None, stream_chars: int = STREAM_CHARS
) -> Extraction:
    """One file through ingest, structure and extraction; a file that is no plan raises ``InputError``.

    Given a ``pieces`` folder, a text over ``stream_chars`` characters is read in pieces
    (a quarter of that) kept there (``build/stream.py``) and its extraction is the compact one.
    """
    source = read_source(plan.path, max_bytes)
    problem = plan_problem(source, declared=plan.meta is not None)
    if problem:
        raise InputError(plan.path, problem)
    inferred = infer_meta(source, plan.name)
    meta = replace(completed(plan.meta, inferred) if plan.meta else inferred, file=plan.name, id=plan.id)
    meta = with_region_code(meta, source.text, load_lexicon())
    if pieces is not None and len(source.text) > stream_chars:
        ex = extract_in_pieces(source, meta, pieces / hashlib.sha1(plan.name.encode()).hexdigest()[:16], stream_chars)
    else:
        from ..extract import extract  # spaCy loads with the first file that needs extracting

        ex = extract(parse(source, meta))
        ex.targets = extract_targets(ex.document)
    ex.notes = [f"{plan.name}: {note}" for note in plan_notes(source)]
    return ex


def extract_file(
    plan: PlanInput, max_bytes: int = MAX_BYTES, pieces: Path | None = None, stream_chars: int = STREAM_CHARS
) -> Extraction | str:
    """``process`` for a worker: the extraction, or the file's one-line failure (named by the plan's name).

    Anything a damaged file makes the pipeline raise is that file's failure,
    never the build's; failures travel as strings because they cross processes.
    """
    try:
        return process(plan, max_bytes, pieces, stream_chars)
    except InputError as exc:
        return f"{plan.name}: {exc.reason}"
    except Exception as exc:  # noqa: BLE001 - one file's crash must not lose the other files
        return f"{plan.name}: cannot be processed ({type(exc).__name__}: {exc})"


def extract_all(
    plans: list[PlanInput],
    *,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    reuse: bool = True,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[Iterable[PlanInput]], Iterable[PlanInput]] = lambda it: it,
    pieces: Path | None = None,
    stream_chars: int = STREAM_CHARS,
) -> tuple[list[Extraction], list[str]]:
    """Extractions of ``plans`` in their order and the failures.

    With a ``cache``, every new extraction is stored and, if ``reuse``, cached ones are reused;
    a plan read in pieces (into ``pieces``) is not cached, its pieces live only for the build.
    """
    keys: dict[PlanInput, str] = {}
    ready: dict[PlanInput, Extraction] = {}
    for plan in plans if cache is not None else ():
        try:
            if plan.path.stat().st_size > max_bytes:
                continue  # never hashed: read_source refuses it from its size alone
            keys[plan] = cache.entry_key(plan)
        except OSError:
            continue  # read_source reports it
        hit = cache.get(keys[plan], plan.path) if reuse else None
        if hit is not None:
            ready[plan] = hit
    todo = [p for p in plans if p not in ready]
    if todo:  # built here, before any worker forks, so every worker shares it; never when all is cached
        from ..extract import build_pipeline

        build_pipeline()
    extractions: list[Extraction] = []
    failures: list[str] = []
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(worker_pool(min(jobs, len(todo)), build_pipeline)) if jobs > 1 and len(todo) > 1 else None
        pending = {p: pool.submit(extract_file, p, max_bytes, pieces, stream_chars) for p in todo} if pool else {}
        for plan in progress(plans):
            if plan in ready:
                got: Extraction | str = ready[plan]
            elif pool is not None:
                got = pending[plan].result()
            else:
                got = extract_file(plan, max_bytes, pieces, stream_chars)
            if isinstance(got, str):
                failures.append(got)
                continue
            if plan not in ready and plan in keys and cache is not None and got.pieces is None:
                cache.put(keys[plan], got)
            extractions.append(got)
    return extractions, failures


def plan_nquads(ex: Extraction, res: Resolution, index: int) -> bytes:
    """The named graph of one plan as N-Quads sorted by (s, p, o): one part of the dataset.

    ``index`` is the plan's position in the extractions ``res`` was resolved from.
    Parts are independent, so a cluster can write them in parallel (README: Scale).
    """
    quads = plan_quads(ex, res.mention_iris[index], res.plan_regions[index], res.relations[index])
    return sorted_nquads(in_graph(quads, plan_graph_iri(plan_id(ex))))


def entities_nquads(extractions: list[Extraction], res: Resolution) -> bytes:
    """The shared entities graph as sorted N-Quads."""
    return sorted_nquads(entities_graph_quads(extractions, res))


def plan_runs(ex: Extraction, res: Resolution, index: int, lexicon: Lexicon) -> Iterator[bytes]:
    """The named graph of a plan read in pieces (``build/stream.py``) as sorted N-Quads runs, one a piece."""
    graph = plan_graph_iri(plan_id(ex))
    for quads in piece_quads(ex, res, index, lexicon):
        yield sorted_nquads(in_graph(quads, graph))


# What forked part writers read: set just before the fork, so nothing is pickled to them.
_FORKED: tuple[list[Extraction], Resolution] | None = None

# A part of the dataset: a graph's N-Quads, or (a plan read in pieces) its sorted runs
Part = bytes | Iterator[bytes]


def dataset_parts(
    extractions: list[Extraction], res: Resolution, jobs: int = 1, lexicon: Lexicon | None = None
) -> Iterator[tuple[str, Part]]:
    """(graph IRI, part) of the entities graph and of every plan; ``res`` was resolved with ``lexicon``.

    With ``jobs`` > 1 and ``fork``, forked workers write the plan parts: they inherit
    the extractions and the resolution instead of receiving them pickled. Plans read in
    pieces are written here, a piece at a time.
    """
    global _FORKED
    yield str(ENTITIES_GRAPH), entities_nquads(extractions, res)
    graphs = [plan_graph_iri(plan_id(ex)) for ex in extractions]
    for i, ex in enumerate(extractions):
        if ex.pieces is not None:
            yield graphs[i], plan_runs(ex, res, i, lexicon or load_lexicon())
    whole = [i for i, ex in enumerate(extractions) if ex.pieces is None]
    if jobs <= 1 or len(whole) <= 1 or not can_fork():
        for i in whole:
            yield graphs[i], plan_nquads(extractions[i], res, i)
        return
    _FORKED = (extractions, res)
    try:
        with worker_pool(min(jobs, len(whole))) as pool:
            yield from zip([graphs[i] for i in whole], pool.map(_forked_part, whole))
    finally:
        _FORKED = None


def _forked_part(index: int) -> bytes:
    assert _FORKED is not None, "only called in a worker forked by dataset_parts"
    extractions, res = _FORKED
    return plan_nquads(extractions[index], res, index)


def write_dataset(parts: Iterable[tuple[str, Part]], folder: Path, also: Callable[[Path], None] | None = None) -> int:
    """graph.trig, graph.ttl and the store in ``folder`` from (graph IRI, part) in any order;
    parts wait on disk, so memory holds one at a time (or one run of one). Returns the quad count.

    The store loads in a second thread while this one writes the files and then runs
    ``also(folder)`` (the HTML view): Oxigraph's bulk load runs without the GIL, so on two
    cores they overlap (on one, nothing is lost).
    A graph written in runs is loaded run by run (a bulk load holds ~1 KB a quad) and
    merged into one part for the files.
    """
    scratch = folder / PARTS
    scratch.mkdir()
    files: list[tuple[str, Path, list[Path]]] = []
    count = 0
    for n, (graph, data) in enumerate(parts):
        part = scratch / f"{n:06d}.nq"
        if isinstance(data, bytes):
            part.write_bytes(data)
            loads = [part]
            count += data.count(b"\n")  # one quad a line
        else:
            loads = []
            for r, run in enumerate(data):
                loads.append(scratch / f"{n:06d}-{r:06d}.run")
                loads[-1].write_bytes(run)
            count += merge_sorted(loads, part)
        files.append((f"<{graph}>", part, loads))  # graphs sort as their N-Quads terms do
    files.sort()
    stop = threading.Event()
    with ThreadPoolExecutor(1) as loader:
        loaded = loader.submit(write_store, [p for *_, loads in files for p in loads], folder / STORE_DIR, stop)
        try:
            write_files([p for _, p, _ in files], folder, scratch)
            if also is not None:
                also(folder)
            loaded.result()
        finally:
            stop.set()  # after a failure, the load ends at its next part, before the folder goes
    shutil.rmtree(scratch)
    return count


def publish(parts: Iterable[tuple[str, Part]], out: Path, view: Callable[[Path], None] | None = None) -> int:
    """Write the dataset of ``parts`` (and the view) into a new version of ``out`` and publish it.

    The caller holds ``publishing.locked(out)``. A failure removes the new version; the old stays published.
    """
    version = versions.new_version(out)
    try:
        count = write_dataset(parts, version, view)
        versions.swap(out, version, PUBLISHED)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    return count


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    progress: Callable[[Iterable[PlanInput]], Iterable[PlanInput]] = lambda it: it,
    view: Callable[[nx.Graph, Path], None] | None = None,
    jobs: int = 1,
    force: bool = False,
    max_bytes: int = MAX_BYTES,
    stream_chars: int = STREAM_CHARS,
) -> BuildResult:
    """Build the dataset of ``paths`` into ``out``; ``view(graph, folder)`` writes the HTML of
    the plan–entity graph, made from the build's own data (``viewgraph.py``), not its store.

    ``jobs`` worker processes extract files; ``force`` ignores the cache in ``out/.cache``.
    Plans over ``stream_chars`` characters are read in pieces, kept in ``out/.pieces`` for
    the build. SIGTERM stops the build as Ctrl-C does: workers killed, the new version removed.
    """
    inputs = find_inputs(list(paths), exclude=out)
    result = BuildResult(out, notes=inputs.notes)
    with stopping_on_sigterm(), versions.locked(out):
        key = pipeline_key()
        now = uptodate.state(inputs.plans, key, view=view is not None, max_bytes=max_bytes, stream_chars=stream_chars)
        if not force and uptodate.replay(out, now, result):
            return result
        cache = ExtractionCache(out / CACHE_DIR, key)
        pieces = out / PIECES
        shutil.rmtree(pieces, ignore_errors=True)  # left by a killed build
        try:
            result.extractions, result.failures = extract_all(
                inputs.plans, jobs=jobs, cache=cache, reuse=not force, max_bytes=max_bytes, progress=progress,
                pieces=pieces, stream_chars=stream_chars,
            )
            result.reused = cache.hits
            result.extracted = len(result.extractions) - cache.hits
            cache.prune()
            if not result.extractions:
                return result
            lexicon = load_lexicon()
            res = resolve(result.extractions, lexicon)
            graph_view = _graph_view(view, result.extractions, res, lexicon) if view is not None else None
            result.quads = publish(dataset_parts(result.extractions, res, jobs, lexicon), out, graph_view)
            uptodate.record(out, now, result, [note for ex in result.extractions for note in ex.notes])
        finally:
            shutil.rmtree(pieces, ignore_errors=True)
    return result


def _graph_view(
    view: Callable[[nx.Graph, Path], None], extractions: list[Extraction], res: Resolution, lexicon: Lexicon
) -> Callable[[Path], None]:
    """``view`` of the build's plan–entity graph, as ``publish`` calls it with the new version's folder."""
    from .viewgraph import plan_entity_graph  # networkx loads only for a view

    return lambda folder: view(plan_entity_graph(extractions, res, lexicon), folder)
