"""Positioning goals (extract/positioning.py), national program names and named schemes, on synthetic sentences of
the forms plans use: what separates the title a region takes from an ordinary object of work."""

from __future__ import annotations

import pytest

from plangraph.extract.patterns import load_patterns
from plangraph.extract.positioning import PositioningGoals
from plangraph.extract.rules import extract_text
from plangraph.lexicon import load_lexicon


def programs(text: str, region: str = "某某市") -> dict[str, set[str]]:
    """Program labels read from one sentence, with the rules that found each."""
    return {m.label: set(m.rules) for m in extract_text(text, region).mentions if m.type == "Program"}


@pytest.fixture(scope="module")
def goals() -> PositioningGoals:
    return PositioningGoals(load_patterns().positioning, load_lexicon())


@pytest.mark.parametrize("text, title", [
    ("全力建设区域性中心城市,推动高质量发展。", "区域性中心城市"),
    ("奋力打造沿江经济带新增长极。", "沿江经济带新增长极"),
    ("到二〇三五年基本建成现代化国际大都市。", "现代化国际大都市"),
])
def test_a_head_only_a_whole_region_takes_is_a_goal_anywhere(text, title):
    assert "positioning.goal" in programs(text).get(title, set())


def test_a_head_also_given_to_one_field_needs_a_frame(goals):
    framed = "开启建设山水田园品质之城新征程。"
    plain = "完善养老服务设施,打造老年友好之城。"
    assert "positioning.goal" in programs(framed).get("山水田园品质之城", set())
    assert "老年友好之城" not in programs(plain)


def test_items_listed_after_one_verb_share_it(goals):
    text = "锚定加快打造海峡西岸新增长极、东南沿海重要门户城市和更加宜居一流城市的目标。"
    found = [text[a:b] for a, b, _ in goals.titles(text)]
    assert found == ["海峡西岸新增长极", "东南沿海重要门户城市", "更加宜居一流城市"]


@pytest.mark.parametrize("text", [
    "围绕目标加快建设现代化产业体系,打造一流营商环境。",
    "锚定目标推进基础设施建设,完善城市功能。",
])
def test_an_ordinary_object_of_work_is_no_goal(text):
    assert not any("positioning.goal" in rules for rules in programs(text).values())


def test_a_title_stops_at_a_verb_and_leaves_out_the_adverb_before_it(goals):
    text = "锚定高质量建设省域副中心城市、加快打造开放合作高地的目标任务。"
    assert [text[a:b] for a, b, _ in goals.titles(text)] == ["省域副中心城市", "开放合作高地"]


@pytest.mark.parametrize("text, name", [
    ("以中国式现代化全面推进强国建设。", "中国式现代化"),
    ("全面推进乡村振兴,建设宜居宜业和美乡村。", "宜居宜业和美乡村"),
    ("奋力实现全面振兴全方位振兴新突破。", "东北振兴"),
])
def test_national_programs_are_known_by_name(text, name):
    assert name in programs(text)


@pytest.mark.parametrize("text, name", [
    ("牢记“3+2”重要要求,奋力走在前列。", "3+2重要要求"),
    ("深入实施“2+4”战略示范工程。", "2+4战略示范工程"),
    ("落实省委“1+2+3”工作部署。", "1+2+3"),
])
def test_a_coded_scheme_is_named_with_its_kind_but_not_with_the_work_on_it(text, name):
    assert name in programs(text)


@pytest.mark.parametrize("text, name, found", [
    ("扎实推进“稳增长、促改革、惠民生”三项任务。", "稳增长、促改革、惠民生三项任务", True),
    ("扎实推进“稳增长、促改革、惠民生”五项任务。", "稳增长、促改革、惠民生五项任务", False),
    ("培育“装备、材料、食品”三大产业。", "装备、材料、食品三大产业", False),
])
def test_a_quoted_list_is_named_by_its_count_and_kind_of_work(text, name, found):
    assert (name in programs(text)) is found
