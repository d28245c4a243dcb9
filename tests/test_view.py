"""The offline HTML explorer: self-contained, deterministic, escaped, and focus() semantics."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import networkx as nx
import pytest

from plangraph.report import view
from plangraph.report.view import PLAN_SIZE, focus, layout, output_name, payload, script_json, write_view

XSS = "<script>alert(1)</script>"
ENTITY_TYPES = ("Region", "Platform", "Industry", "Project", "Program")
RELATIONS = ("locatedIn", "develops", "implements", "connects", "partOf", "cooperatesWith", "hosts")
PLANS = {"湖州市": "湖州市 十四五规划纲要", "绍兴市": "绍兴市 十四五规划纲要", "宁波市": "宁波市 十四五规划纲要"}
EX = "https://example.org/plangraph/"


def _plan(G: nx.Graph, region: str) -> str:
    name = PLANS[region]
    iri = f"{EX}plan/{region}"
    G.add_node(
        iri,
        label=name,
        type="Plan",
        plans=[name],
        alt_labels=[],
        mentions=1,
        region=region,
        evidence=[{"plan": name, "section": "封面", "sentence": name}],
    )
    return iri


def _entity(
    G: nx.Graph,
    key: str,
    label: str,
    kind: str,
    plans: list[str],
    *,
    alt: list[str] | None = None,
    sentence: str | None = None,
) -> str:
    iri = f"{EX}{kind.lower()}/{key}"
    names = sorted(PLANS[r] for r in plans)
    G.add_node(
        iri,
        label=label,
        type=kind,
        plans=names,
        alt_labels=sorted(alt or []),
        mentions=2 * len(plans),
        evidence=[
            {"plan": n, "section": "第三章 › 第一节 创新", "sentence": sentence or f"深入实施{label}。"} for n in names
        ],
    )
    for r in plans:
        G.add_edge(f"{EX}plan/{r}", iri, predicate="mentions", weight=2)
    return iri


def make_graph() -> nx.Graph:
    """Three plans, a few shared entities, and hostile text in labels and sentences."""
    G = nx.Graph()
    for region in PLANS:
        _plan(G, region)
    baba = _entity(
        G,
        "baba",
        "八八战略",
        "Program",
        ["湖州市", "绍兴市", "宁波市"],
        sentence="坚持以“八八战略”为统领，忠实践行‘两山’理念。",
    )
    ic = _entity(G, "ic", "集成电路", "Industry", ["绍兴市", "宁波市"], alt=["集成電路", "IC"])
    park = _entity(G, "park", "绍兴集成电路小镇", "Platform", ["绍兴市"])
    _entity(G, "taihu", "太湖", "Region", ["湖州市"])
    _entity(G, "rail", "沪苏湖铁路", "Project", ["湖州市"])
    _entity(
        G,
        "xss",
        f"恶意{XSS}\"名称'",
        "Project",
        ["宁波市"],
        sentence=f"句子里有 {XSS} 和 </script><script>alert(2)</script> 以及 \u2028 分隔符 & 符号。",
    )
    G.add_edge(park, ic, predicate="develops", weight=3)
    G.add_edge(ic, baba, predicate="implements", weight=1)
    return G


def make_big_graph(n_nodes: int, *, n_plans: int = 40, seed: int = 7) -> nx.Graph:
    """A synthetic graph shaped like the real one (plans, long-tailed sharing, some relations) for scale."""
    rng = random.Random(seed)
    G = nx.Graph()
    plans = [f"{EX}plan/{i:03d}" for i in range(n_plans)]
    names = [f"第{i:03d}市 十四五规划纲要" for i in range(n_plans)]
    for iri, name in zip(plans, names):
        G.add_node(iri, label=name, type="Plan", plans=[name], alt_labels=[], mentions=1, region=name[:5], evidence=[])
    entities = []
    for k in range(n_nodes - n_plans):
        kind = ENTITY_TYPES[k % len(ENTITY_TYPES)]
        picked = sorted(rng.sample(range(n_plans), min(n_plans, int(rng.paretovariate(1.3)))))
        iri = f"{EX}{kind.lower()}/{k:05d}"
        label = f"实体{k:05d}号{kind}"
        G.add_node(
            iri,
            label=label,
            type=kind,
            plans=[names[p] for p in picked],
            alt_labels=[f"實體{k:05d}"],
            mentions=len(picked) + rng.randrange(5),
            evidence=[
                {"plan": names[p], "section": "第二章 › 第四节", "sentence": f"加快推进{label}建设，打造示范。"}
                for p in picked[:3]
            ],
        )
        G.add_edges_from(((plans[p], iri) for p in picked), predicate="mentions", weight=1)
        entities.append(iri)
    for _ in range(len(entities) // 4):
        a, b = rng.sample(entities, 2)
        G.add_edge(a, b, predicate=rng.choice(RELATIONS), weight=1 + rng.randrange(3))
    return G


def _data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="plangraph-data">(.*?)</script>', text, re.DOTALL)
    assert m, "data island missing"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    write_view(make_graph(), path, title="浙江 <规划> 图谱")
    return path.read_text(encoding="utf-8")


def test_page_is_self_contained(page: str) -> None:
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""<link\b""", page, re.IGNORECASE)
    assert not re.search(r"""@import|url\(\s*["']?(https?:)?//""", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower()
    assert "default-src 'none'" in page  # the browser itself refuses any load we missed
    assert len(re.findall(r"^<script\b", page, re.MULTILINE)) == 3 and "vis.Network" in page


def test_page_declares_utf8_and_cjk_fonts(page: str) -> None:
    assert '<meta charset="utf-8">' in page
    assert '"WenQuanYi Micro Hei", "Noto Sans CJK SC"' in page and "Microsoft YaHei" in page
    assert "八八战略" in page  # stored as UTF-8 text, not \u escapes


def test_output_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_view(make_graph(), a)
    shuffled = nx.Graph()
    G = make_graph()
    shuffled.add_nodes_from(reversed(list(G.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(G.edges(data=True))))
    write_view(shuffled, b)
    assert a.read_bytes() == b.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] and not list(tmp_path.glob("*.tmp"))


def test_hostile_text_is_escaped(page: str) -> None:
    assert XSS not in page
    assert "alert(1)" in page  # still there, as inert text
    assert "</script><script>alert(2)" not in page
    assert "\u2028" not in page
    assert "浙江 &lt;规划&gt; 图谱" in page
    data = _data(page)
    labels = [row["label"] for row in data["info"]]
    assert f"恶意{XSS}\"名称'" in labels  # round-trips exactly
    sentences = [e["sentence"] for row in data["info"] for e in row["evidence"]]
    assert any("</script><script>alert(2)</script>" in s and "\u2028" in s for s in sentences)


def test_script_json_escapes_breakout_characters() -> None:
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029"}


@pytest.mark.parametrize("batch", [1, 2, 3, 2048])
def test_the_page_is_written_in_pieces_as_one_string(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    """Lists written a batch at a time (a batch of 1, batches that split them unevenly, one batch)
    give the page's data exactly as ``script_json`` of the whole payload, hostile text included."""
    monkeypatch.setattr(view, "BATCH", batch)
    G = make_graph()
    path = tmp_path / "graph.html"
    write_view(G, path)
    page = path.read_text(encoding="utf-8")
    whole = script_json(payload(G))
    assert f'<script type="application/json" id="plangraph-data">{whole}</script>' in page
    assert page == view.render_view(G)
    assert len(payload(G)["edges"]) > 3 * batch or batch == 2048
    lone = nx.Graph()
    _plan(lone, "湖州市")  # no edges: an empty list
    assert script_json(payload(lone)) in view.render_view(lone)


def test_page_script_never_uses_innerhtml() -> None:
    js = (Path(__file__).parents[1] / "src/plangraph/assets/view.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_payload_styles_nodes_and_edges() -> None:
    data = payload(make_graph())
    by_label = {row["label"]: i for i, row in enumerate(data["info"])}
    nodes = data["nodes"]
    plan, baba, taihu = (nodes[by_label[k]] for k in ("湖州市 十四五规划纲要", "八八战略", "太湖"))
    assert plan["shape"] == "diamond" and baba["shape"] == "dot"
    assert baba["size"] > taihu["size"]  # three plans beat one
    assert baba["color"]["background"] != taihu["color"]["background"]
    preds = {e["predicate"]: e for e in data["edges"]}
    assert preds["mentions"]["dashes"] is True and preds["develops"]["dashes"] is False
    assert preds["develops"]["color"]["color"] != preds["mentions"]["color"]["color"]
    assert preds["develops"]["label"] == "develops"
    assert {t["name"] for t in data["types"]} == {"Plan", *ENTITY_TYPES}
    assert data["info"][by_label["湖州市 十四五规划纲要"]]["entities"] == 3
    assert data["info"][by_label["集成电路"]]["alt"] == ["IC", "集成電路"]
    assert not data["large"] and not data["options"]["physics"]["enabled"]  # the layout is final


def test_large_graph_has_fixed_layout_and_no_edge_labels() -> None:
    data = payload(make_big_graph(400))
    assert data["large"] and not data["options"]["physics"]["enabled"]
    assert data["options"]["interaction"]["hideEdgesOnDrag"]
    assert all("label" not in e for e in data["edges"])
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_layout_places_every_node_including_islands() -> None:
    G = make_big_graph(700)
    G.add_edge("island-a", "island-b")
    G.add_node("lonely")
    pos = layout(G)
    assert set(pos) == set(G)
    assert len(set(pos.values())) == len(G)  # no two nodes stacked


def test_write_view_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "view.html"
    target.write_text("old", encoding="utf-8")

    def crash(src: str, dst: Path) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr("plangraph.report.view.os.replace", crash)
    with pytest.raises(OSError):
        write_view(make_graph(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def _labels(G: nx.Graph) -> set[str]:
    return {d["label"] for _, d in G.nodes(data=True)}


def test_focus_region_keeps_its_plan_and_mentions() -> None:
    sub = focus(make_graph(), regions=["湖州市"])
    assert _labels(sub) == {"湖州市 十四五规划纲要", "八八战略", "太湖", "沪苏湖铁路"}


def test_focus_shared_keeps_entities_in_many_plans_plus_plans() -> None:
    sub = focus(make_graph(), shared=2)
    assert _labels(sub) == set(PLANS.values()) | {"八八战略", "集成电路"}
    assert sub.edges[f"{EX}industry/ic", f"{EX}program/baba"]["predicate"] == "implements"


def test_focus_types_and_combinations() -> None:
    G = make_graph()
    assert _labels(focus(G, types={"Industry", "Platform"})) == set(PLANS.values()) | {"集成电路", "绍兴集成电路小镇"}
    assert _labels(focus(G, regions=["绍兴市"], types=["Industry"])) == {"绍兴市 十四五规划纲要", "集成电路"}
    assert _labels(focus(G, regions=["nowhere"])) == set()
    full = focus(G)
    assert nx.utils.graphs_equal(full, G) and full is not G


def test_directed_graph_gets_arrows_on_relations_only() -> None:
    data = payload(nx.DiGraph(make_graph()))
    arrows = {e["predicate"]: e.get("arrows") for e in data["edges"]}
    assert arrows["develops"] == "to" and arrows["mentions"] is None


def test_plans_never_overlap_whatever_the_filter() -> None:
    """Each plan gets its own place on the ring, even when every entity is shared by all plans."""
    G = make_big_graph(500, n_plans=5)
    for sub in (G, focus(G, shared=4), focus(G, shared=4, types=["Program"]), focus(G, types=["Region"])):
        pos = layout(sub)
        plans = [pos[n] for n, t in sub.nodes(data="type") if t == "Plan"]
        gaps = [((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 for i, (ax, ay) in enumerate(plans) for bx, by in plans[i + 1:]]
        assert len(plans) == 5 and min(gaps) > 4 * PLAN_SIZE


def test_entities_sit_with_the_plans_that_name_them() -> None:
    """An entity only one plan names is nearer that plan than any other plan."""
    G = make_big_graph(400, n_plans=6)
    pos = layout(G)
    plans = {d["label"]: n for n, d in G.nodes(data=True) if d["type"] == "Plan"}
    for n, d in G.nodes(data=True):
        if d["type"] != "Plan" and len(d["plans"]) == 1:
            dist = {p: (pos[n][0] - pos[m][0]) ** 2 + (pos[n][1] - pos[m][1]) ** 2 for p, m in plans.items()}
            assert min(dist, key=dist.get) == d["plans"][0], d["label"]


def test_relation_edges_point_from_subject_to_object() -> None:
    """An undirected graph keeps the RDF subject on the edge; the page's edge starts there."""
    G = make_graph()
    region = _entity(G, "wuxing", "吴兴区", "Region", ["湖州市"])
    baba = f"{EX}program/baba"
    G.add_edge(baba, region, predicate="implements", weight=1, subject=region)  # added object-first on purpose
    data = payload(G)
    label = [row["label"] for row in data["info"]]
    edge = next(e for e in data["edges"] if e["predicate"] == "implements" and "吴兴区" in (label[e["from"]], label[e["to"]]))
    assert (label[edge["from"]], label[edge["to"]], edge["arrows"]) == ("吴兴区", "八八战略", "to")
    unknown = next(e for e in data["edges"] if e["predicate"] == "develops")
    assert "arrows" not in unknown  # no subject stored: no direction claimed


def test_one_region_view_lists_only_its_plans() -> None:
    data = payload(focus(make_graph(), regions=["湖州市"]))
    assert [p["name"] for p in data["plans"]] == ["湖州市 十四五规划纲要"]
    baba = next(row for row in data["info"] if row["label"] == "八八战略")
    assert baba["plans"] == [0] and baba["inPlans"] == 3


def test_labels_go_to_plans_first_then_the_most_shared() -> None:
    data = payload(make_graph())
    ordered = [data["info"][i]["label"] for i in data["order"]]
    assert set(ordered[:3]) == set(PLANS.values()) and ordered[3] == "八八战略"
    assert all("label" not in n for n in data["nodes"])  # the page draws labels, vis never does


@pytest.mark.parametrize(("regions", "shared", "types", "name"), [
    (None, None, None, "view-all.html"),
    (["湖州市"], None, None, "view-湖州市.html"),
    (None, 4, ["Program", "Industry", "Program"], "view-shared-4-Industry-Program.html"),
    (["a/b", "..", "绍兴市"], 2, None, "view-..-a_b-绍兴市-shared-2.html"),
])
def test_focused_views_get_their_own_file_name(regions, shared, types, name) -> None:
    assert output_name(regions, shared, types) == name
