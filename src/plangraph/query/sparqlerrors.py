"""One readable line for a query Oxigraph would not parse.

Oxigraph's parser reports the set of characters it expected, which for an
undeclared prefix is a page of Unicode ranges, and reads an update as a
malformed CONSTRUCT. Here the error says what went wrong and what to do.
"""

from __future__ import annotations

import re

from ..graph.vocab import PREFIXES

_WHERE = re.compile(r"error at (\d+):(\d+)")
_PREFIXED_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.%-]*$")
MAX_EXPECTED = 80  # longer "expected one of" lists are grammar dumps, not help
SNIPPET = 20


def explain(text: str, message: str) -> str:
    """The parser's ``message`` about ``text`` as one line that says what to fix."""
    if is_update(text):
        return "updates (INSERT, DELETE, LOAD, CLEAR, …) are not allowed: plangraph query only reads a build"
    where = _WHERE.search(message)
    line, column = (int(where.group(1)), int(where.group(2))) if where else (0, 0)
    before = _text_before(text, line, column)
    if "Prefix not found" in message:
        prefix = _PREFIXED_END.search(before.rstrip())
        name = f"{prefix.group(1) or ''}:" if prefix else "a prefix"
        known = " ".join(f"{p}:" for p in sorted(PREFIXES))
        return (f"unknown prefix {name} at line {line}, column {column}; declare it with PREFIX {name} <IRI> "
                f"or use one of {known}")
    detail = " ".join(message.split())
    if where and len(detail) > MAX_EXPECTED:
        detail = f"invalid SPARQL at line {line}, column {column}"
    near = before[-SNIPPET:].strip()
    return f"{detail} (after {near!r})" if near else detail


def is_update(text: str) -> bool:
    """Whether ``text`` parses as a SPARQL update (parsed only, never run)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False
    return bool(text.strip())


def _text_before(text: str, line: int, column: int) -> str:
    """The query text up to the 1-based ``line`` and ``column`` of the error (its line only)."""
    lines = text.splitlines() or [""]
    if not 1 <= line <= len(lines):
        return ""
    return lines[line - 1][: max(column - 1, 0)]
