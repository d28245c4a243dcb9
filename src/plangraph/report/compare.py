"""The comparison of plans, as plain data: what regions share, where they differ, who follows whom.

``analytics`` computes; ``compare`` gathers its results for a build once, into a
``Comparison`` that ``document`` writes out as the report and ``summary`` prints.
Every number is rounded and every list sorted, so reruns are identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from ..dictionary import general_dictionary
from ..graph.store import Store
from . import analytics
from . import targets as targets_report

TYPE_LINE = 6  # names per type in the terminal summary
QUOTE_WIDTH = 60  # characters kept either side of the quoted name
SEED = 0
BETWEENNESS_SOURCES = 300  # sampled (seeded) sources: exact betweenness took ~25 s on the bundled plans


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


def compare(store: Store, betweenness_k: int | None = BETWEENNESS_SOURCES) -> Comparison:
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
