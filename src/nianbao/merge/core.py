"""Merging many offices' reports into one summary: who is included, who is missing, the cell-wise sum.

The core is pure: ``sum_reports`` adds reports cell by cell, ``merge_results`` decides, from the files
read (``ReadItem``), which reports are summed (identity, re-submission, duplicates, another year or
format, the roster) and gives a ``MergeResult`` whose ``report`` is itself a ``Report`` of level
汇总, so that a city merges its counties' summaries the same way. ``read_paths`` reads files in
parallel processes, where a worker that dies costs only its own file.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

from nianbao.check.validate import validate_report
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import NATIONAL, get_layout, latest
from nianbao.form.result import STATUS_ERROR, STATUS_UNREADABLE, FileResult, display_names
from nianbao.form.sheets import ENTRY_SEP
from nianbao.form.spec import LayoutSpec
from nianbao.merge.crossyear import check_county, check_offices
from nianbao.merge.outcome import (
    COUNTY_FILE,
    DUPLICATE,
    EXCLUDED,
    IN_SUMMARY,
    INCLUDED,
    NOT_ON_ROSTER,
    REFUSED,
    STATUS_MISSING,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    SUPERSEDED,
    UNREADABLE,
    Entry,
    MergeResult,
    StatusRow,
)
from nianbao.merge.reading import ReadItem, default_reader, read_paths, read_previous
from nianbao.merge.sums import county_of, entries_of, is_summary, office_keys, offices_of, sum_reports
from nianbao.read.roster import RosterEntry, normalise_name

_DATE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")


def parse_date(text: str) -> _dt.date | None:
    """A 填报日期 as people write it: 2026-01-15, 2026/1/15, 2026年1月15日, 2026.01.15, or the
    spreadsheet's date serial number (46037) when the cell lost its date format."""
    serial = re.fullmatch(r"\s*(\d{5})(?:\.0+)?\s*", str(text or ""))
    if serial and 36526 <= int(serial.group(1)) <= 73050:  # 2000-01-01 .. 2099-12-31
        return _dt.date(1899, 12, 30) + _dt.timedelta(days=int(serial.group(1)))
    m = _DATE.search(str(text or ""))
    if not m:
        us = _US_DATE.fullmatch(str(text or ""))
        if us:
            return _us_date(int(us.group(1)), int(us.group(2)), int(us.group(3)))
        digits = re.fullmatch(r"\s*(\d{4})(\d{2})(\d{2})\s*", str(text or ""))
        if not digits:
            return None
        m = digits
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_US_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")


def _us_date(a: int, b: int, year: int) -> _dt.date | None:
    """1/20/2026 (month first) or 20/1/2026 (day first): only when one of the two cannot be a month
    (or both are the same day and month); 1/2/2026 could be either, and is not guessed."""
    if a > 12 >= b:
        a, b = b, a  # day first
    elif not (b > 12 >= a or a == b):
        return None
    try:
        return _dt.date(year, a, b)
    except ValueError:
        return None


def suggest_name(name: str, roster_names: Sequence[str]) -> str | None:
    """The roster name closest to ``name`` (柏城街道 → 柏城街道办事处), or None when nothing is close."""
    key = normalise_name(name)
    if not key:
        return None
    by_key = {normalise_name(n): n for n in roster_names}
    contains = [n for k, n in by_key.items() if key in k or k in key]
    if contains:
        return max(contains, key=lambda n: difflib.SequenceMatcher(None, key, normalise_name(n)).ratio())
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


def identity(report: Report, county: str = "") -> tuple[str, ...]:
    """Who a report stands for: one office by its 所属县 and normalised name, or a summary by the set of
    offices it includes (two summaries of the same name but of different offices are different reports).
    ``county`` stands in for a blank 所属县: the county most reports of the merge give, so that in a
    county's merge every office is known by its name alone, and in a city's flat merge 甲县's 县财政局
    is not 乙县's."""
    if is_summary(report):
        return ("summary", *sorted({ENTRY_SEP.join(k) for k in office_keys(report)}))
    return ("office", normalise_name(county_of(report, county)), normalise_name(report.office))



