"""`plangraph serve` attacked the way issue 22 did, over real sockets on 127.0.0.1 only.

SERVICE smuggled past the check (a listener on 127.0.0.1 must see no connection),
memory and stack bombs, idle connections, a bad Content-Length, Host and CORS,
and builds published under a running server. Speed bars are measured by
bench/serve_attacks.py; these tests check behaviour with bounded waits.
"""

from __future__ import annotations

import http.client
import os
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import PLANS, built, free_port, plangraph_server

from plangraph import cli
from plangraph.publish.serve import accepted_hosts
from plangraph.query.queries import load_queries

PLAN_COUNT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Plan }"
#: A string doubled 30 times by chained BINDs: 2^31 characters if nothing stops it.
DOUBLING = "SELECT ?n WHERE { BIND(\"ab\" AS ?x0) " + " ".join(
    f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(30)) + " BIND(STRLEN(?x30) AS ?n) }"
NESTED = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000  # 20 KB of brackets


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built(tmp_path_factory)


@pytest.fixture(scope="module")
def server(out):
    with plangraph_server(out, workers=2, timeout=30, max_answer_mb=1) as srv:
        yield srv


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    """A TCP listener on 127.0.0.1 that a federated query would have to call."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    sock.close()


def called(sock: socket.socket, wait: float) -> bool:
    """True when someone connected to the listener within ``wait`` seconds."""
    return bool(select.select([sock], [], [], wait)[0])


def post(url: str, text: str, ctype: str = "application/sparql-query", headers: dict | None = None):
    """(status, headers, body) of one POST to a server's /sparql."""
    host, port = url.split("//")[1].rstrip("/").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        conn.request("POST", "/sparql", body=text.encode("utf-8"),
                     headers={"Content-Type": ctype, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


# -- SERVICE: refused from the parsed query, and impossible in the engine ------------------------

SMUGGLED = [
    "SELECT * WHERE { #x\rSERVICE <URL> { ?s ?p ?o } }",  # a comment ended by a bare CR (issue 22)
    "SELECT * WHERE { ?s ?p ?o #x\rSERVICE <URL> { ?s ?p ?o }\n }",  # ... that rdflib alone would skip
    "SELECT * WHERE { ?s ?p ?o #x\\u000DSERVICE <URL> { ?s ?p ?o }\n }",  # the CR as an escape
    "SELECT * WHERE { { ?s ?p pg:a\\' } SERVICE <URL> { ?s ?p ?o } FILTER(?s != 'q') }",  # quote (issue 22)
    "SELECT * WHERE { ?s ?p pg:a\\' . SERVICE <URL> { ?s ?p ?o } FILTER(?s != 'q') }",
    "SELECT * WHERE { ?s pg:mentions/skos:prefLabel ?l . SERVICE <URL> { ?l ?p ?o } }",  # with a property path
    "SELECT * WHERE { ?s (pg:locatedIn|^pg:mentions)* ?o SERVICE <URL> { ?o ?p ?x } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <URL> { ?s ?p ?o } } } }",  # in a sub-select
    "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } }",  # in EXISTS
    "ASK { ?s ?p ?o FILTER NOT EXISTS { OPTIONAL { service <URL> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <URL> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND(<URL> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("template", SMUGGLED)
def test_smuggled_service_is_refused_and_calls_nobody(server, listener, template):
    sock, url = listener
    status, _, body = post(server.url, template.replace("URL", url))
    assert status in (400, 403), body  # 400: rdflib cannot read it, so it does not run either
    assert status == 403 or b"query error" in body
    assert not called(sock, 0.5)


def test_smuggled_service_as_form_and_get_is_refused(server, listener):
    sock, url = listener
    text = SMUGGLED[1].replace("URL", url)
    from urllib.parse import quote
    status, _, _ = post(server.url, "query=" + quote(text), "application/x-www-form-urlencoded")
    conn = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1].strip("/")), timeout=60)
    conn.request("GET", "/sparql?query=" + quote(text))
    assert (status, conn.getresponse().status) == (403, 403)
    conn.close()
    assert not called(sock, 0.5)


