"""Component: relations stated in a sentence, read from names and cue words.

Three sources, all within one clause (split at ，；：):
- the structure of a name: a region inside a platform's name locates it
  (上虞曹娥江经济开发区 in 上虞区); the regions in a railway's name are the
  ones it connects (沪苏湖高铁: 上海, 苏州, 湖州); a region opening an event's
  name hosts it (杭州亚运会);
- the words around a name: a run of verb + city-initial pairs after a railway
  names the cities it reaches (绍兴城际线实现进杭联甬: 杭州, 宁波), and a region's
  role among regions (长三角城市群重要城市) locates the speaker in them;
- cue words from ``ontology/patterns/relation_cues.csv``: 实施“八八战略” makes the
  clause's subject implement a program, 重点发展集成电路 makes it develop an
  industry. The subject is a region or platform opening the clause, else the
  plan's own region, which is who speaks in a plan; an industry also goes to the
  platform the sentence (1.柯北区块:…) or its section heading is about (``TOPIC``);
  a develops cue may also close the list it governs (A、B等产业融合发展).
Relations are written to ``doc._.plangraph.relations`` as (subject, predicate, object),
each end an index into ``doc._.plangraph.entities`` or a lexicon id.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..chinese import DIGITS, HAN
from ..lexicon import Lexicon, load_lexicon
from .candidates import TOPIC, Candidate, Context, End, Found, names_within, nested_spans, state_of
from .patterns import Patterns, load_patterns
from .relation_lists import item_titles, list_mates
from .speaker import own_programs
from ..dictionary import general_dictionary
from .suffix_words import PAIR, PHASE, TO
from .suffixes import SECTION
from .text import CLAUSE, CLOSING_QUOTES, OPENING_QUOTES

# suffixes of projects that join places (their name lists the places they join)
CONNECTING = (
    "高铁", "铁路", "城际", "城际线", "城际铁路", "市域铁路", "高速", "高速公路", "快速路", "国道", "航道",
    "管道", "干线", "联络线", "连接线", "延伸线", "复线", "号线", "通道", "大通道", "运河", "公路",
)
# what may follow a project's kind in its name: G329国道西延, 甬金高速扩容, 杭绍台高速绍兴段, and a
# section between two places (昆丽高铁昆明至楚雄段, 溧阳至宁德高速黄山至千岛湖段)
_TAIL = re.compile(rf"(?:{SECTION.pattern}|{PHASE.pattern}|[{HAN}]{{2,3}}段|[{HAN}]{{2,6}}{TO}[{HAN}]{{2,6}}段)$")
EVENTS = ("大会", "论坛", "峰会", "博览会", "交易会", "艺术节", "文化节", "旅游节", "亚运会", "亚残运会", "马拉松", "动漫节", "大赛")
# a clause's subject opens it, or follows one of these (支持柯桥区…, not 协同杭州宁波建设…)
LEAD_INS = ("支持", "推动", "鼓励", "引导", "推进")
SYMMETRIC_CUES = ("cooperatesWith", "hosts")
WATER = "water"  # the lexicon's kind of a lake or river (ontology/lexicon: places)
SETTLING = ("落户",)  # cues of coming to a place: the region right after them hosts what comes (X落户德清)
PARTNER_MARK = re.compile("(?<!参)与|联合|携手")  # what introduces the partners a clause works with (not 参与)
# cues that may also follow what they govern, in clauses with no subject (X深入实施, X相继建成, X加速培育)
POSTPOSED = ("implements", "hosts", "develops")
# what a plan learns from or measures itself by is someone else's (学习运用“千万工程”经验, 对标“最多跑一次”改革,
# 借鉴推广…): a verb or cue right after these carries out nothing; 学习践行, 学习贯彻 are the plan's own doing
LEARNING = re.compile("学习运用|学习借鉴|学习推广|借鉴|对标|效仿|复制")
LEARNING_REACH = 6  # how far before the end of a verb or cue such a word may stand (学习运用, 学习推广)
ADJACENT_CUES = frozenset({"突出"})  # also an adjective (能力突出): a cue only right before what it introduces
BRACKET = 20  # longest bracketed list of places after a project's name
_CLOSE = re.compile(r"[)）]")  # the bracket that ends a list of places
# a project reaches cities it names by abbreviation after these verbs: 融杭快速路, 城际线实现进杭联甬
REACH_VERBS = "进联接融"
MIN_REACHED = 2  # in a clause, a run of pairs (进杭联甬), so 融合 is never 融 + 合肥
NEW = "新"  # 新成昆高铁 is the new 成昆 line
MIN_INITIALS, MAX_INITIALS = 2, 4
COUNTY_CODE = 6  # GB/T 2260 codes of counties and above have six digits; townships have nine
MIN_NAME, MAX_NAME = 2, 4  # how long the name of a division opening a longer name may be (兰州 in 兰州都市圈)
MIN_PARTNERS = 2
# words of working as one, after the abbreviations of the places that do it (杭绍甬一体化, 乌昌协同发展, 沪宁杭同城化,
# 深化川渝合作, 推动成渝相向发展)
INTEGRATION = re.compile("一体化|协同|同城化|合作|协作|联动|相向")
PARTNER_JOINS = ("、", "和", "及")  # not 与, which pairs them itself (洪合镇与濮院镇、王店镇与百步镇联动)
STREET = re.compile("大道|大街|路|街")  # a street named after a place (弋江路, 吴兴大道)
# the kind of a city cluster or metropolitan area, after the division it is named for (合肥都市圈, 山西中部城市群)
CLUSTER = re.compile("(?:[东南西北中]部)?(?:都市圈|都市区|城市群|城市圈|经济圈)")
CLUSTER_NAMERS = ("province", "prefecture")  # a county names no cluster: 兰西城市群 is 兰州 and 西宁, not 兰西县
# platforms that govern an area like a division (国家级新区, 起步区): they implement programs
GOVERNING_PLATFORMS = ("新区", "起步区")  # divisions listed before a cue of working together (太原、忻州…协作)  # a line named by its cities' initials: 太绥, 长邯聊
MIN_NEW_RUN = 2
# a route's own places agree on a province: three of its characters read a city there, or two read one city at all
MIN_COLOCATED, MIN_ANCHORS = 3, 2
# a platform named after one of these belongs to it but is not in it (浙江大学湖州研究院 is in 湖州)
INSTITUTIONS = ("大学", "学院", "院", "所", "中心", "实验室")
# a region's role among others: 长三角城市群重要城市, 杭州都市区副中心城市, 粤港澳大湾区极点城市, 武汉都市圈重要增长极,
# 京津冀世界级城市群东北部副中心城市, 长江中游城市群区域性中心城市 (the speaker lies in it); never 国家中心城市, which
# names a rank, not a region the speaker lies in
ROLE = re.compile(r"(?:世界级城市群)?(?:[东南西北中]{1,2}部)?的?(?:区域性?)?(?:(?:重要|核心|中心|副中心|节点|门户|枢纽|极点)城市|(?:重要|新)增长极|经济副中心)")
_LIST_NUMBER = re.compile(rf"\s*(?:\d+[.、]|[(（][{DIGITS}十\d]+[)）]|[{DIGITS}十]+、)?\s*")  # a list number
# what may stand between the last industry of a list and the develops cue that closes it
INDUSTRY_CLOSE = re.compile(rf"等?[{HAN}]{{0,4}}?(?:产业|行业)(?:链|集群)?(?:融合|协同|集聚|集群|高质量|加快|创新)?")
ITEM_JOINS = ("、", "和", "及", "与")
VERB_TAGS = frozenset({"v", "vn"})  # jieba's tags of verbs: 聚焦, 扩大, 加快, 做好 …
VERB_TAIL = 2  # a longer word ending in a two-character verb acts as that verb (努力实现, 全力推进)
# …unless the clause speaks of others: works with them, or reaches them (30分钟通达长三角核心城市)
OTHERS = ("与", "同", "和", "对接", "合作", "联动", "通达", "到达", "直达", "抵达", "连接", "连通", "辐射")
# what may stand between a region and the cue it governs mid-clause (也是南宁市全面落实强首府战略的关键时期)
ADVERBS = re.compile("(?:全面|深入|积极|加快|大力|着力|持续|率先|切实|坚定|不断|进一步|扎实|主动|努力|坚决|统筹|加速|稳步|将|要|已|也)*")
# words of keeping industries in check: a clause of these does not develop the industries it lists
CONTROL = re.compile("整治|治理|监管|风险|安全|废水|废气|污染|排放|防控|保障|淘汰|关停|执法|预警")
# what may stand between a 、 and a cue that opens a new item of a list of verb phrases (、向西对接, 、加快建设)
ITEM_OPENING = re.compile(rf"(?:向[东南西北]{{1,2}})?{ADVERBS.pattern}")
# what stands between a region and the role it takes (支持洛阳加快建设中原城市群副中心城市, 宜宾建设成为成渝地区经济副中心)
ROLE_TAKER = re.compile(rf"{ADVERBS.pattern}(?:(?:建设|打造|建成)(?:成为|成)?|成为)")
# words that make the plan's region the subject of a clause again (…,全市加快…): a region opening a
# sentence is the subject of its later clauses only until one of these
SPEAKER = ("我市", "我区", "我县", "我省", "我州", "我旗", "全市", "全区", "全县", "全省", "全州", "全旗", "本市", "本区", "本县")
# a clause's own subject governs these through a region right before the cue, never cooperatesWith
# (加强与上海、苏州合作: 苏州 is no subject)
GOVERNED = ("implements", "develops", "hosts")
# 以X为统领: what a clause's subject takes as its guide, main line or lever is what it pursues (以“八八战略”为统领,
# 以供给侧结构性改革为主线, 以人工智能、集成电路等先导产业为引领, 以建设“高兴之县”为总体定位); 以…为指导 names a
# doctrine, not a program, and 以…为重点 may be anything; 以能源、煤化工为核心, 以“三大战略”为引擎, 以“五城”共建为抓手
# and 以中国美妆小镇为基石 name what it builds on
GUIDED = re.compile(rf"以(?:建设|打造|推进|推动|实施|深化|开展|创建)?(?P<what>[^，,；;：:。以为]{{2,40}}?)为[{HAN}]{{0,2}}?"
                    "(?:统领|引领|指引|统揽|牵引|主线|总抓手|抓手|引擎|载体|突破口|基石|主导|核心|支柱|总纲|总体定位)")
GUIDED_TAIL = re.compile(rf"等?[{HAN}\d]{{0,6}}")  # what may follow the last name before 为: 建设, 改革, 三大先导产业
GUIDED_PREDICATES = {"Program": "implements", "Industry": "develops", "Platform": "hosts", "Project": "hosts"}


class RelationFinder:
    """See the module docstring."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon) -> None:
        self.cues = patterns.relation_cues
        self.tags = general_dictionary().tags
        self.cue_regex = re.compile("|".join(sorted(map(re.escape, self.cues), key=lambda c: (-len(c), c))))
        self.lexicon = lexicon
        abbreviations = "".join(sorted(a for a in lexicon.abbreviations if len(a) == 1))
        self.reach = re.compile(f"(?:[{REACH_VERBS}][{re.escape(abbreviations)}])+")
        # every prefecture-level city by the first character of its short name (丽: 丽水, 丽江), unless
        # it has an abbreviation of its own (宁波 is 甬)
        abbreviated = {i for ids in lexicon.abbreviations.values() for i in ids}
        initials: dict[str, list[str]] = {}
        for e in sorted(lexicon.entries.values(), key=lambda e: e.id):
            if e.type == "Region" and e.code and e.level == "prefecture" and e.short and e.id not in abbreviated:
                initials.setdefault(e.short[0], []).append(e.id)
        self.initials = {ch: tuple(ids) for ch, ids in initials.items()}
        divisions: dict[str, list[str]] = {}  # a county-level or larger division by its name and short name
        for e in sorted(lexicon.entries.values(), key=lambda e: e.id):
            if e.type == "Region" and e.code and len(e.code) <= COUNTY_CODE:
                for n in {e.name, e.short} - {None, ""}:
                    divisions.setdefault(n, []).append(e.id)
        self.divisions = {n: tuple(ids) for n, ids in divisions.items()}

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        ents, ctx, text = state.entities, state.context, state.text
        found: set[Found] = set()
        for i, e in enumerate(ents):
            if e.type in ("Platform", "Project"):
                found.update(self._from_name(i, e, ents, ctx, text))
            elif e.type == "Region" and CLUSTER.search(e.label):  # most regions are divisions: no need to look
                found.update(self._named_cluster(i, e))
        nested = nested_spans(ents)
        topic = self._topic(text, ents)
        owners = self._owners(text, ents)
        clauses = [(c.start(), c.end()) for c in CLAUSE.finditer(text)]
        carried = self._carried_subjects(text, clauses, ents, nested)
        for start, end in clauses:
            inside = names_within(ents, start, end)
            outer = [i for i in inside if i not in nested]
            found.update(self._from_cues(text, start, end, outer, ents, ctx, topic, owners, carried.get(start)))
            found.update(self._roles(text, start, inside, ents, ctx))
            found.update(self._clause_topic(text, start, outer, ents, ctx))
            found.update(self._reaching(text, start, end, inside, ents, ctx))
        found.update((j, "implements", i, "relations.program-owner") for i, j in owners.items())
        found.update(self._verb_objects(state.tokens, text, ents, clauses, owners, ctx, carried))
        found.update(self._guided_by(text, ents, clauses, owners, ctx, carried, nested))
        found.update(self._bracketed_platforms(text, ents))
        found.update(self._bracketed_ends(text, ents))
        found.update(self._abbreviated_partners(text, ctx))
        found.update(item_titles(text, ents, clauses, ctx.region_key, owners, nested))
        found.update(list_mates(found, text, ents, owners, nested, lambda i: self._named_elsewhere(i, ents, ctx, text)))
        found.update(self._hosted_where_located(found, ents))
        found.update(own_programs(found, text, ents, clauses, ctx.region_key, owners, nested, carried, LEARNING))
        found = {r for r in found if not self._same(r[0], r[2], ents)}
        state.relations = sorted(found, key=lambda r: (str(r[0]), r[1], str(r[2]), r[3]))
        return doc

    def _from_name(self, i: int, e: Candidate, ents: list[Candidate], ctx: Context, text: str) -> list[Found]:
        inner = [j for j, r in enumerate(ents) if r.type == "Region" and j != i and e.start <= r.start and r.end <= e.end]
        if e.type == "Platform" and e.label.endswith(INSTITUTIONS) or e.label.endswith(EVENTS):
            inner = [j for j in inner if not self._water(ents[j].key)]  # 太湖实验室, 千岛湖马拉松: named after the water, not in it nor held by it
        if e.type == "Platform":  # 绍兴滨海新区人才管理改革试验区 is in 绍兴市 and in 绍兴滨海新区
            hosts = [j for j, r in enumerate(ents) if r.type == "Platform" and j != i and not r.label.endswith(INSTITUTIONS)
                     and (r.start == e.start and r.end < e.end or r.end == e.start and text[r.end - 1] not in CLOSING_QUOTES)]
            if PAIR in e.label:  # 吴兴·青川…产业园: two places share it, and the name does not say where it is
                inner = []
            return [(i, "locatedIn", j, "relations.region-in-name") for j in inner] + \
                [(i, "locatedIn", j, "relations.platform-in-name") for j in hosts]
        if e.type != "Project":
            return []
        kind, base = _kind_and_base(e.label)
        if kind:
            head = base[: -len(kind)]
            # 杭金衢高速至杭绍台高速联络线 joins two roads: the cities in their names are not its ends
            keys = ([] if TO in e.label else self._abbreviated(e.label, ctx, text) or self._initials(e.label, ctx, text)) + \
                self._reached(head, 1, ctx, text)
            return [(i, "connects", j, "relations.route-in-name") for j in inner] + \
                [(i, "connects", key, "relations.abbreviations-in-name") for key in keys]
        if e.label.endswith(EVENTS):  # 杭州亚运会, G20杭州峰会
            return [(j, "hosts", i, "relations.event-host") for j in inner]
        if TO in e.label:  # 呈贡至澄江轨道交通 runs between places, it is no one's
            return []
        # 大连新机场, 石首石化能源产业链项目: the division that opens a project's name hosts it; a street
        # named after a place need not lie in it (弋江路快速化改造, 南京路); a project named inside a longer
        # one (陈蔡水库 in 诸暨市陈蔡水库加固改造工程) is hosted through that one
        if any(o.type == "Project" and o.start <= e.start and e.end <= o.end and o.end - o.start > e.end - e.start for o in ents):
            return []
        return [(j, "hosts", i, "relations.project-host") for j in inner if ents[j].start == e.start
                and self._division(ents[j].key) and not STREET.match(text, ents[j].end)]

    def _named_cluster(self, i: int, e: Candidate) -> list[Found]:
        """A metropolitan area named after its city holds the city (合肥都市圈: 合肥市 lies in it); a
        cluster named after a province lies in the province (山西中部城市群). 杭州湾经济区 is named
        after a bay, not after 杭州: the kind must follow the division's name, a city's or a province's
        (兰西城市群 joins 兰州 and 西宁; it is no area of 兰西县)."""
        for n in range(MIN_NAME, min(len(e.label), MAX_NAME) + 1):
            ids = self.divisions.get(e.label[:n], ())
            level = self.lexicon.entries[ids[0]].level if len(ids) == 1 else None
            if level in CLUSTER_NAMERS and CLUSTER.fullmatch(e.label, n) and ids[0] != e.key:
                rule = "relations.named-cluster"
                return [(i, "locatedIn", ids[0], rule)] if level == "province" else [(ids[0], "locatedIn", i, rule)]
        return []

    def _abbreviated(self, label: str, ctx: Context, text: str) -> list[str]:
        """Regions behind the leading abbreviations of a name (沪苏湖 -> 上海, 苏州, 湖州); a
        leading 新 before a longer run says the line is new (新成昆高铁: 成都, 昆明)."""
        run = ""
        for ch in label:
            if ch not in self.lexicon.abbreviations:
                break
            run += ch
        if run.startswith(NEW) and len(run) > MIN_NEW_RUN:
            run = run[1:]
        if len(run) < 2:
            return []
        colocated = self._colocated(run)
        return [key for ch in run if (key := colocated.get(ch) or self._reading(ch, ctx, text))]

    def _initials(self, label: str, ctx: Context, text: str) -> list[str]:
        """Cities behind a line named only by their initials (长邯聊高铁, 运三高速): every character
        before the kind is a city's first character or an abbreviation, and the name is no word of
        its own. A bare initial is read only as a city of the plan's province or one the sentence
        names (长 in a 山西 plan: 长治; 绥 in 太绥高铁 reads nothing, though 绥化 is the only city)."""
        kind, base = _kind_and_base(label)
        head = base[: len(base) - len(kind)]
        if not kind or not MIN_INITIALS <= len(head) <= MAX_INITIALS or head in self.tags:
            return []
        if not all(ch in self.lexicon.abbreviations or ch in self.initials for ch in head):
            return []
        colocated = self._colocated(head)
        return [k for ch in head if (k := colocated.get(ch) or self._initial_or_abbreviation(ch, ctx, text))]

    def _colocated(self, chars: str) -> dict[str, str]:
        """What a route's places say of each other, before the plan's own province or the sentence is
        asked: where three characters of the name each have one city in one province, or two have one
        city reading at all and both lie there, each stands for its city there (常益长高铁: 常德, 益阳 and
        长沙, in any plan, though 常 alone reads 常州). Two characters of which one has several
        readings confirm nothing (上新 may be two counties: 上虞 and 新昌), nor do places of different
        provinces (渝昆, 太绥)."""
        pools = {ch: self._pool(ch)[1] for ch in dict.fromkeys(chars)}
        there: dict[str, dict[str, str]] = {}  # province -> character -> its one city there
        for ch, pool in pools.items():
            for province in {self._province(i) for i in pool}:
                inside = [i for i in pool if self._province(i) == province]
                if len(inside) == 1:
                    there.setdefault(province, {})[ch] = inside[0]
        out: dict[str, str] = {}
        for province, read in sorted(there.items()):
            anchors = sum(len(pools[ch]) == 1 for ch in read)
            if len(read) >= MIN_COLOCATED or anchors >= MIN_ANCHORS:
                out.update(read)
        return out

    def _province(self, key: str) -> str:
        return (self.lexicon.entries[key].code or "")[:2]

    def _initial(self, ch: str, ctx: Context, text: str) -> str | None:
        """The city of the plan's province, else the one the sentence names, whose name ``ch`` begins."""
        readings = self.initials[ch]
        entries = {i: self.lexicon.entries[i] for i in readings}
        local = [i for i in readings if ctx.province_code and (entries[i].code or "").startswith(ctx.province_code)]
        named = [i for i in readings if any(n and len(n) >= 2 and n in text for n in (entries[i].name, entries[i].short))]
        return next((choice[0] for choice in (local, named) if len(choice) == 1), None)

    def _reached(self, words: str, least: int, ctx: Context, text: str) -> list[str]:
        """Cities named by a run of verb + abbreviation pairs that ends ``words``
        (进杭联甬 -> 杭州, 宁波), if the run has at least ``least`` pairs."""
        keys: list[str] = []
        end = len(words)
        while end >= 2 and words[end - 2] in REACH_VERBS and words[end - 1] in self.lexicon.abbreviations:
            key = self._reading(words[end - 1], ctx, text)
            if key:
                keys.insert(0, key)
            end -= 2
        return keys if len(keys) >= least else []

    def _reading(self, ch: str, ctx: Context, text: str) -> str | None:
        """The region one abbreviation stands for here, or None rather than a guess: the reading in
        the plan's province (昆 in a 云南 plan: 昆明), else the one the sentence names in full,
        else the only city reading (苏 in 沪苏湖: 苏州). 新 in 合新高铁 reads 新乡 or 新余: none.
        A city is read by its initial only if it has no abbreviation of its own: 宁 is 南京, never
        宁波, which is 甬."""
        readings, pool = self._pool(ch)
        curated = self.lexicon.expand_abbreviation(ch, prefer="city")
        entries = {i: self.lexicon.entries[i] for i in readings}
        local = [i for i in readings if ctx.province_code and (entries[i].code or "").startswith(ctx.province_code)]
        named = [i for i in readings if any(n and len(n) >= 2 and n in text for n in (entries[i].name, entries[i].short))]
        for choice in (local, named, [i for i in pool if i in curated], pool):
            if len(choice) == 1:
                return choice[0]
        return None

    def _pool(self, ch: str) -> tuple[list[str], list[str]]:
        """Every division ``ch`` may stand for (its curated abbreviations, then the cities it begins), and
        of those the cities, if any (昆: 昆山 and 昆明)."""
        curated = self.lexicon.expand_abbreviation(ch, prefer="city")
        readings = list(dict.fromkeys((*curated, *self.initials.get(ch, ()))))
        cities = [i for i in readings if self.lexicon.entries[i].level == "prefecture"
                  or self.lexicon.abbreviation_context.get((ch, i)) == "city"]
        return readings, cities or readings

    def _from_cues(
        self, text: str, start: int, end: int, inside: list[int], ents: list[Candidate], ctx: Context, topic: int | None,
        owners: dict[int, int], carried: int | None,
    ) -> list[Found]:
        """Relations a cue word states in the clause ``start:end``, whose entities (nested ones
        left out) are ``inside``; ``carried`` is the subject an earlier clause of the sentence opened with."""
        if not inside:
            return []
        out: list[Found] = []
        cues = list(self.cue_regex.finditer(text, start, end))
        opening = [m for m in cues if self._opens_item(text, start, end, m, ents)]
        for cue in cues:
            lo = max((m.start() for m in opening if m.start() <= cue.start()), default=start)
            hi = min((m.start() for m in opening if m.start() > cue.start()), default=end)
            for pred in self.cues[cue.group()]:
                out.extend(self._from_cue(text, start, cue, pred, inside, ents, ctx, topic, owners, carried, (lo, hi)))
        return out

    def _controls(self, text: str, start: int, end: int, inside: list[int], ents: list[Candidate]) -> bool:
        """Does the clause speak of controlling industries rather than growing them, outside any name
        (推进造纸、印染等行业工业废水集中处理, 继续推进教育、卫健等重点行业保障; not 发展安全应急产业)?"""
        return any(not any(ents[i].start <= m.start() < ents[i].end for i in inside) for m in CONTROL.finditer(text, start, end))

    def _opens_item(self, text: str, start: int, end: int, cue: re.Match[str], ents: list[Candidate]) -> bool:
        """Does ``cue`` open an item of a list of verb phrases: right after a 、, or after a direction
        and adverbs only, with a name of its own before the next 、 (融入黔中城市群、向西对接滇中城市群:
        对接 opens an item; 主阵地、新城建设发令地: 建设 is inside a noun; 推进高质量发展、协同发展、脱贫攻坚:
        协同发展 is an item of what 推进 reaches)? A cue reaches only the names of its own item."""
        mark = text.rfind("、", start, cue.start())
        if mark == -1 or ITEM_OPENING.fullmatch(text, mark + 1, cue.start()) is None or \
                any(e.start < cue.end() and mark < e.end for e in ents):
            return False
        stop = text.find("、", cue.end(), end)
        stop = end if stop == -1 else stop
        return any(cue.end() <= e.start and e.end <= stop for e in ents)

    def _from_cue(
        self, text: str, start: int, cue: re.Match[str], pred: str, inside: list[int], ents: list[Candidate],
        ctx: Context, topic: int | None, owners: dict[int, int], carried: int | None, reach: tuple[int, int],
    ) -> list[Found]:
        """Relations of one predicate that one cue states, to the names of its item ``reach`` of the
        clause; the objects' types decide which apply."""
        out: list[Found] = []
        before = [i for i in inside if ents[i].end <= cue.start() or self._closes(i, cue, ents)]
        after = [i for i in inside if ents[i].start >= cue.end() and ents[i].end <= reach[1]]
        item = [i for i in inside if reach[0] <= ents[i].start and ents[i].end <= reach[1]]
        if cue.group() in ADJACENT_CUES and not any(ents[i].start == cue.end() for i in after):
            return []  # 能力突出、…医疗服务网络: 突出 is an adjective there
        if pred == "implements" and _learned(text, start, cue.end()):
            return []
        if pred == "develops" and self._controls(text, start, reach[1], inside, ents):
            return []
        named = self._subject(text, before, ents, start, pred)
        rule_of_subject = "relations.cue"
        settled = next((i for i in after if ents[i].start == cue.end() and ents[i].type == "Region"), None)
        if pred == "hosts" and cue.group() in SETTLING and settled is not None:
            named, rule_of_subject = settled, "relations.settles-in"  # 北斗产业园落户德清: 德清县 hosts it
        if named is None and pred in GOVERNED:
            named = self._governing(text, before, ents, start, cue.start())
            rule_of_subject = "relations.region-before-cue" if named is not None else rule_of_subject
        local = named is None  # nothing in the clause names who acts
        if named is None and carried is not None:
            named, rule_of_subject = carried, "relations.sentence-subject"
        subjects: list[End] = [named] if named is not None else [s for s in (ctx.region_key,) if s]
        if named is None and pred == "develops":  # the platform the sentence or section is about
            subjects += [s for s in (topic, TOPIC if ctx.topic else None) if s is not None]
        # 与上海…合作, 艺术节…落户: these cues also reach back over the clause, but what follows 与 is a partner, not
        # hosted (与之江实验室等高校院所共建实验室)
        partners = {i for i in before if pred == "hosts" and self._partner(text, start, i, ents)}
        objects = [(i, rule_of_subject) for i in (item if pred in SYMMETRIC_CUES else after) if i not in partners]
        if named is None and not after and pred in POSTPOSED:  # 乡村振兴战略深入实施: what the clause is about comes first
            objects += [(i, "relations.cue-after-topic") for i in before if (i, rule_of_subject) not in objects and i not in partners]
        if pred == "develops":  # 集成电路、生物医药等产业融合发展: the industries come first
            objects = [(i, "relations.cue-closes-list") for i in self._listed_before(text, before, ents, cue.start())] + objects
        if pred == "cooperatesWith":
            out.extend(self._partners(text, start, before, ents, named))
        if local:  # 开展淳安“两山银行”试点: the program's own region, not the plan's, implements it
            objects = [(i, rule) for i, rule in objects if i not in owners]
            if pred == "hosts":  # 举办G20杭州峰会 in another city's plan: the name says who hosts it
                objects = [(i, rule) for i, rule in objects if not self._named_elsewhere(i, ents, ctx, text)]
        for subject in subjects:
            for i, rule in objects:
                out.extend((*triple, rule) for triple in self._cued(pred, subject, i, ents, before))
        return out

    def _partners(self, text: str, start: int, before: list[int], ents: list[Candidate], named: End | None) -> list[Found]:
        """Divisions listed together before a cue of working together work with each other
        (加强太原、忻州产业链协作: 太原市 and 忻州市; 推动宜昌、荆州、荆门产业协作, where 宜昌 is read
        as the subject), unless the clause works with them (与…) or someone else is its subject."""
        runs: list[list[int]] = []
        for i in before:
            if ents[i].type != "Region" or not self._division(ents[i].key):
                runs.append([])
            elif runs and runs[-1] and text[ents[runs[-1][-1]].end : ents[i].start] in PARTNER_JOINS:
                runs[-1].append(i)
            else:
                runs.append([i])
        run = next((r for r in runs if len(r) >= MIN_PARTNERS), [])
        if not run or any(w in text[start : ents[run[0]].start] for w in OTHERS) or named in set(before) - {run[0]}:
            return []
        return [(a, "cooperatesWith", b, "relations.listed-partners") for k, a in enumerate(run) for b in run[k + 1 :]
                if not self._nested_regions(a, ents[b].key, ents)]

    def _partner(self, text: str, start: int, i: int, ents: list[Candidate]) -> bool:
        """Does ``ents[i]`` follow a word that introduces partners (与, 联合, 携手) in its clause, outside any
        name (中科院肿瘤与基础研究所 holds a 与 of its own)?"""
        return any(not any(e.start <= m.start() < e.end for e in ents) for m in PARTNER_MARK.finditer(text, start, ents[i].start))

    def _closes(self, i: int, cue: re.Match[str], ents: list[Candidate]) -> bool:
        """Does ``cue`` end the surface of ``ents[i]`` but not its name (文化强省建设取得显著进展: 建设 is
        said of 文化强省, whose name it is not part of)?"""
        e = ents[i]
        return e.start < cue.start() and cue.end() == e.end and not e.label.endswith(cue.group())

    def _listed_before(self, text: str, before: list[int], ents: list[Candidate], cue: int) -> list[int]:
        """The industries of a list that a develops cue closes: A、B等产业(融合)发展."""
        run: list[int] = []
        for i in reversed(before):
            if ents[i].type != "Industry":
                break
            gap = text[ents[i].end : ents[run[-1]].start if run else cue]
            joined = gap in ITEM_JOINS if run else INDUSTRY_CLOSE.fullmatch(gap)  # 、 between items, 等产业 at the end
            if not joined:
                break
            run.append(i)
        return run

    def _verb_objects(
        self, tokens: list[tuple[int, int]], text: str, ents: list[Candidate], clauses: list[tuple[int, int]], owners: dict[int, int], ctx: Context,
        carried: dict[int, int | None],
    ) -> list[Found]:
        """A program right after a verb is what the clause's subject does (聚焦“六个建设”, 扩大“绿电直连”规模,
        加快新旧动能转换): the region opening the clause, else the plan's region. A program of a
        division named right before it is that division's (``_owners``)."""
        if not any(e.type == "Program" for e in ents):
            return []  # most sentences: no need to look their words up
        words = {end: begin for begin, end in tokens}  # a word by where it ends
        out: list[Found] = []
        for i, e in enumerate(ents):
            at = e.start - 1 if text[e.start - 1 : e.start] in OPENING_QUOTES else e.start
            if e.type != "Program" or at not in words or i in owners or not self._verb(text[words[at] : at]):
                continue
            start = next((a for a, b in clauses if a <= at < b), None)
            if start is None or _learned(text, start, at):
                continue
            before = [j for j, r in enumerate(ents) if start <= r.start and r.end <= words[at]]
            named = self._subject(text, before, ents, start, "implements")
            rule = "relations.verb-object"
            if named is None and carried.get(start) is not None:
                named, rule = carried[start], "relations.sentence-subject"
            subject = named if named is not None else ctx.region_key
            if subject is not None and (self._is_region(subject, ents) or self._governs(subject, ents)):
                out.append((subject, "implements", i, rule))
        return out

    def _guided_by(
        self, text: str, ents: list[Candidate], clauses: list[tuple[int, int]], owners: dict[int, int], ctx: Context,
        carried: dict[int, int | None], nested: set[int],
    ) -> list[Found]:
        """What a clause takes as its guide (以X为统领, 以X为主线, 以A、B等产业为引领) is what its subject pursues:
        it implements a program, develops an industry, hosts a platform or project. The names must fill the
        span between 以 and 为, one list of one type, only a short tail after them (建设, 改革, 等先导产业)."""
        out: list[Found] = []
        for start, end in clauses:
            for m in GUIDED.finditer(text, start, end):
                inside = [i for i, e in enumerate(ents) if i not in nested and m.start("what") <= e.start and e.end <= m.end("what")]
                listed = self._opening_list(text, inside, ents) if inside else []
                first = listed[0] if listed else None
                if first is None or ents[first].type not in GUIDED_PREDICATES:
                    continue
                opens = text[m.start("what") : ents[first].start]
                tail = text[ents[listed[-1]].end : m.end("what")].lstrip("".join(CLOSING_QUOTES))
                if opens not in ("", *OPENING_QUOTES) or not GUIDED_TAIL.fullmatch(tail):
                    continue
                pred = GUIDED_PREDICATES[ents[first].type]
                before = [j for j, e in enumerate(ents) if start <= e.start and e.end <= m.start()]
                subject = self._subject(text, before, ents, start, pred)
                subject = carried.get(start) if subject is None else subject
                local = subject is None  # the plan's region: not of a program another division owns, nor a park named elsewhere
                subject = ctx.region_key if local else subject
                if subject is None or (pred != "develops" and not self._is_region(subject, ents) and not self._governs(subject, ents)):
                    continue
                out.extend((subject, pred, i, "relations.guided-by") for i in listed
                           if not (local and (i in owners or pred == "hosts" and self._named_elsewhere(i, ents, ctx, text))))
        return out

    def _verb(self, word: str) -> bool:
        """A verb, or a word ending in one (努力实现, which jieba's dictionary tags as a name)."""
        return self.tags.get(word) in VERB_TAGS or (len(word) > VERB_TAIL and self.tags.get(word[-VERB_TAIL:]) == "v")

    def _clause_topic(self, text: str, start: int, inside: list[int], ents: list[Candidate], ctx: Context) -> list[Found]:
        """An industry or platform that opens a clause is what the clause reports on, and in a plan
        the plan's region is whose it is (乳业集群入选国家先进制造业集群: the region develops 乳业;
        和林格尔金融数据产业园正式授牌: it hosts the park), unless the name names another region."""
        if not inside or ctx.region_key is None or not _LIST_NUMBER.fullmatch(text, start, ents[inside[0]].start):
            return []
        out: list[Found] = []
        for i in self._opening_list(text, inside, ents):
            if ents[i].type == "Industry":
                out.append((ctx.region_key, "develops", i, "relations.clause-topic"))
            elif ents[i].type in ("Platform", "Project") and not self._named_elsewhere(i, ents, ctx, text):
                out.append((ctx.region_key, "hosts", i, "relations.clause-topic"))
        return out

    def _opening_list(self, text: str, inside: list[int], ents: list[Candidate]) -> list[int]:
        """The names of one type listed at a clause's opening: 贵安新区、贵州科学城、中关村贵阳科技园等平台…"""
        run = [inside[0]]
        for i in inside[1:]:
            if ents[i].type != ents[run[-1]].type or text[ents[run[-1]].end : ents[i].start] not in ITEM_JOINS:
                break
            run.append(i)
        return run

    def _topic(self, text: str, ents: list[Candidate]) -> int | None:
        """A platform that opens the sentence before a colon is what it is about: 1.绍兴综合保税区:…"""
        for i, e in enumerate(ents):
            if e.type == "Platform" and _LIST_NUMBER.fullmatch(text, 0, e.start) and text[e.end : e.end + 1] in ":：":
                return i
        return None

    def _owners(self, text: str, ents: list[Candidate]) -> dict[int, int]:
        """Programs right after an administrative division's name, and that division: 淳安“两山银行”试点,
        浙江“最多跑一次”改革. A lake or an area (南太湖“民情哨”) is where, not who."""
        ends = {e.end: j for j, e in enumerate(ents) if e.type == "Region" and self._division(e.key)}
        out: dict[int, int] = {}
        for i, e in enumerate(ents):
            if e.type != "Program":
                continue
            j = ends.get(e.start, ends.get(e.start - 1) if text[e.start - 1 : e.start] in OPENING_QUOTES else None)
            if j is not None and ents[j].start < e.start:
                out[i] = j
        return out

    def _bracketed_platforms(self, text: str, ents: list[Candidate]) -> list[Found]:
        """A platform and a region, one in brackets right after the other, are one place under
        two names: 越城区(滨海新区), 青岛西海岸新区(黄岛区). The platform lies in the region."""
        places = ("Region", "Platform")
        bracketed: dict[int, int] = {}
        for j, o in enumerate(ents):
            if o.type in places and text[o.end : o.end + 1] in ")）":
                bracketed.setdefault(o.start, j)
        out: list[Found] = []
        for i, e in enumerate(ents):
            inner = bracketed.get(e.end + 1) if text[e.end : e.end + 1] in "(（" else None
            if inner is None or {e.type, ents[inner].type} != set(places):
                continue
            platform, region = (inner, i) if e.type == "Region" else (i, inner)
            out.append((platform, "locatedIn", region, "relations.bracketed-platform"))
        return out

    def _abbreviated_partners(self, text: str, ctx: Context) -> list[Found]:
        """Divisions named by a run of abbreviations or initials right before a word of integration
        work with each other (杭绍甬一体化: 杭州, 绍兴, 宁波; 乌昌协同发展 in a 新疆 plan: 乌鲁木齐, 昌吉).
        The run is the longest one whose every character reads one division and whose first character
        makes no word with the one before it, so 乌镇嘉湖一体化 is 嘉兴 and 湖州 (乌镇 is a town, not
        镇江), and 长三角一体化 or 城乡一体化 name no partners."""
        out: list[Found] = []
        for m in INTEGRATION.finditer(text):
            keys: list[str] = []
            at = m.start()
            while at > 0 and len(keys) < MAX_INITIALS and (key := self._initial_or_abbreviation(text[at - 1], ctx, text)):
                keys.insert(0, key)
                at -= 1
            while keys and text[at - 1 : at + 1] in self.tags:
                keys.pop(0)
                at += 1
            keys = sorted(set(keys))  # one order for a pair, whichever way the plan names it (杭绍, 甬绍)
            if len(keys) < MIN_PARTNERS:
                continue
            out.extend((a, "cooperatesWith", b, "relations.abbreviated-partners") for k, a in enumerate(keys) for b in keys[k + 1 :]
                       if not (self._within(a, b) or self._within(b, a)))
        return out

    def _initial_or_abbreviation(self, ch: str, ctx: Context, text: str) -> str | None:
        """The division one character stands for here (杭: 杭州; 忻 in a 山西 plan: 忻州), or None."""
        if ch in self.lexicon.abbreviations:
            return self._reading(ch, ctx, text)
        return self._initial(ch, ctx, text) if ch in self.initials else None

    def _bracketed_ends(self, text: str, ents: list[Candidate]) -> list[Found]:
        """Regions in brackets right after a connecting project: G329国道西延(余姚—上虞)."""
        out: list[Found] = []
        for i, e in enumerate(ents):
            if e.type != "Project" or not connecting_kind(e.label) or text[e.end : e.end + 1] not in "(（":
                continue
            close = _CLOSE.search(text, e.end)
            if close and close.start() - e.end <= BRACKET:
                out.extend((i, "connects", j, "relations.bracketed-ends") for j, r in enumerate(ents)
                           if r.type == "Region" and e.end < r.start and r.end <= close.start())
        return out

    def _reaching(self, text: str, start: int, end: int, inside: list[int], ents: list[Candidate], ctx: Context) -> list[Found]:
        """A connecting project and the cities its clause says it reaches: 绍兴城际线实现进杭联甬."""
        out: list[Found] = []
        projects = [i for i in inside if ents[i].type == "Project" and connecting_kind(ents[i].label)]
        for run in self.reach.finditer(text, start, end) if projects else ():
            before = [i for i in projects if ents[i].end <= run.start()]
            if before:
                out.extend((before[-1], "connects", key, "relations.reach")
                           for key in self._reached(run.group(), MIN_REACHED, ctx, text))
        return out

    def _hosted_where_located(self, found: set[Found], ents: list[Candidate]) -> list[Found]:
        """A platform a region hosts lies in that region, and a division a platform lies in hosts it:
        湖州市 hosts 南太湖新区 is 南太湖新区 locatedIn 湖州市, whichever way the plan says it. Not a lake or
        an area a platform is named after (太湖国家级旅游度假区 in 太湖), nor a platform inside a platform; a
        platform its name already places (长春国家自主创新示范区 in 长春市) or that two places share
        (吴兴·青川…产业园) is not placed again by who hosts it."""
        out: list[Found] = []
        placed = {s for s, pred, o, _ in found if pred == "locatedIn" and self._is_region(o, ents)}
        for subject, pred, obj, _ in found:
            if pred == "hosts" and isinstance(obj, int) and ents[obj].type == "Platform" and self._is_region(subject, ents) \
                    and obj not in placed and PAIR not in ents[obj].label:
                out.append((obj, "locatedIn", subject, "relations.hosted-located"))
            elif pred == "locatedIn" and isinstance(subject, int) and ents[subject].type == "Platform" and \
                    self._division(obj if isinstance(obj, str) else ents[obj].key if ents[obj].type == "Region" else None):
                out.append((obj, "hosts", subject, "relations.hosted-located"))
        return out

    def _roles(self, text: str, start: int, inside: list[int], ents: list[Candidate], ctx: Context) -> list[Found]:
        """The speaker's place among regions: 长三角城市群重要城市 puts the plan's region (or
        the region opening the clause, or the one right before the verb that gives it the role:
        支持洛阳加快建设中原城市群副中心城市) in 长三角城市群. ``pg:partOf`` stays the administrative tree."""
        out: list[Found] = []
        for i in inside:
            if ents[i].type != "Region" or not ROLE.match(text, ents[i].end):
                continue
            if any(w in text[start : ents[i].start] for w in OTHERS):
                continue  # 加强与长三角中心城市合作: the role is other cities'
            before = [j for j in inside if ents[j].end <= ents[i].start]
            subject = self._subject(text, before, ents, start, "locatedIn")
            if subject is None and before and ents[before[-1]].type == "Region" and \
                    ROLE_TAKER.fullmatch(text, ents[before[-1]].end, ents[i].start):
                subject = before[-1]  # the region that takes the role, named mid-clause
            subject = ctx.region_key if subject is None else subject
            if subject is not None and subject not in (i, ents[i].key) and not self._inside(i, subject, ents):
                out.append((subject, "locatedIn", i, "relations.role"))
        return out

    def _cued(self, pred: str, subject: End, i: int, ents: list[Candidate], before: list[int]) -> list[tuple[End, str, End]]:
        kind = ents[i].type
        if pred == "implements" and kind == "Program" and (self._is_region(subject, ents) or self._governs(subject, ents)):
            return [(subject, pred, i)]
        if pred == "develops" and kind == "Industry":
            return [(subject, pred, i)]
        if pred == "hosts" and kind in ("Project", "Platform") and self._is_region(subject, ents):
            return [(subject, pred, i)]
        if pred == "cooperatesWith" and kind == "Region" and subject not in (i, ents[i].key):
            if not self._is_region(subject, ents) or self._nested_regions(subject, ents[i].key, ents) or \
                    self._named_after(i, subject, ents):
                return []
            return [(subject, pred, i)]
        if pred == "locatedIn" and kind == "Region" and before:
            return [(before[-1], pred, i)]
        if pred == "locatedIn" and kind == "Platform" and before and ents[before[-1]].type in ("Platform", "Project"):
            return [(before[-1], pred, i)]  # 云起谷位于太湖国家级旅游度假区内: a place inside a platform
        if pred == "locatedIn" and kind == "Region" and self._joins(subject, i, ents):
            return [(subject, pred, i)]
        return []

    def _joins(self, subject: End, i: int, ents: list[Candidate]) -> bool:
        """Can the clause's subject, nothing named before the cue, lie in ``ents[i]`` (融入长三角, 地处长江经济带)?
        Only an area or a cluster, never a division (融入上海文章 is no move into 上海), nor one inside the subject,
        nor an area whose divisions are known and leave the subject out (融入粤港澳大湾区 in a 贵州 plan reaches
        out to it: ``area_members.csv``)."""
        area = ents[i].key
        if not self._is_region(subject, ents) or self._division(area) or subject in (i, area) or self._inside(i, subject, ents):
            return False
        own = subject if isinstance(subject, str) else ents[subject].key
        return not (area in self.lexicon.members and own and not self._covers(area, own))

    def _subject(self, text: str, before: list[int], ents: list[Candidate], start: int, pred: str) -> End | None:
        """A region (or, for develops, a platform) opening the clause."""
        for i in before:
            e = ents[i]
            lead = text[start : e.start].strip()
            if lead and lead not in LEAD_INS:
                break
            if e.type == "Region" or (pred == "develops" and e.type == "Platform"):
                return i
        if pred == "develops":  # 绍兴滨海新区重点发展集成电路: the platform anywhere before the cue
            platforms = [i for i in before if ents[i].type == "Platform"]
            if platforms:
                return platforms[-1]
        return None

    def _carried_subjects(
        self, text: str, clauses: list[tuple[int, int]], ents: list[Candidate], nested: set[int],
    ) -> dict[int, int | None]:
        """For each clause, by its start, the region an earlier clause of the sentence opened with:
        the subject of what follows until another region opens a clause or the plan speaks again
        (古交市加快发展合金材料产业,打造大宗固废综合利用产业园区: 古交市 builds the park). Only an
        administrative division, or a 新区 that governs like one (西海岸新区…,加快新旧动能转换), standing
        first in its clause opens a chain: not a list of regions (太原、忻州…), not a lake or an area,
        not the object of a lead-in (支持新昌县争创…)."""
        out: dict[int, int | None] = {}
        current: int | None = None
        order = sorted((i for i in range(len(ents)) if i not in nested), key=lambda i: (ents[i].start, i))
        k = 0
        for start, end in clauses:
            if text[start:end].lstrip().startswith(SPEAKER):
                current = None
            while k < len(order) and ents[order[k]].start < start:
                k += 1
            first = order[k] if k < len(order) and ents[order[k]].end <= end else None
            opens = first is not None and _LIST_NUMBER.fullmatch(text, start, ents[first].start) is not None
            if not opens or ents[first].type not in ("Region", "Platform"):
                out[start] = current
            elif self._actor(first, ents) and text[ents[first].end : ents[first].end + 1] not in (*ITEM_JOINS, "等"):
                current = first
            else:
                current = None  # 大运河…, 上海、杭州等…: no division of the plan's speaks on
        return out

    def _governing(self, text: str, before: list[int], ents: list[Candidate], start: int, cue: int) -> int | None:
        """A region standing right before a cue, only adverbs between, governs it even mid-clause
        (也是南宁市全面落实强首府战略的关键时期: 南宁市), unless the clause speaks of others."""
        last = before[-1] if before else None
        if last is None or ents[last].type != "Region" or not ADVERBS.fullmatch(text, ents[last].end, cue):
            return None
        if any(w in text[start : ents[last].start] for w in OTHERS):
            return None  # 支持与南宁市深化合作: the clause is about working with it
        return last

    def _named_elsewhere(self, i: int, ents: list[Candidate], ctx: Context, text: str) -> bool:
        """Does the name of ``ents[i]`` hold administrative divisions, by name or abbreviation (甬金高速),
        none of them the plan's own or inside it? (A river in a name, 长江二桥, says where, not whose.)"""
        e = ents[i]
        inner = [r.key for r in ents if r.type == "Region" and r is not e and e.start <= r.start and r.end <= e.end
                 and self._division(r.key)]
        if e.type == "Project" and connecting_kind(e.label):
            inner += self._abbreviated(e.label, ctx, text)
        own = ctx.region_key
        return bool(inner) and not any(k and own and (k == own or self._within(k, own)) for k in inner)

    def _same(self, a: End, b: End, ents: list[Candidate]) -> bool:
        """Are two ends one thing: the plan's own 新区 speaking of itself (两江新区 hosts 两江新区 is no relation)?"""
        def names(end: End) -> set[str]:
            if isinstance(end, int):
                return {n for n in (ents[end].key, ents[end].label) if n}
            entry = self.lexicon.entries.get(end)
            return {end} | ({entry.name} if entry else set())
        return bool(names(a) & names(b))

    def _named_after(self, i: int, end: End, ents: list[Candidate]) -> bool:
        """Does the name of ``ents[i]`` open with ``end``'s own name (山西中部城市群 for 山西省, 杭州都市圈
        for 杭州市)? Then ``end`` is part of it and works inside it, not with it."""
        own = end if isinstance(end, str) else ents[end].key
        label = ents[i].label
        leading = [k for n in range(MIN_NAME, min(len(label), MAX_NAME) + 1) for k in self.divisions.get(label[:n], ())]
        return bool(own) and own in leading

    def _nested_regions(self, end: End, key: str | None, ents: list[Candidate]) -> bool:
        """Does one region contain the other (浙江省 and 秀洲区), or is one an area the other lies in
        or reaches into (长三角 and 庐江县, 成渝地区双城经济圈 and 四川省: ``area_members.csv``)? A region
        works with its peers, not with its own province or districts, nor with an area it is part of
        (庐江对接融入长三角 in an 安徽 plan is no partnership)."""
        other = end if isinstance(end, str) else ents[end].key
        return bool(key and other) and (self._within(key, other) or self._within(other, key)
                                        or self._covers(key, other) or self._covers(other, key))

    def _covers(self, area: str, key: str) -> bool:
        """Does the area ``area`` cover all or part of the region ``key`` (a member, inside one, or holding one)?"""
        return any(m == key or self._within(key, m) or self._within(m, key) for m in self.lexicon.members.get(area, ()))

    def _inside(self, i: int, end: End, ents: list[Candidate]) -> bool:
        """Does ``ents[i]`` lie inside ``end`` (太原 in 山西省: 建设太原区域中心城市 in 山西's plan is about its city)?"""
        outer = end if isinstance(end, str) else ents[end].key
        return bool(ents[i].key and outer) and self._within(ents[i].key, outer)

    def _within(self, key: str, ancestor: str) -> bool:
        entry = self.lexicon.entries.get(key)
        while entry is not None and entry.parent:
            if entry.parent == ancestor:
                return True
            entry = self.lexicon.entries.get(entry.parent)
        return False

    def _water(self, key: str | None) -> bool:
        entry = self.lexicon.entries.get(key or "")
        return bool(entry and entry.kind == WATER)

    def _division(self, key: str | None) -> bool:
        entry = self.lexicon.entries.get(key or "")
        return bool(entry and entry.code)

    def _governs(self, end: End, ents: list[Candidate]) -> bool:
        return isinstance(end, int) and ents[end].type == "Platform" and self._actor(end, ents)

    def _actor(self, i: int, ents: list[Candidate]) -> bool:
        """An administrative division, or a platform that governs like one (西海岸新区, 新旧动能转换起步区)."""
        e = ents[i]
        return self._division(e.key) if e.type == "Region" else e.label.endswith(GOVERNING_PLATFORMS)

    def _is_region(self, end: End, ents: list[Candidate]) -> bool:
        return isinstance(end, str) or ents[end].type == "Region"


