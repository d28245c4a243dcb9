"""RDF terms and quads written straight as N-Quads text, the format of a build's parts.

Minting a pyoxigraph object for every term and quad, only to serialize it again, cost
about a third of the RDF step; a build's quads are therefore plain N-Quads lines. The
escapes are Oxigraph's own (N-Triples canonical form, language tags lowercased, no
``^^xsd:string``), so the files and the store are byte for byte what they were; the
store parses the lines when it loads them.
"""

from __future__ import annotations

from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)
_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]},
    0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", ord('"'): '\\"', ord("\\"): "\\\\",
}


def iri(value: object) -> str:
    """An IRI as an N-Quads term: ``<value>``.

    >>> iri("https://w3id.org/plangraph/id/region/湖州市")
    '<https://w3id.org/plangraph/id/region/湖州市>'
    """
    return f"<{value}>"


def literal(text: str, *, language: str | None = None, datatype: object = None) -> str:
    """A literal as an N-Quads term, escaped as Oxigraph writes it.

    >>> literal('说"好"', language="zh-Hans")
    '"说\\\\"好\\\\""@zh-hans'
    >>> literal("2025", datatype="http://www.w3.org/2001/XMLSchema#gYear")
    '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    quoted = f'"{text.translate(_ESCAPES)}"'
    if language:
        return f"{quoted}@{language.lower()}"
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f"{quoted}^^<{datatype}>"
    return quoted


def quad(subject: str, predicate: str, obj: str, graph: str) -> str:
    """One N-Quads line of four terms made by ``iri`` and ``literal``."""
    return f"{subject} {predicate} {obj} {graph} .\n"
