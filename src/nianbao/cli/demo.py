"""``nianbao demo``: the main job on bundled sample data, written to ./nianbao-demo/."""

from __future__ import annotations

from pathlib import Path

import typer

from nianbao.cli.app import app, console
from nianbao.wording import cli as words


@app.command("demo")
def demo_command(
    out_dir: Path = typer.Option(Path("nianbao-demo"), "--out", help=words.DEMO_OUT_HELP),
) -> None:
    """用自带的示例数据走一遍全过程：生成模板和示例县各单位的工作簿，校验并生成退回修改的标注副本，汇总成全县汇总表，生成发布稿。"""
    from nianbao.demo import run_demo

    for line in run_demo(out_dir):
        console.print(line, highlight=False, soft_wrap=True)
