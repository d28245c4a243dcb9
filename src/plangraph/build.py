"""Build: plan files in, dataset files, an Oxigraph store and the HTML view out.

One bad file never loses the rest: each file fails alone with a one-line
reason. Everything is written to a staging folder first and moved into place
at the end, so a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .extract import build_pipeline, extract
from .ingest import read_source
from .lexicon import load_lexicon
from .manifest import infer_meta, load_manifest
from .model import Extraction, PlanMeta
from .rdf import dataset_quads
from .resolve import resolve
from .store import STORE_DIR, TRIG, TURTLE, write_files, write_store
from .structure import parse
from .targets import extract_targets

MANIFEST = "manifest.csv"
PLAN_SUFFIXES = (".txt", ".md")
HTML = "graph.html"


@dataclass
class BuildResult:
    """What a build produced and which files it could not use."""

    out: Path
    extractions: list[Extraction] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    quads: int = 0


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


def process(path: Path, meta: PlanMeta | None) -> Extraction:
    """One file through ingest, structure and extraction."""
    source = read_source(path)
    if meta is None:
        meta = infer_meta(source, path.name)
    ex = extract(parse(source, meta))
    ex.targets = extract_targets(ex.document)
    return ex


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
    view: Callable[[Path], None] | None = None,
) -> BuildResult:
    """Build the dataset of ``paths`` into ``out``; ``view`` writes the HTML from the store."""
    files, metas = find_inputs(paths)
    result = BuildResult(out)
    build_pipeline()
    for path in progress(files):
        try:
            result.extractions.append(process(path, metas.get(path.name)))
        except InputError as exc:
            result.failures.append(str(exc))
        except (OSError, ValueError, UnicodeError) as exc:
            result.failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
    if not result.extractions:
        return result
    res = resolve(result.extractions, load_lexicon())
    quads = dataset_quads(result.extractions, res)
    result.quads = len(quads)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        write_files(quads, stage)
        write_store(quads, stage / STORE_DIR)
        if view is not None:
            view(stage)
        _publish(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return result


def _publish(stage: Path, out: Path) -> None:
    """Move each staged artifact over its old version; the old one is removed only after."""
    out.mkdir(parents=True, exist_ok=True)
    trash = stage / ".old"
    trash.mkdir()
    for name in (TRIG, TURTLE, STORE_DIR, HTML):
        new = stage / name
        if not new.exists():
            continue
        if (out / name).exists():
            os.replace(out / name, trash / name)
        os.replace(new, out / name)
