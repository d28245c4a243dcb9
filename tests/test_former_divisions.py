"""Former county-level names (撤县设区, 撤县设市) are aliases of the division that continues them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from plangraph.extract.rules import extract_text
from plangraph.lexicon import load_lexicon

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_region_lexicon", REPO / "scripts" / "make_region_lexicon.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)


def _row(year: int, county: str, county_id: str, city: str = "某市") -> dict[str, str]:
    return {"year": str(year), "rank": "3", "province_name": "某省", "city_name": city,
            "county_name": county, "county_id": county_id}


def test_a_renamed_county_is_an_old_name_but_a_merged_one_is_not():
    source = [
        _row(2018, "繁昌县", "340212"), _row(2024, "繁昌区", "340212"),  # a change of status
        _row(2018, "江干区", "330102"), _row(2018, "上城区", "330102"), _row(2024, "上城区", "330102"),  # a merger
        _row(2018, "郫县", "510117"), _row(2024, "郫都区", "510117"),  # two characters: too short to trust
        _row(2018, "长安县", "610116"), _row(2024, "长安区", "610116"),  # the stem 长安 is an ordinary word
        _row(2005, "江都市", "321012"), _row(2024, "江都区", "321012"),  # renamed before the window
    ]
    former = gen.former_names(source, 2024, 2010)
    assert former.get("340212") == ["繁昌县"]
    assert not {"330102", "510117", "610116", "321012"} & set(former)


def test_a_plan_naming_an_old_county_names_todays_division():
    lex = load_lexicon()
    assert [e.name for e in lex.lookup("繁昌县")] == ["繁昌区"]
    assert [e.name for e in lex.lookup("芜湖县")] == ["湾沚区"]
    ex = extract_text("无为县撤县设市,芜湖县、繁昌县撤县设区。", "芜湖市")
    found = {(m.text, m.label) for m in ex.mentions if m.type == "Region"}
    assert {("无为县", "无为市"), ("芜湖县", "湾沚区"), ("繁昌县", "繁昌区")} <= found
