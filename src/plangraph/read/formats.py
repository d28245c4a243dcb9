"""Plain text out of the formats government sites publish plans in: HTML, PDF and Word.

For these formats the "original" text that offsets count in is the text
extracted here, not the file's bytes: a page's markup or a PDF's layout has no
character offsets a reader could check, the extracted text does. Extraction is
deterministic, so the same file always gives the same text and offsets.

- HTML: the page text without navigation, menus, scripts, styles, headers and
  footers; table rows become ``| a | b |`` lines that ``structure`` reads as tables.
- PDF: the text layer, page by page, without lines repeated at the top or
  bottom of most pages (running heads, page numbers) and without line-end hyphens.
- DOCX: paragraphs and tables in document order.

Every reader raises ``InputError`` with a one-line reason for a damaged file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError

_MB = 1024 * 1024


def too_much_text(chars: int, limit: int, where: str = "") -> str:
    """The reason a file with more characters than a plan ever has is refused."""
    return (f"too much text ({chars / 1e6:.1f} M characters{where} > limit {limit / 1e6:g} M; "
            "no plan is near this, --max-size sets the limit)")

# Elements whose content is never plan text.
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head",
    "nav", "header", "footer", "aside", "menu", "select", "button", "textarea",
})  # not <form>: ASP.NET sites wrap the whole page in one
# Class or id words that mark page furniture on government sites (导航, 菜单, 页脚, 分享…).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|footer|foot|breadcrumb|crumb|sidebar|share|toolbar|"
    r"banner|topbar|copyright|search|login|related|friendlink|links)(?:$|[\s_\d-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote", "pre", "center", "body",
})
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
# A short block that is mostly link text is a menu entry, not prose.
_LINK_SHARE = 0.6
_MENU_LINE = 40


def html_text(data: bytes, decode: Callable[[bytes], tuple[str, str]]) -> tuple[str, str]:
    """The main text of an HTML page and the encoding it was read with.

    ``decode`` is the plain-text decoder, used when the page declares no charset.
    """
    declared = _CHARSET.search(data[:4096])
    markup, encoding = None, ""
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            markup, encoding = data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            markup = None
    if markup is None:
        markup, encoding = decode(data)
    parser = _PageText()
    parser.feed(_defuse(markup))
    parser.close()
    return parser.text(), f"html/{encoding}"


# (opener, closer): the standard parser searches the rest of the page for the closer of
# each opener it meets, so openers with no closer after them make it quadratic
_CONSTRUCTS = (("<!--", "-->"), ("<![", "]>"), ("<", ">"))
_UNKNOWN_SECTION = re.compile(r"<!\[(?!\s*(?:cdata|if|else|endif|temp|ignore|include|rcdata)\b)", re.IGNORECASE)


def _defuse(markup: str) -> str:
    """The page with what would make ``html.parser`` slow or fail turned into text: openers
    after the last closer of their kind (``</p`` × 90,000 took 17 s, ``<!--x>`` × 20,000 9 s)
    and ``<![`` sections it does not know (it raises on them). Linear; a sound page is unchanged."""
    for opener, closer in _CONSTRUCTS:
        end = markup.rfind(closer) + len(closer) if closer in markup else 0
        if opener in markup[end:]:
            markup = markup[:end] + markup[end:].replace(opener, "&lt;" + opener[1:])
    return _UNKNOWN_SECTION.sub("&lt;![", markup)


class _PageText(HTMLParser):
    """Collects text blocks outside page furniture, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._open: Counter[str] = Counter()  # tags on the stack: a stray end tag is found out in O(1)
        self._skip = 0
        self._blocks: list[str] = []
        self._table: list[str] = []  # rows of the table being read
        self._buf: list[str] = []
        self._link_chars = 0
        self._in_link = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._header_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self._skip:
                self._flush()
            return
        if tag == "body":  # whatever is still open (an unclosed <head>) ends here
            self._stack.clear()
            self._open.clear()
            self._skip = 0
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skipped = tag in _SKIP_TAGS or bool(_FURNITURE.search(marks)) or "navigation" in marks
        self._stack.append((tag, skipped))
        self._open[tag] += 1
        if skipped:
            self._skip += 1
        if self._skip:
            return
        if tag == "a":
            self._in_link += 1
        elif tag == "tr":
            self._flush()
            if self._row is not None:  # the previous row was never closed
                self._close("tr")
            self._row = []
            self._header_row = True
        elif tag in ("td", "th") and self._row is not None:
            if self._cell is not None:  # nor was the previous cell (<td>a<td>b)
                self._close("td")
            self._cell = []
            self._header_row = self._header_row and tag == "th"
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or not self._open[tag]:
            return
        while self._stack:
            open_tag, skipped = self._stack.pop()
            self._open[open_tag] -= 1
            if skipped:
                self._skip -= 1
            elif not self._skip:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "a":
            self._in_link = max(0, self._in_link - 1)
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(_SPACES.sub(" ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._cell is not None:
                self._close("td")
            cells, self._row = self._row, None
            if any(cells) or self._header_row:  # an empty header row still heads its table
                self._table.extend(_pipe_rows(cells, header=self._header_row))
        elif tag == "table":
            self._end_table()
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
            return
        self._buf.append(data)
        if self._in_link:
            self._link_chars += len(data.strip())

    def _flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self._buf)).strip()
        links, self._buf, self._link_chars = self._link_chars, [], 0
        if not line:
            return
        if len(line) <= _MENU_LINE and links >= _LINK_SHARE * len(line.replace(" ", "")):
            return
        self._end_table()
        self._blocks.append(line)

    def _end_table(self) -> None:
        if self._table:
            self._blocks.append("\n".join(self._table))
            self._table = []

    def text(self) -> str:
        self._flush()
        self._end_table()
        return _join_blocks(self._blocks)


def _join_blocks(blocks: list[str]) -> str:
    """Blocks apart by a blank line, as plain-text plans are written (a caption stays off its table)."""
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _pipe_rows(cells: list[str], *, header: bool) -> list[str]:
    """A table row as ``structure`` reads it; a header row gets the Markdown rule under it."""
    rows = ["| " + " | ".join(cells) + " |"]
    if header:
        rows.append("|" + "|".join("---" for _ in cells) + "|")
    return rows


# -- PDF ------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^[\s\-—–·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?|[ivxlcIVXLC]+)[\s\-—–·•]*$")
_DIGITS = re.compile(r"\d+")
_HYPHEN_END = re.compile(r"(?<=[A-Za-z])[-\u00ad\x02]$")
_EDGE = 2  # lines at the top and bottom of a page that may be running heads
_REPEAT_SHARE = 0.5


def pdf_text(path: Path, data: bytes, max_chars: int) -> str:
    """The text layer of a PDF with running heads, page numbers and line-end hyphens removed.

    Reading stops with ``InputError`` once the pages hold more than ``max_chars`` characters.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(path, "encrypted PDF (it needs a password: save a decrypted copy first)") from None
        raise InputError(path, f"damaged or truncated PDF ({exc})") from None
    try:
        pages = []
        chars = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            raw = textpage.get_text_bounded()
            textpage.close()
            page.close()
            chars += len(raw)
            if chars > max_chars:
                raise InputError(path, too_much_text(chars, max_chars, f" by page {i + 1}"))
            pages.append([line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")])
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"damaged PDF page ({exc})") from None
    finally:
        pdf.close()
    if not any(line.strip() for page in pages for line in page):
        raise InputError(path, "PDF has no text layer (a scan? run OCR first)")
    return _join_pages(_drop_running_lines(pages))


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Without page numbers and the lines most pages repeat at their top or bottom."""
    def key(line: str) -> str:
        return _DIGITS.sub("#", line.strip())

    edges: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page if line.strip()]
        edges.update({key(line) for line in lines[:_EDGE] + lines[-_EDGE:]})
    repeated = {k for k, n in edges.items() if len(pages) > 2 and n >= _REPEAT_SHARE * len(pages)}
    cleaned = []
    for page in pages:
        lines = [line for line in page if line.strip()]
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE), len(lines)))
        cleaned.append([
            line for i, line in enumerate(lines)
            if not (i in edge and (key(line) in repeated or _PAGE_NUMBER.match(line)))
        ])
    return cleaned


