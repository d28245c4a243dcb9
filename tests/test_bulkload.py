"""`plangraph load` against Debian's Virtuoso: a 10x corpus through the bulk loader.

The corpus is bench/scale.py's (ten copies of the bundled plans, regions renamed), built
as a user builds it. After the load every graph must hold as many triples in Virtuoso as
in the build's own store, and named queries must answer there as they do locally.
Loading again must replace, and a plan no longer built must lose its graph.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from servers import PLANS, ROOT, free_port, virtuoso
from test_push import TRIPLES_PER_GRAPH, Remote, local_rows

from plangraph.graph import store
from plangraph.publish import bulkload
from plangraph.publish.bulkload import LoadError, Virtuoso
from plangraph.query.queries import named

sys.path.insert(0, str(ROOT / "bench"))
import scale  # noqa: E402  (bench/scale.py: the corpus maker of the scale series)

pytestmark = pytest.mark.slow
SCALE = 10
# plans of their own on the shared server; one named in Chinese, as users name files
COPIES = {"hangzhou-shi_14th-fyp_proposal.txt": "reload-杭州市十四五建议.txt",
          "huzhou-shi_14th-fyp_outline.txt": "reload-huzhou.txt"}


@pytest.fixture(scope="module")
def stages(tmp_path_factory) -> Path:
    """The folder Virtuoso may read; each test stages in a folder of its own below it."""
    return tmp_path_factory.mktemp("stages")


@pytest.fixture(scope="module")
def stage(stages) -> Path:
    return stages / "corpus"


def _server(tmp_path_factory: pytest.TempPathFactory, stages: Path):
    """Virtuoso that may read the stages: (SPARQL client, SQL address)."""
    with virtuoso(tmp_path_factory.mktemp("virtuoso"), allowed=(stages,)) as (base, sql):
        yield Remote(f"{base}/sparql-graph-crud-auth", f"{base}/sparql", "dba", "dba"), sql


@pytest.fixture(scope="module")
def server(tmp_path_factory, stages):
    """The server the corpus is loaded into."""
    yield from _server(tmp_path_factory, stages)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, stages):
    """A second server, for loads that replace the shared entities graph (so the corpus's stays whole)."""
    yield from _server(tmp_path_factory, stages)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The 10x corpus, built."""
    folder = tmp_path_factory.mktemp("corpus")
    scale.synthesize(SCALE, folder / "plans")
    assert run_cli("build", folder / "plans", "--out", folder / "out").code == 0
    return folder / "out"


@pytest.fixture(scope="module")
def loaded(corpus, server, stage):
    run = run_cli("load", corpus, "--virtuoso", server[1], "--stage", stage, "--loaders", "2")
    assert run.code == 0, run.err
    return run


def per_graph(st: store.Store) -> set[tuple[str, str]]:
    """(graph IRI, triple count) of every named graph of a local store."""
    return local_rows(st, TRIPLES_PER_GRAPH)


def test_every_graph_holds_the_builds_triples(loaded, corpus, server):
    local = per_graph(store.open_store(corpus))
    assert len(local) == 5 * SCALE + 1  # the plans and the entities graph
    assert server[0].rows(TRIPLES_PER_GRAPH) == local
    assert f"loaded {len(local)} graphs, {sum(int(n) for _, n in local)} triples" in loaded.out


# shared-initiatives answers alike too, but takes a minute on the local store at 10x
@pytest.mark.parametrize("query", ["plans-overview", "located-in", "industries-by-region"])
def test_named_queries_answer_as_the_local_store(loaded, corpus, server, query):
    sparql = named(query).render()
    expected = local_rows(store.open_store(corpus), sparql)
    assert len(expected) >= 40
    assert server[0].rows(sparql) == expected


def test_loading_again_replaces_and_drops_plans_no_longer_built(scratch, stages, tmp_path):
    remote, sql = scratch
    stage = stages / "reload"
    plans = tmp_path / "plans"
    plans.mkdir()
    for name, copy in COPIES.items():
        shutil.copyfile(PLANS / name, plans / copy)
    out = tmp_path / "out"
    assert run_cli("build", plans, "--out", out).code == 0
    assert run_cli("load", out, "--virtuoso", sql, "--stage", stage).code == 0
    kept = next(g.value for g in store.open_store(out).named_graphs() if "杭州" in g.value)
    Virtuoso(sql).run([f"SPARQL INSERT DATA {{ GRAPH <{kept}> {{ <urn:x:s> <urn:x:p> \"left over\" }} }}"])
    assert ("left over",) in remote.rows(f"SELECT ?o WHERE {{ GRAPH <{kept}> {{ ?s ?p ?o }} }}")
    (plans / "reload-huzhou.txt").unlink()
    assert run_cli("build", plans, "--out", out).code == 0
    again = run_cli("load", out, "--virtuoso", sql, "--stage", stage)
    assert again.code == 0 and "removed 1 graphs no longer built" in again.out
    gone = next(line.split()[1] for line in again.out.splitlines() if line.startswith("removed ") and "reload-" in line)
    ours = {(g, n) for g, n in remote.rows(TRIPLES_PER_GRAPH) if "reload-" in g or g == gone}
    assert ours == {pair for pair in per_graph(store.open_store(out)) if "reload-" in pair[0]}
    assert [p.name for p in stage.iterdir()] == [bulkload.MARK]  # loaded files are not kept


def test_a_file_the_loader_rejects_is_named(scratch, stages, monkeypatch, build_dir):
    staged = bulkload.stage

    def broken(out: Path, folder: Path) -> list[bulkload.Staged]:
        files = staged(out, folder)
        (folder / files[1].file).write_text('<urn:x:s> <urn:x:p> "unterminated\n', encoding="utf-8")
        return files

    monkeypatch.setattr(bulkload, "stage", broken)
    with pytest.raises(LoadError, match=r"00002\.nq: graph <[^>]+> not loaded: .*Unterminated") as error:
        bulkload.load(build_dir[0], Virtuoso(scratch[1]), stages / "broken")
    assert "\n" not in str(error.value)


def test_cli_errors_are_one_line(build_dir, scratch, tmp_path):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    cases = {
        "cannot reach Virtuoso": ("--virtuoso", f"127.0.0.1:{free_port()}", "--stage", tmp_path / "a"),
        "refused user 'dba'": ("--virtuoso", scratch[1], "--stage", tmp_path / "b", "--password", "wrong"),
        "nope-isql not found": ("--virtuoso", scratch[1], "--stage", tmp_path / "c", "--isql", "nope-isql"),
        "holds files plangraph did not stage": ("--virtuoso", scratch[1], "--stage", foreign),
    }
    for said, args in cases.items():
        run = run_cli("load", build_dir[0], *args)
        assert run.code == 1 and run.out == "", said
        assert run.err.count("\n") == 1 and said in run.err


def test_without_virtuoso_the_files_are_staged_one_graph_each(build_dir, tmp_path):
    """What QLever's index builder is given: every quad of the build once, in its own graph's file."""
    out = build_dir[0]
    run = run_cli("load", out, "--stage", tmp_path / "nq")
    files = sorted((tmp_path / "nq").glob("*.nq"))
    local = per_graph(store.open_store(out))
    assert run.code == 0 and f"staged {len(local)} graphs" in run.out
    staged = [per_graph(store.load_file(path)) for path in files]
    assert all(len(graphs) == 1 for graphs in staged)
    assert set().union(*staged) == local
    assert run_cli("load", out, "--stage", tmp_path / "nq").code == 0  # an earlier stage is replaced
    assert sorted((tmp_path / "nq").glob("*.nq")) == files
