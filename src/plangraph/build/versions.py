"""The output folder, published in one step so a reader only ever sees a whole build.

A build writes into a new version folder and then swaps one name::

    OUT/graph.trig -> .current/graph.trig     (likewise graph.ttl, store, graph.html)
    OUT/.current   -> .builds/<n>             the pointer: one rename(2) publishes
    OUT/.builds/<n>/                          the files of one build
    OUT/.lock                                 held (flock) while a build runs

Whoever opens ``OUT/store`` or ``OUT/graph.trig`` gets the old build or the new one,
never a mix, and a kill at any moment leaves the old one whole. Each publish gives
``OUT/store`` a new identity (``os.stat`` through the links), which is how a server
notices a new build. The replaced version is deleted right after the swap (an
Oxigraph store already opened keeps reading its deleted files); versions left by
killed builds are deleted when the next build starts. A rename survives a kill, not
a power cut: nothing is fsynced.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

BUILDS = ".builds"
CURRENT = ".current"
LOCK = ".lock"
_PENDING = ".current.next"  # the new pointer before it is renamed over .current


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build, and clear what killed builds left; a second build at once is refused.

    A folder this made and the build left empty (no plan could be built) is removed again.
    """
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(out, "another build is writing this output folder") from None
        clear_stale(out)
        yield
    finally:
        if made and [p.name for p in out.iterdir()] == [LOCK]:
            shutil.rmtree(out, ignore_errors=True)
        os.close(fd)  # the lock goes with the descriptor (and with the process, if it is killed)


def clear_stale(out: Path) -> None:
    """Delete the version folders no pointer names (builds killed before their swap)
    and the staging folders earlier plangraph versions left beside ``out``."""
    keep = current_version(out)
    builds = out / BUILDS
    for entry in sorted(builds.iterdir()) if builds.is_dir() else ():
        if entry.name != keep:
            _remove(entry)
    (out / _PENDING).unlink(missing_ok=True)
    old_style = re.compile(rf"\.{re.escape(out.name)}\.[A-Za-z0-9_]{{8}}")
    for entry in out.absolute().parent.iterdir():
        if old_style.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def current_version(out: Path) -> str | None:
    """The name of the published version folder, if any."""
    try:
        return Path(os.readlink(out / CURRENT)).name
    except OSError:
        return None


def new_version(out: Path) -> Path:
    """An empty folder for the next version, numbered after the current one (created with the umask)."""
    builds = out / BUILDS
    builds.mkdir(exist_ok=True)
    current = current_version(out)
    n = int(current) + 1 if current and current.isdigit() else 1
    while True:
        folder = builds / str(n)
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            n += 1


def swap(out: Path, version: Path, names: tuple[str, ...]) -> None:
    """Publish ``version``: point ``.current`` at it with one rename, link ``names``, drop the old version.

    Files in ``version`` get the mode a new file gets under the umask (writers that
    use private temporary files would leave 0600).
    """
    _normal_modes(version)
    old = current_version(out)
    os.symlink(Path(BUILDS) / version.name, out / _PENDING)
    os.replace(out / _PENDING, out / CURRENT)
    for name in names:
        _link(out, name, present=(version / name).exists())
    if old and old != version.name:
        _remove(out / BUILDS / old)


def _link(out: Path, name: str, *, present: bool) -> None:
    """``out/name`` as a link into ``.current`` (made once); a name this build lacks loses its link."""
    path = out / name
    target = Path(CURRENT) / name
    if path.is_symlink():
        if not present:
            path.unlink()
        elif Path(os.readlink(path)) != target:
            _replace_with_link(path, target)
        return
    if not present:
        return
    if path.is_dir():  # a store written by a plangraph that wrote in place: set it aside first
        aside = out / BUILDS / f"old-{name}"
        os.replace(path, aside)
        _replace_with_link(path, target)
        _remove(aside)
    else:
        _replace_with_link(path, target)


def _replace_with_link(path: Path, target: Path) -> None:
    pending = path.with_name(f".{path.name}.link")
    pending.unlink(missing_ok=True)
    os.symlink(target, pending)
    os.replace(pending, path)


def _normal_modes(folder: Path) -> None:
    """Give the files directly in ``folder`` the mode the umask gives new files (0644 under 022)."""
    probe = folder / ".mode"
    os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    mode = probe.stat().st_mode & 0o777
    probe.unlink()
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            entry.chmod(mode)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
