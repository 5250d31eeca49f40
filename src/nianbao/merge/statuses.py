"""The status table: each roster office (or each office found) with its state, then 名单外 and unreadable files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from nianbao.form.finding_tags import NAMED_OTHER, OFFICE_FILE_NAME, TIED, UNLISTED_OFFICE, Tag
from nianbao.form.model import Report
from nianbao.form.result import STATUS_OK, STATUS_WARN
from nianbao.merge.identify import identity, is_blank, join_summary_versions, roster_office, suggest_name
from nianbao.merge.outcome import (
    NOT_ON_ROSTER,
    OTHER_VERSION,
    REFUSED,
    STATUS_MISSING,
    STATUS_NOT_COUNTED,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    Entry,
    Status,
    StatusRow,
)
from nianbao.merge.sums import county_of, is_summary
from nianbao.read.roster import RosterEntry, normalise_name
from nianbao.wording import merge as words


def statuses(entries: Sequence[Entry], rows: Sequence[Entry],
             roster: Sequence[RosterEntry] | None, home: str = "") -> list[StatusRow]:
    """The status table: roster offices (or offices found), then 名单外, then files that name no office
    and unreadable files. An office whose name recurs in another 所属县 is named with its county
    (甲县 县财政局). Every input file is in one row."""
    found = [e for e in entries if e.report is not None and e.outcome != NOT_ON_ROSTER]
    if roster:
        named = [e for e in found if normalise_name(e.office)]
        nameless = [e for e in found if not normalise_name(e.office)]
        out, attributed = _roster_rows(entries, named, nameless, roster, home)
        out += [_lone_row(e) for e in nameless if e.path not in attributed]
    else:
        out = _found_rows(found, rows, home)
    out += [_lone_row(e) for e in entries if e.report is None]
    return out


def _report(e: Entry) -> Report:
    assert e.report is not None
    return e.report


def _lone_row(e: Entry) -> StatusRow:
    """The row of a file no office is known for: unreadable, or naming no office."""
    if e.report is None:
        return StatusRow(office="", category="", status=Status.UNREADABLE, included=False, files=(e.name,),
                         errors=e.errors, note=e.all_findings[0].message if e.all_findings else "",
                         received=e.received)
    return StatusRow(office="", category=_category(e), status=STATUS_NOT_COUNTED, included=False, files=(e.name,),
                     errors=e.errors, warnings=e.warnings, note=e.note or e.outcome, **_contact(e))


def _category(e: Entry) -> str:
    return e.report.info.get("category", "") if e.report else ""


def _contact(e: Entry, county: str = "") -> dict[str, str]:
    """The status row's 所属县, 填报人, 联系电话, 填报日期 and received time, from entry ``e``."""
    return {"county": e.info("county") or county, "preparer": e.info("preparer"), "phone": e.info("phone"),
            "date": e.info("date"), "received": e.received}


def _submitted(name: str, category: str, es: list[Entry], home: str = "") -> StatusRow:
    """The row of an office that sent ``es``: the file included (or the one that stands for the rest)."""
    main = next((e for e in es if e.included), None) or next(
        (e for e in es if e.outcome not in OTHER_VERSION), es[0])
    # a tie (MERGE-TIED: which of two files is the final one is not known) is the office's warning too
    ties = sum(1 for e in es if e is not main for f in e.findings if f.code == TIED)
    status = STATUS_NOT_COUNTED if main.outcome == REFUSED else SUBMITTED_STATUS[
        STATUS_WARN if ties and main.status == STATUS_OK else main.status]
    return StatusRow(office=name, category=category, status=status,
                     included=main.included, files=tuple(e.name for e in [main, *(e for e in es if e is not main)]),
                     errors=main.errors, warnings=main.warnings + ties, note=_notes(main, es), **_contact(main, home))


