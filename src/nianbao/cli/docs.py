"""``nianbao docs``: regenerate docs/findings.md from the finding catalogue."""

from __future__ import annotations

from pathlib import Path

import typer

from nianbao.cli.app import app, console
from nianbao.wording import cli as words


@app.command("docs")
def docs_command(
    out: Path = typer.Option(Path("docs/findings.md"), "-o", "--out", help=words.DOCS_OUT_HELP),
) -> None:
    """根据问题目录生成 docs/findings.md（问题代码一览）。"""
    from nianbao.files import write_text_atomic
    from nianbao.form.findings import render_docs

    write_text_atomic(out, render_docs())
    console.print(words.WROTE.format(path=out), markup=False, highlight=False)
