"""Annotated copies of checked workbooks: what county staff send back to an office.

Every cell with a finding is filled red (error) or yellow (warning) and carries a comment with the
message; a 问题清单 sheet, first in the workbook, lists every finding with a link to its cell. The copy
is written with openpyxl (never over the original), opens in LibreOffice and Excel without repair, and
stays a valid input to ``check``: the reader ignores 问题清单, and fills and comments change no value.

openpyxl cannot write .xls or .ods. Such a file (saved by LibreOffice or an old Excel) gets an .xlsx copy
built from a fresh template holding the figures, 基本信息 and 正文 the reader read, marked the same way,
with a line on 问题清单 saying so. That needs the file's tables where the template has them: a file with
moved rows, columns or labels gets a note instead (its findings point at cells a fresh template has not).

openpyxl keeps formulas but drops their cached results. Totals are recomputed by the reader (and by the
spreadsheet program on opening), but a data cell that holds a formula, such as every input cell of a
nianbao summary (``=SUM('明细'!F6:F11)``) or a clerk's ``=3+4``, would read back blank: in the copy such
cells get the value the reader read (their cached result) in place of the formula.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from nianbao.files import plain_reason, write_atomic
from nianbao.form.finding_tags import Tag
from nianbao.form.findings import SEVERITY_ZH, Finding, Severity
from nianbao.form.result import FileResult
from nianbao.form.sheets import INFO_SHEET, ISSUES_SHEET, TEXT_SHEET, info_cell, text_cell, wrapped_lines
from nianbao.form.spec import from_a1
from nianbao.wording import check as words

__all__ = ["Annotated", "annotate_file", "annotated_name", "free_name"]

ERROR_FILL = PatternFill("solid", fgColor="FFFF7C80")
WARNING_FILL = PatternFill("solid", fgColor="FFFFB34D")  # orange: apart from the pale yellow of input cells
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
ANNOTATABLE = frozenset({".xlsx", ".xlsm"})
HEADER = words.ISSUES_COLUMNS
WIDTHS = (5, 6, 14, 8, 8, 20, 12, 44, 40)  # about 160 characters: A4 landscape, one page wide
MESSAGE_COL, REMEDY_COL = 8, 9


@dataclass(frozen=True)
class Annotated:
    """What annotating one file gave: the copy's path, or why there is none (in Chinese)."""

    source: str
    output: str | None
    note: str = ""


def annotated_name(source: Path) -> str:
    suffix = source.suffix.lower() if source.suffix.lower() in ANNOTATABLE else ".xlsx"
    return words.ANNOTATED_FILENAME.format(stem=source.stem, suffix=suffix)


def annotate_file(result: FileResult, out_dir: Path, *, taken: set[str] | None = None) -> Annotated:
    """Write the annotated copy of ``result``'s file into ``out_dir`` (created when missing)."""
    source = Path(result.path)
    if result.report is None:
        return Annotated(result.path, None, words.NOT_ANNOTATED_UNREADABLE)
    reason = _rebuild_reason(source)
    rebuilt, why_rebuilt = bool(reason), _say_rebuilt(reason, source, words.ORIGINAL)
    moved = any(a != b for a, b in result.extra.get("moved", {}).items())
    if rebuilt and (moved or any(f.has(Tag.STRUCTURE) for f in result.findings)):
        return Annotated(result.path, None, words.NOT_ANNOTATED_MOVED.format(why=why_rebuilt))
    target = Path(out_dir) / free_name(annotated_name(source), taken if taken is not None else set())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Annotated(result.path, None, words.CANNOT_CREATE_FOLDER.format(folder=target.parent, reason=plain_reason(exc)))
    if target.resolve() == source.resolve():  # never the original
        return Annotated(result.path, None, words.NOT_ANNOTATED_SAME_PLACE)
    try:
        wb = _rebuild(result) if rebuilt else _load_copy(source, result)
        _mark_cells(wb, result.findings)
        _issues_sheet(wb, result, rebuilt_from=_say_rebuilt(reason, source, words.ORIGINAL_NAMED.format(name=source.name)))
        wb.calculation.fullCalcOnLoad = True  # openpyxl keeps no cached formula results: recalculate on open
        write_atomic(target, lambda p: wb.save(p))
    except OSError as exc:
        return Annotated(result.path, None, words.CANNOT_WRITE_COPY.format(target=target, reason=plain_reason(exc)))
    except Exception as exc:  # the file changed since it was read, openpyxl cannot parse or write it: one
        # file's copy is lost, never the run (the others' copies, the notices, the list)
        return Annotated(result.path, None, words.CANNOT_MAKE_COPY.format(reason=plain_reason(exc)))
    note = words.REBUILT_NOTE.format(why=why_rebuilt) if rebuilt else ""
    return Annotated(result.path, str(target), note)


#: a merged range larger than this (cells) is not loaded with openpyxl, which makes an object per cell
MAX_MERGED_CELLS = 100_000


