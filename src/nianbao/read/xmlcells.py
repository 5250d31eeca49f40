"""What calamine does not say about cells, read from the sheet XML: which cells show an error value and
which still hold a formula (.xlsx and .ods)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

from nianbao.form.spec import to_a1
from nianbao.read.safety import Inspection
from nianbao.wording import read as words

__all__ = ["error_cells", "formula_cells", "formula_texts"]

_CELL_F = re.compile(r"\{[^}]*\}")


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def error_cells(data: bytes, ins: Inspection) -> dict[tuple[str, str], str]:
    """Cells showing an error value, by (sheet, A1): from the sheet XML of an .xlsx (``t="e"``) or the
    content of an .ods (``calcext:value-type="error"``). .xls files are not searched."""
    out: dict[tuple[str, str], str] = {}
    try:
        if ins.kind == "xlsx":
            _xlsx_error_cells(ins, out)
        elif ins.kind == "ods":
            _ods_error_cells(zipfile.ZipFile(io.BytesIO(data)), out)
    except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError, ValueError):
        return out  # what was found before the damage
    return out


def _xlsx_error_cells(ins: Inspection, out: dict[tuple[str, str], str]) -> None:
    """Into ``out``: the cells of an .xlsx whose type is an error (``t="e"``), sheet by sheet (each part as
    the byte check inflated it)."""
    for sheet, part in ins.sheet_parts.items():
        xml = ins.member(part)
        if b't="e"' not in xml:
            continue
        for _ev, el in ET.iterparse(io.BytesIO(xml)):
            tag = _CELL_F.sub("", el.tag)
            if tag == "c" and el.get("t") == "e":
                v = next((ch.text or "" for ch in el if _CELL_F.sub("", ch.tag) == "v"), "")
                out[(sheet, el.get("r", ""))] = v or words.ERROR_VALUE
            elif tag == "row":
                el.clear()


def _ods_error_cells(zf: zipfile.ZipFile, out: dict[tuple[str, str], str]) -> None:
    """Into ``out``: the cells of an .ods whose value type is an error (``calcext:value-type``)."""
    with zf.open("content.xml") as fh:
        if b'value-type="error"' not in fh.read():
            return
    for sheet, a1, el in _ods_cells(zf):
        if el.get(_ODS_CALCEXT + "value-type") == "error":
            out[(sheet, a1)] = "".join(el.itertext()).strip() or words.ERROR_VALUE


def _ods_cells(zf: zipfile.ZipFile) -> Iterator[tuple[str, str, ET.Element]]:
    """Every cell element of an .ods content.xml with its sheet and A1 address (repeats counted); each
    element is cleared after it is yielded."""
    sheet, row, col = "", 0, 0
    for ev, el in ET.iterparse(zf.open("content.xml"), events=("start", "end")):
        tag = el.tag
        if ev == "start":
            if tag == _ODS_TABLE + "table":
                sheet, row = el.get(_ODS_TABLE + "name", ""), 0
            elif tag == _ODS_TABLE + "table-row":
                col = 0
            continue
        if tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
            yield sheet, to_a1(row, col), el
            col += int(el.get(_ODS_TABLE + "number-columns-repeated", "1"))
            el.clear()
        elif tag == _ODS_TABLE + "table-row":
            row += int(el.get(_ODS_TABLE + "number-rows-repeated", "1"))
            el.clear()


def formula_cells(data: bytes, ins: Inspection, wanted: dict[str, set[str]]) -> dict[tuple[str, str], bool]:
    """For the wanted cells of an .xlsx or .ods: whether each still holds a formula (from the XML)."""
    return {key: formula is not None for key, formula in _wanted_formulas(data, ins, wanted)}


def formula_texts(data: bytes, ins: Inspection, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """For the wanted cells (sheet -> A1 addresses) of an .xlsx or .ods: the formula each holds, without
    its ``=`` (an .ods formula keeps its ``of:=`` prefix); cells without a formula are not in the answer."""
    return {key: formula for key, formula in _wanted_formulas(data, ins, wanted) if formula is not None}


def _wanted_formulas(data: bytes, ins: Inspection, wanted: dict[str, set[str]]
                     ) -> list[tuple[tuple[str, str], str | None]]:
    """Each wanted cell found in the XML of an .xlsx or .ods, with its formula (None: a value)."""
    out: list[tuple[tuple[str, str], str | None]] = []
    try:
        cells = _ods_wanted(zipfile.ZipFile(io.BytesIO(data)), wanted) if ins.kind == "ods" else _xlsx_wanted(ins, wanted)
        for key, formula in cells:
            out.append((key, formula))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError):
        return out  # what was found before the damage
    return out


def _ods_wanted(zf: zipfile.ZipFile, wanted: dict[str, set[str]]) -> Iterator[tuple[tuple[str, str], str | None]]:
    """The wanted cells of an .ods with their ``table:formula``."""
    for sheet, a1, el in _ods_cells(zf):
        if a1 in wanted.get(sheet, ()):
            yield (sheet, a1), el.get(_ODS_TABLE + "formula")


def _xlsx_wanted(ins: Inspection, wanted: dict[str, set[str]]) -> Iterator[tuple[tuple[str, str], str | None]]:
    """The wanted cells of an .xlsx with the text of their ``<f>`` element."""
    for sheet, cells in wanted.items():
        part = ins.sheet_parts.get(sheet)
        if part is None:
            continue
        for _ev, el in ET.iterparse(io.BytesIO(ins.member(part))):
            tag = _CELL_F.sub("", el.tag)
            if tag == "c" and el.get("r") in cells:
                f = next((ch for ch in el if _CELL_F.sub("", ch.tag) == "f"), None)
                yield (sheet, el.get("r", "")), None if f is None else f.text or ""
            if tag == "row":
                el.clear()
