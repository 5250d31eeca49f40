"""One file's verdict: read it, then judge what was read by the rules of the form.

``check_file`` never raises for bad input: whatever the file is, it gives a ``FileResult`` whose findings
say, in Chinese and at the cell, what is wrong. It is safe in a worker process. ``check_paths`` does it for
files and directories (recursively), skipping what is not a spreadsheet with a reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nianbao.check.narrative import empty_text_findings
from nianbao.check.pool import run_pooled
from nianbao.check.rules import value_finding
from nianbao.check.textcells import gather_coerced
from nianbao.check.validate import category_finding, validate_report
from nianbao.files import plain_reason
from nianbao.form.filenames import office_named, same_office_name
from nianbao.form.finding_tags import OFFICE_FILE_NAME, Tag
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.result import STATUS_ERROR, STATUS_UNREADABLE, FileResult
from nianbao.form.sheets import INFO_SHEET, LEVEL_SUMMARY, info_cell, info_label
from nianbao.form.spec import LayoutSpec
from nianbao.read.isolate import Crash, pack_result, unpack_result
from nianbao.read.paths import collect_paths
from nianbao.read.reader import Reading, read_bytes, read_vouched, read_workbook
from nianbao.read.safety import Inspection
from nianbao.read.shown import shown_note
from nianbao.wording import check as words
from nianbao.wording import read as read_words

__all__ = ["CheckRun", "check_bytes", "check_file", "check_paths"]

def check_file(path: Path | str, data: bytes | None = None, inspection: Inspection | None = None) -> FileResult:
    """Read, recognise and validate one workbook. Never raises for bad input. ``data`` and ``inspection``:
    the file's bytes and their ``inspect_bytes``, when the caller has them (see ``read_workbook``)."""
    return _verdict(read_workbook(path, data, inspection))


def check_bytes(data: bytes, name: str) -> FileResult:
    """``check_file`` for bytes in memory; ``name`` (the original file name) is the result's path."""
    return _verdict(read_bytes(data, name))


def _verdict(reading: Reading) -> FileResult:
    if reading.report is None:
        return reading.result()
    try:
        result = reading.result(_judge(reading))
        found, typed = gather_coerced(reading.report, result.findings, reading.text_inputs, reading.path)
        return replace(result, findings=tuple(found), extra={**result.extra, "typed": typed}) if typed else result
    except Exception as exc:  # the last guard: a file must never stop a batch or show a traceback
        f = make("FILE-CORRUPT", file=reading.path, name=Path(reading.path).name,
                 detail=read_words.READ_FAILED.format(reason=plain_reason(exc)))
        return FileResult(path=reading.path, report=None, findings=(f,), kind="unreadable")


def _judge(reading: Reading) -> list[Finding]:
    """The findings of the rules about what was read, each at the cell where it actually is."""
    report = reading.report
    assert report is not None
    layout, file = report.layout, reading.path
    found = _name_displayed(reading, validate_report(report, file)) + empty_text_findings(report, file)
    found += _named_otherwise(report, file)
    untouched = (report.level != LEVEL_SUMMARY and not any(report.inputs.values()) and not any(report.texts.values())
                 and not any(report.info.get(k, "").strip() for k in ("preparer", "phone", "date")))
    if untouched:  # the blank template sent back by mistake: all zeros is a possible year, but not this
        found.append(make("INFO-UNFILLED", file=file, sheet=INFO_SHEET, cell=info_cell(layout, "preparer"),
                          row_label=info_label(layout, "preparer")))
    rules_made = any(report.values.get(k) for k in layout.role("rules"))
    if rules_made and not report.info.get("category", "").strip() and report.level != LEVEL_SUMMARY:
        found.append(category_finding(report, file))  # so L-RULES could not be checked
    if any((f.has(Tag.SHEET_LOST) or f.has(Tag.REFUSES_READ)) and f.sheet == INFO_SHEET for f in reading.findings):
        found = [f for f in found if not f.has(Tag.REQUIRED_INFO)]  # said once: sheet missing, damaged or refused
    found = _explain_totals(reading, layout, _skip_text_sums(reading, found))
    return [_move(reading, f) for f in found]


