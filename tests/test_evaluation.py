"""The scorer behind ``make eval``: its matching rules, its floors, and agreement with the gold's own scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plangraph.evaluation.runner import EVAL, below_floors, wide_inputs
from plangraph.evaluation.scoring import lenient_eq, norm, read_dataset, score

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

TINY = """@prefix pg: <https://w3id.org/plangraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:g> {
  <urn:plan> a pg:Plan ; pg:sourceFile "a.txt" ; pg:mentions <urn:e1>, <urn:e2>, <urn:e3> .
  <urn:e1> a pg:Program ; skos:prefLabel "八八戰略"@zh-Hant .
  <urn:e2> a pg:Industry ; skos:prefLabel "集成电路产业"@zh-Hans .
  <urn:e3> a pg:Region ; skos:prefLabel "月球"@zh-Hans ; pg:partOf <urn:e1> .
}
"""
GOLD = {"doc": "a.txt", "entities": [
    {"type": "Program", "name": "八八战略", "surface": ["“八八战略”"]},
    {"type": "Industry", "name": "集成电路", "surface": ["集成电路"]},
    {"type": "Project", "name": "湖杭高铁", "surface": ["湖杭高铁"]}],
    "relations": [{"s": "月球", "p": "partOf", "o": "八八战略"}, {"s": "八八战略", "p": "develops", "o": "月球"}]}


def test_labels_compare_simplified_without_quotes_or_spaces():
    assert norm("“八八戰略” ") == "八八战略"
    assert lenient_eq("集成电路", "集成电路产业")  # 4 of 6 characters
    assert not lenient_eq("电路", "集成电路产业")  # too small a part
    assert not lenient_eq("a", "ab")


def test_strict_lenient_and_typed_matches_and_relations(tmp_path):
    path = tmp_path / "tiny.trig"
    path.write_text(TINY, encoding="utf-8")
    fig = score([GOLD], read_dataset(path)).figures()
    assert (fig["ALL"]["gold"], fig["ALL"]["ext"]) == (3, 3)
    assert fig["Program"]["recall_typed"] == 1.0  # traditional label, quotes in the gold surface
    assert fig["Industry"]["recall_strict"] == 0.0 and fig["Industry"]["recall_lenient"] == 1.0
    assert fig["Project"]["recall_lenient"] == 0.0
    assert fig["Region"]["precision_lenient"] == 0.0  # 月球 is in no gold
    assert fig["relations"] == dict(gold=2, linked=2, typed=1, recall=1.0, recall_typed=0.5)


def test_floors_name_every_figure_below_them():
    figures = {"wide": {"recall": 0.5, "precision": 0.7}}
    assert below_floors(figures, {"wide": {"recall": 0.6, "precision": 0.7}}) == ["wide recall: 0.500 < 0.600"]


def test_wide_inputs_drop_the_header_and_leave_the_region_to_the_text(tmp_path):
    gold = wide_inputs(tmp_path)
    assert len(gold) == len(list((EVAL / "wide").glob("*.txt"))) == 20
    first = sorted(tmp_path.glob("*.txt"))[0]
    assert not first.read_text(encoding="utf-8").startswith("#")
    assert not (tmp_path / "manifest.csv").exists()


def test_every_wide_excerpt_names_its_own_region():
    """Without a manifest an excerpt's region comes from its text (中共江西省委, 芜湖市国民经济…规划,
    青岛西海岸新区(黄岛区)…); the gold says which region it is."""
    import json

    from plangraph.read.ingest import read_source
    from plangraph.read.manifest import infer_meta

    for path in sorted((EVAL / "wide").glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["region"]["name"]
        if path.name.startswith("11_"):
            continue  # two paragraphs that name no plan and no region
        assert infer_meta(read_source(path), path.name).region == gold, path.name


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the gold's own scorer is in ../shared, beside the repo")
def test_agrees_with_the_reference_scorer_on_the_wide_build(tmp_path):
    from plangraph.build.build import build

    inputs = tmp_path / "in"
    inputs.mkdir()
    gold = wide_inputs(inputs)
    build([inputs], tmp_path / "out")
    trig = tmp_path / "out" / "graph.trig"
    golds = sorted(str(p) for p in (EVAL / "wide").glob("*.json"))
    subprocess.run([sys.executable, str(REFERENCE), str(trig), *golds, "--json", str(tmp_path / "ref.json")],
                   check=True, capture_output=True)
    reference = json.loads((tmp_path / "ref.json").read_text(encoding="utf-8"))
    assert score(gold, read_dataset(trig)).figures() == reference
