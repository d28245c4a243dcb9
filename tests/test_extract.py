"""The spaCy extraction pipeline on real sentences of the bundled plans.

Every sentence used here is looked up in data/plans at test time (by a short
excerpt of its real text), so the tests exercise the real ingest -> structure ->
extract chain, including the traditional-character Hangzhou proposal. Entity
lists and counts are deliberately not pinned down: the extractor is tuned for
recall and precision all the time. What is checked is behaviour that must hold
whatever the tuning: types of clear cases, label normalization, verb-free
names, exact offsets, and no crash on hostile input.
"""

from __future__ import annotations

import re
import shutil
import time
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraph.extract import build_pipeline, extract
from plangraph.extract.patterns import DEFAULT_ROOT as PATTERNS_ROOT
from plangraph.extract.rules import names
from plangraph.lexicon import load_lexicon
from plangraph.read.ingest import normalize, read_source
from plangraph.read.manifest import infer_meta, load_manifest
from plangraph.model import (
    ENTITY_TYPES,
    Document,
    Extraction,
    Mention,
    PlanMeta,
    Sentence,
    SourceText,
)
from plangraph.read.structure import parse

PLANS_DIR = Path(__file__).resolve().parents[1] / "data" / "plans"
_T2S = opencc.OpenCC("t2s.json")
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\u00ad]")
HUZHOU_CODE = "330500"


# -- helpers ----------------------------------------------------------------


def load_document(path: Path) -> Document:
    """A bundled plan as the build reads it: manifest row if there is one, else inferred."""
    source = read_source(path)
    metas = load_manifest(PLANS_DIR / "manifest.csv")
    meta = metas.get(path.name) or infer_meta(source, path.name)
    return parse(source, meta)


