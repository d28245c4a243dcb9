"""Quantified targets (主要指标 tables and goals in the text) of a plan.

Researchers compare these across regions, so each target keeps its number as a
plain decimal, its qualifiers apart, and the table row or sentence it came from.
"""

from __future__ import annotations

from ..indicators import IndicatorLexicon, load_indicators
from ..model import Document
from ..read.period import period_years
from .tables import table_targets
from .text import text_targets
from .values import Target, Value, parse_value

__all__ = ["Target", "Value", "extract_targets", "parse_value"]


def extract_targets(doc: Document, lexicon: IndicatorLexicon | None = None) -> list[Target]:
    """Every target of a plan: its indicator tables first, then the sentences."""
    lexicon = lexicon or load_indicators()
    years = period_years(doc.meta.period)
    end = years[1] if years else None
    out: list[Target] = []
    for table in doc.tables:
        out.extend(table_targets(doc, table, lexicon, end))
    out.extend(text_targets(doc, lexicon, end))
    return out

