"""The blocks of a PDF with a text layer (pdfplumber): tables found by their ruling lines become rows of
cells (a merged cell once, as an HTML page has it), the text around them lines in reading order, the
lines of one paragraph joined again. A PDF without any text (a scan) is refused with a clear message."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource, text_block

#: the most pages read (an annual report has a handful; more is not a report, or a damaged file)
MAX_PDF_PAGES = 200
#: a page number printed in the footer (— 1 —, - 2 -, 第 3 页)
_PAGE_NUMBER = re.compile(r"^(?:[—\-－–]\s*\d+\s*[—\-－–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+)$")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


class NoTextLayer(UnreadableSource):
    """A PDF whose pages hold no text at all: scanned or exported as images (IMPORT-PDF-NO-TEXT)."""


def pdf_blocks(data: bytes) -> list[Block]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # not a PDF, damaged, encrypted: never a traceback
        raise UnreadableSource(f"不是有效的 PDF 文件，可能已损坏或加密（{type(exc).__name__}）") from None
    out: list[Block] = []
    chars = 0
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UnreadableSource(f"PDF 文件有 {len(pdf.pages)} 页，远多于正常的年报，未读取")
        for page in pdf.pages:
            chars += len(page.chars)
            blocks = _page_blocks(page)
            first = blocks[0] if blocks else None
            if out and isinstance(out[-1], Row) and isinstance(first, Row) and _continues(out[-1], first):
                out[-1] = _joined(out[-1], first)
                blocks = blocks[1:]
            out += blocks
    if not chars:
        raise NoTextLayer("PDF 文件没有文字层（可能是扫描件或以图片导出），无法读取其中的文字和数字")
    return out


def _page_blocks(page: Any) -> list[Block]:
    """One page's table rows and lines of text, by their place on the page."""
    tables = page.find_tables()
    placed: list[tuple[float, int, Block]] = []
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:  # (a heading right under a table touches its box)
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(lambda obj: obj.get("object_type") != "char" or outside(obj))
    for n, table in enumerate(tables):
        for i, cells in enumerate(table.extract()):
            top = table.rows[i].bbox[1] if i < len(table.rows) else table.bbox[1]
            row = _row(cells)
            if row is not None:
                placed.append((top, n, row))
    for top, line in _paragraphs(rest.extract_text_lines()):
        placed.append((top, -1, text_block(line)))  # (a table printed as text with | or tabs: its cells)
    return [block for _top, _n, block in sorted(placed, key=lambda p: (p[0], p[1]))]


def _continues(last: Row, first: Row) -> bool:
    """Whether a page's first table row is the rest of the previous page's last row (a row split by the
    page break): one cell of text without a number in it, the others empty."""
    filled = [c for c in first.cells if c]
    return len(filled) == 1 and not re.search(r"\d", filled[0]) and any(re.search(r"\d", c) for c in last.cells)


def _joined(last: Row, first: Row) -> Row:
    """``last`` with the text of ``first`` after its label (the last cell of text before its numbers)."""
    rest = next(c for c in first.cells if c)
    cells = list(last.cells)
    at = next((i for i, c in enumerate(cells) if re.fullmatch(r"[\d.,+\-/—]*", c) and c), len(cells)) - 1
    cells[max(at, 0)] += rest
    return Row(tuple(cells))


def _row(cells: list[str | None]) -> Block | None:
    """A table row: the cells that start in it (a merged cell's others are None), their text unwrapped."""
    texts = ["".join((c or "").split("\n")).strip() for c in cells if c is not None]
    filled = [t for t in texts if t]
    if not filled and len(texts) <= 1:
        return None
    if len(texts) == 1:
        return Line(texts[0])
    return Row(tuple(texts))


def _paragraphs(lines: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """The page's lines of text with the lines of one paragraph joined (a line reaching the right edge
    goes on in the next one, unless that one is indented or a heading), page numbers left out."""
    lines = [ln for ln in lines if ln["text"].strip() and not _PAGE_NUMBER.match(ln["text"].strip())]
    if not lines:
        return []
    right = max(ln["x1"] for ln in lines)
    left = Counter(round(ln["x0"]) for ln in lines).most_common(1)[0][0]
    middle = (left + right) / 2
    out: list[tuple[float, str]] = []
    prev: dict[str, Any] | None = None
    for ln in lines:
        text = ln["text"].strip()
        if prev is not None and out and _goes_on(prev, ln, right, left, middle) and not _HEADING_START.match(text):
            top, before = out[-1]
            gap = "" if _CJK.match(before[-1]) and _CJK.match(text[0]) else " "  # (… 0 | 2.申请人 …: two cells)
            out[-1] = (top, before + gap + text)
        else:
            out.append((ln["top"], text))
        prev = ln
    return out


def _goes_on(prev: dict[str, Any], ln: dict[str, Any], right: float, left: float, middle: float) -> bool:
    height = max(prev["bottom"] - prev["top"], 1.0)
    if ln["top"] - prev["bottom"] > height or prev["x1"] < right - 1.5 * height:
        return False
    centred = abs((ln["x0"] + ln["x1"]) / 2 - middle) < height and abs((prev["x0"] + prev["x1"]) / 2 - middle) < height
    return ln["x0"] <= left + 4 or centred
