"""Rule data from ``ontology/patterns/``: adding an entry never needs a code change."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import patterns_root
from .text import NumeralWords

DEFAULT_ROOT = patterns_root()


@dataclass(frozen=True)
class Suffix:
    """A suffix family: names ending in it are of ``type``; ``needs`` tightens the head."""

    text: str
    type: str
    needs: str = ""


@dataclass(frozen=True)
class Positioning:
    """The words of ``positioning.goal`` (positioning.toml): verbs of becoming, the heads of a
    region's titles (anywhere, only in a sentence framed as its goal or naming the region as the
    one taking it, or only in the latter), those frames and the words a region names itself by."""

    verbs: tuple[str, ...]
    region_heads: tuple[str, ...]
    framed_heads: tuple[str, ...]
    own_heads: tuple[str, ...]
    frames: tuple[str, ...]
    self_words: tuple[str, ...]
    subject_leads: tuple[str, ...]
    bare_bodies: tuple[str, ...]
    leads: tuple[str, ...]
    role_heads: tuple[str, ...]
    mottos: tuple[str, ...]
    capital_scopes: tuple[str, ...]
    capital_nouns: tuple[str, ...]


@dataclass(frozen=True)
class Patterns:
    """Everything the rule components read, loaded once."""

    suffixes: tuple[Suffix, ...]
    hard_boundaries: frozenset[str]
    soft_boundaries: frozenset[str]
    generic_heads: frozenset[str]
    place_words: frozenset[str]
    facility_kinds: tuple[str, ...]  # 幼儿园, 管网, 设施: kinds of facility built in numbers (…建设工程 on one alone is a category)
    institution_words: tuple[str, ...]  # 人民, 中心, 实验: with a facility kind, one institution of a place (人民医院)
    exclude: frozenset[str]
    cues_before: frozenset[str]  # verbs that introduce a named initiative (实施“…”)
    cues_after: frozenset[str]  # nouns that follow one (“…”改革)
    brand_words: frozenset[str]  # 平安, 健康...: with a region name, a city brand program
    relation_cues: dict[str, tuple[str, ...]]  # cue word -> predicates it may state (建设 -> hosts; 实施 -> implements, hosts)
    mistagged: frozenset[str]  # everyday words the general dictionary tags as names (智慧, 城市)
    industry_cues: frozenset[str]  # words of a sentence about production and business (产业, 企业)
    regional_moves: tuple[str, ...]  # what a part of a region is set to do in a layout (崛起, 振兴, 一体化)
    partner_countries: frozenset[str]  # 德 in 中德(沈阳)…产业园: countries a bilateral park names after 中
    numeral_words: NumeralWords  # words whose numeral is no count (统一, 一流, 进一步)
    positioning: Positioning  # a region's positioning goals (建设省域副中心城市)

    def is_boundary(self, word: str) -> bool:
        """A hard boundary word, or one glued by the segmenter to a boundary word after it (积极参与, 即以;
        稳步发展, 大力发展: an adverb that leads a verb makes the pair a verb, whatever the verb)."""
        hard, soft = self.hard_boundaries, self.soft_boundaries
        return word in hard or any(word[:i] in hard and (word[i:] in hard or word[i:] in soft) for i in range(1, len(word)))


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _suffixes(path: Path) -> tuple[Suffix, ...]:
    rows = list(csv.reader(_lines(path)))
    header, body = rows[0], rows[1:]
    if header[:2] != ["suffix", "type"]:
        raise ValueError(f"{path.name}: header must start with suffix,type")
    out = []
    for n, row in enumerate(body, start=2):
        if len(row) < 2 or not row[0]:
            raise ValueError(f"{path.name}: bad row {n}: {row}")
        out.append(Suffix(row[0], row[1], row[2] if len(row) > 2 else ""))
    # longest first, so 高新技术产业园区 wins over 产业园
    return tuple(sorted(out, key=lambda s: (-len(s.text), s.text)))


def load_patterns(root: Path | str | None = None) -> Patterns:
    """Read (once per directory) the pattern files of ``root`` or the default folder."""
    return _load(Path(root).resolve() if root else DEFAULT_ROOT)


@lru_cache(maxsize=4)
def _load(root: Path) -> Patterns:
    soft = frozenset(_lines(root / "soft_boundary_words.txt"))
    return Patterns(
        suffixes=_suffixes(root / "suffixes.csv"),
        hard_boundaries=frozenset(_lines(root / "boundary_words.txt")) - soft,  # a soft word is never hard
        soft_boundaries=soft,
        generic_heads=frozenset(_lines(root / "generic_heads.txt")),
        place_words=frozenset(_lines(root / "place_words.txt")),
        facility_kinds=tuple(sorted(_lines(root / "facility_kinds.txt"), key=lambda w: (-len(w), w))),
        institution_words=tuple(_lines(root / "institution_words.txt")),
        exclude=frozenset(_lines(root / "exclude.txt")),
        cues_before=_cues(root / "program_cues.csv", "before"),
        cues_after=_cues(root / "program_cues.csv", "after"),
        brand_words=frozenset(_lines(root / "brand_words.txt")),
        relation_cues=_relation_cues(root / "relation_cues.csv"),
        mistagged=frozenset(_lines(root / "mistagged_words.txt")),
        industry_cues=frozenset(_lines(root / "industry_cues.txt")),
        regional_moves=tuple(sorted(_lines(root / "regional_moves.txt"), key=lambda w: (-len(w), w))),
        partner_countries=frozenset(_lines(root / "partner_countries.txt")),
        numeral_words=NumeralWords(sorted(_lines(root / "numeral_words.txt"), key=lambda w: (-len(w), w))),
        positioning=_positioning(root / "positioning.toml"),
    )


def _positioning(path: Path) -> Positioning:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return Positioning(*(tuple(data[k]) for k in ("verbs", "region_heads", "framed_heads", "own_heads", "frames", "self_words", "subject_leads", "bare_bodies", "leads", "role_heads", "mottos", "capital_scopes", "capital_nouns")))


def _relation_cues(path: Path) -> dict[str, tuple[str, ...]]:
    """Cue -> its predicates in file order; a cue on several rows states whichever fits its object."""
    out: dict[str, tuple[str, ...]] = {}
    for cue, predicate, *_ in list(csv.reader(_lines(path)))[1:]:
        out[cue] = out.get(cue, ()) + (predicate,)
    return out


def _cues(path: Path, position: str) -> frozenset[str]:
    rows = list(csv.reader(_lines(path)))[1:]
    return frozenset(cue for cue, pos in rows if pos == position)
