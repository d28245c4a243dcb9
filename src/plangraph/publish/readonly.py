"""What a public, read-only SPARQL endpoint lets run, decided from the parsed query.

A text scanner looking for ``SERVICE`` was bypassed (a comment ended by a bare
carriage return, quotes that open a string for the scanner but not for SPARQL),
so the decision is made on the algebra of a real SPARQL parser, rdflib's: a
query runs only when rdflib parses it and no ``ServiceGraphPattern`` appears
anywhere in its algebra (sub-selects, ``EXISTS``, ``MINUS``, ``OPTIONAL``…).
Anything rdflib cannot parse is refused, so a query Oxigraph would read one way
and rdflib another fails closed, except where both read one text differently
without an error: rdflib expands ``\\u`` escapes everywhere and ends a comment
only at a line feed, Oxigraph expands them only in strings and IRIs and ends a
comment at a carriage return too. :func:`prepare` removes both differences,
and the engine gets the prepared text, the very text that was checked.

The length and bracket-depth bounds come before any parser: they bound the
parsers' time and stack (a 20 KB query of nested brackets overflowed
Oxigraph's stack). Counting brackets inside strings too only ever refuses more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import Query, UpdateUnit, expandUnicodeEscapes
from rdflib.plugins.sparql.parserutils import CompValue

from ..graph.vocab import PREFIXES

MAX_CHARS = 64_000  # the longest named query is ~1,100 characters
MAX_DEPTH = 24  # brackets; the named queries nest 6 deep; rdflib's parser recurses past ~30
READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
NO_SERVICE = "SERVICE (federated query) is disabled: this endpoint reads only its own store"
_OPEN, _CLOSE = frozenset("({["), frozenset(")}]")


@dataclass(frozen=True)
class Refusal:
    """Why a query may not run, with the HTTP status that says so."""

    status: int
    reason: str


def depth(text: str) -> int:
    """The deepest nesting of brackets of any kind, the brackets in strings included."""
    level = deepest = 0
    for char in text:
        if char in _OPEN:
            level += 1
            deepest = max(deepest, level)
        elif char in _CLOSE:
            level = max(0, level - 1)
    return deepest


def oversize(text: str, max_chars: int = MAX_CHARS, max_depth: int = MAX_DEPTH) -> Refusal | None:
    """A refusal when the text is past the length or nesting bound (checked before parsing)."""
    if len(text) > max_chars:
        return Refusal(413, f"query too long: {len(text)} characters, the limit is {max_chars}")
    if sum(map(text.count, _OPEN)) > max_depth and depth(text) > max_depth:  # counting first is C-speed
        return Refusal(400, f"query nested too deeply: brackets more than {max_depth} deep")
    return None


def prepare(text: str) -> str:
    """The text both parsers read alike: ``\\u`` escapes expanded, every line ending a line feed.

    >>> prepare('SELECT * {#\\rSERVICE <urn:x> {}}')
    'SELECT * {#\\nSERVICE <urn:x> {}}'
    """
    return expandUnicodeEscapes(text).replace("\r\n", "\n").replace("\r", "\n")


def refusal(text: str) -> Refusal | None:
    """Why the prepared text may not run, or None when it is a query without SERVICE.

    >>> refusal('SELECT * WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }').status
    403
    >>> refusal('SELECT ?s WHERE { ?s pg:mentions/skos:prefLabel ?l }') is None
    True
    """
    try:
        algebra = translateQuery(Query.parse_string(text, parse_all=True), initNs=PREFIXES).algebra
    except ParseBaseException as exc:
        if _is_update(text):
            return Refusal(403, READ_ONLY)
        return Refusal(400, f"query error at line {exc.lineno}, column {exc.col}: {exc.msg}")
    except RecursionError:
        return Refusal(400, "query nested too deeply for the parser")
    except Exception as exc:  # noqa: BLE001 - rdflib raises bare Exception ("Unknown namespace prefix")
        return Refusal(400, f"query error: {exc}")
    if any(node.name == "ServiceGraphPattern" for node in _nodes(algebra)):
        return Refusal(403, NO_SERVICE)
    return None


def _is_update(text: str) -> bool:
    try:
        UpdateUnit.parse_string(text, parse_all=True)
    except (ParseBaseException, RecursionError):
        return False
    return True


def _nodes(root: object) -> Iterator[CompValue]:
    """Every algebra node under ``root``, without recursion (a deep query cannot exhaust the stack)."""
    stack, seen = [root], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
