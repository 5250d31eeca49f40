"""The cross-year rules of FORMAT.md (warnings): this year's report against last year's.

X-CARRYOVER: this year's 二、上年结转 (each column of table 三) = last year's 四、结转下年度继续办理.
X-INFORCE: 现行有效件数 ≈ last year's 现行有效件数 + 本年制发件数 − 本年废止件数 (2021 format, both years).
P-FEE-YEAR, P-COUNT-YEAR: figures many times last year's (``nianbao.check.plausible``).
NARR-SAME-YEAR, NARR-COPY-YEAR: an office's narrative much the same as last year's (``nianbao.check.narrative``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nianbao.check.narrative import against_previous as narrative_findings_against
from nianbao.check.narrative import narrative_text
from nianbao.check.plausible import check_against_last_year
from nianbao.form.finding_tags import OTHER_FORMAT, OTHER_YEAR
from nianbao.form.findings import CATALOGUE, Finding, make
from nianbao.form.model import Report
from nianbao.form.sheets import LEVEL_SUMMARY, split_entry
from nianbao.merge.outcome import REFUSED, UNREADABLE, MergeResult
from nianbao.merge.reading import DETAIL, DETAIL_PROBLEM
from nianbao.merge.sums import offices_of, sum_reports
from nianbao.read.roster import normalise_name
from nianbao.wording import check as check_words
from nianbao.wording import merge as words


def check_cross_year(current: Report, previous: Report, file: str = "", scope: str = "") -> list[Finding]:
    """X-CARRYOVER and X-INFORCE of ``current`` against last year's ``previous``; ``scope`` says, in the
    message, what was compared when it is not the whole of both (e.g. the offices reporting both years)."""
    layout, was = current.layout, previous.layout
    now, before = current.values, previous.values
    out: list[Finding] = []
    for key, prev_key in zip(layout.role("carried_over"), was.role("carry_forward"), strict=False):
        spec = layout.cells[key]
        if not spec.is_input or prev_key not in before or prev_key in previous.blank:
            continue  # last year's figure left blank (a cell an imported page did not print): not known
        if now[key] != before[prev_key]:
            sheet, cell = layout.a1(key)
            out.append(make("X-CARRYOVER", file=file, sheet=sheet, cell=cell, row_label=spec.row_label,
                            col_label=spec.col_label, expected=before[prev_key], actual=now[key], key=key,
                            where=spec.where, scope=scope))
    for key, issued, repealed in zip(layout.role("in_force"), layout.role("issued"), layout.role("repealed"),
                                     strict=False):
        if key not in before or key in previous.blank:
            continue
        spec = layout.cells[key]
        expected = before[key] + now[issued] - now[repealed]
        if now[key] != expected:
            sheet, cell = layout.a1(key)
            out.append(make("X-INFORCE", file=file, sheet=sheet, cell=cell, row_label=spec.row_label,
                            col_label=spec.col_label, expected=expected, actual=now[key], key=key, where=spec.where,
                            previous=before[key], issued=now[issued], repealed=now[repealed], scope=scope))
    return out + check_against_last_year(current, previous, file, scope)


def _year_ok(previous: MergeResult, year: int | None) -> bool:
    return year is not None and previous.year == year - 1 and bool(previous.rows)


def _unused(previous: MergeResult) -> list[Finding]:
    """A finding for each of last year's files that could not be read or was refused: never silently
    left out of the cross-year checks."""
    out: list[Finding] = []
    for e in previous.entries:
        if e.outcome == UNREADABLE:
            reason = e.all_findings[0].message if e.all_findings else ""
            out.append(make("MERGE-PREVIOUS-UNREADABLE", file=e.path, name=e.name, reason=reason))
        elif e.outcome == REFUSED and e.findings:
            f = e.findings[0]
            if f.code == OTHER_YEAR:
                reason = words.PREVIOUS_OTHER_YEAR.format(actual=f.actual, expected=f.expected)
            elif f.code == OTHER_FORMAT:
                reason = words.PREVIOUS_OTHER_FORMAT.format(actual=f.actual, expected=f.expected)
            else:
                reason = CATALOGUE[f.code].title
            out.append(make("MERGE-PREVIOUS-UNUSED", file=e.path, name=e.name, reason=reason))
    return out


def previous_offices(previous: MergeResult) -> tuple[list[Report], list[Finding], bool]:
    """Last year's offices' reports: the offices' own files, and the offices kept in the 明细 sheet of a
    summary (read with it, see merge.DETAIL). Also a finding for each summary whose offices are not to be
    had, and whether every office last year's files stand for is among the reports."""
    reports: list[Report] = []
    problems: list[Finding] = []
    complete = True
    for e in previous.rows:
        r = e.report
        if r is None:
            continue
        if r.level != LEVEL_SUMMARY:
            reports.append(r)
            continue
        detail = e.result.extra.get(DETAIL)
        if not detail:
            complete = False
            reason = e.result.extra.get(DETAIL_PROBLEM) or words.DETAIL_NOT_READ
            problems.append(make("MERGE-PREVIOUS-NO-DETAIL", file=e.path, name=e.name, reason=reason))
            continue
        offices = [Report(layout=r.layout, inputs=inputs, info=info) for info, inputs in detail]
        reports += offices
        complete = complete and ({normalise_name(o.office) for o in offices}
                                 == {normalise_name(split_entry(o)[1]) for o in offices_of(r)})
    return reports, problems, complete


