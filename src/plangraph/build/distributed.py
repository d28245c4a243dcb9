"""Build on a cluster when one machine is not enough: Dask (or anything with its client API).

The same passes as a local build (``build.py``), each a task on the workers; the driver only
submits tasks and holds, per plan, its ``BuiltPlan`` (name, graph IRI, cache entry) and futures:

1. map: workers extract files (``build.extract_file``), write each extraction into the
   output's cache on the shared file system and keep its small summary (``resolve.PlanSummary``,
   about a twelfth of an extraction) in worker memory; the driver gets the ``BuiltPlan`` or the
   failure;
2. reduce: one task merges the summaries into the entity table (deterministic) on a worker;
3. map: a task per plan cuts its slice of the table (the IRIs its mentions, region and
   relations need, ``EntityTable.plan_entities``) beside the table, and another reads the plan's
   extraction back from disk and writes the plan's sorted N-Quads part into a folder beside the
   output; one more writes the entities graph's part;
4. load: one task streams the part files into graph.trig, graph.ttl and a bulk-loaded Oxigraph
   store, in a new version of the output folder published as a local build's is.

No extraction, summary, table or part passes through the driver, so its memory does not grow
with the corpus (docs/performance.md, "cluster"). The output is byte-identical to
``plangraph build`` of the same files. This module never imports Dask: the caller passes a
connected client.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..graph.resolve import EntityTable, PlanEntities
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import load_lexicon
from ..read.inputs import PlanInput, find_inputs
from . import versions
from .build import BuildResult, BuiltPlan, FirstPass, Kept, entities_nquads, extract_file, keep, plan_part, publish
from .cache import CACHE_DIR, ExtractionCache

PARTS = ".cluster-parts"  # the plans' parts written by workers, while a build runs

# The reduce's result, kept on a worker: the first pass of every plan built, and the entity table
Reduced = tuple[FirstPass, EntityTable]


def build_on_cluster(client: Any, paths: Iterable[Path], out: Path) -> BuildResult:
    """Build ``paths`` into ``out`` with a ``dask.distributed.Client`` doing every pass.

    Files and ``out`` must be at the same paths on every worker (a shared file system).
    The driver holds the lock on ``out`` while a worker publishes the new version.
    """
    inputs = find_inputs(list(paths), exclude=out)
    result = BuildResult(out, notes=inputs.notes)
    with versions.locked(out):
        cache = ExtractionCache(out / CACHE_DIR)
        kept = client.map(keep_extraction, inputs.plans, folder=cache.folder, pure=False)
        heads = client.gather(client.map(head, kept, pure=False))
        result.failures = [h for h in heads if isinstance(h, str)]
        result.plans = [h for h in heads if isinstance(h, BuiltPlan)]
        result.extracted = len(result.plans)
        kept = [k for k, h in zip(kept, heads) if isinstance(h, BuiltPlan)]
        cache.prune()
        if not kept:
            return result
        parts = out / PARTS
        shutil.rmtree(parts, ignore_errors=True)
        parts.mkdir(parents=True)
        try:
            reduced = client.submit(reduce_kept, kept, pure=False)
            del kept  # the summaries now live in the reduce's result
            slices = [client.submit(plan_slice, reduced, i, pure=False) for i in range(len(result.plans))]
            written = [client.submit(write_part, p, s, folder=parts, pure=False) for p, s in zip(result.plans, slices)]
            entities = client.submit(write_entities, reduced, parts, pure=False)
            graphs = [str(ENTITIES_GRAPH), *(p.graph for p in result.plans)]
            result.quads = client.submit(publish_parts, graphs, [entities, *written], out, pure=False).result()
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


def head(kept: Kept | str) -> BuiltPlan | str:
    """What the driver gets of a plan's first pass: the plan as built, or its failure."""
    return kept if isinstance(kept, str) else kept[0]


def reduce_kept(kept: list[Kept]) -> Reduced:
    """The reduce on a worker: every plan's first pass, in the plans' order, and the entity table."""
    done = FirstPass()
    for one in kept:
        done.add(one)
    return done, done.table(load_lexicon())


def plan_slice(reduced: Reduced, index: int) -> PlanEntities:
    """The slice of the table the plan at ``index`` needs, cut where the table is."""
    done, table = reduced
    return table.plan_entities(index, done.summaries[index], load_lexicon())


def write_part(plan: BuiltPlan, given: PlanEntities, folder: Path) -> Path:
    """The second pass of one plan on a worker: its sorted N-Quads part, written into ``folder``."""
    data, _ = plan_part(plan, given, view=False)
    target = folder / f"{hashlib.sha1(plan.graph.encode()).hexdigest()}.nq"
    target.write_bytes(data)
    return target


def write_entities(reduced: Reduced, folder: Path) -> Path:
    """The entities graph's sorted N-Quads part (the table and the targets' indicators), into ``folder``."""
    done, table = reduced
    target = folder / "entities.nq"
    target.write_bytes(entities_nquads(table, done.indicators))
    return target


def publish_parts(graphs: list[str], paths: list[Path], out: Path) -> int:
    """The load on a worker: the parts' files (graph IRI, file) into a new version of ``out``, published."""
    return publish(zip(graphs, paths), out)