FEDERATE = """
import sys
import pyoxigraph as ox
from plangraph.publish.querypool import isolate_network
if sys.argv[2] == "isolated":
    assert isolate_network() is None, "cannot isolate"
try:
    list(ox.Store().query("SELECT * WHERE { SERVICE <" + sys.argv[1] + "> { ?s ?p ?o } }"))
except OSError as exc:
    print(exc)
"""


@pytest.mark.parametrize("mode", ["isolated", "open"])
def test_a_worker_cannot_federate_even_past_the_check(listener, mode):
    """The engine itself: Oxigraph follows SERVICE, but not from a query worker's network namespace."""
    if mode == "isolated" and not sys.platform.startswith("linux"):
        pytest.skip("network namespaces are Linux's")
    sock, url = listener
    proc = subprocess.Popen([sys.executable, "-c", FEDERATE, url, mode], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        if mode == "open":  # shows that the listener would hear a query that federates
            assert called(sock, 60)
        else:  # the query fails at once ("Network is unreachable"), having called nobody
            output = proc.communicate(timeout=60)[0]
            assert proc.returncode == 0 and output.strip(), output
            assert not called(sock, 0)
    finally:
        proc.kill()
        proc.communicate(timeout=30)


def test_the_server_says_its_workers_are_offline(server):
    assert server.endpoint.pool.online_because is None


# -- memory, size and depth bombs: refused or stopped, and no worker restarts ---------------------


def test_string_doubling_is_stopped_by_the_memory_limit_and_no_worker_restarts(server):
    before = server.endpoint.pool.pids
    status, _, body = post(server.url, DOUBLING)
    assert status == 503 and b"memory limit of 1024 MB" in body, body
    assert server.endpoint.pool.pids == before
    assert post(server.url, "ASK {}")[0] == 200


def test_nested_brackets_get_400_and_no_worker_restarts(server):
    before = server.endpoint.pool.pids
    status, _, body = post(server.url, NESTED)
    assert status == 400 and b"nested too deeply" in body
    assert server.endpoint.pool.pids == before


def test_an_answer_past_the_byte_limit_is_stopped(server):
    status, _, body = post(server.url, "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }")
    assert status == 503 and b"answer is over the limit of 1 MB" in body


def test_an_overlong_query_gets_413(server):
    status, _, body = post(server.url, "ASK {}" + " " * 70_000)
    assert status == 413 and b"query too long" in body


def test_a_malformed_content_length_gets_400_and_the_server_goes_on(server):
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12abc\r\n\r\nASK {}")
        assert s.recv(100).startswith(b"HTTP/1.1 400")
    assert post(server.url, "ASK {}")[0] == 200


def test_request_headers_past_128_kib_get_400(server):
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 140_000 + b"\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 400")


# -- connections ----------------------------------------------------------------------------------


