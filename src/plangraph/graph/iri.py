"""The one place that mints IRIs, so identity is stable and readable.

Entity IRIs are ``id/<type>/<label>``: the canonical simplified label, kept
readable (CJK stays as is) and percent-encoding only what IRIs and Turtle local
names cannot carry. Administrative regions add their GB/T 2260 code because
names repeat across provinces (two 朝阳区).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from .vocab import ENTITY_NS, GRAPH_NS, PLAN_NS

# unreserved ASCII plus the characters RFC 3987 allows in an IRI path (ucschar, less
# punctuation blocks) are kept; the rest (private use, non-characters, …) is %-encoded
_UCSCHAR = "\u0370-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"\\U{plane:08x}-\\U{plane + 0xFFFD:08x}" for plane in range(0x10000, 0xE0000, 0x10000)
) + "\\U000e1000-\\U000efffd"
_UNSAFE = re.compile(rf"[^0-9A-Za-z_\-\u00b7{_UCSCHAR}]|[\u2000-\u206f\u3000-\u303f\uff00-\uffef]")


def slug(text: str) -> str:
    """A stable IRI segment for any label; never empty."""
    text = text.strip()
    if not text:
        return "_"
    return _UNSAFE.sub(lambda m: quote(m.group(), safe=""), text)


def entity_iri(type_: str, label: str, code: str | None = None) -> str:
    """IRI of an entity of a type; codes disambiguate administrative names."""
    tail = f"{slug(label)}-{code}" if code else slug(label)
    return str(ENTITY_NS[f"{type_.lower()}/{tail}"])


@lru_cache(maxsize=4096)  # every fragment IRI of a plan starts with it: slug it once
def plan_iri(plan_id: str) -> str:
    """IRI of a plan, from its stable id (the file stem)."""
    return str(PLAN_NS[slug(plan_id)])


@lru_cache(maxsize=4096)
def plan_graph_iri(plan_id: str) -> str:
    """The named graph holding everything one plan says."""
    return str(GRAPH_NS[slug(plan_id)])


def fragment_iri(plan_id: str, kind: str, start: int, end: int) -> str:
    """IRI of a sentence or mention: plan plus its span in the source."""
    return f"{plan_iri(plan_id)}#{kind}{start}-{end}"


def char_iri(plan_id: str, start: int, end: int) -> str:
    """The characters ``start``..``end`` of a plan's text as an RFC 5147 fragment IRI, a mention's
    Web Annotation target: one IRI instead of a Specific Resource and a Text Position Selector.

    >>> char_iri("p", 5, 9)
    'https://w3id.org/plangraph/plan/p#char=5,9'
    """
    return f"{plan_iri(plan_id)}#char={start},{end}"


def char_span(target: str) -> tuple[int, int]:
    """The start and end offsets of a ``char_iri``, for readers that need the quoted characters.

    >>> char_span("https://w3id.org/plangraph/plan/p#char=5,9")
    (5, 9)
    """
    start, end = target.rsplit("#char=", 1)[1].split(",")
    return int(start), int(end)
