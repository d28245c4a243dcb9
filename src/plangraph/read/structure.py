"""Split a normalized plan into headings, sentences, 专栏 boxes and tables.

Plans reach us as web pages, PDF conversions and Markdown, so the Markdown
level of a heading means little (the same 一、 appears as ``##`` and ``####``).
Nesting therefore follows the numbering style: 篇 > 部分 > 章 > 节 > 一、 >
(一) > 专栏 > 1. > (1) > unnumbered headings. A heading closes every open
heading of the same or a deeper rank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..chinese import HAN_ALL, NUMERALS
from ..model import Document, PlanMeta, Sentence, SourceText, Table


TITLE, BOX, GENERIC, LEAD_IN = -1.0, 5.5, 9.0, 10.0
NUMERALSBERED: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"第[{NUMERALS}\d]+篇"), 0.0),
    (re.compile(rf"第[{NUMERALS}\d]+部分"), 1.0),
    (re.compile(rf"第[{NUMERALS}\d]+章"), 2.0),
    (re.compile(rf"第[{NUMERALS}\d]+节"), 3.0),
    (re.compile(rf"[{NUMERALS}]{{1,4}}\s*[、.]"), 4.0),
    (re.compile(rf"[(（]\s*[{NUMERALS}]{{1,4}}\s*[)）]"), 5.0),
    (re.compile(r"\d{1,2}\s*[.、．](?!\d)"), 6.0),
    (re.compile(r"[(（]\s*\d{1,2}\s*[)）]|\d{1,2}[)）]"), 7.0),
)
_MARKDOWN = re.compile(r"(#{1,6})\s*")
_BOX = re.compile(rf"专栏\s*(?:[\d{NUMERALS}]+(?:\s*[-—–－.]\s*\d+)?)?\s*[:：]?\s*")
_BOX_PHRASE = re.compile(r"[^\s。;；:：,，!?！？]{1,30}\**")
_CAPTION = re.compile(r"(?:表|图)\s*\d+(?:\s*[-—–－.]\s*\d+)?|\d+\s*[-—–－]\s*\d+\s")
_BOLD_LEAD = re.compile(r"(?:——)?\*\*(?:——)?([^*]{1,40}?)\*\*[。.:：]?")
# The plan's own title line roots the section tree (……规划……纲要 / ……的建议).
_PLAN_TITLE = re.compile(r"^[^《“]*规划.*(?:纲要|建议)$")
_SENTENCE_END = re.compile(r"[。!?！？]+[”’」』)）】*]*")
_SENTENCE_PUNCT = re.compile(r"[。!?！？;；]")
_LABEL_PUNCT = re.compile(r"[。!?！？;；:：,，]")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_WORD = re.compile(r"\w")
_SEPARATOR_ROW = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
_MARKUP = re.compile(r"\*\*|</?[a-zA-Z][^>]*>|^#+\s*|\s*\.{3,}.*$")
_TITLE_SPACE = re.compile(r"(?<=[)）、])\s+")
_NUMERIC_CELL = re.compile(r".*\d.*|[/—\-–]+")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    gap_before: bool  # a blank line precedes it (page or block boundary)


@dataclass
class _Head:
    rank: float
    title: str
    box: bool = False
    caption: bool = False


@dataclass
class _HeadMatch:
    rank: float
    title: str
    end: int  # where the heading stops inside the line (rest is body text)
    box: bool = False
    caption: bool = False
    line_scoped: bool = False  # bold lead-ins label their paragraph only
    inline_box: bool = False  # 专栏 title and content on one line


def parse(source: SourceText, meta: PlanMeta) -> Document:
    """Structure ``source`` into sentences (with section paths) and tables.

    A heading sentence's section path ends with the heading itself.
    """
    parser = _Parser(source.text)
    for _ in parser.units():
        pass
    return Document(source=source, meta=meta, sentences=tuple(parser.sentences), tables=tuple(parser.tables))


def parse_pieces(source: SourceText, meta: PlanMeta, piece_chars: int) -> Iterator[Document]:
    """``parse`` in pieces of about ``piece_chars`` characters, for a plan too big to hold whole.

    Each piece holds the sentences and tables of a run of whole lines and tables, with the
    section paths the whole parse gives (the heading stack runs on across pieces), so the
    pieces' sentences, in order, are exactly those of ``parse``. Offsets stay those of the
    whole text.
    """
    parser = _Parser(source.text)
    start = 0
    for end in parser.units():
        if end - start >= piece_chars and parser.sentences:
            yield Document(source=source, meta=meta, sentences=tuple(parser.sentences), tables=tuple(parser.tables))
            parser.sentences, parser.tables, start = [], [], end
    if parser.sentences or parser.tables:
        yield Document(source=source, meta=meta, sentences=tuple(parser.sentences), tables=tuple(parser.tables))


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.stack: list[_Head] = []
        self.sentences: list[Sentence] = []
        self.tables: list[Table] = []

    def units(self) -> Iterator[int]:
        """Parse line by line (a table at once); after each, yield the offset it ends at."""
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if _is_pipe_row(line.text):
                i = self._pipe_table(i)
            elif (run_end := _cell_run_end(self.lines, i)) > i:
                self._cell_table(i, run_end)
                i = run_end
            else:
                self._text_line(line)
                i += 1
            yield self.lines[i - 1].end

    # -- sections -------------------------------------------------------
    def _section(self, *extra: str) -> tuple[str, ...]:
        return tuple(h.title for h in self.stack if h.title) + tuple(e for e in extra if e)

    def _in_box(self) -> bool:
        return any(h.box for h in self.stack)

    def _push(self, head: _Head) -> None:
        while self.stack and self.stack[-1].rank >= head.rank:
            self.stack.pop()
        self.stack.append(head)

    def _add(self, start: int, end: int, section: tuple[str, ...], kind: str) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start < end and _WORD.search(self.text, start, end):
            self.sentences.append(Sentence(start, end, section, kind))

    # -- text lines -------------------------------------------------------
    def _text_line(self, line: _Line) -> None:
        head = _heading(line.text)
        if head is None:
            self.stack = [h for h in self.stack if not h.caption]
            self._paragraph(line.start, line.end, self._section())
            return
        head_end = line.start + head.end
        if head.line_scoped or head.inline_box:
            section = self._section(head.title)
            self._add(line.start, head_end, section, "heading")
            kind = "box" if head.inline_box else None
            self._paragraph(head_end, line.end, section, kind)
            return
        self._push(_Head(head.rank, head.title, head.box, head.caption))
        self._add(line.start, head_end, self._section(), "heading")
        self._paragraph(head_end, line.end, self._section())

    def _paragraph(self, start: int, end: int, section: tuple[str, ...],
                   kind: str | None = None) -> None:
        kind = kind or ("box" if self._in_box() else "text")
        pos = start
        for m in _SENTENCE_END.finditer(self.text, start, end):
            self._add(pos, m.end(), section, kind)
            pos = m.end()
        self._add(pos, end, section, kind)

    # -- tables -------------------------------------------------------------
    def _pipe_table(self, i: int) -> int:
        """Pipe rows, merged across blank lines (page breaks) with repeated
        header rows of later pages dropped."""
        rows: list[tuple[str, ...]] = []
        spans: list[tuple[int, int]] = []
        header: list[tuple[str, ...]] = []  # first rows, whitespace-free
        at_block_start = True
        j = i
        while j < len(self.lines) and _is_pipe_row(self.lines[j].text):
            line = self.lines[j]
            if line.gap_before and j > i:
                at_block_start = True
            j += 1
            if _SEPARATOR_ROW.fullmatch(line.text):
                continue
            cells = _cells(line.text)
            key = tuple(re.sub(r"\s+", "", c) for c in cells)
            if at_block_start and rows and key in header:
                continue
            at_block_start = False
            if not any(cells):
                continue
            if len(header) < 3:
                header.append(key)
            rows.append(cells)
            spans.append((line.start, line.end))
        self._emit_table(rows, spans, self.lines[i].start, self.lines[j - 1].end)
        return j

    def _cell_table(self, i: int, end: int) -> None:
        """One cell per line (web pages that lost their <td>s): a new row
        starts at each cell holding the next serial number 1, 2, 3, ..."""
        rows: list[tuple[str, ...]] = []
        spans: list[tuple[int, int]] = []
        cells: list[str] = []
        first = last = self.lines[i].start
        serial = 1
        for line in self.lines[i:end]:
            if line.text == str(serial):
                if cells:
                    rows.append(tuple(cells))
                    spans.append((first, last))
                cells, first, serial = [], line.start, serial + 1
            cells.append(_clean(line.text))
            last = line.end
        if cells:
            rows.append(tuple(cells))
            spans.append((first, last))
        self._emit_table(rows, spans, self.lines[i].start, self.lines[end - 1].end)

    def _emit_table(self, rows: list[tuple[str, ...]], spans: list[tuple[int, int]],
                    start: int, end: int) -> None:
        if not rows:
            return
        section = self._section()
        self.tables.append(Table(start, end, section, tuple(rows), tuple(spans)))
        for a, b in spans:
            self._add(a, b, section, "table")


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, trimmed, remembering whether a blank line came before."""
    out: list[_Line] = []
    pos = 0
    gap = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append(_Line(start, start + len(stripped), stripped, gap))
            gap = False
        else:
            gap = True
        pos += len(raw) + 1
    return out