def _join_pages(pages: list[list[str]]) -> str:
    """Lines of all pages; a word hyphenated across a line end is joined again."""
    out: list[str] = []
    for line in (line for page in pages for line in page):
        if out and _HYPHEN_END.search(out[-1]) and line[:1].isalpha() and line[:1].islower():
            out[-1] = out[-1][:-1] + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out) + "\n" if out else ""


# -- DOCX -----------------------------------------------------------------------------


def docx_text(path: Path, data: bytes, max_inflated: int) -> str:
    """Paragraphs and table rows of a Word file, in document order.

    A file whose parts inflate to more than ``max_inflated`` bytes is refused from its
    zip directory alone, before anything is inflated (a 390 KB zip bomb of 100 MB of XML
    took 91 s and 1.8 GB to fail in python-docx). The sizes the directory declares are
    binding: Python's zip reader stops at them.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import LxmlError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            inflated = sum(info.file_size for info in package.infolist())
        if inflated > max_inflated:
            raise InputError(path, f"Word file inflates to {inflated / _MB:.1f} MB (> limit {max_inflated / _MB:g} MB: "
                                   "a zip bomb? --max-size sets the limit)")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, PackageNotFoundError, LxmlError, KeyError, ValueError, EOFError) as exc:
        raise InputError(path, f"damaged or truncated Word file ({type(exc).__name__}: {exc})") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph) and block.text.strip():
            blocks.append(block.text)
        elif isinstance(block, Table):
            blocks.append("\n".join(_docx_rows(block)))
    return _join_blocks([b for b in blocks if b.strip()])


def _docx_rows(table: object) -> list[str]:
    """A Word table as pipe rows; merged cells repeat in python-docx and are kept once."""
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_SPACES.sub(" ", cell.text).strip())
        header = row._tr.trPr is not None and bool(row._tr.trPr.xpath("w:tblHeader"))
        if any(cells) or header:
            rows.extend(_pipe_rows(cells, header=header))
    return rows
