"""Numbers typed as text ("8" in a text-formatted WPS sheet, "12件"): one finding per table, not one per cell.

The reader reads such a cell as its number and says so at the cell (READ-COERCED). A sheet typed in a
text format gives one at every cell, 144 for a full 表三; check gathers them into one per table, listing
the cells (as READ-BLANK does): READ-TEXT-NUMBERS, a warning (a single cell keeps its READ-COERCED). The
spreadsheet's own SUM skips text: when that makes a total the office's workbook shows (and prints) differ
from the one its figures make, the table's finding is an error, READ-TEXT-TOTALS, however many cells."""

from __future__ import annotations

from typing import Any

from nianbao.form.finding_tags import COERCED
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.wording import check as words

#: how many cells a finding names in its message (all of them are marked in the annotated copy)
NAMED_CELLS = 8


def gather_coerced(report: Report, findings: tuple[Finding, ...], text_inputs: frozenset[str],
                   file: str) -> tuple[list[Finding], dict[str, str]]:
    """``findings`` with the READ-COERCED of each sheet made one; and "sheet!A1" -> what was typed there."""
    by_sheet: dict[str, list[Finding]] = {}
    for f in findings:
        if f.code == COERCED and f.sheet and f.cell:
            by_sheet.setdefault(f.sheet, []).append(f)
    if not by_sheet:
        return list(findings), {}
    coerced = frozenset(f.key for fs in by_sheet.values() for f in fs)
    wrong = _wrong_totals(report, text_inputs & coerced)  # (a text that is not a count has its own error)
    out: list[Finding] = []
    for f in findings:
        cells = by_sheet.get(f.sheet) if f.code == COERCED else None
        if cells is None:
            out.append(f)
        elif f is cells[0]:
            out.append(_table_finding(report, f.sheet, cells, wrong.get(f.sheet, []), file))
    typed = {f"{f.sheet}!{f.cell}": f.actual or "" for fs in by_sheet.values() for f in fs}
    return out, typed


def _wrong_totals(report: Report, text_inputs: frozenset[str]) -> dict[str, list[str]]:
    """Sheet -> the totals ("J6 显示 0，应为 8") that the spreadsheet, skipping text, shows otherwise."""
    layout = report.layout
    as_summed = layout.compute({k: v for k, v in report.inputs.items() if k not in text_inputs})
    out: dict[str, list[str]] = {}
    for spec in layout.totals:
        if as_summed.get(spec.key) != report.values.get(spec.key):
            sheet, a1 = layout.a1(spec.key)
            out.setdefault(sheet, []).append(words.TOTAL_SHOWN.format(
                cell=a1, shown=as_summed[spec.key], right=report.values[spec.key]))
    return out


def _table_finding(report: Report, sheet: str, cells: list[Finding], wrong: list[str], file: str) -> Finding:
    named = words.LIST_SEP.join(words.TYPED_CELL.format(cell=f.cell, typed=f.actual, read=f.expected)
                                for f in cells[:NAMED_CELLS])
    if len(cells) > NAMED_CELLS:
        named += words.AND_MORE
    first = cells[0]
    common: dict[str, Any] = {"file": file, "sheet": sheet, "cell": first.cell, "cells": tuple(f.cell for f in cells[1:]),
              "count": len(cells), "named": named, "row_label": first.row_label, "col_label": first.col_label,
              "key": first.key}
    if wrong:
        shown = words.LIST_SEP.join(wrong[:NAMED_CELLS]) + (words.AND_MORE if len(wrong) > NAMED_CELLS else "")
        return make("READ-TEXT-TOTALS", **common, totals=shown)
    return first if len(cells) == 1 else make("READ-TEXT-NUMBERS", **common)
