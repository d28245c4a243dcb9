"""The rule catalogue: every extraction rule declared as data, with examples that are its tests.

``ontology/rules.toml`` gives each rule an id (the ``pg:rule`` a mention or relation records),
what it matches, and positive and negative examples taken from plans of many regions. A
positive example must yield the named mention (or relation) by that rule; a negative one must
not. ``python -m plangraph.extract.rules`` writes the catalogue as Markdown (docs/extraction-rules.md).
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import load_lexicon
from ..model import Document, Extraction, Mention, PlanMeta, Ref, Sentence, SourceText, split_rules
from ..read.ingest import normalize
from ..resources import data_path
from .pipeline import build_pipeline, extract

DEFAULT_PATH = data_path("ontology") / "rules.toml"


@dataclass(frozen=True)
class Example:
    """A sentence of a plan and what one rule must (or must not) read from it."""

    text: str
    region: str | None = None  # the plan's region, as a manifest would give it
    find: str = ""  # a mention's label or surface
    type: str = ""  # its entity type, if the example pins it
    relation: tuple[str, str, str] = ("", "", "")  # (subject, predicate, object) labels


@dataclass(frozen=True)
class Rule:
    id: str
    component: str
    matches: str
    positive: tuple[Example, ...]
    negative: tuple[Example, ...]

    @property
    def reads_relations(self) -> bool:
        return self.id.startswith("relations.")


@lru_cache(maxsize=2)
def load_rules(path: Path = DEFAULT_PATH) -> tuple[Rule, ...]:
    """Every declared rule, in file order."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)

    def examples(rows: list[dict]) -> tuple[Example, ...]:
        return tuple(Example(**{**row, "relation": tuple(row.get("relation", ("", "", "")))}) for row in rows)

    return tuple(Rule(r["id"], r["component"], r["matches"], examples(r.get("positive", [])),
                      examples(r.get("negative", []))) for r in data["rule"])


def extract_text(text: str, region: str | None = None) -> Extraction:
    """The extraction of a one-sentence plan of ``region``: how an example is read."""
    normalized, offsets = normalize(text)
    source = SourceText(Path("example.txt"), text, normalized, offsets, "utf-8")
    document = Document(source, PlanMeta("example.txt", region=region), (Sentence(0, len(normalized), ("example",)),))
    return extract(document, build_pipeline())


def names(ref: Ref) -> set[str]:
    """Every name an example may use for a relation end or mention: label, surface, aliases."""
    if isinstance(ref, Mention):
        return {n for n in (ref.label, ref.text, *ref.aliases) if n}
    entry = load_lexicon().entries.get(ref)
    return {n for n in (entry.name, entry.short, *entry.aliases) if n} if entry else {ref}


def found_by(rule: Rule, example: Example) -> bool:
    """Does ``rule`` read what ``example`` names from its sentence?"""
    ex = extract_text(example.text, example.region)
    if rule.reads_relations:
        s, p, o = example.relation
        return any(rule.id in split_rules(r.rule) and r.predicate == p and s in names(r.subject) and o in names(r.object)
                   for r in ex.relations)
    return any(rule.id in m.rules and example.find in names(m) and example.type in ("", m.type) for m in ex.mentions)


def failures(rule: Rule) -> list[str]:
    """What the rule's examples show it does wrong (empty when it does what it says)."""
    out = [f"{rule.id}: misses its positive example {e.find or e.relation} in {e.text!r}"
           for e in rule.positive if not found_by(rule, e)]
    out += [f"{rule.id}: reads its negative example {e.find or e.relation} in {e.text!r}"
            for e in rule.negative if found_by(rule, e)]
    return out


def catalogue(rules: tuple[Rule, ...]) -> str:
    """The rules as a Markdown page."""
    lines = ["# Extraction rules", "",
             "Generated from `ontology/rules.toml` by `python -m plangraph.extract.rules`; do not edit by hand.",
             "Every mention and relation in the graph names the rules that found it (`pg:rule`). Each example",
             "below runs as a test (`tests/test_rules.py`).", ""]
    for rule in rules:
        lines += [f"## `{rule.id}`", "", f"Component `{rule.component}`. {rule.matches}", ""]
        for mark, examples in (("finds", rule.positive), ("does not find", rule.negative)):
            for e in examples:
                what = " ".join(e.relation) if rule.reads_relations else e.find + (f" ({e.type})" if e.type else "")
                where = f" — plan of {e.region}" if e.region else ""
                lines.append(f"- {mark} **{what}** in “{e.text}”{where}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(catalogue(load_rules()))
