"""A read-only SPARQL 1.1 Protocol endpoint over a build, with a query page and the explorer.

HTTP is waitress's: it reads whole requests in one event loop before a thread
sees them, so idle or slow connections cost a socket, not a thread, and it
drops idle connections, caps their number and bounds header and body sizes.
What is left here is the SPARQL Protocol itself (parameters, content
negotiation, the Host and CORS checks) and a cache of finished answers.
Queries run in ``querypool``'s processes, under its time and memory limits.
"""

from __future__ import annotations

import ipaddress
import json
import resource
import socket
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from waitress import wasyncore
from waitress.server import create_server

from . import store
from .build import HTML
from .queries import NamedQuery, load_queries
from .querypool import Answer, Build, Busy, Limits, QueryPool, QueryTimeout, Request, build_of, message
from .readonly import READ_ONLY, oversize

CACHE_ENTRIES = 256  # distinct answers kept
CACHE_ANSWER_BYTES = 4_000_000  # larger answers are not kept

MAX_BODY = 1 << 20  # a SPARQL query larger than 1 MiB is a mistake, not a query
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
REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 406: "Not Acceptable", 413: "Content Too Large",
           415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable"}
Response = tuple[int, str, bytes, dict[str, str]]


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

    def sparql(self, params: dict[str, list[str]], accept: str | None) -> Answer:
        """The SPARQL Protocol: one ``query`` parameter, never an ``update``."""
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
        if cached is not None:
            return cached
        timeout = self.pool.limits.timeout
        try:
            ans = self.pool.run(req)
        except QueryTimeout:
            return message(503, f"query stopped: it ran longer than the time limit of {timeout:g} s")
        except Busy:
            return message(503, f"server busy: no query worker was free within {timeout:g} s; try again")
        self.cache.put(req, ans)
        return ans

    def respond(self, environ: dict) -> Response:
        """One WSGI request to status, content type, body and extra headers."""
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        host = environ.get("HTTP_HOST")
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
                return self._answer(self.sparql(_form(environ.get("QUERY_STRING", "")), environ.get("HTTP_ACCEPT")))
            if method == "POST":
                return self._answer(self._post(environ))
        except UnicodeDecodeError:
            return _plain(message(400, "the request is not valid UTF-8"))
        return _plain(message(405, f"{method} is not a SPARQL Protocol method: use GET or POST"))

    def _post(self, environ: dict) -> Answer:
        length = int(environ.get("CONTENT_LENGTH") or 0)  # waitress has checked it is a number
        if length > MAX_BODY:
            return message(413, f"request body over {MAX_BODY} bytes")
        body = environ["wsgi.input"].read(length)
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        params = _form(environ.get("QUERY_STRING", ""))
        if ctype == "application/sparql-update":
            return message(403, READ_ONLY)
        if ctype == "application/x-www-form-urlencoded":
            return self.sparql(_merge(params, _form(body.decode("utf-8"))), environ.get("HTTP_ACCEPT"))
        if ctype == "application/sparql-query":
            return self.sparql(_merge(params, {"query": [body.decode("utf-8")]}), environ.get("HTTP_ACCEPT"))
        return message(415, f"POST a query as application/sparql-query or a form, not {ctype or 'nothing'}")

    def _answer(self, ans: Answer) -> Response:
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if ans.truncated:
            headers[TRUNCATED] = str(self.pool.limits.rows)
        return ans.status, ans.content_type, ans.body, headers

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """The WSGI application."""
        status, ctype, body, headers = self.respond(environ)
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)),
                   "X-Content-Type-Options": "nosniff", **headers}
        if self.cors:
            headers.update({"Access-Control-Allow-Origin": self.cors, "Access-Control-Expose-Headers": TRUNCATED})
            headers["Vary"] = ", ".join(filter(None, [headers.get("Vary"), "Origin"]))
        if self.log:
            print(f'{environ.get("REMOTE_ADDR", "-")} "{environ["REQUEST_METHOD"]} {environ.get("PATH_INFO", "")}" '
                  f"{status} {len(body)}", file=sys.stderr)
        start_response(f"{status} {REASONS.get(status, '')}".rstrip(), list(headers.items()))
        return [body]


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
    """waitress serving an Endpoint; closing it stops the query workers too."""

    def __init__(self, endpoint: Endpoint, host: str, port: int, *, threads: int, connections: int,
                 idle_timeout: int) -> None:
        self.endpoint = endpoint
        self._map: dict = {}
        self._stop, self._stopped = threading.Event(), threading.Event()
        _allow_descriptors(connections + 64)
        self._waitress = create_server(
            endpoint, map=self._map, host=host, port=port, threads=threads, connection_limit=connections,
            channel_timeout=idle_timeout, cleanup_interval=max(1, idle_timeout // 3), asyncore_use_poll=True,
            max_request_header_size=MAX_HEADERS, max_request_body_size=4 * MAX_BODY, ident="plangraph",
            expose_tracebacks=False, clear_untrusted_proxy_headers=True)

    @property
    def url(self) -> str:
        host, port = self._waitress.effective_host, self._waitress.effective_port
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def serve_forever(self) -> None:
        """Serve until ``shutdown`` (or Ctrl-C)."""
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=0.5, map=self._map, use_poll=True, count=1)
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (called from another thread) and wait for it."""
        self._stop.set()
        self._stopped.wait(5)

    def server_close(self) -> None:
        self._waitress.task_dispatcher.shutdown()
        wasyncore.close_all(self._map)
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