@contextmanager
def served_process(out: Path, *args: str) -> Iterator[tuple[subprocess.Popen, int]]:
    """`plangraph serve` as its own process on a free port (so its own CPU time can be read)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "plangraph.cli", "serve", str(out), "--port", str(port),
                             "--workers", "1", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if post(f"http://127.0.0.1:{port}/", "ASK {}")[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
        yield proc, port
    finally:
        proc.terminate()
        proc.wait(30)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_thousand_idle_connections_lock_nobody_out(out):
    name, query = next((q.name, q.render()) for q in load_queries().values() if q.name == "plans-overview")
    with served_process(out) as (proc, port):
        idle = []
        try:
            for _ in range(1000):
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=30))
            time.sleep(1)  # let the server accept them all
            cpu = cpu_seconds(proc.pid)
            time.sleep(2)
            busy = cpu_seconds(proc.pid) - cpu
            status, _, body = post(f"http://127.0.0.1:{port}/", query)
            assert status == 200 and b"bindings" in body, name
            assert busy < 0.5, f"server used {busy:.2f} s of CPU in 2 s with 1000 idle connections"
        finally:
            for s in idle:
                s.close()


def test_idle_connections_are_dropped(out):
    with plangraph_server(out, workers=1, idle_timeout=2) as srv:
        port = int(srv.url.rsplit(":", 1)[1].strip("/"))
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            assert s.recv(1) == b""  # the server closed it: nothing was sent, so nothing comes back
        for half in (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty",  # headers never finished
                     b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK"):  # a body that never comes
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(half)
                assert s.recv(100) == b"", half


def test_cors_and_host_checks(out):
    with plangraph_server(out, workers=1, cors="https://lab.example", allowed_hosts=["plangraph.lab"]) as srv:
        ok = post(srv.url, "ASK {}", headers={"Host": "plangraph.lab"})
        assert ok[0] == 200 and ok[1]["Access-Control-Allow-Origin"] == "https://lab.example"
        status, _, body = post(srv.url, "ASK {}", headers={"Host": "rebound.attacker.example"})
        assert status == 400 and b"unknown Host" in body
        port = int(srv.url.rsplit(":", 1)[1].strip("/"))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("OPTIONS", "/sparql", headers={"Origin": "https://lab.example",
                                                     "Access-Control-Request-Method": "POST"})
        resp = conn.getresponse()
        assert resp.status == 204 and "POST" in resp.headers["Access-Control-Allow-Methods"]
        conn.close()


def test_host_names_checked_off_loopback():
    assert accepted_hosts("127.0.0.1") is None and accepted_hosts("::1") is None
    hosts = accepted_hosts("0.0.0.0", ["kg.lab.example"])
    assert "kg.lab.example" in hosts and socket.gethostname().lower() in hosts and "0.0.0.0" not in hosts
    assert "192.0.2.7" in accepted_hosts("192.0.2.7")


# -- a new build under a running server ------------------------------------------------------------


class Poller:
    """Asks the plan count over and over; keeps (started, finished, status, count) of every answer."""

    def __init__(self, url: str) -> None:
        self.url, self.seen = url, []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            status, _, body = post(self.url, PLAN_COUNT, headers={"Accept": "text/csv"})
            count = int(body.split()[-1]) if status == 200 else None
            self.seen.append((started, time.monotonic(), status, count))
            time.sleep(0.05)

    def close(self) -> list[tuple[float, float, int, int | None]]:
        self.stop.set()
        self.thread.join(60)
        return self.seen


def only_new_after(seen, published: float, new: int) -> None:
    """Every answer asked 2 s after publishing is the new build's, and none goes back to the old."""
    late = [s for s in seen if s[0] >= published + 2]
    assert late and all(count == new for *_, count in late), late[:5]
    first = next(i for i, s in enumerate(seen) if s[3] == new)
    assert all(s[3] == new for s in seen[first:] if s[2] == 200), "old and new answers alternate"


def test_a_published_build_is_answered_from_within_two_seconds(out, tmp_path):
    """A symlink swapped to another build, then `plangraph build` into the served folder."""
    plans = sorted(PLANS.glob("*.txt"))
    one = tmp_path / "one"
    assert cli.main(["build", str(plans[0]), "--out", str(one)]) == 0
    served = tmp_path / "served"
    served.mkdir()
    (served / "store").symlink_to(one / "store")
    with plangraph_server(served, workers=2, timeout=60) as srv:
        assert post(srv.url, PLAN_COUNT, headers={"Accept": "text/csv"})[2].split()[-1] == b"1"
        poller = Poller(srv.url)
        time.sleep(1)
        link = served / "store.new"
        link.symlink_to(out / "store")  # the five plans
        published = time.monotonic()
        os.replace(link, served / "store")
        time.sleep(3)
        only_new_after(poller.close(), published, 5)

        poller = Poller(srv.url)
        build = subprocess.run([sys.executable, "-m", "plangraph.cli", "build", *map(str, plans[:2]),
                                "--out", str(served)], capture_output=True, text=True, timeout=600)
        published = time.monotonic()
        assert build.returncode == 0, build.stderr
        time.sleep(3)
        seen = poller.close()
    only_new_after(seen, published, 2)
    assert {s[2] for s in seen} <= {200, 503}, "only a moment without a store may answer 503"
