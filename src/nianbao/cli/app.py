"""The typer application every command registers on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from nianbao.cli.zh import ZhCommand, ZhGroup

if TYPE_CHECKING:
    from rich.table import Table

    from nianbao.form.findings import Finding

class _Typer(typer.Typer):
    """typer's application whose commands speak Chinese in their help and usage errors (``cli.zh``)."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ZhCommand)
        return super().command(*args, **kwargs)


app = _Typer(
    name="nianbao",
    cls=ZhGroup,
    help="政府信息公开工作年度报告：生成模板（template）、校验（check）、汇总（merge）、"
         "生成发布稿（render）、导入已发布的报告（import）。先试试 nianbao demo。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain click help: rich's option table cuts Chinese help texts (no spaces to wrap at) with "…"
    rich_markup_mode=None,
)
console = Console()
err_console = Console(stderr=True)

#: exit codes: 0 clean (warnings allowed), 1 findings of severity error, 2 could not run
EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def fail(message: str) -> typer.Exit:
    """Print a Chinese message and give the exit for 'could not run'."""
    err_console.print(f"[red]错误：[/red]{escape(message)}")
    return typer.Exit(EXIT_FAILED)


SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def styled(text: object, style: str) -> str:
    """``text`` in ``style``, with any bracket in it shown as typed (file names, office names, values)."""
    return f"[{style}]{escape(str(text))}[/{style}]" if style else escape(str(text))


def findings_table(title: str, findings: Iterable[Finding]) -> Table:
    """The findings of one file as a rich table: 级别, 位置, 代码, 问题, 怎么改 (the catalogue's remedy)."""
    from rich.table import Table

    from nianbao.form.findings import SEVERITY_ZH

    table = Table(title=escape(title), title_justify="left", show_lines=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("位置", no_wrap=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("问题", overflow="fold", ratio=3)
    table.add_column("怎么改", overflow="fold", ratio=2)
    for f in findings:
        where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "—")
        table.add_row(styled(SEVERITY_ZH[f.severity], SEVERITY_STYLE.get(str(f.severity), "")),
                      escape(where), f.code, escape(f.message), escape(f.remedy))
    return table
