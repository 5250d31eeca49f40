"""The typer application every command registers on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from nianbao.cli import coerce
from nianbao.cli.zh import ZhCommand, ZhGroup
from nianbao.wording import cli as words

if TYPE_CHECKING:
    from rich.table import Table

    from nianbao.form.findings import Finding

coerce.install()  # plain values without pydantic (a tenth of a second at start-up)


class _Typer(typer.Typer):
    """typer's application whose commands speak Chinese in their help and usage errors (``cli.zh``)."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ZhCommand)
        return super().command(*args, **kwargs)


def command_group(**kwargs: Any) -> typer.Typer:
    """A group of subcommands (``nianbao inbox …``) whose help and usage errors speak Chinese too."""
    return _Typer(cls=ZhGroup, **kwargs)


app = _Typer(
    name="nianbao",
    cls=ZhGroup,
    help=words.APP_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain click help: rich's option table cuts Chinese help texts (no spaces to wrap at) with "…"
    rich_markup_mode=None,
)
#: what a terminal would act on in a name or a value: C0/C1 controls (ESC starts an ANSI sequence) but
#: newline and tab, DEL, and the bidirectional overrides that reorder what is shown
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``), never sent to the terminal."""
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                           else f"\\u{ord(m.group()):04x}", text)


class SafeConsole(Console):
    """A rich console that never prints a control character it was given in text (an office name with
    an ANSI escape sequence, a file name with a carriage return): every string goes through ``render_str``."""

    def render_str(self, text: str, **kwargs: Any) -> Any:
        return super().render_str(printable(text), **kwargs)


# emoji off: a name is shown as written (rich turns ":smile:" into an emoji), and its emoji table never loads
console = SafeConsole(emoji=False)
err_console = SafeConsole(stderr=True, emoji=False)

#: exit codes: 0 clean (warnings allowed), 1 findings of severity error, 2 could not run
EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def fail(message: str) -> typer.Exit:
    """Print a Chinese message and give the exit for 'could not run'."""
    err_console.print(words.ERROR_LINE.format(message=escape(message)))
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
    table.add_column(words.SEVERITY, no_wrap=True)
    table.add_column(words.LOCATION, no_wrap=True)
    table.add_column(words.CODE, no_wrap=True)
    table.add_column(words.PROBLEM, overflow="fold", ratio=3)
    table.add_column(words.REMEDY, overflow="fold", ratio=2)
    for f in findings:
        where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "—")
        table.add_row(styled(SEVERITY_ZH[f.severity], SEVERITY_STYLE.get(str(f.severity), "")),
                      escape(where), f.code, escape(f.message), escape(f.remedy))
    return table
