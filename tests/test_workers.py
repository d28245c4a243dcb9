"""Extraction workers: replaced by fresh ones after a bounded amount of work, results in order."""

from __future__ import annotations

import os
from pathlib import Path

from plangraph.build import build as build_module
from plangraph.read.inputs import PlanInput


def _which(plan: PlanInput) -> tuple[str, int]:
    return plan.name, os.getpid()


def test_workers_are_replaced_after_a_bounded_amount_of_files(tmp_path, monkeypatch):
    """Five files of 10 bytes, a budget of 25 bytes: runs of two, two and one file, each by a
    fresh worker, the results in the files' order."""
    monkeypatch.setattr(build_module, "_pipeline", lambda: None)  # no spaCy: this is about the workers
    plans = []
    for n in range(5):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(b"0123456789")
        plans.append(PlanInput(path, path.name, str(n)))
    got = list(build_module._extracting(_which, [(plan,) for plan in plans], jobs=1, recycle=25))
    assert [name for name, _ in got] == [plan.name for plan in plans]
    pids = [pid for _, pid in got]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4] and os.getpid() not in pids
    assert len(set(pids)) == 3


def test_a_file_over_the_budget_is_a_run_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "_pipeline", lambda: None)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(b"x" * 100)
    small.write_bytes(b"x")
    plans = [PlanInput(p, p.name, p.stem) for p in (big, small, Path(tmp_path / "gone.txt"))]
    got = list(build_module._extracting(_which, [(plan,) for plan in plans], jobs=1, recycle=10))
    assert [name for name, _ in got] == ["big.txt", "small.txt", "gone.txt"]
    assert got[0][1] != got[1][1] == got[2][1]
