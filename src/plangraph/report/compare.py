"""The comparison report: what regions share, where they differ, who follows whom.

``analytics`` computes; this module gathers its results once (``compare``) and
writes them out (``write_report``): Markdown, a self-contained HTML page with
the heatmap inlined as a data: URI, CSV tables for pandas and GraphML/GEXF for
Gephi. Every number is rounded and every list sorted, so reruns are identical.
"""

from __future__ import annotations

import base64
import csv
import functools
import html
import io
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from matplotlib import font_manager, ft2font, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..extract.segmenter import general_dictionary
from ..graph.rdf import SECTION_SEP
from . import analytics
from . import targets as targets_report

REPORT_DIR = "report"
TOP = 30  # shared initiatives in the main table
TOP_PER_TYPE = 10  # and per type, so programs are not buried under much-listed industries
LIST = 15  # rows per list in the other sections
TYPE_LINE = 6  # names per type in the terminal summary
QUOTE_WIDTH = 60  # characters kept either side of the quoted name
SEED = 0
BETWEENNESS_SOURCES = 300  # sampled (seeded) sources: exact betweenness took ~25 s on the bundled plans
CJK_FONT = "WenQuanYi Micro Hei"  # Debian fonts-wqy-microhei


@dataclass
class Comparison:
    """Everything the report shows, as plain data."""

    graph: nx.Graph  # the plan–entity graph
    counts: analytics.Counts  # plan → initiative → mentions
    sentences: dict[str, tuple[int, str, str]]  # sentence → (start, section, text)
    sentences_of: dict[tuple[str, str], list[str]]  # (entity, plan) → sentences that mention it
    shared: list[dict]
    unique: dict[str, list[tuple[str, int]]]
    similarity: dict[str, list]
    projection: nx.Graph
    vertical: list[tuple[str, str, dict[str, list[analytics.Row]]]]
    comention: nx.Graph
    centrality: dict[str, dict[str, float]]
    communities: list[list[str]]
    targets: tuple[list[str], list[list[str]]]  # indicator × region table of 2025 targets

    def name(self, node: str) -> str:
        return self.graph.nodes[node]["label"]


def compare(store: ox.Store, betweenness_k: int | None = BETWEENNESS_SOURCES) -> Comparison:
    """Run every analysis the report needs on a build's store."""
    g = analytics.plan_entity_graph(store)
    rows = analytics.mention_rows(store)
    counts = analytics.mention_counts(g, rows)
    labels = {e: g.nodes[e]["label"] for c in counts.values() for e in c}
    weights = analytics.specificity(labels, *general_frequencies(set(labels.values())))
    comention = analytics.comention_graph(g, rows)
    sentences_of: dict[tuple[str, str], list[str]] = {}
    for plan, sentence, e in rows:
        sentences_of.setdefault((e, plan), []).append(sentence)
    return Comparison(
        graph=g,
        counts=counts,
        sentences=analytics.sentences(store),
        sentences_of=sentences_of,
        shared=analytics.shared_initiatives(g, counts, 2, weights),
        unique=analytics.unique_initiatives(counts),
        similarity=analytics.similarity(counts),
        projection=analytics.plan_projection(counts),
        vertical=[(c, p, analytics.vertical_alignment(counts, c, p)) for c, p in analytics.plan_parents(store)],
        comention=comention,
        centrality=analytics.centrality(comention, k=betweenness_k, seed=SEED),
        communities=analytics.communities(comention, seed=SEED),
        targets=targets_report.comparison(store),
    )


def general_frequencies(words: set[str]) -> tuple[dict[str, int], int]:
    """Frequencies of ``words`` in jieba's general dictionary as shipped (never the taught
    segmenter, which would make the lexicon's names look common), and its total."""
    general = general_dictionary()
    return {w: general.frequencies[w] for w in words if w in general.frequencies}, general.total


