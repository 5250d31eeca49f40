"""The blocks of a PDF with a text layer (pdfplumber): tables found by their ruling lines become rows of
cells (a merged cell once, as an HTML page has it), the text around them lines in reading order, the
lines of one paragraph joined again. A PDF without any text (a scan) is refused with a clear message."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from nianbao.files import plain_reason
from nianbao.form.published import PDF_HEADING_START, PDF_ITEM_START, PDF_LINE_END, PDF_PAGE_NUMBER, PDF_ROW_START
from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource, text_block
from nianbao.wording import publish as words

#: the most pages read (an annual report has a handful; more is not a report, or a damaged file)
MAX_PDF_PAGES = 200
#: a page number printed in the footer (— 1 —, - 2 -, 第 3 页)
_PAGE_NUMBER = re.compile(PDF_PAGE_NUMBER)
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2018-\u201d\u2026]")
#: what is glued to a CJK character without a space when a line ends or starts with it (, 。 “ ）)
_GLUED = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u2018-\u201d\u2026,.;:!?()]")
_HEADING_START = re.compile(PDF_HEADING_START)
_ITEM_START = re.compile(PDF_ITEM_START)
_LINE_END = re.compile(PDF_LINE_END)


Raw = list[str | None]  # a table row as pdfplumber extracts it (None: a cell another one's merge covers)


#: a block as placed on its page: a table row with its raw cells, or a paragraph with how it starts and ends
Placed = tuple[Block, "Raw | None", "_Para | None"]


class NoTextLayer(UnreadableSource):
    """A PDF whose pages hold no text at all: scanned or exported as images (IMPORT-PDF-NO-TEXT)."""


def pdf_blocks(data: bytes) -> list[Block]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # not a PDF, damaged, encrypted: never a traceback
        raise UnreadableSource(words.PDF_DAMAGED.format(reason=plain_reason(exc))) from None
    out: list[Placed] = []
    chars = 0
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UnreadableSource(words.PDF_TOO_MANY_PAGES.format(pages=len(pdf.pages)))
        running = running_texts(pdf.pages)
        for page in pdf.pages:
            chars += len(page.chars)
            _add_page(out, _page_blocks(page, running))
    if not chars:
        raise NoTextLayer(words.PDF_NO_TEXT)
    return [block for block, _raw, _para in out]


def _add_page(out: list[Placed], placed: list[Placed]) -> None:
    """A page's blocks after the ones before: a table row split by the page break is joined again (its
    cells go on at the top of the page), and so is a paragraph (its last line on the previous page goes
    on, the first line here starts flush left)."""
    if out and placed:
        _block, raw, para = out[-1]
        first = placed[0]
        joined = _joined(raw, first[1]) if raw is not None and first[1] is not None else None
        if joined is not None:
            row = _row(joined)
            placed[0] = (row if row is not None else first[0], joined, None)
            out.pop()
        elif para is not None and first[2] is not None and para.open_end and first[2].flush_start:
            merged = _Para(para.top, _glued(para.text, first[2].text), first[2].open_end, para.flush_start)
            placed[0] = (text_block(merged.text), None, merged)
            out.pop()
    out += placed


def _page_blocks(page: Any, running: frozenset[str]) -> list[Placed]:
    """One page's table rows and lines of text, by their place on the page (a table row with its raw
    cells, a paragraph with how it starts and ends)."""
    tables = page.find_tables()
    placed: list[tuple[float, int, Placed]] = []
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
                placed.append((top, n, (row, list(cells), None)))
    for para in _paragraphs(rest.extract_text_lines(), running):
        # (a table printed as text with | or tabs: its cells)
        placed.append((para.top, -1, (text_block(para.text), None, para)))
    return [item for _top, _n, item in sorted(placed, key=lambda p: (p[0], p[1]))]


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


@dataclass
class _Para:
    """A paragraph's text on one page: whether its last line goes on (a long line ending without 。；：
    and the like), whether its first line starts at the left edge (no indent, no heading or item)."""

    top: float
    text: str
    open_end: bool
    flush_start: bool


@dataclass(frozen=True)
class _Frame:
    """The text block of a page: its left and right edges, its middle, and the running headers and
    footers of the document (a text repeated in the page's margin on several pages, digits aside)."""

    left: float
    right: float
    running: frozenset[str]

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


def _paragraphs(lines: list[dict[str, Any]], running: frozenset[str] = frozenset()) -> list[_Para]:
    """The page's lines of text with the lines of one paragraph joined (``_goes_on``), page numbers and
    running headers left out."""
    lines = [ln for ln in lines if ln["text"].strip() and not _PAGE_NUMBER.match(ln["text"].strip())
             and _running_key(ln["text"]) not in running]
    if not lines:
        return []
    frame = _Frame(Counter(round(ln["x0"]) for ln in lines).most_common(1)[0][0],
                   max(ln["x1"] for ln in lines), running)
    out: list[_Para] = []
    prev: dict[str, Any] | None = None
    for ln in lines:
        text = ln["text"].strip()
        if prev is not None and out and _goes_on(prev, ln, frame):
            last = out[-1]
            last.text = _glued(last.text, text)
            last.open_end = _open_end(ln, frame)
        else:
            out.append(_Para(ln["top"], text, _open_end(ln, frame), _flush_start(ln, frame)))
        prev = ln
    return out


def _glued(before: str, text: str) -> str:
    pair = before[-1] + text[0]
    glued = any(_CJK.match(c) for c in pair) and all(_GLUED.match(c) for c in pair)
    gap = "" if glued else " "  # (… 0 | 2.申请人 …: two cells)
    return before + gap + text


def _height(ln: dict[str, Any]) -> float:
    return max(ln["bottom"] - ln["top"], 1.0)


def _open_end(ln: dict[str, Any], frame: _Frame) -> bool:
    """Whether the paragraph goes on after the line ``ln``: it reaches the right edge, or it is long (no
    more than four characters short of the edge: justified text often ends a little short) and does not
    end as a sentence does (。；： …) nor with a figure (a row of a table printed as text)."""
    height = _height(ln)
    if ln["x1"] >= frame.right - 1.5 * height:
        return True
    text = ln["text"].strip()
    return (ln["x1"] >= frame.right - 4 * height and _LINE_END.search(text) is None
            and _VALUE.match(text.split()[-1]) is None)


def _flush_start(ln: dict[str, Any], frame: _Frame) -> bool:
    """Whether the line starts at the text's left edge as a paragraph's next line does: not indented,
    not a heading (一、 （一）) nor an item (1、 （1） ①)."""
    text = ln["text"].strip()
    return ln["x0"] <= frame.left + 4 and not _HEADING_START.match(text) and not _ITEM_START.match(text)


def _goes_on(prev: dict[str, Any], ln: dict[str, Any], frame: _Frame) -> bool:
    """Whether ``ln`` is the next line of ``prev``'s paragraph: right under it, and either ``prev`` goes on
    and ``ln`` starts flush left, or both are short lines centred on the page (a title in two lines)."""
    height = _height(prev)
    if ln["top"] - prev["bottom"] > height:
        return False
    width = frame.right - frame.left
    centred = all(abs((x["x0"] + x["x1"]) / 2 - frame.middle) < height and x["x1"] - x["x0"] < 0.8 * width
                  for x in (prev, ln))
    if centred:
        return not _HEADING_START.match(ln["text"].strip())
    return _open_end(prev, frame) and _flush_start(ln, frame)


def _running_key(text: str) -> str:
    """A line's text with its figures left out: a running header's page number or date changes."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def running_texts(pages: list[Any]) -> frozenset[str]:
    """The running headers and footers of a document: the texts (digits aside) printed in the top or
    bottom tenth of at least two pages, a page number's frame such as 第 # 页 among them."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys: set[str] = set()
        for band in ((0, 0, page.width, page.height * 0.1), (0, page.height * 0.9, page.width, page.height)):
            keys |= {_running_key(ln["text"]) for ln in page.crop(band).extract_text_lines() if ln["text"].strip()}
        seen.update(keys)
    return frozenset(k for k, n in seen.items() if n >= 2 and len(pages) >= 2)
