"""Build on a cluster when one machine is not enough: Dask (or anything with its client API).

The same passes as a local build (``build.py``), with workers doing each plan's work:

1. map: workers extract files (``build.extract_file``), write each extraction into the
   output's cache on the shared file system and return only its small summary
   (``resolve.PlanSummary``, about a twelfth of an extraction) — never the extraction;
2. reduce: the driver merges the summaries into the entity table (deterministic);
3. map: each worker gets one plan's slice of the table (the IRIs its mentions, region and
   relations need, ``EntityTable.plan_entities``), reads the plan's extraction back from disk
   and writes the plan's sorted N-Quads part into the new version's folder itself;
4. load: the driver streams the parts' files into graph.trig, graph.ttl and a bulk-loaded
   Oxigraph store, in a new version of the output folder published as a local build's is.

The driver holds summaries and the entity table, never an extraction or a part.
The output is byte-identical to ``plangraph build`` of the same files.
This module never imports Dask: the caller passes a connected client.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..graph.resolve import PlanEntities
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import load_lexicon
from ..read.inputs import PlanInput, find_inputs
from . import versions
from .build import BuildResult, BuiltPlan, FirstPass, Kept, Part, entities_nquads, extract_file, keep, plan_part, publish
from .cache import CACHE_DIR, ExtractionCache

PARTS = ".cluster-parts"  # the plans' parts written by workers, while a build runs

def build_on_cluster(client: Any, paths: Iterable[Path], out: Path) -> BuildResult:
    """Build ``paths`` into ``out`` with a ``dask.distributed.Client`` doing the per-file work.

    Files and ``out`` must be at the same paths on every worker (a shared file system).
    """
    inputs = find_inputs(list(paths), exclude=out)
    result = BuildResult(out, notes=inputs.notes)
    with versions.locked(out):
        cache = ExtractionCache(out / CACHE_DIR)
        done = FirstPass()
        futures = client.map(keep_extraction, inputs.plans, folder=cache.folder, pure=False)
        for future in futures:  # one summary at a time
            done.add(future.result())
            future.release()
        result.plans, result.failures = done.plans, done.failures
        result.extracted = len(done.plans)
        cache.prune()
        if not done.plans:
            return result
        lexicon = load_lexicon()
        table = done.table(lexicon)
        parts = out / PARTS
        shutil.rmtree(parts, ignore_errors=True)
        parts.mkdir(parents=True)
        try:
            entities = (str(ENTITIES_GRAPH), entities_nquads(table, done.indicators))
            window = 2 * max(1, len(client.scheduler_info()["workers"]))
            written = _written(client, zip(done.plans, done.slices(table, lexicon)), parts, window)
            result.quads = publish(itertools.chain([entities], written), out)
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    return result


def keep_extraction(plan: PlanInput, folder: Path) -> Kept | str:
    """The first pass of one plan on a worker: extract it, keep the extraction in the cache
    ``folder`` and return its summary and the indicators of its targets; or its failure."""
    got = extract_file(plan)
    if isinstance(got, str):
        return got
    cache = ExtractionCache(folder.parent, folder.name)
    key = cache.entry_key(plan)
    kept = keep(plan, got, cache.entry(key), load_lexicon())
    cache.put(key, got, kept)
    return kept


def write_part(plan: BuiltPlan, given: PlanEntities, folder: Path) -> Path:
    """The second pass of one plan on a worker: its sorted N-Quads part, written into ``folder``."""
    data, _ = plan_part(plan, given, view=False)
    target = folder / f"{hashlib.sha1(plan.graph.encode()).hexdigest()}.nq"
    target.write_bytes(data)
    return target


def _written(client: Any, plans: Iterable[tuple[BuiltPlan, PlanEntities]], folder: Path, window: int) -> Iterator[tuple[str, Part]]:
    """Each plan's part, written by a worker into ``folder``: the driver gets a file name, never the
    quads, and makes a plan's slice of the table only when fewer than ``window`` plans are in flight."""
    pending: deque[tuple[BuiltPlan, Any]] = deque()
    for plan, given in plans:
        pending.append((plan, client.submit(write_part, plan, given, folder=folder, pure=False)))
        if len(pending) >= window:
            yield _done(*pending.popleft())
    while pending:
        yield _done(*pending.popleft())


def _done(plan: BuiltPlan, future: Any) -> tuple[str, Path]:
    path = future.result()
    future.release()
    return plan.graph, path
