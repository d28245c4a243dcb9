"""Indicator tables (主要指标) as targets, with columns read from the header.

Plans lay these tables out many ways: a category column merged over many rows
(so later rows have fewer cells), 其中 sub-rows without unit or attribute,
two-row headers (规划目标 over 2020年 | 年均增长), and one-cell-per-line web
pages where empty cells vanish. So the header is read as a stream of column
words (序号, 指标, 单位, 2020年, 2025年目标, 年均/累计增长, 属性), and each row is
aligned to those columns by what its cells look like, anchored on the
indicator's name, never by a fixed position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..indicators import IndicatorLexicon, is_unit, split_unit
from ..model import Document, Table
from ..read.period import PERIOD_NAME, period_years
from .values import Target, is_blank, parse_value

_HEADER = re.compile(
    r"(?P<category>一级指标|指标类别|指标分类|类别|分类|领域|一级)"
    r"|(?P<serial>序号|编号)"
    r"|(?P<binding>指标属性|指标性质|属性|性质)"
    r"|(?P<name>二级指标|指标名称|指标内容|具体指标|主要指标|指标)"
    r"|(?P<unit>计量单位|单位)"
    r"|(?P<growth>(?:年均/累计|年均或累计|年均|累计)?(?:增长率?|增速|增幅)(?:\(%\))?|年均)"
    r"|(?P<year>(?:19|20)\d\d\s*年?\s*(?P<suffix>目标值?|预计|预期|完成值?|实际|基数|基期|现状)?)"
    rf"|(?P<period>“?(?P<nth>{PERIOD_NAME})”?(?:规划)?目标值?)"
    r"|(?P<target>(?:规划)?目标值?)"
    r"|(?P<actual>完成情况|实际完成|预计完成|完成值|实现值)"
    r"|(?P<base>基期值?|基数|现状值?)"
    r"|(?P<other>实现度|完成度|完成进度|实现情况|备注)"
)
_BINDING = re.compile(r"预期性|约束性")
_QUALITATIVE = re.compile(r"同步|下达|高于|低于|快于|慢于|持平|稳定|保持|完成|实现|提高|下降|平均|逐年|较难|以上|以下|左右")
_VALUE_HEAD = re.compile(r"^(?:[<>≤≥＜＞]|约|超过?|突破|下降|降低|累计|提高|增长|达到)?\s*[\[【(（]?\s*-?\d")
_VALUE_REST = re.compile(r"[\d.,\s\[\]【】()（）%‰:<>≤≥＜＞-]|以上|以下|以内|左右|个?百分点|累计|约|超过?|突破|下降|降低|提高|增长|达到|项|万人")
# a cell in words that states a value rather than names an indicator
_WORDED_VALUE = re.compile(
    r"^(?:完成|与|同|高于|低于|快于|慢于|持平|稳定|保持|力争|确保|省下达|市下达|上级下达|达到|实现|提高|下降|适度|逐步"
    r"|不低于|不高于|总量|可以|较难|提前|预计)"
)
_RATE_NAME = re.compile(r"(?:增长|增速|增幅|降低|下降|减少)率?$")
# how much aligning a cell to a column is worth; ties prefer target > base > growth
_PRIORITY = {"target": 0.03, "base": 0.02, "growth": 0.01}
_VALUE_ROLES = {"base", "target", "growth", "actual", "other"}


@dataclass
class _Column:
    role: str  # category serial name unit binding growth base target actual other
    year: int | None = None
    group: int = -1  # columns under one 规划目标/完成情况 heading share a group


@dataclass
class _Group:
    role: str  # target | actual
    columns: list[_Column] = field(default_factory=list)

    def has_year(self) -> bool:
        return any(c.role != "growth" for c in self.columns)


def table_targets(doc: Document, table: Table, lexicon: IndicatorLexicon, period_end: int | None) -> list[Target]:
    """The targets of one table; [] when it is not an indicator table."""
    header_rows = _header_rows(table.rows)
    if not header_rows:
        return []
    columns = _columns([c for row in table.rows[:header_rows] for c in row], period_end)
    names = [i for i, c in enumerate(columns) if c.role == "name"]
    if not names or not any(c.role == "target" for c in columns):
        return []
    after = columns[names[0] + 1:]
    numbered = any(c.role == "serial" for c in columns)
    sentence_of = _row_sentences(doc, table)
    out: list[Target] = []
    previous: dict[str, str] = {}
    for r in range(header_rows, len(table.rows)):
        for segment in _segments(table.rows[r]):
            cells = _align(after, segment.cells)
            sub_row = segment.name.startswith("其中") or (numbered and not segment.serial)
            out.extend(_row_targets(segment, cells, after, lexicon, sentence_of.get(r, -1), previous, sub_row))
    return [t for t in out if t.sentence >= 0]


def _header_rows(rows: tuple[tuple[str, ...], ...]) -> int:
    """How many leading rows are made of column words."""
    n = 0
    for row in rows[:3]:
        text = re.sub(r"\s+", "", "".join(row))
        tokens = list(_HEADER.finditer(text))
        covered = sum(m.end() - m.start() for m in tokens)
        if not text or len(tokens) < 2 or covered < 0.6 * len(text):
            break
        n += 1
    return n


def _columns(cells: list[str], period_end: int | None) -> list[_Column]:
    """Leaf columns, in order, from the header words; grouped headings expand into their sub-columns."""
    slots: list[_Column | _Group] = []
    pending: list[_Group] = []
    for m in _HEADER.finditer(re.sub(r"\s+", "", "".join(cells))):
        kind = m.lastgroup or "other"
        if kind in ("target", "actual") and not re.search(r"\d", m.group()):
            group = _Group(kind)
            slots.append(group)
            pending.append(group)
            continue
        column = _leaf(m, kind, period_end)
        if pending and column.role in ("year", "period", "growth", "target"):
            if column.role != "growth" and pending[0].has_year():
                pending.pop(0)
            if pending:
                pending[0].columns.append(column)
                continue
        slots.append(column)
    leaves: list[_Column] = []
    for g, slot in enumerate(slots):
        if isinstance(slot, _Group):
            for c in slot.columns or [_Column(slot.role)]:
                leaves.append(_Column(c.role if c.role == "growth" else slot.role, c.year, g))
        else:
            leaves.append(slot)
    return _year_roles(leaves)


def _leaf(m: re.Match[str], kind: str, period_end: int | None) -> _Column:
    if kind == "period":
        years = period_years(m.group("nth"))
        return _Column("period", years[1] if years else period_end)
    if kind == "year":
        year = int(m.group()[:4])
        suffix = m.group("suffix") or ""
        return _Column("target" if suffix.startswith("目标") else "year", year)
    return _Column(kind)


def _year_roles(leaves: list[_Column]) -> list[_Column]:
    """Plain year columns become base (earlier than the target year) or actual (same year)."""
    target_years = [c.year for c in leaves if c.role in ("target", "period") and c.year]
    plain = [c.year for c in leaves if c.role == "year" and c.year]
    goal = max(target_years) if target_years else None
    if goal is None and plain and not any(c.role == "target" for c in leaves):
        goal = max(plain)
        for c in leaves:
            if c.role == "year" and c.year == goal:
                c.role = "target"
                break
    for c in leaves:
        if c.role == "period":
            c.role = "target"
        elif c.role == "year":
            c.role = "base" if goal is None or (c.year or 0) < goal else "actual"
        elif c.role == "target" and c.year is None:
            c.year = goal
    return leaves


@dataclass
class _Segment:
    name: str
    context: list[str]
    cells: list[str]
    serial: bool


def _kind(cell: str) -> str:
    if not cell.strip():
        return "empty"
    if is_blank(cell):
        return "dash"
    if _BINDING.search(cell) and len(cell) <= 6:
        return "binding"
    if is_unit(cell):
        return "unit"
    if _VALUE_HEAD.match(cell) and len(_VALUE_REST.sub("", cell)) <= 2:
        return "number"
    return "words" if _WORDED_VALUE.match(cell) else "text"


def _segments(row: tuple[str, ...]) -> list[_Segment]:
    """A row's indicators: the name is the last text cell before the first value,
    and a small integer right before a text cell is the serial number.

    One-cell-per-line tables glue sub-rows (户籍人口城镇化率 …) and the next
    category onto a row; a text cell after values starts a new segment.
    """
    out: list[_Segment] = []
    texts: list[str] = []
    serial = False
    current: _Segment | None = None
    kinds = [_kind(c) for c in row]
    for i, (cell, kind) in enumerate(zip(row, kinds)):
        if current is not None:
            if kind == "text" and not _QUALITATIVE.search(cell):
                out.append(current)
                current, texts = None, [cell]
            else:
                current.cells.append(cell)
            continue
        following = next((k for k in kinds[i + 1:] if k != "empty"), "")
        if kind == "text" or (kind == "words" and not texts):
            texts.append(cell)
        elif not serial and following == "text" and re.fullmatch(r"\d{1,3}", cell):
            serial = True
        elif kind != "empty" and texts:
            current = _Segment(_name(texts), texts[:-1], [cell], serial)
    if current is not None:
        out.append(current)
    return out


def _name(texts: list[str]) -> str:
    """The last text cell; a bare parenthesis (平原地区) qualifies the cell before it."""
    if texts[-1].startswith(("(", "（")) and len(texts) > 1:
        return texts[-2] + texts[-1]
    return texts[-1]


def _align(columns: list[_Column], cells: list[str]) -> dict[int, str]:
    """Column index -> cell, the order-preserving match that best fits cell kinds.

    Dropping a cell costs more than leaving a column out (merged cells vanish,
    stray cells are rare); empty cells may be dropped for free.
    """
    kinds = [_kind(c) for c in cells]
    m, k = len(columns), len(cells)
    Pairs = tuple[tuple[int, int], ...]
    neg: tuple[float, Pairs] = (-1e9, ())
    best = [[neg] * (k + 1) for _ in range(m + 1)]
    best[0][0] = (0.0, ())
    for i in range(m + 1):
        for j in range(k + 1):
            score, pairs = best[i][j]
            if score <= neg[0]:
                continue
            steps: list[tuple[int, int, float, Pairs]] = []
            if i < m:
                steps.append((i + 1, j, score, pairs))
            if j < k:
                steps.append((i, j + 1, score - (0 if kinds[j] == "empty" else 2), pairs))
            if i < m and j < k:
                steps.append((i + 1, j + 1, score + _fit(columns[i].role, kinds[j]), pairs + ((i, j),)))
            for a, b, s, p in steps:
                if s > best[a][b][0] + 1e-9:
                    best[a][b] = (s, p)
    return {i: cells[j] for i, j in best[m][k][1] if kinds[j] != "empty"}


def _fit(role: str, kind: str) -> float:
    if kind == "empty":  # an empty cell still holds its column's place
        return 0.5
    if role == "unit":
        return {"unit": 3.0, "dash": 0.5}.get(kind, -9.0)
    if role == "binding":
        return 3.0 if kind == "binding" else -9.0
    if role in _VALUE_ROLES:
        return -9.0 if kind in ("unit", "binding") else 1.0 + _PRIORITY.get(role, 0.0)
    return -9.0


def _row_targets(
    seg: _Segment, cells: dict[int, str], columns: list[_Column], lexicon: IndicatorLexicon,
    sentence: int, previous: dict[str, str], sub_row: bool,
) -> list[Target]:
    """One Target per target column that has something in this row; a sub-row
    (其中…, or no serial number) takes the merged unit and 属性 cells of the row above."""
    name, unit = split_unit(seg.name)
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
        return []
    by_role: dict[str, list[int]] = {}
    for i, c in enumerate(columns):
        by_role.setdefault(c.role, []).append(i)
    unit = _first(cells, by_role, "unit") or unit or next((u for u in map(_context_unit, seg.context) if u), "")
    binding = _first(cells, by_role, "binding")
    if sub_row:
        unit = unit or previous.get("unit", "")
        binding = binding or (previous.get("binding", "") if "binding" in by_role else "")
    previous.update(unit=unit, binding=binding)
    label = lexicon.resolve(seg.name).label
    unit = level_unit(unit, lexicon.units.get(label, ""))
    base_col = next((i for i in by_role.get("base", []) if i in cells), None)
    base = parse_value(cells[base_col]) if base_col is not None else None
    out = []
    for t in by_role.get("target", []):
        col = columns[t]
        growth = growth_text(_grouped(cells, columns, t, "growth"), unit)
        value = parse_value(cells.get(t, ""))
        if (value is None or value.number is None) and growth and _RATE_NAME.search(name):
            value = parse_value(growth) or value
        if value is None and not growth:
            continue
        actual = _grouped(cells, columns, t, "actual", same_year=True)
        out.append(Target(
            indicator=name, label=label, sentence=sentence, year=col.year,
            value=value, unit=unit, base=base,
            base_year=columns[base_col].year if base_col is not None and base else None,
            growth=growth, binding=binding, actual=parse_value(actual) if actual else None,
        ))
    return out


def level_unit(written: str, known: str) -> str:
    """The unit of an indicator's level: as the table writes it, unless it writes none (the
    unit sat in a merged cell: 城市化率(%) over 户籍人口城市化率 | 42) or writes % for a
    quantity the indicator lexicon measures otherwise (细颗粒物平均浓度 | % | 26 | 25, where
    the % belongs to the growth column); then the lexicon's.

    >>> level_unit("", "%"), level_unit("%", "微克/立方米"), level_unit("亿元", "万元"), level_unit("%", "")
    ('%', '微克/立方米', '亿元', '%')
    """
    if not written or (written == "%" and known and known != "%"):
        return known or written
    return written


def growth_text(growth: str, unit: str) -> str:
    """A growth cell as a reader needs it: a bare number in a growth column is a rate in
    percent when the indicator is a quantity (全员劳动生产率 万元/人 | 年均增长 6 -> 6%); for
    an indicator itself in percent it may be points, so it stays as written.

    >>> growth_text("6", "万元/人"), growth_text("6", "%"), growth_text("[3.5]", "亿元"), growth_text("8%以上", "亿元")
    ('6%', '6', '[3.5]', '8%以上')
    """
    growth = growth.strip()
    return f"{growth}%" if unit and unit != "%" and _BARE_NUMBER.fullmatch(growth) else growth


_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _first(cells: dict[int, str], by_role: dict[str, list[int]], role: str) -> str:
    return next((cells[i] for i in by_role.get(role, []) if i in cells and not is_blank(cells[i])), "")


def _grouped(cells: dict[int, str], columns: list[_Column], t: int, role: str, same_year: bool = False) -> str:
    """The ``role`` cell that belongs with target column ``t``: same heading group, else the first."""
    col = columns[t]
    candidates = [i for i, c in enumerate(columns) if c.role == role and (not same_year or c.year == col.year)]
    if role == "growth" and col.group >= 0:
        candidates = [i for i in candidates if columns[i].group == col.group] or candidates
    return next((cells[i] for i in candidates if i in cells and not is_blank(cells[i])), "")


def _context_unit(cell: str) -> str:
    return split_unit(cell)[1]


def _row_sentences(doc: Document, table: Table) -> dict[int, int]:
    """Row index -> index of the table-row Sentence that covers it."""
    by_start = {s.start: i for i, s in enumerate(doc.sentences) if s.kind == "table"}
    out = {}
    for r, (a, b) in enumerate(table.row_spans):
        i = by_start.get(a)
        if i is None:
            i = next((j for j in range(len(doc.sentences)) if doc.sentences[j].kind == "table"
                      and doc.sentences[j].start >= a and doc.sentences[j].end <= b), None)
        if i is not None:
            out[r] = i
    return out
