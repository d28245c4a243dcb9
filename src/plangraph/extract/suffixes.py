"""Component: names built on a suffix family (…高新区, …高铁, …行动, …产业).

The suffix gives the type; the head is read right to left over the segmenter's
tokens until a delimiter or a word that cannot be part of a name (建设, 加快,
的...). Coordinated heads share the suffix: 湖杭、沪苏湖高铁 names two railways.

The steps live in their own modules: the head walk (``suffix_heads``), whether a head
names anything (``suffix_checks``), coordinated items (``suffix_items``) and the word
tests they share (``suffix_words``). This module finds the suffixes and turns what
the steps read into candidates.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..chinese import DIGITS, HAN
from ..dictionary import general_dictionary
from ..lexicon import LexEntry, load_lexicon, place_names
from .candidates import Candidate, state_of
from .patterns import Patterns, Suffix, load_patterns
from .proper import NOT_THE_INDUSTRY, ProperTest, topic_names
from .road_codes import CODE_AT_END, CODED_ROAD, NUMBERED_KINDS, rail_lines, road_codes
from .segmenter import segmenter_of
from .suffix_checks import COUNT, LEVEL, NEEDS_PROPER, SITED, WORKS, industry_head, sited, valid
from .suffix_heads import RANKS, head_start
from .suffix_items import coordinated, shared_suffix
from .suffix_words import DASH, FOLLOW_UP, NATIONAL, PART, PHASE, TO, WHOLE_OF_MANY, SuffixWords

OF_THE_TYPE = "型"
ROLE_AFTER = ("地位", "功能")  # 融杭联甬接沪枢纽地位, 对外开放门户功能: a role a place plays
ENTERPRISE = ("管理集团", "集团", "公司", "股份")  # 山东省机场管理集团, 山东省港口集团: the company that runs it
EXTENT = ("总里程", "里程", "运营里程", "通车里程")  # 湖北省高铁总里程, 北京轨道交通运营里程: a network's length, no line
# a suffix's last character that begins a longer word with what follows: 未来城|市先行实践区 is
# 未来城市, 萧山机场|站 is an airport station; 高速 before a verb of growth is an adverb (让新兴产业高速|发展);
# a station goes on into the hub, quarter or complex built at it (雁荡山站综合枢纽, 杭州西站枢纽, 义乌站站前片区);
# a port into its harbour or its neighbours (国际港口, 港澳); 改革 into the planning commission (国家发展改革委)
WORD_GOES_ON = {"城": ("市",), "场": ("站",), "革": ("委",), "速": ("发展", "增长", "成长", "崛起"), "站": ("综合", "枢纽", "站前", "片区", "TOD"),
                "港": ("口", "澳")}
MODIFIER = "战略"  # before a noun it qualifies (战略重组, 战略布局, 战略先手棋): no strategy is named there
# a 工程 on a phase, a next stage, a second line or a building's new, rebuilt or moved site is construction:
# a project (浦阳江治理三期工程, 南水北调后续工程, 川气东送二线工程, 马厍幼儿园新建工程), not a program
BUILDING_WORKS = re.compile(rf"(?:[{DIGITS}十\d]期|{FOLLOW_UP}|二线|新建|迁建|重建|改建|续建)$")
SECTION_IN_BRACKETS = re.compile(r"段\)")  # 环湖大堤(浙江段)后续工程: works on one section of something built
# a suffix word before these is a trade: 工程 as engineering (全过程工程咨询, 工程总承包) names no works
TRADES = {WORKS: ("咨询", "总承包", "监理", "造价")}
INDUSTRY_TAILS = ("产业集群", "产业链", "产业")
# what leads or carries industries, said before the word 产业 (以科技创新引领|产业创新, 以数字化赋能|产业): the
# head is the driver, no industry
DRIVES = ("引领", "带动", "赋能", "驱动", "支撑", "牵引", "反哺")
# a grade of the kind (创建国家AAAAA级旅游景区, 国家4A级景区, A1级通用机场, b类通用机场: the classes of general
# aviation airports): a class of places, no name
GRADE = re.compile(r"A{3,5}级|[1-5]A级|[ABab][1-3]级|[ABab]类")
# a head of two characters is an industry named without its 产业 (服饰产业 is 服饰, 林竹产业 is 林竹) when jieba's
# dictionary does not tag it a numeral, verb, pronoun, adverb, preposition or conjunction
SHORT_TRADE = 2
ORDINAL = "第"  # 第三产业 is a sector's fixed name: it keeps its 产业
NOT_A_TRADE = frozenset({"m", "v", "r", "d", "p", "c"})
WORLDWIDE = "全球"  # where an industry leads, never part of its name
INDUSTRY_CONJUNCTIONS = ("及", "与")  # 食品及添加剂, 新能源汽车及关键零部件
# a research body is named for its fields, joined by 与 (深地科学与工程云龙湖实验室, 涡轮机械与推进系统研究院,
# 中科院肿瘤与基础医学研究所): the head reads across it
RESEARCH_BODIES = ("实验室", "研究院", "研究所", "研究中心")
FIELDS_JOINED = ("与",)
# works named for the waters or parts they join (太嘉河及杭嘉湖地区环湖河道整治后续工程): the head reads across 及
WORKS_JOINED = ("及",)
# what may open a head without belonging to the name: a year, a round, an enumeration, a
# scale (千亿级碳纤维产业: the industry is 碳纤维) and a span of time (“十四五”时期, 未来十五年, 今后五年
# before a plan's own region in every preamble: 未来十五年重庆高新区 is 重庆高新区)
_LEAD = re.compile(rf"(?:\d{{4}}年|年)?(?:\d{{1,2}}月|月)?\d{{1,2}}日|\d{{4}}年|新一轮|[{DIGITS}十]是|(?:超|近)?[千百万]亿(?:元)?级?"
                   rf"|时期|(?:未来|今后)[{DIGITS}十\d]+年")
_SCALES = ("亿", "亿元", "亿级", "亿元级")  # a scale opens a program's name (千亿链群培育行动), not an industry's
# 两大系列人才计划, 四大新兴产业, 5个特色小谷: after a count comes the kind of a group, no one name
_GROUP_LEAD = re.compile(rf"\d+个(?:左右)?|[{DIGITS}十百千万两]+[个大批项条]")
# the class a waterway is built to, said between the line's name and 航道 (东宗线三级航道, 杭湖锡线三级航道)
WATERWAY = "航道"
WATERWAY_CLASS = re.compile(r"(?:[一二三四五六七]|千吨)级$")
OWN_ROAD = ("路", "道", "桥")  # items that name their own kind of works: 越东路, 329国道, 长江二桥
LINKS = ("联络线", "连接线")  # a link road is named by the two roads it joins: A高速至B高速联络线
# what kind of work a program is; after a known program's name they add nothing (人才强市战略 is 人才强市)
KIND_OF_WORK = frozenset({"战略", "行动计划", "专项行动", "攻坚行动", "行动", "计划", "攻坚战", "工程", "运动"})
EVENT_JOINERS = "、和"
JOINED_NEXT = ("和", "与", "及")  # a conjunction right after a name begins no name of its own
MAX_PLACE_PREFIX = 6
NAMED_VERBS = 2  # 塑料污染治理攻坚行动: an initiative is named by what it does
_BETWEEN = re.compile(r"([\u4e00-\u9fff]{2,4}?)至([\u4e00-\u9fff]{2,4}?)段")
# a trade city branded for the nation: 中国 and its trade (中国轻纺城, 中国光电城, 中国医药城), not a
# title of fame (中国历史文化名城) nor 城市, 城镇, 城区 going on (城市场 is the city's 市场)
BRAND_CITY = re.compile(rf"中国(?:(?!名)[{HAN}]){{2,4}}?城(?!市(?!场)|[镇乡区])")
# ...and a valley of one trade (中国光谷, 中国眼谷, 中国声谷): a one-character trade before 谷, not the
# words of grain, land and lows (稻谷, 五谷, 山谷, 峡谷, 河谷, 溪谷, 深谷, 幽谷, 空谷, 低谷) nor California's 硅谷
BRAND_VALLEY = re.compile(rf"中国(?![稻五山峡河溪深幽空低硅]谷)[{HAN}]谷")
SECTION = re.compile(r"[东西南北中]段|(?:[东西]?[南北]|[东西])延(?:线|伸线)?|扩容|\([A-Z]\d{1,3}\)")  # …市域铁路(S2)


def _unranked(head: str, suffix: Suffix) -> str:
    """A platform's head without the rank it states last (古龙页岩油国家级|示范区), or a waterway's without
    the class it is built to (杭湖锡线三级|航道): the rank belongs to the name, it is no grade of its kind
    (全国优秀物流园区, 内河三级航道) that would make the name a class; a bare rank is no head."""
    if suffix.text == WATERWAY:
        return WATERWAY_CLASS.sub("", head)
    if suffix.type != "Platform":
        return head
    return next((head.removesuffix(r) for r in RANKS if head.endswith(r)), head)


def _whole_named(tail: str, type_: str) -> bool:
    """Does a name with this tail still name its whole as well? Works on the whole do (甬金高速扩容),
    and so does a platform's phase (钱江新城二期 lies in 钱江新城); a project's
    phase, section or extension names only that part (the whole is a mention where named alone)."""
    return type_ != "Project" or not PART.search(tail)


class SuffixNames:
    """Proposes ``head + suffix`` names; see the module docstring."""

    def __init__(self, patterns: Patterns, words: SuffixWords) -> None:
        self.p = patterns
        self.w = words
        self.by_text = {s.text: s for s in patterns.suffixes}
        self.regex = re.compile("|".join(re.escape(s.text) for s in patterns.suffixes))
        # what a project is built as (水库, 铁路, 轨道交通): 工程 on one is works, not a program
        self.built = re.compile("|".join(
            re.escape(s.text) for s in patterns.suffixes if s.type == "Project" and not s.text.endswith(WORKS)
        ))

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text, tokens, out = state.text, state.tokens, state.candidates
        floor = 0  # a head never reaches back into the previous name (a word that named nothing is no floor)...
        last: Candidate | None = None  # ...but may continue it (see _compound)
        for m, suffix in self._suffixes(text, tokens, state.token_ends):
            verbs = NAMED_VERBS if suffix.needs in ("named", "event") else 0  # 海外人才创新创业大赛
            start = self._head(text, tokens, m, suffix, floor, verbs)
            if start is None:  # a count before a kind names a group
                floor = m.end()
                continue
            last = self._read(text, tokens, m, suffix, start, verbs, last, out, state.context.region_key)
            if last is not None or LEVEL.search(text[start : m.start()]):  # 全国优秀物流园区|嘉兴现代物流园: an award ends there
                floor = m.end()
        out.extend(self._brand_cities(text, state.token_starts, state.token_ends))
        out.extend(road_codes(text))
        out.extend(rail_lines(text, out))
        return doc

    def _brand_cities(self, text: str, starts: frozenset[int], ends: frozenset[int]) -> Iterator[Candidate]:
        """Trade cities and valleys branded for the nation (中国轻纺城, 中国光电城, 中国光谷): a platform
        each, named by no suffix family, as 城 and 谷 alone end too many words."""
        for m in BRAND_CITY.finditer(text):
            if m.start() in starts and m.end() in ends:
                yield Candidate(m.start(), m.end(), "Platform", m.group(), "suffixes.brand-city", priority=1)
        for m in BRAND_VALLEY.finditer(text):
            if m.start() in starts and m.end() in ends:
                yield Candidate(m.start(), m.end(), "Platform", m.group(), "suffixes.brand-valley", priority=1)

    def _suffixes(
        self, text: str, tokens: list[tuple[int, int]], ends: frozenset[int]
    ) -> Iterator[tuple[re.Match[str], Suffix]]:
        """The suffix words that end a name here (``ends``: where tokens end): whole words the text does not go on from."""
        for m in self.regex.finditer(text):
            if m.end() not in ends:  # 战略 in 战略性, 工程 in 工程师
                continue
            if self.regex.match(text, m.end()):  # 改革 in 人才管理改革试验区: the name goes on
                continue
            suffix = self.by_text[m.group()]
            if not self._goes_on(text, tokens, m.end(), suffix):
                yield m, suffix

    def _goes_on(self, text: str, tokens: list[tuple[int, int]], end: int, suffix: Suffix) -> bool:
        """Does what follows the suffix make it part of something else (a network, a type, a trade, a fund)?"""
        if suffix.type in ("Project", "Platform") and text.startswith(WHOLE_OF_MANY + ROLE_AFTER + ENTERPRISE + EXTENT, end):
            return True
        if text.startswith(WORD_GOES_ON.get(suffix.text[-1], ()), end):
            return True
        if text.startswith(OF_THE_TYPE, end):  # 产业型、景区型: a type of village, no name
            return True
        if suffix.text == MODIFIER and self.w.noun_at(text, tokens, end):
            return True
        if text.startswith(TRADES.get(suffix.text, ()), end):
            return True
        return suffix.type == "Industry" and text.startswith(NOT_THE_INDUSTRY, end)  # 美丽湖州建设产业基金 is a fund

    def _head(
        self, text: str, tokens: list[tuple[int, int]], m: re.Match[str], suffix: Suffix, floor: int, verbs: int
    ) -> int | None:
        """Where the head before suffix ``m`` starts, without a lead that is no part of the name;
        None when a count leads it (四大新兴产业: the kind of a group)."""
        joins = (INDUSTRY_CONJUNCTIONS if suffix.type == "Industry" else FIELDS_JOINED if suffix.text.endswith(RESEARCH_BODIES)
                 else WORKS_JOINED if suffix.text.endswith(WORKS) else ())
        ranked = suffix.type in ("Platform", "Project")  # 上虞省级…试点 is 上虞's pilot of a program
        start = head_start(self.w, text, tokens, m.start(), floor, verbs, joins, ranked)
        if _GROUP_LEAD.match(text, start, m.start()):
            return None
        lead = _LEAD.match(text, start, m.start())  # 2022年杭州亚运会 is 杭州亚运会
        if lead and not (suffix.type == "Program" and lead.group().endswith(_SCALES)):  # 千亿链群培育行动 is named by its scale
            start = lead.end()
        code = CODE_AT_END.search(text, start, m.start()) if suffix.text in NUMBERED_KINDS else None
        if code:  # 开展远期207省道谋划: the road is 207省道
            start = code.start()
        if suffix.type == "Industry" and text.startswith(WORLDWIDE, start):
            start += len(WORLDWIDE)  # 全球视觉AI产业中心: the industry is 视觉AI
        if suffix.type == "Industry":
            start += self._place_before_trade(text[start : m.start()])
        return start

    def _place_before_trade(self, head: str) -> int:
        """How long the known place is that opens an industry's head and leaves a trade of two
        characters or more (襄城县|硅碳新材料产业集群, 乐清|电气产业): the place has the industry;
        a head that is only a place (袍江产业) keeps it and names none."""
        return next((n for n in range(MAX_PLACE_PREFIX, 1, -1) if len(head) - n >= 2 and head[:n] in self.w.region_surfaces), 0)

    def _read(
        self, text: str, tokens: list[tuple[int, int]], m: re.Match[str], suffix: Suffix, start: int, verbs: int,
        previous: Candidate | None, out: list[Candidate], region: str | None,
    ) -> Candidate | None:
        """Add to ``out`` what the head at ``start`` and suffix ``m`` name, as a compound of the
        ``previous`` name, an event sharing its host, or a name with its coordinated items; return
        the name read (the one a next name may continue), or None."""
        if previous is not None and start == previous.end and text.startswith(JOINED_NEXT, start) and m.start() - start > 2:
            start += 1  # 甬台温高速复线和龙丽温高速: 和 joins the next name (和龙 is a city only where it stands alone)
        head = text[start : m.start()]
        compound = self._compound(previous, start, m.start(), head, suffix, text)
        if previous is not None and compound is not None:
            out[out.index(previous)] = dataclasses.replace(previous, nests=True)
            tail = self._tail(text, compound.end, suffix.type) if suffix.type in ("Project", "Platform") else ""
            if tail:  # 昆明地铁1号线西北延: the compound goes on with its section too
                if _whole_named(tail, suffix.type):
                    out.append(dataclasses.replace(compound, nests=True))
                compound = dataclasses.replace(compound, end=compound.end + len(tail), label=compound.label + tail)
            out.append(compound)
            return compound
        host = self._shared_host(previous, text, m.start()) if not head and suffix.needs == "event" else ""
        if host:  # 杭州亚运会、亚残运会: the second event is held by the first one's host
            shared = Candidate(m.start(), m.end(), suffix.type, host + suffix.text, "suffixes.shared-host", priority=1)
            out.append(shared)
            return shared
        if not valid(self.w, _unranked(head, suffix), suffix, text, start):
            return None
        if suffix.type == "Industry" and (head.endswith(DRIVES) or not self._trade_word(head)) or GRADE.search(head):
            return None
        whole = self._shared_suffix(text, tokens, start, head, suffix, verbs)
        if whole is not None:  # 总量和强度双控行动 names one initiative; 质量领先、品牌领军工程 none
            if whole < start:
                out.append(Candidate(whole, m.end(), suffix.type, text[whole : m.end()], "suffixes.coordinated-head", priority=1))
            return None
        tail = self._tail(text, m.end(), suffix.type) if suffix.type in ("Project", "Platform") else ""
        name = self._candidate(start, m.end() + len(tail), head, suffix, region, tail)
        out.append(name)
        if tail and _whole_named(tail, suffix.type):  # 甬金高速 is still named in 甬金高速扩容
            out.append(dataclasses.replace(self._candidate(start, m.end(), head, suffix, region), nests=True))
        out.extend(self._items(text, tokens, start, head, suffix, verbs, region))
        return name

    def _shared_suffix(
        self, text: str, tokens: list[tuple[int, int]], start: int, head: str, suffix: Suffix, verbs: int
    ) -> int | None:
        """Where an initiative named by coordinated heads begins (``suffix_items.shared_suffix``);
        None for other types and for a head the lexicon knows as a program."""
        if suffix.type != "Program" or self._known_program(head, suffix) is not None:
            return None
        return shared_suffix(self.w, self.regex, text, tokens, start, head, suffix.text[-1], verbs)

    def _items(
        self, text: str, tokens: list[tuple[int, int]], start: int, head: str, suffix: Suffix, verbs: int, region: str | None
    ) -> Iterator[Candidate]:
        """The names of the coordinated items before the head that share its suffix."""
        for a, b, item_head, own_kind in coordinated(self.w, self.regex, text, tokens, start, head, suffix.text[-1], verbs):
            if own_kind or item_head.endswith(OWN_ROAD):  # 越东路、二环北路、329国道 name their kind too
                if own_kind or suffix.type == "Project":
                    yield Candidate(a, b, suffix.type, item_head, "suffixes.own-kind-items", priority=1)
                continue
            if suffix.type == "Industry" and not industry_head(self.w, item_head):
                continue  # 市区印染、化工产业: where, not which
            if suffix.needs not in ("", SITED) or suffix.type not in NEEDS_PROPER or self.w.proper(item_head) or sited(item_head, suffix):
                yield self._candidate(a, b, item_head, suffix, region)

    def _compound(
        self, last: Candidate | None, head_start: int, suffix_start: int, head: str, suffix: Suffix, text: str
    ) -> Candidate | None:
        """One name that continues the previous one without a break (or with a dash):
        绍兴滨海新区 + 人才管理改革试验区, 杭绍台高铁 + 东关枢纽, …示范区 + 绍兴片区.
        The first name stays a mention of its own, nested in the compound."""
        if last is None or not head or COUNT.search(head):
            return None
        joiner = DASH if suffix.text not in LINKS else (DASH, TO)  # 杭金衢高速至杭绍台高速联络线
        dashed = head_start == last.end + 1 and text[last.end] in joiner and last.type == suffix.type == "Project"
        if head_start != last.end and not dashed:
            return None  # a route from one road to another is one project: 彩虹快速路—杭州湾大道
        if head in self.p.generic_heads or LEVEL.search(head) or suffix.needs == "region":
            return None  # a place's model or experience is named by the place: 宁波片区|出成果出经验 is none
        if last.type == "Industry" or suffix.type not in NEEDS_PROPER:
            return None
        name = text[last.start : suffix_start] + suffix.text
        # works on a project are that project's, not a program: 陈蔡水库 + 加固改造工程
        type_ = "Project" if suffix.text == WORKS and last.type == "Project" else suffix.type
        return Candidate(last.start, suffix_start + len(suffix.text), type_, name, "suffixes.compound", priority=1)

    def _tail(self, text: str, end: int, type_: str) -> str:
        """A phase that continues a name (钱江新城二期), or a section that continues a
        project's (杭绍台高速绍兴段, 527国道嵊新段, G329国道西延)."""
        phase = PHASE.match(text, end)
        if phase:
            return phase.group()
        if type_ != "Project":
            return ""
        section = SECTION.match(text, end)
        if section:
            return section.group()
        # 昆丽高铁昆明至楚雄段, 申嘉湖高速公路鹿山至孝源段: the section between two places, towns and villages too
        between = _BETWEEN.match(text, end)
        if between and all(p in self.w.region_surfaces or self.w.proper(p) for p in between.groups()):
            return between.group()
        place = text[end : end + 4]
        for n in (3, 2):
            if place[n : n + 1] == "段" and (place[:n] in self.w.region_surfaces or self.w.abbreviation_run(place[:n]) == place[:n]):
                return place[: n + 1]
        return ""

    def _shared_host(self, previous: Candidate | None, text: str, start: int) -> str:
        """The place that begins the event named right before ``start`` and joined to it by
        、 or 和 (杭州亚运会、亚残运会), or ""."""
        if previous is None or previous.end != start - 1 or text[previous.end] not in EVENT_JOINERS:
            return ""
        return next((p for n in range(MAX_PLACE_PREFIX, 1, -1) if (p := previous.label[:n]) in self.w.region_surfaces), "")

    def _candidate(self, start: int, end: int, head: str, suffix: Suffix, region: str | None, tail: str = "") -> Candidate:
        """The candidate with its canonical label (industries drop 产业 when the head is specific)."""
        surface = head + suffix.text + tail
        known = self._known_program(head, suffix) if not tail else None
        # 长三角区域一体化发展国家战略 is the program 长三角一体化发展; 强富美高工程 outside 江苏 is the plan's own
        if known and self.w.lexicon.in_scope(known, region):
            return Candidate(start, end, "Program", known.name, "suffixes.known-program", key=known.id, aliases=(surface,), priority=1)
        if suffix.type == "Industry" and suffix.text in INDUSTRY_TAILS and (
                len(head) >= SHORT_TRADE and not head.startswith(ORDINAL) or self.w.is_industry(head)):
            return Candidate(start, end, "Industry", head, "suffixes.industry-head", aliases=(surface,), priority=1)
        # 镜岭水库工程; but kinds of thing built and a way to better them, with no proper name (港口航道升级工程,
        # 交通枢纽强化工程), are a campaign's strands, a program's
        if suffix.text == WORKS and (self.built.search(head) or CODED_ROAD.match(head) or BUILDING_WORKS.search(head)
                                     or SECTION_IN_BRACKETS.search(head)) and self.w.proper(head):
            return Candidate(start, end, "Project", surface, "suffixes.works-project", priority=1)
        rule = "suffixes.sited" if sited(head, suffix) else "suffixes.ranked-name" if _unranked(head, suffix) != head else "suffixes.name"
        return Candidate(start, end, suffix.type, surface, rule, priority=1)

    def _trade_word(self, head: str) -> bool:
        """Can a head of two characters name a trade (服饰, 林竹)? Not a count, verb, pronoun or adverb of
        jieba's dictionary (一支产业工人, 接续产业, 该产业); a known industry always can."""
        return (len(head) != SHORT_TRADE or self.w.is_industry(head) or head.startswith(ORDINAL)
                or self.w.proper.general.tags.get(head) not in NOT_A_TRADE)

    def _known_program(self, head: str, suffix: Suffix) -> LexEntry | None:
        """The lexicon program a head names when the suffix only says what kind of work it is.
        A pilot, a model or a title (…试点, …示范市) is a thing of its own, not the program."""
        if suffix.type != "Program" or suffix.text not in KIND_OF_WORK:
            return None
        entries = self.w.lexicon.lookup(head.removesuffix(NATIONAL[0]))
        return next((e for e in entries if e.type == "Program"), None)


@Language.factory("plangraph_suffixes", default_config={"lexicon_root": None, "patterns_root": None})
def make_suffixes(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> SuffixNames:
    lexicon = load_lexicon(lexicon_root)
    patterns = load_patterns(patterns_root)
    places = place_names(lexicon)
    cut = segmenter_of(nlp, lexicon_root, patterns_root).cut
    proper = ProperTest(general_dictionary(), places, frozenset(lexicon.abbreviations), cut, topic_names(lexicon), patterns.mistagged)
    return SuffixNames(patterns, SuffixWords(patterns, lexicon, proper, places))