def check_offices(current: Sequence[tuple[str, Report]], previous: MergeResult,
                  year: int | None) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """Per-office cross-year findings (by file path) and findings about last year's files: of the wrong
    year, unreadable or refused, or a summary without its offices' figures."""
    county = _unused(previous)
    if not previous.rows:
        return {}, county
    if not _year_ok(previous, year):
        return {}, [make("MERGE-PREVIOUS-YEAR", file=previous.rows[0].path, actual=previous.year,
                         expected=(year - 1) if year else check_words.THE_YEAR_BEFORE, year=year), *county]
    offices = [(path, report) for path, report in current if report.level != LEVEL_SUMMARY]
    before, problems, _complete = previous_offices(previous)
    if offices:  # said only when there are offices to compare
        county += problems
    index: dict[str, list[Report]] = {}
    for r in before:
        index.setdefault(normalise_name(r.office), []).append(r)
    out: dict[str, list[Finding]] = {}
    untexted: list[str] = []  # offices with a narrative whose last year's report has none
    for path, report in offices:
        prev = _same_office(report, index.get(normalise_name(report.office), []))
        if prev is None:
            if index:
                out[path] = [make("MERGE-NO-PREVIOUS", file=path, office=report.office, found=_offices_named(before))]
            continue
        found = check_cross_year(report, prev, file=path) + narrative_findings_against(report, prev, path)
        if narrative_text(report).strip() and not narrative_text(prev).strip():
            untexted.append(report.office)
        if found:
            out[path] = found
    if untexted:
        county.append(_no_text(previous, untexted))
    return out, county


def _offices_named(reports: Sequence[Report]) -> str:
    """“盱眙县人民政府”, or the first few of many, as MERGE-NO-PREVIOUS names what last year's files hold."""
    names = list(dict.fromkeys(r.office for r in reports if r.office))
    shown = "、".join(f"“{n}”" for n in names[:3])
    return shown + (words.AND_MORE.format(n=len(names)) if len(names) > 3 else "")


def _no_text(previous: MergeResult, offices: Sequence[str]) -> Finding:
    """MERGE-PREVIOUS-NO-TEXT: last year's reports of ``offices`` have figures only (a summary's 明细, or
    workbooks whose 正文 is empty), so their narrative was not compared."""
    summaries = [e.path for e in previous.rows if e.report is not None and e.report.level == LEVEL_SUMMARY]
    source = words.PREVIOUS_SUMMARY_NO_TEXT.format(name="、".join(Path(p).name for p in summaries)) if summaries \
        else words.PREVIOUS_REPORTS_NO_TEXT
    shown = "、".join(offices[:5]) + (words.AND_MORE.format(n=len(offices)) if len(offices) > 5 else "")
    return make("MERGE-PREVIOUS-NO-TEXT", file=summaries[0] if summaries else "", source=source, count=len(offices),
                offices=shown)


def _same_office(report: Report, namesakes: Sequence[Report]) -> Report | None:
    """Last year's report of ``report``'s office among those of its name: the one of the same 所属县
    when offices of several counties share the name (县财政局), else the first."""
    county = normalise_name(report.info.get("county", ""))
    return next((r for r in namesakes if normalise_name(r.info.get("county", "")) == county),
                namesakes[0] if namesakes else None)


def check_county(summary: Report, previous: MergeResult, current: Sequence[Report | None], year: int | None,
                 file: str = "") -> list[Finding]:
    """The cross-year rules for the summary as a whole. When both years are offices' reports (last year's
    also when they come from a summary's 明细 sheet), only the offices reporting in both years are
    compared (like for like); else the two summaries."""
    if not _year_ok(previous, year):
        return []
    offices, _problems, complete = previous_offices(previous)
    prev_reports = offices if complete else [e.report for e in previous.rows if e.report is not None]
    now_reports = [r for r in current if r is not None]
    if all(r.level != LEVEL_SUMMARY for r in [*prev_reports, *now_reports]):
        before = {normalise_name(r.office) for r in prev_reports}
        now = {normalise_name(r.office) for r in now_reports}
        both = before & now
        if not both:
            return []
        if both != before or both != now:  # like for like: the offices reporting in both years
            prev_total = sum_reports([r for r in prev_reports if normalise_name(r.office) in both],
                                     layout=previous.layout)
            now_total = sum_reports([r for r in now_reports if normalise_name(r.office) in both],
                                    layout=summary.layout)
            scope = words.BOTH_YEARS_SCOPE.format(count=len(both))
            return check_cross_year(now_total, prev_total, file=file, scope=scope)
    return check_cross_year(summary, previous.report, file=file)
