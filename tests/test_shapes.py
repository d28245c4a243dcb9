"""The SHACL shapes of ontology/shapes.ttl hold for a build of data/plans, and catch broken data.

Core constraints run in pyshacl. The sh:sparql constraints run on Oxigraph with $this
pre-bound to each focus node by SPARQL substitution, as SHACL-SPARQL prescribes: pyshacl
evaluates them on rdflib's memory store, which took over seven minutes on this build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
MINI_GRAPH = ox.NamedNode("https://w3id.org/plangraph/graph/mini")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def rdflib_graph(st: ox.Store) -> Graph:
    """The union of a store's graphs as an rdflib Graph (faster than parsing graph.ttl again)."""
    g = Graph()
    for q in st.quads_for_pattern(None, None, None):
        g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return g


def _term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string; rdflib tells them apart
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def core_results(data: Graph, shapes: Graph) -> list[str]:
    """pyshacl's results for every constraint except sh:sparql, one line each."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    _, report, _ = pyshacl.validate(data, shacl_graph=core, inference="none")
    lines = []
    for result in report.subjects(SH.focusNode, None):
        focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
        lines.append(f"{focus} {path}: {report.value(result, SH.resultMessage)}")
    return sorted(lines)


def sparql_results(st: ox.Store, shapes: Graph) -> list[str]:
    """Every sh:sparql constraint, run once per focus node with $this substituted."""
    prefixes = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace)) for d in shapes.objects(None, SH.declare)}
    lines = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        query, message = str(shapes.value(constraint, SH.select)), shapes.value(constraint, SH.message)
        for focus in _focus_nodes(st, shapes, shape):
            subs = {ox.Variable("this"): focus}
            if list(st.query(query, use_default_graph_as_union=True, prefixes=prefixes, substitutions=subs)):
                lines.append(f"{focus.value}: {message}")
    return sorted(lines)


def _focus_nodes(st: ox.Store, shapes: Graph, shape: Node) -> list[ox.NamedNode]:
    assert not {SH.targetNode, SH.targetObjectsOf, SH.target} & set(shapes.predicates(shape)), "target kind not handled here"
    branches = [f"{{ ?this a <{c}> }}" for c in shapes.objects(shape, SH.targetClass)]
    branches += [f"{{ ?this <{p}> ?o }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    rows = st.query("SELECT DISTINCT ?this WHERE { " + " UNION ".join(branches) + " }", use_default_graph_as_union=True)
    return [row["this"] for row in rows]


# -- the build of data/plans -------------------------------------------------------------------


def test_shapes_cover_every_class_the_build_uses(st, shapes):
    used = {row["c"].value for row in st.query("SELECT DISTINCT ?c WHERE { ?s a ?c }", use_default_graph_as_union=True)}
    targeted = {str(c) for c in shapes.objects(None, SH.targetClass)}
    assert used <= targeted, sorted(used - targeted)


def test_build_meets_the_core_shapes(st, shapes):
    assert core_results(rdflib_graph(st), shapes) == []


def test_build_meets_the_sparql_shapes(st, shapes):
    assert sparql_results(st, shapes) == []


# -- a small valid dataset, broken one way at a time -------------------------------------------

MINI = """
@prefix pg: <https://w3id.org/plangraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix plan: <https://w3id.org/plangraph/plan/> .
@prefix id: <https://w3id.org/plangraph/id/> .

plan:p a pg:Plan ; pg:sourceFile "p.txt" ; dcterms:title "湖州市规划纲要"@zh-Hans ;
    pg:region <https://w3id.org/plangraph/id/region/湖州市-330500> ; pg:level "prefecture" ;
    pg:kind "纲要"@zh-Hans ; pg:period "十四五"@zh-Hans ;
    pg:periodStart "2021"^^xsd:gYear ; pg:periodEnd "2025"^^xsd:gYear ; pg:horizon "2035"^^xsd:gYear ;
    pg:mentions <https://w3id.org/plangraph/id/region/湖州市-330500> , <https://w3id.org/plangraph/id/program/八八战略> .
<https://w3id.org/plangraph/id/region/湖州市-330500> a pg:Region ; skos:prefLabel "湖州市"@zh-Hans ;
    pg:adminCode "330500" ; pg:partOf <https://w3id.org/plangraph/id/region/浙江省-330000> ;
    pg:implements <https://w3id.org/plangraph/id/program/八八战略> .
<https://w3id.org/plangraph/id/region/浙江省-330000> a pg:Region ; skos:prefLabel "浙江省"@zh-Hans ; pg:adminCode "330000" .
<https://w3id.org/plangraph/id/program/八八战略> a pg:Program ; skos:prefLabel "八八战略"@zh-Hans ;
    skos:altLabel "八八戰略"@zh-Hans .
<https://w3id.org/plangraph/plan/p#s0-9> a pg:Sentence ; rdf:value "湖州市实施八八战略" ;
    oa:start 0 ; oa:end 9 ; pg:plan plan:p .
