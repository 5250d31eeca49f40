"""Hostile kinds from other programs and older formats, for tests/data/bad/ (make_bad.py calls ``other_kinds``):
an .xls whose sector chain loops, an Excel 5.0/95 (BIFF5) workbook, a SpreadsheetML 2003 XML saved as .xls,
a Word .doc renamed .xls, and a template whose merged cells were moved. Deterministic.

LibreOffice no longer writes BIFF5 (its "MS Excel 5.0/95" export fails) and its SpreadsheetML export
fails on a sheet of 16,384 columns, so both are written here as those programs write them: the filled
template's cells (values, as last computed), sheet by sheet."""

from __future__ import annotations

import io
import re
import struct
import warnings
from collections.abc import Iterator
from typing import Any

from make_bad import rewrite, sheet_parts


def _cells(xlsx: bytes) -> Iterator[tuple[str, bool, list[tuple[int, int, Any]]]]:
    """(sheet, hidden, [(row, col, value)]) of a workbook, 0-based, values as last computed."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(xlsx), data_only=True)
    for ws in wb.worksheets:
        cells = [(c.row - 1, c.column - 1, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        yield ws.title, ws.sheet_state != "visible", cells


# -- an OLE chain that loops ------------------------------------------------------------------------------
def chain_loop(xls: bytes) -> bytes:
    """The Workbook stream's sector chain pointed back at its own third sector, from its tenth."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(xls))
    start = next(e.isectStart for e in ole.direntries if e is not None and e.name == "Workbook")
    chain = [start]
    while len(chain) < 10:
        chain.append(ole.fat[chain[-1]])
    fat_sectors = struct.unpack_from("<109I", xls, 76)
    last = chain[-1]
    at = 512 + fat_sectors[last // 128] * 512 + (last % 128) * 4
    return xls[:at] + struct.pack("<I", chain[2]) + xls[at + 4:]


# -- Excel 5.0/95 (BIFF5) -----------------------------------------------------------------------------------
def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff5_sheet(cells: list[tuple[int, int, Any]]) -> bytes:
    out = _record(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0x0DBB, 0x07CC))  # BOF, worksheet
    rows = max((r for r, _c, _v in cells), default=0) + 1
    cols = max((c for _r, c, _v in cells), default=0) + 1
    out += _record(0x0200, struct.pack("<HHHHH", 0, rows, 0, cols, 0))  # DIMENSIONS
    for r, c, v in cells:
        if isinstance(v, bool) or not isinstance(v, int | float):
            text = str(v).encode("gbk", "replace")[:255]
            out += _record(0x0204, struct.pack("<HHHH", r, c, 15, len(text)) + text)  # LABEL, 8-bit (code page 936)
        else:
            out += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))  # NUMBER
    return out + _record(0x000A, b"")


def biff5(xlsx: bytes) -> bytes:
    """The workbook as Excel 5.0/95 saves it: a "Book" stream of BIFF5 records, Chinese in code page 936."""
    sheets = list(_cells(xlsx))
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 134, 0) + bytes([4]) + b"Arial"
    xf = struct.pack("<HHHHHH", 0, 0, 0x0001, 0x0020, 0, 0) + bytes(4)  # a cell XF: font 0, format General
    head = (_record(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0x0DBB, 0x07CC)) + _record(0x0042, struct.pack("<H", 936))
            + b"".join(_record(0x0031, font) for _ in range(5))
            + b"".join(_record(0x00E0, struct.pack("<HHHHHH", 0, 0, 0xFFF5, 0x0020, 0, 0) + bytes(4)) for _ in range(15))
            + _record(0x00E0, xf))
    names = [n.encode("gbk") for n, _h, _c in sheets]
    bounds_size = sum(4 + 7 + len(n) for n in names)
    globals_size = len(head) + bounds_size + 4  # + EOF
    bodies = [_biff5_sheet(cells) for _n, _h, cells in sheets]
    bounds, at = b"", globals_size
    for name, (_n, hidden, _c), body in zip(names, sheets, bodies, strict=True):
        bounds += _record(0x0085, struct.pack("<IH", at, 1 if hidden else 0) + bytes([len(name)]) + name)
        at += len(body)
    return _ole({"Book": head + bounds + _record(0x000A, b"") + b"".join(bodies)})


