"""`plangraph serve` driven by real clients (SPARQLWrapper, urllib) over loopback HTTP."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import built, free_port, plangraph_server
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from plangraph.graph import store
from plangraph.publish.readonly import prepare, refusal
from plangraph.publish.serve import GRAPH_TYPES, RESULT_TYPES, TRUNCATED, negotiate
from plangraph.query.queries import load_queries
from plangraph.query.results import write_solutions

MENTIONS_PER_PLAN = """SELECT ?file (COUNT(?e) AS ?n) WHERE { ?p pg:sourceFile ?file ; pg:mentions ?e }
GROUP BY ?file ORDER BY ?file"""
PREFIXED = "PREFIX pg: <https://w3id.org/plangraph/ontology#>\n"  # SPARQLWrapper needs a prologue to spot the form
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built(tmp_path_factory)


@pytest.fixture(scope="module")
def st(out) -> ox.Store:
    return store.open_store(out)


@pytest.fixture(scope="module")
def server(out):
    with plangraph_server(out, workers=2, timeout=300) as srv:  # correctness here; speed is bench/load.py's
        yield srv


@pytest.fixture(scope="module")
def strict(out):
    """A server with a 5-row cap and a 1 s time limit."""
    with plangraph_server(out, workers=1, max_results=5, timeout=1.0) as srv:
        yield srv


def client(server, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def direct(st: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of a direct store query, as plain values."""
    result = store.query(st, query)
    names = [v.value for v in result.variables]
    return [tuple("" if row[n] is None else row[n].value for n in names) for row in result]