def _notes(main: Entry, es: Sequence[Entry]) -> str:
    """The note of an office's row: why its file is not summed (or summed with errors), what became of
    its other files, and the 填报日期 that could not be true."""
    notes = _fates(e for e in es if e is not main)
    if not main.included:
        notes.insert(0, main.note or main.outcome)
    elif main.errors:
        notes.insert(0, words.SUMMED_WITH_ERRORS.format(errors=main.errors))
    notes += [f.message for e in es for f in e.findings if f.has(Tag.STATUS_NOTE)]
    return "；".join(n for n in notes if n)


def _fates(others: Iterable[Entry]) -> list[str]:
    """What became of an office's other files: superseded by, or the same as, the one that stands for it, or
    set aside as named for another office (MERGE-NAMED-OTHER)."""
    return [f"{e.name} {e.note or e.outcome}" for e in others
            if e.outcome in OTHER_VERSION or any(f.code == NAMED_OTHER for f in e.findings)]


def _roster_rows(entries: Sequence[Entry], found: Sequence[Entry], nameless: Sequence[Entry],
                 roster: Sequence[RosterEntry], home: str) -> tuple[list[StatusRow], set[str]]:
    """Each roster office's row, in roster order, then the offices not on the roster; and the paths of the
    files naming no office that were attributed to a roster office by their file name."""
    by_name: dict[str, list[Entry]] = {}  # by name: a city's roster names its counties
    for e in found:
        by_name.setdefault(normalise_name(e.office), []).append(e)
    off_roster = [e for e in entries if e.outcome == NOT_ON_ROSTER]
    listed = {normalise_name(r.name) for r in roster}
    unlisted = {k: [e for e in es if not e.included] for k, es in by_name.items() if k not in listed}
    refused = _refused_unlisted(unlisted, off_roster)
    out: list[StatusRow] = []
    attributed: set[str] = set()
    for r in roster:
        es = by_name.get(normalise_name(r.name), [])
        if all(is_blank(e.item) for e in es):  # nothing filled in under its name: the files named after it
            named = [e for e in nameless if _named_in_file(r.name, e) and e.path not in attributed]
            attributed.update(e.path for e in named)
            filled = [e for e in named if not is_blank(e.item)]
            es = filled or es + named
        out.append(_roster_row(r, es, home, partial(_hints, r, entries, [*off_roster, *refused], roster)))
    return out + _off_roster_rows(off_roster, refused, unlisted), attributed


def _refused_unlisted(unlisted: dict[str, list[Entry]], off_roster: Sequence[Entry]) -> list[Entry]:
    """The files that stand for the offices not on the roster whose files were refused before the roster
    was looked at (a blank template, another format): 名单外 too, never left out of the table."""
    off_names = {normalise_name(e.office) for e in off_roster}  # their other files go in their rows
    return [next((e for e in es if e.outcome not in OTHER_VERSION), es[0])
            for k, es in unlisted.items() if es and k not in off_names]


def _off_roster_rows(off_roster: Sequence[Entry], refused: Sequence[Entry],
                     unlisted: dict[str, list[Entry]]) -> list[StatusRow]:
    """The 名单外 rows: each office not on the roster with all its files (those superseded too)."""
    out = []
    for e in off_roster:
        others = [o for o in unlisted.get(normalise_name(e.office), []) if o is not e]
        out.append(StatusRow(office=e.office, category=_category(e), status=STATUS_OFF_ROSTER, included=False,
                             files=(e.name, *(o.name for o in others)), errors=e.errors, warnings=e.warnings,
                             note="；".join(n for n in [e.note, *_fates(others)] if n), **_contact(e)))
    for main in refused:
        es = unlisted[normalise_name(main.office)]
        out.append(StatusRow(office=main.office, category=_category(main), status=STATUS_OFF_ROSTER,
                             included=False, files=(main.name, *(o.name for o in es if o is not main)),
                             errors=main.errors, warnings=main.warnings, note=_notes(main, es), **_contact(main)))
    return out


