"""Resolution on the bundled plans: one IRI per real thing, whatever the input order.

The five plans are extracted once per session; resolution itself is cheap and
is rerun freely (reversed order, subsets, another process).
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
import weakref
from collections import Counter, defaultdict
from pathlib import Path

import opencc
import pyoxigraph as ox
import pytest

from plangraph.build.cache import Spilled
from plangraph.build.distributed import reduce_on_cluster
from plangraph.extract import build_pipeline, extract
from plangraph.graph.iri import entity_iri
from plangraph.graph.resolve import Form, PlanSummary, Resolution, reduce_summaries, resolve, summarize
from plangraph.graph.vocab import ENTITY_NS
from plangraph.lexicon import load_lexicon
from plangraph.model import ENTITY_TYPES, Extraction
from plangraph.read.ingest import read_source
from plangraph.read.manifest import infer_meta, load_manifest
from plangraph.read.structure import parse

PLANS_DIR = Path(__file__).resolve().parents[1] / "data" / "plans"
ORDER = ("huzhou", "shaoxing", "xiuzhou", "wuxing", "hangzhou")
_T2S = opencc.OpenCC("t2s.json")


def _extract(path: Path) -> Extraction:
    source = read_source(path)
    meta = load_manifest(PLANS_DIR / "manifest.csv").get(path.name) or infer_meta(source, path.name)
    return extract(parse(source, meta))


def _label(m) -> str:
    return m.label or m.text


def _iris_of(res: Resolution, exs: list[Extraction], plan: Extraction, pred) -> set[str]:
    i = next(k for k, ex in enumerate(exs) if ex is plan)
    return {iri for m, iri in zip(plan.mentions, res.mention_iris[i]) if pred(m)}


def _fingerprint(res: Resolution, exs: list[Extraction]) -> dict:
    """Everything resolution decides, keyed by plan file so input order does not show."""
    entities = sorted(
        (e.iri, e.type, e.label, sorted(e.alt_labels), e.code or "") for e in res.entities.values()
    )
    mentions = {ex.document.meta.file: list(iris) for ex, iris in zip(exs, res.mention_iris)}
    regions = {ex.document.meta.file: r for ex, r in zip(exs, res.plan_regions)}
    return {"entities": entities, "mentions": mentions, "regions": regions}


@pytest.fixture(scope="session")
def corpus(plans: dict[str, Path]) -> dict[str, Extraction]:
    build_pipeline()
    return {name: _extract(plans[name]) for name in ORDER}


@pytest.fixture(scope="session")
def exs(corpus) -> list[Extraction]:
    return [corpus[name] for name in ORDER]


@pytest.fixture(scope="session")
def res(exs) -> Resolution:
    return resolve(exs, load_lexicon())


def test_every_mention_gets_an_entity(exs, res):
    assert len(res.mention_iris) == len(exs)
    for ex, iris in zip(exs, res.mention_iris):
        assert len(iris) == len(ex.mentions) > 0
        assert set(iris) <= set(res.entities)


def test_iris_are_valid_and_under_the_entity_namespace(res):
    for iri, entity in res.entities.items():
        assert entity.iri == iri
        assert iri.startswith(str(ENTITY_NS))
        ox.NamedNode(iri)  # raises on an invalid IRI
        assert " " not in iri and "\n" not in iri


def test_one_iri_for_babazhanlve_across_scripts(corpus, exs, res):
    """八八战略 in the simplified 湖州 outline and the traditional 杭州 proposal (八八戰略)."""
    found = set()
    for name in ("huzhou", "hangzhou", "shaoxing"):
        iris = _iris_of(res, exs, corpus[name], lambda m: m.text.strip("“”") == "八八战略")
        assert iris, name
        found |= iris
    assert len(found) == 1
    entity = res.entities[found.pop()]
    assert entity.type == "Program"
    assert entity.label == "八八战略"
    assert "八八戰略" in entity.alt_labels


def test_pref_labels_are_simplified(res):
    """The traditional 杭州 plan contributes altLabels, never a traditional prefLabel."""
    traditional = [e.label for e in res.entities.values() if _T2S.convert(e.label) != e.label]
    assert not traditional


def test_traditional_surfaces_become_alt_labels(corpus, exs, res):
    """Every entity the 杭州 plan names in traditional script keeps that surface as an altLabel."""
    hangzhou = corpus["hangzhou"]
    i = exs.index(hangzhou)
    checked = 0
    for m, iri in zip(hangzhou.mentions, res.mention_iris[i]):
        quote = hangzhou.document.source.quote(m.start, m.end).strip("“”\"‘’《》")
        if _T2S.convert(quote) != quote and quote == quote.strip() and "”" not in quote and "“" not in quote:
            entity = res.entities[iri]
            assert quote in entity.alt_labels | {entity.label}, (quote, entity)
            checked += 1
    assert checked > 20


def test_region_iris_carry_the_admin_code(corpus, exs, res):
    lexicon = load_lexicon()
    coded = [e for e in res.entities.values() if e.code]
    assert coded
    for e in coded:
        assert e.type == "Region"
        assert len(e.code) in (6, 9) and e.code.isdigit()  # county and above, or a township
        assert e.iri.endswith(f"-{e.code}")
        assert lexicon.entries[f"region:{e.code}"].name == e.label
    for ex, iris in zip(exs, res.mention_iris):
        for m, iri in zip(ex.mentions, iris):
            if m.key and m.key.startswith("region:"):
                assert res.entities[iri].code == m.key.removeprefix("region:")


def test_each_plan_region_is_its_coded_entity(exs, res):
    metas = load_manifest(PLANS_DIR / "manifest.csv")
    for ex, region in zip(exs, res.plan_regions):
        meta = metas[ex.document.meta.file]
        assert region is not None
        entity = res.entities[region]
        assert (entity.type, entity.label, entity.code) == ("Region", meta.region, meta.code)


def test_same_region_one_iri_whatever_the_surface(corpus, exs, res):
    """湖州市 and its short name 湖州, in every plan that mentions them, are one entity."""
    iris = set()
    for name in ORDER:
        iris |= _iris_of(res, exs, corpus[name], lambda m: m.type == "Region" and m.text in ("湖州", "湖州市"))
    assert len(iris) == 1
    assert res.entities[iris.pop()].code == "330500"


def test_every_entity_has_exactly_one_type(exs, res):
    """One IRI never stands for two types, and one name+code is never minted twice."""
    assert {e.type for e in res.entities.values()} <= set(ENTITY_TYPES)
    by_name = Counter((e.label, e.code) for e in res.entities.values())
    assert [k for k, n in by_name.items() if n > 1] == []
    types_of_iri: dict[str, set[str]] = defaultdict(set)
    for iris in res.mention_iris:
        for iri in iris:
            types_of_iri[iri].add(res.entities[iri].type)
    assert all(len(t) == 1 for t in types_of_iri.values())


def test_lexicon_mentions_take_the_lexicon_name(exs, res):
    lexicon = load_lexicon()
    for ex, iris in zip(exs, res.mention_iris):
        for m, iri in zip(ex.mentions, iris):
            if m.key:
                assert res.entities[iri].label == lexicon.entries[m.key].name, (m, iri)


def test_name_with_and_without_own_region_is_one_entity(corpus, exs, res):
    """湖州 outline: 湖州莫干山高新区 (升格为国家级高新区) and later 加快莫干山高新区建设."""
    huzhou = corpus["huzhou"]
    texts = {m.text for m in huzhou.mentions}
    assert {"湖州莫干山高新区", "莫干山高新区"} <= texts, "seed text or extraction changed"
    iris = _iris_of(res, exs, huzhou, lambda m: m.text in ("湖州莫干山高新区", "莫干山高新区"))
    assert len(iris) == 1
    entity = res.entities[iris.pop()]
    assert entity.type == "Platform"
    assert {entity.label} | entity.alt_labels >= {"湖州莫干山高新区", "莫干山高新区"}


def test_a_road_or_line_and_its_number_are_one_entity(corpus, exs, res):
    """秀洲 writes G524国道 and 524国道; 绍兴 writes 绍兴至嵊新市域铁路 and 绍兴至嵊新市域铁路(S3)."""
    for plan, forms in (("xiuzhou", ("G524国道", "524国道")), ("shaoxing", ("绍兴至嵊新市域铁路", "绍兴至嵊新市域铁路(S3)"))):
        iris = _iris_of(res, exs, corpus[plan], lambda m: _label(m) in forms)
        assert len(iris) == 1, (plan, iris)
        entity = res.entities[iris.pop()]
        assert entity.label == forms[0].lstrip("G").split("(")[0]
        assert set(forms) <= {entity.label} | entity.alt_labels


def test_a_name_a_rule_finds_that_the_lexicon_knows_is_its_entry(corpus, exs, res):
    """绍兴 quotes “夜经济”: the lexicon's 夜间经济, the industry other plans name in full.
    吴兴's heading 智能物流装备产业 is read by the suffix rule; it is the lexicon's 物流装备."""
    iris = _iris_of(res, exs, corpus["shaoxing"], lambda m: m.text == "“夜经济”")
    assert [res.entities[i].label for i in iris] == ["夜间经济"]
    wuxing = corpus["wuxing"]
    assert any(m.rule.startswith("suffixes.") and _label(m) == "智能物流装备" for m in wuxing.mentions), "seed or rules changed"
    iris = _iris_of(res, exs, wuxing, lambda m: _label(m) in ("智能物流装备", "物流装备"))
    assert [res.entities[i].label for i in iris] == ["物流装备"]


def test_smart_and_green_home_furnishing_stay_apart(corpus, exs, res):
    """湖州's 绿色家居 and 秀洲's 智能家居 are two industries, not one lexicon entry."""
    green = _iris_of(res, exs, corpus["huzhou"], lambda m: _label(m) == "绿色家居")
    smart = _iris_of(res, exs, corpus["xiuzhou"], lambda m: m.text == "智能家居")
    assert green and smart and not green & smart
    assert {res.entities[i].label for i in smart} == {"智能家居"}


def test_resolution_is_independent_of_input_order(exs, res):
    lexicon = load_lexicon()
    expected = _fingerprint(res, exs)
    for order in (exs[::-1], exs[2:] + exs[:2]):
        assert _fingerprint(resolve(order, lexicon), order) == expected


def test_resolution_is_repeatable(exs, res):
    assert _fingerprint(resolve(exs, load_lexicon()), exs) == _fingerprint(res, exs)


def test_subset_order_does_not_change_shared_iris(corpus):
    lexicon = load_lexicon()
    pair = [corpus["huzhou"], corpus["hangzhou"]]
    a, b = resolve(pair, lexicon), resolve(pair[::-1], lexicon)
    assert a.mention_iris == b.mention_iris[::-1]
    assert a.entities == b.entities


_CHILD = """
import hashlib, json, sys
sys.path.insert(0, {tests!r})
from test_resolve import ORDER, _extract, _fingerprint
from conftest import PLAN_FILES
from plangraph.graph.resolve import resolve
from plangraph.lexicon import load_lexicon
by_name = {{p.name: p for p in PLAN_FILES}}
paths = [by_name[f] for f in json.loads(sys.argv[1])]
exs = [_extract(p) for p in paths]
fp = _fingerprint(resolve(exs, load_lexicon()), exs)
print(hashlib.sha256(json.dumps(fp, ensure_ascii=False, sort_keys=True).encode()).hexdigest())
"""


def test_iris_are_stable_across_processes(exs):
    """Two fresh interpreters, different hash seeds, opposite input orders: the same entities.

    (Compared with each other rather than with this process, so that a code edit made
    while the session runs cannot make the test flaky.)
    """
    files = [ex.document.meta.file for ex in exs]
    code = _CHILD.format(tests=str(Path(__file__).parent))
    runs = [
        subprocess.Popen([sys.executable, "-c", code, json.dumps(order)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        for order, seed in ((files, "1"), (files[::-1], "4242"))
    ]
    digests = []
    for proc in runs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        digests.append(stdout.strip().splitlines()[-1])
    assert digests[0] == digests[1]


# Resolution in passes: plans summarized, the summaries reduced to the entity table, each plan
# then resolved alone from its slice of the table, as the build and the cluster build do it.

def test_a_plan_resolved_from_its_slice_is_the_plan_resolved_in_the_corpus(exs, res):
    lexicon = load_lexicon()
    summaries = [summarize(ex, lexicon) for ex in exs]
    table = reduce_summaries(lambda: iter(summaries), lexicon)
    assert table.entities == res.entities and table.part_of == res.part_of
    for i, (ex, summary) in enumerate(zip(exs, summaries)):
        given = table.plan_entities(i, summary, lexicon)
        alone = given.resolution(ex, lexicon)
        assert alone.mention_iris == [res.mention_iris[i]]
        assert alone.relations == [res.relations[i]]
        assert alone.plan_regions == [res.plan_regions[i]]
        assert len(given.entities) < len(table.entities)  # only what this plan names, not the table


def test_the_reduce_holds_one_summary_at_a_time(exs, res):
    lexicon = load_lexicon()
    stored = [pickle.dumps(summarize(ex, lexicon)) for ex in exs]  # as a build keeps them: on disk
    given: list[weakref.ref] = []
    stages = []

    def summaries():
        stages.append(len(given))
        for data in stored:
            assert [ref for ref in given[:-1] if ref() is not None] == []  # only the last one given is alive
            summary = pickle.loads(data)
            given.append(weakref.ref(summary))
            yield summary

    table = reduce_summaries(summaries, lexicon)
    assert len(stages) == 3  # one read per stage: prefixes, joins, votes
    assert all(ref() is None for ref in given)  # the table holds none of them
    assert table.entities == res.entities and table.part_of == res.part_of


def test_a_reduce_that_spills_to_disk_is_the_reduce_in_memory(exs, tmp_path):
    lexicon = load_lexicon()
    summaries = [summarize(ex, lexicon) for ex in exs]
    local = reduce_summaries(lambda: iter(summaries), lexicon)
    spilled = reduce_summaries(lambda: iter(summaries), lexicon, spill=lambda name: Spilled(tmp_path / name))
    assert spilled.entities == local.entities and spilled.iri_of == local.iri_of
    assert list((tmp_path / "names").iterdir()) == []  # stage b's names are gone once stage c has read them
    assert len(list((tmp_path / "keys").iterdir())) == len(summaries)
    assert dict(spilled.keys) == local.keys
    for i, summary in enumerate(summaries):
        assert spilled.plan_entities(i, summary, lexicon) == local.plan_entities(i, summary, lexicon)


def test_summaries_are_much_smaller_than_extractions(exs):
    lexicon = load_lexicon()
    for ex in exs:
        summary = summarize(ex, lexicon)
        assert sum(summary.counts) == len(ex.mentions)
        assert len(pickle.dumps(summary)) * 4 < len(pickle.dumps(ex))


def test_reducing_is_independent_of_plan_order(exs, res):
    lexicon = load_lexicon()
    summaries = [summarize(ex, lexicon) for ex in exs]
    table = reduce_summaries(lambda: reversed(summaries), lexicon)
    forward = reduce_summaries(lambda: iter(summaries), lexicon)
    assert table.entities == res.entities
    assert [table.keys[i] for i in reversed(range(len(summaries)))] == [forward.keys[i] for i in range(len(summaries))]
    assert resolve(exs[::-1], lexicon).mention_iris == res.mention_iris[::-1]


class _InPlace:
    """A client that runs each task as it is submitted, on ``workers`` pretend workers: the
    cluster reduce's stages and keyed folds, without a cluster."""

    def __init__(self, workers: int):
        self.workers = workers

    def submit(self, fn, *args, pure=True, **kwargs):
        return fn(*args, **kwargs)

    def scheduler_info(self):
        return {"workers": dict.fromkeys(range(self.workers))}


