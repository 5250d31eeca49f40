"""A merge in other forms than the workbook: the lines a clerk reads on the console and above the status
table, the detail table (a DataFrame), CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nianbao.files import write_atomic
from nianbao.form.finding_tags import OTHER_COUNTY, Tag
from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_WARN
from nianbao.form.sheets import TOTAL_LABEL
from nianbao.form.spec import CellSpec, LayoutSpec, Number
from nianbao.merge.outcome import (
    STATUS_MISSING,
    STATUS_NOT_COUNTED,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    MergeResult,
    Status,
    detail_cells,
)
from nianbao.wording import merge as words

if TYPE_CHECKING:
    import pandas as pd

#: the detail frame's columns before the data cells (DETAIL_FIXED without 序号)
FIXED_KEYS = ("office", "category", "county", "status", "file", "preparer", "phone", "date", "received")


# == what the clerk reads =========================================================================
def status_notes(result: MergeResult) -> list[str]:
    """The notes under the status table: who is summed, and why."""
    return [words.ROSTER_POLICY if result.roster is not None else words.NO_ROSTER_POLICY, words.ERRORS_POLICY,
            words.LATEST_POLICY, words.TIE_POLICY, words.SAME_FILES_POLICY, words.FORMULAS_NOTE]


def errors_warning(result: MergeResult) -> str:
    """The warning that the sum includes reports with errors ('' when it does not)."""
    errors = result.included_with_errors
    if not errors:
        return ""
    return words.ERRORS_WARNING.format(count=len(errors), offices="、".join(e.office for e in errors))


def console_findings(result: MergeResult) -> list[str]:
    """The messages about the summary as a whole that ``nianbao merge`` prints below its table."""
    return [f.message for f in result.findings if f.has(Tag.CONSOLE)]


def overview_line(result: MergeResult) -> str:
    """One sentence: how many offices submitted, passed, are missing; how many reports are summed."""
    counts: dict[str, int] = {}
    for st in result.statuses:
        counts[st.status] = counts.get(st.status, 0) + 1
    ok, warn, err = (counts.get(SUBMITTED_STATUS[k], 0) for k in (STATUS_OK, STATUS_WARN, STATUS_ERROR))
    out = sum(1 for st in result.statuses if st.status == STATUS_NOT_COUNTED and st.office)
    sent = words.SENT_COUNTS.format(ok=ok, warn=warn, err=err,
                                    not_counted=words.NOT_COUNTED_COUNT.format(count=out) if out else "")
    parts = []
    if result.roster is not None:
        parts.append(words.ROSTER_OVERVIEW.format(roster=len(result.roster), sent=ok + warn + err + out, counts=sent,
                                                  missing=counts.get(STATUS_MISSING, 0)))
        if counts.get(STATUS_OFF_ROSTER):
            other = sum(1 for e in result.entries if any(f.code == OTHER_COUNTY for f in e.findings))
            parts.append(words.OFF_ROSTER_OVERVIEW.format(
                count=counts[STATUS_OFF_ROSTER], other_county=words.OTHER_COUNTY_COUNT.format(count=other) if other else ""))
    else:
        parts.append(words.SENT_OVERVIEW.format(sent=ok + warn + err + out, counts=sent))
    nameless = sum(1 for st in result.statuses if st.status == STATUS_NOT_COUNTED and not st.office)
    if nameless:
        parts.append(words.NAMELESS_OVERVIEW.format(count=nameless))
    if counts.get(Status.UNREADABLE):
        parts.append(words.UNREADABLE_OVERVIEW.format(count=counts[Status.UNREADABLE]))
    with_errors = len(result.included_with_errors)
    parts.append(words.SUMMED_OVERVIEW.format(
        reports=len(result.rows), offices=len(result.report.included),
        with_errors=words.WITH_ERRORS_COUNT.format(count=with_errors) if with_errors else ""))
    return "；".join(parts) + "。"


def status_lines(result: MergeResult) -> list[str]:
    """The status table as plain lines (the demo prints them)."""
    lines = [overview_line(result)]
    for st in result.statuses:
        note = f"（{st.note}）" if st.note else ""
        lines.append(f"  {st.office or '、'.join(st.files)}：{st.status}{'' if st.included else words.NOT_SUMMED}{note}")
    return lines


# == the detail table ================================================================================
def cell_heading(layout: LayoutSpec, spec: CellSpec) -> str:
    """One-line heading of a data cell: 表三!D6 一、本年新收…｜自然人."""
    sheet, a1 = layout.a1(spec.key)
    return f"{sheet}!{a1} {spec.where}"


def detail_fixed(result: MergeResult) -> list[tuple[str, ...]]:
    """The detail table's fixed columns (``FIXED_KEYS``) of each included report."""
    out: list[tuple[str, ...]] = []
    for e in result.rows:
        assert e.report is not None
        out.append((e.office, e.report.info.get("category", ""), e.info("county"), e.status, e.name,
                    e.info("preparer"), e.info("phone"), e.info("date"), e.received))
    return out


