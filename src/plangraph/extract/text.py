"""Small text helpers shared by the rule components."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..chinese import QUOTE_PAIRS, QUOTES, without_quotes

# characters that can never be inside a name's head
# * and # are Markdown; •●◆■□▪▲★ are the bullets of a plan's boxes and of news pages (◆沪通铁路一期工程)
DELIMITERS = frozenset("，。；：！？、,.;:!?()（）[]【】<>《》“”\"‘’「」『』 \t\n|/·—-~…*#•●◆■□▪▲★")
# what ends a clause: relations are read within one, and lines are counted in one (9号线一期、嵩明线)
CLAUSE_ENDS = "，,；;：:。！？"
CLAUSE = re.compile(f"[^{CLAUSE_ENDS}]+")
FORMULA = "+"  # 互联网+监管, 众创空间+孵化器: parts added up into a model, not one thing's name
CHAIN_LINK = re.compile(r"[—\-－]")  # 长沙—株洲—湘潭: the dash that joins a chain's links


def place_chain(core: str, is_place: Callable[[str], bool]) -> bool:
    """Is ``core`` a chain of places joined by dashes (长沙—株洲—湘潭, 儋州—洋浦—临高—昌江—东方), each
    link a place's short name, most of them places the lexicon knows? Such a chain names the places
    (a route, a belt of cities they make together), no one industry or program."""
    links = CHAIN_LINK.split(core)
    if len(links) < 2 or not all(2 <= len(link) <= 4 for link in links):
        return False
    return 2 * sum(map(is_place, links)) > len(links)


def strip_quotes(text: str) -> tuple[str, Sequence[int]]:
    """Text without quote marks, and for each kept char its index in ``text``.

    Lexicon names are matched on this view so that 数字经济“一号工程” is found as
    数字经济一号工程 while the mention still cites the quoted original.
    """
    stripped = without_quotes(text)
    if len(stripped) == len(text):  # most sentences quote nothing: every char stays where it is
        return text, range(len(text))
    return stripped, [i for i, ch in enumerate(text) if ch not in QUOTES]


OPENING_QUOTES = frozenset("".join(QUOTE_PAIRS) + "\"'")  # straight quotes open as often as they close
CLOSING_QUOTES = frozenset("".join(QUOTE_PAIRS.values()) + "\"'")


class NumeralWords:
    """Words in which a numeral is no count (统一, 一流, 进一步: ontology/patterns/numeral_words.txt),
    taken out of a piece of text before its numbers are read: “统一大市场” is no numbered slogan."""

    def __init__(self, words: Sequence[str]) -> None:
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def strip(self, text: str) -> str:
        """``text`` without the numeral words it holds."""
        return self.pattern.sub("", text) if self.pattern else text


def unquoted_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the quote marks at its edges. A list may sit in one quotation
    (大力发展“数字经济、智能制造”): the marks wrap the list, and no item's name keeps one."""
    while start < end and text[start] in OPENING_QUOTES:
        start += 1
    while end > start and text[end - 1] in CLOSING_QUOTES:
        end -= 1
    return start, end


_PAIRED_MARKS = frozenset("".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values()))  # what balance_quotes counts
QUOTE_REACH = 2  # a name may stop this short of the quotation it sits in (一号工程2.0版”)


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Widen a span to the quotation it cuts through (制造业“单项冠军 -> 制造业“单项冠军”),
    or None when the quotation goes on (企业“上云 in 企业“上云用数赋智”: not that name)."""
    if _PAIRED_MARKS.isdisjoint(text[start:end]):
        return start, end  # most names hold no quote mark: nothing to balance
    for open_, close in QUOTE_PAIRS.items():
        piece = text[start:end]
        if piece.count(close) > piece.count(open_):
            if start == 0 or text[start - 1] != open_:
                return None
            start -= 1
        if piece.count(open_) > piece.count(close):
            stop = text.find(close, end, end + QUOTE_REACH + 1)
            if stop < 0:
                return None
            end = stop + 1
    return start, end
