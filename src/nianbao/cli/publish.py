"""``nianbao render`` (the published report document) and ``nianbao import`` (published reports in)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from nianbao.cli.app import EXIT_FINDINGS, EXIT_OK, app, console, err_console, fail, findings_table, styled
from nianbao.files import plain_reason
from nianbao.wording import cli as words

if TYPE_CHECKING:  # the library is imported when a command runs, so that --help starts fast
    from nianbao.form.findings import Finding
    from nianbao.form.model import Report
    from nianbao.form.result import FileResult
    from nianbao.publish.importer import Imported
    from nianbao.publish.render import FontSet, Parts

_DOC_SUFFIX = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _print_findings(title: str, findings: tuple[Finding, ...] | list[Finding]) -> None:
    if findings:
        console.print(findings_table(title, findings))


def _roster_names(path: Path | None) -> tuple[str, ...] | None:
    """The offices of a roster file, for a summary's 应报 / 已报; None without one."""
    if path is None:
        return None
    from nianbao.read.roster import RosterError, read_roster

    try:
        return tuple(e.name for e in read_roster(path))
    except (RosterError, OSError) as exc:
        raise fail(str(exc) if isinstance(exc, RosterError) else words.CANNOT_READ_OFFICE_ROSTER.format(path=path, exc=exc)) from None


@app.command("render")
def render_command(
    file: Path = typer.Argument(..., metavar=words.WORKBOOK, help=words.RENDER_FILE_HELP),
    out: Path = typer.Option(..., "-o", "--output", help=words.RENDER_OUT_HELP),
    force: bool = typer.Option(False, "--force", help=words.RENDER_FORCE_HELP),
    common_fonts: bool = typer.Option(False, "--common-fonts",
                                      help=words.RENDER_COMMON_FONTS_HELP),
    opening: bool = typer.Option(True, "--opening/--no-opening", help=words.RENDER_OPENING_HELP),
    signature: bool = typer.Option(True, "--signature/--no-signature", help=words.RENDER_SIGNATURE_HELP),
    government: bool = typer.Option(False, "--government",
                                    help=words.RENDER_GOVERNMENT_HELP),
    roster: Path | None = typer.Option(None, "--roster", help=words.RENDER_ROSTER_HELP),
    organ: str | None = typer.Option(None, "--organ", help=words.RENDER_ORGAN_HELP),
    date: str | None = typer.Option(None, "--date", help=words.RENDER_DATE_HELP),
) -> None:
    """生成对外发布的年度报告文档（六个部分，三张官方表格；Word 文档按 GB/T 9704-2012 排版）。"""
    from nianbao.files import write_bytes_atomic
    from nianbao.publish.render import COMMON_FONTS, GB_FONTS, Parts

    fmt, result, report = _read_for_render(file, out)
    parts = Parts(opening, signature, government, _roster_names(roster), organ, _signing_date(date))
    data = _render_or_exit(file, fmt, result, report, force=force,
                           fonts=COMMON_FONTS if common_fonts else GB_FONTS, parts=parts)
    try:
        write_bytes_atomic(out, data)
    except OSError as exc:
        raise fail(words.CANNOT_WRITE_OUTPUT.format(out=out, exc=plain_reason(exc))) from None
    document = parts.check(report, str(file))
    _print_findings(words.RENDERED_DOCUMENT.format(out=out), document)
    if signature:
        console.print(_signed_on_line(report, parts), markup=False, highlight=False)
    _say_rendered(file, out, result, len(document))


def _signing_date(text: str | None) -> _dt.date | None:
    """render --date, or exit when it is not a date."""
    if text is None:
        return None
    from nianbao.check.dates import parse_date

    day = parse_date(text.strip())
    if day is None:
        raise fail(words.RENDER_BAD_DATE.format(text=text))
    return day


