"""Which texts ``plangraph build`` takes for a plan or an excerpt of one, and which it refuses.

The examples are real text (trimmed) from pages of many provinces: plan excerpts and news
quoting plans both ways, meeting reports, news of a plan being drafted, company reports and
other texts that name plans without being one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.model import SourceText
from plangraph.read.acceptance import plan_notes, plan_problem
from plangraph.read.ingest import normalize


def _source(text: str) -> SourceText:
    return SourceText(Path("x.txt"), text, *normalize(text), "utf-8")


def test_excerpts_of_plans_are_plans_and_news_is_not():
    quoted = ("7月7日,省发展改革委编制的《云南省“十四五”区域协调发展规划(征求意见稿)》对外发布。"
              "《规划》提出,将实施区域重大战略、区域协调发展战略和主体功能区战略。")
    written = ("积极稳妥推进和实现碳达峰。深入实施碳达峰“十大工程”,稳步落实地方碳考核制度,加快推进碳足迹核算工作,"
               "加强碳数据质量管理,推动碳金融创新发展。加快建设新型能源体系,有序推进太阳能开发利用,推动氢能全链条发展,"
               "加强化石能源清洁高效利用,积极推广虚拟电厂,着力完善配电网,大力发展分布式新型储能。")
    news = "市民广场迎来周末亲子运动会。组织方表示,今后将每季度举办一次类似活动,并计划增加更多比赛项目。"
    for text in (quoted, written):
        assert plan_problem(_source(text)) is None
        assert plan_notes(_source(text)) and "excerpt" in plan_notes(_source(text))[0]
    assert plan_problem(_source(news)).startswith("not a plan")
    assert plan_problem(_source(news), declared=True) is None  # a manifest row declares it a plan


def test_plan_text_that_names_no_plan_is_a_plan_when_it_sets_tasks_and_reports_no_meeting():
    """Plan prose with one task verb in 50 characters is a plan's excerpt; the report of a
    meeting, denser still with the same verbs (会议强调, 要加快 …), is not."""
    written = ("建设区域交通枢纽之城。锚定现代化目标,加快构建开放型经济新体制,推进港口与腹地联动,"
               "培育临港产业集群,建成一批物流园区和冷链基地,形成通江达海的物流网络,打造内陆开放高地。"
               "拓展国际航线,扩大中欧班列开行规模,增强口岸通关能力,吸引更多企业在此设立区域总部和结算中心,"
               "发展数字贸易和跨境电商,建成面向东盟的进出口商品集散地。到本世纪中叶,形成陆海空立体联通的"
               "开放格局,成为联结西部腹地与沿海港口的重要门户,港口集装箱吞吐量、铁路货运量和航空货邮量"
               "稳居区域前列,开放型经济规模和质量同步跃升。")
    meeting = ("9月8日,市长主持召开市政府常务会议。会议强调,要加快推进重点项目建设,要推动消费回暖,"
               "要加强安全生产,要落实防汛责任,要强化督查问责,要深化改革,确保完成全年目标任务,促进经济平稳运行。")
    assert plan_problem(_source(written)) is None
    assert plan_problem(_source(meeting)).startswith("not a plan")


def test_a_text_naming_itself_or_the_periods_a_plan_is_an_excerpt():
    """Its own title on the first line, a plan quoted in 《》, or a news page on the 两会 quoting the
    periods (“十四五”的终章 … “十五五”的扉页) names a plan, with no 规划 after the period."""
    titled = "邹城经济开发区产业发展规划(2022-2027)\n明确了未来一个时期产业发展的总体思路、发展路径及发展目标。\n"
    quoted = "《赣江中游生态经济带高质量发展总体规划》获批。其中提到,建成旅游快速通道,建设应急救援起降点。\n"
    periods = ("今年是“十四五”的终章,也是“十五五”的扉页。政府工作报告回顾五年来的成绩,"
               "地区生产总值迈上新台阶,城乡居民收入持续增长。\n")
    for text in (titled, quoted, periods):
        assert plan_problem(_source(text)) is None, text
    assert plan_problem(_source("回想起来,那年是“十三五”开局之年,我刚上大学。\n")).startswith("not a plan")


def test_a_text_numbered_like_a_plan_that_sets_no_tasks_is_not_one():
    """A travel guide says 计划 and has 一、二、三、, as a plan does, but sets no tasks."""
    guide = ("如果你计划自驾游张家界,请收下这份攻略。\n一、行程安排\n第一天抵达,品尝当地美食。\n"
             "二、注意事项\n山路多弯,谨慎驾驶。\n三、费用预算\n门票228元/人,住宿每晚100元起。\n")
    assert plan_problem(_source(guide)).startswith("not a plan (numbered like one")


# Texts that name a plan, often, but are no plan: each is refused, saying what kind of text it is.
NAMES_A_PLAN_BUT_IS_NONE = {
    "a meeting on drafting the plan (北票)": (
        "我市召开“十五五”规划编制工作推进会议\n5月19日,我市召开“十五五”规划编制工作推进会议,市委副书记、"
        "市长赵宏伟出席会议并讲话,强调要以强烈的政治责任感和使命感做好“十五五”规划编制工作。\n会议指出,要深入"
        "学习贯彻习近平总书记在部分省区市“十五五”时期经济社会发展座谈会上的重要讲话精神,确保高水平规划引领"
        "高质量发展。会议强调,要科学确定目标,系统梳理评估“十四五”目标任务完成情况,要精准谋划项目。\n",
        "a meeting's report"),
    "a call for opinions on the plan (济南)": (
        "济南市“十四五”规划开门征集建议\n4月23日,记者从济南市发改委获悉,即日起至7月31日,市民可以通过12345"
        "热线、电子邮件、信件等多种方式,提出针对济南市“十四五”规划的意见建议。济南市发展改革委已全面启动了"
        "“十四五”规划的编制工作,开展本次规划意见建议百日征集活动。社会各界人士可以围绕全市产业发展、科技创新"
        "等领域提出观点建议,并注明“十四五”规划建言献策。\n",
        "news of a plan being drafted"),
    "a county leader's speech on the plan": (
        "同志们:\n今天,我们召开全县“十五五”规划编制专题工作会,系统谋划我县“十五五”发展蓝图,确保完成“十四五”"
        "的高质量收官。刚才,县发改局汇报了“十五五”规划编制进展,各位分管领导提出了务实建议。下面,我讲三点意见。\n",
        "a meeting's report"),
    "a listed company's annual report (中京电子)": (
        "2012年年度报告摘要\n证券代码:002579 证券简称:中京电子\n本年度报告摘要来自年度报告全文。在严峻的宏观环境下,"
        "公司董事会和管理层紧紧围绕公司的战略规划,积极应对不利因素,加强国内销售拓展,加快产品结构调整。\n"
        "报告期内,公司董事会和管理层合理安排募集资金的使用,推动募投项目的有效实施。\n",
        "a company's report"),
    "deputies deliberating a government work report (大同)": (
        "人大代表分组审议政府工作报告\n昨日上午,参加市十四届人大四次会议的代表们分组审议政府工作报告。今年政府"
        "工作报告提出深化十项改革,全力以赴推进十大工程,体现了“十三五”开局之年的总要求。\n",
        "a government work report"),
    "an explainer (十四五规划哪年提出来的)": (
        "十四五规划哪年提出来的\n“十四五规划”是中国国民经济和社会发展第十四个五年规划的简称,它是中国政府为未来"
        "五年制定的发展蓝图。十四五规划涵盖了多个领域,推动高质量发展、加快科技创新、实现碳中和等目标成为了规划的重点。\n",
        "an explainer"),
}


@pytest.mark.parametrize("name", NAMES_A_PLAN_BUT_IS_NONE)
def test_text_that_names_a_plan_but_is_another_kind_is_refused(name):
    text, kind = NAMES_A_PLAN_BUT_IS_NONE[name]
    problem = plan_problem(_source(text))
    assert problem and problem.startswith("not a plan (") and kind in problem, problem


# News and documents that quote what a plan says are a plan's excerpts, even when they also
# report a meeting or the plan's drafting.
QUOTES_A_PLAN = {
    "a news page on a metropolitan plan (广东)": (
        "粤育五大都市圈 区域优势互补\n广东省政府官网二十日发布广州、深圳、珠江口西岸、汕潮揭、湛茂五大都市圈的"
        "发展规划。\n根据规划,广州都市圈范围包括广州市、佛山市全域,肇庆市端州区、鼎湖区。规划提出,以广州为中心,"
        "以广佛核心区为引领,构建“一核两极四轴”都市圈总体发展格局。\n"),
    "a press conference releasing an outline (江苏)": (
        "3月1日上午,江苏省政府召开新闻发布会,发布《江苏省国民经济和社会发展第十四个五年规划和二〇三五年远景目标"
        "纲要》。省发展改革委主任表示,“十四五”规划编制历经前期课题研究、意见征集完善、衔接协调审议等多个阶段,"
        "集思广益、十易其稿。\n到2025年,江苏人均地区生产总值超过15万元。\n"),
    "a congress resolution approving an outline (海晏)": (
        "海晏县第十六届人民代表大会第七次会议认真审查了县人民政府提出的《海晏县国民经济和社会发展第十五个五年规划"
        "纲要(草案)》,决定批准这个规划纲要。\n会议认为,《纲要》提出的指导思想、发展目标、重点任务和重大举措,"
        "符合国家战略导向。会议要求,“十五五”时期全县上下要认真落实省州县委的决策部署。\n"),
}


@pytest.mark.parametrize("name", QUOTES_A_PLAN)
def test_text_that_quotes_a_plan_is_an_excerpt(name):
    source = _source(QUOTES_A_PLAN[name])
    assert plan_problem(source) is None
    assert plan_notes(source) and "excerpt" in plan_notes(source)[0]
