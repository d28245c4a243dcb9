"""A plan too big to hold whole is read in pieces, and gives the graph reading it whole gives.

The threshold is lowered (``stream_chars``) so that two bundled plans in one file, 65k
characters, are read in pieces of 5k: seconds, not the minutes of a 50 MB plan
(``bench/limits.py --big`` measures that one).
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from plangraph.build.build import PIECES, build, process
from plangraph.build.stream import read_pieces
from plangraph.graph.store import HTML
from plangraph.model import PlanMeta
from plangraph.read.ingest import read_source
from plangraph.read.inputs import find_inputs
from plangraph.read.structure import parse, parse_pieces
from plangraph.report.view import write_view

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
STREAM = 20_000  # pieces of 5,000 characters


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory) -> Path:
    """The traditional-character Hangzhou plan, then the Huzhou one: one file of 65k characters."""
    path = tmp_path_factory.mktemp("big") / "big-plan.txt"
    texts = [(PLANS / name).read_text(encoding="utf-8") for name in
             ("hangzhou-shi_14th-fyp_proposal.txt", "huzhou-shi_14th-fyp_outline.txt")]
    path.write_text("\n\n".join(texts), encoding="utf-8")
    return path


def test_pieces_hold_the_sentences_and_tables_of_the_whole_parse(big_plan):
    source = read_source(big_plan)
    meta = PlanMeta(file=big_plan.name)
    whole = parse(source, meta)
    pieces = list(parse_pieces(source, meta, 5_000))
    assert len(pieces) > 5
    assert [s for p in pieces for s in p.sentences] == list(whole.sentences)  # offsets and section paths
    assert [t for p in pieces for t in p.tables] == list(whole.tables)
    assert all(p.source is source for p in pieces)


@pytest.mark.slow  # extracts two plans whole and in pieces
def test_pieces_give_the_mentions_of_the_whole_plan(big_plan, tmp_path):
    plan = find_inputs([big_plan]).plans[0]
    whole = process(plan)
    compact = process(plan, pieces=tmp_path, stream_chars=STREAM)
    assert whole.pieces is None and compact.pieces is not None
    read = list(read_pieces(compact))
    assert len(read) > 5
    # the same mentions at the same offsets, and each piece's cite its own sentences
    spans = [(m.start, m.end, m.type, m.key, m.rule) for p in read for m in p.mentions]
    assert spans == [(m.start, m.end, m.type, m.key, m.rule) for m in whole.mentions]
    assert [p.document.sentences[m.sentence] for p in read for m in p.mentions] == [
        whole.document.sentences[m.sentence] for m in whole.mentions]
    assert sum(len(p.relations) for p in read) == len(whole.relations)
    assert sum(len(p.targets) for p in read) == len(whole.targets)
    # held compactly: each distinct mention once, with how often it stands in the plan
    assert sum(compact.counts) == len(whole.mentions) > len(compact.mentions)


def _view(g, folder):
    write_view(g, folder / HTML, title="plangraph")


@pytest.mark.slow  # extracts two plans whole and in pieces
def test_a_plan_read_in_pieces_builds_the_graph_read_whole(big_plan, tmp_path):
    files = [big_plan, PLANS / "hangzhou-shi_14th-fyp_proposal.txt"]  # and a small plan beside it, read whole
    whole = build(files, tmp_path / "whole", view=_view)
    streamed = build(files, tmp_path / "streamed", stream_chars=STREAM, jobs=2, view=_view)
    assert [p.in_pieces for p in whole.plans] == [False, False]
    assert [p.in_pieces for p in streamed.plans] == [True, False]
    assert streamed.quads == whole.quads and not streamed.failures
    for name in ("graph.trig", "graph.ttl", HTML):  # the explorer's graph, made from the pieces too
        assert filecmp.cmp(tmp_path / "whole" / name, tmp_path / "streamed" / name, shallow=False), name
    assert not (tmp_path / "streamed" / PIECES).exists()  # the pieces live only while the build runs
