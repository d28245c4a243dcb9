"""Domain lexicons (regions, places, programs, industries, platforms) as one lookup.

The CSV files under ``ontology/lexicon`` hold only general knowledge (official
administrative divisions, national and provincial programs, an industry
taxonomy, well-known platforms), so the extractor can recognise entities in
plans of regions it has never seen. This module loads them into immutable
entries plus a surface-string index the matcher builds its patterns from.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import compiled
from .resources import data_path, patterns_root

ENV_VAR = "PLANGRAPH_LEXICON"
DEFAULT_ROOT: Path = data_path("ontology", "lexicon")

# Files besides regions.csv: (file name, entity type, name of the "kind" column).
# Missing files are skipped so a partial lexicon still loads.
NAMED_FILES: tuple[tuple[str, str, str], ...] = (
    ("places.csv", "Region", "kind"),
    ("platforms.csv", "Platform", "kind"),
    ("industries.csv", "Industry", "category"),
    ("projects.csv", "Project", "kind"),
    ("programs.csv", "Program", "scope"),
)

# Words that must never be an entity name or surface: they occur everywhere in
# plans as ordinary vocabulary. Tests check every lexicon against this list.
GENERIC_WORDS: frozenset[str] = frozenset(
    "全省 全市 全区 全县 全镇 本市 本区 本县 我省 我市 我区 我县 省域 市域 县域 区域 "
    "城乡 城市 农村 乡村 城镇 乡镇 街道 社区 园区 开发区 新区 新城 中心城区 主城区 城区 郊区 "
    "产业 行业 经济 企业 工业 农业 服务业 制造业 项目 工程 平台 战略 行动 计划 改革 建设 "
    "发展 创新 开放 合作 国家 国内 国际 中央 地方 全国 各地 沿海 内陆 山区 海岛 "
    "东部 西部 南部 北部 中部 东北 地区".split()
)

# Region short names that are ordinary words (or mostly mean something else in
# plan texts); such regions are still found by their full name (e.g. 和平区).
REGION_SHORT_STOPLIST: frozenset[str] = frozenset(
    # generic urban-area words
    "城区 郊区 矿区 市中 城中 城关 城东 城西 城南 城北 城厢 市北 市南 新城 老城 新区 "
    "河东 河西 桥东 桥西 江北 江南 江岸 南岸 路南 路北 海港 港口 江海 滨海 滨湖 河口 "
    "江城 海城 铁东 铁西 东区 西区 中区 "
    # ordinary words and policy vocabulary
    "资源 合作 和平 武功 比如 南部 解放 东方 前进 公安 友好 通道 共和 友谊 平安 中方 "
    "凤凰 安定 延长 光明 新兴 运河 万年 东风 红旗 光泽 会同 大名 富裕 清水 高明 前锋 "
    "复兴 长子 清新 宏伟 平定 芙蓉 洞口 太和 温泉 石门 向阳 振兴 三元 大方 互助 新华 "
    "威信 莲花 平和 名山 黄龙 白云 桃源 建华 大观 建安 永和 二七 台前 金山 青山 石棉 "
    "丰满 永福 永新 双桥 月湖 文峰 高台 九龙 二道 民权 小店 同心 宝塔 元宝 平房 太白 "
    "白玉 灯塔 木兰 天涯 七星 海棠 博爱 同仁 回民 钟山 盘龙 方正 安居 龙凤 鼓楼 上党 "
    "麒麟 新民 富民 清流 水城 紫金 爱民 惠民 民和 新星 和顺 阳明 天心 天元 泰和 玉泉 "
    "天柱 方山 民乐 铜鼓 兴业 大厂 大安 三台 紫云 白塔 古塔 万全 三水 石鼓 官渡 南华 "
    "白水 小金 大田 双塔 政和 大化 碑林 康乐 鸡冠 安平 永定 宝丰 乐平 双峰 周村 莲池 "
    "新田 仁和 集安 丹凤 光山 未央 华安 永胜 永顺 铁山 金安 明光 林口 界首 曲水 新源 "
    "建水 交口 华龙 新化 山亭 五华 云梦 北辰 雨花 高安 金水 永清 双城 安仁 富源 新丰 "
    "平乐 同安 兴文 四会 东宝 惠济 惠农 秀峰 武胜 明山 大祥 城步 城口 仓山 义安 汇川 "
    "东海 南海 路桥 阿里 长安 东山 西山 南山 北山 平山 龙山 大通 新市 工农 "
    "安宁 朝阳".split()
)


@dataclass(frozen=True)
class LexEntry:
    """One known entity; ``aliases`` are extra surfaces besides ``name``."""

    id: str  # e.g. "region:330500", "program:八八战略"
    type: str  # "Region" | "Platform" | "Industry" | "Project" | "Program"
    name: str  # canonical simplified label
    aliases: tuple[str, ...]
    code: str | None = None  # GB/T 2260 for administrative regions (9 digits for towns)
    level: str | None = None  # province | prefecture | county | town (regions only)
    parent: str | None = None  # id of the parent region
    kind: str | None = None  # place kind, program scope, industry category, platform kind
    short: str | None = None  # common short form of a region (湖州), even if not a surface
    source: str | None = None  # key into sources.csv: where the entry's facts come from
    home: str | None = None  # id of the province a program's words name it only in (coined_names.txt); None: everywhere


@dataclass(frozen=True)
class Lexicon:
    """All entries plus the indexes the extractor needs."""

    entries: dict[str, LexEntry]  # id -> entry
    surfaces: dict[str, tuple[str, ...]]  # surface string -> ids (name, short names, aliases)
    abbreviations: dict[str, tuple[str, ...]]  # "沪" -> ("region:310000",)
    abbreviation_context: dict[tuple[str, str], str] = field(default_factory=dict)
    # (abbr, id) -> "province" | "city": which reading applies in which kind of compound
    towns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # town name or short name -> ids; apart from ``surfaces``, as 38,000 town names hold
    # ordinary words (城南, 新华) that only mean the town in its own city's plan
    _children: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    sources: dict[str, str] = field(default_factory=dict)  # source key -> title of the document
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # area id -> the divisions it covers (area_members.csv): place:长三角 -> region:310000 …

    def children(self, region_id: str) -> list[LexEntry]:
        """Direct sub-divisions of a region, sorted by code."""
        return [self.entries[i] for i in self._children.get(region_id, ())]

    def lookup(self, surface: str) -> list[LexEntry]:
        """Entries a surface string may denote (several when ambiguous)."""
        return [self.entries[i] for i in self.surfaces.get(surface, ())]

    def is_place(self, surface: str) -> bool:
        """Can ``surface`` denote a region or place (a division, a water, an area)?"""
        return any(e.type == "Region" for e in self.lookup(surface))

    def expand_abbreviation(self, abbr: str, prefer: str | None = None) -> tuple[str, ...]:
        """Ids an abbreviation may stand for, readings with context ``prefer`` first."""
        ids = self.abbreviations.get(abbr, ())
        if prefer is None:
            return ids
        return tuple(sorted(ids, key=lambda i: self.abbreviation_context.get((abbr, i)) != prefer))

    def in_scope(self, entry: LexEntry, region_id: str | None) -> bool:
        """Does ``entry`` hold in a plan of ``region_id``? A provincial program whose words other
        regions coin too (上海's 五个中心, ``home``) only in its province and the regions inside it:
        elsewhere the same words are another region's own program. Any other entry, and any entry
        in a plan of unknown region, holds everywhere (浙江's 最多跑一次 in a 湖北 plan too)."""
        if entry.home is None or region_id is None:
            return True
        key: str | None = region_id
        while key is not None and key != entry.home:
            parent = self.entries.get(key)
            key = parent.parent if parent else None
        return key == entry.home

    def by_type(self, type_: str) -> list[LexEntry]:
        """Entries of one entity type, sorted by id."""
        return [e for e in self.entries.values() if e.type == type_]


def _read_rows(path: Path, header: list[str]) -> list[tuple[int, dict[str, str]]]:
    """CSV rows as dicts with line numbers; the header must start with ``header``."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            head = [h.strip() for h in next(reader)]
        except StopIteration:
            raise ValueError(f"{path}: empty file") from None
        if head[: len(header)] != header:
            raise ValueError(f"{path}:1: header {head} does not start with {header}")
        rows = []
        for row in reader:
            line = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(head):
                raise ValueError(f"{path}:{line}: expected {len(head)} columns, got {len(row)}")
            rec = {h: c.strip() for h, c in zip(head, row)}
            if not rec.get("name"):
                raise ValueError(f"{path}:{line}: empty name")
            rows.append((line, rec))
    return rows


def _split(aliases: str) -> tuple[str, ...]:
    """Split a ``|``-separated alias cell, dropping blanks and duplicates."""
    return tuple(dict.fromkeys(a.strip() for a in aliases.split("|") if a.strip()))


def _region_entries(path: Path) -> list[LexEntry]:
    """Administrative divisions; parent codes are checked after all are read."""
    out = []
    for line, r in _read_rows(path, ["code", "name", "short", "level", "parent_code", "aliases"]):
        code = r["code"]
        if not (len(code) == 6 and code.isdigit()):
            raise ValueError(f"{path}:{line}: bad code {code!r}")
        if r["level"] not in ("province", "prefecture", "county"):
            raise ValueError(f"{path}:{line}: bad level {r['level']!r}")
        out.append(
            LexEntry(
                id=f"region:{code}",
                type="Region",
                name=r["name"],
                aliases=_split(r["aliases"]),
                code=code,
                level=r["level"],
                parent=f"region:{r['parent_code']}" if r["parent_code"] else None,
                short=r["short"] or None,
            )
        )
    return out


TOWN_HEADER = ["code", "name", "short", "county_code"]


def _town_entries(path: Path) -> list[LexEntry]:
    """Townships (镇, 乡, 街道) under the counties of regions.csv: a generated file of 38,000
    rows, read as plain rows (a dict per row would double the lexicon's load time)."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        if next(rows, None) != TOWN_HEADER:
            raise ValueError(f"{path}:1: header must be {','.join(TOWN_HEADER)}")
        for line, row in enumerate(rows, start=2):
            if len(row) != 4 or len(row[0]) != 9 or not row[0].isdigit() or not row[1]:
                raise ValueError(f"{path}:{line}: bad row {row}")
            code, name, short, county = row
            out.append(LexEntry(f"region:{code}", "Region", name, (), code, "town", f"region:{county}", None, short or None))
    return out


SOURCES_HEADER = ["key", "title"]


def _sources(path: Path) -> dict[str, str]:
    """sources.csv: the documents lexicon rows cite (key,title,issuer,reference,year)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        head = [h.strip() for h in next(reader, [])]
        if head[:2] != SOURCES_HEADER:
            raise ValueError(f"{path}:1: header {head} does not start with {SOURCES_HEADER}")
        for row in reader:
            if not row or not row[0].strip():
                continue
            key = row[0].strip()
            if len(row) < 2 or not row[1].strip():
                raise ValueError(f"{path}:{reader.line_num}: source {key!r} has no title")
            if key in out:
                raise ValueError(f"{path}:{reader.line_num}: duplicate source {key!r}")
            out[key] = row[1].strip()
    return out


def _named_entries(path: Path, type_: str, kind_col: str, sources: dict[str, str]) -> list[LexEntry]:
    """Entries of a non-administrative file (id,name,aliases,<kind>[,source]); a ``source``
    column, when present, must name a key of sources.csv on every row."""
    prefix = path.stem.rstrip("s") + ":"  # places.csv -> "place:"
    prefix = {"industrie:": "industry:"}.get(prefix, prefix)
    out = []
    for line, r in _read_rows(path, ["id", "name", "aliases", kind_col]):
        if not r["id"].startswith(prefix):
            raise ValueError(f"{path}:{line}: id {r['id']!r} should start with {prefix!r}")
        source = r.get("source")
        if source is not None and source not in sources:
            raise ValueError(f"{path}:{line}: source {source!r} is not a key of sources.csv")
        out.append(
            LexEntry(id=r["id"], type=type_, name=r["name"], aliases=_split(r["aliases"]),
                     kind=r[kind_col] or None, source=source)
        )
    return out


def _region_surfaces(e: LexEntry) -> list[str]:
    """Full name, aliases and (if not a common word) the short name of a region."""
    out = [e.name, *e.aliases]
    if e.short and len(e.short) >= 2 and e.short not in REGION_SHORT_STOPLIST:
        out.append(e.short)
    return out


def place_names(lexicon: Lexicon) -> frozenset[str]:
    """Every surface of a region or place in the lexicon, plus abbreviation pairs' parts."""
    return frozenset(s for s, ids in lexicon.surfaces.items() if any(i.startswith(("region:", "place:")) for i in ids))


def resolve_root(root: Path | str | None = None) -> Path:
    """Explicit root, else $PLANGRAPH_LEXICON, else the repo's ontology/lexicon."""
    if root is not None:
        return Path(root).resolve()
    env = os.environ.get(ENV_VAR)
    return Path(env).resolve() if env else DEFAULT_ROOT


def load_lexicon(root: Path | str | None = None) -> Lexicon:
    """Load (once per directory) every lexicon file under ``root``, compiled once per content (``compiled.py``)."""
    return _load(resolve_root(root))


@lru_cache(maxsize=8)
def _load(root: Path) -> Lexicon:
    sources = sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else []
    return compiled.load("lexicon", [*sources, COINED], lambda: _compile(root), Lexicon, Path(__file__))


def _compile(root: Path) -> Lexicon:
    """Every lexicon file under ``root``, checked row by row, and the indexes built from them."""
    entries: dict[str, LexEntry] = {}

    def add(e: LexEntry, path: Path) -> None:
        if e.id in entries:
            raise ValueError(f"{path}: duplicate id {e.id}")
        entries[e.id] = e

    regions_path = root / "regions.csv"
    if not regions_path.exists():
        raise FileNotFoundError(f"{regions_path} missing (run scripts/make_region_lexicon.py)")
    for e in _region_entries(regions_path):
        add(e, regions_path)
    towns_path = root / "towns.csv"
    towns = _town_entries(towns_path) if towns_path.exists() else []
    for e in towns:
        add(e, towns_path)
    sources_path = root / "sources.csv"
    sources = _sources(sources_path) if sources_path.exists() else {}
    for fname, type_, kind_col in NAMED_FILES:
        path = root / fname
        if path.exists():
            for e in _named_entries(path, type_, kind_col, sources):
                add(e, path)

    _home_programs(entries, root / "programs.csv", _coined(COINED))
    children: dict[str, list[str]] = {}
    for e in entries.values():
        if e.parent is not None:
            if e.parent not in entries:
                source = towns_path if e.level == "town" else regions_path
                raise ValueError(f"{source}: parent {e.parent} of {e.id} not found")
            children.setdefault(e.parent, []).append(e.id)

    town_names: dict[str, set[str]] = {}
    for e in towns:
        for s in (e.name, e.short):
            if s and s not in GENERIC_WORDS:
                town_names.setdefault(s, set()).add(e.id)

    surf: dict[str, set[str]] = {}
    for e in entries.values():
        if e.level == "town":
            continue
        names = _region_surfaces(e) if e.code else [e.name, *e.aliases]
        for s in names:
            if s not in GENERIC_WORDS:
                surf.setdefault(s, set()).add(e.id)

    abbr: dict[str, set[str]] = {}
    context: dict[tuple[str, str], str] = {}
    abbr_path = root / "abbreviations.csv"
    if abbr_path.exists():
        for line, r in _read_rows_abbr(abbr_path):
            rid = f"region:{r['code']}"
            if rid not in entries:
                raise ValueError(f"{abbr_path}:{line}: unknown region code {r['code']}")
            abbr.setdefault(r["abbr"], set()).add(rid)
            if r.get("context"):
                context[(r["abbr"], rid)] = r["context"]

    members_path = root / "area_members.csv"
    members = _area_members(members_path, entries, sources) if members_path.exists() else {}

    return Lexicon(
        entries=dict(sorted(entries.items())),
        surfaces={s: tuple(sorted(ids)) for s, ids in sorted(surf.items())},
        abbreviations={a: tuple(sorted(ids)) for a, ids in sorted(abbr.items())},
        abbreviation_context=context,
        towns={s: tuple(sorted(ids)) for s, ids in sorted(town_names.items())},
        _children={p: tuple(sorted(c)) for p, c in sorted(children.items())},
        sources=sources,
        members=members,
    )


def _area_members(path: Path, entries: dict[str, LexEntry], sources: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """area_members.csv (area,code,name,source): the divisions a named area covers, so a region
    is known to lie in 长三角 though no parent chain says so. Each row's code must be a division
    of that name, its area a place, its source a key of sources.csv."""
    out: dict[str, set[str]] = {}
    for line, r in _read_rows(path, ["area", "code", "name", "source"]):
        area, member = f"place:{r['area']}", f"region:{r['code']}"
        if area not in entries:
            raise ValueError(f"{path}:{line}: area {r['area']!r} is not a row of places.csv")
        if member not in entries or entries[member].name != r["name"]:
            raise ValueError(f"{path}:{line}: code {r['code']} is not the division {r['name']!r}")
        if r["source"] not in sources:
            raise ValueError(f"{path}:{line}: source {r['source']!r} is not a key of sources.csv")
        out.setdefault(area, set()).add(member)
    return {a: tuple(sorted(m)) for a, m in sorted(out.items())}


PROVINCIAL = "provincial:"  # the scope of a program one province runs: provincial:<省>
COINED = patterns_root() / "coined_names.txt"  # names other regions coin for their own programs (五个中心)


def _coined(path: Path) -> list[re.Pattern[str]]:
    """The patterns of names other regions coin too, one regular expression a line (# comments)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [re.compile(ln.strip()) for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _home_programs(entries: dict[str, LexEntry], path: Path, coined: list[re.Pattern[str]]) -> None:
    """Give each provincial program whose name others coin too (``coined``) the id of its
    province, its ``home``; a scope ``provincial:<省>`` naming no province is an error."""
    provinces = {n: e.id for e in entries.values() if e.level == "province" for n in (e.name, e.short) if n}
    for key, e in entries.items():
        if e.type == "Program" and e.kind and e.kind.startswith(PROVINCIAL):
            province = provinces.get(e.kind.removeprefix(PROVINCIAL))
            if province is None:
                raise ValueError(f"{path}: scope {e.kind!r} of {e.id} names no province")
            if any(p.search(e.name) for p in coined):
                entries[key] = replace(e, home=province)


def _read_rows_abbr(path: Path) -> list[tuple[int, dict[str, str]]]:
    """abbreviations.csv rows (abbr,code,name[,context]); abbr must be non-empty."""
    rows = _read_rows(path, ["abbr", "code", "name"])
    for line, r in rows:
        if not r["abbr"]:
            raise ValueError(f"{path}:{line}: empty abbr")
    return rows
