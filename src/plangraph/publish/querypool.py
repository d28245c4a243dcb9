"""SPARQL queries run in throwaway processes under OS limits, forked from long-lived workers.

A pyoxigraph query can be stopped neither from another thread nor from inside:
past a memory limit Rust aborts the whole process, and a time limit can only
be enforced by killing. So each worker is a process that never runs a client's
query itself: it holds the build's store open, warmed by the named queries, and
forks a query process that sets its address-space limit (``RLIMIT_AS``), checks
each query (``readonly``) and answers it on the inherited store. A query that
runs too long is killed with that process, one that needs too much memory dies
with it; either way the client hears 503, the worker goes on and forks another
for the next query (in a few milliseconds: the store is already open and warm).

Before each query the worker compares the identity of ``OUT/store`` with the
store it holds and reopens it when a new build was published, so every worker
answers from the new build from its next query on.

Workers are started with ``spawn``: the server is threaded, and forking it is
unsafe. A worker forks with RocksDB's thread pools alive, but a read-only store
never schedules work on them, they wait on condition variables with their locks
released, and the query process exits with ``os._exit`` without touching them.
Each worker cuts itself off from the network when the OS lets it, so a query
that slipped past the SERVICE check could still fetch nothing.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..graph import store
from ..graph.vocab import PREFIXES
from ..query.results import take, write_solutions
from .readonly import prepare, refusal

TEXT = "text/plain; charset=utf-8"
_SPAWN = multiprocessing.get_context("spawn")  # forking a threaded server is unsafe
READY_TIMEOUT = 60.0
GRACE = 5.0  # beyond the time limit, how long a worker may take to report its query process's fate
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
_M_ARENA_MAX = -8  # glibc's mallopt: each malloc arena reserves 64 MB of address space per thread

#: (device, inode, change time) of OUT/store, symlinks followed: a new build is a new directory.
Build = tuple[int, int, int]


@dataclass(frozen=True)
class Limits:
    """What one query may use: seconds, rows or triples, bytes of answer, bytes of address space."""

    timeout: float = 10.0
    rows: int = 10_000
    answer_bytes: int = 16 << 20
    memory: int = 1 << 30


@dataclass(frozen=True)
class Request:
    """A query and the media types the client accepts for each kind of result."""

    text: str
    results_type: str | None  # for SELECT and ASK
    graph_type: str | None  # for CONSTRUCT and DESCRIBE


@dataclass(frozen=True)
class Answer:
    """A finished HTTP response: status, content type, body, rows cut, and the build that answered."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    build: Build | None = None


def message(status: int, text: str) -> Answer:
    """A plain-text answer of one line."""
    return Answer(status, TEXT, (text.rstrip("\n") + "\n").encode("utf-8"))


def build_of(out: Path) -> Build | None:
    """The identity of the store a query would open now, or None while there is none."""
    try:
        st = os.stat(out / store.STORE_DIR)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_ctime_ns


def answer(st: ox.Store, text: str, req: Request, limits: Limits) -> Answer:
    """Run one (checked) query on an open store and write its result in the negotiated format."""
    try:
        result = store.query(st, text)
        if isinstance(result, ox.QueryTriples):
            if not req.graph_type:
                return message(406, "CONSTRUCT/DESCRIBE results come as Turtle, JSON-LD, N-Triples or RDF/XML")
            fmt = ox.RdfFormat.from_media_type(req.graph_type)
            triples, truncated = take(result, limits.rows)
            ans = Answer(200, fmt.media_type, ox.serialize(triples, format=fmt, prefixes=PREFIXES), truncated)
        elif not req.results_type:
            return message(406, "SELECT/ASK results come as SPARQL JSON, XML, CSV or TSV")
        elif isinstance(result, ox.QueryBoolean):
            fmt = ox.QueryResultsFormat.from_media_type(req.results_type)
            ans = Answer(200, fmt.media_type, result.serialize(format=fmt))
        else:
            fmt = ox.QueryResultsFormat.from_media_type(req.results_type)
            body, truncated = write_solutions(result, fmt, limits.rows)
            ans = Answer(200, fmt.media_type, body, truncated)
    except SyntaxError as exc:
        return message(400, f"query error: {exc}")
    except (OSError, ValueError) as exc:
        return message(500, f"query failed: {exc}")
    if len(ans.body) > limits.answer_bytes:
        return message(503, f"query stopped: its answer is over the limit of {limits.answer_bytes >> 20} MB; "
                            "add LIMIT or select fewer or shorter values")
    return ans


