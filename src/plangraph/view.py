"""A self-contained, offline HTML explorer for the plan knowledge graph.

The page is one file that opens from disk in any browser with no network:
vis-network (shipped inside pyvis) and our own CSS/JS are inlined, and the
graph travels as an escaped JSON island. pyvis' own template is not used
because it pulls Bootstrap from a CDN and its filter menus mangle Chinese.
"""

from __future__ import annotations

import html
import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
import numpy as np
import pyvis
from pyvis.edge import Edge
from pyvis.node import Node

ASSETS = Path(__file__).parent / "assets"
VIS_LIB = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

#: Above this many nodes the browser's physics is too slow to be pleasant, so
#: positions are final when the page loads and edge labels are dropped.
LARGE = 300
#: Node count laid out by a real force layout; the rest are placed around it.
CORE = 300
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
    """Write the explorer for ``G`` to ``path``, atomically so a reader never sees half a page."""
    path = Path(path)
    text = render_view(G, title=title)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def render_view(G: nx.Graph, *, title: str = "plangraph") -> str:
    """The explorer page as a string; identical graphs give identical bytes."""
    page = Template(_asset("view.html"))
    return page.substitute(
        title=html.escape(title),
        vis_css=_inline(_read(VIS_LIB / "vis-network.css"), "style"),
        css=_inline(_asset("view.css"), "style"),
        vis_js=_inline(_read(VIS_LIB / "vis-network.min.js"), "script"),
        js=_inline(_asset("view.js"), "script"),
        data=script_json(payload(G)),
    )


def focus(
    G: nx.Graph,
    *,
    region: str | None = None,
    shared: int | None = None,
    types: Collection[str] | None = None,
) -> nx.Graph:
    """A subgraph for a focused view, since the whole graph is too dense to read.

    ``region`` keeps that region's plan(s) and what they mention, ``shared``
    keeps entities mentioned by at least that many plans, ``types`` keeps
    those entity types; plan nodes survive the last two. Filters combine.
    """
    plans = {n for n, t in G.nodes(data="type") if t == PLAN}
    entities = set(G) - plans
    if region is not None:
        plans = {p for p in plans if G.nodes[p].get("region") == region}
        entities &= {n for p in plans for n in nx.all_neighbors(G, p)}
    if shared is not None:
        entities = {n for n in entities if len(G.nodes[n].get("plans", ())) >= shared}
    if types is not None:
        entities = {n for n in entities if G.nodes[n].get("type") in types}
    return G.subgraph(plans | entities).copy()


def payload(G: nx.Graph) -> dict[str, Any]:
    """Everything the page needs, with nodes and edges in sorted order for stable output."""
    ids = {n: i for i, n in enumerate(sorted(G, key=str))}
    nodes = list(ids)
    large = len(nodes) > LARGE
    plan_names = sorted({p for n in nodes for p in G.nodes[n].get("plans", ())})
    plan_index = {p: i for i, p in enumerate(plan_names)}
    regions = {_plan_name(G, n): str(G.nodes[n].get("region", "")) for n in nodes if _type(G, n) == PLAN}
    pos = layout(G)
    edges = sorted(_edge_rows(G, ids))
    return {
        "large": large,
        "options": _vis_options(large, directed=G.is_directed()),
        "types": _present(TYPE_COLORS, (_type(G, n) for n in nodes)),
        "predicates": _present(PREDICATE_COLORS, (p for _, _, p, _ in edges)),
        "plans": [{"name": p, "region": regions.get(p, "")} for p in plan_names],
        "nodes": [_vis_node(G, n, ids[n], pos[n]) for n in nodes],
        "edges": [_vis_edge(a, b, p, w, directed=G.is_directed(), large=large) for a, b, p, w in edges],
        "info": [_info(G, n, plan_index) for n in nodes],
    }


