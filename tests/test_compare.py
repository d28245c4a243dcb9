"""`plangraph compare`: the report on the five bundled plans, its files, and hostile input."""

from __future__ import annotations

import base64
import csv
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from conftest import run_cli
from matplotlib import font_manager

from plangraph.report import compare

FILES = ["centrality.csv", "comention.gexf", "comention.graphml", "plan_entity.gexf", "plan_entity.graphml",
         "quotes.csv", "report.html", "report.md", "shared.csv", "similarity.csv", "similarity.png", "targets.csv",
         "unique.csv", "vertical.csv"]


@pytest.fixture(scope="module")
def report(out, tmp_path_factory):
    """The report in its default place, inside a copy of the session's build (which stays untouched)."""
    build = tmp_path_factory.mktemp("compare") / "out"
    shutil.copytree(out / "store", build / "store")
    return build / compare.REPORT_DIR, run_cli("compare", build)


@pytest.fixture(scope="module")
def rep(report) -> Path:
    return report[0]


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_cli_prints_the_top_and_writes_every_file(report):
    dest, run = report
    assert run.code == 0, run.err
    assert sorted(p.name for p in dest.iterdir()) == FILES
    lines = run.out.splitlines()
    assert lines[0].startswith("plans: 5   shared initiatives (in >= 2 plans): ")
    assert "score = (1 + ln mentions) × specificity" in lines[1]
    assert re.fullmatch(r"  \S.* \[(Program|Industry|Platform|Project)\] — 5 plans, \d+ mentions, "
                        r"specificity [01]\.\d\d, score \d+\.\d\d", lines[2])
    assert "吴兴区 纲要 ↔ 湖州市 纲要: takes over " in run.out
    assert run.out.rstrip().splitlines()[-1].startswith(f"wrote {dest}/: ")


def test_named_programs_rank_before_everyday_words(rep):
    """What README claims: 八八战略 (a name no general dictionary holds) before 旅游 (an everyday word),
    though 旅游 has four times the mentions; the score that orders them is in the table."""
    rank = {r["label"]: r for r in table(rep / "shared.csv")}
    baba, tour = rank["八八战略"], rank["旅游"]
    assert baba["plans"] == tour["plans"] and int(tour["mentions"]) > 3 * int(baba["mentions"])
    assert int(baba["rank"]) < int(tour["rank"]) and float(baba["score"]) > float(tour["score"])
    assert float(tour["specificity"]) < 0.6 < float(baba["specificity"])


def test_the_eight_eight_strategy_is_quoted_from_each_plan_that_names_it(rep):
    shared = [r for r in table(rep / "shared.csv") if r["label"] == "八八战略"]
    assert len(shared) == 1 and int(shared[0]["plans"]) >= 3
    quoted = [q for q in table(rep / "quotes.csv") if q["label"] == "八八战略"]
    assert sorted(q["plan"] for q in quoted) == sorted(shared[0]["named_by"].split("; "))
    assert all("八八战略" in q["sentence"] or "八八戰略" in q["sentence"] for q in quoted)
    assert any(q["section"] for q in quoted)
    assert any("忠实践行“八八战略”" in q["sentence"] for q in quoted)


def test_the_report_quotes_each_plan_for_the_most_shared_program(rep):
    top = next(r for r in table(rep / "shared.csv") if r["type"] == "Program")
    md = (rep / "report.md").read_text(encoding="utf-8")
    block = md.split(f"{top['label']} (Program) — ", 1)[1].split("\n#", 1)[0]
    assert block.count("\n- **") == int(top["plans"]), block


def test_shared_table_lists_initiatives_only_ranked_by_plans(rep):
    rows = table(rep / "shared.csv")
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    assert {r["type"] for r in rows} == {"Program", "Industry", "Platform", "Project"}
    plans = [int(r["plans"]) for r in rows]
    assert plans == sorted(plans, reverse=True) and plans[-1] == 2


def test_unique_and_vertical_tables(rep):
    unique = table(rep / "unique.csv")
    assert {r["plan"] for r in unique} == {"吴兴区 纲要", "杭州市 建议", "湖州市 纲要", "秀洲区 纲要", "绍兴市 纲要"}
    vertical = table(rep / "vertical.csv")
    assert {(r["plan"], r["parent_plan"]) for r in vertical} == {("吴兴区 纲要", "湖州市 纲要")}
    taken = [r for r in vertical if r["relation"] == "taken_over"]
    assert len(taken) >= 100 and all(int(r["mentions"]) > 0 and int(r["parent_mentions"]) > 0 for r in taken)


def test_similarity_table_is_symmetric(rep):
    cells = {(r["plan_a"], r["plan_b"]): r for r in table(rep / "similarity.csv")}
    assert len(cells) == 25
    for (a, b), r in cells.items():
        assert r["jaccard"] == cells[b, a]["jaccard"] and r["cosine"] == cells[b, a]["cosine"]
        if a == b:
            assert float(r["jaccard"]) == float(r["cosine"]) == 1.0


