"""Is a readable text a plan, an excerpt of one, or no plan at all?

``plangraph build`` refuses a file that is no plan (a news item, a recipe, a company's report)
with one line saying why, and builds an excerpt of a plan (a chapter, a news page quoting a
plan) with a one-line warning. The tests are cheap and explainable on purpose: words a plan
names itself by, the verbs it sets tasks with, and the kinds of text that name a plan without
being one (a meeting's report, news of a plan being drafted).
"""

from __future__ import annotations

import re

from ..chinese import HAN, NUMERALS
from ..model import SourceText

# A plan names itself (规划, 纲要, 建议, 五年, 计划) near the top and has numbered sections;
# scraped plans often lose their line breaks, so a section mark may also follow a sentence end.
_PLAN_WORD = re.compile(r"规划|纲要|建议|五年|计划")
_SECTION = re.compile(
    rf"(?:^|(?<=[。;:\s]))(?:#{{1,6}}\s|第[{NUMERALS}\d]+[章节篇部]|[{NUMERALS}]+、|[(][{NUMERALS}]+[)]|专栏\s*\d)", re.MULTILINE
)
# What an excerpt must say to count as a plan's text: a five-year plan by name or period.
_FIVE_YEAR_PLAN = re.compile(
    rf"五年(?:规划|计划)|规划纲要|远景目标|规划的?建议|[“\"]?十[{NUMERALS}]五[”\"]?(?:[{HAN}]{{0,12}}规划|时期|期间)"
)
# ... or the plan's own title on its first lines (赣州革命老区高质量发展示范区发展规划, 邹城经济开发区产业
# 发展规划(2022-2027), 中国(新疆)自由贸易试验区总体方案). A government work report is a year's
# report, no plan: its tasks are built when written as a plan's are (below), not for its title.
_TITLE_LINE = re.compile(
    r"^[ \t#]*[^\n。!?]{2,60}?(?:规划|纲要|建议|方案)[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*$", re.M
)
_TITLE_LINES = 3
# ... or a plan it quotes by name (《赣江中游(吉安)生态经济带高质量发展总体规划》, 《规划》) ...
_QUOTED_PLAN = re.compile(r"《[^》\n]{0,40}(?:规划|纲要|建议)(?:\([^)\n]{0,12}\))?》")
# ... or periods named twice (a news page on the 两会: “十四五”的终章 … “十五五”的扉页), or once with
# a target year (为“十四五”开好局 … 到2025年)
_PERIOD = re.compile(rf"十[{NUMERALS}]五")
_TARGET_YEAR = re.compile(r"到20[2-5]\d年|20[2-5]\d年(?:底)?前")
# the verbs a plan sets its tasks by; an excerpt that names no plan must be dense with them
_POLICY_VERB = re.compile("推进|加快|实施|推动|加强|完善|提升|深化|健全|构建|落实|培育|打造|促进|统筹|强化|稳步|积极|着力|大力")
MIN_POLICY_VERBS = 5
POLICY_VERB_SPACING = 60  # at least one such verb per 60 characters
# a whole plan (numbered sections, 规划/计划 near the top) still sets some tasks: a travel guide
# or an essay on work plans, numbered as plans are, sets none
MIN_WHOLE_PLAN_VERBS = 2
WHOLE_PLAN_VERB_SPACING = 300
# a meeting reported (会议强调, 主持召开会议, 召开专题调度会) is dense with the same verbs, but no plan
_MEETING = re.compile(r"会议(?:指出|强调|要求|认为|提出)|主持(?:召开)?会议|出席会议|并讲话|召开[^。,，\n]{0,12}会[,，。]")
# A text that quotes what a plan says (《规划》提出, 根据规划, 纲要明确, 发布《…纲要》) is a plan's
# excerpt whatever else it is: a news page on a plan's release, a 全会 that adopted the 建议.
_QUOTES_PLAN = re.compile(
    r"(?:根据|按照|依据)(?:《[^》\n]{0,40}》|规划|纲要|建议)[,，]"
    r"|(?:《[^》\n]{0,40}》|规划|纲要|建议)(?:还|同时|也|进一步|中)?"
    r"(?:提出|明确|指出|要求|强调|提到|显示|部署|描绘|确定)了?[,，:：]"
    r"|(?:发布|印发|公布|出台|审查|审议|通过了|批准)(?:通过)?了?《[^》\n]{0,60}(?:规划|纲要|建议)[^》\n]{0,12}》"
    r"|《[^》\n]{0,60}(?:规划|纲要|建议)[^》\n]{0,12}》的?(?:说明|解读)"
)
# Kinds of text that name plans, often, without quoting any: (what it is, its marks, how many
# marks in the first lines make it one). News of the 十五五 plan being drafted or of a meeting
# on it, and the speech made there, say 十五五规划 in every line; a company's report says
# 战略规划, a tender 规划编制.
_OTHER_KINDS = (
    ("a meeting's report or news of a plan being drafted", re.compile(
        rf"{_MEETING.pattern}|同志们[:：]|讲[两三四五六几]点意见|刚才[,，]"
        r"|编制工作|起草工作|规划编制|编制规划|征求意见|建言|献策|问计|意见建议|征集"), 3),
    ("a company's report", re.compile(r"报告期|董事会|监事会|年度报告|证券代码|证券简称"), 2),
    ("a government work report", re.compile(r"各位代表|向大会报告|(?:审议|聆听|讨论)[^。\n]{0,12}政府工作报告"), 1),
    ("a tender", re.compile(r"招标|投标|中标|供应商|采购需求|磋商"), 2),
    # an explainer (十四五规划哪年提出来的, 十四五时期是什么意思): a question on its first line or asked in it
    ("an explainer", re.compile(
        r"\A\s*[^\n]{0,40}?(?:是什么|什么意思|哪一?年|哪几年|为何|为什么)|(?:是什么|什么意思|哪一?年|为何|为什么)[^。\n]{0,20}[?？]"), 1),
)
_HEAD_CHARS = 3000
_MIN_SECTIONS = 3


