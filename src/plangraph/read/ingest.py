"""Read a plan file and build the normalized text that matching runs on.

Plans arrive as UTF-8, UTF-16 or GB18030 files, in simplified or traditional
characters, with full-width letters and with PDF hard wraps that cut names in
two. ``normalize`` removes those differences while recording, for every output
character, which original character it came from, so later stages can always
quote the file verbatim. HTML, PDF and Word files are first turned into text
by ``formats``; for them the "original" is that extracted text.
"""

from __future__ import annotations

import codecs
import re
from array import array
from functools import lru_cache
from pathlib import Path

import opencc

from ..chinese import CJK_PUNCTUATION, CORNER_QUOTES, FULL_WIDTH, HAN_ALL, NUMERALS, ZERO
from ..errors import InputError
from ..model import SourceText
from . import formats

_T2S = opencc.OpenCC("t2s.json")

# Full-width ASCII forms -> ASCII, odd spaces -> space, odd line breaks -> \n.
# CJK punctuation (。、“”《》【】) is not in U+FF01-FF5E and stays as it is (corner quotes aside, below).
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0x09: 0x20})
_WIDTH.update({0x0B: 0x0A, 0x0C: 0x0A, 0x2028: 0x0A, 0x2029: 0x0A, 0x85: 0x0A})
# 「…」 and 『…』 quote as “…” and ‘…’ do (traditional-script typing): the rules read one kind of mark
_WIDTH.update({ord(corner): ord(mark) for corner, mark in CORNER_QUOTES.items()})

_CJK = HAN_ALL + ZERO

# Invisible characters and the CR of CRLF carry nothing.
_DROP = re.compile(r"\r(?=\n)|[\u200b-\u200d\u2060\ufeff\u00ad]")
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
# spaces a PDF sets around quotation marks (紧紧围绕 “ 新跨越、进十强 ” 目标) are typesetting: inside the
# marks, and between a mark and the ideograph next to it; not after a heading's number (第一节 “经济强”)
_QUOTE_SPACE = re.compile(rf"(?<=[“‘]) +| +(?=[”’])|(?<=[”’]) +(?=[{_CJK}])|(?<=[{_CJK}])(?<![章节篇]) +(?=[“‘])")
# one space between an ideograph and a Latin letter or digit is typesetting (到 2025 年,
# 长三角 G60 科创走廊, 一号工程 2.0 版): the words run on without it
_ALNUM_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[{_CJK}])")
_SHORT_LINE = 100
_LABEL_NUMBER = re.compile(r"(?:专栏|表|图)\s*[\d.\-—–]+$")
_LABEL_REACH = 12  # characters back from a space to look for the label it ends
_LONE_CR = re.compile(r"\r(?!\n)")
# starts only where a run of spaces starts: tried inside a long run, it would rescan the run (quadratic)
_BREAK = re.compile(r"(?<![ \t\u3000\xa0])[ \t\u3000\xa0]*\n(?:[ \t\u3000\xa0]*\n)*[ \t\u3000\xa0]*")

# A line starting like this begins a new block, so the break before it is real.
_BLOCK_START = re.compile(
    rf"(?:#|\||\*\*|——|-{{3,}}|>|<|[-*•●◆■□▪·]\s|专栏|表\s*\d|图\s*\d|[^\s,，。:：]{{1,6}}[:：]"
    rf"|第[{NUMERALS}\d]+[章节篇部]|[{NUMERALS}]+、|[(（][{NUMERALS}\d]+[)）]|\d+[.、．)）](?!\d))"
)
# A line starting like this is a heading, caption or table row: never glued on.
_HEADING_LINE = re.compile(
    rf"(?:#|\||>|专栏|表\s*\d|图\s*\d|\d+[-—–]\d+\s|第[{NUMERALS}\d]+[章节篇部]|[{NUMERALS}]+、|[(（][{NUMERALS}\d]+[)）])"
)
_CONTINUATION = re.compile(rf"[{_CJK}0-9A-Za-z“‘《(]")
_LIST_ITEM = re.compile(r"\d+[.、．)）](?!\d)")
_MID_SENTENCE_PUNCT = re.compile(r"[、，,；;。）)”’》]")
_CLAUSE_PUNCT = re.compile(r"[。，,;；:：!！?？]")
_JOIN_CJK = re.compile(rf"[{_CJK},，、(（“‘《]")
_JOIN_ALNUM = re.compile(r"[0-9A-Za-z%]")


