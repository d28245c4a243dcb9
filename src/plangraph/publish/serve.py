"""A read-only SPARQL 1.1 Protocol endpoint over a build, with a query page and the explorer.

HTTP is uvicorn's (with h11): one asyncio event loop reads every connection,
so idle or slow connections cost a socket, not a thread; it bounds headers and
caps concurrent connections. Cached answers, refusals and pages are answered
in that loop, without a hop to a thread; only a query that must run waits for
``querypool``'s processes, in a thread of the executor. What is left here is
the SPARQL Protocol itself (parameters, content negotiation, the Host and CORS
checks), the cache of finished answers, a body bound and the idle timeout of a
connection that has not sent a whole request yet (uvicorn times out only idle
kept-alive connections).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import resource
import socket
import sys
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..build.build import HTML
from ..graph import store
from ..query.queries import NamedQuery, load_queries
from .querypool import Answer, Build, Busy, Limits, QueryPool, QueryTimeout, Request, build_of, message
from .readonly import READ_ONLY, oversize

CACHE_ENTRIES = 256  # distinct answers kept
CACHE_ANSWER_BYTES = 4_000_000  # larger answers are not kept

MAX_BODY = 1 << 20  # a SPARQL query larger than 1 MiB is a mistake, not a query
DRAIN = 4 * MAX_BODY  # a body past MAX_BODY is still read up to here before the 413
MAX_HEADERS = 128 << 10  # request line and headers: a GET query fits (POST a longer one)
TRUNCATED = "X-Plangraph-Truncated"
#: Accepted media types → the canonical one pyoxigraph writes; the first is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "text/turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/ld+json": "application/ld+json",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
ASSETS = {"/": ("query.html", "text/html; charset=utf-8"),
          "/query.js": ("query.js", "text/javascript; charset=utf-8"),
          "/query.css": ("query.css", "text/css; charset=utf-8")}
Response = tuple[int, str, bytes, dict[str, str]]


@dataclass(frozen=True)
class Incoming:
    """One whole HTTP request as the endpoint sees it (header names in lower case)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    client: str


def negotiate(accept: str | None, offered: dict[str, str]) -> str | None:
    """The offered media type the Accept header prefers most, or None when it takes none."""
    if not accept:
        return next(iter(offered.values()))
    ranked = []
    for i, item in enumerate(accept.split(",")):
        kind, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, kind.lower()))
    for _, _, kind in sorted(ranked):
        major = kind[:-1] if kind.endswith("/*") else None
        if kind in offered:
            return offered[kind]
        if kind == "*/*" or major:
            match = next((v for k, v in offered.items() if kind == "*/*" or k.startswith(major)), None)
            if match:
                return match
    return None


class AnswerCache:
    """Finished answers of one build by request, least recently used dropped first.

    Repeated queries (the named ones above all) are served without queueing for
    a worker. Every answer belongs to the build that gave it: asking with
    another build empties the cache, so a new build is never answered from the
    old one's answers. Only successful answers are kept.
    """

    def __init__(self, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_ANSWER_BYTES) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._answers: OrderedDict[Request, Answer] = OrderedDict()
        self._build: Build | None = None
        self._lock = threading.Lock()

    def get(self, build: Build, req: Request) -> Answer | None:
        with self._lock:
            if build != self._build:
                self._answers.clear()
                self._build = build
            ans = self._answers.get(req)
            if ans is not None:
                self._answers.move_to_end(req)
            return ans

    def put(self, req: Request, ans: Answer) -> None:
        if ans.status != 200 or len(ans.body) > self.max_bytes or self.entries <= 0:
            return
        with self._lock:
            if ans.build != self._build:
                return
            self._answers[req] = ans
            self._answers.move_to_end(req)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)


