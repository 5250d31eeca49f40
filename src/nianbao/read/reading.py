"""What reading one file gives (``Reading``), and the first steps of reading it: its bytes, whether they are
a workbook at all, and the rows of nianbao's identity sheet. ``nianbao.read.reader`` reads the tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianbao.files import NotRegularFile, plain_reason, read_regular
from nianbao.form.finding_tags import NOT_SPREADSHEET
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.result import FileResult
from nianbao.form.sheets import CHECK_SHEET, GUIDE_SHEET, ID_WITH_ERRORS, INFO_SHEET, TEXT_SHEET
from nianbao.read.safety import MAX_FILE_BYTES, Inspection
from nianbao.read.values import parse_text
from nianbao.read.xmlcells import formula_cells
from nianbao.wording import files as file_words
from nianbao.wording import read as words

__all__ = ["NOT_IDENTITY", "Reading", "file_bytes", "id_list", "identity_rows", "not_report_reason", "refusal",
           "sized", "unreadable"]

_NOT_SPREADSHEET = {
    "docx": words.NOT_SPREADSHEET_DOCX,
    "pptx": words.NOT_SPREADSHEET_PPTX,
    "zip": words.NOT_SPREADSHEET_ZIP,
    "text": words.NOT_SPREADSHEET_TEXT,
    "pdf": words.NOT_SPREADSHEET_PDF,
    "unknown": words.NOT_SPREADSHEET_UNKNOWN,
    "xlsb": words.NOT_SPREADSHEET_XLSB,
    "fods": words.NOT_SPREADSHEET_FODS,
    "doc": words.NOT_SPREADSHEET_DOC,
    "ppt": words.NOT_SPREADSHEET_PPT,
}
#: identity rows whose value may go on over several cells
_ID_LISTS = frozenset({"included", ID_WITH_ERRORS})


# -- what reading gives --------------------------------------------------------------------------------------
@dataclass
class Reading:
    """What reading one file gave: its report (None when it could not be read), what reading found,
    and the facts about the file that the check layer needs to explain its own findings."""

    path: str
    report: Report | None
    findings: tuple[Finding, ...]
    kind: str  # template, outdated, summary, labels (recognised by its labels only), unreadable
    #: template address -> where the cell actually is, for cells not where the template has them
    moved: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    with_errors: tuple[str, ...] = ()  # a summary: offices whose reports had errors when summed
    text_inputs: frozenset[str] = frozenset()  # input keys whose cell held text: a spreadsheet's SUM skips them
    #: input key -> what the sheet shows for its number, where a number format shows it otherwise
    displayed: dict[str, str] = field(default_factory=dict)
    data: bytes = b""
    inspection: Inspection | None = None

    @property
    def file_kind(self) -> str:
        """xlsx, xls, ods... as the bytes say; '' when the file was not opened."""
        return self.inspection.kind if self.inspection is not None else ""

    def formula_cells(self, wanted: dict[str, set[str]]) -> dict[tuple[str, str], bool]:
        """For the wanted cells (sheet -> A1 addresses) of an .xlsx or .ods: whether each still holds a
        formula; {} for other files."""
        if self.inspection is None or self.inspection.kind not in ("xlsx", "ods"):
            return {}
        return formula_cells(self.data, self.inspection, wanted)

    def result(self, more: Sequence[Finding] = ()) -> FileResult:
        """The file's verdict, with the findings of reading and then ``more``."""
        extra: dict[str, Any] = {"moved": dict(self.moved)} if self.moved else {}
        if self.with_errors:
            extra["with_errors"] = self.with_errors
        return FileResult(path=self.path, report=self.report, findings=(*self.findings, *more), kind=self.kind,
                          extra=extra)


def unreadable(path: Path, code: str, **params: Any) -> Reading:
    f = make(code, file=str(path), name=path.name, **params)
    return Reading(path=str(path), report=None, findings=(f,), kind="unreadable")


# -- opening -------------------------------------------------------------------------------
def file_bytes(path: Path) -> bytes | Reading:
    """The bytes of the file, or why they cannot be read (too large, missing, not readable)."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)  # a FIFO or a device is refused, never waited on
    except NotRegularFile as exc:
        return unreadable(path, "FILE-MISSING", detail=exc.reason)
    except OSError as exc:
        return unreadable(path, "FILE-MISSING", detail=_os_reason(exc))
    if len(data) > MAX_FILE_BYTES:
        return unreadable(path, "FILE-UNSAFE", detail=words.FILE_TOO_LARGE.format(mb=MAX_FILE_BYTES // (1024 * 1024)))
    return data


def sized(path: Path, data: bytes) -> bytes | Reading:
    """Bytes given in memory, or why they are not read (too large)."""
    if len(data) > MAX_FILE_BYTES:
        return unreadable(path, "FILE-UNSAFE", detail=words.BYTES_TOO_LARGE.format(mb=len(data) // (1024 * 1024)))
    return data


def refusal(path: Path, ins: Inspection) -> Reading | None:
    """Why a file whose bytes are ``ins`` is not handed to calamine; None when it is a workbook."""
    if ins.kind == "empty":
        return unreadable(path, "FILE-EMPTY")
    if ins.kind == "encrypted":
        return unreadable(path, "FILE-ENCRYPTED")
    if ins.kind == "corrupt":
        return unreadable(path, "FILE-CORRUPT", detail=ins.detail)
    if ins.kind == "unsafe":
        return unreadable(path, "FILE-UNSAFE", detail=ins.detail)
    if ins.kind == "far":  # an .xls with a sheet calamine would allocate gigabytes for
        sheet, cell = ins.far_sheet()
        return unreadable(path, "FILE-FAR-CELL", sheet=sheet, cell=cell)
    if ins.kind == "old":  # a workbook of a format calamine does not read (Excel 95, Excel 2003 XML)
        return unreadable(path, "FILE-OLD-FORMAT", what=ins.detail)
    if ins.kind in _NOT_SPREADSHEET:
        return unreadable(path, NOT_SPREADSHEET, what=_NOT_SPREADSHEET[ins.kind], kind=ins.kind)
    return None


#: sheets of a template that are never the identity sheet (skipped when looking for it by content)
NOT_IDENTITY = frozenset({INFO_SHEET, TEXT_SHEET, GUIDE_SHEET, CHECK_SHEET})


def identity_rows(rows: list[list[Any]]) -> dict[str, str]:
    """The key/value rows of the identity sheet (a list, such as the offices included, one a line)."""
    out: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            key = row[0].strip()
            if key in _ID_LISTS:  # a long list goes on in the cells to the right
                out[key] = "\n".join(parse_text(x) for x in row[1:] if parse_text(x))
            else:
                out[key] = parse_text(row[1]).strip()
    return out


def id_list(identity: dict[str, str], key: str) -> tuple[str, ...]:
    """The lines of an identity list, without blanks."""
    return tuple(x.strip() for x in identity.get(key, "").splitlines() if x.strip())


def not_report_reason(sheets: list[str]) -> str:
    names = "、".join(f"“{s}”" for s in sheets[:6]) or words.NONE
    return words.NOT_A_REPORT.format(names=names)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return file_words.OS_REASONS_ENOENT
    if isinstance(exc, PermissionError):
        return file_words.OS_REASONS_EACCES
    if isinstance(exc, IsADirectoryError):
        return file_words.A_FOLDER
    return plain_reason(exc)