def fold(text: str) -> str:
    """Simplified, half-width, without whitespace: what normalization may change."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", _T2S.convert(text)))


def sentence_text(doc: Document, s: Sentence) -> str:
    return doc.text[s.start:s.end]


def find_sentence(doc: Document, *needles: str) -> Sentence:
    """The first sentence of ``doc`` whose normalized text holds every needle."""
    for s in doc.sentences:
        text = sentence_text(doc, s)
        if all(n in text for n in needles):
            return s
    pytest.fail(f"no sentence of {doc.meta.file} contains {needles!r}: seed plan or structure changed?")


def extract_sentence(doc: Document, *needles: str) -> tuple[Sentence, list[Mention]]:
    """Extract one real sentence, in its real document (so offsets are the plan's)."""
    s = find_sentence(doc, *needles)
    ex = extract(Document(doc.source, doc.meta, (s,), doc.tables))
    return s, ex.mentions


def label(m: Mention) -> str:
    return m.label or m.text


def labels(mentions: list[Mention], type_: str) -> set[str]:
    return {label(m) for m in mentions if m.type == type_}


def span_of(doc: Document, s: Sentence, needle: str) -> tuple[int, int]:
    """Offsets (in ``doc.text``) of ``needle`` inside sentence ``s``."""
    pos = doc.text.find(needle, s.start, s.end)
    assert pos >= 0, needle
    return pos, pos + len(needle)


def tiny_document(original: str, meta: PlanMeta | None = None) -> Document:
    """A one-sentence document built directly, for inputs no plan contains."""
    text, offsets = normalize(original) if original else ("", (0,))
    source = SourceText(Path("tiny.txt"), original, text, offsets, "utf-8")
    meta = meta or PlanMeta("tiny.txt", region="湖州市", code=HUZHOU_CODE)
    return Document(source, meta, (Sentence(0, len(text), ("测试",)),))


def assert_well_formed(ex: Extraction) -> None:
    """Invariants every mention of every extraction satisfies."""
    doc = ex.document
    source = doc.source
    for m in ex.mentions:
        assert m.type in ENTITY_TYPES, m
        assert 0 <= m.start < m.end <= len(doc.text), m
        assert doc.text[m.start:m.end] == m.text, m
        assert 0 <= m.sentence < len(doc.sentences), m
        s = doc.sentences[m.sentence]
        assert s.start <= m.start and m.end <= s.end, (m, s)
        a, b = source.to_original(m.start, m.end)
        assert 0 <= a < b <= len(source.original), m
        quote = source.quote(m.start, m.end)
        assert quote == source.original[a:b]
        assert fold(quote) == fold(m.text), (quote, m.text)
        assert label(m).strip(), m


# -- fixtures -----------------------------------------------------------------


@pytest.fixture(scope="session")
def documents(plans: dict[str, Path]) -> dict[str, Document]:
    return {name: load_document(path) for name, path in plans.items()}


@pytest.fixture(scope="session")
def extractions(documents: dict[str, Document]) -> dict[str, Extraction]:
    build_pipeline()
    return {name: extract(doc) for name, doc in documents.items()}


# -- projects: railways named with a shared suffix ------------------------------


@pytest.mark.parametrize(
    ("plan", "needles", "expected"),
    [
        # 湖州 outline, 沪苏湖绿色产业廊道: "以沪苏湖高铁、申苏浙皖高速等大通道为轴"
        ("huzhou", ("以沪苏湖高铁、",), {"沪苏湖高铁"}),
        # 吴兴 outline, 推进区域城乡综合交通一体化发展: two railways, each with its suffix
        ("wuxing", ("加快推进沪苏湖高铁、湖杭高铁",), {"沪苏湖高铁", "湖杭高铁"}),
        # 吴兴 outline, 全面接轨杭州大都市区: "加快推进湖杭高铁、湖杭高速"
        ("wuxing", ("加快推进湖杭高铁、湖杭高速",), {"湖杭高铁", "湖杭高速"}),
        # 湖州 outline, 交通: "建成沪苏湖、湖杭高铁" - the suffix 高铁 is shared by both items
        ("huzhou", ("建成沪苏湖、湖杭高铁",), {"沪苏湖高铁", "湖杭高铁"}),
    ],
)
def test_railways_are_projects(documents, plan, needles, expected):
    _, mentions = extract_sentence(documents[plan], *needles)
    assert expected <= labels(mentions, "Project")


def test_listed_items_share_the_kind_after_the_last_place(documents):
    """G60、杭州城西、宁波甬江科创走廊: 科创 follows the last place, so every item is a 科创走廊."""
    _, mentions = extract_sentence(documents["shaoxing"], "G60、杭州城西、宁波甬江科创走廊")
    assert {"G60科创走廊", "杭州城西科创走廊", "宁波甬江科创走廊"} <= labels(mentions, "Platform"), mentions


def test_railway_project_is_not_glued_to_the_previous_word(documents):
    doc = documents["huzhou"]
    s, mentions = extract_sentence(doc, "建成沪苏湖、湖杭高铁")
    a, b = span_of(doc, s, "湖杭高铁")
    hits = [m for m in mentions if m.type == "Project" and m.end == b]
    assert hits and all(m.start == a for m in hits), hits


# -- industries: coordinated lists closed by a type word ----------------------


@pytest.mark.parametrize(
    ("plan", "needle", "items"),
    [
        # 湖州 outline, 长三角一体化: "加强高端装备、生物医药等优势产业"
        ("huzhou", "加强高端装备、生物医药等优势产业", ("高端装备", "生物医药")),
        # 湖州 outline, 乡村经济: "发展壮大乡村休闲旅游、民宿经济等产业"
        ("huzhou", "乡村休闲旅游、民宿经济等产业", ("乡村休闲旅游", "民宿经济")),
        # 吴兴 outline, 专栏2-2 产业平台体系
        ("wuxing", "重点引导发展智能装备、新材料、电子信息等主导产业", ("智能装备", "新材料", "电子信息")),
    ],
)
def test_every_item_of_an_industry_list_is_an_industry(documents, plan, needle, items):
    doc = documents[plan]
    s, mentions = extract_sentence(doc, needle)
    industries = [m for m in mentions if m.type == "Industry"]
    for item in items:
        a, b = span_of(doc, s, item)
        inside = [m for m in industries if a <= m.start and m.end <= b]
        assert inside, f"no Industry mention inside list item {item!r}: {industries}"
    # no mention swallows two items or the lead-in verbs of the list
    for m in mentions:
        assert "、" not in m.text, m
        assert not m.text.startswith(("重点", "引导", "发展", "加强")), m


@pytest.mark.parametrize(
    ("plan", "needle", "names"),
    [
        # a list closed by the count of its items, not by 等
        ("shaoxing", "金融服务五大生产性服务业", {"软件与信息服务", "商务会展", "金融服务"}),
        # the list's kind named freely, or with two qualifiers
        ("shaoxing", "碳材料、电子化学材料等新材料产业链", {"碳材料", "电子化学材料"}),
        ("shaoxing", "香榧、花卉等特色优势产业", {"香榧", "花卉"}),
        # two parts joined by 及 are one industry
        ("shaoxing", "汽车整车及零部件产业链", {"汽车整车及零部件", "食品及添加剂"}),
        # the first item starts after the adverb and verb that open the list
        ("xiuzhou", "超前布局人工智能", {"人工智能"}),
        ("huzhou", "厚植旅游产业文化内涵", {"旅游"}),
        # ...and after a verb or preposition inside it
        ("xiuzhou", "支持中医药行业向美容、康复、养生等行业", {"美容", "康复", "养生"}),
        ("huzhou", "前瞻性布局总部经济、科创孵化等现代服务业", {"总部经济", "科创孵化"}),
    ],
)
def test_whole_industry_names_in_lists(documents, plan, needle, names):
    _, mentions = extract_sentence(documents[plan], needle)
    assert names <= labels(mentions, "Industry"), mentions
    assert not any(label(m).startswith(("超前", "前瞻", "厚植")) for m in mentions), mentions
    assert not any(w in label(m) for m in mentions for w in ("向", "布局")), mentions


def test_a_verb_that_ends_a_list_item_is_part_of_it():
    """实施人才引育、品牌培育等行动: 实施 opens the list, 引育 (attract and train) is what the first
    campaign does. (The plans' 人才引育、营商环境提升、公共服务优化等专项行动 only lists topics.)"""
    mentions = extract(tiny_document("实施人才引育、品牌培育等行动。")).mentions
    assert {"人才引育行动", "品牌培育行动"} <= labels(mentions, "Program"), mentions


@pytest.mark.parametrize("needle", ["杭绍甬城市群", "沪杭甬都市圈"])
def test_city_clusters_named_by_their_cities_are_regions(documents, needle):
    _, mentions = extract_sentence(documents["shaoxing"], needle)
    assert needle in labels(mentions, "Region"), mentions


def test_a_list_closed_by_a_campaign_word_names_campaigns(documents):
    """碧水、蓝天、净土、清废等行动 are four campaigns; 新基建、新产业…四大工程 counts
    programs named by their items, and 人才、教育等工程 would only list topics."""
    _, mentions = extract_sentence(documents["shaoxing"], "碧水、蓝天、净土、清废等行动")
    assert {"碧水行动", "蓝天行动", "净土行动", "清废行动"} <= labels(mentions, "Program"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "新基建、新产业、新应用、新消费四大工程")
    assert "新产业工程" not in labels(mentions, "Program")
    topics = extract(tiny_document("实施人才、教育等工程。")).mentions
    assert not labels(topics, "Program"), topics
    _, mentions = extract_sentence(documents["shaoxing"], "实施人才引育、营商环境提升、公共服务优化等专项行动")
    assert not labels(mentions, "Program"), mentions  # a kind of campaign closes topics just the same


@pytest.mark.parametrize(
    ("plan", "needle", "own", "borrowed"),
    [
        # streets before a national road
        ("shaoxing", "越东路、二环北路、329国道", {"越东路", "二环北路", "329国道"}, "二环北路国道"),
        # a hall before a memorial hall, a tech city before a tech city (read whole after 推进)
        ("shaoxing", "名人馆、大禹纪念馆", {"名人馆", "大禹纪念馆"}, "名人馆纪念馆"),
        ("shaoxing", "统筹推进智汇芯城、金柯桥科技城", {"智汇芯城", "金柯桥科技城"}, "智汇芯城科技城"),
    ],
)
def test_an_item_that_names_its_own_kind_borrows_none(documents, plan, needle, own, borrowed):
    """越东路 is a street, not 越东路国道; 名人馆 is a hall, not 名人馆纪念馆."""
    _, mentions = extract_sentence(documents[plan], needle)
    names = {label(m) for m in mentions}
    assert own <= names and borrowed not in names, names


def test_a_list_item_that_names_its_kind_keeps_its_name(documents):
    """曹娥、东关等重点区块 are 曹娥区块…; 现代智慧物流区、综合功能配套区等区块 are zones already."""
    _, mentions = extract_sentence(documents["shaoxing"], "加快曹娥、东关、道墟等重点区块")
    assert {"曹娥区块", "东关区块"} <= labels(mentions, "Platform"), mentions
    _, mentions = extract_sentence(documents["shaoxing"], "现代智慧物流区、综合功能配套区等区块")
    platforms = labels(mentions, "Platform")
    assert "现代智慧物流区" in platforms and "现代智慧物流区区块" not in platforms, mentions


def test_routes_listed_before_their_kind_are_projects(documents):
    """舟山—宁波—绍兴和绍兴—杭州—湖州等油品管道: two pipelines, each named by its route."""
    _, mentions = extract_sentence(documents["shaoxing"], "等油品管道")
    assert {"舟山—宁波—绍兴油品管道", "绍兴—杭州—湖州油品管道"} <= labels(mentions, "Project"), mentions
    assert not labels(extract(tiny_document("加快推进沿海—内陆和东部—西部等油品管道。")).mentions, "Project")


def test_waters_listed_among_known_places_are_places(documents):
    """串联浙东运河、鉴湖、曹娥江、若耶溪、剡溪…: the unknown rivers take their neighbours' type."""
    _, mentions = extract_sentence(documents["shaoxing"], "若耶溪、剡溪")
    assert {"若耶溪", "剡溪"} <= labels(mentions, "Region"), mentions
    assert "会稽山香榧古道" not in labels(mentions, "Region")  # a listed road stays a project


@pytest.mark.parametrize(
    ("plan", "needle", "towns"),
    [
        # short names after their district and between list marks
        ("shaoxing", "柯桥区华舍、钱清、杨汛桥等", {"华舍街道", "钱清街道", "杨汛桥街道"}),
        ("shaoxing", "建设章镇、店口、枫桥、甘霖等", {"章镇镇", "店口镇", "枫桥镇", "甘霖镇"}),
        # full names, whatever the segmenter guesses around them (以织/里/镇)
        ("huzhou", "以织里镇为核心", {"织里镇"}),
        ("xiuzhou", "整合王江泾镇、油车港镇", {"王江泾镇", "油车港镇"}),
    ],
)
def test_towns_of_the_plan_region(documents, plan, needle, towns):
    _, mentions = extract_sentence(documents[plan], needle)
    found = {label(m): m.key for m in mentions if m.type == "Region"}
    assert towns <= set(found), found
    assert all(re.fullmatch(r"region:\d{9}", found[t]) for t in towns)


@pytest.mark.parametrize(
    ("plan", "needle", "not_a_town"),
    [
        ("wuxing", "积极创建省级森林城镇", "林城镇"),  # inside the word 森林城镇
        ("huzhou", "古镇、滨湖、乡村等特色旅游", "滨湖街道"),  # 滨湖 is an ordinary word
        ("xiuzhou", "城南路大桥、秀新路大桥", "大桥镇"),  # a town of 嘉兴 too, but mostly a bridge
        ("shaoxing", "推进特大镇、特大村", "特大镇"),  # kinds of town the ministry's table does not list
        ("huzhou", "省级样板镇达到", "样板镇"),
    ],
)
def test_words_that_are_also_town_names(documents, plan, needle, not_a_town):
    _, mentions = extract_sentence(documents[plan], needle)
    assert not_a_town not in labels(mentions, "Region"), mentions


def test_short_town_names_count_only_in_their_own_city():
    """店口 is a town of 诸暨 (绍兴); in a plan of another city it is just two characters."""
    text = "建设章镇、店口、枫桥、甘霖等省级小城市培育试点。"
    found = {}
    for region, code in (("绍兴市", "330600"), ("湖州市", "330500")):
        doc = tiny_document(text, PlanMeta("tiny.txt", region=region, code=code))
        found[region] = labels(extract(doc).mentions, "Region")
    assert "店口镇" in found["绍兴市"] and "店口镇" not in found["湖州市"]


# -- programs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "needles", "core"),
    [
        ("huzhou", ("八八战略",), "八八战略"),
        ("hangzhou", ("忠实践行“八八战略”",), "八八战略"),  # 八八戰略 in the file
        ("huzhou", ("最多跑一次",), "最多跑一次"),
        ("hangzhou", ("深化“最多跑一次”改革",), "最多跑一次"),
        ("xiuzhou", ("最多跑一次",), "最多跑一次"),
        # national health reforms, found by the lexicon in simplified and traditional text
        ("shaoxing", ("县域医共体和城市医联体建设",), "城市医联体"),
        ("hangzhou", ("提升县域医共体",), "县域医共体"),
    ],
)
def test_named_initiatives_are_programs(documents, plan, needles, core):
    doc = documents[plan]
    s, mentions = extract_sentence(doc, *needles)
    a, b = span_of(doc, s, core)
    covering = [m for m in mentions if m.start <= a and b <= m.end]
    assert covering, f"nothing covers {core!r}"
    assert {m.type for m in covering} == {"Program"}, covering
    assert any(core in label(m) for m in covering)


