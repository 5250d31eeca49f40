"""The command line in Chinese: help pages and usage errors of typer's click, said as a clerk reads them.

typer (and the click it carries) prints "Usage:", "Options:", "Error: Missing argument 'paths'." and type
names such as ``<list[Path]>`` in English, as literals with no translation hook. This module gives typer
a command and group class whose context formats help with Chinese headings and names, and whose ``main``
renders a usage error in Chinese (exit code 2, as click's). Nothing here changes what a command does.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from nianbao.wording import cli as words

try:  # typer >= 0.20 carries its own click
    from typer._click import exceptions as _exc
    from typer._click.formatting import HelpFormatter
except ImportError:  # pragma: no cover - an older typer over click
    from click import exceptions as _exc  # type: ignore[no-redef]
    from click.formatting import HelpFormatter  # type: ignore[no-redef,assignment,unused-ignore]

__all__ = ["ZhCommand", "ZhGroup", "translate_error"]

_SECTIONS = {"Arguments": words.ARGUMENTS, "Options": words.OPTIONS, "Commands": words.COMMANDS}
#: words typer writes into the help column, and the type names it shows beside an option
_HELP_WORDS = [
    (re.compile(r"Show this message and exit\."), words.SHOW_HELP_AND_EXIT),
    (re.compile(r"\[default: (.*?)\]"), words.DEFAULT_MARK),
    (re.compile(r"\[required\]"), words.REQUIRED_MARK),
    (re.compile(r"\[x>=(\d+)\]"), words.AT_LEAST_MARK),
    (re.compile(r"\[(\d+)<=x<=(\d+)\]"), words.RANGE_MARK),
]
_TYPE_NAMES = {"<list[Path]>": words.TYPE_FILES, "<path>": words.TYPE_PATH, "<str>": words.TYPE_TEXT, "<int>": words.TYPE_INTEGER,
               "<int range>": words.TYPE_INTEGER, "<list[str]>": words.TYPE_TEXTS, "<float>": words.TYPE_NUMBER}
#: messages click and typer raise without parameters to build them from (parser and command lookup)
_MESSAGES = [
    (re.compile(r"No such command '(.*)'\. Did you mean '(.*)'\?$"), words.NO_SUCH_COMMAND_DID_YOU_MEAN),
    (re.compile(r"No such command '(.*)'\.$"), words.NO_SUCH_COMMAND),
    (re.compile(r"Missing command\.$"), words.MISSING_COMMAND),
    (re.compile(r"Option '(.*)' requires (?:an argument|\d+ arguments)\.$"), words.OPTION_NEEDS_VALUE),
    (re.compile(r"Option '(.*)' does not take a value\.$"), words.OPTION_TAKES_NO_VALUE),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)$"), words.EXTRA_ARGUMENTS),
    (re.compile(r"'(.*)' is not a valid integer\.?$"), words.NOT_AN_INTEGER),
    (re.compile(r"'(.*)' is not a valid float\.?$"), words.NOT_A_NUMBER),
    (re.compile(r"(.*) is not in the range x>=(\d+)\.?$"), words.TOO_SMALL),
    (re.compile(r"Input should be greater than or equal to (\d+)$"), words.AT_LEAST),
    (re.compile(r"Input should be a valid integer.*$"), words.MUST_BE_INTEGER),
]


def _zh_help(text: str) -> str:
    for pattern, repl in _HELP_WORDS:
        text = pattern.sub(repl, text)
    return text


def _zh_term(term: str) -> str:
    for en, zh in _TYPE_NAMES.items():
        term = term.replace(en, zh)
    name, _, shown = term.partition(" ")
    return name if shown == name else term  # an argument with a metavar shows it twice


class ZhFormatter(HelpFormatter):
    """click's help formatter with Chinese headings, type names and the help option's line."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, words.USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        super().write_dl([(_zh_term(a), _zh_help(b)) for a, b in rows], *args, **kwargs)


class ZhContext(typer.Context):
    formatter_class = ZhFormatter


def translate_error(exc: Exception) -> str:
    """A usage error of click or typer, in Chinese."""
    if isinstance(exc, _exc.MissingParameter):
        return _missing(exc)
    if isinstance(exc, _exc.NoSuchOption):
        said = words.NO_SUCH_OPTION.format(option_name=exc.option_name)
        return said + (words.DID_YOU_MEAN.format(options='、'.join(sorted(exc.possibilities))) if exc.possibilities else "")
    message = _zh_message(exc.message if isinstance(exc, _exc.ClickException) else str(exc))
    if isinstance(exc, _exc.BadParameter):
        param = exc.param
        name = "/".join(param.opts) if param is not None and param.opts else (getattr(param, "metavar", "") or "")
        return words.BAD_VALUE.format(name=name, message=message) if name else message
    return message


