"""SPARQL queries run in worker processes, so a runaway query can be stopped.

A pyoxigraph query cannot be interrupted from another thread: the only way to
enforce a time limit is to run it in a process and kill that process. Each
worker opens the build's store read-only once and answers requests over a
pipe with a finished HTTP body; a worker that overruns the limit is killed and
replaced in the background while the client hears 503 at once.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from . import store
from .results import take, write_solutions
from .vocab import PREFIXES

TEXT = "text/plain; charset=utf-8"
_SPAWN = multiprocessing.get_context("spawn")  # forking a threaded server is unsafe
READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Request:
    """A query and the media types the client accepts for each kind of result."""

    text: str
    results_type: str | None  # for SELECT and ASK
    graph_type: str | None  # for CONSTRUCT and DESCRIBE


@dataclass(frozen=True)
class Answer:
    """A finished HTTP response: status, content type, body, and whether rows were cut."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def message(status: int, text: str) -> Answer:
    """A plain-text answer of one line."""
    return Answer(status, TEXT, (text.rstrip("\n") + "\n").encode("utf-8"))


def answer(st: ox.Store, req: Request, limit: int) -> Answer:
    """Run one query on an open store and write its result in the negotiated format."""
    try:
        result = store.query(st, req.text)
        if isinstance(result, ox.QueryTriples):
            if not req.graph_type:
                return message(406, "CONSTRUCT/DESCRIBE results come as Turtle, JSON-LD, N-Triples or RDF/XML")
            fmt = ox.RdfFormat.from_media_type(req.graph_type)
            triples, truncated = take(result, limit)
            return Answer(200, fmt.media_type, ox.serialize(triples, format=fmt, prefixes=PREFIXES), truncated)
        if not req.results_type:
            return message(406, "SELECT/ASK results come as SPARQL JSON, XML, CSV or TSV")
        fmt = ox.QueryResultsFormat.from_media_type(req.results_type)
        if isinstance(result, ox.QueryBoolean):
            return Answer(200, fmt.media_type, result.serialize(format=fmt))
        body, truncated = write_solutions(result, fmt, limit)
        return Answer(200, fmt.media_type, body, truncated)
    except SyntaxError as exc:
        return message(400, f"query error: {exc}")
    except (OSError, ValueError) as exc:
        return message(500, f"query failed: {exc}")


def _work(out: str, limit: int, conn: Connection) -> None:
    """A worker's life: open the store, say ready, answer requests until the pipe closes."""
    try:
        st = store.open_store(Path(out))
    except (OSError, FileNotFoundError) as exc:
        conn.send(str(exc))
        return
    conn.send(None)
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(st, req, limit))


class QueryTimeout(Exception):
    """The query ran past the time limit (its worker was replaced)."""


class Busy(Exception):
    """Every worker stayed busy for the whole time limit."""


class _Worker:
    def __init__(self, out: Path, limit: int) -> None:
        self.out = out
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_work, args=(str(out), limit, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self) -> _Worker:
        """Block until the worker has opened the store; raise when it cannot."""
        if not self.conn.poll(READY_TIMEOUT):
            self.stop()
            raise RuntimeError(f"{self.out}: query worker did not start within {READY_TIMEOUT:.0f} s")
        error = self.conn.recv()
        if error:
            self.stop()
            raise FileNotFoundError(error)
        return self

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of query processes; each request borrows one for at most ``timeout`` seconds."""

    def __init__(self, out: Path, workers: int, timeout: float, limit: int) -> None:
        self.out, self.timeout, self.limit = out, timeout, limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [_Worker(out, limit) for _ in range(workers)]  # open the store in parallel
        try:
            for worker in starting:
                self._add(worker.wait_ready())
        except Exception:
            for worker in starting:
                worker.stop()
            raise

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        threading.Thread(target=lambda: self._add(_Worker(self.out, self.limit).wait_ready()), daemon=True).start()

    def run(self, req: Request) -> Answer:
        """The answer to one request; raises QueryTimeout or Busy past the time limit."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy from None
        try:
            worker.conn.send(req)
            if worker.conn.poll(self.timeout):
                result = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError):
            self._replace(worker)
            return message(500, "query worker died; it has been restarted")
        self._replace(worker)
        raise QueryTimeout

    def close(self) -> None:
        """Stop every worker (a worker started later stops itself on arrival)."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, set()
        for worker in workers:
            worker.stop()
