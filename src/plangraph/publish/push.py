"""Publish a build to a shared triple store through the SPARQL 1.1 Graph Store Protocol.

Each named graph goes up as one HTTP PUT to ``ENDPOINT?graph=IRI``: every plan
graph, then the entities graph (which the plans' entities are described in).
PUT replaces the graph, so pushing again after a rebuild leaves exactly the new
triples: nothing duplicated. The graphs a push sends are recorded per endpoint in
``OUT/.pushed.json`` (``record.py``); the next push to that endpoint DELETEs those the build no
longer has (a plan removed or renamed), after every PUT has succeeded, so the
server ends up holding exactly the build's graphs. The body is N-Triples, sent as
``text/turtle`` because every N-Triples document is Turtle and every Graph Store
server reads Turtle.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..graph import store
from ..graph.vocab import ENTITIES_GRAPH
from . import record

CONTENT_TYPE = "text/turtle; charset=utf-8"


class PushError(Exception):
    """A graph the server would not take; ``str()`` names the graph and the reason."""


@dataclass(frozen=True)
class Pushed:
    """One graph sent (PUT) or removed (DELETE): its IRI, how many triples, and the server's HTTP status."""

    graph: str
    triples: int
    status: int
    method: str = "PUT"


def graph_bodies(st: store.Store) -> list[tuple[str, int, bytes]]:
    """Every named graph of the store as (IRI, triple count, N-Triples): the plan graphs in
    IRI order, then the entities graph."""
    out = []
    for graph in sorted(st.named_graphs(), key=lambda g: (g.value == str(ENTITIES_GRAPH), g.value)):
        triples = sorted((store.Triple(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, graph)),
                         key=str)
        out.append((graph.value, len(triples), store.ntriples(triples)))
    return out


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol address of one graph (indirect identification)."""
    sep = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


class Credentials:
    """Signs each PUT: basic credentials up front, or a digest answer to a HEAD probe's challenge.

    Virtuoso answers an unsigned PUT with 401 before reading its body and closes
    the connection, so a client that sends the body first (urllib's digest
    handler, requests) dies of a broken pipe. A HEAD carries no body, and its
    401 brings the challenge the PUT can then answer in advance.
    """

    def __init__(self, endpoint: str, user: str | None, password: str | None, auth: str) -> None:
        self.user, self.password, self.auth = user, password or "", auth
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, self.password)
        self._digest = urllib.request.HTTPDigestAuthHandler(passwords)

    def sign(self, http: urllib.request.OpenerDirector, req: urllib.request.Request, timeout: float) -> None:
        """Add an Authorization header to the request when the server will want one."""
        if self.user is None:
            return
        if self.auth == "basic":
            token = b64encode(f"{self.user}:{self.password}".encode("utf-8")).decode("ascii")
            req.add_unredirected_header("Authorization", f"Basic {token}")
            return
        try:
            http.open(urllib.request.Request(req.full_url, method="HEAD"), timeout=timeout).close()
            return
        except urllib.error.HTTPError as exc:
            challenges = exc.headers.get_all("WWW-Authenticate") or []
            exc.close()
        for challenge in challenges:
            scheme, _, params = challenge.partition(" ")
            if scheme.lower() == "digest":
                chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
                answer = self._digest.get_authorization(req, chal)
                if answer:
                    req.add_unredirected_header("Authorization", f"Digest {answer}")
                return


def _request(http: urllib.request.OpenerDirector, credentials: Credentials, req: urllib.request.Request,
             timeout: float) -> int:
    """The status of one signed PUT or DELETE.

    A server that hangs up while the body is still being sent (Virtuoso does,
    on bad credentials) is asked the same with a bodiless HEAD, whose HTTPError
    says why.
    """
    credentials.sign(http, req, timeout)
    try:
        with http.open(req, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError:
        raise
    except urllib.error.URLError as exc:
        if not isinstance(exc.reason, ConnectionError):
            raise
    probe = urllib.request.Request(req.full_url, method="HEAD")
    credentials.sign(http, probe, timeout)
    http.open(probe, timeout=timeout).close()
    raise urllib.error.URLError("the server closed the connection while the graph was being sent")


def push(out: Path, endpoint: str, *, user: str | None = None, password: str | None = None,
         auth: str = "digest", timeout: float = 120.0,
         progress: Callable[[Pushed], None] | None = None) -> list[Pushed]:
    """PUT every named graph of a build to a Graph Store endpoint, then DELETE the graphs the
    last push from ``out`` sent there that the build no longer has; stops at the first refusal."""
    st = store.open_store(out)
    http = urllib.request.build_opener()
    credentials = Credentials(endpoint, user, password, auth)
    done = []
    for graph, count, body in graph_bodies(st):
        req = urllib.request.Request(graph_url(endpoint, graph), data=body, method="PUT",
                                     headers={"Content-Type": CONTENT_TYPE})
        done.append(Pushed(graph, count, _send(http, credentials, req, timeout, endpoint, graph)))
        if progress:
            progress(done[-1])
    built = {p.graph for p in done}
    stale = sorted(set(record.last_sent(out, endpoint)) - built)
    for graph in stale:
        req = urllib.request.Request(graph_url(endpoint, graph), method="DELETE")
        done.append(Pushed(graph, 0, _send(http, credentials, req, timeout, endpoint, graph, missing_ok=True), "DELETE"))
        if progress:
            progress(done[-1])
    record.remember(out, endpoint, sorted(built))
    return done


def _send(http: urllib.request.OpenerDirector, credentials: Credentials, req: urllib.request.Request,
          timeout: float, endpoint: str, graph: str, missing_ok: bool = False) -> int:
    """The status of one signed request, or ``PushError`` naming the graph and the reason."""
    try:
        return _request(http, credentials, req, timeout)
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:  # already gone: what a DELETE wants
            return exc.code
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        hint = " (check --user/--password/--auth)" if exc.code in (401, 403) else ""
        raise PushError(f"{graph}: {endpoint} answered HTTP {exc.code} {exc.reason}{hint}"
                        + (f": {detail[0]}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{graph}: cannot reach {endpoint}: {reason}") from None
