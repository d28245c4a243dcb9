"""Designations a higher government confers are programs, whatever region's plan names them."""

from __future__ import annotations

from plangraph.extract.rules import extract_text
from plangraph.graph.resolve import resolve
from plangraph.lexicon import load_lexicon

from sentences import mentions


def _programs(text: str, region: str) -> dict[str, str | None]:
    return {m.label: m.key for m in mentions(text, region, "Program")}


def test_a_provinces_sub_centre_and_a_national_central_city_are_known_programs():
    assert _programs("支持衡阳建设省域副中心城市,加快建设国家中心城市。", "衡阳市") == {
        "省域副中心城市": "program:省域副中心城市", "国家中心城市": "program:国家中心城市"}


def test_a_pilot_city_is_the_pilot_it_takes_part_in():
    city = extract_text("获批服务贸易创新发展试点城市。", "湖州市")
    pilot = extract_text("深化服务贸易创新发展试点。", "绍兴市")
    assert "服务贸易创新发展试点城市" in {m.label for m in city.mentions if m.type == "Program"}
    res = resolve([city, pilot], load_lexicon())
    names = [{e.label, *e.alt_labels} for e in res.entities.values() if e.type == "Program"]
    assert {"服务贸易创新发展试点", "服务贸易创新发展试点城市"} in names


def test_a_named_policy_document_is_a_program_but_a_plans_own_title_is_not():
    found = _programs("落实《海南自由贸易港建设总体方案》,编制《三亚市国土空间总体规划（2021-2035年）》。", "海南省")
    assert {"海南自由贸易港建设总体方案", "三亚市国土空间总体规划"} <= set(found)
    own = _programs("《三亚市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》主要阐明战略意图。", "三亚市")
    assert not own
