"""The rows of a summary's 明细 sheet written as the XML XlsxWriter writes for them, a row at a time.

XlsxWriter spends some ten microseconds on each cell (a call, a tuple in its row table, the checks of
``write_number``, then the element written when the next row starts): for 10,000 offices of two hundred
figures, most of a merge's serial tail. On a streamed sheet (``stream_rows``) XlsxWriter keeps
one row in its table and writes it to the row file when the next begins; ``write_rows`` writes each row
of numbers and strings to that file itself, with the elements, attributes and escapes XlsxWriter would
write (its escapes for the strings; a number as ``<c r=".." s=".."><v>{:.16G}</v></c>``, its format),
the formats' indices taken in the order it would take them, and the sheet's dimensions and row state
left as XlsxWriter would leave them. The file is the same, byte for byte (tests/test_summary.py compares
the two on real merges). A row where anything is unusual (its own format or comments, a string beyond
Excel's limit, a sheet not streamed, another XlsxWriter) is written cell by cell, through XlsxWriter.
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
    """Write ``rows`` (each the values of a row from column 0: str, int or float; column j in ``formats[j]``)
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
            if isinstance(value, str):
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
        self.templates: dict[int, str] = {}  # the number of cells from ``numbers_from`` -> their template

    def style(self, col: int) -> str:
        self.styles[col] = f'" s="{self.formats[col]._get_xf_index()}"'
        return self.styles[col]

    def all_numbers(self, row: Sequence[Any]) -> bool:
        """Whether the cells of ``row`` from ``numbers_from`` on are all int or finite float."""
        k = self.numbers_from
        if k is None or len(row) <= k:
            return False
        kinds = set(map(type, row[k:]))
        return kinds <= {int} or (kinds <= {int, float} and all(map(math.isfinite, row[k:])))

    def numbers(self, n: str, row: Sequence[Any]) -> str:
        """The cells of ``row`` from ``numbers_from`` on (``all_numbers``) as ``_row_xml`` writes them one
        by one, formatted by one template."""
        k = self.numbers_from
        assert k is not None
        tail = row[k:]
        template = self.templates.get(len(tail))
        if template is None:  # the styles taken column after column, as the cells would take them
            styles = [self.styles[c] or self.style(c) for c in range(k, len(row))]
            template = self.templates[len(tail)] = "".join(
                f"{self.heads[c]}{{0}}{st}><v>{{{c - k + 1}:.16G}}</v></c>" for c, st in zip(range(k, len(row)),
                                                                                        styles, strict=True))
        return template.format(n, *tail)


def _row_xml(ws: Worksheet, r: int, row: Sequence[Any], columns: _Columns, preserve: Any) -> str | None:
    """The cells of row ``r`` as XlsxWriter writes them; None when the row must be written cell by cell:
    something at or below it written already, a format or comments of its own, a string beyond Excel's
    limit or that looks like a rich string, a value not a str, int or finite float."""
    if not row or len(row) > len(columns.formats) or r < ws.previous_row or r in ws.row_info or r in ws.comments \
            or any(k >= r for k in ws.table):
        return None
    n, half = str(r + 1), ws.xls_strmax // 2
    heads, styles = columns.heads, columns.styles
    parts = []
    numbers = columns.all_numbers(row)
    for col, value in enumerate(row[:columns.numbers_from] if numbers else row):
        kind = type(value)
        xf = styles[col] or columns.style(col)  # indices taken in the order XlsxWriter takes them
        if kind is int or (kind is float and math.isfinite(value)):
            parts.append(f"{heads[col]}{n}{xf}><v>{value:.16G}</v></c>")
        elif kind is str and len(value) <= half:
            string = ws._escape_control_characters(value)
            if string.startswith("<r>") and string.endswith("</r>"):
                return None
            space = ' xml:space="preserve"' if preserve(string) else ""
            parts.append(f'{heads[col]}{n}{xf} t="inlineStr"><is><t{space}>{ws._escape_data(string)}</t></is></c>')
        else:
            return None
    if numbers:  # after the cells before them: their formats' indices taken in XlsxWriter's order
        parts.append(columns.numbers(n, row))
    return "".join(parts)


def _write_raw(ws: Worksheet, r: int, ncols: int, cells: str) -> None:
    """Row ``r``, its cells' XML made, written to the streamed sheet's row file as XlsxWriter writes it."""
    if r > ws.previous_row:
        ws._write_single_row(r)  # the row above, as XlsxWriter writes it when a cell of row r arrives
    ws._check_dimensions(r, 0)
    ws._check_dimensions(r, ncols - 1)
    ws._write_row(r, None)
    ws.fh.write(cells)
    ws._xml_end_tag("row")
    ws.previous_row = r  # as after the row's cells arrived, with the row already written
    ws.table.clear()


def _preserve_whitespace() -> Any:
    """XlsxWriter's test for a string whose whitespace must be preserved (None when it has none)."""
    import xlsxwriter.worksheet as xw

    return getattr(xw, "_preserve_whitespace", None)
