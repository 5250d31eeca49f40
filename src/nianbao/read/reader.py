"""Reading filled workbooks back: recognise the format, check the structure, read every value.

``read_workbook`` never raises for bad input: whatever the file is, it gives a ``Reading`` whose findings
say, in Chinese and at the cell, what reading found wrong (judging the figures by the rules is the check
layer's work: ``nianbao.check.checkfile``). It is safe in a worker process (no global state beyond caches
of the layouts). ``collect_paths`` walks files and directories (recursively), skipping what is not a
spreadsheet with a reason.

Reading uses python-calamine; ``nianbao.read.safety`` inspects the bytes first (calamine aborts the process
on a cell at XFD1048576 and inflates zip bombs without limit). The stored totals are read only to compare:
the data are the input cells, and every total is recomputed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import python_calamine as pc

from nianbao.files import plain_reason
from nianbao.form.common import YEAR_LABEL
from nianbao.form.finding_tags import READ_BLANK, Tag
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import NATIONAL, UnknownLayout, all_layouts, get_layout
from nianbao.form.sheets import (
    ID_MAGIC,
    ID_SHEET,
    ID_WITH_ERRORS,
    INFO_SHEET,
    ISSUES_SHEET,
    LEVEL_OFFICE,
    LEVEL_SUMMARY,
    SUMMARY_SHEETS,
    TEXT_SHEET,
    info_cell,
    sheet_order,
    text_cell,
)
from nianbao.form.spec import CellSpec, LayoutSpec, Number, TableSpec, to_a1
from nianbao.read import plan as plan_fast
from nianbao.read.copies import Candidate, choose_copy, figures
from nianbao.read.farcell import DamagedSheet, RepackedSheet
from nianbao.read.inputcells import InputCells, cell_at, zero
from nianbao.read.isolate import quiet_stderr
from nianbao.read.locate import Grid, Placement, find_anchor, locate_table, normalise_grid
from nianbao.read.pairs import pair_values, pairs_sheet
from nianbao.read.paths import SPREADSHEET_SUFFIXES, collect_paths, skip_reason
from nianbao.read.reading import (
    NOT_IDENTITY,
    Reading,
    file_bytes,
    id_list,
    identity_rows,
    not_report_reason,
    refusal,
    sized,
    unreadable,
)
from nianbao.read.safety import Inspection, UnsafeSheet, inspect_bytes
from nianbao.read.shown import NumberFormats
from nianbao.read.values import MAX_COUNT, normalise_text
from nianbao.wording import read as words

__all__ = ["SPREADSHEET_SUFFIXES", "Reading", "collect_paths", "read_bytes", "read_vouched", "read_workbook", "skip_reason"]

#: below this share of matching labels, a sheet does not hold the table
_MIN_SCORE = 0.6


def read_workbook(path: Path | str, data: bytes | None = None, inspection: Inspection | None = None) -> Reading:
    """Read and recognise one workbook: its report and what reading found (a value that is not a
    number, a moved table, a damaged file...), not yet judged by the rules. Never raises for bad input.
    ``data`` (the file's bytes, already read) and ``inspection`` (``inspect_bytes(data)``) spare reading
    and inspecting them again (a merge's worker has them)."""
    path = Path(path)
    try:
        return _Reader(path, data, inspection).read()
    except BaseException as exc:  # the last guard: a file must never stop a batch or show a traceback
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        # also a panic of calamine's native code (pyo3's PanicException is not an Exception)
        return unreadable(path, "FILE-CORRUPT", detail=words.READ_FAILED.format(reason=plain_reason(exc)))


def read_bytes(data: bytes, name: str) -> Reading:
    """``read_workbook`` for bytes held in memory (an upload, a file kept in the inbox); ``name`` is the
    file name findings give. Never raises for bad input."""
    path = Path(name)
    try:
        return _Reader(path, data).read()
    except BaseException as exc:  # the last guard, as in read_workbook: a panic of calamine's native code too
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return unreadable(path, "FILE-CORRUPT", detail=words.READ_FAILED.format(reason=plain_reason(exc)))


def read_vouched(path: Path | str) -> Reading | None:
    """``read_workbook`` in this process for a workbook the byte check vouches for in full (an .xlsx or .xls
    whose every sheet it measured, nothing damaged: see ``Inspection.vouched``), or a file that cannot be
    opened at all; None for any other file, and for one whose reading panicked calamine's native code: to be
    read in a worker (``nianbao.read.isolate``), where a crash costs only that file and is said as always.
    One file checked need not wait for a worker to start."""
    path = Path(path)
    data = file_bytes(path)
    if isinstance(data, Reading):  # missing, not a regular file, too large: said without calamine
        return data
    try:
        ins = inspect_bytes(data)
    except Exception:  # a byte check that fails on this file: the worker reads it and says why, as for any file
        return None
    if not ins.vouched():
        return None
    with quiet_stderr():  # a panic's backtrace is not for the clerk (a worker's stderr is quiet too)
        try:
            return _Reader(path, data, ins).read()
        except Exception as exc:  # the last guard, as in read_workbook
            return unreadable(path, "FILE-CORRUPT", detail=words.READ_FAILED.format(reason=plain_reason(exc)))
        except BaseException as exc:  # pyo3's PanicException: the worker says it, as for any file
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            return None


class _Reader(InputCells):
    def __init__(self, path: Path, data: bytes | None = None, inspection: Inspection | None = None) -> None:
        self.path = path
        self.given = data
        self.inspected = inspection
        self.file = str(path)
        self.findings: list[Finding] = []
        self.moved: dict[tuple[str, str], tuple[str, str]] = {}  # template address -> actual address
        self.grids: dict[str, Grid] = {}
        self.raw: dict[str, list[list[Any]]] = {}
        self.refused: set[str] = set()  # sheets that cannot be read safely (said once)
        self.errors: dict[tuple[str, str], str] | None = None  # see _error_cells
        self.text_inputs: set[str] = set()  # input keys whose cell held text: a spreadsheet's SUM skips them
        self.with_errors: tuple[str, ...] = ()  # a summary: offices whose reports had errors when summed
        self.blank_keys: set[str] = set()  # input cells read as blank
        self.displayed: dict[str, str] = {}  # input key -> what the sheet shows, where not what is stored
        self.formats: NumberFormats | None = None
        self.summary = False  # reading a summary (its amounts are sums of many offices')
        self.fee_keys: tuple[str, ...] = ()  # the fee cells (judged by the check layer's own rules)

    # -- steps ---------------------------------------------------------------------------------------
    def read(self) -> Reading:
        path = self.path
        data = file_bytes(path) if self.given is None else sized(path, self.given)
        if isinstance(data, Reading):
            return data
        ins = inspect_bytes(data) if self.inspected is None else self.inspected
        self.inspection = ins
        refused = refusal(path, ins)
        if refused is not None:
            return refused
        self.data = data
        handed = ins.for_calamine(data, _likely_sheets())
        try:
            self.wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(handed))
        except pc.PasswordError:
            return unreadable(path, "FILE-ENCRYPTED")
        except Exception as exc:  # calamine's errors: ZipError, XmlError, CalamineError, ...
            return unreadable(path, "FILE-CORRUPT", detail=words.UNPARSABLE.format(kind=ins.kind, reason=plain_reason(exc)))
        self.sheets = [s for s in self.wb.sheet_names if s != ISSUES_SHEET]
        return self._recognise_and_read()

    def _recognise_and_read(self) -> Reading:
        identity = self._identity()
        if identity.get("magic") == ID_MAGIC:
            return self._read_marked(identity)
        return self._read_unmarked()

    def _read_marked(self, identity: dict[str, str]) -> Reading:
        """A workbook made by nianbao: its layout named on the identity sheet, its tables where it put them."""
        fmt, variant = identity.get("format", ""), identity.get("variant", NATIONAL) or NATIONAL
        try:
            layout = get_layout(fmt, variant)
        except UnknownLayout:
            return unreadable(self.path, "FILE-UNKNOWN-FORMAT", actual=f"{fmt}:{variant}")
        kind = "template"
        level = identity.get("level", LEVEL_OFFICE) or LEVEL_OFFICE
        included = id_list(identity, "included")
        if level == LEVEL_SUMMARY:
            kind = "summary"
            self._note_with_errors(id_list(identity, ID_WITH_ERRORS))
        version = identity.get("template_version", "")
        if version != layout.template_version:
            kind = "outdated" if kind == "template" else kind
            self.findings.append(make("TEMPLATE-OUTDATED", file=self.file, expected=layout.template_version,
                                      actual=version or "?"))
        placements = self._place_planned(layout) if version == layout.template_version else None
        if placements is None:  # anything unusual: each table looked for by its labels
            placements = self._place_marked(layout)
        if placements is None:
            return self._result(None, "unreadable")
        return self._read_report(layout, placements, kind, level, included)

    def _place_planned(self, layout: LayoutSpec) -> dict[str, tuple[str, Placement]] | None:
        """The tables of a workbook made from the current template, where it has them, when every label of
        every table is there (``nianbao.read.plan``); None when a sheet is missing, renamed or extra, or a
        label is not where it should be."""
        if not plan_fast.FAST or self._extra_sheets(layout) or any(t.sheet not in self.sheets for t in layout.tables):
            return None
        placements: dict[str, tuple[str, Placement]] = {}
        for table in layout.tables:  # in the careful path's order: a sheet refused is said alike
            rows = self._raw(table.sheet)
            table_plan = plan_fast.plan(layout, table)
            if rows is None or not plan_fast.in_place(rows, table_plan):
                return None
            placements[table.key] = (table.sheet, table_plan.placement())
        return placements

    def _read_unmarked(self) -> Reading:
        """A workbook without nianbao's identity sheet: the layout whose tables its labels match best."""
        best = self._recognise_by_labels()
        if best is None:
            if self.findings:  # a sheet too large to read safely
                return self._result(None, "unreadable")
            return unreadable(self.path, "FILE-NOT-REPORT", detail=not_report_reason(self.sheets))
        layout, placements = best
        if ID_SHEET not in self.refused:  # its marks there but refused (FILE-UNSAFE...): not a copy made elsewhere
            self.findings.append(make("TEMPLATE-NO-MARKS", file=self.file, what=layout.name))
        return self._read_report(layout, placements, "labels", LEVEL_OFFICE, ())

    def _note_with_errors(self, offices: tuple[str, ...]) -> None:
        """A summary's offices whose reports had errors when summed: kept, and said once."""
        self.with_errors = offices
        if offices:
            self.findings.append(make("SUMMARY-WITH-ERRORS", file=self.file, count=len(offices),
                                      offices="、".join(offices)))

    def _place_marked(self, layout: LayoutSpec) -> dict[str, tuple[str, Placement]] | None:
        """Where each table of a marked workbook is; None (said as a finding) when one is not found."""
        placements: dict[str, tuple[str, Placement]] = {}
        for table in layout.tables:
            found = self._place(layout, table, marked=True)
            if found is None:
                if not any(f.has(Tag.REFUSES_READ) for f in self.findings):  # already said why
                    self.findings.append(self._sheet_missing(table.sheet, words.TABLE_NOT_FOUND.format(title=table.title)))
                return None
            placements[table.key] = found
            if found[0] != table.sheet and table.sheet not in self.sheets:  # found on a renamed sheet
                self.findings.append(make("STRUCT-SHEET-RENAMED", file=self.file, sheet=found[0],
                                          expected=table.sheet, actual=found[0]))
        return placements

    def _sheet_missing(self, sheet: str, not_found: str) -> Finding:
        """STRUCT-SHEET when ``sheet`` is not in the workbook; STRUCT-SHEET-DAMAGED when it is there but
        cannot be read, or does not hold what it should (the clerk must not be told to restore a sheet
        that is there)."""
        if sheet not in self.sheets:
            return make("STRUCT-SHEET", file=self.file, sheet=sheet)
        rows = self._raw(sheet, quiet=True)
        detail = words.SHEET_ROWS_UNREADABLE if rows is None else words.SHEET_NOT_FOUND.format(not_found=not_found)
        return make("STRUCT-SHEET-DAMAGED", file=self.file, sheet=sheet, detail=detail)

    def _identity(self) -> dict[str, str]:
        """The identity sheet's rows: found by its name, or, renamed (a spreadsheet program does not keep the
        workbook-structure lock: LibreOffice saves it merely hidden, and a clerk may unhide and rename it), by
        its content, the magic row first."""
        if ID_SHEET in self.sheets:
            return identity_rows(self._raw(ID_SHEET) or [])
        for name in self.sheets:
            if name in NOT_IDENTITY:
                continue
            rows = self._raw(name, quiet=True) or []
            self.refused.discard(name)  # a sheet refused here is said where it is read for its data
            if rows and len(rows[0]) >= 2 and rows[0][0] == "magic" and rows[0][1] == ID_MAGIC:
                return identity_rows(rows)
        return {}

    def _place(self, layout: LayoutSpec, table: TableSpec, *, marked: bool) -> tuple[str, Placement] | None:
        """The sheet that holds ``table`` and where on it; of several, the one the clerk filled (see
        ``copies``; None, said as READ-SHEET-AMBIGUOUS, when two visible sheets hold different figures)."""
        found: list[tuple[str, Placement]] = []
        for name in _candidate_sheets(self.sheets, table, marked, self._extra_sheets(layout)):
            grid = self._grid(name)
            offset = None if grid is None else find_anchor(grid, layout, table)
            if grid is None or offset is None:
                continue
            own = name == table.sheet or table.sheet not in self.sheets  # not a copy beside it
            place = locate_table(grid, layout, table, offset, whole=marked and own)
            if place.score >= _MIN_SCORE:
                found.append((name, place))
        if len(found) <= 1:
            return found[0] if found else None
        if not marked:  # recognising by labels: the best match, as before, unless copies differ
            found.sort(key=lambda x: -x[1].score)
        return self._choose_copy(layout, table, found)

    def _extra_sheets(self, layout: LayoutSpec) -> list[str]:
        """Sheets that are no part of a template of ``layout``: where a copy of a table may be."""
        known = {*sheet_order(layout), ID_SHEET, *SUMMARY_SHEETS}
        return [s for s in self.sheets if s not in known]

    def _choose_copy(self, layout: LayoutSpec, table: TableSpec,
                     found: list[tuple[str, Placement]]) -> tuple[str, Placement] | None:
        visible = {m.name: str(m.visible).endswith("Visible") for m in self.wb.sheets_metadata}
        cands = [Candidate(name, place, visible.get(name, True), figures(layout, table, self.raw[name], place))
                 for name, place in found]
        choice = choose_copy(table.sheet, cands)
        if choice.code and not any(f.code == choice.code and f.sheet == table.sheet for f in self.findings):
            self.findings.append(make(choice.code, file=self.file, sheet=table.sheet, **dict(choice.params)))
        return None if choice.chosen is None else (choice.chosen.sheet, choice.chosen.place)

    def _recognise_by_labels(self) -> tuple[LayoutSpec, dict[str, tuple[str, Placement]]] | None:
        best: tuple[float, LayoutSpec, dict[str, tuple[str, Placement]]] | None = None
        for layout in all_layouts():
            placements: dict[str, tuple[str, Placement]] = {}
            score = 0.0
            for table in layout.tables:
                found = self._place(layout, table, marked=False)
                if found is None:
                    break
                placements[table.key] = found
                score += found[1].matched
            else:
                if best is None or score > best[0]:
                    best = (score, layout, placements)
        return None if best is None else (best[1], best[2])

    # -- reading ---------------------------------------------------------------------------------------
    def _raw(self, name: str, *, quiet: bool = False) -> list[list[Any]] | None:
        """The cells of sheet ``name``; None when it cannot be read (said as a finding unless ``quiet``)."""
        if name in self.raw:
            return self.raw[name]
        if name in self.refused:
            return None
        try:
            far = self.inspection.far_cell(name)
        except UnsafeSheet as exc:
            self.refused.add(name)
            if not quiet:
                code = ("FILE-SHEET-DAMAGED" if isinstance(exc, DamagedSheet) else
                        "FILE-REPACKED" if isinstance(exc, RepackedSheet) else "FILE-UNSAFE")
                self.findings.append(make(code, file=self.file, sheet=name, name=self.path.name, detail=str(exc)))
            return None
        if far:
            self.refused.add(name)
            cell = far if far[0].isalpha() else ""
            if not quiet:
                self.findings.append(make("FILE-FAR-CELL", file=self.file, sheet=name, cell=cell or far))
            return None
        try:
            rows = self.wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # a sheet calamine cannot parse: treat as absent
            return None
        self.raw[name] = rows
        return rows

    def _grid(self, name: str) -> Grid | None:
        if name not in self.grids:
            rows = self._raw(name)
            if rows is None:
                return None
            self.grids[name] = normalise_grid(rows)
        return self.grids[name]

    def _read_report(self, layout: LayoutSpec, placements: dict[str, tuple[str, Placement]], kind: str,
                     level: str, included: tuple[str, ...]) -> Reading:
        inputs: dict[str, Number] = {}
        stated: dict[str, Number] = {}
        self.summary, self.fee_keys = level == LEVEL_SUMMARY, layout.role("fee")
        for table in layout.tables:
            sheet, place = placements[table.key]
            for p in place.problems:
                self.findings.append(make(p.code, file=self.file, sheet=sheet, cell=p.cell, expected=p.expected,
                                          actual=p.actual, detail=p.detail))
            self._read_table(layout, table, sheet, place, inputs, stated)
        taken = {sheet for sheet, _place in placements.values()}
        marked = kind != "labels"
        info, info_moves = self._read_pairs(INFO_SHEET, [(f.key, f.label) for f in layout.info_fields],
                                            lambda k: info_cell(layout, k), taken=taken, marked=marked)
        texts, text_moves = self._read_pairs(TEXT_SHEET, [(s.key, s.heading) for s in layout.text_sections],
                                             lambda k: text_cell(layout, k), contains=True, taken=taken,
                                             marked=marked)
        if INFO_SHEET in self.refused:  # damaged or unsafe: whose report, of which year, cannot be known
            return self._result(None, "unreadable")  # (a merge would call it 没有填写单位名称)
        self.moved.update(info_moves)
        self._year_as_read(info.get("year", ""), info_moves.get((INFO_SHEET, info_cell(layout, "year"))))
        self.moved.update(text_moves)
        if level == LEVEL_SUMMARY and self.blank_keys:
            self._recompute_summary(layout, inputs)
        report = Report(layout=layout, inputs=inputs, stated=stated, info=info, texts=texts, level=level,
                        included=included, blank=frozenset() if level == LEVEL_SUMMARY else frozenset(self.blank_keys))
        return self._result(report, kind)

    def _read_table(self, layout: LayoutSpec, table: TableSpec, sheet: str, place: Placement,
                    inputs: dict[str, Number], stated: dict[str, Number]) -> None:
        """The cells of one table: inputs and stated totals into ``inputs``/``stated``, what is wrong
        as findings, every cell not where the template has it into ``moved``."""
        rows = self.raw[sheet]
        if plan_fast.FAST and _in_place(table, sheet, place) and not place.missing_rows and not place.missing_cols:
            blanks = self._read_planned(layout, table, sheet, rows, inputs, stated)
        else:
            blanks = self._read_located(layout, table, sheet, place, inputs, stated)
        blanks = self._formula_inputs(sheet, rows, blanks, inputs)
        if blanks:
            self.findings.append(make("READ-BLANK", file=self.file, sheet=sheet, count=len(blanks),
                                      first=blanks[0][1]))

    def _read_planned(self, layout: LayoutSpec, table: TableSpec, sheet: str, rows: list[list[Any]],
                      inputs: dict[str, Number], stated: dict[str, Number]) -> list[tuple[CellSpec, str]]:
        """The cells of a table where the template has it, at the addresses of its plan; the blank inputs."""
        blanks: list[tuple[CellSpec, str]] = []
        read = self._read_cell
        n = len(rows)
        for spec, r, c, a1, whole, key, is_input in plan_fast.plan(layout, table).cells:
            row = rows[r] if r < n else ()
            raw: Any = row[c] if c < len(row) else ""
            kind = type(raw)
            if whole and (kind is int or (kind is float and raw.is_integer())) and -MAX_COUNT <= raw <= MAX_COUNT:
                (inputs if is_input else stated)[key] = int(raw)  # as _read_cell takes it
            elif read(spec, raw, sheet, a1, inputs, stated):
                blanks.append((spec, a1))
        return blanks

    def _read_located(self, layout: LayoutSpec, table: TableSpec, sheet: str, place: Placement,
                      inputs: dict[str, Number], stated: dict[str, Number]) -> list[tuple[CellSpec, str]]:
        """The cells of a table moved, reordered or with lines deleted, through the placement's maps; every
        cell not where the template has it into ``moved``; the blank inputs."""
        rows = self.raw[sheet]
        same = _in_place(table, sheet, place)
        blanks: list[tuple[CellSpec, str]] = []
        for spec, a1_template in layout.template_cells[table.key]:
            r, c = place.pos(spec.row, spec.col)
            if place.is_missing(spec.row, spec.col):  # a deleted row or column (STRUCT-ROWS/COLUMNS)
                if spec.is_input:
                    inputs[spec.key] = zero(spec)
                self.moved[(table.sheet, a1_template)] = (sheet, to_a1(r, c))  # findings: its neighbour
                continue
            if same:
                a1 = a1_template
            else:
                a1 = to_a1(r, c)
                self.moved[(table.sheet, a1_template)] = (sheet, a1)
            if self._read_cell(spec, cell_at(rows, r, c), sheet, a1, inputs, stated):
                blanks.append((spec, a1))
        return blanks

    def _read_pairs(self, sheet: str, fields: list[tuple[str, str]], template_cell: Callable[[str], str],
                    *, contains: bool = False, taken: set[str] | None = None,
                    marked: bool = True) -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]]]:
        """Label/value rows (基本信息, 正文): each field found by its label in column A. A renamed sheet is
        found by its labels (and, in a template, reported)."""
        found = pairs_sheet(sheet, self.sheets, fields, contains, taken or set(), self._raw)
        if found is None:
            if marked and fields and sheet not in self.refused:  # refused: said once, why (FILE-UNSAFE...)
                self.findings.append(self._sheet_missing(sheet, words.ITEM_NAMES_NOT_FOUND))
            return {}, {}
        name, rows, hits = found
        if name != sheet and marked:
            self.findings.append(make("STRUCT-SHEET-RENAMED", file=self.file, sheet=name, expected=sheet,
                                      actual=name))
        return pair_values(sheet, name, rows, hits, template_cell)

    def _year_as_read(self, raw: str, where: tuple[str, str] | None) -> None:
        """INFO-YEAR-COERCED: a year typed with words or full-width digits ("2025年", "２０２５") is read
        as the year its digits make (as ``Report.year`` does), and said, as a number cell would be."""
        digits = "".join(ch for ch in raw.strip() if ch.isdigit())
        if len(digits) == 4 and where is not None and raw.strip() != str(int(digits)):
            self.findings.append(make("INFO-YEAR-COERCED", file=self.file, sheet=where[0], cell=where[1],
                                      row_label=YEAR_LABEL, expected=int(digits), actual=raw.strip()))

    def _recompute_summary(self, layout: LayoutSpec, inputs: dict[str, Number]) -> None:
        """A summary whose figures read blank: its cells are formulas over the 明细 sheet, and a program
        that saves without computing them (openpyxl, some converters) leaves no results. The figures are
        then the sums of the 明细 rows, said once; never zeros."""
        from nianbao.read.detail import detail_rows  # a summary's 明细: rarely, and not at start-up
        found = detail_rows(self.data, layout, self.path.name)  # the bytes read: also a file held in memory (the inbox)
        if isinstance(found, str):
            self.findings.append(make("SUMMARY-NO-VALUES", file=self.file, count=len(self.blank_keys),
                                      reason=words.DETAIL_UNUSABLE.format(why=found)))
            return
        _rows, sums = found
        for key in self.blank_keys:
            inputs[key] = sums[key]
        self.findings[:] = [f for f in self.findings if f.code != READ_BLANK]
        self.findings.append(make("SUMMARY-RECOMPUTED", file=self.file, count=len(self.blank_keys)))

    def _result(self, report: Report | None, kind: str) -> Reading:
        return Reading(path=self.file, report=report, findings=tuple(self.findings), kind=kind, moved=dict(self.moved),
                       with_errors=self.with_errors, text_inputs=frozenset(self.text_inputs),
                       displayed=dict(self.displayed),
                       data=getattr(self, "data", b""), inspection=getattr(self, "inspection", None))


