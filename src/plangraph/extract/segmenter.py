"""Word segmentation: jieba's dictionary and algorithm, run by rjieba (jieba-rs).

rjieba cuts the same words as ``jieba.lcut`` from the same dictionary (on the
bundled plans every line but a few dates such as 2021-01-25 comes out the same)
at about 18 times its speed, which is most of a build's segmentation cost.
plangraph teaches its own instance the lexicon's names, so jieba itself, and
what it says about everyday words, stays untouched.

The general dictionary of everyday words is jieba's own ``dict.txt``, read by
``plangraph.dictionary`` (which loads neither jieba nor spaCy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

import rjieba
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


TAUGHT_FREQ = 20000  # high enough to beat the general dictionary's split of a known name


@lru_cache(maxsize=1)
def segmenter() -> rjieba.Jieba:
    """The one segmenter plangraph cuts with (taught by ``teach``)."""
    return rjieba.Jieba()


def teach(words: Iterable[str]) -> None:
    """Keep ``words`` whole when cutting (大湾区, not 做强大/湾区); in sorted order, so runs agree."""
    seg = segmenter()
    for word in sorted(set(words)):
        seg.add_word(word, TAUGHT_FREQ, None)


def cut(text: str, hmm: bool = True) -> list[str]:
    """The words of ``text``; their concatenation is ``text``."""
    return segmenter().cut(text, hmm)


class Segmenter:
    """spaCy tokenizer: one token per segmented word, so ``doc.text`` is the input text."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = cut(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@spacy.registry.tokenizers("plangraph.segmenter")
def create_segmenter() -> Callable[[spacy.Language], Segmenter]:
    """Registered for ``[nlp.tokenizer] @tokenizers = "plangraph.segmenter"``."""
    return lambda nlp: Segmenter(nlp.vocab)
