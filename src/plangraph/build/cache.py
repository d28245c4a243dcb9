"""Per-file extraction results kept between builds, so a rebuild redoes only what changed.

Extraction is the slow, per-file part of a build; resolution across plans is
global and cheap and is always redone. An entry is keyed by the file's name,
bytes, name, id and metadata, inside a folder named by the pipeline version: the hash of
plangraph's own code, the lexicon and pattern files, and the versions of the
libraries that read and segment text. Editing a lexicon entry or the code
therefore invalidates every entry at once, and old folders are removed.

An entry is two pickles: a small head (what a build needs of the plan before its graph is
written: its summary for resolution, and the digest of what follows) and the extraction, so a
build reads the heads (the reduce reads them back a plan at a time, ``peek_head``) and each
extraction once, when its plan's graph is written. Entries are written by the worker that
extracted the file, atomically (a temporary file and a rename); a temporary file left by a
killed worker is removed by the next build's ``prune``.
Entries are pickles written by this user's own builds into the output folder;
the cache is not meant to be shared with other users.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from ..extract.patterns import DEFAULT_ROOT as PATTERNS_ROOT
from ..lexicon import resolve_root
from ..model import Extraction
from ..read.inputs import PlanInput

CACHE_DIR = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Libraries whose version changes what a file extracts to.
LIBRARIES = ("plangraph", "spacy", "jieba", "rjieba", "opencc", "pypdfium2", "python-docx", "charset-normalizer")


def pipeline_key(lexicon_root: Path | None = None, patterns_root: Path | None = None) -> str:
    """Hash of everything besides the file that decides its extraction (well under a second to compute)."""
    h = hashlib.sha256()
    hash_versions(h, LIBRARIES)
    roots = (PACKAGE_DIR, resolve_root(lexicon_root), Path(patterns_root or PATTERNS_ROOT))
    for root in roots:
        hash_tree(h, root, lambda path: path.suffix in (".py", ".csv", ".txt", ".json"))
    return h.hexdigest()[:20]


def hash_versions(h: hashlib._Hash, names: Iterable[str]) -> None:
    """The installed version of each library in ``names`` ("-" when absent): what else shapes an output."""
    for name in names:
        try:
            h.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\n".encode())


def hash_tree(h: hashlib._Hash, root: Path, wanted: Callable[[Path], bool]) -> None:
    """Names and bytes of every ``wanted`` file under ``root``, in a fixed order."""
    for path in sorted(p for p in root.rglob("*") if p.is_file() and wanted(p)):
        h.update(f"{path.relative_to(root)}\n".encode())
        h.update(path.read_bytes())


def entry_keys(plans: Iterable[PlanInput], max_bytes: int) -> dict[PlanInput, str]:
    """The cache key of every plan a build may read, each file hashed once: files over
    ``max_bytes`` are never hashed (``read_source`` refuses them from their size alone), and
    unreadable ones are left out for ``read_source`` to report."""
    keys: dict[PlanInput, str] = {}
    for plan in plans:
        try:
            if plan.path.stat().st_size <= max_bytes:
                keys[plan] = ExtractionCache.entry_key(plan)
        except OSError:
            continue
    return keys


class ExtractionCache:
    """Extraction results on disk under ``folder/<pipeline key>/``."""

    def __init__(self, folder: Path, key: str | None = None) -> None:
        self.root = folder
        self.folder = folder / (key or pipeline_key())

    @staticmethod
    def entry_key(plan: PlanInput) -> str:
        """The file's bytes, its name and id in the build and its manifest row: what else decides its extraction."""
        h = hashlib.sha256(f"{plan.name}\n{plan.id}\n{plan.meta!r}\n".encode())
        with plan.path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    def entry(self, key: str) -> Path:
        """Where the extraction of ``key`` is kept: a build's second pass reads it back from there."""
        return self.folder / f"{key}.pickle"

    def head(self, key: str) -> object | None:
        """The head of the entry of ``key``; None when absent or unreadable."""
        return read_head(self.entry(key))

    def prune(self) -> None:
        """Drop the folders of other pipeline versions: they can never be hit again; and the
        temporary files of entries a killed build was writing (the caller holds the output's lock)."""
        if not self.root.is_dir():
            return
        for old in self.root.iterdir():
            if old.is_dir() and old != self.folder:
                shutil.rmtree(old, ignore_errors=True)
        for tmp in self.folder.glob("*.tmp"):
            tmp.unlink(missing_ok=True)


def read_head(entry: Path) -> object | None:
    """The head pickled first in ``entry``, if the extraction after it is whole (its digest,
    kept with the head, matches); None when absent, damaged or unreadable."""
    try:
        with entry.open("rb") as fh:
            head, digest = pickle.load(fh)
            rest = hashlib.blake2b()
            for block in iter(lambda: fh.read(1 << 20), b""):
                rest.update(block)
    except Exception:  # noqa: BLE001 - a damaged entry can raise anything; it is just a miss
        return None
    return head if rest.hexdigest() == digest else None


def peek_head(entry: Path) -> object | None:
    """The head pickled first in ``entry``, unchecked: what a build reads back of an entry its
    first pass wrote or checked (``read_head``), without reading the extraction; None when
    absent or unreadable."""
    try:
        with entry.open("rb") as fh:
            head, _ = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged entry can raise anything
        return None
    return head


def read_extraction(entry: Path, path: Path) -> Extraction | None:
    """The extraction pickled in ``entry`` after its head, re-pointed at ``path``; None when absent or unreadable."""
    try:
        with entry.open("rb") as fh:
            pickle.load(fh)  # the head
            ex = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged entry can raise anything; it is just a miss
        return None
    if not isinstance(ex, Extraction):
        return None
    ex.document = replace(ex.document, source=replace(ex.document.source, path=path))
    return ex


def write_extraction(entry: Path, ex: Extraction, head: object = None) -> Path:
    """Pickle ``head`` (with the digest of what follows) and ``ex`` into ``entry`` through a temporary
    file and a rename, so no reader sees half of it."""
    data = pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((head, hashlib.blake2b(data).hexdigest()), fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(data)
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return entry


class Spilled(MutableMapping[int, Any]):
    """Values by plan index, each pickled into a file of a scratch ``folder``: what one pass of a
    build hands a later one per plan (``resolve.reduce_summaries``'s ``spill``), held on disk
    instead of in memory. The build removes the folder; writes need not be atomic."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, index: int) -> Path:
        return self.folder / f"{index:06d}.pickle"

    def __getitem__(self, index: int) -> Any:
        try:
            return pickle.loads(self._path(index).read_bytes())
        except FileNotFoundError:
            raise KeyError(index) from None

    def __setitem__(self, index: int, value: Any) -> None:
        self._path(index).write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def __delitem__(self, index: int) -> None:
        try:
            self._path(index).unlink()
        except FileNotFoundError:
            raise KeyError(index) from None

    def __iter__(self) -> Iterator[int]:
        return (int(path.stem) for path in sorted(self.folder.glob("*.pickle")))

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("*.pickle"))
