"""``nianbao template``: write the locked template workbook (one, or one per roster office)."""

from __future__ import annotations

from pathlib import Path

import typer

from nianbao.cli.app import app, console, fail
from nianbao.form.common import OFFICE_CATEGORIES
from nianbao.form.registry import NATIONAL


@app.command("template")
def template_command(
    out: Path | None = typer.Option(None, "-o", "--output", help="输出的模板文件（.xlsx）"),
    year: int | None = typer.Option(None, "--year", help="报告年度；2021 年及以后用 2021 年版格式，之前用 2019 年版"),
    variant: str = typer.Option(NATIONAL, "--variant", help="省级变体：national（全国）或 henan（河南）"),
    office: str | None = typer.Option(None, "--office", help="填好并锁定单位名称"),
    category: str | None = typer.Option(None, "--category", help="单位类别：" + "、".join(OFFICE_CATEGORIES)),
    roster: Path | None = typer.Option(None, "--roster", help="名单（.xlsx 或 .csv，列：单位名称、单位类别）"),
    county: str | None = typer.Option(None, "--county", help="填好并锁定所属县（市、区），如：西平县（与 --roster 一起用时用于每个单位的模板）"),
    out_dir: Path | None = typer.Option(None, "--out", help="与 --roster 一起用：每个单位一个模板，写入此目录"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的同名文件"),
) -> None:
    """生成锁定的填报模板（只有浅黄色单元格可以填写）。"""
    from nianbao.template import TemplateRefused, make_templates  # xlsxwriter: only for this command

    try:
        run = make_templates(out=out, year=year, variant=variant, office=office, category=category, roster=roster,
                             out_dir=out_dir, force=force, county=county)
    except TemplateRefused as exc:
        raise fail(str(exc)) from None
    if run.per_office:
        console.print(f"已为名单中的 {len(run.written)} 个单位生成模板，写入 {out_dir}", markup=False)
    else:
        console.print(f"已生成模板 {out}（{run.layout.name}，报告年度 {run.year}）", markup=False)