def http(server, path: str, data: bytes | None = None, headers: dict[str, str] | None = None):
    """(status, headers, body) of one request; error statuses are answers too."""
    req = urllib.request.Request(server.url + path.lstrip("/"), data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


# -- the SPARQL 1.1 Protocol with SPARQLWrapper ------------------------------------


def test_select_json_matches_the_store(server, st):
    data = client(server, PREFIXED + MENTIONS_PER_PLAN).queryAndConvert()
    rows = [(b["file"]["value"], b["n"]["value"]) for b in data["results"]["bindings"]]
    assert rows == direct(st, MENTIONS_PER_PLAN)
    assert len(rows) == 5 and all(int(n) > 100 for _, n in rows)


def test_select_xml_and_csv_match_the_store(server, st):
    expected = direct(st, MENTIONS_PER_PLAN)
    doc = client(server, PREFIXED + MENTIONS_PER_PLAN, XML).queryAndConvert()
    results = doc.getElementsByTagName("result")
    assert [tuple(b.getElementsByTagName("literal")[0].firstChild.data for b in r.getElementsByTagName("binding"))
            for r in results] == expected
    text = client(server, PREFIXED + MENTIONS_PER_PLAN, CSV).queryAndConvert().decode("utf-8")
    assert [tuple(r) for r in csv.reader(io.StringIO(text))] == [("file", "n"), *expected]


def test_chinese_labels_survive_the_round_trip(server, st):
    query = 'SELECT ?e ?alt WHERE { ?e skos:prefLabel "八八战略"@zh-Hans ; skos:altLabel ?alt } ORDER BY ?alt'
    data = client(server, "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + query).queryAndConvert()
    got = [(b["e"]["value"], b["alt"]["value"], b["alt"]["xml:lang"]) for b in data["results"]["bindings"]]
    assert [g[:2] for g in got] == direct(st, query) and got
    assert {g[2] for g in got} == {"zh-Hant"}  # 八八戰略 is traditional, tagged in its registered case


def test_construct_as_turtle_and_json_ld(server, st):
    query = "CONSTRUCT { ?p pg:sourceFile ?f } WHERE { ?p pg:sourceFile ?f }"
    expected = {ox.Quad(*t) for t in store.query(st, query)}
    assert len(expected) == 5
    turtle = client(server, PREFIXED + query, TURTLE).queryAndConvert()
    assert set(ox.parse(turtle, ox.RdfFormat.TURTLE)) == expected
    jsonld = client(server, PREFIXED + query, JSONLD)
    jsonld.setOnlyConneg(True)
    body = jsonld.query().response.read()
    assert set(ox.parse(body, ox.RdfFormat.JSON_LD)) == expected


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_post_queries(server, st, method):
    sw = client(server, PREFIXED + MENTIONS_PER_PLAN)
    sw.setMethod(POST)
    sw.setRequestMethod(method)
    rows = [(b["file"]["value"], b["n"]["value"]) for b in sw.queryAndConvert()["results"]["bindings"]]
    assert rows == direct(st, MENTIONS_PER_PLAN)


def test_update_through_sparqlwrapper_is_refused(server, st):
    before = len(st)
    sw = client(server, 'INSERT DATA { <urn:x:a> <urn:x:b> "c" }')
    sw.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 403 and b"read-only" in err.value.read()
    assert direct(st, "SELECT ?o WHERE { <urn:x:a> ?p ?o }") == [] and len(st) == before


def test_malformed_query_gets_400_with_the_parser_message(server):
    with pytest.raises(QueryBadFormed) as err:
        client(server, PREFIXED + "SELECT ?x WHERE { ?x pg:mentions }").query()
    assert "error at" in str(err.value)


# -- refusals and HTTP edge cases -----------------------------------------------------


@pytest.mark.parametrize("data,ctype", [
    (b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D", "application/x-www-form-urlencoded"),
    (b"query=PREFIX+a%3A+%3Curn%3Ax%23%3E+%23+c%0ADELETE+WHERE+%7B%3Fs+%3Fp+%3Fo%7D", "application/x-www-form-urlencoded"),
    ("DROP ALL".encode(), "application/sparql-update"),
    ("LOAD <http://127.0.0.1:9/x.ttl>".encode(), "application/sparql-query"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }".encode(), "application/sparql-query"),
])
def test_writes_and_federation_are_refused(server, data, ctype):
    status, _, body = http(server, "sparql", data, {"Content-Type": ctype})
    assert status == 403, body
    assert body.decode().count("\n") == 1


@pytest.mark.parametrize("path,data,headers,status", [
    ("sparql", None, {}, 400),  # no query
    ("sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400),  # two queries
    ("sparql?query=ASK%7B%7D&default-graph-uri=urn%3Ag", None, {}, 400),
    ("sparql?query=%FF%FE", None, {}, 400),  # not UTF-8
    ("sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415),
    ("sparql", b"\xff\xfe", {"Content-Type": "application/sparql-query"}, 400),
    ("sparql", b"q" * ((1 << 20) + 1), {"Content-Type": "application/sparql-query"}, 413),
    ("sparql?query=ASK%7B%7D", None, {"Accept": "image/png"}, 406),
    ("sparql?query=CONSTRUCT+WHERE+%7B%3Fs+%3Fp+%3Fo%7D+LIMIT+1", None, {"Accept": "text/csv"}, 406),
    ("elsewhere", None, {}, 404),
    ("elsewhere", b"x", {}, 405),
])
def test_bad_requests_get_a_clear_4xx(server, path, data, headers, status):
    got, _, body = http(server, path, data, headers)
    assert got == status, body
    assert body.endswith(b"\n") and body.count(b"\n") == 1


def test_tsv_and_wildcards(server, st):
    query = "SELECT ?l WHERE { ?e a pg:Program ; skos:prefLabel ?l } ORDER BY ?l LIMIT 20"
    url = "sparql?query=" + urllib.request.quote(query)
    status, headers, body = http(server, url, headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert [s["l"].value for s in ox.parse_query_results(body, ox.QueryResultsFormat.TSV)] == \
        [r[0] for r in direct(st, query)]
    _, headers, _ = http(server, url, headers={"Accept": "text/html, */*;q=0.1"})
    assert headers["Content-Type"] == "application/sparql-results+json"


def test_negotiation_prefers_higher_q():
    accept = "application/sparql-results+json;q=0.5, text/csv, text/turtle;q=0.2"
    assert negotiate(accept, RESULT_TYPES) == "text/csv"
    assert negotiate(accept, GRAPH_TYPES) == "text/turtle"
    assert negotiate("text/*", RESULT_TYPES) == "application/sparql-results+xml"
    assert negotiate("text/csv;q=0", RESULT_TYPES) is None
    assert negotiate(None, GRAPH_TYPES) == "text/turtle"


# -- limits ------------------------------------------------------------------------


def test_result_cap_truncates_and_says_so(strict, st):
    sw = client(strict, PREFIXED + "SELECT ?p ?e WHERE { ?p pg:mentions ?e }")
    result = sw.query()
    assert result.info()[TRUNCATED.lower()] == "5"
    assert len(result.convert()["results"]["bindings"]) == 5
    small = client(strict, PREFIXED + MENTIONS_PER_PLAN).query()
    assert TRUNCATED.lower() not in small.info() and len(small.convert()["results"]["bindings"]) == 5
    status, headers, body = http(strict, "sparql?query=CONSTRUCT+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
                                 headers={"Accept": "application/n-triples"})
    assert status == 200 and headers[TRUNCATED] == "5" and len(body.splitlines()) == 5


def test_time_limit_stops_a_runaway_query_and_no_worker_restarts(strict):
    workers = strict.endpoint.pool.pids
    started = time.monotonic()
    status, _, body = http(strict, "sparql", SLOW.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 5
    status, _, body = http(strict, "sparql?query=ASK%7B%7D")  # the same worker forks a new query process
    assert (status, json.loads(body)["boolean"]) == (200, True)
    assert strict.endpoint.pool.pids == workers


# -- pages -----------------------------------------------------------------------


def test_query_page_is_local_and_lists_the_named_queries(server):
    status, headers, page = http(server, "/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    assert b"http://" not in page and b"https://" not in page
    for asset in ("query.js", "query.css"):
        assert http(server, asset)[0] == 200
    listed = json.loads(http(server, "queries.json")[2])
    assert {q["name"] for q in listed} == set(load_queries())
    assert all(q["query"] and q["description"] for q in listed)


def test_every_named_query_answers_like_the_store(server, st):
    for q in load_queries().values():
        text = q.render()
        sw = client(server, text)
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
        data = sw.query().convert()
        names = data["head"]["vars"]
        rows = [tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]]
        assert rows == direct(st, text), q.name


def test_explorer_is_served_from_the_build(server, out):
    status, headers, body = http(server, "graph.html")
    assert status == 200 and body == (out / "graph.html").read_bytes()


# -- pieces ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "INSERT DATA { <a:a> <a:b> 'c' }",
    "prefix x: <urn:x#> # comment with SELECT\n  delete where { ?s ?p ?o }",
    "BASE <urn:b> WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "clear all",
])
def test_updates_are_recognised(text):
    refused = refusal(prepare(text))
    assert refused.status == 403 and "read-only" in refused.reason


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?s <urn:p> "INSERT SERVICE" }',
    "# DELETE\nASK { ?s <urn:x#SERVICE> ?o }",
    "PREFIX service: <urn:s#> SELECT * WHERE { ?s service:x ?o . ?s <urn:p> 'x'@service }",
    "SELECT * WHERE { ?s ?p '''DROP\nSERVICE''' }",
])
def test_quoted_keywords_are_not_refused(text):
    assert refusal(prepare(text)) is None


def test_written_results_read_back_as_the_same_terms():
    st = ox.Store()
    hostile = 'a "q" <b> & ]]> \t tab\nline \\ end'
    st.add(ox.Quad(ox.NamedNode("urn:x:1"), ox.NamedNode("urn:x:p"), ox.Literal(hostile, language="zh-Hans")))
    st.add(ox.Quad(ox.NamedNode("urn:x:1"), ox.NamedNode("urn:x:p"), ox.Literal("7", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    st.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode("urn:x:p"), ox.Literal("plain")))
    query = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?none } } ORDER BY STR(?o)"
    expected = [[s["s"], s["o"], s["none"]] for s in st.query(query)]
    for fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV):
        body, truncated = write_solutions(st.query(query), fmt, 10)
        assert not truncated
        assert [[s["s"], s["o"], s["none"]] for s in ox.parse_query_results(body, fmt)] == expected, fmt
    body, truncated = write_solutions(st.query(query), ox.QueryResultsFormat.CSV, 2)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert truncated and rows == [["s", "o", "none"], *[[str(r[0].value if isinstance(r[0], ox.NamedNode)
                                                            else f"_:{r[0].value}"), r[1].value, ""]
                                                       for r in expected[:2]]]


