"""End to end: `plangraph build` and `plangraph query`, in-process, on the bundled plans.

The build takes seconds, so the bundled plans are built once per session and
every contract check reads that one build. The extra builds (determinism, bad
files, atomic failure) each check something no shared build can.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import opencc
import pyoxigraph as ox
import pytest
from conftest import run_cli

from plangraph.chinese import QUOTES
from plangraph.cli import main
from plangraph.graph import store
from plangraph.graph.iri import char_span
from plangraph.graph.vocab import ENTITIES_GRAPH, GRAPH_NS
from plangraph.read.ingest import read_source

PLANS_DIR = Path(__file__).resolve().parents[1] / "data" / "plans"
PLAN_FILES = sorted(p.name for p in PLANS_DIR.glob("*.txt"))
ENTITY_TYPES = ("Region", "Platform", "Industry", "Project", "Program")
OUTPUTS = ("graph.trig", "graph.ttl", "store", "graph.html")
_T2S = opencc.OpenCC("t2s.json")


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def fold(text: str) -> str:
    """Compare as the extractor does: simplified, half-width, no spaces or quote marks."""
    text = unicodedata.normalize("NFKC", _T2S.convert(text))
    return re.sub(rf"[\s\u200b-\u200d\u2060\ufeff\u00ad{QUOTES}]", "", text)


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file below ``root``, by relative path."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def select(st: ox.Store, sparql: str) -> list[dict[str, str]]:
    result = store.query(st, sparql)
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def copy_plans(dest: Path, *, reverse: bool = False) -> Path:
    """The bundled plans and manifest in another folder (written in reverse order if asked)."""
    dest.mkdir(parents=True)
    files = PLAN_FILES[::-1] if reverse else PLAN_FILES
    for name in files:
        shutil.copyfile(PLANS_DIR / name, dest / name)
    header, *rows = (PLANS_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = rows[::-1] if reverse else rows
    (dest / "manifest.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return dest


# -- the shared build -----------------------------------------------------------


# build_dir, out and st (one build of data/plans per session) are in conftest.py


@pytest.fixture(scope="session")
def originals() -> dict[str, str]:
    """The decoded text of every bundled plan, as offsets in the graph index it."""
    return {name: read_source(PLANS_DIR / name).original for name in PLAN_FILES}


def test_build_succeeds(build_dir):
    _, run = build_dir
    assert run.code == 0, run.err
    assert "error" not in run.err.lower()
    assert "plans: 5" in run.out


def test_all_outputs_exist(out):
    for name in OUTPUTS:
        assert (out / name).exists(), name
    assert (out / "graph.trig").stat().st_size > 0
    assert (out / "graph.ttl").stat().st_size > 0
    assert any((out / "store").iterdir())
    assert "<html" in (out / "graph.html").read_text(encoding="utf-8")[:2000].lower()


def test_no_staging_folder_is_left_behind(out):
    assert [p.name for p in out.parent.iterdir() if p.name != out.name] == []


def test_trig_has_one_graph_per_plan_and_the_entities_graph(out):
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name for q in quads}
    assert ox.DefaultGraph() not in graphs
    expected = {ox.NamedNode(str(GRAPH_NS[Path(f).stem])) for f in PLAN_FILES} | {ox.NamedNode(str(ENTITIES_GRAPH))}
    assert graphs == expected
    # every plan graph describes exactly one plan, the one of its file
    plan_type = ox.NamedNode("https://w3id.org/plangraph/ontology#Plan")
    source_file = ox.NamedNode("https://w3id.org/plangraph/ontology#sourceFile")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for f in PLAN_FILES:
        g = ox.NamedNode(str(GRAPH_NS[Path(f).stem]))
        plans = {q.subject for q in quads if q.graph_name == g and q.predicate == rdf_type and q.object == plan_type}
        files = {q.object.value for q in quads if q.graph_name == g and q.predicate == source_file}
        assert len(plans) == 1 and files == {f}


def test_ttl_is_the_union_of_the_named_graphs(out):
    quads = ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    parsed = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert {q.graph_name for q in parsed} == {ox.DefaultGraph()}
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in parsed}
    assert triples == union


def test_store_holds_every_quad_of_the_trig_and_the_count_says_so(build_dir, out, st):
    """The store loads in a thread of its own while the files are written: it ends up complete.

    Compared without objects: the store keeps xsd:decimal values in canonical form (11.0 as 11).
    """
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(st) == len(trig)
    assert {(q.subject, q.predicate, q.graph_name) for q in st} == {(q.subject, q.predicate, q.graph_name) for q in trig}
    _, run = build_dir
    assert f"quads: {len(trig)} " in run.out


def test_parts_loaded_together_give_the_store_every_quad_of_each(tmp_path):
    """Several parts go into one bulk load, read one after another (an empty one included); a
    part over the load's size is a load of its own. The store holds exactly the parts' quads."""
    lines = [f"<http://a.example/s{i}> <http://a.example/p> \"{i}\" <http://a.example/g{i % 3}> .\n" for i in range(50)]
    parts = []
    for n, chunk in enumerate([lines[:20], [], lines[20:25], lines[25:]]):
        parts.append(tmp_path / f"{n:06d}.nq")
        parts[-1].write_text("".join(chunk), encoding="utf-8")
    counts = [20, 0, 5, 25]
    groups = list(store.load_groups(zip(parts, counts), most=24))
    assert groups == [parts[:2], parts[2:3], parts[3:]]
    store.write_store(groups, tmp_path / "store")
    assert sorted(f"{q} .\n" for q in store.open_store(tmp_path)) == sorted(lines)


# -- the RDF contract -------------------------------------------------------------


def test_every_plan_is_described(st):
    rows = select(st, """
        SELECT ?plan ?file ?region ?title (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?plan a pg:Plan ; pg:sourceFile ?file ; pg:region ?region ; dcterms:title ?title ; pg:mentions ?e .
        } GROUP BY ?plan ?file ?region ?title""")
    assert sorted(r["file"] for r in rows) == PLAN_FILES
    for r in rows:
        assert int(r["n"]) >= 50, r
        assert r["title"].strip()


def test_plan_regions_are_coded_regions(st):
    manifest = {r["file"]: r for r in csv.DictReader(io.StringIO((PLANS_DIR / "manifest.csv").read_text("utf-8")))}
    rows = select(st, """
        SELECT ?file ?code ?label WHERE {
          ?plan pg:sourceFile ?file ; pg:region ?r . ?r a pg:Region ; pg:adminCode ?code ; skos:prefLabel ?label }""")
    assert {r["file"]: (r["code"], r["label"]) for r in rows} == {
        f: (m["code"], m["region"]) for f, m in manifest.items()}


def test_every_mentioned_entity_has_one_type_and_one_pref_label(st):
    types = " ".join(f"pg:{t}" for t in ENTITY_TYPES)
    rows = select(st, f"""
        SELECT ?e (COUNT(DISTINCT ?t) AS ?types) (COUNT(DISTINCT ?l) AS ?labels) WHERE {{
          ?plan pg:mentions ?e .
          OPTIONAL {{ ?e a ?t . VALUES ?t {{ {types} }} }}
          OPTIONAL {{ ?e skos:prefLabel ?l }}
        }} GROUP BY ?e""")
    assert len(rows) > 100
    bad = [r for r in rows if r["types"] != "1" or r["labels"] != "1"]
    assert bad == []
    untyped = select(st, f"""
        SELECT ?e ?t WHERE {{ ?plan pg:mentions ?e . ?e a ?t . FILTER(?t NOT IN ({", ".join(types.split())})) }}""")
    assert untyped == []


def test_pref_labels_are_simplified_chinese(st):
    rows = select(st, "SELECT DISTINCT ?l WHERE { ?e skos:prefLabel ?l . FILTER(!langMatches(lang(?l), 'zh-Hans')) }")
    assert rows == []
    labels = [r["l"] for r in select(st, "SELECT DISTINCT ?l WHERE { ?e skos:prefLabel ?l }")]
    assert [lab for lab in labels if _T2S.convert(lab) != lab] == []


@pytest.fixture(scope="session")
def annotations(st) -> list[dict[str, str]]:
    return select(st, """
        SELECT ?m ?e ?t ?file ?sa ?sb ?sv ?splan WHERE {
          ?m a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody ?e ; oa:hasTarget ?t ; pg:sentence ?s .
          ?s a pg:Sentence ; rdf:value ?sv ; oa:start ?sa ; oa:end ?sb ; pg:plan ?splan .
          ?splan pg:sourceFile ?file .
        }""")


def test_every_annotation_has_a_sentence_and_a_span_of_its_plan(st, annotations):
    total = select(st, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a oa:Annotation }")[0]["n"]
    assert len({r["m"] for r in annotations}) == int(total) > 1000
    assert all(r["t"].split("#char=")[0] == r["splan"] for r in annotations)  # a span of the sentence's plan


def test_targets_point_at_the_entity_in_the_original_text(st, annotations, originals):
    names: dict[str, set[str]] = {}
    for r in select(st, "SELECT ?e ?l WHERE { { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } }"):
        names.setdefault(r["e"], set()).add(fold(r["l"]))
    named = 0
    for r in annotations:
        text = originals[r["file"]]
        (a, b), sa, sb = char_span(r["t"]), int(r["sa"]), int(r["sb"])
        assert 0 <= sa <= a < b <= sb <= len(text), r
        quote = fold(text[a:b])
        assert quote, r
        assert quote in names.get(r["e"], set()) or quote in fold(r["sv"]), (text[a:b], r)
        named += quote in names.get(r["e"], set())
    # the quote is the entity's own name (pref or alt) far more often than not
    assert named >= 0.8 * len(annotations), named / len(annotations)


def test_sentence_offsets_slice_the_original_text(st, originals):
    rows = select(st, """
        SELECT ?s ?file ?a ?b ?v ?path WHERE {
          ?s a pg:Sentence ; rdf:value ?v ; oa:start ?a ; oa:end ?b ; pg:plan ?p .
          ?p pg:sourceFile ?file . OPTIONAL { ?s pg:sectionPath ?path } }""")
    assert len(rows) > 500
    for r in rows:
        assert originals[r["file"]][int(r["a"]):int(r["b"])] == r["v"], r
    with_path = [r["path"] for r in rows if r["path"]]
    assert len(with_path) >= 0.9 * len(rows)
    assert any(" › " in p for p in with_path)
    assert all(p.strip() and not p.startswith(" › ") and not p.endswith(" › ") for p in with_path)


# -- plangraph query ------------------------------------------------------------------


BABA = """SELECT DISTINCT ?file WHERE {
  ?plan pg:sourceFile ?file ; pg:mentions ?e . ?e skos:prefLabel "八八战略"@zh-Hans .
} ORDER BY ?file"""


def test_query_table(out, capsys):
    assert main(["query", str(out), BABA]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].strip() == "file"
    assert set(lines[1].strip()) == {"-"}
    rows = [line.strip() for line in lines[2:-1]]
    assert len(rows) >= 2 and rows == sorted(rows) and set(rows) <= set(PLAN_FILES)
    assert "huzhou-shi_14th-fyp_outline.txt" in rows and "hangzhou-shi_14th-fyp_proposal.txt" in rows
    assert lines[-1] == f"({len(rows)} rows)"


def test_query_csv_and_json_agree(out, capsys):
    assert main(["query", str(out), BABA, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["file"]
    assert main(["query", str(out), BABA, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r[0] for r in rows[1:]] == [d["file"] for d in data]
    assert {"huzhou-shi_14th-fyp_outline.txt", "hangzhou-shi_14th-fyp_proposal.txt"} <= {d["file"] for d in data}


def test_query_from_rq_file_and_ask(out, tmp_path, capsys):
    rq = tmp_path / "baba.rq"
    rq.write_text(BABA, encoding="utf-8")
    assert main(["query", str(out), str(rq), "--format", "csv"]) == 0
    assert "huzhou-shi_14th-fyp_outline.txt" in capsys.readouterr().out
    assert main(["query", str(out), "ASK { ?p a pg:Plan }"]) == 0
    assert capsys.readouterr().out.strip() == "true"


@pytest.mark.parametrize("sparql", [
    "SELEC ?x WHERE { ?x ?y ?z }",
    "",
    "SELECT ?x WHERE { ?x nope:p ?z }",
])
def test_bad_query_is_one_line_exit_2(out, capsys, sparql):
    assert main(["query", str(out), sparql]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = error_lines(captured.err)
    assert len(lines) == 1 and lines[0].startswith("error:"), captured.err


def test_query_missing_dir_is_one_line_exit_2(tmp_path, capsys):
    missing = tmp_path / "no-such-build"
    assert main(["query", str(missing), "ASK {}"]) == 2
    captured = capsys.readouterr()
    lines = error_lines(captured.err)
    assert len(lines) == 1 and lines[0].startswith("error:") and "no-such-build" in lines[0]
    assert not missing.exists()


# -- determinism -----------------------------------------------------------------------


def test_rebuild_elsewhere_in_reverse_order_is_byte_identical(out, tmp_path):
    plans = copy_plans(tmp_path / "reversed-plans", reverse=True)
    files = [plans / name for name in PLAN_FILES[::-1]]
    other = tmp_path / "elsewhere" / "out2"
    run = run_cli("build", *files, plans, "--out", other)
    assert run.code == 0, run.err
    for name in ("graph.trig", "graph.ttl"):
        assert (other / name).read_bytes() == (out / name).read_bytes(), name


# -- bad input and atomic output -----------------------------------------------------------


@pytest.fixture(scope="session")
def bad_build(tmp_path_factory):
    folder = copy_plans(tmp_path_factory.mktemp("bad") / "plans")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    target = folder.parent / "out"
    return folder, target, run_cli("build", folder, "--out", target)


def test_bad_files_fail_alone(bad_build, out):
    _, target, run = bad_build
    assert run.code == 1
    lines = error_lines(run.err)
    for bad in ("empty.txt", "binary.txt"):
        assert len([line for line in lines if bad in line]) == 1, run.err
    assert not any(any(f in line for f in PLAN_FILES) for line in lines), run.err
    assert "plans: 5" in run.out
    # the five good plans are built exactly as without the bad files
    assert (target / "graph.trig").read_bytes() == (out / "graph.trig").read_bytes()


def test_failed_build_leaves_previous_output_untouched(bad_build, tmp_path):
    _, target, _ = bad_build
    before = tree_digest(target)
    assert "graph.trig" in before
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "binary.txt").write_bytes(b"\x00\xff\xfe" * 1000)
    run = run_cli("build", junk, "--out", target)
    assert run.code != 0
    assert error_lines(run.err) and all(line.startswith("error:") for line in error_lines(run.err))
    run = run_cli("build", tmp_path / "missing-folder", "--out", target)
    assert run.code == 2 and len(error_lines(run.err)) == 1
    assert tree_digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["out", "plans"]  # no staging left


@pytest.mark.parametrize("fan_in", [2, 3, 1024])
def test_union_merge_is_the_same_in_one_round_or_many(tmp_path, monkeypatch, fan_in):
    """The union of sorted N-Quads parts is their distinct triples in order, however many
    merge rounds the open-file limit asks for."""
    monkeypatch.setattr(store, "MAX_FAN_IN", fan_in)
    triples = [f"<http://x/s{i % 7}> <http://x/p> \"{i % 11}\" " for i in range(60)]
    parts = []
    for n in range(7):
        lines = sorted({f"{t}<http://x/g{n}> .\n" for t in triples[n::3]})
        path = tmp_path / f"{n:06d}.nq"
        path.write_text("".join(lines), encoding="utf-8")
        parts.append(path)
    union = store._merge_triples(parts, tmp_path).read_text(encoding="utf-8")
    expected = sorted({f"{t}.\n" for n in range(7) for t in triples[n::3]})
    assert union == "".join(expected)


def test_workers_are_given_a_few_plans_ahead_and_results_come_in_order():
    """The second pass's pool holds at most ``ahead`` plans not yet taken (each with its slice of
    the entity table), not every plan at once, and the parts come in the plans' order."""
    from concurrent.futures import ThreadPoolExecutor

    from plangraph.build.build import in_order

    drawn: list[int] = []

    def work():
        for n in range(20):
            drawn.append(n)
            yield (n,)

    taken = []
    with ThreadPoolExecutor(2) as pool:
        for got in in_order(pool, lambda n: n * n, work(), ahead=3):
            assert len(drawn) - len(taken) <= 4  # the one just taken and three ahead
            taken.append(got)
    assert taken == [n * n for n in range(20)]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_build_process_holds_no_pipeline_once_plans_are_extracted(tmp_path, jobs):
    """The spaCy pipeline (~200 MB) is not kept in the build's process for the passes after
    extraction (issue 26: peak memory): with one job it is only built in a forked worker,
    with more it is released once the workers are done. A fresh process, so no earlier test's
    pipeline counts."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in PLAN_FILES[:2]:
        shutil.copyfile(PLANS_DIR / name, plans / name)
    script = (
        "import sys; from pathlib import Path; from plangraph.build.build import build\n"
        f"r = build([Path({str(plans)!r})], Path({str(tmp_path / 'out')!r}), jobs={jobs}, force=True)\n"
        "assert len(r.plans) == 2 and not r.failures and r.extracted == 2, r.failures\n"
        "m = sys.modules.get('plangraph.extract.pipeline')\n"
        "print(m.build_pipeline.cache_info().currsize if m else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_cache_the_extractions_and_send_none_back(tmp_path, monkeypatch, jobs):
    """The first pass's workers write each extraction, with its summary as its head, and send
    the build's process only the plan and its targets' indicators: no extraction is unpickled
    there (issue 26), and the reduce reads each summary back from disk."""
    from plangraph.build.build import first_pass, summary_of
    from plangraph.build.cache import ExtractionCache, entry_keys, read_extraction
    from plangraph.graph.resolve import summarize
    from plangraph.lexicon import load_lexicon
    from plangraph.model import Extraction
    from plangraph.read.ingest import MAX_BYTES
    from plangraph.read.inputs import find_inputs

    plans = find_inputs([PLANS_DIR / name for name in PLAN_FILES[:2]]).plans
    unpickled: list[Extraction] = []

    def setstate(self: Extraction, state: dict) -> None:
        unpickled.append(self)
        self.__dict__.update(state)

    monkeypatch.setattr(Extraction, "__setstate__", setstate, raising=False)
    cache = ExtractionCache(tmp_path / "cache", "test")
    keys = entry_keys(plans, MAX_BYTES)
    done = first_pass(plans, cache, keys, tmp_path / "pieces", jobs=jobs)
    assert unpickled == [] and done.failures == []
    assert [plan.entry for plan in done.plans] == [cache.entry(keys[plan]) for plan in plans]
    for plan in done.plans:
        assert summary_of(plan) == summarize(read_extraction(plan.entry, plan.path), load_lexicon())
    assert list(cache.folder.glob("*.tmp")) == []


def test_a_killed_builds_half_written_cache_entries_go_with_the_next_prune(tmp_path):
    """A worker killed while it writes an entry leaves only a temporary file, never an entry;
    the next build's prune removes it."""
    from plangraph.build.cache import ExtractionCache, read_head, write_extraction
    from plangraph.model import Document, Extraction, PlanMeta, SourceText

    cache = ExtractionCache(tmp_path, "now")
    cache.folder.mkdir()
    (cache.folder / "abc.tmp").write_bytes(b"half an entry")
    ex = Extraction(Document(SourceText(Path("a.txt"), "文本", "文本", [0, 1, 2], "utf-8"), PlanMeta(file="a.txt"), ()))
    entry = write_extraction(cache.entry("k"), ex, ("head",))
    cache.prune()
    assert sorted(p.name for p in cache.folder.iterdir()) == [entry.name]
    assert read_head(entry) == ("head",)
