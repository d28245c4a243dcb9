"""Load test of `plangraph serve`: N concurrent clients running the named queries over loopback.

Run: .venv/bin/python bench/load.py [--out DIR] [--clients 8] [--seconds 20] [--workers 4] [--queries DIR] [--cache N]

Starts `plangraph serve` as its own process on a free 127.0.0.1 port (a build
of data/plans in a temp dir unless --out names one), then for a bounded time
each client thread POSTs the named queries of data/queries in turn over a
kept-alive connection. Every answer is checked against the same query run
directly on the store; a probe thread asks a trivial ASK twice a second to
show the server stays responsive. Reports throughput, p50/p99 latency per
query and overall, and the ratio of named-query p99 to the ASK probe's p50
(the server's floor in the same run). Exits 1 on any failed request or when
the bar "p99 of the named queries under 8 clients < 200 ms" fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from plangraph.graph import store
from plangraph.query.queries import load_queries

ROOT = Path(__file__).resolve().parents[1]
BAR_MS = 200.0
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rows_of(data: dict) -> list[tuple[str, ...]]:
    """SPARQL JSON results as rows of plain values (ASK as one row)."""
    if "boolean" in data:
        return [(str(data["boolean"]).lower(),)]
    names = data["head"]["vars"]
    return [tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]]


def expected_rows(out: Path, texts: dict[str, str]) -> dict[str, list[tuple[str, ...]]]:
    """Each query run directly on the store, as the server should answer it."""
    st = store.open_store(out)
    expected = {}
    for name, text in texts.items():
        result = store.query(st, text)
        names = [v.value for v in result.variables]
        expected[name] = [tuple("" if r[n] is None else r[n].value for n in names) for r in result]
    del st
    return expected


def ask(port: int, text: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes, float]:
    """(status, body, seconds) of one POSTed query."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    try:
        conn.request("POST", "/sparql", body=text.encode("utf-8"), headers=HEADERS)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, body, time.perf_counter() - started
    finally:
        if own:
            conn.close()


class Tally:
    """Latencies per query and every failure, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.failures: list[str] = []

    def record(self, name: str, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.latency[name].append(seconds)
            if failure:
                self.failures.append(f"{name}: {failure}")


def client(port: int, order: list[str], texts: dict[str, str], expected: dict, deadline: float, tally: Tally) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    i = 0
    while time.monotonic() < deadline:
        name = order[i % len(order)]
        i += 1
        try:
            status, body, seconds = ask(port, texts[name], conn)
        except (OSError, http.client.HTTPException) as exc:
            tally.record(name, 0.0, f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            continue
        wrong = None
        if status != 200:
            wrong = f"HTTP {status}: {body[:120].decode('utf-8', 'replace').strip()}"
        elif rows_of(json.loads(body)) != expected[name]:
            wrong = "rows differ from the direct store query"
        tally.record(name, seconds, wrong)
    conn.close()


def probe(port: int, stop: threading.Event, tally: Tally) -> None:
    while not stop.wait(0.5):
        status, body, seconds = ask(port, "ASK {}")
        tally.record("(probe) ASK {}", seconds, None if status == 200 and b"true" in body else f"HTTP {status}")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def start_server(out: Path, port: int, workers: int, timeout: float, cache: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "plangraph.cli", "serve", str(out), "--port", str(port),
                             "--workers", str(workers), "--timeout", str(timeout), "--cache", str(cache)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"error: plangraph serve exited with {proc.returncode}")
        try:
            if ask(port, "ASK {}")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("error: plangraph serve did not answer within 120 s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="a build folder (default: build data/plans into a temp dir)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=4, help="server query processes")
    ap.add_argument("--timeout", type=float, default=10.0, help="server time limit per query")
    ap.add_argument("--queries", type=Path, help="folder of named .rq queries (default data/queries)")
    ap.add_argument("--cache", type=int, default=256, help="server answer cache entries (0: every query runs)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out
        if out is None:
            out = Path(tmp) / "out"
            subprocess.run([sys.executable, "-m", "plangraph.cli", "build", str(ROOT / "data" / "plans"),
                            "--out", str(out)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        texts = {q.name: q.render() for q in load_queries(args.queries).values()}
        expected = expected_rows(out, texts)
        port = free_port()
        server = start_server(out, port, args.workers, args.timeout, args.cache)
        tally, stop = Tally(), threading.Event()
        try:
            deadline = time.monotonic() + args.seconds
            names = sorted(texts)
            threads = [threading.Thread(target=client, args=(port, names[k % len(names):] + names[:k % len(names)],
                                                             texts, expected, deadline, tally))
                       for k in range(args.clients)]
            prober = threading.Thread(target=probe, args=(port, stop, tally))
            started = time.monotonic()
            for t in threads + [prober]:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
            stop.set()
            prober.join()
        finally:
            server.terminate()
            server.wait(30)
    return report(tally, elapsed, args)


def report(tally: Tally, elapsed: float, args: argparse.Namespace) -> int:
    named = [s for name, v in tally.latency.items() if not name.startswith("(probe)") for s in v]
    probes = tally.latency.get("(probe) ASK {}", [])
    print(f"load: {args.clients} clients x {elapsed:.1f} s on 127.0.0.1, {args.workers} server workers")
    print(f"{'query':28} {'n':>6} {'p50 ms':>9} {'p99 ms':>9}")
    for name in sorted(tally.latency):
        v = tally.latency[name]
        print(f"{name:28} {len(v):6d} {pct(v, 0.5):9.1f} {pct(v, 0.99):9.1f}")
    p99 = pct(named, 0.99)
    floor = pct(probes, 0.5)
    print(f"named queries: {len(named)} requests, {len(named) / elapsed:.1f} req/s, "
          f"p50 {pct(named, 0.5):.1f} ms, p99 {p99:.1f} ms ({p99 / floor:.0f}x the ASK probe's p50 {floor:.1f} ms)")
    print(f"ASK probe during load: {len(probes)} answered, max {max(probes, default=0) * 1000:.1f} ms")
    print(f"failed requests: {len(tally.failures)}")
    for failure in sorted(set(tally.failures))[:10]:
        print(f"  {failure}")
    ok = p99 < BAR_MS and not tally.failures
    print(f"bar: p99 of named queries under {args.clients} clients < {BAR_MS:.0f} ms, zero failures: "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
