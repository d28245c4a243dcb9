"""Query results and report rows as text for a terminal: an aligned table, CSV or JSON.

JSON keeps a typed literal's type: an ``xsd:integer`` count is a JSON number, a
boolean a JSON boolean, so scripts need not convert strings back.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pyoxigraph as ox

from .results import nt_term

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
))
DECIMALS = frozenset(XSD + t for t in ("decimal", "double", "float"))
BOOLEAN = XSD + "boolean"

Value = str | int | float | bool | None


def render(result: object, fmt: str) -> str:
    """A query result (rows, a boolean or triples) as ``table``, ``csv`` or ``json`` text."""
    if isinstance(result, ox.QueryBoolean):
        return json.dumps(bool(result)) + "\n"
    if isinstance(result, ox.QueryTriples):
        return _turtle(result)
    names = [v.value for v in result.variables]
    terms = [[row[n] for n in names] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, map(json_value, r))) for r in terms], ensure_ascii=False, indent=1) + "\n"
    rows = [[_text(t) for t in r] for r in terms]
    return csv_text(names, rows) if fmt == "csv" else table(names, rows)


def json_value(term: object) -> Value:
    """A term as the JSON value a script expects: numbers and booleans typed, everything else its text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and not term.language:
        kind = term.datatype.value
        try:
            if kind in INTEGERS:
                return int(term.value)
            if kind in DECIMALS:
                number = float(Decimal(term.value)) if kind.endswith("decimal") else float(term.value)
                return number if number == number and abs(number) != float("inf") else term.value
        except ValueError:
            return term.value  # an ill-typed literal stays the text it is
        if kind == BOOLEAN and term.value in ("true", "false", "1", "0"):
            return term.value in ("true", "1")
    return _text(term)


def csv_text(names: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buf.getvalue()


def table(names: list[str], rows: list[list[str]]) -> str:
    """Rows as an aligned text table with a row count."""
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [_pad(names, widths), _pad(["-" * w for w in widths], widths)] + [_pad(r, widths) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _turtle(triples: ox.QueryTriples) -> str:
    """CONSTRUCT output as N-Triples lines, language tags in their registered case (zh-Hans)."""
    return "".join(f"{nt_term(t.subject)} {nt_term(t.predicate)} {nt_term(t.object)} .\n" for t in triples)


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
