"""The head of a suffix name: read right to left over the segmenter's tokens from the suffix
until a delimiter or a word that cannot be part of a name (建设, 加快, 的...)."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..chinese import HAN, NUMERALS
from .suffix_words import DASH, FOLLOW_UP, NATIONAL, PAIR, PHASE, TO, SuffixWords
from .text import DELIMITERS

MAX_HEAD = 18
JOINERS = (TO, DASH, PAIR)  # 绍兴至诸暨市域铁路, 舟山—宁波—绍兴油品管道: places joined inside one name
PLACE_DASHES = ("-", "一")  # what joins two places only, never other parts of a name
VIA = "经"  # a route's stop (中卫经平凉至庆阳铁路) belongs to the route only once its 至 is read
RANKS = ("国家级", "省级")  # an official name may state its rank before its kind
# official names put the host region in brackets after the country or province: 中国(绍兴)跨境电子商务综合试验区
# ...or after China paired with another country (浙江中英(秀洲)创新合作园, 中法(嘉兴)国际合作示范区;
# the partners are data: ontology/patterns/partner_countries.txt)
CHINA = "中国"
MAX_BRACKETED = 4
# ...or a second name or part of the name in brackets (和平(苟江)经开区, 中欧(中意)产业园, 现代种业(农作物)产业园,
# 金属(合金)材料, 石墨(烯)), never a remark on what it holds (含, 即, 等)
BRACKETED_PART = re.compile(rf"(?:(?![含即等])[{HAN}]){{1,4}}")
_BEFORE = re.compile(rf"[{HAN}]{{2}}")
INTERNATIONAL = "国际"
SECTION = "段"  # a region's section of works, in brackets after their name: 环湖大堤(浙江段)
_PLACE_LENGTHS = (2, 3, 4)  # 绍兴, 嵊州市, 红塔区, 长水机场 before 至
# words bound to the word before them, boundary word or not: "a strong city" in its domain
# (创新强市, 人才强区) and a chain of something (创新链贯通工程)
_BOUND = re.compile(r"强[国省市区县镇村]|链")
# a heading's number (第四节 持续开展国土绿化行动) is no part of any name: the walk ends before it
_HEADING_NUMBER = re.compile(rf"第[{NUMERALS}\d]+[篇章节条]")
NOMINAL = re.compile(r"\w{1,3}化")  # 现代化, 一体化, 数字化: what a verb achieves, inside a name
# a host before 国家 that no region table lists: a run of its cities' first characters (哈大齐, 长株潭) is one word
# of three or more characters the proper-name test takes
HOST_RUN = 3
VERB = "v"
# jieba's tag of 该市, 各地, 这些: a pronoun of two characters or more points at a place or things, it never opens
# a name (one character may be a place's short form: 诸 in 诸嵊高速)
PRONOUN = "r"


def head_start(
    words: SuffixWords, text: str, tokens: list[tuple[int, int]], pos: int, floor: int, verbs: int = 0,
    conjunctions: tuple[str, ...] = (), ranked: bool = False,
) -> int:
    """Walk tokens leftwards from ``pos`` while they can belong to a name; up to
    ``verbs`` boundary words may come right before ``pos`` (越医文化推广工程),
    ``conjunctions`` may join its parts, and a ``ranked`` name may state its rank."""
    walk = _Walk(words, text, pos, floor, verbs, conjunctions, ranked)
    # the tokens before ``pos`` only: those from it on are never taken, and (sorted, each ending
    # where or before the next starts) one that ends by ``floor`` has one before it that does too
    for a, b in reversed(tokens[: bisect_left(tokens, (pos, -1))]):
        if b <= floor:
            break
        if a >= walk.start:  # not yet reached, or inside a bracketed region already taken
            continue
        if not walk.step(max(a, floor), b):
            break
    return walk.name_start()


class _Walk:
    """One leftward walk: where the head starts so far and the words it has taken."""

    def __init__(
        self, words: SuffixWords, text: str, pos: int, floor: int, verbs: int, conjunctions: tuple[str, ...], ranked: bool
    ) -> None:
        self.w = words
        self.text = text
        self.pos = pos
        self.floor = floor
        self.verbs = verbs
        self.conjunctions = conjunctions
        self.ranked = ranked
        self.start = pos
        self.taken: list[tuple[int, str]] = []
        self.national = False

    def take(self, a: int, word: str) -> None:
        self.start = a
        self.taken.append((a, word))

    def step(self, a: int, b: int) -> bool:
        """Take the token at ``a``..``b`` if it can belong to the name; False ends the walk."""
        word = self.text[a:min(b, self.pos)]
        taken = self.taken
        if _HEADING_NUMBER.fullmatch(word):
            return False
        if taken and _BOUND.fullmatch(taken[-1][1]) and DELIMITERS.isdisjoint(word) and not self.w.is_boundary(word):
            self.start = a  # 创新强市, 创新链
            taken[-1] = (a, word + taken[-1][1])
            return True
        bracket = (_bracketed_region(self.w, self.text, a, self.floor) or self._bracketed_part(a)) if word == ")" else 0
        if bracket:
            self.take(bracket, self.text[bracket:b])
            return True
        if self._joins(a, word):
            self.take(a, word)
            return True
        if word == VIA and not any(w == TO for _, w in taken):
            return False  # 北京经雄安新区至商丘: “via” leads into a route (A经B至C), never into B's own name
        if not DELIMITERS.isdisjoint(word) or self.w.glued(word, -1):  # 活力城等高端项目群: 城等 is one guessed word
            return False
        # 生产基地和境外经贸合作区: 和境 is one guessed word; so is 城和长 in 师大创新城和长湖湾低空经济产业园
        if (glue := next((i for i in range(len(word) - 1) if self.w.glued(word, i)), None)) is not None:
            self.take(a + glue + 1, word[glue + 1:])
            return False
        if self._inside(word):
            self.take(a, word)
            self.national = self.national or word in NATIONAL
            return True
        if self.national:  # the host region may come first: 会稽山国家森林公园, 杭州国家…交换中心, 哈大齐国家自主创新示范区
            if word in self.w.region_surfaces or self._host_run(word):
                self.take(a, word)
            return False
        if self.w.is_boundary(word):
            return self._verb(a, word)
        if word in self.w.p.soft_boundaries and not self.verbs and any(w not in self.w.p.soft_boundaries for _, w in taken):
            return False  # once the head has a plain word: 创新发展示范区 keeps its soft words
        if self.pos - a > MAX_HEAD:
            return False
        if [w for _, w in taken] in ([r] for r in RANKS) and self.w.proper.general.tags.get(word) == VERB:
            return False  # 翠屏区增设|省级经开区: a rank right before the kind follows the name, never a verb
        self.take(a, word)
        return True

    def _bracketed_part(self, close: int) -> int:
        """Where a bracket inside a name starts (和平(苟江)经开区, 中欧(中意)产业园, 现代种业(农作物)产业园):
        two to four Chinese characters (not 域 in 市(域)郊铁路), no kind of remark (含, 即), right after a word of
        the name; else 0."""
        open_ = self.text.rfind("(", max(self.floor, close - MAX_BRACKETED - 1), close)
        inside, before = self.text[open_ + 1 : close], self.text[max(self.floor, open_ - 2) : open_]
        if open_ <= self.floor or len(inside) < 2 or not BRACKETED_PART.fullmatch(inside):
            return 0
        reached = self.text[max(self.floor, open_ - 3) : open_ - 1]  # 推进中(福建)产业园: a boundary word reaches into 中
        ends = (before, reached)
        return 0 if not _BEFORE.fullmatch(before) or any(self.w.is_boundary(w) or w in self.w.p.soft_boundaries for w in ends) else open_

    def _joins(self, a: int, word: str) -> bool:
        """A joiner between places or parts inside one name (绍兴至诸暨, 舟山—宁波); 至 also joins
        when a place comes right before it (绍兴至嵊新市域铁路: the route's far end may be a short form)."""
        taken, places = self.taken, self.w.region_surfaces
        if word == DASH and DASH in (self.text[a - 1 : a], self.text[a + 1 : a + 2]):
            return False  # prose's double dash ——: what follows restates what came before (省级新区——宜宾三江新区)
        if word in PLACE_DASHES:  # 乐清-永嘉产业合作园, 若尔盖一秀洲飞地园: a hyphen (or a dash typed as 一) between two places
            return bool(taken) and taken[-1][1] in places and any(self.text[a - n : a] in places for n in _PLACE_LENGTHS if a - n >= self.floor)
        return word in JOINERS and bool(taken) and (
            taken[-1][1] in places or word == DASH or word == TO and any(w in places for _, w in taken)
            or word == TO and any(self.text[a - n : a] in places for n in _PLACE_LENGTHS if a - n >= self.floor)
        )

    def _inside(self, word: str) -> bool:
        """A word that sits inside a name it does not begin: a conjunction of its parts
        (汽车整车及零部件产业链), the nation (国家), or a stated rank (嘉兴运河文化省级旅游度假区), which may
        come right before the kind (古龙页岩油国家级示范区)."""
        if self.ranked and word in RANKS:
            return True
        if not self.taken:
            return False
        if word in self.conjunctions and self.taken[-1][1] not in self.conjunctions:
            return True
        return word in NATIONAL or self.ranked and word in RANKS

    def _verb(self, a: int, word: str) -> bool:
        """A boundary word the name allows: one of its ``verbs`` (浦阳江治理三期工程, 河道整治后续工程,
        市域社会治理现代化试点: a phase, a next stage or a -化 word after the verb)."""
        before = [w for _, w in self.taken if not (PHASE.fullmatch(w) or w == FOLLOW_UP or NOMINAL.fullmatch(w))]
        if len(before) >= self.verbs or not self.w.is_verb(word) or not all(self.w.is_verb(w) for w in before):
            return False
        self.take(a, word)
        return True

    def name_start(self) -> int:
        """The first word taken that may begin a name: not 建设, 发展, 推广... or a dash, nor a verb
        acting on the named thing after it (做好|川气东送二期天然气管道, 打通|湖州中心城市绕城高速)."""
        taken = self.taken[::-1]
        # a verb done to a known name (not a place: 绿色制造|山东省实验室) inside the run ends what came before it:
        # 海淀集中释放|中关村科学城
        first = max((i + 1 for i in range(1, len(taken) - 1) if taken[i + 1][1] not in self.w.region_surfaces
                     and self._verb_on_name(taken[i][1], taken[i + 1][1])), default=0)
        for i, (a, word) in enumerate(taken[first:], start=first):
            if word in NATIONAL or word not in self.w.p.soft_boundaries and word not in JOINERS and not self.w.is_boundary(word):
                if not self._acts_on(word, taken[i + 1 : i + 2]) and not self._pronoun(word):
                    return a
        return self.pos

    def _host_run(self, word: str) -> bool:
        """A proper word of three characters or more and no number (哈大齐, not 第四批) that may host a national name."""
        return (len(word) >= HOST_RUN and not any(ch in NUMERALS or ch.isdigit() for ch in word)
                and self.w.proper(word) and not self.w.is_boundary(word))

    def _pronoun(self, word: str) -> bool:
        """该市 in 该市抢抓江西内陆开放型经济试验区: the city the sentence speaks of, not part of the name."""
        return len(word) > 1 and word not in self.w.region_surfaces and self.w.proper.general.tags.get(word) == PRONOUN

    def _acts_on(self, word: str, after: list[tuple[int, str]]) -> bool:
        """Is ``word`` an everyday verb (做好, 配合), or a verb (jieba's tag) done to the place or known
        name right after it (打通|湖州, 抢抓|珠三角)? A name of things (not of an initiative, whose name
        may say what it does) never opens with one."""
        return self._may_act(word) and (self.w.proper.common_verb(word) or bool(after) and self._verb_on_name(word, after[0][1]))

    def _may_act(self, word: str) -> bool:
        """Could ``word`` be a verb outside the name: no verb the name allows, no place, no known name?"""
        return not (self.verbs or len(word) < 2 or word in self.w.region_surfaces or self.w.lexicon.lookup(word))

    def _verb_on_name(self, word: str, after: str) -> bool:
        """Is ``word`` a verb (jieba's tag) done to the place or known name ``after`` it (抢抓|珠三角, 释放|中关村)?"""
        return self._may_act(word) and self.w.proper.general.tags.get(word) == VERB and (
            after in self.w.region_surfaces or bool(self.w.lexicon.lookup(after)))


def _bracketed_region(words: SuffixWords, text: str, close: int, floor: int) -> int:
    """Where ``(绍兴)`` starts, if the bracket at ``close`` holds a region (or 国际, as in
    杭州(国际)毅行大会) and follows the country, a place or another proper name (中国(绍兴)...,
    浙江(新昌)..., 中国东南(福建)科学城, 克兰金属新材(湖州)研究院), or holds a region's section of
    the works before it (环湖大堤(浙江段)后续工程, 苏申外港线(江苏段)航道整治工程); else 0."""
    open_ = text.rfind("(", max(floor, close - MAX_BRACKETED - 1), close)
    inside = text[open_ + 1 : close]
    if open_ > floor and inside.endswith(SECTION) and inside.removesuffix(SECTION) in words.region_surfaces:
        return open_
    if open_ <= floor or inside not in words.region_surfaces and inside != INTERNATIONAL:
        return 0
    before = [(open_ - n, text[open_ - n : open_]) for n in (2, 3) if open_ - n >= floor]
    if any(_country(words, w) or w in words.region_surfaces for _, w in before):
        return open_
    # a proper name that no boundary word reaches into (not 进中 in 推进中(福建)…)
    return open_ if any(words.proper(w) and not words.is_boundary(text[a - 1 : a + 1]) for a, w in before) else 0


def _country(words: SuffixWords, word: str) -> bool:
    """China, or China and a partner country (中德, 中韩): what a bracketed host may follow."""
    return word == CHINA or len(word) == 2 and word[0] == CHINA[0] and word[1] in words.p.partner_countries
