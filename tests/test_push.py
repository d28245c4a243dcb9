"""`plangraph push` against real Graph Store servers: the Oxigraph server and Virtuoso.

After a push, the same SPARQL on the remote server must answer as the local
store does; pushing again must replace, never duplicate.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import run_cli
from servers import PLANS, built, free_port, oxigraph_server, virtuoso_server
from SPARQLWrapper import JSON, SPARQLWrapper

from plangraph.graph import store
from plangraph.graph.vocab import ENTITIES_GRAPH, GRAPH_NS, PREFIXES
from plangraph.publish.push import Credentials, graph_url, push

PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
OURS = f'FILTER(STRSTARTS(STR(?g), "{GRAPH_NS}"))'
MENTIONS_PER_GRAPH = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?p pg:mentions ?e }} {OURS} }} GROUP BY ?g"
TRIPLES_PER_GRAPH = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g"
SHARED_LABELS = """SELECT DISTINCT ?label WHERE {
  GRAPH ?g1 { ?a pg:sourceFile "huzhou-shi_14th-fyp_outline.txt" ; pg:mentions ?e }
  GRAPH ?g2 { ?b pg:sourceFile "shaoxing-shi_14th-fyp_outline.txt" ; pg:mentions ?e }
  GRAPH ?g3 { ?e skos:prefLabel ?label } }"""
JUNK = "<urn:plangraph:test:stale> <urn:plangraph:test:p> \"left over\" .\n"


class Remote:
    """A running server: where to push, where to query, and who may write."""

    def __init__(self, gsp: str, sparql: str, user: str | None = None, password: str | None = None) -> None:
        self.gsp, self.sparql, self.user, self.password = gsp, sparql, user, password

    def rows(self, query: str) -> set[tuple[str, ...]]:
        sw = SPARQLWrapper(self.sparql)
        sw.setQuery(PROLOGUE + query)
        sw.setReturnFormat(JSON)
        data = sw.queryAndConvert()
        names = data["head"]["vars"]
        return {tuple(b[n]["value"] for n in names) for b in data["results"]["bindings"]}

    def add_junk(self, graph: str) -> None:
        """POST one extra triple into a graph, as another client of the server might."""
        req = urllib.request.Request(graph_url(self.gsp, graph), data=JUNK.encode(), method="POST",
                                     headers={"Content-Type": "text/turtle"})
        http = urllib.request.build_opener()
        Credentials(self.gsp, self.user, self.password, "digest").sign(http, req, 30)
        http.open(req, timeout=30).close()


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built(tmp_path_factory)


@pytest.fixture(scope="module")
def local(out) -> ox.Store:
    return store.open_store(out)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(request.param)
    if request.param == "oxigraph":
        with oxigraph_server(workdir) as base:
            yield Remote(f"{base}/store", f"{base}/query")
    else:
        with virtuoso_server(workdir) as base:
            yield Remote(f"{base}/sparql-graph-crud-auth", f"{base}/sparql", "dba", "dba")


def local_rows(st: ox.Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(st, query)
    names = [v.value for v in result.variables]
    return {tuple(row[n].value for n in names) for row in result}


@pytest.fixture(scope="module")
def pushed(remote, out):
    return push(out, remote.gsp, user=remote.user, password=remote.password)


def test_every_named_graph_is_pushed_plans_first_then_the_entities(pushed, local):
    plan_graphs = sorted(g.value for g in local.named_graphs() if g.value != str(ENTITIES_GRAPH))
    assert [p.graph for p in pushed] == plan_graphs + [str(ENTITIES_GRAPH)]
    assert sum(p.triples for p in pushed) == len(local)
    assert all(200 <= p.status < 300 for p in pushed)


def test_remote_answers_like_the_local_store(pushed, remote, local):
    expected = local_rows(local, MENTIONS_PER_GRAPH)
    assert len(expected) == 5
    assert remote.rows(MENTIONS_PER_GRAPH) == expected
    labels = local_rows(local, SHARED_LABELS)
    assert len(labels) > 50 and ("八八战略",) in labels
    assert remote.rows(SHARED_LABELS) == labels


def test_pushing_again_replaces_instead_of_duplicating(pushed, remote, local, out):
    plan_graph = next(p.graph for p in pushed if not p.graph.endswith("/entities"))
    remote.add_junk(plan_graph)
    assert ("left over",) in remote.rows(f"SELECT ?o WHERE {{ GRAPH <{plan_graph}> {{ ?s ?p ?o }} }}")
    again = push(out, remote.gsp, user=remote.user, password=remote.password)
    assert [(p.graph, p.triples) for p in again] == [(p.graph, p.triples) for p in pushed]
    assert remote.rows(TRIPLES_PER_GRAPH) == {(p.graph, str(p.triples)) for p in pushed}


def test_push_after_a_plan_is_removed_leaves_exactly_the_builds_graphs(remote, tmp_path):
    """A rebuild without one plan, pushed to the same endpoint: its graph goes from the server too."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("hangzhou-shi_14th-fyp_proposal.txt", "huzhou-shi_14th-fyp_outline.txt"):
        shutil.copyfile(PLANS / name, plans / f"pruned-{name}")  # graphs of their own on the shared server
    out = tmp_path / "out"
    assert run_cli("build", plans, "--out", out).code == 0
    first = push(out, remote.gsp, user=remote.user, password=remote.password)
    (plans / "pruned-huzhou-shi_14th-fyp_outline.txt").unlink()
    assert run_cli("build", plans, "--out", out).code == 0
    again = push(out, remote.gsp, user=remote.user, password=remote.password)
    removed = [p.graph for p in again if p.method == "DELETE"]
    assert removed == sorted({p.graph for p in first} - {p.graph for p in again if p.method == "PUT"})
    assert len(removed) == 1 and "huzhou-shi" in removed[0]
    local = store.open_store(out)
    mine = {p.graph for p in first}
    on_server = {g for g, _ in remote.rows(TRIPLES_PER_GRAPH) if g in mine}
    assert on_server == {g.value for g in local.named_graphs()}


def push_cli(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraph.cli", "push", str(out), *args],
                          capture_output=True, text=True, timeout=300)


def test_push_cli_reports_refusals_in_one_line(pushed, remote, out):
    if remote.user is None:
        pytest.skip("this server takes writes without credentials")
    run = push_cli(out, "--endpoint", remote.gsp, "--user", remote.user, "--password", "wrong")
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "HTTP 401" in run.stderr and "--password" in run.stderr


def test_push_cli_reports_an_unreachable_endpoint(out):
    run = push_cli(out, "--endpoint", f"http://127.0.0.1:{free_port()}/store")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "cannot reach" in run.stderr
