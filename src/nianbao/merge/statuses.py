"""The status table: each roster office (or each office found) with its state, then 名单外 and unreadable files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from nianbao.form.result import STATUS_UNREADABLE
from nianbao.merge.identify import identity, suggest_name
from nianbao.merge.outcome import (
    DUPLICATE,
    NOT_ON_ROSTER,
    STATUS_MISSING,
    STATUS_OFF_ROSTER,
    SUBMITTED_STATUS,
    SUPERSEDED,
    Entry,
    StatusRow,
)
from nianbao.merge.sums import county_of, is_summary
from nianbao.read.roster import RosterEntry, normalise_name


def statuses(entries: Sequence[Entry], rows: Sequence[Entry],
             roster: Sequence[RosterEntry] | None, home: str = "") -> list[StatusRow]:
    """The status table: roster offices (or offices found), then 名单外, then unreadable files. An office
    whose name recurs in another 所属县 is named with its county (甲县 县财政局)."""
    found = [e for e in entries if e.report is not None and e.outcome != NOT_ON_ROSTER]
    out = _roster_rows(entries, found, roster) if roster else _found_rows(found, rows, home)
    out += [StatusRow(office="", category="", status=STATUS_UNREADABLE, included=False, files=(e.name,),
                      errors=e.errors, note=e.all_findings[0].message if e.all_findings else "")
            for e in entries if e.report is None]
    return out


def _category(e: Entry) -> str:
    return e.report.info.get("category", "") if e.report else ""


def _submitted(name: str, category: str, es: list[Entry]) -> StatusRow:
    """The row of an office that sent ``es``: the file included (or the one that stands for the rest)."""
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


def _roster_rows(entries: Sequence[Entry], found: Sequence[Entry], roster: Sequence[RosterEntry]) -> list[StatusRow]:
    """Each roster office's row, in roster order, then the offices not on the roster."""
    by_name: dict[str, list[Entry]] = {}  # by name: a city's roster names its counties
    for e in found:
        by_name.setdefault(normalise_name(e.office), []).append(e)
    off_roster = [e for e in entries if e.outcome == NOT_ON_ROSTER]
    out: list[StatusRow] = []
    for r in roster:
        es = by_name.get(normalise_name(r.name))
        if es and all(_other_year(e) for e in es):  # only a report for another year: not this year's
            out.append(StatusRow(office=r.name, category=r.category, status=STATUS_MISSING, included=False,
                                 files=tuple(e.name for e in es), note="；".join(dict.fromkeys(e.note for e in es))))
        elif es:
            out.append(_submitted(r.name, r.category or _category(es[0]), es))
        else:
            out.append(StatusRow(office=r.name, category=r.category, status=STATUS_MISSING, included=False,
                                 note="；".join(_hints(r, entries, off_roster, roster))))
    out += [StatusRow(office=e.office, category=_category(e), status=STATUS_OFF_ROSTER, included=False,
                      files=(e.name,), errors=e.errors, warnings=e.warnings, note=e.note) for e in off_roster]
    return out


def _hints(r: RosterEntry, entries: Sequence[Entry], off_roster: Sequence[Entry],
           roster: Sequence[RosterEntry]) -> list[str]:
    """For a roster office that sent nothing: files that may be its report after all."""
    hints = [f"名单外的“{e.office}”（{e.name}）可能就是该单位" for e in off_roster
             if suggest_name(e.office, [r.name]) == r.name and
             suggest_name(e.office, [x.name for x in roster]) == r.name]
    key = normalise_name(r.name)
    hints += [f"文件 {e.name} 无法读取，可能是该单位的" for e in entries
              if e.report is None and key and key in normalise_name(Path(e.path).stem)]
    return hints


def _found_rows(found: Sequence[Entry], rows: Sequence[Entry], home: str) -> list[StatusRow]:
    """Without a roster: one row per office found, the included ones first in their order."""
    by_office: dict[tuple[str, ...], list[Entry]] = {}  # by identity (an office, or a summary's offices)
    for e in found:
        assert e.report is not None
        by_office.setdefault(identity(e.report, home), []).append(e)
    recurring = Counter(key[2] for key in by_office if key[0] == "office")

    def named(e: Entry) -> str:
        r = e.report
        if r is None or is_summary(r) or recurring[normalise_name(r.office)] < 2:
            return e.office
        return f"{county_of(r, home) or '所属县未填'} {e.office}"

    seen: dict[tuple[str, ...], None] = {}  # ordered, without repeats
    for e in rows:
        assert e.report is not None
        seen.setdefault(identity(e.report, home))
    for key in sorted(by_office):
        seen.setdefault(key)
    out = []
    for key in seen:
        es = by_office[key]
        name = next((named(e) for e in es if e.included), named(es[0])) or "（未填写单位名称）"
        out.append(_submitted(name, _category(es[0]), es))
    return out


def _other_year(e: Entry) -> bool:
    return any(f.code == "MERGE-OTHER-YEAR" for f in e.findings)
