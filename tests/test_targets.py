"""Quantified targets: the 主要指标 tables and goals in the text of the real plans, and their RDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS_DIR, run_cli

from plangraph.graph import store
from plangraph.indicators import load_indicators, normalize, split_unit
from plangraph.model import Document, PlanMeta, Sentence, SourceText, Table
from plangraph.read.ingest import read_source
from plangraph.read.manifest import load_manifest
from plangraph.read.structure import parse
from plangraph.targets import Target, extract_targets, parse_value

SHORT = {"huzhou": "huzhou-shi", "shaoxing": "shaoxing-shi", "xiuzhou": "jiaxing-xiuzhou-qu",
         "wuxing": "huzhou-wuxing-qu", "hangzhou": "hangzhou-shi"}


@pytest.fixture(scope="module")
def docs() -> dict[str, tuple[Document, list[Target]]]:
    metas = load_manifest(PLANS_DIR / "manifest.csv")
    out = {}
    for short, stem in SHORT.items():
        path = next(PLANS_DIR.glob(f"{stem}_*.txt"))
        doc = parse(read_source(path), metas[path.name])
        out[short] = (doc, extract_targets(doc))
    return out


def find(targets: list[Target], label: str, year: int = 2025, source: str = "table") -> Target:
    hits = [t for t in targets if t.label == label and t.year == year and t.source == source]
    assert hits, f"no {source} target {label} for {year}"
    return hits[0]


# -- the 主要指标 tables of each plan, as the files have them ---------------------------

@pytest.mark.parametrize("plan, label, value, unit, base, binding", [
    # 湖州: pipe table, merged 一级指标 cells, 年均/累计增长 column
    ("huzhou", "地区生产总值", "5000", "亿元", "3201.4", "预期性"),
    ("huzhou", "城镇登记失业率", "4.5", "%", "1.5", "预期性"),
    ("huzhou", "亿元GDP生产安全事故死亡率", "0.0176", "人/亿元", "0.0338", "约束性"),
    # 绍兴: one cell per line, 一级指标 split over two lines (综合 / 实力)
    ("shaoxing", "R&D经费支出占GDP比重", "3.3", "%", "2.8", "预期性"),
    ("shaoxing", "PM2.5平均浓度", "30", "µg/m3", "28", "约束性"),
    ("shaoxing", "地表水县控以上断面水质Ⅰ-Ⅲ类比例", "100", "%", "100", "约束性"),
    # 秀洲: one cell per line, empty cells lost
    ("xiuzhou", "R&D经费支出占GDP比重", "3.75", "%", "3.15", "预期性"),
    ("xiuzhou", "人才资源总量", "13.94", "万人", "11.42", "预期性"),
    # 吴兴: Markdown table across pages, empty cells kept
    ("wuxing", "地区生产总值", "1000", "亿元", "752.8", "预期性"),
    ("wuxing", "PM2.5平均浓度", "25", "微克/立方米", "27", "约束性"),
])
def test_table_rows(docs, plan, label, value, unit, base, binding):
    t = find(docs[plan][1], label)
    assert (t.value.number, t.unit, t.base.number, t.base_year, t.binding) == (value, unit, base, 2020, binding)


def test_qualifiers_brackets_and_words_in_tables(docs):
    huzhou = docs["huzhou"][1]
    growth = find(huzhou, "全员劳动生产率增长")  # only 年均增长 ">6" is given: a rate's target is its growth
    assert (growth.value.number, growth.value.qualifiers) == ("6", (">",))
    myopia = find(huzhou, "青少年总体近视率降低")  # [5]: cumulative over the period
    assert (myopia.value.number, myopia.value.qualifiers, myopia.binding) == ("5", ("累计",), "约束性")
    income = find(huzhou, "居民人均可支配收入增长")
    assert (income.value.number, income.value.qualifiers) == ("7", ("左右",))
    energy = find(huzhou, "单位GDP能耗降低")  # in words only: no number is invented
    assert energy.value.number is None and energy.growth == "完成省下达目标"
    revenue = find(huzhou, "一般公共预算收入")
    assert revenue.value is None and revenue.growth == "与经济增长同步" and revenue.base.number == "336.6"
    assert find(docs["shaoxing"][1], "城乡居民收入比").value.qualifiers == ("<",)


def test_sub_rows_inherit_unit_and_attribute(docs):
    core = find(docs["huzhou"][1], "数字经济核心产业增加值占GDP比重")  # 其中: row without unit or 属性 cell
    assert (core.value.number, core.base.number, core.unit, core.binding) == ("7", "4.9", "%", "预期性")
    wuxing = find(docs["wuxing"][1], "数字经济核心产业增加值占GDP比重")  # cells shifted by empty cells
    assert (wuxing.value.number, wuxing.base.number) == ("5", "3.8")
    registered = find(docs["wuxing"][1], "户籍人口城镇化率")  # second row of a 城镇化率 group
    assert (registered.value.number, registered.base.number, registered.unit) == ("58", "53", "%")


def test_completion_tables_give_2020_goals_from_2015(docs):
    """十三五 完成情况 tables: 2015 base, 2020 goal, 2020 actual — read from two-row headers too."""
    gdp = find(docs["shaoxing"][1], "地区生产总值", year=2020)
    assert (gdp.base.number, gdp.base_year, gdp.value.number, gdp.actual.number) == ("4465.97", 2015, "6000", "6001")
    huzhou = find(docs["huzhou"][1], "地区生产总值", year=2020)  # 规划目标 | 完成情况 over 2020年 | 年均增长
    assert (huzhou.value.number, huzhou.growth, huzhou.actual.number) == ("3000", "8%以上", "3201.4")
    wuxing = find(docs["wuxing"][1], "地区生产总值", year=2020)
    assert (wuxing.base.number, wuxing.value.number, wuxing.growth, wuxing.actual.number) == (
        "496.8", "700", "9.5%左右", "752.8")


def test_directory_tables_are_not_indicator_tables(docs):
    doc, targets = docs["wuxing"]
    toc = doc.tables[0]
    assert not {t.sentence for t in targets} & {i for i, s in enumerate(doc.sentences) if toc.start <= s.start < toc.end}


# -- targets stated in the text -------------------------------------------------

@pytest.mark.parametrize("plan, label, value, unit, quals, year", [
    ("hangzhou", "地区生产总值", "2.3", "万亿元", (">",), 2025),  # 力争全市生产总值突破2.3万亿元
    ("hangzhou", "R&D经费支出占GDP比重", "4", "%", (), 2025),  # 研究与试验发展经费投入强度力争达到4%
    ("hangzhou", "数字经济核心产业增加值", "7000", "亿元", (">",), 2025),  # …收入突破2万亿元、增加值突破7000亿元
    ("hangzhou", "城乡居民收入比", "1.8", "", ("≤",), 2025),  # 城乡居民收入倍差缩小至1.8以内
    ("shaoxing", "能源消费总量", "3050", "万吨标准煤", ("≤",), 2025),  # 到2025年…控制在3050万吨标准煤
    ("shaoxing", "出口占全国份额", "13.1", "‰", ("≥",), 2025),  # no verb: 出口占全国份额13.1‰以上
    ("wuxing", "地区生产总值", "2000", "亿元", (">",), 2035),  # 分别突破2000亿元和20万元, under 远景目标
    ("wuxing", "人均地区生产总值", "20", "万元", (">",), 2035),
    ("huzhou", "污染地块安全利用率", "95", "%", ("≥",), 2025),  # …和污染地块安全利用率均达到95%以上
])
def test_text_targets(docs, plan, label, value, unit, quals, year):
    t = find(docs[plan][1], label, year=year, source="text")
    assert (t.value.number, t.unit, t.value.qualifiers) == (value, unit, quals)


def test_past_results_are_not_targets(docs):
    doc, targets = docs["shaoxing"]
    said = {doc.text[doc.sentences[t.sentence].start:doc.sentences[t.sentence].end] for t in targets}
    assert not any(s.startswith("2020年地区生产总值突破6000亿元") for s in said)  # 十三五 发展成就
    assert not any(t.value and t.value.number == "6000" and t.year == 2025 for t in targets)


def test_every_value_is_in_its_evidence(docs):
    """No invented numbers: the digits of each value occur in the row or sentence cited."""
    for doc, targets in docs.values():
        assert targets
        for t in targets:
            s = doc.sentences[t.sentence]
            evidence = doc.text[s.start:s.end]
            for v in (t.value, t.base, t.actual):
                if v is not None and v.number is not None:
                    assert v.raw in evidence, (t.label, v.raw, evidence)


# -- values, names, hostile input ------------------------------------------------

@pytest.mark.parametrize("cell, number, quals", [
    (">6", "6", (">",)), ("≤4.5", "4.5", ("≤",)), ("7左右", "7", ("左右",)), ("[5]", "5", ("累计",)),
    ("10以上", "10", ("≥",)), ("5(累计)", "5", ("累计",)), ("-10", "-10", ()), ("<0.01", "0.01", ("<",)),
    ("与经济增长同步", None, ()), ("城镇4.2、农村6.8", None, ()), ("1,600", "1600", ()),
])
def test_parse_value(cell, number, quals):
    v = parse_value(cell)
    assert (v.number, v.qualifiers) == (number, quals)


@pytest.mark.parametrize("cell", ["", "—", "——", "/", " - "])
def test_blank_cells_have_no_value(cell):
    assert parse_value(cell) is None


def test_one_indicator_for_its_many_names():
    lex = load_indicators()
    names = ["生产总值(GDP)", "地区生产总值", "全市生产总值(亿元)", "全区地区生产总值"]
    assert {lex.resolve(n).label for n in names} == {"地区生产总值"}
    rd = ["研究与试验发展经费投入强度", "R&D 经费支出占 GDP 比重", "研发经费支出占地区生产总值比重"]
    assert {lex.resolve(n).label for n in rd} == {"R&D经费支出占GDP比重"}
    assert lex.resolve("社会消费品零售总额年均增速").label == lex.resolve("社会消费品零售总额增长").label
    # unknown indicators still get one stable label across wordings
    assert normalize("全市某某指数(分)") == normalize("某某指数") == "某某指数"
    assert split_unit("每千人执业(助理)医师数(常住人口)(人)") == ("每千人执业(助理)医师数", "人")


def _doc(rows: list[tuple[str, ...]]) -> Document:
    lines = [" | ".join(r) for r in rows]
    text = "\n".join(lines)
    spans, pos = [], 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    source = SourceText(Path("t.txt"), text, text, tuple(range(len(text) + 1)), "utf-8")
    sentences = tuple(Sentence(a, b, ("表",), "table") for a, b in spans)
    table = Table(0, len(text), ("表",), tuple(rows), tuple(spans))
    return Document(source, PlanMeta("t.txt", period="十四五"), sentences, (table,))


@pytest.mark.parametrize("rows", [
    [("指标", "2020年", "2025年目标")],  # header only
    [("指标", "单位", "2020年", "2025年目标", "属性"), ("GDP",), (), ("", "", ""), ("1", "2", "3", "4", "5", "6", "7")],
    [("指标", "2025年目标"), ("增长率", "12.3.4.5"), ("比重", "1e999"), ("率", "∞"), ("x" * 500, "9" * 400)],
    [("2020年", "2025年", "2030年"), ("a", "b")],  # no name column: not an indicator table
    [("序号", "指标", "2025年目标", "属性"), ("1", "<sub>", "[", "预期性")],
])
def test_hostile_tables_never_crash(rows):
    doc = _doc(rows)
    for t in extract_targets(doc):
        assert 0 <= t.sentence < len(doc.sentences)
        assert t.value is None or t.value.number is None or t.value.raw in doc.text


def test_ragged_rows_still_read_by_header():
    doc = _doc([("指标", "单位", "2020年", "2025年目标", "属性"), ("森林覆盖率", "%", "60", "61", "约束性"),
                ("其中:城市绿化率", "40", "42"), ("人均寿命", "岁", "—", "80以上")])
    got = {t.indicator: (t.value.number, t.base.number if t.base else None, t.unit, t.binding)
           for t in extract_targets(doc)}
    assert got == {"森林覆盖率": ("61", "60", "%", "约束性"), "城市绿化率": ("42", "40", "%", "约束性"),
                   "人均寿命": ("80", None, "岁", "")}


def test_a_percent_on_a_quantity_is_the_growth_columns_not_the_levels():
    """Tables write % in a row whose level is a concentration or a productivity: the level takes
    the indicator's own unit, and a bare annual growth of a quantity reads as a percent."""
    doc = _doc([("指标", "单位", "2020年", "2025年", "年均增长", "属性"),
                ("细颗粒物(PM2.5)平均浓度", "%", "26", "25", "—", "约束性"),
                ("全员劳动生产率", "万元/人", "16.2", "—", "6", "预期性"),
                ("研发投入强度", "%", "2.8", "3.3", "[0.5]", "预期性"),
                ("森林覆盖率", "%", "60", "61", "—", "约束性")])
    got = {t.label: (t.value.number if t.value else None, t.unit, t.growth) for t in extract_targets(doc)}
    assert got["PM2.5平均浓度"] == ("25", "微克/立方米", "")
    assert got["全员劳动生产率"] == (None, "万元/人", "6%")
    assert got["R&D经费支出占GDP比重"] == ("3.3", "%", "[0.5]")  # a percent indicator's growth may be points
    assert got["森林覆盖率"] == ("61", "%", "")


