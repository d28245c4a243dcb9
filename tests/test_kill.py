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
