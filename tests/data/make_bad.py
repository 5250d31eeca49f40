"""Make the bad-input workbooks under tests/data/bad/ (and helpers the reader tests share).

Run from the repository root:  python tests/data/make_bad.py
Every file is made from the project's own template writer, then damaged the way real files are; the
outputs are deterministic: two runs give identical bytes (what LibreOffice and msoffcrypto write
differently each time is made fixed by stable_bytes.py).
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.spec import LayoutSpec
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stable_bytes import encrypt_xlsx, ods_page_layouts, xls_fixed_salt, xls_saved_time

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
#: the zip timestamp written into every member, so that regenerating gives identical bytes
STAMP = (2021, 9, 26, 0, 0, 0)



class Formula(NamedTuple):
    """A formula typed into a cell, with the result the spreadsheet program stored (None: none stored)."""

    text: str  # without the leading "="
    cached: int | float | str | None  # a str: an error value such as "#DIV/0!"


CellValue = int | float | str | Formula | None


def filled(layout: LayoutSpec | None = None, seed: int = 1, **kw: object) -> tuple[Report, bytes]:
    """A consistent random report and its filled template."""
    layout = layout or get_layout("2021")
    report = random_report(layout, random.Random(seed), **kw)  # type: ignore[arg-type]
    return report, build_workbook(layout, report=report)


def sheet_parts(data: bytes) -> dict[str, str]:
    """Worksheet name -> zip member of an .xlsx."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    wb = zf.read("xl/workbook.xml").decode()
    rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"', wb):
        out[name] = "xl/" + targets[rid]
    return out


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(a1: str, style: str, value: CellValue) -> str:
    if value is None:
        return f'<c r="{a1}"{style}/>'
    if isinstance(value, Formula):
        if isinstance(value.cached, str):  # an error value, as a spreadsheet program stores it
            return f'<c r="{a1}"{style} t="e"><f>{_xml_text(value.text)}</f><v>{value.cached}</v></c>'
        cached = "" if value.cached is None else f"<v>{value.cached!r}</v>"
        return f'<c r="{a1}"{style}><f>{_xml_text(value.text)}</f>{cached}</c>'
    if isinstance(value, str):
        return f'<c r="{a1}"{style} t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
    return f'<c r="{a1}"{style}><v>{value!r}</v></c>'


def rewrite(data: bytes, change: Mapping[str, object]) -> bytes:
    """Rewrite zip members: name -> new bytes, or a callable old bytes -> new bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename in change:
                new = change[item.filename]
                blob = new(blob) if callable(new) else new  # type: ignore[assignment]
            if item.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2021-09-26T00:00:00Z", blob)
            info = zipfile.ZipInfo(item.filename, STAMP)
            info.compress_type = item.compress_type if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, blob)
    return out.getvalue()


def set_cells(data: bytes, cells: Mapping[tuple[str, str], CellValue]) -> bytes:
    """Overwrite cells of an .xlsx (sheet, A1) with a number, a text (inline string), a formula or nothing.

    A formula in the cell is dropped: the value becomes a constant, as when a clerk types over a total.
    """
    parts = sheet_parts(data)
    by_part: dict[str, dict[str, CellValue]] = {}
    for (sheet, a1), v in cells.items():
        by_part.setdefault(parts[sheet], {})[a1] = v

    def patch(changes: dict[str, CellValue]):  # type: ignore[no-untyped-def]
        def run(blob: bytes) -> bytes:
            xml = blob.decode()
            for a1, v in changes.items():
                pat = re.compile(rf'<c r="{a1}"((?: [a-z]+="[^"]*")*?)(?: t="[^"]*")?((?: [a-z]+="[^"]*")*)(?:/>|>.*?</c>)')
                m = pat.search(xml)
                assert m, f"cell {a1} not in the sheet"
                style = re.search(r' s="\d+"', m.group(0))
                xml = xml[: m.start()] + _cell_xml(a1, style.group(0) if style else "", v) + xml[m.end():]
            return xml.encode()

        return run

    return rewrite(data, {part: patch(ch) for part, ch in by_part.items()})


def append_to_sheet(data: bytes, sheet: str, rows_xml: str, dimension: str | None = None) -> bytes:
    """Add rows at the end of a sheet's data (and optionally claim a used range)."""
    part = sheet_parts(data)[sheet]

    def run(blob: bytes) -> bytes:
        xml = blob.decode().replace("</sheetData>", rows_xml + "</sheetData>")
        if dimension:
            xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)
        return xml.encode()

    return rewrite(data, {part: run})