def excerpt(sentence: str, names: list[str], width: int = QUOTE_WIDTH) -> str:
    """The sentence, cut to ``width`` characters either side of the first name found in it."""
    if len(sentence) <= 2 * width + 10:
        return sentence
    hits = [(i, -len(n), n) for n in names if n and (i := sentence.find(n)) >= 0]
    if not hits:
        return sentence[: 2 * width] + "…"
    start, _, name = min(hits)
    lo, hi = max(0, start - width), min(len(sentence), start + len(name) + width)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


_LINE_BREAK = re.compile(r"\s*\n\s*")  # a page break inside a sentence, dropped from the shown quote
_NOT_PROSE = re.compile(r"\||\.{4,}|…{2,}|·{4,}")  # table rows and table-of-contents lines


def quotes(comp: Comparison, entity: str) -> list[dict[str, str]]:
    """For each plan that mentions the entity, its best sentence, with its section path.

    Best: names the entity in full (not only a short alias), reads as prose
    rather than a table, contents line or heading, is not overlong; then the earliest.
    """
    node = comp.graph.nodes[entity]
    names = [node["label"], *sorted(node["alt_labels"], key=len, reverse=True)]
    full = [n for n in names if len(n) >= len(node["label"])]

    def rank(sentence: str) -> tuple[bool, bool, bool, int]:
        start, section, text = comp.sentences[sentence]
        prose = not _NOT_PROSE.search(text) and not section.endswith(text.strip())
        return (not any(n in text for n in full), not prose, len(text) > 4 * QUOTE_WIDTH, start)

    out = []
    for plan, counts in comp.counts.items():
        if entity in counts:
            _, section, text = comp.sentences[min(comp.sentences_of[entity, plan], key=rank)]
            out.append({"plan": comp.name(plan), "section": section, "sentence": text,
                        "quote": excerpt(_LINE_BREAK.sub("", text), names)})
    return out


# --- the heatmap ---------------------------------------------------------------


@functools.cache
def cjk_font() -> str | None:
    """A font family that shows Chinese: WenQuanYi Micro Hei, else any installed font with CJK glyphs.

    Warns once per process when there is none; the heatmap is then drawn without Chinese glyphs.
    """
    fonts = sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name != CJK_FONT, f.name, f.fname))
    for font in fonts:
        try:
            if font.name == CJK_FONT or ord("湖") in ft2font.FT2Font(font.fname).get_charmap():
                return font.name
        except (OSError, RuntimeError):
            continue
    print("warning: no CJK font found; Chinese labels in the heatmap will not show (install fonts-wqy-microhei)",
          file=sys.stderr)
    return None


