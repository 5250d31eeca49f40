"""The summary workbook of a merge, and its machine-readable forms (CSV, JSON).

The workbook is a nianbao template (``template.build_workbook``) at level 汇总: the official tables
hold the totals as formulas over the 明细 sheet, with their computed values cached, so that every
reader sees the numbers without recalculating and ``nianbao check`` / ``merge`` accept it as a report.
Beside them: 明细 (one row per included report, one column per data cell), 状态 (who submitted),
文件 (every input file and what became of it), 问题 (every finding) and 图表 (native charts).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from nianbao.files import write_atomic
from nianbao.form.draft_labels import LABEL_QUALIFIER, RESULTS_GROUP_PREFIX
from nianbao.form.finding_tags import RESULT_TOTAL
from nianbao.form.findings import SEVERITY_ZH, remedy_of
from nianbao.form.sheets import (
    CHARTS_SHEET,
    DETAIL_FIRST_ROW,
    DETAIL_FIXED,
    DETAIL_SHEET,
    FILES_SHEET,
    LEVEL_SUMMARY,
    STATUS_SHEET,
)
from nianbao.form.sheets import SUMMARY_ISSUES_SHEET as ISSUES_SHEET
from nianbao.form.spec import LayoutSpec, to_a1
from nianbao.merge.detailsheet import write_detail
from nianbao.merge.detailxml import remove_row_files, stream_rows, write_rows
from nianbao.merge.export import (  # noqa: F401  (the machine-readable forms, as they were imported from here)
    FIXED_KEYS,
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
    STATUS_OFF_ROSTER,
    MergeResult,
    detail_cells,
)
from nianbao.merge.sheetstyle import FONT, Styles, colour_statuses, fit_row, print_setup
from nianbao.template import build_workbook
from nianbao.wording import merge as words

TOP_OFFICES = 30  # the chart of applications per office shows at most this many


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
        styles = Styles(wb)
        _write_status(wb, styles, result)
        write_detail(wb, styles, result, cells)
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
        remove_row_files(made)


def write_summary(path: Path, result: MergeResult, *, force: bool = False) -> Path:
    """Write the summary workbook atomically; an existing file is kept unless ``force``."""
    data = build_summary(result)
    return write_atomic(Path(path), lambda p: p.write_bytes(data), force=force)


def _write_status(wb: xlsxwriter.Workbook, s: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(STATUS_SHEET)
    stream_rows(ws)  # from here on, every row is written after the one above it (detailxml.write_rows)
    errors = result.included_with_errors
    if errors:
        ws.set_tab_color("#C00000")  # the sum includes reports with errors: seen before the sheet is opened
    widths = (6, 30, 14, 14, 14, 36, 8, 8, 70, 10, 10, 14, 12, 20)  # 收到时间 to the second
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    year = result.year or ""
    ws.write_string(0, 0, words.STATUS_TITLE.format(name=result.name, year=year), s.title)
    ws.write_string(1, 0, overview_line(result), s.line)
    row = 2
    warning = errors_warning(result)
    if warning:
        ws.write_string(row, 0, warning, s.warn)
        row += 1
    if result.exclude_errors:
        ws.write_string(row, 0, words.ERRORS_EXCLUDED_NOTE, s.line)
        row += 1
    off_roster = sum(st.status == STATUS_OFF_ROSTER for st in result.statuses)
    if off_roster:
        ws.write_string(row, 0, words.OFF_ROSTER_WARNING.format(count=off_roster), s.warn)
        row += 1
    row += 1
    ws.write_row(row, 0, (*words.STATUS_HEADER, *words.CONTACT_HEADER), s.header)
    first = row + 1
    # wrapped: the files and the note printed whole, not cut at the border
    formats = (s.count, s.text, s.text, s.text, s.text, s.wrap, s.count, s.count, s.wrap, *[s.text] * 5)
    write_rows(ws, first, formats, _status_rows(ws, first, result, widths))
    last = first + len(result.statuses) - 1
    colour_statuses(ws, s, first, last, 3)
    ws.autofilter(row, 0, max(row, last), len(words.STATUS_HEADER) + len(words.CONTACT_HEADER) - 1)
    ws.freeze_panes(first, 2)
    # how the summary was made: who is summed (the same words as the CLI help)
    notes = max(row, last) + 2
    ws.write_string(notes, 0, words.NOTES_HEADING, s.line)
    for i, text in enumerate(status_notes(result), start=1):
        ws.write_string(notes + i, 0, f"{i}. {text}", s.line)
    print_setup(ws, header_row=row, area=(0, 0, notes + len(status_notes(result)), len(widths) - 1))


def _status_rows(ws: Worksheet, first: int, result: MergeResult, widths: tuple[int, ...]) -> Iterator[list[Any]]:
    """The rows of the status table from sheet row ``first``, each given the height its wrapped texts need
    as it is made (the sheet is streamed)."""
    for i, st in enumerate(result.statuses):
        files = "、".join(st.files)
        fit_row(ws, first + i, {5: files, 8: st.note}, widths)
        yield [i + 1, st.office, st.category, str(st.status), words.YES if st.included else words.NO, files,
               st.errors, st.warnings, st.note, *_blanks(st.county, st.preparer, st.phone, st.date, st.received)]


def _blanks(*texts: str) -> list[str | None]:
    """Texts as ``Worksheet.write_row`` writes them: an empty one as a blank cell (None, for ``write_rows``)."""
    return [t or None for t in texts]


def _write_files(wb: xlsxwriter.Workbook, s: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(FILES_SHEET)
    stream_rows(ws)  # from here on, every row is written after the one above it
    widths = (6, 36, 28, 10, 8, 8, 26, 8, 8, 8, 50, 12, 20)  # 处理结果 up to 13 characters: 与另一份分不出先后，未计入
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    total = len(result.entries) + len(result.skipped)
    ws.write_string(0, 0, words.FILES_TITLE.format(count=total), s.title)
    ws.write_row(1, 0, words.FILES_HEADER, s.header)
    # wrapped: a long name, office or note printed whole
    formats = (s.count, s.wrap, s.wrap, *[s.text] * 5, s.count, s.count, s.wrap, s.text, s.text)
    write_rows(ws, 2, formats, _file_rows(ws, result, widths))
    _write_skipped(ws, s, result, widths)
    ws.autofilter(1, 0, 1 + max(1, total), len(words.FILES_HEADER) - 1)
    ws.freeze_panes(2, 2)
    print_setup(ws, header_row=1, area=(0, 0, 1 + total, len(widths) - 1))


def _file_rows(ws: Worksheet, result: MergeResult, widths: tuple[int, ...]) -> Iterator[list[Any]]:
    """The rows of 文件 for the files read, from sheet row 2, each given its height as it is made."""
    for i, e in enumerate(result.entries):
        rep, name, office, note = e.report, e.name, e.office, e.note
        fit_row(ws, 2 + i, {1: name, 2: office, 10: note}, widths)
        yield [i + 1, *_blanks(name, office, e.info("county"), str(rep.year or "") if rep else "",
                               rep.layout.format if rep else "", str(e.outcome), str(e.status)),
               e.errors, e.warnings, note, *_blanks(e.info("date"), e.received)]


def _write_skipped(ws: Worksheet, s: Styles, result: MergeResult, widths: tuple[int, ...]) -> None:
    """The files found but not read, below the others in 文件: each with why."""
    for i, (path, why) in enumerate(result.skipped_shown, start=len(result.entries)):
        r = 2 + i
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, path, s.wrap)
        ws.write_string(r, 6, words.SKIPPED_OUTCOME, s.text)
        ws.write_string(r, 10, why, s.wrap)
        fit_row(ws, r, {1: path, 10: why}, widths)


def _write_issues(wb: xlsxwriter.Workbook, s: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(ISSUES_SHEET)
    # about 210 characters wide in all: prints on A4 landscape at about 70 %, long texts wrap in their column
    widths = (5, 22, 18, 5, 17, 8, 7, 22, 12, 50, 44)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    found = result.all_findings()
    ws.write_string(0, 0, words.ISSUES_TITLE.format(count=len(found)), s.title)
    ws.write_row(1, 0, words.ISSUES_HEADER, s.header)
    shown = {e.path: e.name for e in result.entries}  # as 文件 and 状态 name it: with its folder when needed
    about_summary = {id(f) for f in result.findings}  # of the summary itself, not of the workbook it is written to
    for i, (office, f) in enumerate(found):
        r = 2 + i
        file = words.COUNTY_FILE if id(f) in about_summary else shown.get(f.file) or (Path(f.file).name if f.file else "")
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_row(r, 1, (file, office), s.wrap)
        ws.write_row(r, 3, (SEVERITY_ZH[f.severity], f.code, f.sheet, f.cell), s.text)
        ws.write_row(r, 7, (f.row_label, f.col_label), s.wrap)
        ws.write_string(r, 9, f.message, s.wrap)  # wrapped: a long message stays in its column, also in print
        ws.write_string(r, 10, remedy_of(f), s.wrap)
        fit_row(ws, r, {1: file, 2: office, 7: f.row_label, 8: f.col_label,
                         9: f.message, 10: remedy_of(f)}, widths)
    ws.autofilter(1, 0, 1 + max(1, len(found)), len(words.ISSUES_HEADER) - 1)
    ws.freeze_panes(2, 0)
    print_setup(ws, header_row=1, area=(0, 0, 1 + len(found), len(widths) - 1))


def handling_groups(layout: LayoutSpec) -> list[tuple[str, list[str]]]:
    """Table 三's handling results grouped as the form groups them: (label, keys of the 总计 column)."""
    leaves = next(r for r in layout.rules if r.code == RESULT_TOTAL and r.target.endswith(".total")).addends  # type: ignore[union-attr]
    groups: list[tuple[str, list[str]]] = []
    for key in leaves:
        spec = layout.cells[key]
        label = spec.row_group if spec.row_group and not spec.row_group.startswith(RESULTS_GROUP_PREFIX) else spec.row_label
        label = label.split(LABEL_QUALIFIER)[0]
        if groups and groups[-1][0] == label:
            groups[-1][1].append(key)
        else:
            groups.append((label, [key]))
    return groups


