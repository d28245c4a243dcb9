"""Plan metadata: read from a curated manifest, or inferred from the text.

The manifest is authoritative for the bundled corpus; ``infer_meta`` lets any
other plan (any province, any level) be processed without one.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from datetime import date
from pathlib import Path

from ..chinese import DIGITS, HAN
from ..dictionary import GeneralDictionary, general_dictionary
from ..errors import InputError
from ..lexicon import REGION_SHORT_STOPLIST, LexEntry, Lexicon
from ..model import PlanMeta, SourceText
from .period import PERIOD_NAME, period_years

COLUMNS = ("file", "region", "level", "parent", "code", "title", "issuer", "date", "kind", "period")
# Optional: ``id`` names the plan in its IRIs instead of its file path (inputs.py: identity).
OPTIONAL = ("id",)
LEVELS = ("province", "prefecture", "county", "district")
KINDS = ("纲要", "建议")

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区",
    "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
)
_PROVINCE = re.compile("|".join(p[:-1] if p.endswith("省") else p[:2] for p in _PROVINCES))

# One administrative unit: a name plus its type suffix. A suffix char that is
# followed by another suffix belongs to the name (杭州市, not 杭州 + 市).
_UNIT = re.compile(
    rf"[{HAN}]+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|省|市|州|盟|区|县|旗)"
    r"(?![省市区县])"
)
_NUM_CN = "十" + DIGITS
_PLAN_BODY = rf"国民经济和社会发展第([{_NUM_CN}]{{1,3}})个五年规划"
_PROPOSAL = re.compile(
    rf"(中共[{HAN}]{{2,20}}?委(?:员会)?)关于制定([{HAN}]{{0,20}}?){_PLAN_BODY}"
    rf"[^《》\n。]{{0,20}}?的建议"
)
_OUTLINE = re.compile(rf"([{HAN}]{{2,20}}?){_PLAN_BODY}[^《》\n。]{{0,20}}?纲要")
_NOT_REGION = re.compile(r".*(?:印发|关于|通知|颁发|发布|制定|全文|网讯|《|“)")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_DATE_FIELD = re.compile(r"(成文日期|发布日期|发布时间|印发日期)\s*[:：|\s]*\|?\s*")
_ADOPTED = re.compile(r"通过|颁发|印发|审议|发布")
_HEAD_CHARS = 4000


def load_manifest(path: Path) -> dict[str, PlanMeta]:
    """Rows keyed by file name (or path relative to the manifest's folder, with ``/``);
    any malformed row or a repeated file or id raises ``InputError``."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(path, f"cannot read manifest ({exc.strerror or exc})") from None
    with handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InputError(path, f"line 1: missing column(s) {', '.join(missing)}")
        metas: dict[str, PlanMeta] = {}
        ids: set[str] = set()
        for row in reader:
            meta = _row_meta(path, reader.line_num, row)
            if meta.file in metas:
                raise InputError(path, f"line {reader.line_num}: duplicate file {meta.file!r}")
            if meta.id in ids:
                raise InputError(path, f"line {reader.line_num}: duplicate id {meta.id!r}")
            metas[meta.file] = meta
            ids.update([meta.id] if meta.id else [])
    return metas


def _row_meta(path: Path, line: int, row: dict[str, str | None]) -> PlanMeta:
    if None in row:
        raise InputError(path, f"line {line}: more fields than columns")
    values = {c: (row.get(c) or "").strip() or None for c in COLUMNS + OPTIONAL}
    if values["file"]:
        values["file"] = values["file"].replace("\\", "/").removeprefix("./")
    problem = _row_problem(values)
    if problem:
        raise InputError(path, f"line {line}: {problem}")
    return PlanMeta(**values)  # type: ignore[arg-type]


def _row_problem(v: dict[str, str | None]) -> str | None:
    if not v["file"]:
        return "empty file name"
    if v["level"] and v["level"] not in LEVELS:
        return f"level {v['level']!r} is not one of {', '.join(LEVELS)}"
    if v["kind"] and v["kind"] not in KINDS:
        return f"kind {v['kind']!r} is not one of {', '.join(KINDS)}"
    if v["code"] and not re.fullmatch(r"\d{6}", v["code"]):
        return f"code {v['code']!r} is not a 6-digit GB/T 2260 code"
    if v["date"]:
        try:
            date.fromisoformat(v["date"])
        except ValueError:
            return f"date {v['date']!r} is not YYYY-MM-DD"
    return None


# what the text says of a plan whatever its region; the rest describes the inferred region
_ABOUT_THE_DOCUMENT = ("title", "issuer", "date", "kind", "period")
_ABOUT_THE_REGION = ("region", "level", "parent", "code")


def completed(row: PlanMeta, inferred: PlanMeta) -> PlanMeta:
    """A manifest row with its empty columns filled from the text: a user who lists only each
    file's region still gets the title, date and period the plan states. The region's columns
    are filled only when the text names the same region as the row (or the row names none)."""
    same_region = row.region is None or row.region == inferred.region
    fill = _ABOUT_THE_DOCUMENT + (_ABOUT_THE_REGION if same_region else ())
    return dataclasses.replace(row, **{k: getattr(inferred, k) for k in fill if getattr(row, k) is None})


def with_region_code(meta: PlanMeta, text: str, lexicon: Lexicon) -> PlanMeta:
    """The metadata with the GB/T 2260 code of its region, when the name alone is ambiguous too:
    通州区 is in 北京 and in 南通, so the division whose parent or province the text (or the
    ``parent`` column) names most is meant; without a parent, the division gets its parent and
    level from the lexicon (乐清市: 温州市, county). Unchanged when the code is known or nothing matches."""
    if meta.code or not meta.region:
        return meta
    meta = _division_ending(meta, lexicon)
    found = _divisions(meta.region or "", lexicon)
    if not found:
        return meta

    def support(entry: LexEntry) -> tuple[int, int]:
        ancestors = []
        parent = lexicon.entries.get(entry.parent or "")
        while parent is not None:
            ancestors.append(parent)
            parent = lexicon.entries.get(parent.parent or "")
        names = {n for a in ancestors for n in (a.name, a.short) if n and len(n) >= 2}
        declared = int(bool(meta.parent) and meta.parent in names)
        return declared, sum(text.count(n) for n in names)

    best = max(found, key=lambda e: (support(e), -found.index(e)))
    if meta.parent:
        return dataclasses.replace(meta, code=best.code)
    parent = _parent_name(best, lexicon)  # 乐清市 is a county-level city of 温州市, though no title says so
    return dataclasses.replace(meta, code=best.code, parent=parent, level=_level(meta.region, parent))


def _divisions(name: str, lexicon: Lexicon) -> list[LexEntry]:
    """The administrative divisions named ``name`` (several share some names: 通州区)."""
    return [e for e in lexicon.lookup(name) if e.code and e.type == "Region"]


def _division_ending(meta: PlanMeta, lexicon: Lexicon) -> PlanMeta:
    """The metadata with the divisions its region's and parent's names end with, when a name is
    no division but words of the sentence run into it (依据沈阳市…规划, 中共苏州市委, 编制和实施好
    永州市冷水滩区…规划). A zone (重庆高新区) ends with none and keeps its name."""
    region, parent = _ending(meta.region, lexicon), _ending(meta.parent, lexicon)
    if (region, parent) == (meta.region, meta.parent):
        return meta
    return dataclasses.replace(meta, region=region, parent=parent, level=_level(region, parent))


def _ending(name: str | None, lexicon: Lexicon) -> str | None:
    """The longest ending of ``name`` of three characters or more that is a division, or the name."""
    if not name or _divisions(name, lexicon):
        return name
    return next((name[i:] for i in range(1, len(name) - 2) if _divisions(name[i:], lexicon)), name)


# how a text speaks of its own region (我市, 全县, 区委): the kind of division it is; 全省 in a
# ranking (居全省第一, 全省首个, 占全省的) compares the region with the division above it
_SPEAKER = re.compile(
    r"(?<![居占列比])(?<!领跑|超过|高于)[我全本]([省市县区州旗盟])(?!第|首|唯一|前列|领先|之最)"
    r"|([省市县区州旗盟])(?:委|政府)"
)
# on a tie the lower division is the speaker: a district's text says 全市 as often as 全区
_SPEAKER_RANK = {"省": 0, "盟": 1, "州": 1, "市": 2, "区": 3, "县": 3, "旗": 3}
_NAMED_HEAD_CHARS = 20000
_NAMED_MIN = 2


def with_named_region(meta: PlanMeta, text: str, lexicon: Lexicon) -> PlanMeta:
    """The metadata with the region the text names most, when nothing else gave one: a news
    page or an untitled chapter quoting a plan. Only divisions of the kind the text speaks
    as (我市, 全区, 县委) count, each by its full name and its short name (洛龙区, 洛龙); a region
    named fewer than twice says nothing. A province found in a text that speaks as a city or
    county, or names one more often, is a plan it cites (按照《四川省“十三五”旅游业发展规划》), not
    its own. A plan named for what is no division (蚌埠高新区, 川南经济区) keeps its name and gets
    the code of the division it names most, where it lies. Unchanged when its division is known
    or none stands out."""
    head = text[:_NAMED_HEAD_CHARS]
    kinds = _speaker_kinds(head)
    cited = _cites_province(meta, text, head, kinds[0] if kinds else None, lexicon)
    if not cited and (meta.code or any(e.code for e in lexicon.lookup(meta.region or ""))):
        return meta
    zone = bool(meta.region) and not cited  # named, but for no division
    found = (_most_named(head, lexicon, kind) for kind in ([None] if zone else [*kinds, None]))
    best = next((entry for entry in found if entry is not None), None)
    if best is None and kinds and not zone:
        best = _sole_named(head, lexicon, kinds[0])
    if best is None:
        return meta
    if not kinds and not zone:
        best = _county_or_its_city(best, head, lexicon)
    if zone:
        return dataclasses.replace(meta, code=best.code)
    parent = _parent_name(best, lexicon)
    return dataclasses.replace(meta, region=best.name, code=best.code, parent=parent, level=_level(best.name, parent))


def _county_or_its_city(entry: LexEntry, head: str, lexicon: Lexicon) -> LexEntry:
    """A text that never speaks as a division and names a county most, but its city at least half
    as often (祁阳 six times, 永州 five), is the city's, going through its counties."""
    parent = lexicon.entries.get(entry.parent or "")
    if entry.level != "county" or parent is None or not parent.code:
        return entry
    return parent if 2 * _times_named(parent, head)[0] >= _times_named(entry, head)[0] else entry


def _parent_name(entry: LexEntry, lexicon: Lexicon) -> str | None:
    """The division a division belongs to: 温州市 of 乐清市, 云南省 of 曲靖市."""
    parent = lexicon.entries.get(entry.parent or "")
    return parent.name if parent else None


def _speaker_kinds(head: str) -> list[str]:
    """The division suffixes the text speaks of itself with, most telling first: the one it says
    我/全/本 with most (市 for 我市, 全市), then the one its organs are named with most (县委, 区政府;
    never 省委, which every city's page cites, while a province's own text says 全省)."""
    own: dict[str, int] = {}
    organs: dict[str, int] = {}
    for m in _SPEAKER.finditer(head):
        counts, kind = (own, m.group(1)) if m.group(1) else (organs, m.group(2))
        if counts is own or kind != "省":
            counts[kind] = counts.get(kind, 0) + 1
    kinds = [max(c, key=lambda k, c=c: (c[k], _SPEAKER_RANK[k])) for c in (own, organs) if c]
    return list(dict.fromkeys(kinds))


def _cites_province(meta: PlanMeta, text: str, head: str, kind: str | None, lexicon: Lexicon) -> bool:
    """Is the province-level region found in an untitled text a plan it cites? Yes when the text
    speaks as a lower division (全市), or, silent on that, names a lower division more often
    (昌吉回族自治州 three times, 《新疆维吾尔自治区“十四五”…规划》 once). A title or a ``# region:``
    line is never second-guessed by what the text names."""
    region = meta.region or ""
    if _level(region, None) != "province":
        return False
    if kind is not None:
        return not region.endswith(kind)
    if meta.title or _declared_region(text):
        return False
    best = _most_named(head, lexicon, None)
    own = next(iter(_divisions(region, lexicon)), None)
    return best is not None and best.level != "province" and (
        own is None or _times_named(best, head) > _times_named(own, head))


def _times_named(entry: LexEntry, head: str) -> tuple[int, int]:
    """How often ``head`` names a division, by either name and by its full name."""
    full = count = head.count(entry.name)
    for short in _names_of(entry)[1:]:
        count += head.count(short) - (full if entry.name.startswith(short) else 0)
    return count, full


def _most_named(head: str, lexicon: Lexicon, kind: str | None) -> LexEntry | None:
    """The division of that kind named most in ``head``, named at least twice (ties: the one
    named more often by its full name, as 乐清市 in a text saying 温州都市区; then the higher level)."""
    best: tuple[int, int, int] | None = None
    found: LexEntry | None = None
    for entry in lexicon.by_type("Region"):
        if not entry.code or entry.level not in _LEVEL_RANK or (kind and not entry.name.endswith(kind)):
            continue
        rank = (*_times_named(entry, head), -_LEVEL_RANK[entry.level])
        if rank[0] >= _NAMED_MIN and (best is None or rank > best):
            best, found = rank, entry
    return found


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


def _sole_named(head: str, lexicon: Lexicon, kind: str) -> LexEntry | None:
    """The one city or county of the kind the text speaks as (全市, 县委) that it names at all, if only
    one: an excerpt names its own region, maybe once (充分发挥嵊州独特区位优势, 长治要准确把握…). A name
    inside an everyday word (长治 in 长治久安) names none."""
    words = general_dictionary()
    found: list[LexEntry] = []
    for entry in lexicon.by_type("Region"):
        if entry.code and entry.level in ("prefecture", "county") and entry.name.endswith(kind) \
                and any(_named_alone(head, name, words) for name in _names_of(entry)):
            found.append(entry)
            if len(found) > 1:
                return None
    return found[0] if found else None


def _names_of(entry: LexEntry) -> tuple[str, ...]:
    """A division's full name and its short name when that one is read as the division (two characters
    or more, not on the stoplist)."""
    short = entry.short if entry.short and len(entry.short) >= 2 and entry.short not in REGION_SHORT_STOPLIST else None
    return (entry.name, short) if short else (entry.name,)


# what a higher level or a partner says of a region (支持洛阳建设…, 融入杭州, 与宁波): not the text's own
_SPOKEN_OF = re.compile(r"(?:支持|鼓励|指导|帮助|对口|对接|融入|接轨|服务|联动|与|和|同)$")


def _named_alone(head: str, name: str, words: GeneralDictionary) -> bool:
    """Does ``head`` name ``name`` as the text's own, outside any everyday word that holds it and
    not after words a higher level or a partner says it with?"""
    at = head.find(name)
    while at >= 0:
        if not words.holds(head, at, at + len(name)) and not _SPOKEN_OF.search(head, max(0, at - 2), at):
            return True
        at = head.find(name, at + 1)
    return False


def infer_meta(source: SourceText, file: str) -> PlanMeta:
    """Best-effort metadata from the normalized text (None where unknown)."""
    head = source.text[:_HEAD_CHARS]
    flat = re.sub(r"\s+", "", head)
    title, kind, issuer, chain, ordinal = _title(flat)
    declared = _declared_region(source.text)
    if declared:
        chain = declared
    elif not chain or chain[0].startswith(_NO_NAME):  # 关于制定全市…: the title says whose it is elsewhere
        chain = _region_named(flat)
    region = chain[-1] if chain else None
    parent = chain[-2] if len(chain) > 1 else _parent_from_text(flat, region)
    if parent is None and _level(region, None) == "prefecture":
        parent = _main_province(source.text)
    issuer = issuer or _issuer(flat, region, parent)
    return PlanMeta(
        file=file,
        region=region,
        level=_level(region, parent),
        parent=parent,
        title=title,
        issuer=issuer,
        date=_date(head),
        kind=kind,
        period=_period(ordinal) or _period_from_body(flat) or _period_from_quote(flat),
    )


# a plan's outline quoted after these words is another plan it follows (与《新疆维吾尔自治区…纲要》衔接)
_CITED = re.compile(r"(?:根据|依据|按照|对接|衔接|落实|贯彻|与|和)《\Z")


def _title(flat: str) -> tuple[str | None, str | None, str | None, list[str], str | None]:
    """(title, kind, issuer, region chain, ordinal) of the first plan title."""
    proposal = _PROPOSAL.search(flat)
    outline = next((m for m in _OUTLINE.finditer(flat) if not _CITED.search(flat, 0, m.start())), None)
    if proposal and (not outline or proposal.start() <= outline.start()):
        chain = _units(proposal.group(2)) or _units(proposal.group(1)[2:])
        return proposal.group(0), "建议", proposal.group(1), chain, proposal.group(3)
    if outline:
        prefix = outline.group(1)
        cut = _NOT_REGION.match(prefix)
        prefix = prefix[cut.end():] if cut else prefix
        chain = _units(prefix)
        title = "".join(chain) + outline.group(0)[len(outline.group(1)):] if chain else None
        return title, "纲要", None, chain, outline.group(2)
    return None, None, None, [], None


# Where an excerpt names its region without a full title, most telling first: the plan's name
# without 纲要 (芜湖市国民经济和社会发展第十四个五年规划, 制定呼和浩特市…“十五五”规划), a
# division in brackets before it (青岛西海岸新区(黄岛区)国民经济…), a special plan (《云南省“十四五”
# 区域协调发展规划》), the party committee that proposes it (中共江西省委, 中国共产党徐州市第十三届委员会),
# the congress that approves it ((2021年2月23日宁波市第十五届人民代表大会第六次会议批准)).
_UNIT_END = "(?:省|市|自治区|区|县|旗|州|盟)"
_NO_NAME = ("全", "我", "本", "该")
_NAMED_REGION = tuple(re.compile(p) for p in (
    rf"([{HAN}]{{2,20}}?)国民经济和社会发展(?:第[{_NUM_CN}]{{1,3}}个五年|“?十[{_NUM_CN}]五”?)规划",
    rf"\(([{HAN}]{{2,10}}?{_UNIT_END})\)国民经济和社会发展",
    rf"《([{HAN}]{{2,12}}?{_UNIT_END})“?十[{_NUM_CN}]五”?[{HAN}]{{0,12}}?规划",
    rf"中共([{HAN}]{{2,12}}?{_UNIT_END})委(?!员)",
    rf"中国共产党([{HAN}]{{2,12}}?{_UNIT_END})第[{_NUM_CN}]{{1,3}}届委员会",
    rf"(?:\d日)?([{HAN}]{{2,12}}?{_UNIT_END})第[{_NUM_CN}]{{1,3}}届人民代表大会",
))


def _region_named(flat: str) -> list[str]:
    """The region chain an excerpt names itself by, when no full title gives it."""
    for pattern in _NAMED_REGION:
        for m in pattern.finditer(flat):
            prefix = m.group(1)
            cut = _NOT_REGION.match(prefix)
            chain = _units(prefix[cut.end():] if cut else prefix)
            if chain and not chain[0].startswith(_NO_NAME) and chain[-1][-2] not in _NO_NAME:
                return chain  # 全省, 我市, 本区, 编制全市: the speaker, not a name
    return []


# ``# region: 涪城区`` among a saved excerpt's first lines (eval/wide's header): the user says whose it is
_DECLARED = re.compile(rf"^#\s*region\s*:\s*([{HAN}]{{2,30}})\s*$", re.M)
_DECLARED_LINES = 5


def _declared_region(text: str) -> list[str]:
    """The region chain a ``# region:`` header line declares, split like a title's (or whole)."""
    m = _DECLARED.search("\n".join(text.lstrip("\ufeff").split("\n", _DECLARED_LINES)[:_DECLARED_LINES]))
    return (_units(m.group(1)) or [m.group(1)]) if m else []


def _units(prefix: str) -> list[str]:
    """Split 嘉兴市秀洲区 into ['嘉兴市', '秀洲区'] (only a full, clean split)."""
    units = _UNIT.findall(prefix)
    return units if "".join(units) == prefix else []


def _parent_from_text(flat: str, region: str | None) -> str | None:
    """A district plan often names its city once: 湖州市吴兴区人民政府文件."""
    if not region:
        return None
    m = re.search(rf"([{HAN}]{{1,6}}?(?:市|州|盟|地区))(?={re.escape(region)})", flat)
    if not m:
        return None
    units = _UNIT.findall(m.group(1))
    return units[-1] if units and units[-1] != region else None


def _main_province(text: str) -> str | None:
    """A city plan names its province (中共浙江省委, 浙江省……) more than any other."""
    counts: dict[str, int] = {}
    for m in _PROVINCE.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return next(p for p in _PROVINCES if p.startswith(best)) if counts[best] >= 2 else None


def _issuer(flat: str, region: str | None, parent: str | None) -> str | None:
    if not region:
        return None
    parent_opt = f"(?:{re.escape(parent)})?" if parent else ""
    m = re.search(rf"{parent_opt}{re.escape(region)}人民政府", flat)
    return m.group(0) if m else None


def _level(region: str | None, parent: str | None) -> str | None:
    if not region:
        return None
    if region.endswith(("省", "自治区", "特别行政区")) or region in _MUNICIPALITIES:
        return "province"
    if region.endswith(("区", "新区")) and not region.endswith("地区"):
        return "district"
    if region.endswith(("县", "旗")):
        return "county"
    if region.endswith("市") and parent and parent.endswith(("市", "州", "盟", "地区")) \
            and parent not in _MUNICIPALITIES:
        return "county"  # county-level city such as 绍兴市诸暨市
    return "prefecture"


def _date(head: str) -> str | None:
    """Signature date line, else date of adoption, else 成文/发布 field."""
    for line in head.split("\n"):
        m = _DATE_CN.fullmatch(line.strip())
        if m:
            return _iso(*m.groups())
    for m in _DATE_CN.finditer(head):
        if _ADOPTED.search(head, m.end(), m.end() + 40):
            return _iso(*m.groups())
    for field in _DATE_FIELD.finditer(head):
        m = _DATE_ISO.match(head, field.end()) or _DATE_CN.match(head, field.end())
        if m:
            return _iso(*m.groups())
    return None


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _period(ordinal: str | None) -> str | None:
    """The period a title's ordinal names: 第十四个五年规划 is 十四五 (period.py knows which are real)."""
    name = f"{ordinal}五" if ordinal else None
    return name if period_years(name) else None


def _period_from_body(flat: str) -> str | None:
    """The period a plan names itself by where no full title is found (…第十四个五年规划 without 纲要):
    before a quoted period, which may be the one just ended (“十三五”时期是…)."""
    m = re.search(_PLAN_BODY, flat)
    return _period(m.group(1)) if m else None


def _period_from_quote(flat: str) -> str | None:
    m = re.search(rf"“({PERIOD_NAME})”(?:规划|时期|期间)", flat)
    return m.group(1) if m else None
