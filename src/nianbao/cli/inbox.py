"""``nianbao inbox``: the county's inbox of received files (add, status, history, return, accept, merge,
export, log, roster). Each command opens the ledger, calls one library method and prints its answer."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from nianbao.cli.app import EXIT_FINDINGS, EXIT_OK, app, command_group, console, fail, styled
from nianbao.files import plain_reason
from nianbao.wording import cli as words

if TYPE_CHECKING:  # the inbox (SQLAlchemy) is imported when a command runs, so that --help starts fast
    from rich.table import Table

    from nianbao.inbox import Inbox, OfficeState, Received

inbox_app = command_group(
    name="inbox", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help=words.INBOX_HELP,
)
app.add_typer(inbox_app, name="inbox")

#: ``nianbao.inbox.DEFAULT_DB``, written here so that the help needs no SQLAlchemy (a test holds them equal)
DEFAULT_DB = "nianbao.sqlite3"
DB_HELP = words.DB_HELP
BY_HELP = words.BY_HELP
#: the colour of an office's state (``OfficeStatus``) and of a version's verdict (``FileStatus``), by member name
_STATE_STYLE = {"MISSING": "bright_black", "SUBMITTED_OK": "green", "SUBMITTED_WARN": "yellow",
                "SUBMITTED_ERROR": "red", "RETURNED": "magenta", "ACCEPTED": "bold green"}
_VERDICT_STYLE = {"UNREADABLE": "red", "OK": "green", "WARN": "yellow", "ERROR": "red"}


def _style_of(label: str) -> str:
    """The colour of a state or verdict label, found by its enum member (the enums load with the inbox)."""
    from nianbao.form.result import FileStatus
    from nianbao.inbox.types import OfficeStatus

    if label in OfficeStatus.__members__.values():
        return _STATE_STYLE.get(OfficeStatus(label).name, "")
    if label in FileStatus.__members__.values():
        return _VERDICT_STYLE.get(FileStatus(label).name, "")
    return ""


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
    paths: list[Path] = typer.Argument(..., metavar=words.FILES_OR_FOLDERS, help=words.ADD_PATHS_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    source: str = typer.Option("", "--source", help=words.ADD_SOURCE_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
    json_out: bool = typer.Option(False, "--json", help=words.ADD_JSON_HELP),
) -> None:
    """收入文件：先原样保存文件，再读取和校验，归到对应单位并记为新版本（与已收到的文件完全相同的记为重复）。

    退出码：0 全部收入且没有错误；1 有文件有错误或无法读取；2 无法运行。原文件不会被修改。
    """
    from nianbao.form.result import STATUS_UNREADABLE

    missing = [p for p in paths if not p.exists()]
    if len(missing) == len(paths):
        raise fail(words.NO_SUCH_FILES_TO_ADD + "、".join(map(str, missing)))
    with _opened(db) as inbox:
        results = inbox.add_paths(paths, source=source, by=by)
    if json_out:
        _echo_json(results)
    else:
        for r in results:
            console.print(f"{styled(r.name, 'bold')}：{styled(r.status, _style_of(r.status))}  "
                          f"{escape(r.message)}", highlight=False, soft_wrap=True)
        console.print(_added_summary(results), highlight=False)
    bad = any(r.errors or r.status == STATUS_UNREADABLE for r in results if not r.duplicate)
    raise typer.Exit(EXIT_FINDINGS if bad else EXIT_OK)


def _added_summary(results: list[Received]) -> str:
    """What became of the files added, each counted once: the counts add up to the files found."""
    from nianbao.form.result import STATUS_UNREADABLE

    kinds = Counter("duplicate" if r.duplicate else "new" if r.version is not None else
                    "unreadable" if r.status == STATUS_UNREADABLE else
                    "not_added" if not r.sha256 else "no_office" for r in results)
    more = "".join(words.ADDED_MORE[k].format(count=kinds[k]) for k in ("no_office", "not_added") if kinds[k])
    return words.ADDED_SUMMARY.format(n_results=len(results), new=kinds["new"], duplicates=kinds["duplicate"],
                                      unreadable=kinds["unreadable"], more=more)


def _status_table(rows: list[OfficeState]) -> Table:
    from rich.table import Table

    table = Table(title=words.SUBMISSIONS_BY_OFFICE_TITLE, title_justify="left")
    for head in (words.OFFICE_NAME, words.STATUS, words.VERSION, words.RECEIVED_AT, words.ERRORS, words.WARNINGS, words.CONTACT_PERSON, words.PHONE, words.NOTE):
        table.add_column(head, overflow="fold")
    for s in rows:
        table.add_row(escape(s.name), styled(s.state, _style_of(s.state)), str(s.version or ""),
                      _time(s.received_at), str(s.errors or ""), str(s.warnings or ""), escape(s.contact),
                      escape(s.phone), escape(s.note))
    return table


@inbox_app.command("status")
def status_command(
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help=words.JSON_HELP),
) -> None:
    """列出名单中每个单位的状态（未提交 / 已提交·通过 / 有警告 / 有错误 / 已退回 / 已确认）、当前版本、收到时间、
    错误和警告数、联系人；名单外的单位列在后面。"""
    with _opened(db) as inbox:
        rows = inbox.status()
    if json_out:
        _echo_json(rows)
        return
    if not rows:
        console.print(words.INBOX_HAS_NO_OFFICES)
        return
    console.print(_status_table(rows))
    console.print(_status_counts(rows), highlight=False, markup=False)


def _status_counts(rows: list[OfficeState]) -> str:
    """The footer: how many roster offices are in each state, then the offices not on the roster (by name,
    with their 所属县 where it is not the roster's); without a roster, every office counted."""
    from nianbao.inbox.types import tally

    counted = tally(rows, all_without_roster=True)
    line = "；".join(words.STATUS_COUNT.format(status=k, count=v) for k, v in counted.counts.items())
    if counted.outside:
        homes = {r.county for r in counted.counted}
        names = "、".join(r.name + (f"（{r.county}）" if r.county and r.county not in homes else "")
                         for r in counted.outside)
        line += words.OFF_ROSTER_COUNT.format(count=len(counted.outside), names=names)
    return line


@inbox_app.command("history")
def history_command(
    office: str = typer.Argument(..., metavar=words.OFFICE, help=words.OFFICE_NAME_OR_ALIAS),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help=words.JSON_HELP),
) -> None:
    """列出一个单位交来的各个版本：收到时间、文件、内容摘要（sha256）、校验结果，以及与上一版相比改动的每个单元格。"""
    with _opened(db) as inbox:
        versions = inbox.history(office)
    if json_out:
        _echo_json(versions)
        return
    if not versions:
        console.print(words.NOT_SUBMITTED_YET.format(office=escape(office)))
    for v in versions:
        console.print(words.VERSION_LINE.format(version=styled(words.VERSION_NUMBER.format(number=v.number), 'bold'), received=_time(v.received_at), name=escape(v.name), status=styled(v.status, _style_of(v.status)), errors=v.errors, warnings=v.warnings, sha256=v.sha256[:12], source=escape(v.source)), highlight=False, soft_wrap=True)
        for c in v.changes:
            where = "｜".join(x for x in (c.table, c.row, c.column) if x)
            console.print(f"    {escape(where)}：{escape(c.old or words.EMPTY_VALUE)} → {escape(c.new or words.EMPTY_VALUE)}",
                          highlight=False, soft_wrap=True)
        if v.number > 1 and not v.changes:
            console.print(words.NO_CHANGES_SINCE_LAST, highlight=False)