def test_serve_cli_reports_a_missing_build_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "plangraph.cli", "serve", str(tmp_path / "nope"),
                          "--port", str(free_port())], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "no such folder" in run.stderr


def test_answer_cache_keeps_successes_of_one_build_and_drops_the_least_recent():
    """Answers are reused while the build stays; errors never are; another build empties the cache."""
    from plangraph.publish.querypool import Answer, Request
    from plangraph.publish.serve import AnswerCache

    old, new = (1, 2, 3), (1, 4, 5)
    cache = AnswerCache(entries=2)
    reqs = [Request(f"ASK {{ ?s ?p {i} }}", "application/sparql-results+json", None) for i in range(3)]
    ok = Answer(200, "application/sparql-results+json", b'{"boolean": true}', build=old)
    assert cache.get(old, reqs[0]) is None
    cache.put(reqs[0], ok)
    cache.put(reqs[1], ok)
    assert cache.get(old, reqs[0]) == ok  # reqs[0] is now the most recent
    cache.put(reqs[2], ok)
    assert cache.get(old, reqs[1]) is None and cache.get(old, reqs[0]) == ok and cache.get(old, reqs[2]) == ok
    cache.put(reqs[1], Answer(400, "text/plain", b"bad query", build=old))
    assert cache.get(old, reqs[1]) is None
    assert cache.get(new, reqs[0]) is None  # a new build: nothing of the old one is served
    cache.put(reqs[0], ok)  # a late answer from the old build is not kept for the new one
    assert cache.get(new, reqs[0]) is None
