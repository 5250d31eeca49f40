"""A workbook whose deflate stream is damaged (not only its CRC: zlib itself gives up on it) is refused as a
damaged file, by the byte check, in this process and through the command line: never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from nianbao.check.checkfile import check_bytes, check_paths
from nianbao.read.safety import inspect_bytes, part_name
from nianbao.wording import read as words

GOOD = Path(__file__).parent / "data" / "bad" / "中文 路径" / "柏城街道 年报 2025.xlsx"


def _stream_start(data: bytes | bytearray, info: zipfile.ZipInfo) -> int:
    off = info.header_offset
    return off + 30 + int.from_bytes(data[off + 26:off + 28], "little") + int.from_bytes(data[off + 28:off + 30], "little")


def _damaged(member: str = "xl/workbook.xml") -> bytes:
    """The good workbook with the deflate stream of ``member`` overwritten by bytes zlib cannot inflate."""
    data = bytearray(GOOD.read_bytes())
    info = zipfile.ZipFile(GOOD).getinfo(member)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    start = _stream_start(data, info)
    data[start:start + 8] = b"\xff" * 8  # a block of the reserved type 3: "invalid block type"
    return bytes(data)


def _damaged_after_the_cells(member: str) -> bytes:
    """The good workbook with the deflate stream of ``member`` overwritten from just after the byte that gives
    ``</sheetData>``: the cells inflate as they were, what follows them does not (or not to its CRC)."""
    data = bytearray(GOOD.read_bytes())
    info = zipfile.ZipFile(GOOD).getinfo(member)
    start = _stream_start(data, info)
    inflater, out = zlib.decompressobj(-15), b""
    for k in range(info.compress_size):
        out += inflater.decompress(data[start + k:start + k + 1])
        if b"</sheetData>" in out:
            break
    cut = start + k + 2
    assert cut < start + info.compress_size - 16, "the cells end too near the end of the stream"
    data[cut:start + info.compress_size] = b"\xff" * (start + info.compress_size - cut)
    return bytes(data)


def test_the_byte_check_says_the_part_is_damaged() -> None:
    ins = inspect_bytes(_damaged())
    assert ins.kind == "corrupt"
    assert ins.detail == words.ZIP_DAMAGED_AT.format(part=part_name("xl/workbook.xml"))  # 压缩包已损坏（工作簿目录）


def test_checking_it_gives_file_corrupt(tmp_path: Path) -> None:
    data = _damaged()
    assert [f.code for f in check_bytes(data, "x.xlsx").findings] == ["FILE-CORRUPT"]
    path = tmp_path / "坏.xlsx"
    path.write_bytes(data)
    run = check_paths([path])  # one file: read in this process (read_vouched), no worker
    assert [f.code for f in run.results[0].findings] == ["FILE-CORRUPT"]
    out = subprocess.run([sys.executable, "-m", "nianbao", "check", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert "Traceback" not in out.stderr + out.stdout
    assert out.returncode == 1 and "FILE-CORRUPT" in out.stdout


def test_a_byte_check_that_fails_costs_only_a_worker_read(tmp_path: Path, monkeypatch) -> None:
    """Whatever else the byte check might raise on one file, the one-file check still says something of it:
    the file goes to a worker (whose byte check runs again, fails again, and is said as FILE-CORRUPT)."""
    import nianbao.read.reader as reader

    def broken(data: bytes) -> None:
        raise ValueError("unforeseen")

    monkeypatch.setattr(reader, "inspect_bytes", broken)
    path = tmp_path / "好.xlsx"
    path.write_bytes(GOOD.read_bytes())
    assert reader.read_vouched(path) is None  # not a traceback: handed on to a worker
    run = check_paths([path])
    assert len(run.results) == 1  # the file is accounted for, read in the worker


def test_a_panic_of_calamine_on_bytes_is_file_corrupt(monkeypatch) -> None:
    """A panic of calamine's native code (pyo3's PanicException derives from BaseException, not Exception)
    while reading bytes handed in (an upload, a file kept in the inbox) is said as a damaged file, not raised."""
    import types

    import nianbao.read.reader as reader

    class Panic(BaseException):  # what pyo3 raises when the Rust code panics
        pass

    def panics(_stream: object) -> None:
        raise Panic("index out of bounds")

    class PasswordError(Exception):
        pass

    fake = types.SimpleNamespace(CalamineWorkbook=types.SimpleNamespace(from_filelike=panics),
                                 PasswordError=PasswordError)
    monkeypatch.setattr(reader, "pc", fake)
    reading = reader.read_bytes(GOOD.read_bytes(), "上传.xlsx")
    assert [f.code for f in reading.findings] == ["FILE-CORRUPT"]
    assert [f.code for f in check_bytes(GOOD.read_bytes(), "上传.xlsx").findings] == ["FILE-CORRUPT"]


def test_a_damaged_worksheet_is_refused_at_its_sheet_and_the_others_are_read(monkeypatch) -> None:
    """A worksheet whose deflate stream zlib gives up on: that sheet is refused as damaged (FILE-SHEET-DAMAGED,
    named by its sheet, with the advice to send the file again), with the fast paths and without them; the
    other sheets are still read (it was a bare "读取时出错" for the whole file, then FILE-UNSAFE 为安全起见未读取
    about 第 4 个工作表的数据, whose advice spoke of oversized files)."""
    from nianbao.read import safety

    zf = zipfile.ZipFile(GOOD)
    part = next(p for s, p in inspect_bytes(GOOD.read_bytes()).sheet_parts.items() if s == "表三")
    data = _damaged(part)
    assert zf.getinfo(part).file_size > 0
    for fast in (True, False):
        monkeypatch.setattr(safety, "FAST", fast)
        found = check_bytes(data, "x.xlsx").findings
        damaged = [f for f in found if f.code == "FILE-SHEET-DAMAGED"]
        assert [(f.sheet, dict(f.params)["detail"]) for f in damaged] == [("表三", words.SHEET_DATA_DAMAGED)], fast
        assert "工作表“表三”的数据已损坏" in damaged[0].message and "重新发送原文件" in damaged[0].remedy
        assert not {"FILE-CORRUPT", "FILE-UNSAFE"} & {f.code for f in found}
        assert not any(f.sheet in ("表二", "表四") and f.code.startswith("FILE-") for f in found)


def test_a_worksheet_damaged_after_its_cells_or_with_a_wrong_crc_is_refused_at_its_sheet(monkeypatch) -> None:
    """Damage that reading the cells never reaches (the stream after ``</sheetData>``, or only the CRC in both
    headers) is still damage: 表三 is refused at its sheet as any damaged worksheet is, whatever its size (a
    wrong CRC on a large sheet passed, on a small one it was refused), with the fast paths and without them."""
    from nianbao.read import safety

    part = inspect_bytes(GOOD.read_bytes()).sheet_parts["表三"]
    wrong_crc = (GOOD.parent.parent / "zip-bad-crc.xlsx").read_bytes()  # the hostile corpus's: 表三's CRC patched
    assert zipfile.ZipFile(io.BytesIO(wrong_crc)).getinfo(part).CRC == 0x12345678
    for data in (_damaged_after_the_cells(part), wrong_crc):
        for fast in (True, False):
            monkeypatch.setattr(safety, "FAST", fast)
            found = check_bytes(data, "x.xlsx").findings
            assert [(f.sheet, dict(f.params)["detail"]) for f in found if f.code == "FILE-SHEET-DAMAGED"] == [
                ("表三", words.SHEET_DATA_DAMAGED)], fast


def test_a_damaged_sheet_is_said_once_not_also_as_what_it_could_not_give(monkeypatch) -> None:
    """Each sheet the reader reads, damaged: one finding, FILE-SHEET-DAMAGED at that sheet. Not also 工作表还在但无法读取
    (STRUCT-SHEET-DAMAGED) for 基本信息 or 正文, nor 没有填写单位名称 or 报告年度 for a 基本信息 that could not be
    read, nor 没有模板标识 (TEMPLATE-NO-MARKS: "copied into a new workbook") when the marks' sheet is the damaged
    one. The instructions and the live checks' sheets are not read: their damage is not seen."""
    from nianbao.read import safety

    parts = inspect_bytes(GOOD.read_bytes()).sheet_parts
    for sheet in ("基本信息", "表二", "表三", "表四", "正文", "_nianbao"):
        data = _damaged(parts[sheet])
        for fast in (True, False):
            monkeypatch.setattr(safety, "FAST", fast)
            said = [(f.code, f.sheet) for f in check_bytes(data, "x.xlsx").findings if f.severity.name != "INFO"]
            assert said == [("FILE-SHEET-DAMAGED", sheet)], (sheet, fast, said)
            if sheet == "基本信息":  # whose report it is cannot be known: not summed as an office of no name
                assert check_bytes(data, "x.xlsx").report is None, fast
