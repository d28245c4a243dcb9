"""Word segmentation: jieba's dictionary and algorithm, run by rjieba (jieba-rs).

rjieba cuts the same words as ``jieba.lcut`` from the same dictionary (on the
bundled plans every line but a few dates such as 2021-01-25 comes out the same)
at about 18 times its speed, which is most of a build's segmentation cost.

Each pipeline's tokenizer owns its own ``rjieba.Jieba``, taught the names of that
pipeline's lexicon and patterns when the tokenizer is made: a pipeline built on
another lexicon never changes how any other pipeline (or jieba itself) segments.

The general dictionary of everyday words is jieba's own ``dict.txt``, read by
``plangraph.dictionary`` (which loads neither jieba nor spaCy).

rjieba's package ``__init__`` builds a default ``Jieba`` of its own at import (jieba's
whole dictionary, 0.10-0.15 s of CPU at every start) that plangraph never uses, so
``Jieba`` is taken from its compiled module directly (``jieba_type``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from importlib.machinery import EXTENSION_SUFFIXES
from itertools import accumulate
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..lexicon import Lexicon, load_lexicon
from .candidates import SentenceDoc, SentenceState, set_state
from .patterns import Patterns, load_patterns

TAUGHT_FREQ = 20000  # high enough to beat the general dictionary's split of a known name
MAX_TAUGHT = 4  # longer names stay several tokens, so the regions inside them are seen


def jieba_type() -> Any:
    """rjieba's ``Jieba`` class, from its compiled module ``rjieba.rjieba`` loaded without
    running the package's ``__init__`` (found by ``find_spec``, which imports nothing), so no
    default instance is built; with another layout of the package, a plain import.
    A later ``import rjieba`` gets the same class: the interpreter keeps a compiled module once."""
    spec = importlib.util.find_spec("rjieba")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for path in (Path(folder) / f"rjieba{suffix}" for folder in folders for suffix in EXTENSION_SUFFIXES):
        compiled = importlib.util.spec_from_file_location("rjieba.rjieba", path)
        if path.is_file() and compiled is not None and compiled.loader is not None:
            module = importlib.util.module_from_spec(compiled)
            compiled.loader.exec_module(module)
            return module.Jieba
    import rjieba

    return rjieba.Jieba


Jieba = jieba_type()


class Segmenter:
    """spaCy tokenizer: one token per segmented word, so ``doc.text`` is the input text.

    ``cut`` is the same segmentation as plain strings, for the components that read words
    of a part of a sentence (a list item, a name's head)."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = (), freq: int = TAUGHT_FREQ) -> None:
        self.vocab = vocab
        self.jieba = Jieba()
        for word in sorted(set(words)):  # sorted, so runs agree
            self.jieba.add_word(word, freq, None)

    def __call__(self, text: str) -> Doc:
        words = self.jieba.cut(text, True)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        set_state(doc, _state(text, words))  # what the components read
        return doc

    def components_doc(self, text: str) -> SentenceDoc:
        """The sentence as plangraph's components read it (``candidates.SentenceDoc``): its text
        and words in ``doc._.plangraph``, without spaCy's tokens (their lexemes cost more than
        the rules of a new word's sentence)."""
        return SentenceDoc(_state(text, self.jieba.cut(text, True)))

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """The words of ``text``; their concatenation is ``text``."""
        return self.jieba.cut(text, hmm)

    # The taught words come from the config (lexicon and patterns folders), so a saved
    # pipeline stores nothing for its tokenizer; spaCy's serialization asks for these.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Segmenter:
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Segmenter:
        return self


def _state(text: str, words: list[str]) -> SentenceState:
    """The components' view of a sentence cut into ``words``: its text and the words' spans."""
    ends = list(accumulate(map(len, words)))
    return SentenceState(text, list(zip([0, *ends], ends)))


def taught_words(lexicon: Lexicon, patterns: Patterns, max_taught: int = MAX_TAUGHT) -> set[str]:
    """The words a segmenter keeps whole, so name heads can be read off its tokens (大湾区,
    not 做强大/湾区): known names, suffixes and boundary words of two to ``max_taught`` characters."""
    words = set(lexicon.surfaces) | {s.text for s in patterns.suffixes}
    words |= patterns.hard_boundaries | patterns.soft_boundaries
    return {w for w in words if 2 <= len(w) <= max_taught}


@spacy.registry.tokenizers("plangraph.segmenter")
def create_segmenter(
    lexicon_root: str | None = None,
    patterns_root: str | None = None,
    max_taught: int = MAX_TAUGHT,
    taught_freq: int = TAUGHT_FREQ,
) -> Callable[[Any], Segmenter]:
    """Registered for ``[nlp.tokenizer] @tokenizers = "plangraph.segmenter"``; the folders
    default to the bundled lexicon and patterns."""

    def make(nlp: Any) -> Segmenter:
        words = taught_words(load_lexicon(lexicon_root), load_patterns(patterns_root), max_taught)
        return Segmenter(nlp.vocab, words, taught_freq)

    return make


def segmenter_of(nlp: Any, lexicon_root: str | None, patterns_root: str | None) -> Segmenter:
    """The pipeline's own segmenter; a new one taught the same folders when the pipeline
    tokenizes otherwise (``spacy.blank("zh")`` with a plangraph component added)."""
    if isinstance(nlp.tokenizer, Segmenter):
        return nlp.tokenizer
    return create_segmenter(lexicon_root, patterns_root)(nlp)
