"""What the suffix rules know about single words: boundary words, verbs, glued particles,
region abbreviations and industries, read from the patterns, the lexicon and jieba's tags.

Shared by the steps of ``suffixes.SuffixNames`` (head walk, checks, coordinated items)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese import DIGITS
from ..lexicon import Lexicon
from .patterns import Patterns
from .proper import ProperTest

# the prepositions (以秀湖新城为核心, 大桥为沪通铁路, 疏港公路从通港大道) and the copula of a list box (“七纵”即塘许公路)
# the segmenter glues to the name after them; not every preposition: 同, 向, 于 begin places (同山, 向阳, 于都)
GLUED_WORDS = frozenset("以为从即")
GLUED_TAGS = ("u", "c")  # conjunctions and particles: 和境, 城等
LINKING_VERBS = frozenset({"作为", "成为", "取得"})  # …现代化作为战略先手棋: they link, they name no action
# a national designation is named by the nation (国家自主创新示范区, 会稽山国家森林公园)
NATIONAL = ("国家", "全国")
TO = "至"
DASH = "—"  # joins any parts of one name (上虞曹娥—东关—道墟区块); prose uses the double dash ——
PAIR = "·"  # 吴兴·青川东西部扶贫协作特色产业园: two places that share a park
# a name may go on with its phase, or a project with its section: 2号线一期, 杭绍台高速绍兴段, 甬绍干线东段
PHASE = re.compile(rf"第?[{DIGITS}十\d]+期(?:工程|项目)?")
# a network, cluster, kind of city or reach built of such things is not one of them (快速路网, 枢纽城市,
# 港口群, 10分钟枢纽圈)
WHOLE_OF_MANY = ("网", "群", "城市", "圈")
# the next stage of works already begun, like a phase (南水北调后续工程, 苕溪清水入湖河道整治后续工程)
FOLLOW_UP = "后续"
# what ends a part of a project, a phase, a section or an extension (2号线二期, 昆丽高铁昆明至楚雄段, 1号线西北延):
# the part is the project named, and it borrows no suffix of a name after it (…至盘锦段、青兰高速)
PART = re.compile(r"(?:期|段|延(?:线|伸线)?)(?:工程|项目)?$")


@dataclass(frozen=True)
class SuffixWords:
    """The word tests every step of the suffix rules shares, over one lexicon and pattern set."""

    p: Patterns
    lexicon: Lexicon
    proper: ProperTest
    region_surfaces: frozenset[str]

    def is_verb(self, word: str) -> bool:
        """A boundary word that is a content word (培育, 攻坚), not a particle, conjunction,
        preposition, pronoun, adverb or numeral (的, 等, 和, 以, 其, 更, 一批), by jieba's tags."""
        tag = self.proper.general.tags.get(word, "v")
        return len(word) >= 2 and word not in LINKING_VERBS and self.is_boundary(word) and tag[0] not in "ucprdmqf"

    def noun_at(self, text: str, tokens: list[tuple[int, int]], pos: int) -> bool:
        """Does a noun (by jieba's tags) start at ``pos``?"""
        tag = next((self.proper.general.tags.get(text[a:b], "") for a, b in tokens if a == pos), "")
        return tag[:1] == "n" or tag == "vn"

    def glued(self, word: str, at: int) -> bool:
        """Is a conjunction, particle or preposition (和, 等, 的, 以, 为, 从; or 即) glued at index ``at``
        of a word the segmenter guessed (和境, 城等, 以秀, 为沪通, 即塘许), rather than part of a word it
        knows (和平, 平等, 即墨) or of two boundary words (着力打造)?"""
        if len(word) < 2 or word in self.proper.general.frequencies or word in self.lexicon.surfaces:
            return False
        ch = word[at]
        glue = ch in GLUED_WORDS or self.proper.general.tags.get(ch, "")[:1] in GLUED_TAGS
        return glue and ch in self.p.hard_boundaries and not self.is_boundary(word)

    def is_boundary(self, word: str) -> bool:
        """A boundary word, or two glued together by the segmenter (积极参与)."""
        return self.p.is_boundary(word)

    def is_industry(self, name: str) -> bool:
        """Does the lexicon know ``name`` as an industry?"""
        return any(e.type == "Industry" for e in self.lexicon.lookup(name))

    def abbreviation_run(self, head: str) -> str:
        """Leading region abbreviations of a head (沪苏湖 in 沪苏湖, 甬绍 in 甬绍一体化合作)."""
        n = 0
        while n < len(head) and head[n] in self.lexicon.abbreviations:
            n += 1
        return head[:n] if n >= 2 else ""
