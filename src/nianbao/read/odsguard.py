"""The far-cell guard of an .ods, decided before calamine sees it.

An .ods says "this cell, N times" (``table:number-columns-repeated``) and "this row, N times"
(``table:number-rows-repeated``). LibreOffice writes its empty trailing cells so (a row of 16,384 empty
cells, repeated to row 1,048,576), and calamine skips those; but a value after them, or a value repeated
(a whole column filled with 0), makes calamine allocate every cell of the used range on opening the file:
4.5 GB for one value at column 61 below the trailing rows. ``far_tables`` measures each table's used range
of the cells holding a value, as calamine would, with a streaming XML parser: bounded memory (the part,
which the byte check has bounded, and a few counters), time linear in the part's size. ``quick_tables``
bounds LibreOffice's own saves from the bytes first, in about a ninth of the parser's time (0.6 ms against 5 ms for a report).
"""

from __future__ import annotations

import html
import io
import re
from typing import IO
from xml.parsers import expat

from nianbao.wording import read as words

#: the value attributes of a cell (``office:value-type``, ``office:value``...) and its formula
_VALUE_ATTRS = frozenset({"value-type", "value", "date-value", "time-value", "boolean-value", "string-value",
                          "formula"})
_CELLS = frozenset({"table-cell", "covered-table-cell"})
#: a repeat count beyond any spreadsheet program's sheet (written with more digits than this: far anyway)
_HUGE = 10**12


class OdsDamaged(Exception):
    """The table part cannot be measured: ``unsafe`` (a DTD) or damaged XML; the message says which."""

    def __init__(self, detail: str, *, unsafe: bool = False) -> None:
        super().__init__(detail)
        self.unsafe = unsafe


def measure_ods(xml: bytes, max_area: int, *, fast: bool = True) -> tuple[str, str, dict[str, str]]:
    """What an .ods's table part (content.xml) is: ("ods", "", tables) when calamine may open it; ("far", "",
    tables) when a table reaches too far (calamine reads every table on opening: one refuses the file, as
    for an .xls); ("corrupt" or "unsafe", why, {}) when it cannot be measured. ``tables``: see ``far_tables``;
    ``quick_tables`` vouches for LibreOffice's spelling first (``fast``)."""
    quick = quick_tables(xml, max_area) if fast else None
    if quick is not None:
        return "ods", "", quick
    try:
        far = far_tables(io.BytesIO(xml), max_area)
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
        raise OdsDamaged(words.ODS_DAMAGED) from None
    return {name: _far(far) if rows * cols > max_area else "" for name, (rows, cols, far) in extent.found.items()}


def _refuse_dtd(*_args: object) -> None:
    raise OdsDamaged(words.ODS_DTD, unsafe=True)


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
        self.named: set[str] = set()  # the tables' names so far, as spreadsheet programs compare them (case aside)
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
            self.table = next((v for k, v in attrs.items() if _local(k) == "name"), "") or words.NTH_SHEET.format(n=len(self.found) + 1)
            if self.table.casefold() in self.named:  # which one a reader takes is its own choice: refused
                raise OdsDamaged(words.SHEET_NAME_TWICE.format(sheet=self.table))
            self.named.add(self.table.casefold())
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
    """The cell as a clerk reads it: an A1 reference, or beyond any sheet's last column, its row and column."""
    row, col = far
    if col > 16384:  # XFD: no spreadsheet program names a column further
        return words.FAR_CELL.format(row=row, col=col)
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters + str(row)


# -- the fast path: LibreOffice's spelling, bounded from the bytes ------------------------------------------
#: every ``-repeated`` of the part, with its count when spelled as LibreOffice writes one (``="16384"``)
_REPEATS = re.compile(rb'-repeated(?:="([0-9]{1,12})")?')
_STYLE = rb'(?: table:style-name="[^"<>]*")?'
_EMPTY_CELL = rb"<table:table-cell" + _STYLE + rb'(?: table:number-columns-repeated="[0-9]{1,12}")?/>'
#: empty rows to the last row, as LibreOffice ends every table: nothing but them before the table's end
_EMPTY_ROWS = re.compile(rb"(?:<table:table-row" + _STYLE + rb'(?: table:number-rows-repeated="[0-9]{1,12}")?>(?:'
                         + _EMPTY_CELL + rb")*</table:table-row>)+")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_TABLE_START = b"<table:table "
_TABLE_NAME = re.compile(rb'<table:table table:name="([^"<>]*)"')
#: the tags whose repeats place cells: a cell (its columns), a row (its rows); a column's definition places none
_CELL_TAGS = (b"<table:table-cell ", b"<table:covered-table-cell ")
_ROW_TAG, _COLUMN_TAG = b"<table:table-row ", b"<table:table-column "


def quick_tables(xml: bytes, max_area: int) -> dict[str, str] | None:
    """``far_tables`` for a table part in the spelling LibreOffice writes, from the bytes: each name -> ''
    when even every cell element and row of the part, each repeat counted but the empty cells that end a
    row and the empty rows that end a table, spans a range small enough; None when that cannot be told
    from the bytes (another spelling, a DTD, a comment, a repeat elsewhere, a range too large): the parser
    decides. A bound, never the answer for a part it cannot vouch for: the cells and rows are counted as
    the words ``table-cell`` and ``table-row`` anywhere in the part (a closing tag and the styles'
    ``table-cell-properties`` too: twice a report's cells, well within), so that a table wherever it is
    (also before ``<office:body>``, where calamine reads one too) is within the count. Three passes over the
    bytes for a report (the table names, the repeats, the words: see ``_within``), each about as fast as
    ``bytes.count``."""
    if not xml.startswith(_DECLARATION) or _opens(xml, b"!", 0) or _opens(xml, b"?", len(_DECLARATION) - 1):
        return None
    names = _table_names(xml)
    extra = _extra_positions(xml) if names is not None else None
    if names is None or extra is None:
        return None
    if not _within(xml, extra, max_area):
        return None
    tables = {html.unescape(n.decode("utf-8", "replace")): "" for n in names}
    if len({n.casefold() for n in tables}) < len(names):  # two tables of one name: the parser says which
        return None
    return tables


