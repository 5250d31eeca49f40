"""What a merge decided, as plain data: each file's fate (``Entry``), the status table (``StatusRow``)
and the whole ``MergeResult``, with the words a clerk sees for each outcome and status."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from nianbao.form.findings import Finding, Severity
from nianbao.form.model import Report
from nianbao.form.result import (
    STATUS_ERROR,
    STATUS_OK,
    STATUS_UNREADABLE,
    STATUS_WARN,
    FileResult,
    FileStatus,
    display_names,
)
from nianbao.form.spec import LayoutSpec, Number
from nianbao.merge.plan import detail_cells, detail_plan
from nianbao.merge.reading import ReadItem
from nianbao.read.roster import RosterEntry
from nianbao.wording import merge as words


# -- what a clerk sees in the status table --------------------------------------------------------
class Outcome(StrEnum):
    """The fate of one input file in a merge. The value is the Chinese label the clerk reads (the 文件
    sheet, the JSON; its text in ``wording.merge``), so logic compares members, and the output is the label."""

    INCLUDED = words.OUTCOME_INCLUDED
    SUPERSEDED = words.OUTCOME_SUPERSEDED
    TIED = words.OUTCOME_TIED
    DUPLICATE = words.OUTCOME_DUPLICATE
    REFUSED = words.OUTCOME_REFUSED
    EXCLUDED = words.OUTCOME_EXCLUDED
    UNREADABLE = words.OUTCOME_UNREADABLE
    NOT_ON_ROSTER = words.OUTCOME_NOT_ON_ROSTER
    IN_SUMMARY = words.OUTCOME_IN_SUMMARY

    @property
    def label(self) -> str:
        return str(self.value)


class Status(StrEnum):
    """An office's line in the status table (a roster office, an office found, a file), its value the
    Chinese label (the 状态 sheet, the console, the JSON; its text in ``wording.merge``)."""

    SUBMITTED_OK = words.STATUS_SUBMITTED.format(status=STATUS_OK)
    SUBMITTED_WARN = words.STATUS_SUBMITTED.format(status=STATUS_WARN)
    SUBMITTED_ERROR = words.STATUS_SUBMITTED.format(status=STATUS_ERROR)
    NOT_COUNTED = words.STATUS_NOT_COUNTED  # an office sent a report that is not summed (another year or format…)
    MISSING = words.STATUS_MISSING
    OFF_ROSTER = words.STATUS_OFF_ROSTER
    UNREADABLE = STATUS_UNREADABLE

    @property
    def label(self) -> str:
        return str(self.value)


STATUS_MISSING = Status.MISSING
STATUS_OFF_ROSTER = Status.OFF_ROSTER
STATUS_NOT_COUNTED = Status.NOT_COUNTED
#: the status of an office that sent a report, by the report's own status (通过 / 有警告 / 有错误)
SUBMITTED_STATUS = {STATUS_OK: Status.SUBMITTED_OK, STATUS_WARN: Status.SUBMITTED_WARN,
                    STATUS_ERROR: Status.SUBMITTED_ERROR}

#: the fate of one input file in a merge (the members of ``Outcome``, by their old names)
INCLUDED, SUPERSEDED, DUPLICATE, REFUSED = Outcome.INCLUDED, Outcome.SUPERSEDED, Outcome.DUPLICATE, Outcome.REFUSED
TIED = Outcome.TIED
#: outcomes of another version of an office's report than the one summed
OTHER_VERSION = (SUPERSEDED, TIED, DUPLICATE)
EXCLUDED, UNREADABLE, NOT_ON_ROSTER, IN_SUMMARY = (Outcome.EXCLUDED, Outcome.UNREADABLE, Outcome.NOT_ON_ROSTER,
                                                   Outcome.IN_SUMMARY)
#: outcomes of files left out on purpose: their errors do not make the merge fail (exit code 1)
LEFT_OUT = (*OTHER_VERSION, IN_SUMMARY, NOT_ON_ROSTER, EXCLUDED)


@dataclass(frozen=True)
class Entry:
    """One input file's fate in a merge: its reader result, the merge's own findings, and the outcome."""

    item: ReadItem
    outcome: Outcome
    findings: tuple[Finding, ...] = ()  # the merge's findings about this file (besides the reader's)
    note: str = ""
    label: str = ""  # how the file is named to people: see display_names

    @property
    def path(self) -> str:
        return self.item.path

    @property
    def name(self) -> str:
        return self.label or Path(self.item.path).name

    @property
    def result(self) -> FileResult:
        return self.item.result

    @property
    def report(self) -> Report | None:
        return self.item.result.report

    @property
    def office(self) -> str:
        return self.item.result.office

    @property
    def included(self) -> bool:
        return self.outcome == INCLUDED

    def info(self, key: str) -> str:
        """A 基本信息 field of the report as written ('' when unreadable)."""
        return str(self.report.info.get(key, "") or "").strip() if self.report else ""

    @cached_property
    def received(self) -> str:
        """When the file was received: as the caller said, else its modification time (local time)."""
        return received_text(self.item)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return tuple(self.item.result.findings) + self.findings

    @cached_property
    def status(self) -> FileStatus:
        """通过 / 有警告 / 有错误 / 无法读取, counting the merge's findings too (an entry is frozen: its
        status, errors and warnings are counted once, not for each sheet and table that shows them)."""
        if self.report is None:
            return STATUS_UNREADABLE
        if self.errors:
            return STATUS_ERROR
        if self.warnings:
            return STATUS_WARN
        return STATUS_OK

    @cached_property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.all_findings)

    @cached_property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.all_findings)

    def to_dict(self) -> dict[str, Any]:
        r = self.report
        return {
            "path": self.path,
            "office": self.office,
            "year": r.year if r else None,
            "format": r.layout.format if r else "",
            "level": r.level if r else "",
            "kind": self.result.kind,
            "outcome": self.outcome.label,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "note": self.note,
            "findings": [f.to_dict() for f in self.all_findings],
            **contact_dict(self),
        }


@dataclass(frozen=True)
class StatusRow:
    """One line of the status table: a roster office (or an office found, or an unreadable file)."""

    office: str
    category: str
    status: Status
    included: bool
    files: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    note: str = ""
    county: str = ""  # 所属县 as the report gives it (for a roster office that sent nothing: the summary's)
    preparer: str = ""  # 填报人, 联系电话, 填报日期 of the file that stands for the office; when it arrived
    phone: str = ""
    date: str = ""
    received: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"office": self.office, "category": self.category, "status": self.status.label,
                "included": self.included, "files": list(self.files), "errors": self.errors,
                "warnings": self.warnings, "note": self.note, "county": self.county, "preparer": self.preparer,
                "phone": self.phone, "date": self.date, "received": self.received}


def received_text(item: ReadItem) -> str:
    """When ``item`` was received, as shown to the clerk: the caller's time, else the file's mtime to the
    second (the texts of ties compare file times to 2 s: minutes alone would contradict them)."""
    if item.received:
        return item.received
    if not item.mtime:
        return ""
    return _dt.datetime.fromtimestamp(item.mtime).strftime("%Y-%m-%d %H:%M:%S")


def contact_dict(e: Entry) -> dict[str, str]:
    """所属县, 填报人, 联系电话, 填报日期 and the received time of an entry (JSON keys)."""
    return {"county": e.info("county"), "preparer": e.info("preparer"), "phone": e.info("phone"),
            "date": e.info("date"), "received": e.received}


@dataclass(frozen=True)
class MergeResult:
    """Everything a merge decided. ``report`` is the summary (a ``Report`` of level 汇总)."""

    report: Report
    name: str
    entries: tuple[Entry, ...]  # every input file, sorted by path
    rows: tuple[Entry, ...]  # the included entries, in the order of the detail table
    statuses: tuple[StatusRow, ...]
    findings: tuple[Finding, ...]  # about the summary as a whole
    roster: tuple[RosterEntry, ...] | None = None
    exclude_errors: bool = False
    previous_entries: tuple[Entry, ...] = field(default=())
    skipped: tuple[tuple[str, str], ...] = ()  # files found but not read: (path, why in Chinese)

    @property
    def layout(self) -> LayoutSpec:
        return self.report.layout

    @cached_property
    def skipped_shown(self) -> tuple[tuple[str, str], ...]:
        """The skipped files named as the files read are (``display_names``: the file name, with as many
        folders as tell it apart from another input of the same name), each with why."""
        if not self.skipped:
            return ()
        names = display_names([*(e.path for e in self.entries), *(p for p, _why in self.skipped)])
        return tuple((names[p], why) for p, why in self.skipped)

    @property
    def year(self) -> int | None:
        return self.report.year

    @property
    def has_errors(self) -> bool:
        """What ``merge`` exits 1 for: an error about the summary itself, an included report with errors,
        a file that could not be read or was refused. The errors of files left out on purpose (superseded,
        duplicate, already in a summary, not on the roster, excluded by ``--exclude-errors``) do not count:
        the summary does not contain them, and each is listed with its status."""
        return any(f.is_error for f in self.findings) or any(e.errors for e in self.entries
                                                              if e.outcome not in LEFT_OUT)

    @cached_property
    def detail_values(self) -> tuple[tuple[Number, ...], ...]:
        """Each included report's data cells (its inputs and every total), in the order of ``detail_cells``:
        computed once per report, here, from the layout's plan (``merge.plan``), for the 明细 sheet, its
        chart, the JSON and the CSV."""
        plan = detail_plan(self.layout)  # not e.report.values: no dict kept per report
        return tuple(tuple(plan.row(e.report.inputs)) for e in self.rows if e.report is not None)

    @property
    def included_with_errors(self) -> list[Entry]:
        return [e for e in self.rows if e.status == STATUS_ERROR]

    def all_findings(self) -> list[tuple[str, Finding]]:
        """(office, finding) for every finding of every file, then those about the summary (the office
        they name when they name one: MERGE-MISSING's office that sent nothing, not the summary's name)."""
        out = [(e.office, f) for e in self.entries for f in e.all_findings]
        out += [(str(dict(f.params).get("office") or self.name) if f.code == "MERGE-MISSING" else self.name, f)
                for f in self.findings]
        return out

    def to_dict(self) -> dict[str, Any]:
        """The whole result in JSON-ready form (what ``merge --json`` prints)."""
        return {
            "name": self.name,
            "year": self.year,
            "format": self.layout.format,
            "variant": self.layout.variant,
            "level": self.report.level,
            "included": list(self.report.included),
            "totals": {k: _json_number(v) for k, v in self.report.values.items()},
            "detail": detail_records(self),
            "statuses": [s.to_dict() for s in self.statuses],
            "files": [e.to_dict() for e in self.entries],
            "findings": [f.to_dict() for f in self.findings],
        }


def _json_number(v: Number) -> int | str:
    return str(v) if isinstance(v, Decimal) else int(v)




def detail_records(result: MergeResult) -> list[dict[str, Any]]:
    keys = [c.key for c in detail_cells(result.layout)]
    out = []
    for e, values in zip(result.rows, result.detail_values, strict=True):
        assert e.report is not None
        out.append({"office": e.office, "category": e.report.info.get("category", ""), "status": e.status,
                    "file": e.name, "values": {k: _json_number(v) for k, v in zip(keys, values, strict=True)},
                    **contact_dict(e)})
    return out
