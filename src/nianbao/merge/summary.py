"""The summary workbook of a merge, and its machine-readable forms (CSV, JSON).

The workbook is a nianbao template (``template.build_workbook``) at level 汇总: the official tables
hold the totals as formulas over the 明细 sheet, with their computed values cached, so that every
reader sees the numbers without recalculating and ``nianbao check`` / ``merge`` accept it as a report.
Beside them: 明细 (one row per included report, one column per data cell), 状态 (who submitted),
文件 (every input file and what became of it), 问题 (every finding) and 图表 (native charts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from nianbao.files import temp_file, write_atomic
from nianbao.form.findings import CATALOGUE, SEVERITY_ZH, Finding
from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_WARN
from nianbao.form.sheets import (
    CHARTS_SHEET,
    DETAIL_FIRST_ROW,
    DETAIL_FIXED,
    DETAIL_HEADER_ROWS,
    DETAIL_SHEET,
    FILES_SHEET,
    LEVEL_SUMMARY,
    STATUS_SHEET,
    TOTAL_LABEL,
    wrapped_lines,
)
from nianbao.form.sheets import SUMMARY_ISSUES_SHEET as ISSUES_SHEET
from nianbao.form.spec import CellSpec, LayoutSpec, to_a1
from nianbao.merge.detailxml import write_rows
from nianbao.merge.export import (  # noqa: F401  (the machine-readable forms, as they were imported from here)
    CONTACT_HEADER,
    FIXED_KEYS,
    STATUS_HEADER,
    cell_heading,
    console_findings,
    csv_text,
    detail_csv,
    detail_fixed,
    detail_frame,
    errors_warning,
    overview_line,
    result_json,
    status_csv,
    status_csv_path,
    status_lines,
    status_notes,
    write_csv,
    xl_number,
)
from nianbao.merge.outcome import (
    NO,
    STATUS_MISSING,
    STATUS_NOT_COUNTED,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    YES,
    MergeResult,
    Status,
    detail_cells,
)
from nianbao.template import build_workbook

TOP_OFFICES = 30  # the chart of applications per office shows at most this many

FILES_HEADER = ("序号", "文件", "单位名称", "所属县", "报告年度", "格式", "处理结果", "状态", "错误数", "警告数", "说明",
                "填报日期", "收到时间")
ISSUES_HEADER = ("序号", "文件", "单位名称", "级别", "代码", "工作表", "单元格", "行", "列", "说明", "怎么改")

#: the widths of 明细's fixed columns (DETAIL_FIXED)
DETAIL_WIDTHS = (6, 28, 12, 10, 12, 24, 10, 14, 12, 16)
DETAIL_PRINT_SCALE = 60  # per cent: 明细 printed about 20 figures a page

FONT = "宋体"
STATUS_FILLS = {
    SUBMITTED_STATUS[STATUS_OK]: "#C6EFCE",
    SUBMITTED_STATUS[STATUS_WARN]: "#FFEB9C",
    SUBMITTED_STATUS[STATUS_ERROR]: "#FFC7CE",
    STATUS_MISSING: "#D9D9D9",
    STATUS_NOT_COUNTED: "#F8CBAD",
    STATUS_OFF_ROSTER: "#DDEBF7",
    Status.UNREADABLE: "#FFC7CE",
}


# == the workbook ====================================================================================
def build_summary(result: MergeResult) -> bytes:
    """The bytes of the summary workbook of ``result``."""
    layout = result.layout
    cells = detail_cells(layout)
    n = len(result.rows)
    col_of = {c.key: len(DETAIL_FIXED) + i for i, c in enumerate(cells)}
    formulas: dict[str, str] = {}
    if n:
        first, last = DETAIL_FIRST_ROW + 1, DETAIL_FIRST_ROW + n  # 1-based rows of the data
        for spec in layout.inputs:
            letter = to_a1(0, col_of[spec.key])[:-1]
            formulas[spec.key] = f"=SUM('{DETAIL_SHEET}'!{letter}{first}:{letter}{last})"

    made: list[xlsxwriter.Workbook] = []

    def extend(wb: xlsxwriter.Workbook) -> None:
        made.append(wb)
        for ws in wb.worksheets():  # the template's sheets: their input shading is no part of a summary's print
            ws.print_black_and_white()
        styles = _Styles(wb)
        _write_status(wb, styles, result)
        _write_detail(wb, styles, result, cells)
        _write_files(wb, styles, result)
        _write_issues(wb, styles, result)
        _write_charts(wb, styles, result, n)

    # offices whose reports had errors, here or in the summaries summed here: said again when read back
    with_errors = [e.office for e in result.included_with_errors]
    with_errors += [o for e in result.rows for o in e.result.extra.get("with_errors", ())]
    try:
        return build_workbook(layout, report=result.report, level=LEVEL_SUMMARY, included=result.report.included,
                              input_formulas=formulas, with_errors=tuple(dict.fromkeys(with_errors)), extend=extend)
    finally:
        _remove_row_files(made)


def _remove_row_files(workbooks: Sequence[xlsxwriter.Workbook]) -> None:
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


def write_summary(path: Path, result: MergeResult, *, force: bool = False) -> Path:
    """Write the summary workbook atomically; an existing file is kept unless ``force``."""
    data = build_summary(result)
    return write_atomic(Path(path), lambda p: p.write_bytes(data), force=force)


class _Styles:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.line = wb.add_format({**base, "font_size": 11})
        self.warn = wb.add_format({**base, "font_size": 11, "bold": True, "font_color": "#9C0006"})
        self.header = wb.add_format({**cell, "bold": True, "align": "center", "text_wrap": True,
                                     "bg_color": "#D9E1F2"})
        self.text = wb.add_format({**cell, "align": "left"})
        self.wrap = wb.add_format({**cell, "align": "left", "text_wrap": True})
        self.count = wb.add_format({**cell, "align": "center", "num_format": "0"})
        self.amount = wb.add_format({**cell, "align": "center", "num_format": "0.00##"})
        self.total_label = wb.add_format({**cell, "bold": True, "align": "center", "bg_color": "#E7E6E6"})
        self.total = wb.add_format({**cell, "bold": True, "align": "center", "num_format": "0",
                                    "bg_color": "#E7E6E6"})
        self.total_amount = wb.add_format({**cell, "bold": True, "align": "center", "num_format": "0.00##",
                                           "bg_color": "#E7E6E6"})
        self.header_left = wb.add_format({**cell, "bold": True, "align": "left", "bg_color": "#D9E1F2"})
        self.fills = {status: wb.add_format({"bg_color": colour}) for status, colour in STATUS_FILLS.items()}


def _colour_statuses(ws: Worksheet, styles: _Styles, first: int, last: int, col: int) -> None:
    if last < first:
        return
    for status, fmt in styles.fills.items():
        ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==", "value": f'"{status}"',
                                                      "format": fmt})


def _write_status(wb: xlsxwriter.Workbook, s: _Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(STATUS_SHEET)
    errors = result.included_with_errors
    if errors:
        ws.set_tab_color("#C00000")  # the sum includes reports with errors: seen before the sheet is opened
    widths = (6, 30, 14, 14, 14, 36, 8, 8, 70, 10, 10, 14, 12, 16)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    year = result.year or ""
    ws.write_string(0, 0, f"{result.name} {year} 年度政府信息公开工作年度报告汇总：提交情况", s.title)
    ws.write_string(1, 0, overview_line(result), s.line)
    row = 2
    warning = errors_warning(result)
    if warning:
        ws.write_string(row, 0, warning, s.warn)
        row += 1
    if result.exclude_errors:
        ws.write_string(row, 0, "本汇总按要求没有计入有错误的报告。", s.line)
        row += 1
    off_roster = sum(st.status == STATUS_OFF_ROSTER for st in result.statuses)
    if off_roster:
        ws.write_string(row, 0, f"注意：{off_roster} 份报告的单位不在名单中，未计入汇总（见下表“名单外”各行）。", s.warn)
        row += 1
    row += 1
    ws.write_row(row, 0, (*STATUS_HEADER, *CONTACT_HEADER), s.header)
    first = row + 1
    for i, st in enumerate(result.statuses):
        r = first + i
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, st.office, s.text)
        ws.write_string(r, 2, st.category, s.text)
        ws.write_string(r, 3, st.status, s.text)
        ws.write_string(r, 4, YES if st.included else NO, s.text)
        ws.write_string(r, 5, "、".join(st.files), s.wrap)  # wrapped: printed whole, not cut at the border
        ws.write_number(r, 6, st.errors, s.count)
        ws.write_number(r, 7, st.warnings, s.count)
        ws.write_string(r, 8, st.note, s.wrap)
        ws.write_row(r, 9, (st.county, st.preparer, st.phone, st.date, st.received), s.text)
        _fit_row(ws, r, {5: "、".join(st.files), 8: st.note}, widths)
    last = first + len(result.statuses) - 1
    _colour_statuses(ws, s, first, last, 3)
    ws.autofilter(row, 0, max(row, last), len(STATUS_HEADER) + len(CONTACT_HEADER) - 1)
    ws.freeze_panes(first, 2)
    # how the summary was made: who is summed (the same words as the CLI help)
    notes = max(row, last) + 2
    ws.write_string(notes, 0, "说明：", s.line)
    for i, text in enumerate(status_notes(result), start=1):
        ws.write_string(notes + i, 0, f"{i}. {text}", s.line)
    _print_setup(ws, header_row=row, area=(0, 0, notes + len(status_notes(result)), len(widths) - 1))


def _print_setup(ws: Worksheet, *, header_row: int, area: tuple[int, int, int, int],
                 first_header_row: int | None = None, columns: tuple[int, int] | None = None,
                 scale: int | None = None) -> None:
    """A4 landscape, printing ``area`` (first row, first column, last row, last column), one page wide
    (or at ``scale`` per cent, over as many pages as it takes), the header rows repeated on every page
    (and ``columns`` at the left when given)."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_area(*area)
    if scale is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(scale)
    ws.repeat_rows(header_row if first_header_row is None else first_header_row, header_row)
    if columns is not None:
        ws.repeat_columns(*columns)
    ws.set_footer(f"&L&\"{FONT}\"&9&A&C&\"{FONT}\"&9第 &P 页，共 &N 页")


