"""Platforms named by a national brand or a bilateral partnership (中国X城, 中德(沈阳)…产业园), in sentences of any region."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text

from sentences import labels


def _platforms(text: str, region: str) -> set[str]:
    return labels(text, region, "Platform")


@pytest.mark.parametrize("text, region, name", [
    ("高水平建设中国皮革城,打造时尚产业高地。", "嘉兴市", "中国皮革城"),
    ("支持中国小商品城拓展进口业务。", "金华市", "中国小商品城"),
    ("加快中国医药城建设。", "泰州市", "中国医药城"),
])
def test_a_trade_city_branded_for_the_nation_is_a_platform(text, region, name):
    assert name in _platforms(text, region)


@pytest.mark.parametrize("text, region, not_name", [
    ("加快建设中国历史文化名城。", "泉州市", "中国历史文化名城"),
    ("推进中国城镇化健康发展。", "岳阳市", "中国城镇"),
    ("对标中国一流城市,提升城市能级。", "徐州市", "中国一流城"),
])
def test_titles_and_words_that_go_on_are_no_brand_city(text, region, not_name):
    assert not any(p.startswith(not_name) for p in _platforms(text, region))


def test_the_trade_word_inside_a_brand_city_is_no_industry_of_its_own():
    labels = {(m.type, m.label or m.text) for m in extract_text("建设中国光电城,做强光学产业。", "吉林省").mentions}
    assert ("Platform", "中国光电城") in labels and ("Industry", "光电") not in labels


@pytest.mark.parametrize("text, name", [
    ("推进中白(成都)工业园区建设。", "中白(成都)工业园区"),
    ("加快中德(沈阳)高端装备制造产业园建设。", "中德(沈阳)高端装备制造产业园"),
    ("推动中沙(福建)产业合作区建设。", "中沙(福建)产业合作区"),
])
def test_a_bilateral_park_keeps_its_partner_and_bracketed_host(text, name):
    assert name in _platforms(text, "福建省")


def test_a_bracket_after_a_lone_character_is_no_bilateral_host():
    assert not any(p.startswith("中(") for p in _platforms("推进中(福建)产业园建设。", "福建省"))


@pytest.mark.parametrize("text, region, name", [
    ("加快中国东南(福建)科学城建设。", "福州市", "中国东南(福建)科学城"),  # a part of the nation, then its host
    ("支持乌克兰金属新材(湖州)研究院建设。", "湖州市", "乌克兰金属新材(湖州)研究院"),  # a founder, then its host
])
def test_a_bracketed_host_after_a_proper_name_belongs_to_the_name(text, region, name):
    assert name in _platforms(text, region)


@pytest.mark.parametrize("text, region, not_name", [
    ("推进高端装备(含智能制造)产业园建设。", "湖州市", "高端装备(含智能制造)产业园"),  # no region in the bracket
    ("加快建设(湖州)科技城。", "湖州市", "(湖州)科技城"),  # nothing before it
])
def test_a_bracket_without_a_host_after_a_name_joins_nothing(text, region, not_name):
    assert not_name not in _platforms(text, region)


@pytest.mark.parametrize("text, region, name", [
    ("高标准规划建设临空新城,发展航空物流。", "南昌市", "临空新城"),  # the plan's own, no place before it
    ("加快会展新城配套设施建设。", "长沙市", "会展新城"),
    ("加快推进阜阳高铁新城开发。", "阜阳市", "阜阳高铁新城"),  # with a place before it, as any name
])
def test_a_new_town_named_for_its_hub_is_a_platform(text, region, name):
    assert name in _platforms(text, region)


def test_a_plain_new_town_is_still_no_name():
    assert not any(p.endswith("新城") for p in _platforms("统筹推进郊区新城和特色小镇建设。", "杭州市"))