@dataclass
class Endpoint:
    """What the server answers: a build folder, its query pool and the named queries."""

    out: Path
    pool: QueryPool
    queries: dict[str, NamedQuery]
    log: bool = True
    cache: AnswerCache = field(default_factory=AnswerCache)
    cors: str | None = None
    hosts: frozenset[str] | None = None  # Host names accepted; None: any

    def static(self, path: str) -> Response:
        """Status, content type, body and extra headers of a non-SPARQL page."""
        if path in ASSETS:
            name, ctype = ASSETS[path]
            body = resources.files("plangraph").joinpath("assets", name).read_bytes()
            return 200, ctype, body, {"Content-Security-Policy": PAGE_CSP}
        if path == "/queries.json":
            data = [{"name": q.name, "description": q.description, "query": q.render(),
                     "parameters": [p.__dict__ for p in q.parameters]} for q in self.queries.values()]
            return 200, "application/json", json.dumps(data, ensure_ascii=False).encode("utf-8"), {}
        if path == "/" + HTML and (self.out / HTML).is_file():
            return 200, "text/html; charset=utf-8", (self.out / HTML).read_bytes(), {}
        return _plain(message(404, f"not found: {path}"))

    def sparql(self, params: dict[str, list[str]], accept: str | None) -> Answer | Request:
        """The SPARQL Protocol: one ``query`` parameter, never an ``update``.

        A refusal or a cached answer comes back at once; a query that must run
        comes back as its ``Request``, for ``run`` (which blocks) in a thread.
        """
        if "update" in params:
            return message(403, READ_ONLY)
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return message(400, "default-graph-uri/named-graph-uri are not supported: use FROM or GRAPH in the query")
        texts = params.get("query", [])
        if len(texts) != 1:
            return message(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)")
        too_big = oversize(texts[0])
        if too_big:
            return message(too_big.status, too_big.reason)
        req = Request(texts[0], negotiate(accept, RESULT_TYPES), negotiate(accept, GRAPH_TYPES))
        if not (req.results_type or req.graph_type):
            return message(406, f"cannot answer in any of: {accept}")
        build = build_of(self.out)
        if build is None:
            return message(503, f"{self.out}: no store just now (a build is being published?); try again")
        cached = self.cache.get(build, req)
        return req if cached is None else cached

    def run(self, req: Request) -> Response:
        """Run a query in the pool (blocking up to the time limit) and keep its answer."""
        timeout = self.pool.limits.timeout
        try:
            ans = self.pool.run(req)
        except QueryTimeout:
            return self._answer(message(503, f"query stopped: it ran longer than the time limit of {timeout:g} s"))
        except Busy:
            return self._answer(message(503, f"server busy: no query worker was free within {timeout:g} s; try again"))
        self.cache.put(req, ans)
        return self._answer(ans)

    def respond(self, inc: Incoming) -> Response | Request:
        """Status, content type, body and extra headers of a request, or the query it must run."""
        method, path = inc.method, inc.path
        host = inc.headers.get("host")
        if self.hosts is not None and host is not None and _hostname(host) not in self.hosts:
            return _plain(message(400, f"unknown Host {host!r}: start the server with --allowed-host for it"))
        if path != "/sparql":
            if method in ("GET", "HEAD"):
                return self.static(path)
            return _plain(message(405, f"{method} is only for /sparql, not {path}"))
        if method == "OPTIONS" and self.cors:
            return 204, "text/plain", b"", {"Access-Control-Allow-Methods": "GET, POST",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept",
                                             "Access-Control-Max-Age": "600"}
        try:
            if method in ("GET", "HEAD"):
                return self._reply(self.sparql(_form(inc.query), inc.headers.get("accept")))
            if method == "POST":
                return self._reply(self._post(inc))
        except UnicodeDecodeError:
            return _plain(message(400, "the request is not valid UTF-8"))
        return _plain(message(405, f"{method} is not a SPARQL Protocol method: use GET or POST"))

    def _post(self, inc: Incoming) -> Answer | Request:
        ctype = inc.headers.get("content-type", "").split(";")[0].strip().lower()
        params, accept = _form(inc.query), inc.headers.get("accept")
        if ctype == "application/sparql-update":
            return message(403, READ_ONLY)
        if ctype == "application/x-www-form-urlencoded":
            return self.sparql(_merge(params, _form(inc.body.decode("utf-8"))), accept)
        if ctype == "application/sparql-query":
            return self.sparql(_merge(params, {"query": [inc.body.decode("utf-8")]}), accept)
        return message(415, f"POST a query as application/sparql-query or a form, not {ctype or 'nothing'}")

    def _reply(self, out: Answer | Request) -> Response | Request:
        return out if isinstance(out, Request) else self._answer(out)

    def _answer(self, ans: Answer) -> Response:
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if ans.truncated:
            headers[TRUNCATED] = str(self.pool.limits.rows)
        return ans.status, ans.content_type, ans.body, headers

    def finish(self, inc: Incoming, response: Response) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Status, every header and body of a response, logged."""
        status, ctype, body, headers = response
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)),
                   "X-Content-Type-Options": "nosniff", **headers}
        if self.cors:
            headers.update({"Access-Control-Allow-Origin": self.cors, "Access-Control-Expose-Headers": TRUNCATED})
            headers["Vary"] = ", ".join(filter(None, [headers.get("Vary"), "Origin"]))
        if self.log:
            print(f'{inc.client} "{inc.method} {inc.path}" {status} {len(body)}', file=sys.stderr)
        return status, [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()], body


Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class App:
    """The ASGI application: answers in the event loop unless a query must run, then in a thread."""

    def __init__(self, endpoint: Endpoint, threads: int) -> None:
        self.endpoint = endpoint
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="plangraph-query")

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        head = len(scope["raw_path"]) + len(scope["query_string"]) + sum(len(k) + len(v) for k, v in scope["headers"])
        body, refusal = b"", None
        if head > MAX_HEADERS:  # h11 bounds only a head still incomplete after a read, not one read whole
            refusal = message(400, f"request line and headers over {MAX_HEADERS} bytes: POST a long query")
        else:
            try:
                body = await _body(receive)
            except ConnectionAbortedError:
                return  # the client went away mid-body: nothing to answer
            if body is None:
                refusal = message(413, f"request body over {MAX_BODY} bytes")
        client = scope.get("client")
        inc = Incoming(scope["method"], scope["path"], scope["query_string"].decode("latin-1"), headers,
                       body or b"", client[0] if client else "-")
        out = self.endpoint.respond(inc) if refusal is None else _plain(refusal)
        if isinstance(out, Request):
            out = await asyncio.get_running_loop().run_in_executor(self.executor, self.endpoint.run, out)
        status, header_list, payload = self.endpoint.finish(inc, out)
        await send({"type": "http.response.start", "status": status, "headers": header_list})
        await send({"type": "http.response.body", "body": payload})


async def _body(receive: Receive) -> bytes | None:
    """The request body, or None when it is over MAX_BODY.

    A body of up to DRAIN bytes is still read to its end (and dropped), so that a
    client that is still sending hears the 413 rather than a reset connection.
    """
    chunks, size, more = [], 0, True
    while more and size <= DRAIN:
        event = await receive()
        if event["type"] != "http.request":
            raise ConnectionAbortedError
        chunk = event.get("body", b"")
        size += len(chunk)
        if size <= MAX_BODY:
            chunks.append(chunk)
        more = event.get("more_body", False)
    return b"".join(chunks) if size <= MAX_BODY else None


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol, with the keep-alive timeout also on a request not yet whole.

    uvicorn arms its timer only after a response, so a connection that never
    sends a byte, or sends half a request, would be held for ever. Also sets
    TCP_NODELAY.
    """

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        # asyncio sets TCP_NODELAY only on sockets made with proto IPPROTO_TCP, and a bound
        # socket has proto 0; without it a response's body waits for the ACK of its head (40 ms).
        transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and self.timeout_keep_alive_task is None:
            self._arm()

    def _arm(self) -> None:
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self._expire)

    def _expire(self) -> None:
        # uvicorn's handler tells h11 the connection closed, which h11 refuses mid-request;
        # closing the transport is enough (connection_lost tells h11 and the app).
        if not self.transport.is_closing():
            self.transport.close()