def layout(G: nx.Graph) -> Pos:
    """Node positions in screen pixels, fast enough for thousands of nodes.

    A full spring layout is O(n²) per iteration (≈45 s at 5,000 nodes), so
    only the best-connected ``CORE`` nodes get one; every other node is set on
    a sunflower spiral around the nodes it is attached to, ring by ring.
    """
    H = _sorted_undirected(G)
    core = sorted(sorted(H, key=lambda n: (-H.degree(n), str(n)))[:CORE], key=str)
    pos = _core_layout(H, core)
    rest = [n for n in H if n not in pos]
    while rest:
        reached = [n for n in rest if any(m in pos for m in H[n])]
        if reached:
            _place_around(H, pos, reached)
        else:
            pos.update(_island_seeds(H, rest, pos))
        rest = [n for n in rest if n not in pos]
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _vis_options(large: bool, *, directed: bool) -> dict[str, Any]:
    """vis-network options: physics only where the browser can afford it."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {
            "enabled": not large,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 120, "avoidOverlap": 0.2},
            "stabilization": {"enabled": not large, "iterations": 150, "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": not large,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "tooltipDelay": 200,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "font": {"face": "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif", "size": 14},
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": 10 if large else 5}},  # unreadable labels only cost time
        },
        "edges": {
            "smooth": False if large else {"type": "continuous"},
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#555"},
            "selectionWidth": 2,
        },
    }


def _vis_node(G: nx.Graph, n: Hashable, i: int, xy: tuple[float, float]) -> dict[str, Any]:
    """One vis node: colour by type, size by how many plans and mentions back it."""
    data = G.nodes[n]
    kind = _type(G, n)
    color = TYPE_COLORS.get(kind, OTHER_COLOR)
    is_plan = kind == PLAN
    opts: dict[str, Any] = {
        "x": xy[0],
        "y": xy[1],
        "size": 34 if is_plan else _entity_size(len(data.get("plans", ())), int(data.get("mentions", 0))),
        "borderWidth": 3 if is_plan else 1,
        "color": {
            "background": color,
            "border": "#222" if is_plan else color,
            "highlight": {"background": color, "border": "#000"},
        },
        "font": {"size": 18, "strokeWidth": 3, "strokeColor": "#fff"} if is_plan else {},
    }
    return Node(i, "diamond" if is_plan else "dot", label=str(data.get("label", n)), **opts).options


def _entity_size(plans: int, mentions: int) -> float:
    """Log-scaled so an entity shared by every plan stands out without swamping the canvas."""
    return round(min(48.0, 8 + 7 * math.log2(1 + plans) + 1.5 * math.log2(1 + mentions)), 1)


def _vis_edge(a: int, b: int, predicate: str, weight: int, *, directed: bool, large: bool) -> dict[str, Any]:
    """One vis edge: relations bold and coloured, the many "mentions" edges faint."""
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
    return Edge(a, b, directed and relation, **opts).options


def script_json(obj: Any) -> str:
    """JSON that is inert inside <script>: ``</script>``, ``<!--`` and JS line breaks can't escape."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":  # str.replace is ~10x faster than str.translate here
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _edge_rows(G: nx.Graph, ids: dict[Hashable, int]) -> Iterable[tuple[int, int, str, int]]:
    """Edges as index rows; undirected edges get a canonical direction, from the plan if any."""
    nodes = list(ids)
    for u, v, d in G.edges(data=True):
        a, b = ids[u], ids[v]
        if not G.is_directed():
            a, b = sorted((a, b), key=lambda i: (_type(G, nodes[i]) != PLAN, i))
        yield a, b, str(d.get("predicate", MENTIONS)), int(d.get("weight", 1))


def _info(G: nx.Graph, n: Hashable, plan_index: dict[str, int]) -> dict[str, Any]:
    """What the side panel and search show for a node (never drawn by vis, so never HTML)."""
    data = G.nodes[n]
    row: dict[str, Any] = {
        "iri": str(n),
        "label": str(data.get("label", n)),
        "type": _type(G, n),
        "alt": [str(a) for a in data.get("alt_labels", ())],
        "plans": [plan_index[p] for p in data.get("plans", ())],
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


def _sorted_undirected(G: nx.Graph) -> nx.Graph:
    """An undirected copy built in sorted order, so the layout doesn't depend on insertion order."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G, key=str))
    pairs = (sorted((u, v), key=str) for u, v in G.edges())
    H.add_edges_from(sorted(pairs, key=lambda e: (str(e[0]), str(e[1]))))
    return H


def _core_layout(H: nx.Graph, core: list[Hashable]) -> Pos:
    """Spring-layout the core, then spread it so every node has room for the spiral around it.

    Without the spreading, hubs (the plans) pile up in the middle and their
    spirals overlap into one blob.
    """
    if not core:
        return {}
    members = set(core)
    xy = nx.spring_layout(H.subgraph(core), seed=SEED)
    points = np.array([xy[n] for n in core], dtype=float)
    radius = np.array([SPACING * math.sqrt(4 + sum(m not in members for m in H[n])) for n in core])
    points *= math.sqrt(float((radius**2).sum()))
    points = _separate(points, radius)
    return {n: (float(x), float(y)) for n, (x, y) in zip(core, points)}


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


def _place_around(H: nx.Graph, pos: Pos, nodes: list[Hashable]) -> None:
    """Put each node on a spiral around the centroid of its placed neighbours.

    Nodes attached to the same set of neighbours share one spiral, so
    entities of one plan form a disc and shared ones sit between plans.
    """
    groups: dict[tuple[Hashable, ...], list[Hashable]] = defaultdict(list)
    for n in nodes:
        groups[tuple(m for m in H[n] if m in pos)].append(n)
    for anchors, members in groups.items():
        cx = sum(pos[a][0] for a in anchors) / len(anchors)
        cy = sum(pos[a][1] for a in anchors) / len(anchors)
        for k, n in enumerate(members, start=4):
            r, theta = SPACING * math.sqrt(k), k * _GOLDEN_ANGLE
            pos[n] = (cx + r * math.cos(theta), cy + r * math.sin(theta))


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _island_seeds(H: nx.Graph, rest: list[Hashable], pos: Pos) -> Pos:
    """Start each part of the graph that never touches the core in a grid cell below the rest."""
    parts = sorted(
        (sorted(c, key=lambda n: (-H.degree(n), str(n))) for c in nx.connected_components(H.subgraph(rest))),
        key=lambda c: str(c[0]),
    )
    cell = 2 * SPACING * math.sqrt(4 + max(len(c) for c in parts))
    cols = math.ceil(math.sqrt(len(parts)))
    left = min((x for x, _ in pos.values()), default=0.0)
    top = max((y for _, y in pos.values()), default=0.0) + cell
    return {c[0]: (left + cell * (k % cols), top + cell * (k // cols)) for k, c in enumerate(parts)}


def _inline(text: str, tag: str) -> str:
    """Refuse an asset that would close its own <style>/<script> element early."""
    if f"</{tag}" in text.lower():
        raise ValueError(f"asset contains </{tag}")
    return text


def _asset(name: str) -> str:
    return _read(ASSETS / name)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
