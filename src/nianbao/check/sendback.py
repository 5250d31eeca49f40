"""What ``check --annotate`` gives the county: for each file with problems a marked copy; for each office
with problems one 退回修改通知 (which files, each problem at its cell, how to fix it, whom to call); and one
退回修改名单 saying which offices to send back. The web page's notice of an office is the same text
(``office_notice``).

Copies keep the folders the files were found in (``乡镇/城关镇/年报.xlsx`` gets
``乡镇/城关镇/年报（问题标注）.xlsx``), so two files of the same name never collide. Files without a
problem get no copy unless asked (``all_files``): a copy saying 没有发现问题 is nothing to send back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nianbao.check.annotate import Annotated, annotate_file, free_name
from nianbao.check.checkfile import CheckRun
from nianbao.files import write_text_atomic
from nianbao.form.finding_tags import NOT_SPREADSHEET, OFFICE_FILE_NAME, UNFILLED, Tag
from nianbao.form.findings import CATALOGUE, SEVERITY_ZH, Severity
from nianbao.form.result import STATUS_ERROR, STATUS_UNREADABLE, FileResult
from nianbao.read.paths import shown
from nianbao.read.roster import normalise_name
from nianbao.template import safe_filename
from nianbao.wording import check as words

__all__ = ["LIST_NAME", "NoticeFile", "Returned", "SendBack", "annotate_run", "notice_file", "notice_name",
           "notice_text", "office_groups", "office_notice"]

ERROR, WARNING = str(Severity.ERROR), str(Severity.WARNING)

LIST_NAME = words.SENDBACK_LIST_FILENAME
NO_CONTACT = words.NO_CONTACT
_EOL = "\r\n"  # the clerks' Notepad and WPS


@dataclass(frozen=True)
class Returned:
    """One file's outcome: its result, its marked copy (or why none), its notice ('' when none)."""

    result: FileResult
    annotated: Annotated | None
    notice: str = ""

    @property
    def send_back(self) -> bool:
        """Must go back to the office: errors, the file could not be read, or it is the blank template
        (a warning in itself, but nothing was reported: the office must send its report). Not a .zip of
        reports: the county unzips it (``for_county``)."""
        return not self.for_county and (self.result.status in (STATUS_ERROR, STATUS_UNREADABLE)
                                        or any(f.has(Tag.SENT_BACK) for f in self.result.findings))

    @property
    def for_county(self) -> bool:
        """A .zip (of the offices' files, most likely): the county unzips it and checks what is inside; no
        office is sent anything of it."""
        return is_archive(self.result)

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


def is_archive(result: FileResult) -> bool:
    """Whether the file is a .zip (FILE-NOT-SPREADSHEET, said as a 压缩包 to unzip first)."""
    return any(f.code == NOT_SPREADSHEET and f.param("kind") == "zip" for f in result.findings)


def _to_office(result: FileResult) -> bool:
    """Whether an office is sent a notice (and a marked copy) of the file: it has problems, and is not a .zip."""
    return has_problems(result) and not is_archive(result)


