"""SPARQL results written with a row cap, in the four W3C result formats.

pyoxigraph can only serialize a whole result iterator, so an endpoint that must
stop after N rows writes the rows itself. The output follows the W3C
specifications (SPARQL 1.1 Query Results JSON, XML, CSV and TSV) and reads back
with ``pyoxigraph.parse_query_results`` to the same terms. Oxigraph keeps language
tags in lower case; they are written in their registered case (``zh-Hans``, as the
data was written and the docs say), which compares equal under BCP 47.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Row = list["ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None"]


def canonical_language(tag: str) -> str:
    """A BCP 47 tag in its registered case: ``zh-hans`` -> ``zh-Hans``, ``en-us`` -> ``en-US``."""
    out: list[str] = []
    for part in tag.lower().split("-"):
        plain = bool(out) and all(len(p) > 1 for p in out)  # nothing after an extension singleton is cased
        out.append(part.title() if plain and len(part) == 4 else part.upper() if plain and len(part) == 2 else part)
    return "-".join(out)


def take(items: Iterable, limit: int) -> tuple[list, bool]:
    """At most ``limit`` items, and whether there were more (evaluation stops there)."""
    head = list(itertools.islice(items, limit + 1))
    return head[:limit], len(head) > limit


def write_solutions(solutions: ox.QuerySolutions, fmt: ox.QueryResultsFormat, limit: int) -> tuple[bytes, bool]:
    """A SELECT result document of at most ``limit`` rows, and whether rows were cut."""
    names = [v.value for v in solutions.variables]
    rows, truncated = take(([s[n] for n in names] for s in solutions), limit)
    return _WRITERS[fmt](names, rows).encode("utf-8"), truncated


def _json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _json_term(getattr(term, p)) for p in parts}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = canonical_language(term.language)
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _json(names: list[str], rows: list[Row]) -> str:
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return "<triple>" + "".join(f"<{p}>{_xml_term(getattr(term, p))}</{p}>" for p in parts) + "</triple>"
    if term.language:
        attr = f" xml:lang={quoteattr(canonical_language(term.language))}"
    elif term.datatype.value != XSD_STRING:
        attr = f" datatype={quoteattr(term.datatype.value)}"
    else:
        attr = ""
    return f"<literal{attr}>{escape(term.value)}</literal>"


def _xml(names: list[str], rows: list[Row]) -> str:
    head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
    results = "".join(
        "<result>"
        + "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in zip(names, row) if t is not None)
        + "</result>"
        for row in rows
    )
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>{results}</results></sparql>\n"
    )


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _csv(names: list[str], rows: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([_csv_value(t) for t in row] for row in rows)
    return buf.getvalue()


def _tsv(names: list[str], rows: list[Row]) -> str:
    """TSV cells are terms in N-Triples syntax, which escapes tabs and newlines."""
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join(nt_term(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def nt_term(term: object) -> str:
    """A term in N-Triples syntax (which escapes tabs and newlines), language tag in its registered case."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.language:
        return f"{ox.Literal(term.value)}@{canonical_language(term.language)}"
    return str(term)


_WRITERS: dict[ox.QueryResultsFormat, Callable[[list[str], list[Row]], str]] = {
    ox.QueryResultsFormat.JSON: _json,
    ox.QueryResultsFormat.XML: _xml,
    ox.QueryResultsFormat.CSV: _csv,
    ox.QueryResultsFormat.TSV: _tsv,
}
