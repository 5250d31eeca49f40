"""The rows of a summary's long sheets (明细, 状态, 文件) written as the XML XlsxWriter writes for them, a
row at a time.

XlsxWriter spends some ten microseconds on each cell (a call, a tuple in its row table, the checks of
``write_number``, then the element written when the next row starts): for 10,000 offices of two hundred
figures, most of a merge's serial tail. On a streamed sheet (``stream_rows``) XlsxWriter keeps
one row in its table and writes it to the row file when the next begins; ``write_rows`` writes each row
of numbers and strings to that file itself, with the elements, attributes and escapes XlsxWriter would
write (its escapes for the strings; a number as ``<c r=".." s=".."><v>{:.16G}</v></c>``, its format),
the formats' indices taken in the order it would take them, and the sheet's dimensions and row state
left as XlsxWriter would leave them. The file is the same, byte for byte (tests/test_summary.py compares
the two on real merges). A row where anything is unusual (its own format or comments, a string beyond
Excel's limit, a sheet not streamed, another XlsxWriter) is written cell by cell, through XlsxWriter; a
row of its own height (``set_row`` with no format: 状态 and 文件 fit a row to its wrapped texts) is written
raw, its ``<row>`` element with that height as XlsxWriter writes it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from nianbao.files import temp_file

__all__ = ["STREAM_ATTRIBUTES", "remove_row_files", "stream_rows", "write_rows"]

_EXACT = 2**53  # ints below it (in magnitude): ``format(v, ".16G") == str(v)``

#: the XlsxWriter internals used here (checked against XlsxWriter 3.3.1)
INTERNALS = ("constant_memory", "previous_row", "table", "row_info", "comments", "xls_strmax", "fh",
             "_write_single_row", "_write_row", "_xml_end_tag", "_escape_control_characters", "_escape_data",
             "_check_dimensions")


#: what ``stream_rows`` relies on in XlsxWriter's Worksheet (checked against XlsxWriter 3.3.1's
#: ``Worksheet._initialize``, which sets these up when the workbook option ``constant_memory`` is on)
STREAM_ATTRIBUTES = ("constant_memory", "row_data_fh", "row_data_filename", "row_data_fh_closed", "tmpdir", "fh",
                     "table", "previous_row", "_write_single_row", "_opt_close", "_opt_reopen",
                     "_write_optimized_sheet_data")


def stream_rows(ws: Worksheet) -> bool:
    """Let ``ws`` keep one row in memory at a time, as XlsxWriter's ``constant_memory`` does for a whole
    workbook (which the official tables, written out of row order, cannot use). The detail sheet of
    10,000 offices is two million cells: several hundred MB held otherwise. Rows must then be written
    in order. XlsxWriter has no public per-sheet switch, so this does what ``Worksheet._initialize``
    does for ``constant_memory``; when those internals are not there (another XlsxWriter), it does
    nothing and the sheet is simply kept in memory (the same file, more memory). True when streaming.
    tests/test_summary.py fails when the internals change."""
    if not all(hasattr(ws, a) for a in STREAM_ATTRIBUTES) or ws.constant_memory or ws.table:
        return False
    name = str(temp_file(Path(ws.tmpdir) if ws.tmpdir else None, "detail"))
    ws.row_data_filename = name
    ws.row_data_fh = open(name, mode="w+", encoding="utf-8")  # XlsxWriter closes and removes it
    ws.row_data_fh_closed = False
    ws.fh = ws.row_data_fh
    ws.constant_memory = True
    return True


def remove_row_files(workbooks: Sequence[xlsxwriter.Workbook]) -> None:
    """The streamed sheets' temporary files: XlsxWriter removes them on closing the workbook, which a
    failure half-way never reaches."""
    for wb in workbooks:
        for ws in wb.worksheets():
            name = getattr(ws, "row_data_filename", None)
            if not name:
                continue
            if not getattr(ws, "row_data_fh_closed", True):
                ws.row_data_fh.close()
                ws.row_data_fh_closed = True
            Path(name).unlink(missing_ok=True)



def write_rows(ws: Worksheet, first: int, formats: Sequence[Any], rows: Iterable[Sequence[Any]], *,
               numbers_from: int | None = None) -> int:
    """Write ``rows`` (each the values of a row from column 0: str, int, float, or None for a blank cell
    with its format; column j in ``formats[j]``)
    at rows ``first``, ``first + 1``, … of ``ws``, one at a time (``rows`` may be a generator: nothing is
    kept); the number of rows written. A row that needs XlsxWriter's own hand (see the module's
    docstring) is written cell by cell, through XlsxWriter. ``numbers_from``: the column from which a row
    usually holds only numbers; they are then written by one prepared template a row (any row where they
    are not all int or finite float takes the cell by cell way)."""
    raw = all(hasattr(ws, a) for a in INTERNALS) and ws.constant_memory and None not in formats
    preserve = _preserve_whitespace() if raw else None
    columns = _Columns(formats, numbers_from)
    n = 0
    for n, row in enumerate(rows, start=1):
        r = first + n - 1
        text = _row_xml(ws, r, row, columns, preserve) if preserve is not None else None
        if text is not None:
            _write_raw(ws, r, len(row), text)
            continue
        for col, value in enumerate(row):
            if value is None:
                ws.write_blank(r, col, None, formats[col])
            elif isinstance(value, str):
                ws.write_string(r, col, value, formats[col])
            else:
                ws.write_number(r, col, value, formats[col])
    return n


class _Columns:
    """What a cell's XML takes from its column: ``<c r="`` and the column's letters; its format's index,
    taken from the format the first time a cell of the column is written (when XlsxWriter would take it:
    a format keeps its index once it has one)."""

    def __init__(self, formats: Sequence[Any], numbers_from: int | None) -> None:
        self.formats = formats
        self.heads = [f'<c r="{xl_col_to_name(c)}' for c in range(len(formats))]
        self.styles: list[str] = [""] * len(formats)
        self.numbers_from = numbers_from
        self.templates: dict[tuple[int, str], str] = {}  # (cells from ``numbers_from``, their kind) -> template

    def style(self, col: int) -> str:
        self.styles[col] = f'" s="{self.formats[col]._get_xf_index()}"'
        return self.styles[col]

    def all_numbers(self, row: Sequence[Any]) -> str:
        """How the cells of ``row`` from ``numbers_from`` on are all numbers: "whole" (ints that ``{:.16G}``
        writes in full, as ``str`` does: below 2**53 a float holds them exactly, in at most 16 digits),
        "number" (int or finite float), "" (not all of them)."""
        k = self.numbers_from
        if k is None or len(row) <= k:
            return ""
        tail = row[k:]
        kinds = set(map(type, tail))
        if kinds <= {int}:
            return "whole" if -_EXACT < min(tail) and max(tail) < _EXACT else "number"
        return "number" if kinds <= {int, float} and all(map(math.isfinite, tail)) else ""

    def numbers(self, n: str, row: Sequence[Any], kind: str) -> str:
        """The cells of ``row`` from ``numbers_from`` on (``all_numbers``: of ``kind``) as ``_row_xml`` writes
        them one by one, formatted by one template."""
        k = self.numbers_from
        assert k is not None
        tail = row[k:]
        template = self.templates.get((len(tail), kind))
        if template is None:  # the styles taken column after column, as the cells would take them
            styles = [self.styles[c] or self.style(c) for c in range(k, len(row))]
            spec = "" if kind == "whole" else ":.16G"
            template = self.templates[len(tail), kind] = "".join(
                f"{self.heads[c]}{{0}}{st}><v>{{{c - k + 1}{spec}}}</v></c>" for c, st in zip(range(k, len(row)),
                                                                                        styles, strict=True))
        return template.format(n, *tail)


def _row_xml(ws: Worksheet, r: int, row: Sequence[Any], columns: _Columns, preserve: Any) -> str | None:
    """The cells of row ``r`` as XlsxWriter writes them; None when the row must be written cell by cell:
    something at or below it written already, a format or comments of its own, a string beyond Excel's
    limit or that looks like a rich string, a value not a str, int or finite float."""
    if not _may_be_raw(ws, r, row, columns):
        return None
    if r > ws.previous_row:  # the row above written first, as when a cell of row r arrives: its formats take
        ws._write_single_row(r)  # their indices before this row's (a header row's, above the first data row)
    n = str(r + 1)
    heads, styles = columns.heads, columns.styles
    parts = []
    numbers = columns.all_numbers(row)
    for col, value in enumerate(row[:columns.numbers_from] if numbers else row):
        kind = type(value)
        xf = styles[col] or columns.style(col)  # indices taken in the order XlsxWriter takes them
        if kind is int or (kind is float and math.isfinite(value)):
            parts.append(f"{heads[col]}{n}{xf}><v>{value:.16G}</v></c>")
        elif value is None:  # a blank cell with its format, as write_blank (and write_row, for "") writes it
            parts.append(f"{heads[col]}{n}{xf}/>")
        else:
            text = _string_xml(ws, value, preserve) if kind is str else None
            if text is None:
                return None
            parts.append(f"{heads[col]}{n}{xf}{text}")
    if numbers:  # after the cells before them: their formats' indices taken in XlsxWriter's order
        parts.append(columns.numbers(n, row, numbers))
    return "".join(parts)


def _may_be_raw(ws: Worksheet, r: int, row: Sequence[Any], columns: _Columns) -> bool:
    """Whether row ``r`` may be written raw: cells to write, nothing at or below it written already, no
    format or comments of its own."""
    return bool(row) and len(row) <= len(columns.formats) and r >= ws.previous_row and not _own_format(ws, r) \
        and r not in ws.comments and not any(k >= r for k in ws.table)


def _string_xml(ws: Worksheet, value: str, preserve: Any) -> str | None:
    """The end of a string cell's XML after its style, with XlsxWriter's escapes; None for a string beyond
    Excel's limit or that looks like a rich string (left to XlsxWriter)."""
    if _plain(value):  # nothing to escape (most texts): XlsxWriter's escapes would leave it as it is
        space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
        return f' t="inlineStr"><is><t{space}>{value}</t></is></c>'
    if len(value) > ws.xls_strmax // 2:
        return None
    string = ws._escape_control_characters(value)
    if string.startswith("<r>") and string.endswith("</r>"):
        return None
    space = ' xml:space="preserve"' if preserve(string) else ""
    return f' t="inlineStr"><is><t{space}>{ws._escape_data(string)}</t></is></c>'


