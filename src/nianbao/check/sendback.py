"""What ``check --annotate`` gives the county: for each file with problems a marked copy and a
退回修改通知 (which file, each problem at its cell, how to fix it, whom to call), and one 退回修改名单
saying which offices to send back.

Copies keep the folders the files were found in (``乡镇/城关镇/年报.xlsx`` gets
``乡镇/城关镇/年报（问题标注）.xlsx``), so two files of the same name never collide. Files without a
problem get no copy unless asked (``all_files``): a copy saying 没有发现问题 is nothing to send back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from nianbao.check.annotate import Annotated, annotate_file, free_name
from nianbao.check.checkfile import CheckRun
from nianbao.files import write_text_atomic
from nianbao.form.findings import SEVERITY_ZH, Finding, Severity
from nianbao.form.result import STATUS_ERROR, STATUS_UNREADABLE, FileResult

__all__ = ["LIST_NAME", "Returned", "SendBack", "annotate_run", "notice_name", "notice_text"]

LIST_NAME = "退回修改名单.txt"
NO_CONTACT = "如有疑问，请与县政府信息公开工作机构联系。"
_EOL = "\r\n"  # the clerks' Notepad and WPS


@dataclass(frozen=True)
class Returned:
    """One file's outcome: its result, its marked copy (or why none), its notice ('' when none)."""

    result: FileResult
    annotated: Annotated | None
    notice: str = ""

    @property
    def send_back(self) -> bool:
        """Must go back to the office: errors, or the file could not be read."""
        return self.result.status in (STATUS_ERROR, STATUS_UNREADABLE)

    @property
    def to_check(self) -> bool:
        """Warnings only: the office should check, need not resend."""
        return not self.send_back and self.result.warnings > 0


@dataclass
class SendBack:
    """Everything ``annotate_run`` wrote: one ``Returned`` per file checked, and the list's path."""

    files: list[Returned] = field(default_factory=list)
    list_path: str = ""

    @property
    def lines(self) -> list[str]:
        """The 退回修改名单, line by line (as written, and as the terminal shows it)."""
        return list_lines(self.files)


def has_problems(result: FileResult) -> bool:
    return result.report is None or result.errors > 0 or result.warnings > 0