def _date_text(item: ReadItem) -> str:
    r = item.result.report
    return str(r.info.get("date", "") or "").strip() if r else ""


def _date_of(item: ReadItem) -> _dt.date | None:
    return parse_date(_date_text(item))


def _freshness(item: ReadItem) -> tuple[_dt.date, float, str]:
    return (_date_of(item) or _dt.date.min, item.mtime, item.path)


def _file_time(item: ReadItem) -> tuple[float, str]:
    return (item.mtime, item.path)


def merge_results(items: Iterable[ReadItem], *, roster: Sequence[RosterEntry] | None = None,
                  name: str | None = None, exclude_errors: bool = False,
                  previous: Iterable[ReadItem] | None = None, today: _dt.date | None = None,
                  output_name: str = "") -> MergeResult:
    """Decide which reports are summed and sum them. Pure: the same items give the same result in any
    order. ``previous`` (last year's files, read) adds the cross-year warnings.

    The summary is called ``name``; without it, after the 所属县 most of the reports give. When summaries
    of differently named areas are summed (甲县 and 乙县) no name is guessed: the summary is called 汇总
    and a MERGE-NO-NAME finding says so (``nianbao merge`` then refuses to run without --name)."""
    work = sorted(items, key=lambda it: it.path)
    names = display_names([it.path for it in work])
    fate: dict[str, tuple[str, list[Finding], str]] = {}  # path -> (outcome, merge findings, note)

    def decide(item: ReadItem, outcome: str, *findings: Finding, note: str = "") -> None:
        fate[item.path] = (outcome, list(findings), note)

    readable = [it for it in work if it.result.report is not None]
    for it in work:
        if it.result.report is None:
            decide(it, UNREADABLE)

    layout, year = _majority(readable)

    # another year or format than the rest, no office name
    candidates: list[ReadItem] = []
    for it in readable:
        r = it.result.report
        assert r is not None
        fname = names[it.path]
        if r.layout.format != layout.format:
            decide(it, REFUSED, make("MERGE-OTHER-FORMAT", file=it.path, name=fname, actual=r.layout.format,
                                     expected=layout.format))
        elif r.year is not None and year is not None and r.year != year:
            decide(it, REFUSED, make("MERGE-OTHER-YEAR", file=it.path, name=fname, actual=r.year, expected=year),
                   note=f"交来的是 {r.year} 年度报告，未计入")
        elif not is_summary(r) and not normalise_name(r.office):
            decide(it, REFUSED, make("MERGE-NO-OFFICE", file=it.path, name=fname))
        else:
            candidates.append(it)

    # identity: the same office of the same county (or the same set of offices, for summaries) and year
    home = _county_name([it.result.report for it in candidates  # type: ignore[misc]
                         if not is_summary(it.result.report)])  # type: ignore[arg-type]
    groups: dict[tuple[str, ...], list[ReadItem]] = {}
    for it in candidates:
        r = it.result.report
        assert r is not None
        groups.setdefault(identity(r, home), []).append(it)
    winners: list[ReadItem] = []
    for members in groups.values():
        representatives: dict[str, ReadItem] = {}
        for it in members:  # sorted by path: the first of identical files stands for them
            if it.digest and it.digest in representatives:
                first = representatives[it.digest]
                decide(it, DUPLICATE, make("MERGE-DUPLICATE", file=it.path, name=names[it.path],
                                           other=names[first.path]), note=f"与 {names[first.path]} 相同")
            else:
                representatives[it.digest or it.path] = it
        # by 填报日期, then file time; when a 填报日期 cannot be read (or is blank), by file time alone:
        # a report whose date cannot be read is not older than one whose date can
        dated = all(_date_of(it) is not None for it in representatives.values())
        distinct = sorted(representatives.values(), key=_freshness if dated else _file_time)
        winner = distinct[-1]
        winners.append(winner)
        unread = "、".join(f"“{t}”" for t in dict.fromkeys(
            _date_text(it) for it in distinct if _date_text(it) and _date_of(it) is None))
        for it in distinct[:-1]:
            if dated and _freshness(winner)[0] > _freshness(it)[0]:
                reason = "填报日期较晚"
            else:
                reason = "文件修改时间较晚" + (f"；填报日期{unread}无法识别，按文件修改时间比较" if unread else "")
            decide(it, SUPERSEDED, make("MERGE-SUPERSEDED", file=it.path, name=names[it.path],
                                        office=winner.result.office or "汇总", other=names[winner.path],
                                        reason=reason), note=f"被 {names[winner.path]} 取代（{reason}）")

    # summaries among the inputs: no office may be counted twice (an office is its county and name)
    covered: dict[tuple[str, str], ReadItem] = {}
    by_office: dict[str, ReadItem] = {}  # by name alone: for office reports that give no 所属县
    summaries = sorted((w for w in winners if is_summary(w.result.report)),  # type: ignore[arg-type]
                       key=lambda w: (-len(offices_of(w.result.report)), w.path))  # type: ignore[arg-type]
    accepted: list[ReadItem] = []
    # a summary whose offices all sent their own reports among these inputs (last run's summary left in
    # the folder): the offices' reports are used, and may be newer than the summary
    own = {office_keys(w.result.report, home)[0] for w in winners  # type: ignore[arg-type]
           if not is_summary(w.result.report)}  # type: ignore[arg-type]
    own_names = {name for county, name in own if not county}  # offices that give no 所属县: by name
    for s in list(summaries):
        report = s.result.report
        assert report is not None
        if all(k in own or k[1] in own_names for k in office_keys(report)):
            summaries.remove(s)
            decide(s, SUPERSEDED, make("MERGE-SUMMARY-REPLACED", file=s.path, name=names[s.path],
                                       count=len(report.included)),
                   note="其中各单位都另有单独的报告，按单位的报告汇总")
    for s in summaries:
        report = s.result.report
        assert report is not None
        keys = office_keys(report)
        overlap = [(o, k) for o, k in zip(offices_of(report), keys, strict=True) if k in covered]
        if overlap:
            other = covered[overlap[0][1]]
            decide(s, REFUSED, make("MERGE-OVERLAP", file=s.path, name=names[s.path],
                                    other=names[other.path], offices="、".join(o for o, _k in overlap)))
            continue
        for k in keys:
            covered[k] = s
            by_office.setdefault(k[1], s)
        accepted.append(s)
    for w in winners:
        r = w.result.report
        assert r is not None
        if is_summary(r):
            continue
        ((county, office),) = office_keys(r, home)
        holder = covered.get((county, office)) if county else by_office.get(office)
        if holder is not None:
            decide(w, IN_SUMMARY, make("MERGE-IN-SUMMARY", file=w.path, name=names[w.path], office=r.office,
                                       other=names[holder.path]))
        else:
            accepted.append(w)

    # the roster: offices not on it are listed, not summed. The roster is the clerk's statement of what
    # the summary covers; a report from another county, or under a name the roster does not know, would
    # otherwise change the county's figures unseen. Each is listed as 名单外 with the closest roster name
    # (ROSTER_POLICY says so in the 状态 sheet and the CLI help). Without a roster every report is summed.
    roster_names = [e.name for e in roster] if roster else []
    roster_index = {normalise_name(n): i for i, n in enumerate(roster_names)}
    summed: list[ReadItem] = []
    county_ref = name or _county_name([it.result.report for it in accepted if it.result.report is not None])
    for it in sorted(accepted, key=lambda x: x.path):
        r = it.result.report
        assert r is not None
        if roster and normalise_name(r.office) not in roster_index:
            county = r.info.get("county", "").strip()
            hint = suggest_name(r.office, roster_names)
            if county and county_ref and normalise_name(county) != normalise_name(county_ref):
                hint = None
                suggestion = f"（报告中的所属县（市、区）是“{county}”，不是{county_ref}）"
            else:
                suggestion = f"（名单中最接近的是“{hint}”）" if hint else ""
            decide(it, NOT_ON_ROSTER, make("MERGE-NOT-ON-ROSTER", file=it.path, name=names[it.path],
                                           office=r.office, suggestion=suggestion),
                   note="不在名单中，未计入汇总" + (f"；可能是“{hint}”" if hint else ""))
            continue
        errors = sum(f.is_error for f in it.result.findings)
        if exclude_errors and errors:
            decide(it, EXCLUDED, make("MERGE-EXCLUDED", file=it.path, name=names[it.path], count=errors))
            continue
        summed.append(it)

    def order(it: ReadItem) -> tuple[int, str, str, str]:
        r = it.result.report
        assert r is not None
        key = normalise_name(r.office)
        return (roster_index.get(key, len(roster_index)), key, normalise_name(county_of(r, home)), it.path)

    summed.sort(key=order)
    for it in summed:
        decide(it, INCLUDED)

    # cross-year warnings, per office (they count towards the office's status)
    county_findings: list[Finding] = []
    previous_entries: tuple[Entry, ...] = ()
    prev_result: MergeResult | None = None
    if previous is not None:
        prev_result = merge_results(previous, name=name, today=today)
        previous_entries = prev_result.entries
        per_file, county_prev = check_offices(
            [(it.path, it.result.report) for it in summed if it.result.report is not None], prev_result, year)
        for path, fs in per_file.items():
            outcome, found, note = fate[path]
            fate[path] = (outcome, found + fs, note)
        county_findings += county_prev

    entries = tuple(Entry(it, fate[it.path][0], tuple(fate[it.path][1]), fate[it.path][2], names[it.path])
                    for it in work)
    by_path = {e.path: e for e in entries}
    rows = tuple(by_path[it.path] for it in summed)

    reports = [it.result.report for it in summed if it.result.report is not None]
    areas = [] if name else _summary_areas(reports)
    the_name = name or ("" if len(areas) > 1 else _county_name(reports)) or "汇总"
    day = today or _dt.date.today()
    included = tuple(sorted((o for r in reports for o in entries_of(r, home, the_name)),
                            key=lambda o: (roster_index.get(normalise_name(o), len(roster_index)), normalise_name(o))))
    with_errors = [e for e in rows if e.status == STATUS_ERROR]
    info = {"office": the_name, "category": "", "county": the_name, "year": str(year) if year else "",
            "preparer": "", "phone": "", "date": day.isoformat()}
    # no 正文: the county writes its own narrative; what the sum includes is said on the 状态 sheet
    layout, variant_finding = _summary_variant(layout, rows, info, included, output_name or COUNTY_FILE)
    summary = sum_reports(reports, layout=layout, info=info, texts={}, included=included)

    findings: list[Finding] = [*variant_finding]
    findings += _same_names(rows, home, output_name or COUNTY_FILE)
    if not roster:
        findings += _similar_names(rows, home, output_name or COUNTY_FILE)
    if not reports:
        findings.append(make("MERGE-EMPTY", file=output_name or COUNTY_FILE, count=len(work)))
    if len(areas) > 1:
        findings.append(make("MERGE-NO-NAME", file=output_name or COUNTY_FILE, name=the_name, actual="、".join(areas)))
    statuses = _statuses(entries, rows, roster, home)
    for st in statuses:
        if st.status == STATUS_MISSING:
            findings.append(make("MERGE-MISSING", file=output_name or COUNTY_FILE, office=st.office,
                                 note=f"（{st.note}）" if st.note else ""))
    if with_errors:
        findings.append(make("MERGE-INCLUDES-ERRORS", file=output_name or COUNTY_FILE, count=len(with_errors),
                             offices="、".join(e.office for e in with_errors)))
    if reports:
        findings += validate_report(summary, file=output_name or COUNTY_FILE)
    if prev_result is not None:
        findings += county_findings
        findings += check_county(summary, prev_result, [it.result.report for it in summed], year,
                                 file=output_name or COUNTY_FILE)

    return MergeResult(report=summary, name=the_name, entries=entries, rows=rows, statuses=tuple(statuses),
                       findings=tuple(findings), roster=tuple(roster) if roster else None,
                       exclude_errors=exclude_errors, previous_entries=previous_entries)


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


