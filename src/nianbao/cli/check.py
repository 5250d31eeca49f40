"""``nianbao check``: read and validate filled workbooks, report every problem at its cell."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from nianbao.cli.app import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    app,
    console,
    err_console,
    fail,
    findings_table,
    printable,
    styled,
)
from nianbao.files import plain_reason
from nianbao.wording import cli as words

if TYPE_CHECKING:  # the library is imported when a command runs, so that --help starts fast
    from rich.table import Table

    from nianbao.check.checkfile import CheckRun

#: show a progress bar from this many files on
PROGRESS_FROM = 5
#: from this many files on, one plain line per file and per finding instead of tables (10,000 files in a
#: table take rich seconds to lay out, and no one reads them as a table)
COMPACT_FROM = 300


@app.command("check")
def check_command(
    paths: list[Path] = typer.Argument(..., metavar=words.FILES_OR_FOLDERS, help=words.CHECK_PATHS_HELP),
    as_json: bool = typer.Option(False, "--json", help=words.JSON_RESULTS_HELP),
    annotate: Path | None = typer.Option(None, "--annotate", metavar=words.FOLDER,
                                         help=words.CHECK_ANNOTATE_HELP),
    annotate_all: bool = typer.Option(False, "--annotate-all", help=words.CHECK_ANNOTATE_ALL_HELP),
    contact: str = typer.Option("", "--contact", metavar=words.CONTACT_PERSON,
                                help=words.CHECK_CONTACT_HELP),
    previous: list[Path] = typer.Option([], "--previous", help=words.CHECK_PREVIOUS_HELP),
) -> None:
    """检查填好的年报工作簿：逐个文件列出问题所在的单元格和怎么改。

    文件夹中的每个文件都会列出：检查了，或跳过了及原因。文件名以“-”开头的，可以在前面加 --（-- 之后的都按文件处理）。
    """
    missing = [p for p in paths if not p.exists()]
    if len(missing) == len(paths):
        raise fail(words.NO_SUCH_FILES_TO_CHECK + "、".join(str(p) for p in missing))
    if annotate is not None and annotate.exists() and not annotate.is_dir():
        raise fail(words.ANNOTATE_IS_A_FILE.format(annotate=annotate))
    run = _run(paths, show_progress=not as_json, exclude=annotate)
    if previous:
        _against_last_year(run, previous, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(run.to_dict(), ensure_ascii=False, indent=2))
    elif run.results:
        _print(run)
    if not run.results:  # nothing was checked: not a clean result
        if not as_json:
            _print_skipped(run.skipped)
        raise fail(words.NOTHING_CHECKED + (words.ALL_FILES_SKIPPED if run.skipped else words.NO_FILES_FOUND)
                   + words.GIVE_WORKBOOKS_OR_FOLDER)
    if annotate is not None:
        _annotate(run, annotate, paths, quiet=as_json, all_files=annotate_all, contact=contact)
    raise typer.Exit(EXIT_FINDINGS if run.has_errors else EXIT_OK)


def _run(paths: list[Path], *, show_progress: bool, exclude: Path | None) -> CheckRun:
    gc.disable()  # the reader and the rules load faster without the collector's passes (see nianbao.cli)
    from nianbao.check.checkfile import check_paths
    from nianbao.read.reader import collect_paths

    gc.enable()

    files, _skipped = collect_paths(paths)
    if not show_progress or len(files) <= PROGRESS_FROM or not err_console.is_terminal:
        return check_paths(paths, exclude=exclude)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(words.PROGRESS_CHECKING), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, auto_refresh=False) as bar:
        # refreshed by hand: no thread of rich's runs while check forks its reading workers
        task = bar.add_task("check", total=len(files))
        return check_paths(paths, progress=lambda done, _total, _path: bar.update(task, completed=done, refresh=True),
                           exclude=exclude)


def _against_last_year(run: CheckRun, previous: list[Path], *, quiet: bool) -> None:
    """--previous: each report against last year's report of its office; what is said of last year's files."""
    from nianbao.merge.lastyear import check_against_last_year
    from nianbao.publish.importer import published_files
    from nianbao.publish.previous import read_last_year
    from nianbao.read.reader import collect_paths

    files, _skipped = collect_paths([p for p in previous if p.exists()])
    files += [f for f in published_files([p for p in previous if p.is_dir()]) if f not in files]  # last year's pages
    if not files:
        raise fail(words.NO_PREVIOUS_FILES + "、".join(map(str, previous)))
    run.results, run.about_previous = check_against_last_year(run.results, files, reader=read_last_year)
    if run.about_previous and not quiet:
        console.print(findings_table(words.ABOUT_PREVIOUS_FILES, run.about_previous))


def _print(run: CheckRun) -> None:
    if len(run.results) >= COMPACT_FROM:
        _print_compact(run)
        return
    if run.results:
        console.print(_overview(run))
    for r in run.results:
        if not r.findings:
            continue
        console.print(findings_table(f"{r.path}（{r.office or words.OFFICE_UNKNOWN}）", r.findings))
    _print_skipped(run.skipped)
    counts = run.to_dict()["summary"]["by_status"]
    parts = [words.STATUS_COUNT.format(status=k, count=v) for k, v in counts.items()]
    console.print(words.CHECKED_N_FILES.format(n_results=len(run.results)) + ("，".join(parts) if parts else words.NONE))


def _print_compact(run: CheckRun) -> None:
    """Every file on one line (状态, 错误, 警告, the file and its office), each finding under it on one line
    (级别, 位置, 代码, 问题, 怎么改), what was skipped, the counts: plain text, every control character shown
    escaped (as ``SafeConsole`` does), written at once."""
    from nianbao.form.findings import SEVERITY_ZH

    lines = [words.COMPACT_HEADER.format(n_results=len(run.results))]
    for r in run.results:
        lines.append(words.COMPACT_FILE_LINE.format(status=r.status, errors=r.errors, warnings=r.warnings, path=r.path, office=r.office or words.OFFICE_UNKNOWN))
        for f in r.findings:
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "—")
            lines.append(words.COMPACT_FINDING_LINE.format(severity=SEVERITY_ZH[f.severity], where=where, code=f.code, message=f.message, remedy=f.remedy))
    for path, reason in run.skipped:
        lines.append(words.COMPACT_SKIPPED_LINE.format(path=path, reason=reason))
    counts = run.to_dict()["summary"]["by_status"]
    parts = [words.STATUS_COUNT.format(status=k, count=v) for k, v in counts.items()]
    lines.append(words.CHECKED_N_FILES.format(n_results=len(run.results)) + ("，".join(parts) if parts else words.NONE))
    console.file.write(printable("\n".join(lines)) + "\n")


def _overview(run: CheckRun) -> Table:
    """One line per file checked: its office, status and numbers of errors and warnings."""
    from rich.table import Table

    from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_UNREADABLE, STATUS_WARN

    status_style = {STATUS_OK: "green", STATUS_WARN: "yellow", STATUS_ERROR: "red", STATUS_UNREADABLE: "red"}
    overview = Table(title=words.CHECK_RESULTS_TITLE, show_lines=False)
    for head in (words.FILE, words.OFFICE_NAME, words.STATUS, words.ERRORS, words.WARNINGS):
        overview.add_column(head, overflow="fold")
    for r in run.results:
        style = status_style.get(r.status, "")
        overview.add_row(escape(r.path), escape(r.office or "—"), styled(r.status, style), str(r.errors),
                         str(r.warnings))
    return overview


def _print_skipped(skipped: list[tuple[str, str]]) -> None:
    if skipped:
        console.print(words.SKIPPED_N_FILES.format(n_skipped=len(skipped)))
        for path, reason in skipped:
            console.print(f"  {path}：{reason}", markup=False, highlight=False)


def _annotate(run: CheckRun, out_dir: Path, inputs: list[Path], *, quiet: bool, all_files: bool,
              contact: str) -> None:
    from nianbao.check.sendback import annotate_run  # openpyxl: only when annotating

    try:
        done = annotate_run(run, out_dir, inputs=inputs, all_files=all_files, contact=contact)
    except OSError as exc:
        err_console.print(words.CANNOT_WRITE_ANNOTATE_FOLDER.format(out_dir=escape(str(out_dir)), exc=plain_reason(exc)))
        raise typer.Exit(EXIT_FAILED) from None
    if quiet:
        return
    told: set[str] = set()  # an office's notice covers all its files: said once
    for f in done.files:
        a, path = f.annotated, f.result.path
        if a is not None and a.output:
            note = f"（{a.note}）" if a.note else ""
            console.print(words.WROTE_ANNOTATED_COPY.format(path=path, output=a.output, note=note), markup=False, highlight=False)
        elif a is not None:
            console.print(words.NOT_ANNOTATED.format(path=path, note=a.note), markup=False, highlight=False)
        if f.notice and f.notice not in told:
            told.add(f.notice)
            console.print(words.WROTE_SENDBACK_NOTICE.format(notice=f.notice), markup=False, highlight=False)
    skipped = sum(1 for f in done.files if f.annotated is None and not f.notice and not f.for_county)
    if skipped:
        console.print(words.CLEAN_FILES_NOT_ANNOTATED.format(skipped=skipped), markup=False, highlight=False)
    console.print("")
    for line in done.lines:
        console.print(line, markup=False, highlight=False)
    console.print(words.WROTE_SENDBACK_LIST.format(list_path=done.list_path), markup=False, highlight=False)
