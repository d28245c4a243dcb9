"""Positioning goals (extract/positioning.py), national program names and named schemes, on synthetic sentences of
the forms plans use: what separates the title a region takes from an ordinary object of work."""

from __future__ import annotations

import pytest

from plangraph.extract.patterns import load_patterns
from plangraph.extract.positioning import PositioningGoals
from plangraph.lexicon import load_lexicon

from sentences import mentions


def programs(text: str, region: str = "某某市") -> dict[str, set[str]]:
    """Program labels read from one sentence, with the rules that found each."""
    return {m.label: set(m.rules) for m in mentions(text, region, "Program")}


@pytest.fixture(scope="module")
def goals() -> PositioningGoals:
    return PositioningGoals(load_patterns().positioning, load_lexicon())


@pytest.mark.parametrize("text, region, title", [
    # a head only a whole region takes is a goal anywhere
    ("全力建设区域性中心城市,推动高质量发展。", "某某市", "区域性中心城市"),
    ("奋力打造沿江经济带新增长极。", "某某市", "沿江经济带新增长极"),
    ("到二〇三五年基本建成现代化国际大都市。", "某某市", "现代化国际大都市"),
    # a strong-level or county title, with its whole modifier but not the adverb
    ("奋力建设新时代社会主义现代化强市。", "某某市", "新时代社会主义现代化强市"),
    ("加快建设制造业强市和文化强市。", "某某市", "制造业强市"),
    ("全力争创全国乡村振兴示范县。", "某某市", "全国乡村振兴示范县"),
    # a zone title where the region takes it
    ("全区上下奋力打造城乡融合发展示范区。", "某某区", "城乡融合发展示范区"),
    ("涪城区要奋力打造城乡融合发展示范区。", "涪城区", "城乡融合发展示范区"),
    # a heading or a goal standing alone frames its title
    ("第三篇 坚持开放引领 建设西部陆海新通道重要节点城市", "某某市", "西部陆海新通道重要节点城市"),
    ("(二)打造区域科技创新高地", "某某市", "区域科技创新高地"),
    ("——建设国家农文旅融合发展名城。", "某某市", "国家农文旅融合发展名城"),
])
def test_a_title_the_region_takes_is_a_goal(text, region, title):
    assert "positioning.goal" in programs(text, region).get(title, set())


def test_a_head_also_given_to_one_field_needs_a_frame(goals):
    framed = "开启建设山水田园品质之城新征程。"
    plain = "完善养老服务设施,打造老年友好之城。"
    assert "positioning.goal" in programs(framed).get("山水田园品质之城", set())
    assert "老年友好之城" not in programs(plain)


def test_items_listed_after_one_verb_share_it(goals):
    text = "锚定加快打造海峡西岸新增长极、东南沿海重要门户城市和更加宜居一流城市的目标。"
    found = [text[a:b] for a, b, *_ in goals.titles(text)]
    assert found == ["海峡西岸新增长极", "东南沿海重要门户城市", "更加宜居一流城市"]


@pytest.mark.parametrize("text", [
    "围绕目标加快建设现代化产业体系,打造一流营商环境。",
    "锚定目标推进基础设施建设,完善城市功能。",
])
def test_an_ordinary_object_of_work_is_no_goal(text):
    assert not any("positioning.goal" in rules for rules in programs(text).values())


def test_a_title_stops_at_a_verb_and_leaves_out_the_adverb_before_it(goals):
    text = "锚定高质量建设省域副中心城市、加快打造开放合作高地的目标任务。"
    assert [text[a:b] for a, b, *_ in goals.titles(text)] == ["省域副中心城市", "开放合作高地"]


