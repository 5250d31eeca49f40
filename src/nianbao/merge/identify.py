"""Who a report stands for, and when it was made: identity, 填报日期, names near the roster's or each other's.

Plain functions over reports and entries, used by the merge's stages (``core``) and the status table."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from nianbao.check.dates import parse_date
from nianbao.form.finding_tags import UNFILLED
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.sheets import ENTRY_SEP
from nianbao.merge.outcome import Entry
from nianbao.merge.reading import ReadItem
from nianbao.merge.sums import county_of, is_summary, office_keys
from nianbao.read.roster import RosterEntry, normalise_name
from nianbao.wording import merge as words

T = TypeVar("T")


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


def join_summary_versions(groups: list[list[T]], report: Callable[[T], Report]) -> list[list[T]]:
    """``groups`` (of one ``identity`` each) with the groups of summaries of one name that share an office
    joined, transitively: versions of one area's summary (made again, with more offices). Summaries of one
    name with no office in common (an area's summary sent in parts) stay apart. The other groups first, in
    their order; then the summaries'."""
    out: list[list[T]] = []
    joined: list[tuple[str, set[tuple[str, str]], list[T]]] = []  # (name, offices, members)
    for members in groups:
        r = report(members[0])
        if not is_summary(r) or not normalise_name(r.office):
            out.append(members)
            continue
        name, keys = normalise_name(r.office), set(office_keys(r))
        for j in [j for j in joined if j[0] == name and j[1] & keys]:
            joined.remove(j)
            keys |= j[1]
            members = [*j[2], *members]
        joined.append((name, keys, members))
    return out + [members for _name, _keys, members in joined]


def date_text(item: ReadItem) -> str:
    r = item.result.report
    return str(r.info.get("date", "") or "").strip() if r else ""


def date_of(item: ReadItem) -> _dt.date | None:
    return parse_date(date_text(item))


#: file times at most this far apart are the same time: zip and FAT keep a file's time to 2 s, and a folder
#: copied or unzipped gets its files' times one after another, milliseconds apart, in whatever order
SAME_TIME_SECONDS = 2


def seconds_apart(a: ReadItem, b: ReadItem) -> int:
    """How far apart two files' times are, in the whole seconds the clerk is shown (收到时间 to the second):
    10:00:00.0 and 10:00:02.5 are 2 s apart, as they read, and so the same time."""
    return abs(int(a.mtime) - int(b.mtime))


#: a text as a clerk's folder orders it (``_natural``)
Natural = list[tuple[int, int | str]]
#: Chinese numerals in a file name (第二版, 第十二稿), read as numbers by ``name_order``
_HAN_DIGITS = {c: i for i, c in enumerate(words.HAN_DIGITS)} | {words.HAN_ZERO: 0, words.HAN_TWO: 2}
_NUMBER = re.compile(rf"(\d+|[{words.HAN_DIGITS}{words.HAN_ZERO}{words.HAN_TWO}{words.HAN_TEN}]+)")


def _number(text: str) -> int | None:
    """The value of a run of digits (any Unicode digits) or of Chinese numerals up to 九十九; None otherwise."""
    if text.isdecimal():
        return int(text)
    ten = words.HAN_TEN
    if ten not in text:
        return int("".join(str(_HAN_DIGITS[c]) for c in text)) if all(c in _HAN_DIGITS for c in text) else None
    tens, _, ones = text.partition(ten)
    if len(tens) > 1 or len(ones) > 1 or ten in ones:
        return None
    return _HAN_DIGITS.get(tens, 1 if not tens else 0) * 10 + (_HAN_DIGITS.get(ones, 0) if ones else 0)


def _natural(text: str) -> Natural:
    """``text`` as a clerk's folder orders it, numbers by their value (第2版 before 第10版, 第二版 before 第三版)."""
    out: Natural = []
    for i, part in enumerate(_NUMBER.split(text)):
        value = _number(part) if i % 2 else None
        out.append((1, value) if value is not None else (0, part))
    return out


def name_order(item: ReadItem) -> tuple[bool, Natural, Natural]:
    """Which of two files of the same time is taken, said as a tie (``SAME_FILE_TIME``), not as the later
    one: a name that calls itself a draft or the old one (初稿, 草稿, （旧）…) first; then by the file's name
    as a clerk's folder orders it (the name without its extension, numbers by their value: 第2版 before
    第10版, 第2版 before 第2版-修订), then by its folder."""
    path = Path(item.path)
    draft = any(w in path.stem for w in words.DRAFT_WORDS)
    return not draft, _natural(path.stem), _natural(str(path.parent))


def freshness(item: ReadItem) -> tuple[_dt.date, float, str]:
    return (date_of(item) or _dt.date.min, item.mtime, item.path)


def file_time(item: ReadItem) -> tuple[float, str]:
    return (item.mtime, item.path)


def same_names(rows: Sequence[Entry], home: str, file: str) -> list[Finding]:
    """A finding naming the included offices whose name recurs in another 所属县 (each is summed)."""
    counties: dict[str, dict[str, str]] = {}  # name -> county key -> county as written
    names: dict[str, str] = {}
    for e in rows:
        r = e.report
        if r is None or is_summary(r):
            continue
        county = county_of(r, home)
        counties.setdefault(normalise_name(r.office), {}).setdefault(normalise_name(county), county or words.COUNTY_NOT_GIVEN)
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


def similar_names(rows: Sequence[Entry], home: str, file: str) -> list[Finding]:
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


def county_name(reports: Sequence[Report]) -> str:
    counties = Counter(r.info.get("county", "").strip() for r in reports if r.info.get("county", "").strip())
    return max(counties, key=lambda c: (counties[c], c)) if counties else ""


def summary_areas(reports: Sequence[Report]) -> list[str]:
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


def same_county(a: str, b: str) -> bool:
    """Two spellings of one 所属县: equal once normalised, or one the other with words after it
    (西平县 / 西平县人民政府, 西平 / 西平县)."""
    a, b = normalise_name(a), normalise_name(b)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def other_county(report: Report, refs: Sequence[str]) -> bool:
    """Whether an office report states a 所属县 that is none of ``refs`` (the summary's name and the
    county most reports give). A summary, or a report that leaves 所属县 blank, is never another county's."""
    county = county_of(report)
    return bool(county) and not is_summary(report) and bool(refs) and not any(same_county(county, r) for r in refs)


def is_blank(item: ReadItem) -> bool:
    """A blank template sent back: the reader found nothing filled in (INFO-UNFILLED)."""
    return any(f.code == UNFILLED for f in item.result.findings)


def roster_office(name: str, roster: Sequence[RosterEntry] | None) -> str:
    """The roster office ``name`` is (its name or one of its 别名, as normalised), else ''."""
    key = normalise_name(name)
    if not roster or not key:
        return ""
    return next((e.name for e in roster if normalise_name(e.name) == key), "") or next(
        (e.name for e in roster if any(normalise_name(a) == key for a in e.aliases)), "")


def by_roster_names(items: Sequence[ReadItem], roster: Sequence[RosterEntry] | None) -> list[ReadItem]:
    """A report under one of the roster's 别名 (教体局 for 县教育局) is that roster office's: it is named as the
    roster names it, in the summary, 明细 and 状态 alike. A 别名 that is itself a roster name stays that office's."""
    if not roster:
        return list(items)
    names = {normalise_name(e.name) for e in roster}
    by_alias = {normalise_name(a): e.name for e in roster for a in e.aliases if normalise_name(a) not in names}
    out = []
    for it in items:
        r = it.result.report
        name = by_alias.get(normalise_name(r.office)) if r is not None and not is_summary(r) else None
        if r is not None and name:
            it = replace(it, result=replace(it.result, report=replace(r, info={**r.info, "office": name})))
        out.append(it)
    return out
