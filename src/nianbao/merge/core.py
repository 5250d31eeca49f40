"""Merging many offices' reports into one summary: who is included, who is missing, the cell-wise sum.

The orchestration of the stages (``merge.stages``): ``merge_results`` decides, from the files read
(``ReadItem``), which reports are summed (identity, re-submission, duplicates, another year or format,
the roster) and gives a ``MergeResult`` whose ``report`` is itself a ``Report`` of level 汇总, so that a
city merges its counties' summaries the same way; it is pure. ``merge_files`` reads the files first
(``merge.reading.read_paths``: in worker processes, where a worker that dies costs only its own file).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from nianbao.check.narrative import same_offices
from nianbao.check.validate import validate_report
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.result import STATUS_ERROR, FileResult, display_names
from nianbao.form.spec import LayoutSpec
from nianbao.merge.crossyear import check_county, check_offices
from nianbao.merge.draft import draft_texts
from nianbao.merge.identify import (
    by_roster_names,
    county_name,
    same_names,
    similar_names,
)
from nianbao.merge.outcome import (
    INCLUDED,
    STATUS_MISSING,
    UNREADABLE,
    Entry,
    MergeResult,
    StatusRow,
)
from nianbao.merge.reading import ReadItem, default_reader, read_paths, read_previous
from nianbao.merge.stages import (
    Fates,
    Summary,
    apply_roster,
    choose_latest,
    count_once,
    drop_replaced_summaries,
    home_county,
    identify_offices,
    in_roster_order,
    majority,
    report_of,
    screen,
    set_aside_named_otherwise,
    sum_included,
)
from nianbao.merge.statuses import statuses
from nianbao.merge.sums import is_summary
from nianbao.read.roster import RosterEntry, normalise_name
from nianbao.wording import merge as words


# == the stages in order ==========================================================================
def _cross_year(fates: Fates, summed: Sequence[ReadItem], previous: Iterable[ReadItem] | None,
                name: str | None, year: int | None, today: _dt.date | None) -> tuple[MergeResult | None, list[Finding]]:
    """Stage: last year's files merged the same way, and the cross-year warnings per office (they count
    towards the office's status); the county-wide ones are returned."""
    if previous is None:
        return None, []
    prev = merge_results(previous, name=name, today=today)
    per_file, county = check_offices([(it.path, report_of(it)) for it in summed], prev, year)
    for path, fs in per_file.items():
        fates.add(path, fs)
    return prev, county


def _summary_findings(summary: Summary, rows: Sequence[Entry], statuses_: Sequence[StatusRow], *, home: str,
                      roster: bool, inputs: int, file: str) -> list[Finding]:
    """Stage: what is said about the summary as a whole (names, the missing, errors summed, its rules)."""
    findings = same_names(rows, home, file)
    if not roster:
        findings += similar_names(rows, home, file)
    if not rows:
        findings.append(make("MERGE-EMPTY", file=file, count=inputs))
    if len(summary.areas) > 1:
        findings.append(make("MERGE-NO-NAME", file=file, name=summary.name, actual="、".join(summary.areas)))
    findings += [make("MERGE-MISSING", file=file, office=st.office, note=f"（{st.note}）" if st.note else "")
                 for st in statuses_ if st.status == STATUS_MISSING]
    with_errors = [e for e in rows if e.status == STATUS_ERROR]
    if with_errors:
        findings.append(make("MERGE-INCLUDES-ERRORS", file=file, count=len(with_errors),
                             offices="、".join(e.office for e in with_errors)))
    if rows:
        findings += validate_report(summary.report, file=file)
    return findings


@dataclass(frozen=True)
class _Decided:
    """What the stages before the sum decided: the summary's format and year, the county most reports
    give (for blank 所属县), the reports summed in roster order, and the roster's order."""

    layout: LayoutSpec
    year: int | None
    home: str
    summed: list[ReadItem]
    roster_index: dict[str, int]


def _decide(fates: Fates, work: Sequence[ReadItem], roster: Sequence[RosterEntry] | None, name: str | None,
            exclude_errors: bool, today: _dt.date | None) -> _Decided:
    """The stages from the files read to the reports summed, each file's fate recorded in ``fates``."""
    for it in work:
        if it.result.report is None:
            fates.decide(it, UNREADABLE)
    readable = [it for it in work if it.result.report is not None]
    layout, year = majority(readable)
    candidates = screen(fates, readable, layout, year)
    home = home_county(name, [report_of(it) for it in candidates if not is_summary(report_of(it))])
    window = (_dt.date(year, 12, 1) if year else _dt.date.min, today or _dt.date.today())
    winners = [choose_latest(fates, set_aside_named_otherwise(fates, members, roster), window)
               for members in identify_offices(candidates, home)]
    accepted = count_once(fates, winners, drop_replaced_summaries(fates, winners, home), home)
    county_refs = [home] if name and home == name else [
        c for c in dict.fromkeys((name or "", county_name([report_of(it) for it in accepted]), home)) if c]
    roster_index = {normalise_name(e.name): i for i, e in enumerate(roster or ())}
    summed = in_roster_order(apply_roster(fates, accepted, roster, county_refs or [""], exclude_errors),
                             roster_index, home)
    for it in summed:
        fates.decide(it, INCLUDED)
    return _Decided(layout, year, home, summed, roster_index)