def _same_names(rows: Sequence[Entry], home: str, file: str) -> list[Finding]:
    """A finding naming the included offices whose name recurs in another 所属县 (each is summed)."""
    counties: dict[str, dict[str, str]] = {}  # name -> county key -> county as written
    names: dict[str, str] = {}
    for e in rows:
        r = e.report
        if r is None or is_summary(r):
            continue
        county = county_of(r, home)
        counties.setdefault(normalise_name(r.office), {}).setdefault(normalise_name(county), county or "所属县未填")
        names.setdefault(normalise_name(r.office), r.office)
    same = [f"{names[k]}（{'、'.join(sorted(cs.values(), key=normalise_name))}）"
            for k, cs in sorted(counties.items()) if len(cs) > 1]
    return [make("MERGE-SAME-NAME", file=file, offices="、".join(same))] if same else []


_REMARK = re.compile(r"(?:\([^()]*\)|【[^【】]*】|\[[^\[\]]*\])$")  # after NFKC: （修改） is (修改)


def _name_core(office: str, county: str) -> str:
    """An office name for spotting near-identical names: normalised, without trailing bracketed remarks
    (（修改）, （终稿）) and without the county's name in front (西平县柏城街道办事处 → 柏城街道办事处)."""
    key = normalise_name(office)
    while (shorter := _REMARK.sub("", key)) != key and shorter:
        key = shorter
    county = normalise_name(county)
    if county and key.startswith(county) and len(key) > len(county):
        key = key[len(county):]
    return key


