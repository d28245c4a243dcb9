"""A self-contained, offline HTML explorer for the plan knowledge graph.

The page is one file that opens from disk in any browser with no network:
vis-network (shipped inside pyvis) and our own CSS/JS are inlined, and the
graph travels as an escaped JSON island. pyvis' own template is not used
because it pulls Bootstrap from a CDN and its filter menus mangle Chinese, and pyvis
is never imported (it imports IPython, most of a second): only its files are read.
"""

from __future__ import annotations

import html
import importlib.util
import itertools
import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Iterator
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
import numpy as np

from ..graph import store
from ..query.queries import KINDS

ASSETS = Path(__file__).parent.parent / "assets"
VIS_LIB = Path(importlib.util.find_spec("pyvis").origin or "").parent / "lib" / "vis-9.1.2"

#: Above this many nodes edge labels are dropped, "mentions" lines start hidden
#: and edges hide while dragging, so the page stays responsive.
LARGE = 300
#: Discs (groups of entities named by the same plans) pushed apart from each other;
#: smaller ones beyond this many stay at their plans' centroid (separation is O(n²)).
MAX_SEPARATED = 400
#: Spiral slots left free in the middle of a plan's disc for its diamond.
PLAN_HOLE = 4
PLAN_SIZE = 34.0
SEED = 42
#: Pixels between neighbouring nodes on a spiral; about one node diameter.
SPACING = 24.0

PLAN = "Plan"
MENTIONS = "mentions"
TYPE_COLORS: dict[str, str] = {
    PLAN: "#c0392b",
    "Region": "#2e86de",
    "Platform": "#e67e22",
    "Industry": "#27ae60",
    "Project": "#8e44ad",
    "Program": "#a0522d",
}
PREDICATE_COLORS: dict[str, str] = {
    MENTIONS: "#c9ced6",
    "locatedIn": "#2e86de",
    "develops": "#27ae60",
    "implements": "#8e44ad",
    "connects": "#e67e22",
    "partOf": "#16a085",
    "cooperatesWith": "#d6336c",
    "hosts": "#b7950b",
}
OTHER_COLOR = "#6c757d"

Pos = dict[Hashable, tuple[float, float]]