def test_the_keyed_fold_gives_one_table_whatever_the_partitioning_and_order(exs, res):
    lexicon = load_lexicon()
    summaries = [summarize(ex, lexicon) for ex in exs]
    local = reduce_summaries(lambda: iter(summaries), lexicon)
    for seed, workers in ((1, 1), (2, 2), (3, 3), (4, 8)):
        order = list(range(len(summaries)))
        random.Random(seed).shuffle(order)
        kept = [(None, summaries[i], []) for i in order]
        table, keys = reduce_on_cluster(_InPlace(workers), kept)
        assert table.entities == local.entities == res.entities
        assert table.part_of == local.part_of
        assert table.plan_regions == [local.plan_regions[i] for i in order]
        for at, i in enumerate(order):
            assert table.plan_entities(at, summaries[i], lexicon, keys[at]) == local.plan_entities(i, summaries[i], lexicon)



@pytest.mark.parametrize("plan, text, label, kept, wrong", [
    ("wenzhou_jianyi",  # a city's 市 that opens a word (市场) ends no place: 温州 before 市场采购…
     "中共温州市委关于制定温州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议\n"
     "一、高水平开启全面建设社会主义现代化新征程\n"
     "通过全市上下五年的共同努力,新时代“两个健康”先行区、龙港新型城镇化改革、温州市场采购贸易方式试点、"
     "温州综合保税区等重大标志性成果落地见效。\n",
     "温州市场采购贸易方式试点", {"市场采购贸易方式试点"}, "场采购贸易方式试点"),
    ("ningbo_ocean",  # 象山港片区 starts with the place 象山港, not the county 象山: no name without it
     "宁波市海洋经济发展“十四五”规划\n"
     "一、构建陆海统筹发展新格局\n"
     "统筹推进杭州湾、象山湾、三门湾协同发展,高起点打造前湾片区、镇海片区、北仑片区、象山港片区、"
     "象东片区以及南湾片区。\n",
     "象山港片区", set(), "港片区"),
])
def test_a_region_prefix_ends_where_its_place_ends(tmp_path, plan, text, label, kept, wrong):
    """The name without its plan's region drops the whole place the name starts with, never part of it."""
    path = tmp_path / f"{plan}.txt"
    path.write_text(text, encoding="utf-8")
    res = resolve([_extract(path)], load_lexicon())
    entity = next(e for e in res.entities.values() if e.label == label)
    assert kept <= entity.alt_labels and wrong not in entity.alt_labels