def _plain(text: str) -> bool:
    """Whether XlsxWriter's escapes (``_escape_control_characters``, ``_escape_data``) leave ``text`` as it
    is, and it cannot look like a rich string: no character that is not printable (control characters,
    U+FFFE, U+FFFF, line breaks: those take the full way), no ``_x`` (an ``_xHHHH_`` escaped again), no
    ``&``, ``<``, ``>``; and short enough (at most 8,000 characters: far below Excel's limit, which the
    full way checks). The test for whitespace to preserve is then ``str.isspace`` at either end, which is
    what XlsxWriter's ``^\\s`` / ``\\s$`` match."""
    return len(text) <= 8000 and text.isprintable() and "_x" not in text and "&" not in text and "<" not in text \
        and ">" not in text


def _own_format(ws: Worksheet, r: int) -> bool:
    """Whether row ``r`` has a format of its own (``set_row`` with one): its index would be taken before its
    cells', so the row is left to XlsxWriter. A height alone is written raw (``_write_raw``)."""
    info = ws.row_info.get(r)
    return info is not None and getattr(info, "row_format", True) is not None


def _write_raw(ws: Worksheet, r: int, ncols: int, cells: str) -> None:
    """Row ``r``, its cells' XML made, written to the streamed sheet's row file as XlsxWriter writes it."""
    ws._check_dimensions(r, 0)  # the row above is written (``_row_xml``)
    ws._check_dimensions(r, ncols - 1)
    # with its height, if it has one, as _write_single_row does; the height then done with (streamed, the
    # row's properties serve only to write it: left there, the row would be written again, empty, as the
    # row above when the next row begins)
    ws._write_row(r, None, ws.row_info.pop(r, None))
    ws.fh.write(cells)
    ws._xml_end_tag("row")
    ws.previous_row = r  # as after the row's cells arrived, with the row already written
    ws.table.clear()


def _preserve_whitespace() -> Any:
    """XlsxWriter's test for a string whose whitespace must be preserved (None when it has none)."""
    import xlsxwriter.worksheet as xw

    return getattr(xw, "_preserve_whitespace", None)