def annotate_run(run: CheckRun, out_dir: Path, *, inputs: Sequence[Path] = (), all_files: bool = False,
                 contact: str = "") -> SendBack:
    """Marked copies for ``run``'s files with problems (every file with ``all_files``) under ``out_dir``, in
    the folders they were found in below ``inputs``; one notice per office with problems (in the folder of
    its first file); and the 退回修改名单."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: dict[Path, set[str]] = {}  # per output folder: the names given
    marked: dict[str, Annotated | None] = {}
    for r in run.results:
        sub = subfolder(Path(r.path), inputs)
        marked[r.path] = (annotate_file(r, out_dir / sub, taken=taken.setdefault(sub, set()))
                          if (all_files or has_problems(r)) and not is_archive(r) else None)
    notices: dict[str, str] = {}
    for group in office_groups([r for r in run.results if _to_office(r)]):
        sub = subfolder(Path(group[0].path), inputs)
        target = out_dir / sub / free_name(notice_name(group), taken.setdefault(sub, set()))
        lines = office_notice(sender(group[0]), [notice_file(r, marked[r.path]) for r in group], contact=contact)
        write_text_atomic(target, _EOL.join(lines) + _EOL)
        notices.update({r.path: str(target) for r in group})
    done = SendBack([Returned(r, marked[r.path], notices.get(r.path, "")) for r in run.results])
    target = out_dir / LIST_NAME
    write_text_atomic(target, _EOL.join(list_lines(done.files, out_dir)) + _EOL)
    done.list_path = str(target)
    return done


def sender(result: FileResult) -> str:
    """The office a file's notice is addressed to: its 单位名称; '' (the sender of the file, whoever it is)
    when it names none, or when its file name names another office (INFO-OFFICE-FILE-NAME: copied from that
    office's file, most likely, by the office the file name names; the office it names never sent it)."""
    return "" if any(f.code == OFFICE_FILE_NAME for f in result.findings) else result.office


def office_groups(results: Sequence[FileResult]) -> list[list[FileResult]]:
    """The results by office (its 所属县 and name, as the files give them: ``sender``), in the order first
    met; a file that names no office (unreadable, or 单位名称 left blank), or whose file name names another,
    is a group of its own."""
    groups: dict[tuple[str, ...], list[FileResult]] = {}
    for r in results:
        county = str(r.report.info.get("county", "")) if r.report is not None else ""
        office = sender(r)
        key = ("office", normalise_name(county), normalise_name(office)) if office else ("file", r.path)
        groups.setdefault(key, []).append(r)
    return list(groups.values())


def subfolder(path: Path, inputs: Sequence[Path]) -> Path:
    """The folders between the input folder a file was found in and the file ('' for a file named on the
    command line): where its copy goes below the output folder. Never leaves it (no '..', no anchor)."""
    best: tuple[Path, Path] | None = None
    for folder in (Path(p) for p in inputs):
        try:
            rel = path.relative_to(folder)
        except ValueError:
            continue
        if rel.parts and (best is None or len(rel.parts) < len(best[1].parts)):
            best = folder, rel
    if best is None:
        return Path()
    folder, rel = best
    parts = [x for x in rel.parent.parts if x not in ("..", ".", rel.anchor)]
    return Path(*_named(folder, inputs), *parts)


def _named(folder: Path, inputs: Sequence[Path]) -> list[str]:
    """With several input folders, the copies of each go into a folder named after it (lo/xls, lo/ods ->
    xls, ods; two of one name: xls, xls-2), not all into one where only "-2" tells them apart."""
    folders = list(dict.fromkeys(Path(p) for p in inputs if Path(p).is_dir()))
    if len(folders) < 2 or folder not in folders:
        return []
    taken: set[str] = set()
    for other in folders:
        name = safe_filename(other.resolve().name) or words.INPUT_FOLDER
        free = name if name not in taken else next(f"{name}-{n}" for n in range(2, len(folders) + 2)
                                                     if f"{name}-{n}" not in taken)
        taken.add(free)
        if other == folder:
            return [free]
    return []


def notice_name(group: Sequence[FileResult]) -> str:
    """An office's notice is named by the office; a file's that names none, by the file."""
    office = safe_filename(sender(group[0])) if sender(group[0]) else ""
    return words.NOTICE_FILENAME.format(name=office or Path(group[0].path).stem)


@dataclass(frozen=True)
class NoticeFile:
    """One file of an office's notice: its name, its findings (as ``Finding.to_dict`` gives them, with the
    remedy), its year, whether it could be read, and the name of its marked copy ('' when none)."""

    name: str
    findings: Sequence[Mapping[str, Any]]
    year: int | None = None
    unreadable: bool = False
    marked: str = ""

    def of(self, severity: str) -> list[Mapping[str, Any]]:
        return [f for f in self.findings if str(f.get("severity", "")) == severity]


def notice_file(result: FileResult, annotated: Annotated | None = None) -> NoticeFile:
    """A checked file as its office's notice lists it."""
    return NoticeFile(Path(result.path).name, [{**f.to_dict(), "remedy": f.remedy} for f in result.findings],
                      result.year, result.report is None,
                      Path(annotated.output).name if annotated is not None and annotated.output else "")


def _where(f: Mapping[str, Any]) -> str:
    sheet, cell = f.get("sheet") or "", f.get("cell") or ""
    if not sheet:
        return ""
    place = f"{sheet} {cell}" if cell else words.WHOLE_SHEET.format(sheet=sheet)
    labels = "｜".join(x for x in (f.get("row_label") or "", f.get("col_label") or "") if x)
    return f"{place}（{labels}）" if labels else place


def _problem_lines(findings: Sequence[Mapping[str, Any]], indent: str = "") -> list[str]:
    out: list[str] = []
    for i, f in enumerate(findings, start=1):
        where, message = _where(f), str(f.get("message", ""))
        code = f"（{f['code']}）" if f.get("code") else ""
        out.append(f"{indent}{i}. {where + '：' if where and where not in message else ''}{message}{code}")
        if f.get("remedy"):
            out.append(words.REMEDY_LINE.format(indent=indent, remedy=f["remedy"]))
    return out


def _verdict_line(file: NoticeFile) -> str:
    """What was found in one file, as a sentence to the office."""
    errors, warnings = file.of(ERROR), file.of(WARNING)
    year = words.OF_YEAR.format(year=file.year) if file.year else ""
    if file.unreadable:
        return words.VERDICT_UNREADABLE.format(name=file.name)
    if any(f.get("code") == UNFILLED for f in file.findings):
        return words.VERDICT_BLANK_TEMPLATE.format(name=file.name, year=year)
    if errors:
        also = words.AND_WARNINGS.format(warnings=len(warnings)) if warnings else ""
        return words.VERDICT_ERRORS.format(name=file.name, year=year, errors=len(errors), also=also)
    if not warnings:  # sent back for the county's own note alone (the note follows)
        return words.VERDICT_NOTHING_FOUND.format(name=file.name, year=year)
    return words.VERDICT_WARNINGS.format(name=file.name, year=year, warnings=len(warnings))


def _file_lines(file: NoticeFile, indent: str) -> list[str]:
    lines = []
    if file.marked:
        lines.append(words.MARKED_COPY_ENCLOSED.format(indent=indent, marked=file.marked))
    sections = ((words.TO_CORRECT.format(severity=SEVERITY_ZH[Severity.ERROR]), file.of(ERROR)),
                (words.TO_VERIFY, file.of(WARNING)))
    for number, (title, items) in zip(words.SECTION_NUMBERS, (x for x in sections if x[1]), strict=False):
        lines += ["", f"{indent}{number}、{title}", *_problem_lines(items, indent)]
    return lines


def office_notice(office: str, files: Sequence[NoticeFile], *, contact: str = "", note: str = "", deadline: str = "",
                  today: date | None = None) -> list[str]:
    """The 退回修改通知 of one office, line by line, in Chinese: each of its files with problems, each problem
    at its cell with how to fix it, the county's note and deadline, whom to call."""
    addressee = office or (words.SENDER_OF_FILE.format(name=files[0].name) if files else words.SENDER)
    lines = [words.NOTICE_TITLE, "", f"{addressee}：", ""]
    if len(files) == 1:
        lines.append(words.YOUR_FILE.format(verdict=_verdict_line(files[0])))
        lines += _file_lines(files[0], "")
    else:
        lines.append(words.YOUR_FILES.format(n_files=len(files)))
        for i, file in enumerate(files, start=1):
            lines += ["", words.FILE_NUMBERED.format(number=i, verdict=_verdict_line(file)), *_file_lines(file, "  ")]
    if note:
        lines += ["", words.COUNTY_NOTE.format(note=note)]
    lines += ["", words.RESEND_AS_XLSX]
    if deadline:
        lines.append(words.RESEND_BY.format(deadline=deadline))
    lines += [words.CONTACT.format(contact=contact) if contact else NO_CONTACT, "",
              words.NOTICE_MADE_BY.format(date=(today or date.today()).isoformat())]
    return lines


def notice_text(result: FileResult, annotated: Annotated | None, *, contact: str = "",
                today: date | None = None) -> list[str]:
    """The 退回修改通知 of one file alone, line by line."""
    return office_notice(sender(result), [notice_file(result, annotated)], contact=contact, today=today)


def list_lines(files: Sequence[Returned], out_dir: Path | None = None) -> list[str]:
    """The 退回修改名单: the offices to send back (with their files), those to check, how many had no problem."""
    by_path = {f.result.path: f for f in files}
    # grouped with the office's files that have no problem too: a corrected file sent again shows beside it
    groups = [[by_path[r.path] for r in g] for g in office_groups([f.result for f in files])]
    back = [g for g in groups if any(f.send_back for f in g)]
    check = [g for g in groups if not any(f.send_back for f in g) and any(f.to_check for f in g)]
    lines = [words.LIST_TITLE.format(n_files=len(files)), ""]
    lines.append(words.OFFICES_TO_SEND_BACK.format(n_offices=len(back)))
    lines += _list_rows(back, out_dir)
    lines += ["", words.OFFICES_TO_CHECK.format(n_offices=len(check))]
    lines += _list_rows(check, out_dir)
    lines += _county_rows([f for f in files if f.for_county])
    clean = sum(not (f.send_back or f.to_check or f.for_county) for f in files)
    lines += ["", words.FILES_WITHOUT_PROBLEMS.format(n_files=clean)]
    return [shown(x) for x in lines]  # a GBK file name from an old zip: writable, never a UnicodeEncodeError


def _county_rows(county: Sequence[Returned]) -> list[str]:
    """The list's part of what the county does itself first (a .zip to unzip): never an office's to-do."""
    if not county:
        return []
    return ["", words.FILES_FOR_COUNTY.format(n_files=len(county)),
            *(words.FILE_FOR_COUNTY.format(number=i, path=f.result.path) for i, f in enumerate(county, start=1))]


def _file_state(f: Returned, latest: int | None = None) -> str:
    """What the list says of a file; ``latest``: the latest 报告年度 among the office's files (a clean file of
    another year is not a corrected resend: it is last year's report, or a file sent by mistake)."""
    r = f.result
    if r.report is None:
        return _unreadable_state(r)
    if any(x.code == UNFILLED for x in r.findings):
        return words.STATE_BLANK_TEMPLATE
    if not has_problems(r):
        year = r.report.year
        if latest is not None and year is not None and year != latest:
            return words.STATE_OTHER_YEAR.format(year=year, latest=latest)
        return words.STATE_NO_PROBLEM
    return words.STATE_COUNTS.format(errors=r.errors, warnings=r.warnings)


def _unreadable_state(r: FileResult) -> str:
    """A file that could not be read (its path is said before it): why (the title of its first error) and
    what the county does with it."""
    why = next((CATALOGUE[f.code].title for f in r.findings if f.is_error and f.code in CATALOGUE), "")
    return words.STATE_UNREADABLE_BECAUSE.format(why=why) if why else words.STATE_UNREADABLE


_NAME_TAIL = re.compile(words.FILENAME_AFTER_OFFICE)


def _office_of(r: FileResult) -> str:
    """The office as the file names it; for a file that names none, what its file name suggests."""
    named = next((f.param("named") for f in r.findings if f.code == OFFICE_FILE_NAME), "")
    if named:
        return words.OFFICE_NAMED_OTHERWISE.format(named=named, office=r.office)
    if r.office:
        return r.office
    guess = _NAME_TAIL.sub("", Path(r.path).stem)
    return words.OFFICE_FROM_FILENAME.format(guess=guess) if guess else words.OFFICE_UNKNOWN


def _list_rows(groups: Sequence[Sequence[Returned]], out_dir: Path | None) -> list[str]:
    rows = []
    for i, group in enumerate(groups, start=1):
        years = [f.result.report.year for f in group if f.result.report is not None and f.result.report.year]
        parts = [f"{f.result.path}（{_file_state(f, max(years, default=None))}）" for f in group]
        notice = next((f.notice for f in group if f.notice), "")
        if notice and out_dir is not None:
            notice = str(Path(notice).relative_to(out_dir))
        rows.append(f"{i}. {_office_of(group[0].result)}　{'；'.join(parts)}"
                    + (words.NOTICE_AT.format(notice=notice) if notice else ""))
    return rows
