"""Component: a region's positioning goals, the title a plan says its region will take
(建设省域副中心城市, 加快打造珠江东岸新增长极, 开启全面建设社会主义现代化大都市新征程).

Plans name what their region is to become with a verb of becoming and a title whose head word
says what kind of place it will be. Some heads only a whole region takes (中心城市, 增长极, 示范县);
others a plan also gives to one field of its work (打造全国最具安全感城市), so they count only in a
sentence framed as the region's own goal (目标, 定位, 新征程) or naming the region as the one that
takes it (全市, 我区, the plan's own region); a few (示范区, 典范, 城区) count only in the latter, as
a zone of that name is otherwise a platform inside the region. An ordinary object of work
(建设现代化产业体系, 打造一流营商环境) has no such head, a rank (跻身全国百强县) is no goal, and the
parts of a slogan or of a named list (“一极三城”(A、B…)) are not programs of their own.
Words and heads: ontology/patterns/positioning.toml.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, load_lexicon
from .candidates import Candidate, Context, nested_spans, state_of
from .patterns import Positioning, load_patterns

RULE = "positioning.goal"
DEFINED = "positioning.defined"
MOTTO = "positioning.motto"
CAPITAL = "positioning.capital-title"
# what a title is made of: no punctuation, quote, bracket, digit, nor a word that joins two items
# (和 of 和谐, 和美 joins nothing), nor the 在 that says where work is done (科技创新在现代化强省建设中)
_BODY = r"(?:和[谐平美睦]|[^，。；：！？,;:!?、“”‘’《》（）()\[\]\s\d和与及的在])"
# what may follow a title: the end of the clause or of a quoted goal, the next item, what the goal
# opens (新征程), or the progress it is to make (打造武汉都市圈副中心城市取得决定性进展)
_AFTER = r"(?=[，。；：！？,;:!?、”和与及的为]|新征程|建设|目标|取得|$)"
_LIST_JOIN = re.compile(r"[、和]")
# what may describe a title between its verb and it: 具有国际影响力的, 国际一流的, 名副其实的
_ATTRIBUTIVE = re.compile(rf"{_BODY}{{2,10}}?的")
# the place or strategy that scopes a title, before its 的: 带动西部地区高质量发展的 (重要增长极)
_SCOPE = re.compile(rf"{_BODY}{{2,16}}?的")
_TITLE_WORD = re.compile(rf"{_BODY}+")
_CLAUSE_BREAKS = "，。；：,;:、—"
# a rank, not a goal: 西北五强市, 全国百强县, 前十强 (a count before 强)
_RANK = re.compile(r"[一二两三四五六七八九十百千\d]强")
# a named list's parts, glossed after its quoted name: 打造“一极三城”,即A、B和C; “一极三城”:A、B和C
_GLOSSED = re.compile(r"”(?:[,，]?即|[:：])")
# a heading (a short line that ends no sentence: 第二篇 坚持创新驱动 建设三峡库区科技创新高地) or a goal
# of a list of goals, one clause after a dash (——建设国内国际双循环枢纽城市。): what it says the plan will
# build is the region's own goal. A numbered lead-in (18.加快建设新型智慧城市。) names a field of work.
_HEADING = re.compile(r"[^。；;！？!?]{4,40}")
_STANDALONE = re.compile(r"(\s*[—－\-]{1,2}\s*)[^。；;！？!?，,]{2,30}[。；;]")
_OPENING = 4  # what may stand before the verb of a goal standing alone: 努力, 加快, 奋力争创
# a set of titles counted, not one title (打造三大科创高地, 建设一批特色名城)
_COUNTED = re.compile(r"[一二两三四五六七八九十百千\d]+[大个批座]|若干|多个")
# how well a title is to be built, no part of its name (打造高水平创新型城市)
_DEGREE = re.compile(r"高(?:水平|标准|起点)(?=\w{2})")
# the end of a list of the titles a region is given, without a verb (紧扣A、B、C等发展定位)
# the progress a plan reports on the building of a title (…建设取得重大进展, 建设迈出坚实步伐)
_PROGRESS = "(?:取得|实现|迈出|迈上)"
_DEFINED = re.compile(r"(等)?(?:的)?(?:总体|发展|战略|功能|城市)定位")
_ITEM_BREAKS = "，。；：,;:!?！？（(“”"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


class PositioningGoals:
    """Finds the titles a plan gives its region after a verb of becoming (and the items listed with
    one), or a strong-level title before the work on it, and keeps those the region itself takes."""

    def __init__(self, words: Positioning, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.region_heads = frozenset(words.region_heads)
        self.own_heads = frozenset(words.own_heads)
        heads = _alternation(words.region_heads + words.framed_heads + words.own_heads)
        self.title = re.compile(rf"({_BODY}{{2,22}}?)({heads}){_AFTER}")
        # a title scoped by a place or a strategy before a 的 (中部地区崛起的重要战略支点, 新发展格局的战略支点):
        # after the 的 comes only its head, or a word every plan uses before one
        self.scoped = re.compile(rf"((?:{_alternation(words.bare_bodies)})?)({heads}){_AFTER}")
        self.item = re.compile(rf"({_BODY}{{2,22}}?)({heads})")
        self.verb = re.compile(_alternation(words.verbs))
        self.frame = re.compile(_alternation(words.frames))
        self.self_words = re.compile(_alternation(words.self_words))
        self.subject_leads = words.subject_leads
        self.bare = frozenset(words.bare_bodies)
        self.role_heads = frozenset(words.role_heads)
        self.leads = frozenset(words.verbs + words.leads)
        self.mottos = words.mottos
        # 中国药都, 世界鞋都 (one character before 都), 中国电器之都 (two to six before 之都); not a city's
        # own name (中国成都 is 成都) and not 都市, 都会 or 都城
        self.capital = re.compile(rf"(?:{_alternation(words.capital_scopes)})(?:{_BODY}都|{_BODY}{{2,6}}?之都)(?![市会城])")
        self.capital_nouns = frozenset(words.capital_nouns)
        self.capital_scopes = words.capital_scopes
        strong = [h for h in words.region_heads if h.startswith("强")]
        self.strong_work = re.compile(rf"(?:{_alternation(tuple(strong))})(?=建设)")
        others = tuple(h for h in words.region_heads + words.framed_heads if h not in strong)
        self.progress_work = re.compile(rf"(?:{_alternation(others)})(?=建设{_PROGRESS})")

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text = state.text
        framed = bool(self.frame.search(text)) or self.standalone(text.strip())
        subjects = self.subjects(text, state.candidates, state.context)
        names = self.region_names(state.context)
        places = [(c.start, c.end) for c in state.candidates if c.type == "Region"]
        defined = self.defined_titles(text)
        # a title whose building made progress (现代化滨海城市建设取得新的重大成就) is one the region took up
        # (three characters before its head at least: 人才高地建设取得成效 reports on a field of work)
        progress = self.strong_titles(text, state.tokens, places, self.progress_work, shortest=3)
        strong = self.strong_titles(text, state.tokens, places, self.strong_work)
        for start, end, head, verb_at in self.titles(text) + strong + defined + progress:
            before = [own for at, own in subjects if at < verb_at]
            # a title the plan quotes after its verb (建设“贯彻新发展理念示范区”) or lists as the region's
            # 定位 is one the region is given
            given = ((text[start - 1:start] == "“" and text[end:end + 1] == "”")
                     or (start, end, head, verb_at) in defined or (start, end, head, verb_at) in progress)
            own = (bool(before) and before[-1]) or given or any(n in text[start:end] for n in names)
            if head in self.own_heads and not own:
                continue
            if not (head in self.region_heads or framed or own):
                continue
            name = text[start:end]
            if "的" in name and not _scoped_by(start, name.index("的") + start, state.candidates):
                continue  # 具有国际影响力的现代化城市: a quality, not a place or a strategy, before the 的
            if (name[:-len(head)] in self.bare or _RANK.search(name) or _COUNTED.match(name)
                    or _part_of_longer_name(text, start, end, verb_at)):
                continue
            if any(e.type != "Program" for e in self.lexicon.lookup(name)):
                continue  # a platform or region the lexicon knows by this name
            if head in self.role_heads and any(e.type == "Program" for e in self.lexicon.lookup(name[:-len(head)])):
                continue  # a role in a known program (重要窗口排头兵): the program is the name
            rule = DEFINED if (start, end, head, verb_at) in defined else RULE
            state.candidates.append(Candidate(start, end, "Program", name, rule, priority=1))
        state.candidates += self.motto_names(text, state.candidates)
        state.candidates += self.capital_titles(text)
        return doc

    def capital_titles(self, text: str) -> list[Candidate]:
        """A region's title as the country's or the world's capital of one trade (ontology:
        capital_scopes; 中国药都, 中国乳都, 世界鞋都, 中国电器之都): the name its industry goes by."""
        found = []
        for m in self.capital.finditer(text):
            scope = next(s for s in self.capital_scopes if m.group().startswith(s))
            rest = m.group()[len(scope):]
            if rest in self.capital_nouns or self.lexicon.lookup(rest):
                continue  # 中国首都, 中国古都; 中国成都 names a city
            found.append(Candidate(m.start(), m.end(), "Program", m.group(), CAPITAL, priority=1))
        return found

    def motto_names(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """A region's motto: a division's name right after the words a motto puts before it
        (ontology: mottos; 现代化新湖南, 现代化美好安徽, 现代化大武汉), the image the region holds up."""
        found = []
        for c in candidates:
            entry = self.lexicon.entries.get(c.key) if c.type == "Region" and c.key else None
            if entry is None or not entry.level:  # a division, not a macro-region (长三角)
                continue
            for opener in self.mottos:
                if text.endswith(opener, 0, c.start):
                    start = c.start - len(opener)
                    found.append(Candidate(start, c.end, "Program", text[start:c.end], MOTTO, priority=1))
                    break
        return found

    def standalone(self, text: str) -> bool:
        """Is the sentence a heading, or one goal of a list of goals: a clause after a dash that opens
        with its verb (——努力建成全国全域旅游示范城市。, not ——今后五年是加快建设X的关键时期。)?"""
        if _HEADING.fullmatch(text):
            return True
        line = _STANDALONE.fullmatch(text)
        if not line:
            return False
        verb = self.verb.search(text, line.end(1))
        return bool(verb) and verb.start() - line.end(1) <= _OPENING

    def titles(self, text: str) -> list[tuple[int, int, str, int]]:
        """(start, end, head, where its verb is) of every title after a verb of becoming, or after
        what describes it there (…的), and of the items listed with it (建设X、打造Y和Z: the list
        after one verb shares it)."""
        found: list[tuple[int, int, str, int]] = []
        for verb in self.verb.finditer(text):
            at = degree.end() if (degree := _DEGREE.match(text, verb.end())) else verb.end()
            at += text[at:at + 1] == "“"  # a title in quotes after its verb: 建设“贯彻新发展理念示范区”
            if (scope := _SCOPE.match(text, at)) and (scoped := self.scoped.match(text, scope.end())):
                found.append((at, scoped.end(), scoped.group(2), verb.start()))
                continue
            if not self.title.match(text, at) and (attributive := _ATTRIBUTIVE.match(text, at)):
                at = attributive.end()  # 建设具有国际影响力的区域中心城市: the title after what describes it
            while (m := self.title.match(text, at)) and not self.verb.search(m.group(1)):
                found.append((m.start(), m.end(), m.group(2), verb.start()))
                join = _LIST_JOIN.match(text, m.end())
                if not join:
                    break
                at = join.end()
        return found

    def defined_titles(self, text: str) -> list[tuple[int, int, str, int]]:
        """(start, end, head, start) of the titles listed before the word for what the region is
        defined as (紧扣全省生态优先绿色低碳发展先行区、川南省域经济副中心等发展定位): the items of the
        clause, from after its last lead word (ontology: leads; 紧扣, 围绕 end one), that end in a head. One
        name before the word is whose 定位 it is (落实北京城市战略定位), so it takes a list or an 等."""
        found = []
        for tail in _DEFINED.finditer(text):
            opened = max(text.rfind(c, 0, tail.start()) for c in _ITEM_BREAKS) + 1
            at = opened
            for lead in self.leads:  # the list begins after the last verb or adverb of the clause
                if (i := text.rfind(lead, opened, tail.start())) >= 0:
                    at = max(at, i + len(lead))
            items = list(_LIST_JOIN.finditer(text, at, tail.start()))
            if not (items or tail.group(1)):
                continue
            bounds = [at, *(j.end() for j in items)], [*(j.start() for j in items), tail.start()]
            for a, b in zip(*bounds):
                if (m := self.item.fullmatch(text, a, b)) and not self.verb.search(m.group(1)):
                    found.append((a, b, m.group(2), a))
        return found

    def strong_titles(self, text: str, tokens: list[tuple[int, int]], places: list[tuple[int, int]],
                      work: re.Pattern[str], shortest: int = 2) -> list[tuple[int, int, str, int]]:
        """(start, end, head, start) of every title ``work`` finds before the work on it: a strong-level
        one (开创西部现代化强市建设新局面, 加快制造业强市建设), or any whose building made progress
        (现代化滨海城市建设取得新的重大成就). Its modifier runs back over whole words
        to a verb or an adverb (ontology: leads; 加快推进 ends in one), a place (秀洲文化强区 is the
        region's 文化强区) or anything that is no part of a title; a lead that opens the first word
        (开创新时代现代化强省) is left out too. The modifier is ``shortest`` characters at least."""
        found = []
        for m in work.finditer(text):
            start = m.start()
            for a, b in reversed([t for t in tokens if t[0] < m.start()]):
                word = text[a:min(b, m.start())]
                if (any(word.endswith(w) for w in self.leads) or not _TITLE_WORD.fullmatch(word)
                        or m.start() - a > 16 or any(p < b and a < q for p, q in places)):
                    break
                start = a
            # a word cut across a lead (开创新时代 as 开/创新/时代) leaves the lead at the front: no part of it
            start += next((len(w) for w in self.leads
                           if len(w) >= 2 and text.startswith(w, start) and m.start() - start - len(w) >= 2), 0)
            if m.start() - start >= shortest:
                found.append((start, m.end(), m.group(), start))
        return found

    def region_names(self, context: Context) -> list[str]:
        """The plan's own region by its names (宝鸡市, 宝鸡): a title naming it is the region's own."""
        entry = self.lexicon.entries.get(context.region_key) if context.region_key else None
        return [n for n in (entry.name, entry.short, *entry.aliases) if n and len(n) >= 2] if entry else []

    def subjects(self, text: str, candidates: list[Candidate], context: Context) -> list[tuple[int, bool]]:
        """(where, is it the plan's own region) of every region the sentence puts where a subject
        stands (at a clause's start or after 把/推动/支持): 全市, 我区, or a division by name. The
        last before a verb is the one taking its title (推动嵊州打造X、新昌打造Y: Y is 新昌's)."""
        found = [(m.start(), True) for m in self.self_words.finditer(text)]
        inside = nested_spans(candidates)  # the place in a longer name (绍兴兰亭森林野生动物园) is no subject
        for i, c in enumerate(candidates):
            entry = self.lexicon.entries.get(c.key) if c.type == "Region" and c.key else None
            if entry is None or not entry.level:  # a division, not a macro-region (长三角)
                continue
            if i not in inside:
                found.append((c.start, c.key == context.region_key))
        return sorted((at, own) for at, own in found if self._subject_position(text, at))

    def _subject_position(self, text: str, at: int) -> bool:
        return at == 0 or text[at - 1] in _CLAUSE_BREAKS or any(text.endswith(w, 0, at) for w in self.subject_leads)


def _scoped_by(start: int, end: int, candidates: list[Candidate]) -> bool:
    """Does a place or a program the lexicon knows stand in text[start:end], the scope before a title's
    的 (中部地区 in 中部地区崛起的重要战略支点, 新发展格局 in 新发展格局的战略支点)?"""
    return any(start <= c.start and c.end <= end and (c.type == "Region" or c.rule == "lexicon.name")
               for c in candidates)


def _part_of_longer_name(text: str, start: int, end: int, verb_at: int) -> bool:
    """Is text[start:end] inside a longer quoted slogan, or one of the glossed parts of a named
    list (“一极三城”(A、B、C), “一极三城”,即A、B, “一极三城”:A、B)? Either way the slogan or the list is the
    program, not this part. A quoted goal that is only its verb and title (赋予南充“建设川东北区域
    中心城市”的使命) is that title."""
    opened = text.rfind("“", 0, start)
    if opened >= 0 and text.rfind("”", 0, start) < opened:
        return not (opened + 1 in (verb_at, start) and text[end:end + 1] == "”")
    bracket = max(text.rfind("(", 0, start), text.rfind("（", 0, start))
    if bracket >= 0 and max(text.rfind(")", 0, start), text.rfind("）", 0, start)) < bracket:
        return text[bracket - 1:bracket] == "”" or text[bracket + 1:bracket + 2] == "即"
    named = text.rfind("”", 0, start)
    return named >= 0 and bool(_GLOSSED.match(text, named))


@Language.factory("plangraph_positioning", default_config={"lexicon_root": None, "patterns_root": None})
def make_positioning(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> PositioningGoals:
    return PositioningGoals(load_patterns(patterns_root).positioning, load_lexicon(lexicon_root))
