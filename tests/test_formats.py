"""Plans as government sites publish them: HTML pages, PDFs, Word files, GBK and UTF-16 text.

Each file is made at test time from a bundled plan (tests/renderers.py) and must
give the same entities and targets as the plain-text plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.build.build import process
from plangraph.read.ingest import read_source
from plangraph.read.inputs import PlanInput, find_inputs

from conftest import run_cli
from renderers import RUNNING_HEAD, docx_file, html_page, pdf_file

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
HANGZHOU = PLANS / "hangzhou-shi_14th-fyp_proposal.txt"  # traditional characters, no tables
WUXING = PLANS / "huzhou-wuxing-qu_14th-fyp_outline.txt"  # tables of indicators


def findings(path: Path) -> tuple[set[tuple[str, str]], set[tuple[str, int]], str | None]:
    """(entity type and label of every mention, target indicator and year, plan region)."""
    ex = process(PlanInput(path, path.name, path.stem))
    mentions = {(m.type, m.label or m.text) for m in ex.mentions}
    targets = {(t.indicator, t.year) for t in ex.targets}
    return mentions, targets, ex.document.meta.region


@pytest.fixture(scope="module")
def reference() -> dict[Path, tuple]:
    return {p: findings(p) for p in (HANGZHOU, WUXING)}


def _copy_as(tmp_path: Path, plan: Path, suffix: str) -> Path:
    return tmp_path / f"{plan.stem}{suffix}"


@pytest.mark.parametrize("plan", [HANGZHOU, WUXING], ids=["hangzhou", "wuxing"])
def test_html_page_gives_the_plans_entities_without_page_furniture(tmp_path, reference, plan):
    path = _copy_as(tmp_path, plan, ".html")
    path.write_bytes(html_page(read_source(plan).original))
    source = read_source(path)
    for furniture in ("首页", "网站地图", "浙ICP备", "相关链接", "_hmt", "font-size", "分享到", "console.log"):
        assert furniture not in source.original, furniture
    assert findings(path) == reference[plan]


def test_gbk_html_page_is_read_by_its_declared_charset(tmp_path, reference):
    text = read_source(WUXING).original
    path = tmp_path / "wuxing.htm"
    path.write_bytes(html_page(text, charset="gbk"))
    assert read_source(path).encoding == "html/gb18030"
    assert findings(path) == reference[WUXING]


@pytest.mark.parametrize("plan", [HANGZHOU, WUXING], ids=["hangzhou", "wuxing"])
def test_docx_gives_the_plans_entities_and_table_targets(tmp_path, reference, plan):
    path = docx_file(read_source(plan).original, _copy_as(tmp_path, plan, ".docx"))
    assert findings(path) == reference[plan]
    if plan == WUXING:
        assert "| " in read_source(path).original  # tables came through as rows, in place
        assert reference[plan][1], "the reference plan has targets in its tables"


def test_pdf_text_layer_without_running_heads_or_page_numbers(tmp_path, reference):
    path = pdf_file(read_source(HANGZHOU).original, _copy_as(tmp_path, HANGZHOU, ".pdf"))
    source = read_source(path)
    assert source.encoding == "pdf"
    assert RUNNING_HEAD not in source.original
    assert not any(line.strip() in ("- 1 -", "- 2 -", "- 3 -") for line in source.original.splitlines())
    assert findings(path) == reference[HANGZHOU]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"])
def test_text_encodings_read_the_same(tmp_path, encoding):
    original = read_source(WUXING).original
    path = tmp_path / f"wuxing-{encoding}.txt"
    path.write_bytes(original.encode(encoding))
    source = read_source(path)
    assert source.original == original
    assert source.text == read_source(WUXING).text


def test_big5_plan_gives_the_entities_of_its_utf8_copy(tmp_path, reference):
    big5 = tmp_path / "hangzhou-big5.txt"
    big5.write_bytes(read_source(HANGZHOU).original.encode("cp950"))  # Big5 as Windows writes it (墻 is no Big5)
    assert read_source(big5).encoding in ("big5", "cp950")
    assert findings(big5) == reference[HANGZHOU]


def test_find_inputs_picks_up_every_format(tmp_path):
    text = read_source(HANGZHOU).original
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    (tmp_path / "c.html").write_bytes(html_page(text))
    (tmp_path / "d.HTM").write_bytes(html_page(text))
    docx_file(text, tmp_path / "e.docx")
    (tmp_path / "f.pdf").write_bytes(b"%PDF-1.4")  # picked up by suffix; reading it is another test
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    plans = find_inputs([tmp_path]).plans
    assert [p.path.name for p in plans] == ["a.txt", "b.md", "c.html", "d.HTM", "e.docx", "f.pdf"]


def test_mixed_format_folder_builds_one_graph_per_file(tmp_path):
    text = read_source(HANGZHOU).original
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "hz-page.html").write_bytes(html_page(text))
    docx_file(text, folder / "hz-word.docx")
    run = run_cli("build", folder, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert "plans: 2" in run.out
    trig = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "graph/hz-page>" in trig and "graph/hz-word>" in trig
    assert '"hz-page.html"' in trig and '"hz-word.docx"' in trig


def test_old_style_html_with_implied_end_tags(tmp_path):
    """Hand-written gov pages: no </head>, unclosed <p>, <td> and <tr>, the page inside an ASP.NET <form>."""
    page = ("<html><head><title>规划</title><script>var x='八八战略';</script><body><form id=form1>"
            "<div class=nav><a href=/>首页</a> <a href=/z>政务公开</a></div>"
            "<p>第一章 总体要求<p>加快建设数字经济创新提质“一号发展工程”。"
            "<table><tr><th>指标<th>2025年<tr><td>地区生产总值<td>4000</table><div>第二章 产业</div></form>")
    path = tmp_path / "old.html"
    path.write_text(page, encoding="utf-8")
    assert read_source(path).original == (
        "第一章 总体要求\n\n加快建设数字经济创新提质“一号发展工程”。\n\n"
        "| 指标 | 2025年 |\n|---|---|\n| 地区生产总值 | 4000 |\n\n第二章 产业\n")
