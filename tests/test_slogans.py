"""Multi-part slogans (extract/slogans.py): a framed quoted run of parallel phrases is one program, its parts none."""

from __future__ import annotations

import pytest

from plangraph.extract.rules import extract_text, names

from sentences import labels, mentions

SLOGAN_RULES = {"quoted.multi-part-slogan"}


def _programs(text: str, region: str = "南阳市") -> set[str]:
    return labels(text, region, "Program")


def _slogans(text: str, region: str = "南阳市") -> set[str]:
    return {m.label for m in mentions(text, region) if SLOGAN_RULES & set(m.rules)}


@pytest.mark.parametrize("text, run", [
    ("全市上下坚持“稳中求进、进中求优”，奋力开创新局面。", "稳中求进、进中求优"),
    ("奋力打造“产业高地、创新之城、幸福家园”，建设现代化城市。", "产业高地、创新之城、幸福家园"),
    ("坚持“向内挖、向外拓、加油干”，全力稳住经济基本盘。", "向内挖、向外拓、加油干"),
    ("按照“产业立市、开放兴市、生态美市”的发展思路，推动经济行稳致远。", "产业立市、开放兴市、生态美市"),
    ("积极践行“一个龙头、三个先锋”新使命。", "一个龙头、三个先锋"),
    ("以“强产业、优城市、惠民生”为工作主线，推动高质量发展。", "强产业、优城市、惠民生"),
])
def test_a_framed_quoted_run_is_one_program_named_without_its_quotes(text, run):
    assert run in _slogans(text)


def test_the_parts_of_a_motto_are_no_programs_of_their_own():
    programs = _programs("咬定“建设制造强市、打造区域中心”目标不动摇。", "上饶市")
    assert "建设制造强市、打造区域中心" in programs
    assert "制造强市" not in programs


def test_the_plan_region_implements_its_motto():
    ex = extract_text("坚持“稳中求进、进中求优”，奋力开创新局面。", "南阳市")
    assert any(r.predicate == "implements" and "稳中求进、进中求优" in names(r.object) for r in ex.relations)


@pytest.mark.parametrize("text", [
    "聚焦“新能源、新材料、生物医药”，做大产业规模。",  # industries
    "聚焦“杭州、宁波、温州”，共建都市圈。",  # places
    "聚焦“产业、金融、科技”，推进互促融合发展。",  # plain nouns
    "着力破解中小企业“融资难、融资贵”问题。",  # a problem
    "办好“公平有质量、温暖有希望”的人民教育。",  # a description of something else
    "深入学习贯彻省委“十二届十一、十二次全会”精神。",  # parts of uneven length: cut inside a name
    "实现“小雨不积水、大雨不内涝”。",  # no frame
])
def test_lists_problems_descriptions_and_unframed_runs_are_no_motto(text):
    assert not _slogans(text)


@pytest.mark.parametrize("text, region", [
    ("坚持依法治县、富民强县的发展战略不动摇。", "仙居县"),
    ("加快推进道路硬化、路灯亮化、村庄绿化，改善人居环境。", "永州市"),  # tasks
    ("坚持工业强县、农业稳县、旅游兴县发展战略。", "宝鸡市"),  # strategies sharing one kind: each its own program
])
def test_an_unquoted_run_is_no_motto(text, region):
    assert not _slogans(text, region)
