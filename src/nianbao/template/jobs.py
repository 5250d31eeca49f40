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

#: The released templates kept in ``workbook_templates/``: (format, variant, file name). Their 报告年度 is
#: left blank, so they do not change with the calendar.
RELEASED: tuple[tuple[str, str, str], ...] = (
    ("2021", "national", "年报模板-2021年版.xlsx"),
    ("2021", "henan", "年报模板-2021年版-河南.xlsx"),
    ("2019", "national", "年报模板-2019年版.xlsx"),
)


def write_released_templates(out_dir: Path) -> list[Path]:
    """Write the released templates (``RELEASED``) into ``out_dir``."""
    return [write_workbook(Path(out_dir) / name, get_layout(fmt, variant)) for fmt, variant, name in RELEASED]


def default_year(today: _dt.date | None = None) -> int:
    """The report year being prepared: reports on year Y are filled from late Y into January Y+1."""
    today = today or _dt.date.today()
    return today.year if today.month >= 11 else today.year - 1


def safe_filename(name: str) -> str:
    """An office name usable as a file name on Windows and Linux."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "未命名单位"


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
    for e in entries:
        filename = f"{safe_filename(e.name)}-{year}年报.xlsx"
        other = names.setdefault(filename.casefold(), e.name)
        if other != e.name:
            raise RosterError(f"名单中“{other}”和“{e.name}”生成的文件名相同（{filename}），"
                              "一个会覆盖另一个。请在名单中把两个名称区分开（文件名中不能有 \\ / : * ? \" < > | 等字符）。")
    targets = [out_dir / f"{safe_filename(e.name)}-{year}年报.xlsx" for e in entries]
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
        raise TemplateRefused(f"报告年度 {the_year} 不在 {first}—{last} 之间（{first} 年起才有统一的年报格式）。")
    fmt = format_for_year(the_year)
    try:
        return the_year, get_layout(fmt, variant)
    except UnknownLayout:
        known = "、".join((NATIONAL, *variants(fmt)))
        raise TemplateRefused(f"没有“{variant}”这种格式变体（{fmt} 年版可用：{known}）。") from None


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
        raise TemplateRefused(f"单位类别“{category}”不在可选范围内：{'、'.join(OFFICE_CATEGORIES)}。")
    if roster is not None:
        written = _roster_templates(roster, out_dir, layout, year=the_year, force=force, county=county)
        return TemplateRun(layout, the_year, written, per_office=True)
    path = _one_template(out, layout, office=office, category=category, county=county, year=the_year, force=force)
    return TemplateRun(layout, the_year, [path])


def _roster_templates(roster: Path, out_dir: Path | None, layout: LayoutSpec, *, year: int,
                      force: bool, county: str | None = None) -> list[Path]:
    if out_dir is None:
        raise TemplateRefused("使用 --roster 时请用 --out 指定输出目录。")
    from nianbao.read.roster import read_roster  # pandas: imported only when a roster is read

    try:
        return write_roster_workbooks(out_dir, layout, read_roster(roster), year=year, force=force, county=county)
    except RosterError as exc:
        raise TemplateRefused(str(exc)) from None
    except OutputExists as exc:
        raise TemplateRefused(f"这些文件已存在，没有生成任何模板：{exc}。它们可能是单位交回的报告；"
                              "请换一个输出目录，或确认要覆盖时加 --force。") from None
    except OSError as exc:
        raise TemplateRefused(f"无法写入目录 {out_dir}：{plain_reason(exc)}") from None


def _one_template(out: Path | None, layout: LayoutSpec, *, office: str | None, category: str | None, year: int,
                  force: bool, county: str | None = None) -> Path:
    if out is None:
        raise TemplateRefused("请用 -o 指定输出文件，例如：nianbao template -o 年报模板.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise TemplateRefused(f"输出文件 {out} 应以 .xlsx 结尾，例如：nianbao template -o 年报模板.xlsx")
    if out.is_dir():
        raise TemplateRefused(f"{out} 是一个目录，请给出文件名，例如：{out / '年报模板.xlsx'}")
    try:
        return write_workbook(out, layout, office=(office or "").strip() or None,
                              category=(category or "").strip() or None, county=county, year=year, force=force)
    except OutputExists:
        raise TemplateRefused(f"{out} 已存在，没有覆盖。请换一个文件名，或确认要覆盖时加 --force。") from None
    except OSError as exc:
        raise TemplateRefused(f"无法写入 {out}：{plain_reason(exc)}") from None