@pytest.mark.parametrize(
    ("plan", "needle", "slogan", "not_a_name"),
    [
        # a numbered slogan of paired phrases is one program
        ("hangzhou", "当好排头兵", "干好一一六、当好排头兵", None),
        # quotes set side by side share the cue before the first (实施“人才新政”“科技新政”)
        ("shaoxing", "“科技新政”", "科技新政", None),
        # a quote followed by 的 describes something: the quote is not glued to the next name
        ("xiuzhou", "旅游特色风情小镇", None, "的"),
        # 构建 builds a pattern or a system, no initiative: 构建“买卖全球”贸易格局
        ("shaoxing", "构建“买卖全球”贸易格局", None, "买卖全球"),
    ],
)
def test_quoted_slogans(documents, plan, needle, slogan, not_a_name):
    _, mentions = extract_sentence(documents[plan], needle)
    programs = labels(mentions, "Program")
    if slogan:
        assert slogan in programs, programs
    if not_a_name:
        assert not any(not_a_name in label(m) for m in mentions if "quoted.name" in m.rules), mentions


@pytest.mark.parametrize(
    ("plan", "needle", "name", "alias"),
    [
        # a tail that only says what kind of work it is leaves the quote as the name...
        ("shaoxing", "信访“最多跑一地”改革", "最多跑一地", "最多跑一地改革"),
        # ...a suffix word makes a name of its own with the quote
        ("shaoxing", "“双倍增”计划", "双倍增计划", "双倍增"),
    ],
)
def test_quote_and_its_tail(documents, plan, needle, name, alias):
    _, mentions = extract_sentence(documents[plan], needle)
    found = [m for m in mentions if m.type == "Program" and label(m) == name]
    assert found and alias in found[0].aliases, mentions


@pytest.mark.parametrize(
    ("plan", "needle", "kind", "item"),
    [
        # 绍兴 outline, 交通: the roads are listed, then their kind
        ("shaoxing", "二环南路等智慧快速路工程", "智慧快速路工程", None),
        # 湖州 outline, 交通: a count of provincial-road projects is no project
        ("huzhou", "等16项省道工程", "16项省道工程", None),
        # 湖州 outline, 文化: a count between the list and its kind
        ("huzhou", "等一批城市文化遗址考古公园", "城市文化遗址考古公园", None),
        # 绍兴 outline, 生态: the items of a campaign list stay campaigns
        ("shaoxing", "碧水、蓝天、净土、清废等行动", "行动", "碧水行动"),
        # 秀洲 outline, 数字经济: frontier industries are what 量子信息 is, not one more
        ("xiuzhou", "量子信息等前沿产业", "前沿产业", "量子信息"),
    ],
)
def test_the_kind_after_a_list_is_not_one_more_name(documents, plan, needle, kind, item):
    """A、B等X工程 lists things of kind X工程; the kind names none of them."""
    _, mentions = extract_sentence(documents[plan], needle)
    assert kind not in {label(m) for m in mentions}, mentions
    if item:
        assert item in {label(m) for m in mentions}, mentions


def test_components_share_their_state_as_doc_extensions(documents):
    """What the components pass on stays readable as spaCy's ``doc._.plangraph``."""
    nlp = build_pipeline()
    doc = nlp("加快推进沪苏湖高铁、湖杭高铁建设")
    state = doc._.plangraph
    assert state.text == doc.text and len(state.tokens) == len(doc)
    proposed = {(c.start, c.end, c.type) for c in state.candidates}
    assert state.entities and all((c.start, c.end, c.type) in proposed for c in state.entities)


@pytest.mark.parametrize(
    ("plan", "needle"),
    [
        ("shaoxing", "房地产市场平稳健康"),  # the market, not the industry
        ("huzhou", "食品安全放心工程"),  # safety
        ("shaoxing", "医药卫生体制改革"),  # health care
    ],
)
def test_an_industry_word_that_qualifies_something_else_is_no_industry(documents, plan, needle):
    """房地产市场, 食品安全, 医药卫生: the word qualifies a market, safety, health care."""
    s, mentions = extract_sentence(documents[plan], needle)
    start, _ = span_of(documents[plan], s, needle)
    assert not any(m.start == start and m.type == "Industry" for m in mentions), mentions


def test_where_and_how_many_name_no_industry(documents):
    """市区印染 and 国际产业链 say where, 一二三产业 counts the economy's sectors and 第三产业 is one of
    them by number (no gold file takes it), 产业型 is a type of village."""
    _, mentions = extract_sentence(documents["shaoxing"], "市区印染、化工产业")
    assert "化工" in labels(mentions, "Industry") and "市区印染" not in labels(mentions, "Industry"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "一二三产业深度融合")
    assert not any("一二三" in label(m) for m in mentions), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "三次产业比重")
    assert not any("三次" in label(m) for m in mentions), mentions
    _, mentions = extract_sentence(documents["wuxing"], "第三产业")
    assert not any(label(m).startswith("第三") for m in mentions if m.type == "Industry"), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "选择产业型、景区型")
    assert not labels(mentions, "Industry") & {"选择产业", "产业"}, mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "我区应紧紧把握产业数字化")
    assert not labels(mentions, "Industry") & {"应紧紧把握", "紧紧把握", "把握"}, mentions
    international = extract(tiny_document("推动企业向国际产业链、价值链高端跃升。")).mentions
    assert not labels(international, "Industry"), international


def test_a_formula_is_no_platform(documents):
    """“众创空间+孵化器+加速器+产业园” adds kinds of facility into a model; it is no park."""
    _, mentions = extract_sentence(documents["xiuzhou"], "众创空间+孵化器+加速器+产业园")
    assert not any("+" in m.text and m.type == "Platform" for m in mentions), mentions
    _, mentions = extract_sentence(documents["hangzhou"], "互联网+监管")
    assert "互联网+监管" in labels(mentions, "Program"), mentions


def test_a_grade_names_no_hospital(documents):
    """三级乙等医院 says how a hospital is graded, not which hospital."""
    _, mentions = extract_sentence(documents["xiuzhou"], "三级乙等医院")
    assert not any("等医院" in label(m) for m in mentions), mentions
    assert not any("按照" in label(m) for m in mentions), mentions  # 甲等 is no list's 等 either
    _, mentions = extract_sentence(documents["shaoxing"], "5A景区城暨浙东唐诗名城")
    assert not any(label(m).startswith("5A") for m in mentions), mentions  # a rating
    _, mentions = extract_sentence(documents["hangzhou"], "创建全国百强大学")
    assert not any("百强" in label(m) for m in mentions), mentions  # a ranking


@pytest.mark.parametrize(
    ("plan", "needle", "role"),
    [
        ("hangzhou", "打造亚太地区重要门户枢纽", "重要门户枢纽"),
        ("huzhou", "长三角新型贸易重要枢纽", "重要枢纽"),
        ("shaoxing", "融杭联甬接沪枢纽地位", "融杭联甬接沪枢纽"),  # the standing of a hub
    ],
)
def test_an_important_hub_is_a_role(documents, plan, needle, role):
    """…重要枢纽 and …枢纽地位 say what part a place plays, not which hub is built."""
    _, mentions = extract_sentence(documents[plan], needle)
    assert not any(role in label(m) for m in mentions if m.type == "Project"), mentions


def test_what_is_brought_together_is_no_name(documents):
    """打造集现代工程样板、水乡文化风情…于一体的生态海岸带: 集 (bring together) opens a list of qualities."""
    _, mentions = extract_sentence(documents["shaoxing"], "打造集现代工程样板")
    assert not any(label(m).startswith("集") for m in mentions), mentions


