"""Chinese-text resources shared by every stage: character classes, numerals, quote marks.

Reading, extraction, resolution and the targets all match Chinese text. The
classes are defined once here, as the text of a regular-expression character
class (``f"[{HAN}]"``), so that no stage spells out a Unicode range or the run
of numerals again, and two stages never disagree about what they mean.
"""

from __future__ import annotations

import re

# Character classes (the inside of [...]), by Unicode block.
HAN = "\u4e00-\u9fff"  # CJK Unified Ideographs: the characters of plan text once normalized
# plus Extension A and the Compatibility Ideographs: every ideograph a file may hold before normalizing
HAN_ALL = "\u3400-\u4dbf" + HAN + "\uf900-\ufaff"
CJK_PUNCTUATION = "\u3000-\u303f"  # 、。〃〈〉《》「」【】〔〕 and the ideographic space
FULL_WIDTH = "\uff00-\uffef"  # ＡＢＣ１２３（）：and half-width katakana

# Numerals
ZERO = "〇"  # the ideographic zero (二〇三五年)
DIGITS = "一二三四五六七八九"  # 1-9; with 十 they write every ordinal a plan needs (第十四个五年规划)
NUMERALS = DIGITS + "十百零" + ZERO + "两"  # numbers of headings and periods (第二十三章, 十四五)


_COUNTS = {c: i for i, c in enumerate(DIGITS + "十", start=1)} | {"两": 2}


def count_of(word: str) -> int:
    """The number a count of up to ten writes (三 -> 3, 两 -> 2, 12 -> 12); 0 for anything else."""
    return int(word) if word.isdigit() else _COUNTS.get(word, 0)


# Quote marks, one definition for every stage. A pair opens and closes a quotation (or a title, 《》).
QUOTE_PAIRS = {"“": "”", "‘": "’", "《": "》"}
# Traditional-script typing (Hong Kong, Macau, Taiwan, pages converted by OpenCC) quotes with corner
# brackets: 「」 as “”, 『』 (nested) as ‘’, also in their vertical and half-width forms. Reading turns
# each into the mark it stands for, one character for one, so every rule reads “…” and offsets hold.
CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’", "﹁": "“", "﹂": "”", "﹃": "‘", "﹄": "’", "｢": "“", "｣": "”"}
QUOTES = "".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values()) + '"' + "".join(CORNER_QUOTES)
_QUOTE_TABLE = str.maketrans("", "", QUOTES)


def without_quotes(text: str) -> str:
    """``text`` with every quote mark dropped (数字经济“一号工程” -> 数字经济一号工程)."""
    return text.translate(_QUOTE_TABLE)


def clean_label(text: str) -> str:
    """A label as a canonical name: no quotes, brackets or inner spaces.

    >>> clean_label(" “八八 战略” ")
    '八八战略'
    """
    return re.sub(r"\s+", "", without_quotes(text)).strip()