def similarity_figure(sim: dict[str, list], names: list[str]) -> Figure:
    """Jaccard and cosine heatmaps side by side: a pyplot-free Figure, for the report and notebooks."""
    fig = Figure(figsize=(4.2 * 2 + 1, 4.6), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    for ax, key, title in zip(fig.subplots(1, 2), ("jaccard", "cosine"), ("Jaccard", "cosine (TF-IDF)")):
        image = ax.imshow(sim[key], vmin=0, vmax=1, cmap="viridis")
        ax.set_title(title)
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
        ax.set_yticks(range(len(names)), names)
        for i, row in enumerate(sim[key]):
            for j, value in enumerate(row):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", color="white" if value < 0.6 else "black")
    fig.colorbar(image, ax=fig.axes, shrink=0.8)
    return fig


def heatmap_png(comp: Comparison) -> bytes:
    """The similarity heatmaps as PNG bytes, drawn with a font that shows the plans' Chinese names."""
    font = cjk_font()
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    buf = io.BytesIO()
    with rc_context({"font.sans-serif": families, "font.family": "sans-serif"}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig = similarity_figure(comp.similarity, [comp.name(p) for p in comp.similarity["plans"]])
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


# --- the report as blocks, rendered as Markdown and as HTML ----------------------

Block = tuple  # ("h", level, text) | ("p", text) | ("table", header, rows) | ("quotes", items) | ("img", file, alt)


def _plans_cell(comp: Comparison, plans: list[str]) -> str:
    return "、".join(comp.name(p) for p in plans)


def report_blocks(comp: Comparison) -> list[Block]:
    """The report's content, independent of its format."""
    g, plans = comp.graph, comp.similarity["plans"]
    blocks: list[Block] = [
        ("h", 1, f"Comparing {len(plans)} plans"),
        ("p", ("Initiatives are entities of the types Program, Industry, Platform and Project; regions are left out. "
              "Mentions count every annotation of an entity in a plan.")),
        ("table", ["plan", "region", "file", "initiatives", "mentions", "only here"],
         [[comp.name(p), g.nodes[p]["region"], g.nodes[p]["alt_labels"][0], len(comp.counts[p]),
           sum(comp.counts[p].values()), len(comp.unique[p])] for p in plans]),
        ("h", 2, "Shared initiatives"),
        ("p", (f"{len(comp.shared)} initiatives are named by at least two plans. They are ranked by the number of "
              "plans, then by score = (1 + ln mentions) × specificity, where specificity = 1 − log(1+f)/log(1+F) "
              "for the name's frequency f in jieba's general-language dictionary (total F): everyday words such as "
              "旅游 weigh less than named programs, and many mentions cannot make up for that. "
              "The full list is in shared.csv.")),
        _shared_table(comp, list(enumerate(comp.shared, 1))[:TOP]),
    ]
    shown = {r["entity"]: (i, r) for i, r in enumerate(comp.shared[:TOP], 1)}
    for type_ in analytics.INITIATIVE_TYPES:
        ranked = [(i, r) for i, r in enumerate(comp.shared, 1) if r["type"] == type_][:TOP_PER_TYPE]
        blocks += [("h", 3, f"Most shared: {type_}"), _shared_table(comp, ranked)]
        shown.update((r["entity"], (i, r)) for i, r in ranked if r["entity"] not in shown)
    blocks.append(("h", 3, "What the plans say"))
    blocks.append(("p", "For each initiative above, one sentence per plan (all of them in quotes.csv)."))
    for i, r in sorted(shown.values(), key=lambda t: t[0]):
        blocks.append(("h", 4, f"{i}. {r['label']} ({r['type']}) — {len(r['plans'])} plans, {r['mentions']} mentions"))
        blocks.append(("quotes", quotes(comp, r["entity"])))
    blocks.append(("h", 2, "Unique to each region"))
    blocks.append(("p", "Initiatives that only one plan names, most mentioned first (all of them in unique.csv)."))
    blocks.append(("table", ["plan", "only here", "most mentioned"],
                   [[comp.name(p), len(comp.unique[p]),
                     "、".join(f"{comp.name(e)} ({n})" for e, n in comp.unique[p][:LIST])] for p in plans]))
    blocks += _similarity_blocks(comp)
    blocks += _targets_blocks(comp)
    blocks += _vertical_blocks(comp)
    blocks += _network_blocks(comp)
    return blocks


def _targets_blocks(comp: Comparison) -> list[Block]:
    """2025 targets that several plans set, side by side (every target is in targets.csv)."""
    header, rows = comp.targets
    common = [r for r in rows if sum(1 for cell in r[1:] if cell) >= 2]
    return [
        ("h", 2, "2025 targets by region"),
        ("p", (f"{len(rows)} indicators have a 2025 target in at least one plan; the {len(common)} that two or more "
               "plans set are shown. Values are as the plans state them (≥, 左右, 累计 kept).")),
        ("table", header, common),
    ]


def _shared_table(comp: Comparison, ranked: list[tuple[int, dict]]) -> Block:
    return ("table", ["#", "initiative", "type", "plans", "mentions", "specificity", "score", "first (plan date)",
                      "named by (earliest first)"],
            [[i, r["label"], r["type"], len(r["plans"]), r["mentions"], r["weight"], r["score"], _first_cell(comp, r),
              _plans_cell(comp, r["plans"])]
             for i, r in ranked])


def _first_cell(comp: Comparison, row: dict) -> str:
    """Who adopted an initiative first, by plan date (issue date, else the period's first year)."""
    return f"{_plans_cell(comp, row['first'])} ({row['first_date']})" if row["first"] else "no plan is dated"


def _similarity_blocks(comp: Comparison) -> list[Block]:
    sim = comp.similarity
    names = [comp.name(p) for p in sim["plans"]]
    shared = [[len(comp.counts[a]) if a == b else comp.projection.get_edge_data(a, b, {"weight": 0})["weight"]
               for b in sim["plans"]] for a in sim["plans"]]
    return [
        ("h", 2, "Similarity"),
        ("p", ("Jaccard: shared initiatives over all initiatives of the two plans. Cosine: over TF-IDF vectors of "
              "mentions, so what both plans stress weighs more than what both merely name. All pairs: similarity.csv.")),
        ("img", "similarity.png", "Jaccard and cosine similarity heatmaps"),
        ("h", 3, "Jaccard"),
        ("table", ["", *names], [[n, *row] for n, row in zip(names, sim["jaccard"])]),
        ("h", 3, "Cosine (TF-IDF)"),
        ("table", ["", *names], [[n, *row] for n, row in zip(names, sim["cosine"])]),
        ("h", 3, "Initiatives in common"),
        ("table", ["", *names], [[n, *row] for n, row in zip(names, shared)]),
    ]


def _vertical_blocks(comp: Comparison) -> list[Block]:
    blocks: list[Block] = [
        ("h", 2, "Vertical alignment"),
        ("p", ("For each plan whose region lies inside another plan's region (pg:partOf): what it takes over from "
              "that plan, what it adds and what it leaves out (mentions in the lower plan / the upper plan; "
              "all rows in vertical.csv).")),
    ]
    if not comp.vertical:
        blocks.append(("p", "No plan's region lies inside another plan's region."))
    for child, parent, parts in comp.vertical:
        blocks.append(("h", 3, f"{comp.name(child)} ↔ {comp.name(parent)}"))
        blocks.append(("table", ["", "count", "most mentioned"],
                       [[what, len(parts[key]), "、".join(f"{comp.name(e)} ({a}/{b})" for e, a, b in parts[key][:LIST])]
                        for key, what in (("taken_over", "takes over"), ("added", "adds"), ("left_out", "leaves out"))]))
    return blocks


def _network_blocks(comp: Comparison) -> list[Block]:
    c, cent = comp.comention, comp.centrality
    community = _community_of(comp)
    top = sorted(cent, key=lambda n: (-cent[n]["pagerank"], n))[:LIST]
    return [
        ("h", 2, "Central initiatives"),
        ("p", (f"On the co-mention graph: {c.number_of_nodes()} initiatives, linked when one sentence names both "
              f"({c.number_of_edges()} links, weighted by the number of such sentences). Degree, weighted PageRank and "
              "betweenness for all of them are in centrality.csv.")),
        ("table", ["initiative", "type", "plans", "degree", "PageRank", "betweenness", "community"],
         [[c.nodes[n]["label"], c.nodes[n]["type"], c.nodes[n]["plans"], cent[n]["degree"], cent[n]["pagerank"],
           cent[n]["betweenness"], community[n]] for n in top]),
        ("h", 2, "Communities"),
        ("p", (f"Louvain communities of the co-mention graph (seed {SEED}): {len(comp.communities)} in all, "
              "the largest here with their most central members.")),
        ("table", ["community", "size", "members"],
         [[i, len(m), "、".join(c.nodes[n]["label"] for n in sorted(m, key=lambda n: (-cent[n]["pagerank"], n))[:LIST])]
          for i, m in enumerate(comp.communities[:10], 1)]),
        ("h", 2, "Files"),
        ("p", ("shared.csv, quotes.csv, unique.csv, similarity.csv, vertical.csv, centrality.csv; similarity.png; "
              "comention.graphml / .gexf and plan_entity.graphml / .gexf for Gephi.")),
    ]


def _community_of(comp: Comparison) -> dict[str, int]:
    return {n: i for i, members in enumerate(comp.communities, 1) for n in members}


def short_section(section: str, keep: int = 2) -> str:
    """The last ``keep`` headings of a section path: enough to find the place, short enough to read."""
    parts = section.split(SECTION_SEP) if section else ["—"]
    return SECTION_SEP.join((["…"] if len(parts) > keep else []) + parts[-keep:])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(value: object) -> str:
    """Text as Markdown shows it literally: a stray ** or | in a plan must not format the report."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, *rest in blocks:
        if kind == "h":
            out.append("#" * rest[0] + " " + _md(rest[1]))
        elif kind == "p":
            out.append(_md(rest[0]))
        elif kind == "table":
            header, rows = rest
            lines = [header, ["---"] * len(header), *rows]
            out.append("\n".join("| " + " | ".join(_md(v) for v in line) + " |" for line in lines))
        elif kind == "quotes":
            out.append("\n".join(f"- **{_md(q['plan'])}** ({_md(short_section(q['section']))}): “{_md(q['quote'])}”" for q in rest[0]))
        elif kind == "img":
            out.append(f"![{rest[1]}]({rest[0]})")
    return "\n\n".join(out) + "\n"


_CSS = """body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;max-width:70rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}th{background:#f3f3f3}
li .sec{color:#666;font-size:.9em}img{max-width:100%}"""


def to_html(blocks: list[Block], images: dict[str, bytes], title: str) -> str:
    """A self-contained page: inline CSS, images as data: URIs, no link to anywhere."""
    esc = html.escape
    out = [(f'<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
           f"<style>{_CSS}</style>\n</head>\n<body>")]
    for kind, *rest in blocks:
        if kind == "h":
            out.append(f"<h{rest[0]}>{esc(rest[1])}</h{rest[0]}>")
        elif kind == "p":
            out.append(f"<p>{esc(rest[0])}</p>")
        elif kind == "table":
            header, rows = rest
            head = "".join(f"<th>{esc(str(h))}</th>" for h in header)
            body = "\n".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>" for row in rows)
            out.append(f"<table>\n<tr>{head}</tr>\n{body}\n</table>")
        elif kind == "quotes":
            items = "\n".join(f'<li><b>{esc(q["plan"])}</b> <span class="sec">{esc(short_section(q["section"]))}</span><br>'
                              f"“{esc(q['quote'])}”</li>" for q in rest[0])
            out.append(f"<ul>\n{items}\n</ul>")
        elif kind == "img":
            data = base64.b64encode(images[rest[0]]).decode("ascii")
            out.append(f'<img src="data:image/png;base64,{data}" alt="{esc(rest[1])}">')
    out.append("</body>\n</html>\n")
    return "\n".join(out)


# --- files ---------------------------------------------------------------------


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _tables(comp: Comparison) -> dict[str, tuple[list[str], list[list[object]]]]:
    """The CSV tables, by file name: one row per fact, for pandas."""
    g, sim = comp.graph, comp.similarity
    community = _community_of(comp)
    plans = sim["plans"]
    label = comp.name
    return {
        "shared.csv": (["rank", "entity", "label", "type", "plans", "mentions", "specificity", "score", "first_adopted",
                        "first_date", "named_by"],
                       [[i, r["entity"], r["label"], r["type"], len(r["plans"]), r["mentions"], r["weight"], r["score"],
                         "; ".join(label(p) for p in r["first"]), r["first_date"],
                         "; ".join(label(p) for p in r["plans"])] for i, r in enumerate(comp.shared, 1)]),
        "quotes.csv": (["rank", "entity", "label", "plan", "section", "sentence"],
                       [[i, r["entity"], r["label"], q["plan"], q["section"], q["sentence"]]
                        for i, r in enumerate(comp.shared, 1) for q in quotes(comp, r["entity"])]),
        "unique.csv": (["plan", "rank", "entity", "label", "type", "mentions"],
                       [[label(p), i, e, label(e), g.nodes[e]["type"], n]
                        for p in plans for i, (e, n) in enumerate(comp.unique[p], 1)]),
        "similarity.csv": (["plan_a", "plan_b", "in_common", "jaccard", "cosine"],
                           [[label(a), label(b), len(comp.counts[a].keys() & comp.counts[b].keys()),
                             sim["jaccard"][i][j], sim["cosine"][i][j]]
                            for i, a in enumerate(plans) for j, b in enumerate(plans)]),
        "vertical.csv": (["plan", "parent_plan", "relation", "entity", "label", "type", "mentions", "parent_mentions"],
                         [[label(c), label(p), key, e, label(e), g.nodes[e]["type"], a, b]
                          for c, p, parts in comp.vertical for key in ("taken_over", "added", "left_out")
                          for e, a, b in parts[key]]),
        "targets.csv": comp.targets,
        "centrality.csv": (["entity", "label", "type", "plans", "mentions", "degree", "pagerank", "betweenness",
                            "community"],
                           [[n, d["label"], d["type"], d["plans"], d["mentions"], *comp.centrality[n].values(),
                             community[n]] for n, d in sorted(comp.comention.nodes(data=True))]),
    }


def _gexf(g: nx.Graph) -> str:
    """GEXF without the writer's date stamp, so the file is identical from day to day."""
    text = "\n".join(nx.generate_gexf(g))
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1) + "\n"


def _graphs(comp: Comparison) -> dict[str, nx.Graph]:
    """The two graphs for Gephi, with scalar attributes only."""
    c = comp.comention.copy()
    community = _community_of(comp)
    for n in c:
        c.nodes[n].update(comp.centrality[n], community=community[n])
    return {"comention": analytics.exportable(c), "plan_entity": analytics.exportable(comp.graph)}


def write_report(comp: Comparison, out: Path) -> list[Path]:
    """Write every report file into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    blocks = report_blocks(comp)
    images = {"similarity.png": heatmap_png(comp)}
    files = {"report.md": to_markdown(blocks), "report.html": to_html(blocks, images, blocks[0][2])}
    for name, g in _graphs(comp).items():
        files[f"{name}.graphml"] = "\n".join(nx.generate_graphml(g)) + "\n"
        files[f"{name}.gexf"] = _gexf(g)
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    for name, data in images.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    for name, (header, rows) in _tables(comp).items():
        _write_csv(out / name, header, rows)
        written.append(out / name)
    return sorted(written)


def summary(comp: Comparison, n: int = 10) -> str:
    """The top of the report, for the terminal."""
    lines = [f"plans: {len(comp.counts)}   shared initiatives (in >= 2 plans): {len(comp.shared)}; top {n}",
             "  (by plans, then score = (1 + ln mentions) × specificity, which is lower for everyday words):"]
    lines += [f"  {r['label']} [{r['type']}] — {len(r['plans'])} plans, {r['mentions']} mentions, "
              f"specificity {r['weight']:.2f}, score {r['score']:.2f}"
              for r in comp.shared[:n]]
    lines.append("most shared by type:")
    for type_ in analytics.INITIATIVE_TYPES:
        top = [r["label"] for r in comp.shared if r["type"] == type_][:TYPE_LINE]
        lines.append(f"  {type_}: " + "、".join(top))
    sim = comp.similarity
    pairs = [(sim["cosine"][i][j], a, b) for i, a in enumerate(sim["plans"]) for j, b in enumerate(sim["plans"]) if i < j]
    if pairs:
        value, a, b = max(pairs)
        lines.append(f"most similar: {comp.name(a)} ↔ {comp.name(b)} (cosine {value})")
    for child, parent, parts in comp.vertical:
        lines.append(f"{comp.name(child)} ↔ {comp.name(parent)}: takes over {len(parts['taken_over'])}, "
                     f"adds {len(parts['added'])}, leaves out {len(parts['left_out'])}")
    return "\n".join(lines)