def _named_otherwise(report: Report, file: str) -> list[Finding]:
    """INFO-OFFICE-FILE-NAME: the file's name says it is another office's report (县教育局-2025年报.xlsx holding
    县财政局's), a file sent by the wrong office or filled in from another office's copy. Not on a summary."""
    named, office = office_named(Path(file).name), report.office
    if not named or not office.strip() or report.level == LEVEL_SUMMARY:
        return []
    if same_office_name(named, office):
        return []
    return [make(OFFICE_FILE_NAME, file=file, sheet=INFO_SHEET, cell=info_cell(report.layout, "office"),
                 row_label=info_label(report.layout, "office"), name=Path(file).name, named=named, actual=office)]


def _name_displayed(reading: Reading, found: list[Finding]) -> list[Finding]:
    """A wrong number that the sheet shows otherwise (2.5 shown as "3" by its number format): the
    finding names both, so the clerk finds the cell they see."""
    report = reading.report
    if not reading.displayed or report is None:
        return found
    by_addr = {report.layout.a1(key): key for key in reading.displayed}
    out = []
    for f in found:
        key = by_addr.get((f.sheet, f.cell)) if f.has(Tag.VALUE_RULE) else None
        if key is not None:
            f = value_finding(report.layout.cells[key], report, f.actual, f.file,
                              shown_note=shown_note(reading.displayed[key]))
        out.append(f)
    return out


# -- stated totals: overwritten or not recalculated --------------------------------------------------
def _skip_text_sums(reading: Reading, found: list[Finding]) -> list[Finding]:
    """A stated total that equals the sum a spreadsheet makes, which skips cells holding text ("5件"),
    is a sound formula: the text cell has its own READ-COERCED warning, the total no finding."""
    report = reading.report
    if not reading.text_inputs or report is None:
        return found
    as_summed = report.layout.compute({k: v for k, v in report.inputs.items() if k not in reading.text_inputs})
    by_addr = {report.layout.a1(c.key): c.key for c in report.layout.totals}
    out = []
    for f in found:
        key = by_addr.get((f.sheet, f.cell)) if f.has(Tag.STATED_TOTAL) else None
        if key is not None and report.stated.get(key) == as_summed[key]:
            continue
        out.append(f)
    return out


def _explain_totals(reading: Reading, layout: LayoutSpec, found: list[Finding]) -> list[Finding]:
    """A stated total that disagrees: say whether its formula is gone (.xlsx and .ods, from the XML)."""
    wrong = [f for f in found if f.has(Tag.STATED_TOTAL)]
    if not wrong:
        return found
    by_addr = {layout.a1(c.key): c for c in layout.totals}
    if reading.file_kind not in ("xlsx", "ods"):
        # .xls: whether the formula is still there is not read; say both possibilities
        return [f if not f.has(Tag.STATED_TOTAL) else
                make("TOTAL-MISMATCH", file=f.file, sheet=f.sheet, cell=f.cell, row_label=f.row_label,
                     col_label=f.col_label, expected=f.expected, actual=f.actual, key=f.key,
                     where=by_addr[(f.sheet, f.cell)].where) for f in found]
    cells: dict[str, set[str]] = {}
    for f in wrong:
        sheet, a1 = reading.moved.get((f.sheet, f.cell), (f.sheet, f.cell))
        cells.setdefault(sheet, set()).add(a1)
    formulas = reading.formula_cells(cells)
    reshaped = {f.sheet for f in reading.findings if f.has(Tag.RESHAPED)}
    out: list[Finding] = []
    for f in found:
        if not f.has(Tag.STATED_TOTAL):
            out.append(f)
            continue
        sheet, a1 = reading.moved.get((f.sheet, f.cell), (f.sheet, f.cell))
        has = formulas.get((sheet, a1))
        spec = by_addr[(f.sheet, f.cell)]
        if has is None:
            out.append(f)
            continue
        code = "TOTAL-STALE" if has else "TOTAL-OVERWRITTEN"
        if has and f.sheet in reshaped:  # the formula is current: it sums an inserted row, it is not stale
            code = "TOTAL-WITH-INSERTED"
        out.append(make(code, file=f.file, sheet=f.sheet, cell=f.cell, row_label=f.row_label,
                        col_label=f.col_label, expected=f.expected, actual=f.actual, where=spec.where,
                        key=f.key))
    return out