def _rebuild_reason(source: Path) -> str:
    """Why the copy is built from a fresh template instead of the file itself, as a text of the catalogue
    with the fields ``original`` and ``suffix`` ('' when it is not): a format openpyxl cannot write, or
    merged ranges so large that openpyxl would not finish loading."""
    if source.suffix.lower() not in ANNOTATABLE:
        return words.REBUILT_FORMAT
    if _largest_merge(source) > MAX_MERGED_CELLS:
        return words.REBUILT_MERGES
    return ""


def _say_rebuilt(reason: str, source: Path, original: str) -> str:
    """``reason`` said of the file called ``original`` (原文件, or 原文件 and its name)."""
    return reason.format(original=original, suffix=source.suffix.lower() or words.NO_EXTENSION) if reason else ""


def _largest_merge(source: Path) -> int:
    """The number of cells of the largest merged range in any sheet of an .xlsx (streamed, never loaded)."""
    import xml.etree.ElementTree as ET
    import zipfile

    largest = 0
    try:
        with zipfile.ZipFile(source) as zf:
            for part in (n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                with zf.open(part) as fh:
                    for _ev, el in ET.iterparse(fh):
                        if el.tag.endswith("}mergeCell") or el.tag == "mergeCell":
                            largest = max(largest, _area(el.get("ref", "")))
                        el.clear()
    except (zipfile.BadZipFile, ET.ParseError, OSError, KeyError, ValueError):
        return largest  # openpyxl will say what is wrong with it
    return largest


def _area(ref: str) -> int:
    first, _, last = ref.partition(":")
    try:
        (r1, c1), (r2, c2) = from_a1(first), from_a1(last or first)
    except ValueError:
        return 0
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``… when it is taken; marked as taken."""
    stem, suffix = name.rsplit(".", 1)
    n, free = 2, name
    while free in taken:
        free = f"{stem}-{n}.{suffix}"
        n += 1
    taken.add(free)
    return free


def _load_copy(source: Path, result: FileResult):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (none change values)
        wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=False)
    _freeze_data_formulas(wb, source, result)
    _keep_huge_numbers(wb)
    return wb


def _keep_huge_numbers(wb) -> None:
    """A number too large for a float (400 digits typed into a cell: VALUE-HUGE) kept as its digits, as
    text: openpyxl cannot write it as a number, and the copy must show the office what it typed."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # the cells the file holds (iter_rows would make every cell of the range)
            if type(cell.value) is int and abs(cell.value) > 1 << 1023:
                cell.value = str(cell.value)


def _rebuild(result: FileResult):
    """A fresh template holding what the reader read from an .xls/.ods file, opened with openpyxl."""
    import io

    from nianbao.template import build_workbook

    report = result.report
    assert report is not None
    data = build_workbook(report.layout, report=report, level=report.level, included=report.included)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(data), rich_text=False)
    # what the office typed where it was not a plain number ("5件", "见附件"), as typed: the copy must
    # show the office its own entry, and check the same
    for f in result.findings:
        if f.has(Tag.TYPED) and f.sheet in wb.sheetnames and f.cell and f.actual is not None:
            _text(wb[f.sheet][f.cell], f.actual)
    for where, typed in result.extra.get("typed", {}).items():  # every cell of a table's READ-TEXT-*
        sheet, _, a1 = where.rpartition("!")
        if sheet in wb.sheetnames:
            _text(wb[sheet][a1], typed)
    _keep_stated_totals(wb, result)
    return wb


def _keep_stated_totals(wb, result: FileResult) -> None:
    """A total the office's file states otherwise than its terms add up to (typed over, or a formula
    not recalculated), as the office's file shows it: the fresh template's formula would put the right
    figure in the copy, and the copy would then pass."""
    report = result.report
    assert report is not None
    layout = report.layout
    totals = {c.key for c in layout.totals}
    for f in result.findings:
        if f.key in totals and f.key in report.stated and report.stated[f.key] != report.values.get(f.key):
            sheet, a1 = layout.a1(f.key)
            if sheet in wb.sheetnames:
                wb[sheet][a1].value = report.stated[f.key]



def _data_cells(result: FileResult) -> list[tuple[str, str]]:
    """(sheet, A1) of every cell the reader takes as data: input cells, 基本信息 and 正文 values, where
    they actually are in the file."""
    assert result.report is not None
    layout = result.report.layout
    moved: dict[tuple[str, str], tuple[str, str]] = result.extra.get("moved", {})
    cells = [layout.a1(spec.key) for spec in layout.inputs]
    cells += [(INFO_SHEET, info_cell(layout, f.key)) for f in layout.info_fields]
    cells += [(TEXT_SHEET, text_cell(layout, s.key)) for s in layout.text_sections]
    return [moved.get(c, c) for c in cells]


