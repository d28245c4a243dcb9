"""Which files a build reads, and the name and id each plan gets.

Folders are read recursively for plan files (hidden folders, ``README*`` files and
the build's own output folder left out); a ``manifest.csv`` describes the files of
its folder and below, keyed by their path relative to it. Identity:

- a plan's **name** (``pg:sourceFile``) is its path relative to the folder named on
  the command line (``hz/index.html``), or its file name when the file itself was named;
- when several files get the same name, each name grows by the folders above it
  (``a/plan.txt``, ``b/plan.txt``) until they differ, and the build says so in a note;
- a plan's **id**, which its IRIs are minted from, is the manifest's ``id`` if the row
  has one, else the name without its suffix (``hz/index``); two names that differ only
  in their suffix (``plan.txt``, ``plan.md``) keep it in their ids.

So the id of a plan depends only on its path and the other paths of the build, never
on file contents or order, and no two plans of a build share one.
"""

from __future__ import annotations

import errno
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import PlanMeta
from .ingest import PLAN_SUFFIXES
from .manifest import load_manifest

MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class PlanInput:
    """One file to build: where it is, its name and id, and its manifest row (if any)."""

    path: Path
    name: str
    id: str
    meta: PlanMeta | None = None


@dataclass
class Inputs:
    """The plans of a build and the notes the user should see (clashing names, skipped links)."""

    plans: list[PlanInput] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def find_inputs(paths: list[Path] | tuple[Path, ...], exclude: Path | None = None) -> Inputs:
    """The plan files under ``paths`` (files and folders), named and given unique ids.

    ``exclude`` is a folder never read (the build's output). A named path that does
    not exist raises ``InputError``; a broken or looping link found in a folder is a note.
    """
    found = Inputs()
    skip = {_identity(exclude)} if exclude is not None and exclude.is_dir() else set()
    seen: dict[str, int] = {}
    named: list[tuple[Path, str, PlanMeta | None]] = []
    for root in map(Path, paths):
        if root.is_dir():
            entries = _walk(root, skip, found.notes)
        elif root.is_file():
            entries = [(root, root.name, None)]
        else:
            raise InputError(root, _missing(root))
        for path, rel, meta in entries:
            real = os.path.realpath(path)
            if real not in seen:
                seen[real] = len(named)
                named.append((path, rel, meta))
            elif meta is not None and named[seen[real]][2] is None:  # one file reached twice is one plan,
                named[seen[real]] = (*named[seen[real]][:2], meta)  # described by the manifest that has it
    names = _distinct_names([(path, rel) for path, rel, _ in named], found.notes)
    ids = _ids(names, [meta.id if meta else None for _, _, meta in named], found.notes)
    for (path, _, meta), name, pid in zip(named, names, ids):
        meta = replace(meta, file=name, id=pid) if meta else None
        found.plans.append(PlanInput(path, name, pid, meta))
    found.plans.sort(key=lambda p: (p.name, p.id))
    return found


def _walk(root: Path, skip: set[tuple[int, int]], notes: list[str]) -> list[tuple[Path, str, PlanMeta | None]]:
    """(path, path relative to ``root``, manifest row) of every plan file below ``root``, in name order."""
    files: list[tuple[Path, str, PlanMeta | None]] = []
    rows: dict[Path, PlanMeta] = {}
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(root, (_identity(root),))]
    while stack:
        folder, chain = stack.pop()
        if (folder / MANIFEST).is_file():
            for file, meta in load_manifest(folder / MANIFEST).items():
                rows[folder / file] = meta
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            notes.append(f"skipped {_rel(folder, root)}/: cannot read folder ({exc.strerror or exc})")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not path.exists():
                problem = _missing(path)
                if problem == "symlink loop" or entry.name.lower().endswith(PLAN_SUFFIXES):
                    notes.append(f"skipped {_rel(path, root)}: {problem}")
                continue
            if entry.is_dir():
                ident = _identity(path)
                if ident in chain:
                    notes.append(f"skipped {_rel(path, root)}: symlink loop (a link back to a folder above it)")
                elif ident not in skip:
                    subfolders.append((path, chain + (ident,)))
            elif entry.name.lower().endswith(PLAN_SUFFIXES) and not entry.name.startswith("README"):
                files.append((path, _rel(path, root), None))
        stack.extend(reversed(subfolders))
    return [(path, rel, rows.get(path)) for path, rel, _ in files]


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _missing(path: Path) -> str:
    """Why a path that does not resolve is not there: a link loop, a broken link or nothing."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if path.is_symlink():
            return "broken symlink"
    return "no such file or folder"


def _distinct_names(files: list[tuple[Path, str]], notes: list[str]) -> list[str]:
    """The relative names, each group of equal ones lengthened by the folders above them until they differ."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, (_, rel) in enumerate(files):
        groups[rel].append(i)
    names = [rel for _, rel in files]
    for rel, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        parts = [files[i][0].absolute().parts for i in members]
        depth = len(PurePosixPath(rel).parts)
        while True:
            depth += 1
            longer = ["/".join(p[-depth:]).lstrip("/") for p in parts]
            if len(set(longer)) == len(longer) or depth >= max(map(len, parts)):
                break
        for i, name in zip(members, longer):
            names[i] = name
        notes.append(f"{len(members)} files are named {rel}; told apart as " + ", ".join(sorted(longer)))
    return names


def _ids(names: list[str], given: list[str | None], notes: list[str]) -> list[str]:
    """Manifest ids where given, else names without suffix; names equal but for the suffix keep it."""
    ids = [g or str(PurePosixPath(n).with_suffix("")) for n, g in zip(names, given)]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, pid in enumerate(ids):
        groups[pid].append(i)
    for pid, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        derived = [i for i in members if not given[i]]
        for i in derived:
            ids[i] = names[i]
        notes.append(f"{', '.join(sorted(names[i] for i in members))} would share the id {pid}; "
                     f"{'their ids keep the suffix' if derived else 'check the manifest'}")
    taken: dict[str, str] = {}
    for name, pid in zip(names, ids):
        if pid in taken:
            raise InputError(MANIFEST, f"plans {taken[pid]} and {name} have the same id {pid!r}")
        taken[pid] = name
    return ids