def test_one_character_qualifies_and_names_nothing(documents):
    """近、中、远期改造计划 are near-, mid- and long-term plans of one kind: no 近计划 or 中计划."""
    _, mentions = extract_sentence(documents["xiuzhou"], "近、中、远期改造计划")
    assert not labels(mentions, "Program") & {"近计划", "中计划"}, mentions


def test_a_reach_of_such_things_is_none_of_them(documents):
    """10分钟枢纽圈 and 长三角核心区高铁圈 are areas within reach, not a hub or a railway."""
    _, mentions = extract_sentence(documents["xiuzhou"], "10分钟枢纽圈")
    assert not any(label(m).endswith(("枢纽", "高铁")) for m in mentions if m.type == "Project"), mentions


def test_quoted_valleys_are_platforms(documents):
    """“中国睡谷”, “美研谷”: a valley is a cluster of firms and labs in one place. A suffix word
    inside a quotation that goes on (“创谷经济”) names nothing, and a count after the quote
    (“风尚谷”5个特色小谷) is not part of the name."""
    _, mentions = extract_sentence(documents["xiuzhou"], "打造“中国睡谷”“秀水光谷”")
    assert {"中国睡谷", "秀水光谷"} <= labels(mentions, "Platform"), mentions
    _, mentions = extract_sentence(documents["wuxing"], "“风尚谷”5个特色小谷")
    assert {"美研谷", "风尚谷"} <= labels(mentions, "Platform"), mentions
    assert not any("特色小谷" in label(m) for m in mentions), mentions
    _, mentions = extract_sentence(documents["huzhou"], "大力发展“创谷经济”")
    assert "创谷" not in labels(mentions, "Platform"), mentions
    _, mentions = extract_sentence(documents["shaoxing"], "“西施故里·好美诸暨”")
    assert "西施故里" in labels(mentions, "Project"), mentions  # the first of two names joined by ·


def test_an_approximate_count_is_no_part_of_a_name(documents):
    """5个左右两业融合试点区域: about five pilot areas of 两业融合试点."""
    _, mentions = extract_sentence(documents["huzhou"], "5个左右两业融合试点区域")
    assert "两业融合试点" in labels(mentions, "Program") and not any("左右" in label(m) for m in mentions), mentions


def test_a_rank_and_a_kind_name_nothing(documents):
    """创建国家级旅游度假区 aims at a rank for some resort; no resort is named."""
    _, mentions = extract_sentence(documents["wuxing"], "创建国家级旅游度假区")
    assert not any(label(m).startswith(("国家级", "省级")) for m in mentions), mentions


@pytest.mark.parametrize(
    ("plan", "needle", "not_a_name"),
    [
        ("shaoxing", "重大文化设施建设工程", "重大文化设施建设工程"),
        ("shaoxing", "自然灾害防治重点工程", "自然灾害防治重点工程"),
    ],
)
def test_major_works_of_a_kind_are_a_class(documents, plan, needle, not_a_name):
    """重大/重点 works of a kind are many; a numbered one (重大项目百亿工程) is named."""
    _, mentions = extract_sentence(documents[plan], needle)
    assert not_a_name not in {label(m) for m in mentions}, mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "重大项目百亿工程")
    assert "重大项目百亿工程" in labels(mentions, "Program"), mentions


def test_topics_and_places_are_not_initiatives(extractions):
    """人才工程, 年度计划, 绍兴改革 say what or where, not which initiative."""
    programs = {label(m) for ex in extractions.values() for m in ex.mentions if m.type == "Program"}
    assert not programs & {"年度计划", "人才工程", "五年计划", "系列计划", "绍兴改革", "专项计划"}
    assert {"越医文化推广工程", "碧水行动"} <= programs  # while real ones stay


def test_lexicon_program_keeps_its_canonical_label(documents):
    """八八战略 is in the program lexicon: whichever rule finds it, the label is the name."""
    _, mentions = extract_sentence(documents["huzhou"], "八八战略")
    assert "八八战略" in labels(mentions, "Program")


@pytest.mark.parametrize(
    ("plan", "needle", "surface", "key"),
    [
        # 杭州 outline (traditional): the national strategy, named with what kind of work it is
        ("hangzhou", "深入实施长三角区域一体化发展国家战略", "长三角区域一体化发展国家战略", "program:长三角一体化发展"),
        ("huzhou", "扫黑除恶专项行动", "扫黑除恶专项行动", "program:扫黑除恶"),
    ],
)
def test_a_known_program_with_its_kind_of_work_is_that_program(documents, plan, needle, surface, key):
    """…国家战略, …专项行动 add nothing to a program the lexicon knows: one thing, one key."""
    doc = documents[plan]
    s, mentions = extract_sentence(doc, needle)
    a, b = span_of(doc, s, surface)
    assert any(m.start == a and m.end == b and m.key == key for m in mentions), mentions


def test_a_pilot_of_a_known_program_is_a_thing_of_its_own(documents):
    """未来社区试点 is a pilot (a title a place earns), not the 未来社区 program itself."""
    _, mentions = extract_sentence(documents["shaoxing"], "未来社区试点")
    assert "未来社区试点" in labels(mentions, "Program"), mentions


# -- regions ------------------------------------------------------------------


def test_own_region_full_and_short_name_have_the_lexicon_key(documents):
    doc = documents["huzhou"]
    lexicon = load_lexicon()
    for needle in ("湖州市人民政府", "谋划争取民用机场落户湖州"):
        s, mentions = extract_sentence(doc, needle)
        surface = "湖州市" if needle.startswith("湖州市") else "湖州"
        a, _ = span_of(doc, s, surface)
        hits = [m for m in mentions if m.type == "Region" and m.start == a]
        assert hits, (needle, mentions)
        assert all(m.key == f"region:{HUZHOU_CODE}" for m in hits), hits
        assert lexicon.entries[hits[0].key].code == HUZHOU_CODE


def test_region_keys_name_lexicon_entries(extractions):
    """A Region with a key is a lexicon entry; administrative ones carry their code (6 digits, 9 for towns)."""
    lexicon = load_lexicon()
    seen = 0
    for ex in extractions.values():
        for m in ex.mentions:
            if m.type != "Region" or m.key is None:
                continue
            entry = lexicon.entries[m.key]
            assert entry.type == "Region"
            if m.key.startswith("region:"):
                seen += 1
                assert re.fullmatch(r"region:\d{6}(\d{3})?", m.key)  # towns have 9 digits
                assert entry.code == m.key.removeprefix("region:")
    assert seen > 0


def test_counties_of_the_plan_region_are_found(documents):
    """湖州 outline: 德清, 安吉, 长兴 (short names of its counties) in the rail sentence, where
    they stand inside railway names (湖州至德清市域铁路): the railways connect them."""
    doc = documents["huzhou"]
    s = find_sentence(doc, "建成沪苏湖、湖杭高铁")
    ex = extract(Document(doc.source, doc.meta, (s,), doc.tables))
    keys = {r.object for r in ex.relations if r.predicate == "connects" and isinstance(r.object, str)}
    lexicon = load_lexicon()
    children = {e.id for e in lexicon.children(f"region:{HUZHOU_CODE}")}
    assert len(keys & children) >= 2, keys


# -- traditional characters ----------------------------------------------------


def test_traditional_text_gives_simplified_labels(documents):
    doc = documents["hangzhou"]
    s, mentions = extract_sentence(doc, "八八战略")
    assert "八八戰略" in doc.source.original[doc.source.offsets[s.start]:doc.source.offsets[s.end]]
    hits = [m for m in mentions if "八八战略" in label(m)]
    assert hits
    for m in hits:
        assert "戰" not in label(m) and "戰" not in m.text
        assert "八八戰略" in doc.source.quote(m.start, m.end)


def test_no_label_of_the_traditional_plan_is_traditional(extractions):
    ex = extractions["hangzhou"]
    assert len(ex.mentions) > 50
    for m in ex.mentions:
        assert _T2S.convert(label(m)) == label(m), m
        assert all(_T2S.convert(a) == a for a in m.aliases), m


# -- compound official names ---------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "needle", "first", "compound"),
    [
        ("shaoxing", "建设绍兴滨海新区人才管理改革试验区", "绍兴滨海新区", "绍兴滨海新区人才管理改革试验区"),
        ("shaoxing", "钱塘江金融港湾绍兴联动区", "钱塘江金融港湾", "钱塘江金融港湾绍兴联动区"),
    ],
)
def test_a_name_that_continues_another_is_one_name_and_keeps_the_first(documents, plan, needle, first, compound):
    """绍兴滨海新区 + 人才管理改革试验区 is one platform; 绍兴滨海新区 is still mentioned in it."""
    _, mentions = extract_sentence(documents[plan], needle)
    platforms = {label(m) for m in mentions if m.type == "Platform"}
    assert {first, compound} <= platforms, platforms