def _freeze_data_formulas(wb, source: Path, result: FileResult) -> None:
    """Data cells holding a formula get its cached result (openpyxl would save them without one)."""
    formulas = []
    for sheet, a1 in _data_cells(result):
        if sheet in wb.sheetnames:
            cell = wb[sheet][a1]
            if cell.data_type == "f":
                formulas.append((sheet, a1))
    if not formulas:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cached = load_workbook(source, data_only=True, rich_text=False)
    for sheet, a1 in formulas:
        value = cached[sheet][a1].value
        if value is not None:  # never computed (a file written by a program): keep the formula
            wb[sheet][a1].value = value


def _mark_cells(wb, findings: tuple[Finding, ...]) -> None:
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet and f.cell and f.sheet in wb.sheetnames and _is_a1(f.cell):
            for a1 in dict.fromkeys((f.cell, *f.cells)):  # every cell of the problem (a balance's terms)
                if _is_a1(a1):
                    by_cell.setdefault((f.sheet, _anchor(wb[f.sheet], a1)), []).append(f)
    for (sheet, a1), items in by_cell.items():
        ws = wb[sheet]
        cell = ws[a1]
        error = any(f.is_error for f in items)
        cell.fill = ERROR_FILL if error else WARNING_FILL
        text = _printable("\n".join(words.COMMENT_ITEM.format(severity=SEVERITY_ZH[f.severity], message=f.message,
                                                              remedy=f.remedy) for f in items))
        comment = Comment(text, words.COMMENT_AUTHOR)
        comment.width = 320
        comment.height = min(60 + 80 * len(items), 480)
        cell.comment = comment


def _issues_sheet(wb, result: FileResult, *, rebuilt_from: str = "") -> None:
    if ISSUES_SHEET in wb.sheetnames:  # annotating an annotated copy: start the list afresh
        del wb[ISSUES_SHEET]
    ws = wb.create_sheet(ISSUES_SHEET, 0)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = 0
    bold = Font(bold=True)
    title = words.ISSUES_TITLE.format(name=result.office or Path(result.path).name, status=result.status,
                                      errors=result.errors, warnings=result.warnings)
    _text(ws.cell(1, 1), title).font = Font(bold=True, size=13)
    header = 2
    if rebuilt_from:
        header = 3
        note = _text(ws.cell(2, 1), words.REBUILT_SHEET_NOTE.format(why=rebuilt_from))
        note.font = Font(color="FFC00000")
    for j, (head, width) in enumerate(zip(HEADER, WIDTHS, strict=True), start=1):
        c = _text(ws.cell(header, j), head)
        c.font, c.fill = bold, HEADER_FILL
        ws.column_dimensions[c.column_letter].width = width
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    rows = sorted(result.findings, key=lambda f: order[f.severity])
    first = header + 1
    if not rows:
        _text(ws.cell(first, 1), words.NO_PROBLEMS_FOUND)
    for i, f in enumerate(rows, start=1):
        r = i + first - 1
        ws.cell(r, 1, i)
        values = (SEVERITY_ZH[f.severity], f.code, f.sheet, f.cell, f.row_label, f.col_label, f.message, f.remedy)
        for j, v in enumerate(values, start=2):
            c = _text(ws.cell(r, j), v)
            c.alignment = Alignment(wrap_text=j >= MESSAGE_COL, vertical="top")
        if f.is_error or f.severity is Severity.WARNING:
            ws.cell(r, 2).fill = ERROR_FILL if f.is_error else WARNING_FILL
        if f.sheet and f.cell and f.sheet in wb.sheetnames and _is_a1(f.cell):
            link = ws.cell(r, 5)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}", display=f.cell)
            link.font = Font(color="FF0563C1", underline="single")
    ws.freeze_panes = f"A{first}"
    for r in range(first, first + len(rows)):  # rows tall enough for the wrapped messages
        lines = max(wrapped_lines(str(ws.cell(r, j).value or ""), WIDTHS[j - 1]) for j in (MESSAGE_COL, REMEDY_COL))
        if lines > 1:
            ws.row_dimensions[r].height = 14.5 * lines
    # printed: what county staff send back; A4 landscape, one page wide, the header on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{header}:{header}"


def _anchor(ws, a1: str) -> str:
    """The cell that shows ``a1``: the top-left cell of the merged range holding it (only it can carry a
    fill and a comment), else ``a1`` itself."""
    if type(ws[a1]).__name__ != "MergedCell":
        return a1
    for rng in ws.merged_cells.ranges:
        if a1 in rng:
            return rng.start_cell.coordinate
    return a1


def _text(cell, value: object):
    """Write text as text: a message that starts with '=' must never become a formula; a control
    character (in an office name, a typed value) is shown as its escape, which a workbook can hold."""
    cell.value = _printable("" if value is None else str(value))
    cell.data_type = "s"
    return cell


def _printable(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _is_a1(ref: str) -> bool:
    try:
        r, c = from_a1(ref)
    except ValueError:
        return False
    return r >= 0 and c >= 0 and ref.isascii()
