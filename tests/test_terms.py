"""N-Quads terms written as text are what Oxigraph itself writes, so build output stays byte-identical."""

from plangraph.graph import store
from plangraph.graph.terms import iri, literal, quad

XSD = "http://www.w3.org/2001/XMLSchema#"
# every control character, the escaped ASCII, Latin-1, a line separator, a BOM and an astral ideograph
AWKWARD = "".join(map(chr, range(0x100))) + "\u2028\ufeff\U00020000湖州“两山”"


def oxigraph_line(obj: object) -> str:
    triple = store.Triple(store.NamedNode("urn:x:s"), store.NamedNode("urn:x:p"), obj)
    return store.rdf_as([triple], "application/n-triples")[1].decode()


def test_literals_are_escaped_as_oxigraph_escapes_them():
    cases = [
        (literal(AWKWARD), store.Literal(AWKWARD)),
        (literal(AWKWARD, language="zh-Hans"), store.Literal(AWKWARD, language="zh-Hans")),
        (literal("2025", datatype=XSD + "gYear"), store.Literal("2025", datatype=store.NamedNode(XSD + "gYear"))),
        (literal("x", datatype=XSD + "string"), store.Literal("x")),
    ]
    for ours, theirs in cases:
        assert f"<urn:x:s> <urn:x:p> {ours} .\n" == oxigraph_line(theirs)


def test_a_quad_line_loads_back_to_its_terms(tmp_path):
    part = tmp_path / "part.nq"
    part.write_text(quad(iri("urn:x:s"), iri("urn:x:p"), literal(AWKWARD, language="zh-Hant"), iri("urn:x:g")),
                    encoding="utf-8")
    [loaded] = list(store.load_file(part))
    assert (loaded.object.value, loaded.object.language, loaded.graph_name.value) == (AWKWARD, "zh-hant", "urn:x:g")
