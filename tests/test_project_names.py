"""Projects named with a phase, a section or an extension, in sentences of any region: the
part is the project, and the whole line is a mention only where works on the whole name it."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text

from sentences import labels


def _projects(text: str, region: str) -> set[str]:
    return labels(text, region, "Project")


@pytest.mark.parametrize("text, region, part, whole", [
    ("加快实施地铁2号线二期、5号线建设。", "合肥市", "地铁2号线二期", "地铁2号线"),  # a phase
    ("开工建设轨道交通3号线一期工程。", "南宁市", "轨道交通3号线一期工程", "轨道交通3号线"),
    ("建设川藏铁路雅安至林芝段。", "四川省", "川藏铁路雅安至林芝段", "川藏铁路"),  # a section between places
    ("推进沪昆高铁贵阳至昆明段提质改造。", "贵州省", "沪昆高铁贵阳至昆明段", "沪昆高铁"),
    # ...between towns and villages, not only counties
    ("申嘉湖高速公路鹿山至孝源段通车、306省道椅子塔至王家庄段完成改造提升", "安吉县", "申嘉湖高速公路鹿山至孝源段", "申嘉湖高速公路"),
    ("临杭大道即海盐至安吉公路桐乡凤鸣至洲泉段正式实现通车", "桐乡市", "海盐至安吉公路桐乡凤鸣至洲泉段", "海盐至安吉公路"),
    ("续建渝昆高铁云南段。", "云南省", "渝昆高铁云南段", "渝昆高铁"),  # a section in one province
    ("推进地铁1号线北延建设。", "长沙市", "地铁1号线北延", "地铁1号线"),  # an extension
])
def test_a_part_of_a_project_is_the_project_and_the_whole_is_not_added(text, region, part, whole):
    found = _projects(text, region)
    assert part in found and whole not in found, found


@pytest.mark.parametrize("text, region, name, whole", [
    ("推进济广高速扩容改造。", "山东省", "济广高速扩容", "济广高速"),  # works on the whole road
])
def test_works_on_a_whole_project_still_name_it(text, region, name, whole):
    assert {name, whole} <= _projects(text, region)


def test_a_platforms_phase_still_names_the_platform():
    found = {m.label or m.text for m in extract_text("推进临空经济区二期建设。", "郑州市").mentions if m.type == "Platform"}
    assert {"临空经济区二期", "临空经济区"} <= found, found


@pytest.mark.parametrize("text, region, route", [
    ("建设长沙至浏宁高速。", "湖南省", "长沙至浏宁高速"),  # the far end a short form of two places
    ("建设绍兴至嵊新市域铁路。", "绍兴市", "绍兴至嵊新市域铁路"),
    ("推进合肥至六安城际铁路建设。", "安徽省", "合肥至六安城际铁路"),
])
def test_a_route_from_a_place_is_read_whole(text, region, route):
    assert route in _projects(text, region)


def test_to_after_a_plain_word_joins_no_route():
    assert not any(name.startswith("延伸至") for name in _projects("轨道交通延伸至浏宁高速沿线。", "湖南省"))


@pytest.mark.parametrize("text, region, false_name", [
    ("推进京哈高速绥中(冀辽界)至盘锦段、青兰高速改扩建。", "辽宁省", "盘锦段高速"),
    ("加快沪昆高铁贵阳至昆明段、渝贵高铁建设。", "贵州省", "昆明段高铁"),
    ("推进地铁3号线一期、二期、5号线建设。", "南宁市", "二期号线"),
])
def test_a_section_or_phase_in_a_list_borrows_no_suffix(text, region, false_name):
    assert false_name not in _projects(text, region)


@pytest.mark.parametrize("text, region, line", [
    ("积极推进6号线三期、7号线、9号线一期、嵩明线等项目前期工作。", "昆明市", "嵩明线"),
    ("加快建设地铁3号线、4号线和顺德线,", "佛山市", "顺德线"),
])
def test_a_line_named_for_a_place_among_numbered_lines_is_a_project(text, region, line):
    assert line in _projects(text, region)


@pytest.mark.parametrize("text, region, not_line", [
    ("建成地铁5号线,推进沿江、顺德线路改造。", "佛山市", "顺德线"),  # one numbered line, another clause
    ("推进嵩明线、寻甸线建设。", "昆明市", "嵩明线"),  # no numbered line beside it
])
def test_place_and_line_elsewhere_is_no_project(text, region, not_line):
    assert not_line not in _projects(text, region)


@pytest.mark.parametrize("text, region, project", [
    ("恒力重工、奇瑞汽车、SK海力士等一批重大产业项目支撑有力。", "大连市", "奇瑞汽车"),  # a company's plant
    ("新机场、长海跨海大桥等重大基础设施项目加快建设。", "大连市", "新机场"),
    ("加快推进沪苏湖高铁、杭德轻轨等重大交通项目。", "湖州市", "杭德轻轨"),
])
def test_items_closed_as_major_projects_are_projects(text, region, project):
    assert project in _projects(text, region)


@pytest.mark.parametrize("text, region, not_project", [
    ("滚动推进科技创新、现代产业、交通设施等重大项目。", "湖州市", "现代产业"),  # fields, not names
    ("统筹推进六铁、四高、两枢纽等重大项目。", "杭州市", "四高"),  # counts
    ("完善游客中心、湿地公园等基础设施项目。", "湖州市", "游客中心"),  # no major-project closer
])
def test_fields_and_counts_closed_as_projects_are_none(text, region, not_project):
    assert not_project not in _projects(text, region)


def test_the_tail_of_a_longer_first_name_is_no_major_project():
    text = "滚动安排浙江省涡轮机械与推进系统研究院及产学研基地、南太湖新区人才大厦等重大项目。"
    assert "产学研基地" not in _projects(text, "湖州市")


def test_routes_listed_after_a_section_of_another_line_are_lines_of_their_kind():
    found = _projects("建设京哈高铁承德至沈阳段和太原至焦作、郑州至济南、合肥至新沂等高铁。", "河南省")
    assert {"太原至焦作高铁", "郑州至济南高铁", "合肥至新沂高铁"} <= found, found


def test_a_kind_of_railway_is_no_project():
    assert "普速铁路" not in _projects("加快普速铁路扩能改造,建设瑞金至梅州铁路。", "江西省")


@pytest.mark.parametrize("text, region, road", [
    ("改建国道G105线赣州段,推进城区交通。", "赣州市", "G105国道"),  # kind, code and 线
    ("实施国道212线改造提升。", "广元市", "212国道"),  # kind and number
    ("提升省道S310线通行能力。", "邯郸市", "S310省道"),
    ("打通G219线和G331线沿边公路。", "新疆维吾尔自治区", "G219国道"),  # code and 线 alone
    ("开展远期308省道谋划。", "烟台市", "308省道"),  # a time word before the code is no part of it
    ("推进老104国道改造。", "苏州市", "老104国道"),  # the old road is a road of its own
])
def test_a_road_named_by_its_code_is_a_project(text, region, road):
    assert road in _projects(text, region)


@pytest.mark.parametrize("text, region, not_road", [
    ("推进G15沈海高速扩容。", "宁波市", "G15国道"),  # G1-G99 are expressways
    ("开通AG318线旅游巴士。", "成都市", "G318国道"),  # a longer code is something else
    ("推进S1线市域铁路建设。", "南京市", "S1省道"),  # S1-S99: expressways and suburban lines
])
def test_other_codes_are_no_numbered_road(text, region, not_road):
    assert not_road not in _projects(text, region)


def test_items_closed_by_a_kind_that_goes_on_keep_their_own_names():
    found = _projects("建设沪渝蓉沿江高铁、宁淮城际等干线铁路。", "南京市")
    assert "宁淮城际" in found and not any(p.endswith("干线") for p in found), found


@pytest.mark.parametrize("text, region, category", [
    ("滚动安排全市义务教育中小学建设项目、高中建设工程、幼儿园建设工程、公立医院提升改造工程等重大项目。", "湖州市", "幼儿园建设工程"),
    ("滚动安排全市义务教育中小学建设项目、高中建设工程、幼儿园建设工程、公立医院提升改造工程等重大项目。", "湖州市", "公立医院提升改造工程"),
    ("3.高标准水利设施建设工程。实施郭西湾和七里亭闸(泵)站圩区工程。", "湖州市", "高标准水利设施建设工程"),
])
def test_works_on_a_kind_of_facility_with_no_name_are_a_category(text, region, category):
    assert category not in {m.label for m in extract_text(text, region).mentions}


@pytest.mark.parametrize("text, region, name", [
    ("实施马厍幼儿园新建工程。", "秀洲区", "马厍幼儿园新建工程"),  # a name before the kind
    ("推进中医院迁建工程和实验小学新建工程。", "遂溪县", "实验小学新建工程"),  # the county's own institution
])
def test_works_on_a_named_facility_are_a_project(text, region, name):
    assert name in _projects(text, region)