def test_another_provinces_program_words_are_the_plans_own_program():
    """五个中心 is 上海's program (ontology/lexicon/programs.csv, provincial:上海): a plan of 上海 names
    that entity; a plan of 南通 that quotes “五个中心” as its own goal names its own program, which
    must not share 上海's IRI (else 上海 and 南通 would share an initiative they do not)."""
    lexicon = load_lexicon()
    form = Form("Program", None, "“五个中心”", "五个中心", (), "“五个中心”")
    shanghai, nantong = (PlanSummary(region, [form], [1], []) for region in ("region:310000", "region:320600"))
    table = reduce_summaries(lambda: [shanghai, nantong], lexicon)
    own, theirs = (table.entities[table.iri_of[table.keys[i][0]]] for i in (1, 0))
    assert theirs.iri == entity_iri("Program", "五个中心") and theirs.label == "五个中心"
    assert own.iri != theirs.iri and own.label == "南通五个中心" and "五个中心" in own.alt_labels


def test_a_provincial_program_is_linked_wherever_it_is_adopted_but_a_counted_one_only_at_home(tmp_path):
    """浙江's 机器换人 quoted in a plan of 武汉 is 浙江's entity (who adopted it is the question
    the graph answers); “五个中心” (a count of a common thing: ontology/patterns/coined_names.txt) is
    上海's in a 上海 text and 武汉's own in a 武汉 one (sentences of 武汉 and 上海 news pages, the
    examples of quoted.name in ontology/rules.toml)."""
    plans = {
        "wuhan": ("武汉市", "将实施一批“机器换人”项目。面向全力打造“五个中心”、建设现代化大武汉的关键五年,全会释放出多重信号。"),
        "shanghai": ("上海市", "尤其是第三章鲜明依序提出“五个中心”在新时期的新要求,让人印象深刻。"),
    }
    exs = []
    for name, (region, sentence) in plans.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{region}国民经济和社会发展第十四个五年规划纲要\n一、总体要求\n{sentence}\n", encoding="utf-8")
        exs.append(_extract(path))
    res = resolve(exs, load_lexicon())
    by_label = {e.label: e for e in res.entities.values() if e.type == "Program"}
    robots = by_label["机器换人"]
    assert robots.iri == entity_iri("Program", "机器换人")
    assert _iris_of(res, exs, exs[0], lambda m: _label(m) == "机器换人") == {robots.iri}
    assert _iris_of(res, exs, exs[1], lambda m: _label(m) == "五个中心") == {entity_iri("Program", "五个中心")}
    wuhan = by_label["武汉五个中心"]
    assert "五个中心" in wuhan.alt_labels and wuhan.iri != by_label["五个中心"].iri
