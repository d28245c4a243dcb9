"""Headings, sections, 专栏 boxes and tables on the real plans; fuzzing."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest

from plangraph.model import Document, PlanMeta, SourceText
from plangraph.read.ingest import normalize, read_source
from plangraph.read.structure import parse


@lru_cache(maxsize=None)
def _doc(path: Path) -> Document:
    return parse(read_source(path), PlanMeta(file=path.name))


def _sentence(doc: Document, needle: str):
    return next(s for s in doc.sentences if needle in doc.text[s.start:s.end])


def _check_invariants(doc: Document) -> None:
    end = 0
    for s in doc.sentences:
        assert end <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end].strip() == doc.text[s.start:s.end]
        assert s.kind in ("text", "heading", "table", "box")
        assert all(isinstance(t, str) and t for t in s.section)
        end = s.end
    for t in doc.tables:
        assert 0 <= t.start < t.end <= len(doc.text)
        assert len(t.rows) == len(t.row_spans) > 0
        assert all(t.start <= a < b <= t.end for a, b in t.row_spans)


def test_sentence_offsets_valid(plan_path):
    doc = _doc(plan_path)
    _check_invariants(doc)
    assert len(doc.sentences) > 200


def test_every_sentence_has_content_and_text_is_covered(plan_path):
    doc = _doc(plan_path)
    covered = sum(s.end - s.start for s in doc.sentences)
    non_space = sum(not c.isspace() for c in doc.text)
    assert covered >= 0.97 * non_space


def test_chapter_heading_is_in_section_path(plans):
    doc = _doc(plans["huzhou"])
    chapter = "九、以“轨道上的湖州”引领现代化基础设施建设,提升高质量赶超发展支撑力"
    assert chapter in _sentence(doc, "构筑快速公路网").section
    assert _sentence(doc, chapter).kind == "heading"


def test_numbered_levels_nest_and_reset(plans):
    doc = _doc(plans["shaoxing"])
    section = _sentence(doc, "打造国际合作先行区").section
    assert section[-2].startswith("三、推动双循环相互促进") and section[-1] == "(三)发展高水平开放型经济"
    heading = _sentence(doc, "四、增创体制机制新优势")
    assert heading.kind == "heading"
    assert heading.section[-1].startswith("四、") and not any(p.startswith("三、") for p in heading.section)
    assert not any(p.startswith("(") for p in heading.section)


def test_markdown_levels_do_not_decide_nesting(plans):
    # 吴兴 writes 一、 as ## and as ####, (一) as ## and as #####.
    doc = _doc(plans["wuxing"])
    section = _sentence(doc, "加强高层次创新人才盯引").section
    assert section[0] == "吴兴区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert section[1].startswith("四、建设高素质强大人才队伍")
    assert section[2] == "(一)构筑创新创业人才高地"
    assert not any("#" in p or "*" in p for s in doc.sentences for p in s.section)


def test_bold_lead_in_labels_its_paragraph_only(plans):
    doc = _doc(plans["wuxing"])
    assert _sentence(doc, "旗帜鲜明地坚持和加强党的全面领导").section[-1] == "坚持党的全面领导"
    assert "坚持党的全面领导" not in _sentence(doc, "促进创新发展、协调发展").section


def test_numbered_lead_in_paragraphs(plans):
    doc = _doc(plans["hangzhou"])
    section = _sentence(doc, "过去五年,面对错综复杂的国际国内形势").section
    assert section[-2].startswith("一、高水平打造“数智杭州·宜居天堂”")
    assert section[-1] == "1.进入新发展阶段我市所面临的形势"


@pytest.mark.parametrize("plan, boxes", [("huzhou", 9), ("shaoxing", 16), ("xiuzhou", 13),
                                         ("wuxing", 7), ("hangzhou", 0)])
def test_every_zhuanlan_box_is_found(plans, plan, boxes):
    # counts = lines of the file that open a 专栏 box
    doc = _doc(plans[plan])
    titles = {p for s in doc.sentences for p in s.section if p.startswith("专栏")}
    assert len(titles) == boxes


def test_box_content_is_kind_box(plans):
    shaoxing = _doc(plans["shaoxing"])
    item = _sentence(shaoxing, "绍兴综合保税区:规划建设口岸作业区")
    assert item.kind == "box" and item.section[-1] == "专栏4:建设三大国家级开放平台"
    assert _sentence(shaoxing, "深入践行“整体智治、唯实惟先”").kind == "text"
    huzhou = _doc(plans["huzhou"])  # box title and content on one line
    item = _sentence(huzhou, "“科学谷”位于湖州高铁站旁")
    assert item.kind == "box" and item.section[-1] == "专栏3—1 “五谷丰登”计划"
    assert _sentence(huzhou, "建设新型研发机构").kind == "text"


def _table(doc: Document, caption: str):
    return next(t for t in doc.tables if t.section and caption in t.section[-1])


def test_main_indicator_table_rows(plans):
    doc = _doc(plans["huzhou"])
    table = _table(doc, "表2—1")
    assert "主要指标" in table.section[-1]
    gdp = next(r for r in table.rows if "生产总值(GDP)" in r)
    assert gdp[gdp.index("生产总值(GDP)") + 1:][:3] == ("亿元", "3201.4", "5000")
    assert any("粮食综合生产能力" in r for r in table.rows)
    rows = [s for s in doc.sentences if s.kind == "table" and table.start <= s.start < table.end]
    assert len(rows) == len(table.rows)
    assert [(s.start, s.end) for s in rows] == list(table.row_spans)


def test_markdown_table_split_across_pages_is_one_table(plans):
    doc = _doc(plans["wuxing"])
    table = _table(doc, "1-2 “十四五”时期经济和社会发展主要指标")
    assert any("地区生产总值(GDP)" in r for r in table.rows)
    assert any("粮食综合生产能力" in r for r in table.rows)  # on the third page
    assert sum(r[:3] == ("一级指标", "序号", "二级指标") for r in table.rows) == 1
    assert not any(set("".join(r)) <= set("-| :") for r in table.rows)


def test_one_cell_per_line_table_is_split_into_rows(plans):
    doc = _doc(plans["shaoxing"])
    table = _table(doc, "表2:")
    first = next(r for r in table.rows if r[0] == "1")
    assert "全市生产总值(亿元)" in first and "8500" in first
    assert [r[0] for r in table.rows[1:6]] == ["1", "2", "3", "4", "5"]
    assert not any("全市生产总值" in doc.text[s.start:s.end] for s in doc.sentences
                   if s.kind == "heading")


def test_caption_does_not_leak_past_its_table(plans):
    doc = _doc(plans["huzhou"])
    after = _sentence(doc, "当前和今后一个时期,我国发展仍处于重要战略机遇期")
    assert not any(p.startswith("表") for p in after.section)


_POOL = list("第一二三四五六七八九十章节篇部分、。，,;；:：!?！？()（）“”《》【】|#*-—— \n\n\n\t\u3000\xa0"
             "专栏表图注1234567890abcXYZ湖州市吴兴区國發展數據\r\x00\ufeff\u200b\ud7ff\U0001F600")


@pytest.mark.parametrize("seed", range(150))
def test_parse_never_crashes_on_garbage(seed):
    rng = random.Random(seed)
    pieces = ["## **一、", "**", "| a | b |\n|---|---|\n", "专栏 2-1 ", "(一)", "1.", "表1 ",
              "\n\n", "——", "。", "第三章 ", "# ", "12\n\n34\n\n56\n\n"]
    original = "".join(rng.choice(pieces) if rng.random() < 0.2 else rng.choice(_POOL)
                       for _ in range(rng.randint(0, 600)))
    text, offsets = normalize(original)
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(original)
    source = SourceText(Path("x.txt"), original, text, offsets, "utf-8")
    _check_invariants(parse(source, PlanMeta(file="x.txt")))


def test_parse_handles_degenerate_documents():
    for original in ["", "。", "|", "||||", "**", "专栏", "# ", "1.", "\n\n\n", "表1\n1\n2\n3"]:
        text, offsets = normalize(original)
        doc = parse(SourceText(Path("x.txt"), original, text, offsets, "utf-8"), PlanMeta(file="x"))
        _check_invariants(doc)