def test_a_row_without_unit_takes_the_indicators():
    """The unit was in a merged cell the row lost (城市化率(%) over its two sub-rows)."""
    doc = _doc([("指标", "2020年目标", "年均增长", "属性"), ("户籍人口城市化率", "42", "[5.4]", "预期性"),
                ("某新指标", "7", "", "预期性")])
    got = {t.label: (t.value.number, t.unit) for t in extract_targets(doc)}
    assert got["户籍人口城镇化率"] == ("42", "%")
    assert got["某新指标"] == ("7", "")  # an indicator the lexicon does not know keeps no unit


def test_targets_of_the_bundled_plans_read_as_the_plans_mean(out):
    """The cells a reader caught: 湖州 PM2.5 25 µg/m³ (not 25%), 吴兴 productivity growth 6%, 湖州 42%."""
    run = run_cli("targets", out, "--format", "csv")
    rows = {r[0]: r for r in (line.split(",") for line in run.out.splitlines())}
    header = rows["indicator"]
    cell = {label: dict(zip(header, r)) for label, r in rows.items()}
    assert cell["PM2.5平均浓度"]["湖州市"] == "25微克/立方米"
    assert cell["全员劳动生产率"]["吴兴区"] == "年均6%"
    run = run_cli("targets", out, "--year", "2020", "--indicator", "户籍人口城镇化率", "--format", "csv")
    assert "42%" in run.out and ",42," not in run.out + ","