def _ole(streams: dict[str, bytes]) -> bytes:
    """A compound file (CFB version 3) holding ``streams`` (each padded to 4096 bytes: no mini stream)."""
    blobs = [(name, data + bytes(max(0, 4096 - len(data)))) for name, data in streams.items()]
    sectors: list[bytes] = []
    starts = []
    for _name, data in blobs:
        starts.append(len(sectors))
        padded = data + bytes(-len(data) % 512)
        sectors += [padded[i:i + 512] for i in range(0, len(padded), 512)]
    n_data = len(sectors)
    dir_sector = n_data
    n_fat = (n_data + 1 + 127) // 128 + 1
    fat = []
    for (_name, data), start in zip(blobs, starts, strict=True):
        count = (len(data) + 511) // 512
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFE]  # the directory
    fat += [0xFFFFFFFD] * n_fat  # the FAT's own sectors
    fat += [0xFFFFFFFF] * (n_fat * 128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HBBIII", len(raw), kind, 1, 0xFFFFFFFF, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<III", start, size, 0))

    n = len(blobs)
    dirs = entry("Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for i, ((name, data), start) in enumerate(zip(blobs, starts, strict=True)):
        dirs += entry(name, 2, 0xFFFFFFFF, i + 2 if i + 1 < n else 0xFFFFFFFF, start, len(data))
    dirs += (bytes(68) + b"\xff" * 12 + bytes(48)) * (-(n + 1) % 4)  # unused entries fill the sector
    fat_ids = list(range(n_data + 1, n_data + 1 + n_fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIII", 0, n_fat, dir_sector, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
              + struct.pack("<I", 0) + struct.pack("<109I", *(fat_ids + [0xFFFFFFFF] * (109 - n_fat))))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + b"".join(sectors) + dirs + fat_bytes


# -- SpreadsheetML 2003 ---------------------------------------------------------------------------------------
def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def spreadsheetml(xlsx: bytes) -> bytes:
    """The workbook as "XML 电子表格 2003" (Excel 2003, WPS, and the web systems that export "xls" so)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">']
    for name, hidden, cells in _cells(xlsx):
        out.append(f'<Worksheet ss:Name="{_xml(name)}"><Table>')
        rows: dict[int, list[tuple[int, Any]]] = {}
        for r, c, v in cells:
            rows.setdefault(r, []).append((c, v))
        for r in sorted(rows):
            out.append(f'<Row ss:Index="{r + 1}">')
            for c, v in sorted(rows[r], key=lambda x: x[0]):
                kind = "Number" if isinstance(v, int | float) and not isinstance(v, bool) else "String"
                out.append(f'<Cell ss:Index="{c + 1}"><Data ss:Type="{kind}">{_xml(str(v))}</Data></Cell>')
            out.append("</Row>")
        visible = '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>'
        out.append("</Table>" + (visible if hidden else "") + "</Worksheet>")
    out.append("</Workbook>\n")
    return "".join(out).encode()


# -- merged cells moved -----------------------------------------------------------------------------------------
def merges_moved(lo_xlsx: bytes) -> bytes:
    """表三's merged ranges each one row lower, their contents left where they were (as a program that
    rewrote the merges without the cells leaves them): a label under a merge, a figure under a header."""
    part = sheet_parts(lo_xlsx)["表三"]

    def lower(m: re.Match[bytes]) -> bytes:
        a, r1, b, r2 = m.groups()
        return b'<mergeCell ref="%s%d:%s%d"' % (a, int(r1) + 1, b, int(r2) + 1)

    return rewrite(lo_xlsx, {part: lambda x: re.sub(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', lower, x)})


def other_kinds(good: bytes, lo_xlsx: bytes, lo_xls: bytes, lo_doc: bytes) -> dict[str, bytes]:
    """Name -> bytes of the kinds from other programs and older formats."""
    return {
        "xls-chain-loop.xls": chain_loop(lo_xls),
        "xls-biff5-excel95.xls": biff5(good),
        "spreadsheetml-2003.xls": spreadsheetml(good),
        "doc-renamed.xls": lo_doc,
        "merged-moved.xlsx": merges_moved(lo_xlsx),
    }
