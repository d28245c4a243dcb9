"""ontology/plangraph.ttl declares exactly the pg: terms vocab.PG lists and a build uses, and says what they mean."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef, namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import plangraph
from plangraph.graph.vocab import OA, PG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "plangraph.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/plangraph/ontology")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
OA_TERMS = {"Annotation", "TextPositionSelector", "hasBody", "hasTarget", "hasSource", "hasSelector", "start", "end", "motivatedBy", "identifying"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY)


def declared(onto: Graph) -> set[str]:
    """Local names of the pg: terms the ontology declares as a class or a property."""
    ns = str(PG._NS)
    return {str(s)[len(ns):] for kind in KINDS for s in onto.subjects(RDF.type, kind) if str(s).startswith(ns)}


def test_ontology_and_vocab_declare_the_same_terms(onto):
    assert declared(onto) == set(PG.__annotations__)


def test_every_pg_term_a_build_writes_is_declared(st, onto):
    rows = st.query("SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }", use_default_graph_as_union=True)
    ns = str(PG._NS)
    used = {row["t"].value[len(ns):] for row in rows if row["t"].value.startswith(ns)}
    assert used and used <= declared(onto), sorted(used - declared(onto))


def test_every_term_has_labels_in_both_languages_and_a_definition(onto):
    for name in declared(onto):
        term = PG[name]
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        assert {"en", "zh-Hans"} <= langs, name
        assert any(d.language == "en" for d in onto.objects(term, SKOS.definition)), name
        assert any(d.language == "zh-Hans" for d in onto.objects(term, SKOS.definition)), name


def test_every_property_has_a_domain_and_a_range(onto):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            assert onto.value(prop, RDFS.domain) is not None, prop
            assert onto.value(prop, RDFS.range) is not None, prop


def test_version_iri_follows_the_package_version(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{plangraph.__version__}")


def test_reused_terms_exist_in_their_vocabularies(onto):
    """A typo in a reused term (schema:Plce) would silently mint a new IRI."""
    reused = (namespace.SKOS, namespace.DCTERMS, namespace.PROV, namespace.SDO)  # SDO not a module global: pytest probes those
    vocabularies = {str(ns): set(ns.__annotations__) for ns in reused} | {str(OA): OA_TERMS}
    for term in set(onto.objects()) | set(onto.subjects()):
        for ns, names in vocabularies.items():
            if isinstance(term, URIRef) and str(term).startswith(ns):
                assert str(term)[len(ns):] in names, term


def test_relation_domains_and_ranges_match_the_extractor(st, onto):
    """Every relation the build states has a subject and object of the classes the ontology allows."""
    for prop in ("develops", "implements", "locatedIn", "connects", "cooperatesWith", "hosts", "partOf"):
        allowed = {name: _classes(onto, onto.value(PG[prop], key)) for name, key in (("s", RDFS.domain), ("o", RDFS.range))}
        rows = st.query(f"SELECT DISTINCT ?st ?ot WHERE {{ ?s <{PG[prop]}> ?o . ?s a ?st . ?o a ?ot }}", use_default_graph_as_union=True)
        for row in rows:
            assert URIRef(row["st"].value) in allowed["s"], (prop, row["st"])
            assert URIRef(row["ot"].value) in allowed["o"], (prop, row["ot"])


def _classes(onto: Graph, node) -> set:
    """A class, or the members of an owl:unionOf."""
    union = onto.value(node, OWL.unionOf)
    return set(onto.items(union)) if union is not None else {node}