def _plain(ans: Answer) -> Response:
    return ans.status, ans.content_type, ans.body, {}


def _hostname(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:80`` → ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _form(text: str) -> dict[str, list[str]]:
    return parse_qs(text, keep_blank_values=True, errors="strict")


def _merge(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: a.get(k, []) + b.get(k, []) for k in a.keys() | b.keys()}


def accepted_hosts(host: str, allowed: Iterable[str] = ()) -> frozenset[str] | None:
    """The Host names to accept: any on loopback (unless some are named), else this machine's and those named."""
    named = {h.lower() for h in allowed}
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback and not named:
        return None
    wildcard = host in ("", "0.0.0.0", "::")
    return frozenset(named | {socket.gethostname().lower(), "localhost", "127.0.0.1", "::1"}
                     | (set() if wildcard else {host.lower()}))


class Server:
    """uvicorn serving an Endpoint on a socket bound here; closing it stops the query workers too."""

    def __init__(self, endpoint: Endpoint, host: str, port: int, *, threads: int, connections: int,
                 idle_timeout: int) -> None:
        self.endpoint = endpoint
        self._stopped = threading.Event()
        self._stopped.set()
        _allow_descriptors(connections + 64)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.create_server((host, port), family=family, backlog=min(connections, 4096))
        self._app = App(endpoint, threads)
        config = uvicorn.Config(
            self._app, http=_Protocol, lifespan="off", loop="asyncio", interface="asgi3",
            limit_concurrency=connections, timeout_keep_alive=idle_timeout,
            h11_max_incomplete_event_size=MAX_HEADERS, access_log=False, log_config=None,
            log_level=logging.WARNING if endpoint.log else logging.CRITICAL, server_header=False,
            proxy_headers=False, timeout_graceful_shutdown=5)
        self._uvicorn = uvicorn.Server(config)

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def serve_forever(self) -> None:
        """Serve until ``shutdown`` (or Ctrl-C)."""
        self._stopped.clear()
        try:
            self._uvicorn.run(sockets=[self._socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (called from another thread) and wait for it."""
        self._uvicorn.should_exit = True
        self._stopped.wait(10)

    def server_close(self) -> None:
        self._socket.close()
        self._app.executor.shutdown(wait=False, cancel_futures=True)
        self.endpoint.pool.close()


def _allow_descriptors(wanted: int) -> None:
    """Raise the open-file limit to ``wanted`` when the hard limit allows: each connection is a descriptor."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard),
                                                    hard))


def start(out: Path, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = 10.0,
          max_results: int = 10000, workers: int = 4, queries: Path | None = None,
          log: bool = True, cache: int = CACHE_ENTRIES, memory_mb: int = 1024, max_answer_mb: int = 16,
          connections: int = 2000, idle_timeout: int = 30, cors: str | None = None,
          allowed_hosts: Iterable[str] = ()) -> Server:
    """Start ``workers`` query processes and bind the server (port 0 picks a free one).

    ``queries`` is the folder of named queries shown on the page (default data/queries).
    """
    named = load_queries(queries)
    store.open_store(out)  # a missing build fails here, with the store's own message
    limits = Limits(timeout, max_results, max_answer_mb << 20, memory_mb << 20)
    pool = QueryPool(out, workers, limits, tuple(q.render() for q in named.values()))
    endpoint = Endpoint(out, pool, named, log, AnswerCache(cache), cors, accepted_hosts(host, allowed_hosts))
    try:
        return Server(endpoint, host, port, threads=workers + 4, connections=connections, idle_timeout=idle_timeout)
    except OSError as exc:
        pool.close()
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve_forever(server: Server) -> None:
    """Serve until Ctrl-C, then stop the workers."""
    print(f"serving {server.endpoint.out} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops",
          file=sys.stderr)
    if server.endpoint.pool.online_because:
        print(f"warning: query workers can reach the network ({server.endpoint.pool.online_because}); "
              "SERVICE is still refused by the query check", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