@pytest.mark.parametrize(
    ("plan", "needle", "type_", "name"),
    [
        # the host region in brackets after the province or the country
        ("shaoxing", "人力资源服务产业园", "Platform", "浙江(绍兴)人力资源服务产业园"),
        ("shaoxing", "跨境电子商务综合试验区、国家综合保税区", "Platform", "中国(绍兴)跨境电子商务综合试验区"),
        ("shaoxing", "会稽山国家森林公园", "Platform", "会稽山国家森林公园"),  # 国家 inside a name
        ("hangzhou", "国家自主创新示范区", "Platform", "国家自主创新示范区"),  # a national designation
        ("shaoxing", "上虞曹娥—东关", "Platform", "上虞曹娥—东关—道墟区块"),  # parts joined by a dash
        ("shaoxing", "彩虹快速路", "Project", "彩虹快速路—杭州湾大道"),  # a route from road to road
        ("shaoxing", "杭金衢高速至杭绍台高速联络线", "Project", "杭金衢高速至杭绍台高速联络线"),  # a link road
        ("shaoxing", "绍兴市轨道交通第二期", "Project", "绍兴市轨道交通第二期"),  # a city's metro, by phase
        ("shaoxing", "黄酒小镇", "Platform", "黄酒小镇"),  # a special town named for its trade
        ("shaoxing", "甬绍干线东段", "Project", "甬绍干线东段"),  # a section of a project
        ("hangzhou", "钱江新城二期", "Platform", "钱江新城二期"),  # a phase
        ("xiuzhou", "上海张江高科技园区", "Platform", "上海张江高科技园区"),
        ("huzhou", "安吉长龙山抽水蓄能电站", "Project", "安吉长龙山抽水蓄能电站"),
        ("wuxing", "织里童装产业示范园", "Platform", "织里童装产业示范园"),  # not the industry 织里童装
        ("wuxing", "吴兴·青川东西部扶贫协作特色产业园", "Platform", "吴兴·青川东西部扶贫协作特色产业园"),  # two places
        # a rank inside an official name
        ("huzhou", "太湖国家级旅游度假区", "Platform", "太湖国家级旅游度假区"),
        ("xiuzhou", "依托嘉兴运河文化省级旅游度假区", "Platform", "嘉兴运河文化省级旅游度假区"),
        # an institute named for the innovation it does, whose field is an industry word
        ("shaoxing", "中科院新材料产业技术创新研究院", "Platform", "中科院新材料产业技术创新研究院"),
        # the verbs right before 工程/行动 belong to an initiative's name; the lead verb does not
        ("shaoxing", "实施越医文化推广工程", "Program", "越医文化推广工程"),
        ("shaoxing", "深入推进塑料污染治理攻坚行动", "Program", "塑料污染治理攻坚行动"),
        ("shaoxing", "浦阳江治理三期工程", "Project", "诸暨市浦阳江治理三期工程"),  # what it does, then its phase: works
        # named events, whose names are plain words
        ("shaoxing", "兰亭书法节、阳明心学", "Project", "兰亭书法节"),
        ("hangzhou", "网络文学周", "Project", "中国国际网络文学周"),
        ("shaoxing", "女排世俱杯等国际赛事", "Project", "女排世俱杯"),
    ],
)
def test_official_name_shapes_are_read_whole(documents, plan, needle, type_, name):
    _, mentions = extract_sentence(documents[plan], needle)
    assert name in {fold(label(m)) for m in mentions if m.type == type_}, mentions


# -- verbs stay out of names ---------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "needle", "name", "verb"),
    [
        ("xiuzhou", "加快推进秀洲国家高新区", "秀洲国家高新区", "加快推进"),
        ("huzhou", "高标准建设湖州科技城", "湖州科技城", "建设"),
        ("huzhou", "加快莫干山高新区建设", "莫干山高新区", "加快"),
        ("shaoxing", "谋划推进诸暨城西科技城", "诸暨城西科技城", "推进"),
        ("wuxing", "整合浙江吴兴经济开发区", "吴兴经济开发区", "整合"),
        ("huzhou", "发起成立长三角产业合作区", "长三角产业合作区", "成立"),
        ("wuxing", "着力打造湖州高新区", "湖州高新区", "力"),  # 着力打造 is two boundary words, not 着 + 力打造
        ("xiuzhou", "以秀湖新城为核心", "秀湖新城", "以"),  # 以秀 is the segmenter's guess
    ],
)
def test_verbs_are_not_part_of_a_platform_name(documents, plan, needle, name, verb):
    doc = documents[plan]
    s, mentions = extract_sentence(doc, needle)
    a, b = span_of(doc, s, needle)
    platforms = [m for m in mentions if m.type == "Platform" and a <= m.end and m.start < b]
    assert any(label(m).endswith(name) for m in platforms), platforms
    for m in platforms:
        assert verb not in m.text, m


# Verbs that open a clause in plans and never begin a platform or project name.
LEAD_VERBS = ("加快", "推进", "推动", "建成", "打造", "整合", "发起", "谋划", "深化", "开工", "争创", "支持", "实施",
              "滚动", "依托")


def test_almost_no_platform_or_project_starts_with_a_verb(extractions):
    """Corpus-wide precision guard: verbs are cut off names (a few misses tolerated)."""
    names = [m for ex in extractions.values() for m in ex.mentions if m.type in ("Platform", "Project")]
    bad = [m.text for m in names if m.text.startswith(LEAD_VERBS)]
    assert len(names) > 200
    assert len(bad) <= 0.02 * len(names), bad


def test_markdown_markup_is_not_part_of_a_name(documents, extractions):
    """吴兴 outline (Markdown): the bold heading **湖州高新区。** names 湖州高新区, not **湖州高新区."""
    _, mentions = extract_sentence(documents["wuxing"], "**湖州高新区")
    assert "湖州高新区" in labels(mentions, "Platform")
    marked = [label(m) for ex in extractions.values() for m in ex.mentions if re.search(r"[*#|]", label(m))]
    assert marked == []


# -- relations ------------------------------------------------------------------