def _heading(line: str) -> _HeadMatch | None:
    """Classify a line as heading (or heading + body) or return None."""
    md = _MARKDOWN.match(line)
    body_start = md.end() if md else 0
    body = line[body_start:]
    bold = body.startswith("**") and body.endswith("**") and len(body) > 4
    inner = _clean(body)
    if not inner or not re.search(f"[{HAN_ALL}A-Za-z]", inner):
        return None
    box = _BOX.match(inner)
    if box:
        return _box_heading(line, inner)
    if _CAPTION.match(inner) and len(inner) <= 60 and not _SENTENCE_PUNCT.search(inner):
        return _HeadMatch(GENERIC, inner, len(line), caption=True)
    for pattern, rank in NUMERALSBERED:
        if pattern.match(inner):
            return _numbered(line, inner, rank)
    if md or bold:
        if len(inner) <= 80:
            top = (md and len(md.group(1)) == 1) or _PLAN_TITLE.search(inner)
            return _HeadMatch(TITLE if top else GENERIC, inner, len(line))
        return None
    lead = _BOLD_LEAD.match(line)
    if lead and len(line) > lead.end():
        return _HeadMatch(LEAD_IN, _clean(lead.group(1)).rstrip("。."), lead.end(), line_scoped=True)
    if _PLAN_TITLE.search(inner) and len(inner) <= 80 and not _SENTENCE_PUNCT.search(inner):
        return _HeadMatch(TITLE, inner, len(line))
    if (len(inner) <= 40 and not _LABEL_PUNCT.search(inner) and not _DATE.search(inner)
            and len(re.findall(f"[{HAN_ALL}]", inner)) >= 2 and not inner.startswith(("——", "《", "“"))):
        return _HeadMatch(GENERIC, inner, len(line))
    return None


