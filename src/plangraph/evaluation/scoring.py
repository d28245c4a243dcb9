"""Recall and precision of a built dataset against gold JSON files.

The matching is the evaluation contract of ``eval/GUIDELINES.md`` and must give the same
figures as the reference scorer shipped with the gold: labels are compared after NFKC,
traditional→simplified and stripping quotes, brackets and spaces; an extracted entity
matches a gold one strictly when they share a label, leniently when one label contains
the other and covers at least 60% of it. Every function here is pure over plain data
read once from the dataset.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..graph.vocab import PG
from ..script import simplified

PG_NS = str(PG._NS)

TYPES = ("Region", "Platform", "Industry", "Project", "Program")
_STRIP = re.compile(r"[\s“”\"'‘’《》「」『』〈〉()（）·・]")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_LABELS = "skos:prefLabel|skos:altLabel|rdfs:label"
_PREFIXES = (f"PREFIX pg: <{PG_NS}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def norm(label: str) -> str:
    """The form labels are compared in."""
    return _STRIP.sub("", simplified(unicodedata.normalize("NFKC", label)))


def lenient_eq(a: str, b: str) -> bool:
    """Equal, or the shorter (≥ 2 chars) inside the longer and ≥ 60% of its length."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and short in long_ and len(short) / len(long_) >= 0.6


@dataclass
class Dataset:
    """What scoring reads from a build, once."""

    entities: dict[str, dict[str, tuple[set[str], set[str]]]]  # file -> iri -> (types, labels)
    labels: dict[str, set[str]]  # any node -> its normalized labels
    edges: dict[tuple[str, str], set[str]]  # (a, b) both ways -> pg: predicates
    targets: dict[str, list[tuple[str, str]]]  # file -> (indicator label, value)


def read_dataset(path: Path) -> Dataset:
    """Load a TriG/N-Quads/Turtle/N-Triples file and read what scoring needs."""
    store = ox.Store()
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
           ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}[path.suffix.lower()]
    with path.open("rb") as fh:
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            store.load(fh, fmt, to_graph=ox.DefaultGraph())
        else:
            store.load(fh, fmt)

    def rows(query: str):
        return store.query(_PREFIXES + query, use_default_graph_as_union=True)

    entities: dict[str, dict[str, tuple[set[str], set[str]]]] = defaultdict(dict)
    for r in rows(f"SELECT DISTINCT ?src ?e ?t ?l WHERE {{ ?plan a pg:Plan ; pg:sourceFile ?src ; "
                  f"pg:mentions ?e . ?e a ?t ; {_LABELS} ?l }}"):
        kind = r["t"].value.removeprefix(PG_NS)
        if kind in TYPES and r["t"].value.startswith(PG_NS):
            types, labels = entities[Path(r["src"].value).name].setdefault(r["e"].value, (set(), set()))
            types.add(kind)
            labels.add(norm(r["l"].value))
    labels: dict[str, set[str]] = defaultdict(set)
    for r in rows(f"SELECT ?e ?l WHERE {{ ?e {_LABELS} ?l }}"):
        labels[r["e"].value].add(norm(r["l"].value))
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows(f'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), "{PG_NS}")) FILTER(isIRI(?o)) }}'):
        p = r["p"].value.removeprefix(PG_NS)
        edges[(r["s"].value, r["o"].value)].add(p)
        edges[(r["o"].value, r["s"].value)].add(p)
    targets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows(f"SELECT ?src ?name ?v WHERE {{ ?plan pg:sourceFile ?src ; pg:hasTarget ?t . "
                  f"?t pg:indicator ?i ; pg:targetValue ?v . ?i {_LABELS} ?name }}"):
        targets[Path(r["src"].value).name].append((norm(r["name"].value), r["v"].value))
    return Dataset(dict(entities), dict(labels), dict(edges), dict(targets))


@dataclass
class Counts:
    gold: int = 0
    hit_strict: int = 0
    hit_lenient: int = 0
    hit_typed: int = 0
    ext: int = 0
    ext_ok: int = 0
    ext_ok_lenient: int = 0

    def row(self) -> dict[str, float | int]:
        g, e = self.gold or 1, self.ext or 1
        return dict(gold=self.gold, ext=self.ext, recall_strict=self.hit_strict / g,
                    recall_lenient=self.hit_lenient / g, recall_typed=self.hit_typed / g,
                    precision_strict=self.ext_ok / e, precision_lenient=self.ext_ok_lenient / e)


@dataclass
class Report:
    """Figures of one dataset against one gold set, and what was missed."""

    types: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in (*TYPES, "ALL")})
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unmatched: list[str] = field(default_factory=list)
    shared: dict[str, float | int] = field(default_factory=dict)
    shared_misses: list[str] = field(default_factory=list)
    relations: dict[str, float | int] = field(default_factory=dict)
    relation_misses: list[str] = field(default_factory=list)
    indicators: dict[str, float | int] = field(default_factory=dict)
    indicator_misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, dict[str, float | int]]:
        """The reference scorer's ``--json`` result."""
        out: dict[str, dict[str, float | int]] = {t: c.row() for t, c in self.types.items()}
        out.update(shared=self.shared, relations=self.relations, indicators=self.indicators)
        return out


