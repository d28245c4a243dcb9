"""The named queries of data/queries answer their questions on the bundled plans.

Each answer is checked against what the plans say or against another query, never
against a copy of the output.
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
from conftest import run_cli

from plangraph.errors import InputError
from plangraph.graph import store
from plangraph.query import queries

ALL = queries.load_queries()
RELATIONS = {"develops", "implements", "locatedIn", "connects", "cooperatesWith", "hosts"}
_T2S = opencc.OpenCC("t2s.json")


@pytest.fixture(scope="module")
def ask(st):
    """Run a named query with some parameters; rows as dicts of strings."""

    def run(name: str, **params: str) -> list[dict[str, str]]:
        result = store.query(st, ALL[name].render(params))
        names = [v.value for v in result.variables]
        return [{n: ("" if row[n] is None else row[n].value) for n in names} for row in result]

    return run


def test_there_are_a_dozen_named_queries_each_named_after_its_file():
    assert len(ALL) >= 12
    for name, q in ALL.items():
        assert q.path.stem == name and q.description


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_answers_with_its_defaults(ask, name):
    assert ask(name)


def test_plans_overview_gives_each_plan_its_period_and_counts(ask):
    rows = ask("plans-overview")
    assert len(rows) == 5
    for r in rows:
        assert (r["period"], r["start"], r["end"], r["horizon"]) == ("十四五", "2021", "2025", "2035")
        assert all(int(r[c]) > 0 for c in ("regions", "platforms", "industries", "projects", "programs"))
    assert {r["region"]: r["kind"] for r in rows}["杭州市"] == "建议"


def test_shared_initiatives_grow_as_the_threshold_falls(ask):
    by_min = {n: {r["label"]: int(r["plans"]) for r in ask("shared-initiatives", min=str(n))} for n in (2, 3, 5)}
    assert set(by_min[5]) < set(by_min[3]) < set(by_min[2])
    assert all(n == 5 for n in by_min[5].values())
    assert by_min[5]["八八战略"] == 5  # every plan of the province carries it
    assert all(n >= 2 for n in by_min[2].values())


def test_program_implementers_cite_sentences_naming_the_program(ask):
    rows = ask("program-implementers", program="八八战略")
    assert len({r["region"] for r in rows}) >= 3
    for r in rows:
        assert "八八战略" in _T2S.convert(r["example"]), r


def test_programs_are_found_by_their_traditional_names_too(ask):
    assert ask("program-implementers", program="八八戰略") == ask("program-implementers", program="八八战略")


def test_pair_overlap_is_symmetric(ask):
    ab = {r["label"]: (r["mentionsA"], r["mentionsB"]) for r in ask("pair-overlap", a="湖州市", b="绍兴市")}
    ba = {r["label"]: (r["mentionsB"], r["mentionsA"]) for r in ask("pair-overlap", a="绍兴市", b="湖州市")}
    assert ab == ba and len(ab) >= 50


def test_a_district_shares_much_with_its_city(ask):
    rows = ask("district-vs-city", district="吴兴区")
    assert {r["city"] for r in rows} == {"湖州市"}
    assert sum(r["type"] == "Program" for r in rows) >= 20
    assert {"八八战略", "数字经济"} <= {r["label"] for r in rows}
    # 秀洲区 belongs to 嘉兴市, which has no plan in the corpus
    assert ask("district-vs-city", district="秀洲区") == []


def test_unique_to_plan_shares_nothing_with_other_plans(ask):
    unique = {r["label"] for r in ask("unique-to-plan", region="吴兴区")}
    shared = {r["label"] for r in ask("shared-initiatives", min="2")}
    assert unique and not unique & shared
    assert any("吴兴" in label for label in unique)


def test_region_hierarchy_climbs_to_the_province(ask):
    rows = {r["label"]: r for r in ask("region-hierarchy", region="吴兴区")}
    assert rows["吴兴区"]["relation"] == "self" and rows["吴兴区"]["code"] == "330502"
    assert rows["湖州市"]["relation"] == rows["浙江省"]["relation"] == "ancestor"
    below = {r["label"] for r in ask("region-hierarchy", region="湖州市") if r["relation"] == "descendant"}
    assert "吴兴区" in below and "浙江省" not in below


def _inside(ask, region: str) -> set[str]:
    return {r["label"] for r in ask("region-hierarchy", region=region) if r["relation"] in ("self", "descendant")}


def test_projects_linking_a_region_lead_outside_it(ask):
    rows = {r["project"]: set(r["others"].split()) for r in ask("projects-linking-region", region="湖州市")}
    assert {"上海市", "苏州市"} <= rows["沪苏湖高铁"]
    inside = _inside(ask, "湖州市")
    assert all(not others & inside for others in rows.values())


def test_located_in_stays_inside_the_region(ask):
    rows = ask("located-in", region="绍兴市")
    assert len(rows) >= 10 and {r["in"] for r in rows} <= _inside(ask, "绍兴市")
    assert any(r["in"] == "柯桥区" and r["type"] == "Platform" for r in rows)


def test_platforms_and_industries_say_how_they_are_linked(ask):
    rows = ask("platforms-and-industries", region="绍兴市")
    assert len(rows) >= 20 and {r["evidence"] for r in rows} <= {"develops", "same sentence"}


def test_industries_by_region_respect_the_threshold(ask):
    rows = ask("industries-by-region", min="3")
    assert rows and all(int(r["sentences"]) >= 3 for r in rows)
    assert len({r["region"] for r in rows}) >= 3


def test_cooperation_network_links_distinct_regions(ask):
    rows = ask("cooperation-network")
    assert all(r["a"] != r["b"] for r in rows)
    assert {"cooperatesWith", "沪苏湖高铁"} <= {r["via"] for r in rows}


def test_plan_relations_read_one_plan_with_known_predicates(ask):
    rows = ask("plan-relations", region="秀洲区")
    assert len(rows) >= 50
    assert {r["file"] for r in rows} == {"jiaxing-xiuzhou-qu_14th-fyp_outline.txt"}
    assert {r["relation"] for r in rows} <= RELATIONS
    starts = [(r["file"], int(r["start"])) for r in rows]
    assert starts == sorted(starts)  # in reading order


def test_entity_search_and_evidence(ask):
    found = {r["label"]: r for r in ask("entity-search", text="数字")}
    assert found["数字经济"]["plans"] == "5"
    rows = ask("entity-evidence", label="最多跑一次")
    assert len({r["file"] for r in rows}) >= 4
    assert all("最多跑一次" in _T2S.convert(r["sentence"]) for r in rows)


# -- parameters are values, never query text ---------------------------------------------------


@pytest.mark.parametrize("value", ['湖州市"@zh-Hans } ; DROP ALL ; #', "湖州\\", "a\nb", "'", "${x}"])
def test_hostile_label_values_stay_literals(ask, value):
    assert ask("region-hierarchy", region=value) == []


@pytest.mark.parametrize(("params", "message"), [
    ({"min": "2; DROP ALL"}, "not an integer"),
    ({"min": ""}, "not an integer"),
    ({"minimum": "2"}, "no parameter 'minimum'"),
])
def test_bad_parameters_are_refused(params, message):
    with pytest.raises(ValueError, match=message):
        ALL["shared-initiatives"].render(params)


@pytest.mark.parametrize(("header", "problem"), [
    ("SELECT * WHERE { ?s ?p ?o }", "no '# name:'"),
    ("# name: Bad Name\n# description: d\nSELECT * {}", "not lower-case"),
    ("# name: q\n# description: d\nSELECT * { ?s ?p $x }", "$x is used but not declared"),
    ("# name: q\n# description: d\n# parameters:\n#   x: integer = 2 -- x\nSELECT * {}", "$x is declared but not used"),
    ("# name: q\n# description: d\n# parameters:\n#   x: integer = two -- x\nSELECT * { ?s ?p $x }", "default of x"),
    ("# name: q\n# description: d\n# parameters:\n#   x: colour = red -- x\nSELECT * { ?s ?p $x }", "kind 'colour'"),
    ("# name: q\n# description: d\n# parameters:\n#   x integer\nSELECT * { ?s ?p $x }", "parameter lines read"),
])
def test_bad_query_files_name_the_file_and_problem(tmp_path, header, problem):
    path = tmp_path / "bad.rq"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(InputError, match="bad.rq: .*" + problem.replace("$", r"\$").replace("(", r"\(")):
        queries.parse_query(path)


def test_two_files_with_one_name_are_refused(tmp_path):
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.rq").write_text("# name: same\n# description: d\nASK {}", encoding="utf-8")
    with pytest.raises(InputError, match="b.rq: name 'same' is also used by a.rq"):
        queries.load_queries(tmp_path)


# -- the command line --------------------------------------------------------------------------


def test_cli_lists_the_queries():
    run = run_cli("query", "--list")
    assert run.code == 0
    listed = [line.split()[0] for line in run.out.splitlines() if line and not line.startswith(" ")]
    assert listed == sorted(ALL)


def test_cli_runs_a_named_query_with_parameters(out):
    run = run_cli("query", out, "--name", "program-implementers", "--param", "program=最多跑一次", "--format", "json")
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert len(rows) >= 3 and all("最多跑一次" in _T2S.convert(r["example"]) for r in rows)


def test_cli_renders_a_query_file_with_a_header(out):
    path = Path(ALL["shared-initiatives"].path)
    by_file = run_cli("query", out, path, "--param", "min=5", "--format", "csv")
    by_name = run_cli("query", out, "--name", "shared-initiatives", "--param", "min=5", "--format", "csv")
    assert by_file.code == 0 and by_file.out == by_name.out


@pytest.mark.parametrize("argv", [
    ("--name", "no-such-query"),
    ("--name", "shared-initiatives", "--param", "min"),
    ("--name", "shared-initiatives", "--param", "min=x"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--name", "shared-initiatives"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--param", "min=2"),
])
def test_cli_refuses_bad_query_arguments_in_one_line(out, argv):
    run = run_cli("query", out, *argv)
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1 and run.err.startswith("error: ")