<https://w3id.org/plangraph/plan/p#m0-3> a oa:Annotation ; oa:motivatedBy oa:identifying ;
    oa:hasBody <https://w3id.org/plangraph/id/region/湖州市-330500> ; pg:sentence <https://w3id.org/plangraph/plan/p#s0-9> ;
    pg:rule "lexicon.name" ; oa:hasTarget <https://w3id.org/plangraph/plan/p#char=0,3> .
<https://w3id.org/plangraph/plan/p#m5-9> a oa:Annotation ; oa:motivatedBy oa:identifying ;
    oa:hasBody <https://w3id.org/plangraph/id/program/八八战略> ; pg:sentence <https://w3id.org/plangraph/plan/p#s0-9> ;
    pg:rule "lexicon.name", "quoted.name" ; oa:hasTarget <https://w3id.org/plangraph/plan/p#char=5,9> .
<https://w3id.org/plangraph/plan/p#r0-9-1> a rdf:Statement ;
    rdf:subject <https://w3id.org/plangraph/id/region/湖州市-330500> ; rdf:predicate pg:implements ;
    rdf:object <https://w3id.org/plangraph/id/program/八八战略> ; pg:sentence <https://w3id.org/plangraph/plan/p#s0-9> ;
    pg:rule "relations.cue" .
"""

HUZHOU = "<https://w3id.org/plangraph/id/region/湖州市-330500>"
PROGRAM = "<https://w3id.org/plangraph/id/program/八八战略>"

# (what is broken, text replaced, replacement, a piece of the one result expected)
BREAKS = [
    ("target ends before it starts", "p#char=5,9", "p#char=9,5", "its end is not after its start"),
    ("target outside its sentence", "p#char=5,9", "p#char=5,12", "outside the cited sentence"),
    ("target in another plan", "p#char=5,9", "q#char=5,9", "sentence is of another plan"),
    ("target that is no character span", "p#char=5,9", "p#m5-9", "hasTarget"),
    ("sentence ends before it starts", "oa:start 0 ; oa:end 9", "oa:start 9 ; oa:end 0", "oa#start"),
    ("sentence text shorter than its span", '"湖州市实施八八战略"', '"湖州市实施"', "not as long as its span"),
    ("code of five digits", 'pg:adminCode "330500"', 'pg:adminCode "33050"', "adminCode"),
    ("code not under the parent's", 'pg:adminCode "330500"', 'pg:adminCode "340500"', "significant digits"),
    ("partOf cycle", 'pg:adminCode "330000" .', f'pg:adminCode "330000" ; pg:partOf {HUZHOU} .', "cycle"),
    ("two preferred labels", 'skos:prefLabel "八八战略"@zh-Hans', 'skos:prefLabel "八八战略"@zh-Hans , "八八"@zh-Hans', "prefLabel"),
    ("label in English", '"八八戰略"@zh-Hans', '"Eight-Eight Strategy"@en', "altLabel"),
    ("period of six years", '"2025"^^xsd:gYear', '"2026"^^xsd:gYear', "period of five years"),
    ("unknown level", '"prefecture"', '"city"', "level"),
    ("mention the plan does not list", f"pg:mentions {HUZHOU} , {PROGRAM} .", f"pg:mentions {HUZHOU} .", "disagree"),
    ("relation without evidence", f"pg:implements {PROGRAM} .", f"pg:implements {PROGRAM} ; pg:cooperatesWith <https://w3id.org/plangraph/id/region/浙江省-330000> .", "no rdf:Statement"),
    ("program implementing a program", f"{PROGRAM} a pg:Program ;", f"{PROGRAM} pg:implements {PROGRAM} . {PROGRAM} a pg:Program ;", "class <https://w3id.org/plangraph/ontology#Region>"),
    ("evidence for a triple not in the graph", "rdf:predicate pg:implements", "rdf:predicate pg:hosts", "not in the graph"),
    ("annotation of a non-entity", f"oa:hasBody {PROGRAM}", "oa:hasBody plan:p", "hasBody"),
    ("mention that names no rule", 'pg:rule "lexicon.name" ; oa:hasTarget', "oa:hasTarget", "rule"),
    ("entity with a foreign IRI", "<https://w3id.org/plangraph/id/program/八八战略> a pg:Program", "<https://w3id.org/plangraph/id/program/八八战略> a pg:Program , pg:Industry", "IRI names it"),
]


def validate_text(turtle: str, shapes: Graph) -> list[str]:
    st = ox.Store()
    st.load(turtle.encode("utf-8"), ox.RdfFormat.TURTLE, to_graph=MINI_GRAPH)
    return core_results(Graph().parse(data=turtle, format="turtle"), shapes) + sparql_results(st, shapes)


def test_the_small_dataset_is_valid(shapes):
    assert validate_text(MINI, shapes) == []


@pytest.mark.parametrize(("what", "old", "new", "expected"), BREAKS, ids=[b[0] for b in BREAKS])
def test_shapes_catch_broken_data(shapes, what, old, new, expected):
    assert MINI.count(old) == 1, what
    results = validate_text(MINI.replace(old, new), shapes)
    assert results and any(expected in r for r in results), results