@pytest.mark.parametrize("text, name", [
    ("以铸牢中华民族共同体意识为主线,推进民族团结进步。", "铸牢中华民族共同体意识"),
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


def test_a_zone_title_is_no_goal_where_the_region_does_not_take_it():
    assert "positioning.goal" not in programs("推进园区整合,建设城乡融合发展示范区。", "某某区").get("城乡融合发展示范区", set())


@pytest.mark.parametrize("text", [
    "到2030年,跻身全国百强县和西部十强县。",
    "奋力建设全国先进制造业百强市。",
])
def test_a_rank_is_no_goal(text):
    assert not any("positioning.goal" in rules for rules in programs(text).values())


@pytest.mark.parametrize("text, part", [
    ("始终围绕“建设山水园林城市,打造区域重要增长极”的目标。", "区域重要增长极"),
    ("锚定“一极两城”目标(即打造区域重要增长极、建设滨江生态城市)。", "区域重要增长极"),
    ("奋力实现“一极两城”,即打造区域重要增长极、建设滨江生态城市。", "区域重要增长极"),
    ("全力推进“一极两城”:打造区域重要增长极、建设滨江生态城市。", "区域重要增长极"),
])
def test_a_goal_inside_a_slogan_or_a_named_list_is_no_program_of_its_own(goals, text, part):
    assert "positioning.goal" not in programs(text).get(part, set())


@pytest.mark.parametrize("text, title", [
    ("全面开创西部现代化强县建设新局面。", "西部现代化强县"),
    ("加快推进社科强市建设。", "社科强市"),
    ("加快涪城文化强区建设。", "文化强区"),
])
def test_a_strong_level_title_before_the_work_on_it_starts_after_the_verb_adverb_or_place(text, title):
    found = programs(text, "涪城区")
    assert "positioning.goal" in found.get(title, set()), found


def test_a_quoted_goal_that_is_only_its_verb_and_title_is_that_title():
    assert "positioning.goal" in programs("赋予某市“建设区域性中心城市”的重大使命。").get("区域性中心城市", set())


def test_what_describes_a_title_after_its_verb_is_not_part_of_it(goals):
    text = "着力建设国际一流的和谐宜居之都示范区、新型城镇化示范区。"
    assert [text[a:b] for a, b, *_ in goals.titles(text)] == ["和谐宜居之都示范区", "新型城镇化示范区"]


def test_the_same_title_in_a_sentence_about_one_field_of_work_needs_its_frame():
    assert "区域科技创新高地" not in programs("完善人才政策,引进高端团队,打造区域科技创新高地。")


@pytest.mark.parametrize("text, titles", [
    ("苍南县要建设山区特色农业集聚地、县域商贸引领地和两省交界文旅先行地。",
     ["山区特色农业集聚地", "县域商贸引领地", "两省交界文旅先行地"]),
    ("全县上下努力成为省际开放合作桥头堡和县域经济发展新引擎。", ["省际开放合作桥头堡", "县域经济发展新引擎"]),
])
def test_the_zones_and_roles_a_region_names_itself_are_its_titles(text, titles):
    found = programs(text, "苍南县")
    assert all("positioning.goal" in found.get(t, set()) for t in titles)


def test_a_title_quoted_after_its_verb_is_one_the_region_is_given():
    assert "长江黄金水道门户城市" in programs("今后五年是加快建设“长江黄金水道门户城市”的关键时期。")
    assert "长江黄金水道门户城市" not in programs("今后五年是加快建设长江黄金水道门户城市的关键时期。")


@pytest.mark.parametrize("text", [
    "第四章 着力建设三大科创高地",
    "第五章 加快建设现代化城市",
    "——打造重要门户。",
])
def test_a_counted_set_or_a_generic_head_is_no_title(text):
    assert not any("positioning.goal" in rules for rules in programs(text).values())


def test_how_well_a_title_is_built_is_no_part_of_it():
    found = programs("第二章 打造高标准国家物流枢纽承载城市")
    assert "国家物流枢纽承载城市" in found and "高标准国家物流枢纽承载城市" not in found


def test_titles_listed_as_the_regions_positioning_are_its_own():
    text = "我们紧扣省际商贸物流中心城市和湘黔边区域开放门户等发展定位,加快发展。"
    found = programs(text)
    assert "positioning.defined" in found.get("省际商贸物流中心城市", set())
    assert "positioning.defined" in found.get("湘黔边区域开放门户", set())
    assert not programs("也是落实省会城市战略定位的关键时期。")
