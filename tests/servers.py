"""Real servers for tests, each on a free loopback port and always stopped afterwards.

`plangraph serve` (in-process), the Oxigraph server (the `oxigraph` binary from
PyPI) and Virtuoso (Debian's `virtuoso-opensource`). A missing binary skips on a
developer's machine but fails in CI, where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plangraph import cli
from plangraph.publish.serve import Server, start

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
START_TIMEOUT = 90.0
_BUILDS: dict[str, Path] = {}
# Every request in these tests goes to 127.0.0.1: never through a proxy the environment names.
os.environ["no_proxy"] = os.environ["NO_PROXY"] = "127.0.0.1,localhost"


def binary(name: str, hint: str) -> str:
    """The path of a server binary (the venv's bin first); skip without it, fail in CI."""
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} missing ({hint}); CI must have it")
    pytest.skip(f"{name} missing: {hint}")


def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five bundled plans built once per test session (shared by every module that asks)."""
    if "plans" not in _BUILDS:
        out = tmp_path_factory.mktemp("served") / "out"
        assert cli.main(["build", str(PLANS), "--out", str(out)]) == 0
        _BUILDS["plans"] = out
    return _BUILDS["plans"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(ready: Callable[[], bool], proc: subprocess.Popen | None, what: str) -> None:
    """Poll until ready, at most START_TIMEOUT seconds; fail early if the process died."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before it was ready")
        if ready():
            return
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready after {START_TIMEOUT:.0f} s")


def answers(url: str) -> bool:
    """True once the URL gives any 2xx answer."""
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except (urllib.error.URLError, OSError):
        return False


def stop(proc: subprocess.Popen) -> None:
    """Stop a server process we started: terminate, then kill after a bounded wait."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextmanager
def plangraph_server(out: Path, **options) -> Iterator[Server]:
    """`plangraph serve` in a background thread on a free port."""
    server = start(out, "127.0.0.1", 0, log=False, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[str]:
    """The Oxigraph server on an empty store; yields its base URL (GSP at /store, SPARQL at /query)."""
    exe = binary("oxigraph", "pip install oxigraph")
    port = free_port()
    log = (workdir / "oxigraph.log").open("wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{base}/query?query=ASK%7B%7D"), proc, "oxigraph serve")
        yield base
    finally:
        stop(proc)
        log.close()


def virtuoso_ini(template: str, workdir: Path, sql_port: int, http_port: int, allowed: tuple[Path, ...] = ()) -> str:
    """Debian's virtuoso.ini with the database in ``workdir``, both ports on 127.0.0.1, and the
    folders ``allowed`` added to DirsAllowed (where the bulk loader may read)."""
    text = template.replace("/var/lib/virtuoso-opensource-7/db/", f"{workdir}/")
    section = ""
    lines = []
    for line in text.splitlines():
        head = re.match(r"\s*\[(\w+)\]", line)
        section = head.group(1) if head else section
        if re.match(r"\s*ServerPort\s*=", line) and section in ("Parameters", "HTTPServer"):
            line = f"ServerPort = 127.0.0.1:{sql_port if section == 'Parameters' else http_port}"
        if re.match(r"\s*DirsAllowed\s*=", line) and allowed:
            line += "".join(f", {folder}" for folder in allowed)
        lines.append(line)
    return "\n".join(lines) + "\n"


@contextmanager
def virtuoso_server(workdir: Path) -> Iterator[str]:
    """Virtuoso on a fresh database; yields its base URL (GSP at /sparql-graph-crud-auth, dba/dba)."""
    with virtuoso(workdir) as (base, _):
        yield base


@contextmanager
def virtuoso(workdir: Path, allowed: tuple[Path, ...] = ()) -> Iterator[tuple[str, str]]:
    """Virtuoso on a fresh database, reading files in ``allowed``; yields its base URL and the
    HOST:PORT of its SQL port (user dba, password dba)."""
    exe = binary("virtuoso-t", "apt-get install virtuoso-opensource")
    isql = binary("isql-vt", "apt-get install virtuoso-opensource")
    sql_port, http_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(virtuoso_ini(VIRTUOSO_INI.read_text(encoding="utf-8"), workdir, sql_port, http_port, allowed),
                   encoding="utf-8")
    log = (workdir / "virtuoso.out").open("wb")
    proc = subprocess.Popen([exe, "+configfile", str(ini), "+foreground"], cwd=workdir,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until(lambda: answers(f"{base}/sparql?query=ASK%7B%7D"), proc, "virtuoso-t")
        yield base, f"127.0.0.1:{sql_port}"
    finally:
        if proc.poll() is None:
            subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", "exec=shutdown;"],
                           capture_output=True, timeout=60, check=False)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                pass
        stop(proc)
        log.close()