def _move(reading: Reading, f: Finding) -> Finding:
    """The finding at the cell where it actually is in the file: the one place a layout's position is
    translated into the file's (``Reading.moved``); the message is rendered anew from the finding's fields."""
    to = reading.moved.get((f.sheet, f.cell))
    more = tuple(reading.moved.get((f.sheet, c), (f.sheet, c))[1] for c in f.cells)
    if (to is None or to == (f.sheet, f.cell)) and more == f.cells:
        return f
    sheet, cell = to if to is not None else (f.sheet, f.cell)
    return f.at(sheet, cell, more)


# -- the run over many files ------------------------------------------------------------------------
@dataclass
class CheckRun:
    """The result of checking many paths: one ``FileResult`` per file read, and what was skipped."""

    results: list[FileResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason in Chinese)
    #: with ``--previous``: what is said of last year's files (of another year, unreadable, without text)
    about_previous: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(r.status in (STATUS_ERROR, STATUS_UNREADABLE) for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        out = {
            "files": [r.to_dict() for r in self.results],
            "skipped": [{"path": p, "reason": why} for p, why in self.skipped],
            "summary": {"files": len(self.results), "skipped": len(self.skipped), "by_status": counts},
        }
        if self.about_previous:
            out["previous"] = [f.to_dict() for f in self.about_previous]
        return out


def check_paths(paths: Sequence[Path], progress: Callable[[int, int, Path], None] | None = None, *,
                exclude: Path | None = None) -> CheckRun:
    """Read and validate every spreadsheet under ``paths``, in worker processes (the pool merge reads with,
    ``check.pool``: several files a round trip when there are many, a crash costs only its file; the results
    the same as a serial run, in input order); ``progress(done, total, path)`` after each. Files inside the
    folder ``exclude`` (where annotated copies are written) are skipped, with a reason."""
    files, skipped = collect_paths(paths)
    if exclude is not None and exclude.is_dir():
        ours = exclude.resolve()
        own = [f for f in files if f.resolve().is_relative_to(ours)]
        files = [f for f in files if f not in own]
        skipped += [(str(f), words.IN_ANNOTATE_FOLDER) for f in own]
    run = CheckRun(skipped=skipped)
    if len(files) == 1 and (one := read_vouched(files[0])) is not None:  # no worker to start and wait for
        run.results = [_verdict(one)]
        if progress is not None:
            progress(1, 1, files[0])
        return run
    done: dict[int, FileResult] = {}
    jobs = min(len(files), os.cpu_count() or 1)
    for i, packed in run_pooled(_check_packed, [str(f) for f in files], jobs=jobs):  # merge's pool
        done[i] = crashed(str(files[i]), packed.reason) if isinstance(packed, Crash) else unpack_result(packed)
        if progress is not None:
            progress(len(done), len(files), files[i])
    run.results = [done[i] for i in range(len(files))]
    return run


def _check_packed(path: str) -> tuple[Any, ...]:
    """Worker: ``check_file`` as a plain value (see ``nianbao.read.isolate``)."""
    return pack_result(check_file(path))


def crashed(path: str, reason: str) -> FileResult:
    """The result of a file whose reading process died: unreadable, with the reason."""
    f = make("FILE-CRASH", file=path, name=Path(path).name, detail=reason)
    return FileResult(path=path, report=None, findings=(f,), kind="unreadable")