def plan_problem(source: SourceText, declared: bool = False) -> str | None:
    """Why a readable text is not a plan, or None when it is a plan or an excerpt of one.

    Cheap and explainable on purpose: a text quoting what a plan says (根据规划, 《规划》提出,
    发布《…纲要》) is one. A whole plan (three numbered sections or more) names itself
    (规划/纲要/建议/五年/计划) in its first lines and sets some tasks (推进, 加快 …); a text with
    fewer sections (a chapter, a news page quoting a plan) must name a plan (a five-year plan,
    its own title, a plan in 《》, the periods) or be written as one (dense with the verbs plans
    set tasks by, and no meeting reported), and must not read as another kind of text that names
    plans (a meeting's report, news of a plan being drafted, a company's report …);
    ``plan_notes`` then says it is an excerpt. A file named in a manifest is declared a plan by
    the user and is not second-guessed.
    """
    if declared:
        return None
    text = source.text
    head = text[:_HEAD_CHARS]
    if _QUOTES_PLAN.search(head):
        return None
    kind = _other_kind(head) if _is_excerpt(source) else None
    if kind:
        return f"not a plan ({kind}, quoting nothing a plan says)"
    if _names_plan(head) or _policy_text(text, MIN_POLICY_VERBS, POLICY_VERB_SPACING):
        return None
    names_plan = _PLAN_WORD.search(head)
    if not _is_excerpt(source):
        if names_plan and _policy_text(text, MIN_WHOLE_PLAN_VERBS, WHOLE_PLAN_VERB_SPACING):
            return None
        if names_plan:
            return "not a plan (numbered like one, but sets no tasks: too few 推进/加快/实施 …)"
        return "not a plan (no 规划/纲要/建议/五年/计划 in its first lines)"
    if not names_plan:
        return "not a plan (no 规划/纲要/建议/五年/计划 in its first lines, and not written as one)"
    return "not a plan (fewer than 3 numbered sections such as 第一章 or 一、, and no plan named)"


def plan_notes(source: SourceText) -> list[str]:
    """Warnings about a text that is built anyway (an excerpt of a plan)."""
    if _is_excerpt(source):
        return [f"an excerpt, not a whole plan (fewer than {_MIN_SECTIONS} numbered sections); built anyway"]
    return []


def _is_excerpt(source: SourceText) -> bool:
    return len(_SECTION.findall(source.text)) < _MIN_SECTIONS


def _names_plan(head: str) -> bool:
    """The text names a plan: a five-year plan, its own title, a plan in 《》, periods named
    twice (十四五 … 十五五) or once with a target year (到2025年)."""
    title = "\n".join(head.lstrip().split("\n", _TITLE_LINES)[:_TITLE_LINES])
    periods = len(_PERIOD.findall(head))
    return bool(_FIVE_YEAR_PLAN.search(head) or _TITLE_LINE.search(title) or _QUOTED_PLAN.search(head)
                or periods >= 2 or (periods and _TARGET_YEAR.search(head)))


def _other_kind(head: str) -> str | None:
    """The kind of text that names plans without being one (a meeting's report, news of a plan
    being drafted, a company's report …) ``head`` reads as, if any."""
    for kind, marks, least in _OTHER_KINDS:
        if len(marks.findall(head)) >= least:
            return kind
    return None


def _policy_text(text: str, least: int, spacing: int) -> bool:
    """Written as a plan is, with at least ``least`` of the verbs plans set tasks by (推进, 加快,
    实施 …), one per ``spacing`` characters: two paragraphs quoted from a plan name no plan but
    read as one; a news item, a recipe or the report of a meeting (会议强调, 要加快 …) does not."""
    found = len(_POLICY_VERB.findall(text))
    return found >= least and found * spacing >= len(text) and not _MEETING.search(text, 0, _HEAD_CHARS)
