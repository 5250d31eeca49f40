"""What the inbox gives back: frozen dataclasses of plain values (str, int, bool, datetime, lists of dicts).

Every value turns into JSON with ``as_json`` (datetimes as ISO 8601 text), so that the CLI's ``--json`` and
the web page's ``.json`` answers are the same data as the library's.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from nianbao.form.result import FileStatus
from nianbao.wording import inbox as words


class OfficeStatus(StrEnum):
    """An office's review state, its value the Chinese label a clerk reads (a ``str``: a state read back from
    the ledger compares equal to its member)."""

    MISSING = words.NOT_SUBMITTED
    SUBMITTED_OK = words.SUBMITTED_OK
    SUBMITTED_WARN = words.SUBMITTED_WARN
    SUBMITTED_ERROR = words.SUBMITTED_ERROR
    RETURNED = words.RETURNED
    ACCEPTED = words.ACCEPTED


#: the review states, in the order a clerk meets them
STATES: tuple[str, ...] = tuple(s.value for s in OfficeStatus)

#: a current version's verdict -> the state of the office that sent it (before any review)
SUBMITTED_BY_STATUS = {FileStatus.OK: OfficeStatus.SUBMITTED_OK.value, FileStatus.WARN: OfficeStatus.SUBMITTED_WARN.value,
                       FileStatus.ERROR: OfficeStatus.SUBMITTED_ERROR.value}


@dataclasses.dataclass(frozen=True)
class Change:
    """One cell that differs from the previous version, named by the official table, row and column."""

    table: str  # 表三, 基本信息, 正文
    row: str  # e.g. "一、本年新收政府信息公开申请数量"
    column: str  # e.g. "自然人" ('' for 基本信息 and 正文)
    old: str
    new: str


@dataclasses.dataclass(frozen=True)
class Received:
    """What became of one file handed to the inbox."""

    sha256: str
    name: str
    office: str | None
    version: int | None
    duplicate: bool
    status: str  # 通过 / 有警告 / 有错误 / 无法读取 / 未收入 (a marked-up copy)
    errors: int
    warnings: int
    findings: list[dict[str, Any]]
    message: str  # one Chinese line: what became of the file

    @property
    def unreadable(self) -> bool:
        """Whether the file could not be read as a report (no marked-up copy to be had)."""
        return self.status == FileStatus.UNREADABLE


@dataclasses.dataclass(frozen=True)
class Version:
    """One version of an office's report: the file, its verdict and what changed from the previous version."""

    number: int
    sha256: str
    name: str
    received_at: _dt.datetime
    source: str
    status: str
    errors: int
    warnings: int
    findings: list[dict[str, Any]]
    changes: list[Change]

    @property
    def unreadable(self) -> bool:
        """Whether the version could not be read as a report (no marked-up copy to be had)."""
        return self.status == FileStatus.UNREADABLE


@dataclasses.dataclass(frozen=True)
class OfficeState:
    """One office as the county sees it: who, its review state and its current version."""

    name: str
    category: str
    county: str
    contact: str
    phone: str
    state: str  # one of STATES
    version: int | None
    received_at: _dt.datetime | None
    errors: int
    warnings: int
    on_roster: bool
    note: str  # what the status table says of the office (the 退回 note with its label, 不在名单…)
    #: the clerk's own words sent with 退回 when the office is returned, else "" (not in the JSON: ``note`` says it)
    returned_note: str = dataclasses.field(default="", metadata={"json": False})


@dataclasses.dataclass(frozen=True)
class LogEntry:
    """One line of the audit log (never rewritten)."""

    at: _dt.datetime
    action: str  # 收到, 重复, 退回, 确认, 导入名单, 设置, 汇总, 导出
    office: str | None
    by: str
    note: str
    sha256: str | None


@dataclasses.dataclass(frozen=True)
class Tally:
    """The offices counted by state: the roster's offices (``counted``), how many of them are in each state
    (``counts``, in the order the states are met), those that have not reported (``missing``), and the
    offices not on the roster that sent a file (``outside``), counted apart."""

    counted: tuple[OfficeState, ...]
    counts: dict[str, int]
    missing: tuple[OfficeState, ...]
    outside: tuple[OfficeState, ...]

    @property
    def submitted(self) -> int:
        return len(self.counted) - len(self.missing)


def tally(states: Sequence[OfficeState], *, all_without_roster: bool = False) -> Tally:
    """``states`` counted as a county counts them: the roster's offices, the others apart; with
    ``all_without_roster``, every office is counted when there is no roster (none apart)."""
    counted = [s for s in states if s.on_roster]
    outside = [s for s in states if not s.on_roster]
    if not counted and all_without_roster:
        counted, outside = list(states), []
    counts: dict[str, int] = {}
    for s in counted:
        counts[s.state] = counts.get(s.state, 0) + 1
    return Tally(counted=tuple(counted), counts=counts, missing=tuple(s for s in counted if s.state == OfficeStatus.MISSING),
                 outside=tuple(outside))


def as_json(value: Any) -> Any:
    """A dataclass of this module (or a list of them) as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in dataclasses.fields(value) if f.metadata.get("json", True)}
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return value
