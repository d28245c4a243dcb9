"""Platforms and industries in the forms other provinces' plans use (issue 20): ports and port areas,
shipping service centres, national logistics hubs, ranked names and their hosts, industries named
without 产业, and what is none of these."""

from __future__ import annotations

import pytest

from sentences import labels


@pytest.mark.parametrize("text, region, name", [
    ("红光国际港正式开港,口岸功能不断完善。", "九江市", "红光国际港"),
    ("加快穿山港域和梅山港区建设。", "宁波市", "穿山港域"),
    ("做大义乌国际陆港,拓展海铁联运。", "金华市", "义乌国际陆港"),
    ("建设江海联运服务中心,提升宁波国际航运服务中心能级。", "宁波市", "江海联运服务中心"),
    ("建设江海联运服务中心,提升宁波国际航运服务中心能级。", "宁波市", "宁波国际航运服务中心"),
])
def test_ports_and_shipping_centres_named_by_their_place_or_trade_are_platforms(text, region, name):
    assert name in labels(text, region, "Platform")


@pytest.mark.parametrize("text, region, not_name", [
    ("扩大出港航线,吸引更多国际港口合作。", "宁波市", "更多国际港"),
    ("加强与港澳合作,推动香港企业来投资。", "深圳市", "香港"),
    ("提升政务服务中心功能。", "宁波市", "政务服务中心"),
])
def test_a_harbour_a_neighbour_or_an_office_is_no_port_platform(text, region, not_name):
    assert not any(p.endswith(not_name) for p in labels(text, region, "Platform"))


@pytest.mark.parametrize("text, name", [
    ("争创港口型国家物流枢纽,建设多式联运中心。", "港口型国家物流枢纽"),
    ("宁波舟山港口型国家物流枢纽建设取得突破。", "宁波舟山港口型国家物流枢纽"),
    ("推进商贸服务型国家物流枢纽建设。", "商贸服务型国家物流枢纽"),
])
def test_a_kind_of_national_logistics_hub_names_the_plans_hub(text, name):
    assert name in labels(text, "宁波市", "Platform")


def test_a_host_the_region_tables_lack_may_come_before_a_national_name():
    assert "哈大齐国家自主创新示范区" in labels("哈大齐国家自主创新示范区集中落地。", "大庆市", "Platform")


def test_a_pronoun_for_the_city_is_no_part_of_the_name_after_it():
    platforms = labels("该市抢抓江西内陆开放型经济试验区建设战略机遇。", "九江市", "Platform")
    assert "江西内陆开放型经济试验区" in platforms
    assert not any(p.startswith("该市") for p in platforms)


def test_a_places_short_form_of_one_character_still_opens_a_name():
    assert "诸嵊高速" in labels("开展诸嵊高速、甬金高速扩容前期工作。", "绍兴市", "Project")


@pytest.mark.parametrize("text, name", [
    ("做强服饰产业,培育林竹产业。", "服饰"),
    ("做强服饰产业,培育林竹产业。", "林竹"),
    ("加快培育新型储能、人工智能等未来产业。", "未来产业"),
    ("前瞻布局数字经济等战新产业。", "战略性新兴产业"),
])
def test_an_industry_is_named_without_its_trailing_word_and_categories_are_industries(text, name):
    assert name in labels(text, "大庆市", "Industry")


@pytest.mark.parametrize("text, not_name", [
    ("以科技创新引领产业创新,以数字化赋能产业。", "科技创新引领"),
    ("以科技创新引领产业创新,以数字化赋能产业。", "数字化赋能"),
    ("建设一支产业工人队伍,培育接续产业。", "一支"),
    ("建设一支产业工人队伍,培育接续产业。", "接续"),
])
def test_what_drives_industries_and_counts_or_verbs_before_产业_are_no_industry(text, not_name):
    assert not any(i.startswith(not_name) for i in labels(text, "大庆市", "Industry"))


def test_a_list_of_trades_may_say_it_is_one_of_many_before_its_kind():
    industries = labels("形成了印包装备、汽摩配、包装新材料、宠物用品等一系列新兴产业集群。", "平阳县", "Industry")
    assert {"印包装备", "包装新材料", "宠物用品"} <= industries


def test_a_batch_of_major_projects_lists_no_trades():
    industries = labels("推动恒力重工、奇瑞汽车等一批重大产业项目落地。", "大连市", "Industry")
    assert not industries & {"恒力重工", "奇瑞汽车"}


def test_a_named_trade_corridor_is_a_platform_and_a_plain_new_channel_is_not():
    assert "国际陆海贸易新通道" in labels("建设国际陆海贸易新通道,拓展海铁联运。", "重庆市", "Platform")
    assert not labels("开辟物流新通道,打造开放新通道。", "重庆市", "Platform")


@pytest.mark.parametrize("text", ["兴文石海创建国家AAAAA级旅游景区。", "新增国家4A级景区3个。"])
def test_a_grade_of_scenic_areas_is_no_platform(text):
    assert not any("A级" in p for p in labels(text, "宜宾市", "Platform"))


def test_a_batch_is_no_host_of_a_national_name():
    platforms = labels("获得国家外贸转型升级基地、第四批国家示范物流园等多项荣誉。", "宜宾市", "Platform")
    assert not any(p.startswith("第四批") for p in platforms)
