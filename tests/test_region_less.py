"""Excerpts whose region no title gives (a news page quoting a plan, an untitled chapter): the
region comes from a ``# region:`` header or from the division the text names most, and a
county far from the plan's province counts when the document names its parent or no other
division has its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.extract.pipeline import build_pipeline, extract
from plangraph.lexicon import load_lexicon
from plangraph.model import PlanMeta, SourceText
from plangraph.read.ingest import normalize
from plangraph.read.manifest import infer_meta, with_named_region, with_region_code
from plangraph.read.structure import parse

NEWS = (
    "全区上下聚焦首善之区建设,推动高质量发展。\n"
    "“十四五”期间,洛龙区经济综合实力显著增强,GDP总量突破400亿元。\n"
    "区委区政府团结带领全区人民,支持洛阳加快建设副中心城市,洛龙区排名全市第4位。\n"
)


def _source(text: str) -> SourceText:
    normalized, offsets = normalize(text)
    return SourceText(Path("excerpt.txt"), text, normalized, offsets, "utf-8")


def _regions(text: str, region: str | None = None) -> set[str]:
    source = _source(text)
    meta = PlanMeta("excerpt.txt", region=region)
    return {m.label for m in extract(parse(source, meta), build_pipeline()).mentions if m.type == "Region"}


def test_a_region_header_names_the_excerpts_region():
    source = _source("# source: https://example.org/page.html\n# region: 涪城区\n“十四五”时期,全区推动高质量发展。\n")
    assert infer_meta(source, "excerpt.txt").region == "涪城区"


def test_without_a_header_or_title_the_division_the_text_speaks_as_and_names_most_is_its_region():
    """全区 and 区委 say the text is a district's: 洛龙区 (named three times) wins over 洛阳 (a
    city, named once), and the code places it in 洛阳市."""
    meta = with_named_region(infer_meta(_source(NEWS), "excerpt.txt"), NEWS, load_lexicon())
    assert (meta.region, meta.code, meta.parent) == ("洛龙区", "410311", "洛阳市")


def test_a_region_a_higher_level_speaks_of_once_is_no_guess_and_a_known_region_is_kept():
    text = "全市推动高质量发展,加快建设现代化产业体系。\n支持洛阳建设副中心城市。\n"
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region is None
    known = PlanMeta("x.txt", region="宝鸡市", code="610300")
    assert with_named_region(known, NEWS, load_lexicon()) == known


CHANGZHI = (  # 长治市's 十四五 outline (changzhi.gov.cn), its title left out: the city named once, as its own
    "第一章 科学把握新发展阶段,开启新时代转型发展和现代化建设新征程\n"
    "“十四五”时期是我省“转型出雏型”的发展关键期,长治要准确把握新发展阶段,深入贯彻新发展理念,主动融入新发展格局。\n"
    "“十三五”时期,市委、市政府坚持稳中求进工作总基调,团结带领全市人民攻坚克难、砥砺奋进。\n"
)


def test_the_one_division_an_untitled_excerpt_names_of_the_kind_it_speaks_as_is_its_region():
    """全市 and 市委: a city's text, and 长治 the one city it names (once): the plan is 长治市's, so its
    province's divisions count by their short names (in-province)."""
    meta = with_named_region(infer_meta(_source(CHANGZHI), "excerpt.txt"), CHANGZHI, load_lexicon())
    assert (meta.region, meta.code) == ("长治市", "140400")


def test_a_name_inside_an_everyday_word_names_no_region_of_an_untitled_excerpt():
    text = "全市坚持社会稳定和长治久安总目标,推动高质量发展。\n市委团结带领全市人民砥砺奋进。\n"
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region is None


@pytest.mark.parametrize("region", [None, "浙江省"])
def test_a_far_county_counts_when_the_document_names_its_parent_elsewhere(region):
    text = "推动大理州高质量发展。\n把祥云县和弥渡县作为增长极。\n"
    assert {"祥云县", "弥渡县"} <= _regions(text, region)


def test_a_county_name_no_other_division_has_counts_without_its_parent():
    assert "祥云县" in _regions("把祥云县作为全州经济增长极。\n")


def test_a_county_name_several_divisions_share_needs_its_parent():
    """普陀区 is in 上海 and in 舟山: without either named, the text does not say which."""
    assert "普陀区" not in _regions("加快普陀区建设。\n", "云南省")
    assert "普陀区" in _regions("上海市推动发展。\n加快普陀区建设。\n", "云南省")


