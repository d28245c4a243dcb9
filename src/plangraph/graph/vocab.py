"""The RDF vocabulary, declared once and imported everywhere else.

``PG`` is a closed namespace: a typo in a term raises instead of minting a new IRI.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef


class PG(DefinedNamespace):
    """plangraph ontology terms (https://w3id.org/plangraph/ontology#)."""

    _NS = Namespace("https://w3id.org/plangraph/ontology#")
    _fail = True

    # classes
    Plan: URIRef
    Region: URIRef
    Platform: URIRef
    Industry: URIRef
    Project: URIRef
    Program: URIRef
    Sentence: URIRef
    # plan description
    sourceFile: URIRef
    region: URIRef
    level: URIRef
    kind: URIRef
    period: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    horizon: URIRef
    issuer: URIRef
    mentions: URIRef
    # entities
    adminCode: URIRef
    partOf: URIRef
    # provenance
    sentence: URIRef
    rule: URIRef
    sectionPath: URIRef
    plan: URIRef
    # relations
    locatedIn: URIRef
    connects: URIRef
    develops: URIRef
    implements: URIRef
    cooperatesWith: URIRef
    hosts: URIRef
    # quantified targets (主要指标)
    Target: URIRef
    Indicator: URIRef
    hasTarget: URIRef
    indicator: URIRef
    targetValue: URIRef
    targetYear: URIRef
    targetText: URIRef
    unit: URIRef
    baseValue: URIRef
    baseYear: URIRef
    actualValue: URIRef
    growth: URIRef
    binding: URIRef
    qualifier: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")

BASE = "https://w3id.org/plangraph/"
ENTITY_NS = Namespace(BASE + "id/")
PLAN_NS = Namespace(BASE + "plan/")
GRAPH_NS = Namespace(BASE + "graph/")
ENTITIES_GRAPH = GRAPH_NS["entities"]

PREFIXES: dict[str, str] = {
    "pg": str(PG._NS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
