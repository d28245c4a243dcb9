"""Plans too big to hold whole, read in pieces so that a build's memory is bounded by a piece.

A plan over ``STREAM_CHARS`` characters is parsed in pieces of about ``PIECE_CHARS``
(whole lines and tables; the heading stack runs on, so section paths are those of the whole
parse), and each piece is extracted and written to disk. The steps over the whole document
(is an industry word backed as an industry anywhere? is a region named alone anywhere?) join
what every piece says before any piece drops a mention. Resolution gets the plan compactly:
each distinct mention once, with how often it stands in the plan (``Extraction.counts``).
Its graph is then written piece by piece, each piece's quads sorted on their own and the
sorted runs merged. The result is the graph reading the plan whole gives
(``tests/test_stream.py``), in memory a piece's worth plus the plan's text.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..graph.rdf import plan_quads
from ..graph.resolve import Form, Resolution, mention_form, relation_rows
from ..lexicon import Lexicon
from ..model import Document, Extraction, Mention, PlanMeta, Relation, SourceText
from ..read.structure import parse_pieces
from ..targets import Target, extract_targets

if TYPE_CHECKING:
    from spacy.language import Language

# Plans longer than this are read in pieces of a quarter of it. The longest real plans have
# under 0.4 M characters, so they are read whole; 1 M read whole costs about 0.8 GB at the
# peak. A piece of 250k characters makes ~130k quads: Oxigraph's bulk load of one takes ~130 MB.
STREAM_CHARS = 1_000_000
PIECES_PER_STREAM = 4

def extract_in_pieces(
    source: SourceText, meta: PlanMeta, folder: Path, stream_chars: int = STREAM_CHARS, nlp: Language | None = None
) -> Extraction:
    """The compact extraction of a big plan, read in pieces of ``stream_chars / 4`` characters;
    the pieces' whole extractions go into ``folder``.

    Three passes over the pieces on disk, so the steps over the whole document see every
    piece: extract (and collect the industries backed), drop unbacked industries (and
    collect the names named alone), drop names named only inside longer names.
    """
    from ..extract import build_pipeline  # spaCy loads only when a plan is extracted
    from ..extract.industry_evidence import backed_industries, drop_unbacked_industries
    from ..extract.nested_names import drop_nested_names, names_named_alone
    from ..extract.pipeline import extract_sentences, industry_cues

    nlp = nlp or build_pipeline()
    cues = industry_cues(nlp)
    folder.mkdir(parents=True, exist_ok=True)
    topics: dict[tuple[str, ...], Mention] = {}
    backed: set[str] = set()
    files: list[Path] = []
    for n, doc in enumerate(parse_pieces(source, meta, max(1, stream_chars // PIECES_PER_STREAM))):
        ex = extract_sentences(doc, nlp, topics)
        ex.targets = extract_targets(doc)
        backed |= backed_industries(ex, cues)
        files.append(folder / f"{n:06d}.pickle")
        _save(files[-1], ex)
    alone: set[str] = set()
    for path in files:
        ex = _load(path, source, meta)
        drop_unbacked_industries(ex, backed)
        alone |= names_named_alone(ex)
        _save(path, ex)
    compact = _Compact()
    for path in files:
        ex = _load(path, source, meta)
        drop_nested_names(ex, alone)
        _save(path, ex)
        compact.add(ex)
    return compact.extraction(source, meta, folder)


def piece_quads(ex: Extraction, res: Resolution, index: int, lexicon: Lexicon) -> Iterator[Iterator[str]]:
    """The quads of a plan read in pieces, one iterator a piece, its pieces read back one at a time.

    ``index`` is the plan's position in the extractions ``res`` was resolved from (with ``lexicon``).
    """
    for piece, iris, rows in resolved_pieces(ex, res, index, lexicon):
        yield plan_quads(piece, iris, res.plan_regions[index], rows)


def resolved_pieces(
    ex: Extraction, res: Resolution, index: int, lexicon: Lexicon
) -> Iterator[tuple[Extraction, list[str], list[tuple[str, str, str, int, str]]]]:
    """Each piece of a plan read in pieces, with the IRIs of its mentions and its relation rows."""
    source = ex.document.source
    iri_of = {mention_form(m, source): iri for m, iri in zip(ex.mentions, res.mention_iris[index])}
    for piece in read_pieces(ex):
        # a relation may name the platform a heading of an earlier piece made its section's topic
        ends = [e for r in piece.relations for e in (r.subject, r.object) if isinstance(e, Mention)]
        by_mention = {m: iri_of[mention_form(m, source)] for m in (*piece.mentions, *ends) if mention_form(m, source) in iri_of}
        yield piece, [by_mention[m] for m in piece.mentions], relation_rows(res, lexicon, by_mention, piece.relations)


def read_pieces(ex: Extraction) -> Iterator[Extraction]:
    """The whole extractions of the pieces of a plan read in pieces, in text order, one at a time."""
    assert ex.pieces is not None, "only for a plan read in pieces"
    for path in sorted(ex.pieces.glob("*.pickle")):
        yield _load(path, ex.document.source, ex.document.meta)


@dataclass
class _Compact:
    """The distinct mentions, lexicon ids and indicators of a plan's pieces, gathered piece by piece."""

    mentions: dict[Form, Mention] = field(default_factory=dict)  # the first of each form, in text order
    counts: dict[Form, int] = field(default_factory=dict)
    refs: dict[str, Relation] = field(default_factory=dict)
    indicators: dict[tuple[str, str], Target] = field(default_factory=dict)

    def add(self, ex: Extraction) -> None:
        source = ex.document.source
        for m in ex.mentions:
            key = mention_form(m, source)
            self.mentions.setdefault(key, m)
            self.counts[key] = self.counts.get(key, 0) + 1
        for r in ex.relations:
            for end in (r.subject, r.object):
                if isinstance(end, str):
                    # resolving a relation mints the entities of the lexicon ids it names; one that
                    # names the id at both ends mints it and records nothing, as the plan's did
                    self.refs.setdefault(end, Relation(end, r.predicate, end, -1))
        for t in ex.targets:
            self.indicators.setdefault((t.label, t.indicator), t)

    def extraction(self, source: SourceText, meta: PlanMeta, folder: Path) -> Extraction:
        return Extraction(
            Document(source=source, meta=meta, sentences=()),
            mentions=list(self.mentions.values()),
            relations=[self.refs[k] for k in sorted(self.refs)],
            targets=list(self.indicators.values()),
            counts=list(self.counts.values()),
            pieces=folder,
        )


def _save(path: Path, ex: Extraction) -> None:
    """A piece without its document's text (every piece shares the plan's) or tables (read already)."""
    with path.open("wb") as fh:
        pickle.dump((ex.document.sentences, ex.mentions, ex.relations, ex.targets), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path, source: SourceText, meta: PlanMeta) -> Extraction:
    with path.open("rb") as fh:
        sentences, mentions, relations, targets = pickle.load(fh)
    return Extraction(Document(source=source, meta=meta, sentences=sentences), mentions, relations, targets)