def _signed_on_line(report: Report, parts: Parts) -> str:
    """Which date the 落款 carries and where it came from (a summary's is the day it was merged)."""
    from nianbao.form.sheets import LEVEL_SUMMARY
    from nianbao.publish.render import date_text, signed_on

    day = signed_on(report, parts.date)
    if day is None:
        return words.SIGNED_ON_NONE
    text = date_text(day)
    if parts.date is not None:
        return words.SIGNED_ON_GIVEN.format(date=text)
    return (words.SIGNED_ON_SUMMARY if report.level == LEVEL_SUMMARY else words.SIGNED_ON_INFO).format(date=text)


def _render_or_exit(file: Path, fmt: str, result: FileResult, report: Report, *, force: bool, fonts: FontSet,
                    parts: Parts) -> bytes:
    """The document's bytes, or exit: refused for errors (listed, with how to force a draft), or no PDF."""
    from nianbao.publish.render import PdfUnavailable, RenderRefused, render_report

    try:
        return render_report(report, fmt, findings=result.findings, force=force, fonts=fonts, parts=parts)
    except RenderRefused as refused:
        _print_findings(f"{file}（{result.office or words.OFFICE_UNKNOWN}）", list(refused.errors))
        err_console.print(words.NOT_RENDERED_ERRORS.format(n_errors=len(refused.errors)))
        raise typer.Exit(EXIT_FINDINGS) from None
    except PdfUnavailable as exc:
        raise fail(exc.reason) from None


def _read_for_render(file: Path, out: Path) -> tuple[str, FileResult, Report]:
    """The output's format and the input read (a workbook checked, a published report imported), or exit."""
    from nianbao.check.checkfile import check_file
    from nianbao.publish.importer import PUBLISHED_SUFFIXES, import_file  # python-docx: only for these commands

    fmt = _DOC_SUFFIX.get(out.suffix.lower())
    if fmt is None:
        raise fail(words.UNSUPPORTED_OUTPUT_FORMAT.format(suffix=out.suffix or out.name))
    if not file.exists():
        raise fail(words.FILE_NOT_FOUND.format(file=file))
    if out.exists() and (out.resolve() == file.resolve() or out.samefile(file)):
        raise fail(words.OUTPUT_IS_INPUT.format(out=out, suffix=out.suffix))
    result: FileResult = import_file(file) if file.suffix.lower() in PUBLISHED_SUFFIXES else check_file(file)
    if result.report is None:
        _print_findings(str(file), result.findings)
        raise fail(words.CANNOT_READ_NOT_RENDERED.format(file=file))
    return fmt, result, result.report