def _keys(entity: dict) -> set[str]:
    return {norm(entity["name"])} | {norm(s) for s in entity.get("surface", [])}


def _entities(report: Report, gold_docs: list[dict], data: Dataset) -> None:
    for g in gold_docs:
        found = data.entities.get(g["doc"], {})
        every_key: set[str] = set()
        for ge in g["entities"]:
            keys = _keys(ge)
            every_key |= keys
            strict = lenient = typed = False
            for types, labels in found.values():
                if keys & labels:
                    strict = True
                    typed = typed or ge["type"] in types
                elif any(lenient_eq(k, lab) for k in keys for lab in labels):
                    lenient = True
            for bucket in (ge["type"], "ALL"):
                c = report.types[bucket]
                c.gold += 1
                c.hit_strict += strict
                c.hit_lenient += strict or lenient
                c.hit_typed += typed
            if not (strict or lenient):
                report.misses[ge["type"]].append(f'{g["doc"][:3]}:{ge["name"]}')
        for types, labels in found.values():
            kind = sorted(types)[0]
            ok = bool(labels & every_key)
            ok_lenient = ok or any(lenient_eq(k, lab) for k in every_key for lab in labels)
            for bucket in (kind, "ALL"):
                c = report.types[bucket]
                c.ext += 1
                c.ext_ok += ok
                c.ext_ok_lenient += ok_lenient
            if not ok_lenient:
                report.unmatched.append(f'{g["doc"][:3]}:{kind}:{sorted(labels)[0]}')


def _shared(report: Report, gold_docs: list[dict], data: Dataset) -> None:
    """Gold names in ≥ 2 docs, found when one entity with a matching label is named by all of them."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    keys_of: dict[str, set[str]] = defaultdict(set)
    for g in gold_docs:
        for ge in g["entities"]:
            docs_of[norm(ge["name"])].add(g["doc"])
            keys_of[norm(ge["name"])] |= _keys(ge)
    iri_docs: dict[str, set[str]] = defaultdict(set)
    iri_labels: dict[str, set[str]] = defaultdict(set)
    for doc, found in data.entities.items():
        for iri, (_, labels) in found.items():
            iri_docs[iri].add(doc)
            iri_labels[iri] |= labels
    gold_shared = {n: d for n, d in docs_of.items() if len(d) >= 2}
    hits = 0
    for name, docs in gold_shared.items():
        if any(docs <= iri_docs[i] and keys_of[name] & iri_labels[i] for i in iri_labels):
            hits += 1
        else:
            report.shared_misses.append(name)
    gold_names = {g["doc"] for g in gold_docs}
    extracted = sum(1 for d in iri_docs.values() if len(d & gold_names) >= 2)
    report.shared = dict(gold=len(gold_shared), found=hits, extracted_shared=extracted,
                         recall=hits / (len(gold_shared) or 1))


def _relations(report: Report, gold_docs: list[dict], data: Dataset) -> None:
    """A gold (s, p, o) is linked when any pg: edge joins an s-labelled and an o-labelled node."""
    by_label: dict[str, set[str]] = defaultdict(set)
    for iri, labels in data.labels.items():
        for label in labels:
            by_label[label].add(iri)
    total = linked = typed = 0
    for g in gold_docs:
        for r in g.get("relations", []):
            total += 1
            subjects, objects = by_label.get(norm(r["s"]), set()), by_label.get(norm(r["o"]), set())
            preds = set().union(*(data.edges.get((a, b), set()) for a in subjects for b in objects))
            linked += bool(preds)
            typed += r["p"] in preds
            if not preds:
                report.relation_misses.append(f'{g["doc"][:3]}:{r["s"]}-{r["p"]}-{r["o"]}')
    report.relations = dict(gold=total, linked=linked, typed=typed, recall=linked / (total or 1),
                            recall_typed=typed / (total or 1))


def _value(text: str) -> float | None:
    m = _NUMBER.search(text)
    return float(m.group()) if m else None


def _indicators(report: Report, gold_docs: list[dict], data: Dataset) -> None:
    """A gold target is found when the plan has a target of a matching indicator with its first number."""
    total = hits = 0
    for g in gold_docs:
        for ind in g.get("indicators", []):
            want = _value(str(ind.get("target", "")))
            if want is None:
                continue
            total += 1
            name = norm(ind["name"])
            ok = any((lenient_eq(name, n) or name in n or n in name) and abs(v - want) < 1e-6
                     for n, raw in data.targets.get(g["doc"], []) if (v := _value(raw)) is not None)
            hits += ok
            if not ok:
                report.indicator_misses.append(f'{g["doc"][:3]}:{ind["name"]}={ind["target"]}')
    report.indicators = dict(gold=total, found=hits, recall=hits / (total or 1))


def score(gold_docs: list[dict], data: Dataset) -> Report:
    """Every figure of ``data`` against ``gold_docs``."""
    report = Report()
    for step in (_entities, _shared, _relations, _indicators):
        step(report, gold_docs, data)
    return report