@cache
def _likely_sheets() -> frozenset[str]:
    """The sheets a reader reads of a workbook that has them: the identity sheet, 基本信息, 正文 and every
    layout's tables."""
    return frozenset({ID_SHEET, INFO_SHEET, TEXT_SHEET, *(t.sheet for layout in all_layouts() for t in layout.tables)})


def _candidate_sheets(sheets: list[str], table: TableSpec, marked: bool, extra: list[str]) -> list[str]:
    """The sheets that may hold ``table``, in the order they are tried: its own name; in a marked
    workbook that has it, the sheets no template has (a copy); else the same name after normalising and
    every other sheet of data."""
    names = [table.sheet] if table.sheet in sheets else []
    if marked and names:
        return names + [s for s in extra if s != table.sheet]
    want = normalise_text(table.sheet)
    names += [s for s in sheets if s not in names and normalise_text(s) == want]
    names += [s for s in sheets if s not in names and s not in (ID_SHEET, INFO_SHEET, TEXT_SHEET)]
    return names


# -- the cells of a table ----------------------------------------------------------------------------
def _in_place(table: TableSpec, sheet: str, place: Placement) -> bool:
    """Whether the table is where the template has it: every cell at its template address."""
    r0, c0 = table.sheet_pos(0, 0)
    return sheet == table.sheet and place.rows[0] == r0 and place.cols[0] == c0 and place.in_order