def _learned(text: str, start: int, at: int) -> bool:
    """Does a word of learning from others end just before ``at`` (where a verb or cue ends, or its
    program starts) in the clause from ``start`` (学习运用 before “千万工程”, 学习推广 ending at 推广)?"""
    return LEARNING.search(text, max(start, at - LEARNING_REACH), at) is not None


def connecting_kind(label: str) -> str:
    """The kind of road, railway or waterway a name ends in, after any section or phase
    (G329国道西延 -> 国道, 新成昆高铁云南段 -> 高铁), or "" for other names."""
    return _kind_and_base(label)[0]


def _kind_and_base(label: str) -> tuple[str, str]:
    """The kind a name ends in and the name up to its tail. Cuts are tried from the shortest tail
    (云南段 before 铁云南段, whose cut would lose the kind 高铁); ("", label) for other names."""
    cuts = [label] + [label[:k] for k in range(len(label) - 1, 0, -1) if _TAIL.fullmatch(label, k)]
    for base in cuts:
        kind = max((c for c in CONNECTING if base.endswith(c)), key=len, default="")
        if kind:
            return kind, base
    return "", label


@Language.factory("plangraph_relations", default_config={"lexicon_root": None, "patterns_root": None})
def make_relations(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> RelationFinder:
    return RelationFinder(load_patterns(patterns_root), load_lexicon(lexicon_root))