def _numbered(line: str, inner: str, rank: float) -> _HeadMatch | None:
    """A numbered line is a heading when short and unpunctuated, or a lead-in
    heading when its first sentence is a short title (1.形势。过去五年……)."""
    title = inner.rstrip("。")
    # 一、/(一) titles often carry a comma; list items (1.) with one are prose.
    punct = _SENTENCE_PUNCT if rank < 6 else _LABEL_PUNCT
    if len(title) <= (60 if rank < 6 else 40) and not punct.search(title):
        return _HeadMatch(rank, title, len(line))
    end = _SENTENCE_END.search(line)
    if end and end.end() <= 30 and end.end() < len(line):
        return _HeadMatch(rank, _clean(line[:end.end()]).rstrip("。"), end.end())
    return None


def _box_heading(line: str, inner: str) -> _HeadMatch:
    """专栏 heading; when the box text follows on the same line the title is
    the label plus the first phrase (专栏3—1 “五谷丰登”计划 1.“科学谷”……)."""
    if len(inner) <= 40:
        return _HeadMatch(BOX, inner, len(line), box=True)
    start = line.find("专栏")
    label = _BOX.match(line, start)
    end = label.end() if label else start + 2
    phrase = _BOX_PHRASE.match(line, end)
    end = phrase.end() if phrase else end
    return _HeadMatch(BOX, _clean(line[start:end]), end, box=True, inline_box=True)


def _is_pipe_row(line: str) -> bool:
    return line.startswith("|") or line.count("|") >= 2


def _cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    cells = [_clean(c) for c in body.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _clean(s: str) -> str:
    """Heading or cell text without Markdown/HTML markup and TOC leaders."""
    return _TITLE_SPACE.sub("", _MARKUP.sub("", s)).strip()


def _cell_run_end(lines: list[_Line], i: int) -> int:
    """End of a run of one-cell-per-line table lines starting at ``i`` (or i)."""
    j = i
    numeric = 0
    while j < len(lines) and _is_cell(lines[j].text):
        numeric += bool(_NUMERIC_CELL.fullmatch(lines[j].text))
        j += 1
    if j - i >= 8 and numeric >= 0.3 * (j - i):
        return j
    return i


def _is_cell(line: str) -> bool:
    if len(line) > 30 or _SENTENCE_PUNCT.search(line) or line.startswith(("——", "#", "**")):
        return False
    if _BOX.match(line) or _CAPTION.match(line):
        return False
    return not any(p.match(line) for p, rank in NUMERALSBERED if rank < 6)