def test_html_is_self_contained(rep):
    page = (rep / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "<script" not in page and "<link" not in page
    (image,) = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert base64.b64decode(image) == (rep / "similarity.png").read_bytes()
    assert (rep / "similarity.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "八八战略" in page


def test_gephi_exports_read_back(rep):
    centrality = table(rep / "centrality.csv")
    for name in ("comention", "plan_entity"):
        graphml = nx.read_graphml(rep / f"{name}.graphml")
        gexf = nx.read_gexf(rep / f"{name}.gexf")
        assert sorted(graphml) == sorted(gexf)
        assert graphml.number_of_edges() == gexf.number_of_edges()
    assert sorted(graphml.nodes[n]["label"] for n in graphml if graphml.nodes[n]["type"] == "Plan") == [
        "吴兴区 纲要", "杭州市 建议", "湖州市 纲要", "秀洲区 纲要", "绍兴市 纲要"]
    comention = nx.read_graphml(rep / "comention.graphml")
    assert comention.number_of_nodes() == len(centrality)
    row = centrality[0]
    assert comention.nodes[row["entity"]]["community"] == int(row["community"])


def test_a_second_run_writes_identical_bytes(out, rep, tmp_path):
    assert run_cli("compare", out, "--out", tmp_path).code == 0
    assert {f: (tmp_path / f).read_bytes() == (rep / f).read_bytes() for f in FILES} == {f: True for f in FILES}


def test_missing_build_is_one_line_exit_2(tmp_path):
    run = run_cli("compare", tmp_path / "nowhere")
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith("error: ") and "nowhere" in run.err


def test_text_is_escaped_in_html_and_markdown():
    blocks = [("h", 1, "<script>alert(1)</script>"), ("table", ["a|b"], [["<img src=x onerror=y>"]]),
              ("quotes", [{"plan": "p", "section": "", "quote": "“</li>”"}])]
    page = compare.to_html(blocks, {}, "<t>")
    assert "<script>" not in page and "<img" not in page and "</li>”" not in page
    assert "| a\\|b |" in compare.to_markdown(blocks) and "\\<img" in compare.to_markdown(blocks)


def test_excerpt_keeps_the_name_in_a_long_sentence():
    sentence = "甲" * 300 + "忠实践行“八八战略”" + "乙" * 300
    cut = compare.excerpt(sentence, ["八八战略"], width=20)
    assert "八八战略" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) < 70
    assert compare.excerpt("深入实施八八战略。", ["八八战略"]) == "深入实施八八战略。"


def test_heatmap_uses_the_debian_cjk_font_when_installed():
    if not any(f.name == compare.CJK_FONT for f in font_manager.fontManager.ttflist):
        pytest.skip("fonts-wqy-microhei is not installed")
    compare.cjk_font.cache_clear()
    assert compare.cjk_font() == compare.CJK_FONT


def test_without_a_cjk_font_it_warns_once(monkeypatch, capsys):
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    compare.cjk_font.cache_clear()
    try:
        assert compare.cjk_font() is None and compare.cjk_font() is None
        assert capsys.readouterr().err.count("warning: no CJK font") == 1
    finally:
        compare.cjk_font.cache_clear()


def test_targets_table_compares_regions(rep):
    """targets.csv: one row per indicator, one column per region; R&D share set by several plans."""
    rows = table(rep / "targets.csv")
    rd = [r for r in rows if r["indicator"].startswith("R&D")]
    assert rd and sum(1 for k, v in rd[0].items() if k != "indicator" and v) >= 3
    assert "## 2025 targets by region" in (rep / "report.md").read_text(encoding="utf-8")


def test_shared_initiatives_say_who_adopted_first_by_plan_date():
    import networkx as nx

    from plangraph.report.analytics import shared_initiatives

    g = nx.Graph()
    g.add_node("p1", type="Plan", issued="2021-02-22", period_start="2021")
    g.add_node("p2", type="Plan", issued="2020-12-15", period_start="2021")
    g.add_node("p3", type="Plan", issued="", period_start="")
    g.add_node("e", type="Program", label="八八战略")
    (row,) = shared_initiatives(g, {"p1": {"e": 2}, "p2": {"e": 1}, "p3": {"e": 1}})
    assert row["plans"] == ["p2", "p1", "p3"] and row["first"] == ["p2"] and row["first_date"] == "2020-12-15"
    g.nodes["p2"]["issued"] = ""
    (row,) = shared_initiatives(g, {"p1": {"e": 2}, "p2": {"e": 1}})
    assert row["first"] == ["p2", "p1"] and row["first_date"] == "2021"  # a year alone ties with the dates in it