def _roster_row(r: RosterEntry, mine: list[Entry], home: str, hints: Callable[[], list[str]]) -> StatusRow:
    """A roster office's row from the files that are its: the report it sent, or 未提交 (saying which
    blank templates it sent back, with the roster's 联系人 and 联系电话 for the reminder call)."""
    if any(not is_blank(e.item) for e in mine):
        return _submitted(r.name, r.category or _category(mine[0]), mine, home)
    notes = [words.BLANK_SENT_BACK.format(file=e.name) for e in mine]
    return StatusRow(office=r.name, category=r.category, status=STATUS_MISSING, included=False,
                     files=tuple(e.name for e in mine), county=r.county or home, preparer=r.contact,
                     phone=r.phone, note="；".join(notes + hints()))


def _named_in_file(office: str, e: Entry) -> bool:
    """Whether the file name of ``e`` contains the office's name (县财政局.xlsx, 2025年报-县财政局.xlsx)."""
    key = normalise_name(office)
    return bool(key) and key in normalise_name(Path(e.path).stem)


def _hints(r: RosterEntry, entries: Sequence[Entry], off_roster: Sequence[Entry],
           roster: Sequence[RosterEntry]) -> list[str]:
    """For a roster office that sent nothing: files that may be its report after all."""
    near = [e for e in off_roster
            if suggest_name(e.office, [r.name]) == r.name and
            suggest_name(e.office, [x.name for x in roster]) == r.name and
            (e.outcome != NOT_ON_ROSTER or (e.findings and e.findings[0].code == UNLISTED_OFFICE))]
    hints = [(words.HINT_OFF_ROSTER_BLANK if is_blank(e.item) else words.HINT_OFF_ROSTER).format(office=e.office, file=e.name)
             for e in near]
    hints += [words.HINT_UNREADABLE.format(file=e.name) for e in entries
              if e.report is None and _named_in_file(r.name, e)]
    told = {e.path for e in near}  # a file said once: as 名单外 that may be the office, or as named for it
    hints += [words.HINT_NAMED_OTHER.format(file=e.name, office=e.office, outcome=words.HINT_COUNTED_AS.format(
        office=e.office) if e.included else e.outcome.label) for e in entries
        if e.path not in told and _file_names(r.name, e, roster)]
    return hints


def _file_names(office: str, e: Entry, roster: Sequence[RosterEntry]) -> bool:
    """Whether the file of ``e`` is named for the roster office ``office`` (its name or a 别名) while its
    单位名称 is another's (the reader's INFO-OFFICE-FILE-NAME): that office may have sent it."""
    key = normalise_name(office)
    return e.report is not None and normalise_name(e.office) != key and any(
        f.code == OFFICE_FILE_NAME and normalise_name(roster_office(f.param("named"), roster)) == key
        for f in e.item.result.findings)


def _found_rows(found: Sequence[Entry], rows: Sequence[Entry], home: str) -> list[StatusRow]:
    """Without a roster: one row per office found, the included ones first in their order."""
    by_identity: dict[tuple[str, ...], list[Entry]] = {}  # by identity (an office, or a summary's offices)
    for e in found:
        assert e.report is not None
        by_identity.setdefault(identity(e.report, home), []).append(e)
    # the versions of one area's summary are one row, as the merge takes one of them (``identify_offices``)
    by_office: dict[tuple[str, ...], list[Entry]] = {}
    key_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    for es in join_summary_versions(list(by_identity.values()), _report):
        key = min(identity(_report(e), home) for e in es)
        by_office[key] = es
        key_of.update((identity(_report(e), home), key) for e in es)
    recurring = Counter(key[2] for key in by_office if key[0] == "office")

    def named(e: Entry) -> str:
        r = e.report
        if r is None or is_summary(r) or recurring[normalise_name(r.office)] < 2:
            return e.office
        return f"{county_of(r, home) or words.COUNTY_NOT_GIVEN} {e.office}"

    seen: dict[tuple[str, ...], None] = {}  # ordered, without repeats
    for e in rows:
        seen.setdefault(key_of[identity(_report(e), home)])
    for key in sorted(by_office):
        seen.setdefault(key)
    out = []
    for key in seen:
        es = by_office[key]
        name = next((named(e) for e in es if e.included), named(es[0])) or words.NO_OFFICE_NAME
        out.append(_submitted(name, _category(es[0]), es, home))
    return out