def write_view(G: nx.Graph, path: Path, *, title: str = "plangraph") -> None:
    """Write the explorer for ``G`` to ``path``, atomically so a reader never sees half a page.

    The page is written in pieces as its graph's JSON is made (``_page``): a view of every
    entity of a national corpus is hundreds of thousands of edges, never held as one string.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(_page(G, title))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def render_view(G: nx.Graph, *, title: str = "plangraph") -> str:
    """The explorer page as a string; identical graphs give identical bytes."""
    return "".join(_page(G, title))


_DATA = "\x00data\x00"  # where the graph's JSON goes in the page; no asset holds a NUL


def _page(G: nx.Graph, title: str) -> Iterator[str]:
    """The explorer page in pieces: the page around its data, and the data (``payload``) as JSON
    in pieces, its long lists a batch of items at a time."""
    page = Template(_asset("view.html")).substitute(
        title=html.escape(title),
        vis_css=_inline(_read(VIS_LIB / "vis-network.css"), "style"),
        css=_inline(_asset("view.css"), "style"),
        vis_js=_inline(_read(VIS_LIB / "vis-network.min.js"), "script"),
        js=_inline(_asset("view.js"), "script"),
        data=_DATA,
        note=_left_out_note(G),
    )
    head, tail = page.split(_DATA)
    yield head
    yield from _json_pieces(_payload(G))
    yield tail


def _left_out_note(G: nx.Graph) -> str:
    """The line a bounded view (``G.graph["all_entities"]``, ``G.graph["all_edges"]``) shows under its
    header: how many of how many entities and edges it holds and where the rest are; nothing for a
    whole view, so its page is unchanged."""
    every, edges = G.graph.get("all_entities"), G.graph.get("all_edges")
    if every is None and edges is None:
        return ""
    shown = sum(1 for _, t in G.nodes(data="type") if t != PLAN)
    total = shown if every is None else sum(every.values())
    drawn = G.number_of_edges()
    return (f'\n<p id="left-out" style="margin:0;padding:3px 12px;font-size:12px;background:#fff3cd;color:#533f03">'
            f"显示 {shown:,} / {total:,} 个实体 Showing {shown:,} of {total:,} entities: every region, then those most "
            f"plans name"
            + ("" if edges is None else f"; {drawn:,} of the {edges:,} edges among them (显示 {drawn:,} / {edges:,} 条边), "
                                        f"each entity's strongest first, the rest of its plans listed in its panel")
            + f". The rest (DIR: this page's build folder): <code>plangraph view DIR --region R</code> or <code>--shared N</code> or "
            f"<code>--type T</code>, or SPARQL on the store (<code>plangraph query DIR</code>, <code>plangraph serve "
            f"DIR</code>); <code>plangraph build --view-entities N --view-edges M</code> sets the bounds.</p>")


def focus(
    G: nx.Graph,
    *,
    regions: Collection[str] | None = None,
    shared: int | None = None,
    types: Collection[str] | None = None,
) -> nx.Graph:
    """A subgraph for a focused view, since the whole graph is too dense to read.

    ``regions`` (preferred labels) keeps those regions' plans and what they
    mention, ``shared`` keeps entities mentioned by at least that many plans,
    ``types`` keeps those entity types; plan nodes survive the last two.
    Filters combine.
    """
    plans = {n for n, t in G.nodes(data="type") if t == PLAN}
    entities = set(G) - plans
    if regions is not None:
        plans = {p for p in plans if G.nodes[p].get("region") in set(regions)}
        entities &= {n for p in plans for n in nx.all_neighbors(G, p)}
    if shared is not None:
        entities = {n for n in entities if len(G.nodes[n].get("plans", ())) >= shared}
    if types is not None:
        entities = {n for n in entities if G.nodes[n].get("type") in types}
    return G.subgraph(plans | entities).copy()


def region_labels(st: store.Store, name: str) -> list[str]:
    """The preferred labels of the regions with a plan that ``name`` names.

    ``name`` is matched as the named queries match a region (preferred or
    alternative label, traditional characters read as simplified), so 湖州,
    湖州市 and 吳興區 all work. A name that selects no plan raises ValueError
    listing the regions that have one.
    """
    found = [row["label"].value for row in store.query(st, _REGIONS_NAMED.replace("$name", KINDS["label"](name)))]
    if found:
        return found
    known = "、".join(row["label"].value for row in store.query(st, _REGIONS_NAMED.replace("$name", "?any")))
    raise ValueError(f"no plan of a region named {name!r} in this build (regions with a plan: {known or 'none'})")


_REGIONS_NAMED = """
SELECT DISTINCT ?label WHERE {
  ?r a pg:Region ; skos:prefLabel|skos:altLabel $name ; skos:prefLabel ?label .
  ?plan a pg:Plan ; pg:region ?r .
} ORDER BY ?label"""


def output_name(regions: Collection[str] | None, shared: int | None, types: Collection[str] | None) -> str:
    """A file name that says what a focused view holds (view-湖州市-shared-2-Program.html), never graph.html."""
    parts = ["view", *sorted(regions or ())]
    if shared is not None:
        parts += ["shared", str(shared)]
    parts += sorted(set(types or ()))
    if len(parts) == 1:
        parts.append("all")
    return "-".join(_file_safe(p) for p in parts) + ".html"


def _file_safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_." else "_" for ch in text)


def payload(G: nx.Graph) -> dict[str, Any]:
    """Everything the page needs, with nodes and edges in sorted order for stable output.

    The plan filter lists the plans of this view only, and an entity's plans are
    those of this view; ``order`` is the order the page labels nodes in (plans,
    then entities more plans share), so the first screen names what matters.
    """
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in _payload(G).items()}


def _payload(G: nx.Graph) -> dict[str, Any]:
    """``payload`` with its nodes, edges and panel rows as iterators, made as the page is written."""
    ids = {n: i for i, n in enumerate(sorted(G, key=str))}
    nodes = list(ids)
    large = len(nodes) > LARGE
    plan_names = sorted(_plan_name(G, n) for n in nodes if _type(G, n) == PLAN)
    plan_index = {p: i for i, p in enumerate(plan_names)}
    regions = {_plan_name(G, n): str(G.nodes[n].get("region", "")) for n in nodes if _type(G, n) == PLAN}
    pos = layout(G)
    predicates, edges = _sorted_edges(G, ids)
    return {
        "large": large,
        "options": _vis_options(large),
        "types": _present(TYPE_COLORS, (_type(G, n) for n in nodes)),
        "predicates": _present(PREDICATE_COLORS, (predicates[p] for p in edges[:, 2])),
        "hidden": [MENTIONS] if large else [],  # thousands of faint lines are the hairball; the layout shows them
        "plans": [{"name": p, "region": regions.get(p, "")} for p in plan_names],
        "nodes": (_vis_node(G, n, ids[n], pos[n]) for n in nodes),
        "edges": (_vis_edge(a, b, predicates[p], w, bool(d), large=large) for a, b, p, w, d in _rows_of(edges)),
        "info": (_info(G, n, plan_index) for n in nodes),
        "order": [ids[n] for n in sorted(nodes, key=lambda n: _importance(G, n))],
    }


def _importance(G: nx.Graph, n: Hashable) -> tuple:
    """Sort key, most important first: plans, then entities of more plans and more mentions."""
    data = G.nodes[n]
    return (_type(G, n) != PLAN, -len(data.get("plans", ())), -int(data.get("mentions", 0)), str(n))


def layout(G: nx.Graph) -> Pos:
    """Node positions in screen pixels, linear in the graph's size.

    Plans sit on a circle, each in the middle of a disc of the entities only it
    names; entities that several plans name sit together between those plans, on
    a spiral with the most shared at its middle. So where a node is says whose it
    is, every plan has room for its label, and no force layout (O(n²) per
    iteration) runs.
    """
    plans = sorted((n for n in G if _type(G, n) == PLAN), key=str)
    plan_set = set(plans)
    groups: dict[tuple[Hashable, ...], list[Hashable]] = defaultdict(list)
    for n in sorted((n for n in G if n not in plan_set), key=lambda n: _importance(G, n)):
        groups[tuple(sorted(plan_set.intersection(nx.all_neighbors(G, n)), key=str))].append(n)
    for p in plans:
        groups.setdefault((p,), [])
    discs = sorted(groups, key=lambda k: (len(k) != 1, -len(groups[k]), [str(a) for a in k]))
    step = {k: max([SPACING] + [1.5 * _node_size(G, n) for n in groups[k]]) for k in discs}  # no dots touch
    radius = np.array([_disc_radius(len(groups[k]), len(k) == 1, step[k]) for k in discs])
    ring = _plan_ring(plans, {k[0]: r for k, r in zip(discs, radius) if len(k) == 1})
    centres = np.array([_centroid([ring[a] for a in k]) for k in discs])
    movable = min(len(discs), max(len(plans), MAX_SEPARATED))  # plan discs come first and are always separated
    centres[:movable] = _separate(centres[:movable], radius[:movable])
    pos: Pos = {}
    for key, (cx, cy) in zip(discs, centres):
        first = 1  # a spiral's slot 0 is too close to slot 1
        if len(key) == 1:
            pos[key[0]] = (float(cx), float(cy))
            first = PLAN_HOLE
        for k, n in enumerate(groups[key], start=first):
            r, theta = step[key] * math.sqrt(k), k * _GOLDEN_ANGLE
            pos[n] = (float(cx) + r * math.cos(theta), float(cy) + r * math.sin(theta))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _disc_radius(members: int, around_plan: bool, step: float) -> float:
    """The radius of a spiral of ``members`` nodes ``step`` apart, plus a margin (and a hole for the plan)."""
    return step * (math.sqrt(members + (PLAN_HOLE if around_plan else 0)) + 1.5)


def _plan_ring(plans: list[Hashable], radius: dict[Hashable, float]) -> Pos:
    """Plans evenly on a circle big enough that neighbouring plan discs do not touch."""
    if len(plans) < 2:
        return {p: (0.0, 0.0) for p in plans}
    widest = max(radius.values())
    r = max(widest / math.sin(math.pi / len(plans)), sum(radius.values()) / math.pi) + widest
    step = 2 * math.pi / len(plans)
    return {p: (r * math.cos(k * step - math.pi / 2), r * math.sin(k * step - math.pi / 2)) for k, p in enumerate(plans)}


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    if not points:
        return (0.0, 0.0)
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def _vis_options(large: bool) -> dict[str, Any]:
    """vis-network options: a fixed layout, edge effects only where the browser can afford them."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {"enabled": False},  # the layout is final: physics only piled nodes onto the plans
        "interaction": {
            "hover": not large,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "tooltipDelay": 200,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"borderWidth": 1},
        "edges": {
            "smooth": False if large else {"type": "continuous"},
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#555"},
            "selectionWidth": 2,
        },
    }


