"""Platforms and projects of county and district plans: business districts, zones tied to a national one,
parks two places share, a place's cultural and sports centres, and where a name may not begin (a double
dash, a preposition or verb before it). Sentences of the forms such plans use, of any region."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text

from sentences import typed_labels


def _names(text: str, region: str) -> set[tuple[str, str]]:
    return typed_labels(text, region, ("Platform", "Project"))


@pytest.mark.parametrize("text, region, type_, name", [
    ("加快城东商务区和瑞安中央商务区建设。", "瑞安市", "Platform", "瑞安中央商务区"),
    ("加快城东商务区和瑞安中央商务区建设。", "瑞安市", "Platform", "城东商务区"),
    ("建设中国(浙江)自由贸易试验区温州联动创新区。", "温州市", "Platform", "中国(浙江)自由贸易试验区温州联动创新区"),
    ("加快建设缙云文化艺术中心、壶镇全民健身中心和仙都国际社区。", "缙云县", "Project", "缙云文化艺术中心"),
    ("加快建设缙云文化艺术中心、壶镇全民健身中心和仙都国际社区。", "缙云县", "Project", "壶镇全民健身中心"),
    ("加快建设缙云文化艺术中心、壶镇全民健身中心和仙都国际社区。", "缙云县", "Project", "仙都国际社区"),
])
def test_a_county_names_its_business_districts_zones_and_facilities(text, region, type_, name):
    assert (type_, name) in _names(text, region)


@pytest.mark.parametrize("text, region", [
    ("高质量建设联动创新区,完善商务区配套功能。", "温州市"),
    ("配套建设国际学校、国际医院、国际社区,推进文化艺术中心和全民健身中心建设。", "缙云县"),
])
def test_a_facility_or_zone_without_a_name_is_none(text, region):
    assert _names(text, region) == set()


@pytest.mark.parametrize("text, region, name", [
    ("共建龙泉-庆元飞地产业园。", "龙泉市", "龙泉-庆元飞地产业园"),
    ("加快监利-潜江输油管道建设。", "荆州市", "监利-潜江输油管道"),
])
def test_a_hyphen_between_two_places_joins_them_in_one_name(text, region, name):
    assert name in {label for _, label in _names(text, region)}


def test_a_hyphen_after_no_place_joins_nothing():
    assert not any("-" in label for _, label in _names("推进研发-中试产业园建设。", "龙泉市"))


@pytest.mark.parametrize("text, region, name", [
    ("设立全省首个省级新区——宜宾三江新区。", "宜宾市", "宜宾三江新区"),
    ("随着杭温高铁开工建设,永嘉交通格局逐步形成。", "永嘉县", "杭温高铁"),
    ("落地之江实验室科技成果转化中心。", "永嘉县", "之江实验室"),
])
def test_a_name_begins_after_a_double_dash_a_preposition_or_a_verb(text, region, name):
    labels = {label for _, label in _names(text, region)}
    assert name in labels
    assert not any(label.endswith(name) and label != name for label in labels)


def test_a_railway_branch_or_siding_is_a_project_of_its_own():
    names = _names("随着杭温高铁、乐清湾港区铁路支线开工,推进城西港区铁路专用线建设。", "永嘉县")
    assert {("Project", "乐清湾港区铁路支线"), ("Project", "城西港区铁路专用线")} <= names
    assert ("Project", "乐清湾港区铁路") not in names


def test_the_places_a_branch_line_serves_are_no_projects():
    assert _names("依托主干管网,推进覆盖城区、主要园区、重点乡镇和用气大户等支线建设。", "荆州市") == set()


def test_high_speed_growth_is_no_expressway():
    assert _names("让新兴产业高速发展,推动经济高速增长。", "苍南县") == set()


def test_a_conjunction_after_a_name_begins_the_next_name_not_a_city():
    names = _names("加快甬台温高速复线和龙丽温高速建设。", "苍南县")
    assert ("Project", "龙丽温高速") in names
    assert not any("和龙" in label for _, label in names)


@pytest.mark.parametrize("name", ["温州南站", "平阳站", "鳌江至昆阳公路", "鳌江航道"])
def test_the_items_of_a_transport_box_are_projects(name):
    text = "铁路:温州南站、平阳站;公路:鳌江至昆阳公路、昆鳌大道;水运:鳌江航道。"
    assert ("Project", name) in _names(text, "平阳县")


def test_a_station_goes_on_into_the_hub_built_at_it():
    assert ("Project", "雁荡山站综合枢纽") in _names("建设雁荡山站综合枢纽。", "乐清市")


def test_workstations_charging_stations_and_kinds_of_access_are_no_projects():
    text = "建设院士工作站、充电站和加油站,开辟人才绿色通道,建设旅游公路和农村公路,提质改造川藏公路。"
    assert _names(text, "缙云县") == {("Project", "川藏公路")}


def test_a_quoted_count_of_kinds_is_a_slogan_whatever_its_last_word():
    mentions = extract_text("以“三圈三街三站”为重点,推动“八站两场”建设。", "杭州市").mentions
    assert {(m.type, m.label) for m in mentions if m.rule == "quoted.name"} == {("Program", "三圈三街三站"), ("Program", "八站两场")}


def test_a_lake_or_river_in_a_lab_or_event_name_neither_locates_nor_hosts_it():
    from plangraph.extract.rules import names

    ex = extract_text("举办千岛湖马拉松,建设太湖实验室和千岛湖国际度假区。", "淳安县")
    found = {(min(names(r.subject)), r.predicate, min(names(r.object))) for r in ex.relations}
    assert not any(p in ("千岛湖", "太湖") and o.endswith(("马拉松", "实验室")) for p, _, o in found), found
    assert not any(s == "太湖实验室" and o in ("太湖", "千岛湖") for s, _, o in found), found
    assert ("千岛湖国际度假区", "locatedIn", "千岛湖") in found  # a resort on the lake lies on it
