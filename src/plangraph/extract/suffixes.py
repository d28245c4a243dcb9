"""Component: names built on a suffix family (…高新区, …高铁, …行动, …产业).

The suffix gives the type; the head is read right to left over the segmenter's
tokens until a delimiter or a word that cannot be part of a name (建设, 加快,
的...). Coordinated heads share the suffix: 湖杭、沪苏湖高铁 names two railways.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import LexEntry, Lexicon, load_lexicon
from .candidates import Candidate, candidates_of, text_of, token_spans
from .patterns import Patterns, Suffix, load_patterns
from .proper import NOT_THE_INDUSTRY, ProperTest, place_names, place_spans, topic_names
from .segmenter import cut, general_dictionary
from .text import DELIMITERS, FORMULA

MAX_HEAD = 18
# a network, cluster, kind of city or reach built of such things is not one of them (快速路网, 枢纽城市,
# 港口群, 10分钟枢纽圈)
WHOLE_OF_MANY = ("网", "群", "城市", "圈")
OF_THE_TYPE = "型"
ROLE_AFTER = ("地位", "功能")  # 融杭联甬接沪枢纽地位, 对外开放门户功能: a role a place plays
# a suffix's last character that begins a longer word with what follows: 未来城|市先行实践区 is
# 未来城市, 萧山机场|站 is an airport station
WORD_GOES_ON = {"城": ("市",), "场": ("站",)}
GLUED_PREPOSITION = "以"  # 以秀湖新城为核心: the one preposition the segmenter often glues to a name
MODIFIER = "战略"  # before a noun it qualifies (战略重组, 战略布局, 战略先手棋): no strategy is named there
# a suffix word before these is a trade: 工程 as engineering (全过程工程咨询, 工程总承包) names no works
WORKS = "工程"
TRADES = {WORKS: ("咨询", "总承包", "监理", "造价")}
INDUSTRY_TAILS = ("产业集群", "产业链", "产业")
WORLDWIDE = "全球"  # where an industry leads, never part of its name
INDUSTRY_CONJUNCTIONS = ("及", "与")  # 食品及添加剂, 新能源汽车及关键零部件
NEEDS_PROPER = ("Platform", "Project", "Program")
# what may open a head without belonging to the name: a year, a round, an enumeration, and a
# scale (千亿级碳纤维产业: the industry is 碳纤维)
_LEAD = re.compile(r"(?:\d{4}年|年)?(?:\d{1,2}月|月)?\d{1,2}日|\d{4}年|新一轮|[一二三四五六七八九十]是|(?:超|近)?[千百万]亿(?:元)?级?")
# 两大系列人才计划, 四大新兴产业, 5个特色小谷: after a count comes the kind of a group, no one name
_GROUP_LEAD = re.compile(r"\d+个(?:左右)?|[一二三四五六七八九十百千万两]+[个大批项条]")
# 越东路、二环南路等智慧快速路工程: after a list's 等 comes the kind of its items, not one more name
LIST_CLOSER = "等"
# …and so it is with a count between them: 毘山、钱山漾等一批城市文化遗址考古公园, and after
# quoted names and their count: “创新田”“聚贤谷”两大科创片区
_GROUP_COUNT = r"(?:一批|若干|[一二三四五六七八九十两几\d]+[个项批条座家处大])"
_AFTER_LIST = re.compile(rf"{LIST_CLOSER}{_GROUP_COUNT}?$|”{_GROUP_COUNT}$")
AFTER_LIST_REACH = 5
# 重大改革试点, 自然灾害防治重点工程: "major" or "key" works of a kind are a class, not one named thing
_MAJOR = re.compile(r"^(?:重大|重点)|(?:重大|重点)$")
_MAGNITUDE = re.compile(r"[十百千万亿]")
# 县县通高铁、镇镇联高速: "every county, every town" - a slogan about each of a kind, not a name
_EVERY = re.compile(r"^([省市县区乡镇村户人家企])\1")
_ROLE = re.compile(r"重要\w{0,2}$")  # 长三角新型贸易重要枢纽, 亚太地区重要门户枢纽: a role a place plays
_SECTORS = re.compile(r"[一二三]{2,}$|三次$")  # 一二三产业, 二三产业, 三次产业: sectors by number (第三产业 is one)
OWN_ROAD = ("路", "道", "桥")  # items that name their own kind of works: 越东路, 329国道, 长江二桥
MAX_ITEM = 4  # a coordinated item that borrows the suffix is short (之江、西湖实验室)
MIN_ITEM = 2
# 四大行动, 苏州3个枢纽: a count names a group, not a thing
_COUNT = re.compile(
    r"^第?[一二三四五六七八九十两几多\d]+期$|[一二三四五六七八九十两几多]+[大个项条批]$|[\d一二三四五六七八九十两几多]+个"
    r"|\d+[个项条批]"  # 16项省道工程
    r"|[两三四五六七八九十]大"  # 宁湖杭、沪苏湖两大发展廊道 counts a group inside the head
    r"|^[一二三四五六七八九十两几多]$"  # 六铁、四高、两枢纽: a one-digit number counts (八三机场 is a name)
)
TO = "至"
_ROUTE_PARTS = re.compile("[至—]")
MAX_ROUTE_PART = 5  # 长水机场 in 长水机场至红塔区
DASH = "—"  # joins any parts of one name (上虞曹娥—东关—道墟区块); prose uses the double dash ——
PAIR = "·"  # 吴兴·青川东西部扶贫协作特色产业园: two places that share a park
JOINERS = (TO, DASH, PAIR)  # 绍兴至诸暨市域铁路, 舟山—宁波—绍兴油品管道: places joined inside one name
LINKS = ("联络线", "连接线")  # a link road is named by the two roads it joins: A高速至B高速联络线
# what kind of work a program is; after a known program's name they add nothing (人才强市战略 is 人才强市)
KIND_OF_WORK = frozenset({"战略", "行动计划", "专项行动", "攻坚行动", "行动", "计划", "攻坚战", "工程", "运动"})
# a national designation is named by the nation (国家自主创新示范区, 会稽山国家森林公园)
NATIONAL = ("国家", "全国")
RANKS = ("国家级", "省级")  # an official name may state its rank before its kind
# official names put the host region in brackets after the country or province: 中国(绍兴)跨境电子商务综合试验区
# ...or after China paired with another country (浙江中英(秀洲)创新合作园, 中法(嘉兴)国际合作示范区)
COUNTRY = re.compile(r"中国|中[英法德俄意日韩美澳以荷瑞丹芬奥比西葡捷波匈泰越马印巴欧非阿]")
MAX_BRACKETED = 4
EVENT_JOINERS = "、和"
BODIES = ("人民代表大会", "代表大会", "委员会")  # standing bodies that meet; their sessions are no named events
MAX_PLACE_PREFIX = 6
INTERNATIONAL = "国际"
# a head that ends in a level, kind or quality (省级, 新型, 各类, 牵引性) qualifies, it does not name (升级, 转型 do)
# (三级甲等医院, 5A景区, 百强大学 and 全国优秀物流园区 are grades, rankings and awards)
_LEVEL = re.compile(r"(?<!升)级$|(?<!转)型$|类$|性$|[甲乙丙]等$|[1-5]A$|[十百千]强$|优秀$")  # 牵引性工程
# words bound to the word before them, boundary word or not: "a strong city" in its domain
# (创新强市, 人才强区) and a chain of something (创新链贯通工程)
_BOUND = re.compile(r"强[国省市区县镇村]|链")
_NOMINAL = re.compile(r"\w{1,3}化")  # 现代化, 一体化, 数字化: what a verb achieves, inside a name
NAMED_VERBS = 2  # 塑料污染治理攻坚行动: an initiative is named by what it does
LINKING_VERBS = frozenset({"作为", "成为", "取得"})  # …现代化作为战略先手棋: they link, they name no action
# a name may go on with its phase, or a project with its section: 2号线一期, 杭绍台高速绍兴段, 甬绍干线东段
PHASE = re.compile(r"第?[一二三四五六七八九十\d]+期(?:工程)?")
SECTION = re.compile(r"[东西南北中]段|[东西南北]延(?:线|伸线)?|扩容|\([A-Z]\d{1,3}\)")  # …市域铁路(S2)


class SuffixNames:
    """Proposes ``head + suffix`` names; see the module docstring."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon, proper: ProperTest) -> None:
        self.p = patterns
        self.lexicon = lexicon
        self.proper = proper
        self.by_text = {s.text: s for s in patterns.suffixes}
        self.regex = re.compile("|".join(re.escape(s.text) for s in patterns.suffixes))
        self.region_surfaces = place_names(lexicon)
        # what a project is built as (水库, 铁路, 轨道交通): 工程 on one is works, not a program
        self.built = re.compile("|".join(
            re.escape(s.text) for s in patterns.suffixes if s.type == "Project" and not s.text.endswith(WORKS)
        ))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        tokens = token_spans(doc)
        ends = {b for _, b in tokens}
        out = candidates_of(doc)
        floor = 0  # a head never reaches back into the previous name (a word that named nothing is no floor)...
        last: Candidate | None = None  # ...but may continue it (see _compound)
        for m in self.regex.finditer(text):
            if m.end() not in ends:  # 战略 in 战略性, 工程 in 工程师
                continue
            if self.regex.match(text, m.end()):  # 改革 in 人才管理改革试验区: the name goes on
                continue
            suffix = self.by_text[m.group()]
            if suffix.type in ("Project", "Platform") and text.startswith(WHOLE_OF_MANY + ROLE_AFTER, m.end()):
                continue
            if text.startswith(WORD_GOES_ON.get(suffix.text[-1], ()), m.end()):
                continue
            if text.startswith(OF_THE_TYPE, m.end()):  # 产业型、景区型: a type of village, no name
                continue
            if suffix.text == MODIFIER and self._noun_at(text, tokens, m.end()):
                continue
            if text.startswith(TRADES.get(suffix.text, ()), m.end()):
                continue
            if suffix.type == "Industry" and text.startswith(NOT_THE_INDUSTRY, m.end()):
                continue  # 美丽湖州建设产业基金 is a fund
            verbs = NAMED_VERBS if suffix.needs in ("named", "event") else 0  # 海外人才创新创业大赛
            joins = INDUSTRY_CONJUNCTIONS if suffix.type == "Industry" else ()
            ranked = suffix.type in ("Platform", "Project")  # 上虞省级…试点 is 上虞's pilot of a program
            head_start = self._head_start(text, tokens, m.start(), floor, verbs, joins, ranked)
            if _GROUP_LEAD.match(text, head_start, m.start()):
                floor = m.end()
                continue
            lead = _LEAD.match(text, head_start, m.start())  # 2022年杭州亚运会 is 杭州亚运会
            if lead:
                head_start = lead.end()
            if suffix.type == "Industry" and text.startswith(WORLDWIDE, head_start):
                head_start += len(WORLDWIDE)  # 全球视觉AI产业中心: the industry is 视觉AI
            head = text[head_start : m.start()]
            first, last = last, None
            compound = self._compound(first, head_start, m.start(), head, suffix, text)
            if first is not None and compound is not None:
                out[out.index(first)] = dataclasses.replace(first, nests=True)
                out.append(compound)
                last, floor = compound, m.end()
                continue
            host = self._shared_host(first, text, m.start()) if not head and suffix.needs == "event" else ""
            if host:  # 杭州亚运会、亚残运会: the second event is held by the first one's host
                last, floor = Candidate(m.start(), m.end(), suffix.type, host + suffix.text, "suffixes.shared-host", priority=1), m.end()
                out.append(last)
                continue
            if not self._valid(head, suffix, text, head_start):
                if _LEVEL.search(head):  # 全国优秀物流园区|嘉兴现代物流园: an award ends there
                    floor = m.end()
                continue
            floor = m.end()
            tail = self._tail(text, m.end(), suffix.type) if suffix.type in ("Project", "Platform") else ""
            last = self._candidate(head_start, m.end() + len(tail), head, suffix, tail)
            out.append(last)
            if tail:  # 甬金高速 is still named in 甬金高速扩容
                out.append(dataclasses.replace(self._candidate(head_start, m.end(), head, suffix), nests=True))
            for a, b, item_head, own_kind in self._coordinated(text, tokens, head_start, head, suffix.text[-1], verbs):
                if own_kind or item_head.endswith(OWN_ROAD):  # 越东路、二环北路、329国道 name their kind too
                    if own_kind or suffix.type == "Project":
                        out.append(Candidate(a, b, suffix.type, item_head, "suffixes.own-kind-items", priority=1))
                    continue
                if suffix.type == "Industry" and not self._industry_head(item_head):
                    continue  # 市区印染、化工产业: where, not which
                if suffix.needs or suffix.type not in NEEDS_PROPER or self.proper(item_head):
                    out.append(self._candidate(a, b, item_head, suffix))
        return doc

    def _compound(
        self, last: Candidate | None, head_start: int, suffix_start: int, head: str, suffix: Suffix, text: str
    ) -> Candidate | None:
        """One name that continues the previous one without a break (or with a dash):
        绍兴滨海新区 + 人才管理改革试验区, 杭绍台高铁 + 东关枢纽, …示范区 + 绍兴片区.
        The first name stays a mention of its own, nested in the compound."""
        if last is None or not head or _COUNT.search(head):
            return None
        joiner = DASH if suffix.text not in LINKS else (DASH, TO)  # 杭金衢高速至杭绍台高速联络线
        dashed = head_start == last.end + 1 and text[last.end] in joiner and last.type == suffix.type == "Project"
        if head_start != last.end and not dashed:
            return None  # a route from one road to another is one project: 彩虹快速路—杭州湾大道
        if head in self.p.generic_heads or _LEVEL.search(head):
            return None
        if last.type == "Industry" or suffix.type not in NEEDS_PROPER:
            return None
        name = text[last.start : suffix_start] + suffix.text
        return Candidate(last.start, suffix_start + len(suffix.text), suffix.type, name, "suffixes.compound", priority=1)

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
        place = text[end : end + 4]
        for n in (3, 2):
            if place[n : n + 1] == "段" and (place[:n] in self.region_surfaces or self._abbreviation_run(place[:n]) == place[:n]):
                return place[: n + 1]
        return ""

    def _head_start(
        self, text: str, tokens: list[tuple[int, int]], pos: int, floor: int, verbs: int = 0,
        conjunctions: tuple[str, ...] = (), ranked: bool = False,
    ) -> int:
        """Walk tokens leftwards from ``pos`` while they can belong to a name; up to
        ``verbs`` boundary words may come right before ``pos`` (越医文化推广工程),
        ``conjunctions`` may join its parts, and a ``ranked`` name may state its rank."""
        start = pos
        words: list[tuple[int, str]] = []
        national = False
        for a, b in reversed(tokens):
            if b <= floor:
                break
            if a >= start:  # not yet reached, or inside a bracketed region already taken
                continue
            a = max(a, floor)
            word = text[a:min(b, pos)]
            if words and _BOUND.fullmatch(words[-1][1]) and not any(ch in DELIMITERS for ch in word) and not self._is_boundary(word):
                start = a  # 创新强市, 创新链
                words[-1] = (a, word + words[-1][1])
                continue
            bracket = self._bracketed_region(text, a, floor) if word == ")" else 0
            if bracket:
                start = bracket
                words.append((bracket, text[bracket:b]))
                continue
            if word in JOINERS and words and (words[-1][1] in self.region_surfaces or word == DASH
                                              or word == TO and any(w in self.region_surfaces for _, w in words)):
                start = a
                words.append((a, word))
                continue
            if any(ch in DELIMITERS for ch in word):
                break
            if self._glued(word, -1):  # 活力城等高端项目群: 城等 is one guessed word
                break
            if self._glued(word, 0):  # 生产基地和境外经贸合作区: 和境 is one guessed word
                start = a + 1
                words.append((start, word[1:]))
                break
            if word in conjunctions and words and words[-1][1] not in conjunctions:
                start = a  # 汽车整车及零部件产业链: one industry of two parts
                words.append((a, word))
                continue
            if word in NATIONAL and words:
                start = a
                words.append((a, word))
                national = True
                continue
            if ranked and word in RANKS and words:  # 嘉兴运河文化省级旅游度假区: the rank sits inside the name
                start = a
                words.append((a, word))
                continue
            if national:  # the host region may come first: 会稽山国家森林公园, 杭州国家…交换中心
                if word in self.region_surfaces:
                    start = a
                    words.append((a, word))
                break
            if self._is_boundary(word):
                # 浦阳江治理三期工程, 市域社会治理现代化试点: a phase or a -化 word after the verb
                before = [w for _, w in words if not (PHASE.fullmatch(w) or _NOMINAL.fullmatch(w))]
                if len(before) >= verbs or not self._is_verb(word) or not all(self._is_verb(w) for w in before):
                    break
                start = a
                words.append((a, word))
                continue
            if word in self.p.soft_boundaries and not verbs and any(w not in self.p.soft_boundaries for _, w in words):
                break  # once the head has a plain word: 创新发展示范区 keeps its soft words
            if pos - a > MAX_HEAD:
                break
            start = a
            words.append((a, word))
        for a, word in reversed(words):  # a name does not start with 建设, 发展, 推广... or a dash
            if word in NATIONAL or word not in self.p.soft_boundaries and word not in JOINERS and not self._is_boundary(word):
                return a
        return pos

    def _bracketed_region(self, text: str, close: int, floor: int) -> int:
        """Where ``(绍兴)`` starts, if the bracket at ``close`` holds a region (or 国际, as in
        杭州(国际)毅行大会) and follows the country or a place (中国(绍兴)..., 浙江(新昌)...); else 0."""
        open_ = text.rfind("(", max(floor, close - MAX_BRACKETED - 1), close)
        inside = text[open_ + 1 : close]
        if open_ <= floor or inside not in self.region_surfaces and inside != INTERNATIONAL:
            return 0
        before = (text[open_ - n : open_] for n in (2, 3) if open_ - n >= floor)
        return open_ if any(COUNTRY.fullmatch(w) or w in self.region_surfaces for w in before) else 0

    def _is_verb(self, word: str) -> bool:
        """A boundary word that is a content word (培育, 攻坚), not a particle, conjunction,
        preposition, pronoun, adverb or numeral (的, 等, 和, 以, 其, 更, 一批), by jieba's tags."""
        tag = self.proper.general.tags.get(word, "v")
        return len(word) >= 2 and word not in LINKING_VERBS and self._is_boundary(word) and tag[0] not in "ucprdmqf"

    def _noun_at(self, text: str, tokens: list[tuple[int, int]], pos: int) -> bool:
        """Does a noun (by jieba's tags) start at ``pos``?"""
        tag = next((self.proper.general.tags.get(text[a:b], "") for a, b in tokens if a == pos), "")
        return tag[:1] == "n" or tag == "vn"

    def _glued(self, word: str, at: int) -> bool:
        """Is a conjunction or particle (和, 等, 的; or 以) glued at index ``at`` of a word the
        segmenter guessed (和境, 城等, 以秀), rather than part of a word it knows (和平, 平等)
        or of two boundary words (着力打造)?"""
        if len(word) < 2 or word in self.proper.general.frequencies or word in self.lexicon.surfaces:
            return False
        ch = word[at]
        glue = ch == GLUED_PREPOSITION or self.proper.general.tags.get(ch, "")[:1] in ("u", "c")
        return glue and ch in self.p.hard_boundaries and not self._is_boundary(word)

    def _is_boundary(self, word: str) -> bool:
        """A boundary word, or two glued together by the segmenter (积极参与)."""
        hard = self.p.hard_boundaries
        if word in hard:
            return True
        return any(word[:i] in hard and word[i:] in hard for i in range(1, len(word)))

    def _valid(self, head: str, suffix: Suffix, text: str, head_start: int) -> bool:
        name = head + suffix.text
        if not head or name in self.p.exclude or head in self.p.generic_heads or _LEVEL.search(head):
            return False
        if name.endswith(BODIES):  # 海南省第六届人民代表大会 is a session of a legislature, not an event
            return False
        if _COUNT.search(head) or FORMULA in head:  # 众创空间+孵化器+…+产业园 adds up kinds: no park
            return False
        if suffix.type in NEEDS_PROPER and _MAJOR.search(head) and not _MAGNITUDE.search(head):
            return False  # 重大文化设施建设工程 is a class of works; 重大项目百亿工程 is numbered, a name
        if suffix.type in NEEDS_PROPER and (_ROLE.search(head) or _EVERY.match(head)):
            return False
        if suffix.needs == "short":  # towns: 织里镇, not 卫生乡镇 or 书画重镇
            if self.lexicon.towns:  # the ministry's table knows every town: 特大镇, 样板镇 are kinds of town
                return any(self.lexicon.entries[i].name == name for i in self.lexicon.towns.get(name, ()))
            longest = 2 if len(suffix.text) == 1 else 3
            return 2 <= len(head) <= longest and head.isalpha() and name[-2:] not in self.p.exclude
        if suffix.type == "Industry" and not self._industry_head(head):
            return False
        if suffix.type == "Program" and suffix.needs != "region" and (head in self.region_surfaces or self.proper.everyday(head)):
            return False  # 绍兴改革, 人才工程, 年度计划: a place or a topic, not an initiative
        # the name is the whole quotation (“中国睡谷”) or its first part (“西施故里·好美诸暨”), not 创谷 in “创谷经济”
        quoted = head_start > 0 and text[head_start - 1] == "“" and text.startswith(("”", PAIR), head_start + len(name))
        national = head.startswith(NATIONAL) and len(head) > 3
        if suffix.type in NEEDS_PROPER and suffix.needs not in ("event", "named", "plain") and not (quoted or national) and not self.proper(head):
            return False
        if suffix.type in NEEDS_PROPER and not quoted and _AFTER_LIST.search(text, max(0, head_start - AFTER_LIST_REACH), head_start):
            return False
        if suffix.needs == "region":  # or a program it shows: 交通强国示范城市
            if any(e.type == "Program" for e in self.lexicon.lookup(head)):
                return True
            if self._abbreviation_run(head) == head:  # 杭绍甬城市群, 沪杭甬都市圈
                return True
            if suffix.type == "Region" and (quoted or national):  # “文明城市群” is a title, not a place
                return False
            return quoted or national or any(head[:n] in self.region_surfaces for n in range(2, min(len(head), 5) + 1))
        return len(name) >= 3

    def _is_industry(self, name: str) -> bool:
        return any(e.type == "Industry" for e in self.lexicon.lookup(name))

    def _industry_head(self, head: str) -> bool:
        """An industry name, not a count, size or quality (四大新兴, 双百亿, 万亩千亿新, 1+9...)."""
        if self.lexicon.lookup(head):  # 上海产业 is Shanghai's industry, not an industry called 上海
            return self._is_industry(head)
        if not head.isalpha() or head[-1] in "大类级型性化新亿" or len(head) > 8 or head.startswith(NATIONAL):
            return False
        if _SECTORS.search(head):  # 农村一二三产业融合 merges sectors; it names no industry
            return False
        if self.proper.common_verb(cut(head)[0]):  # 提高产业链, 保持产业链: what is done to industries
            return False
        if any(head[:n] in self.region_surfaces or head[:n] in self.p.place_words for n in (2, 3)):
            return False  # 市区印染, 袍江产业: where an industry is, not which
        return not any(head.endswith(g) for g in self.p.generic_heads)

    def _shared_host(self, previous: Candidate | None, text: str, start: int) -> str:
        """The place that begins the event named right before ``start`` and joined to it by
        、 or 和 (杭州亚运会、亚残运会), or ""."""
        if previous is None or previous.end != start - 1 or text[previous.end] not in EVENT_JOINERS:
            return ""
        return next((p for n in range(MAX_PLACE_PREFIX, 1, -1) if (p := previous.label[:n]) in self.region_surfaces), "")

    def _candidate(self, start: int, end: int, head: str, suffix: Suffix, tail: str = "") -> Candidate:
        """The candidate with its canonical label (industries drop 产业 when the head is specific)."""
        surface = head + suffix.text + tail
        known = self._known_program(head, suffix) if not tail else None
        if known:  # 长三角区域一体化发展国家战略 is the program 长三角一体化发展
            return Candidate(start, end, "Program", known.name, "suffixes.known-program", key=known.id, aliases=(surface,), priority=1)
        if suffix.type == "Industry" and suffix.text in INDUSTRY_TAILS and (len(head) >= 3 or self._is_industry(head)):
            return Candidate(start, end, "Industry", head, "suffixes.industry-head", aliases=(surface,), priority=1)
        if suffix.text == WORKS and self.built.search(head):  # 镜岭水库工程, 轨道交通一期工程
            return Candidate(start, end, "Project", surface, "suffixes.works-project", priority=1)
        return Candidate(start, end, suffix.type, surface, "suffixes.name", priority=1)

    def _known_program(self, head: str, suffix: Suffix) -> LexEntry | None:
        """The lexicon program a head names when the suffix only says what kind of work it is.
        A pilot, a model or a title (…试点, …示范市) is a thing of its own, not the program."""
        if suffix.type != "Program" or suffix.text not in KIND_OF_WORK:
            return None
        entries = self.lexicon.lookup(head.removesuffix(NATIONAL[0]))
        return next((e for e in entries if e.type == "Program"), None)

    def _coordinated(
        self, text: str, tokens: list[tuple[int, int]], head_start: int, head: str, kind_end: str, verbs: int = 0
    ) -> list[tuple[int, int, str, bool]]:
        """Earlier items of a 、-list that share this name's suffix (whose last character is
        ``kind_end``), as (start, end, head, own kind). An item of its own kind names what it
        is (名人馆、阳明园、大禹纪念馆) and is read whole after a boundary word (推进智汇芯城、金柯桥科技城)."""
        out = []
        pos = head_start
        run = self._abbreviation_run(head)
        kind = self._shared_kind(head)
        while pos > 0 and text[pos - 1] == "、":
            item_end = pos - 1
            item_start = self._head_start(text, tokens, item_end, 0, verbs)  # whole words: 之江, not 力支持之江
            item = text[item_start:item_end]
            own_kind = item.endswith(kind_end)
            parallel = own_kind or len(head) >= 2 and item.endswith(head[-2:])  # 创新强市、人才强市战略
            route = self._route(item) and self._route(head)  # 曲靖至宣威、玉溪至楚雄城际铁路
            whole = item_start == 0 or text[item_start - 1] in DELIMITERS or parallel and self._after_boundary(text, tokens, item_start)
            if not whole and item_end - item_start >= MAX_ITEM and not route:
                break  # the item goes on past the limit: not a short coordinated head
            if not item or self.regex.search(item) and not route:
                break
            if run and all(ch in self.lexicon.abbreviations for ch in item):
                new_head = item + head[len(run):]
            elif route or MIN_ITEM <= len(item) <= MAX_ITEM:  # 近、中、远期改造计划: one character only qualifies
                new_head = item if own_kind or parallel else item + kind
            else:
                break
            out.append((item_start, item_end, new_head, own_kind))
            pos = item_start
        return out

    def _route(self, head: str) -> bool:
        """A route between places (昆明至楚雄, 长水机场至红塔区): parts joined by 至 or a dash,
        the first or the last a known place."""
        parts = _ROUTE_PARTS.split(head)
        return len(parts) >= 2 and all(MIN_ITEM <= len(p) <= MAX_ROUTE_PART for p in parts) \
            and (parts[0] in self.region_surfaces or parts[-1] in self.region_surfaces)

    def _after_boundary(self, text: str, tokens: list[tuple[int, int]], pos: int) -> bool:
        """Does a boundary word end right before ``pos`` (统筹推进|智汇芯城)? Then the walk stopped
        there, not at its length limit, and what follows is a whole item."""
        i = bisect.bisect_left(tokens, (pos,))  # the first token at or after pos; the one before may end there
        return i > 0 and tokens[i - 1][1] == pos and self._is_boundary(text[tokens[i - 1][0] : pos])

    def _shared_kind(self, head: str) -> str:
        """What a head says after its last place name (科创 in 宁波甬江科创): the kind that the
        items listed before it share (G60、杭州城西、宁波甬江科创走廊 gives G60科创走廊)."""
        last = max((j for _, j in place_spans(head, self.region_surfaces)), default=0)
        return head[last:] if 0 < last and len(head) - last <= MAX_ITEM else ""

    def _abbreviation_run(self, head: str) -> str:
        """Leading region abbreviations of a head (沪苏湖 in 沪苏湖, 甬绍 in 甬绍一体化合作)."""
        n = 0
        while n < len(head) and head[n] in self.lexicon.abbreviations:
            n += 1
        return head[:n] if n >= 2 else ""


@Language.factory("plangraph_suffixes", default_config={"lexicon_root": None, "patterns_root": None})
def make_suffixes(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> SuffixNames:
    lexicon = load_lexicon(lexicon_root)
    patterns = load_patterns(patterns_root)
    proper = ProperTest(general_dictionary(), place_names(lexicon), frozenset(lexicon.abbreviations), topic_names(lexicon), patterns.mistagged)
    return SuffixNames(patterns, lexicon, proper)