def _vis_node(G: nx.Graph, n: Hashable, i: int, xy: tuple[float, float]) -> dict[str, Any]:
    """One vis node: colour by type, size by how many plans and mentions back it.

    No ``label``: the page draws labels itself, the most important first and
    never one over another.
    """
    data = G.nodes[n]
    kind = _type(G, n)
    color = TYPE_COLORS.get(kind, OTHER_COLOR)
    is_plan = kind == PLAN
    opts: dict[str, Any] = {
        "x": xy[0],
        "y": xy[1],
        "size": _node_size(G, n),
        "borderWidth": 3 if is_plan else 1,
        "color": {
            "background": color,
            "border": "#222" if is_plan else color,
            "highlight": {"background": color, "border": "#000"},
        },
    }
    return {"id": i, "shape": "diamond" if is_plan else "dot", **opts}


def _node_size(G: nx.Graph, n: Hashable) -> float:
    """A node's radius in pixels: plans big, an entity by how many plans and mentions back it."""
    if _type(G, n) == PLAN:
        return PLAN_SIZE
    return _entity_size(len(G.nodes[n].get("plans", ())), int(G.nodes[n].get("mentions", 0)))


def _entity_size(plans: int, mentions: int) -> float:
    """Log-scaled so an entity shared by every plan stands out without swamping the canvas."""
    return round(min(36.0, 6 + 5 * math.log2(1 + plans) + math.log2(1 + mentions)), 1)