def _write_charts(wb: xlsxwriter.Workbook, s: Styles, result: MergeResult, n: int) -> None:
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
    title1 = words.CHART_RECEIVED_TITLE.format(top=words.CHART_TOP_OFFICES.format(count=TOP_OFFICES)
                                               if n > TOP_OFFICES else "")
    ws.write_string(0, 0, title1, s.title)
    ws.write_row(1, 0, words.CHART_RECEIVED_COLUMNS, s.header)
    for i, e in enumerate(ranked):
        ws.write_string(2 + i, 0, e.office, s.text)
        ws.write_number(2 + i, 1, received[e.path], s.count)
    if ranked:
        chart = wb.add_chart({"type": "bar"})
        last = 1 + len(ranked)
        chart.add_series({"name": words.CHART_RECEIVED_COLUMNS[1], "categories": [CHARTS_SHEET, 2, 0, last, 0],
                          "values": [CHARTS_SHEET, 2, 1, last, 1], "data_labels": {"value": True}})
        chart.set_title({"name": title1, "name_font": {"name": FONT, "size": 12}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "num_font": {"name": FONT}})
        chart.set_size({"width": 720, "height": max(300, 22 * len(ranked) + 80)})
        ws.insert_chart(1, 6, chart)
    # 2. the county's handling results, as formulas over table 三's 总计 column
    groups = handling_groups(layout)
    t3 = layout.table("t3").sheet
    title2 = words.CHART_RESULTS_TITLE.format(name=result.name)
    ws.write_string(0, 3, title2, s.title)
    ws.write_row(1, 3, words.CHART_RESULTS_COLUMNS, s.header)
    values = result.report.values
    for i, (label, keys) in enumerate(groups):
        refs = ",".join(f"'{t3}'!{layout.a1(k)[1]}" for k in keys)
        ws.write_string(2 + i, 3, label, s.text)
        ws.write_formula(2 + i, 4, f"=SUM({refs})", s.count, int(sum(int(values[k]) for k in keys)))
    chart2 = wb.add_chart({"type": "column"})
    last2 = 1 + len(groups)
    chart2.add_series({"name": words.CHART_RESULTS_COLUMNS[1], "categories": [CHARTS_SHEET, 2, 3, last2, 3],
                       "values": [CHARTS_SHEET, 2, 4, last2, 4], "data_labels": {"value": True}})
    chart2.set_title({"name": title2, "name_font": {"name": FONT, "size": 12}})
    chart2.set_legend({"none": True})
    chart2.set_size({"width": 720, "height": 360})
    ws.insert_chart(max(3 + len(groups), 3 + len(ranked)) + 2, 0, chart2)
