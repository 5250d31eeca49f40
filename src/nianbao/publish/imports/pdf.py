"""The blocks of a PDF with a text layer (pdfplumber): tables found by their ruling lines become rows of
cells (a merged cell once, as an HTML page has it), the text around them lines in reading order, the
lines of one paragraph joined again. A PDF without any text (a scan) is refused with a clear message."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from nianbao.files import plain_reason
from nianbao.form.published import PDF_HEADING_START, PDF_PAGE_NUMBER, PDF_ROW_START
from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource, text_block
from nianbao.wording import publish as words

#: the most pages read (an annual report has a handful; more is not a report, or a damaged file)
MAX_PDF_PAGES = 200
#: a page number printed in the footer (— 1 —, - 2 -, 第 3 页)
_PAGE_NUMBER = re.compile(PDF_PAGE_NUMBER)
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_HEADING_START = re.compile(PDF_HEADING_START)


Raw = list[str | None]  # a table row as pdfplumber extracts it (None: a cell another one's merge covers)


class NoTextLayer(UnreadableSource):
    """A PDF whose pages hold no text at all: scanned or exported as images (IMPORT-PDF-NO-TEXT)."""


def pdf_blocks(data: bytes) -> list[Block]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # not a PDF, damaged, encrypted: never a traceback
        raise UnreadableSource(words.PDF_DAMAGED.format(reason=plain_reason(exc))) from None
    out: list[Block] = []
    chars = 0
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UnreadableSource(words.PDF_TOO_MANY_PAGES.format(pages=len(pdf.pages)))
        last: Raw | None = None  # the raw cells of the last block, when it is a table row
        for page in pdf.pages:
            chars += len(page.chars)
            placed = _page_blocks(page)
            joined = _joined(last, placed[0][1]) if last is not None and placed and placed[0][1] is not None else None
            if joined is not None:
                # a row split by the page break: its cells go on at the top of the next page
                row = _row(joined)
                placed[0] = (row if row is not None else placed[0][0], joined)
                out.pop()
            out += [block for block, _raw in placed]
            last = placed[-1][1] if placed else last
    if not chars:
        raise NoTextLayer(words.PDF_NO_TEXT)
    return out


def _page_blocks(page: Any) -> list[tuple[Block, Raw | None]]:
    """One page's table rows and lines of text, by their place on the page (a table row with its raw
    cells)."""
    tables = page.find_tables()
    placed: list[tuple[float, int, Block, Raw | None]] = []
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
                placed.append((top, n, row, list(cells)))
    for top, line in _paragraphs(rest.extract_text_lines()):
        placed.append((top, -1, text_block(line), None))  # (a table printed as text with | or tabs: its cells)
    return [(block, raw) for _top, _n, block, raw in sorted(placed, key=lambda p: (p[0], p[1]))]


_VALUE = re.compile(r"^[\d.,+\-/—]+$")
#: how an official row's label starts (1. / （一） / 一、): a row at the top of a page that starts so is a row
_ROW_START = re.compile(PDF_ROW_START)


def _joined(last: Raw, first: Raw) -> Raw | None:
    """The previous page's last table row with the rest of it at the top of this page, when the first
    row here is its rest (``_continues``); else None. A rest that is only words (a long label broken by
    the page break, the table's columns found differently on the new page) goes on the label."""
    if _continues(last, first):
        return [None if a is None and b is None else (a or "") + (b or "") for a, b in zip(last, first, strict=True)]
    words = [c for c in first if c and c.strip()]
    label = _label_before_values(last)
    if len(words) != 1 or label is None or not _rest_of_label(words[0], last[label + 1:], first):
        return None
    out = list(last)
    out[label] = f"{out[label]}{words[0]}"
    return out


def _rest_of_label(word: str, values: Raw, first: Raw) -> bool:
    """Whether ``word``, alone in the row ``first``, is the rest of a label whose row has ``values``: not
    a number, not a row of its own, and the row has an empty cell for each number (a heading row of
    merged cells, such as 第二十条第（五）项, is no rest of a row)."""
    if _is_value(word) or _ROW_START.match(word.strip()):
        return False
    return sum(1 for c in first if c is not None and not c.strip()) >= sum(1 for c in values if c and _is_value(c))


def _is_value(cell: str) -> bool:
    return _VALUE.match("".join(cell.split())) is not None


def _label_before_values(row: Raw) -> int | None:
    """The place of ``row``'s last cell of words when numbers follow it, else None."""
    words = [i for i, c in enumerate(row) if c and c.strip() and not _is_value(c)]
    if not words or not any(c and _is_value(c) for c in row[words[-1] + 1:]):
        return None
    return words[-1]


def _continues(last: Raw, first: Raw) -> bool:
    """Whether a page's first table row is the rest of the previous page's last row (a row split by the
    page break): as many cells, some text, no column with a number on both sides, no label of its own."""
    if len(last) != len(first) or not any(c and c.strip() for c in first):
        return False
    flat = [("".join((c or "").split())) for c in first]
    before = [("".join((c or "").split())) for c in last]
    if any(_VALUE.match(a) and _VALUE.match(b) for a, b in zip(before, flat, strict=True)):
        return False
    if not any(_VALUE.match(a) for a in before):
        return False
    label = next((c for c in flat if c), "")
    return _VALUE.match(label) is not None or not _ROW_START.match(label)


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
