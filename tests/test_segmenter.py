"""The segmenter: jieba's words at rjieba's speed, text kept whole, names taught."""

from __future__ import annotations

import subprocess
import sys

import jieba
import pytest
import rjieba
from hypothesis import given
from hypothesis import strategies as st

from plangraph.dictionary import general_dictionary
from plangraph.extract import build_pipeline
from plangraph.extract.segmenter import Segmenter
from plangraph.read.ingest import read_source

from conftest import PLAN_FILES


@pytest.mark.slow
def test_cuts_the_plans_as_jieba_does() -> None:
    """An untaught rjieba and jieba.lcut agree on nearly every line of every plan
    (they differ on a few dates and codes such as 2021-01-25, which rjieba keeps whole)."""
    untaught = rjieba.Jieba()
    lines = [line for p in PLAN_FILES for line in read_source(p).text.split("\n") if line.strip()]
    differ = [line for line in lines if untaught.cut(line) != jieba.lcut(line)]
    assert len(lines) > 2000
    assert len(differ) / len(lines) < 0.01


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return build_pipeline().tokenizer


@given(st.text(max_size=200))
def test_words_cover_the_text_exactly(segmenter: Segmenter, text: str) -> None:
    assert "".join(segmenter.cut(text)) == text


def test_spacy_doc_keeps_the_text_and_the_taught_names() -> None:
    nlp = build_pipeline()
    text = "推进长三角科创走廊建设,  \t湖州莫干山高新区\n"
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "莫干山" in [t.text for t in doc]  # a place the lexicon knows, kept whole


def test_general_dictionary_is_jiebas_untaught() -> None:
    """Teaching names to the segmenter never makes them everyday words."""
    build_pipeline()
    general = general_dictionary()
    assert general.frequencies["旅游"] > 1000
    assert "八八战略" not in general.frequencies
    assert general.tags["杭州"] == "ns"


def test_the_segmenter_builds_no_default_jieba() -> None:
    """Importing the segmenter loads rjieba's compiled module but not its package, whose
    ``__init__`` would build a default instance with jieba's whole dictionary; the class
    is rjieba's own, so ``import rjieba`` afterwards still works and agrees."""
    code = ("import sys; from plangraph.extract.segmenter import Jieba; "
            "print('rjieba' in sys.modules); import rjieba; print(rjieba.Jieba is Jieba, Jieba().cut('湖州市南太湖新区'))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    loaded, same = run.stdout.splitlines()
    assert loaded == "False"
    assert same == f"True {rjieba.Jieba().cut('湖州市南太湖新区')}"
