"""The far-cell guard of an .ods, decided before calamine sees it.

An .ods says "this cell, N times" (``table:number-columns-repeated``) and "this row, N times"
(``table:number-rows-repeated``). LibreOffice writes its empty trailing cells so (a row of 16,384 empty
cells, repeated to row 1,048,576), and calamine skips those; but a value after them, or a value repeated
(a whole column filled with 0), makes calamine allocate every cell of the used range on opening the file:
4.5 GB for one value at column 61 below the trailing rows. ``far_tables`` measures each table's used range
of the cells holding a value, as calamine would, with a streaming XML parser: bounded memory (the parser's
state is a few counters), time linear in the part's size (which the byte check has already bounded).
"""

from __future__ import annotations

from typing import IO
from xml.parsers import expat

#: the value attributes of a cell (``office:value-type``, ``office:value``...) and its formula
_VALUE_ATTRS = frozenset({"value-type", "value", "date-value", "time-value", "boolean-value", "string-value",
                          "formula"})
_CELLS = frozenset({"table-cell", "covered-table-cell"})
#: a repeat count beyond any spreadsheet program's sheet (written with more digits than this: far anyway)
_HUGE = 10**12


#: why an .ods is not handed to calamine when its table part is not well-formed XML (LibreOffice refuses
#: such a file too), or declares a DTD (LibreOffice never writes one; calamine would not read it as the
#: guard does)
DAMAGED = "表格内容的 XML 不完整或有格式错误"
DTD = "表格内容中有不应有的 DTD 声明"


class OdsDamaged(Exception):
    """The table part cannot be measured: ``unsafe`` (a DTD) or damaged XML; the message says which."""

    def __init__(self, detail: str, *, unsafe: bool = False) -> None:
        super().__init__(detail)
        self.unsafe = unsafe


def measure_ods(stream: IO[bytes], max_area: int) -> tuple[str, str, dict[str, str]]:
    """What an .ods's table part (content.xml) is: ("ods", "", tables) when calamine may open it; ("far", "",
    tables) when a table reaches too far (calamine reads every table on opening: one refuses the file, as
    for an .xls); ("corrupt" or "unsafe", why, {}) when it cannot be measured. ``tables``: see ``far_tables``."""
    try:
        far = far_tables(stream, max_area)
    except OdsDamaged as exc:
        return ("unsafe" if exc.unsafe else "corrupt"), str(exc), {}
    return ("far" if any(far.values()) else "ods"), "", far


def far_tables(stream: IO[bytes], max_area: int) -> dict[str, str]:
    """Table name -> its farthest cell holding a value (A1) when the used range of the cells holding a
    value (rows x columns, which calamine allocates) is larger than ``max_area``, else ''.

    Repeated rows and cells are counted, never expanded. Raises ``OdsDamaged`` when the part is not
    well-formed XML or declares a DTD: a reader more lenient than the parser must never read on past
    where the count stopped."""
    extent = _Tables()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = extent.start
    parser.EndElementHandler = extent.end
    parser.StartDoctypeDeclHandler = _refuse_dtd
    try:
        while block := stream.read(1 << 16):
            parser.Parse(block, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise OdsDamaged(DAMAGED) from None
    return {name: _far(far) if rows * cols > max_area else "" for name, (rows, cols, far) in extent.found.items()}


def _refuse_dtd(*_args: object) -> None:
    raise OdsDamaged(DTD, unsafe=True)


def _local(name: str) -> str:
    """An element's or attribute's name without its prefix (``table:table-cell`` -> ``table-cell``)."""
    return name.rpartition(":")[2]


def _count(attrs: dict[str, str], which: str) -> int:
    """The repeat count ``which`` of an element: 1 when absent or not a number; at most ``_HUGE``."""
    for key, value in attrs.items():
        if _local(key) == which:
            value = value.strip()
            if not value.isdigit():
                return 1
            return _HUGE if len(value) > 12 else max(int(value), 1)
    return 1


class _Tables:
    """The used range of the value cells of each table, as the XML is parsed."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, int, tuple[int, int]]] = {}  # name -> max row, max column, far
        self.table: str | None = None  # the open top-level table
        self.nested = 0  # depth of tables inside a cell (not cells of the sheet)
        self.rows = 0  # rows of the table before the open row
        self.repeat = 1  # the open row's repeat count
        self.col = 0  # the last column of the open row so far
        self.cell: tuple[int, int] | None = None  # the open cell's first and last column
        self.value = False  # whether the open cell holds a value (an attribute or any content)
        self.max_row = self.max_col = 0
        self.far = (0, 0)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if self.nested or (local == "table" and self.cell is not None):
            self.nested += local == "table"
            self.value = True
        elif self.cell is not None:  # content of a cell: text, an annotation, a frame
            self.value = True
        elif local in _CELLS and self.table is not None:
            first = self.col + 1
            self.col += _count(attrs, "number-columns-repeated")
            self.cell = (first, self.col)
            self.value = any(_local(k) in _VALUE_ATTRS for k in attrs)
        elif local == "table-row" and self.table is not None:
            self.repeat, self.col = _count(attrs, "number-rows-repeated"), 0
        elif local == "table":
            self.table = next((v for k, v in attrs.items() if _local(k) == "name"), "") or f"第 {len(self.found) + 1} 个工作表"
            self.rows = self.max_row = self.max_col = 0
            self.far = (0, 0)

    def end(self, name: str) -> None:
        local = _local(name)
        if self.nested:
            self.nested -= local == "table"
        elif local in _CELLS and self.cell is not None:
            if self.value:
                self._hold(self.rows + self.repeat, self.cell[1])
            self.cell = None
        elif local == "table-row" and self.table is not None:
            self.rows += self.repeat
            self.repeat = 1
        elif local == "table":
            self.close()

    def _hold(self, row: int, col: int) -> None:
        """A value reaches row ``row`` and column ``col`` (its last repeat)."""
        self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        if row * col > self.far[0] * self.far[1]:
            self.far = (row, col)

    def close(self) -> None:
        """The open table ends: its range is kept (of two tables of one name, the larger)."""
        if self.table is not None:
            rows, cols, _far = self.found.get(self.table, (0, 0, (0, 0)))
            if self.max_row * self.max_col >= rows * cols:
                self.found[self.table] = (self.max_row, self.max_col, self.far)
        self.table, self.cell = None, None


def _far(far: tuple[int, int]) -> str:
    row, col = far
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters + str(row)
