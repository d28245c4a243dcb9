"""Whether a head and its suffix make a name: not a count, a class, a grade, a role, a
topic or (for types that need one) a head without a proper name."""

from __future__ import annotations

import re

from ..chinese import DIGITS
from .patterns import Suffix
from .suffix_heads import NOMINAL
from .suffix_words import NATIONAL, PAIR, SuffixWords
from .text import FORMULA

NEEDS_PROPER = ("Platform", "Project", "Program")
WHOLE = "whole"  # a suffix that names the thing by itself (空港新城), see suffixes.csv
# 越东路、二环南路等智慧快速路工程: after a list's 等 comes the kind of its items, not one more name
LIST_CLOSER = "等"
# …and so it is with a count between them: 毘山、钱山漾等一批城市文化遗址考古公园, and after
# quoted names and their count: “创新田”“聚贤谷”两大科创片区
_GROUP_COUNT = rf"(?:一批|若干|[{DIGITS}十两几\d]+[个项批条座家处大])"
_AFTER_LIST = re.compile(rf"{LIST_CLOSER}{_GROUP_COUNT}?$|”{_GROUP_COUNT}$")
AFTER_LIST_REACH = 5
# 重大改革试点, 自然灾害防治重点工程: "major" or "key" works of a kind are a class, not one named thing
_MAJOR = re.compile(r"^(?:重大|重点)|(?:重大|重点)$")
_MAGNITUDE = re.compile(r"[十百千万亿]")
# 县县通高铁、镇镇联高速: "every county, every town" - a slogan about each of a kind, not a name
_EVERY = re.compile(r"^([省市县区乡镇村户人家企])\1")
# 长三角新型贸易重要枢纽, 湾区西部重要综合交通枢纽, 郑州国际性综合交通枢纽: a role a place plays (国际性, 全国性 and 区域性
# 综合交通枢纽 are the grades the national transport network plan gives cities)
_ROLE = re.compile(r"重要\w{0,4}$|(?:国际|全国|区域)性\w{0,4}$")
_SECTORS = re.compile(r"[一二三]{2,}$|三次$")  # 一二三产业, 二三产业, 三次产业: sectors by number (第三产业 is one)
# 五区产业协同共兴, 两区产业联动: a count of areas says where industries are, not which
_COUNTED_AREAS = re.compile(rf"^[{DIGITS}十两几多]+[区县市镇园地片带圈]$")
# 上层6车道高速公路, 下层4线铁路, 双向六车道高速公路, 浙江省内高速公路: a road's lanes, tracks or reach describe
# a kind of road, they name none
_DESCRIBED = re.compile(rf"[\d{DIGITS}十两]+车道|\d+线|双向|[省市县区境域]内$")
PROJECT = "Project"
WORKS = "工程"
# 幼儿园建设工程, 公立医院提升改造工程, 污水厂及污水管网建设工程: a way of building said after the facilities built
_BUILDING_WAY = re.compile(r"(?:新改扩建|改扩建|提升改造|改造提升|建设改造|标准化建设|扩建|新建|改建|建设|改造)$")
_FACILITIES_JOINED = re.compile(r"[及和与、]")
_LEVEL_OWN = re.compile(r"[省市县区镇乡]")  # 市医院, 县中学: the one of the plan's place
VERB = "v"
IDIOM = "i"  # jieba's tag of a four-character idiom (因地制宜)
PLATFORM = "Platform"
SITES = (PLATFORM, "Region")  # kinds of place whose industries a head may name
# 四大行动, 苏州3个枢纽: a count names a group, not a thing
COUNT = re.compile(
    rf"^第?[{DIGITS}十两几多\d]+期$|[{DIGITS}十两几多]+[大个项条批]$|[\d{DIGITS}十两几多]+个"
    r"|\d+[个项条批座家]"  # 16项省道工程, 祥符荡4座高架站, 7家省级经开区
    r"|[两三四五六七八九十]大"  # 宁湖杭、沪苏湖两大发展廊道 counts a group inside the head
    r"|若干"  # 若干个通用机场, 若干重点工程: "several" counts too
    rf"|^[{DIGITS}十两几多]$"  # 六铁、四高、两枢纽: a one-digit number counts (八三机场 is a name)
)
# a head that ends in a level, kind or quality (省级, 新型, 各类, 牵引性) qualifies, it does not name (升级, 转型 do)
# (三级甲等医院, 5A景区, 百强大学 and 全国优秀物流园区 are grades, rankings and awards)
LEVEL = re.compile(r"(?<!升)级$|(?<!转)型$|类$|性$|[甲乙丙]等$|[1-5]A$|[十百千]强$|优秀$")  # 牵引性工程


