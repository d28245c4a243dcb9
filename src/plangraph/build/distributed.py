"""Build on a cluster when one machine is not enough: Dask (or anything with its client API).

The build splits into two parallel maps around one cheap global step:

1. workers extract files (``build.extract_file``), the slow part;
2. the driver resolves entities across all plans (global, about a second per
   hundred plans) and sends the resolution to the workers once;
3. workers turn each plan into its own sorted N-Quads part (``build.plan_nquads``);
4. the driver streams the parts into graph.trig, graph.ttl and a bulk-loaded
   Oxigraph store, in a new version of the output folder published as a local build's is.

The output is byte-identical to ``plangraph build`` of the same files.
This module never imports Dask: the caller passes a connected client.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..graph.iri import plan_graph_iri
from ..graph.rdf import plan_id
from ..graph.resolve import resolve
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import load_lexicon
from ..read.inputs import find_inputs
from . import versions
from .build import BuildResult, entities_nquads, extract_file, plan_nquads, publish


def build_on_cluster(client: Any, paths: Iterable[Path], out: Path) -> BuildResult:
    """Build ``paths`` into ``out`` with a ``dask.distributed.Client`` doing the per-file work.

    Files must be readable at the same paths on every worker (a shared file system).
    """
    inputs = find_inputs(list(paths), exclude=out)
    futures = client.map(extract_file, inputs.plans, pure=False)
    got = client.gather(futures)
    result = BuildResult(out, notes=inputs.notes)
    kept = []
    for future, item in zip(futures, got):
        if isinstance(item, str):
            result.failures.append(item)
        else:
            result.extractions.append(item)
            kept.append(future)  # the extraction stays on its worker for step 3
    if not result.extractions:
        return result
    res = resolve(result.extractions, load_lexicon())
    shared = client.scatter(res, broadcast=True)
    n = len(kept)
    parts = client.map(plan_nquads, kept, [shared] * n, list(range(n)), pure=False)
    graphs = [plan_graph_iri(plan_id(ex)) for ex in result.extractions]
    entities = (str(ENTITIES_GRAPH), entities_nquads(result.extractions, res))
    with versions.locked(out):
        result.quads = publish(_gathered(client, [entities], graphs, parts), out)
    return result


def _gathered(client: Any, first: list[tuple[str, bytes]], graphs: list[str], parts: list[Any]) -> Iterator[tuple[str, bytes]]:
    """Parts as they are fetched, one at a time, so the driver never holds them all."""
    yield from first
    for graph, part in zip(graphs, parts):
        yield graph, client.gather(part)
