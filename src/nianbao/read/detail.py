"""A nianbao summary workbook's 明细 sheet read back: each office's figures, as the summary summed them.

A city's merge uses them to compare offices with last year (the cross-year checks) and to recompute a
summary whose figures were saved without results."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import python_calamine as pc

from nianbao.files import plain_reason, read_regular
from nianbao.form.model import Report
from nianbao.form.sheets import DETAIL_FIXED, DETAIL_SHEET, TOTAL_LABEL, split_entry
from nianbao.form.spec import Kind, LayoutSpec, Number, to_a1
from nianbao.read.roster import normalise_name
from nianbao.read.safety import MAX_FILE_BYTES, UnsafeSheet, inspect_bytes
from nianbao.read.values import parse_value
from nianbao.wording import read as words

__all__ = ["detail_rows", "read_detail"]


def read_detail(path: str | Path, summary: Report) -> tuple[list[Report], str]:
    """The offices' reports kept in the 明细 sheet of a nianbao summary workbook (read back from ``path``,
    whose report is ``summary``), or ``([], reason)`` in Chinese when they cannot be read.

    Only rows of the summary's included offices are offices: a row standing for a lower summary (a city's
    county) is left out. The rows must add up to the summary's tables (a 明细 sheet edited by hand is
    not trusted)."""
    layout = summary.layout
    found = detail_rows(path, layout)
    if isinstance(found, str):
        return [], found
    rows, sums = found
    if any(sums[c.key] != summary.inputs.get(c.key, 0) for c in layout.inputs):
        return [], words.DETAIL_TOTALS_DIFFER
    # the 明细 sheet names offices without their county; the office list may say "甲县｜县财政局"
    counties = {normalise_name(o): c for c, o in map(split_entry, summary.included)}
    year = summary.info.get("year", "")
    out = [Report(layout=layout, inputs=inputs, info={
               "office": office, "category": category, "year": year,
               "county": counties[normalise_name(office)] or summary.info.get("county", "")})
           for office, category, inputs in rows if normalise_name(office) in counties]
    if not out:
        return [], words.DETAIL_ONLY_SUMMARIES
    return out, ""


def detail_rows(path: str | Path | bytes, layout: LayoutSpec, name: str = ""
                ) -> tuple[list[tuple[str, str, dict[str, Number]]], dict[str, Number]] | str:
    """The rows of the 明细 sheet of a nianbao summary workbook (a path, or its bytes): (office, category,
    figures) each, and their sums; or the reason in Chinese why they cannot be read. Columns are found by their position
    headings (表三!D7), rows run down to the 合计 row. Read with calamine, after the same safety checks
    as the reader. ``name``: the file's name in the reason (bytes have none of their own)."""
    rows = _detail_sheet(path, name or (Path(path).name if not isinstance(path, bytes) else "?"))
    if isinstance(rows, str):
        return rows
    found = _detail_columns(rows, layout)
    if isinstance(found, str):
        return found
    head, columns = found
    return _detail_figures(rows, head, columns, layout)


def _detail_sheet(path: str | Path | bytes, name: str) -> list[list[Any]] | str:
    """The cells of the 明细 sheet, or why it cannot be read (the file called ``name``)."""
    try:
        data = path if isinstance(path, bytes) else read_regular(path, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            return words.DETAIL_FILE_TOO_LARGE
        ins = inspect_bytes(data)
        if ins.kind == "far" or ins.far_cell(DETAIL_SHEET):
            return words.DETAIL_SHEET_TOO_LARGE
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if DETAIL_SHEET not in wb.sheet_names:
            return words.DETAIL_SHEET_MISSING
        rows: list[list[Any]] = wb.get_sheet_by_name(DETAIL_SHEET).to_python(skip_empty_area=False)
    except (OSError, UnsafeSheet) as exc:
        reason = str(exc) if isinstance(exc, UnsafeSheet) else plain_reason(exc)
        return words.DETAIL_UNREADABLE.format(name=name, reason=reason)
    except Exception:  # calamine's errors: ZipError, XmlError, CalamineError, ...
        return words.DETAIL_DAMAGED
    return rows


def _detail_columns(rows: list[list[Any]], layout: LayoutSpec) -> tuple[int, dict[str, int]] | str:
    """The heading row and the column of each input (by its position heading), or what is wrong."""
    head = next((i for i, row in enumerate(rows[:20]) if len(row) > 1 and row[1] == DETAIL_FIXED[1]), None)
    if head is None:
        return words.DETAIL_NO_HEADER
    position = {f"{sheet}!{a1}": spec for spec in layout.inputs for sheet, a1 in [layout.a1(spec.key)]}
    columns = {position[str(v).strip()].key: j for j, v in enumerate(rows[head]) if str(v).strip() in position}
    if len(columns) != len(layout.inputs):
        return words.DETAIL_COLUMNS_DIFFER.format(layout=layout.name)
    return head, columns


def _detail_figures(rows: list[list[Any]], head: int, columns: dict[str, int],
                    layout: LayoutSpec) -> tuple[list[tuple[str, str, dict[str, Number]]], dict[str, Number]] | str:
    """The office rows below the heading, down to the 合计 row, and their sums."""
    out: list[tuple[str, str, dict[str, Number]]] = []
    sums: dict[str, Number] = {c.key: Decimal(0) if c.kind is Kind.AMOUNT else 0 for c in layout.inputs}
    for r, row in enumerate(rows[head + 1:], start=head + 1):
        if row and str(row[0]).strip() == TOTAL_LABEL:
            return out, sums
        inputs = _row_figures(row, r, columns, layout)
        if isinstance(inputs, str):
            return inputs
        for key, value in inputs.items():
            sums[key] += value
        office = str(row[1]).strip() if len(row) > 1 else ""
        out.append((office, str(row[2]).strip() if len(row) > 2 else "", inputs))
    return words.DETAIL_NO_TOTAL_ROW


def _row_figures(row: list[Any], r: int, columns: dict[str, int], layout: LayoutSpec) -> dict[str, Number] | str:
    """One office's figures (row ``r``), or which cell is not a number."""
    inputs: dict[str, Number] = {}
    for spec in layout.inputs:
        j = columns[spec.key]
        value = parse_value(row[j] if j < len(row) else None, spec.kind).value
        if value is None or (spec.kind is not Kind.AMOUNT and not isinstance(value, int)):
            return words.DETAIL_CELL_NOT_A_NUMBER.format(cell=to_a1(r, j))
        inputs[spec.key] = value
    return inputs
