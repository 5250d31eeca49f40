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
from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_WARN
from nianbao.form.sheets import TOTAL_LABEL
from nianbao.form.spec import CellSpec, LayoutSpec, Number
from nianbao.merge.outcome import (
    ERRORS_POLICY,
    NO,
    ROSTER_POLICY,
    STATUS_MISSING,
    STATUS_NOT_COUNTED,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    YES,
    MergeResult,
    Status,
    detail_cells,
)

if TYPE_CHECKING:
    import pandas as pd

STATUS_HEADER = ("序号", "单位名称", "单位类别", "状态", "是否计入汇总", "文件", "错误数", "警告数", "说明")
CONTACT_HEADER = ("所属县", "填报人", "联系电话", "填报日期", "收到时间")  # 状态 and 明细 carry them too
#: the detail frame's columns before the data cells (DETAIL_FIXED without 序号)
FIXED_KEYS = ("office", "category", "county", "status", "file", "preparer", "phone", "date", "received")


# == what the clerk reads =========================================================================
def status_notes(result: MergeResult) -> list[str]:
    """The notes under the status table: who is summed, and why."""
    notes = [ROSTER_POLICY if result.roster is not None else "本次汇总没有给出名单：读到的全部报告都计入汇总，"
             "“状态”表列出的就是提交了报告的单位。", ERRORS_POLICY,
             "同一单位有多份报告的，按填报日期（相同时按文件修改时间）取最新的一份，其余列为“已被更新的报告取代”；"
             "内容完全相同的文件只计一次。年度或格式版本与其他报告不同的报告不计入汇总。",
             "汇总表（表二、表三、表四）中的每个数字都是“明细”表合计行的公式，可以逐项追查到各单位。"]
    return notes


def errors_warning(result: MergeResult) -> str:
    """The warning that the sum includes reports with errors ('' when it does not)."""
    errors = result.included_with_errors
    if not errors:
        return ""
    return (f"注意：汇总计入了 {len(errors)} 份有错误的报告（{'、'.join(e.office for e in errors)}），"
            "汇总数字可能不准确。")


#: findings about the summary as a whole that the console prints (the others are in its table and lines)
CONSOLE_CODES = ("MERGE-EMPTY", "X-", "MERGE-PREVIOUS", "MERGE-SAME-NAME", "MERGE-SIMILAR-NAMES", "MERGE-MIXED-VARIANT")


def console_findings(result: MergeResult) -> list[str]:
    """The messages about the summary as a whole that ``nianbao merge`` prints below its table."""
    return [f.message for f in result.findings if f.code.startswith(CONSOLE_CODES)]


def overview_line(result: MergeResult) -> str:
    """One sentence: how many offices submitted, passed, are missing; how many reports are summed."""
    counts: dict[str, int] = {}
    for st in result.statuses:
        counts[st.status] = counts.get(st.status, 0) + 1
    ok, warn, err = (counts.get(SUBMITTED_STATUS[k], 0) for k in (STATUS_OK, STATUS_WARN, STATUS_ERROR))
    out = sum(1 for st in result.statuses if st.status == STATUS_NOT_COUNTED and st.office)
    sent = f"（通过 {ok}，有警告 {warn}，有错误 {err}" + (f"，未计入 {out}" if out else "") + "）"
    parts = []
    if result.roster is not None:
        parts.append(f"名单 {len(result.roster)} 个单位：已提交 {ok + warn + err + out} 个{sent}，"
                     f"未提交 {counts.get(STATUS_MISSING, 0)} 个")
        if counts.get(STATUS_OFF_ROSTER):
            other = sum(1 for e in result.entries if any(f.code == "MERGE-OTHER-COUNTY" for f in e.findings))
            parts.append(f"名单外 {counts[STATUS_OFF_ROSTER]} 个（" + (f"其中外县单位 {other} 个，" if other else "")
                         + "未计入汇总）")
    else:
        parts.append(f"共 {ok + warn + err + out} 个单位提交{sent}")
    nameless = sum(1 for st in result.statuses if st.status == STATUS_NOT_COUNTED and not st.office)
    if nameless:
        parts.append(f"没有单位名称的文件 {nameless} 个（未计入汇总）")
    if counts.get(Status.UNREADABLE):
        parts.append(f"无法读取的文件 {counts[Status.UNREADABLE]} 个")
    with_errors = len(result.included_with_errors)
    parts.append(f"汇总计入 {len(result.rows)} 份报告（共 {len(result.report.included)} 个单位）"
                 + (f"，其中 {with_errors} 份有错误" if with_errors else ""))
    return "；".join(parts) + "。"


def status_lines(result: MergeResult) -> list[str]:
    """The status table as plain lines (the demo prints them)."""
    lines = [overview_line(result)]
    for st in result.statuses:
        note = f"（{st.note}）" if st.note else ""
        lines.append(f"  {st.office or '、'.join(st.files)}：{st.status}{'' if st.included else '，未计入汇总'}{note}")
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
    frame.columns = ["单位名称", "单位类别", "状态", "文件", *(cell_heading(layout, c) for c in cells), *CONTACT_HEADER]
    for c in cells:
        if c.kind.value == "amount":
            frame[cell_heading(layout, c)] = frame[cell_heading(layout, c)].map(str)
    total = {"单位名称": TOTAL_LABEL, "单位类别": "", "状态": "", "文件": "", **dict.fromkeys(CONTACT_HEADER, "")}
    for c in cells:
        v = result.report.values[c.key]
        total[cell_heading(layout, c)] = str(v) if isinstance(v, Decimal) else int(v)  # type: ignore[assignment]
    import pandas as pd

    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return str(frame.to_csv(index=False, lineterminator="\n"))


def status_csv(result: MergeResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow((*STATUS_HEADER[1:], *CONTACT_HEADER))
    for st in result.statuses:
        w.writerow((*map(csv_text, (st.office, st.category, st.status, YES if st.included else NO,
                                    "、".join(st.files))), st.errors, st.warnings, csv_text(st.note),
                    *map(csv_text, (st.county, st.preparer, st.phone, st.date, st.received))))
    return buf.getvalue()


def status_csv_path(path: Path) -> Path:
    """Where the status table goes beside the detail CSV ``path``."""
    return path.with_name(f"{path.stem}-状态{path.suffix or '.csv'}")


def write_csv(path: Path, result: MergeResult, *, force: bool = False) -> tuple[Path, Path]:
    """The detail table to ``path`` and the status table beside it (…-状态.csv)."""
    detail = detail_csv(result)
    status = status_csv(result)
    a = write_atomic(Path(path), lambda p: p.write_text(detail, encoding="utf-8-sig"), force=force)
    b = write_atomic(status_csv_path(Path(path)), lambda p: p.write_text(status, encoding="utf-8-sig"), force=force)
    return a, b


def result_json(result: MergeResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1)