def _say_rendered(file: Path, out: Path, result: FileResult, document: int = 0) -> NoReturn:
    """What a clerk is told after the document is written, and the exit code; ``document``: how many things
    the document itself leaves to do (a draft, an empty part), which ``check`` of the workbook, judging its
    figures, does not name (a summary's narrative is written after the merge)."""
    from nianbao.form.findings import Severity

    errors = sum(f.is_error for f in result.findings)
    if errors:
        console.print(styled(words.RENDERED_WITH_ERRORS.format(out=out, errors=errors), "yellow"))
        raise typer.Exit(EXIT_FINDINGS)
    # what check would warn about (a fee that looks like 元, text in a count cell…): the document prints
    # these figures as they are, so the clerk is told before publishing it
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    if warnings:
        _print_findings(words.DATA_TO_VERIFY.format(file=file), warnings)
        console.print(styled(words.RENDERED_WITH_WARNINGS.format(out=out, n_warnings=len(warnings)), "yellow"))
        raise typer.Exit(EXIT_OK)
    if document:
        console.print(styled(words.RENDERED_DOCUMENT_TODO.format(out=out, n=document), "yellow"))
        raise typer.Exit(EXIT_OK)
    console.print(words.RENDERED.format(out=out), markup=False, highlight=False)
    raise typer.Exit(EXIT_OK)


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., metavar=words.FILE, help=words.IMPORT_FILES_HELP),
    out_dir: Path = typer.Option(..., "-o", "--output", help=words.IMPORT_OUT_HELP),
    year: int | None = typer.Option(None, "--year", help=words.IMPORT_YEAR_HELP),
    office: str | None = typer.Option(None, "--office", help=words.IMPORT_OFFICE_HELP),
    as_json: bool = typer.Option(False, "--json", help=words.JSON_RESULTS_HELP),
    force: bool = typer.Option(False, "--force", help=words.IMPORT_FORCE_HELP),
) -> None:
    """导入已发布的年报，生成对应格式版本的工作簿，并列出校验发现的问题。"""
    from nianbao.files import OutputExists
    from nianbao.publish.importer import import_to_workbooks, published_files, skipped_files

    if not any(f.exists() for f in files):
        raise fail(words.NO_SUCH_FILES_TO_IMPORT + "、".join(str(f) for f in files))
    found = published_files(files)
    if not as_json:  # every file of a folder gets a line: those not of a report's type say they were skipped
        for path, reason in skipped_files(files):
            console.print(words.IMPORT_SKIPPED_LINE.format(path=path, reason=reason), markup=False,
                          highlight=False, soft_wrap=True)
    if not found:
        raise fail(words.NO_REPORTS_IN_FOLDER + "、".join(str(f) for f in files))
    try:
        done = import_to_workbooks(found, out_dir, year=year, office=office, force=force)
    except OutputExists as exc:
        raise fail(words.OUTPUT_EXISTS_USE_FORCE.format(exc=exc)) from None
    except OSError as exc:
        raise fail(words.CANNOT_WRITE_OUT_DIR.format(out_dir=out_dir, exc=plain_reason(exc))) from None
    has_errors = any(d.result.errors for d in done)
    if as_json:  # the files of a folder not imported are rows too, so that every file is accounted for
        rows = [d.to_dict() for d in done] + [_skipped_row(path, reason) for path, reason in skipped_files(files)]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_FINDINGS if has_errors else EXIT_OK)
    if len(done) > 1:
        _print_lines(done, out_dir)  # a folder or several files: one line per report
    else:
        _print_one(done[0])
    raise typer.Exit(EXIT_FINDINGS if has_errors else EXIT_OK)


def _skipped_row(path: Path, reason: str) -> dict[str, object]:
    """A file of a folder that was not imported, in the shape of an imported one's row, with its reason."""
    return {"path": str(path), "office": "", "year": None, "format": "", "variant": "", "kind": "", "status": words.SKIPPED,
            "errors": 0, "warnings": 0, "findings": [], "source": "", "output": None, "reason": reason}


def _summary_line(r: FileResult) -> str:
    what = f"{r.office or words.OFFICE_UNKNOWN}，{r.year or words.YEAR_UNKNOWN}"
    if r.report is not None:
        what += f"，{r.report.layout.name}"
    return words.IMPORTED_REPORT_LINE.format(path=r.path, what=what, status=r.status, errors=r.errors, warnings=r.warnings)


def _print_one(d: Imported) -> None:
    console.print(_summary_line(d.result), markup=False, highlight=False)
    if d.output:
        console.print(words.WROTE_INDENTED.format(output=d.output), markup=False, highlight=False)
    _print_findings(d.result.path, d.result.findings)


def _print_lines(done: list[Imported], out_dir: Path) -> None:
    for d in done:
        line = _summary_line(d.result)
        shown = words.REPORT_LINE_WRITTEN.format(line=line, output=d.output) if d.output else words.REPORT_LINE_NOT_WRITTEN.format(line=line, first_error=_first_error(d.result))
        console.print(shown, markup=False, highlight=False, soft_wrap=True)  # one line, however long
    written = sum(1 for d in done if d.output)
    console.print(words.IMPORT_TOTALS.format(n_done=len(done), written=written, out_dir=out_dir), markup=False, highlight=False, soft_wrap=True)


def _first_error(result: FileResult) -> str:
    return next((f.message for f in result.findings if f.is_error), result.status)
