"""Merging many offices' reports into one summary: who is included, who is missing, the cell-wise sum.

The core is pure: ``sum_reports`` adds reports cell by cell, ``merge_results`` decides, from the files
read (``ReadItem``), which reports are summed (identity, re-submission, duplicates, another year or
format, the roster) and gives a ``MergeResult`` whose ``report`` is itself a ``Report`` of level
汇总, so that a city merges its counties' summaries the same way. ``read_paths`` reads files in
parallel processes, where a worker that dies costs only its own file.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from nianbao.check.narrative import same_offices
from nianbao.check.validate import validate_report
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import NATIONAL, get_layout, latest
from nianbao.form.result import STATUS_ERROR, FileResult, display_names
from nianbao.form.spec import LayoutSpec
from nianbao.merge.crossyear import check_county, check_offices
from nianbao.merge.draft import draft_texts
from nianbao.merge.identify import (
    by_roster_names,
    county_name,
    date_of,
    date_text,
    file_time,
    freshness,
    identity,
    is_blank,
    other_county,
    same_county,
    same_names,
    similar_names,
    suggest_name,
    summary_areas,
)
from nianbao.merge.outcome import (
    BLANK_NOTE,
    COUNTY_FILE,
    DUPLICATE,
    EXCLUDED,
    IN_SUMMARY,
    INCLUDED,
    NOT_ON_ROSTER,
    REFUSED,
    STATUS_MISSING,
    SUPERSEDED,
    UNREADABLE,
    Entry,
    MergeResult,
    Outcome,
    StatusRow,
)
from nianbao.merge.reading import SUMMARY_PROBLEM, ReadItem, default_reader, read_paths, read_previous
from nianbao.merge.statuses import statuses
from nianbao.merge.sums import county_of, entries_of, is_summary, office_keys, offices_of, sum_reports
from nianbao.read.roster import RosterEntry, normalise_name


# == the stages, each over plain data =============================================================
@dataclass
class _Fates:
    """Each input file's fate as the stages decide it: outcome, the merge's findings about it, a note."""

    names: dict[str, str]  # path -> how the file is named to people
    fate: dict[str, tuple[Outcome, list[Finding], str]] = field(default_factory=dict)
    said: dict[str, list[Finding]] = field(default_factory=dict)  # path -> findings whatever its fate

    def decide(self, item: ReadItem, outcome: Outcome, *findings: Finding, note: str = "") -> None:
        self.fate[item.path] = (outcome, list(findings), note)

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        """Findings about the file that stay with it whatever the later stages decide."""
        self.said.setdefault(path, []).extend(findings)

    def entry(self, item: ReadItem) -> Entry:
        outcome, found, note = self.fate[item.path]
        return Entry(item, outcome, tuple(found + self.said.get(item.path, [])), note, self.names[item.path])


def _report(item: ReadItem) -> Report:
    assert item.result.report is not None
    return item.result.report


def _screen(fates: _Fates, readable: Sequence[ReadItem], layout: LayoutSpec, year: int | None) -> list[ReadItem]:
    """Stage: refuse reports of another format or year than most, and office reports without a name."""
    candidates: list[ReadItem] = []
    for it in readable:
        r, fname = _report(it), fates.names[it.path]
        if r.layout.format != layout.format:
            fates.decide(it, REFUSED, make("MERGE-OTHER-FORMAT", file=it.path, name=fname, actual=r.layout.format,
                                           expected=layout.format),
                         note=f"使用的是 {r.layout.format} 年版格式（本次汇总是 {layout.format} 年版），未计入")
        elif r.year is not None and year is not None and r.year != year:
            fates.decide(it, REFUSED, make("MERGE-OTHER-YEAR", file=it.path, name=fname, actual=r.year,
                                           expected=year), note=f"交来的是 {r.year} 年度报告（本次汇总 {year} 年度），未计入")
        elif is_summary(r) and it.result.extra.get(SUMMARY_PROBLEM):
            fates.decide(it, REFUSED, make("MERGE-SUMMARY-UNPROVEN", file=it.path, name=fname,
                                           count=len(r.included), reason=it.result.extra[SUMMARY_PROBLEM]),
                         note="汇总文件的单位名单或数字与它的“明细”表不符，未计入")
        elif not is_summary(r) and is_blank(it):  # a template sent back unfilled, named or not: not a report
            fates.decide(it, REFUSED, make("MERGE-BLANK", file=it.path, name=fname,
                                           office=f"“{r.office}”" if normalise_name(r.office) else "该单位"),
                         note=BLANK_NOTE)
        elif not is_summary(r) and not normalise_name(r.office):
            fates.decide(it, REFUSED, make("MERGE-NO-OFFICE", file=it.path, name=fname), note="没有填写单位名称，未计入")
        else:
            candidates.append(it)
    return candidates


def _identify(candidates: Sequence[ReadItem], home: str) -> list[list[ReadItem]]:
    """Stage: group the reports of one office (its county and name; a summary by its set of offices)."""
    groups: dict[tuple[str, ...], list[ReadItem]] = {}
    for it in candidates:
        groups.setdefault(identity(_report(it), home), []).append(it)
    return list(groups.values())


def _implausible_dates(fates: _Fates, versions: Sequence[ReadItem], window: tuple[_dt.date, _dt.date]) -> set[str]:
    """The paths of ``versions`` (several files of one office) whose 填报日期 cannot be true: after today,
    or before the report year's last month. Such a date does not decide which is the latest; each is
    said (MERGE-DATE-IMPLAUSIBLE) and the file is then compared by file time."""
    if len(versions) < 2:
        return set()
    first, last = window
    out = set()
    for it in versions:
        day = date_of(it)
        if day is None or first <= day <= last:
            continue
        why = f"晚于今天（{last.isoformat()}）" if day > last else f"早于报告年度的最后一个月（{first.isoformat()} 以前）"
        out.add(it.path)
        fates.add(it.path, [make("MERGE-DATE-IMPLAUSIBLE", file=it.path, name=fates.names[it.path],
                                 actual=date_text(it), why=why, office=it.result.office or "汇总")])
    return out


def _choose_latest(fates: _Fates, members: Sequence[ReadItem], window: tuple[_dt.date, _dt.date]) -> ReadItem:
    """Stage, per office: identical files are one (the first by path stands for them); of the rest the
    latest by 填报日期, then file time; when a 填报日期 cannot be read (or is blank), by file time alone: a
    report whose date cannot be read is not older than one whose date can."""
    names = fates.names
    representatives: dict[str, ReadItem] = {}
    for it in members:  # sorted by path
        if it.digest and it.digest in representatives:
            first = representatives[it.digest]
            fates.decide(it, DUPLICATE, make("MERGE-DUPLICATE", file=it.path, name=names[it.path],
                                             other=names[first.path]), note=f"与 {names[first.path]} 相同")
        else:
            representatives[it.digest or it.path] = it
    implausible = _implausible_dates(fates, list(representatives.values()), window)
    dated = all(date_of(it) is not None and it.path not in implausible for it in representatives.values())
    distinct = sorted(representatives.values(), key=freshness if dated else file_time)
    winner = distinct[-1]
    unread = "、".join(f"“{t}”" for t in dict.fromkeys(
        date_text(it) for it in distinct if date_text(it) and (date_of(it) is None or it.path in implausible)))
    for it in distinct[:-1]:
        if dated and freshness(winner)[0] > freshness(it)[0]:
            reason = "填报日期较晚"
        else:
            reason = "文件修改时间较晚" + (f"；填报日期{unread}无法识别，按文件修改时间比较" if unread else "")
        fates.decide(it, SUPERSEDED, make("MERGE-SUPERSEDED", file=it.path, name=names[it.path],
                                          office=winner.result.office or "汇总", other=names[winner.path],
                                          reason=reason), note=f"被 {names[winner.path]} 取代（{reason}）")
    return winner


def _drop_replaced_summaries(fates: _Fates, winners: Sequence[ReadItem], home: str) -> list[ReadItem]:
    """Stage: a summary whose offices all sent their own reports among these inputs (last run's summary
    left in the folder) is not used: the offices' reports are, and may be newer. The summaries left, the
    largest first."""
    own = {office_keys(_report(w), home)[0] for w in winners if not is_summary(_report(w))}
    own_names = {name for county, name in own if not county}  # offices that give no 所属县: by name
    summaries = sorted((w for w in winners if is_summary(_report(w))),
                       key=lambda w: (-len(offices_of(_report(w))), w.path))
    kept = []
    for s in summaries:
        report = _report(s)
        if all(k in own or k[1] in own_names for k in office_keys(report)):
            fates.decide(s, SUPERSEDED, make("MERGE-SUMMARY-REPLACED", file=s.path, name=fates.names[s.path],
                                             count=len(report.included)),
                         note="其中各单位都另有单独的报告，按单位的报告汇总")
        else:
            kept.append(s)
    return kept


def _own_reports(summary: ReadItem, offices: Sequence[ReadItem], home: str) -> list[ReadItem]:
    """The office reports among ``offices`` of offices that ``summary`` includes."""
    keys = set(office_keys(_report(summary)))
    names = {k[1] for k in keys}
    out = []
    for w in offices:
        ((county, office),) = office_keys(_report(w), home)
        if (county, office) in keys or (not county and office in names):
            out.append(w)
    return out


def _count_once(fates: _Fates, winners: Sequence[ReadItem], summaries: Sequence[ReadItem],
                home: str) -> list[ReadItem]:
    """Stage: no office counted twice (an office is its county and name). A summary overlapping a larger
    one is refused. A summary beside reports of its own offices (some of them: when all of them, the
    summary was already set aside as last run's) is a conflict the clerk resolves: the summary is
    refused with an error naming them (a forged office list cannot displace real reports), the offices'
    own reports are summed."""
    names = fates.names
    covered: dict[tuple[str, str], ReadItem] = {}
    by_office: dict[str, ReadItem] = {}  # by name alone: for office reports that give no 所属县
    accepted: list[ReadItem] = []
    offices = [w for w in winners if not is_summary(_report(w))]
    for s in summaries:
        report = _report(s)
        keys = office_keys(report)
        overlap = [(o, k) for o, k in zip(offices_of(report), keys, strict=True) if k in covered]
        if overlap:
            other = covered[overlap[0][1]]
            fates.decide(s, REFUSED, make("MERGE-OVERLAP", file=s.path, name=names[s.path],
                                          other=names[other.path], offices="、".join(o for o, _k in overlap)))
            continue
        own = _own_reports(s, offices, home)
        if own:
            fates.decide(s, REFUSED, make("MERGE-SUMMARY-CONFLICT", file=s.path, name=names[s.path],
                                          offices="、".join(f"“{_report(w).office}”" for w in own),
                                          files="、".join(names[w.path] for w in own)),
                         note="其中的单位另交了自己的报告，须确定用哪一份；汇总文件未计入")
            continue
        for k in keys:
            covered[k] = s
            by_office.setdefault(k[1], s)
        accepted.append(s)
    for w in winners:
        r = _report(w)
        if is_summary(r):
            continue
        ((county, office),) = office_keys(r, home)
        holder = covered.get((county, office)) if county else by_office.get(office)
        if holder is not None:
            fates.decide(w, IN_SUMMARY, make("MERGE-IN-SUMMARY", file=w.path, name=names[w.path], office=r.office,
                                             other=names[holder.path]))
        else:
            accepted.append(w)
    return accepted


def _apply_roster(fates: _Fates, accepted: Sequence[ReadItem], roster: Sequence[RosterEntry] | None,
                  county_refs: Sequence[str], exclude_errors: bool) -> list[ReadItem]:
    """Stage: offices not on the roster are listed, not summed. The roster is the clerk's statement of
    what the summary covers; a report from another county, or under a name the roster does not know, would
    otherwise change the county's figures unseen. Each is listed as 名单外 with the closest roster name
    (ROSTER_POLICY says so in the 状态 sheet and the CLI help). A roster is one county's: an office report
    whose 所属县 is another county (not the summary's name, nor the county most reports give) is 名单外
    even when its name is on the roster (邻县's 县财政局 is not ours). Without a roster every report is summed.
    With ``exclude_errors`` reports with errors are left out too."""
    roster_names = [e.name for e in roster] if roster else []
    known = {normalise_name(n) for n in roster_names}
    summed: list[ReadItem] = []
    for it in sorted(accepted, key=lambda x: x.path):
        r = _report(it)
        if roster and normalise_name(r.office) not in known:
            finding, note = _not_on_roster(fates, it, roster_names, county_refs[0])
            fates.decide(it, NOT_ON_ROSTER, finding, note=note)
            continue
        if roster and other_county(r, county_refs):
            fates.decide(it, NOT_ON_ROSTER, make("MERGE-OTHER-COUNTY", file=it.path, name=fates.names[it.path],
                                                 office=r.office, county=county_of(r), home=county_refs[0]),
                         note=f"是{county_of(r)}的单位（所属县（市、区）填的是“{county_of(r)}”），"
                              f"不是{county_refs[0]}的，未计入汇总")
            continue
        errors = sum(f.is_error for f in it.result.findings)
        if exclude_errors and errors:
            fates.decide(it, EXCLUDED, make("MERGE-EXCLUDED", file=it.path, name=fates.names[it.path], count=errors))
            continue
        summed.append(it)
    return summed


def _not_on_roster(fates: _Fates, it: ReadItem, roster_names: Sequence[str], county_ref: str) -> tuple[Finding, str]:
    """The finding and the status note for a report whose office is not on the roster."""
    r = _report(it)
    county = r.info.get("county", "").strip()
    hint = suggest_name(r.office, roster_names)
    if county and county_ref and normalise_name(county) != normalise_name(county_ref):
        hint = None
        suggestion = f"（报告中的所属县（市、区）是“{county}”，不是{county_ref}）"
    else:
        suggestion = f"（名单中最接近的是“{hint}”）" if hint else ""
    finding = make("MERGE-NOT-ON-ROSTER", file=it.path, name=fates.names[it.path], office=r.office,
                   suggestion=suggestion)
    return finding, "不在名单中，未计入汇总" + (f"；可能是“{hint}”" if hint else "")


def _in_roster_order(summed: list[ReadItem], roster_index: dict[str, int], home: str) -> list[ReadItem]:
    """Stage: the summed reports in the order of the roster, then by name, county and path."""
    def order(it: ReadItem) -> tuple[int, str, str, str]:
        r = _report(it)
        key = normalise_name(r.office)
        return (roster_index.get(key, len(roster_index)), key, normalise_name(county_of(r, home)), it.path)

    return sorted(summed, key=order)


def _cross_year(fates: _Fates, summed: Sequence[ReadItem], previous: Iterable[ReadItem] | None,
                name: str | None, year: int | None, today: _dt.date | None) -> tuple[MergeResult | None, list[Finding]]:
    """Stage: last year's files merged the same way, and the cross-year warnings per office (they count
    towards the office's status); the county-wide ones are returned."""
    if previous is None:
        return None, []
    prev = merge_results(previous, name=name, today=today)
    per_file, county = check_offices([(it.path, _report(it)) for it in summed], prev, year)
    for path, fs in per_file.items():
        fates.add(path, fs)
    return prev, county


@dataclass(frozen=True)
class _Summary:
    """What the sum is called and holds."""

    name: str
    areas: list[str]  # the areas of the summaries among the inputs, when more than one (no name guessed)
    report: Report


def _sum(layout: LayoutSpec, rows: Sequence[Entry], name: str | None, year: int | None, home: str,
         roster_index: dict[str, int], today: _dt.date | None, file: str) -> tuple[_Summary, list[Finding]]:
    """Stage: the summary report of the included rows, named, in the variant the figures fit."""
    reports = [e.report for e in rows if e.report is not None]
    areas = [] if name else summary_areas(reports)
    the_name = name or ("" if len(areas) > 1 else county_name(reports)) or "汇总"
    day = today or _dt.date.today()
    included = tuple(sorted((o for r in reports for o in entries_of(r, home, the_name)),
                            key=lambda o: (roster_index.get(normalise_name(o), len(roster_index)), normalise_name(o))))
    info = {"office": the_name, "category": "", "county": the_name, "year": str(year) if year else "",
            "preparer": "", "phone": "", "date": day.isoformat()}
    # no 正文: the county writes its own narrative; what the sum includes is said on the 状态 sheet
    layout, variant_finding = _summary_variant(layout, rows, info, included, file)
    report = sum_reports(reports, layout=layout, info=info, texts={}, included=included)
    return _Summary(the_name, areas, report), variant_finding


def _summary_findings(summary: _Summary, rows: Sequence[Entry], statuses_: Sequence[StatusRow], *, home: str,
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


def _home_county(name: str | None, reports: Sequence[Report]) -> str:
    """The county the offices' reports belong to: the summary's ``name`` when some report states it as its
    所属县 (then a report of 邻县 is another county's, however many of them came), else the 所属县 most
    reports give."""
    if name and any(same_county(county_of(r), name) for r in reports):
        return name
    return county_name(reports)


def _decide(fates: _Fates, work: Sequence[ReadItem], roster: Sequence[RosterEntry] | None, name: str | None,
            exclude_errors: bool, today: _dt.date | None) -> _Decided:
    """The stages from the files read to the reports summed, each file's fate recorded in ``fates``."""
    for it in work:
        if it.result.report is None:
            fates.decide(it, UNREADABLE)
    readable = [it for it in work if it.result.report is not None]
    layout, year = _majority(readable)
    candidates = _screen(fates, readable, layout, year)
    home = _home_county(name, [_report(it) for it in candidates if not is_summary(_report(it))])
    window = (_dt.date(year, 12, 1) if year else _dt.date.min, today or _dt.date.today())
    winners = [_choose_latest(fates, members, window) for members in _identify(candidates, home)]
    accepted = _count_once(fates, winners, _drop_replaced_summaries(fates, winners, home), home)
    county_refs = [home] if name and home == name else [
        c for c in dict.fromkeys((name or "", county_name([_report(it) for it in accepted]), home)) if c]
    roster_index = {normalise_name(e.name): i for i, e in enumerate(roster or ())}
    summed = _in_roster_order(_apply_roster(fates, accepted, roster, county_refs or [""], exclude_errors),
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
    fates = _Fates(display_names([it.path for it in work]))
    d = _decide(fates, work, roster, name, exclude_errors, today)
    prev, county_prev = _cross_year(fates, d.summed, previous, name, d.year, today)
    for path, fs in same_offices([(it.path, _report(it)) for it in d.summed]).items():
        fates.add(path, fs)  # NARR-SAME-OFFICE: two offices' narratives nearly the same
    entries = tuple(fates.entry(it) for it in work)
    by_path = {e.path: e for e in entries}
    rows = tuple(by_path[it.path] for it in d.summed)
    file = output_name or COUNTY_FILE
    summary, findings = _sum(d.layout, rows, name, d.year, d.home, d.roster_index, today, file)
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


def _summary_variant(layout: LayoutSpec, rows: Sequence[Entry], info: Mapping[str, str],
                     included: Sequence[str], file: str) -> tuple[LayoutSpec, list[Finding]]:
    """The variant of the summary when the included reports use several (河南省 and the national form):
    the one whose rules the summed figures satisfy (the national form has no decimal limit on the fee),
    of those the one most reports use; and a finding naming which offices use which variant."""
    used: dict[str, list[str]] = {}
    for e in rows:
        if e.report is not None and e.report.layout.format == layout.format:
            used.setdefault(e.report.layout.variant, []).append(e.office)
    if len(used) < 2:
        return layout, []
    majority = layout.variant if layout.variant in used else max(used, key=lambda v: len(used[v]))
    reports = [e.report for e in rows if e.report is not None]

    def errors(variant: str) -> int:
        summary = sum_reports(reports, layout=get_layout(layout.format, variant), info=info, included=included)
        return sum(f.is_error for f in validate_report(summary, file=file))

    order = sorted(used, key=lambda v: (v != majority, -len(used[v]), v != NATIONAL, v))
    chosen = min(order, key=errors)  # min keeps the first of equals: the majority's variant when it does
    layouts = {v: get_layout(layout.format, v) for v in used}
    detail = "；".join(f"{layouts[v].name}：{'、'.join(used[v])}" for v in order)
    reason = ("（多数报告使用该格式）" if chosen == majority else
              f"（汇总数字不符合{layouts[majority].name}的要求，如收费金额的小数位数）")
    return layouts[chosen], [make("MERGE-MIXED-VARIANT", file=file, detail=detail, chosen=layouts[chosen].name,
                                  reason=reason)]










def _majority(readable: Sequence[ReadItem]) -> tuple[LayoutSpec, int | None]:
    """The format and year most reports have (ties: the later year), and the majority variant."""
    if not readable:
        return get_layout(latest()), None
    years = Counter((it.result.report.layout.format, it.result.report.year)  # type: ignore[union-attr]
                    for it in readable)
    fmt, year = max(years, key=lambda k: (years[k], k[1] is not None, k[1] or 0, k[0]))
    if year is None:  # no report states a year: take the most common stated one, if any
        stated = Counter(it.result.report.year for it in readable  # type: ignore[union-attr]
                         if it.result.report.year is not None)  # type: ignore[union-attr]
        year = max(stated, key=lambda y: (stated[y], y)) if stated else None
    variants = Counter(it.result.report.layout.variant for it in readable  # type: ignore[union-attr]
                       if it.result.report.layout.format == fmt)  # type: ignore[union-attr]
    variant = max(variants, key=lambda v: (variants[v], v == NATIONAL, v))
    return get_layout(fmt, variant), year










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
    return merge_results(items, roster=roster, name=name, exclude_errors=exclude_errors, previous=prev_items,
                         today=today, output_name=output_name)
