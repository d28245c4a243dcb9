"""Versioned names (extract/versions.py) and level slogans joined without a separator (extract/brands.py),
on synthetic sentences of the forms county and district plans use."""

from __future__ import annotations

import pytest

from sentences import mentions



def programs(text: str, region: str = "某某市") -> dict[str, tuple[str, ...]]:
    """Program labels read from one sentence, with their aliases."""
    return {m.label: m.aliases for m in mentions(text, region, "Program")}


@pytest.mark.parametrize("text, name, bare", [
    ("深化数字化改革2.0,推动整体智治。", "数字化改革2.0", "数字化改革"),  # a name the lexicon knows
    ("全力推进美丽乡村3.0版建设。", "美丽乡村3.0版", "美丽乡村"),
    ("加快推进营商环境 4.0 版改革。", "营商环境4.0版", "营商环境"),  # the spaces of a converted PDF
    ("推进全县域共富工坊3.0版。", "全县域共富工坊3.0版", "全县域共富工坊"),  # a one-character word inside the name
    ("实施全域旅游3.0版行动。", "全域旅游3.0版", "全域旅游"),  # as written, not as the lexicon labels 全域旅游
])
def test_a_version_belongs_to_the_name_and_the_bare_name_stays_an_alias(text, name, bare):
    found = programs(text)
    assert name in found and bare in found[name]
    assert bare not in found  # one entity, not the name cut before its version


@pytest.mark.parametrize("text", [
    "城乡居民收入比缩小到2.0以内。",
    "研发投入强度提高2.0个百分点,达到3.0%。",
    "平台由1.0版向2.0版迭代升级。",
])
def test_a_figure_or_a_version_with_no_name_is_none(text):
    assert not any("2.0" in label or "3.0" in label for label in programs(text))


@pytest.mark.parametrize("text, first, second", [
    ("坚持人才强县科教兴县首位战略,建设创新型县城。", "人才强县", "科教兴县"),
    ("实施生态立区文旅兴区战略。", "生态立区", "文旅兴区"),
])
def test_two_level_slogans_written_together_are_two_programs(text, first, second):
    found = programs(text)
    assert first in found and second in found
    assert not any(first in label and second in label for label in found)
