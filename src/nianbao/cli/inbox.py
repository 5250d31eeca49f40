"""``nianbao inbox``: the county's inbox of received files (add, status, history, return, accept, merge,
export, log, roster). Each command opens the ledger, calls one library method and prints its answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from nianbao.cli.app import EXIT_FINDINGS, EXIT_OK, app, command_group, console, fail, styled
from nianbao.files import plain_reason

if TYPE_CHECKING:  # the inbox (SQLAlchemy) is imported when a command runs, so that --help starts fast
    from rich.table import Table

    from nianbao.inbox import Inbox, OfficeState

inbox_app = command_group(
    name="inbox", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="收件箱：保存收到的每一个文件（原样保存、不会丢失），按单位记录各个版本及其改动，退回、确认，"
         "并记下每一步操作。默认使用当前文件夹中的 nianbao.sqlite3；--db 也可以是 postgresql:// 地址。",
)
app.add_typer(inbox_app, name="inbox")

#: ``nianbao.inbox.DEFAULT_DB``, written here so that the help needs no SQLAlchemy (a test holds them equal)
DEFAULT_DB = "nianbao.sqlite3"
DB_HELP = "收件箱数据库：SQLite 文件路径（默认 nianbao.sqlite3），或 postgresql://用户:密码@主机/库名"
BY_HELP = "操作人姓名（记入操作记录）"
_STATE_STYLE = {"未提交": "bright_black", "已提交·通过": "green", "已提交·有警告": "yellow",
                "已提交·有错误": "red", "已退回": "magenta", "已确认": "bold green", "无法读取": "red",
                "通过": "green", "有警告": "yellow", "有错误": "red"}


@contextmanager
def _opened(db: str) -> Iterator[Inbox]:
    from nianbao.inbox import Inbox, InboxError, MergeRefused

    try:
        with Inbox.open(db) as inbox:
            yield inbox
    except (InboxError, MergeRefused) as exc:
        raise fail(str(exc)) from None


def _echo_json(value: Any) -> None:
    from nianbao.inbox import as_json

    typer.echo(json.dumps(as_json(value), ensure_ascii=False, indent=2))


def _time(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


@inbox_app.command("add")
def add_command(
    paths: list[Path] = typer.Argument(..., metavar="文件或文件夹", help="收到的文件、文件夹或 .zip 压缩包（压缩包中的每个文件分别收入）"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    source: str = typer.Option("", "--source", help="文件的来源，如：邮件、微信、U盘（默认记录文件路径）"),
    by: str = typer.Option("", "--by", help=BY_HELP),
    json_out: bool = typer.Option(False, "--json", help="以 JSON 输出每个文件的结果"),
) -> None:
    """收入文件：先原样保存文件，再读取和校验，归到对应单位并记为新版本（与已收到的文件完全相同的记为重复）。

    退出码：0 全部收入且没有错误；1 有文件有错误或无法读取；2 无法运行。原文件不会被修改。
    """
    missing = [p for p in paths if not p.exists()]
    if len(missing) == len(paths):
        raise fail("找不到要收入的文件：" + "、".join(map(str, missing)))
    with _opened(db) as inbox:
        results = inbox.add_paths(paths, source=source, by=by)
    if json_out:
        _echo_json(results)
    else:
        for r in results:
            console.print(f"{styled(r.name, 'bold')}：{styled(r.status, _STATE_STYLE.get(r.status, ''))}  "
                          f"{escape(r.message)}", highlight=False, soft_wrap=True)
        new = sum(r.version is not None for r in results)
        console.print(f"共 {len(results)} 个文件：新版本 {new} 个，重复 {sum(r.duplicate for r in results)} 个，"
                      f"无法读取 {sum(r.status == '无法读取' for r in results)} 个。", highlight=False)
    bad = any(r.errors or r.status == "无法读取" for r in results if not r.duplicate)
    raise typer.Exit(EXIT_FINDINGS if bad else EXIT_OK)


def _status_table(rows: list[OfficeState]) -> Table:
    from rich.table import Table

    table = Table(title="各单位提交情况", title_justify="left")
    for head in ("单位名称", "状态", "版本", "收到时间", "错误", "警告", "联系人", "联系电话", "说明"):
        table.add_column(head, overflow="fold")
    for s in rows:
        table.add_row(escape(s.name), styled(s.state, _STATE_STYLE.get(s.state, "")), str(s.version or ""),
                      _time(s.received_at), str(s.errors or ""), str(s.warnings or ""), escape(s.contact),
                      escape(s.phone), escape(s.note))
    return table


@inbox_app.command("status")
def status_command(
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="以 JSON 输出（与库函数返回的内容一致）"),
) -> None:
    """列出名单中每个单位的状态（未提交 / 已提交·通过 / 有警告 / 有错误 / 已退回 / 已确认）、当前版本、收到时间、
    错误和警告数、联系人；名单外的单位列在后面。"""
    with _opened(db) as inbox:
        rows = inbox.status()
    if json_out:
        _echo_json(rows)
        return
    if not rows:
        console.print("收件箱中还没有单位：先用 nianbao inbox roster 导入名单，或用 nianbao inbox add 收入文件。")
        return
    console.print(_status_table(rows))
    counts = {s: sum(r.state == s for r in rows) for s in dict.fromkeys(r.state for r in rows)}
    console.print("；".join(f"{k} {v} 个" for k, v in counts.items()), highlight=False)


@inbox_app.command("history")
def history_command(
    office: str = typer.Argument(..., metavar="单位", help="单位名称（或名单中的别名）"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="以 JSON 输出（与库函数返回的内容一致）"),
) -> None:
    """列出一个单位交来的各个版本：收到时间、文件、内容摘要（sha256）、校验结果，以及与上一版相比改动的每个单元格。"""
    with _opened(db) as inbox:
        versions = inbox.history(office)
    if json_out:
        _echo_json(versions)
        return
    if not versions:
        console.print(f"“{escape(office)}”还没有提交报告。")
    for v in versions:
        console.print(f"{styled(f'第 {v.number} 版', 'bold')}  {_time(v.received_at)}  {escape(v.name)}  "
                      f"{styled(v.status, _STATE_STYLE.get(v.status, ''))}（错误 {v.errors} 处，警告 {v.warnings} 处）"
                      f"  sha256 {v.sha256[:12]}…  来源：{escape(v.source)}", highlight=False, soft_wrap=True)
        for c in v.changes:
            where = "｜".join(x for x in (c.table, c.row, c.column) if x)
            console.print(f"    {escape(where)}：{escape(c.old or '（空）')} → {escape(c.new or '（空）')}",
                          highlight=False, soft_wrap=True)
        if v.number > 1 and not v.changes:
            console.print("    与上一版相比，填报内容没有改动", highlight=False)


@inbox_app.command("return")
def return_command(
    office: str = typer.Argument(..., metavar="单位", help="单位名称"),
    note: str = typer.Option(..., "--note", help="退回意见（告诉单位要改什么）"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """退回一个单位的当前版本，并记下退回意见；单位再交来新版本时状态重新打开。"""
    with _opened(db) as inbox:
        inbox.return_office(office, note, by=by)
        state = inbox.office(office)
    console.print(f"已退回“{escape(state.name if state else office)}”：{escape(note)}", highlight=False)


@inbox_app.command("accept")
def accept_command(
    office: str = typer.Argument(..., metavar="单位", help="单位名称"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """确认一个单位的当前版本（县里审核通过）；单位再交来新版本时状态重新打开。"""
    with _opened(db) as inbox:
        inbox.accept(office, by=by)
        state = inbox.office(office)
    console.print(f"已确认“{escape(state.name if state else office)}”第 {state.version if state else ''} 版。",
                  highlight=False)


@inbox_app.command("roster")
def roster_command(
    roster: Path = typer.Argument(..., metavar="名单", help="名单（.xlsx 或 .csv，列：单位名称、单位类别，可加所属县、联系人、联系电话、别名）"),
    county: str | None = typer.Option(None, "--county", help="本县名称，如：示例县（名单未写所属县的单位都属于本县）"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """把名单导入收件箱（与 nianbao merge --roster 的名单格式相同）；再次导入时按新名单更新。"""
    try:
        data = roster.read_bytes()
    except OSError as exc:
        raise fail(f"无法读取名单文件 {roster}：{plain_reason(exc)}") from None
    with _opened(db) as inbox:
        if county:
            inbox.set_setting("county", county, by=by)
        n = inbox.import_roster(roster.name, data, by=by)
    console.print(f"已导入名单 {escape(roster.name)}：{n} 个单位。", highlight=False)


@inbox_app.command("merge")
def merge_command(
    out: Path | None = typer.Option(None, "-o", "--output", help="汇总工作簿（.xlsx），如：全县汇总.xlsx"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    name: str | None = typer.Option(None, "--name", help="汇总的名称，如：示例县（默认取导入名单时给出的县名）"),
    previous: list[Path] | None = typer.Option(None, "--previous", help="上年的报告或上年的汇总文件（可多次给出）"),
    exclude_errors: bool = typer.Option(False, "--exclude-errors", help="有错误的报告不计入汇总"),
    csv_out: Path | None = typer.Option(None, "--csv", help="把明细表写成 CSV"),
    json_out: Path | None = typer.Option(None, "--json", help="把全部结果写成 JSON 文件；写 - 则输出到屏幕"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件"),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """用每个单位的当前版本汇总：与 nianbao merge 对这些文件给出的汇总工作簿和 JSON 相同，并在收件箱中记下用了哪些版本。

    退出码：0 汇总已生成且计入的报告都没有错误；1 计入的报告有错误；2 无法运行。
    """
    from nianbao.cli.merge import _print
    from nianbao.merge.summary import result_json

    stdout_json = json_out is not None and str(json_out) == "-"
    with _opened(db) as inbox:
        run = inbox.merge(out, by=by, name=name, previous=previous, exclude_errors=exclude_errors, csv_out=csv_out,
                          json_out=None if stdout_json else json_out, jobs=1, force=force)
    if stdout_json:
        typer.echo(result_json(run.result))
    else:
        _print(run.result, [])
        for p in run.written:
            console.print(f"已写入 {p}", markup=False, highlight=False)
    raise typer.Exit(EXIT_FINDINGS if run.result.has_errors else EXIT_OK)


@inbox_app.command("export")
def export_command(
    out_dir: Path = typer.Argument(..., metavar="文件夹", help="输出文件夹"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """把每个单位的当前版本按原文件名写入文件夹（两个单位文件名相同时加上单位名称）。"""
    if out_dir.exists() and not out_dir.is_dir():
        raise fail(f"{out_dir} 是文件，请给出一个文件夹。")
    with _opened(db) as inbox:
        written = inbox.export(out_dir, by=by)
    for p in written:
        console.print(f"已写入 {p}", markup=False, highlight=False)
    console.print(f"共导出 {len(written)} 个文件。", highlight=False)


@inbox_app.command("log")
def log_command(
    office: str | None = typer.Argument(None, metavar="单位", help="只列出这个单位的记录（不给出则列出全部）"),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="以 JSON 输出（与库函数返回的内容一致）"),
) -> None:
    """列出操作记录：收到、重复、退回、确认、导入名单、汇总、导出……（何时、谁、说明），记录只增不改。"""
    with _opened(db) as inbox:
        entries = inbox.log(office)
    if json_out:
        _echo_json(entries)
        return
    from rich.table import Table

    table = Table(title="操作记录", title_justify="left")
    for head in ("时间", "操作", "单位", "操作人", "说明"):
        table.add_column(head, overflow="fold")
    for e in entries:
        table.add_row(_time(e.at), e.action, escape(e.office or ""), escape(e.by), escape(e.note))
    console.print(table)
