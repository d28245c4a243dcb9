"""Properties that hold for any text at all: normalize, structure.parse and IRI minting."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph.graph.iri import entity_iri, fragment_iri, plan_graph_iri, plan_iri
from plangraph.model import ENTITY_TYPES, PlanMeta, SourceText
from plangraph.read.ingest import normalize
from plangraph.read.structure import parse

# Plan-like text: CJK, plan punctuation, headings and table pipes, full-width forms,
# traditional characters, line breaks of every kind, invisible characters - and anything else.
_PLAN_CHARS = st.sampled_from(list(
    "第一二三章节、。，；：“”《》()（）|#*-—·专栏表1０Ａ 　\n\r\t\u200b\ufeff\u00ad\u2028\x0c"
    "规划纲要建议湖州市高新区數字經濟發展國际大都市产业园区工程行动"
))
TEXT = st.one_of(
    st.text(),
    st.text(_PLAN_CHARS, max_size=400),
    st.lists(st.one_of(st.text(_PLAN_CHARS, max_size=60), st.text(max_size=20)), max_size=12).map("\n".join),
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# What normalization may drop: spacing, line breaks and invisible characters, nothing with content.
_DROPPABLE = set(" \t\r\n\u3000\xa0\u2007\u202f\x0b\x0c\u2028\u2029\x85\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _source(original: str) -> SourceText:
    text, offsets = normalize(original)
    return SourceText(Path("prop.txt"), original, text, offsets, "utf-8")


@SETTINGS
@given(TEXT)
def test_normalize_offsets_map_every_char_back(original):
    text, offsets = normalize(original)
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(original)
    assert all(0 <= a <= b for a, b in zip(offsets, offsets[1:]))
    assert all(o < len(original) for o in offsets[:-1])
    kept = set(offsets[:-1])
    dropped = {original[i] for i in range(len(original)) if i not in kept}
    assert dropped <= _DROPPABLE, dropped


@SETTINGS
@given(TEXT, st.data())
def test_quote_round_trips_any_span(original, data):
    source = _source(original)
    n = len(source.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    x, y = source.to_original(a, b)
    assert 0 <= x <= y <= len(original)
    assert source.quote(a, b) == original[x:y]
    if b > a:  # a non-empty span quotes the characters it came from
        assert x < y and x == source.offsets[a] and y == source.offsets[b - 1] + 1


@SETTINGS
@given(TEXT)
def test_parse_gives_valid_sentence_and_table_spans(original):
    source = _source(original)
    doc = parse(source, PlanMeta(file="prop.txt"))
    n = len(source.text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= n, s
        assert source.text[s.start:s.end].strip(), s
        assert source.quote(s.start, s.end).strip()
        assert all(part.strip() for part in s.section)
    for t in doc.tables:
        assert 0 <= t.start <= t.end <= n
        assert len(t.rows) == len(t.row_spans)
        assert all(t.start <= a <= b <= t.end for a, b in t.row_spans)


LABEL = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)


@SETTINGS
@given(st.sampled_from(ENTITY_TYPES), LABEL, LABEL, st.one_of(st.none(), st.from_regex(r"\A[0-9]{6}\Z")))
def test_entity_iris_are_valid_and_one_per_label(type_, label, other, code):
    iri = entity_iri(type_, label, code)
    ox.NamedNode(iri)  # raises on an invalid IRI
    assert (entity_iri(type_, other, code) == iri) == (other == label)


@SETTINGS
@given(st.text(min_size=1, max_size=40).map(str.strip).filter(bool), st.integers(0, 10**7), st.integers(0, 10**7))
def test_plan_and_fragment_iris_are_valid(plan_id, a, b):
    for iri in (plan_iri(plan_id), plan_graph_iri(plan_id), fragment_iri(plan_id, "s", a, b)):
        ox.NamedNode(iri)
