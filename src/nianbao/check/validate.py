"""Every rule of FORMAT.md that can be checked on one report, as findings.

Hard rules (``nianbao.check.rules``) are errors. On top of them: 基本信息 (a missing 单位名称 or report year is an
error, a year that does not fit the format version too), L-RULES (a county-level or lower office
reporting 规章), N-TEXT (figures quoted in 正文 that disagree with the tables) and the narrative rules
(``nianbao.check.narrative``) as warnings. Rules that
need last year's report (X-CARRYOVER, X-INFORCE) live with the merge.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from nianbao.check.dates import first_plausible_day, parse_date
from nianbao.check.narrative import narrative_findings
from nianbao.check.plausible import check_plausible
from nianbao.check.rules import check_rules
from nianbao.form.common import CATEGORY_ALIASES, COUNTY_LEVEL_CATEGORIES, OFFICE_CATEGORIES
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import format_for_year
from nianbao.form.sheets import INFO_SHEET, LEVEL_SUMMARY, TEXT_SHEET, info_cell, info_label, text_cell
from nianbao.form.spec import LayoutSpec, Number
from nianbao.form.text_figures import NUMERAL_DIGITS, NUMERAL_UNITS, OTHER_YEAR_BEFORE, OTHER_YEAR_REACH, TEXT_FIGURES
from nianbao.read.values import normalise_text
from nianbao.wording import check as words
from nianbao.wording import read as read_words

__all__ = ["NTEXT_PATTERNS", "validate_report"]


def validate_report(report: Report, file: str = "", *, unread: frozenset[str] = frozenset()) -> list[Finding]:
    """Hard rules (errors), 基本信息, and the one-report soft rules (warnings) of ``report``. ``unread``: cells
    whose figure the source did not give (an imported page's table not read): 正文 is not compared with
    a figure that depends on them."""
    out = check_rules(report, file)
    out += check_info(report, file)
    out += list(check_rules_made(report, file))
    out += list(check_text(report, file, unread))
    out += check_plausible(report, file, office_category(report.info.get("category", "")) or "")
    out += narrative_findings(report, file=file)
    return out


# -- 基本信息 ---------------------------------------------------------------------------------------------
def check_info(report: Report, file: str = "") -> list[Finding]:
    layout = report.layout
    out: list[Finding] = []
    if not report.office:
        out.append(make("INFO-OFFICE", file=file, sheet=INFO_SHEET, cell=info_cell(layout, "office"),
                        row_label=info_label(layout, "office")))
    raw_year = report.info.get("year", "").strip()
    year = report.year
    cell, label = info_cell(layout, "year"), info_label(layout, "year")
    if year is None or not 1990 <= year <= 2200:
        out.append(make("INFO-YEAR", file=file, sheet=INFO_SHEET, cell=cell, row_label=label,
                        actual=raw_year or read_words.BLANK_CELL))
    elif format_for_year(year) != layout.format:
        out.append(make("INFO-YEAR-FORMAT", file=file, sheet=INFO_SHEET, cell=cell, row_label=label,
                        expected=format_for_year(year), actual=layout.format, year=year))
    elif year > _dt.date.today().year:
        out.append(make("INFO-YEAR-FUTURE", file=file, sheet=INFO_SHEET, cell=cell, row_label=label,
                        actual=year, expected=_dt.date.today().year))
    elif year == _dt.date.today().year:
        out.append(make("INFO-YEAR-OPEN", file=file, sheet=INFO_SHEET, cell=cell, row_label=label,
                        actual=year, expected=f"{year}-12-31"))
    out += check_date(report, file)
    category = report.info.get("category", "").strip()
    if report.level != LEVEL_SUMMARY and category and category not in OFFICE_CATEGORIES:
        out.append(category_finding(report, file))
    return out


def check_date(report: Report, file: str = "") -> list[Finding]:
    """填报日期 that cannot be read (2026年1月32日), is after today, or is before the report year's last
    month (the merge's window, ``check.dates``): a warning each. A blank one is not said here, nor
    an early one of a report year after this one (INFO-YEAR-FUTURE says the year)."""
    text = str(report.info.get("date", "") or "").strip()
    if not text or "date" not in {f.key for f in report.layout.info_fields}:
        return []
    where: dict[str, Any] = {"file": file, "sheet": INFO_SHEET, "cell": info_cell(report.layout, "date"),
             "row_label": info_label(report.layout, "date"), "actual": text}
    day, today = parse_date(text), _dt.date.today()
    if day is None:
        return [make("INFO-DATE-UNREAD", **where)]
    if day > today:
        return [make("INFO-DATE-FUTURE", **where, expected=today.isoformat())]
    year = report.year
    if year is not None and 1990 <= year <= today.year and day < first_plausible_day(year):  # (a later year is said)
        return [make("INFO-DATE-EARLY", **where, expected=first_plausible_day(year).isoformat(), year=year)]
    return []


def category_finding(report: Report, file: str = "") -> Finding:
    """INFO-CATEGORY: 单位类别 blank or not one of the choices (a blank one is said by the workbook reader,
    where the field exists, and only when 规章 figures are there to check)."""
    category = report.info.get("category", "").strip()
    read_as = office_category(category)
    return make("INFO-CATEGORY", file=file, sheet=INFO_SHEET, cell=info_cell(report.layout, "category"),
                row_label=info_label(report.layout, "category"), actual=category or read_words.BLANK_CELL,
                read_as=words.CATEGORY_CHECKED_AS.format(category=read_as) if read_as else words.CATEGORY_NOT_CHECKED,
                choices="、".join(OFFICE_CATEGORIES))


def office_category(text: str) -> str | None:
    """The 单位类别 a clerk meant: the exact choice, or one named plainly (``form.common.CATEGORY_ALIASES``:
    乡镇, 镇政府 -> 乡镇人民政府; 街道 -> 街道办事处; 县政府, 县人民政府 -> 县级人民政府本级; 县直单位, 局 ->
    县直部门); None if unclear."""
    t = normalise_text(text)
    if t in OFFICE_CATEGORIES:
        return t
    if not t:
        return None
    for category, exact, within, ends in CATEGORY_ALIASES:
        if t in exact or any(w in t for w in within) or t.endswith(ends):
            return category
    return None


# -- L-RULES: only the State Council's departments, provinces and cities with districts make 规章 ----
def check_rules_made(report: Report, file: str = "") -> Iterator[Finding]:
    category = office_category(report.info.get("category", "")) or ""
    if report.level == LEVEL_SUMMARY or category not in COUNTY_LEVEL_CATEGORIES:
        return
    layout = report.layout
    rules_row = set(layout.role("rules"))
    for spec in layout.inputs:
        if spec.key not in rules_row:
            continue
        v = report.values.get(spec.key, 0)
        if v != 0:
            sheet, cell = layout.a1(spec.key)
            yield make("L-RULES", file=file, sheet=sheet, cell=cell, row_label=spec.row_label,
                       col_label=spec.col_label, expected=0, actual=v, where=spec.where, category=category,
                       key=spec.key)


# -- N-TEXT: figures in 正文 against the tables -----------------------------------------------------------
@dataclass(frozen=True)
class TextFigure:
    """A phrase of 正文 that quotes one figure of the tables: the sum of the cells of named roles."""

    pattern: re.Pattern[str]  # on normalised text (NFKC, no whitespace); group "n" is the number
    table_name: str  # for the message, e.g. "表三“一、本年新收政府信息公开申请数量”总计"
    roles: tuple[str, ...]  # ``spec.ROLES``

    def keys(self, layout: LayoutSpec) -> tuple[str, ...]:
        return tuple(k for r in self.roles for k in layout.role(r))

    def value(self, layout: LayoutSpec, values: dict[str, Number]) -> Number | None:
        """The figure; None where the format has none of the cells."""
        keys = self.keys(layout)
        if not keys or any(k not in values for k in keys):
            return None
        return sum((values[k] for k in keys), start=0)


def _inputs_of(layout: LayoutSpec, keys: tuple[str, ...]) -> set[str]:
    """``keys`` and every cell their recomputed values are summed from."""
    out: set[str] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        if key in out:
            continue
        out.add(key)
        rule = layout.defining_rule.get(key)
        if rule is not None:
            todo += rule.addends
    return out


def _quoted(text: str | None) -> int:
    """A figure as written: 12, or in Chinese numerals (十二, 一百零五); None or '' (a "none" phrase): 0."""
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in NUMERAL_DIGITS:
            digit = NUMERAL_DIGITS[ch]
        else:
            total += (digit or 1) * NUMERAL_UNITS[ch]
            digit = 0
    return total + digit


#: the phrases of 正文 that quote a figure of the tables (``form.text_figures``)
NTEXT_PATTERNS: tuple[TextFigure, ...] = tuple(TextFigure(re.compile(pattern), name, roles)
                                               for pattern, name, roles in TEXT_FIGURES)


_OTHER_YEAR = re.compile(OTHER_YEAR_BEFORE)


def _of_another_year(text: str, start: int, year: int | None) -> bool:
    """Whether the clause before ``start`` says its figure is of another year (2022年…, 上年…, 同比…)."""
    m = _OTHER_YEAR.search(text, max(0, start - OTHER_YEAR_REACH), start)
    return m is not None and (m.group("year") is None or year is None or int(m.group("year")) != year)


def check_text(report: Report, file: str = "", unread: frozenset[str] = frozenset()) -> Iterator[Finding]:
    layout = report.layout
    # each figure once per report; none of a table not read (it says nothing), none the format lacks
    figures = [(fig, fig.value(layout, report.values)) for fig in NTEXT_PATTERNS
               if not (unread and unread & _inputs_of(layout, fig.keys(layout)))]
    for sec in layout.text_sections:
        text = normalise_text(report.texts.get(sec.key, ""))
        if not text:
            continue
        seen: set[str] = set()
        for fig, expected in figures:
            if expected is None:
                continue
            for m in fig.pattern.finditer(text):
                quoted = _quoted(m.groupdict().get("n"))
                if quoted == expected or m.group(0) in seen or _of_another_year(text, m.start(), report.year):
                    continue
                seen.add(m.group(0))
                yield make("N-TEXT", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, sec.key),
                           row_label=sec.heading, expected=expected, actual=quoted, section=sec.heading,
                           quote=m.group(0), table_name=fig.table_name)
