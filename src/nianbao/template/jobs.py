"""``nianbao template`` as a library call, the released templates, and one template per roster office."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nianbao.files import OutputExists, plain_reason
from nianbao.form.common import OFFICE_CATEGORIES
from nianbao.form.registry import (
    LAST_YEAR,
    NATIONAL,
    UnknownLayout,
    format_for_year,
    formats,
    get_layout,
    variants,
    years,
)
from nianbao.form.spec import LayoutSpec
from nianbao.read.roster import RosterEntry, RosterError
from nianbao.template.workbook import write_workbook
from nianbao.wording import template as words

#: The released templates kept in ``workbook_templates/``: (format, variant, file name). Their 报告年度 is
#: left blank, so they do not change with the calendar.
RELEASED: tuple[tuple[str, str, str], ...] = (
    ("2021", "national", words.RELEASED_2021_FILENAME),
    ("2021", "henan", words.RELEASED_2021_HENAN_FILENAME),
    ("2019", "national", words.RELEASED_2019_FILENAME),
)


def write_released_templates(out_dir: Path) -> list[Path]:
    """Write the released templates (``RELEASED``) into ``out_dir``."""
    return [write_workbook(Path(out_dir) / name, get_layout(fmt, variant)) for fmt, variant, name in RELEASED]


def default_year(today: _dt.date | None = None) -> int:
    """The report year being prepared: reports on year Y are filled from late Y into January Y+1."""
    today = today or _dt.date.today()
    return today.year if today.month >= 11 else today.year - 1


def office_filename(office: str, year: int | str) -> str:
    """The file name of an office's template, and of the report it sends back (城关镇-2025年报.xlsx): the
    same in ``nianbao template --roster``, the web page's download and the demo."""
    return words.OFFICE_TEMPLATE_FILENAME.format(office=safe_filename(office), year=year)


def safe_filename(name: str) -> str:
    """An office name usable as a file name on Windows and Linux."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or words.UNNAMED_OFFICE


def write_roster_workbooks(out_dir: Path, layout: LayoutSpec, entries: Sequence[RosterEntry], *,
                           year: int, force: bool = False, county: str | None = None) -> list[Path]:
    """One personalised template per roster entry, named after the office (and ``county``, the roster's
    county, filled and locked as 所属县).

    Raises ``RosterError`` before writing anything when two offices would get the same file name
    (names that differ only in characters a file name cannot hold, or in letter case on Windows), and
    ``OutputExists`` (naming them all) when files of those names exist and ``force`` is not given: the
    folder may hold the offices' returned reports.
    """
    out_dir = Path(out_dir)
    names: dict[str, str] = {}
    filenames = [office_filename(e.name, year) for e in entries]
    for e, filename in zip(entries, filenames, strict=True):
        other = names.setdefault(filename.casefold(), e.name)
        if other != e.name:
            raise RosterError(words.SAME_FILENAME.format(first=other, second=e.name, filename=filename))
    targets = [out_dir / filename for filename in filenames]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputExists("、".join(str(t) for t in existing))
    return [write_workbook(t, layout, office=e.name, category=e.category or None, county=county, year=year)
            for t, e in zip(targets, entries, strict=True)]


# == nianbao template as a library call ===============================================================
class TemplateRefused(ValueError):
    """A template cannot be made or written: the message says why, in Chinese."""


@dataclass(frozen=True)
class TemplateRun:
    """What ``make_templates`` wrote: one template, or (``per_office``) one per roster office."""

    layout: LayoutSpec
    year: int
    written: list[Path]
    per_office: bool = False


def template_layout(year: int | None, variant: str = NATIONAL) -> tuple[int, LayoutSpec]:
    """The report year (``default_year()`` when not given) and the layout of its template, or
    ``TemplateRefused`` for a year before the first national format (or after ``LAST_YEAR``) or an
    unknown variant."""
    the_year = year if year is not None else default_year()
    first, last = years(formats()[-1])[0], LAST_YEAR  # the first national format's first year
    if not first <= the_year <= last:
        raise TemplateRefused(words.YEAR_OUT_OF_RANGE.format(year=the_year, first=first, last=last))
    fmt = format_for_year(the_year)
    try:
        return the_year, get_layout(fmt, variant)
    except UnknownLayout:
        known = "、".join((NATIONAL, *variants(fmt)))
        raise TemplateRefused(words.UNKNOWN_VARIANT.format(variant=variant, format=fmt, known=known)) from None


def make_templates(*, out: Path | None = None, year: int | None = None, variant: str = NATIONAL,
                   office: str | None = None, category: str | None = None, roster: Path | None = None,
                   out_dir: Path | None = None, force: bool = False, county: str | None = None) -> TemplateRun:
    """``nianbao template``: one template at ``out`` (personalised with ``office``/``category``), or with
    ``roster`` one per office into ``out_dir``. Checks the options first and refuses with a Chinese
    message (``TemplateRefused``), also when a file exists (without ``force``) or cannot be written.
    ``county`` fills and locks 所属县 (of every roster office's template)."""
    the_year, layout = template_layout(year, variant)
    county = (county or "").strip() or None
    if category and category.strip() not in OFFICE_CATEGORIES:
        raise TemplateRefused(words.UNKNOWN_CATEGORY.format(category=category, choices="、".join(OFFICE_CATEGORIES)))
    if roster is not None:
        written = _roster_templates(roster, out_dir, layout, year=the_year, force=force, county=county)
        return TemplateRun(layout, the_year, written, per_office=True)
    path = _one_template(out, layout, office=office, category=category, county=county, year=the_year, force=force)
    return TemplateRun(layout, the_year, [path])


def _roster_templates(roster: Path, out_dir: Path | None, layout: LayoutSpec, *, year: int,
                      force: bool, county: str | None = None) -> list[Path]:
    if out_dir is None:
        raise TemplateRefused(words.ROSTER_NEEDS_OUT_DIR)
    from nianbao.read.roster import read_roster  # pandas: imported only when a roster is read

    try:
        return write_roster_workbooks(out_dir, layout, read_roster(roster), year=year, force=force, county=county)
    except RosterError as exc:
        raise TemplateRefused(str(exc)) from None
    except OutputExists as exc:
        raise TemplateRefused(words.FILES_EXIST.format(files=exc)) from None
    except OSError as exc:
        raise TemplateRefused(words.CANNOT_WRITE_FOLDER.format(folder=out_dir, reason=plain_reason(exc))) from None


def _one_template(out: Path | None, layout: LayoutSpec, *, office: str | None, category: str | None, year: int,
                  force: bool, county: str | None = None) -> Path:
    if out is None:
        raise TemplateRefused(words.NO_OUTPUT_FILE.format(example=words.EXAMPLE_FILENAME))
    if out.suffix.lower() != ".xlsx":
        raise TemplateRefused(words.NOT_XLSX.format(out=out, example=words.EXAMPLE_FILENAME))
    if out.is_dir():
        raise TemplateRefused(words.OUTPUT_IS_FOLDER.format(out=out, example=out / words.EXAMPLE_FILENAME))
    try:
        return write_workbook(out, layout, office=(office or "").strip() or None,
                              category=(category or "").strip() or None, county=county, year=year, force=force)
    except OutputExists:
        raise TemplateRefused(words.FILE_EXISTS.format(out=out)) from None
    except OSError as exc:
        raise TemplateRefused(words.CANNOT_WRITE_FILE.format(out=out, reason=plain_reason(exc))) from None