STRATEGY = "战略"
SITED = "sited"
# where in a city a new district lies names it (南部新区, 东部新城, 城南新区) for suffixes that need "sited"
_SITE = re.compile(r"(?:城|江|河|湖|湾)?(?:东北|西北|东南|西南|[东西南北])部?|中部")
BODIES = ("人民代表大会", "代表大会", "委员会")  # standing bodies that meet; their sessions are no named events


def valid(words: SuffixWords, head: str, suffix: Suffix, text: str, head_start: int) -> bool:
    """Does ``head`` + ``suffix``, read at ``head_start`` of ``text``, name one thing?"""
    name = head + suffix.text
    p = words.p
    if not head and suffix.needs == WHOLE:  # 规划建设空港新城: the plan's own new town
        return True
    if not head or name in p.exclude or head in p.generic_heads or LEVEL.search(head):
        return False
    if name.endswith(BODIES):  # 海南省第六届人民代表大会 is a session of a legislature, not an event
        return False
    if COUNT.search(head) or FORMULA in head:  # 众创空间+孵化器+…+产业园 adds up kinds: no park
        return False
    if suffix.type == PLATFORM and _province(words, head):
        return False  # 浙江省经济开发区, 浙江省开发区: a province's parks as a class (its own are 浙江文成经济开发区)
    if suffix.type in NEEDS_PROPER and _MAJOR.search(head) and not _MAGNITUDE.search(head):
        return False  # 重大文化设施建设工程 is a class of works; 重大项目百亿工程 is numbered, a name
    if suffix.type in NEEDS_PROPER and (_ROLE.search(head) or _EVERY.match(head)):
        return False
    if suffix.type == PROJECT and _DESCRIBED.search(head):
        return False
    if suffix.type in NEEDS_PROPER and name.endswith(WORKS) and works_category(words, name.removesuffix(WORKS)):
        return False
    if suffix.needs == "short":  # towns: 织里镇, not 卫生乡镇 or 书画重镇
        return _town(words, head, suffix)
    if suffix.type == "Industry" and not industry_head(words, head):
        return False
    if suffix.type == "Program" and suffix.needs != "region" and (head in words.region_surfaces or words.proper.everyday(head)):
        return False  # 绍兴改革, 人才工程, 年度计划: a place or a topic, not an initiative
    if suffix.text == STRATEGY and _place_topic(words, head):
        return False  # 潍坊市发展战略, 全区经济社会发展战略: a place's strategy for its development, no named one
    # the name is the whole quotation (“中国睡谷”) or its first part (“西施故里·好美诸暨”), not 创谷 in “创谷经济”
    quoted = head_start > 0 and text[head_start - 1] == "“" and text.startswith(("”", PAIR), head_start + len(name))
    national = head.startswith(NATIONAL) and len(head) > 3
    if suffix.type in NEEDS_PROPER and suffix.needs not in ("event", "named", "plain") and not (quoted or national or sited(head, suffix)) and not words.proper(head):
        return False
    if suffix.type in NEEDS_PROPER and not quoted and _AFTER_LIST.search(text, max(0, head_start - AFTER_LIST_REACH), head_start):
        return False
    if suffix.needs == "region":  # or a program it shows: 交通强国示范城市
        return _of_regions(words, head, suffix, quoted or national)
    return len(name) >= 3


def _province(words: SuffixWords, head: str) -> bool:
    """Is ``head`` a province's full name (浙江省), which names a platform only with a place of its own after it?"""
    return any(e.level == "province" and e.name == head for e in words.lexicon.lookup(head))


