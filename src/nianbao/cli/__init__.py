"""The thin command line: parse arguments, call one library function, render, set the exit code."""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

import typer.main

#: each command's module (which registers it on ``app``)
COMMAND_MODULES = {"check": "check", "demo": "demo", "docs": "docs", "inbox": "inbox", "merge": "merge",
                   "render": "publish", "import": "publish", "serve": "serve", "template": "template"}


def _commands_wanted(argv: list[str]) -> list[str]:
    """The command modules to load: only the one of the command run (typer builds every command it holds,
    reading their annotations, a tenth of a one-file check) when this process is ``nianbao CMD …`` (the
    installed command, or ``python -m nianbao``); all of them otherwise (``nianbao --help``, a mistyped
    command, an import from a test or another program)."""
    program = Path(argv[0]) if argv else Path()
    ours = program.stem.lower() == "nianbao" or (program.name == "__main__.py" and program.parent.name == "nianbao")
    wanted = COMMAND_MODULES.get(argv[1]) if ours and len(argv) > 1 else None
    return [wanted] if wanted else list(dict.fromkeys(COMMAND_MODULES.values()))


# loading the commands makes some 100,000 objects and no garbage: without the collector's passes over them it
# takes a fifth less time (benchmarks/startup.py); the command line then sets them aside (``main``)
gc.disable()
for _module in _commands_wanted(sys.argv):  # each registers its commands
    importlib.import_module(f"nianbao.cli.{_module}")

from nianbao.cli.app import app  # noqa: E402

gc.enable()


def main() -> None:
    gc.freeze()  # what loading made is never scanned by the collector again (a process of its own only)
    # as ``app()`` does, but a group even when only the command run is loaded (typer would make a lone
    # command the whole program): ``nianbao check …`` stays ``check``'s usage, help and errors
    typer.main.get_group(app)()
