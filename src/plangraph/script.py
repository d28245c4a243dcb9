"""Which Chinese script a name is written in, for its language tag and for lookups.

Plans are read in simplified characters, but a name can keep the traditional
form it had in a traditional-script source (體育產業); such a label is tagged
``zh-Hant``, the others ``zh-Hans``. A name typed in traditional characters is
looked up by its simplified form, which every traditional label also has.
"""

from __future__ import annotations

from functools import cache

import opencc

SIMPLIFIED = "zh-Hans"
TRADITIONAL = "zh-Hant"


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """``text`` in simplified characters (吳興區 -> 吴兴区); simplified text comes back as it is."""
    return _to_simplified().convert(text)


def language_tag(text: str) -> str:
    """``zh-Hant`` when ``text`` has a traditional character, else ``zh-Hans``."""
    return TRADITIONAL if simplified(text) != text else SIMPLIFIED