#: what ``_stream_rows`` relies on in XlsxWriter's Worksheet (checked against XlsxWriter 3.3.1's
#: ``Worksheet._initialize``, which sets these up when the workbook option ``constant_memory`` is on)
STREAM_ATTRIBUTES = ("constant_memory", "row_data_fh", "row_data_filename", "row_data_fh_closed", "tmpdir", "fh",
                     "table", "previous_row", "_write_single_row", "_opt_close", "_opt_reopen",
                     "_write_optimized_sheet_data")


def _stream_rows(ws: Worksheet) -> bool:
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


def _write_detail(wb: xlsxwriter.Workbook, s: _Styles, result: MergeResult, cells: Sequence[CellSpec]) -> None:
    ws = wb.add_worksheet(DETAIL_SHEET)
    _stream_rows(ws)  # from here on, every row is written after the one above it
    nfix = len(DETAIL_FIXED)
    for j, width in enumerate(DETAIL_WIDTHS):
        ws.set_column(j, j, width)
    ws.set_column(nfix, nfix + len(cells) - 1, 12)
    title = f"明细：各单位报告的数据（每行一份报告，最后一行为合计；{result.name}汇总表中的数字由本表合计行得出）"
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
    _colour_statuses(ws, s, first, total_row - 1, DETAIL_FIXED.index("状态"))
    ws.freeze_panes(first, 2)
    # far too wide for one page (a column per figure): at a scale still legible, across pages, with
    # the office's number and name and the header rows on every page
    _print_setup(ws, header_row=first - 1, first_header_row=1, columns=(0, 1), scale=DETAIL_PRINT_SCALE,
                 area=(0, 0, total_row, nfix + len(cells) - 1))