def detail_frame(result: MergeResult) -> pd.DataFrame:
    """The detail table: one row per included report, one column per data cell (keys as column names)."""
    cells = detail_cells(result.layout)
    records = [[*fixed, *values] for fixed, values in zip(detail_fixed(result), result.detail_values, strict=True)]
    columns = [*FIXED_KEYS, *(c.key for c in cells)]
    import pandas as pd  # only where a detail table is built

    return pd.DataFrame.from_records(records, columns=columns)


def _json(v: Number) -> int | str:
    return str(v) if isinstance(v, Decimal) else int(v)


def xl_number(v: Any) -> int | float:
    return float(v) if isinstance(v, Decimal) else int(v)


# == machine-readable forms ==========================================================================
#: what makes a spreadsheet program take a CSV field for a formula
_FORMULA_START = frozenset("=+-@\t\r")


def csv_text(text: str) -> str:
    """A text field made safe for a spreadsheet program opening the CSV: a text starting with = + - @ (or a
    tab or carriage return) would be taken as a formula (=HYPERLINK(...) in an office name), so it gets a
    leading single quote, as OWASP advises. Numbers are never passed here."""
    return "'" + text if text[:1] in _FORMULA_START else text


def detail_csv(result: MergeResult) -> str:
    """The detail table as CSV (UTF-8 with BOM when written, for Excel): Chinese headings."""
    layout = result.layout
    cells = detail_cells(layout)
    frame = detail_frame(result)
    for col in FIXED_KEYS:
        frame[col] = frame[col].map(csv_text)
    # the columns of earlier versions first, where they were; 所属县, 填报人… at the end
    first, later = ["office", "category", "status", "file"], ["county", "preparer", "phone", "date", "received"]
    frame = frame[[*first, *(c.key for c in cells), *later]]
    frame.columns = [*words.DETAIL_CSV_COLUMNS, *(cell_heading(layout, c) for c in cells), *words.CONTACT_HEADER]
    for c in cells:
        if c.kind.value == "amount":
            frame[cell_heading(layout, c)] = frame[cell_heading(layout, c)].map(str)
    total = {**dict.fromkeys(words.DETAIL_CSV_COLUMNS, ""), words.DETAIL_CSV_COLUMNS[0]: TOTAL_LABEL,
             **dict.fromkeys(words.CONTACT_HEADER, "")}
    for c in cells:
        v = result.report.values[c.key]
        total[cell_heading(layout, c)] = str(v) if isinstance(v, Decimal) else int(v)  # type: ignore[assignment]
    import pandas as pd

    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return str(frame.to_csv(index=False, lineterminator="\n"))


def status_csv(result: MergeResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow((*words.STATUS_HEADER[1:], *words.CONTACT_HEADER))
    for st in result.statuses:
        w.writerow((*map(csv_text, (st.office, st.category, st.status, words.YES if st.included else words.NO,
                                    "、".join(st.files))), st.errors, st.warnings, csv_text(st.note),
                    *map(csv_text, (st.county, st.preparer, st.phone, st.date, st.received))))
    return buf.getvalue()


def status_csv_path(path: Path) -> Path:
    """Where the status table goes beside the detail CSV ``path``."""
    return path.with_name(words.STATUS_CSV_NAME.format(stem=path.stem, suffix=path.suffix or ".csv"))


def write_csv(path: Path, result: MergeResult, *, force: bool = False) -> tuple[Path, Path]:
    """The detail table to ``path`` and the status table beside it (…-状态.csv)."""
    detail = detail_csv(result)
    status = status_csv(result)
    a = write_atomic(Path(path), lambda p: p.write_text(detail, encoding="utf-8-sig"), force=force)
    b = write_atomic(status_csv_path(Path(path)), lambda p: p.write_text(status, encoding="utf-8-sig"), force=force)
    return a, b


def result_json(result: MergeResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1)