def annotate_run(run: CheckRun, out_dir: Path, *, inputs: Sequence[Path] = (), all_files: bool = False,
                 contact: str = "") -> SendBack:
    """Marked copies and notices for ``run``'s files with problems (every file with ``all_files``) under
    ``out_dir``, in the folders they were found in below ``inputs``; and the 退回修改名单."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = SendBack()
    taken: dict[Path, set[str]] = {}  # per output folder: the names given
    for r in run.results:
        sub = subfolder(Path(r.path), inputs)
        annotated = None
        if all_files or has_problems(r):
            annotated = annotate_file(r, out_dir / sub, taken=taken.setdefault(sub, set()))
        notice = ""
        if has_problems(r):
            target = out_dir / sub / free_name(notice_name(r), taken.setdefault(sub, set()))
            write_text_atomic(target, _EOL.join(notice_text(r, annotated, contact=contact)) + _EOL)
            notice = str(target)
        done.files.append(Returned(r, annotated, notice))
    target = out_dir / LIST_NAME
    write_text_atomic(target, _EOL.join(list_lines(done.files, out_dir)) + _EOL)
    done.list_path = str(target)
    return done


def subfolder(path: Path, inputs: Sequence[Path]) -> Path:
    """The folders between the input folder a file was found in and the file ('' for a file named on the
    command line): where its copy goes below the output folder. Never leaves it (no '..', no anchor)."""
    best: Path | None = None
    for folder in (Path(p) for p in inputs):
        try:
            rel = path.relative_to(folder)
        except ValueError:
            continue
        if rel.parts and (best is None or len(rel.parts) < len(best.parts)):
            best = rel
    if best is None:
        return Path()
    return Path(*[x for x in best.parent.parts if x not in ("..", ".", best.anchor)])


def notice_name(result: FileResult) -> str:
    return f"{Path(result.path).stem}（退回修改通知）.txt"


def _where(f: Finding) -> str:
    if not f.sheet:
        return ""
    place = f"{f.sheet} {f.cell}" if f.cell else f"工作表“{f.sheet}”"
    labels = "｜".join(x for x in (f.row_label, f.col_label) if x)
    return f"{place}（{labels}）" if labels else place


def _problem_lines(findings: Sequence[Finding]) -> list[str]:
    out: list[str] = []
    for i, f in enumerate(findings, start=1):
        where = _where(f)
        out.append(f"{i}. {where + '：' if where and where not in f.message else ''}{f.message}（{f.code}）")
        out.append(f"   怎么改：{f.remedy}")
    return out


def notice_text(result: FileResult, annotated: Annotated | None, *, contact: str = "",
                today: date | None = None) -> list[str]:
    """The 退回修改通知 of one file, line by line, in Chinese."""
    name = Path(result.path).name
    office = result.office or f"报送《{name}》的单位"
    errors = [f for f in result.findings if f.is_error]
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    year = f"{result.year} 年度" if result.year else ""
    lines = ["政府信息公开工作年度报告 退回修改通知", "", f"{office}：", ""]
    if result.report is None:
        lines.append(f"你单位报送的文件《{name}》无法读取，请按下列意见处理后重新报送。")
    elif errors:
        lines.append(f"你单位报送的《{name}》（{year}年报）经检查有 {len(errors)} 处错误"
                     + (f"、{len(warnings)} 处需要核对" if warnings else "") + "，请改正后重新报送。")
    else:
        lines.append(f"你单位报送的《{name}》（{year}年报）经检查没有错误，有 {len(warnings)} 处需要核对；"
                     "请逐项核对，确实需要改动的，改正后重新报送。")
    if annotated is not None and annotated.output:
        lines.append(f"随附标注了问题的副本《{Path(annotated.output).name}》：有问题的单元格已标红（错误）或标橙（警告），"
                     "鼠标移到单元格上可以看到说明，第一张工作表“问题清单”列出了全部问题。")
    sections = ((f"一、须改正的{SEVERITY_ZH[Severity.ERROR]}", errors), ("二、请核对的地方", warnings))
    for title, items in sections:
        if items:
            lines += ["", title, *_problem_lines(items)]
    lines += ["", "改好后请用县里下发的模板（或原工作簿）保存为 .xlsx 重新报送，不要改动表格结构。",
              f"联系人：{contact}" if contact else NO_CONTACT, "",
              f"（本通知由 nianbao 校验生成，{(today or date.today()).isoformat()}）"]
    return lines


def list_lines(files: Sequence[Returned], out_dir: Path | None = None) -> list[str]:
    """The 退回修改名单: the offices to send back, those to check, and how many had no problem."""
    back = [f for f in files if f.send_back]
    check = [f for f in files if f.to_check]
    lines = [f"退回修改名单（共检查 {len(files)} 个文件）", ""]
    lines.append(f"须退回修改（有错误或无法读取）：{len(back)} 个")
    lines += _list_rows(back, out_dir)
    lines += ["", f"请核对（只有警告，不必退回）：{len(check)} 个"]
    lines += _list_rows(check, out_dir)
    clean = len(files) - len(back) - len(check)
    lines += ["", f"没有发现问题：{clean} 个"]
    return lines


def _list_rows(files: Sequence[Returned], out_dir: Path | None) -> list[str]:
    rows = []
    for i, f in enumerate(files, start=1):
        r = f.result
        what = "无法读取" if r.report is None else f"错误 {r.errors} 处，警告 {r.warnings} 处"
        notice = f.notice
        if notice and out_dir is not None:
            notice = str(Path(notice).relative_to(out_dir))
        rows.append(f"{i}. {r.office or '单位名称未知'}　{r.path}　{what}" + (f"　通知：{notice}" if notice else ""))
    return rows
