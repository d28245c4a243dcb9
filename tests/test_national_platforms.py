"""National platforms from official lists (综合保税区, 保税港区, 国家自主创新示范区): a name in
its full or short form is the listed entity, located in the region its name carries."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text


def _platforms(text: str, region: str) -> dict[str, tuple[str | None, set[str]]]:
    """Surface -> (canonical label, codes of the regions the name locates it in)."""
    doc = extract_text(text, region)
    hosts: dict[str, set[str]] = {}
    for r in doc.relations:
        if r.predicate == "locatedIn" and not isinstance(r.subject, str) and isinstance(r.object, str):
            hosts.setdefault(r.subject.text, set()).add(r.object)
    return {m.text: (m.label, hosts.get(m.text, set())) for m in doc.mentions if m.type == "Platform"}


@pytest.mark.parametrize("text, region, surface, label, host", [
    ("加快长沙黄花综合保税区建设。", "湖南省", "长沙黄花综合保税区", "长沙黄花综合保税区", "region:430100"),
    ("推动岳阳城陵矶综保区提质升级。", "湖南省", "岳阳城陵矶综保区", "岳阳城陵矶综合保税区", "region:430600"),
    ("支持郑州新郑综保区扩区。", "河南省", "郑州新郑综保区", "郑州新郑综合保税区", "region:410100"),
    ("推动新郑综合保税区提质。", "郑州市", "新郑综合保税区", "郑州新郑综合保税区", "region:410184"),
    ("推进厦门象屿保税区整合优化。", "福建省", "厦门象屿保税区", "厦门象屿综合保税区", "region:350200"),
    ("建设喀什综保区和霍尔果斯综合保税区。", "新疆维吾尔自治区", "喀什综保区", "喀什综合保税区", "region:653100"),
])
def test_a_bonded_zone_by_its_full_or_short_name_is_the_listed_zone_in_its_host(text, region, surface, label, host):
    found = _platforms(text, region)
    assert found[surface][0] == label
    assert host in found[surface][1]


@pytest.mark.parametrize("text, surface, label", [
    ("高水平建设长春国家自主创新示范区。", "长春国家自主创新示范区", "长春国家自主创新示范区"),
    ("支持长春自创区先行先试。", "长春自创区", "长春国家自主创新示范区"),
])
def test_the_2022_innovation_zone_by_its_full_or_short_name(text, surface, label):
    found = _platforms(text, "吉林省")
    assert found[surface] == (label, {"region:220100"})


def test_a_port_bonded_zone_and_an_old_bonded_zone_keep_their_listed_names():
    found = _platforms("推动东疆保税港区、天津港保税区和滨海新区综保区联动发展。", "天津市")
    assert {label for label, _ in found.values()} == {"东疆保税港区", "天津港保税区", "滨海新区综合保税区"}


def test_what_a_zone_contains_is_no_part_of_its_name():
    """含 (“including”) and 新设 (“newly set up”) open the parenthesis of an FTZ's scope, not a name;
    含山县 is a county and keeps its first character."""
    found = _platforms("新设金义片区35.99平方公里(含义乌综合保税区1.34平方公里、金义综合保税区1.26平方公里)。", "金华市")
    assert found["义乌综合保税区"][0] == "义乌综合保税区" and "金义片区" in found
    assert not any(s.startswith(("含", "新设")) for s in found)
    labels = {m.label for m in extract_text("推进含山经济开发区建设,支持含山县发展。", "安徽省").mentions}
    assert "含山县" in labels and "含山经济开发区" in labels


@pytest.mark.parametrize("text, region, surface, label", [
    ("充分发挥自贸区沈阳片区重要作用。", "浑南区", "自贸区沈阳片区", "中国(辽宁)自由贸易试验区沈阳片区"),
    ("高标准建设自贸试验区芜湖片区。", "芜湖市", "自贸试验区芜湖片区", "中国(安徽)自由贸易试验区芜湖片区"),
])
def test_a_free_trade_zone_area_named_without_its_province_is_still_that_area(text, region, surface, label):
    assert _platforms(text, region)[surface][0] == label


def test_the_2023_high_tech_zone_by_its_short_name_is_the_zone_in_its_county():
    found = _platforms("支持宁乡高新区、宁乡经开区联动发展。", "长沙市")
    assert found["宁乡高新区"] == ("宁乡高新技术产业开发区", {"region:430182"})


_PLAN = "{region}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一章 开放\n一、平台\n{sentence}\n二、产业\n大力发展集成电路产业。\n三、改革\n深化改革。\n"


@pytest.mark.slow
def test_a_zone_by_its_short_and_its_full_kind_is_one_entity_across_plans(tmp_path):
    """综保区 is short for 综合保税区 and 高新区 for 高新技术产业开发区, whichever zone it is."""
    from plangraph.build.build import process
    from plangraph.graph.identity import load_identity
    from plangraph.graph.resolve import resolve
    from plangraph.lexicon import load_lexicon
    from plangraph.read.inputs import find_inputs

    (tmp_path / "a.txt").write_text(_PLAN.format(region="武汉市", sentence="建设武汉东湖综合保税区和孝感高新技术产业开发区。"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_PLAN.format(region="湖北省", sentence="推动武汉东湖综保区和孝感高新区发展。"), encoding="utf-8")
    res = resolve([process(p) for p in find_inputs([tmp_path]).plans], load_lexicon(), load_identity())
    forms = [{e.label, *e.alt_labels} for e in res.entities.values() if e.type == "Platform"]
    for full, short in (("武汉东湖综合保税区", "武汉东湖综保区"), ("孝感高新技术产业开发区", "孝感高新区")):
        assert [f for f in forms if full in f or short in f] == [f for f in forms if {full, short} <= f], (full, forms)
        assert any({full, short} <= f for f in forms)