def _vis_edge(a: int, b: int, predicate: str, weight: int, directed: bool, *, large: bool) -> dict[str, Any]:
    """One vis edge: relations bold, coloured and pointing from subject to object; "mentions" faint."""
    relation = predicate != MENTIONS
    color = PREDICATE_COLORS.get(predicate, OTHER_COLOR)
    opts: dict[str, Any] = {
        "predicate": predicate,
        "color": {"color": color, "highlight": color, "hover": color, "opacity": 1.0 if relation else 0.6},
        "width": round(2 + math.log2(max(weight, 1)), 2) if relation else 1,
        "dashes": not (relation or large),  # dashed canvas lines are slow to draw by the thousand
    }
    if relation and not large:
        opts["label"] = predicate
    if directed and relation:
        opts["arrows"] = "to"
    return {**opts, "from": a, "to": b}


def script_json(obj: Any) -> str:
    """JSON that is inert inside <script>: ``</script>``, ``<!--`` and JS line breaks can't escape."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":  # str.replace is ~10x faster than str.translate here
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


#: Items of a long list made and written at a time
BATCH = 2048


def _json_pieces(data: dict[str, Any]) -> Iterator[str]:
    """``script_json(data)`` in pieces: a value that is an iterator is written ``BATCH`` items at a
    time. The same bytes, since JSON of a list is its items' JSON joined by commas and the
    escapes of ``script_json`` replace single characters."""
    sep = "{"
    for key in sorted(data):
        value = data[key]
        yield f"{sep}{script_json(key)}:"
        sep = ","
        if not isinstance(value, Iterator):
            yield script_json(value)
            continue
        comma = "["
        while batch := list(itertools.islice(value, BATCH)):
            yield comma + script_json(batch)[1:-1]
            comma = ","
        yield "[]" if comma == "[" else "]"
    yield "}"


def _sorted_edges(G: nx.Graph, ids: dict[Hashable, int]) -> tuple[list[str], np.ndarray]:
    """``sorted(_edge_rows(G, ids))`` as one integer array, each predicate as its index in the
    sorted predicates returned with it: 40 bytes an edge where a list of tuples takes about 150,
    and a view of every entity of a national corpus has hundreds of thousands of edges."""
    codes: dict[str, int] = {}
    flat = (x for a, b, p, w, d in _edge_rows(G, ids) for x in (a, b, codes.setdefault(p, len(codes)), w, d))
    edges = np.fromiter(flat, dtype=np.int64, count=5 * G.number_of_edges()).reshape(-1, 5)  # never regrown
    predicates = sorted(codes)
    edges[:, 2] = np.array([predicates.index(p) for p in codes], dtype=np.int64)[edges[:, 2]]
    return predicates, edges[np.lexsort(edges.T[::-1])]


def _rows_of(table: np.ndarray) -> Iterator[list[int]]:
    """The rows of an integer array as lists of Python ints, a batch at a time."""
    for start in range(0, len(table), BATCH):
        yield from table[start:start + BATCH].tolist()


def _edge_rows(G: nx.Graph, ids: dict[Hashable, int]) -> Iterable[tuple[int, int, str, int, bool]]:
    """Edges as index rows from the RDF subject to the object, and whether that direction is known.

    A directed graph's edges point that way already; an undirected graph knows
    it from the edge's ``subject`` (``analytics.plan_entity_graph`` stores it).
    A "mentions" edge starts at its plan; any other goes in index order.
    """
    for u, v, d in G.edges(data=True):
        subject = u if G.is_directed() else d.get("subject")
        if subject is None:
            plan_first = (_type(G, u) != PLAN, ids[u]) > (_type(G, v) != PLAN, ids[v])
            u, v = (v, u) if plan_first else (u, v)
        elif subject != u:
            u, v = v, u
        yield ids[u], ids[v], str(d.get("predicate", MENTIONS)), int(d.get("weight", 1)), subject is not None


def _info(G: nx.Graph, n: Hashable, plan_index: dict[str, int]) -> dict[str, Any]:
    """What the side panel and search show for a node (never drawn by vis, so never HTML).

    ``plans`` are this view's plans; ``inPlans`` counts every plan of the build.
    """
    data = G.nodes[n]
    plans = list(data.get("plans", ()))
    row: dict[str, Any] = {
        "iri": str(n),
        "label": str(data.get("label", n)),
        "type": _type(G, n),
        "alt": [str(a) for a in data.get("alt_labels", ())],
        "plans": [plan_index[p] for p in plans if p in plan_index],
        "inPlans": len(plans),
        "mentions": int(data.get("mentions", 0)),
        "evidence": [{k: str(e.get(k, "")) for k in ("plan", "section", "sentence")} for e in data.get("evidence", ())],
    }
    if row["type"] == PLAN:
        row["region"] = str(data.get("region", ""))
        row["entities"] = sum(1 for m in nx.all_neighbors(G, n) if _type(G, m) != PLAN)
    return row


def _present(colors: dict[str, str], used: Iterable[str]) -> list[dict[str, Any]]:
    """Legend rows for the values that occur, known ones first in their canonical order."""
    counts: dict[str, int] = defaultdict(int)
    for u in used:
        counts[u] += 1
    order = [k for k in colors if k in counts] + sorted(k for k in counts if k not in colors)
    return [{"name": k, "color": colors.get(k, OTHER_COLOR), "count": counts[k]} for k in order]


def _plan_name(G: nx.Graph, n: Hashable) -> str:
    """A plan node's display name, the one entities list in their ``plans``."""
    data = G.nodes[n]
    return str((data.get("plans") or [data.get("label", n)])[0])


def _type(G: nx.Graph, n: Hashable) -> str:
    return str(G.nodes[n].get("type", ""))


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _separate(points: np.ndarray, radius: np.ndarray, rounds: int = 80) -> np.ndarray:
    """Push overlapping discs apart, keeping the arrangement the spring layout found."""
    points = points.copy()
    need = radius[:, None] + radius[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-6)
        overlap = np.clip(need - dist, 0.0, None)
        if not overlap.any():
            break
        points += ((delta / dist[..., None]) * (overlap / 4)[..., None]).sum(axis=1)
    return points


def _inline(text: str, tag: str) -> str:
    """Refuse an asset that would close its own <style>/<script> element early."""
    if f"</{tag}" in text.lower():
        raise ValueError(f"asset contains </{tag}")
    return text


def _asset(name: str) -> str:
    return _read(ASSETS / name)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
