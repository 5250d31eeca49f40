"""How far a worksheet's values reach, measured by parsing its XML: the careful answer that
``nianbao.read.quickfar`` gives quickly for the spellings spreadsheet programs write."""

from __future__ import annotations

import functools
import re
from typing import IO
from xml.parsers import expat

from nianbao.read.quickfar import MAX_SHEET_AREA
from nianbao.wording import read as words

__all__ = ["DamagedSheet", "RepackedSheet", "UnsafeSheet", "measure_far_cell"]


class UnsafeSheet(Exception):
    """A worksheet part that cannot be inflated within the limits, or is damaged (``DamagedSheet``)."""


class DamagedSheet(UnsafeSheet):
    """A worksheet whose data is damaged or missing (a deflate stream or CRC that is wrong, a part the
    workbook names but the zip lacks, an .xls sheet's records cut short): a broken file, not a hostile one."""


class RepackedSheet(UnsafeSheet):
    """A worksheet's part as no spreadsheet program saves it but a zip tool may (a compression method such
    as Deflate64, a zip password on the part): the data may be whole, and sending the file again won't help."""


def measure_far_cell(stream: IO[bytes], limit: int) -> str:
    """The farthest cell holding a value when the sheet's used range (rows x columns of the cells
    holding a value, which calamine allocates) is too large, else ''.

    The sheet XML is parsed as XML (expat, a block at a time, at most ``limit`` bytes), so that no
    spelling hides a cell: quotes of either kind, spaces around ``=``, a prefix on the element, lower-case
    or very long references, and cells or rows without a reference (placed after the previous one, as
    spreadsheet programs place them). Raises ``UnsafeSheet`` when the part inflates beyond the limit."""
    extent = _Extent()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = extent.start
    parser.EndElementHandler = extent.end
    read = 0
    try:
        while block := stream.read(1 << 16):
            read += len(block)
            if read > limit:
                raise UnsafeSheet(words.INFLATES_TOO_LARGE)
            parser.Parse(block, False)
        parser.Parse(b"", True)
    except _SheetDataRead:
        pass  # the cells are all inside <sheetData>: the rest (validations, merges...) is not read
    except expat.ExpatError:
        pass  # damaged XML: calamine stops there too; what was found before counts
    if extent.max_row * extent.max_col <= MAX_SHEET_AREA:
        return ""
    row, col = extent.far
    return _letters(col) + str(row)


class _SheetDataRead(Exception):
    """The end of the cells of a worksheet."""


class _Extent:
    """The used range of the value cells of a worksheet, as its XML is parsed."""

    def __init__(self) -> None:
        self.row = 0  # the current row (1-based)
        self.col = 0  # the column of the last cell of the current row
        self.cell: tuple[int, int] | None = None  # the open <c> element's position
        self.value = False  # whether the open cell holds a value (<v>, <is> or <f>)
        self.max_row = self.max_col = 0
        self.far = (0, 0)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            ref = attrs.get("r")
            pos = _reference(ref) if ref is not None else None
            self.col = pos[1] if pos is not None else self.col + 1
            self.cell, self.value = (pos or (self.row, self.col)), False
        elif name == "row":
            r = attrs.get("r", "").strip()
            self.row = int(r) if r.isdigit() else self.row + 1
            self.col = 0
        elif name in _VALUE and self.cell is not None:
            self.value = True

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            if self.value and self.cell is not None:
                row, col = self.cell
                if row > self.max_row:
                    self.max_row = row
                if col > self.max_col:
                    self.max_col = col
                if row * col > self.far[0] * self.far[1]:
                    self.far = (row, col)
            self.cell = None
        elif name == "sheetData":
            raise _SheetDataRead


_VALUE = frozenset({"v", "is", "f"})
_REFERENCE = re.compile(r"\s*\$?([A-Za-z]+)\$?([0-9]+)\s*")


@functools.lru_cache(maxsize=8192)
def _reference(ref: str) -> tuple[int, int] | None:
    """(row, column), 1-based, of an A1 reference in any case; None when there is none."""
    m = _REFERENCE.fullmatch(ref)
    if m is None:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)), col


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
