"""Component: names set in quotation marks (“八八战略”, “名士之乡”英才计划, 《…条例》)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import compiled
from ..chinese import DIGITS, count_of
from ..dictionary import general_dictionary
from ..indicators import load_indicators
from ..lexicon import Lexicon, load_lexicon, place_names, resolve_root
from .candidates import Candidate, state_of
from .patterns import Patterns, load_patterns
from .proper import ProperTest
from .segmenter import segmenter_of
from .slogans import Slogans, load_slogan_frames
from .suffix_words import WHOLE_OF_MANY
from .text import FORMULA, place_chain

_QUOTED = re.compile(r"“([^“”\n]{2,20})”")
_TITLED = re.compile(r"《([^《》\n]{2,30}条例)》")
# a named policy document (《海南自由贸易港建设总体方案》, 《徐州市国土空间总体规划》) is a program; a plan
# title (…国民经济和社会发展…纲要) and a bare kind (《纲要》, 《行动方案》) are not; its years are no part of the name
_POLICY_TITLE = re.compile(r"《([^《》\n]{4,60}?(?:规划|纲要|方案|清单))(\s*[(（][^()（）]*\d{4}[^()（）]*[)）])?》")
_PLAN_TITLE = "国民经济和社会发展"
_BAD_CORE = re.compile(r"[，。；：！？,;:!?]")  # a quoted clause
# a slogan may pair short phrases (“干好一一六、当好排头兵”, “东整、西优、南启”); a longer part is prose
_SLOGAN_PART = re.compile(r"[^、]{2,6}")
_NUMBERED = re.compile(rf"[{DIGITS}十百千万双两]|\d")
_SIDE_BY_SIDE = ("", "、")  # what may stand between quotes of one run
# a count and one word (“三农”, “五育”, “两园”) counts a set of things; it names no initiative of its own,
# unless a cue sets it as work to do and the clause ends there or its building follows (深入推进“两创”,
# 加快“双区”建设, “四城”建设): then it is a program named by its code
_COUNTED_SET = re.compile(rf"[{DIGITS}十百千万双两\d].")
_COUNTED_SET_WORK = re.compile(r"[，。；、,;]|建设|$")
# a count and a kind (“五大枢纽”, “三大平台”) names a group of things, a program, never one of them
_GROUP = re.compile(rf"[{DIGITS}十两\d]+[大个项]")
# nothing but counted kinds (“三圈三街三站”, “八站两场”): a slogan of what to build, whatever its last word (not
# “一带一路”科技创新合作区, a zone named after one)
_COUNTED_KINDS = re.compile(rf"(?:[{DIGITS}十两]+[^{DIGITS}十两\d]){{2,}}")
# a tail that only says what kind of work the quote names: “最多跑一地”改革, “无废城市”建设试点 and
# “两山银行”试点 are the initiatives 最多跑一地, 无废城市, 两山银行 (“凤凰”行动 is named 凤凰行动)
_KIND_ONLY = re.compile(r"(?:建设|创建)?(?:改革|试点|模式)")
# a quoted slogan before a kind of industry names the scheme, not a trade (“芯屏器核网”全产业链,
# “粮头食尾”产业链, “万亩千亿”产业): the quote is the program; a quoted trade stays one (“数字经济”产业)
_INDUSTRY_KIND_ONLY = re.compile(r"全?产业(?:链|集群)?")
# rankings and records are quoted too (“30强”, “八连冠”, 全国文明城市“两连创”, 位居全国“第一方阵”), but they are not initiatives;
# nor are statuses and titles a place wins or a goal it meets: a ranked kind of place (“百强县”), a size
# of economy (“千亿城区”), an award (“最具幸福感城市”), a brand grade (“国字号”, “老字号”), an outcome
# (“双胜利”), a double first place (“双第一”, “两个第一”) or the nth of a set of goals (“第一个百年目标”)
_RANKING = re.compile(
    r"连[冠创]|(?:[\d十百千万]强[省市县区镇村企]?|[\d十百]佳|冠军)$|^第[一二三\d]+(?:方阵|梯队)$"  # “十三连冠夺金鼎”
    r"|[十百千万]亿级?(?:城区|城市|[省市县区])$|^(?:中国)?最[具佳]|[国老]字号$|^[双两](?:胜利|丰收|第一)$|^两个第一$|^第[一二三四五六七八九十\d]+个"
)
_NUMBER = re.compile(r"[\d.%％~\-]+")
# the three sectors in order of size (产业结构由“二三一”转为“三二一”): an economy's structure, unless a kind of
# thing follows and makes it a scheme's code (深入实施“一二三”发展战略)
_SECTOR_ORDER = re.compile(r"一二三|一三二|二一三|二三一|三一二|三二一")
_YEAR = re.compile(r"(?:19|20)\d\d")
# a scheme coded by numbers (“343”, “1+3+X”, “5+5+N”) names a program with its kind, to the kind's end
_SCHEME = re.compile(r"[\dA-Z+＋]+")
_SCHEME_END = re.compile(r"体系|集群|布局|格局")
# the kinds a numbered slogan before them makes a scheme of (“三头六臂”支柱产业, “四型机场”, “一枢三支”机场布局,
# “一心两轴三片区”)
SCHEMED_KINDS = ("Industry", "Project", "Platform")
# the kind that names a coded scheme, with what qualifies it (“4+1”重要要求, “3+3”战略示范工程, “1+N+X”政策体系);
# a plan's own work on someone's scheme (“1+1+9”工作部署, “1376”总体思路) is no kind of it
_SCHEME_KIND = re.compile(r"[^\W\d等和与及的个]{0,5}(?:体系|集群|工程|要求|战略|行动|计划)")
# the rest of a kind that ends in a network or cluster of its things (干线|公路网, 快速路|网, 航道|网络)
_MANY_AFTER = re.compile(rf"[^\W、等和与及的]{{0,4}}?(?:{'|'.join(WHOLE_OF_MANY)})")
# what a quote's tail never holds: a count or a linking verb (“聚贤谷”两大科创片区, “科学谷”位于湖州高铁), nor
# does it open with 即, 为 or 包括, which spell out what the quote stands for (“两核”即柳东国家级高新区、河西…高新区,
# “三主”为刘集机场、襄阳东站, “多点”包括樊西汽车客运站; not 为民, a name's own word)
_NOT_ONE_NAME = re.compile(r"[两三四五六七八九十]大|\d+个|位于|地处|作为|成为|摆在|放在|^即|^为(?!民)|^包括")
# the part of a country or province an item of a regional layout speaks of: a direction (东部, 东北,
# 中部地区), one after a province's abbreviation (滇中, 皖北, 滇东北) or a border (沿边, 沿海)
_COUNT_WORD = rf"[{DIGITS}十百千万双两\d]+[大个号项]?"  # the count that opens a scheme of work
FIELD_REACH = 8  # the longest field name read before a scheme (新一代信息技术)
# a quoted list named by the count of its items and their kind of work (“强工业、强创新、强金融”三大战略,
# “产业升级、城市更新、乡村振兴、民生改善”四件大事) is one program, when the count is the number of items
_COUNTED_LIST = re.compile(rf"“([^“”\n]{{5,60}})”([{DIGITS}十两]|\d+)[大件个项篇][^\W\d]{{0,2}}?(?:举措|工程|战略|行动|大事|任务|计划|要求|文章)")
LINK, CHAINS = "—", ("产业链", "全产业链")  # the links of an industrial chain
_COUNTED_INDUSTRIES = re.compile(rf"(?:[{DIGITS}十两]|\d+)[大个条][^\W\d]{{0,6}}?产业(?:集群|链)?")  # 三大产业, 四大千亿产业
_LAYOUT = re.compile(r"“([^“”\n]{5,60})”")  # a layout of several items is longer than one name
# a quoted run of parallel short phrases is one program when a kind of work follows it (“煤改气、油改气、油改电”工程,
# “守青山、护绿水”行动, “工业强市、产业兴市”战略); a quoted list with no such kind is often a principle or a problem
_PARALLEL_PART = re.compile(r"[^、，。；：！？,;:!?]{2,8}")
PARALLEL_PARTS = (2, 6)  # fewest and most phrases of one slogan
COINED_MAX = 6  # a coined slogan is short (“立园满园”); a longer quote is a clause (“提升南阳等区域中心城市规模能级”)
# a count after a run of quotes makes them the members of a set of places or routes (“溇港文化”“陆羽茶径”4条风景线)
_COUNTED_AFTER = re.compile(rf"(?:[{DIGITS}十两]|\d+)[条个大项处座家]")
_DIRECTION = r"(?:东北|西北|东南|西南|东|西|南|北|中)部?(?:地区)?|沿[边海江黄]"


class QuotedNames:
    """A quoted term is a name; a suffix word glued after the quote joins it.

    Plans quote their programs and slogans. The tail (“名士之乡”英才计划) decides
    the type when present; otherwise the quoted core is a Program, the type the
    guidelines give most quoted names. The core stays as an alias, since that is
    how the text refers to the thing. Plans also quote figures of speech, so a
    quoted term needs evidence of being an initiative: the lexicon knows it, a
    cue word frames it (实施“…”, “…”改革), or it is a numbered name (“双十双百”).
    """

    def __init__(self, patterns: Patterns, lexicon: Lexicon, proper: ProperTest, slogans: Slogans) -> None:
        self.patterns = patterns
        self.slogans = slogans
        self.lexicon = lexicon
        self.proper = proper
        tails = "|".join(re.escape(s.text) for s in patterns.suffixes if s.type != "Region")
        self.tail = re.compile(rf"[^\W等和与及的个]{{0,8}}?(?:{tails})")  # not 5个特色小谷: a count
        self.suffix_end = re.compile(rf"(?:{tails})$")
        # each suffix that types a name (no Region) -> (its place in the patterns, its type): _type_of takes
        # the first in that order a name ends in, found by the name's endings instead of a scan of every suffix
        self.suffix_types: dict[str, tuple[int, str]] = {}
        for i, suffix in enumerate(patterns.suffixes):
            if suffix.type != "Region":
                self.suffix_types.setdefault(suffix.text, (i, suffix.type))
        self.longest_suffix = max(map(len, self.suffix_types), default=0)
        works = "|".join(re.escape(s.text) for s in patterns.suffixes if s.type == "Program")
        self.scheme = re.compile(rf"{_COUNT_WORD}.{{0,4}}(?:{works})")  # 十大工程, 一号工程, 双千工程
        # what names a quoted run of phrases as one work: a program's kind, with up to three words of what
        # kind (总战略, 发展战略, 招引行动); a count before the kind (四大工程) is quoted.counted-list's
        self.parallel = re.compile(rf"“([^“”\n]{{5,60}})”([^\W\d等和与及的个]{{0,3}}?(?:{works}))")
        provinces = "".join(sorted(a for a, ids in lexicon.abbreviations.items()
                                   if any(lexicon.abbreviation_context.get((a, i)) == "province" for i in ids)))
        moves = "|".join(map(re.escape, patterns.regional_moves))
        self.part = compiled.regex("quoted.regional-moves", rf"(?:[{provinces}]?(?:{_DIRECTION})|{'|'.join(map(re.escape, sorted(place_names(lexicon))))})(?:{moves})") if moves else None

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text, out = state.text, state.candidates
        token_ends = state.token_ends
        for m, rule in self._evidenced_quotes(text):
            core = m.group(1).strip()
            if LINK in core and text.startswith(CHAINS, m.end()) or _COUNTED_INDUSTRIES.fullmatch(core):
                continue  # “锂矿—正负极材料—电芯”产业链 names a chain by its links (lists.chain-links), A、B“两大千亿
                # 产业” counts the industries before it (lists.closed-by-kind): neither is a program
            start, end = m.start(), m.end()
            label, aliases = core, ()
            type_ = "Program" if self._numbered_scheme(core, core) else self._type_of(core)  # “四型机场”: a scheme
            tail = self._name_tail(text, end) if "、" not in core else None
            scheme = _SCHEME.fullmatch(core)  # “343”创新产业集群, “1+3+X”现代化产业体系: a coded scheme
            if tail and not scheme and _MANY_AFTER.match(text, tail.end()):
                tail = None  # “六纵五横”干线公路网, “两横三纵”快速路网: the quote names a layout of many, no one road
            tail_end = tail.end() if tail else end
            # a coded or counted scheme's kind goes on into its system (“343”创新产业集群, “三主两辅多点”客运枢纽体系)
            counted = scheme or self._numbered(core)
            if tail and counted and (whole := _SCHEME_END.match(text, tail_end)):
                tail_end = whole.end()
            if scheme and (kind := _SCHEME_KIND.match(text, end)) and kind.end() in token_ends and kind.end() > tail_end:
                tail, tail_end = kind, kind.end()
            if tail and tail_end in token_ends:
                full = core + text[end:tail_end]
                label, aliases = (core, (full,)) if _KIND_ONLY.fullmatch(tail.group()) else (full, (core,))
                type_ = "Program" if scheme or self._numbered_scheme(core, full) else self._type_of(full)
                if _INDUSTRY_KIND_ONLY.fullmatch(tail.group()) and type_ == "Industry" and self._type_of(core) != "Industry":
                    label, aliases, type_ = core, (full,), "Program"
                end = tail_end
            if type_ in ("Industry", "Program") and place_chain(core, self.lexicon.is_place):
                continue  # “儋州—洋浦—临高—昌江—东方”临港产业: places joined by dashes, each a place of its own
                # (“杭州—绍兴”联合枢纽 is the hub they share)
            left = self._region_prefix(text, start)
            if not left and (left := self._field_prefix(text, start, core)):
                rule = "quoted.field-scheme"
            if left:
                label, aliases = left + label, (*aliases, label)
                start -= len(left)
            out.append(Candidate(start, end, type_, label, rule, aliases=aliases, priority=2))
        for m in _COUNTED_LIST.finditer(text):
            items = m.group(1).split("、")
            count = count_of(m.group(2))
            if count == len(items) and all(2 <= len(i) <= 8 and not _BAD_CORE.search(i) for i in items):
                if m.group().endswith("战略"):  # a count of strategies names each: “工业强县、大美庐江、全域旅游”三大战略
                    at = m.start(1)
                    for item in items:
                        out.append(Candidate(at, at + len(item), "Program", item, "quoted.counted-list", priority=2))
                        at += len(item) + 1
                    continue
                label = m.group(1) + text[m.end(1) + 1 : m.end()]
                out.append(Candidate(m.start(), m.end(), "Program", label, "quoted.counted-list", aliases=(m.group(1),), priority=2))
        for m in self.parallel.finditer(text):
            if m.end() in token_ends and self._parallel(m.group(1)) and not _NOT_ONE_NAME.search(m.group(2)):
                out.append(Candidate(m.start(), m.end(), "Program", m.group(1), "quoted.parallel-slogan",
                                     aliases=(m.group(1) + m.group(2),), priority=2))
        out.extend(self.slogans.quoted(text, token_ends))
        for start, part in self._layout(text):
            out.append(Candidate(start, start + len(part), "Program", part, "quoted.regional-moves", priority=2))
        for m in _TITLED.finditer(text):
            out.append(Candidate(m.start(), m.end(), "Program", m.group(1), "quoted.law-title", priority=2))
        for m in _POLICY_TITLE.finditer(text):
            if _PLAN_TITLE not in m.group(1):
                aliases = (m.group(1) + m.group(2),) if m.group(2) else ()
                out.append(Candidate(m.start(), m.end(), "Program", m.group(1), "quoted.policy-title", aliases=aliases, priority=2))
        return doc

    def _evidenced_quotes(self, text: str) -> list[tuple[re.Match[str], str]]:
        """Quotes that may be names and have evidence of being initiatives. Quotes set
        side by side (实施“人才新政”“科技新政”, “奔越”“留绍”) share their evidence."""
        found: list[tuple[re.Match[str], str]] = []
        run: list[re.Match[str]] = []
        for m in _QUOTED.finditer(text):
            if run and text[run[-1].end() : m.start()] not in _SIDE_BY_SIDE:
                found.extend(self._if_evidenced(run, text))
                run = []
            core = m.group(1).strip()
            if core in self.patterns.exclude or _BAD_CORE.search(core) or self._ranking(core, text, m.start(), m.end()):
                continue
            if _COUNTED_SET.fullmatch(core) and not self.lexicon.lookup(core) and not self._name_tail(text, m.end()) \
                    and not self._set_to_work(text, m.start(), m.end()):
                continue
            if "、" in core and not self._slogan(core):
                continue
            run.append(m)
        found.extend(self._if_evidenced(run, text))
        return found

    def _set_to_work(self, text: str, start: int, end: int) -> bool:
        """Is the counted set at ``start:end`` work the plan sets itself: a cue before it and the clause
        ending after it (深入推进“两创”，), or its building after it (“双区”建设)?"""
        work = _COUNTED_SET_WORK.match(text, end)
        return bool(work) and (work.group() == "建设" or self._cued_before(text, start))

    def _name_tail(self, text: str, end: int) -> re.Match[str] | None:
        """A suffix word glued after the quote at ``end`` (“凤凰”行动), with what comes before it,
        when they may belong to one name with the quote."""
        tail = self.tail.match(text, end)
        return None if tail is None or _NOT_ONE_NAME.search(tail.group()) else tail

    def _layout(self, text: str) -> list[tuple[int, str]]:
        """The items, with their offsets, of every quoted regional layout (“东部率先、西部开发、东北振兴、
        中部崛起”): a list whose every item is a part of the country or province and what it is set to
        do. Each item is a program of its own; a list with any other item (“共抓大保护、不搞大开发”) is none."""
        found: list[tuple[int, str]] = []
        for m in _LAYOUT.finditer(text):
            parts = m.group(1).split("、")
            if self.part is None or len(parts) < 2 or not all(self.part.fullmatch(p) for p in parts):
                continue
            at = m.start(1)
            for p in parts:
                found.append((at, p))
                at += len(p) + 1
        return found

    def _ranking(self, core: str, text: str, start: int, end: int) -> bool:
        """A ranking or a record (“30强”, “八连冠”); a bare number is one too, unless it is a
        scheme's code: a kind of thing follows it (“5433”综合交通大会战, “343”创新产业集群, “315”科技创新体系), a kind
        of course does (围绕“1161”工作主题主线, 聚焦“12345”发展思路: the words of slogans.toml) or a cue frames it
        (坚持“1376”总体思路). A year (“2035”目标) is no code. The order of the three sectors (“三二一”) is an
        economy's structure unless a kind of thing follows it (“一二三”发展战略)."""
        if _NUMBER.fullmatch(core):
            coded = self.tail.match(text, end) or _SCHEME_KIND.match(text, end) or self.slogans.kind.match(text, end) \
                or self._cued_before(text, start)
            return not core.isdigit() or _YEAR.fullmatch(core) is not None or not coded
        if _SECTOR_ORDER.fullmatch(core):
            return not self.tail.match(text, end)
        return bool(_RANKING.search(core))

    def _if_evidenced(self, run: list[re.Match[str]], text: str) -> list[tuple[re.Match[str], str]]:
        """The quotes of a run that are names, each with the rule that shows it."""
        if not run:
            return []
        evidenced = [self._evidenced(m.group(1).strip(), text, m.start(), m.end()) for m in run]
        if evidenced[0] or self._cued(text, run[0].start(), run[-1].end()):
            return [(m, "quoted.name") for m in run]  # the run's first quote or the whole run is framed as an initiative
        coined = all(len(c := m.group(1).strip()) <= COINED_MAX and self.proper(c) for m in run)
        if len(run) >= 2 and coined and not _COUNTED_AFTER.match(text, run[-1].end()):
            return [(m, "quoted.coined-run") for m in run]  # coined names side by side (“立园满园”“进解优促”): slogans
        return [(m, "quoted.name") for m, ok in zip(run, evidenced) if ok]

    def _slogan(self, core: str) -> bool:
        """A numbered slogan of short phrases (“干好一一六、当好排头兵”), not a quoted
        list of words (“产业、金融、科技”) or of names that each end in a suffix word."""
        parts = core.split("、")
        return (
            self._numbered(core)
            and all(_SLOGAN_PART.fullmatch(p) for p in parts)
            and not any(self.suffix_end.search(p) for p in parts)
        )

    def _parallel(self, core: str) -> bool:
        """A run of short phrases (“煤改气、油改气、油改电”), not a list of names that each end in a
        suffix word (“越城农韵酒乡、柯桥浪漫花乡”) nor a quoted clause."""
        parts = core.split("、")
        return (
            PARALLEL_PARTS[0] <= len(parts) <= PARALLEL_PARTS[1]
            and all(_PARALLEL_PART.fullmatch(p) for p in parts)
            and not any(self.suffix_end.search(p) for p in parts)
        )

    def _evidenced(self, core: str, text: str, start: int, end: int) -> bool:
        if self._numbered(core) or self.lexicon.lookup(core):
            return True
        return self._cued(text, start, end) or bool(self._name_tail(text, end))

    def _cued(self, text: str, start: int, end: int) -> bool:
        """A cue word right before ``start`` (实施“…”) or right after ``end`` (“…”改革)."""
        return self._cued_before(text, start) or any(text.startswith(c, end) for c in self.patterns.cues_after)

    def _cued_before(self, text: str, start: int) -> bool:
        before = text[max(0, start - 2):start]
        return any(before.endswith(c) for c in self.patterns.cues_before)

    def _numbered(self, core: str) -> bool:
        """Does a count stand in ``core`` (“一四六十”, “双千”, “311”), not only a numeral inside a word
        (“统一大市场”, “一流营商环境”: ontology/patterns/numeral_words.txt)?"""
        if not _NUMBERED.search(core):
            return False  # most quotes hold no numeral: no word to take out
        return bool(_NUMBERED.search(self.patterns.numeral_words.strip(core)))

    def _numbered_scheme(self, core: str, full: str) -> bool:
        """A numbered slogan before (or ending in) an industry's or a project's kind names a scheme of
        them, a program (“万亩千亿”产业, “三头六臂”支柱产业, “四型机场”, “一枢三支”机场布局), as a coded
        one does (“343”创新产业集群), unless the lexicon knows the slogan as an industry itself."""
        known = {e.type for e in self.lexicon.lookup(core)}
        return self._numbered(core) and "Industry" not in known and self._type_of(full) in SCHEMED_KINDS

    def _type_of(self, name: str) -> str:
        """Type by the lexicon, else by the name's suffix family, else Program. A formula
        (“众创空间+孵化器+加速器+产业园”) is a model of working, whatever its last word."""
        entries = self.lexicon.lookup(name)
        if entries:
            return entries[0].type
        if FORMULA in name or _GROUP.match(name) or _COUNTED_KINDS.fullmatch(name):
            return "Program"
        endings = (self.suffix_types.get(name[-n:]) for n in range(1, min(len(name) - 1, self.longest_suffix) + 1))
        return min(filter(None, endings), default=(0, "Program"))[1]

    def _field_prefix(self, text: str, start: int, core: str) -> str:
        """A program or industry the lexicon knows, written right before a quoted numbered scheme
        of work (碳达峰“十大工程”, 数字经济“一号工程”), is the scheme's field and part of its name;
        a scheme no field precedes (实施“十大工程”) keeps its quoted name."""
        if not self.scheme.fullmatch(core):
            return ""
        for n in range(min(FIELD_REACH, start), 1, -1):
            head = text[start - n : start]
            if any(e.type in ("Program", "Industry") for e in self.lexicon.lookup(head)):
                return head
        return ""

    def _region_prefix(self, text: str, start: int) -> str:
        """Region abbreviations glued before the quote (杭甬“双城记”)."""
        i = start
        while i > 0 and text[i - 1] in self.lexicon.abbreviations and start - i < 3:
            i -= 1
        return text[i:start] if start - i >= 2 else ""


@Language.factory("plangraph_quoted", default_config={"lexicon_root": None, "patterns_root": None})
def make_quoted(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> QuotedNames:
    lexicon, patterns = load_lexicon(lexicon_root), load_patterns(patterns_root)
    cut = segmenter_of(nlp, lexicon_root, patterns_root).cut
    places = place_names(lexicon)
    proper = ProperTest(general_dictionary(), places, frozenset(lexicon.abbreviations), cut, mistagged=patterns.mistagged)
    # indicator names are general: a lexicon folder without its own indicators.csv reads the default one
    own = resolve_root(lexicon_root).joinpath("indicators.csv").exists()
    slogans = Slogans(load_slogan_frames(patterns_root), lexicon, load_indicators(lexicon_root if own else None), general_dictionary(), places)
    return QuotedNames(patterns, lexicon, proper, slogans)