def _missing(exc: Any) -> str:
    param = exc.param
    what = words.OPTIONS if (exc.param_type or getattr(param, "param_type_name", "")) == "option" else words.ARGUMENTS
    name = getattr(param, "metavar", None) or (param.opts[0] if param is not None and param.opts else "")
    helptext = getattr(param, "help", None)
    if what == words.ARGUMENTS and helptext:
        return words.MISSING_WITH_HELP.format(what=what, helptext=helptext)
    return words.MISSING_NAMED.format(what=what, name=name) + (f"（{helptext}）。" if helptext else "。")


def _zh_message(message: str) -> str:
    for pattern, zh in _MESSAGES:
        m = pattern.match(message)
        if m:
            return zh.format(*m.groups())
    return message


def _show(exc: Exception) -> None:
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(words.SEE_HELP.format(command_path=ctx.command_path), err=True)
    typer.echo(words.ERROR_MESSAGE.format(message=translate_error(exc)), err=True)


def _main(run: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    """Run a command as click's ``main`` does, with its errors said in Chinese."""
    if not kwargs.pop("standalone_mode", True):
        return run(*args, standalone_mode=False, **kwargs)
    try:
        code = run(*args, standalone_mode=False, **kwargs)
    except _exc.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help(), err=True)
        sys.exit(exc.exit_code)
    except _exc.UsageError as exc:
        _show(exc)
        sys.exit(exc.exit_code)
    except _exc.ClickException as exc:
        typer.echo(words.ERROR_MESSAGE.format(message=exc.format_message()), err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo(words.ABORTED, err=True)
        sys.exit(1)
    except Exception as exc:  # a fault of nianbao's own (bad input is said by each command): never a traceback
        log = _fault_log(exc)
        typer.echo(words.INTERNAL_ERROR.format(kind=type(exc).__name__, log=words.FAULT_LOG.format(log=log) if log else ""),
                   err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _fault_log(exc: Exception) -> str:
    """The traceback of a fault, written to a file in the temporary folder for whoever maintains nianbao;
    its path ('' when it cannot be written: the message then says nothing of a file)."""
    import tempfile
    import time
    import traceback

    try:
        path = Path(tempfile.gettempdir()) / f"nianbao-fault-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return str(path)
    except OSError:
        return ""


def _zh_metavars(kwargs: dict[str, Any], *, group: bool = False) -> dict[str, Any]:
    """typer passes click's English defaults explicitly: replace them."""
    if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
        kwargs["options_metavar"] = words.OPTIONS_METAVAR
    if group:
        kwargs["subcommand_metavar"] = kwargs.get("subcommand_metavar") or words.COMMAND_ARGS_METAVAR
    return kwargs


def files_not_options(command: Any, ctx: Any, args: list[str]) -> list[str]:
    """``args`` with every argument that looks like an option but is not one of ``command``'s and names an
    existing file (``-o.xlsx``, brought in by ``nianbao merge *.xlsx``) written as a path (``./-o.xlsx``):
    click would take ``-o.xlsx`` for ``-o .xlsx`` and write the summary to a hidden file ``.xlsx``.
    Everything after ``--`` is a file anyway, as click has it."""
    known = {"--"}
    for param in command.get_params(ctx):
        known.update(getattr(param, "opts", ()))
        known.update(getattr(param, "secondary_opts", ()))
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return out + args[i:]
        option = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if arg.startswith("-") and arg != "-" and option not in known and os.path.lexists(arg):
            arg = os.path.join(os.curdir, arg)
        out.append(arg)
    return out


def _first_sentence(command: Any, limit: int = 45) -> str:
    """A command's line in its group's list: its short help, else the first sentence of its help, whole (click
    cuts a help at spaces to ``limit`` and a Chinese one, with no spaces but in its English words, to "...")."""
    if command.short_help:
        return str(command.short_help)
    text = " ".join((command.help or "").split())
    return text.split("。")[0] + "。" if "。" in text else text


class ZhCommand(TyperCommand):
    context_class = ZhContext
    get_short_help_str = _first_sentence

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_zh_metavars(kwargs))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, files_not_options(self, ctx, args))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        return _main(super().main, args, kwargs)


class ZhGroup(TyperGroup):
    context_class = ZhContext
    get_short_help_str = _first_sentence

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_zh_metavars(kwargs, group=True))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        return _main(super().main, args, kwargs)
