"""The thin command line: parse arguments, call one library function, render, set the exit code."""

from __future__ import annotations

from nianbao.cli import check as _check  # noqa: F401
from nianbao.cli import demo as _demo  # noqa: F401  (registers commands)
from nianbao.cli import docs as _docs  # noqa: F401
from nianbao.cli import inbox as _inbox  # noqa: F401
from nianbao.cli import merge as _merge  # noqa: F401
from nianbao.cli import publish as _publish  # noqa: F401
from nianbao.cli import serve as _serve  # noqa: F401
from nianbao.cli import template as _template  # noqa: F401
from nianbao.cli.app import app


def main() -> None:
    app()
