"""calamine is handed an .xlsx with the parts the byte check inflated stored (``nianbao.read.storedzip``):
it reads from it exactly what it reads from the file itself, on every workbook of tests/ and samples/;
a zip that cannot be copied exactly is handed over as it is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import python_calamine as pc

from nianbao.read.safety import UnsafeSheet, inspect_bytes
from nianbao.read.storedzip import restored

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*")
                   if p.suffix.lower() in (".xlsx", ".xlsm") and p.is_file())
LIKELY = ("_nianbao", "基本信息", "正文", "表二", "表三", "表四")


def _calamine_reads(data: bytes, readable: set[str]) -> object:
    """Everything a reader takes from calamine: the sheets, their visibility, the cells (or the error) of every
    sheet it may read (``readable``: not refused by the byte check)."""
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # the error itself is what is compared
        return f"open: {type(exc).__name__}"
    out: list[object] = [[(m.name, str(m.visible)) for m in wb.sheets_metadata]]
    for name in wb.sheet_names:
        if name not in readable:
            continue
        try:
            out.append(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
        except Exception as exc:  # the error itself is what is compared
            out.append(f"sheet: {type(exc).__name__}")
    return out


def _handed(data: bytes) -> bytes:
    ins = inspect_bytes(data)
    return ins.for_calamine(data, LIKELY)


@pytest.mark.parametrize("path", [p for p in WORKBOOKS if inspect_bytes(p.read_bytes()).kind == "xlsx"],
                         ids=lambda p: p.name)
def test_calamine_reads_the_same_from_the_stored_copy(path: Path) -> None:
    data = path.read_bytes()
    ins = inspect_bytes(data)
    handed = ins.for_calamine(data, LIKELY)
    readable = set()
    for sheet in ins.sheet_parts:
        try:
            if not ins.far_cell(sheet):
                readable.add(sheet)
        except UnsafeSheet:  # damaged: refused, never read by calamine
            pass
    assert _calamine_reads(handed, readable) == _calamine_reads(data, readable)


def test_most_workbooks_are_handed_stored() -> None:
    """The copy is made for the workbooks programs save (nianbao's templates, LibreOffice's, Excel's, WPS's);
    its members are as the directory says, the inflated ones stored, and their CRCs right."""
    taken = sheets_stored = 0
    for path in WORKBOOKS:
        data = path.read_bytes()
        if inspect_bytes(data).kind != "xlsx":
            continue
        handed = _handed(data)
        if handed is data:
            continue
        taken += 1
        copy, original = zipfile.ZipFile(io.BytesIO(handed)), zipfile.ZipFile(io.BytesIO(data))
        assert [i.filename for i in copy.infolist()] == [i.filename for i in original.infolist()]
        stored = {i.filename for i in copy.infolist() if i.compress_type == zipfile.ZIP_STORED}
        assert "xl/workbook.xml" in stored
        assert all(copy.read(name) == original.read(name) for name in stored)  # zipfile checks the CRCs too
        if "xl/sharedStrings.xml" in copy.namelist():
            assert "xl/sharedStrings.xml" in stored
        sheets_stored += any(i.filename.startswith("xl/worksheets/") for i in copy.infolist() if i.filename in stored)
    assert taken >= 20 and sheets_stored >= 20


def test_a_zip_it_cannot_copy_exactly_is_handed_as_it_is() -> None:
    """Names given twice, or a local header that does not say what the directory says: no copy."""
    good = next(p.read_bytes() for p in WORKBOOKS if p.name.startswith("县教育局"))
    infos = zipfile.ZipFile(io.BytesIO(good)).infolist()
    assert restored(good, [*infos, infos[0]], {}) is None
    data = bytearray(good)
    off = infos[-1].header_offset
    data[off + 30] ^= 0x20  # the last member's local name differs from the directory's
    assert restored(bytes(data), infos, {}) is None
    assert restored(good, infos, {}) is not None
