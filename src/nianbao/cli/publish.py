"""``nianbao render`` (the published report document) and ``nianbao import`` (published reports in)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from nianbao.cli.app import EXIT_FINDINGS, EXIT_OK, app, console, err_console, fail, findings_table, styled
from nianbao.files import plain_reason

if TYPE_CHECKING:  # the library is imported when a command runs, so that --help starts fast
    from nianbao.form.findings import Finding
    from nianbao.form.model import Report
    from nianbao.form.result import FileResult
    from nianbao.publish.importer import Imported
    from nianbao.publish.render import FontSet, Parts

_DOC_SUFFIX = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
_PUBLISHED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}


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
        raise fail(str(exc) if isinstance(exc, RosterError) else f"无法读取单位名单 {path}：{exc}") from None


@app.command("render")
def render_command(
    file: Path = typer.Argument(..., metavar="工作簿", help="填好的年报工作簿（或汇总表）；也可以是已发布报告的 .txt/.html/.md/.docx/.pdf"),
    out: Path = typer.Option(..., "-o", "--output", help="输出文件：.docx、.pdf（需安装 LibreOffice）、.md 或 .html"),
    force: bool = typer.Option(False, "--force", help="数据有错误时仍然生成（文档中会带醒目的提示）"),
    common_fonts: bool = typer.Option(False, "--common-fonts",
                                      help="Word 文档改用 Windows 自带的宋体（标题加粗）、仿宋、楷体，"
                                           "代替方正小标宋简体、仿宋_GB2312、楷体_GB2312"),
    opening: bool = typer.Option(False, "--opening", help="加上开头一段（依据《条例》编制、六部分、统计期限、咨询单位和电话）"),
    signature: bool = typer.Option(False, "--signature", help="加上落款（单位名称和“基本信息”中的填报日期）"),
    government: bool = typer.Option(False, "--government",
                                    help="汇总表作为本级政府的报告发布（标题为“××县人民政府…”，不列汇总的单位）"),
    roster: Path | None = typer.Option(None, "--roster", help="单位名单（.xlsx/.csv）：汇总报告写明应报、已报和未报的单位"),
) -> None:
    """生成对外发布的年度报告文档（六个部分，三张官方表格；Word 文档按 GB/T 9704-2012 排版）。"""
    from nianbao.files import write_bytes_atomic
    from nianbao.publish.render import COMMON_FONTS, GB_FONTS, Parts, check_document

    fmt, result, report = _read_for_render(file, out)
    data = _render_or_exit(file, fmt, result, report, force=force,
                           fonts=COMMON_FONTS if common_fonts else GB_FONTS,
                           parts=Parts(opening, signature, government, _roster_names(roster)))
    try:
        write_bytes_atomic(out, data)
    except OSError as exc:
        raise fail(f"无法写入 {out}：{plain_reason(exc)}") from None
    _print_findings(f"{out}（生成的文档）", check_document(report, str(file)))
    _say_rendered(file, out, result)


def _render_or_exit(file: Path, fmt: str, result: FileResult, report: Report, *, force: bool, fonts: FontSet,
                    parts: Parts) -> bytes:
    """The document's bytes, or exit: refused for errors (listed, with how to force a draft), or no PDF."""
    from nianbao.publish.render import PdfUnavailable, RenderRefused, render_report

    try:
        return render_report(report, fmt, findings=result.findings, force=force, fonts=fonts, parts=parts)
    except RenderRefused as refused:
        _print_findings(f"{file}（{result.office or '单位名称未知'}）", list(refused.errors))
        err_console.print(f"[red]未生成：[/red]数据有 {len(refused.errors)} 处错误。请先改正；"
                          "如只需生成核对用的草稿，可加 --force（文档中会注明未通过校验）。")
        raise typer.Exit(EXIT_FINDINGS) from None
    except PdfUnavailable as exc:
        raise fail(exc.reason) from None


def _read_for_render(file: Path, out: Path) -> tuple[str, FileResult, Report]:
    """The output's format and the input read (a workbook checked, a published report imported), or exit."""
    from nianbao.check.checkfile import check_file
    from nianbao.publish.importer import import_file  # python-docx: only for these commands

    fmt = _DOC_SUFFIX.get(out.suffix.lower())
    if fmt is None:
        raise fail(f"不支持的输出格式“{out.suffix or out.name}”，请用 .docx、.pdf、.md 或 .html。")
    if not file.exists():
        raise fail(f"找不到文件：{file}")
    if out.exists() and (out.resolve() == file.resolve() or out.samefile(file)):
        raise fail(f"输出文件 {out} 就是输入文件，不能覆盖输入文件。请另给一个输出文件名，如：-o 发布稿{out.suffix}")
    result: FileResult = import_file(file) if file.suffix.lower() in _PUBLISHED_SUFFIXES else check_file(file)
    if result.report is None:
        _print_findings(str(file), result.findings)
        raise fail(f"无法读取 {file}，未生成报告。")
    return fmt, result, result.report