def _write_detail_headers(ws: Worksheet, s: _Styles, layout: LayoutSpec, cells: Sequence[CellSpec]) -> None:
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
            _write_runs(ws, r, nfix, [sh for sh, _ in sheets], s.header_left)
        elif r == 2:
            _write_runs(ws, r, nfix, [f"{sh}|{x}" for (sh, _), x in zip(sheets, rows, strict=True)], s.header,
                        strip_prefix=True)
        elif r == 3:
            ws.write_row(r, nfix, cols, s.header)
        else:
            ws.write_row(r, nfix, [f"{sh}!{a1}" for sh, a1 in sheets], s.header)


def _detail_col_label(c: CellSpec) -> str:
    """A data cell's column heading in 明细: its column label, after its group's when it has one."""
    return c.col_label if not c.col_group or c.col_group == c.col_label else f"{c.col_group}·{c.col_label}"


def _write_detail_rows(ws: Worksheet, s: _Styles, result: MergeResult, amount_cols: set[int]) -> None:
    """One row per included report, in order, each made when it is written (the sheet is streamed): number,
    the fixed columns, the data (``detailxml``: as XlsxWriter writes them, without its per-cell cost)."""
    fixed = detail_fixed(result)
    ncells = len(result.detail_values[0]) if result.detail_values else 0
    formats = [s.count, *[s.text] * len(DETAIL_FIXED[1:]),
               *(s.amount if j in amount_cols else s.count for j in range(ncells))]
    rows = ([i + 1, *map(str, head), *map(xl_number, values)]
            for i, (head, values) in enumerate(zip(fixed, result.detail_values, strict=True)))
    write_rows(ws, DETAIL_FIRST_ROW, formats, rows)