def isolate_network() -> str | None:
    """Move this process into a network namespace of its own (no route anywhere); why not, if it cannot."""
    if not sys.platform.startswith("linux"):
        return f"no network namespaces on {sys.platform}"
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):  # the second works without root
        if libc.unshare(flags) == 0:
            return None
    return f"unshare: {os.strerror(ctypes.get_errno())}"


def _few_arenas() -> None:
    """Keep glibc from reserving 64 MB of address space per query thread, which counts against RLIMIT_AS."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 2)


class Checked:
    """The last ``size`` query texts that passed the check, so a repeated query skips rdflib's ~50 ms parse."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._texts: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, text: str) -> bool:
        return text in self._texts

    def add(self, text: str) -> None:
        self._texts[text] = None
        self._texts.move_to_end(text)
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)


class Held:
    """The store a worker holds open, reopened whenever ``OUT/store`` is another build."""

    def __init__(self, out: Path, warm: tuple[str, ...]) -> None:
        self.out, self.warm = out, warm
        self.build: Build | None = None
        self.store: ox.Store | None = None
        self.cold = False

    def current(self) -> Held:
        """This, with the store of the build published now (None between two builds)."""
        build = build_of(self.out)
        if build != self.build:
            self.build, self.store = build, None  # the old store closes before the new one opens
            try:
                self.store = store.open_store(self.out)
                self.cold = True
            except OSError:
                pass  # the query process answers 503
        return self

    def warm_up(self) -> None:
        """Run the trusted warm-up queries once on a newly opened store: query processes inherit its block cache."""
        if self.store is not None and self.cold:
            self.cold = False
            for text in self.warm:
                try:
                    result = store.query(self.store, text)
                    if not isinstance(result, ox.QueryBoolean):
                        for _ in result:
                            pass
                except (SyntaxError, OSError, ValueError):
                    continue  # a broken named query is the page's problem, not the worker's


def _answer_checked(held: Held, req: Request, limits: Limits, checked: bool) -> tuple[bool, Answer]:
    """Check the query (unless its text passed before) and answer it; say if it passed the check."""
    text = prepare(req.text)
    refused = None if checked else refusal(text)
    if refused:
        return False, message(refused.status, refused.reason)
    if held.store is None:
        return True, message(503, f"{held.out}: no store just now (a build is being published?); try again")
    ans = answer(held.store, text, req, limits)
    return True, Answer(ans.status, ans.content_type, ans.body, ans.truncated, held.build)


