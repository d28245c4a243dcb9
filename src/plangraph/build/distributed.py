"""Build on a cluster when one machine is not enough: Dask (or anything with its client API).

The same passes as a local build (``build.py``), each a task on the workers; the driver only
submits tasks and holds, per plan, its ``BuiltPlan`` (name, graph IRI, cache entry) and futures:

1. map: workers extract files (``build.extract_file``), write each extraction into the
   output's cache on the shared file system and keep its small summary (``resolve.PlanSummary``,
   about a twelfth of an extraction) in worker memory; the driver gets the ``BuiltPlan`` or the
   failure;
2. reduce: the stages of ``resolve.reduce_summaries``, each per plan where its summary is, and
   between them keyed folds (``keyed_fold``): a plan's records are split into buckets by a
   stable hash of their key, and one task per bucket merges that bucket's records of every plan.
   The prefixed names and the identity-rule joins, both small, are folded and handed to every
   plan; the entity votes are folded and minted per bucket, and one task assembles the minted
   entities into the table (no summary in it);
3. map: a task per plan cuts its slice of the table (the IRIs its mentions, region and
   relations need, ``EntityTable.plan_entities``) beside the table, and another reads the plan's
   extraction back from disk and writes the plan's sorted N-Quads part into a folder beside the
   output; one more writes the entities graph's part;
4. load: one task streams the part files into graph.trig, graph.ttl and a bulk-loaded Oxigraph
   store, in a new version of the output folder published as a local build's is.

No extraction, summary, table or part passes through the driver, so its memory does not grow
with the corpus, and no task holds every summary (docs/performance.md, "cluster"). The output
is byte-identical to ``plangraph build`` of the same files. This module never imports Dask: the
caller passes a connected client.
"""

from __future__ import annotations

import hashlib
import shutil
import zlib
from collections.abc import Callable, Hashable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from ..graph import resolve
from ..graph.identity import load_identity
from ..graph.resolve import EntityTable, Minted, Named, PlanEntities, Vote
from ..graph.vocab import ENTITIES_GRAPH
from ..lexicon import load_lexicon, place_names
from ..read.inputs import PlanInput, find_inputs
from . import versions
from .build import BuildResult, BuiltPlan, Head, entities_nquads, extract_file, plan_part, publish, write_kept
from .cache import CACHE_DIR, ExtractionCache

PARTS = ".cluster-parts"  # the plans' parts written by workers, while a build runs
BUCKETS_PER_WORKER = 2  # buckets of each keyed fold, per worker
_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


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
            table, keys = reduce_on_cluster(client, kept)
            slices = [client.submit(plan_slice, table, k, i, ks, pure=False) for i, (k, ks) in enumerate(zip(kept, keys))]
            indicators = [client.submit(itemgetter(2), k, pure=False) for k in kept]
            del kept, keys  # each summary is freed once its plan's slice is cut
            written = [client.submit(write_part, p, s, folder=parts, pure=False) for p, s in zip(result.plans, slices)]
            entities = client.submit(write_entities, table, indicators, parts, pure=False)
            graphs = [str(ENTITIES_GRAPH), *(p.graph for p in result.plans)]
            result.quads = client.submit(publish_parts, graphs, [entities, *written], out, pure=False).result()
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    return result


def keep_extraction(plan: PlanInput, folder: Path) -> Head | str:
    """The first pass of one plan on a worker: extract it, keep the extraction in the cache
    ``folder`` and return its head (the plan, its summary and the indicators of its targets),
    which stays in the worker's memory; or its failure."""
    got = extract_file(plan)
    if isinstance(got, str):
        return got
    cache = ExtractionCache(folder.parent, folder.name)
    return write_kept(plan, got, cache.entry(cache.entry_key(plan)))


def head(kept: Head | str) -> BuiltPlan | str:
    """What the driver gets of a plan's first pass: the plan as built, or its failure."""
    return kept if isinstance(kept, str) else kept[0]


def reduce_on_cluster(client: Any, kept: list[Any]) -> tuple[Any, list[Any]]:
    """The reduce (``resolve.reduce_summaries``'s stages) over the plans' first passes ``kept``
    (futures, in the plans' order): futures of the entity table and of each plan's entity keys."""
    buckets = max(1, BUCKETS_PER_WORKER * len(client.scheduler_info()["workers"]))

    def submit(fn: Callable[..., Any], *args: Any) -> Any:
        return client.submit(fn, *args, pure=False)

    offers = [submit(plan_offers, k, i, buckets) for i, k in enumerate(kept)]
    prefixes = submit(merged, keyed_fold(client, offers, buckets, min, resolve.prefix_table))
    named = [submit(plan_names, k, prefixes) for k in kept]
    counts = [submit(plan_join_counts, k, n, buckets) for k, n in zip(kept, named)]
    joined = submit(merged, keyed_fold(client, counts, buckets, resolve.add_counts, joined_names))
    voted = [submit(plan_votes, k, i, n, joined, buckets) for i, (k, n) in enumerate(zip(kept, named))]
    minted = keyed_fold(client, [submit(itemgetter(1), v) for v in voted], buckets, resolve.merge_votes, resolve.mint)
    table = submit(assemble, minted, [submit(plan_refs, k) for k in kept])
    return table, [submit(itemgetter(0), v) for v in voted]


