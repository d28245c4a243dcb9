"""A build of unchanged inputs publishes nothing new; any change to an input, the lexicon or
a flag builds again, and what it publishes equals a --force build of the same inputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from plangraph.build import uptodate, versions
from plangraph.build.cache import pipeline_key
from plangraph.read.inputs import find_inputs

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
SHORT = "hangzhou-shi_14th-fyp_proposal.txt"  # the shortest bundled plan
OUTPUTS = ("graph.trig", "graph.ttl", "graph.html")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture()
def folder(tmp_path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copyfile(PLANS / SHORT, plans / SHORT)
    return plans


def _state(folder: Path, **flags: int) -> uptodate.State | None:
    settings = {"max_bytes": 1 << 20, "stream_chars": 1 << 20, **flags}
    return uptodate.state(find_inputs([folder]).plans, pipeline_key(), view=True, **settings)


def test_the_state_changes_with_a_plan_the_lexicon_and_the_flags(folder, tmp_path, monkeypatch):
    first = _state(folder)
    assert first == _state(folder)
    assert _state(folder, max_bytes=1 << 21) != first
    plan = folder / SHORT
    plan.write_text(plan.read_text(encoding="utf-8") + "\n推进湖州南太湖新区建设。\n", encoding="utf-8")
    edited = _state(folder)
    assert edited.inputs != first.inputs and edited.settings == first.settings
    lexicon = tmp_path / "lexicon"
    shutil.copytree(PLANS.parents[1] / "ontology" / "lexicon", lexicon)
    monkeypatch.setenv("PLANGRAPH_LEXICON", str(lexicon))
    copied = _state(folder)
    with (lexicon / "programs.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert _state(folder).settings != copied.settings


def test_a_missing_input_has_no_state(folder):
    plans = find_inputs([folder]).plans
    (folder / SHORT).unlink()
    assert uptodate.state(plans, pipeline_key(), view=True, max_bytes=1 << 20) is None


@pytest.mark.slow
def test_unchanged_inputs_publish_nothing_and_a_change_rebuilds_as_force_would(folder, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", folder, "--out", out).code == 0
    published, stamp = versions.current_version(out), os.stat(out / "graph.trig").st_mtime_ns
    again = run_cli("build", folder, "--out", out)
    assert again.code == 0 and again.out.startswith("up to date:"), again.out
    assert (versions.current_version(out), os.stat(out / "graph.trig").st_mtime_ns) == (published, stamp)

    plan = folder / SHORT
    plan.write_text(plan.read_text(encoding="utf-8") + "\n加快建设湖州莫干山高新区。\n", encoding="utf-8")
    rebuilt = run_cli("build", folder, "--out", out)
    assert rebuilt.code == 0 and "up to date" not in rebuilt.out
    forced = tmp_path / "forced"
    assert run_cli("build", folder, "--out", forced, "--force").code == 0
    assert _outputs(out) == _outputs(forced)

    (out / versions.CURRENT / "graph.html").unlink()  # a published file gone: not up to date
    assert "up to date" not in run_cli("build", folder, "--out", out).out
    assert _outputs(out) == _outputs(forced)


@pytest.mark.slow
def test_an_up_to_date_build_reports_the_failures_of_the_build_it_stands_for(folder, tmp_path):
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a plan")
    out = tmp_path / "out"
    first = run_cli("build", folder, "--out", out)
    again = run_cli("build", folder, "--out", out)
    assert again.out.startswith("up to date:")
    assert (again.code, again.err) == (first.code, first.err) == (1, again.err)
    assert "broken.txt" in again.err