def _serve_queries(held: Held, limits: Limits, conn: Connection) -> None:
    """The forked query process: under the memory limit, answer (request, checked) pairs until the pipe closes."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    while True:
        try:
            req, checked = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = _answer_checked(held, req, limits, checked)
        except MemoryError:
            result = False, message(503, f"query stopped: it needed more than the memory limit of "
                                         f"{limits.memory >> 20} MB")
        conn.send(result)


class QueryProcess:
    """A process forked from a worker that runs its queries; replaced when it dies, is killed or has done its share.

    Reusing it saves a fork per query; retiring it after ``REUSE`` queries keeps
    its heap from creeping towards the memory limit. A new build needs a new
    process too: it must inherit the new store.
    """

    REUSE = 64

    def __init__(self, held: Held, limits: Limits) -> None:
        self.limits, self.build, self.served = limits, held.build, 0
        self.conn, child = multiprocessing.Pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child's coverage is not collected
            self.conn.close()
            try:
                _serve_queries(held, limits, child)
            finally:
                os._exit(0)
        child.close()

    def ask(self, req: Request, checked: Checked) -> tuple[Answer, bool]:
        """The answer, and whether this process goes on (when not, it has been reaped)."""
        self.served += 1
        try:
            self.conn.send((req, req.text in checked))
            if not self.conn.poll(self.limits.timeout):
                os.kill(self.pid, signal.SIGKILL)
                self.close()
                return message(503, f"query stopped: it ran longer than the time limit of "
                                    f"{self.limits.timeout:g} s"), False
            passed, ans = self.conn.recv()
        except (EOFError, OSError):
            return _fate(*self.close(), self.limits), False  # it died: wait4 says how
        if passed:
            checked.add(req.text)
        if self.served >= self.REUSE:
            self.close()
            return ans, False
        return ans, True

    def close(self) -> tuple[int, int]:
        """End the process (it exits when its pipe closes) and reap it: its exit status and peak memory in KB."""
        self.conn.close()
        _, status, usage = os.wait4(self.pid, 0)
        return status, usage.ru_maxrss


def _fate(status: int, peak_kb: int, limits: Limits) -> Answer:
    """The answer for a query process that died before answering."""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:  # Rust aborts when allocation fails
        return message(503, f"query stopped: it needed more than the memory limit of {limits.memory >> 20} MB "
                            f"(peak {peak_kb >> 10} MB)")
    return message(500, f"query failed: its process ended with status {status}")


def _work(out: str, limits: Limits, warm: tuple[str, ...], conn: Connection) -> None:
    """A worker's life: cut the network, open the store, say ready, answer requests until the pipe closes."""
    logging.getLogger("rdflib").setLevel(logging.ERROR)  # its warnings about odd IRIs are the client's business
    _few_arenas()
    offline = isolate_network()
    held, checked = Held(Path(out), warm).current(), Checked()
    held.warm_up()
    conn.send(offline)
    runner: QueryProcess | None = None
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if runner is not None and runner.build != held.current().build:
            runner.close()  # it holds the old build's store
            runner = None
        runner = runner or QueryProcess(held.current(), limits)
        ans, goes_on = runner.ask(req, checked)
        conn.send(ans)
        runner = runner if goes_on else None
        held.warm_up()  # after a new build, once its first answer is on its way


class QueryTimeout(Exception):
    """A worker did not report within the time limit and the grace period (it was replaced)."""


class Busy(Exception):
    """Every worker stayed busy for the whole time limit."""


class _Worker:
    def __init__(self, out: Path, limits: Limits, warm: tuple[str, ...]) -> None:
        self.out = out
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_work, args=(str(out), limits, warm, child), daemon=True)
        self.process.start()
        child.close()
        self.offline: str | None = "not started"

    def wait_ready(self) -> _Worker:
        """Block until the worker runs; record whether it is cut off from the network."""
        if not self.conn.poll(READY_TIMEOUT):
            self.stop()
            raise RuntimeError(f"{self.out}: query worker did not start within {READY_TIMEOUT:.0f} s")
        try:
            self.offline = self.conn.recv()
        except EOFError:
            self.stop()
            raise RuntimeError(f"{self.out}: query worker exited as it started") from None
        return self

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of workers; each request borrows one for at most the time limit."""

    def __init__(self, out: Path, workers: int, limits: Limits, warm: tuple[str, ...] = ()) -> None:
        """``warm``: trusted queries each worker runs on every store it opens, to warm its cache."""
        self.out, self.limits, self.warm = out, limits, warm
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [_Worker(out, limits, warm) for _ in range(workers)]
        try:
            for worker in starting:
                self._add(worker.wait_ready())
        except Exception:
            for worker in starting:
                worker.stop()
            raise
        #: why the workers can still reach the network (None: they cannot)
        self.online_because = starting[0].offline if starting else None

    @property
    def pids(self) -> set[int]:
        """The workers' process ids (they change only when a worker is replaced)."""
        with self._lock:
            return {w.process.pid for w in self._all}

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
        threading.Thread(target=lambda: self._add(_Worker(self.out, self.limits, self.warm).wait_ready()), daemon=True).start()

    def run(self, req: Request) -> Answer:
        """The answer to one request; raises Busy when no worker frees up within the time limit."""
        try:
            worker = self._idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise Busy from None
        try:
            worker.conn.send(req)
            if worker.conn.poll(self.limits.timeout + GRACE):
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