def _write_detail_total(ws: Worksheet, s: _Styles, result: MergeResult, cells: Sequence[CellSpec],
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


def _write_runs(ws: Worksheet, row: int, col0: int, texts: Sequence[str], fmt: Any, *,
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


def _fit_row(ws: Worksheet, row: int, texts: dict[int, str], widths: tuple[int, ...]) -> None:
    """Give ``row`` the height its wrapped texts need (column -> text)."""
    lines = max(wrapped_lines(text, widths[col]) for col, text in texts.items())
    if lines > 1:
        ws.set_row(row, 14.5 * lines)


#: the outcome (处理结果) of a file found in a folder but not read
SKIPPED_OUTCOME = "未读取（已跳过）"


def _write_files(wb: xlsxwriter.Workbook, s: _Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(FILES_SHEET)
    widths = (6, 36, 28, 10, 8, 8, 16, 8, 8, 8, 50, 12, 16)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    total = len(result.entries) + len(result.skipped)
    ws.write_string(0, 0, f"输入的文件（共 {total} 个）及处理结果", s.title)
    ws.write_row(1, 0, FILES_HEADER, s.header)
    for i, e in enumerate(result.entries):
        r = 2 + i
        rep = e.report
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_row(r, 1, (e.name, e.office), s.wrap)  # wrapped: a long name printed whole
        ws.write_row(r, 3, (e.info("county"), str(rep.year or "") if rep else "",
                            rep.layout.format if rep else "", e.outcome, e.status), s.text)
        ws.write_number(r, 8, e.errors, s.count)
        ws.write_number(r, 9, e.warnings, s.count)
        ws.write_string(r, 10, e.note, s.wrap)
        ws.write_row(r, 11, (e.info("date"), e.received), s.text)
        _fit_row(ws, r, {1: e.name, 2: e.office, 10: e.note}, widths)
    _write_skipped(ws, s, result, widths)
    ws.autofilter(1, 0, 1 + max(1, total), len(FILES_HEADER) - 1)
    ws.freeze_panes(2, 2)
    _print_setup(ws, header_row=1, area=(0, 0, 1 + total, len(widths) - 1))


def _write_skipped(ws: Worksheet, s: _Styles, result: MergeResult, widths: tuple[int, ...]) -> None:
    """The files found but not read, below the others in 文件: each with why."""
    for i, (path, why) in enumerate(result.skipped, start=len(result.entries)):
        r = 2 + i
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, path, s.wrap)
        ws.write_string(r, 6, SKIPPED_OUTCOME, s.text)
        ws.write_string(r, 10, why, s.wrap)
        _fit_row(ws, r, {1: path, 10: why}, widths)


def _write_issues(wb: xlsxwriter.Workbook, s: _Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(ISSUES_SHEET)
    # about 210 characters wide in all: prints on A4 landscape at about 70 %, long texts wrap in their column
    widths = (5, 22, 18, 5, 17, 8, 7, 22, 12, 50, 44)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    found = result.all_findings()
    ws.write_string(0, 0, f"问题清单：各文件的全部问题（共 {len(found)} 条）", s.title)
    ws.write_row(1, 0, ISSUES_HEADER, s.header)
    shown = {e.path: e.name for e in result.entries}  # as 文件 and 状态 name it: with its folder when needed
    for i, (office, f) in enumerate(found):
        r = 2 + i
        file = shown.get(f.file) or (Path(f.file).name if f.file else "")
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_row(r, 1, (file, office), s.wrap)
        ws.write_row(r, 3, (SEVERITY_ZH[f.severity], f.code, f.sheet, f.cell), s.text)
        ws.write_row(r, 7, (f.row_label, f.col_label), s.wrap)
        ws.write_string(r, 9, f.message, s.wrap)  # wrapped: a long message stays in its column, also in print
        ws.write_string(r, 10, remedy_of(f), s.wrap)
        _fit_row(ws, r, {1: file, 2: office, 7: f.row_label, 8: f.col_label,
                         9: f.message, 10: remedy_of(f)}, widths)
    ws.autofilter(1, 0, 1 + max(1, len(found)), len(ISSUES_HEADER) - 1)
    ws.freeze_panes(2, 0)
    _print_setup(ws, header_row=1, area=(0, 0, 1 + len(found), len(widths) - 1))


def remedy_of(f: Finding) -> str:
    """What to do about finding ``f`` (怎么改, the catalogue's remedy of its code)."""
    spec = CATALOGUE.get(f.code)
    return spec.fix if spec is not None else ""


def handling_groups(layout: LayoutSpec) -> list[tuple[str, list[str]]]:
    """Table 三's handling results grouped as the form groups them: (label, keys of the 总计 column)."""
    leaves = next(r for r in layout.rules if r.code == "T3-RESULTTOTAL" and r.target.endswith(".total")).addends  # type: ignore[union-attr]
    groups: list[tuple[str, list[str]]] = []
    for key in leaves:
        spec = layout.cells[key]
        label = spec.row_group if spec.row_group and not spec.row_group.startswith("三、") else spec.row_label
        label = label.split("（区分")[0]
        if groups and groups[-1][0] == label:
            groups[-1][1].append(key)
        else:
            groups.append((label, [key]))
    return groups


def _write_charts(wb: xlsxwriter.Workbook, s: _Styles, result: MergeResult, n: int) -> None:
    layout = result.layout
    ws = wb.add_worksheet(CHARTS_SHEET)
    ws.set_paper(9)  # A4 landscape, one page wide: the tables and both charts print together
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 14)
    ws.set_column(3, 3, 30)
    ws.set_column(4, 4, 14)
    # 1. applications received per office (the busiest ones when there are many)
    key = layout.role("new_total")[0]
    at = [c.key for c in detail_cells(layout)].index(key)
    received = {e.path: int(values[at]) if e.report else 0 for e, values in zip(result.rows, result.detail_values,
                                                                                 strict=True)}
    ranked = sorted(result.rows, key=lambda e: -received[e.path])[:TOP_OFFICES]
    title1 = "各单位本年新收政府信息公开申请数量" + (f"（前 {TOP_OFFICES} 个单位）" if n > TOP_OFFICES else "")
    ws.write_string(0, 0, title1, s.title)
    ws.write_row(1, 0, ("单位名称", "本年新收申请数"), s.header)
    for i, e in enumerate(ranked):
        ws.write_string(2 + i, 0, e.office, s.text)
        ws.write_number(2 + i, 1, received[e.path], s.count)
    if ranked:
        chart = wb.add_chart({"type": "bar"})
        last = 1 + len(ranked)
        chart.add_series({"name": "本年新收申请数", "categories": [CHARTS_SHEET, 2, 0, last, 0],
                          "values": [CHARTS_SHEET, 2, 1, last, 1], "data_labels": {"value": True}})
        chart.set_title({"name": title1, "name_font": {"name": FONT, "size": 12}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "num_font": {"name": FONT}})
        chart.set_size({"width": 720, "height": max(300, 22 * len(ranked) + 80)})
        ws.insert_chart(1, 6, chart)
    # 2. the county's handling results, as formulas over table 三's 总计 column
    groups = handling_groups(layout)
    t3 = layout.table("t3").sheet
    title2 = f"{result.name}政府信息公开申请办理结果"
    ws.write_string(0, 3, title2, s.title)
    ws.write_row(1, 3, ("办理结果", "件数"), s.header)
    values = result.report.values
    for i, (label, keys) in enumerate(groups):
        refs = ",".join(f"'{t3}'!{layout.a1(k)[1]}" for k in keys)
        ws.write_string(2 + i, 3, label, s.text)
        ws.write_formula(2 + i, 4, f"=SUM({refs})", s.count, int(sum(int(values[k]) for k in keys)))
    chart2 = wb.add_chart({"type": "column"})
    last2 = 1 + len(groups)
    chart2.add_series({"name": "件数", "categories": [CHARTS_SHEET, 2, 3, last2, 3],
                       "values": [CHARTS_SHEET, 2, 4, last2, 4], "data_labels": {"value": True}})
    chart2.set_title({"name": title2, "name_font": {"name": FONT, "size": 12}})
    chart2.set_legend({"none": True})
    chart2.set_size({"width": 720, "height": 360})
    ws.insert_chart(max(3 + len(groups), 3 + len(ranked)) + 2, 0, chart2)