# File types read, by suffix; HTML, PDF and Word files are read as the text extracted from them.
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PLAN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")
_MB = 1024 * 1024
MAX_BYTES = 50 * _MB  # no plan is near this; a bigger file is a mistake, not a plan
# Characters a file may hold, per MB of --max-size: 25 M at the default 50 MB, above the
# 19 M characters of a 50 MB plan. A plan over stream.STREAM_CHARS (1 M) is read in pieces,
# so a build holds its text (~12 bytes a character) and a piece's worth, not ~550 bytes a
# character as read whole; the longest real plans have under 0.4 M characters.
CHARS_PER_MB = 500_000


def max_chars(max_bytes: int) -> int:
    """The characters a file may hold under a size limit of ``max_bytes``."""
    return max(1, int(max_bytes / _MB * CHARS_PER_MB))


def readable_size(n: float) -> str:
    """Bytes as a person reads them: 980 bytes, 12.3 KB, 4.0 MB."""
    if n < 1024:
        return f"{n:.0f} bytes"
    return f"{n / 1024:.1f} KB" if n < _MB else f"{n / _MB:.1f} MB"


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode ``path`` and normalize it; unusable files raise ``InputError``.

    Files over ``max_bytes`` are refused from their size alone, before reading; Word files
    that inflate beyond it from their zip directory; text over ``max_chars(max_bytes)``
    characters once decoded or extracted, before anything else is done with it.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file too large ({readable_size(size)} > limit {readable_size(max_bytes)})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    original, encoding = _extract(path, data, max_bytes)
    del data
    if len(original) > max_chars(max_bytes):
        raise InputError(path, formats.too_much_text(len(original), max_chars(max_bytes)))
    if not original.strip():
        raise InputError(path, "empty file")
    if not _looks_like_text(original):
        raise InputError(path, "binary file (not plain text)")
    text, offsets = normalize(original)
    return SourceText(path=path, original=original, text=text, offsets=offsets, encoding=encoding)


