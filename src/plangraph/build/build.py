"""Build: plan files in, dataset files, an Oxigraph store and the HTML view out.

One bad file never loses the rest: each file fails alone with a one-line
reason. Extraction, the slow per-file part, runs in worker processes
(``jobs``) and is cached per file (``cache.py``); resolution across plans is
global and redone every build, in passes that never hold every extraction or summary: each
extraction goes to disk (written by the worker that made it) with a small summary
(``resolve.PlanSummary``) as its head, the reduce reads the summaries back a plan at a
time to make the entity table, and each plan is then read back, joined with the
slice of the table it needs and written as its own sorted N-Quads part (with its
rows of the view). The parts are streamed into graph.trig, graph.ttl and the
store, so memory holds one plan's extraction and quads at a time and the output
does not depend on file order or ``jobs``. A plan too big to hold whole is read, resolved and
written in pieces (``build/stream.py``). Everything is written to a new version of the
output folder and published with one rename (``publishing.py``), so a failed,
interrupted or killed build leaves the previous output as it was, and its
worker processes die with it (``workers.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..compiled import no_collection
from ..errors import InputError
from ..graph.iri import plan_graph_iri
from ..graph.rdf import entities_graph_quads, in_graph, indicator_quads, plan_id, plan_quads, sorted_nquads
from ..graph.resolve import EntityTable, PlanEntities, PlanSummary, Resolution, reduce_summaries, summarize
from ..graph.store import HTML, STORE_DIR, TRIG, TURTLE, load_groups, merge_sorted, write_files
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import Lexicon, load_lexicon
from ..model import Extraction
from ..read.acceptance import plan_notes, plan_problem
from ..read.ingest import MAX_BYTES, read_source
from ..read.inputs import PlanInput, find_inputs
from ..read.manifest import completed, infer_meta, with_named_region, with_region_code
from ..read.structure import parse
from ..targets import extract_targets
from . import MAX_VIEW_EDGES, MAX_VIEW_ENTITIES, uptodate, versions
from .cache import CACHE_DIR, ExtractionCache, Spilled, entry_keys, peek_head, pipeline_key, read_extraction, write_extraction
from .loader import loading as store_loading
from .stream import STREAM_CHARS, extract_in_pieces, piece_quads
from .workers import can_fork, stopping_on_sigterm, worker_pool

if TYPE_CHECKING:
    import networkx as nx

    from ..report.analytics import GraphRows
    from .viewgraph import MergedRows
PARTS = "parts"
PIECES = ".pieces"  # the pieces of plans read in pieces (build/stream.py), while a build runs
PUBLISHED = (TRIG, TURTLE, STORE_DIR, HTML)  # what OUT/ links to in the current version


@dataclass(frozen=True)
class BuiltPlan:
    """A plan a build could use, as the build holds it: its extraction waits on disk (``entry``)."""

    name: str
    path: Path
    graph: str  # its named graph's IRI
    entry: Path  # its pickled extraction: a cache entry, or in the build's pieces folder
    notes: tuple[str, ...] = ()
    in_pieces: bool = False  # read in pieces (build/stream.py)


@dataclass
class BuildResult:
    """What a build produced, which files it could not use, and how much it reused."""

    out: Path
    plans: list[BuiltPlan] = field(default_factory=list)
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
    lexicon = load_lexicon()
    meta = with_named_region(with_region_code(meta, source.text, lexicon), source.text, lexicon)
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


def extract_all(plans: list[PlanInput], **options: Any) -> tuple[list[Extraction], list[str]]:
    """Extractions of ``plans`` in their order and the failures (``extracted``'s options), all in memory."""
    extractions: list[Extraction] = []
    failures: list[str] = []
    for got in extracted(plans, **options):
        if isinstance(got, str):
            failures.append(got)
        else:
            extractions.append(got)
    return extractions, failures


def extracted(
    plans: list[PlanInput],
    *,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
    pieces: Path | None = None,
    stream_chars: int = STREAM_CHARS,
) -> Iterator[Extraction | str]:
    """The extraction of each of ``plans`` or its one-line failure, in their order, by ``jobs`` workers.

    A plan read in pieces (into ``pieces``) keeps its pieces there. Where processes fork, the
    spaCy pipeline (~200 MB) is not left in this one for the build's later passes: ``jobs`` = 1
    extracts in one forked worker; with more, the pipeline is built before they fork, so every
    worker shares it, and released when they are done. Workers are replaced by fresh ones after
    ``RECYCLE_BYTES`` of files, so their memory does not grow with the corpus.
    """
    yield from _extracting(extract_file, [(plan, max_bytes, pieces, stream_chars) for plan in plans], jobs)


# the bytes of files a pool of extraction workers takes before it is replaced by a fresh one
# (~5.6 M characters of UTF-8 Chinese): a worker's memory grows with what it has extracted
# (spaCy's string store, allocator fragmentation: 278 MB after the bundled plans, 433 MB after
# 100 times them), and a fresh one starts from the pipeline again
RECYCLE_BYTES = 16 << 20


def _extracting(fn: Callable[..., Any], work: list[tuple[Any, ...]], jobs: int,
                recycle: int | None = None) -> Iterator[Any]:
    """``fn(*args)`` of each of ``work`` (a file to extract each, its ``PlanInput`` first) in order,
    by ``jobs`` workers (``extracted``), replaced by fresh ones after every ``recycle`` bytes of
    files (``RECYCLE_BYTES``)."""
    if not work:
        return
    workers = min(jobs, len(work)) if can_fork() else 0
    with contextlib.ExitStack() as stack:
        if workers > 1:
            from ..extract import build_pipeline, release_pipeline

            if not build_pipeline.cache_info().currsize:  # not built by an earlier caller
                build_pipeline()
                stack.callback(release_pipeline)
        if not workers:
            yield from (fn(*args) for args in work)
            return
        for run in load_groups(((args, _file_bytes(args[0])) for args in work), recycle or RECYCLE_BYTES):
            with worker_pool(workers, _pipeline) as pool:  # each result is let go once taken: at most 2×workers wait
                yield from in_order(pool, fn, run, ahead=2 * workers)


def _file_bytes(plan: PlanInput) -> int:
    """The size of a plan's file (0 if it went: reading it reports that)."""
    try:
        return plan.path.stat().st_size
    except OSError:
        return 0


def _pipeline() -> None:
    """A worker's initializer: the pipeline built (or inherited from its parent) before its first file."""
    from ..extract import build_pipeline

    build_pipeline()


def plan_nquads(ex: Extraction, res: Resolution, index: int) -> bytes:
    """The named graph of one plan as N-Quads sorted by (s, p, o): one part of the dataset.

    ``index`` is the plan's position in the extractions ``res`` was resolved from.
    Parts are independent, so a cluster can write them in parallel (README: Scale).
    """
    quads = plan_quads(ex, res.mention_iris[index], res.plan_regions[index], res.relations[index])
    return sorted_nquads(in_graph(quads, plan_graph_iri(plan_id(ex))))


def entities_nquads(table: EntityTable, indicators: Iterable[tuple[str, str]]) -> bytes:
    """The shared entities graph as sorted N-Quads: the entity table and the targets' indicators
    ((catalogue label, name as written), gathered from every plan by the first pass)."""
    quads = entities_graph_quads([], Resolution(table.entities, part_of=table.part_of))
    return sorted_nquads(itertools.chain(quads, *(indicator_quads(*pair) for pair in sorted(set(indicators)))))


def plan_runs(ex: Extraction, res: Resolution, index: int, lexicon: Lexicon) -> Iterator[bytes]:
    """The named graph of a plan read in pieces (``build/stream.py``) as sorted N-Quads runs, one a piece."""
    graph = plan_graph_iri(plan_id(ex))
    for quads in piece_quads(ex, res, index, lexicon):
        yield sorted_nquads(in_graph(quads, graph))


# A part of the dataset: a graph's N-Quads, (a plan read in pieces) its sorted runs, or a file of them
Part = bytes | Iterator[bytes] | Path


# The head of an extraction on disk (a cache entry, or a plan's in the build's pieces folder):
# what later passes need of it, the plan, its summary and the indicators of its targets
Head = tuple[BuiltPlan, PlanSummary, list[tuple[str, str]]]
# What the first pass keeps of a plan in memory: the plan and the indicators of its targets
Kept = tuple[BuiltPlan, list[tuple[str, str]]]


def keep(plan: PlanInput, ex: Extraction, entry: Path, lexicon: Lexicon) -> Head:
    """What later passes need of the extraction ``ex`` of ``plan``, kept on disk at ``entry``."""
    built = BuiltPlan(plan.name, plan.path, plan_graph_iri(plan_id(ex)), entry, tuple(ex.notes), ex.pieces is not None)
    return built, summarize(ex, lexicon), [(t.label, t.indicator) for t in ex.targets]


def write_kept(plan: PlanInput, ex: Extraction, entry: Path) -> Head:
    """Write the extraction ``ex`` of ``plan`` atomically at ``entry``, its ``keep`` as its head."""
    head = keep(plan, ex, entry, load_lexicon())
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_extraction(entry, ex, head)
    return head


def kept_file(plan: PlanInput, entry: Path | None, spill: Path, *options: Any) -> Kept | str:
    """The first pass of one file, where it is extracted (a worker): the extraction written with
    its head, at its cache ``entry``, or at ``spill`` when it has none or was read in pieces; only
    what the first pass keeps goes back, so the driver never unpickles an extraction.
    ``options`` are ``extract_file``'s."""
    got = extract_file(plan, *options)
    if isinstance(got, str):
        return got
    built, _, indicators = write_kept(plan, got, entry if entry is not None and got.pieces is None else spill)
    return built, indicators


def as_head(obj: object) -> Head | None:
    """``obj`` if it is a ``Head`` as ``write_kept`` writes it (an entry of an older build may not be), else None."""
    ok = isinstance(obj, tuple) and len(obj) == 3 and isinstance(obj[0], BuiltPlan) and isinstance(obj[1], PlanSummary)
    return cast(Head, obj) if ok else None


def summary_of(plan: BuiltPlan) -> PlanSummary:
    """The summary of ``plan``, read back from the head of its extraction on disk."""
    head = as_head(peek_head(plan.entry))
    if head is None:
        raise InputError(plan.path, f"its extraction at {plan.entry} went missing during the build")
    return head[1]


@dataclass
class FirstPass:
    """What the first pass keeps of the plans it read: each plan (where its extraction and
    summary are on disk), the indicators of its targets, and the failures. No extraction or summary."""

    plans: list[BuiltPlan] = field(default_factory=list)
    indicators: set[tuple[str, str]] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    reused: int = 0  # plans taken from the cache

    def add(self, got: Kept | str) -> None:
        """One plan's ``kept_file``, or its failure."""
        if isinstance(got, str):
            self.failures.append(got)
            return
        plan, indicators = got
        self.plans.append(plan)
        self.indicators.update(indicators)

    def summaries(self) -> Iterator[PlanSummary]:
        """Every plan's summary, in order, read back one at a time."""
        return map(summary_of, self.plans)

    def table(self, lexicon: Lexicon, scratch: Path) -> EntityTable:
        """The reduce: the entity table of every plan read (deterministic, order-independent);
        what its stages hand on per plan waits in ``scratch``, and so do the table's ``keys``."""
        return reduce_summaries(self.summaries, lexicon, spill=lambda name: Spilled(scratch / name))

    def slice(self, index: int, table: EntityTable, lexicon: Lexicon) -> PlanEntities:
        """The slice of ``table`` the plan at ``index`` needs, made once, when that plan is written,
        from its summary read back: its keys are not needed after, so they go."""
        return table.plan_entities(index, summary_of(self.plans[index]), lexicon, table.keys.pop(index))


def first_pass(
    plans: list[PlanInput],
    cache: ExtractionCache,
    keys: dict[PlanInput, str],
    pieces: Path,
    *,
    reuse: bool = True,
    progress: Callable[[Iterable[PlanInput]], Iterable[PlanInput]] = lambda it: it,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
    stream_chars: int = STREAM_CHARS,
) -> FirstPass:
    """Extract every plan, or if ``reuse`` take it from the ``cache`` under its key in ``keys``
    (``cache.entry_keys``); keep each extraction on disk with its summary as its head, and in
    memory only the plan (``Kept``). ``jobs`` worker processes extract (``extracted``).

    Every new extraction is cached by the worker that made it, so a rebuild reads only the
    heads here. A plan read in pieces is not cached: its extraction is kept in ``pieces`` for
    the build.
    """
    heads: dict[PlanInput, Kept] = {}
    for plan in plans:
        if plan not in keys:
            continue  # too big or unreadable: read_source reports it
        head = as_head(cache.head(keys[plan])) if reuse else None
        if head is not None:
            heads[plan] = (replace(head[0], path=plan.path, entry=cache.entry(keys[plan])), head[2])
    done = FirstPass(reused=len(heads))
    work = [(plan, cache.entry(keys[plan]) if plan in keys else None, pieces / f"{n:06d}.extraction",
             max_bytes, pieces, stream_chars)
            for n, plan in enumerate(plans) if plan not in heads]
    with contextlib.closing(_extracting(kept_file, work, jobs)) as fresh:
        for plan in progress(plans):
            done.add(heads.pop(plan) if plan in heads else next(fresh))
    return done


def resolved(plan: BuiltPlan, given: PlanEntities, lexicon: Lexicon) -> tuple[Extraction, Resolution]:
    """A plan's extraction read back from disk and its resolution alone (index 0)."""
    ex = read_extraction(plan.entry, plan.path)
    if ex is None:
        raise InputError(plan.path, f"its extraction at {plan.entry} went missing during the build")
    return ex, given.resolution(ex, lexicon)


def plan_part(plan: BuiltPlan, given: PlanEntities, view: bool) -> tuple[bytes, GraphRows | None]:
    """The second pass of one plan read whole: its N-Quads part, and its rows of the view if asked."""
    lexicon = load_lexicon()
    ex, res = resolved(plan, given, lexicon)
    return plan_nquads(ex, res, 0), (_view_rows(ex, res, lexicon) if view else None)


def _view_rows(ex: Extraction, res: Resolution, lexicon: Lexicon) -> GraphRows:
    from .viewgraph import plan_rows  # networkx loads only for a view

    return plan_rows(ex, res, lexicon)


def second_pass(
    done: FirstPass, table: EntityTable, lexicon: Lexicon, jobs: int = 1, rows: MergedRows | None = None
) -> Iterator[tuple[str, Part]]:
    """(graph IRI, part) of the entities graph and of every plan; each plan's rows of the view
    are added to ``rows`` when given. With ``jobs`` > 1, worker processes read and write the plans
    read whole, each sent only its plan's slice of the table; plans read in pieces are
    written here, a piece at a time.
    """
    yield str(ENTITIES_GRAPH), entities_nquads(table, done.indicators)
    view = rows is not None
    whole = [i for i, plan in enumerate(done.plans) if not plan.in_pieces]
    for i, plan in enumerate(done.plans):
        if plan.in_pieces:
            ex, res = resolved(plan, done.slice(i, table, lexicon), lexicon)
            if rows is not None:
                rows.add(_view_rows(ex, res, lexicon))
            yield plan.graph, plan_runs(ex, res, 0, lexicon)
    work = ((done.plans[i], done.slice(i, table, lexicon), view) for i in whole)  # a slice is made as its plan's turn comes
    with contextlib.ExitStack() as stack:
        if jobs > 1 and len(whole) > 1:
            pool = stack.enter_context(worker_pool(min(jobs, len(whole))))
            made = in_order(pool, plan_part, work, ahead=2 * jobs)
        else:
            made = (plan_part(*args) for args in work)
        for i, (data, plan_view) in zip(whole, made):
            if rows is not None and plan_view is not None:
                rows.add(plan_view)
            yield done.plans[i].graph, data
    table.iri_of.clear()  # every slice is made: the view needs only the entities and part_of
    table.keys.clear()


def in_order(pool: Executor, fn: Callable[..., Any], work: Iterable[tuple[Any, ...]], ahead: int) -> Iterator[Any]:
    """``fn(*args)`` of each of ``work`` in ``pool``, the results in order, with at most ``ahead``
    submitted and not yet taken: ``Executor.map`` submits (and pickles) every task at once."""
    pending: deque[Future[Any]] = deque()
    for args in work:
        pending.append(pool.submit(fn, *args))
        if len(pending) > ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def write_dataset(parts: Iterable[tuple[str, Part]], folder: Path, also: Callable[[Path], None] | None = None) -> int:
    """graph.trig, graph.ttl and the store in ``folder`` from (graph IRI, part) in any order;
    parts wait on disk, so memory holds one at a time (or one run of one). Returns the quad count.

    The store loads in a process of its own (``loader.py``, so its native memory is not added to
    this one's) while this one writes the files and then runs ``also(folder)`` (the HTML view):
    on two cores they overlap (on one, nothing is lost). Parts are loaded a few at a time, up to
    ``store.LOAD_QUADS`` quads a load (a bulk load holds ~1 KB a quad); a graph written in
    runs is loaded from its runs and merged into one part for the files.

    The cyclic collector is off meanwhile: what this makes (extractions read back, quads,
    the view's rows and graph) holds no reference cycles and goes by reference counting
    (a collection after it found nothing to free), and its passes took 0.1-0.15 s of CPU
    walking what stays alive.
    """
    with no_collection():
        return _write_dataset(parts, folder, also)


def _write_dataset(parts: Iterable[tuple[str, Part]], folder: Path, also: Callable[[Path], None] | None) -> int:
    scratch = folder / PARTS
    scratch.mkdir()
    files: list[tuple[str, Path, list[tuple[Path, int]]]] = []  # graph, its part, the files it loads from (quads)
    count = 0
    for n, (graph, data) in enumerate(parts):
        part = scratch / f"{n:06d}.nq"
        if isinstance(data, Path):  # written by a worker
            part = data
            with data.open("rb") as fh:
                loads = [(data, sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b"")))]
            count += loads[0][1]
        elif isinstance(data, bytes):
            part.write_bytes(data)
            loads = [(part, data.count(b"\n"))]  # one quad a line
            count += loads[0][1]
        else:
            loads = []
            for r, run in enumerate(data):
                loads.append((scratch / f"{n:06d}-{r:06d}.run", run.count(b"\n")))
                loads[-1][0].write_bytes(run)
            count += merge_sorted([run for run, _ in loads], part)
        files.append((f"<{graph}>", part, loads))  # graphs sort as their N-Quads terms do
    files.sort()
    groups = load_groups(load for *_, loads in files for load in loads)  # a few parts a load
    with store_loading(groups, folder / STORE_DIR) as loaded:  # killed if this fails, before the folder goes
        write_files([p for _, p, _ in files], folder, scratch)
        if also is not None:
            also(folder)
        loaded.wait()
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
    view_entities: int = MAX_VIEW_ENTITIES,
    view_edges: int = MAX_VIEW_EDGES,
) -> BuildResult:
    """Build the dataset of ``paths`` into ``out``; ``view(graph, folder)`` writes the HTML of
    the plan–entity graph, made from the build's own data (``viewgraph.py``), not its store,
    of at most ``view_entities`` entities (those most plans name; regions always) and
    ``view_edges`` edges among them (each entity's strongest first).

    ``jobs`` worker processes extract files; ``force`` ignores the cache in ``out/.cache``.
    Plans over ``stream_chars`` characters are read in pieces, kept in ``out/.pieces`` for
    the build. SIGTERM stops the build as Ctrl-C does: workers killed, the new version removed.
    """
    inputs = find_inputs(list(paths), exclude=out)
    result = BuildResult(out, notes=inputs.notes)
    with stopping_on_sigterm(), versions.locked(out):
        key = pipeline_key()
        keys = entry_keys(inputs.plans, max_bytes)
        now = uptodate.state(inputs.plans, key, view=view is not None, max_bytes=max_bytes, keys=keys,
                             stream_chars=stream_chars, view_entities=view_entities, view_edges=view_edges)
        if not force and uptodate.replay(out, now, result):
            return result
        cache = ExtractionCache(out / CACHE_DIR, key)
        pieces = out / PIECES
        shutil.rmtree(pieces, ignore_errors=True)  # left by a killed build
        try:
            lexicon = load_lexicon()
            done = first_pass(inputs.plans, cache, keys, pieces, reuse=not force, progress=progress,
                              jobs=jobs, max_bytes=max_bytes, stream_chars=stream_chars)
            result.plans, result.failures = done.plans, done.failures
            result.reused = done.reused
            result.extracted = len(result.plans) - done.reused
            cache.prune()
            if not result.plans:
                return result
            table = done.table(lexicon, pieces / "reduce")
            rows = _merged_rows(view_entities, view_edges, pieces) if view is not None else None
            graph_view = _graph_view(view, rows, table) if view is not None and rows is not None else None
            result.quads = publish(second_pass(done, table, lexicon, jobs, rows), out, graph_view)
            uptodate.record(out, now, result, [note for plan in result.plans for note in plan.notes])
        finally:
            shutil.rmtree(pieces, ignore_errors=True)
    return result


def _merged_rows(limit: int, edges: int, folder: Path) -> MergedRows:
    """The view's rows of at most ``limit`` entities and ``edges`` edges, the others' rows kept in
    ``folder`` until chosen."""
    from .viewgraph import MergedRows  # networkx loads only for a view

    return MergedRows(limit, folder, edges)


def _graph_view(view: Callable[[nx.Graph, Path], None], rows: MergedRows, table: EntityTable) -> Callable[[Path], None]:
    """The ``also`` of ``write_dataset``: the view of the plans' ``rows``, complete once every
    part is written, and of the entity table; ``publish`` calls it with the new version's folder."""
    from ..report.analytics import graph_of_rows

    def write(folder: Path) -> None:
        merged = rows.rows(table.entities.values(), table.part_of)
        table.entities.clear()  # the rows have what the view needs of the table
        table.part_of.clear()
        graph = graph_of_rows(merged)
        del merged  # the graph has it all: the rows go before the page is made
        view(graph, folder)

    return write
