"""When two names are one thing: rules of identity beyond the lexicon (ontology/identity/).

Plans name one railway 沪苏湖高铁 and 沪苏湖铁路, one strategy 创新驱动战略 and
创新驱动发展战略, and a national strategy with or without 国家 in front. Resolution asks
this module for a name's identity key; names of one type with one key are one entity.
A pair in ``distinct.csv`` is never merged, so a false merge is undone by a line of data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import data_path

DEFAULT_ROOT = data_path("ontology", "identity")
NATIONAL = ("国家", "全国")  # 国家区域协调发展战略 is 区域协调发展战略
NATIONAL_TYPES = ("Program", "Platform")
MIN_REST = 4  # what must remain after 国家: 国家电网 is no 电网

KIND_WORDS = "identity.kind-words"
NATIONAL_PREFIX = "identity.national-prefix"


@dataclass(frozen=True)
class IdentityRules:
    """Kind-word equivalences (variant, canonical, type), longest variant first, and pairs kept apart."""

    equivalents: tuple[tuple[str, str, str], ...]
    distinct: frozenset[frozenset[str]]

    def kind_key(self, label: str, type_: str) -> str:
        """The name with its kind word folded to the canonical one (沪苏湖高铁 -> 沪苏湖铁路)."""
        for variant, canonical, kind in self.equivalents:
            if kind == type_ and label.endswith(variant) and len(label) > len(variant):
                return label[: -len(variant)] + canonical
        return label

    def apart(self, a: str, b: str) -> bool:
        """Has a line of ``distinct.csv`` kept these two names apart?"""
        return frozenset((a, b)) in self.distinct


def national_rest(label: str, type_: str) -> str | None:
    """The name without a leading 国家/全国, for programs and platforms; None if it has none."""
    if type_ in NATIONAL_TYPES and label.startswith(NATIONAL) and len(label) - 2 >= MIN_REST:
        return label[2:]
    return None


@lru_cache(maxsize=4)
def load_identity(root: Path | None = None) -> IdentityRules:
    """The identity data under ``root`` (default ``ontology/identity``)."""
    folder = Path(root or DEFAULT_ROOT)
    rows = _rows(folder / "kind_equivalents.csv")
    equivalents = tuple(sorted(((r["variant"], r["canonical"], r["type"]) for r in rows), key=lambda e: (-len(e[0]), e)))
    distinct = frozenset(frozenset((r["name"], r["other"])) for r in _rows(folder / "distinct.csv"))
    return IdentityRules(equivalents, distinct)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))
