"""``nianbao template``: write the locked template workbook (one, or one per roster office)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from nianbao.cli.app import app, console
from nianbao.cli.app import fail as _fail
from nianbao.files import OutputExists
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
from nianbao.read.roster import RosterError
from nianbao.template import default_year, write_roster_workbooks, write_workbook


def fail(message: str) -> typer.Exit:
    """``cli.app.fail`` for a message holding names and paths from the user ("[...]" is not markup)."""
    return _fail(escape(message))




@app.command("template")
def template_command(
    out: Path | None = typer.Option(None, "-o", "--output", help="输出的模板文件（.xlsx）"),
    year: int | None = typer.Option(None, "--year", help="报告年度；2021 年及以后用 2021 年版格式，之前用 2019 年版"),
    variant: str = typer.Option(NATIONAL, "--variant", help="省级变体：national（全国）或 henan（河南）"),
    office: str | None = typer.Option(None, "--office", help="填好并锁定单位名称"),
    category: str | None = typer.Option(None, "--category", help="单位类别：" + "、".join(OFFICE_CATEGORIES)),
    roster: Path | None = typer.Option(None, "--roster", help="名单（.xlsx 或 .csv，列：单位名称、单位类别）"),
    out_dir: Path | None = typer.Option(None, "--out", help="与 --roster 一起用：每个单位一个模板，写入此目录"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的同名文件"),
) -> None:
    """生成锁定的填报模板（只有浅黄色单元格可以填写）。"""
    the_year = year if year is not None else default_year()
    first, last = years(formats()[-1])[0], LAST_YEAR  # the first national format's first year
    if not first <= the_year <= last:
        raise fail(f"报告年度 {the_year} 不在 {first}—{last} 之间（{first} 年起才有统一的年报格式）。")
    try:
        layout = get_layout(format_for_year(the_year), variant)
    except UnknownLayout:
        known = "、".join((NATIONAL, *variants(format_for_year(the_year))))
        raise fail(f"没有“{variant}”这种格式变体（{format_for_year(the_year)} 年版可用：{known}）。") from None
    if category and category.strip() not in OFFICE_CATEGORIES:
        raise fail(f"单位类别“{category}”不在可选范围内：{'、'.join(OFFICE_CATEGORIES)}。")
    if roster is not None:
        if out_dir is None:
            raise fail("使用 --roster 时请用 --out 指定输出目录。")
        from nianbao.read.roster import read_roster  # pandas: imported only when a roster is read

        try:
            entries = read_roster(roster)
            written = write_roster_workbooks(out_dir, layout, entries, year=the_year, force=force)
        except RosterError as exc:
            raise fail(str(exc)) from None
        except OutputExists as exc:
            raise fail(f"这些文件已存在，没有生成任何模板：{exc}。它们可能是单位交回的报告；"
                       "请换一个输出目录，或确认要覆盖时加 --force。") from None
        except OSError as exc:
            raise fail(f"无法写入目录 {out_dir}：{exc.strerror or exc}") from None
        console.print(f"已为名单中的 {len(written)} 个单位生成模板，写入 {out_dir}", markup=False)
        return
    if out is None:
        raise fail("请用 -o 指定输出文件，例如：nianbao template -o 年报模板.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise fail(f"输出文件 {out} 应以 .xlsx 结尾，例如：nianbao template -o 年报模板.xlsx")
    if out.is_dir():
        raise fail(f"{out} 是一个目录，请给出文件名，例如：{out / '年报模板.xlsx'}")
    try:
        write_workbook(out, layout, office=(office or "").strip() or None,
                       category=(category or "").strip() or None, year=the_year, force=force)
    except OutputExists:
        raise fail(f"{out} 已存在，没有覆盖。请换一个文件名，或确认要覆盖时加 --force。") from None
    except OSError as exc:
        raise fail(f"无法写入 {out}：{exc.strerror or exc}") from None
    console.print(f"已生成模板 {out}（{layout.name}，报告年度 {the_year}）", markup=False)
