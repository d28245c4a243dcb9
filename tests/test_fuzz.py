"""The whole build on mutated plans: lines deleted, duplicated, shuffled, truncated, random
Unicode inserted. Any outcome is fine except a crash: a valid TriG whose offsets quote the
file, or one clear failure line for the file. Bounded to 25 examples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph.build.build import build
from plangraph.graph.iri import char_span
from plangraph.read.ingest import read_source

PLAN = Path(__file__).resolve().parents[1] / "data" / "plans" / "huzhou-wuxing-qu_14th-fyp_outline.txt"
LINES = read_source(PLAN).original.splitlines()[:220]  # title, notice, a table and two chapters
OFFSETS = {ox.NamedNode("http://www.w3.org/ns/oa#start"): "start", ox.NamedNode("http://www.w3.org/ns/oa#end"): "end"}
VALUE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
TARGET = ox.NamedNode("http://www.w3.org/ns/oa#hasTarget")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("delete", "duplicate", "shuffle", "insert", "truncate", "garble")))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i:i + draw(st.integers(1, 30))]
        elif op == "duplicate" and lines:
            lines[i:i] = lines[i:i + draw(st.integers(1, 20))]
        elif op == "shuffle":
            chunk = lines[i:i + 40]
            lines[i:i + 40] = draw(st.permutations(chunk))
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "truncate":
            lines = lines[:i]
        elif op == "garble" and lines:  # random characters inside a line
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.text(min_size=1, max_size=10)) + line[at:]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutated_plan_builds_or_fails_in_one_line(tmp_path, text):
    plan = tmp_path / "mutated.txt"
    plan.write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    result = build([plan], out, force=True)
    if not result.plans:
        assert len(result.failures) == 1 and "\n" not in result.failures[0]
        assert result.failures[0].startswith("mutated.txt: ")
        assert "cannot be processed" not in result.failures[0], result.failures[0]  # a crash, not bad input
        return
    assert result.failures == []
    original = read_source(plan).original
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) == result.quads
    spans: dict[ox.NamedNode, dict[str, int]] = {}
    values = {}
    for q in quads:
        if q.predicate in OFFSETS:
            spans.setdefault(q.subject, {})[OFFSETS[q.predicate]] = int(q.object.value)
        elif q.predicate == VALUE:
            values[q.subject] = q.object.value
        elif q.predicate == TARGET:  # a mention's characters, <plan#char=a,b>
            spans[q.object] = dict(zip(("start", "end"), char_span(q.object.value)))
    assert spans
    for node, span in spans.items():
        assert 0 <= span["start"] <= span["end"] <= len(original), (node, span)
        if node in values:
            assert original[span["start"]:span["end"]] == values[node]
