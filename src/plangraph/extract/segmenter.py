"""Word segmentation: jieba's dictionary and algorithm, run by rjieba (jieba-rs).

rjieba cuts the same words as ``jieba.lcut`` from the same dictionary (on the
bundled plans every line but a few dates such as 2021-01-25 comes out the same)
at about 18 times its speed, which is most of a build's segmentation cost.
plangraph teaches its own instance the lexicon's names, so jieba itself, and
what it says about everyday words, stays untouched.

The general dictionary (word, frequency, part-of-speech tag) is read from
jieba's own ``dict.txt``: it is what makes a word "everyday" for the proper-name
test and for the specificity of shared initiatives.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rjieba
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .. import compiled

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


@dataclass(frozen=True)
class GeneralDictionary:
    """jieba's general-language dictionary as shipped (before anything is taught)."""

    frequencies: dict[str, int]
    tags: dict[str, str]
    total: int


@lru_cache(maxsize=1)
def general_dictionary() -> GeneralDictionary:
    """jieba's ``dict.txt``, read once per content and then loaded compiled (``compiled.py``);
    jieba itself (a fifth of a second to import) is imported only to read it."""
    spec = importlib.util.find_spec("jieba")
    source = Path(spec.origin if spec and spec.origin else "").parent / "dict.txt"  # jieba's DEFAULT_DICT_NAME
    return compiled.load("jieba-dictionary", [source], _read_general_dictionary, GeneralDictionary, Path(__file__))


def _read_general_dictionary() -> GeneralDictionary:
    """Read jieba's ``dict.txt`` (lines ``word frequency [tag]``)."""
    import jieba

    frequencies: dict[str, int] = {}
    tags: dict[str, str] = {}
    with jieba.get_dict_file() as f:
        for line in f:
            word, n, *tag = line.decode("utf-8").split()
            frequencies[word] = int(n)
            if tag:
                tags[word] = tag[0]
    return GeneralDictionary(frequencies, tags, sum(frequencies.values()))


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