def merge_results(items: Iterable[ReadItem], *, roster: Sequence[RosterEntry] | None = None,
                  name: str | None = None, exclude_errors: bool = False,
                  previous: Iterable[ReadItem] | None = None, today: _dt.date | None = None,
                  output_name: str = "") -> MergeResult:
    """Decide which reports are summed and sum them. Pure: the same items give the same result in any
    order. ``previous`` (last year's files, read) adds the cross-year warnings.

    The stages: screen (format, year, office name), identify offices, choose each office's latest file,
    count every office once (summaries among the inputs), apply the roster, order, cross-year, sum,
    statuses. The summary is called ``name``; without it, after the 所属县 most of the reports give. When
    summaries of differently named areas are summed (甲县 and 乙县) no name is guessed: the summary is
    called 汇总 and a MERGE-NO-NAME finding says so (``nianbao merge`` then refuses to run without --name)."""
    work = sorted(by_roster_names(list(items), roster), key=lambda it: it.path)
    fates = Fates(display_names([it.path for it in work]))
    d = _decide(fates, work, roster, name, exclude_errors, today)
    prev, county_prev = _cross_year(fates, d.summed, previous, name, d.year, today)
    for path, fs in same_offices([(it.path, report_of(it)) for it in d.summed]).items():
        fates.add(path, fs)  # NARR-SAME-OFFICE: two offices' narratives nearly the same
    entries = tuple(fates.entry(it) for it in work)
    by_path = {e.path: e for e in entries}
    rows = tuple(by_path[it.path] for it in d.summed)
    file = output_name or words.COUNTY_FILE
    summary, findings = sum_included(d.layout, rows, name, d.year, d.home, d.roster_index, today, file)
    summary = replace(summary, report=replace(summary.report, texts=draft_texts(
        summary.report, prev.report if prev is not None else None)))
    status_rows = statuses(entries, rows, roster, d.home)
    findings += _summary_findings(summary, rows, status_rows, home=d.home, roster=bool(roster), inputs=len(work),
                                  file=file)
    findings += _county_cross_year(summary.report, prev, county_prev, d, file)
    return MergeResult(report=summary.report, name=summary.name, entries=entries, rows=rows,
                       statuses=tuple(status_rows), findings=tuple(findings),
                       roster=tuple(roster) if roster else None, exclude_errors=exclude_errors,
                       previous_entries=prev.entries if prev is not None else ())


def _county_cross_year(summary: Report, prev: MergeResult | None, county_prev: list[Finding], d: _Decided,
                       file: str) -> list[Finding]:
    """The cross-year warnings about the county as a whole."""
    if prev is None:
        return []
    return [*county_prev, *check_county(summary, prev, [it.result.report for it in d.summed], d.year, file=file)]


# == the whole job ================================================================================
def merge_files(paths: Sequence[str | Path], *, roster: Sequence[RosterEntry] | None = None,
                name: str | None = None, exclude_errors: bool = False,
                previous: Sequence[str | Path] | None = None, jobs: int | None = None,
                reader: Callable[[str], FileResult] | None = None,
                progress: Callable[[int], None] | None = None, today: _dt.date | None = None,
                output_name: str = "") -> MergeResult:
    """Read every file (in parallel) and merge: what ``nianbao merge`` does before writing. A summary
    among ``previous`` is read with its offices' figures (its 明细 sheet), for the per-office checks."""
    items = read_paths(paths, jobs=jobs, reader=reader, progress=progress)
    prev_reader = partial(read_previous, reader or default_reader)
    prev_items = read_paths(previous, jobs=jobs, reader=prev_reader) if previous else None
    marked = [it.path for it in items if it.marked]  # nianbao's own marked-up copies: skipped, with the reason
    result = merge_results([it for it in items if not it.marked] if marked else items, roster=roster, name=name,
                           exclude_errors=exclude_errors, previous=prev_items, today=today, output_name=output_name)
    return replace(result, skipped=(*result.skipped, *((p, words.MARKED_COPY_REASON) for p in marked))) if marked else result
