"""Manifest loading and metadata inference."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.errors import InputError
from plangraph.model import PlanMeta, SourceText
from plangraph.read.ingest import normalize, read_source
from plangraph.read.manifest import COLUMNS, infer_meta, load_manifest

HEADER = ",".join(COLUMNS)


def test_bundled_manifest_describes_every_plan(seeds_dir):
    metas = load_manifest(seeds_dir / "manifest.csv")
    assert set(metas) == {p.name for p in seeds_dir.glob("*.txt")}
    assert {m.code for m in metas.values()} == {"330500", "330600", "330411", "330502", "330100"}
    assert metas["jiaxing-xiuzhou-qu_14th-fyp_outline.txt"].parent == "嘉兴市"
    assert metas["hangzhou-shi_14th-fyp_proposal.txt"].kind == "建议"


def test_inferred_meta_agrees_with_manifest(seeds_dir, plan_path):
    expected = load_manifest(seeds_dir / "manifest.csv")[plan_path.name]
    inferred = infer_meta(read_source(plan_path), plan_path.name)
    for field in ("region", "level", "parent", "title", "issuer", "date", "kind", "period"):
        if plan_path.name.startswith("jiaxing") and field == "date":
            continue  # signature date garbled in the file; manifest documents its choice
        assert getattr(inferred, field) == getattr(expected, field), field


def test_traditional_proposal_is_inferred_from_simplified_text(plans):
    meta = infer_meta(read_source(plans["hangzhou"]), "x.txt")
    assert (meta.region, meta.kind, meta.issuer, meta.date) == ("杭州市", "建议", "中共杭州市委", "2020-12-15")


def _source(original: str) -> SourceText:
    text, offsets = normalize(original)
    return SourceText(Path("x.txt"), original, text, offsets, "utf-8")


@pytest.mark.parametrize(
    "original, expected",
    [
        ("成都市人民政府关于印发成都市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知\n"
         "成都市人民政府\n2021年3月3日\n四川省委部署……四川省……",
         dict(region="成都市", level="prefecture", parent="四川省", kind="纲要", period="十四五",
              issuer="成都市人民政府", date="2021-03-03")),
        ("广州市黄埔区国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n发布日期:2021-05-08",
         dict(region="黄埔区", level="district", parent="广州市", date="2021-05-08")),
        ("中共温州市委关于制定温州市国民经济和社会发展第十五个五年规划的建议",
         dict(region="温州市", kind="建议", period="十五五", issuer="中共温州市委")),
        ("安吉县国民经济和社会发展第十三个五年规划纲要", dict(region="安吉县", level="county", period="十三五")),
        # with no title, the period the text quotes
        ("关于“十五五”规划编制工作的说明。", dict(title=None, period="十五五")),
        # any ordinal is a period, not only the recent ones
        ("余杭区国民经济和社会发展第十一个五年规划纲要", dict(region="余杭区", period="十一五")),
        ("绍兴市诸暨市国民经济和社会发展第十四个五年规划纲要", dict(region="诸暨市", level="county")),
        ("内蒙古自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
         dict(region="内蒙古自治区", level="province")),
        ("随便一段没有标题的文字。", dict(region=None, title=None, kind=None, date=None)),
    ],
)
def test_infer_meta_for_other_regions(original, expected):
    meta = infer_meta(_source(original), "x.txt")
    for field, value in expected.items():
        assert getattr(meta, field) == value, field


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "rows, message",
    [
        (["file,region", "a.txt,湖州市"], "line 1: missing column(s) level"),
        ([HEADER, "a.txt,湖州市,prefecture,浙江省,330500,t,i,2021-04-02,纲要,十四五",
          "b.txt,吴兴区,town,湖州市,330502,t,i,2021-06-15,纲要,十四五"], "line 3: level 'town'"),
        ([HEADER, "a.txt,湖州市,prefecture,浙江省,330500,t,i,2021/04/02,纲要,十四五"], "line 2: date"),
        ([HEADER, "a.txt,湖州市,prefecture,浙江省,3305,t,i,,纲要,十四五"], "line 2: code"),
        ([HEADER, "a.txt,湖州市,prefecture,浙江省,330500,t,i,,规划,十四五"], "line 2: kind"),
        ([HEADER, ",湖州市,prefecture,,,,,,,"], "line 2: empty file name"),
        ([HEADER, "a.txt,,,,,,,,,", "a.txt,,,,,,,,,"], "line 3: duplicate file"),
        ([HEADER, "a.txt,,,,,,,,,,extra"], "line 2: more fields"),
    ],
)
def test_bad_manifest_rows_name_manifest_and_line(tmp_path, rows, message):
    with pytest.raises(InputError) as info:
        load_manifest(_write(tmp_path, *rows))
    assert str(info.value).startswith("manifest.csv: ")
    assert message in str(info.value)


def test_empty_cells_are_unknown(tmp_path):
    metas = load_manifest(_write(tmp_path, HEADER, "a.txt,,,,,,,,,"))
    assert metas["a.txt"].region is None and metas["a.txt"].date is None


def test_an_ambiguous_region_name_takes_the_division_its_text_places():
    from plangraph.lexicon import load_lexicon
    from plangraph.read.manifest import with_region_code

    lexicon = load_lexicon()
    meta = PlanMeta("a.txt", region="通州区")
    assert with_region_code(meta, "南通市通州区国民经济和社会发展第十四个五年规划纲要,融入南通主城", lexicon).code == "320612"
    assert with_region_code(meta, "北京城市副中心通州区,服务北京", lexicon).code == "110112"
    assert with_region_code(PlanMeta("a.txt", region="通州区", parent="南通市"), "", lexicon).code == "320612"
    assert with_region_code(PlanMeta("a.txt", region="通州区", code="110112"), "南通", lexicon).code == "110112"
    assert with_region_code(PlanMeta("a.txt", region="月球"), "", lexicon).code is None


def test_a_manifest_row_lacking_columns_is_completed_from_the_text():
    from plangraph.read.manifest import completed

    inferred = PlanMeta("a.txt", region="岳阳市", level="prefecture", parent="湖南省", title="中共岳阳市委关于…的建议",
                        date="2025-12-02", kind="建议", period="十五五")
    row = completed(PlanMeta("a.txt", region="岳阳市"), inferred)
    assert (row.title, row.date, row.kind, row.period, row.parent) == (inferred.title, "2025-12-02", "建议", "十五五", "湖南省")
    other = completed(PlanMeta("a.txt", region="临湘市", date="2026-01-05"), inferred)
    assert other.date == "2026-01-05" and other.period == "十五五"  # the row's own columns win
    assert other.parent is None and other.level is None  # the text's region is another one


def test_the_period_a_plan_names_itself_by_wins_over_a_quoted_one():
    text = "【安徽】芜湖市国民经济和社会发展第十四个五年规划\n一、开启新征程\n“十三五”时期是我市取得历史性成就的五年。"
    source = SourceText(Path("a.txt"), text, *normalize(text), "utf-8")
    assert infer_meta(source, "a.txt").period == "十四五"
