"""Component: programs named after a region: a brand word plus a region name (平安杭州, 健康中国),
a national X强国 goal taken up by a province, city, district or county (制造强省, 文化强区), a
region's own strategy of building on a field (生态立市, 科教兴市, 工业强县) or of parallel means and
ends (以文塑旅、以旅彰文), and a region's own chapter of Chinese modernization (中国式现代化徐州新实践)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import compiled
from ..lexicon import Lexicon, load_lexicon, place_names
from .candidates import Candidate, state_of
from .patterns import Patterns, load_patterns

NATION = ("中国",)
# what may follow a brand and say only what kind of work it is: 数字绍兴建设行动 is the campaign 数字绍兴
KIND_OF_WORK = re.compile(r"(?:建设)?(?:行动计划|专项行动|行动|工程|计划)|建设")
# the national goals of becoming strong in a field (教育强国, 交通强国 …) as the lexicon names them
STRONG_NATION = re.compile(r"(.{2,6})强国(?:战略)?")
STRONG_LEVELS = "省市区县"  # the levels that take a national goal up as their own (制造强省, 教育强区)
# since 2022 every plan names its region's part of the national goal: 谱写中国式现代化甘孜州新篇章,
# 推进中国式现代化徐州新实践 (the name runs from 中国式现代化 to 篇章 or 实践)
MODERNIZATION = "中国式现代化"
CHAPTER = "新?(?:篇章|实践)"
LEVELS = "省市州盟县区旗"  # a level written after a short name (甘孜州, 阿拉善盟)
# a region's strategy of standing on, reviving by or growing strong through one field: two characters of
# field, the verb and the region's level (生态立市, 科教兴市, 工业强县), with the kind that may follow it
# (首位战略: the strategy put first)
LEVEL_SLOGAN = re.compile(rf"[^\W\d]{{2}}[立兴强][{LEVELS}](?:发展|首位)?(?:战略)?")
STRATEGY = re.compile(r"(?:发展|首位)?战略$")
SLOGAN_LEVEL = re.compile(rf"[立兴强][{LEVELS}]")  # what every such slogan holds
STRONG = "强"
# a slogan of parallel means and ends, each 以 + a field + what it does + to what (以文塑旅、以旅彰文,
# 以产促城、以城兴产); 以山为骨 (以…为…) describes, it sets no course
FRAME_VERBS = "塑彰促兴定活强富带融美立"
FRAME_PART = rf"以[^\W\d][{FRAME_VERBS}][^\W\d]"
FRAME_SLOGAN = re.compile(rf"{FRAME_PART}(?:、{FRAME_PART})+(?![^\W\d])")
# a region's campaign of choosing its exemplary people: 最美, the region's name and 人 (最美绍兴人, 最美乐清人)
EXEMPLARS = re.compile(r"最美([^\W\d]{2,6}?)人")
# what else shows such a slogan is the region's strategy: another one coordinated with it, or its building
SLOGAN_FRAME = re.compile(rf"[、和](?:[^\W\d]{{2}}[立兴强][{LEVELS}])|建设")


class BrandPrograms:
    """Every plan runs 平安X, 法治X, 健康X campaigns named after its own region."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon) -> None:
        regions = sorted((*place_names(lexicon), *NATION), key=lambda r: (-len(r), r))
        brands = sorted(patterns.brand_words, key=lambda b: (-len(b), b))
        places = "|".join(map(re.escape, regions))
        self.regex = compiled.regex("brands.city-brand", f"(?:{'|'.join(brands)})(?:{places})")
        self.chapter = compiled.regex("brands.modernization-chapter", f"{MODERNIZATION}(?:{places})[{LEVELS}]?{CHAPTER}")  # 甘孜 + 州
        fields = sorted(strong_fields(lexicon), key=lambda f: (-len(f), f))
        self.strong = re.compile(f"(?:{'|'.join(map(re.escape, fields))})强[{STRONG_LEVELS}]") if fields else None
        self.cues = tuple(patterns.cues_before)
        self.places = frozenset(regions)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        out, text = state.candidates, state.text
        token_ends = state.token_ends
        for m in self.regex.finditer(text):
            if m.end() not in token_ends:  # not 平安杭州湾 cut inside a word
                continue
            out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.city-brand", priority=2))
            kind = KIND_OF_WORK.match(text, m.end())
            if kind and kind.end() in token_ends:  # 实施数字绍兴建设行动: the name with its kind, labelled as the brand
                full = m.group() + kind.group()
                out.append(Candidate(m.start(), kind.end(), "Program", m.group(), "brands.city-brand", aliases=(full,), priority=2))
        for m in self.chapter.finditer(text):
            out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.modernization-chapter", priority=2))
        if self.strong is not None and STRONG in text:
            token_starts = state.token_starts
            for m in self.strong.finditer(text):
                if m.start() in token_starts and m.end() in token_ends:  # not 高等教育强市, not 加强市场
                    # priority 0: a coordinated item that names it with its kind (人才强区、创新强区战略) wins
                    out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.strong-level"))
        slogans = self._level_slogans(text, token_ends)
        out[:] = [c for c in out if not _joins_slogans(c, slogans)]
        out.extend(slogans)
        for m in FRAME_SLOGAN.finditer(text):
            out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.frame-slogan", priority=2))
        for m in EXEMPLARS.finditer(text):
            if m.group(1) in self.places:  # not 最美乡村人家
                out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.exemplar-campaign", priority=2))
        return doc

    def _level_slogans(self, text: str, token_ends: frozenset[int]) -> list[Candidate]:
        """Each 生态立市/科教兴市/工业强县 a sentence shows as its region's strategy: a cue before it
        (坚持, 实施), or, standing apart from the words before it, a 战略 after it or another such slogan
        or 建设 right after it; the slogan is the name, with its kind as an alias (创新强市战略 is the
        strategy 创新强市)."""
        found: list[Candidate] = []
        if not SLOGAN_LEVEL.search(text):
            return found  # no 立市, 兴县, 强区: no slogan (and no scan of every pair of characters for one)
        for m in LEVEL_SLOGAN.finditer(text):
            joined = LEVEL_SLOGAN.match(text, m.end())  # 人才强市创新强市首位战略: two titles, no separator
            if m.end() not in token_ends and not (joined and joined.end() in token_ends):  # not 加强市场
                continue
            cued = text[max(0, m.start() - 2) : m.start()].endswith(self.cues) or bool(found and found[-1].end + 1 >= m.start())
            if not cued and m.start() > 0 and text[m.start() - 1].isalnum():
                continue  # the field is longer than two characters (万物智联强市, 现代化强市)
            slogan = m.group()[:4]
            kind = STRATEGY.search(m.group())
            if kind or cued or SLOGAN_FRAME.match(text, m.start() + 4) or (joined and STRATEGY.search(joined.group())):
                found.append(Candidate(m.start(), m.end(), "Program", slogan, "brands.level-slogan",
                                       aliases=(m.group(),) if kind else (), priority=2))
        return found


def _joins_slogans(candidate: Candidate, slogans: list[Candidate]) -> bool:
    """Is this another rule's one name over two level slogans written without a separator
    (人才强市创新强市首位战略)? Each is a strategy of its own, so the compound is none."""
    return candidate.rule != "brands.level-slogan" and any(
        a.end == b.start and candidate.start <= a.start and b.start < candidate.end for a, b in zip(slogans, slogans[1:]))


def strong_fields(lexicon: Lexicon) -> set[str]:
    """The fields of the national X强国 programs the lexicon knows (教育, 交通, 知识产权 …)."""
    return {m.group(1) for e in lexicon.entries.values() if e.type == "Program" and (m := STRONG_NATION.fullmatch(e.name))}


@Language.factory("plangraph_brands", default_config={"lexicon_root": None, "patterns_root": None})
def make_brands(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> BrandPrograms:
    return BrandPrograms(load_patterns(patterns_root), load_lexicon(lexicon_root))
