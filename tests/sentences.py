"""What the extractor reads from one sentence of a region's plan, as the sentence-level tests check it.

One place for the helpers the rule tests share, so each test file states only its sentences and
what it expects (``extract_text`` reads a sentence the way a rule's examples are read).
"""

from __future__ import annotations

from plangraph.extract.rules import extract_text
from plangraph.model import Mention


def mentions(text: str, region: str | None, type_: str = "") -> list[Mention]:
    """The mentions read from ``text``, of ``type_`` when given."""
    return [m for m in extract_text(text, region).mentions if not type_ or m.type == type_]


def labels(text: str, region: str | None, type_: str) -> set[str]:
    """The names (label, else surface text) of the entities of ``type_`` in ``text``."""
    return {m.label or m.text for m in mentions(text, region, type_)}


def typed_labels(text: str, region: str | None, types: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """(type, name) of every entity in ``text``, or of those of ``types`` when given."""
    return {(m.type, m.label or m.text) for m in mentions(text, region) if not types or m.type in types}
