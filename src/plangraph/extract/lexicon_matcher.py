"""Component: names the lexicons know (regions with codes, programs, industries...)."""

from __future__ import annotations

import re

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from ..chinese import HAN
from ..dictionary import GeneralDictionary, general_dictionary
from ..lexicon import REGION_SHORT_STOPLIST, LexEntry, Lexicon, load_lexicon
from .candidates import Candidate, Context, state_of
from .proper import EVERYDAY_FREQ, NOT_THE_INDUSTRY
from .text import CLOSING_QUOTES, DELIMITERS, OPENING_QUOTES, balance_quotes, strip_quotes

# what may stand right before a far-away region's short name (与上海, 、苏州, 大上海), unlike 中心湖北岸
LEFT_EDGE = DELIMITERS | frozenset("与和及同在对向从至到赴接联融大")
# 国家(首批)先进制造业集群, 国家战略性新兴产业集群, 省级先进制造业集群: a national or provincial list of
# clusters, not the trade itself
NATIONAL_LIST = re.compile(r"(?:国家|省)(?:首批|级)?$")
CLUSTER = "集群"
# a region that opens an enterprise's name (哈尔滨电气集团, 陕西煤业化工集团, 安徽配天投资集团) is no mention of it;
# a region's area word after it says where the group is (长三角地区名校集团)
ENTERPRISE = re.compile(rf"(?!地区|区域)[{HAN}]{{0,5}}?(?:集团|公司)(?!化)")
OWNER_REACH = 12  # a province's full name, 的 and a quote mark
OF = "的"
_OPENERS = "".join(sorted(OPENING_QUOTES))
_TYPE_ORDER = {"Program": 0, "Platform": 1, "Project": 2, "Industry": 3, "Region": 4}
_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