def test_a_unique_county_name_straddling_an_everyday_word_is_no_county():
    """海城市 (鞍山) is no other division's name, but in 滨海城市 its 海 belongs to 滨海."""
    assert "海城市" not in _regions("加快建设滨海城市副中心。\n", "浙江省")


def test_a_unique_county_name_made_of_an_everyday_word_needs_its_parent():
    """滨海新区 is only 天津's district, but 滨海 (coastal) names new areas everywhere."""
    assert "滨海新区" not in _regions("发挥越城区(滨海新区)引领作用。\n", "绍兴市")
    assert "滨海新区" in _regions("天津市推动发展,加快滨海新区建设。\n", "绍兴市")


def test_a_county_level_city_named_without_its_city_gets_its_city_and_level():
    text = "乐清市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n全市推动高质量发展。\n"
    meta = with_region_code(infer_meta(_source(text), "excerpt.txt"), text, load_lexicon())
    assert (meta.region, meta.code, meta.parent, meta.level) == ("乐清市", "330382", "温州市", "county")


def test_a_county_named_by_its_full_name_more_often_than_its_city_is_the_region():
    """A news page on 乐清 speaks of 全省 (no province is named twice) and names 温州 as often as
    乐清, but 乐清市 by its full name: the county is the page's region."""
    text = ("乐清市作为温州都市区副中心,全省发展格局重塑。\n乐清市要当好温州都市区排头兵。\n"
            "乐清应当肩负起温州创建先行区的使命担当。\n")
    meta = with_named_region(PlanMeta("x.txt"), text, load_lexicon())
    assert (meta.region, meta.parent, meta.level) == ("乐清市", "温州市", "county")


def test_a_plan_named_for_a_zone_keeps_its_name_and_gets_the_code_of_the_division_it_names_most():
    """蚌埠高新区 is a platform, not a division: the plan lies in 蚌埠市, which it names most."""
    text = "全区引进蚌埠智能制造基地。\n获批中国(安徽)自由贸易试验区蚌埠片区。\n"
    meta = with_named_region(PlanMeta("x.txt", region="蚌埠高新区"), text, load_lexicon())
    assert (meta.region, meta.code) == ("蚌埠高新区", "340300")


def test_a_province_plan_cited_by_a_text_speaking_as_a_city_is_not_its_region():
    """按照《四川省“十三五”旅游业发展规划》 in a text on 全市 and 泸州: the city is the region."""
    text = ("“十三五”期间,泸州市旅游业发展将构建全市“一圈两片”的旅游产业布局。\n"
            "按照《四川省“十三五”旅游业发展规划》的部署,将泸州打造为川南酒文化休闲旅游城市。\n")
    meta = with_region_code(infer_meta(_source(text), "excerpt.txt"), text, load_lexicon())
    assert meta.region == "四川省"
    assert with_named_region(meta, text, load_lexicon()).region == "泸州市"


def test_a_province_speaking_as_a_province_keeps_its_region():
    text = "《云南省“十四五”区域协调发展规划》提出,全省推动昆明、曲靖协调发展。\n支持昆明建设区域中心城市。\n"
    meta = with_region_code(infer_meta(_source(text), "excerpt.txt"), text, load_lexicon())
    assert with_named_region(meta, text, load_lexicon()).region == "云南省"


def test_a_region_opening_an_enterprises_name_is_no_region_but_a_group_way_of_working_is():
    assert not _regions("引进哈尔滨电气集团、安徽配天投资集团等企业。\n", "洛阳市")
    assert "杭州市" in _regions("支持杭州集团化办学。\n", "杭州市")
    assert "长三角" in _regions("加强与长三角地区名校集团交流合作。\n", "湖州市")


def test_a_ranking_against_the_whole_above_does_not_make_the_text_that_whole():
    """居全省第一 and 全省首个 compare a city with its province: the text speaks as 全市."""
    text = ("九江市港口吞吐量居全省第一,建成全省首个江海联运枢纽。\n全市推动高质量发展。\n"
            "九江市加快建设区域中心城市,九江要当好排头兵。\n江西省支持九江发展,江西加快崛起。\n")
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region == "九江市"