def _within(xml: bytes, extra: tuple[int, int], max_area: int) -> bool:
    """Whether (rows + extra rows) x (cells + extra columns) is at most ``max_area``, the rows and cells
    counted as the words ``table-row`` and ``table-cell``. Both words begin with ``table-``: the rows and
    cells are at most its count W together, and a product of two parts of a sum is at most its half
    squared; one count, and the two only when that first bound does not suffice."""
    rows_more, cols_more = extra
    if (xml.count(b"table-") + rows_more + cols_more) ** 2 <= 4 * max_area:
        return True
    return (xml.count(b"table-row") + rows_more) * (xml.count(b"table-cell") + cols_more) <= max_area


def _table_names(xml: bytes) -> list[bytes] | None:
    """The names of the tables, in their order; None when a ``<table:table `` does not begin with its name
    (a table spelled otherwise than LibreOffice does)."""
    names: list[bytes] = []
    find, named = xml.find, _TABLE_NAME.match
    at = find(_TABLE_START)
    while at >= 0:
        m = named(xml, at)
        if m is None:
            return None
        names.append(m.group(1))
        at = find(_TABLE_START, at + len(_TABLE_START))
    return names


def _opens(xml: bytes, mark: bytes, start: int) -> bool:
    """Whether ``<`` followed by ``mark`` (one byte) occurs in ``xml`` from ``start``: the rare byte looked for
    first (a search for ``<`` and it together stops at every tag), the pair only past a few of them."""
    at = xml.find(mark, start + 1)
    for _ in range(16):
        if at < 0:
            return False
        if xml[at - 1] == 60:  # "<"
            return True
        at = xml.find(mark, at + 1)
    return xml.find(b"<" + mark, start) >= 0


def _extra_positions(xml: bytes) -> tuple[int, int] | None:
    """The rows and columns the repeats of the part add (each repeat N adds N - 1), but LibreOffice's empty
    endings; None when a ``-repeated`` is spelled otherwise than ``number-rows-repeated="N"`` or
    ``number-columns-repeated="N"`` inside a tag, or is on an element other than a row, a cell or a column
    definition. Each tag (up to the repeat) is classified once: a report's few hundred repeats are a few
    dozen tags."""
    extra_rows = extra_cols = 0
    rfind, follows = xml.rfind, xml.startswith
    kinds: dict[bytes, str | None] = {}
    for m in _REPEATS.finditer(xml):
        count, start = m[1], m.start()
        lt = rfind(b"<", 0, start)
        head = xml[lt:start]  # the tag up to its attribute's name
        kind = kinds.get(head, "")
        if kind == "":  # a tag not seen before
            kind = kinds[head] = _repeat_kind(head)
        if count is None or kind is None:
            return None  # another spelling, or not a repeat of a row, a cell or a column
        if kind == _EMPTY:  # an empty cell: none when it ends its row
            extra_cols += 0 if follows(_ROW_END, m.end()) else max(int(count) - 1, 0)
        elif kind == _COLUMNS:
            extra_cols += max(int(count) - 1, 0)
        elif kind == _ROWS:
            extra_rows += 0 if _ends_table(xml, lt) else max(int(count) - 1, 0)
    return extra_rows, extra_cols


_EMPTY, _COLUMNS, _ROWS, _NONE = "empty cell", "columns", "rows", "no cell"
#: an empty cell's tag up to its repeat, as LibreOffice writes the cells that end a row (then ``_ROW_END``)
_EMPTY_HEAD = re.compile(rb"<table:table-cell" + _STYLE + rb" table:number-columns")
_ROW_END = b"/></table:table-row>"


def _repeat_kind(head: bytes) -> str | None:
    """What the repeat whose tag up to it is ``head`` repeats: an empty cell (``_EMPTY``, none when it ends
    its row), cells (``_COLUMNS``), rows (``_ROWS``), a column's definition (``_NONE``: it places no cell);
    None for anything else (outside a tag, another attribute, another element)."""
    if b">" in head:
        return None
    if head.endswith(b"number-columns"):
        if head.startswith(_CELL_TAGS):
            return _EMPTY if _EMPTY_HEAD.fullmatch(head) else _COLUMNS
        return _NONE if head.startswith(_COLUMN_TAG) else None
    if not head.endswith(b"number-rows"):
        return None
    if head.startswith(_ROW_TAG):
        return _ROWS
    return _NONE if head.startswith(_COLUMN_TAG) else None


def _ends_table(xml: bytes, at: int) -> bool:
    """Whether the row at ``at`` and all after it to the end of its table are empty rows."""
    rows = _EMPTY_ROWS.match(xml, at)
    end = xml.find(b"</table:table>", rows.end()) if rows is not None else -1
    if rows is None or end < 0:
        return False
    tail = xml[rows.end():end]  # named ranges, conditional formats: no row, no cell, no table
    return b"table-row" not in tail and b"table-cell" not in tail and b"<table:table " not in tail
