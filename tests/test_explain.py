"""``plangraph why``: an entity's names, the plans and rules behind each, and why forms are one entity."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.build.build import build
from plangraph.graph.store import open_store
from plangraph.report.explain import explain, format_explanations

from conftest import run_cli

PLAN = """{region}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要
第一章 发展基础
一、交通
{sentence}
二、产业
大力发展集成电路、生物医药等产业。
三、改革
深入实施创新驱动发展战略。
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("why")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(PLAN.format(region="湖州市", sentence="建成沪苏湖高铁。"), encoding="utf-8")
    (folder / "in" / "b.txt").write_text(PLAN.format(region="苏州市", sentence="加快沪苏湖铁路建设。"), encoding="utf-8")
    for name, region in (("c.txt", "上海市"), ("d.txt", "南通市")):  # 五个中心 is 上海's program (programs.csv)
        (folder / "in" / name).write_text(PLAN.format(region=region, sentence="加快建设“五个中心”。"), encoding="utf-8")
    build([folder / "in"], folder / "out")
    return folder / "out"


def test_forms_joined_by_a_kind_word_say_so_with_their_plans_and_rules(out):
    st = open_store(out)
    (ex,) = explain(st, "沪苏湖铁路")
    forms = {f.name: f for f in ex.forms}
    assert {"沪苏湖高铁", "沪苏湖铁路"} <= set(forms)
    other = next(f for f in forms.values() if f.name != ex.label and f.name in ("沪苏湖高铁", "沪苏湖铁路"))
    assert other.why.startswith("identity.kind-words")
    assert set(forms["沪苏湖高铁"].plans) == {"a.txt"} and set(forms["沪苏湖铁路"].plans) == {"b.txt"}
    assert "suffixes.name" in ex.rules
    assert any(p == "connects" for _, p, *_ in ex.relations)


def test_another_provinces_program_words_are_the_plans_own_program_and_say_so(out):
    """“五个中心” in a plan of 上海 is 上海's program; in a plan of 南通 it is 南通's own, another entity."""
    found = {ex.label: ex for ex in explain(open_store(out), "五个中心")}
    assert set(found) == {"五个中心", "南通五个中心"} and found["五个中心"].iri != found["南通五个中心"].iri
    forms = {f.name: f for f in found["南通五个中心"].forms}
    assert forms["五个中心"].why.startswith("identity.own-program") and set(forms["“五个中心”"].plans) == {"d.txt"}
    assert set(next(f for f in found["五个中心"].forms if f.name == "“五个中心”").plans) == {"c.txt"}


def test_the_command_prints_the_explanation_and_fails_for_an_unknown_name(out):
    run = run_cli("why", out, "集成电路")
    assert run.code == 0 and "[Industry]" in run.out and "found by:" in run.out
    missing = run_cli("why", out, "月球基地")
    assert missing.code == 1 and "no entity is named 月球基地" in missing.out
    assert "no entity" in format_explanations([], "x")


def test_a_line_of_distinct_csv_undoes_a_merge(tmp_path):
    """Kind-word folding joins 沪苏湖高铁 and 沪苏湖铁路; a pair in distinct.csv keeps them apart."""
    from plangraph.build.build import process
    from plangraph.graph.identity import load_identity
    from plangraph.graph.resolve import resolve
    from plangraph.lexicon import load_lexicon
    from plangraph.read.inputs import find_inputs

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN.format(region="湖州市", sentence="建成沪苏湖高铁。"), encoding="utf-8")
    (folder / "b.txt").write_text(PLAN.format(region="苏州市", sentence="加快沪苏湖铁路建设。"), encoding="utf-8")
    exs = [process(p) for p in find_inputs([folder]).plans]

    def railways(rules) -> set[str]:
        res = resolve(exs, load_lexicon(), rules)
        return {e.label for e in res.entities.values() if e.label.startswith("沪苏湖")}

    rules = tmp_path / "identity"
    rules.mkdir()
    (rules / "kind_equivalents.csv").write_text("variant,canonical,type\n高铁,铁路,Project\n", encoding="utf-8")
    (rules / "distinct.csv").write_text("name,other\n", encoding="utf-8")
    assert len(railways(load_identity(rules))) == 1
    (rules / "distinct.csv").write_text("name,other\n沪苏湖铁路,沪苏湖高铁\n", encoding="utf-8")
    assert railways(load_identity.__wrapped__(rules)) == {"沪苏湖高铁", "沪苏湖铁路"}