def test_a_district_saying_whole_city_as_often_as_whole_district_speaks_as_the_district():
    text = "全市建设生态岛,全区推动绿色发展。\n崇明区建设世界级生态岛,崇明要走在前列。\n上海市支持崇明发展,上海加快建设。\n"
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region == "崇明区"


@pytest.mark.parametrize("sentence, region", [
    ("以纲要为指导,依据沈阳市国民经济和社会发展第十四个五年规划编制。\n", "沈阳市"),
    ("科学制定和实施闵行区国民经济和社会发展第十四个五年规划,意义重大。\n", "闵行区"),
])
def test_words_running_into_the_plans_name_are_no_part_of_its_region(sentence, region):
    meta = with_region_code(infer_meta(_source(sentence), "excerpt.txt"), sentence, load_lexicon())
    assert meta.region == region and meta.code


def test_the_speakers_own_word_before_the_plans_name_is_no_region():
    text = "科学编制全市国民经济和社会发展第十五个五年规划。\n"
    assert infer_meta(_source(text), "excerpt.txt").region is None


def test_a_page_citing_only_the_provinces_organs_is_not_the_provinces():
    """省委对洛阳工作高度重视: every city's page cites the 省委; the city it names most is its region."""
    text = "省委对洛阳工作高度重视,勉励洛阳建强副中心城市。\n河南正在聚焦高质量发展,洛阳挑大梁、在河南走在前。\n"
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region == "洛阳市"


@pytest.mark.parametrize("text", [
    # a special plan cited by a text speaking as 全州
    "按照《新疆维吾尔自治区“十四五”综合交通运输发展规划》,全州加快建设交通网络。\n"
    "昌吉回族自治州推动高质量发展,昌吉回族自治州建设现代产业体系。\n",
    # the outline it follows (与《…纲要》衔接), in a text naming the prefecture more often
    "本规划根据自治州党委的建议编制,与《新疆维吾尔自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要》"
    "衔接,是昌吉回族自治州(以下简称昌吉州)未来五年的行动纲领。昌吉回族自治州加快发展,昌吉建设现代产业体系。\n",
])
def test_an_autonomous_regions_plan_a_prefecture_follows_is_not_its_region(text):
    meta = with_region_code(infer_meta(_source(text), "excerpt.txt"), text, load_lexicon())
    assert with_named_region(meta, text, load_lexicon()).region == "昌吉回族自治州"


def test_a_zone_speaking_as_its_own_district_lies_in_the_city_whose_organs_it_names():
    """全区 is the 高新区 itself, which no division is named for: its 市委 and 市政府 say which
    city's, though it names 安徽 as often as 蚌埠."""
    text = ("全区在市委、市政府的坚强领导下加快发展。\n获批中国(安徽)自由贸易试验区蚌埠片区,"
            "引进安徽配天集团、蚌埠智能制造基地,全区经济总量翻番。\n")
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region == "蚌埠市"


def test_the_city_and_its_district_run_into_by_the_sentence_are_both_cut_to_their_divisions():
    text = "编制和实施好永州市冷水滩区国民经济和社会发展第十四个五年规划,意义重大。\n"
    meta = with_region_code(infer_meta(_source(text), "excerpt.txt"), text, load_lexicon())
    assert (meta.region, meta.parent, meta.level) == ("冷水滩区", "永州市", "district")


def test_the_congress_that_approves_an_untitled_outline_names_its_region():
    text = "(2021年2月23日宁波市第十五届人民代表大会第六次会议批准)\n第一章 开启现代化建设新征程\n第二章 全市创新发展\n"
    assert infer_meta(_source(text), "excerpt.txt").region == "宁波市"


def test_a_text_going_through_a_citys_counties_is_the_citys():
    """It never speaks as a division, names 祁阳 most but 永州 almost as often, and other counties
    of 永州 besides: the city's text. A county named far more often than its city stays."""
    text = ("做强永州油茶产业,以祁阳、零陵、东安为重点打造基地。\n建设祁阳油茶科技园区,推广永州之野品牌。\n"
            "祁阳槟榔芋、东安鸡、永州柑橘走向全国,祁阳黑茶提质。\n")
    assert with_named_region(PlanMeta("x.txt"), text, load_lexicon()).region == "永州市"
    county = "祁阳推动高质量发展。\n祁阳油茶走向全国,祁阳黑茶提质,祁阳建设园区。\n融入永州都市圈。\n"
    assert with_named_region(PlanMeta("x.txt"), county, load_lexicon()).region == "祁阳市"