def _say_rendered(file: Path, out: Path, result: FileResult) -> NoReturn:
    """What a clerk is told after the document is written, and the exit code."""
    from nianbao.form.findings import Severity

    errors = sum(f.is_error for f in result.findings)
    if errors:
        console.print(styled(f"已生成 {out}（数据有 {errors} 处错误，文档中已注明未通过校验）", "yellow"))
        raise typer.Exit(EXIT_FINDINGS)
    # what check would warn about (a fee that looks like 元, text in a count cell…): the document prints
    # these figures as they are, so the clerk is told before publishing it
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    if warnings:
        _print_findings(f"{file}（数据中需要核对的地方）", warnings)
        console.print(styled(f"已生成 {out}（数据中有 {len(warnings)} 处需要核对，见上；发布前请核对）", "yellow"))
        raise typer.Exit(EXIT_OK)
    console.print(f"已生成 {out}", markup=False, highlight=False)
    raise typer.Exit(EXIT_OK)


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., metavar="文件", help="已发布的年报：网页正文 .txt、网页 .html、.md、Word .docx 或 PDF；也可以是文件夹（导入其中所有报告）"),
    out_dir: Path = typer.Option(..., "-o", "--output", help="输出文件夹：每个报告生成一个填好的工作簿"),
    year: int | None = typer.Option(None, "--year", help="报告年度（覆盖从标题或正文识别的年度）"),
    office: str | None = typer.Option(None, "--office", help="单位名称（覆盖从标题或正文识别的名称）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出结果（与库函数返回的内容一致）"),
    force: bool = typer.Option(False, "--force", help="覆盖输出文件夹中已存在的同名工作簿"),
) -> None:
    """导入已发布的年报，生成对应格式版本的工作簿，并列出校验发现的问题。"""
    from nianbao.files import OutputExists
    from nianbao.publish.importer import import_to_workbooks, published_files

    if not any(f.exists() for f in files):
        raise fail("找不到要导入的文件：" + "、".join(str(f) for f in files))
    found = published_files(files)
    if not found:
        raise fail("文件夹中没有可导入的报告（.txt、.html、.md、.docx 或 .pdf）：" + "、".join(str(f) for f in files))
    try:
        done = import_to_workbooks(found, out_dir, year=year, office=office, force=force)
    except OutputExists as exc:
        raise fail(f"输出文件已存在：{exc}。如要覆盖，请加 --force。") from None
    except OSError as exc:
        raise fail(f"无法写入输出文件夹 {out_dir}：{plain_reason(exc)}") from None
    has_errors = any(d.result.errors for d in done)
    if as_json:
        typer.echo(json.dumps([d.to_dict() for d in done], ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_FINDINGS if has_errors else EXIT_OK)
    if len(done) > 1:
        _print_lines(done, out_dir)  # a folder or several files: one line per report
    else:
        _print_one(done[0])
    raise typer.Exit(EXIT_FINDINGS if has_errors else EXIT_OK)


def _summary_line(r: FileResult) -> str:
    what = f"{r.office or '单位名称未知'}，{r.year or '年度未知'}"
    if r.report is not None:
        what += f"，{r.report.layout.name}"
    return f"{r.path}（{what}）：{r.status}，错误 {r.errors} 处，警告 {r.warnings} 处"


def _print_one(d: Imported) -> None:
    console.print(_summary_line(d.result), markup=False, highlight=False)
    if d.output:
        console.print(f"  已写入 {d.output}", markup=False, highlight=False)
    _print_findings(d.result.path, d.result.findings)


def _print_lines(done: list[Imported], out_dir: Path) -> None:
    for d in done:
        line = _summary_line(d.result)
        shown = f"{line}，已写入 {d.output}" if d.output else f"{line}，未生成工作簿（{_first_error(d.result)}）"
        console.print(shown, markup=False, highlight=False, soft_wrap=True)  # one line, however long
    written = sum(1 for d in done if d.output)
    console.print(f"共 {len(done)} 份报告，生成工作簿 {written} 个（{out_dir}）；各报告的问题可用 --json 查看，"
                  "或用 nianbao check 检查生成的工作簿。", markup=False, highlight=False, soft_wrap=True)


def _first_error(result: FileResult) -> str:
    return next((f.message for f in result.findings if f.is_error), result.status)
