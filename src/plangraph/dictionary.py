"""jieba's general-language dictionary, read without loading jieba or spaCy.

The dictionary (word, frequency, part-of-speech tag per line of jieba's ``dict.txt``)
is what makes a word "everyday": extraction's proper-name test asks it, and the
comparison report weighs how specific a shared initiative is by it. The report
reads a finished build, so it must not pay for the segmenter: the file is found
through jieba's package location, and jieba itself is never imported here. Read once
per content, it is then loaded compiled (``compiled.py``).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from . import compiled

DICT_NAME = "dict.txt"  # jieba's DEFAULT_DICT_NAME
# the longest reach of an everyday word around a name (长治久安, 繁荣昌盛, 东方明珠, 江汉平原)
COVER_REACH = 4
ORGANIZATION = "nt"  # 湖北省人民政府, 北京大学: a region's own organ or institution still names it
DIVISION_KINDS = frozenset("省市县区州旗盟")  # 乐东县, 昌江县: a division's name and its kind


@dataclass(frozen=True)
class GeneralDictionary:
    """jieba's general-language dictionary as shipped (before anything is taught)."""

    frequencies: dict[str, int]
    tags: dict[str, str]
    total: int

    def holds(
        self, text: str, a: int, b: int, starts: Container[int] | None = None, ends: Container[int] | None = None,
        names: Container[str] = (),
    ) -> bool:
        """Does an everyday word hold the name ``text[a:b]`` and run past it (长治 in 长治久安, 江汉 in
        江汉平原), with its edges where the text's words are cut when ``starts`` and ``ends`` say so?
        An organization (湖北省人民政府) is no such word, nor is one made of nothing but the name, its
        kind and other ``names`` (乐东县, 山西太原)."""
        for p in range(a, max(0, a - COVER_REACH) - 1, -1):
            if starts is not None and p not in starts:
                continue
            for q in range(b, min(len(text), b + COVER_REACH) + 1):
                if (p, q) == (a, b) or (ends is not None and q not in ends):
                    continue
                word = text[p:q]
                if word in self.frequencies and self.tags.get(word) != ORGANIZATION and not _names_only(text, p, a, b, q, names):
                    return True
        return False


def dictionary_file() -> Path:
    """Where jieba keeps ``dict.txt``, found without running jieba's import."""
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: its dict.txt is the general dictionary")
    return Path(next(iter(spec.submodule_search_locations))) / DICT_NAME


@lru_cache(maxsize=1)
def general_dictionary() -> GeneralDictionary:
    """jieba's dictionary, compiled once per content of ``dict.txt`` and of this module."""
    return compiled.load("jieba-dictionary", [dictionary_file()], _read, GeneralDictionary, Path(__file__))


def _read() -> GeneralDictionary:
    """Read jieba's ``dict.txt`` (lines ``word frequency [tag]``)."""
    frequencies: dict[str, int] = {}
    tags: dict[str, str] = {}
    with dictionary_file().open(encoding="utf-8") as f:
        for line in f:
            word, n, *tag = line.split()
            frequencies[word] = int(n)
            if tag:
                tags[word] = tag[0]
    return GeneralDictionary(frequencies, tags, sum(frequencies.values()))


def _names_only(text: str, p: int, a: int, b: int, q: int, names: Container[str]) -> bool:
    """Is ``text[p:q]`` the name ``text[a:b]`` with nothing around it but ``names`` and a division's kind?"""
    before, after = text[p:a], text[b:q]
    return (not before or before in names) and (not after or after in names or after in DIVISION_KINDS)
