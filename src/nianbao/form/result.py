"""What checking one file gives: the value passed from the reader to check, merge and import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from nianbao.form.findings import Finding, Severity
from nianbao.form.model import Report


class FileStatus(StrEnum):
    """A checked file's verdict, with the Chinese label a clerk reads (a ``str``: JSON and text show the
    label; a status read back from the inbox's database compares equal to its member)."""

    OK = "通过"
    WARN = "有警告"
    ERROR = "有错误"
    UNREADABLE = "无法读取"


STATUS_OK, STATUS_WARN, STATUS_ERROR, STATUS_UNREADABLE = FileStatus  # the names callers import


@dataclass(frozen=True)
class FileResult:
    """One input file: its report (``None`` when it could not be read) and every finding about it.

    ``kind`` says how the file was recognised: "template" (a nianbao template, current version),
    "outdated" (an older template version), "summary" (a nianbao summary), "labels" (no identity
    marks, recognised by its labels), "published" (imported from a published report), "unreadable".
    """

    path: str
    report: Report | None
    findings: tuple[Finding, ...] = ()
    kind: str = "template"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> FileStatus:
        if self.report is None:
            return STATUS_UNREADABLE
        if any(f.is_error for f in self.findings):
            return STATUS_ERROR
        if any(f.severity is Severity.WARNING for f in self.findings):
            return STATUS_WARN
        return STATUS_OK

    @property
    def office(self) -> str:
        return self.report.office if self.report else ""

    @property
    def year(self) -> int | None:
        return self.report.year if self.report else None

    @property
    def format(self) -> str:
        return self.report.layout.format if self.report else ""

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "office": self.office,
            "year": self.year,
            "format": self.format,
            "variant": self.report.layout.variant if self.report else "",
            "kind": self.kind,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
        }


def display_names(paths: Sequence[str]) -> dict[str, str]:
    """How each file is named to people: its file name, or, where two inputs share a file name (the same
    office's return in two folders), as many of the folders above it as tell them apart."""
    parts = {p: Path(p).parts for p in paths}
    counts: dict[str, int] = {}
    out: dict[str, str] = {}
    depth = 1
    pending = list(dict.fromkeys(paths))
    while pending:
        counts.clear()
        for p in paths:
            tail = "/".join(parts[p][-depth:])
            counts[tail] = counts.get(tail, 0) + 1
        still = []
        for p in pending:
            tail = "/".join(parts[p][-depth:])
            if counts[tail] == 1 or depth >= len(parts[p]):
                out[p] = tail
            else:
                still.append(p)
        pending, depth = still, depth + 1
    return out