def relations_in(doc: Document, *needles: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of one real sentence; lexicon ids read as their names."""
    s = find_sentence(doc, *needles)
    return plan_relations(extract(Document(doc.source, doc.meta, (s,), doc.tables)))


@pytest.mark.parametrize(
    ("plan", "needle", "expected"),
    [
        # the places in a railway's name, as abbreviations
        ("wuxing", "加快推进沪苏湖高铁、湖杭高铁", {("沪苏湖高铁", "connects", "上海市"), ("湖杭高铁", "connects", "杭州市")}),
        # places in brackets after a road with its section (西延)
        ("shaoxing", "G329国道西延(余姚—上虞)", {("G329国道西延", "connects", "余姚市"), ("G329国道西延", "connects", "上虞区")}),
        # a run of verb + abbreviation pairs after a railway: 进杭联甬
        ("shaoxing", "绍兴城际线实现进杭联甬", {("绍兴城际线", "connects", "杭州市"), ("绍兴城际线", "connects", "宁波市")}),
        # a platform that opens a longer name holds it; a platform in brackets after a region is in it
        ("shaoxing", "高起点建设绍兴滨海新区人才管理改革试验区", {("绍兴滨海新区人才管理改革试验区", "locatedIn", "绍兴滨海新区")}),
        ("shaoxing", "发挥越城区(滨海新区)", {("滨海新区", "locatedIn", "越城区")}),
        # a develops cue after the list of industries it closes
        ("shaoxing", "加快研学游、体育、家政等行业发展", {("绍兴市", "develops", "体育"), ("绍兴市", "develops", "研学游")}),
        # holding to a program, becoming or being approved as one, implements it
        ("hangzhou", "坚持和发展更加完善的新时代“枫桥经验”", {("杭州市", "implements", "枫桥经验")}),
        ("shaoxing", "成为全省唯一的国家“无废城市”建设试点", {("绍兴市", "implements", "无废城市")}),
        # 突出 an industry is to develop it
        ("shaoxing", "2.柯桥福兰区块:", {("柯桥福兰区块", "develops", "文化旅游")}),
        # the speaker's role among regions places it in them
        ("shaoxing", "长三角城市群重要城市、环杭州湾大湾区核心城市", {("绍兴市", "locatedIn", "长三角城市群")}),
    ],
)
def test_relations_stated_in_a_sentence(documents, plan, needle, expected):
    found = relations_in(documents[plan], needle)
    assert expected <= found, found


def plan_relations(ex: Extraction) -> set[tuple[str, str, str]]:
    entries = load_lexicon().entries

    def name(end: Mention | str) -> str:
        return entries[end].name if isinstance(end, str) else label(end)

    return {(name(r.subject), r.predicate, name(r.object)) for r in ex.relations}


def test_a_section_about_a_platform_makes_it_the_developer(extractions):
    """Under the heading 1.杭绍临空经济一体化发展示范区绍兴片区, 培育通用航空、现代物流… is the
    zone's work (and still the city's)."""
    found = plan_relations(extractions["shaoxing"])
    zone = "杭绍临空经济一体化发展示范区绍兴片区"
    assert {(zone, "develops", "现代物流"), ("绍兴市", "develops", "现代物流")} <= found


def test_a_platform_before_a_colon_is_what_the_sentence_is_about(documents):
    """3.柯北区块:以柯桥经济技术开发区为核心,…打造…现代纺织产业集聚区."""
    found = relations_in(documents["shaoxing"], "3.柯北区块:")
    assert ("柯北区块", "develops", "现代纺织") in found, found


def test_a_region_opening_the_first_clause_is_its_subject():
    found = plan_relations(extract(tiny_document("柯桥区重点发展现代纺织。")))
    assert ("柯桥区", "develops", "现代纺织") in found and ("湖州市", "develops", "现代纺织") not in found, found


def test_a_region_does_not_cooperate_with_its_own_parts():
    found = plan_relations(extract(tiny_document("深化与吴兴区、上海市的合作。")))
    assert ("湖州市", "cooperatesWith", "上海市") in found, found
    assert not any(o == "吴兴区" for _, p, o in found if p == "cooperatesWith"), found


def test_a_link_road_does_not_connect_the_cities_of_the_roads_it_joins(documents):
    found = relations_in(documents["shaoxing"], "杭金衢高速至杭绍台高速联络线")
    assert not any(s == "杭金衢高速至杭绍台高速联络线" and p == "connects" for s, p, _ in found), found
    assert ("杭金衢高速", "connects", "衢州市") in found, found


def test_a_division_before_a_program_is_the_one_that_implements_it(documents):
    """开展淳安“两山银行”试点: 淳安县 runs the pilot, not the city whose plan says so;
    南太湖“民情哨” names where, and a lake implements nothing."""
    found = relations_in(documents["hangzhou"], "开展淳安“两山银行”试点")
    assert ("淳安县", "implements", "两山银行") in found and ("杭州市", "implements", "两山银行") not in found, found
    found = relations_in(documents["huzhou"], "南太湖“民情哨”")
    assert ("湖州市", "implements", "民情哨") in found and not any(s == "太湖" for s, _, _ in found), found


def test_an_adjective_is_no_cue(documents):
    """突出集成电路… develops; 建成龙头能力突出、…的医疗服务网络 does not (突出 is "outstanding")."""
    found = relations_in(documents["xiuzhou"], "建成龙头能力突出")
    assert not any(p == "develops" and o == "医疗服务" for _, p, o in found), found
    found = relations_in(documents["shaoxing"], "突出集成电路、生物医药、高端装备等主导新兴产业")
    assert any(p == "develops" and o == "集成电路" for _, p, o in found), found


def test_quoted_platforms_side_by_side_are_a_list(documents):
    """“美研谷”“医美谷”“丽人谷”: quoted names set side by side are listed; none is inside another."""
    found = relations_in(documents["wuxing"], "重点建设“美研谷”“医美谷”")
    assert not any(p == "locatedIn" and o.endswith("谷") for _, p, o in found), found


def test_a_park_two_places_share_is_located_by_neither(documents):
    """吴兴·青川东西部扶贫协作特色产业园 is 吴兴's aid park in 青川 (Sichuan): not in 吴兴区."""
    found = relations_in(documents["wuxing"], "吴兴·青川东西部扶贫协作特色产业园")
    assert not any(s.startswith("吴兴·青川") and p == "locatedIn" for s, p, _ in found), found


def test_an_institute_is_not_inside_its_university(documents):
    """浙江大学湖州研究院 belongs to 浙江大学 but stands in 湖州."""
    found = relations_in(documents["huzhou"], "浙江大学湖州研究院")
    assert not any(s == "浙江大学湖州研究院" and o == "浙江大学" for s, _, o in found), found


def test_the_role_of_other_cities_places_nobody():
    """加强与长三角中心城市合作 speaks of other cities: the plan's region is not placed by it."""
    for sentence in ("加强与长三角中心城市合作。", "实现30分钟通达长三角核心城市。"):
        ex = extract(tiny_document(sentence))
        assert not any(r.predicate == "locatedIn" for r in ex.relations), (sentence, ex.relations)


def test_a_verb_and_a_city_initial_need_a_run_to_reach_a_city():
    """融合 is 融 + 合 (合肥's initial) by the letter: one pair in a sentence reaches nothing."""
    ex = extract(tiny_document("推进沪苏湖高铁沿线产城融合。"))
    assert not any(isinstance(r.object, str) and r.object == "region:340100" for r in ex.relations), ex.relations


# -- offsets --------------------------------------------------------------------


def test_offsets_cite_the_original_file(extractions):
    for ex in extractions.values():
        assert ex.mentions
        assert_well_formed(ex)


def test_every_plan_yields_all_kinds_of_entity(extractions):
    for name, ex in extractions.items():
        types = {m.type for m in ex.mentions}
        assert {"Region", "Industry", "Program"} <= types, name
        assert types & {"Platform", "Project"}, name


def test_mentions_quote_whole_quotations(extractions):
    unbalanced = [m.text for ex in extractions.values() for m in ex.mentions
                  if m.text.count("“") != m.text.count("”") or m.text.count("《") != m.text.count("》")]
    assert unbalanced == []


def test_extraction_is_deterministic(documents, extractions):
    again = extract(documents["huzhou"])
    assert again.mentions == extractions["huzhou"].mentions


# -- hostile input --------------------------------------------------------------


LONG = ("加快推进沪苏湖高铁、湖杭高铁等重大交通项目,重点引导发展智能装备、新材料、电子信息等主导产业,"
        "忠实践行“八八战略”,加快莫干山高新区建设;")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀🎉 湖州 🚄 高铁😀",
        "ASCII only: G60 5G AI+ park zone",
        "<script>alert('湖州高新区')</script>",
        "“", "”“", "“““八八战略", "等产业", "、、、等产业", "“”改革",
        "湖州\u200b莫干山\u00ad高新区",
        "\x00\x01\x02 湖州",
        (LONG * 200)[:10_000],
        "高新区" * 3_000,
        "湖州" * 5_000,
        "、" * 10_000,
        "“" * 5_000 + "”" * 5_000,
    ],
    ids=lambda t: f"{t[:12]!r}..{len(t)}",
)
def test_hostile_sentences_never_crash(text):
    doc = tiny_document(text)
    start = time.perf_counter()
    ex = extract(doc)
    assert time.perf_counter() - start < 30  # catches a runaway, not a slow machine
    assert_well_formed(ex)


@pytest.mark.slow
def test_long_sentence_still_finds_names():
    ex = extract(tiny_document((LONG * 200)[:10_000]))
    assert {"Project", "Industry", "Program", "Platform"} <= {m.type for m in ex.mentions}


def test_document_without_known_region(tmp_path):
    """A plan of a region the manifest does not know goes through with inferred metadata."""
    path = tmp_path / "unknown.txt"
    path.write_text("某某县国民经济和社会发展第十四个五年规划纲要\n\n忠实践行“八八战略”,大力发展集成电路、生物医药等产业。\n",
                    encoding="utf-8")
    source = read_source(path)
    ex = extract(parse(source, infer_meta(source, path.name)))
    assert_well_formed(ex)
    assert "Program" in {m.type for m in ex.mentions}
    assert {"集成电路", "生物医药"} <= labels(ex.mentions, "Industry")


