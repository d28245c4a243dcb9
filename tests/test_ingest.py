"""Decoding and normalization on the real plans and on hostile files."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from plangraph.errors import InputError
from plangraph.read.ingest import normalize, read_source
from plangraph.read.manifest import infer_meta
from plangraph.read.structure import parse


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "utf-32-be", "gb18030"])
def test_same_text_whatever_the_encoding(plans, tmp_path, encoding):
    excerpt = plans["shaoxing"].read_text(encoding="utf-8")[:4000]
    reference = read_source(plans["shaoxing"]).text[:200]
    path = tmp_path / f"plan.{encoding}.txt"
    path.write_bytes(excerpt.encode(encoding))
    source = read_source(path)
    assert source.original == excerpt
    assert source.text.startswith(reference)
    assert source.text == normalize(excerpt)[0]


@pytest.mark.parametrize("encoding", ["big5", "cp950", "gbk"])
def test_legacy_chinese_encodings_read_as_their_utf8_copy(plans, tmp_path, encoding):
    """Big5 (traditional, Taiwan and Hong Kong) and GBK files: the detector behind the strict checks."""
    source = read_source(plans["hangzhou"])  # traditional characters, all in Big5
    excerpt = source.original[:6000]
    if encoding == "gbk":
        excerpt = source.text[:6000]  # simplified, as GBK plans are
    path = tmp_path / "plan.txt"
    path.write_bytes(excerpt.encode(encoding))
    assert read_source(path).original == excerpt


def test_bundled_plans_are_utf8(plan_path):
    assert read_source(plan_path).encoding == "utf-8"


def test_offsets_map_every_char_back(plan_path):
    source = read_source(plan_path)
    offsets = source.offsets
    assert len(offsets) == len(source.text) + 1
    assert offsets[-1] == len(source.original)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    if "hangzhou" not in plan_path.name:  # simplified files: only width changes
        for i, ch in enumerate(source.text):
            orig = source.original[offsets[i]]
            assert ch == orig or unicodedata.normalize("NFKC", orig) == ch or ch in " \n", (i, ch, orig)


def test_traditional_plan_is_simplified_but_quotes_the_original(plans):
    source = read_source(plans["hangzhou"])
    assert "國" not in source.text and "發展" not in source.text
    start = source.text.index("数智杭州")
    assert source.quote(start, start + 4) == "數智杭州"
    start = source.text.index("中共杭州市委关于制定杭州市国民经济和社会发展第十四个五年规划")
    assert source.quote(start, start + 6) == "中共杭州市委"


def test_simplified_text_is_not_reconverted(plans):
    # OpenCC's phrase table would turn 一批覆盖 into 一批复盖.
    source = read_source(plans["huzhou"])
    assert "一批覆盖科技创新" in source.text


def test_names_broken_across_lines_are_rejoined(plans):
    huzhou = read_source(plans["huzhou"])
    assert "第十四个\n五年" in huzhou.original
    assert "湖州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知" in huzhou.text
    wuxing = read_source(plans["wuxing"])
    assert "平安吴兴\n\n实现八连冠" in wuxing.original
    start = wuxing.text.index("平安吴兴实现八连冠")
    assert wuxing.quote(start, start + 9) == "平安吴兴\n\n实现八连冠"
    assert "吴兴区国民经济和社会发展" in wuxing.text  # "吴兴区 国民经济" in the title


def test_a_line_that_starts_with_a_comma_continues_the_previous(tmp_path):
    """A PDF may wrap just before 、 or ，; no line of a plan starts with one."""
    path = tmp_path / "wrapped.txt"
    path.write_text("加快发展健康、养老、育幼、文化\n、旅游、体育等服务业,加强公益性\n，基础性服务业供给。\n", encoding="utf-8")
    assert read_source(path).text.startswith("加快发展健康、养老、育幼、文化、旅游、体育等服务业,加强公益性,基础性")


def test_typeset_spaces_around_numbers_and_latin_go_but_label_spaces_stay(plans):
    """The 吴兴 outline (Markdown) sets 到 2025 年 and 长三角 G60 科创走廊; the words run on
    without the spaces. A list number (计划 1.) and a box number (专栏6—1 冠军) keep theirs."""
    wuxing = read_source(plans["wuxing"])
    assert "长三角 G60 科创走廊" in wuxing.original and "长三角G60科创走廊" in wuxing.text
    start = wuxing.text.index("长三角G60科创走廊")
    assert wuxing.quote(start, start + 10) == "长三角 G60 科创走廊"
    text, _ = normalize("专栏6—1 冠军领航行动 培育一批企业。“五谷丰登”计划 1.“科学谷”位于湖州。到 2025 年,达到 82.5 岁。")
    assert "专栏6—1 冠军领航行动" in text and "计划 1.“科学谷”" in text
    assert "到2025年,达到82.5岁" in text


def test_spaces_a_pdf_sets_around_quotation_marks_go():
    """PDF conversions of county outlines (庐江, 咸丰, 江宁) set quotes as “ 十三五 ”; the quoted names
    and what frames them run on without the spaces. A heading's number keeps its space."""
    text, _ = normalize("紧紧围绕 “ 新跨越、进十强、争百强 ” 目标,深入实施 “ 工业强县、大美庐江、全域旅游 ” 三大战略。")
    assert text == "紧紧围绕“新跨越、进十强、争百强”目标,深入实施“工业强县、大美庐江、全域旅游”三大战略。"
    text, _ = normalize("认真落实州委 “ 持续全面推进 ‘ 三州战略 ’ 的同时")
    assert text == "认真落实州委“持续全面推进‘三州战略’的同时"
    assert normalize("第一节 “ 经济强 ” 实现新跨越")[0] == "第一节 “经济强”实现新跨越"