@inbox_app.command("return")
def return_command(
    office: str = typer.Argument(..., metavar=words.OFFICE, help=words.OFFICE_NAME),
    note: str = typer.Option(..., "--note", help=words.RETURN_NOTE_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """退回一个单位的当前版本，并记下退回意见；单位再交来新版本时状态重新打开。"""
    with _opened(db) as inbox:
        inbox.return_office(office, note, by=by)
        state = inbox.office(office)
    console.print(words.RETURNED_OFFICE.format(office=escape(state.name if state else office), note=escape(note)), highlight=False)


@inbox_app.command("accept")
def accept_command(
    office: str = typer.Argument(..., metavar=words.OFFICE, help=words.OFFICE_NAME),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """确认一个单位的当前版本（县里审核通过）；单位再交来新版本时状态重新打开。"""
    with _opened(db) as inbox:
        inbox.accept(office, by=by)
        state = inbox.office(office)
    console.print(words.ACCEPTED_VERSION.format(office=escape(state.name if state else office), version=state.version if state else ''),
                  highlight=False)


@inbox_app.command("roster")
def roster_command(
    roster: Path = typer.Argument(..., metavar=words.ROSTER, help=words.INBOX_ROSTER_HELP),
    county: str | None = typer.Option(None, "--county", help=words.INBOX_ROSTER_COUNTY_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """把名单导入收件箱（与 nianbao merge --roster 的名单格式相同）；再次导入时按新名单更新。"""
    try:
        data = roster.read_bytes()
    except OSError as exc:
        raise fail(words.CANNOT_READ_ROSTER_FILE.format(roster=roster, exc=plain_reason(exc))) from None
    with _opened(db) as inbox:
        if county:
            inbox.set_setting("county", county, by=by)
        n = inbox.import_roster(roster.name, data, by=by)
    console.print(words.ROSTER_IMPORTED.format(name=escape(roster.name), n=n), highlight=False)


@inbox_app.command("merge")
def merge_command(
    out: Path | None = typer.Option(None, "-o", "--output", help=words.INBOX_MERGE_OUT_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    name: str | None = typer.Option(None, "--name", help=words.INBOX_MERGE_NAME_HELP),
    previous: list[Path] | None = typer.Option(None, "--previous", help=words.MERGE_PREVIOUS_HELP),
    exclude_errors: bool = typer.Option(False, "--exclude-errors", help=words.INBOX_MERGE_EXCLUDE_ERRORS_HELP),
    csv_out: Path | None = typer.Option(None, "--csv", help=words.INBOX_MERGE_CSV_HELP),
    json_out: Path | None = typer.Option(None, "--json", help=words.MERGE_JSON_HELP),
    force: bool = typer.Option(False, "--force", help=words.OVERWRITE_OUTPUTS_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """用每个单位的当前版本汇总：与 nianbao merge 对这些文件给出的汇总工作簿和 JSON 相同，并在收件箱中记下用了哪些版本。

    退出码：0 汇总已生成且计入的报告都没有错误；1 计入的报告有错误；2 无法运行。
    """
    from nianbao.cli.merge import print_merge_result
    from nianbao.merge.summary import result_json

    stdout_json = json_out is not None and str(json_out) == "-"
    with _opened(db) as inbox:
        run = inbox.merge(out, by=by, name=name, previous=previous, exclude_errors=exclude_errors, csv_out=csv_out,
                          json_out=None if stdout_json else json_out, jobs=1, force=force)
    if stdout_json:
        typer.echo(result_json(run.result))
    else:
        print_merge_result(run.result, [])
        for p in run.written:
            console.print(words.WROTE.format(path=p), markup=False, highlight=False)
    raise typer.Exit(EXIT_FINDINGS if run.result.has_errors else EXIT_OK)


@inbox_app.command("export")
def export_command(
    out_dir: Path = typer.Argument(..., metavar=words.FOLDER, help=words.OUTPUT_FOLDER_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """把每个单位的当前版本按原文件名写入文件夹（两个单位文件名相同时加上单位名称）。"""
    if out_dir.exists() and not out_dir.is_dir():
        raise fail(words.OUT_DIR_IS_A_FILE.format(out_dir=out_dir))
    with _opened(db) as inbox:
        written = inbox.export(out_dir, by=by)
    for p in written:
        console.print(words.WROTE.format(path=p), markup=False, highlight=False)
    console.print(words.EXPORTED_N_FILES.format(n_written=len(written)), highlight=False)


@inbox_app.command("log")
def log_command(
    office: str | None = typer.Argument(None, metavar=words.OFFICE, help=words.LOG_OFFICE_HELP),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help=words.JSON_HELP),
) -> None:
    """列出操作记录：收到、重复、退回、确认、导入名单、汇总、导出……（何时、谁、说明），记录只增不改。"""
    with _opened(db) as inbox:
        entries = inbox.log(office)
    if json_out:
        _echo_json(entries)
        return
    from rich.table import Table

    table = Table(title=words.LOG_TITLE, title_justify="left")
    for head in (words.TIME, words.ACTION, words.OFFICE, words.ACTED_BY, words.NOTE):
        table.add_column(head, overflow="fold")
    for e in entries:
        table.add_row(_time(e.at), e.action, escape(e.office or ""), escape(e.by), escape(e.note))
    console.print(table)
