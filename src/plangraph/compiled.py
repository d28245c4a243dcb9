"""Start-up data compiled once and loaded from a cache: what every build would otherwise re-read.

Reading the lexicon's CSV files (45,000 rows checked one by one) and jieba's ``dict.txt``
(350,000 lines) cost about a second at every start, more than a rebuild of cached files
does besides. ``load`` keeps the result as a pickle in the user's cache folder
(``$PLANGRAPH_CACHE``, else ``$XDG_CACHE_HOME/plangraph``, else ``~/.cache/plangraph``),
named by a hash of what it was compiled from: the source files' names and bytes, the code
of the module that compiles them and the Python version. An edit to a lexicon file, to
jieba's dictionary or to that code therefore compiles afresh, and the old copy is removed.

The cache is never required: a missing, unreadable or damaged copy is compiled again,
and a folder that cannot be written only means nothing is kept. Copies are written
atomically, so a reader never sees half of one. Like the build cache, the pickles are
this user's own, in a folder only this user can write.

``regex`` keeps the program of a regular expression the same way: a pattern that lists
every place name costs Python's ``re`` 40 to 130 ms to compile at every start, and
under a millisecond to load compiled.
"""

from __future__ import annotations

import _sre
import contextlib
import gc
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any, TypeVar

ENV_VAR = "PLANGRAPH_CACHE"

T = TypeVar("T")


def cache_dir() -> Path:
    """Where compiled data lives: ``$PLANGRAPH_CACHE``, else the XDG cache folder's ``plangraph``."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plangraph"


def source_key(name: str, sources: Iterable[Path], code: Path) -> str:
    """Hash of the source files (names and bytes), the compiling module and the Python version."""
    h = hashlib.sha256(f"{name}\n{sys.version_info[:2]}\n".encode())
    for path in [code, *sources]:
        h.update(f"{path.name}\n".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:24]


def load(name: str, sources: Iterable[Path], compile: Callable[[], T], kind: type[T], code: Path) -> T:
    """``compile()``'s result for these ``sources``: from the cache when it holds a good copy, else
    compiled and kept. ``code`` is the module that compiles them (its edits change the result's shape)."""
    try:
        key = source_key(name, sources, code)
    except (OSError, RuntimeError):  # a source compile() will report or do without
        return compile()
    return _cached(name, key, compile, kind)


def regex(name: str, pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, its program loaded from the cache when compiled before.

    The copy is named ``name`` and the hash of the pattern, the Python version and the
    version of its regular-expression engine (``_sre.MAGIC``), so any change compiles afresh."""
    key = hashlib.sha256(f"{sys.version}\n{_sre.MAGIC}\n{pattern}".encode()).hexdigest()[:24]
    try:
        return _sre.compile(pattern, *_cached(f"regex-{name}", key, lambda: _program(pattern), tuple))
    except (AttributeError, TypeError, ValueError, RuntimeError):  # a copy that is no program of this engine, or
        return re.compile(pattern)  # a Python whose re compiles otherwise


def _program(pattern: str) -> tuple[Any, ...]:
    """What ``re.compile`` hands the engine for ``pattern`` (as ``re._compiler.compile`` does),
    in plain ints so that it pickles."""
    parsed = _parser.parse(pattern, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _cached(name: str, key: str, compile: Callable[[], T], kind: type[T]) -> T:
    """The copy of ``name`` for ``key`` in the cache folder, else ``compile()``'s result, kept."""
    try:
        folder = cache_dir()
    except RuntimeError:  # no home folder
        return compile()
    entry = folder / f"{name}-{key}.pickle"
    found = _read(entry, kind)
    if found is not None:
        return found
    value = compile()
    _write(folder, name, entry, value)
    return value


def _read(entry: Path, kind: type[T]) -> T | None:
    """The pickled copy, or None when it is missing, damaged or of another type."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        with kept():  # hundreds of thousands of small objects, cached for the process: the collector would run dozens of times for nothing
            value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged copy can raise anything; it is only a miss
        return None
    return value if isinstance(value, kind) else None


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Make objects that live as long as the process (modules imported, data loaded once) with
    the collector off, then freeze them (``gc.freeze``): no later collection walks them again
    (after a load or an import, the first collections went through everything it made, and a
    full one through everything the process held), nor does a forked worker copy their pages
    by marking them. Anything else that exists meanwhile is frozen too, so it is kept only
    around start-up work."""
    with no_collection():
        yield
        gc.freeze()


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector off while many long-lived objects are made, then back as it
    was (a caller may have turned it off itself)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _write(folder: Path, name: str, entry: Path, value: object) -> None:
    """Keep ``value`` atomically and drop older copies of ``name``; a folder that cannot be
    written is no error, just no cache."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{entry.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            return
        raise
    for old in folder.glob(f"{name}-*.pickle"):
        if old != entry and old.name.rsplit("-", 1)[0] == name:
            old.unlink(missing_ok=True)
