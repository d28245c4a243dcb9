"""The plangraph pipeline as spaCy means it: built from its config, one segmenter per
pipeline, saved and read back by ``spacy.load`` in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from plangraph.extract import build_pipeline, extract
from plangraph.extract.candidates import state_of
from plangraph.extract.pipeline import named_divisions, pipeline_config, run_components, save_pipeline
from plangraph.lexicon import load_lexicon
from plangraph.read.ingest import read_source
from plangraph.read.manifest import infer_meta, load_manifest
from plangraph.read.structure import parse
from plangraph.model import Document

from conftest import PLAN_FILES, PLANS_DIR

# a region whose name cuts across everyday words: taught to a segmenter, it makes 推进梦想 推|进梦想
ODD_REGION = "进梦想"
SENTENCE = "推进梦想小镇建设"


@pytest.fixture(scope="module")
def odd_lexicon(tmp_path_factory) -> str:
    """A lexicon root holding one region, 进梦想, and its abbreviation."""
    root = tmp_path_factory.mktemp("lexicon")
    (root / "regions.csv").write_text(
        f"code,name,short,level,parent_code,aliases\n990000,{ODD_REGION}省,{ODD_REGION},province,,\n", encoding="utf-8"
    )
    (root / "abbreviations.csv").write_text(f"abbr,code,name,context\n梦,990000,{ODD_REGION}省,province\n", encoding="utf-8")
    return str(root)


def load_document(path: Path) -> Document:
    source = read_source(path)
    meta = load_manifest(PLANS_DIR / "manifest.csv").get(path.name) or infer_meta(source, path.name)
    return parse(source, meta)


def dump(nlp: spacy.Language, documents: list[Document]) -> bytes:
    """Every mention and relation the pipeline extracts from the documents, as bytes."""
    return "\n".join(repr((ex.mentions, ex.relations)) for ex in (extract(d, nlp) for d in documents)).encode()


def entities(docs) -> list:
    """What a pipeline found in each doc, in a form that survives JSON."""
    return [[[c.start, c.end, c.type, c.key, c.rule] for c in d._.plangraph.entities] for d in docs]


def test_the_pipeline_is_built_from_its_config():
    nlp = build_pipeline()
    assert nlp.pipe_names == list(pipeline_config()["nlp"]["pipeline"])
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "plangraph.segmenter"
    assert nlp.config["nlp"]["tokenizer"]["max_taught"] == 4
    doc = nlp("加快建设湖州莫干山高新区。")
    assert "湖州莫干山高新区" in {doc.text[c.start : c.end] for c in doc._.plangraph.entities}


def test_a_pipeline_on_another_lexicon_has_its_own_segmenter(odd_lexicon):
    default = build_pipeline()
    before = default.tokenizer.cut(SENTENCE)
    other = build_pipeline(odd_lexicon)
    assert other.tokenizer is not default.tokenizer
    assert ODD_REGION in other.tokenizer.cut(SENTENCE)  # the other pipeline was taught its region
    assert default.tokenizer.cut(SENTENCE) == before and ODD_REGION not in before
    assert ODD_REGION not in build_pipeline.__wrapped__().tokenizer.cut(SENTENCE)  # nor is a new default one


def test_max_taught_is_a_tokenizer_setting(odd_lexicon):
    """Names longer than ``max_taught`` are not taught: 进梦想 (3) stays unknown with 2."""
    tokenizer = {**pipeline_config(odd_lexicon)["nlp"]["tokenizer"], "max_taught": 2}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    assert ODD_REGION not in nlp.tokenizer.cut(SENTENCE)


@pytest.mark.slow
def test_another_lexicon_leaves_the_default_output_on_the_bundled_plans_byte_identical(odd_lexicon):
    documents = [load_document(p) for p in PLAN_FILES]
    default = build_pipeline()
    before = dump(default, documents)
    extract(documents[0], build_pipeline(odd_lexicon))
    assert dump(default, documents) == before
    assert dump(build_pipeline.__wrapped__(), documents) == before


@pytest.mark.slow
def test_spacy_load_of_a_saved_pipeline_extracts_the_same_mentions(tmp_path):
    """A fresh interpreter that never imports plangraph loads the saved folder (the factories
    come through entry points) and finds what the pipeline in this process finds."""
    document = load_document(PLAN_FILES[0])
    texts = [document.text[s.start : s.end] for s in document.sentences[:300]]
    path = save_pipeline(tmp_path / "plangraph-zh")
    (tmp_path / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    script = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(path)!r})\n"
        f"texts = json.loads(open({str(tmp_path / 'texts.json')!r}, encoding='utf-8').read())\n"
        "out = [[[c.start, c.end, c.type, c.key, c.rule] for c in d._.plangraph.entities] for d in nlp.pipe(texts)]\n"
        "print(json.dumps(out, ensure_ascii=False))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found == entities(build_pipeline().pipe(texts))
    assert sum(map(len, found)) > 100


def test_the_builds_docs_find_what_the_spacy_api_finds_and_add_no_words_to_the_vocab():
    """A build runs the components itself (``run_components``) on what they read of each sentence
    (``Segmenter.components_doc``, no spaCy ``Doc``): the same entities and relations as ``nlp.pipe``
    on texts, without a lexeme for each new word, so the vocabulary does not grow with the corpus."""
    nlp = build_pipeline()
    document = load_document(PLAN_FILES[0])
    texts = [document.text[s.start : s.end] for s in document.sentences][:200]
    words = len(nlp.vocab)
    built = [(state_of(d).entities, state_of(d).relations)
             for d in run_components(nlp, map(nlp.tokenizer.components_doc, texts))]
    assert len(nlp.vocab) == words
    api = [(d._.plangraph.entities, d._.plangraph.relations) for d in nlp.pipe(texts)]
    assert built == api and sum(len(e) for e, _ in api) > 100


def test_a_text_names_each_division_whose_name_it_holds_even_inside_another_name():
    """吉林市 holds 吉林, the short name of 吉林省 too: both are named, as is 长春市 by its short
    name; a county's name (桐乡市) names no province or prefecture."""
    lexicon = load_lexicon()
    assert named_divisions("支持吉林市与长春合作", lexicon) == {"region:220000", "region:220200", "region:220100"}
    assert named_divisions("推进桐乡市乌镇建设", lexicon) == frozenset()