def test_markup_file_through_the_whole_chain(tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("<html><script>alert('湖州')</script>\n# 标题\n| 湖州 | 高新区 |\n😀 忠实践行“八八戰略”。\n",
                    encoding="utf-8")
    source = read_source(path)
    ex = extract(parse(source, infer_meta(source, path.name)))
    assert_well_formed(ex)


_ALPHABET = st.sampled_from(list("湖州杭沪苏宁嘉绍高铁新区产业园集成电路生物医药八战略等、，。“”《》() \n😀aZ5")
                            + ["高新区", "科技城", "等产业", "最多跑一次", "加快建设", "湖州市"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_random_text_never_breaks_the_invariants(text):
    doc = tiny_document(text)
    assert_well_formed(extract(doc))


def test_an_everyday_word_the_dictionary_tags_as_a_name_is_no_name(documents):
    """jieba tags 智慧 as a person's name; 智慧景区 and 智慧医院 are still kinds of place.
    Real names keep their tag: 鲁迅故里 and 凤凰行动 are named."""
    _, mentions = extract_sentence(documents["shaoxing"], "加深5G在文物修复、智慧景区")
    assert "智慧景区" not in labels(mentions, "Platform"), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "的智慧医院建设")
    assert "智慧医院" not in labels(mentions, "Project"), mentions
    found = {label(m) for m in extract(documents["shaoxing"]).mentions}
    assert {"鲁迅故里", "凤凰行动"} <= found


def test_an_industry_word_inside_a_longer_word_is_not_read(documents):
    """电机 inside 风力/发电机: the generator blade is a textile product here, no motor industry."""
    _, mentions = extract_sentence(documents["xiuzhou"], "风力发电机叶片")
    assert "电机" not in labels(mentions, "Industry"), mentions


@pytest.mark.parametrize(
    ("plan", "not_an_industry"),
    [
        ("shaoxing", {"光伏", "风电"}),  # only in 建设一批天然气分布式、光伏、风电等项目: energy works
        ("hangzhou", {"食品"}),  # only in 提高食品药品等…安全保障: what is kept safe
        ("huzhou", {"快递"}),  # only in 推进电商、快递进乡村: a service reaching villages
    ],
)
def test_an_industry_word_the_plan_never_speaks_of_as_industry_is_none(extractions, plan, not_an_industry):
    """Without 产业, 行业, 经济, 企业, 大力发展… in any sentence that names it, an industry word
    is a good, a work or a service in that plan."""
    found = {label(m) for m in extractions[plan].mentions if m.type == "Industry"}
    assert not found & not_an_industry, found & not_an_industry


@pytest.mark.parametrize(
    ("plan", "industry"),
    [
        ("shaoxing", "种业"),  # 大力发展现代种业: the word says it is a trade
        ("xiuzhou", "服务贸易"),  # 大力发展服务贸易: the region develops it
        ("shaoxing", "生物医药"),  # 打造全国集成电路、生物医药产业高地
    ],
)
def test_an_industry_word_in_a_sentence_about_industry_is_an_industry(extractions, plan, industry):
    assert industry in {label(m) for m in extractions[plan].mentions if m.type == "Industry"}


def test_once_a_plan_backs_an_industry_every_mention_of_it_counts(extractions):
    """旅游 in 加快建设世界级旅游景区 names tourism: the plan speaks of its 旅游业 elsewhere."""
    ex = extractions["hangzhou"]
    s = find_sentence(ex.document, "加快建设世界级旅游景区")
    assert any(m.sentence == ex.document.sentences.index(s) and label(m) == "旅游" for m in ex.mentions)


def test_an_unbacked_industry_leaves_no_relation_behind():
    ex = extract(tiny_document("湖州市培育光伏、风电。"))  # would be 湖州市 develops 光伏
    assert not labels(ex.mentions, "Industry"), ex.mentions
    assert_well_formed(ex)
    assert not ex.relations, ex.relations


def test_a_pipeline_built_on_other_patterns_backs_industries_with_their_cues(tmp_path):
    """The whole-document steps read the folders the pipeline was built with, not the defaults."""
    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERNS_ROOT, patterns)
    (patterns / "industry_cues.txt").write_text("产业\n", encoding="utf-8")  # no 大力发展
    sentence = tiny_document("湖州市大力发展旅游。")
    assert "旅游" in labels(extract(sentence).mentions, "Industry")
    assert "旅游" not in labels(extract(sentence, build_pipeline(None, str(patterns))).mentions, "Industry")


def test_a_one_digit_count_before_a_kind_names_nothing(documents):
    """六铁、四高、两枢纽: six railways, four motorways, two hubs - counts, not hubs named 六铁."""
    _, mentions = extract_sentence(documents["hangzhou"], "六铁、四高、两枢纽")
    assert not any("枢纽" in label(m) for m in mentions), mentions
    found = {label(m) for m in extract(documents["huzhou"]).mentions if m.type == "Project"}
    assert "八三机场" in found  # a two-digit number is a name


def test_after_a_count_comes_the_kind_of_a_group(documents):
    """两大系列人才计划 are two series of talent programs; 2022年杭州亚运会 is still the Games."""
    _, mentions = extract_sentence(documents["shaoxing"], "推进两大系列人才计划")
    assert not any("系列人才计划" in label(m) for m in mentions), mentions
    found = {label(m) for m in extract(documents["shaoxing"]).mentions if m.type == "Project"}
    assert "杭州亚运会" in found


def test_worldwide_leads_an_industry_and_is_not_its_name(documents):
    _, mentions = extract_sentence(documents["hangzhou"], "全球视觉AI产业中心")
    assert "视觉AI" in labels(mentions, "Industry"), mentions
    assert not any(label(m).startswith("全球") for m in mentions), mentions


def test_every_town_is_a_slogan(documents):
    """县县通高铁、镇镇联高速: "every town on a motorway" promises a network, names no road."""
    _, mentions = extract_sentence(documents["shaoxing"], "镇镇联高速")
    assert not any(label(m).startswith("镇镇") for m in mentions), mentions


def test_a_suffix_that_begins_a_longer_word_ends_no_name(documents):
    """未来城|市 is 未来城市 (三江汇未来城市先行实践区), 机场|站 an airport's station."""
    _, mentions = extract_sentence(documents["hangzhou"], "三江汇未来城市先行实践区")
    assert "三江汇未来城" not in {label(m) for m in mentions}, mentions
    _, mentions = extract_sentence(documents["shaoxing"], "铁路杭州萧山机场站")
    assert not any(label(m).endswith("机场") for m in mentions if m.type == "Project"), mentions


def test_old_town_and_new_town_are_kinds(documents):
    """古城新城联动发展 links the old town and the new ones; it names no new town."""
    _, mentions = extract_sentence(documents["shaoxing"], "深化古城新城联动发展")
    assert "古城新城" not in {label(m) for m in mentions}, mentions


def test_a_strong_city_keeps_its_domain(documents):
    """创新强市, 人才强区: "strong city" in a domain. The domain word (创新 may also end a
    head) belongs to it, and the 战略 the coordinated items share is their kind, not their name."""
    _, mentions = extract_sentence(documents["shaoxing"], "深入实施创新强市、人才强市战略")
    assert {"创新强市", "人才强市"} <= labels(mentions, "Program"), mentions  # the lexicon's 人才强市
    _, mentions = extract_sentence(documents["wuxing"], "深入实施人才强区、创新强区战略")
    found = labels(mentions, "Program")
    assert {"人才强区", "创新强区"} <= found and not {"强区", "强区战略"} & found, mentions


def test_a_logistics_park_is_a_platform_and_an_award_is_not_its_name(documents):
    """湖州铁公水综合物流园 is a park; in 全国优秀物流园区嘉兴现代物流园 the award comes first."""
    _, mentions = extract_sentence(documents["huzhou"], "加快湖州铁公水综合物流园建设")
    assert "湖州铁公水综合物流园" in labels(mentions, "Platform"), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "全国优秀物流园区嘉兴现代物流园")
    assert "嘉兴现代物流园" in labels(mentions, "Platform"), mentions
    assert not any("优秀" in label(m) for m in mentions), mentions


def test_a_record_a_port_and_a_verb_are_not_read_as_names(documents):
    """“十三连冠夺金鼎” is a record, 航空港 an airport, and 共构 (build together) the verb
    before a list of industries."""
    _, mentions = extract_sentence(documents["huzhou"], "十三连冠夺金鼎")
    assert not any("连冠" in label(m) for m in mentions), mentions
    _, mentions = extract_sentence(documents["hangzhou"], "推进航空港")
    assert "航空" not in labels(mentions, "Industry"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "吴兴智能物流装备")
    assert "现代物流" not in labels(mentions, "Industry"), mentions  # logistics equipment is made, not logistics
    _, mentions = extract_sentence(documents["shaoxing"], "共构智能制造")
    found = labels(mentions, "Industry")
    assert "智能制造" in found and "共构智能制造" not in found, mentions


