"""Real HTML, PDF and Word files made from a plan's text, as government sites publish them.

Tests read these back through ``plangraph`` and compare with the plain-text plan.
"""

from __future__ import annotations

import html
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # Debian fonts-wqy-microhei (.ci/run installs it)
RUNNING_HEAD = "湖州市人民政府门户网站 政府信息公开"

_NAV = """<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/ghjh">发展规划</a></li></ul></nav>"""
_MENU = """<div class="sidebar-menu"><h3>相关链接</h3><ul><li><a href="/a">国务院</a></li>
<li><a href="/b">浙江省人民政府</a></li><li><a href="/c">长三角一体化示范区</a></li></ul></div>"""
_SCRIPT = """<script type="text/javascript">var _hmt = _hmt || []; document.write("数字经济一号工程");
function share(){ return "八八战略"; }</script><style>.zoom{font-size:16px} /* 乡村振兴 */</style>"""
_FOOTER = """<footer><p>主办单位：湖州市人民政府办公室 承办：湖州市大数据发展管理局</p>
<p>网站标识码3305000001 浙ICP备05001588号 <a href="/map">网站地图</a></p></footer>"""


def html_page(text: str, *, charset: str = "utf-8") -> bytes:
    """A government-site page: head with scripts, nav, a side menu, the plan in the
    article body (pipe rows as a table), a breadcrumb and a footer."""
    body: list[str] = []
    rows: list[str] = []
    for line in text.splitlines():
        if _is_rule(line) and rows:  # the row above is the header
            rows[-1] = rows[-1].replace("<td>", "<th>").replace("</td>", "</th>")
            continue
        if _is_row(line):
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in _cells(line)) + "</tr>")
            continue
        if rows:
            body.append("<table border=1>" + "".join(rows) + "</table>")
            rows = []
        if line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    if rows:
        body.append("<table border=1>" + "".join(rows) + "</table>")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>关于印发规划纲要的通知_湖州市人民政府</title>{_SCRIPT}</head>
<body><div id="header" class="header"><img src="logo.png" alt="湖州市人民政府"><a href="/">湖州市人民政府</a></div>
{_NAV}
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 规划计划</div>
<div class="main"><div class="article"><div class="zoom" id="zoom">
{chr(10).join(body)}
</div></div>{_MENU}</div>
<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<script>window.onload = function(){{ console.log("绿水青山就是金山银山"); }}</script>
{_FOOTER}</body></html>"""
    return page.encode(charset)


def pdf_file(text: str, path: Path, password: str | None = None) -> Path:
    """A PDF with a real text layer (CJK font embedded), a running head and page numbers on every page
    (encrypted, opening only with ``password``, if one is given)."""
    from fpdf import FPDF

    class Plan(FPDF):
        def header(self) -> None:
            self.set_font("wqy", size=8)
            self.cell(0, 6, RUNNING_HEAD, align="C")
            self.ln(8)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("wqy", size=8)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Plan(format="A4")
    pdf.add_font("wqy", fname=str(FONT), collection_font_number=0)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font("wqy", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line if line.strip() else " ", new_x="LMARGIN", new_y="NEXT")
    if password is not None:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.output(str(path))
    return path


def docx_file(text: str, path: Path) -> Path:
    """A Word file: headings and paragraphs, pipe rows as a real table, in order."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for i, cells in enumerate(rows):
            for j, cell in enumerate(cells):
                table.cell(i, j).text = cell
            if i in headers:  # Word's "repeat as header row"
                table.rows[i]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        rows.clear()
        headers.clear()

    headers: set[int] = set()
    for line in text.splitlines():
        if _is_rule(line) and rows:
            headers.add(len(rows) - 1)
            continue
        if _is_row(line):
            rows.append(_cells(line))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path


def _is_row(line: str) -> bool:
    return line.strip().startswith("|") or line.count("|") >= 2


def _is_rule(line: str) -> bool:
    """The Markdown line under a header row: |---|:--:|."""
    return _is_row(line) and set(line.strip()) <= set("|-: ")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A small .docx whose document part inflates to ``inflated_mb`` MB of XML."""
    import zipfile

    paragraph = "<w:p><w:r><w:t>规划</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w") as part:
            block = paragraph * (1024 * 1024 // len(paragraph) + 1)
            for _ in range(inflated_mb):
                part.write(block)
    return path
