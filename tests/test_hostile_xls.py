"""An .xls cut short (an interrupted download or copy) is refused as incomplete before calamine sees it,
wherever it is cut: calamine panics on a directory whose last sector ends within an entry, and the FAT of
a file cut within it is not the container's (nianbao/read/xls.py)."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from nianbao.read import reader
from nianbao.read.reader import read_bytes
from nianbao.read.safety import inspect_bytes
from nianbao.wording import read as words

LO_XLS = Path(__file__).parents[1] / "samples" / "示例县-LibreOffice" / "城关镇人民政府-2025年报.xls"


class NeverOpened:
    """Stands for calamine's workbook where a test shows calamine is never asked."""

    @staticmethod
    def from_filelike(*_args: object) -> None:
        raise AssertionError("calamine was handed the file")


def _cuts(data: bytes) -> list[int]:
    """Lengths to cut ``data`` to: every one in its last 640 bytes (the directory's sector, where LibreOffice
    writes it, and the FAT's), and every 257th before."""
    return sorted({*range(0, len(data) - 640, 257), *range(len(data) - 640, len(data))})


def test_an_xls_cut_anywhere_is_incomplete_or_whole() -> None:
    data = LO_XLS.read_bytes()
    full = read_bytes(data, "城关镇.xls").report
    assert full is not None and full.inputs
    said: dict[str, int] = {}
    for n in _cuts(data):
        got = read_bytes(data[:n], "城关镇.xls")  # a panic of calamine's would raise here
        if got.report is not None:  # cut where nothing it reads was: the whole report, nothing said
            assert got.report == full and not got.findings, n
            continue
        assert len(got.findings) == 1, n
        said[got.findings[0].code + " " + got.findings[0].message] = n
    assert set(said) <= {f"FILE-CORRUPT 文件“城关镇.xls”已损坏，无法打开：{why}。" for why in
                         (words.XLS_TRUNCATED, words.XLS_SHORTER_THAN_HEADER, words.XLS_FAT_SIZE_IMPOSSIBLE)} | {
        "FILE-EMPTY 文件“城关镇.xls”是空的（0 字节），可能在传输中损坏。"}, said


def _fat_sector(data: bytes) -> int:
    """Where the last sector of the FAT (the container's table of sectors) begins (its count at 44, the
    first 109 of them listed from 76)."""
    count = struct.unpack_from("<I", data, 44)[0]
    return 512 + 512 * struct.unpack_from("<I", data, 76 + 4 * (count - 1))[0]


@pytest.mark.parametrize("cut", [
    lambda d: len(d) - 395,  # within the directory's last entry: calamine panics reading it (an index past the slice)
    lambda d: len(d) - 5,  # within the last entry's stream size
    lambda d: _fat_sector(d) + 100,  # within the FAT's sector: its entries cut (was a struct.error, said vaguely)
], ids=["directory-entry", "stream-size", "fat"])
def test_a_cut_the_container_needs_is_said_before_calamine_opens_it(cut: Callable[[bytes], int],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    whole = LO_XLS.read_bytes()
    data = whole[:cut(whole)]
    ins = inspect_bytes(data)
    assert (ins.kind, ins.detail) == ("corrupt", words.XLS_TRUNCATED)
    monkeypatch.setattr(reader.pc, "CalamineWorkbook", NeverOpened)
    got = read_bytes(data, "城关镇.xls")
    assert [(f.code, f.message) for f in got.findings] == [
        ("FILE-CORRUPT", "文件“城关镇.xls”已损坏，无法打开：文件不完整（可能下载或复制时中断）。")]


def test_an_xls_sheet_whose_first_record_is_damaged_is_said_damaged_at_that_sheet() -> None:
    """LibreOffice's .xls with one worksheet's BOF record overwritten (as bytes lost in a copy): the sheet is
    FILE-SHEET-DAMAGED at its name, with why (工作表的开头记录已损坏) and the advice to send the file again; not
    FILE-UNSAFE 为安全起见未读取, whose advice (不要把数据复制到其他大表格中) is for oversized files. Each sheet
    the reader reads is named once over the seven damages; the instructions and live checks are not read."""
    from nianbao.check.checkfile import check_bytes

    data = LO_XLS.read_bytes()
    bofs = [at for at in range(len(data) - 8) if data[at:at + 8] == b"\x09\x08\x10\x00\x00\x06\x10\x00"]
    assert len(bofs) == 8  # the globals' and the seven sheets'
    named = []
    for at in bofs[1:]:
        found = check_bytes(data[:at] + b"\x00\x00" + data[at + 2:], "x.xls").findings
        said = [f for f in found if f.severity.name != "INFO"]
        if not said:
            continue
        assert [(f.code, dict(f.params)["detail"]) for f in said] == [
            ("FILE-SHEET-DAMAGED", words.XLS_SHEET_START_DAMAGED)], said
        assert f"工作表“{said[0].sheet}”的数据已损坏" in said[0].message and "重新发送原文件" in said[0].remedy
        named.append(said[0].sheet)
    assert sorted(named) == sorted(["基本信息", "表二", "表三", "表四", "正文", "_nianbao"])
