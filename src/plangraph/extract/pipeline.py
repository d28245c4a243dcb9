"""The spaCy pipeline that turns a structured document into entity mentions.

``spacy.blank("zh")`` with jieba's segmentation (run by rjieba); one registered component per
concern (lexicon, quotes, suffix families, coordinated lists), then a filter. What needs the
whole document (is an industry word backed as an industry?) runs after the sentences.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language

from ..lexicon import Lexicon, load_lexicon
from ..model import Document, Extraction, Mention, Relation
from . import brands, lexicon_matcher, lists, quoted, relations, segmenter, suffixes, towns  # noqa: F401  (registers the factories)
from .candidates import TOPIC, Candidate, Context, get_ext, register_extensions, set_ext
from .industry_evidence import cue_pattern, keep_industries_in_evidence
from .nested_regions import drop_nested_only_regions
from .patterns import Patterns, load_patterns

MAX_TAUGHT = 4  # longer names stay several tokens, so the regions inside them are seen

# component -> the settings it takes
COMPONENTS: dict[str, tuple[str, ...]] = {
    "plangraph_lexicon": ("lexicon_root",),
    "plangraph_towns": ("lexicon_root",),
    "plangraph_quoted": ("lexicon_root", "patterns_root"),
    "plangraph_suffixes": ("lexicon_root", "patterns_root"),
    "plangraph_lists": ("lexicon_root", "patterns_root"),
    "plangraph_brands": ("lexicon_root", "patterns_root"),
    "plangraph_filter": (),
    "plangraph_relations": ("lexicon_root", "patterns_root"),
}


@lru_cache(maxsize=2)
def build_pipeline(lexicon_root: str | None = None, patterns_root: str | None = None) -> Language:
    """A blank Chinese pipeline with the plangraph components, built once per config."""
    register_extensions()
    teach_segmenter(load_lexicon(lexicon_root), load_patterns(patterns_root))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "plangraph.segmenter"}}})
    roots = {"lexicon_root": lexicon_root, "patterns_root": patterns_root}
    for name, keys in COMPONENTS.items():
        nlp.add_pipe(name, config={k: roots[k] for k in keys})
    return nlp


def teach_segmenter(lexicon: Lexicon, patterns: Patterns) -> None:
    """Make the segmenter keep known names, suffixes and boundary words whole, so name
    heads can be read off its tokens (大湾区, not 做强大/湾区)."""
    words = set(lexicon.surfaces) | {s.text for s in patterns.suffixes}
    words |= patterns.hard_boundaries | patterns.soft_boundaries
    segmenter.teach(w for w in words if 2 <= len(w) <= MAX_TAUGHT)


def plan_context(document: Document, lexicon: Lexicon) -> Context:
    """The issuing region of a plan, as the components use it to disambiguate."""
    meta = document.meta
    entry = None
    if meta.code:
        entry = lexicon.entries.get(f"region:{meta.code}")
    if entry is None and meta.region:
        found = [e for e in lexicon.lookup(meta.region) if e.code]
        entry = found[0] if found else None
    if entry is None or not entry.code:
        return Context()
    return Context(region_key=entry.id, province_code=entry.code[:2])


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Entity mentions of every sentence of a document."""
    nlp = nlp or build_pipeline()
    result = extract_sentences(document, nlp, {})
    keep_industries_in_evidence(result, industry_cues(nlp))
    drop_nested_only_regions(result)
    return result


def extract_sentences(document: Document, nlp: Language, topics: dict[tuple[str, ...], Mention]) -> Extraction:
    """Mentions and relations sentence by sentence, before the steps over the whole document.

    ``topics`` maps a section to the one platform its heading names; it is filled as
    headings are read, so a plan read in pieces passes the same dict from piece to piece.
    """
    lexicon_root, _ = configured_roots(nlp)
    context = plan_context(document, load_lexicon(lexicon_root))
    on_topic = dataclasses.replace(context, topic=True)
    result = Extraction(document)
    text = document.text
    for i, sentence in enumerate(document.sentences):
        piece = text[sentence.start : sentence.end]
        doc = nlp.make_doc(piece)
        doc.user_data["plangraph_text"] = piece  # spares the components spaCy's join of every token
        topic = topics.get(sentence.section)
        set_ext(doc, "context", on_topic if topic else context)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        mentions = [_mention(c, sentence.start, i, text) for c in get_ext(doc, "entities")]
        result.mentions.extend(mentions)
        if sentence.kind == "heading":
            named = _outermost(m for m in mentions if m.type == "Platform")
            if len(named) == 1:
                topics[sentence.section] = named[0]
        for subj, pred, obj, rule in get_ext(doc, "relations") or ():
            ref_s = mentions[subj] if isinstance(subj, int) else topic if subj == TOPIC else subj
            ref_o = mentions[obj] if isinstance(obj, int) else obj
            result.relations.append(Relation(ref_s, pred, ref_o, i, rule))
    return result


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
