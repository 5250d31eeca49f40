"""nianbao's own marked-up copies (``check --annotate``), told by their content: never counted as a report.

An annotated copy holds the office's figures unchanged, so a merge (or the inbox) that read it as a report
would count the office twice, or let the copy, written later, replace the office's corrected return. It is
told by what ``check.annotate`` writes, not by its name: the 问题清单 sheet first in the workbook, and the
package written by openpyxl (``docProps/app.xml``). A copy the office opened, corrected and saved again
in a spreadsheet program (WPS, Excel, LibreOffice write their own name there) is the office's report.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from nianbao.form.sheets import ISSUES_SHEET
from nianbao.read.safety import Inspection

__all__ = ["is_marked_copy", "is_marked_inspected"]

_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")
_WRITER = re.compile(rb"<(?:\w+:)?Application>[^<]*openpyxl", re.IGNORECASE)
_MOST = 1 << 20  # bytes read of a member: workbook.xml and app.xml are small


def is_marked_copy(source: str | Path | bytes, name: str = "") -> bool:
    """Whether ``source`` (a path, or a file's bytes named ``name``) is a copy ``check --annotate`` wrote
    and no spreadsheet program has saved since. Never raises: anything else is not one."""
    suffix = Path(name if isinstance(source, bytes) else source).suffix.lower()
    if suffix not in _SUFFIXES:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            book = _member(z, "xl/workbook.xml")
            app = _member(z, "docProps/app.xml")
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError, EOFError, NotImplementedError):
        return False
    first = _FIRST_SHEET.search(book)
    return first is not None and first.group(1).decode("utf-8", "replace") == ISSUES_SHEET and bool(_WRITER.search(app))


def is_marked_inspected(data: bytes, name: str, ins: Inspection) -> bool:
    """``is_marked_copy(data, name)`` for bytes the byte check has inspected (``ins``): the workbook part it
    inflated already, the zip not opened again, ``docProps/app.xml`` inflated only when the first sheet is
    问题清单 (a file the byte check did not take for an .xlsx: as ``is_marked_copy``)."""
    if Path(name).suffix.lower() not in _SUFFIXES:
        return False
    if ins.kind != "xlsx":
        return is_marked_copy(data, name)
    first = _FIRST_SHEET.search(ins.parts.get("xl/workbook.xml", b"")[:_MOST])
    if first is None or first.group(1).decode("utf-8", "replace") != ISSUES_SHEET:
        return False
    try:
        return bool(_WRITER.search(ins.member("docProps/app.xml")[:_MOST]))
    except KeyError:
        return False


def _member(z: zipfile.ZipFile, name: str) -> bytes:
    with z.open(name) as f:
        return f.read(_MOST)
