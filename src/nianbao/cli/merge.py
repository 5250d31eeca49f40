"""``nianbao merge``: many offices' workbooks into one summary, with who is missing and who is wrong."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from nianbao.cli.app import EXIT_FINDINGS, EXIT_OK, app, console, err_console, fail, styled
from nianbao.wording import cli as words

if TYPE_CHECKING:  # the library is imported when the command runs, so that --help starts fast
    from nianbao.merge.job import MergePlan, MergeRun
    from nianbao.merge.outcome import MergeResult

#: show a progress bar from this many files on; list at most this many status lines in the terminal
PROGRESS_FROM = 20
MAX_LINES = 60
#: the colour of each status line, by the name of its ``nianbao.merge.outcome.Status`` member
_STYLE = {"SUBMITTED_OK": "green", "SUBMITTED_WARN": "yellow", "SUBMITTED_ERROR": "red", "MISSING": "bright_black",
          "OFF_ROSTER": "cyan", "UNREADABLE": "red"}


@app.command("merge")
def merge_command(
    inputs: list[Path] = typer.Argument(..., metavar=words.FILES_OR_FOLDERS, help=words.MERGE_INPUTS_HELP),
    out: Path | None = typer.Option(None, "-o", "--output", help=words.MERGE_OUT_HELP),
    roster: Path | None = typer.Option(None, "--roster", help=words.MERGE_ROSTER_HELP),
    name: str | None = typer.Option(None, "--name", help=words.MERGE_NAME_HELP),
    previous: list[Path] | None = typer.Option(None, "--previous", help=words.MERGE_PREVIOUS_HELP),
    exclude_errors: bool = typer.Option(False, "--exclude-errors", help=words.MERGE_EXCLUDE_ERRORS_HELP),
    csv_out: Path | None = typer.Option(None, "--csv", help=words.MERGE_CSV_HELP),
    json_out: Path | None = typer.Option(None, "--json", help=words.MERGE_JSON_HELP),
    jobs: int | None = typer.Option(None, "--jobs", min=1, help=words.MERGE_JOBS_HELP),
    force: bool = typer.Option(False, "--force", help=words.OVERWRITE_OUTPUTS_HELP),
) -> None:
    """汇总各单位的年报：生成汇总工作簿，列出已交、未交、有错误的单位。

    读到的每份报告都计入汇总（有错误的也计入，并在屏幕和汇总工作簿中标明），除非：加了 --exclude-errors
    （有错误的不计入）；给了名单而单位不在名单中（列为“名单外”，不计入）；同一单位有更新的报告、分不出先后的另一份（按文件名取一份）或相同的文件。
    每个输入文件都列在“文件”表中，写明是否计入。

    退出码：0 计入的报告都没有错误（给了 -o 时汇总已写出）；1 计入的报告有错误，或有文件无法读取、未被接受；2 无法运行。

    文件名以“-”开头的（如 -o.xlsx），已存在的按文件读取；也可以在这些文件名前加 --，
    如：nianbao merge -o 全县汇总.xlsx -- -o.xlsx 城关镇.xlsx（-- 之后的都按文件处理）。
    """
    from nianbao.merge.job import MergeRefused, plan_merge
    from nianbao.merge.summary import result_json

    stdout_json = json_out is not None and str(json_out) == "-"
    try:
        plan = plan_merge(inputs, out=out, roster=roster, name=name, previous=previous,
                          exclude_errors=exclude_errors, csv_out=csv_out, json_out=None if stdout_json else json_out,
                          jobs=jobs, force=force)
        run = _run(plan, show_progress=not stdout_json)
    except MergeRefused as exc:
        raise fail(str(exc)) from None
    if stdout_json:
        typer.echo(result_json(run.result))
    else:
        print_merge_result(run.result, list(run.result.skipped_shown), written=out is not None)
        for p in plan.outputs:
            console.print(words.WROTE.format(path=p), markup=False, highlight=False)
        if out is None:
            console.print(words.NO_SUMMARY_WITHOUT_OUT, markup=False, highlight=False)
    raise typer.Exit(EXIT_FINDINGS if run.result.has_errors else EXIT_OK)


def _run(plan: MergePlan, *, show_progress: bool) -> MergeRun:
    from nianbao.merge.job import run_merge

    if not show_progress or len(plan.files) < PROGRESS_FROM or not err_console.is_terminal:
        return run_merge(plan)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # refreshed by hand, so that no thread runs while worker processes are forked
    with Progress(TextColumn(words.PROGRESS_READING), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("merge", total=len(plan.files))
        last = [0.0]

        def advance(n: int) -> None:
            bar.advance(task, n)
            now = time.monotonic()
            if now - last[0] > 0.1:
                last[0] = now
                bar.refresh()

        return run_merge(plan, progress=advance)


def print_merge_result(result: MergeResult, skipped: list[tuple[str, str]], *, written: bool = True) -> None:
    """What ``merge`` and ``inbox merge`` print of a summary: its overview, the statuses, the errors and
    findings to look at, and the files skipped. ``written``: whether a summary workbook is written (the
    sheets it has are pointed to only then)."""
    from nianbao.merge.summary import console_findings, errors_warning, overview_line

    console.print(styled(words.SUMMARY_HEADING.format(name=result.name, year=result.year or ''), "bold") + "：" + escape(overview_line(result)))
    warning = errors_warning(result)
    if warning:
        console.print(styled(warning, "bold red"))
    _print_statuses(result, written)
    _print_error_counts(result, written)
    for message in console_findings(result):
        console.print(styled(message, "yellow"))
    if warning:  # said again last, where the eye lands
        console.print(styled(warning, "bold red"))
    if skipped:
        console.print(words.SKIPPED_N_FILES.format(n_skipped=len(skipped)))
        for path, reason in skipped[:MAX_LINES]:
            console.print(f"  {path}：{reason}", markup=False, highlight=False)


def _print_statuses(result: MergeResult, written: bool) -> None:
    """The status table; past ``MAX_LINES`` offices, only those that need the clerk."""
    from rich.table import Table

    from nianbao.form.result import STATUS_OK
    from nianbao.merge.outcome import SUBMITTED_STATUS, Status

    ok = SUBMITTED_STATUS[STATUS_OK]
    styles: dict[str, str] = {Status[name]: style for name, style in _STYLE.items()}
    rows = result.statuses if len(result.statuses) <= MAX_LINES else [s for s in result.statuses if s.status != ok]
    if not rows:
        return
    table = Table(title=words.SUBMISSIONS_TITLE if rows is result.statuses else words.SUBMISSIONS_NEEDING_ACTION_TITLE,
                  title_justify="left")
    for head in (words.OFFICE_NAME, words.STATUS, words.INCLUDED, words.FILE, words.NOTE):
        table.add_column(head, overflow="fold")
    for s in rows[:MAX_LINES]:
        style = styles.get(s.status, "")
        table.add_row(escape(s.office or "—"), styled(s.status, style), words.YES if s.included else words.NO,
                      escape("、".join(s.files)), escape(s.note))
    console.print(table)
    if len(rows) > MAX_LINES:
        more = words.MORE_ROWS_IN_WORKBOOK if written else words.MORE_ROWS_WITHOUT_OUT
        console.print(more.format(n_more=len(rows) - MAX_LINES))


def _print_error_counts(result: MergeResult, written: bool) -> None:
    """Errors counted where a clerk can find them: in the reports summed, and in the files left out."""
    summed = sum(f.is_error for e in result.rows for f in e.all_findings)
    left_out = sum(f.is_error for e in result.entries if not e.included for f in e.all_findings)
    if summed or left_out:
        parts = [words.ERRORS_IN_SUMMED.format(summed=summed)] if summed else []
        parts += [words.ERRORS_IN_LEFT_OUT.format(left_out=left_out)] if left_out else []
        console.print(styled("，".join(parts), "red") + (words.SEE_PROBLEMS_SHEET if written else words.SEE_PROBLEMS_WITHOUT_OUT))
