"""The quick measure of a worksheet's used range, from its XML's bytes in the spelling spreadsheet programs
write (``quick_far_cell``): ``nianbao.read.safety`` asks it first and parses the XML only when it cannot tell
(tests/test_fast_read.py: it never vouches for a sheet the parser would refuse)."""

from __future__ import annotations

import re

__all__ = ["MAX_SHEET_AREA", "quick_far_cell"]

#: the largest used range (rows x columns of cells holding a value) calamine may allocate for a sheet
MAX_SHEET_AREA = 2_000_000

#: the spellings of a sheet's XML that spreadsheet programs write (Excel, WPS, LibreOffice, xlsxwriter):
#: an XML declaration in UTF-8, no DTD, cells without a prefix, every cell with its reference first
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml [^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_CELL_REF = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
#: a ``<c`` that is not a cell near the corner with its reference first, nor a ``<col`` (see ``_all_cells_near``)
_ODD_CELL = re.compile(rb'<c(?!ol| r="[A-Za-z]{1,2}[0-9]{1,3}")')
assert 702 * 999 <= MAX_SHEET_AREA  # ZZ999, the farthest cell _ODD_CELL lets by


def quick_far_cell(xml: bytes) -> str | None:
    """``far_cell`` for a sheet's whole XML in the spelling spreadsheet programs write: '' when even every
    cell of it (with a value or not) spans a range small enough; None when that cannot be told from the
    bytes (another spelling, a DTD, a range too large: ``far_cell`` decides). A bound, never the answer
    for a sheet it cannot vouch for: fast for every file a program made.

    Every ``<c`` of the part is a cell with its reference first (``<c r="A1"``) or a ``<col…`` element:
    then no cell is placed by the parser (without a reference) or hidden from the count (a prefix, a
    comment); the parser stops at the end of the cells, and so does the count, where nothing before it
    (a comment, CDATA, a DTD, a processing instruction) can hold a "</sheetData>" that is not the end."""
    head = _DECLARATION.match(xml)
    if head is None or b"\x00" in xml[:1024]:
        return None
    encoding = _ENCODING.search(head.group(0))
    if encoding is not None and encoding.group(1).lower() != b"utf-8":
        return None
    if _all_cells_near(xml, head.end()):
        return ""
    end = xml.find(b"</sheetData>")
    if end < 0 or xml.find(b"<!", 0, end) >= 0 or xml.find(b"<?", head.end(), end) >= 0:
        end = len(xml)
        if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
            return None
    if _prefixed_cell(xml, end):
        return None
    refs = _CELL_REF.findall(xml, 0, end)
    if len(refs) != xml.count(b"<c", 0, end) - xml.count(b"<col", 0, end):
        return None  # a cell without its reference first (or spelled otherwise): placed by the parser
    if not refs:
        return ""
    letters, rows = zip(*refs, strict=True)
    cols = max(_column(c) for c in set(letters))
    return "" if max(map(int, rows)) * cols <= MAX_SHEET_AREA else None


def _all_cells_near(xml: bytes, start: int) -> bool:
    """The usual sheet in a few scans: nothing from ``start`` to the end of the cells (a comment, CDATA, a DTD,
    a processing instruction, a prefixed element) that could hide one, and every ``<c`` of them a cell with a
    reference of at most two letters and three digits first (``<c r="ZZ999"``) or a ``<col…``: then no
    cell is beyond ZZ999, a range of 702 x 999 cells, within ``MAX_SHEET_AREA``. False: the careful count."""
    end = xml.find(b"</sheetData>", start)
    if end < 0 or not _none_after(xml, b"<", b"!", start, end) or not _none_after(xml, b"<", b"?", start, end):
        return False
    if xml.find(b":c", 0, end) >= 0:  # perhaps a prefixed cell (<x:c …>); ':' is common (x14ac:dyDescent)
        return False
    return _ODD_CELL.search(xml, start, end) is None


def _none_after(xml: bytes, before: bytes, mark: bytes, start: int, end: int) -> bool:
    """Whether ``before + mark`` is nowhere in ``xml[start:end]``: ``mark``'s first byte found by memchr
    (rare in a sheet's cells: ``!`` is in formulas only, ``:`` in attribute names), each look checked."""
    at, n = xml.find(mark[:1], start, end), len(before)
    for _ in range(256):
        if at < 0:
            return True
        if xml[at - n:at + len(mark)] == before + mark and at - n >= start:
            return False
        at = xml.find(mark[:1], at + 1, end)
    return xml.find(before + mark, start, end) < 0


def _prefixed_cell(xml: bytes, end: int) -> bool:
    """Whether ``xml[:end]`` may hold a cell element with a prefix (``<x:c r=…>``)."""
    at = xml.find(b":c", 0, end)
    while at >= 0:
        if xml[at + 2:at + 3] in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
            return True
        at = xml.find(b":c", at + 2, end)
    return False


def _column(letters: bytes) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ch - 64)
    return col
