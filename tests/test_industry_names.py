"""Industries named the way plans of any region name them: national key fields, lists of fields
and tracks, and not the national lists of clusters an industry is entered in."""

from __future__ import annotations

import pytest

from plangraph.extract import extract
from plangraph.model import PlanMeta
from plangraph.read.ingest import read_source
from plangraph.read.structure import parse

from sentences import labels, typed_labels


def _industries(text: str, region: str = "合肥市") -> set[str]:
    return labels(text, region, "Industry")


def test_a_national_key_field_is_named_whole():
    found = _industries("加快基础软件产业发展,壮大先进材料产业。")
    assert {"基础软件", "先进材料"} <= found and "软件" not in found


@pytest.mark.parametrize("text, items", [
    ("聚焦量子计算、工业母机、集成电路等关键领域加强攻关。", {"量子计算", "工业母机", "集成电路"}),
    ("抢占类脑智能、深海开发、合成生物等新赛道。", {"类脑智能", "深海开发", "合成生物"}),
])
def test_fields_and_tracks_listed_with_known_industries_are_industries(text, items):
    assert items <= _industries(text)


def test_a_list_of_policy_fields_names_no_industries():
    assert not {"内河水运", "城市更新"} & _industries("完善城市更新、内河水运、绿色金融等领域政策。")


def test_the_national_list_an_industry_enters_is_no_mention_of_the_industry():
    assert "先进制造业" not in _industries("纺织服装产业集群入选国家先进制造业集群。", "绍兴市")
    assert "先进制造业" in _industries("推动先进制造业和现代服务业深度融合。", "绍兴市")


@pytest.mark.parametrize("text, industries", [
    ("加快构建新型电力系统,发展新型储能,科学布局抽水蓄能。", {"新型储能", "抽水蓄能"}),
    ("推进化石能源清洁高效利用,推动煤电节能降碳改造。", {"煤电"}),
    ("全省风电、光伏装机规模突破3000万千瓦,煤层气产量稳步增长。", {"风电", "光伏", "煤层气"}),
])
def test_the_parts_of_an_energy_system_are_industries(text, industries):
    assert industries <= _industries(text, "太原市")


@pytest.mark.parametrize("text", [
    "建设一批光伏、风电等项目。",
    "严格控制煤炭消费总量,淘汰落后煤电机组。",
])
def test_energy_works_and_consumption_name_no_industry(text):
    assert not {"光伏", "风电", "煤电", "煤炭"} & _industries(text, "太原市")


def test_a_list_of_trades_starts_after_the_verb_that_grows_them():
    found = _industries("依托港口条件发展船舶修造、海洋渔业、滨海旅游等产业。", "舟山市")
    assert "船舶修造" in found and not any(i.startswith("港口") for i in found)


def test_two_trades_joined_by_and_before_a_trade_word_are_both_industries():
    assert {"轨道客车", "汽车电子"} <= _industries("长春重点发展轨道客车和汽车电子等产业。", "长春市")


@pytest.mark.parametrize("text", ["会议研究了对这些产业的扶持办法。", "承接重点领域产业转移。", "上述产业享受同等政策。"])
def test_a_pointer_or_a_field_word_before_industry_names_none(text):
    assert not _industries(text, "洛阳市")


def test_a_quoted_slogan_before_a_kind_of_industry_is_a_program_and_a_quoted_trade_an_industry():
    found = typed_labels("加快“链群融通”产业链建设,壮大“数字经济”产业。", "南宁市")
    assert ("Program", "链群融通") in found and ("Industry", "数字经济") in found
    assert not any(label.startswith("链群融通") for type_, label in found if type_ == "Industry")


@pytest.mark.parametrize("text, items", [
    ("打造钢铁、铸造“两大百亿产业”集群。", {"钢铁", "铸造"}),
    ("建设“稀土永磁、电子材料、高端轴承”3条重点产业链。", {"稀土永磁", "电子材料", "高端轴承"}),
])
def test_a_quoted_list_or_count_still_closes_an_industry_list(text, items):
    assert items <= _industries(text, "包头市")


def test_a_count_closing_trades_after_a_growth_verb_is_no_part_of_the_last():
    found = _industries("做强机械加工、林产化工、精细化工三大千亿产业。", "柳州市")
    assert "精细化工" in found and not any("三大" in i for i in found)


def test_the_links_of_an_industrial_chain_are_industries_and_a_route_is_not():
    assert {"铝土矿", "氧化铝", "电解铝"} <= _industries("延伸铝土矿—氧化铝—电解铝—铝精深加工产业链。", "百色市")
    assert not _industries("共建西安—咸阳—宝鸡产业链。", "咸阳市")


def test_items_joined_before_a_shared_head_take_it():
    found = _industries("重点发展汽车、航空与燃机装备。", "德阳市")
    assert {"汽车", "航空装备", "燃机装备"} <= found and "汽车装备" not in found


