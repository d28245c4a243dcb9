"""Publishing the output folder: one rename per build, nothing stale, normal file modes, one build at a time."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from plangraph.build import versions
from plangraph.build.build import PUBLISHED

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
GOOD = PLANS / "hangzhou-shi_14th-fyp_proposal.txt"  # the shortest bundled plan


def _build(out: Path) -> None:
    run = run_cli("build", GOOD, "--out", out, "--force")  # else a build of unchanged inputs publishes nothing
    assert run.code == 0, run.err


@pytest.fixture()
def out(tmp_path) -> Path:
    out = tmp_path / "out"
    _build(out)
    return out


def test_each_publish_gives_the_store_a_new_identity_behind_the_same_names(out):
    before = os.stat(out / "store")
    old = versions.current_version(out)
    _build(out)
    after = os.stat(out / "store")
    assert (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino)
    assert [p.name for p in (out / versions.BUILDS).iterdir()] == [versions.current_version(out)] != [old]
    for name in PUBLISHED:
        assert (out / name).is_symlink() and (out / name).exists(), name


def test_published_files_have_the_mode_the_umask_gives(out):
    umask = os.umask(0o022)
    os.umask(umask)
    for name in ("graph.html", "graph.trig", "graph.ttl"):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


def test_the_next_build_removes_what_killed_builds_left(out):
    (out / versions.BUILDS / "99").mkdir()
    (out / versions.BUILDS / "99" / "graph.trig").write_text("half", encoding="utf-8")
    os.symlink(".builds/99", out / ".current.next")
    beside = out.parent / ".out.abcd1234"  # where plangraph staged before versions
    (beside / "store").mkdir(parents=True)
    _build(out)
    assert [p.name for p in (out / versions.BUILDS).iterdir()] == [versions.current_version(out)]
    assert not (out / ".current.next").exists() and not beside.exists()


def test_a_second_build_of_the_same_folder_waits_for_none(out):
    fd = os.open(out / versions.LOCK, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build holds it
        run = run_cli("build", GOOD, "--out", out)
    finally:
        os.close(fd)
    assert run.code == 2
    assert run.err.strip() == f"error: {out.name}: another build is writing this output folder"


def test_an_output_folder_of_real_files_is_converted(out, tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for name in PUBLISHED:
        source = (out / name).resolve()
        if source.is_dir():
            shutil.copytree(source, legacy / name)
        else:
            shutil.copyfile(source, legacy / name)
    _build(legacy)
    for name in PUBLISHED:
        assert (legacy / name).is_symlink() and (legacy / name).exists(), name
    assert (legacy / "graph.trig").read_bytes() == (out / "graph.trig").read_bytes()
    assert [p.name for p in (legacy / versions.BUILDS).iterdir()] == [versions.current_version(legacy)]
