"""What a public, read-only SPARQL endpoint must refuse before running a request.

Oxigraph's query parser already rejects updates, but only with a generic
syntax error; a client that sent ``INSERT DATA`` deserves to hear that the
endpoint is read-only. ``SERVICE`` is refused because Oxigraph would follow it
and fetch any URL the query names, turning the endpoint into a proxy.

The checks read SPARQL's tokens (comments, strings, IRIs and language tags
skipped), so a keyword quoted in a literal or an IRI never triggers them.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r"""
      (?P<skip>
          \#[^\n]*                                   # comment
        | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"         # long strings
        | '''(?:[^'\\]|\\.|'(?!''))*'''
        | "(?:[^"\\\n]|\\.)*"                        # short strings
        | '(?:[^'\\\n]|\\.)*'
        | <[^<>"{}|^`\\\x00-\x20]*>                  # IRI
        | @[A-Za-z]+(?:-[A-Za-z0-9]+)*               # language tag
        | [?$][\w]+                                  # variable
        | [\w.\-]*:[\w.\-%:]*                        # prefixed name
      )
    | (?P<word>[A-Za-z_]\w*)
    """,
    re.VERBOSE,
)
_PROLOGUE = {"BASE", "PREFIX"}
UPDATE_OPERATIONS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKENS.finditer(text) if m.group("word")]


def is_update(text: str) -> bool:
    """True when the text's first operation (after BASE/PREFIX) is a SPARQL Update."""
    first = next((w for w in keywords(text) if w not in _PROLOGUE), "")
    return first in UPDATE_OPERATIONS


def refusal(text: str) -> str | None:
    """Why the endpoint will not run this text, or None when it may."""
    if is_update(text):
        return "SPARQL Update is not allowed: this endpoint is read-only"
    if "SERVICE" in keywords(text):
        return "SERVICE (federated query) is disabled: this endpoint reads only its own store"
    return None
