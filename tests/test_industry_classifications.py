"""Digital, cultural, health and elderly-care trades named as the national statistical
classifications name them: each row carries its classification as source, and is an industry
only where a plan speaks of trades, in any region's plan."""

from __future__ import annotations

import csv

import pytest

from plangraph.lexicon import DEFAULT_ROOT, load_lexicon

from sentences import labels

CLASSIFICATIONS = {"digital2021", "culture2018", "health2019", "elderly2020", "service-mfg2020"}


def _industries(text: str, region: str) -> set[str]:
    return labels(text, region, "Industry")


def test_classification_rows_carry_their_source():
    lex = load_lexicon(DEFAULT_ROOT)
    path = DEFAULT_ROOT / "industries.csv"
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["source"] in CLASSIFICATIONS]
    assert {r["source"] for r in rows} == CLASSIFICATIONS  # every classification is used
    for r in rows:
        assert lex.entries[r["id"]].source == r["source"]
        assert lex.sources[r["source"]]  # a described document, not a bare key


@pytest.mark.parametrize("text, region, items", [
    ("大力发展电子商务、在线教育、远程医疗等数字服务产业。", "绵阳市", {"在线教育", "远程医疗"}),
    ("鼓励制造业企业发展服务型制造,延伸产业链条。", "宝鸡市", {"服务型制造"}),
    ("培育智慧养老、智慧健康等新兴产业。", "桂林市", {"智慧养老", "智慧健康"}),
    ("积极培育数字金融、智慧物流、数字商贸等新兴数字化服务业态。", "曲靖市", {"数字金融", "智慧物流", "数字商贸"}),
    ("壮大数字出版、新闻信息服务、文化装备制造等文化产业。", "拉萨市", {"数字出版", "新闻信息服务", "文化装备"}),
    ("做大信息安全产业,建设云计算数据中心。", "大庆市", {"信息安全"}),
    ("数字产品制造业和数字技术应用业增加值稳步增长。", "蚌埠市", {"数字产品制造", "数字技术应用"}),
])
def test_classification_names_in_a_trade_context_are_industries(text, region, items):
    assert items <= _industries(text, region)


@pytest.mark.parametrize("text, region", [
    ("加强信息安全保障,完善网络与信息安全通报预警机制。", "大同市"),
    ("建成智慧养老综合服务网络,推广远程医疗服务。", "安庆市"),
    ("疫情期间学生居家开展在线教育。", "三亚市"),
])
def test_the_same_words_as_public_services_or_safeguards_are_no_industry(text, region):
    assert not {"信息安全", "智慧养老", "远程医疗", "在线教育"} & _industries(text, region)
