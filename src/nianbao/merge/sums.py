"""The pure sum: reports added cell by cell into a summary ``Report``, and the offices a report stands for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from nianbao.form.model import Report
from nianbao.form.sheets import ENTRY_SEP, LEVEL_SUMMARY, split_entry
from nianbao.form.spec import Kind, LayoutSpec, Number
from nianbao.read.roster import normalise_name


def _zero(kind: Kind) -> Number:
    return Decimal(0) if kind is Kind.AMOUNT else 0


def _as(kind: Kind, v: Any) -> Number:
    if kind is Kind.AMOUNT:
        return v if isinstance(v, Decimal) else Decimal(str(v))
    # a fractional count (an office's VALUE-COUNT error) is summed as it is, never cut to a whole number:
    # the summary then shows the same figure as its 明细 sheet, and the same error
    return int(v) if v == int(v) else (v if isinstance(v, Decimal) else Decimal(str(v)))


def offices_of(report: Report) -> tuple[str, ...]:
    """The offices a report stands for: its included list for a summary, else its own office."""
    if report.level == LEVEL_SUMMARY and report.included:
        return tuple(report.included)
    return (report.office,)


def office_keys(report: Report, home: str = "") -> tuple[tuple[str, str], ...]:
    """(county, office), normalised, of every office a report stands for. A summary's own entries are of
    its own area (its 所属县, else its name): 甲县's 县财政局 is not 乙县's. An office report with a blank
    所属县 takes ``home`` (the county most reports of the merge give); still blank, it is ('', office)."""
    if report.level == LEVEL_SUMMARY and report.included:
        area = county_of(report) or report.office
        return tuple((normalise_name(c or area), normalise_name(o)) for c, o in map(split_entry, report.included))
    return ((normalise_name(county_of(report, home)), normalise_name(report.office)),)


def _entry(county: str, office: str, area: str) -> str:
    """An office as an entry of the office list of a summary of ``area``."""
    same = not county or normalise_name(county) == normalise_name(area)
    return office if same else f"{county}{ENTRY_SEP}{office}"


def entries_of(report: Report, home: str, area: str) -> list[str]:
    """The entries ``report`` adds to the office list of a summary of ``area``."""
    if report.level == LEVEL_SUMMARY and report.included:
        own = county_of(report) or report.office
        return [_entry(c or own, o, area) for c, o in map(split_entry, report.included)]
    return [_entry(county_of(report, home), report.office, area)]


def sum_reports(reports: Sequence[Report], *, layout: LayoutSpec | None = None,
                info: Mapping[str, str] | None = None, texts: Mapping[str, str] | None = None,
                included: Sequence[str] | None = None) -> Report:
    """The cell-wise sum of ``reports``' input cells (counts as int, amounts as Decimal), level 汇总.

    ``included`` defaults to every report's offices (a summary's included list), sorted by name.
    """
    if layout is None:
        if not reports:
            raise ValueError("sum_reports needs a layout when there are no reports")
        layout = reports[0].layout
    sums: dict[str, Number] = {c.key: _zero(c.kind) for c in layout.inputs}
    kinds = {c.key: c.kind for c in layout.inputs}
    whole = {k for k, kind in kinds.items() if kind is not Kind.AMOUNT}  # an int there is added as it is
    for r in reports:
        for key, v in r.inputs.items():
            if type(v) is int and key in whole:
                sums[key] += v
            elif key in sums:
                sums[key] = sums[key] + _as(kinds[key], v)
    if included is None:
        included = sorted((o for r in reports for o in offices_of(r)), key=normalise_name)
    return Report(layout=layout, inputs=sums, info=dict(info or {}), texts=dict(texts or {}),
                  level=LEVEL_SUMMARY, included=tuple(included))


def county_of(report: Report, default: str = "") -> str:
    """A report's 所属县, or ``default`` when it gives none."""
    return str(report.info.get("county", "") or "").strip() or default



def is_summary(report: Report) -> bool:
    return report.level == LEVEL_SUMMARY