def keyed_fold(
    client: Any, split: list[Any], buckets: int, merge: Callable[[_V, _V], _V], finish: Callable[[dict[_K, _V]], Any]
) -> list[Any]:
    """Futures of ``finish`` of each bucket folded: ``split`` are futures of each plan's records,
    ``buckets`` dicts (``bucketed``); the task of a bucket receives only that bucket's dicts."""
    columns = [[client.submit(itemgetter(b), part, pure=False) for part in split] for b in range(buckets)]
    return [client.submit(fold_bucket, merge, finish, *column, pure=False) for column in columns]


def fold_bucket(merge: Callable[[_V, _V], _V], finish: Callable[[dict[_K, _V]], Any], *parts: dict[_K, _V]) -> Any:
    """One bucket of a keyed fold on a worker: its records of every plan, merged by key, finished."""
    return finish(resolve.fold(parts, merge))


def bucketed(records: dict[_K, _V], buckets: int, group: Callable[[_K, _V], str]) -> list[dict[_K, _V]]:
    """``records`` split into ``buckets`` dicts by a stable hash of ``group`` (the same in every
    process, unlike ``hash`` of a string), so records one merge needs meet in one bucket."""
    out: list[dict[_K, _V]] = [{} for _ in range(buckets)]
    for key, value in records.items():
        out[zlib.crc32(group(key, value).encode()) % buckets][key] = value
    return out


def merged(parts: list[dict[_K, _V]]) -> dict[_K, _V]:
    """The buckets' results (disjoint keys) as one dict."""
    return {key: value for part in parts for key, value in part.items()}


def plan_offers(kept: Head, index: int, buckets: int) -> list[dict[tuple[str, str], resolve.Offer]]:
    """Stage a of a plan where its summary is, bucketed by (region, name)."""
    offers = resolve.prefix_offers(kept[1], index, load_lexicon())
    return bucketed(offers, buckets, lambda key, _: "\t".join(key))


def plan_names(kept: Head, prefixes: dict[tuple[str, str], str]) -> list[Named]:
    """Stage b of a plan: its forms' lexicon entries or canonical names."""
    return resolve.plan_names(kept[1], prefixes, load_lexicon(), load_identity())


def plan_join_counts(kept: Head, named: list[Named], buckets: int) -> list[dict[tuple[str, str], Any]]:
    """Stage b of a plan: its identity-rule groups' counts, bucketed by group."""
    counts = resolve.join_counts(kept[1], named, load_identity())
    return bucketed(counts, buckets, lambda key, _: "\t".join(key))


def joined_names(groups: dict[tuple[str, str], Any]) -> dict[tuple[str, str], str]:
    """A bucket of identity-rule groups folded: the name that stands for each joined form."""
    return resolve.joined_names(groups, load_identity())


def plan_votes(
    kept: Head, index: int, named: list[Named], joined: dict[tuple[str, str], str], buckets: int
) -> tuple[list[str], list[dict[str, Vote]]]:
    """Stage c of a plan: its forms' entity keys, and its votes bucketed by what their IRIs share."""
    lexicon = load_lexicon()
    keys, votes = resolve.plan_votes(kept[1], index, named, joined, lexicon, place_names(lexicon))
    return keys, bucketed(votes, buckets, lambda _, vote: resolve.vote_group(vote))


def plan_refs(kept: Head) -> tuple[str | None, list[str]]:
    """What stage d needs of a plan's summary: its region and its relations' lexicon ids."""
    return kept[1].region, kept[1].refs


def assemble(minted: list[Minted], refs: list[tuple[str | None, list[str]]]) -> EntityTable:
    """Stage d on a worker: the entity table from the buckets' minted entities."""
    return resolve.assemble(minted, [region for region, _ in refs], (r for _, own in refs for r in own), load_lexicon())


def plan_slice(table: EntityTable, kept: Head, index: int, keys: list[str]) -> PlanEntities:
    """The slice of the table the plan at ``index`` needs, cut where the table is."""
    return table.plan_entities(index, kept[1], load_lexicon(), keys)


def write_part(plan: BuiltPlan, given: PlanEntities, folder: Path) -> Path:
    """The second pass of one plan on a worker: its sorted N-Quads part, written into ``folder``."""
    data, _ = plan_part(plan, given, view=False)
    target = folder / f"{hashlib.sha1(plan.graph.encode()).hexdigest()}.nq"
    target.write_bytes(data)
    return target


def write_entities(table: EntityTable, indicators: list[list[tuple[str, str]]], folder: Path) -> Path:
    """The entities graph's sorted N-Quads part (the table and each plan's targets' indicators), into ``folder``."""
    target = folder / "entities.nq"
    target.write_bytes(entities_nquads(table, (pair for own in indicators for pair in own)))
    return target


def publish_parts(graphs: list[str], paths: list[Path], out: Path) -> int:
    """The load on a worker: the parts' files (graph IRI, file) into a new version of ``out``, published."""
    return publish(zip(graphs, paths), out)
