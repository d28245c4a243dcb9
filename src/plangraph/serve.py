"""A read-only SPARQL 1.1 Protocol endpoint over a build, with a query page and the explorer.

Standard library only (``http.server``): one machine, a handful of users, and
no dependency to audit. Queries run in worker processes (``querypool``) so a
time limit can really stop them; the HTTP threads only parse, negotiate and
copy bytes.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .build import HTML
from .queries import NamedQuery, load_queries
from .querypool import Answer, Busy, QueryPool, QueryTimeout, Request, message
from .readonly import refusal

CACHE_ENTRIES = 256  # distinct answers kept
CACHE_ANSWER_BYTES = 4_000_000  # larger answers are not kept

MAX_BODY = 1 << 20  # a SPARQL query larger than 1 MiB is a mistake, not a query
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
    """Finished answers by request, least recently used dropped first.

    The store is opened read-only and cannot change while the server runs, so
    an answer stays right: repeated queries (the named ones above all) are
    served without queueing for a worker. Only successful answers are kept.
    """

    def __init__(self, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_ANSWER_BYTES) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._answers: OrderedDict[Request, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, req: Request) -> Answer | None:
        with self._lock:
            ans = self._answers.get(req)
            if ans is not None:
                self._answers.move_to_end(req)
            return ans

    def put(self, req: Request, ans: Answer) -> None:
        if ans.status != 200 or len(ans.body) > self.max_bytes or self.entries <= 0:
            return
        with self._lock:
            self._answers[req] = ans
            self._answers.move_to_end(req)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)


@dataclass
class Endpoint:
    """What the handler serves: a build folder, its query pool and the named queries."""

    out: Path
    pool: QueryPool
    queries: dict[str, NamedQuery]
    log: bool = True
    cache: AnswerCache = field(default_factory=AnswerCache)

    def static(self, path: str) -> tuple[int, str, bytes, dict[str, str]]:
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
        return 404, "text/plain; charset=utf-8", f"not found: {path}\n".encode("utf-8"), {}

    def sparql(self, params: dict[str, list[str]], accept: str | None) -> Answer:
        """The SPARQL Protocol: one ``query`` parameter, never an ``update``."""
        if "update" in params:
            return message(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return message(400, "default-graph-uri/named-graph-uri are not supported: use FROM or GRAPH in the query")
        texts = params.get("query", [])
        if len(texts) != 1:
            return message(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)")
        reason = refusal(texts[0])
        if reason:
            return message(403, reason)
        req = Request(texts[0], negotiate(accept, RESULT_TYPES), negotiate(accept, GRAPH_TYPES))
        if not (req.results_type or req.graph_type):
            return message(406, f"cannot answer in any of: {accept}")
        cached = self.cache.get(req)
        if cached is not None:
            return cached
        try:
            ans = self.pool.run(req)
            self.cache.put(req, ans)
            return ans
        except QueryTimeout:
            return message(503, f"query stopped: it ran longer than the time limit of {self.pool.timeout:g} s")
        except Busy:
            return message(503, f"server busy: no query worker was free within {self.pool.timeout:g} s; try again")


class Server(ThreadingHTTPServer):
    """The HTTP server; closing it stops the query workers too."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    server_version = "plangraph"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._sparql(lambda: _form(url.query))
        else:
            status, ctype, body, headers = self.server.endpoint.static(url.path)
            self._send(status, ctype, body, headers)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._answer(message(405, f"POST is only for /sparql, not {url.path}"), close=True)
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            return self._answer(message(411, "a POST needs a Content-Length"), close=True)
        if int(length) > MAX_BODY:
            _drain(self.rfile, int(length))  # so the client reads the 413 instead of a broken pipe
            return self._answer(message(413, f"request body over {MAX_BODY} bytes"), close=True)
        body = self.rfile.read(int(length))
        ctype = self.headers.get_content_type()
        if ctype == "application/sparql-update":
            return self._answer(message(403, "SPARQL Update is not allowed: this endpoint is read-only"))
        if ctype == "application/x-www-form-urlencoded":
            self._sparql(lambda: _merge(_form(url.query), _form(body.decode("utf-8"))))
        elif ctype == "application/sparql-query":
            self._sparql(lambda: _merge(_form(url.query), {"query": [body.decode("utf-8")]}))
        else:
            self._answer(message(415, f"POST a query as application/sparql-query or a form, not {ctype}"))

    def _sparql(self, params) -> None:
        try:
            parsed = params()
        except UnicodeDecodeError:
            return self._answer(message(400, "the request is not valid UTF-8"))
        self._answer(self.server.endpoint.sparql(parsed, self.headers.get("Accept")))

    def _answer(self, ans: Answer, close: bool = False) -> None:
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if ans.truncated:
            headers[TRUNCATED] = str(self.server.endpoint.pool.limit)
        self.close_connection = self.close_connection or close
        self._send(ans.status, ans.content_type, ans.body, headers)

    def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if self.server.endpoint.log:
            super().log_message(format, *args)


def _drain(stream, length: int) -> None:
    """Read and drop a request body of moderate size; a huge one is left for the closed connection."""
    if length <= 16 * MAX_BODY:
        while length > 0:
            chunk = stream.read(min(length, 1 << 16))
            if not chunk:
                return
            length -= len(chunk)


def _form(text: str) -> dict[str, list[str]]:
    return parse_qs(text, keep_blank_values=True, errors="strict")


def _merge(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: a.get(k, []) + b.get(k, []) for k in a.keys() | b.keys()}


def start(out: Path, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = 10.0,
          max_results: int = 10000, workers: int = 4, queries: Path | None = None,
          log: bool = True, cache: int = CACHE_ENTRIES) -> Server:
    """Open the store in ``workers`` processes and bind the server (port 0 picks a free one).

    ``queries`` is the folder of named queries shown on the page (default data/queries).
    """
    named = load_queries(queries)
    pool = QueryPool(out, workers, timeout, max_results)
    try:
        return Server((host, port), Endpoint(out, pool, named, log, AnswerCache(cache)))
    except OSError as exc:
        pool.close()
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve_forever(server: Server) -> None:
    """Serve until Ctrl-C, then stop the workers."""
    print(f"serving {server.endpoint.out} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops",
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
