"""The spaCy pipeline that turns a structured document into entity mentions.

``spacy.blank("zh")`` with jieba's segmentation (run by rjieba, one instance per pipeline);
one registered component per concern (lexicon, quotes, suffix families, coordinated lists),
then a filter, then relations. All settings are in the pipeline config (``pipeline_config``),
so ``save_pipeline`` writes a folder ``spacy.load`` reads back. The sentences run through
``nlp.pipe``; each doc carries its plan's context in and its entities and relations out in
``doc._.plangraph`` (``candidates.SentenceState``). What needs the whole document (is an
industry word backed as an industry?) runs after the sentences.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import spacy
from spacy.language import Language

from ..compiled import no_collection
from ..lexicon import Lexicon, load_lexicon
from ..model import Document, Extraction, Mention, Relation, Sentence
from . import brands, lexicon_matcher, lists, positioning, quoted, relations, suffixes, towns, versions  # noqa: F401  (registers the factories)
from .candidates import TOPIC, Candidate, Context, SentenceDoc, state_of
from .industry_evidence import cue_pattern, keep_industries_in_evidence
from .nested_names import drop_nested_only_names
from .patterns import load_patterns
from .segmenter import MAX_TAUGHT, TAUGHT_FREQ, Segmenter

# component -> the settings it takes
COMPONENTS: dict[str, tuple[str, ...]] = {
    "plangraph_lexicon": ("lexicon_root",),
    "plangraph_towns": ("lexicon_root",),
    "plangraph_quoted": ("lexicon_root", "patterns_root"),
    "plangraph_suffixes": ("lexicon_root", "patterns_root"),
    "plangraph_lists": ("lexicon_root", "patterns_root"),
    "plangraph_brands": ("lexicon_root", "patterns_root"),
    "plangraph_positioning": ("lexicon_root", "patterns_root"),
    "plangraph_versions": ("patterns_root",),
    "plangraph_filter": ("patterns_root",),
    "plangraph_relations": ("lexicon_root", "patterns_root"),
}


def pipeline_config(lexicon_root: str | None = None, patterns_root: str | None = None) -> dict[str, Any]:
    """The pipeline's config: plangraph's tokenizer and every component, on the given folders
    (``None``: the bundled ones). ``spacy.blank("zh", config=...)`` builds it; saved with the
    pipeline as ``config.cfg``."""
    roots = {"lexicon_root": lexicon_root, "patterns_root": patterns_root}
    tokenizer = {"@tokenizers": "plangraph.segmenter", **roots, "max_taught": MAX_TAUGHT, "taught_freq": TAUGHT_FREQ}
    return {
        "nlp": {"tokenizer": tokenizer, "pipeline": list(COMPONENTS)},
        "components": {name: {"factory": name, **{k: roots[k] for k in keys}} for name, keys in COMPONENTS.items()},
    }


@lru_cache(maxsize=2)
def build_pipeline(lexicon_root: str | None = None, patterns_root: str | None = None) -> Language:
    """A blank Chinese pipeline with the plangraph components, built once per config.

    What it holds (the lexicon and its indexes, jieba's dictionary) lives as long as the
    process, so the garbage collector leaves it alone: it does not run while the pipeline
    is built (0.1 s of collections that free nothing), and afterwards (``gc.freeze``) each
    full collection of a build no longer walks those 170,000 objects again (0.3 s of a
    build's CPU), nor do worker processes forked after it copy the pages it would write to."""
    with no_collection():
        nlp = spacy.blank("zh", config=pipeline_config(lexicon_root, patterns_root))
    gc.freeze()
    return nlp


def release_pipeline() -> None:
    """Drop the pipelines built so far, so the memory they held (~200 MB) is reused by what
    comes next: a build needs none once its plans are extracted. ``gc.unfreeze`` hands their
    frozen objects back to the collector, which frees their cycles."""
    build_pipeline.cache_clear()
    gc.unfreeze()
    gc.collect()


def save_pipeline(path: Path, lexicon_root: str | None = None, patterns_root: str | None = None) -> Path:
    """Write the pipeline to a folder that ``spacy.load`` reads in any interpreter where
    plangraph is installed (its factories are found through entry points)."""
    nlp = build_pipeline(lexicon_root, patterns_root)
    nlp.meta["name"] = "plangraph"
    nlp.to_disk(path)
    return path


def plan_context(document: Document, lexicon: Lexicon) -> Context:
    """The issuing region of a plan, as the components use it to disambiguate."""
    meta = document.meta
    entry = None
    if meta.code:
        entry = lexicon.entries.get(f"region:{meta.code}")
    if entry is None and meta.region:
        found = [e for e in lexicon.lookup(meta.region) if e.code]
        entry = found[0] if found else None
    named = named_divisions(document.text, lexicon)
    if entry is None or not entry.code:
        return Context(named=named)
    return Context(region_key=entry.id, province_code=entry.code[:2], named=named)


def named_divisions(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Ids of the provinces and prefectures a text names anywhere, by full or short name: one
    pass of an automaton of their names over the text, not a scan of the whole plan per name."""
    ids: dict[str, list[str]] = {}
    for e in lexicon.by_type("Region"):
        if e.code and e.level in ("province", "prefecture"):
            for n in dict.fromkeys((e.name, e.short)):
                if n and len(n) >= 2:
                    ids.setdefault(n, []).append(e.id)
    if not ids:
        return frozenset()
    automaton = ahocorasick.Automaton()
    for name in ids:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return frozenset(i for name in {name for _, name in automaton.iter(text)} for i in ids[name])


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Entity mentions of every sentence of a document."""
    nlp = nlp or build_pipeline()
    result = extract_sentences(document, nlp, {})
    keep_industries_in_evidence(result, industry_cues(nlp))
    drop_nested_only_names(result)
    return result


def extract_sentences(document: Document, nlp: Language, topics: dict[tuple[str, ...], Mention]) -> Extraction:
    """Mentions and relations sentence by sentence, before the steps over the whole document.

    ``topics`` maps a section to the one platform its heading names; it is filled as
    headings are read, so a plan read in pieces passes the same dict from piece to piece.
    The sentences run in runs that end at a heading, so each run's sentences know the topic
    of the heading before them. With plangraph's tokenizer each sentence is its
    ``components_doc`` (what the components read, no spaCy ``Doc``), run through the
    components in their order (``run_components``); with another, ``nlp.pipe``.
    """
    lexicon_root, _ = configured_roots(nlp)
    context = plan_context(document, load_lexicon(lexicon_root))
    on_topic = dataclasses.replace(context, topic=True)
    result = Extraction(document)
    text = document.text
    light = isinstance(nlp.tokenizer, Segmenter)
    make_doc = nlp.tokenizer.components_doc if light else nlp.make_doc
    for run in _runs(document.sentences):
        docs, sentence_topics = [], []
        for _, sentence in run:
            piece = text[sentence.start : sentence.end]
            doc = make_doc(piece)
            topic = topics.get(sentence.section)
            state_of(doc).context = on_topic if topic else context
            docs.append(doc)
            sentence_topics.append(topic)
        for (i, sentence), topic, doc in zip(run, sentence_topics, run_components(nlp, docs) if light else nlp.pipe(docs)):
            state = state_of(doc)
            mentions = [_mention(c, sentence.start, i, text) for c in state.entities]
            result.mentions.extend(mentions)
            if sentence.kind == "heading":
                named = _outermost(m for m in mentions if m.type == "Platform")
                if len(named) == 1:
                    topics[sentence.section] = named[0]
            for subj, pred, obj, rule in state.relations:
                ref_s = mentions[subj] if isinstance(subj, int) else topic if subj == TOPIC else subj
                ref_o = mentions[obj] if isinstance(obj, int) else obj
                result.relations.append(Relation(ref_s, pred, ref_o, i, rule))
    return result


def run_components(nlp: Language, docs: Iterable[SentenceDoc]) -> Iterator[SentenceDoc]:
    """Each of ``docs`` through the pipeline's components in order, as ``nlp.pipe`` runs them
    (each component is a callable of a doc; none batches), without its checks that each is a
    spaCy ``Doc``."""
    components = [proc for _, proc in nlp.pipeline]
    for doc in docs:
        for component in components:
            doc = component(doc)
        yield doc


def _runs(sentences: Sequence[Sentence]) -> Iterator[list[tuple[int, Sentence]]]:
    """The numbered sentences in runs that each end at a heading (or at the end)."""
    run: list[tuple[int, Sentence]] = []
    for i, sentence in enumerate(sentences):
        run.append((i, sentence))
        if sentence.kind == "heading":
            yield run
            run = []
    if run:
        yield run


def industry_cues(nlp: Language) -> re.Pattern[str]:
    """The words that make a sentence speak of industries, from the pipeline's patterns."""
    return cue_pattern(load_patterns(configured_roots(nlp)[1]).industry_cues)


def configured_roots(nlp: Language) -> tuple[str | None, str | None]:
    """The lexicon and patterns folders the pipeline was built with, so the steps over the
    whole document read the same ones as its components."""
    settings = nlp.config["components"]["plangraph_relations"]
    return settings["lexicon_root"], settings["patterns_root"]


def _outermost(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions not inside another (绍兴片区's whole name, not the 示范区 that opens it)."""
    found = list(mentions)
    return [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)]


def _mention(c: Candidate, offset: int, sentence: int, text: str) -> Mention:
    start, end = c.start + offset, c.end + offset
    return Mention(start, end, text[start:end], c.type, c.key, sentence, c.label, c.aliases, c.rule)
