"""Forms that looked like names and are not (issue 20, precision): synthetic sentences, one form each."""

from __future__ import annotations

from plangraph.extract.candidates import Candidate
from plangraph.extract.not_names import NotNames
from plangraph.extract.rules import extract_text

from sentences import typed_labels


def _labels(sentence: str, region: str) -> set[tuple[str, str]]:
    return {(name, type_) for type_, name in typed_labels(sentence, region)}


def test_a_verb_acting_on_a_named_work_is_no_part_of_its_name():
    found = _labels("抢抓珠三角新干线机场规划建设机遇,配合做好西气东输三线天然气管道建设。", "佛山市")
    assert ("珠三角新干线机场", "Project") in found
    assert ("西气东输三线天然气管道", "Project") in found
    assert not any(label.startswith(("抢抓", "配合", "做好")) for label, _ in found)


def test_a_name_may_still_open_with_a_word_jieba_tags_as_a_verb():
    assert ("合唱小镇", "Platform") in _labels("建设合唱小镇、越剧小镇等一批文化地标。", "湖州市")


def test_what_follows_ji_spells_out_a_quote_and_is_no_part_of_its_name():
    found = _labels("构建“一圈两核”工业布局,“两核”即东城国家级高新区、西城省级高新区。", "柳州市")
    assert not any("即" in label for label, _ in found)


def test_a_research_body_is_named_for_its_fields_joined_by_yu():
    found = _labels("启动建设威海海洋装备与绿色制造山东省实验室,深海科学与工程实验室获批。", "烟台市")
    assert ("威海海洋装备与绿色制造山东省实验室", "Platform") in found
    assert ("深海科学与工程实验室", "Platform") in found
    assert not any(label in ("绿色制造山东省实验室", "工程实验室") for label, _ in found)


def test_cooperation_with_a_research_body_does_not_join_the_partner_to_its_name():
    found = _labels("深化与浙江大学研究院合作,推进之江实验室与西湖实验室建设。", "杭州市")
    assert {("之江实验室", "Platform"), ("西湖实验室", "Platform")} <= found
    assert not any(label.startswith("与") or "与西湖" in label for label, _ in found)


def test_a_name_found_only_inside_a_longer_name_is_no_mention_of_its_own():
    inside = _labels("推进浙大邵逸夫医院绍兴院区建设。", "绍兴市")
    assert inside == {("浙大邵逸夫医院绍兴院区", "Project")}
    alone = _labels("推进浙大邵逸夫医院绍兴院区建设,支持浙大邵逸夫医院发展。", "绍兴市")
    assert {("浙大邵逸夫医院绍兴院区", "Project"), ("浙大邵逸夫医院", "Project")} <= alone


def test_a_nested_name_that_ends_a_relation_stays_a_mention():
    found = extract_text("建设杭金衢高速至杭绍台高速联络线。", "绍兴市")
    assert any(m.label == "杭金衢高速" for m in found.mentions)
    assert any(getattr(r.subject, "label", None) == "杭金衢高速" for r in found.relations)


def test_what_a_place_does_after_its_name_is_no_compound_name():
    found = _labels("中国(浙江)自由贸易试验区宁波片区出成果出经验出形象。", "宁波市")
    assert not any(label.endswith("经验") for label, _ in found)
    assert ("中国(浙江)自由贸易试验区宁波片区", "Platform") in found


def test_national_rhetoric_is_no_program_but_a_regions_own_practice_is():
    found = _labels("奋力谱写中国式现代化洛阳篇章,在推进中国式现代化中走在前列。", "洛阳市")
    assert not any(label.startswith("中国式现代化") for label, _ in found)
    assert ("中国式现代化徐州新实践", "Program") in _labels("推进中国式现代化徐州新实践。", "徐州市")


def test_party_doctrine_formulas_are_no_program_whichever_rule_finds_them():
    assert _labels("坚定拥护“两个确立”、坚决做到“两个维护”。", "宝鸡市") == set()


def test_a_poll_or_ranking_is_an_honour_not_an_initiative():
    found = _labels("荣获“2020中国最具幸福感城市”,入选中国百强城市。", "许昌市")
    assert not any("最具" in label or "百强" in label for label, _ in found)
    assert ("2050大会", "Project") in _labels("高水平承办2050大会。", "杭州市")  # a year opens an event's name


def test_sectors_by_number_and_bare_kinds_of_zone_are_no_names():
    found = _labels("做强第一产业、做大第三产业,规范发展房地产业,积极申建自贸试验区。", "商丘市")
    assert not any(t in ("Industry", "Platform") for _, t in found)
    named = _labels("大力发展商贸、现代物流等现代服务业,打造中国(广西)自由贸易试验区北海片区。", "北海市")
    assert {("商贸", "Industry"), ("中国(广西)自由贸易试验区北海片区", "Platform")} <= named


def test_a_bare_number_of_a_list_is_no_name_but_a_coded_program_is():
    rejects = NotNames(frozenset())
    assert rejects(Candidate(0, 2, "Project", "17", "lists.major-projects"))
    assert not rejects(Candidate(0, 4, "Program", "1376", "quoted.name"))


def test_a_plan_document_is_no_program_but_a_places_own_spatial_plan_is():
    found = _labels("严格落实《全国主体功能区规划》,依据《南阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》,"
                    "编制《城东分区规划》和《南阳市国土空间总体规划》。", "南阳市")
    assert {label for label, t in found if t != "Region"} == {"南阳市国土空间总体规划"}
    assert ("南阳市", "Region") in found


def test_a_title_a_city_won_is_an_honour_but_the_same_title_to_create_is_a_program():
    won = _labels("先后荣获全国文明城市、国家园林城市等称号。", "曲靖市")
    assert not any(t == "Program" for _, t in won)
    goal = _labels("巩固全国文明城市创建成果,争创国家园林城市。", "曲靖市")
    assert {("全国文明城市", "Program"), ("国家园林城市", "Program")} <= goal
    pilot = _labels("获评国家现代商贸流通体系试点城市。", "许昌市")
    assert ("国家现代商贸流通体系试点城市", "Program") in pilot


def test_a_plan_title_joined_by_yu_or_ji_is_no_program_either():
    found = _labels("《商丘市国民经济与社会发展第十四个五年规划纲要和2035年远景目标纲要》是全市人民的行动纲领。", "商丘市")
    assert not {label for label, t in found if t == "Program"}
