"""Relations read from general forms of plan sentences of any region: who the subject of a
clause is, which cities a line named by initials joins, who works with whom."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text, names


def _relations(text: str, region: str) -> set[tuple[str, str, str]]:
    """Every (subject, predicate, object) of a one-sentence plan, by every name of each end."""
    return {(s, r.predicate, o) for r in extract_text(text, region).relations
            for s in names(r.subject) for o in names(r.object)}


@pytest.mark.parametrize("text, region, expected, wrong", [
    # a county opening the sentence acts in its later clauses, until the plan speaks again
    ("古交市加快发展合金材料产业,打造大宗固废综合利用产业园区。", "太原市",
     ("古交市", "hosts", "大宗固废综合利用产业园区"), ("太原市", "hosts", "大宗固废综合利用产业园区")),
    ("德清县加快发展地理信息产业,全市加快发展集成电路。", "湖州市",
     ("湖州市", "develops", "集成电路"), ("德清县", "develops", "集成电路")),
    # a region right before the cue is its subject, even mid-clause
    ("这也是南宁市全面落实强首府战略的关键时期。", "西乡塘区",
     ("南宁市", "implements", "强首府战略"), ("西乡塘区", "implements", "强首府战略")),
])
def test_the_subject_of_a_clause(text, region, expected, wrong):
    found = _relations(text, region)
    assert expected in found and wrong not in found, found


def test_a_plan_s_own_new_area_relates_to_nothing_as_itself():
    assert not any(s == o for s, _, o in _relations("两江新区将全面建成内陆开放门户。", "两江新区"))


@pytest.mark.parametrize("text, region, ends, not_ends", [
    ("推进运三高速建设,打通三门峡方向通道。", "山西省", {"运城市", "三门峡市"}, set()),
    ("加快长邯聊高铁前期工作。", "山西省", {"长治市"}, {"长沙市", "长春市"}),  # 邯, 聊: not local, not named
    ("推进长江高速建设。", "湖北省", set(), {"长沙市", "长春市", "江门市"}),  # a word, not initials
])
def test_a_line_named_by_city_initials(text, region, ends, not_ends):
    connected = {o for _, p, o in _relations(text, region) if p == "connects"}
    assert ends <= connected and not (not_ends & connected), connected


def test_divisions_listed_before_a_cue_of_working_together_work_with_each_other():
    found = _relations("推动宜昌、荆州、荆门产业协作。", "湖北省")
    assert ("荆州市", "cooperatesWith", "荆门市") in found, found
    assert ("湖北省", "cooperatesWith", "荆州市") not in found, found  # a province works inside, not with its cities


@pytest.mark.parametrize("text, region, partners, not_partners", [
    ("深化沪宁杭同城化合作。", "湖州市", {("上海市", "南京市"), ("南京市", "杭州市")}, set()),
    ("加快甬绍一体化、杭绍一体化。", "绍兴市", {("宁波市", "绍兴市"), ("杭州市", "绍兴市")}, {("绍兴市", "宁波市")}),
    ("推进产城一体化和城乡一体化。", "湖州市", set(), {("湖州市", "湖州市")}),
])
def test_places_named_by_abbreviations_before_integration_work_with_each_other(text, region, partners, not_partners):
    found = {(s, o) for s, p, o in _relations(text, region) if p == "cooperatesWith"}
    assert partners <= found and not (not_partners & found), found
    if not partners:
        assert not found, found


@pytest.mark.parametrize("text, region, expected, wrong", [
    ("加快建设长江中游城市群区域性中心城市。", "黄石市", ("黄石市", "locatedIn", "长江中游城市群"), None),
    ("打造浙北重要增长极。", "吴兴区", ("吴兴区", "locatedIn", "浙北"), None),
    ("加快建设国家中心城市。", "郑州市", None, ("郑州市", "locatedIn", "国家中心城市")),
])
def test_a_role_among_regions_places_the_speaker_in_them(text, region, expected, wrong):
    found = _relations(text, region)
    assert (expected is None or expected in found) and wrong not in found, found


@pytest.mark.parametrize("text, region, expected, wrong", [
    ("融入合肥都市圈建设。", "六安市", ("合肥市", "locatedIn", "合肥都市圈"), ("合肥都市圈", "locatedIn", "合肥市")),
    ("推动武汉都市圈发展。", "黄石市", ("武汉市", "locatedIn", "武汉都市圈"), ("黄石市", "cooperatesWith", "武汉都市圈")),
])
def test_a_cluster_named_after_a_place_relates_to_it_by_its_name(text, region, expected, wrong):
    found = _relations(text, region)
    assert expected in found and wrong not in found, found


def test_a_project_named_after_a_division_is_hosted_there_unless_it_runs_between_places():
    found = _relations("加快建设嵊州通用机场、湖州东站综合交通枢纽和晋宁至红塔区轨道交通。", "浙江省")
    assert {("嵊州市", "hosts", "嵊州通用机场"), ("湖州市", "hosts", "湖州东站综合交通枢纽")} <= found, found
    assert not any(p == "hosts" and o == "晋宁至红塔区轨道交通" and s.startswith("晋宁") for s, p, o in found), found


@pytest.mark.parametrize("text, region, expected, wrong", [
    # what a clause takes as its guide, its subject pursues; a region opening the clause is that subject
    ("诸暨市以“枫桥经验”为引领,深化基层治理。", "绍兴市", ("诸暨市", "implements", "枫桥经验"), ("绍兴市", "implements", "枫桥经验")),
    ("以成渝地区双城经济圈建设为战略牵引,推动高质量发展。", "南充市",
     ("南充市", "implements", "成渝地区双城经济圈建设"), None),
    # a designation names what the region implements
    ("上虞区成功列入全国县域商业体系建设示范县。", "绍兴市",
     ("上虞区", "implements", "全国县域商业体系建设示范县"), ("绍兴市", "implements", "全国县域商业体系建设示范县")),
    # what settles in a place is hosted by the place named after 落户
    ("推动长江经济带绿色发展示范区落户九江。", "江西省", ("九江市", "hosts", "长江经济带绿色发展示范区"),
     ("江西省", "hosts", "长江经济带绿色发展示范区")),
    # a partner after 与 is worked with, not hosted
    ("与浙江大学、之江实验室等高校院所共建实验室。", "吴兴区", None, ("吴兴区", "hosts", "之江实验室")),
])
def test_guides_designations_settling_and_partners(text, region, expected, wrong):
    found = _relations(text, region)
    assert (expected is None or expected in found) and wrong not in found, found


def test_a_region_joins_an_area_but_never_lies_in_a_division_it_joins():
    assert ("宜宾市", "locatedIn", "长江经济带") in _relations("深度融入长江经济带,建设区域中心城市。", "宜宾市")
    assert not any(p == "locatedIn" for _, p, _ in _relations("主动融入重庆市发展大局。", "广安市"))


@pytest.mark.parametrize("text, region, expected, wrong", [
    # a cue reaches only the names of its own item in a list of verb phrases
    ("向东融入黔中城市群、向西对接滇中城市群、向南衔接北部湾城市群。", "六盘水市",
     ("六盘水市", "locatedIn", "黔中城市群"), ("六盘水市", "locatedIn", "北部湾城市群")),
    ("实施乡村振兴战略、建设临港经济开发区。", "宜宾市",
     ("宜宾市", "hosts", "临港经济开发区"), ("宜宾市", "hosts", "乡村振兴战略")),
    # what a plan learns from is not what it carries out; what it learns and carries out is
    ("借鉴“最多跑一次”改革经验,优化营商环境。", "商丘市", None, ("商丘市", "implements", "最多跑一次")),
    ("深入学习践行“八八战略”。", "丽水市", ("丽水市", "implements", "八八战略"), None),
])
def test_what_a_cue_reaches(text, region, expected, wrong):
    found = _relations(text, region)
    assert (expected is None or expected in found) and wrong not in found, found


def test_the_names_of_a_run_share_what_is_done_to_one_of_them():
    found = _relations("完善“小升规”“雏鹰行动”“凤凰行动”“雄鹰行动”的企业梯度培育体系。", "衢州市")
    assert {("衢州市", "implements", p) for p in ("雏鹰行动", "凤凰行动", "雄鹰行动")} <= found, found


@pytest.mark.parametrize("text, carried", [
    ("1.蓝天行动。", True),
    ("(二)乡村振兴战略", True),
    ("专栏6:美丽城镇建设工程", True),
    ("蓝天行动取得阶段性进展,复制推广到周边。", False),  # no item: a clause about it, read by its cue or not at all
])
def test_a_program_that_is_a_whole_item_is_the_plan_s(text, carried):
    found = {r for r in extract_text(text, "大同市").relations if r.rule and "relations.item-title" in r.rule}
    assert bool(found) == carried, found


@pytest.mark.parametrize("text, implemented", [
    ("严格实行垃圾“三化四分”,实现生活垃圾零增长。", True),  # no cue reads it: the plan's region carries it out
    ("上海推进“一网通办”改革,成效显著。", False),  # another region's clause
    ("学习借鉴“千万工程”经验。", False),  # learnt from others
    ("桂阳县以有色金属为主导,垃圾“三化四分”全面铺开。", False),  # an earlier clause's county is the subject
])
def test_a_program_no_cue_reaches_is_the_plan_region_s(text, implemented):
    found = {o for s, p, o in _relations(text, "郴州市") if s == "郴州市" and p == "implements"}
    assert bool(found) == implemented, found
