"""Raptor's rapper, an RDF parser independent of Oxigraph and rdflib, reads every file we publish.

rapper is strict where others are lenient (prefixed names containing '/', for one), so a
clean parse here means any RDF 1.1 tool reads the output. CI installs raptor2-utils; a
machine without it skips these tests unless CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from plangraph.graph import store

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
RAPPER = shutil.which("rapper")

if RAPPER is None and not os.environ.get("CI"):
    pytest.skip("rapper (Debian raptor2-utils) is not installed", allow_module_level=True)


def rapper_count(path: Path, syntax: str) -> int:
    """Parse a file with rapper; fail on any error or warning, else return how many triples it read."""
    assert RAPPER, "rapper is missing: apt-get install raptor2-utils"
    run = subprocess.run([RAPPER, "-i", syntax, "-c", str(path)], check=False, capture_output=True, text=True, timeout=300)
    problems = [line for line in run.stderr.splitlines() if re.search(r"\b(Error|Warning)\b", line)]
    assert run.returncode == 0 and not problems, f"{path.name}: " + "\n".join(problems[:10] or [run.stderr])
    m = re.search(r"returned (\d+) (?:triples|statements)", run.stderr)
    assert m, run.stderr
    return int(m.group(1))


def test_rapper_reads_every_triple_of_graph_ttl(out, st):
    triples = {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None)}
    assert rapper_count(out / store.TURTLE, "turtle") == len(triples)


def test_rapper_reads_every_quad_of_graph_trig(out, st):
    assert rapper_count(out / store.TRIG, "trig") == len(st)


@pytest.mark.parametrize("name", ["plangraph.ttl", "shapes.ttl"])
def test_rapper_reads_the_ontology_and_shapes(name):
    path = ONTOLOGY / name
    expected = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert rapper_count(path, "turtle") == expected
