"""Whether the published build already is the answer, so a rebuild of unchanged inputs does nothing.

A build depends on its input files (bytes, names, ids, manifest rows), on plangraph's code,
lexicon, patterns, identity rules and assets, on the versions of the libraries that shape the
output, and on the flags that change what is written. ``state`` hashes all of that in well
under a second; ``record`` keeps it as ``uptodate.json`` inside the published version folder,
with what the build told the user. A later build with the same state and no ``--force``
``replay``s that instead of resolving, writing the files, loading the store and drawing the view.

The record lives in the version folder and is written after the swap, so it can only ever
describe the build it sits beside: a kill before it is written leaves no record, and the
next build runs in full. When only some plans changed, the build runs in full and reuses
the extraction cache for the others (``cache.py``); resolution is global, so the rest is redone.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..graph.identity import DEFAULT_ROOT as IDENTITY_ROOT
from ..graph.store import HTML, STORE_DIR, TRIG, TURTLE
from ..read.inputs import PlanInput
from ..resources import data_path
from . import versions
from .cache import PACKAGE_DIR, entry_keys, hash_tree, hash_versions

RECORD = "uptodate.json"
FORMAT = 1  # the record's own layout; a change makes every old record a miss
# Libraries whose version changes the output files besides those that change extractions (cache.LIBRARIES).
OUTPUT_LIBRARIES = ("pyoxigraph", "networkx")


class Outcome(Protocol):
    """What a build reports (``build.BuildResult``): the parts of it a replay restores."""

    failures: list[str]
    notes: list[str]
    quads: int
    unchanged: bool


@dataclass(frozen=True)
class State:
    """Digests of everything a build's output depends on."""

    settings: str  # code, data, library versions and flags
    inputs: tuple[tuple[str, str], ...]  # (plan name, digest of its file, path, id and manifest row)
    published: tuple[str, ...]  # the names a whole build of these settings links in its output folder

    def as_json(self) -> dict[str, object]:
        return {"format": FORMAT, "settings": self.settings, "inputs": [list(pair) for pair in self.inputs]}


def state(
    plans: list[PlanInput], pipeline: str, *, view: bool, max_bytes: int, keys: dict[PlanInput, str] | None = None,
    **flags: int,
) -> State | None:
    """The state of a build of ``plans`` with the extraction cache's ``pipeline`` key, with or
    without the HTML ``view``, refusing files over ``max_bytes``, and other ``flags`` that change
    the output; None when an input cannot be read (the build reports it). ``keys`` are the
    plans' cache keys when the build has them already (``cache.entry_keys``)."""
    keys = entry_keys(plans, max_bytes) if keys is None else keys
    flags = {**flags, "view": view, "max_bytes": max_bytes}
    h = hashlib.sha256(f"{pipeline}\n{json.dumps(flags, sort_keys=True)}\n".encode())
    hash_versions(h, OUTPUT_LIBRARIES)
    for root in (PACKAGE_DIR, IDENTITY_ROOT, data_path("ontology")):
        hash_tree(h, Path(root), lambda path: path.suffix != ".pyc")
    try:
        inputs = tuple((p.name, f"{_file_digest(p, keys, max_bytes)}:{p.path.resolve()}") for p in plans)
    except OSError:
        return None
    return State(h.hexdigest()[:24], inputs, (TRIG, TURTLE, STORE_DIR, *([HTML] if view else [])))


def _file_digest(plan: PlanInput, keys: dict[PlanInput, str], max_bytes: int) -> str:
    """The extraction cache's key of a plan; a file the build refuses for its size is never read,
    its size and modification time stand for it. Raises ``OSError`` for a file that cannot be read."""
    if plan in keys:
        return keys[plan]
    st = plan.path.stat()
    if st.st_size > max_bytes:
        return f"refused:{st.st_size}:{st.st_mtime_ns}"
    raise OSError(f"{plan.path}: could not be read")


def replay(out: Path, now: State | None, result: Outcome) -> bool:
    """When the published build of ``out`` was made from the state ``now`` and is whole, fill
    ``result`` with what that build reported and return True: nothing needs writing."""
    if now is None or not all(os.path.exists(out / name) for name in now.published):
        return False
    try:
        kept = json.loads((out / versions.CURRENT / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(kept, dict) or {k: kept.get(k) for k in ("format", "settings", "inputs")} != now.as_json():
        return False
    result.failures = list(kept.get("failures", []))
    result.notes += [n for n in kept.get("warnings", []) if n not in result.notes]
    result.quads = int(kept.get("quads", 0))
    result.unchanged = True
    return True


def record(out: Path, now: State | None, result: Outcome, warnings: list[str]) -> None:
    """Keep ``now`` beside the build just published in ``out`` (atomically), with what it
    reported: its failures, quad count and the ``warnings`` about its files."""
    if now is None:
        return
    target = out / versions.CURRENT / RECORD
    pending = target.with_name(f".{RECORD}.tmp")
    pending.write_text(json.dumps({**now.as_json(), "failures": result.failures, "quads": result.quads,
                                   "warnings": warnings},
                                  ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    os.replace(pending, target)

