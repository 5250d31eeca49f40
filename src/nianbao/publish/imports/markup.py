"""The blocks of an HTML page and of a Word (.docx) document: paragraphs as lines, table rows as cells."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

from nianbao.files import plain_reason
from nianbao.form.published import OWN_SUB_HEADING, TITLE_END
from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource
from nianbao.publish.imports.shape import widest_row
from nianbao.wording import publish as words

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "title",
               "header", "footer", "blockquote", "pre", "caption", "center", "dd", "dt", "tbody", "thead"}
#: inline tags a paragraph's run-in sub-heading is printed in (<strong>（一）主动公开情况。</strong>本机关…)
_EMPHASIS_TAGS = {"strong", "b"}
_OWN_SUB = re.compile(OWN_SUB_HEADING)


def _heading_alone(text: str) -> bool:
    """Whether ``text`` is a sub-heading alone (（一）主动公开情况, a full stop or colon after it allowed)."""
    m = _OWN_SUB.match(text.strip())
    return m is not None and not m.group(3)


_SKIP_TAGS = {"script", "style", "head", "noscript", "template"}


class _HtmlCollector(HTMLParser):
    """Lines and table rows of an HTML page, in document order (rowspan/colspan need no expansion: a
    merged label appears once, in the first row it spans, as in the page's own reading order)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []  # current text outside a cell
        self._tables: list[dict[str, Any]] = []  # stack: {"row": list | None, "cell": list | None}
        self._skip = 0

    # text sink: the current cell if inside one, else the running paragraph
    def _sink(self) -> list[str]:
        if self._tables and self._tables[-1]["cell"] is not None:
            cell: list[str] = self._tables[-1]["cell"]
            return cell
        return self._text

    def _flush_text(self) -> None:
        text = "".join(self._text)
        self._text = []
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Line(line.strip()))

    def _end_cell(self) -> None:
        top = self._tables[-1]
        if top["cell"] is not None:
            if top["row"] is None:
                top["row"] = []
            top["row"].append("".join(top["cell"]))
            top["cell"] = None

    def _end_row(self) -> None:
        self._end_cell()
        top = self._tables[-1]
        row = top["row"]
        top["row"] = None
        if not row:
            return
        filled = [c for c in row if c.strip()]
        if len(row) == 1 or (not filled and len(row) < widest_row()):  # (an all-blank 表四 data row is a row)
            # a one-cell row (a layout table, a caption row): its text, line by line
            for c in filled:
                for line in c.split("\n"):
                    if line.strip():
                        self.blocks.append(Line(line.strip()))
            return
        self.blocks.append(Row(tuple(" ".join(c.split()) for c in row)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag == "table":
            if self._tables and self._tables[-1]["cell"] is not None:
                # a table inside a cell: what the cell holds so far is text of its own
                top = self._tables[-1]
                for line in "".join(top["cell"]).split("\n"):
                    if line.strip():
                        self.blocks.append(Line(line.strip()))
                top["cell"] = []
            else:
                self._flush_text()
            self._tables.append({"row": None, "cell": None})
        elif tag == "tr" and self._tables:
            self._end_row()
            self._tables[-1]["row"] = []
        elif tag in ("td", "th") and self._tables:
            self._end_cell()
            self._tables[-1]["cell"] = []
        elif tag == "br" or tag in _BLOCK_TAGS:
            self._sink().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table" and self._tables:
            self._end_row()
            self._tables.pop()
        elif tag == "tr" and self._tables:
            self._end_row()
        elif tag in ("td", "th") and self._tables:
            self._end_cell()
        elif tag in _BLOCK_TAGS:
            self._sink().append("\n")
        elif tag in _EMPHASIS_TAGS and _heading_alone("".join(self._sink()).rsplit("\n", 1)[-1]):
            # <strong>（一）主动公开情况</strong>本机关…: the sub-heading is a line of its own, as printed in bold
            self._sink().append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._sink().append(data.replace("\xa0", " ").replace("\u3000", " "))

    def close(self) -> None:
        super().close()
        while self._tables:
            self._end_row()
            self._tables.pop()
        self._flush_text()


def html_blocks(text: str) -> list[Block]:
    parser = _HtmlCollector()
    parser.feed(text)
    parser.close()
    return parser.blocks


#: the most a .docx may hold once unzipped, and the most any part may grow by unzipping: a published
#: report is a few hundred KB; more is a damaged file or a zip bomb, refused before python-docx unzips it
MAX_DOCX_UNZIPPED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 200


def _check_docx_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableSource(words.DOCX_DAMAGED.format(reason=plain_reason(exc))) from None
    total = sum(i.file_size for i in infos)
    swollen = any(i.file_size > 1024 * 1024 and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1) for i in infos)
    if total > MAX_DOCX_UNZIPPED or swollen:
        raise UnreadableSource(words.DOCX_SWOLLEN.format(mb=total // (1024 * 1024)))


def docx_blocks(data: bytes) -> list[Block]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged zip, a missing part, broken XML (lxml): never a traceback
        raise UnreadableSource(words.DOCX_DAMAGED.format(reason=plain_reason(exc))) from None
    out: list[Block] = []

    def cell_text(tc: Any) -> str:
        return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))

    def table_blocks(table: Table) -> None:
        for tr in table._tbl.tr_lst:
            cells = [cell_text(tc) for tc in tr.tc_lst]
            filled = [c for c in cells if c.strip()]
            if len(cells) == 1 or (not filled and len(cells) < widest_row()):
                for c in filled:
                    out.extend(Line(line.strip()) for line in c.split("\n") if line.strip())
            else:
                out.append(Row(tuple(" ".join(c.split()) for c in cells)))

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            parts = [line.strip() for line in item.text.split("\n") if line.strip()]
            joined = "".join(parts)
            if len(parts) > 1 and _broken_title(joined):  # a title broken over lines (GB/T 9704): one line
                parts = [joined]
            out.extend(Line(line) for line in parts)
        elif isinstance(item, Table):
            table_blocks(item)
    return out


def _broken_title(text: str) -> bool:
    """Whether a paragraph's lines, joined, are a report's title (its organ, then 年…年度报告, broken
    between words as a published document does): short, no sentence in it."""
    return len(text) <= 80 and text.endswith(TITLE_END) and not any(ch in text for ch in "，。；：,;")
