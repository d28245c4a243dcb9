"""Two edges of list items and quoted slogans (issue 20): a quotation that wraps a list leaves no quote
mark on an item's name, and a numeral inside a word (统一, 一体, 一流, 进一步) counts nothing."""

from __future__ import annotations

import pytest

from plangraph.extract.patterns import load_patterns
from plangraph.extract.rules import extract_text
from plangraph.extract.text import unquoted_span

QUOTE_MARKS = "“”‘’「」"


@pytest.mark.parametrize("text, region", [
    ("大力发展“新型显示、集成电路”、人工智能产业。", "合肥市"),  # lists.industries-beside-industries
    ("以“新能源、新材料”为主导的产业体系。", "襄阳市"),  # lists.industries-leading
    ("推进恒力重工、“奇瑞汽车”等一批重大产业项目。", "芜湖市"),  # lists.major-projects
])
def test_no_list_item_keeps_a_quote_mark_at_its_edge(text, region):
    for m in extract_text(text, region).mentions:
        label = m.label or m.text
        assert label[0] not in QUOTE_MARKS and label[-1] not in QUOTE_MARKS, label


def test_unquoted_span_drops_only_the_marks_at_the_edges():
    text = "“数字经济、‘智造’强市”"
    assert unquoted_span(text, 0, 5) == (1, 5)  # “数字经济
    assert text[slice(*unquoted_span(text, 6, 13))] == "智造’强市"  # the inner opening mark is gone, the closing one stays


@pytest.mark.parametrize("word_and_count", [("统一大市场", False), ("一流营商环境", False), ("进一步放开", False),
                                            ("一四六十", True), ("十个一", True), ("一网通办", True), ("统一四化", True)])
def test_a_numeral_inside_a_word_is_no_count(word_and_count):
    core, counts = word_and_count
    stripped = load_patterns().numeral_words.strip(core)
    assert any(ch in "一二三四五六七八九十" for ch in stripped) is counts


@pytest.mark.parametrize("text, region, quote", [
    ("全面做实“制度政策统一、基金统收统支、管理服务一体”为标准的基本医疗保险市级统筹。", "绍兴市", "制度政策统一、基金统收统支、管理服务一体"),
    ("总书记赋予湖州“一定要把南太湖建设好”重要指示。", "湖州市", "一定要把南太湖建设好"),
])
def test_a_quote_numbered_only_by_a_word_needs_other_evidence(text, region, quote):
    assert quote not in {m.label for m in extract_text(text, region).mentions}


def test_a_motto_of_parallel_parts_stays_one_program_without_a_count():
    found = extract_text("支持周边县(市)按照“规划一体、产业一体、交通一体”的思路,主动对接。", "湖北省").mentions
    assert any(m.label == "规划一体、产业一体、交通一体" and m.type == "Program" for m in found)
