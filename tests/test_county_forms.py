"""Forms county and district plans of Zhejiang write often (seen in excerpts of 温州, 台州 and 丽水
counties): suburban rail lines named by their code, and heritage listings taken as programs."""

from __future__ import annotations

import pytest

from sentences import labels


@pytest.mark.parametrize("text, region, line", [
    ("加快建设温州市域铁路S2线、S3线一期。", "乐清市", "温州市域铁路S2线"),
    ("台州市域铁路S1线一期建成通车。", "温岭市", "台州市域铁路S1线一期"),
    ("推进轨道交通S1线建设。", "瑞安市", "轨道交通S1线"),
    ("加快建设温州市域铁路S1线、S2线一期和S3线。", "瑞安市", "温州市域铁路S3线"),  # listed after a line of its network
])
def test_a_rail_line_keeps_its_code(text, region, line):
    found = labels(text, region, "Project")
    assert line in found, found


def test_two_cities_lines_of_one_code_stay_apart():
    wenzhou = labels("建成温州市域铁路S1线。", "瑞安市", "Project")
    taizhou = labels("建成台州市域铁路S1线。", "温岭市", "Project")
    assert wenzhou and taizhou and not wenzhou & taizhou, (wenzhou, taizhou)


def test_a_code_after_a_road_is_no_rail_line():
    assert not labels("谋划G104、S2线。", "温岭市", "Project") & {"S2线", "G104S2线"}


def test_the_network_alone_is_not_the_line():
    assert "温州市域铁路" not in labels("加快建设温州市域铁路S2线。", "乐清市", "Project")


@pytest.mark.parametrize("text, region, kind, name", [
    ("青田稻鱼共生系统被列入全球重要农业文化遗产保护名录。", "青田县", "Program", "全球重要农业文化遗产"),  # a heritage listing
    ("积极申报中国重要农业文化遗产。", "缙云县", "Program", "中国重要农业文化遗产"),
    ("通济堰入选世界灌溉工程遗产。", "丽水市", "Program", "世界灌溉工程遗产"),
    ("举办首届全国桨板瑜伽锦标赛等系列活动。", "青田县", "Project", "全国桨板瑜伽锦标赛"),  # an event by its kind
    ("推进浙闽赣皖四省际毗邻区域协同发展。", "衢州市", "Region", "浙闽赣皖四省际毗邻区域"),  # a zone named by its parts
    ("支持苏皖鲁豫省际交界地区协同发展。", "徐州市", "Region", "苏皖鲁豫省际交界地区"),
    ("推进苍南—福鼎省际毗邻区域协同发展。", "苍南县", "Region", "苍南—福鼎省际毗邻区域"),  # two counties joined by a dash
])
def test_heritage_listings_events_and_border_zones_named_by_their_kind(text, region, kind, name):
    assert name in labels(text, region, kind)


def test_a_border_zone_needs_the_provinces_that_share_it():
    assert not any(n.endswith("毗邻区域") for n in labels("加强省际毗邻区域合作。", "苍南县", "Region"))


@pytest.mark.parametrize("text, region, name", [
    ("推进“最美乐清人”选树工作。", "乐清市", "最美乐清人"),  # quoted
    ("持续开展最美玉环人评选。", "玉环市", "最美玉环人"),  # or not
])
def test_a_regions_exemplar_campaign_is_a_program(text, region, name):
    assert name in labels(text, region, "Program")


def test_most_beautiful_before_a_plain_word_is_no_campaign():
    assert not any(n.startswith("最美") for n in labels("打造最美乡村人家民宿。", "遂昌县", "Program"))
