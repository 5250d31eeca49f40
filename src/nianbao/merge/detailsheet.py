"""The summary workbook's 明细 sheet: one row per included report (number, the fixed columns, every data
cell), its header rows, the 合计 row of SUM formulas under them, its print setup.

The sheet is streamed (``detailxml.stream_rows``: a row at a time to a temporary file) and its data rows
written as raw XML (``detailxml.write_rows``), each report's values computed once (``MergeResult.detail_values``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from nianbao.form.sheets import DETAIL_FIRST_ROW, DETAIL_FIXED, DETAIL_HEADER_ROWS, DETAIL_SHEET, TOTAL_LABEL
from nianbao.form.spec import CellSpec, LayoutSpec, to_a1
from nianbao.merge.detailxml import stream_rows, write_rows
from nianbao.merge.export import FIXED_KEYS, detail_fixed, errors_warning, xl_number
from nianbao.merge.outcome import MergeResult
from nianbao.merge.sheetstyle import Styles, colour_statuses, print_setup
from nianbao.wording import merge as words

__all__ = ["DETAIL_PRINT_SCALE", "DETAIL_WIDTHS", "write_detail", "write_runs"]

#: the widths of 明细's fixed columns (DETAIL_FIXED)
DETAIL_WIDTHS = (6, 28, 12, 10, 12, 24, 10, 14, 12, 20)
DETAIL_PRINT_SCALE = 60  # per cent: 明细 printed about 20 figures a page


def write_detail(wb: xlsxwriter.Workbook, s: Styles, result: MergeResult, cells: Sequence[CellSpec]) -> None:
    ws = wb.add_worksheet(DETAIL_SHEET)
    stream_rows(ws)  # from here on, every row is written after the one above it
    nfix = len(DETAIL_FIXED)
    for j, width in enumerate(DETAIL_WIDTHS):
        ws.set_column(j, j, width)
    ws.set_column(nfix, nfix + len(cells) - 1, 12)
    title = words.DETAIL_TITLE.format(name=result.name)
    if result.included_with_errors:
        ws.write_string(0, 0, f"{title}　{errors_warning(result)}", s.warn)
    else:
        ws.write_string(0, 0, title, s.title)
    _write_detail_headers(ws, s, result.layout, cells)
    amount_cols = {i for i, c in enumerate(cells) if c.kind.value == "amount"}
    first = DETAIL_FIRST_ROW
    _write_detail_rows(ws, s, result, amount_cols)
    total_row = first + len(result.rows)
    _write_detail_total(ws, s, result, cells, amount_cols, total_row)
    colour_statuses(ws, s, first, total_row - 1, 1 + FIXED_KEYS.index("status"))  # DETAIL_FIXED: 序号, FIXED_KEYS
    ws.freeze_panes(first, 2)
    # far too wide for one page (a column per figure): at a scale still legible, across pages, with
    # the office's number and name and the header rows on every page
    print_setup(ws, header_row=first - 1, first_header_row=1, columns=(0, 1), scale=DETAIL_PRINT_SCALE,
                 area=(0, 0, total_row, nfix + len(cells) - 1))


def _write_detail_headers(ws: Worksheet, s: Styles, layout: LayoutSpec, cells: Sequence[CellSpec]) -> None:
    """The detail sheet's header rows: table (merged over its columns), row label (merged over runs),
    column label, position; the fixed columns' headings sit on the last header row, right above the data."""
    nfix = len(DETAIL_FIXED)
    sheets = [layout.a1(c.key) for c in cells]
    rows = [f"{c.row_group} {c.row_label}".strip() for c in cells]
    cols = [_detail_col_label(c) for c in cells]
    last_header = len(DETAIL_HEADER_ROWS)
    for r, name in enumerate(DETAIL_HEADER_ROWS, start=1):
        ws.set_row(r, {2: 60, 3: 30}.get(r, 15))
        ws.write_row(r, 0, DETAIL_FIXED if r == last_header else [""] * (nfix - 1) + [name], s.header)
        if r == 1:  # left-aligned: a table's name stays in view at the start of its wide run
            write_runs(ws, r, nfix, [sh for sh, _ in sheets], s.header_left)
        elif r == 2:
            write_runs(ws, r, nfix, [f"{sh}|{x}" for (sh, _), x in zip(sheets, rows, strict=True)], s.header,
                        strip_prefix=True)
        elif r == 3:
            ws.write_row(r, nfix, cols, s.header)
        else:
            ws.write_row(r, nfix, [f"{sh}!{a1}" for sh, a1 in sheets], s.header)


def _detail_col_label(c: CellSpec) -> str:
    """A data cell's column heading in 明细: its column label, after its group's when it has one."""
    return c.col_label if not c.col_group or c.col_group == c.col_label else f"{c.col_group}·{c.col_label}"


def _write_detail_rows(ws: Worksheet, s: Styles, result: MergeResult, amount_cols: set[int]) -> None:
    """One row per included report, in order, each made when it is written (the sheet is streamed): number,
    the fixed columns, the data (``detailxml``: as XlsxWriter writes them, without its per-cell cost)."""
    fixed = detail_fixed(result)
    ncells = len(result.detail_values[0]) if result.detail_values else 0
    formats = [s.count, *[s.text] * len(DETAIL_FIXED[1:]),
               *(s.amount if j in amount_cols else s.count for j in range(ncells))]
    rows = ([i + 1, *map(str, head), *[v if type(v) is int else xl_number(v) for v in values]]
            for i, (head, values) in enumerate(zip(fixed, result.detail_values, strict=True)))
    write_rows(ws, DETAIL_FIRST_ROW, formats, rows, numbers_from=len(DETAIL_FIXED))


def _write_detail_total(ws: Worksheet, s: Styles, result: MergeResult, cells: Sequence[CellSpec],
                        amount_cols: set[int], total_row: int) -> None:
    """The 合计 row under the data: a SUM over each column, the summary's value cached (a plain number
    when no report is included)."""
    nfix = len(DETAIL_FIXED)
    first = DETAIL_FIRST_ROW
    ws.merge_range(total_row, 0, total_row, nfix - 1, TOTAL_LABEL, s.total_label)
    summary_values = result.report.values
    for j, c in enumerate(cells):
        col = nfix + j
        letter = to_a1(0, col)[:-1]
        fmt = s.total_amount if j in amount_cols else s.total
        cached = xl_number(summary_values[c.key])
        if total_row > first:
            ws.write_formula(total_row, col, f"=SUM({letter}{first + 1}:{letter}{total_row})", fmt, cached)
        else:
            ws.write_number(total_row, col, cached, fmt)


def write_runs(ws: Worksheet, row: int, col0: int, texts: Sequence[str], fmt: Any, *,
                strip_prefix: bool = False) -> None:
    """Write ``texts`` along a row, merging runs of equal neighbours into one cell."""
    i = 0
    while i < len(texts):
        j = i
        while j + 1 < len(texts) and texts[j + 1] == texts[i]:
            j += 1
        text = texts[i].split("|", 1)[1] if strip_prefix else texts[i]
        if j > i:
            ws.merge_range(row, col0 + i, row, col0 + j, text, fmt)
        else:
            ws.write_string(row, col0 + i, text, fmt)
        i = j + 1