def _similar_names(rows: Sequence[Entry], home: str, file: str) -> list[Finding]:
    """Groups of included offices (of one 所属县) whose names are near-identical: the same once a bracketed
    remark or the county's name is taken off, or one the other with words added in front or behind
    (柏城街道 / 柏城街道办事处). They may be one office counted twice; nothing is merged automatically.
    Linear in the number of offices: only each name's prefixes and suffixes are looked up."""
    offices: dict[tuple[str, str], str] = {}  # (county, normalised name) -> name as written
    for e in rows:
        r = e.report
        if r is not None and not is_summary(r) and normalise_name(r.office):
            offices.setdefault((normalise_name(county_of(r, home)), normalise_name(r.office)), r.office)
    parent = {k: k for k in offices}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    cores: dict[tuple[str, str], tuple[str, str]] = {}  # (county, core) -> the first office with that core
    for key in offices:
        same = (key[0], _name_core(offices[key], key[0]))
        if same in cores:
            parent[find(key)] = find(cores[same])
        else:
            cores[same] = key
    for (county, core), key in list(cores.items()):
        for i in range(2, len(core)):
            for part, rest in ((core[:i], core[i:]), (core[-i:], core[:-i])):
                other = cores.get((county, part))
                if other is not None and not rest.isdigit():  # 单位1 / 单位12 are not alike
                    parent[find(key)] = find(other)
    groups: dict[tuple[str, str], list[str]] = {}
    for key in sorted(offices):
        groups.setdefault(find(key), []).append(offices[key])
    found = ["、".join(f"“{n}”" for n in names) for names in groups.values() if len(names) > 1]
    return [make("MERGE-SIMILAR-NAMES", file=file, groups="；".join(found))] if found else []


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


