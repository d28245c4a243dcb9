"""A word that ranks, relates or builds industries (细分, 首位, 接续替代, 上下游, 构筑 …) names no
industry before 产业; the trade it qualifies still does."""

from __future__ import annotations

import pytest

from sentences import labels



def _industries(text: str, region: str) -> set[str]:
    return labels(text, region, "Industry")


@pytest.mark.parametrize("text, region", [
    ("深耕细分产业,做强首位产业。", "南阳市"),
    ("打造一批金牌产业,培育潜力产业。", "桂林市"),
    ("加快发展接续替代产业。", "大同市"),
    ("延伸上下游产业,壮大关联产业和衍生产业。", "许昌市"),
    ("构筑产业竞争新优势。", "曲靖市"),
])
def test_a_generic_head_names_no_industry(text, region):
    assert not _industries(text, region)


@pytest.mark.parametrize("text, region, industry", [
    ("做大新能源汽车配套产业。", "六盘水市", "新能源汽车"),
    ("推进智能物流装备产业发展。", "绵阳市", "智能物流装备"),
])
def test_the_trade_a_generic_word_qualifies_is_still_an_industry(text, region, industry):
    assert industry in _industries(text, region)