def shift_lines(ws, axis: str, at: int, n: int) -> None:  # type: ignore[no-untyped-def]
    """Insert (n > 0) or delete (n < 0) rows or columns of an openpyxl sheet at ``at`` (1-based), moving
    merged ranges as Excel, WPS and LibreOffice do (openpyxl's insert_rows/delete_rows leave them)."""
    merged = list(ws.merged_cells.ranges)
    for rng in merged:
        ws.unmerge_cells(str(rng))
    rows = axis == "row"
    if n > 0:
        (ws.insert_rows if rows else ws.insert_cols)(at, n)
    else:
        (ws.delete_rows if rows else ws.delete_cols)(at, -n)
    for rng in merged:
        lo, hi = (rng.min_row, rng.max_row) if rows else (rng.min_col, rng.max_col)
        if lo >= at:
            rng.shift(**({"row_shift": n} if rows else {"col_shift": n}))
        elif hi >= at:
            if n > 0:
                rng.expand(**({"down": n} if rows else {"right": n}))
            else:
                rng.shrink(**({"bottom": min(-n, hi - at + 1)} if rows else {"right": min(-n, hi - at + 1)}))
        if rng.size["rows"] * rng.size["columns"] > 1:
            ws.merge_cells(rng.coord)


# -- the bad cases -------------------------------------------------------------------------------------
def make_all(out: Path = BAD) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(name: str, blob: bytes) -> None:
        p = out / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(blob)
        written.append(p)

    layout = get_layout("2021")
    _report, good = filled(layout, seed=7, office="柏城街道办事处", category="街道办事处", county="西平县")
    save("empty.xlsx", b"")
    save("corrupt.xlsx", good[: len(good) // 2])
    save("word-renamed.xlsx", _docx())
    save("encrypted.xlsx", encrypt_xlsx(good, "1234"))
    save("report.csv", "单位名称,本年新收申请\n柏城街道办事处,12\n".encode())
    save("other-system.xlsx", _other_system())
    # formatting down to the last row, and a used range claimed over the whole sheet: read as usual
    empty_rows = "".join(f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/></row>' for r in range(40, 3000))
    save("huge-used-range.xlsx", append_to_sheet(good, "表三", empty_rows + '<row r="1048576"><c r="XFD1048576" s="1"/></row>',
                                                 dimension="A1:XFD1048576"))
    save("far-cell.xlsx", append_to_sheet(good, "表三", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    save("zip-bomb.xlsx", _bomb(good))
    save("rows-inserted.xlsx", _rows_inserted(good))
    save("totals-overwritten.xlsx", set_cells(good, {("表三", "J6"): 999, ("表四", "E6"): 7}))
    r2019 = random_report(get_layout("2019"), random.Random(3), office="某县交通运输局", year=2021)
    save("format2019-for-2021.xlsx", build_workbook(get_layout("2019"), report=r2019))
    save("中文 路径/柏城街道 年报 2025.xlsx", good)
    # a folder as an office collects it: nested folders, notes, a Word file, a lock file
    save("folder/乡镇/柏城街道.xlsx", good)
    save("folder/乡镇/说明.txt", "请在 1 月 31 日前提交。\n".encode())
    save("folder/部门/2025/交通运输局.xlsx", filled(layout, seed=11, office="西平县交通运输局")[1])
    save("folder/部门/2025/报告正文.docx", _docx())
    save("folder/部门/~$交通运输局.xlsx", b"\x00" * 165)
    for name, blob in _hostile(good).items():
        save(name, blob)
    return written


# -- hostile bytes, on files saved by LibreOffice -------------------------------------------------------
#: rows appended to 表三 of a LibreOffice .xlsx: a value far away, in the spellings a regex misses
FAR_SPELLINGS = {
    "far-single-quotes.xlsx": "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "far-spaces.xlsx": '<row r = "1048576"><c t="n" r = "XFD1048576" ><v>1</v></c></row>',
    "far-lower-case.xlsx": '<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "far-8-digit-row.xlsx": '<row r="99999999"><c r="A99999999"><v>1</v></c></row>',
    # a value at XFD100 is within the bound; a cell without a reference in row 1048576 is not
    "far-no-reference.xlsx": '<row r="100"><c r="XFD100"><v>1</v></c></row><row r="1048576"><c><v>1</v></c></row>',
}


def _hostile(good: bytes) -> dict[str, bytes]:
    """The hostile kinds: LibreOffice saves the filled template as .xlsx and .xls, then the bytes are damaged
    as downloads, disks and hand-edited XML damage them. Needs soffice (and python3-uno for the .xls made
    through LibreOffice's own dialog options: a password, a value at IV65536)."""
    import shutil
    import subprocess
    import tempfile

    sys.path.insert(0, str(HERE.parent))
    from lo import convert

    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="nianbao-bad-") as d:
        src = Path(d) / "柏城街道.xlsx"
        src.write_bytes(good)
        lo_xlsx = rewrite(convert(src, "xlsx", Path(d) / "x")[0].read_bytes(), {})  # fixed zip stamps
        lo_xls = convert(src, "xls", Path(d) / "xls")[0].read_bytes()
        lo_ods = _ods_fixed(convert(src, "ods", Path(d) / "ods")[0].read_bytes())
        part = sheet_parts(lo_xlsx)["表三"]
        for name, rows in FAR_SPELLINGS.items():
            out[name] = rewrite(lo_xlsx, {part: lambda b, rows=rows: b.replace(b"</sheetData>", rows.encode() + b"</sheetData>")})
        out["xls-zero-after-header.xls"] = lo_xls[:512] + bytes(len(lo_xls) - 512)  # an interrupted download
        out["xls-zero-filled.xls"] = bytes(len(lo_xls))
        out["xls-truncated.xls"] = lo_xls[: len(lo_xls) // 2]
        out["xls-bof-length-0.xls"] = _bof_length_zero(lo_xls)
        out["xls-name-formula-length.xls"] = _name_formula_length(lo_xls)
        uno_python = shutil.which("python3", path="/usr/bin")
        script = HERE / "lo_save_xls.py"
        for name, extra in (("xls-password.xls", ["--password", "1234"]), ("xls-far-IV65536.xls", ["--far"])):
            dst = Path(d) / name
            subprocess.run([uno_python or "python3", str(script), str(Path(d) / "xls" / "柏城街道.xls"), str(dst), *extra],
                           check=True, capture_output=True, timeout=240)
            out[name] = xls_saved_time(dst.read_bytes())
        out["xls-password.xls"] = xls_fixed_salt(out["xls-password.xls"], "1234", seed="xls-password")
        from hostile_kinds import more_kinds
        from other_kinds import other_kinds

        out.update(more_kinds(good, lo_xlsx, lo_xls, lo_ods, _docx()))
        docx = Path(d) / "报告正文.docx"
        docx.write_bytes(_docx())
        out.update(other_kinds(good, lo_xlsx, lo_xls, convert(docx, "doc", Path(d) / "doc")[0].read_bytes()))
    return out


def _ods_fixed(ods: bytes) -> bytes:
    """LibreOffice's .ods with what it writes in a varying order made fixed (validations' base cells, the
    names and order of page styles), so that regenerating gives identical bytes."""
    def content(b: bytes) -> bytes:
        return re.sub(rb'(<table:content-validation [^>]*table:base-cell-address=")[^"]*', rb"\g<1>A1", b)

    def styles(b: bytes) -> bytes:
        b = ods_page_layouts(b)
        pages = re.findall(rb"<style:master-page .*?</style:master-page>", b, re.S)
        if not pages:
            return b
        start, end = b.index(pages[0]), b.index(pages[-1]) + len(pages[-1])
        return b[:start] + b"".join(sorted(pages)) + b[end:]

    return rewrite(ods, {"content.xml": content, "styles.xml": styles})


def _name_formula_length(xls: bytes) -> bytes:
    """A defined name (the print titles LibreOffice writes) whose formula length claims 60 bytes it lacks:
    calamine panics (found by tests/data/fuzz_bad.py)."""
    at = xls.index(b"_xlnm") - 10  # NAME record: options, key, name length, then the formula's length
    return xls[:at] + bytes([60]) + xls[at + 1:]


def _bof_length_zero(xls: bytes) -> bytes:
    """The workbook's first record (BOF) with its length field zeroed: calamine panics on it."""
    at = xls.index(b"\x09\x08\x10\x00")  # BOF, BIFF8, length 16: the Workbook stream's first record
    return xls[: at + 2] + b"\x00\x00" + xls[at + 4:]


def _docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("柏城街道办事处2025年政府信息公开工作年度报告")
    buf = io.BytesIO()
    doc.save(buf)
    return rewrite(buf.getvalue(), {})


def _other_system() -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": __import__("datetime").datetime(2021, 9, 26)})
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["序号", "姓名", "部门", "应发工资"])
    for i in range(1, 6):
        ws.write_row(i, 0, [i, f"职工{i}", "办公室", 3000 + i * 100])
    wb.close()
    return buf.getvalue()


def _bomb(good: bytes) -> bytes:
    """The 校验 sheet padded to 60 MB of XML: a few hundred KB on disk."""
    part = sheet_parts(good)["校验"]
    pad = b" " * (60 * 1024 * 1024)
    return rewrite(good, {part: lambda blob: blob.replace(b"<sheetData>", b"<sheetData>" + pad)})


def _rows_inserted(good: bytes) -> bytes:
    """Protection removed, two rows inserted in 表三 above （三）不予公开 (sheet rows 10-11)."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(good))
    ws = wb["表三"]
    ws.protection.sheet = False
    shift_lines(ws, "row", 10, 2)
    ws["C10"] = "（三）小计"
    buf = io.BytesIO()
    wb.save(buf)
    return rewrite(buf.getvalue(), {})


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else BAD
    for p in make_all(target):
        print(p.relative_to(target), p.stat().st_size)