def works_category(words: SuffixWords, works: str) -> bool:
    """Do ``works`` (a 工程's name without it) build a kind of facility with no proper name before it
    (防洪排涝设施建设, 幼儿园建设, 公立医院提升改造)? Such works are a category (eval/GUIDELINES.md);
    马厍幼儿园新建 and 老石坎水库扩建 are named, and so are 城北污水处理厂扩建 by its site and 人民医院改扩建
    by the institution it names (institution_words.txt)."""
    way = _BUILDING_WAY.search(works)
    if not way or not way.start():
        return False
    kinds, institutions = words.p.facility_kinds, words.p.institution_words
    for built in _FACILITIES_JOINED.split(works[: way.start()]):
        kind = next((k for k in kinds if built.endswith(k)), None)
        if kind is None:
            return False
        before = built.removesuffix(kind)  # 城北污水处理厂, 人民医院: named by its site or as a place's institution
        if words.proper(before) or _SITE.fullmatch(before) or _LEVEL_OWN.fullmatch(before) or any(w in before for w in institutions):
            return False
    return True


def sited(head: str, suffix: Suffix) -> bool:
    """Is ``head`` where in a city the new district or town lies (南部新区, 城东新城)?"""
    return suffix.needs == SITED and bool(_SITE.fullmatch(head))


def _place_topic(words: SuffixWords, head: str) -> bool:
    """A place and everyday words only (潍坊市发展, 全区经济社会发展): the strategy of a place, told
    by its topic; a named one says more (人才强市, 融杭联甬接沪), names a goal (长三角区域一体化: a -化 word)
    or the lexicon knows it (长三角区域一体化发展国家)."""
    if words.lexicon.lookup(head.removesuffix(NATIONAL[0])):
        return False
    rest = next((head[n:] for n in range(min(len(head), 6), 1, -1)
                 if head[:n] in words.region_surfaces or head[:n] in words.p.place_words), None)
    return rest is not None and all(words.proper.everyday(w) and not NOMINAL.fullmatch(w) for w in words.proper.cut(rest, hmm=False))


def _town(words: SuffixWords, head: str, suffix: Suffix) -> bool:
    """A town's name: the ministry's table knows every town (特大镇, 样板镇 are kinds of town);
    without it, a short plain head."""
    name = head + suffix.text
    if words.lexicon.towns:
        return any(words.lexicon.entries[i].name == name for i in words.lexicon.towns.get(name, ()))
    longest = 2 if len(suffix.text) == 1 else 3
    return 2 <= len(head) <= longest and head.isalpha() and name[-2:] not in words.p.exclude


def _of_regions(words: SuffixWords, head: str, suffix: Suffix, titled: bool) -> bool:
    """A head a region suffix needs: a known program, a run of region abbreviations
    (杭绍甬城市群), a quoted or national title, or one that begins with a place."""
    if any(e.type == "Program" for e in words.lexicon.lookup(head)):
        return True
    if words.abbreviation_run(head) == head:  # 杭绍甬城市群, 沪杭甬都市圈
        return True
    if suffix.type == "Region" and titled:  # “文明城市群” is a title, not a place
        return False
    return titled or any(head[:n] in words.region_surfaces for n in range(2, min(len(head), 5) + 1))


def industry_head(words: SuffixWords, head: str) -> bool:
    """An industry name, not a count, size or quality (四大新兴, 双百亿, 万亩千亿新, 国内最强, 1+9...)."""
    if words.lexicon.lookup(head):  # 上海产业 is Shanghai's industry, not an industry called 上海
        return words.is_industry(head)
    if not head.isalpha() or head[-1] in "大类级型性化新亿强" or len(head) > 8 or head.startswith(NATIONAL):
        return False
    if _SECTORS.search(head) or _COUNTED_AREAS.match(head):  # 农村一二三产业融合 merges sectors; it names no industry
        return False
    cut = words.proper.cut(head)
    if words.proper.common_verb(cut[0]):  # 提高产业链, 保持产业链: what is done to industries
        return False
    if len(cut) > 1 and len(cut[-1]) == 1 and words.proper.general.tags.get(cut[-1]) == VERB:
        return False  # 以项目育产业, 以商兴产业: a means that grows industries (项目|育), not one of them
    if any(words.proper.general.tags.get(w) == IDIOM for w in cut):
        return False  # 因地制宜竞逐产业新高地: an idiom says how, no trade holds one
    if any(head[:n] in words.region_surfaces or head[:n] in words.p.place_words for n in (2, 3)):
        return False  # 市区印染, 袍江产业: where an industry is, not which
    if any(head.endswith(s.text) for s in words.p.suffixes if s.type in SITES):
        return False  # 重庆国际生物城产业链条, 城市群产业分工: the park's or area's industries, not one called after it
    return not any(head.endswith(g) for g in words.p.generic_heads)
