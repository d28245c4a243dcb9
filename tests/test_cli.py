"""Every command as a newcomer meets it: help, version, one-line errors, views that never overwrite."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS_DIR, run_cli

from plangraph import __version__
from plangraph.cli import parser


def one_error_line(run) -> str:
    """The single ``error:`` line a failing command printed, and no traceback."""
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert run.code != 0 and len(lines) == 1 and lines[0].startswith("error: "), run.err
    assert "Traceback" not in run.err
    return lines[0]


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env}, check=False)


# -- help and version ------------------------------------------------------------------------


def test_help_is_for_users_and_loads_no_nlp() -> None:
    done = _python(
        "import sys\nfrom plangraph.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'jieba', 'rjieba', 'networkx', 'rdflib')))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("[]")  # no heavy import just to print help
    text = done.stdout
    for command in ("build", "query", "view", "compare", "serve", "push", "targets"):
        assert f"    {command}" in text
    assert "a first session" in text and "parses arguments" not in text


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        parser().parse_args(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.strip() == f"plangraph {__version__}"


def test_every_option_of_every_command_says_what_it_does() -> None:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, f"{name} {action.dest} has no help"


# -- one-line errors ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def not_a_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("not-a-build")
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    return folder


@pytest.mark.parametrize("argv", [
    ["query", "{dir}", "--name", "plans-overview"],
    ["compare", "{dir}"],
    ["targets", "{dir}"],
    ["view", "{dir}"],
    ["serve", "{dir}", "--port", "1"],
    ["push", "{dir}", "--endpoint", "http://127.0.0.1:1/store"],
])
def test_a_folder_that_is_no_build(not_a_build: Path, argv: list[str]) -> None:
    run = run_cli(*(a.format(dir=not_a_build) for a in argv))
    line = one_error_line(run)
    assert "not a plangraph build" in line and "plangraph build" in line and "CURRENT" not in line
    assert sorted(p.name for p in not_a_build.iterdir()) == ["notes.txt"]  # nothing written into it


def test_view_of_a_missing_folder(tmp_path: Path) -> None:
    line = one_error_line(run_cli("view", tmp_path / "nowhere"))
    assert "nowhere: no such folder" in line
    assert not (tmp_path / "nowhere").exists()


def test_unknown_prefix_names_it(out: Path) -> None:
    line = one_error_line(run_cli("query", out, "SELECT * WHERE {\n  ?s a pg:Plan .\n  ?s foo:bar ?o }"))
    assert "unknown prefix foo: at line 3" in line and "PREFIX foo:" in line and "pg:" in line
    assert "u{" not in line and len(line) < 300


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
                                    "LOAD <http://127.0.0.1:1/x.ttl>", "CLEAR ALL"])
def test_updates_are_refused_as_updates(out: Path, update: str) -> None:
    line = one_error_line(run_cli("query", out, update))
    assert "updates" in line and "not allowed" in line and "CONSTRUCT" not in line


def test_other_syntax_errors_stay_short(out: Path) -> None:
    line = one_error_line(run_cli("query", out, "SELECT ?x WHERE { ?x ?y }"))
    assert "line 1" in line or "1:" in line
    assert len(line) < 300


def test_empty_folder_says_it_has_no_plans(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("not a plan", encoding="utf-8")
    line = one_error_line(run_cli("build", empty, "--out", tmp_path / "out"))
    assert "empty: no plan files in it" in line and ".pdf" in line and ".docx" in line
    assert not (tmp_path / "out").exists()


def test_max_size_is_readable(tmp_path: Path) -> None:
    plan = PLANS_DIR / "huzhou-wuxing-qu_14th-fyp_outline.txt"
    run = run_cli("build", plan, "--out", tmp_path / "out", "--max-size", "0.0001")
    assert run.code == 2
    assert f"({plan.stat().st_size / 1024:.1f} KB > limit 104 bytes)" in run.err
    assert "e-05" not in run.err


@pytest.mark.parametrize("endpoint", ["not a url", "ftp://host/store", "http://"])
def test_push_to_something_that_is_no_url(out: Path, endpoint: str) -> None:
    line = one_error_line(run_cli("push", out, "--endpoint", endpoint))
    assert "is not an http(s) URL" in line


# -- query output ------------------------------------------------------------------------------


def test_json_numbers_are_numbers(out: Path) -> None:
    run = run_cli("query", out, "--format", "json",  # the query after an option is still the query
                  "SELECT (COUNT(?p) AS ?n) (1.5 AS ?x) (true AS ?b) ('5' AS ?s) WHERE { ?p a pg:Plan }")
    assert run.code == 0, run.err
    assert json.loads(run.out) == [{"n": 5, "x": 1.5, "b": True, "s": "5"}]


def test_construct_keeps_language_tags_in_registered_case(out: Path) -> None:
    run = run_cli("query", out, 'CONSTRUCT { ?e skos:altLabel ?a } WHERE { ?e skos:prefLabel "八八战略"@zh-Hans ; '
                                "skos:altLabel ?a }")
    assert run.code == 0, run.err
    assert '"八八戰略"@zh-Hant .' in run.out and "@zh-hant" not in run.out


# -- view ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph_html(out: Path) -> bytes:
    return (out / "graph.html").read_bytes()


def test_focused_views_never_overwrite_graph_html(out: Path, graph_html: bytes) -> None:
    for argv, name in ((["--shared", "4"], "view-shared-4.html"),
                       (["--type", "Program", "--type", "Industry"], "view-Industry-Program.html"),
                       ([], "view-all.html")):
        run = run_cli("view", out, *argv)
        assert run.code == 0, run.err
        assert f"wrote {out / name} (" in run.out
        assert (out / name).is_file()
        assert (out / "graph.html").read_bytes() == graph_html


@pytest.mark.parametrize(("name", "region"), [("湖州", "湖州市"), ("湖州市", "湖州市"), ("吳興區", "吴兴区"), ("绍兴", "绍兴市")])
def test_a_region_by_any_of_its_names(out: Path, tmp_path: Path, name: str, region: str) -> None:
    page = tmp_path / "region.html"
    run = run_cli("view", out, "--region", name, "--output", page)
    assert run.code == 0, run.err
    text = page.read_text(encoding="utf-8")
    data = json.loads(text.split('id="plangraph-data">', 1)[1].split("</script>", 1)[0])
    assert [p["region"] for p in data["plans"]] == [region]
    assert len(data["info"]) > 100


def test_an_unknown_region_fails_and_writes_nothing(out: Path) -> None:
    before = sorted(p.name for p in out.iterdir())
    line = one_error_line(run_cli("view", out, "--region", "上海"))
    assert "'上海'" in line and "湖州市" in line  # says which regions the build has
    assert sorted(p.name for p in out.iterdir()) == before


def test_explorer_is_byte_identical_whatever_the_hash_seed(out: Path, tmp_path: Path, graph_html: bytes) -> None:
    """A build under one hash seed, a view of it under another, and the session's build: one page."""
    rebuilt = tmp_path / "rebuilt"
    page = tmp_path / "seed-2.html"
    for seed, argv in (("1", ["build", str(PLANS_DIR), "--out", str(rebuilt)]),
                       ("2", ["view", str(rebuilt), "--output", str(page)])):
        done = _python(f"from plangraph.cli import main; raise SystemExit(main({argv!r}))", PYTHONHASHSEED=seed)
        assert done.returncode == 0, done.stderr
    assert (rebuilt / "graph.html").read_bytes() == page.read_bytes() == graph_html