def test_a_provincial_list_of_clusters_is_no_mention_of_the_trade():
    assert "先进制造业" not in _industries("陶瓷产业入选省级先进制造业集群。", "景德镇市")


def test_a_verb_that_grows_trades_inside_a_list_starts_it():
    found = _industries("高度重视、前瞻布局数字经济、人工智能等新兴产业。", "大庆市")
    assert {"数字经济", "人工智能"} <= found and "高度重视" not in found


def test_the_trades_a_structure_of_industries_is_led_by_are_industries():
    found = _industries("形成以铜基新材料、电子信息为主导的现代产业体系。", "鹰潭市")
    assert {"铜基新材料", "电子信息"} <= found
    assert not {"资金支持", "劳务协作"} & _industries("以资金支持、劳务协作为重点,深化产业合作。", "丽水市")


def _plan_industries(tmp_path, text: str) -> set[str]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = parse(read_source(path), PlanMeta("plan.txt", region="曲靖市"))
    return {m.label or m.text for m in extract(document).mentions if m.type == "Industry"}


def test_a_heading_naming_industries_backs_them_and_one_word_alone_does_not(tmp_path):
    found = _plan_industries(tmp_path, "曲靖市国民经济和社会发展第十四个五年规划纲要\n第一章 先进制造\n"
                             "第一节 新一代信息技术/高端装备\n推进一批项目建设。\n第二节 食品\n保障供应。\n")
    assert {"新一代信息技术", "高端装备"} <= found and "食品" not in found


def test_a_heading_that_grows_one_industry_backs_it_and_one_that_does_other_work_does_not(tmp_path):
    # 沙坪坝区 十四五纲要 第七章: one industry per heading, after the verb that grows it
    found = _plan_industries(tmp_path, "曲靖市国民经济和社会发展第十四个五年规划纲要\n第一章 先进制造\n"
                             "第二节 积极发展新一代信息技术\n推进一批项目建设。\n第三节 提速发展高端装备\n推进一批项目建设。\n"
                             "第四节 推动快递进村\n保障供应。\n")
    assert {"新一代信息技术", "高端装备"} <= found and "快递" not in found


def test_long_items_and_a_sub_sector_in_brackets_keep_a_list_of_trades():
    # 苏州市 十五五建议; 湖南省 产业转型升级规划 (岳阳市)
    found = _industries("培育壮大半导体与集成电路、智能网联新能源汽车、工业母机及集成化装备、具身智能机器人、"
                        "新型显示及智能消费终端、光子与光制造等新兴支柱产业。", "苏州市")
    assert {"智能网联新能源汽车", "具身智能机器人", "光子与光制造"} <= found
    found = _industries("岳阳市重点发展石化、能源、食品、住宅产业化、现代物流(港口物流)等产业。", "岳阳市")
    assert {"石化", "现代物流", "港口物流"} <= found and not {"住宅产业化", "现代物流(港口物流)"} & found


def test_what_goes_before_de_describes_a_list_of_trades():
    # 湖南省 十三五纲要
    found = _industries("做优做响消费品工业,大力发展本地资源丰富、市场需求旺盛的食品、轻工、纺织等产业。", "湖南省")
    assert {"食品", "轻工"} <= found and not {"本地资源丰富", "市场需求旺盛的食品"} & found


def test_a_counted_kind_of_a_type_closes_a_list_of_trades():
    # 泸州市 十四五服务业发展规划: 支柱型 (型 a boundary word alone) and 创新型 both qualify the kind
    assert "商业贸易" in _industries("做强做优商业贸易、现代物流、金融服务、文旅产业、房地产业5大支柱型服务业。", "泸州市")
    assert {"创意产业", "科技信息"} <= _industries("大力发展创意产业、科技信息和智慧城市经济产业2大创新型服务业。", "泸州市")


def test_counted_sets_and_verbs_make_no_list_of_trades():
    # 绍兴市 十四五纲要
    found = _industries("加快做强十大现代制造业集群、打造十大标志性产业链。", "绍兴市")
    assert not {"十大现代制造业集群", "打造"} & found


def test_a_quoted_count_of_industries_is_no_program():
    found = typed_labels("重点打造机械制造、大健康、服装皮革“三大千亿产业”集群。", "玉林市")
    assert ("Industry", "服装皮革") in found and not any(t == "Program" for t, _ in found)


def test_a_place_opening_an_industry_name_is_where_it_is():
    assert "硅碳新材料" in _industries("襄城县硅碳新材料产业集群加快发展。", "许昌市")
    assert not any(i.startswith("襄城") for i in _industries("襄城县硅碳新材料产业集群加快发展。", "许昌市"))


@pytest.mark.parametrize("text", [
    "全市将打造“9+N”制造业产业集群和16条重点产业链。",
    "培育壮大先进制造业集群和两大千亿产业。",
])
def test_a_list_joined_by_he_right_before_its_count_is_read_without_failing(text):
    """和 right before a count (…集群和16条重点产业链) sets off no empty last item."""
    assert all(name.strip() for name in _industries(text, "烟台市"))