# -- RDF contract and the targets command ---------------------------------------

def test_rdf_contract(st):
    rows = list(store.query(st, """
        SELECT ?file ?name ?v ?year ?unit ?b ?by ?binding ?text WHERE {
          ?plan pg:sourceFile ?file ; pg:hasTarget ?t .
          ?t a pg:Target ; pg:indicator ?i ; pg:targetValue ?v ; pg:targetYear ?year ; pg:sentence ?s ;
             pg:targetText ?text .
          ?i a pg:Indicator ; skos:prefLabel "R&D经费支出占GDP比重"@zh-Hans .
          ?s a pg:Sentence ; rdf:value ?said .
          OPTIONAL { ?t pg:unit ?unit } OPTIONAL { ?t pg:baseValue ?b ; pg:baseYear ?by }
          OPTIONAL { ?t pg:binding ?binding }
          FILTER(?year = 2025 && DATATYPE(?v) = xsd:decimal && CONTAINS(?said, STR(?v))) }"""))
    by_file = {}
    for r in rows:
        by_file.setdefault(r["file"].value.split("_")[0], set()).add(r["v"].value)
    assert by_file == {"huzhou-shi": {"3.3"}, "shaoxing-shi": {"3.3"}, "jiaxing-xiuzhou-qu": {"3.75"},
                       "huzhou-wuxing-qu": {"3.3"}, "hangzhou-shi": {"4"}}
    shaoxing = [r for r in rows if r["file"].value.startswith("shaoxing") and r["binding"] is not None]
    assert {(r["b"].value, r["by"].value, r["binding"].value, r["unit"].value) for r in shaoxing} == {
        ("2.8", "2020", "预期性", "%")}


def test_one_indicator_iri_across_plans(st):
    rows = list(store.query(st, """
        SELECT (COUNT(DISTINCT ?plan) AS ?n) WHERE {
          ?plan pg:hasTarget ?t . ?t pg:indicator <https://w3id.org/plangraph/id/indicator/地区生产总值> }"""))
    assert rows[0]["n"].value == "5"


def test_targets_command(out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    run = run_cli("targets", copy, "--indicator", "研发投入强度", "--format", "csv")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "indicator,吴兴区,杭州市,湖州市,秀洲区,绍兴市"
    assert lines[1:] == ["R&D经费支出占GDP比重,3.3%,4%,3.3%,3.75%,3.3%"]
    assert (copy / "targets.csv").read_text(encoding="utf-8").splitlines() == lines
    missing = run_cli("targets", tmp_path / "nothing")
    assert missing.code == 2 and "nothing" in missing.err
