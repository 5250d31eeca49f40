"""Every rule of FORMAT.md that can be checked on one report, as findings."""

from __future__ import annotations

from nianbao.findings import Finding
from nianbao.model import Report
from nianbao.rules import check_rules


def validate_report(report: Report, file: str = "") -> list[Finding]:
    """Hard rules (errors) and the one-report soft rules (warnings) of ``report``."""
    return check_rules(report, file)
