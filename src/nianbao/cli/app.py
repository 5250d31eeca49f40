"""The typer application every command registers on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="nianbao",
    help="政府信息公开工作年度报告：生成模板、校验、汇总。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

#: exit codes: 0 clean (warnings allowed), 1 findings of severity error, 2 could not run
EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def fail(message: str) -> typer.Exit:
    """Print a Chinese message and give the exit for 'could not run'."""
    err_console.print(f"[red]错误：[/red]{message}")
    return typer.Exit(EXIT_FAILED)
