"""Small text helpers shared by the rule components."""

from __future__ import annotations

import re

QUOTES = "“”\"‘’《》「」『』"
# characters that can never be inside a name's head
DELIMITERS = frozenset("，。；：！？、,.;:!?()（）[]【】<>《》“”\"‘’「」『』 \t\n|/·—-~…")
_QUOTE_TABLE = str.maketrans("", "", QUOTES)


def strip_quotes(text: str) -> tuple[str, list[int]]:
    """Text without quote marks, and for each kept char its index in ``text``.

    Lexicon names are matched on this view so that 数字经济“一号工程” is found as
    数字经济一号工程 while the mention still cites the quoted original.
    """
    index = [i for i, ch in enumerate(text) if ch not in QUOTES]
    return text.translate(_QUOTE_TABLE), index


def clean_label(text: str) -> str:
    """A label as a canonical name: no quotes, brackets or inner spaces."""
    return re.sub(r"\s+", "", text.translate(_QUOTE_TABLE)).strip()