def test_a_size_is_no_industry(documents):
    """四大双百亿产业 counts industries by their output: 双百亿 names none."""
    _, mentions = extract_sentence(documents["wuxing"], "四大双百亿产业增加值")
    assert not any("亿" in label(m) for m in mentions if m.type == "Industry"), mentions


def test_a_number_quoted_before_a_campaign_word_is_its_name(documents):
    """“5433”综合交通大会战 and “311”领航计划 are named by their numbers; a number before the
    kind of a scheme (“4210”产业体系) names that scheme, a program, with its whole kind."""
    _, mentions = extract_sentence(documents["hangzhou"], "综合交通大会战")
    assert "5433综合交通大会战" in labels(mentions, "Program"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "“311”领航计划")
    assert "311领航计划" in labels(mentions, "Program"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "“4210”产业体系")
    assert "4210产业体系" in labels(mentions, "Program"), mentions
    assert not any("4210" in label(m) for m in mentions if m.type != "Program"), mentions


def test_engineering_as_a_trade_names_no_works(documents):
    """全过程工程咨询 and 工程总承包 are engineering services, not works called …工程."""
    _, mentions = extract_sentence(documents["huzhou"], "发展全过程工程咨询")
    assert not any(label(m).endswith("工程") for m in mentions), mentions


def test_a_chain_keeps_what_it_chains_and_a_verb_opens_no_name(documents):
    """创新链贯通工程, not 链贯通工程; 提供人才计划申报 offers applications, it names no 提供人才计划."""
    _, mentions = extract_sentence(documents["xiuzhou"], "实施创新链贯通工程")
    assert "创新链贯通工程" in labels(mentions, "Program"), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "提供人才计划申报")
    assert not any(label(m).startswith("提供") for m in mentions), mentions
    for needle, verb in (("具有产业链控制能力", "具有"), ("承担产业集群协同创新项目", "承担")):
        _, mentions = extract_sentence(documents["wuxing"], needle)
        assert not any(label(m).startswith(verb) for m in mentions), mentions


def test_an_everyday_verb_starts_no_industry(documents):
    """提高产业链供应链稳定性 improves chains, it names no industry 提高; in 巩固纺织、家居等传统产业
    the industries are 纺织 and 家居. 休闲旅游 keeps 休闲, a verb that also names leisure."""
    _, mentions = extract_sentence(documents["xiuzhou"], "提高产业链供应链稳定性")
    assert not any(label(m).startswith("提高") for m in mentions), mentions
    _, mentions = extract_sentence(documents["huzhou"], "巩固纺织、家居等传统产业")
    found = labels(mentions, "Industry")
    assert not any(x.startswith("巩固") for x in found) and "家居" in found, mentions
    found = {label(m) for m in extract(documents["huzhou"]).mentions if m.type == "Industry"}
    assert "休闲旅游" in found


def test_an_industry_word_before_a_fund_or_aid_names_no_industry(documents):
    """美丽湖州建设产业基金 is a fund and 低收入农户产业帮扶 is aid: neither names an industry."""
    for needle in ("设立美丽湖州建设产业基金", "持续加大低收入农户产业帮扶"):
        _, mentions = extract_sentence(documents["huzhou"], needle)
        assert not labels(mentions, "Industry") & {"美丽湖州建设", "低收入农户"}, mentions


def test_a_quote_takes_no_tail_across_a_verb_or_a_count(documents):
    """“科学谷”位于湖州高铁… locates the valley; “创新田”“聚贤谷”两大科创片区 counts two
    quoted areas, and 科创片区 after the count is their kind."""
    _, mentions = extract_sentence(documents["huzhou"], "“科学谷”位于")
    assert "科学谷" in labels(mentions, "Platform") and not any("位于" in label(m) for m in mentions), mentions
    _, mentions = extract_sentence(documents["wuxing"], "两大科创片区")
    found = {label(m) for m in mentions}
    assert "聚贤谷" in found and "科创片区" not in found, mentions
    assert not any("两大" in x for x in found), mentions


def test_a_far_away_city_is_a_whole_word(documents):
    """广覆盖、大连接 is wide coverage and many connections, not 大连; 北京理工大学 is a
    university, not a mention of Beijing. 秀洲至仙居公路 names 仙居, a county of the plan's province."""
    _, mentions = extract_sentence(documents["xiuzhou"], "广覆盖、大连接")
    assert "大连市" not in labels(mentions, "Region"), mentions
    _, mentions = extract_sentence(documents["xiuzhou"], "北京理工大学")
    assert "北京市" not in labels(mentions, "Region"), mentions
    doc = documents["xiuzhou"]
    ex = extract(Document(doc.source, doc.meta, (find_sentence(doc, "秀洲至仙居公路"),), doc.tables))
    ends = {n for r in ex.relations for n in names(r.object)}  # a place inside a road's name is one of its ends
    assert "仙居县" in labels(ex.mentions, "Region") | ends, (ex.mentions, ex.relations)


def test_an_enumeration_word_ends_a_head(documents):
    """三是建设中心城市轨道交通一期工程: 三是 (thirdly) and the verb after it are no part of the name."""
    _, mentions = extract_sentence(documents["huzhou"], "三是建设中心城市轨道交通一期工程")
    assert "中心城市轨道交通一期工程" in {label(m) for m in mentions}, mentions


def test_a_bilateral_park_keeps_its_bracketed_host(documents):
    """浙江中英(秀洲)创新合作园 and 中法(嘉兴)国际合作示范区: China paired with another country,
    then the host region in brackets, as 中国(绍兴)… puts it."""
    _, mentions = extract_sentence(documents["xiuzhou"], "中法(嘉兴)国际合作示范区")
    found = labels(mentions, "Platform")
    assert {"浙江中英(秀洲)创新合作园", "中法(嘉兴)国际合作示范区"} <= found, mentions


def test_an_international_event_keeps_its_bracket(documents):
    """杭州(国际)毅行大会 is named with its bracket, as 中国(绍兴)… is."""
    _, mentions = extract_sentence(documents["hangzhou"], "毅行大会")
    assert "杭州(国际)毅行大会" in labels(mentions, "Project"), mentions


def test_a_second_event_is_held_by_the_first_ones_host(documents):
    """2022年杭州亚运会、亚残运会: the Para Games are Hangzhou's too."""
    _, mentions = extract_sentence(documents["hangzhou"], "杭州亚运会、亚残运会")
    assert {"杭州亚运会", "杭州亚残运会"} <= labels(mentions, "Project"), mentions


@pytest.mark.parametrize(
    ("plan", "needle", "industries"),
    [
        ("wuxing", "网红经济、创意经济", {"网红经济", "创意经济", "体验经济"}),
        ("wuxing", "无人经济、电商新零售等数字新业态", {"远程办公", "无人经济", "电商新零售"}),
        ("shaoxing", "高山生态农业、乡村旅游", {"高山生态农业", "乡村民宿"}),
    ],
)
def test_items_of_new_business_forms_are_industries(documents, plan, needle, industries):
    """…等新业态 closes a list of trades, as …等产业 does (plain 等业态 also lists venues:
    中央公园、美食城等业态)."""
    _, mentions = extract_sentence(documents[plan], needle)
    assert industries <= labels(mentions, "Industry"), mentions


def test_a_count_of_two_closes_a_pair_joined_by_and(documents):
    """金属新材和纺织服装两大特色优势产业: 两大 says the 和 joins two trades."""
    _, mentions = extract_sentence(documents["wuxing"], "金属新材和纺织服装两大")
    assert "金属新材" in labels(mentions, "Industry"), mentions
    assert not any("和" in label(m) for m in mentions), mentions


def test_works_on_a_built_thing_are_a_project(documents):
    """镜岭水库工程 builds a reservoir and 轨道交通一期工程 a metro: projects, while a 工程 on
    no built thing (农村人居环境提升工程) stays a program."""
    _, mentions = extract_sentence(documents["shaoxing"], "加快建设浙江省镜岭水库工程")
    assert "浙江省镜岭水库工程" in labels(mentions, "Project"), mentions
    _, mentions = extract_sentence(documents["huzhou"], "建设中心城市轨道交通一期工程")
    assert "中心城市轨道交通一期工程" in labels(mentions, "Project"), mentions
    assert "农村人居环境提升工程" in labels(extract(tiny_document("实施农村人居环境提升工程。")).mentions, "Program")
