"""``nianbao template``: write the locked template workbook (one, or one per roster office)."""

from __future__ import annotations

from pathlib import Path

import typer

from nianbao.cli.app import app, console, fail
from nianbao.form.choices import NATIONAL, OFFICE_CATEGORIES  # not the layouts: help names them
from nianbao.wording import cli as words


@app.command("template")
def template_command(
    out: Path | None = typer.Option(None, "-o", "--output", help=words.TEMPLATE_OUT_HELP),
    year: int | None = typer.Option(None, "--year", help=words.TEMPLATE_YEAR_HELP),
    variant: str = typer.Option(NATIONAL, "--variant", help=words.TEMPLATE_VARIANT_HELP),
    office: str | None = typer.Option(None, "--office", help=words.TEMPLATE_OFFICE_HELP),
    category: str | None = typer.Option(None, "--category", help=words.OFFICE_CATEGORY_LEAD + "、".join(OFFICE_CATEGORIES)),
    roster: Path | None = typer.Option(None, "--roster", help=words.TEMPLATE_ROSTER_HELP),
    county: str | None = typer.Option(None, "--county", help=words.TEMPLATE_COUNTY_HELP),
    out_dir: Path | None = typer.Option(None, "--out", help=words.TEMPLATE_OUT_DIR_HELP),
    force: bool = typer.Option(False, "--force", help=words.TEMPLATE_FORCE_HELP),
) -> None:
    """生成锁定的填报模板（只有浅黄色单元格可以填写）。"""
    from nianbao.template import TemplateRefused, make_templates  # xlsxwriter: only for this command

    try:
        run = make_templates(out=out, year=year, variant=variant, office=office, category=category, roster=roster,
                             out_dir=out_dir, force=force, county=county)
    except TemplateRefused as exc:
        raise fail(str(exc)) from None
    if run.per_office:
        console.print(words.TEMPLATES_WRITTEN.format(n_written=len(run.written), out_dir=out_dir), markup=False)
    else:
        console.print(words.TEMPLATE_WRITTEN.format(out=out, name=run.layout.name, year=run.year), markup=False)