class LexiconMatcher:
    """Finds every lexicon surface (longest-first resolution happens later).

    Ambiguous region names are resolved toward the plan's province; a county's
    short name counts only inside the plan's own province, where it is meant.
    """

    def __init__(self, lexicon: Lexicon, general: GeneralDictionary) -> None:
        self.lexicon = lexicon
        self.words = general.frequencies
        self.general = general
        self.automaton = ahocorasick.Automaton()
        for surface in sorted(lexicon.surfaces):
            if len(surface) >= 2:
                self.automaton.add_word(surface, surface)
        self.automaton.make_automaton()
        # (surface, the plan's province) -> the entry it names there: the same few hundred names come
        # back sentence after sentence, and choosing among a name's entries depends on nothing else
        # (a program's home is a province, the loader sets no other: so a corpus of thousands of
        # regions still keeps one choice per province)
        self.chosen: dict[tuple[str, str | None], LexEntry | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        ctx, text, spans, out = state.context, state.text, state.tokens, state.candidates
        stripped, index = strip_quotes(text)
        starts, ends = state.token_starts, state.token_ends
        for end, surface in self.automaton.iter(stripped):
            begin = end - len(surface) + 1
            a, b = index[begin], index[end] + 1
            if len(surface) == 2 and a not in starts and b not in ends:
                continue  # inside words, whatever it names (the test below, made before choosing)
            key = (surface, ctx.province_code)
            if key not in self.chosen:
                self.chosen[key] = self._choose(surface, ctx)
            owned = self.chosen[key] is None  # only another province's program: by its province's name before it
            entry = self.chosen[key] or self._owner_named(surface, text, a)
            if entry is None:
                continue
            # a two-character name inside words: 丽水 in 美丽/水乡 (not 上海 in 大上海); an industry
            # must also start a word (电机 in 风力/发电机)
            if len(surface) == 2 and a not in starts and (b not in ends or entry.type == "Industry"):
                continue
            if entry.type == "Region" and entry.code and self.general.holds(text, a, b, starts, ends, self.lexicon.surfaces):
                continue  # 长治 in 长治|久安, 江汉 in 江汉|平原: the everyday word is what the text says (a place
                # the lexicon knows is named by its words too: 太湖 in 南太湖, 太湖流域)
            begins = a in starts and not (text[max(0, a - 1) : a + 1] in self.words or text[max(0, a - 2) : a + 1] in self.words)
            if not self._plausible(entry, surface, text, a, ctx, b in ends, begins):
                continue
            span = balance_quotes(text, a, b)
            if span and owned:  # 上海“五个中心”: the quoted name is that program, not the plan's own quote
                span = _with_quotes(text, *span)
            if span:
                out.append(Candidate(*span, entry.type, entry.name, "lexicon.name", key=entry.id, priority=3))
        return doc

    def _plausible(
        self, entry: LexEntry, surface: str, text: str, start: int, ctx: Context, whole: bool, begins: bool
    ) -> bool:
        """An industry word must not qualify something else (房地产市场) or name a national list of
        clusters (国家先进制造业集群). Far-away divisions
        need support: a whole word (not 新乡 in 新乡贤, not 大连 in 大连接), and their parent
        named in the sentence (上海松江区, not 天津's 滨海新区 in a Zhejiang plan) or a clean
        left edge (not 湖北 in 中心湖北岸, not 运城市 in 亚运城市). ``begins``: the name starts a word
        and its first character makes no everyday word with what stands before (滨海 of 海城市)."""
        if entry.type == "Industry":
            end = start + len(surface)
            listed = text.startswith(CLUSTER, end) and NATIONAL_LIST.search(text, max(0, start - 4), start)
            return not (listed or text.startswith(NOT_THE_INDUSTRY, end))
        if entry.type == "Region" and ENTERPRISE.match(text, start + len(surface)):
            return False
        if entry.type != "Region" or not entry.code:
            return True
        if ctx.province_code and entry.code.startswith(ctx.province_code):
            return True
        if not whole:
            return False
        if entry.level == "county":
            return self._county_meant(entry, surface, text, ctx, begins)
        return start == 0 or text[start - 1] in LEFT_EDGE

    def _county_meant(self, entry: LexEntry, surface: str, text: str, ctx: Context, begins: bool) -> bool:
        """A far-away county by its full name: its parent named in the sentence (上海松江区), or,
        when the name starts a word (not 海城市 in 滨海城市) and is no everyday word plus a
        suffix (not 滨海新区, coastal new area, in 越城区(滨海新区)), its parent named anywhere in
        the document (祥云县 in a text on 大理) or the name no other division's."""
        parent = self.lexicon.entries.get(entry.parent or "")
        if parent and any(n in text for n in (parent.name, parent.short) if n):
            return True
        short = entry.short or ""
        if not begins or short in REGION_SHORT_STOPLIST or self.words.get(short, 0) >= EVERYDAY_FREQ:
            return False
        return entry.parent in ctx.named or sum(1 for e in self.lexicon.lookup(surface) if e.type == "Region") == 1

    def _owner_named(self, surface: str, text: str, start: int) -> LexEntry | None:
        """A program of another province whose words others coin too, its province named right before
        it (服务上海“五个中心”建设, 对标上海的“五个新城”): that province's program, not the plan's own."""
        before = text[max(0, start - OWNER_REACH) : start].rstrip(_OPENERS).removesuffix(OF)
        for e in self.lexicon.lookup(surface):
            owner = self.lexicon.entries.get(e.home or "")
            if owner and any(n and before.endswith(n) for n in (owner.name, owner.short)):
                return e
        return None

    def _choose(self, surface: str, ctx: Context) -> LexEntry | None:
        """The entry a surface names in the plan's region: the plan's own province's division first,
        and no program of another province whose words others coin too (``Lexicon.in_scope``)."""
        entries = self.lexicon.lookup(surface)
        best: LexEntry | None = None
        best_rank: tuple[int, ...] | None = None
        for e in entries:
            if not self.lexicon.in_scope(e, ctx.region_key):
                continue
            if e.type == "Region" and e.code:
                local = ctx.province_code is not None and e.code.startswith(ctx.province_code)
                if e.level == "county" and surface != e.name and not local:
                    continue
                level = _LEVEL_ORDER.get(e.level or "", 3)
                rank = (0 if local else 1, level, _TYPE_ORDER[e.type])
            else:
                rank = (0, 0, _TYPE_ORDER.get(e.type, 9))
            if best_rank is None or rank < best_rank:
                best, best_rank = e, rank
        return best


def _with_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` with the quote marks right around it, if both stand there."""
    if text[start - 1 : start] in OPENING_QUOTES and text[end : end + 1] in CLOSING_QUOTES:
        return start - 1, end + 1
    return start, end


@Language.factory("plangraph_lexicon", default_config={"lexicon_root": None})
def make_lexicon_matcher(nlp: Language, name: str, lexicon_root: str | None) -> LexiconMatcher:
    return LexiconMatcher(load_lexicon(lexicon_root), general_dictionary())