def test_real_paragraph_breaks_are_kept(plans):
    huzhou = read_source(plans["huzhou"]).text
    assert "湖州市人民政府\n2021年4月2日\n" in huzhou  # signature and date stay apart
    xiuzhou = read_source(plans["xiuzhou"]).text
    assert "\n\n序号\n\n" in xiuzhou  # one-cell-per-line table cells stay apart


def test_full_width_forms_become_ascii_but_cjk_punctuation_stays():
    text, offsets = normalize("ＧＤＰ增长６％，（见表１）：“数字经济”、《纲要》。")
    assert text == "GDP增长6%,(见表1):“数字经济”、《纲要》。"
    assert list(offsets) == list(range(len(text) + 1))


def test_corner_quotes_read_as_quote_marks_and_quote_the_original(tmp_path):
    """Traditional-script typing quotes with 「」 and 『』 (a Macau paper on the 2024-2028 plan of
    diversification): they read as “” and ‘’, one mark for one, so the rules that read quoted names
    find 「1+4」 and a mention still cites the file's own characters."""
    original = "對接國家「十四五」和特區「二五」規劃，並以「1+4」經濟適度多元發展策略為依據，推動『雙循環』"
    path = tmp_path / "macau.txt"
    path.write_text(original, encoding="utf-8")
    source = read_source(path)
    assert source.text.count("“") == source.text.count("”") == 3 and "‘双循环’" in source.text
    assert not set("「」『』") & set(source.text)
    start = source.text.index("“1+4”")
    assert source.quote(start, start + 5) == "「1+4」"


def test_crlf_and_invisible_chars():
    text, offsets = normalize("第一章\r\n总\u200b则\r\n")
    assert text == "第一章\n总则\n"
    assert offsets[-1] == len("第一章\r\n总\u200b则\r\n")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b" \n\t\r\n ", "empty file"),
        ("\u3000\n".encode("utf-8"), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"caf\xe9 \xff\xfe\xff au lait", "unknown text encoding"),
        (b"\xef\xbb\xbf\xe6\x9d\xad\xff", "invalid utf-8-sig"),
    ],
)
def test_unusable_files_raise_input_error_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "bad-plan.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value).startswith("bad-plan.txt: ")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.path == path


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="^nope.txt: cannot read"):
        read_source(tmp_path / "nope.txt")


def test_utf16_without_bom_is_text_not_binary(plans, tmp_path):
    excerpt = plans["huzhou"].read_text(encoding="utf-8")[:2000]
    path = tmp_path / "le.txt"
    path.write_bytes(excerpt.encode("utf-16-le"))
    assert read_source(path).original == excerpt


def test_five_plans_read_and_parse_fast(plans):
    start = time.perf_counter()
    for path in plans.values():
        source = read_source(path)
        parse(source, infer_meta(source, path.name))
    assert time.perf_counter() - start < 2.0
