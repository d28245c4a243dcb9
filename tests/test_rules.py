"""The rule catalogue (ontology/rules.toml): every rule is declared, has examples both ways, and does what they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plangraph.extract.rules import catalogue, failures, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
_RULE_ID = re.compile(r'"((?:lexicon|towns|brands|positioning|versions|quoted|lists|suffixes|relations)\.(?!csv|txt|toml)[a-z]+(?:-[a-z]+)*)"')


def test_every_rule_has_a_positive_and_a_negative_example():
    assert RULES
    for rule in RULES:
        assert rule.positive and rule.negative, rule.id
        assert rule.matches.strip(), rule.id


def test_the_rules_the_components_record_are_exactly_the_declared_ones():
    used = {m for path in (ROOT / "src" / "plangraph" / "extract").glob("*.py") for m in _RULE_ID.findall(path.read_text(encoding="utf-8"))}
    assert used == {r.id for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_does_what_its_examples_say(rule):
    assert failures(rule) == []


def test_the_generated_catalogue_is_current():
    doc = ROOT / "docs" / "extraction-rules.md"
    assert doc.read_text(encoding="utf-8") == catalogue(RULES), "run: python -m plangraph.extract.rules > docs/extraction-rules.md"


def test_a_region_named_only_inside_longer_names_is_no_mention_but_keeps_its_relations():
    from plangraph.extract.rules import extract_text, names

    ex = extract_text("推进湖州莫干山高新区建设。", "绍兴市")
    assert not any(m.type == "Region" and m.label == "湖州市" for m in ex.mentions)
    assert any("湖州莫干山高新区" in names(r.subject) and r.predicate == "locatedIn" and "湖州市" in names(r.object)
               for r in ex.relations)
    alone = extract_text("推进湖州莫干山高新区建设,深化与湖州合作。", "绍兴市")
    assert sum(m.label == "湖州市" for m in alone.mentions) == 2  # named alone once: every mention counts
