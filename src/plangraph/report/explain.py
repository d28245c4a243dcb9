"""``plangraph why NAME``: why an entity is in the graph, under which names, and by which rules.

Everything is read back from a build's store: the entity's labels, every mention with the rule
that found it (``pg:rule``) and the plan it stands in, and the relations with their rules. Why
two forms are one entity is derived from the identity data (ontology/identity/, the lexicon)
rather than stored, so the answer always matches the rules in force.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..graph.identity import IdentityRules, load_identity, national_rest
from ..graph.iri import char_span
from ..graph.store import Store, query
from ..graph.vocab import PG
from ..lexicon import Lexicon, load_lexicon
from ..model import RULE_JOIN
from ..script import simplified

_PG = str(PG._NS)


@dataclass
class Form:
    """One name of the entity, the plans that use it, and why it is this entity."""

    name: str
    why: str
    plans: Counter[str] = field(default_factory=Counter)


@dataclass
class Explanation:
    iri: str
    type: str
    label: str
    forms: list[Form]
    rules: Counter[str]  # rule id -> mentions it found
    relations: list[tuple[str, str, str, str, str]]  # (subject, predicate, object, rules, plan file)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def explain(store: Store, name: str, lexicon: Lexicon | None = None, rules: IdentityRules | None = None) -> list[Explanation]:
    """Every entity one of whose labels is ``name``, explained."""
    lexicon, rules = lexicon or load_lexicon(), rules or load_identity()
    found = query(store, f"""SELECT DISTINCT ?e ?t ?pref WHERE {{
        ?e skos:prefLabel|skos:altLabel ?l . FILTER(STR(?l) = {_literal(name)})
        ?e a ?t ; skos:prefLabel ?pref . FILTER(STRSTARTS(STR(?t), "{_PG}")) }} ORDER BY ?e""")
    return [_explain(store, row["e"].value, row["t"].value.removeprefix(_PG), row["pref"].value, lexicon, rules)
            for row in found]


def _explain(store: Store, iri: str, type_: str, label: str, lexicon: Lexicon, rules: IdentityRules) -> Explanation:
    forms: dict[str, Form] = {label: Form(label, "its label")}
    for row in query(store, f"SELECT ?a WHERE {{ <{iri}> skos:altLabel ?a }} ORDER BY ?a"):
        alt = row["a"].value
        forms.setdefault(alt, Form(alt, _why(alt, label, type_, lexicon, rules)))
    used: Counter[str] = Counter()
    for row in query(store, f"""SELECT ?file ?t ?sa ?v ?r WHERE {{
        ?m oa:hasBody <{iri}> ; pg:sentence ?s ; oa:hasTarget ?t .
        ?s oa:start ?sa ; rdf:value ?v ; pg:plan/pg:sourceFile ?file .
        OPTIONAL {{ ?m pg:rule ?r }} }}"""):
        (a, b), sa = char_span(row["t"].value), int(row["sa"].value)
        surface = row["v"].value[a - sa : b - sa]
        form = forms.setdefault(surface, Form(surface, _why(surface, label, type_, lexicon, rules)))
        form.plans[row["file"].value] += 1
        if row["r"] is not None:
            used[row["r"].value] += 1
    relations = []
    for row in query(store, f"""SELECT ?sl ?p ?ol ?file (GROUP_CONCAT(DISTINCT ?r; separator="{RULE_JOIN}") AS ?rules) WHERE {{
        ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pg:sentence/pg:plan/pg:sourceFile ?file .
        OPTIONAL {{ ?st pg:rule ?r }} FILTER(?s = <{iri}> || ?o = <{iri}>)
        ?s skos:prefLabel ?sl . ?o skos:prefLabel ?ol }} GROUP BY ?sl ?p ?ol ?file ORDER BY ?p ?sl ?ol ?file"""):
        relations.append((row["sl"].value, row["p"].value.removeprefix(_PG), row["ol"].value, row["rules"].value, row["file"].value))
    return Explanation(iri, type_, label, list(forms.values()), used, relations)


def _why(form: str, label: str, type_: str, lexicon: Lexicon, rules: IdentityRules) -> str:
    """Which identity rule makes ``form`` a name of the entity labelled ``label``."""
    simple = simplified(form)
    if simple != form:
        return f"the traditional form of {simple}; " + _why(simple, label, type_, lexicon, rules)
    if form == label:
        return "its label"
    if any(e.name == label for e in lexicon.lookup(form)):
        return "identity.lexicon: the lexicon gives it as a name of this entry"
    if national_rest(form, type_) == label:
        return "identity.national-prefix: the name without 国家/全国"
    if form != label and rules.kind_key(form, type_) == rules.kind_key(label, type_):
        return "identity.kind-words: equal once the kind word is folded (ontology/identity/kind_equivalents.csv)"
    if label.endswith(form) and any(e.home and e.type == type_ for e in lexicon.lookup(form)):
        return "identity.own-program: another province's program's words, the plan's own program with its region in front"
    if form.endswith(label) or label.endswith(form):
        return "identity.region-prefix: the plan gives it with or without its region in front"
    return "a surface or alias the extraction rule gave it"


def format_explanations(found: list[Explanation], name: str) -> str:
    """The explanations as text for a terminal."""
    if not found:
        return f"no entity is named {name} in this build\n"
    lines = []
    for ex in found:
        lines += [f"{ex.label} [{ex.type}] {ex.iri}", "  names:"]
        for form in ex.forms:
            plans = ", ".join(f"{p} ({n})" for p, n in sorted(form.plans.items())) or "no plan uses this form"
            lines.append(f"    {form.name} — {form.why}; {plans}")
        lines.append("  found by: " + (", ".join(f"{r} ({n})" for r, n in sorted(ex.rules.items())) or "no recorded rule"))
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for s, p, o, rules, plan in ex.relations:
            by_predicate[p].append(f"{s} → {o} ({rules}; {plan})")
        for p, items in sorted(by_predicate.items()):
            lines.append(f"  {p}: " + "; ".join(items))
        lines.append("  a false merge is undone by a line 'form,other' in ontology/identity/distinct.csv")
    return "\n".join(lines) + "\n"