def _extract(path: Path, data: bytes, max_bytes: int) -> tuple[str, str]:
    """The text of a file by its type: decoded plain text, or text extracted from HTML, PDF or Word."""
    suffix = path.suffix.lower()
    if not data.strip():
        raise InputError(path, "empty file")
    if suffix in HTML_SUFFIXES:
        text, encoding = formats.html_text(data, lambda raw: _decode(path, raw))
    elif suffix == ".pdf":
        text, encoding = formats.pdf_text(path, data, max_chars(max_bytes)), "pdf"
    elif suffix == ".docx":
        text, encoding = formats.docx_text(path, data, max_bytes), "docx"
    else:
        return _decode(path, data)
    if not text.strip():
        raise InputError(path, f"no text found in this {suffix.lstrip('.').upper()} file")
    return text, encoding


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Pick the encoding: a BOM wins, then UTF-32/16 without one, strict UTF-8, a clean
    GB18030 reading, and last the detector (charset-normalizer: Big5, Shift_JIS, …)."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                      (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {name} ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data:
        return _decode_wide_without_bom(path, data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if gb is not None and not _PRIVATE_USE.search(gb) and _looks_like_text(gb):
        return gb, "gb18030"  # mainland plans; Big5 read as GB18030 lands in its private-use area (的)
    detected = _detect(data)
    if detected is not None:
        return detected
    if gb is not None and _looks_like_text(gb):
        return gb, "gb18030"
    raise InputError(
        path,
        f"unknown text encoding (not UTF-8, UTF-16/32, GB18030, Big5 or another the detector knows; "
        f"invalid byte 0x{data[first_bad]:02x} at position {first_bad})",
    )


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_IDEOGRAPH = re.compile(f"[{_CJK}{CJK_PUNCTUATION}{FULL_WIDTH}]")
# the codecs to try, in order, for what the detector calls an encoding: Python's big5 lacks
# characters Big5 files use (cp950 adds them, HKSCS more), and the detector cannot tell the three apart
_BIG5 = ("big5", "cp950", "big5hkscs")
_FAMILIES = {"big5": _BIG5, "cp950": _BIG5, "big5hkscs": _BIG5, "gb2312": ("gb18030",),
             "gbk": ("gb18030",), "shift_jis": ("shift_jis", "cp932"), "euc_jp": ("euc_jp", "cp932")}


def _detect(data: bytes) -> tuple[str, str] | None:
    """The detector's reading of ``data``, if it decodes strictly to text that is mostly CJK
    (a plan is; Latin-1 guessed for a damaged file is not)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    for name in _FAMILIES.get(best.encoding, (best.encoding,)):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:20000]
        visible = len(sample) - sum(ch.isspace() for ch in sample)
        if _looks_like_text(text) and len(_IDEOGRAPH.findall(sample)) >= 0.3 * visible:
            return text, name
    return None


def _decode_wide_without_bom(path: Path, data: bytes) -> tuple[str, str]:
    """NUL bytes mean UTF-32 or UTF-16 without a BOM, or a binary file; only text passes."""
    names = (("utf-32-le", "utf-32-be") if len(data) % 4 == 0 else ()) + (
        ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())
    for name in names:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _looks_like_text(text):
            return text, name
    raise InputError(path, "binary file (contains NUL bytes)")


def _looks_like_text(text: str, sample: int = 20000) -> bool:
    """Most characters of a plan are CJK, ASCII or punctuation; binary decoded
    as GB18030 is full of control, private-use and rare characters instead."""
    chunk = text[:sample]
    rare = sum(1 for _ in _RARE.finditer(chunk))
    return len(chunk) - rare >= 0.85 * len(chunk)


# characters a plan seldom holds: all but ASCII, Latin, Greek, Cyrillic, punctuation and
# symbols, CJK punctuation, kana, enclosed CJK and units, CJK ideographs and full-width forms
_RARE = re.compile(
    "[^\x20-\x7e\n\r\t\f\v\u00a0-\u024f\u0370-\u052f\u2000-\u2bfe\u3000-\u303e\u3040-\u30ff\u3200-\u33fe"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def normalize(original: str) -> tuple[str, array[int]]:
    """Simplified, half-width text with in-sentence line breaks removed.

    Returns the text and the offset map: ``offsets[i]`` is the index in
    ``original`` of output char ``i``; ``offsets[-1] == len(original)``. The map is an
    ``array("I")``, four bytes a character: as a tuple of ints it took about 40, most of
    what a build holds for each plan until resolution.
    """
    text, offsets = _simplify(original)
    text = _LONE_CR.sub("\n", text).translate(_WIDTH)
    drops = [m.span() for m in _DROP.finditer(text)]
    layout = _LayoutLines(text)
    drops += [m.span() for m in _CJK_SPACE.finditer(text) if layout.is_layout_space(m.start())]
    drops += [m.span() for m in _ALNUM_SPACE.finditer(text) if _is_typeset_space(text, m.start())]
    drops += [m.span() for m in _QUOTE_SPACE.finditer(text)]
    drops += [m.span() for m in _BREAK.finditer(text) if _is_soft_break(text, m.start(), m.end())]
    if not drops:
        offsets.append(len(original))
        return text, offsets
    drops.sort()
    parts: list[str] = []
    kept = array("I")
    pos = 0
    for start, end in drops:
        if start < pos:  # overlapping spans cannot occur, but never double-drop
            start = pos
        parts.append(text[pos:start])
        kept.extend(offsets[pos:start])
        pos = max(pos, end)
    parts.append(text[pos:])
    kept.extend(offsets[pos:])
    kept.append(len(original))
    return "".join(parts), kept


def _simplify(original: str) -> tuple[str, array[int]]:
    """Traditional -> simplified, line by line, keeping one offset per char.

    Lines without a single traditional character are left alone: OpenCC's
    phrase rules would otherwise turn simplified 一批覆盖 into 一批复盖.
    """
    converted = _T2S.convert(original)
    if converted == original:
        return original, array("I", range(len(original)))
    out: list[str] = []
    offsets = array("I")
    pos = 0
    for line in original.split("\n"):
        new = _T2S.convert(line) if line else line
        if new != line and not any(_char_t2s(ch) != ch for ch in line):
            new = line
        if len(new) == len(line):
            out.append(new)
            offsets.extend(range(pos, pos + len(line)))
        else:
            for i, ch in enumerate(line):
                conv = _char_t2s(ch) or ch
                out.append(conv)
                offsets.extend([pos + i] * len(conv))
        pos += len(line)
        if pos < len(original):
            out.append("\n")
            offsets.append(pos)
            pos += 1
    return "".join(out), offsets


@lru_cache(maxsize=65536)
def _char_t2s(ch: str) -> str:
    return _T2S.convert(ch)


def _is_typeset_space(text: str, pos: int) -> bool:
    """A space around a number that is a label stays: before a list number (计划 1.“科学谷”)
    and after a box or table number (专栏6—1 冠军领航行动)."""
    if _LIST_ITEM.match(text, pos + 1):
        return False
    return not _LABEL_NUMBER.search(text, max(0, pos - _LABEL_REACH), pos)


class _LayoutLines:
    """Which spaces between ideographs are layout, decided once per line. Spaces are
    asked about in text order, so each line is scanned once: a long line of spaced
    characters is not rescanned for each of its spaces (that was quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = self.end = 0  # the line last decided
        self.layout = False

    def is_layout_space(self, pos: int) -> bool:
        """Spaces between ideographs in titles and table cells are layout
        ("吴兴区 国民经济", "经济 发展"); in a long prose line they separate a
        label from its text ("专栏6—1 冠军领航行动 培育一批……") and stay."""
        if not self.start <= pos < self.end:
            floor = self.end if pos >= self.end else 0
            self.start = self.text.rfind("\n", floor, pos) + 1 or floor
            found = self.text.find("\n", pos)
            self.end = found if found >= 0 else len(self.text)
            self.layout = self.end - self.start <= _SHORT_LINE or "|" in self.text[self.start:self.end]
        return self.layout


def _is_soft_break(text: str, start: int, end: int) -> bool:
    """Is this line break a hard wrap inside a sentence (PDF or page break)?

    Long lines that stop mid-clause are glued to the next line; short lines
    only when both halves are punctuation-free fragments (a title or a table
    cell split in two), so signatures, dates and addressees stay apart.
    """
    if end >= len(text) or start == 0:
        return False
    prev = text[text.rfind("\n", 0, start) + 1:start].strip()
    nxt_end = text.find("\n", end)
    nxt = text[end:nxt_end if nxt_end >= 0 else len(text)].strip()
    if not prev or not nxt or _BLOCK_START.match(nxt) or _HEADING_LINE.match(prev):
        return False
    if prev.startswith("**") and prev.endswith("**"):
        return False
    if _MID_SENTENCE_PUNCT.match(nxt):  # a line never starts with 、 or ，: the wrap came just before it
        return True
    last = prev.rstrip("*")[-1:]
    if not last:
        return False
    single_newline = text.count("\n", start, end) == 1
    if _JOIN_ALNUM.match(last):
        if not (single_newline and len(prev) >= 30):
            return False
    elif not _JOIN_CJK.match(last):
        return False
    if _LIST_ITEM.match(prev) and len(prev) < 40:
        return False
    if len(prev) >= 20:
        return bool(_CONTINUATION.match(nxt))
    return (len(prev) >= 15 and len(nxt) >= 8
            and not _CLAUSE_PUNCT.search(prev) and not _CLAUSE_PUNCT.search(nxt))
