"""The thin command line: parse arguments, call one library function, render, set the exit code."""

from __future__ import annotations

import gc

# loading the commands makes some 100,000 objects and no garbage: without the collector's passes over them it
# takes a fifth less time (benchmarks/startup.py); the command line then sets them aside (``main``)
gc.disable()

from nianbao.cli import check as _check  # noqa: E402, F401
from nianbao.cli import demo as _demo  # noqa: E402, F401  (registers commands)
from nianbao.cli import docs as _docs  # noqa: E402, F401
from nianbao.cli import inbox as _inbox  # noqa: E402, F401
from nianbao.cli import merge as _merge  # noqa: E402, F401
from nianbao.cli import publish as _publish  # noqa: E402, F401
from nianbao.cli import serve as _serve  # noqa: E402, F401
from nianbao.cli import template as _template  # noqa: E402, F401
from nianbao.cli.app import app  # noqa: E402

gc.enable()


def main() -> None:
    gc.freeze()  # what loading made is never scanned by the collector again (a process of its own only)
    app()
