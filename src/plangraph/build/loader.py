"""The build's store bulk-loaded in a process of its own, beside the build.

Oxigraph's bulk load holds native memory (RocksDB's, ~1 KB a quad of a load) that Python
never gives back to the system; loaded in the build's own process, it stacked on the HTML
view made meanwhile. A fresh interpreter (``python -m plangraph.build.loader``: pyoxigraph
and nothing of the build imported, ~30 MB) loads the parts from disk instead, so that memory
goes when it exits, and the build's peak is the larger of the two, not their sum. Like the
build's workers it dies with the build (``workers.die_with``): a build killed with ``kill -9``
leaves no loader, and a store half loaded is in the build's new version folder, which is never
published and goes with it (``versions.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import plangraph

_SOURCE = str(Path(plangraph.__file__).resolve().parents[1])  # where this plangraph is imported from


class Loading:
    """A store being loaded by its own process (``loading``); ``wait`` for it to finish."""

    def __init__(self, proc: subprocess.Popen[bytes], errors: IO[bytes], path: Path) -> None:
        self._proc, self._errors, self._path = proc, errors, path

    def wait(self) -> None:
        """Block until the store is loaded; a load that failed raises with its last error line."""
        if self._proc.wait() != 0:
            self._errors.seek(0)
            lines = self._errors.read().decode(errors="replace").strip().splitlines() or ["(no message)"]
            raise RuntimeError(f"{self._path}: the store could not be loaded: {lines[-1]}")

    def stop(self) -> None:
        """Kill the load (a build that fails) and reap it, so its folder can go."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()


@contextlib.contextmanager
def loading(loads: Iterable[list[Path]], path: Path) -> Iterator[Loading]:
    """The store at ``path`` bulk-loaded, in a process of its own, from ``loads``
    (``store.load_groups``: the N-Quads files of each bulk load), while the caller goes on;
    leaving the block without ``wait`` (an exception) kills the load."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_SOURCE, os.environ.get("PYTHONPATH")]))}
    listed = json.dumps([[str(p) for p in files] for files in loads]).encode()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([sys.executable, "-m", __name__, str(os.getpid()), str(path)], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        job = Loading(proc, errors, path)
        try:
            assert proc.stdin is not None
            with contextlib.suppress(BrokenPipeError), proc.stdin:  # a loader that died says why in ``wait``
                proc.stdin.write(listed)
            yield job
        finally:
            job.stop()  # a no-op once waited for


def main(argv: list[str]) -> int:
    """In the loader: ``PARENT_PID STORE_PATH``, the loads as JSON on stdin."""
    from ..graph.store import write_store
    from .workers import die_with

    parent, path = int(argv[0]), Path(argv[1])
    die_with(parent)
    loads = [[Path(p) for p in files] for files in json.load(sys.stdin)]
    write_store(loads, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
