"""The stages of a merge, each a short function over plain data: the files read (``ReadItem``), the
``Fates`` record of what became of each, and the values a stage hands to the next.

In the order ``merge.core`` runs them: collect (``read.paths.collect_paths``, in ``merge.job``) and
read (``merge.reading.read_paths``, in worker processes) come before; then ``majority`` (the summary's
format, year and variant), ``screen`` (another format or year, no office name, a blank template),
``home_county``, ``identify_offices`` (group an office's files), ``choose_latest`` (per office),
``drop_replaced_summaries`` and ``count_once`` (summaries among the inputs), ``apply_roster``,
``in_roster_order``; cross-year (``merge.crossyear``) and ``sum_included`` (the summary report, in the
variant its figures fit: ``summary_variant``); statuses (``merge.statuses``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nianbao.check.validate import validate_report
from nianbao.form.finding_tags import NAMED_OTHER, OFFICE_FILE_NAME
from nianbao.form.finding_tags import TIED as TIED_CODE
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import NATIONAL, get_layout, latest
from nianbao.form.spec import LayoutSpec
from nianbao.merge.identify import (
    SAME_TIME_SECONDS,
    Natural,
    county_name,
    date_of,
    date_text,
    file_time,
    freshness,
    identity,
    is_blank,
    join_summary_versions,
    name_order,
    other_county,
    roster_office,
    same_county,
    seconds_apart,
    suggest_name,
    summary_areas,
)
from nianbao.merge.outcome import (
    DUPLICATE,
    EXCLUDED,
    IN_SUMMARY,
    NOT_ON_ROSTER,
    REFUSED,
    SUPERSEDED,
    TIED,
    Entry,
    Outcome,
)
from nianbao.merge.reading import SUMMARY_PROBLEM, ReadItem
from nianbao.merge.sums import county_of, entries_of, is_summary, office_keys, offices_of, sum_reports
from nianbao.read.roster import RosterEntry, normalise_name
from nianbao.wording import merge as words


@dataclass
class Fates:
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


def report_of(item: ReadItem) -> Report:
    assert item.result.report is not None
    return item.result.report


def screen(fates: Fates, readable: Sequence[ReadItem], layout: LayoutSpec, year: int | None) -> list[ReadItem]:
    """Stage: refuse reports of another format or year than most, and office reports without a name."""
    candidates: list[ReadItem] = []
    for it in readable:
        r, fname = report_of(it), fates.names[it.path]
        if r.layout.format != layout.format:
            fates.decide(it, REFUSED, make("MERGE-OTHER-FORMAT", file=it.path, name=fname, actual=r.layout.format,
                                           expected=layout.format),
                         note=words.OTHER_FORMAT_NOTE.format(actual=r.layout.format, expected=layout.format))
        elif r.year is not None and year is not None and r.year != year:
            fates.decide(it, REFUSED, make("MERGE-OTHER-YEAR", file=it.path, name=fname, actual=r.year,
                                           expected=year), note=words.OTHER_YEAR_NOTE.format(actual=r.year, expected=year))
        elif is_summary(r) and it.result.extra.get(SUMMARY_PROBLEM):
            fates.decide(it, REFUSED, make("MERGE-SUMMARY-UNPROVEN", file=it.path, name=fname,
                                           count=len(r.included), reason=it.result.extra[SUMMARY_PROBLEM]),
                         note=words.SUMMARY_UNPROVEN_NOTE)
        elif not is_summary(r) and is_blank(it):  # a template sent back unfilled, named or not: not a report
            fates.decide(it, REFUSED, make("MERGE-BLANK", file=it.path, name=fname,
                                           office=f"“{r.office}”" if normalise_name(r.office) else words.THE_OFFICE),
                         note=words.BLANK_NOTE)
        elif not is_summary(r) and not normalise_name(r.office):
            fates.decide(it, REFUSED, make("MERGE-NO-OFFICE", file=it.path, name=fname), note=words.NO_OFFICE_NOTE)
        else:
            candidates.append(it)
    return candidates


def identify_offices(candidates: Sequence[ReadItem], home: str) -> list[list[ReadItem]]:
    """Stage: group the reports of one office (its county and name; a summary by its set of offices). Two
    summaries of one name whose offices overlap (示例县's summary made again, with more offices) are two
    versions of it, one group: the latest is taken (``choose_latest``); of one name and no office in
    common (a county's summary sent in parts), each is its own."""
    groups: dict[tuple[str, ...], list[ReadItem]] = {}
    for it in candidates:
        groups.setdefault(identity(report_of(it), home), []).append(it)
    return join_summary_versions(list(groups.values()), report_of)


def set_aside_named_otherwise(fates: Fates, members: Sequence[ReadItem],
                              roster: Sequence[RosterEntry] | None) -> list[ReadItem]:
    """Stage, per office: of its files, those whose file name names another office of the roster
    (INFO-OFFICE-FILE-NAME, the name or a 别名 of another roster office: 县卫生健康委员会-2025年报.xlsx whose
    单位名称 is 县医疗保障局, most likely copied from that office's file and its name left as it was) never
    replace the office's files named for it: set aside, not summed (MERGE-NAMED-OTHER), when it has such a
    file. A file of an office with no other is summed as that office's, with the reader's warning (the office
    the file name names is told of it: ``statuses``). Without a roster, or for a file name that is the
    office's own 别名, or no roster office at all, nothing is set aside."""
    named = {it.path: _named_office(it, roster) for it in members}
    own = [it for it in members if not named[it.path]]
    if not own or len(own) == len(members):
        return list(members)
    other = "、".join(fates.names[it.path] for it in own)
    for it in members:
        if named[it.path]:
            office = it.result.office
            fates.decide(it, REFUSED, make(NAMED_OTHER, file=it.path, name=fates.names[it.path],
                                           named=named[it.path], office=office, other=other),
                         note=words.NAMED_OTHER_NOTE.format(named=named[it.path], office=office, other=other))
    return own


def _named_office(item: ReadItem, roster: Sequence[RosterEntry] | None) -> str:
    """The roster office a report's file name names when it is another than the office of its 单位名称 (the
    reader's INFO-OFFICE-FILE-NAME, resolved through the roster's names and 别名), else ''."""
    named = roster_office(next((f.param("named") for f in item.result.findings
                                if f.code == OFFICE_FILE_NAME), ""), roster)
    own = roster_office(item.result.office, roster) or item.result.office
    return named if named and normalise_name(named) != normalise_name(own) else ""


def _implausible_dates(fates: Fates, versions: Sequence[ReadItem], window: tuple[_dt.date, _dt.date]) -> dict[str, str]:
    """The paths of ``versions`` (several files of one office) whose 填报日期 cannot be true (after today,
    or before the report year's last month), each with why. Such a date does not decide which is the
    latest; each is said (MERGE-DATE-IMPLAUSIBLE) and the file is then compared by file time."""
    if len(versions) < 2:
        return {}
    first, last = window
    out = {}
    for it in versions:
        day = date_of(it)
        if day is None or first <= day <= last:
            continue
        why = (words.DATE_AFTER_TODAY.format(today=last.isoformat()) if day > last
               else words.DATE_BEFORE_YEAR_END.format(first=first.isoformat()))
        out[it.path] = why
        fates.add(it.path, [make("MERGE-DATE-IMPLAUSIBLE", file=it.path, name=fates.names[it.path],
                                 actual=date_text(it), why=why, office=it.result.office or words.UNNAMED_SUMMARY)])
    return out


#: how a copy of a file is named by Windows, WPS, macOS or a mail program: "X - 副本", "X(1)", "X - Copy"
_COPY_MARK = re.compile(words.COPY_MARK, re.IGNORECASE)


def _original_first(it: ReadItem) -> tuple[bool, str]:
    """Of identical files, the one named without a copy marker stands for them; then the first by path."""
    return bool(_COPY_MARK.search(Path(it.path).stem.strip())), it.path


def _one_of_identical(fates: Fates, members: Sequence[ReadItem]) -> list[ReadItem]:
    """Identical files are one: the original's name (not "X - 副本") stands for them, the others are 重复."""
    groups: dict[str, list[ReadItem]] = {}
    for it in members:  # sorted by path
        groups.setdefault(it.digest or it.path, []).append(it)
    out = []
    for same in groups.values():
        first = min(same, key=_original_first)
        out.append(first)
        for it in same:
            if it is not first:
                fates.decide(it, DUPLICATE, make("MERGE-DUPLICATE", file=it.path, name=fates.names[it.path],
                                                 other=fates.names[first.path]),
                             note=words.DUPLICATE_NOTE.format(other=fates.names[first.path]))
    return out


def _not_compared(distinct: Sequence[ReadItem], implausible: dict[str, str]) -> str:
    """Why files were compared by file time: the 填报日期 not read, those read but not true, those left
    blank ('' if none), as ``DATES_UNREADABLE``, ``DATES_IMPOSSIBLE`` and ``DATES_BLANK`` say them."""
    unread = "、".join(f"“{t}”" for t in dict.fromkeys(
        date_text(it) for it in distinct if date_text(it) and date_of(it) is None))
    odd = "、".join(dict.fromkeys(f"“{date_text(it)}”{implausible[it.path]}" for it in distinct if it.path in implausible))
    blank = sum(not date_text(it) for it in distinct)
    return "、".join(x for x in (words.DATES_UNREADABLE.format(dates=unread) if unread else "",
                                 words.DATES_IMPOSSIBLE.format(dates=odd) if odd else "",
                                 "" if not blank else words.DATE_BLANK if len(distinct) == 1
                                 else words.DATES_ALL_BLANK if blank == len(distinct) else words.DATES_BLANK) if x)


def _good_date(item: ReadItem, implausible: dict[str, str]) -> _dt.date | None:
    """A file's 填报日期 when it can be compared: read, and not one that cannot be true."""
    return None if item.path in implausible else date_of(item)


def _tie_order(item: ReadItem, implausible: dict[str, str]) -> tuple[bool, _dt.date, tuple[bool, Natural, Natural]]:
    """Of files of the same time, the one taken: one whose 填报日期 can be compared before one whose cannot
    (the latest of them by it), then by name (``name_order``)."""
    day = _good_date(item, implausible)
    return day is not None, day or _dt.date.min, name_order(item)


def _copied_together(by_time: Sequence[ReadItem], anchor: ReadItem) -> list[ReadItem]:
    """Of ``by_time`` (an office's files, oldest first), ``anchor`` and those whose times reach it in steps of
    at most SAME_TIME_SECONDS (``seconds_apart``): files copied or unzipped together, one after another (a
    copy a few milliseconds later, or a slow USB stick's seconds, is no later version), whatever their dates."""
    at = next(i for i, it in enumerate(by_time) if it is anchor)
    first = last = at
    while first > 0 and seconds_apart(by_time[first - 1], by_time[first]) <= SAME_TIME_SECONDS:
        first -= 1
    while last + 1 < len(by_time) and seconds_apart(by_time[last], by_time[last + 1]) <= SAME_TIME_SECONDS:
        last += 1
    return list(by_time[first:last + 1])


def _why_not_taken(winner: ReadItem, it: ReadItem, tie: bool, dated: bool, why: str,
                   implausible: dict[str, str], names: Mapping[str, str]) -> tuple[bool, str]:
    """Why ``it`` was not taken over ``winner`` (an earlier 填报日期, an earlier file time, ``why`` the
    office's dates were not compared), and whether it is a tie (``tie``: copied together with the
    winner): then the two files' own dates decide when both can be compared, and otherwise nothing
    tells them apart."""
    if dated and freshness(winner)[0] > freshness(it)[0]:
        return False, words.LATER_DATE
    if not tie:
        return False, words.LATER_FILE_TIME + (words.COMPARED_BY_FILE_TIME.format(why=why) if why else "")
    times = words.SAME_TIME if seconds_apart(winner, it) <= SAME_TIME_SECONDS else words.CHAIN_TIME
    mine, theirs = _good_date(winner, implausible), _good_date(it, implausible)
    if mine is not None and theirs is not None:  # the winner's is the later (``_tie_order``)
        return (True, words.SAME_DATE_AND_FILE_TIME.format(times=times)) if mine == theirs else (False, words.LATER_DATE)
    if (mine is None) != (theirs is None):  # one of them: named, so that its date is not read as both's
        one = winner if mine is None else it
        return True, words.DATE_OF_ONE_NOT_READ_SAME_TIME.format(
            whose=names[one.path], why=_not_compared((one,), implausible), times=times)
    pair = _not_compared((winner, it), implausible)
    return True, (words.DATES_NOT_READ_SAME_TIME.format(why=pair, times=times) if pair
                  else words.SAME_FILE_TIME.format(times=times))


def choose_latest(fates: Fates, members: Sequence[ReadItem], window: tuple[_dt.date, _dt.date]) -> ReadItem:
    """Stage, per office: identical files are one (``_one_of_identical``); of the rest the latest by
    填报日期, then file time; when a 填报日期 cannot be read (or is blank, or cannot be true), by file time
    alone: a report whose date cannot be read is not older than one whose date can. Files of the latest
    date (when compared by it) copied together with the latest (``_copied_together``) are a tie: their own
    dates, then the order of their names decide (``_tie_order``)."""
    if len(members) == 1:  # most offices: one file, nothing to compare or say
        return members[0]
    names = fates.names
    representatives = _one_of_identical(fates, members)
    implausible = _implausible_dates(fates, representatives, window)
    dated = all(_good_date(it, implausible) is not None for it in representatives)
    distinct = sorted(representatives, key=freshness if dated else file_time)
    newest = freshness(distinct[-1])[0] if dated else None
    # copied together with the latest (its files of other dates too: an older one between does not break
    # the chain), of the latest date when compared by it
    together = [it for it in _copied_together(sorted(distinct, key=file_time), distinct[-1])
                if newest is None or freshness(it)[0] == newest]
    winner = max(together, key=lambda it: _tie_order(it, implausible))
    by_date = _good_date(winner, implausible) is not None
    why = _not_compared(distinct, implausible)
    tie = {id(it) for it in together}
    for it in distinct:
        if it is winner:
            continue
        tied, reason = _why_not_taken(winner, it, id(it) in tie, dated, why, implausible, names)
        how = words.TAKEN_BY_DATE if by_date and _good_date(it, implausible) is None else words.TAKEN_BY_NAME
        code, outcome, note = ((TIED_CODE, TIED, words.TIED_NOTE) if tied
                               else ("MERGE-SUPERSEDED", SUPERSEDED, words.SUPERSEDED_NOTE))
        fates.decide(it, outcome, make(code, file=it.path, name=names[it.path],
                                       office=winner.result.office or words.UNNAMED_SUMMARY,
                                       other=names[winner.path], reason=reason, how=how),
                     note=note.format(other=names[winner.path], reason=reason, how=how))
        fates.add(it.path, _offices_left(it, winner, names))
    return winner


def _offices_left(it: ReadItem, winner: ReadItem, names: dict[str, str]) -> list[Finding]:
    """MERGE-SUMMARY-LESS when ``it``, a version of an area's summary not taken, has offices that the one
    taken (``winner``) has not: they are in no report summed (the newer summary is the area's answer)."""
    r, w = report_of(it), report_of(winner)
    if not (is_summary(r) and is_summary(w)):
        return []
    taken = set(office_keys(w))
    left = [o for o, k in zip(offices_of(r), office_keys(r), strict=True) if k not in taken]
    if not left:
        return []
    return [make("MERGE-SUMMARY-LESS", file=it.path, name=names[it.path], other=names[winner.path],
                 offices="、".join(f"“{o}”" for o in left), count=len(left))]


def drop_replaced_summaries(fates: Fates, winners: Sequence[ReadItem], home: str) -> list[ReadItem]:
    """Stage: a summary whose offices all sent their own reports among these inputs (last run's summary
    left in the folder) is not used: the offices' reports are, and may be newer. The summaries left, the
    largest first."""
    own = {office_keys(report_of(w), home)[0] for w in winners if not is_summary(report_of(w))}
    own_names = {name for county, name in own if not county}  # offices that give no 所属县: by name
    summaries = sorted((w for w in winners if is_summary(report_of(w))),
                       key=lambda w: (-len(offices_of(report_of(w))), w.path))
    kept = []
    for s in summaries:
        report = report_of(s)
        if all(k in own or k[1] in own_names for k in office_keys(report)):
            fates.decide(s, SUPERSEDED, make("MERGE-SUMMARY-REPLACED", file=s.path, name=fates.names[s.path],
                                             count=len(report.included)),
                         note=words.SUMMARY_REPLACED_NOTE)
        else:
            kept.append(s)
    return kept


def _own_reports(summary: ReadItem, offices: Sequence[ReadItem], home: str) -> list[ReadItem]:
    """The office reports among ``offices`` of offices that ``summary`` includes."""
    keys = set(office_keys(report_of(summary)))
    names = {k[1] for k in keys}
    out = []
    for w in offices:
        ((county, office),) = office_keys(report_of(w), home)
        if (county, office) in keys or (not county and office in names):
            out.append(w)
    return out


def count_once(fates: Fates, winners: Sequence[ReadItem], summaries: Sequence[ReadItem],
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
    offices = [w for w in winners if not is_summary(report_of(w))]
    for s in summaries:
        report = report_of(s)
        keys = office_keys(report)
        overlap = [(o, k) for o, k in zip(offices_of(report), keys, strict=True) if k in covered]
        if overlap:
            other, shared = covered[overlap[0][1]], [o for o, _k in overlap]
            fates.decide(s, REFUSED, make("MERGE-OVERLAP", file=s.path, name=names[s.path],
                                          other=names[other.path], offices="、".join(shared)),
                         note=words.OVERLAP_NOTE.format(other=names[other.path],
                                                        offices="、".join(f"“{o}”" for o in shared)))
            continue
        own = _own_reports(s, offices, home)
        if own:
            fates.decide(s, REFUSED, make("MERGE-SUMMARY-CONFLICT", file=s.path, name=names[s.path],
                                          offices="、".join(f"“{report_of(w).office}”" for w in own),
                                          files="、".join(names[w.path] for w in own)),
                         note=words.SUMMARY_CONFLICT_NOTE)
            continue
        for k in keys:
            covered[k] = s
            by_office.setdefault(k[1], s)
        accepted.append(s)
    for w in winners:
        r = report_of(w)
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


def apply_roster(fates: Fates, accepted: Sequence[ReadItem], roster: Sequence[RosterEntry] | None,
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
        r = report_of(it)
        if roster and normalise_name(r.office) not in known:
            finding, note = _not_on_roster(fates, it, roster_names, county_refs[0])
            fates.decide(it, NOT_ON_ROSTER, finding, note=note)
            continue
        if roster and other_county(r, county_refs):
            fates.decide(it, NOT_ON_ROSTER, make("MERGE-OTHER-COUNTY", file=it.path, name=fates.names[it.path],
                                                 office=r.office, county=county_of(r), home=county_refs[0]),
                         note=words.OTHER_COUNTY_NOTE.format(county=county_of(r), home=county_refs[0]))
            continue
        errors = sum(f.is_error for f in it.result.findings)
        if exclude_errors and errors:
            fates.decide(it, EXCLUDED, make("MERGE-EXCLUDED", file=it.path, name=fates.names[it.path], count=errors))
            continue
        summed.append(it)
    return summed


def _not_on_roster(fates: Fates, it: ReadItem, roster_names: Sequence[str], county_ref: str) -> tuple[Finding, str]:
    """The finding and the status note for a report whose office is not on the roster."""
    r = report_of(it)
    county = r.info.get("county", "").strip()
    hint = suggest_name(r.office, roster_names)
    if county and county_ref and normalise_name(county) != normalise_name(county_ref):
        hint = None
        suggestion = words.ROSTER_OTHER_COUNTY.format(county=county, home=county_ref)
    else:
        suggestion = words.ROSTER_CLOSEST.format(name=hint) if hint else ""
    finding = make("MERGE-NOT-ON-ROSTER", file=it.path, name=fates.names[it.path], office=r.office,
                   suggestion=suggestion)
    return finding, words.NOT_ON_ROSTER_NOTE.format(maybe=words.MAYBE_ON_ROSTER.format(name=hint) if hint else "")


def in_roster_order(summed: list[ReadItem], roster_index: dict[str, int], home: str) -> list[ReadItem]:
    """Stage: the summed reports in the order of the roster, then by name, county and path."""
    def order(it: ReadItem) -> tuple[int, str, str, str]:
        r = report_of(it)
        key = normalise_name(r.office)
        return (roster_index.get(key, len(roster_index)), key, normalise_name(county_of(r, home)), it.path)

    return sorted(summed, key=order)


def majority(readable: Sequence[ReadItem]) -> tuple[LayoutSpec, int | None]:
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


def home_county(name: str | None, reports: Sequence[Report]) -> str:
    """The county the offices' reports belong to: the summary's ``name`` when some report states it as its
    所属县 (then a report of 邻县 is another county's, however many of them came), else the 所属县 most
    reports give."""
    if name and any(same_county(county_of(r), name) for r in reports):
        return name
    return county_name(reports)


@dataclass(frozen=True)
class Summary:
    """What the sum is called and holds."""

    name: str
    areas: list[str]  # the areas of the summaries among the inputs, when more than one (no name guessed)
    report: Report


def sum_included(layout: LayoutSpec, rows: Sequence[Entry], name: str | None, year: int | None, home: str,
         roster_index: dict[str, int], today: _dt.date | None, file: str) -> tuple[Summary, list[Finding]]:
    """Stage: the summary report of the included rows, named, in the variant the figures fit."""
    reports = [e.report for e in rows if e.report is not None]
    areas = [] if name else summary_areas(reports)
    the_name = name or ("" if len(areas) > 1 else county_name(reports)) or words.UNNAMED_SUMMARY
    day = today or _dt.date.today()
    included = tuple(sorted((o for r in reports for o in entries_of(r, home, the_name)),
                            key=lambda o: (roster_index.get(normalise_name(o), len(roster_index)), normalise_name(o))))
    info = {"office": the_name, "category": "", "county": the_name, "year": str(year) if year else "",
            "preparer": "", "phone": "", "date": day.isoformat()}
    # no 正文: the county writes its own narrative; what the sum includes is said on the 状态 sheet
    layout, variant_finding = summary_variant(layout, rows, info, included, file)
    report = sum_reports(reports, layout=layout, info=info, texts={}, included=included)
    return Summary(the_name, areas, report), variant_finding


def summary_variant(layout: LayoutSpec, rows: Sequence[Entry], info: Mapping[str, str],
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
    reason = (words.VARIANT_OF_MOST if chosen == majority else
              words.VARIANT_FITS_NOT.format(variant=layouts[majority].name))
    return layouts[chosen], [make("MERGE-MIXED-VARIANT", file=file, detail=detail, chosen=layouts[chosen].name,
                                  reason=reason)]