def _county_name(reports: Sequence[Report]) -> str:
    counties = Counter(r.info.get("county", "").strip() for r in reports if r.info.get("county", "").strip())
    return max(counties, key=lambda c: (counties[c], c)) if counties else ""


def _summary_areas(reports: Sequence[Report]) -> list[str]:
    """The areas (所属县) of ``reports`` when summaries are among them; else [] (offices' reports are
    named after their most common 所属县, whatever a few of them wrote)."""
    if not any(is_summary(r) for r in reports):
        return []
    areas: dict[str, str] = {}
    for r in reports:
        area = r.info.get("county", "").strip() or r.office
        if normalise_name(area):
            areas.setdefault(normalise_name(area), area)
    return sorted(areas.values(), key=normalise_name)


def _statuses(entries: Sequence[Entry], rows: Sequence[Entry],
              roster: Sequence[RosterEntry] | None, home: str = "") -> list[StatusRow]:
    """The status table: roster offices (or offices found), then 名单外, then unreadable files. An office
    whose name recurs in another 所属县 is named with its county (甲县 县财政局)."""
    by_office: dict[tuple[str, ...], list[Entry]] = {}  # by identity (an office, or a summary's offices)
    by_name: dict[str, list[Entry]] = {}  # by name, for the roster (a city's roster names its counties)
    for e in entries:
        if e.report is not None and e.outcome != NOT_ON_ROSTER:
            by_office.setdefault(identity(e.report, home), []).append(e)
            by_name.setdefault(normalise_name(e.office), []).append(e)
    recurring = Counter(key[2] for key in by_office if key[0] == "office")

    def named(e: Entry) -> str:
        r = e.report
        if r is None or is_summary(r) or recurring[normalise_name(r.office)] < 2:
            return e.office
        return f"{county_of(r, home) or '所属县未填'} {e.office}"
    unreadable = [e for e in entries if e.report is None]
    off_roster = [e for e in entries if e.outcome == NOT_ON_ROSTER]

    def submitted(name: str, category: str, es: list[Entry]) -> StatusRow:
        main = next((e for e in es if e.included), None) or next(
            (e for e in es if e.outcome not in (SUPERSEDED, DUPLICATE)), es[0])
        notes = [f"{e.name} {e.note or e.outcome}" for e in es
                 if e is not main and e.outcome in (SUPERSEDED, DUPLICATE)]
        if not main.included:
            notes.insert(0, main.note or main.outcome)
        elif main.errors:
            notes.insert(0, f"有 {main.errors} 处错误，仍计入汇总（见“问题”表）")
        return StatusRow(office=name, category=category, status=SUBMITTED_STATUS[main.status],
                         included=main.included, files=tuple(e.name for e in [main, *(e for e in es if e is not main)]),
                         errors=main.errors,
                         warnings=main.warnings, note="；".join(n for n in notes if n))

    out: list[StatusRow] = []
    if roster:
        for r in roster:
            es = by_name.get(normalise_name(r.name))
            if es and all(_other_year(e) for e in es):  # only a report for another year: not this year's
                out.append(StatusRow(office=r.name, category=r.category, status=STATUS_MISSING, included=False,
                                     files=tuple(e.name for e in es), note="；".join(dict.fromkeys(e.note for e in es))))
                continue
            if es:
                category = r.category or (es[0].report.info.get("category", "") if es[0].report else "")
                out.append(submitted(r.name, category, es))
                continue
            hints = [f"名单外的“{e.office}”（{e.name}）可能就是该单位" for e in off_roster
                     if suggest_name(e.office, [r.name]) == r.name and
                     suggest_name(e.office, [x.name for x in roster]) == r.name]
            hints += [f"文件 {e.name} 无法读取，可能是该单位的" for e in unreadable
                      if normalise_name(r.name) and normalise_name(r.name) in normalise_name(Path(e.path).stem)]
            out.append(StatusRow(office=r.name, category=r.category, status=STATUS_MISSING, included=False,
                                 note="；".join(hints)))
        for e in off_roster:
            out.append(StatusRow(office=e.office, category=e.report.info.get("category", "") if e.report else "",
                                 status=STATUS_OFF_ROSTER, included=False, files=(e.name,), errors=e.errors,
                                 warnings=e.warnings, note=e.note))
    else:
        seen: dict[tuple[str, ...], None] = {}  # ordered, without repeats
        for e in rows:
            assert e.report is not None
            seen.setdefault(identity(e.report, home))
        for key in sorted(by_office):
            seen.setdefault(key)
        for key in seen:
            es = by_office[key]
            name = next((named(e) for e in es if e.included), named(es[0])) or "（未填写单位名称）"
            category = es[0].report.info.get("category", "") if es[0].report else ""
            out.append(submitted(name, category, es))
    for e in unreadable:
        out.append(StatusRow(office="", category="", status=STATUS_UNREADABLE, included=False, files=(e.name,),
                             errors=e.errors, note=e.all_findings[0].message if e.all_findings else ""))
    return out


def _other_year(e: Entry) -> bool:
    return any(f.code == "MERGE-OTHER-YEAR" for f in e.findings)


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
