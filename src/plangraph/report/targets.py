"""Region × indicator comparison of targets, read from a build's store.

Rows are indicators, columns regions, cells the target as a reader would write
it (≥10%, >2.3万亿元, 完成省下达目标). When a plan states one indicator twice
(its table and its text) and the two differ, both are shown.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox

from ..graph import store
from ..indicators import load_indicators

CSV = "targets.csv"
_PREFIX = ("≥", ">", "≤", "<")
_QUERY = """
SELECT ?file ?region ?label ?value ?text ?unit ?growth (GROUP_CONCAT(?q; separator=" ") AS ?quals) WHERE {
  ?plan a pg:Plan ; pg:sourceFile ?file ; pg:hasTarget ?t .
  OPTIONAL { ?plan pg:region ?r . ?r skos:prefLabel ?region }
  ?t pg:indicator ?i ; pg:targetYear %d . ?i skos:prefLabel ?label .
  OPTIONAL { ?t pg:targetValue ?value } OPTIONAL { ?t pg:targetText ?text }
  OPTIONAL { ?t pg:unit ?unit } OPTIONAL { ?t pg:growth ?growth } OPTIONAL { ?t pg:qualifier ?q }
} GROUP BY ?file ?region ?label ?value ?text ?unit ?growth ?t
"""


def comparison(st: ox.Store, year: int = 2025, indicator: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the comparison table for targets of ``year``.

    ``indicator`` keeps the indicator it resolves to (研发投入强度 finds R&D经费支出占GDP比重)
    and every indicator whose label contains it.
    """
    wanted = load_indicators().resolve(indicator).label if indicator else None
    cells: dict[tuple[str, str], list[str]] = {}
    regions: set[str] = set()
    solutions = store.query(st, _QUERY % year)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        label = _text(row["label"])
        if indicator and label != wanted and indicator not in label:
            continue
        region = _text(row["region"]) or _text(row["file"]).rsplit(".", 1)[0]
        regions.add(region)
        shown = display(_text(row["value"]), _text(row["quals"]).split(), _text(row["unit"]),
                        _text(row["text"]) or _text(row["growth"]) and f"年均{_text(row['growth'])}")
        values = cells.setdefault((label, region), [])
        if shown and shown not in values:
            values.append(shown)
    columns = sorted(regions)
    labels = sorted({label for label, _ in cells})
    rows = [[label] + [" / ".join(sorted(cells.get((label, r), []))) for r in columns] for label in labels]
    return ["indicator", *columns], rows


def display(value: str, qualifiers: list[str], unit: str, text: str) -> str:
    """A target as one short string: ≥10%, 7%左右, [5]% (累计), or its words."""
    if not value:
        return text
    prefix = next((q for q in _PREFIX if q in qualifiers), "")
    suffix = "左右" if "左右" in qualifiers else ""
    cumulative = " (累计)" if "累计" in qualifiers else ""
    return f"{prefix}{value}{unit}{suffix}{cumulative}"


def write_comparison(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """The comparison as CSV (UTF-8, one header row)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))
