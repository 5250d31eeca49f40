"""The kinds from other programs and older formats (tests/data/other_kinds.py): each gets a clear Chinese
message that names what the file is, or is read correctly; and following the message works."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from nianbao.read import reader
from nianbao.read.reader import read_workbook
from test_hostile_ods import NeverOpened

BAD = Path(__file__).parent / "data" / "bad"
GOOD = BAD / "folder" / "乡镇" / "柏城街道.xlsx"

#: file -> (code, what the message must name)
REFUSED = {"xls-biff5-excel95.xls": ("FILE-OLD-FORMAT", "Excel 5.0/95"),
           "spreadsheetml-2003.xls": ("FILE-OLD-FORMAT", "Excel 2003 的“XML 电子表格”"),
           "doc-renamed.xls": ("FILE-NOT-SPREADSHEET", "Word 文档（.doc）"),
           "xls-chain-loop.xls": ("FILE-CORRUPT", "扇区链已损坏")}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_is_named_for_what_it_is_before_calamine(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.pc, "CalamineWorkbook", NeverOpened)
    t0 = time.monotonic()
    got = read_workbook(BAD / name)
    assert time.monotonic() - t0 < 10  # a chain that loops is followed each sector once
    code, what = REFUSED[name]
    assert [f.code for f in got.findings] == [code]
    assert what in got.findings[0].message and name in got.findings[0].message and got.findings[0].remedy
    assert "已损坏" not in got.findings[0].message or code == "FILE-CORRUPT"  # a Word file is not "damaged"


def test_merges_moved_over_the_cells_leave_the_figures_read() -> None:
    got, good = read_workbook(BAD / "merged-moved.xlsx"), read_workbook(GOOD)
    assert got.report is not None and good.report is not None
    assert dict(got.report.inputs) == dict(good.report.inputs)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_saving_the_old_formats_as_xlsx_as_told_gives_the_report(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from lo import convert

    src = tmp_path / "旧"
    src.mkdir()
    shutil.copy(BAD / "xls-biff5-excel95.xls", src / "excel95.xls")
    shutil.copy(BAD / "spreadsheetml-2003.xls", src / "xml2003.xml")  # LibreOffice picks its filter by name
    good = read_workbook(GOOD).report
    assert good is not None
    for saved in convert(sorted(src.iterdir()), "xlsx", tmp_path / "另存"):
        got = read_workbook(saved)
        assert got.report is not None and dict(got.report.inputs) == dict(good.inputs), saved.name


def test_an_xlsb_is_told_plainly_what_it_is_and_how_to_save_it(tmp_path: Path) -> None:
    """An .xlsb is a workbook, only of a format not read: the message must not say it is not a workbook."""
    import zipfile

    path = tmp_path / "县教育局.xlsb"
    with zipfile.ZipFile(path, "w") as z:  # what Excel's binary workbook holds: a zip with .bin parts
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    [f] = read_workbook(path).findings
    assert f.code == "FILE-NOT-SPREADSHEET"
    assert "不是 Excel 工作簿" not in f.message and ".xlsb" in f.message and "另存为" in f.message


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_flat_xml_spreadsheet_is_named_so_and_saving_it_as_told_gives_the_report(tmp_path: Path) -> None:
    """An .fods that LibreOffice saved (its flat XML spreadsheet) was told 这是文本文件（如 CSV）. It is named
    for what it is, with how to save it; saving it as .xlsx, as told, gives the report of the .ods it was."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from lo import convert

    ods = Path(__file__).parents[1] / "samples" / "示例县-LibreOffice" / "东湖街道办事处-2025年报.ods"
    (fods,) = convert(ods, "fods", tmp_path / "平面")
    [f] = read_workbook(fods).findings
    assert f.code == "FILE-NOT-SPREADSHEET" and fods.name in f.message
    assert ".fods" in f.message and "另存为" in f.message and "文本文件" not in f.message
    from nianbao.read.paths import collect_paths  # in a folder too: read to be told so, not skipped unsaid

    assert collect_paths([fods.parent]) == ([fods], [])
    (saved,) = convert(fods, "xlsx", tmp_path / "另存")
    good, got = read_workbook(ods).report, read_workbook(saved).report
    assert good is not None and got is not None and dict(got.inputs) == dict(good.inputs)
