"""Which files a build reads and what each plan is called: names and ids never collide."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import run_cli

from plangraph.errors import InputError
from plangraph.graph import store
from plangraph.read.ingest import read_source
from plangraph.read.inputs import find_inputs

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
THREE = ("hangzhou-shi_14th-fyp_proposal.txt", "huzhou-shi_14th-fyp_outline.txt", "shaoxing-shi_14th-fyp_outline.txt")
HEADER = "file,region,level,parent,code,title,issuer,date,kind,period,id\n"


def _same_named(root: Path) -> list[Path]:
    """Three different plans saved as a/plan.txt, b/plan.txt and c/plan.md."""
    paths = [root / "a" / "plan.txt", root / "b" / "plan.txt", root / "c" / "plan.md"]
    for name, path in zip(THREE, paths):
        path.parent.mkdir(parents=True)
        shutil.copyfile(PLANS / name, path)
    return paths


def test_nested_folders_name_plans_by_their_relative_path(tmp_path):
    _same_named(tmp_path / "plans")
    found = find_inputs([tmp_path / "plans"])
    assert [(p.name, p.id) for p in found.plans] == [("a/plan.txt", "a/plan"), ("b/plan.txt", "b/plan"),
                                                     ("c/plan.md", "c/plan")]
    assert found.notes == []


def test_same_named_files_grow_by_their_folders_and_the_build_says_so(tmp_path):
    paths = _same_named(tmp_path)
    found = find_inputs(paths)
    assert [(p.name, p.id) for p in found.plans] == [("a/plan.txt", "a/plan"), ("b/plan.txt", "b/plan"),
                                                     ("plan.md", "plan")]
    assert found.notes == ["2 files are named plan.txt; told apart as a/plan.txt, b/plan.txt"]


def test_names_that_differ_only_in_suffix_keep_it_in_their_ids(tmp_path):
    for suffix in (".txt", ".md"):
        shutil.copyfile(PLANS / THREE[0], tmp_path / f"plan{suffix}")
    found = find_inputs([tmp_path])
    assert [(p.name, p.id) for p in found.plans] == [("plan.md", "plan.md"), ("plan.txt", "plan.txt")]
    assert len(found.notes) == 1 and "plan.md, plan.txt" in found.notes[0]


def test_manifest_rows_by_relative_path_and_their_ids(tmp_path):
    _same_named(tmp_path)
    (tmp_path / "manifest.csv").write_text(HEADER + "a/plan.txt,杭州市,prefecture,,,,,,,,hz\n", encoding="utf-8")
    (tmp_path / "b" / "manifest.csv").write_text(HEADER + "plan.txt,湖州市,,,,,,,,,\n", encoding="utf-8")
    plans = {p.name: p for p in find_inputs([tmp_path]).plans}
    assert plans["a/plan.txt"].id == "hz" and plans["a/plan.txt"].meta.region == "杭州市"
    assert plans["b/plan.txt"].id == "b/plan" and plans["b/plan.txt"].meta.region == "湖州市"
    assert plans["c/plan.md"].meta is None


def test_a_manifest_id_wins_over_a_derived_one_and_two_equal_manifest_ids_are_an_error(tmp_path):
    _same_named(tmp_path)
    (tmp_path / "manifest.csv").write_text(HEADER + "a/plan.txt,,,,,,,,,,b/plan\n", encoding="utf-8")
    found = find_inputs([tmp_path])
    assert [(p.name, p.id) for p in found.plans][:2] == [("a/plan.txt", "b/plan"), ("b/plan.txt", "b/plan.txt")]
    assert found.notes == ["a/plan.txt, b/plan.txt would share the id b/plan; their ids keep the suffix"]
    (tmp_path / "b" / "manifest.csv").write_text(HEADER + "plan.txt,,,,,,,,,,b/plan\n", encoding="utf-8")
    with pytest.raises(InputError, match="same id 'b/plan'"):
        find_inputs([tmp_path])


def test_links_that_loop_are_skipped_with_a_note(tmp_path):
    _same_named(tmp_path / "plans")
    os.symlink("..", tmp_path / "plans" / "a" / "up")  # a folder link back to the root
    os.symlink("self.txt", tmp_path / "plans" / "self.txt")  # a link to itself
    found = find_inputs([tmp_path / "plans"])
    assert len(found.plans) == 3
    assert sorted(found.notes) == ["skipped a/up: symlink loop (a link back to a folder above it)",
                                   "skipped self.txt: symlink loop"]


def test_a_file_named_and_found_in_its_folder_is_one_plan_with_its_manifest_row():
    jiaxing = PLANS / "jiaxing-xiuzhou-qu_14th-fyp_outline.txt"
    plans = find_inputs([jiaxing, PLANS]).plans
    assert len(plans) == 5 and all(p.meta is not None for p in plans)


def test_the_output_folder_and_hidden_folders_are_not_read(tmp_path):
    _same_named(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    assert len(find_inputs([tmp_path], exclude=tmp_path / "out").plans) == 3


def _select(st: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(st, sparql)
    return sorted(tuple(row[v.value].value for v in result.variables) for row in result)


def test_three_same_named_plans_are_three_plans_each_with_its_own_text(tmp_path):
    paths = _same_named(tmp_path / "in")
    run = run_cli("build", *paths, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert "plans: 3" in run.out
    assert "note: 2 files are named plan.txt; told apart as a/plan.txt, b/plan.txt" in run.out
    st = store.open_store(tmp_path / "out")
    plans = _select(st, "SELECT ?p ?file ?title WHERE { ?p a pg:Plan ; pg:sourceFile ?file ; dcterms:title ?title }")
    assert [file for _, file, _ in plans] == ["a/plan.txt", "b/plan.txt", "plan.md"]
    assert len({p for p, _, _ in plans}) == 3 and len({t for _, _, t in plans}) == 3
    originals = {name: read_source(path).original for name, path in zip(("a/plan.txt", "b/plan.txt", "plan.md"), paths)}
    sentences = _select(st, """SELECT ?file ?text ?start ?end WHERE {
        ?s pg:plan/pg:sourceFile ?file ; rdf:value ?text ; oa:start ?start ; oa:end ?end }""")
    assert {file for file, *_ in sentences} == set(originals)
    for file, text, start, end in sentences:
        assert originals[file][int(start):int(end)] == text
