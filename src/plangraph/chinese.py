"""Chinese-text resources shared by every stage: quote marks and canonical labels.

Reading, extraction, resolution and the targets all match Chinese text; the
character classes they share are defined once here, so two stages never
disagree on what counts as a quote mark.
"""

from __future__ import annotations

import re

QUOTES = "“”\"‘’《》「」『』"
_QUOTE_TABLE = str.maketrans("", "", QUOTES)


def without_quotes(text: str) -> str:
    """``text`` with every quote mark dropped (数字经济“一号工程” -> 数字经济一号工程)."""
    return text.translate(_QUOTE_TABLE)


def clean_label(text: str) -> str:
    """A label as a canonical name: no quotes, brackets or inner spaces.

    >>> clean_label(" “八八 战略” ")
    '八八战略'
    """
    return re.sub(r"\s+", "", without_quotes(text)).strip()
