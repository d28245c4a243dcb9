"""The attacks of issue 22 against `plangraph serve`, measured: each bar with its figure.

Run: .venv/bin/python bench/serve_attacks.py [--workers 4]

Builds one plan into a temp folder and serves it as its own process on a free
127.0.0.1 port, then:
(1) POSTs SERVICE smuggled every way tests/test_serve_attacks.py knows, with a
    listener on 127.0.0.1 as the target, and counts connections it receives;
(2) sends the 30-CONCAT string-doubling query and the 20 KB nested-bracket
    query, reading the statuses, the peak memory of the query process and the
    worker process ids before and after;
(3) holds 1,000 idle connections open, reads the server's CPU time over 5 s,
    and times each named query while they are held;
(4) runs `plangraph build` of all five plans into the served folder while a
    client asks the plan count in a loop, and reports how long after the new
    store appeared the first new answer came, and the last old one.
Exits 1 when a bar fails. The load bar (8 clients x 60 s) is bench/load.py's.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_serve_attacks import DOUBLING, NESTED, PLAN_COUNT, SMUGGLED, called, cpu_seconds, post  # noqa: E402

from plangraph.query.queries import load_queries  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "data" / "plans").glob("*.txt"))


def workers_of(pid: int) -> set[int]:
    """The server's child processes (its query workers)."""
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(c) for c in (task / "children").read_text().split()}
    return children


def serve(out: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    number = port.getsockname()[1]
    port.close()
    proc = subprocess.Popen([sys.executable, "-m", "plangraph.cli", "serve", str(out), "--port", str(number),
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{number}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if post(url, "ASK {}")[0] == 200:
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("error: plangraph serve did not answer within 120 s")


def smuggling(url: str) -> bool:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    target = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    statuses = [post(url, t.replace("URL", target))[0] for t in SMUGGLED]
    connections = called(sock, 2.0)
    sock.close()
    ok = all(s in (400, 403) for s in statuses) and not connections
    print(f"(1) {len(SMUGGLED)} smuggled SERVICE queries: statuses {sorted(set(statuses))} "
          f"({statuses.count(403)} x 403, {statuses.count(400)} x 400 unparseable); "
          f"listener on 127.0.0.1 called: {'yes' if connections else 'no'}: {'PASS' if ok else 'FAIL'}")
    return ok


def bombs(proc: subprocess.Popen, url: str) -> bool:
    before = workers_of(proc.pid)
    started = time.perf_counter()
    status, _, body = post(url, DOUBLING)
    seconds = time.perf_counter() - started
    peak = re.search(rb"peak (\d+) MB", body)
    status2, _, body2 = post(url, NESTED)
    after = workers_of(proc.pid)
    alive = post(url, "ASK {}")[0] == 200
    peak_mb = int(peak.group(1)) if peak else None
    ok = status == 503 and peak_mb is not None and peak_mb < 1024 and status2 == 400 and before == after and alive
    print(f"(2) 30-CONCAT doubling ({len(DOUBLING)} B): HTTP {status} in {seconds:.2f} s, "
          f"{body.decode().strip()!r}; 20 KB nested brackets: HTTP {status2} {body2.decode().strip()!r}; "
          f"workers {len(before)} before, same ids after: {before == after}: {'PASS' if ok else 'FAIL'}")
    return ok


def idle(proc: subprocess.Popen, url: str) -> bool:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(1000)]
    try:
        time.sleep(2)
        cpu = cpu_seconds(proc.pid)
        time.sleep(5)
        busy = cpu_seconds(proc.pid) - cpu
        times = []
        for q in load_queries().values():
            started = time.perf_counter()
            status = post(url, q.render())[0]
            times.append((time.perf_counter() - started, q.name, status))
    finally:
        for s in held:
            s.close()
    worst = max(times)
    failed = [(name, status) for _, name, status in times if status != 200]
    ok = busy < 0.25 and worst[0] < 1.0 and not failed
    print(f"(3) 1,000 idle connections held: server CPU {busy:.3f} s in 5 s ({busy / 5:.1%}); "
          f"{len(times)} named queries, first run, slowest {worst[0] * 1000:.0f} ms ({worst[1]}), "
          f"median {sorted(times)[len(times) // 2][0] * 1000:.0f} ms, failed {failed}: {'PASS' if ok else 'FAIL'}")
    return ok


def rebuild(url: str, out: Path) -> bool:
    seen: list[tuple[float, int | None]] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            started = time.monotonic()
            status, _, body = post(url, PLAN_COUNT, headers={"Accept": "text/csv"})
            seen.append((started, int(body.split()[-1]) if status == 200 else None))

    first = os.stat(out / "store").st_ino
    asker = threading.Thread(target=ask)
    asker.start()
    build = subprocess.Popen([sys.executable, "-m", "plangraph.cli", "build", *map(str, PLANS), "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    published = None
    while build.poll() is None:
        try:
            if published is None and os.stat(out / "store").st_ino != first:
                published = time.monotonic()
        except FileNotFoundError:
            pass  # the moment between moving the old store out and the new one in
        time.sleep(0.005)
    time.sleep(3)
    stop.set()
    asker.join()
    if published is None:
        print("(4) the build did not publish a new store: FAIL")
        return False
    new = [t - published for t, n in seen if n == 5]
    old = [t - published for t, n in seen if n == 1]
    late_old = max(old) if old else float("-inf")
    ok = build.returncode == 0 and new and late_old < 0.1 and all(n == 5 for t, n in seen if t >= published + 2)
    print(f"(4) rebuild into the served folder: {len(seen)} answers; first new answer asked "
          f"{min(new) * 1000:.0f} ms after the new store appeared, last old answer asked {late_old * 1000:.0f} ms "
          f"after it; errors: {sum(n is None for _, n in seen)}: {'PASS' if ok else 'FAIL'}")
    return bool(ok)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "plangraph.cli", "build", str(PLANS[0]), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        proc, url = serve(out, args.workers)
        try:
            results = [smuggling(url), bombs(proc, url), idle(proc, url), rebuild(url, out)]
        finally:
            proc.terminate()
            proc.wait(30)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
