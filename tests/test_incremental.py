"""Rebuilds reuse the extraction of unchanged files and give byte-identical output;
``--jobs`` and file order never change a byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plangraph.build import uptodate, versions
from plangraph.build.cache import pipeline_key
from plangraph.build.workers import usable_cpus

from conftest import run_cli

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
SMALL = ("hangzhou-shi_14th-fyp_proposal.txt", "huzhou-shi_14th-fyp_outline.txt")
OUTPUTS = ("graph.trig", "graph.ttl")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _counts(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("extracted:"))


@pytest.fixture()
def folder(tmp_path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in SMALL:
        shutil.copyfile(PLANS / name, plans / name)
    return plans


def test_rebuild_reuses_unchanged_files_and_redoes_changed_ones(folder, tmp_path):
    out = tmp_path / "out"
    first = run_cli("build", folder, "--out", out)
    assert first.code == 0, first.err
    assert _counts(first.out) == "extracted: 2 files, reused from cache: 0"
    built = _outputs(out)

    published = versions.current_version(out)
    again = run_cli("build", folder, "--out", out)
    assert again.code == 0 and again.out.startswith("up to date:"), again.out
    assert _outputs(out) == built and versions.current_version(out) == published  # nothing rewritten

    # same bytes, new mtime: still up to date (the key is the content, not the clock)
    (folder / SMALL[0]).touch()
    assert run_cli("build", folder, "--out", out).out.startswith("up to date:")

    # one file edited: only it is extracted again, and the output changes with it
    edited = folder / SMALL[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n加快建设湖州莫干山高新区和长三角生态绿色一体化发展示范区。\n",
                      encoding="utf-8")
    third = run_cli("build", folder, "--out", out)
    assert _counts(third.out) == "extracted: 1 files, reused from cache: 1"
    assert _outputs(out)["graph.trig"] != built["graph.trig"]

    # --force extracts everything, and agrees with the cache
    changed = _outputs(out)
    forced = run_cli("build", folder, "--out", out, "--force")
    assert _counts(forced.out) == "extracted: 2 files, reused from cache: 0"
    assert _outputs(out) == changed


def test_damaged_cache_entries_are_misses(folder, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", folder, "--out", out).code == 0
    built = _outputs(out)
    entries = sorted((out / ".cache").rglob("*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut short, as by a crash or a full disk
    (out / versions.CURRENT / uptodate.RECORD).unlink()  # else the build is up to date and reads no cache
    run = run_cli("build", folder, "--out", out)
    assert _counts(run.out) == "extracted: 1 files, reused from cache: 1"
    assert _outputs(out) == built


def test_editing_a_lexicon_or_pattern_changes_the_pipeline_key(tmp_path):
    lexicon = tmp_path / "lexicon"
    patterns = tmp_path / "patterns"
    root = PLANS.parents[1] / "ontology"
    shutil.copytree(root / "lexicon", lexicon)
    shutil.copytree(root / "patterns", patterns)
    key = pipeline_key(lexicon, patterns)
    assert pipeline_key(lexicon, patterns) == key
    with (lexicon / "programs.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    edited = pipeline_key(lexicon, patterns)
    assert edited != key
    (patterns / "exclude.txt").write_text((patterns / "exclude.txt").read_text(encoding="utf-8") + "某某\n",
                                          encoding="utf-8")
    assert pipeline_key(lexicon, patterns) != edited


def test_cache_of_an_old_pipeline_is_removed(folder, tmp_path):
    out = tmp_path / "out"
    stale = out / ".cache" / "0123456789abcdef0123"
    stale.mkdir(parents=True)
    (stale / "x.pickle").write_bytes(b"old")
    assert run_cli("build", folder, "--out", out).code == 0
    assert [p.name for p in (out / ".cache").iterdir()] == [pipeline_key()]


def test_jobs_and_file_order_do_not_change_a_byte(out, tmp_path):
    """Another --jobs than the session's build (its default: every usable CPU), the bundled
    plans named in reverse order."""
    files = sorted(PLANS.glob("*.txt"), reverse=True)
    other = tmp_path / "jobs"
    jobs = "1" if usable_cpus() > 1 else "2"
    run = run_cli("build", *files, PLANS, "--out", other, "--jobs", jobs)
    assert run.code == 0, run.err
    assert _counts(run.out) == "extracted: 5 files, reused from cache: 0"
    assert _outputs(other) == _outputs(out)
