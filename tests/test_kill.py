"""A build killed at any moment (kill -9) or terminated (SIGTERM) leaves the previous output
whole, no process behind, and, by the next build, no staging folder.

The full run (100 plans, 10 kills each with --jobs 1 and 2) is ``bench/kill.py``; this is a
handful of kills on a small corpus.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import kill  # noqa: E402  (bench/kill.py)

pytestmark = pytest.mark.slow


def test_kill_9_at_random_moments_never_breaks_the_published_build(tmp_path):
    lines = list(kill.trials(plans=4, count=2, jobs=2, seed=7, workdir=tmp_path))
    assert len(lines) == 3, lines


def test_sigterm_stops_the_build_its_workers_and_its_new_version(tmp_path):
    full, _ = kill.make_corpus(tmp_path / "corpus", 6)
    out = tmp_path / "out"
    proc = subprocess.Popen(kill.build_cmd(full, out, 2), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / ".builds").exists() and not list((out / ".cache").glob("*/*.pickle")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it could be stopped"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert kill.group_left(proc.pid) == []
    assert not (out / ".builds").exists() or list((out / ".builds").iterdir()) == []


def test_kill_9_while_the_store_loads_leaves_no_loader(tmp_path):
    """The store loads in a process of its own (build/loader.py): killing the build while it runs
    takes the loader with it, and the next build publishes a whole output."""
    full, _ = kill.make_corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out"
    proc = subprocess.Popen(kill.build_cmd(full, out, 1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 180
    while not _loaders(proc.pid):
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before its store loaded"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert kill.group_left(proc.pid) == []
    done = subprocess.run(kill.build_cmd(full, out, 1), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert kill.fingerprint(out).quads > 0


def _loaders(pgid: int) -> list[int]:
    """The store loaders (``plangraph.build.loader``) running in process group ``pgid``."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[2]) == pgid and b"plangraph.build.loader" in command:
            found.append(int(entry))
    return found
