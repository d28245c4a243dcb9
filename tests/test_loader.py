"""The build's store is bulk-loaded in a process of its own (``build/loader.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plangraph.build import loader
from plangraph.graph import store

LINES = [f'<http://a.example/s{i}> <http://a.example/p> "{i}" <http://a.example/g{i % 3}> .\n' for i in range(30)]


def _parts(folder: Path) -> list[list[Path]]:
    parts = []
    for n, chunk in enumerate([LINES[:10], LINES[10:]]):
        parts.append(folder / f"{n:06d}.nq")
        parts[-1].write_text("".join(chunk), encoding="utf-8")
    return [parts[:1], parts[1:]]


def test_the_loader_process_loads_every_quad_while_the_caller_goes_on(tmp_path):
    with loader.loading(_parts(tmp_path), tmp_path / "store") as job:
        assert job._proc.pid != os.getpid()
        job.wait()
    assert sorted(f"{q} .\n" for q in store.open_store(tmp_path)) == sorted(LINES)


def test_a_failed_load_says_why_in_one_line(tmp_path):
    groups = _parts(tmp_path)
    groups[1][0].write_text("<http://a.example/s> not rdf at all\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"store could not be loaded: .*\S") as caught:
        with loader.loading(groups, tmp_path / "store") as job:
            job.wait()
    assert "\n" not in str(caught.value)


def test_leaving_on_an_exception_kills_the_load(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with loader.loading(_parts(tmp_path), tmp_path / "store") as job:
            raise KeyboardInterrupt
    assert job._proc.returncode is not None  # reaped: no process left behind
