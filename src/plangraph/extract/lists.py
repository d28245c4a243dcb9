"""Component: coordinated lists closed by a type word (集成电路、生物医药等产业).

Items of "A、B、C等产业" are industries and items of "碧水、蓝天、净土等行动" are
programs (碧水行动...): the closing word types every item, which no single
item shows by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..chinese import DIGITS, HAN, NUMERALS
from ..dictionary import general_dictionary
from ..lexicon import Lexicon, load_lexicon
from .candidates import Candidate, state_of
from .patterns import Patterns, load_patterns
from .proper import ProperTest
from .segmenter import segmenter_of
from .suffix_heads import BRACKETED_PART, MAX_BRACKETED
from .text import CLAUSE_ENDS, DELIMITERS, unquoted_span

# closing word -> (type, whether the item's label takes the word: 湖畔 -> 湖畔实验室)
CLOSERS: dict[str, tuple[str, bool]] = {
    "产业集群": ("Industry", False),
    "产业链": ("Industry", False),
    "产业": ("Industry", False),
    # a kind of economy closes the trades it is made of (在线教育、在线办公等“宅经济”, 夜市、夜游等夜间经济)
    "经济": ("Industry", False),
    "行业": ("Industry", False),
    "服务业": ("Industry", False),
    "制造业": ("Industry", False),
    # new business forms are trades (夜间经济、网红经济等新业态, 金融科技等服务业态); plain 等业态
    # also closes places and venues (中央公园、美食城等业态)
    "新业态": ("Industry", False),
    "服务业态": ("Industry", False),
    # the goods a place is known for are its trades (纺织、服装、领带等特色产品, 大米、茶叶等农产品);
    # plain 等产品 also closes technologies and services (先进技术、重要设备等产品)
    "特色产品": ("Industry", False),
    "农产品": ("Industry", False),
    "农副产品": ("Industry", False),
    # tracks are trades in 十五五 plans (人工智能、低空经济、生物制造等新赛道, 5大重点赛道)
    "赛道": ("Industry", False),
    # fields are trades when the list is mostly trades already (集成电路、工业母机、高端仪器、基础软件
    # 等重点领域); 绿色制造、绿色金融、内河水运等领域 lists policy fields
    "领域": ("Industry", False),
}
# closers whose items are trades only when at least half of them are industries the lexicon knows
MOSTLY_KNOWN = frozenset({"领域"})
KIND_TYPE = "型"  # 5大支柱型服务业, 成长型服务业: a type of the kind qualifies it, though 型 alone is a boundary word
_QUALIFIERS = (
    "(?:战略性新兴|新兴|特色|优势|传统|主导|重点|未来|高新技术|现代|先进|支柱|标志性|千亿级|百亿级"
    "|省级|国家级|省|国家|市级|各类|主要|高能级|生产性|生活性|新){0,2}"
)
# an industry list may name its kind freely (等临空指向性产业, 等新材料产业链), in words that
# are no verbs or prepositions (not 等方式向全球产业链)
_INDUSTRY_KIND = f"((?:[十百千万]+亿级、)*(?:(?!的)[{HAN}]){{0,6}}?)"  # …等千亿级、百亿级新材料产业集群
# a list ends in 等, or in a count of its items (科技服务、…、金融服务五大生产性服务业, …5大重点赛道)
# (甲等, 乙等 are grades: 二级甲等医院)
_COUNT = "(?:(?:[两三四五六七八九十]|\\d{1,2})大|(?:\\d+|[两三四五六七八九十])个)"
_CLOSE = f"(?:等?{_COUNT}|(?<![甲乙丙])等)"
_COUNTED = re.compile(_COUNT)  # an item that opens with a count is a set of trades, not one (十大现代制造业集群)
# ...or say it is one of many (汽摩配、宠物用品等一系列新兴产业集群; not 一批, which lists projects: 恒力重工等一批重大产业项目)
_MANY = "(?:一系列)"
# what every list closed by a kind holds: 等 or a count (五大, 3个, 3条); a sentence without one is not scanned
_CLOSED = re.compile(r"等|[两三四五六七八九十\d][大个条]")
# an industry list may be quoted, or its count (“视觉系统、新材料、人工智能”3条细分产业链, 机械制造、大健康、
# 新材料、服装皮革“四大千亿产业”), and chains are counted in 条 (10大产业链条, 3条细分产业链)
_INDUSTRY_CLOSE = f"”?(?:等?“?(?:{_COUNT}|(?:\\d+|[两三四五六七八九十])条)|(?<![甲乙丙])等{_MANY}?)"
QUOTE_OPEN, QUOTE_CLOSE = "“", "”"  # a quotation inside an item's name (“穗”字种业)
_QUOTED_MARK = re.compile(rf"[{HAN}]{{1,2}}")  # a place's mark (“穗”字, “粤”字号), not a slogan (“专精特新”企业)
MAX_ITEM = 10  # 智能网联新能源汽车, 航空核电用特种材料: a sub-sector's name runs to nine or ten characters
LAST_JOIN = "和"
DESCRIBED = "的"  # ends what describes the items of a list of trades, never part of a trade's name
PART_JOIN = "及"  # joins two parts of one item (现代农业及绿色食品加工)
MIN_LISTED = 3  # items of a list with no closing kind word: a pair may be anything
# verbs that grow trades (发展, 做强 …), unlike 提升/突出/聚焦, which also take qualities, brands and fields
GROWTH_CUES = ("发展", "培育", "壮大", "做强", "做大", "做优", "布局", "主攻")
# what ends an item that is no trade: public undertakings, levels, capacities, systems, brands
NOT_TRADES = ("事业", "水平", "能力", "体系", "机制", "品牌", "领域", "建设")
# ...nor what is done to a trade, even in a list closed as industries (甲醇下游延伸、合成氨下游延伸2条产业链)
ACTIONS = ("延伸", "拓展", "升级", "转型", "提升", "产业化")  # 住宅产业化: making a trade of something
# an industry list item named as a place is the brand of where trades are, not a trade (“越城农韵酒乡、
# 柯桥浪漫花乡”六大特色产业集群, 中国钛谷)
PLACE_KINDS = frozenset("乡镇村城区都谷湾岛")
# an area that opens the first item of a list of trades is where they are (川南地区|白酒、装备制造等产业,
# 成渝地区双城经济圈南翼地区|食品饮料、…等产业, 全市|茶叶、…等产业), as a place opening an industry's head is
AREA = "地区"
# what may close such a list after its last industry: 装备制造全产业链, 生物医药产业集群, and the
# scale or count the list aims at before it (新材料千亿级产业集群, 冶金建材三大千亿产业: the industry is
# 新材料, 冶金建材)
INDUSTRY_TAIL = re.compile(rf"(?:{_COUNT}[{HAN}]{{0,4}}?|[十百千万]+亿(?:元)?级)?(?:全产业链|产业链|产业集群|产业)$")
# what a structure of trades is led by (以硅基新材料、生物基新材料为主导, 以5G、大数据为核心的…产业)
_LED_LIST = re.compile(r"以(?P<items>[^，。；：,;:!?！？等以为]+)为(?:主导|核心|主体|支柱|引领|重点)")
INDUSTRY_WORD = "产业"
# a trade or a kind of trades with its sub-sectors listed in brackets after it (高端装备制造(工程机械、机器人及
# 智能制造装备), 传统产业(现代石化、绿色矿业等), 智能家电(含灯光音响、安防设备))
_SUB_SECTORS = re.compile(rf"(?P<head>[{HAN}]{{2,10}})\((?:含|包括)?(?P<items>[^()]+?、[^()]+?)等?\)")
TRADE_KINDS = ("产业", "业")
SENTENCE_ENDS = "。；;!?！？"
# an industrial chain named by its links (“锂矿—正负极材料—电芯—整车”产业链, 煤—焦—化产业链): each link
# of two characters or more is a trade; a chain of one-character links (煤—焦—化—电) names none of them
_CHAIN = re.compile(rf"(?P<links>[{HAN}]+(?:[—\-][{HAN}]+)+)”?(?:全)?产业链")
_LINK = re.compile(r"[—\-]")
# a run of trades sharing the head that closes it (航空与燃机装备, 轨道交通、航空航天及海洋工程装备): each
# item takes the head, unless it is a trade of its own (汽车、航空与燃机装备: 汽车 stays 汽车)
SHARED_HEADS = ("装备", "材料", "设备", "器械")
SHARED_HEAD_PRIORITY = 4  # above the lexicon's (3)
_SHARED_ITEM = rf"(?:(?!{'|'.join(SHARED_HEADS)})[{HAN}]){{2,6}}"  # an item that names its head is named already
_SHARED_RUN = re.compile(rf"(?P<items>{_SHARED_ITEM}(?:[、和及与]{_SHARED_ITEM}?)+)(?P<head>{'|'.join(SHARED_HEADS)})")
# a 、-list of short items, ended by a delimiter or 等
_PLACE_RUN = re.compile(r"(?:[^\W\d]{2,4}、){2,}[^\W\d]{2,4}(?=[等，。；：,;:.])")
GEO_ENDINGS = frozenset("江河湖溪泄山峰岭湾岛")  # waters and mountains
SECTION = "段"
# routes listed before their kind: 舟山—宁波—绍兴和绍兴—杭州—湖州等油品管道 are two pipelines
# a route joins places by dashes, 至 (to) or 经 (via): 舟山—宁波—绍兴, 包头至银川, 上海经宁波至合浦
_ROUTE_JOIN = re.compile("[—至经]")
_ROUTE_PART = f"(?:(?![—至经、和等])[{HAN}]){{2,4}}"
_ROUTE = f"{_ROUTE_PART}(?:[—至经]{_ROUTE_PART})+"
_ROUTE_KIND = f"[{HAN}]{{0,4}}?"  # 油品 in 等油品管道
# a metro line named for the place it serves (嵩明线, 安宁线), listed among numbered lines
# (…9号线一期、嵩明线、安宁线六个项目): beside 2 or more of them, a known place + 线 is a line too
_PLACE_LINE = re.compile(rf"(?<=[、和])([{HAN}]{{2,3}})线(?=[、和等,，;；。]|[{DIGITS}\d]+个)")
_NUMBERED_LINE = re.compile(r"\d+号线")
MIN_NUMBERED_LINES = 2
# a list closed as major projects names them one by one (恒力重工、奇瑞汽车等一批重大产业项目, 商合杭高铁、
# 芜宣机场、弋江路快速化改造等一批重大交通项目); a count or a plain 等项目 lists fields (…等5大领域重大项目)
_MAJOR_PROJECTS = re.compile(rf"(?P<items>[^，。；：,;:!?！？等]+)等(?:一批)?(?:重大|重点)(?:产业|交通|基础设施|水利|能源)?项目")
MAX_PROJECT_ITEM = 10
# closers too vague to name the items (等改革 lists reforms' topics, not names; 城区、园区和用气大户等支线
# lists what branch lines serve)
GENERIC_CLOSERS = frozenset({"改革", "试点", "模式", "经验", "运动", "条例", "战略", "计划", "行动", "工程", "支线", "专用线"})
# ...but short items that are no everyday words name campaigns: 碧水、蓝天、净土、清废等行动 are
# 碧水行动, 蓝天行动...; 教育、医疗等工程 only lists topics
CAMPAIGN_CLOSERS = ("行动", "工程", "计划")
MAX_CAMPAIGN_ITEM = 4


class CoordinatedLists:
    """Types every item of a list by the word that closes it."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon, proper: ProperTest, min_listed: int = MIN_LISTED) -> None:
        self.p = patterns
        self.min_listed = min_listed
        self.lexicon = lexicon
        self.proper = proper
        self.closers = dict(CLOSERS)
        self.closers.update((c, ("Program", True)) for c in CAMPAIGN_CLOSERS)
        for suffix in patterns.suffixes:  # 湖畔、良渚等省实验室: the items are 湖畔实验室, 良渚实验室
            if suffix.type not in ("Region", "Industry") and suffix.text not in GENERIC_CLOSERS:
                self.closers.setdefault(suffix.text, (suffix.type, True))
        def alternatives(words: Iterable[str]) -> str:
            return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))

        industry = [w for w, (t, _) in self.closers.items() if t == "Industry"]
        self.closes = (
            re.compile(f"{_INDUSTRY_CLOSE}“?{_INDUSTRY_KIND}(?P<closer>{alternatives(industry)})"),
            re.compile(f"{_CLOSE}{_QUALIFIERS}(?P<closer>{alternatives(self.closers)})"),
            re.compile(f"{_INDUSTRY_CLOSE}“?{_QUALIFIERS}(?P<closer>{alternatives(industry)})"),  # “A、B”3条重点产业链
        )
        projects = [w for w, (t, _) in self.closers.items() if t == "Project"]
        self.routes = re.compile(
            f"(?P<items>{_ROUTE}(?:[、{LAST_JOIN}]{_ROUTE})+)等(?P<kind>{_ROUTE_KIND})(?P<closer>{alternatives(projects)})"
        )
        self.other_suffixes = re.compile("|".join(re.escape(s.text) for s in patterns.suffixes if s.type != "Industry"))
        self.suffix_types = {s.text: s.type for s in patterns.suffixes}
        self.develop_list = re.compile(f"(?:{alternatives(GROWTH_CUES)})(?P<items>[^，。；：,;:!?！？等]+)(?=[，。；：,;:!?！？]|$)")

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text, out = state.text, state.candidates
        token_starts = [a for a, _ in state.tokens]
        closes = self.closes if _CLOSED.search(text) else ()
        for m in (m for close in closes for m in close.finditer(text)):
            closer = m.group("closer")
            type_, joins = self.closers[closer]
            if m.re is self.closes[0] and any(self._is_boundary(w) for w in self.proper.cut(m.group(1)) if w != KIND_TYPE):
                continue
            trades = type_ == "Industry"
            items = self._items(text, m.start(), token_starts, pair=m.group().lstrip("”等“").startswith("两") or trades, trades=trades)
            if len(items) < 2:
                continue
            if closer.endswith(CAMPAIGN_CLOSERS) and not self._campaigns(m.group(), closer, text, items):
                continue
            if trades and any(_COUNTED.match(text, a) or self.proper.common_verb(text[a:b]) for a, b in items):
                continue  # 做强十大现代制造业集群、打造|十大标志性产业链: counted sets and verbs list no trades
            if closer in MOSTLY_KNOWN and 2 * sum(self._is_industry(text[a:b]) for a, b in items) < len(items):
                continue
            # 通苏嘉甬、苏锡常都市快线等干线铁路: a kind that goes on into another of its type (干线|铁路)
            # is only the first word of the items' kind, which their names do not take (…等未来社区试点
            # are pilots of 未来社区: the items keep it)
            goes_on = self.other_suffixes.match(text, m.end())
            if trades and goes_on:
                continue  # 中美(湖州)、中德(长兴)等国际产业|合作园: the kind goes on into parks, the items name no trades
            joins = joins and not (goes_on and self.suffix_types[goes_on.group()] == type_)
            for a, b in items:
                item = text[a:b].replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")
                if item in self.p.exclude or item in self.p.generic_heads or self.other_suffixes.search(item):
                    continue
                if type_ == "Industry" and (item[-1] in PLACE_KINDS or item.endswith(ACTIONS) or item.startswith(ACTIONS)):
                    continue  # 延伸、拓展和提升|先进装备制造业10大重点产业链: what is done to trades
                if trades and (sub := _sub_sector(text, a, b)):
                    # 现代物流(港口物流)等产业: the bracket at an item's end names a sub-sector, a trade of its own
                    out.append(Candidate(sub[0], sub[1], type_, text[sub[0]:sub[1]], "lists.closed-by-kind", priority=1))
                    b = sub[0] - 1
                    item = text[a:b]
                # 现代智慧物流区、综合功能配套区等区块: an item that ends as its kind begins is named already
                label = item + closer if joins and not item.endswith(closer) and item[-1] != closer[0] else item
                aliases = (item,) if label != item else ()
                out.append(Candidate(a, b, type_, label, "lists.closed-by-kind", aliases=aliases, priority=1))
        out.extend(self._industries_beside_industries(text, token_starts))
        out.extend(self._industries_leading(text, token_starts))
        out.extend(self._sub_sectors(text, token_starts))
        out.extend(self._chain_links(text, token_starts))
        out.extend(self._shared_heads(text, token_starts))
        out.extend(self._places_among_places(text))
        out.extend(self._routes(text))
        out.extend(self._lines_among_lines(text))
        out.extend(self._major_projects(text, token_starts))
        return doc

    def _industries_beside_industries(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """A list of three or more short items right after a verb that grows trades (大力发展…,
        做强…), running to the clause's end, that names an industry the lexicon knows lists
        industries: 大力发展化工新材料、新型能源材料、生物基新材料, 做强绿电、绿氢、氢基化工和
        装备制造全产业链. Coordination joins things of one kind."""
        for m in self.develop_list.finditer(text):
            yield from self._trades_listed(text, m, token_starts, self.min_listed, "lists.industries-beside-industries")

    def _industries_leading(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """Two or more items a structure of trades is led by (以硅基新材料、生物基新材料为主导…产业体系,
        以5G、大数据、云计算为核心的数字经济新兴产业), once the sentence speaks of 产业 after them and
        one item is an industry the lexicon knows: the same test as a list after a growth verb."""
        for m in _LED_LIST.finditer(text):
            stop = min((i for ch in SENTENCE_ENDS if (i := text.find(ch, m.end())) >= 0), default=len(text))
            if INDUSTRY_WORD in text[m.end():stop]:
                yield from self._trades_listed(text, m, token_starts, 2, "lists.industries-leading")

    def _sub_sectors(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """The sub-sectors listed in brackets right after a trade or a kind of trades (传统产业(现代石化、
        绿色矿业等), 新一代信息技术(信息安全、移动互联网、基础电子)): the same tests as a list after a
        growth verb. A bracket after anything else (a place, a park, a program) lists no trades."""
        for m in _SUB_SECTORS.finditer(text):
            head = m.group("head")
            if head.endswith(TRADE_KINDS) or any(self._is_industry(head[n:]) for n in range(len(head) - 1)):
                yield from self._trades_listed(text, m, token_starts, 2, "lists.sub-sectors")

    def _trades_listed(self, text: str, m: re.Match[str], token_starts: list[int], least: int, rule: str) -> Iterator[Candidate]:
        """The items of ``m``'s group ``items`` as industries, when there are ``least`` of them or
        more, each short, no boundary word, kind word or undertaking, and one a known industry or
        a kind of one (硅基新材料)."""
        a, b = m.span("items")
        tail = INDUSTRY_TAIL.search(text, a, b)
        spans = _item_spans(m, "items", "、" + LAST_JOIN)
        if tail:
            spans[-1] = (spans[-1][0], tail.start())
        spans[0] = (self._strip_lead(text, *spans[0], token_starts), spans[0][1])  # 培育发展休闲农业
        if len(spans) < least or "、" not in text[a:b]:
            return
        items = [text[x:y] for x, y in spans]
        if any(_too_long(i) or len(i) < 2 or self.other_suffixes.search(i) or i in self.p.generic_heads
               or i.endswith(NOT_TRADES)
               or any(self._is_boundary(w) for w in self.proper.cut(i)) for i in items):
            return
        if not any(self._is_industry(i[n:]) for i in items for n in range(len(i) - 1)):
            return  # one item is a known industry, or a kind of one (硅基|新材料)
        for x, y in spans:
            yield Candidate(x, y, "Industry", text[x:y], rule, priority=1)

    def _chain_links(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """The links of an industrial chain named by them (锂矿—正负极材料—电芯—整车产业链), each a
        trade; the first loses the verb before it (延伸|煤化工—精细化工产业链). Places linked so are a
        route (上海—苏州—南通产业链)."""
        if "产业链" not in text or not _LINK.search(text):
            return  # no chain to read (and no scan of a long run of characters for one)
        for m in _CHAIN.finditer(text):
            spans = _item_spans(m, "links", "—-")
            a, b = spans[0]
            spans[0] = (self._after_last_verb(text, self._strip_lead(text, a, b, token_starts), b, token_starts), b)
            links = [text[x:y] for x, y in spans]
            if any(len(link) < 2 or len(link) > MAX_ITEM or link in self.p.generic_heads or self.lexicon.is_place(link) for link in links):
                continue  # 上海—苏州—南通产业链 is a route of places, not of trades
            for x, y in spans:
                yield Candidate(x, y, "Industry", text[x:y], "lists.chain-links", priority=1)

    def _shared_heads(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """Items joined by 及, 与 or 和 before a head they share (航空与燃机装备 is 航空装备 and 燃机装备;
        轨道交通、航空航天及海洋工程装备), once one of them with the head is an industry the lexicon knows; an item that is a known trade by
        itself and not with the head (汽车、航空与燃机装备: 汽车) keeps its own name."""
        if not any(head in text for head in SHARED_HEADS):
            return  # no head to share (and no scan of every run of characters for one)
        for m in _SHARED_RUN.finditer(text):
            head = m.group("head")
            spans = _item_spans(m, "items", "、和及与")
            a, b = spans[0]
            spans[0] = (self._after_last_verb(text, self._strip_lead(text, a, b, token_starts), b, token_starts), b)
            named = [text[x:y] + head for x, y in spans]
            if text[spans[-1][0] - 1] == "、" or any(len(text[x:y]) < 2 for x, y in spans):
                continue  # 集成电路、先进高分子材料: a 、-list whose last item ends as its own name
            if not any(self._is_industry(n) for n in named):
                continue
            for (x, y), name in zip(spans, named):
                item = text[x:y]
                known = next((e for e in self.lexicon.lookup(name) if e.type == "Industry"), None)
                if known or not (self._is_industry(item) or self.proper.everyday(item)):
                    # the name with its head outranks what the item alone would be (航空 in 航空与燃机装备)
                    yield Candidate(x, y, "Industry", known.name if known else name, "lists.shared-head",
                                    key=known.id if known else None, aliases=(item,), priority=SHARED_HEAD_PRIORITY)

    def _routes(self, text: str) -> Iterator[Candidate]:
        """Routes between known places, listed before their kind, are projects of that kind:
        舟山—宁波—绍兴和绍兴—杭州—湖州等油品管道 gives 舟山—宁波—绍兴油品管道…, 西安至重庆、
        包头至银川等高铁 gives 西安至重庆高铁… Each route must start or end at a known place; a section
        of the line named before the list may open it (…天津至新沂段和北京经雄安新区至商丘、西安至重庆等高铁)."""
        if "等" not in text:
            return  # no list of routes, which 等 closes
        for m in self.routes.finditer(text):
            tail = m.group("kind") + m.group("closer")
            spans = _item_spans(m, "items", "、" + LAST_JOIN)
            if len(spans) > 2 and text[slice(*spans[0])].endswith(SECTION):
                spans = spans[1:]  # 川藏铁路雅安至林芝段和|伊宁至阿克苏、酒泉至额济纳等铁路: the section belongs to the line before
            first_a, first_b = spans[0]
            lead = self._place_start(text, first_a, _ROUTE_JOIN.search(text, first_a).start())
            if lead is None:
                continue
            spans[0] = (lead, first_b)
            routes = [_ROUTE_JOIN.split(text[a:b]) for a, b in spans]
            # 雅安至林芝段 is a section of the line named before it, not a line of its own
            if all((self.lexicon.is_place(p[0]) or self.lexicon.is_place(p[-1])) and not p[-1].endswith(SECTION) for p in routes):
                for a, b in spans:
                    yield Candidate(a, b, "Project", text[a:b] + tail, "lists.routes", aliases=(text[a:b],), priority=1)

    def _lines_among_lines(self, text: str) -> Iterator[Candidate]:
        """A known place + 线 in a clause that lists two or more numbered lines is a line as well
        (9号线一期、嵩明线、安宁线); elsewhere place + 线 is a boundary or a route (沿海一线)."""
        if "线" not in text:
            return  # no line named
        for m in _PLACE_LINE.finditer(text):
            start = max(text.rfind(ch, 0, m.start()) for ch in CLAUSE_ENDS) + 1
            ends = [i for ch in CLAUSE_ENDS if (i := text.find(ch, m.end())) >= 0]
            clause = text[start : min(ends, default=len(text))]
            if len(_NUMBERED_LINE.findall(clause)) >= MIN_NUMBERED_LINES and self.lexicon.is_place(m.group(1)):
                yield Candidate(m.start(), m.end(), "Project", m.group(), "lists.lines-among-lines", priority=1)

    def _major_projects(self, text: str, token_starts: list[int]) -> Iterator[Candidate]:
        """Each item of a 、-list closed by 等(一批)重大…项目, when every item is a name: short,
        no everyday word, no boundary word, no count (not 科技创新、现代产业等重大项目, 六铁、四高等重大项目)."""
        if "项目" not in text:
            return  # no list of projects
        for m in _MAJOR_PROJECTS.finditer(text):
            spans = _item_spans(m, "items", "、")
            a, b = spans[0]  # 热切期盼的|商合杭高铁, 滚动安排|…研究院及产学研基地
            spans[0] = (self._strip_lead(text, self._after_last_verb(text, a, b, token_starts), b, token_starts), b)
            if text[spans[0][0] - 1 : spans[0][0]] in (PART_JOIN, LAST_JOIN):
                continue  # …研究院及|产学研基地: the first item is the tail of a longer name
            items = [text[a:b] for a, b in spans]
            if len(items) < 2 or any(len(i) > MAX_PROJECT_ITEM or len(i) < 2 or self.proper.everyday(i) or i[0] in NUMERALS
                                     or any(self._is_boundary(w) for w in self.proper.cut(i)) for i in items):
                continue
            for a, b in spans:
                if not self._kind_of_works(text[a:b]):
                    yield Candidate(a, b, "Project", text[a:b], "lists.major-projects", priority=1)

    def _kind_of_works(self, item: str) -> bool:
        """An item made of a generic head and everyday words only (城市地铁, 农村公路) is a kind of
        works listed among the named ones, no project of its own."""
        words = self.proper.cut(item)
        return words[0] in self.p.generic_heads and all(self.proper.everyday(w) for w in words[1:])

    def _place_start(self, text: str, a: int, b: int) -> int | None:
        """Where a known place ending at ``b`` starts, at or after ``a`` (建成舟山 -> 舟山)."""
        return next((i for i in range(a, b - 1) if self.lexicon.is_place(text[i:b])), None)

    def _places_among_places(self, text: str) -> Iterator[Candidate]:
        """In a list of places (串联鉴湖、曹娥江、若耶溪、剡溪、浣江), an item the lexicon
        does not know but named as a water or a mountain is a place too; an everyday word that
        ends like one (沿江, 江湖) is not."""
        if text.count("、") < 2:
            return  # no list of three places
        for run in _PLACE_RUN.finditer(text):
            spans = _item_spans(run)
            if run.start() > 0 and text[run.start() - 1] not in DELIMITERS:
                spans = spans[1:]  # the first item may be cut from a longer word
            known = [self.lexicon.is_place(text[a:b]) for a, b in spans]
            if sum(known) < 2:
                continue
            for (a, b), is_known in zip(spans, known):
                item = text[a:b]
                if not is_known and item[-1] in GEO_ENDINGS and item not in self.p.exclude and not self.proper.everyday(item):
                    yield Candidate(a, b, "Region", text[a:b], "lists.places-among-places", priority=1)

    def _campaigns(self, close: str, closer: str, text: str, items: list[tuple[int, int]]) -> bool:
        """Items closed by 等行动 that are short and no everyday words (碧水, 清废; not 教育 or
        产业升级). A count closes programs named by their items (新基建、新产业…四大工程)."""
        if close != "等" + closer:
            return False
        return all(
            b - a <= MAX_CAMPAIGN_ITEM and not self.proper.everyday(text[a:b]) and text[a:b] not in self.p.hard_boundaries
            for a, b in items
        )

    def _where_trades_are(self, item: str) -> int:
        """How long the area or place word opening a listed trade is (南翼地区|食品饮料, 全市|茶叶), leaving
        a trade of two characters or more; 0 when none opens it."""
        return next((n for n in range(len(item) - 2, 1, -1) if item[:n].endswith(AREA) or item[:n] in self.p.place_words), 0)

    def _is_industry(self, item: str) -> bool:
        return any(e.type == "Industry" for e in self.lexicon.lookup(item))


    def _items(
        self, text: str, end: int, token_starts: list[int], pair: bool = False, trades: bool = False
    ) -> list[tuple[int, int]]:
        """Spans of the 、-separated items ending at ``end``; the first loses its lead-in verbs (and,
        in a list of ``trades``, the area they are in). A ``pair`` (closed by a count of two) may be
        joined by 和 alone: 金属新材和纺织服装两大产业."""
        items: list[tuple[int, int]] = []
        b = end
        while True:
            a = b
            while a > 0 and b - a <= MAX_ITEM + 6:
                if text[a - 1] == ")" and (inner := _bracketed_part(text, a - 1)):
                    a = inner  # 金属(合金)材料, 石墨(烯): a part of the item's name in brackets
                elif a < b and text[a - 1] == QUOTE_CLOSE and (inner := _quoted_part(text, a - 1)):
                    a = inner  # “穗”字种业: a quotation glued before the rest of the item is part of its name
                elif text[a - 1] in DELIMITERS:
                    break
                else:
                    a -= 1
            if trades and (of := text.rfind(DESCRIBED, a, b)) >= 0:  # 本地资源丰富、市场需求旺盛的|食品、轻工等产业:
                return list(reversed(items + [(of + 1, b)])) if b - of > 2 else []  # what goes before 的 describes the list
            joined = text.rfind(LAST_JOIN, a, b) if not items else -1  # A、B和C等: 和 sets off the last item
            if a < joined < b - 1 and (pair or "、" in text[max(0, a - MAX_ITEM - 1):a]):  # 和 right before the count sets off nothing
                items.append((joined + 1, b))
                b = joined
                continue
            if a > 0 and text[a - 1] == "、":
                if _too_long(text[a:b]) or a == b:
                    return []
                lead = self._strip_lead(text, a, b, token_starts)
                if any(cue in text[a:lead] for cue in GROWTH_CUES):  # 高度重视、前瞻布局|数字经济等产业: a verb that
                    # grows trades opening an item starts the list (not 合成 in 合成生物)
                    return list(reversed(items + [(lead, b)])) if b - lead >= 2 else []
                items.append((a, b))
                b = a - 1
                continue
            a = self._after_last_verb(text, self._strip_lead(text, a, b, token_starts), b, token_starts)
            if trades:
                a += self._where_trades_are(text[a:b])
            if 2 <= b - a <= MAX_ITEM:
                items.append((a, b))
            return list(reversed(items))

    def _is_boundary(self, word: str) -> bool:
        return word in self.p.hard_boundaries or word in self.p.soft_boundaries

    def _strip_lead(self, text: str, a: int, b: int, token_starts: list[int]) -> int:
        """Drop leading verbs and qualifiers (重点发展集成电路 -> 集成电路)."""
        starts = [s for s in token_starts if a <= s < b] + [b]
        for s, nxt in zip(starts, starts[1:]):
            word = text[s:nxt]
            if not self._is_boundary(word) and not self.p.is_boundary(word) and not (nxt < b and self.proper.common_verb(word)):
                return s  # 巩固纺织 -> 纺织; 即以武城 -> 武城
        return b


    def _after_last_verb(self, text: str, a: int, b: int, token_starts: list[int]) -> int:
        """The first item starts after a verb or preposition inside it: 中医药行业向|美容、康复等行业,
        依托资源禀赋发展|航空、毛绒玩具等产业 (a verb that grows trades starts a list, though 发展
        may sit inside names). A verb that ends the item is part of it (人才引育、营商环境提升等专项行动)."""
        starts = [s for s in token_starts if a < s < b]
        for s, nxt in reversed(list(zip(starts, starts[1:]))):
            if text[s:nxt] in self.p.hard_boundaries or text[s:nxt] in GROWTH_CUES:
                return self._strip_lead(text, nxt, b, token_starts)
        return a


def _bracketed_part(text: str, close: int) -> int:
    """Where the bracket closed at ``close`` opens, if it holds a short part of a name (合金 in
    金属(合金)材料) and a character of the name comes before it; else 0."""
    open_ = text.rfind("(", max(0, close - MAX_BRACKETED - 1), close)
    return open_ if open_ > 0 and BRACKETED_PART.fullmatch(text[open_ + 1 : close]) and text[open_ - 1] not in DELIMITERS else 0


def _sub_sector(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span inside a bracket that ends the item ``text[a:b]`` after two characters of it, when it
    holds two characters or more (港口物流 in 现代物流(港口物流)); else None."""
    open_ = text.rfind("(", a, b)
    return (open_ + 1, b - 1) if text[b - 1] == ")" and open_ - a >= 2 and b - 1 - open_ > 2 else None


def _quoted_part(text: str, close: int) -> int:
    """Where the quotation closed at ``close`` opens, if it holds a mark of one or two characters (穗 in “穗”字种业); else 0."""
    open_ = text.rfind(QUOTE_OPEN, max(0, close - 3), close)
    return open_ if open_ >= 0 and _QUOTED_MARK.fullmatch(text[open_ + 1 : close]) else 0


def _too_long(item: str) -> bool:
    """Longer than a listed name: each part of an item joined by 及 (现代农业及绿色食品加工) counts alone."""
    return any(len(part) > MAX_ITEM for part in item.split(PART_JOIN))


def _item_spans(run: re.Match[str], group: int | str = 0, separators: str = "、") -> list[tuple[int, int]]:
    """Spans of the items of a matched run (or of one of its groups), split at one-character separators,
    each without a quote mark at its edges (“数字经济、智能制造” gives 数字经济 and 智能制造)."""
    spans, pos, text = [], run.start(group), run.string
    for item in re.split(f"[{separators}]", run.group(group)):
        spans.append(unquoted_span(text, pos, pos + len(item)))
        pos += len(item) + 1
    return spans


@Language.factory("plangraph_lists", default_config={"lexicon_root": None, "patterns_root": None, "min_listed": MIN_LISTED})
def make_lists(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None, min_listed: int) -> CoordinatedLists:
    patterns = load_patterns(patterns_root)
    cut = segmenter_of(nlp, lexicon_root, patterns_root).cut
    proper = ProperTest(general_dictionary(), frozenset(), frozenset(), cut, mistagged=patterns.mistagged)
    return CoordinatedLists(patterns, load_lexicon(lexicon_root), proper, min_listed)
