"""Bad input, kept as files under tests/data/bad/ (regenerate: python tests/data/make_bad.py).

Each gets a clear Chinese finding naming the file, no traceback, bounded time and memory; the other
files of the same run are still checked, and no input file is ever modified.
"""

from __future__ import annotations

import hashlib
import resource
import sys
import time
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file, check_paths

BAD = Path(__file__).parent / "data" / "bad"
sys.path.insert(0, str(BAD.parent))

#: file -> (status, [(code, sheet, cell)]) expected
CASES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "empty.xlsx": ("无法读取", [("FILE-EMPTY", "", "")]),
    "corrupt.xlsx": ("无法读取", [("FILE-CORRUPT", "", "")]),
    "word-renamed.xlsx": ("无法读取", [("FILE-NOT-SPREADSHEET", "", "")]),
    "encrypted.xlsx": ("无法读取", [("FILE-ENCRYPTED", "", "")]),
    "report.csv": ("无法读取", [("FILE-NOT-SPREADSHEET", "", "")]),
    "other-system.xlsx": ("无法读取", [("FILE-NOT-REPORT", "", "")]),
    "huge-used-range.xlsx": ("通过", []),
    "far-cell.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "XFD1048576")]),
    "zip-bomb.xlsx": ("无法读取", [("FILE-UNSAFE", "", "")]),
    "rows-inserted.xlsx": ("有错误", [("STRUCT-ROWS", "表三", "D10")]),
    "totals-overwritten.xlsx": ("有错误", [("TOTAL-OVERWRITTEN", "表三", "J6"), ("TOTAL-OVERWRITTEN", "表四", "E6")]),
    "format2019-for-2021.xlsx": ("有错误", [("INFO-YEAR-FORMAT", "基本信息", "B5")]),
    "中文 路径/柏城街道 年报 2025.xlsx": ("通过", []),
    # saved by LibreOffice, then damaged: a far value in the spellings a regex over the XML misses
    "far-single-quotes.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "XFD1048576")]),
    "far-spaces.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "XFD1048576")]),
    "far-lower-case.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "XFD1048576")]),
    "far-8-digit-row.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "A99999999")]),
    "far-no-reference.xlsx": ("无法读取", [("FILE-FAR-CELL", "表三", "XFD100")]),
    # .xls: an interrupted download (zeros after the header: calamine allocated 8 GB, 16 GB, then aborted),
    # all zeros, half a file, a BOF record of length 0 (a calamine panic), a value at IV65536 (1.2 GB),
    # LibreOffice's "save with password"
    "xls-zero-after-header.xls": ("无法读取", [("FILE-CORRUPT", "", "")]),
    "xls-zero-filled.xls": ("无法读取", [("FILE-CORRUPT", "", "")]),
    "xls-truncated.xls": ("无法读取", [("FILE-CORRUPT", "", "")]),
    "xls-bof-length-0.xls": ("无法读取", [("FILE-CORRUPT", "", "")]),
    "xls-name-formula-length.xls": ("无法读取", [("FILE-CORRUPT", "", "")]),  # a calamine panic, caught
    "xls-far-IV65536.xls": ("无法读取", [("FILE-FAR-CELL", "表三", "IV65536")]),
    "xls-password.xls": ("无法读取", [("FILE-ENCRYPTED", "", "")]),
}


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file(name: str) -> None:
    path = BAD / name
    before = _digest(path)
    t0 = time.perf_counter()
    result = check_file(path)
    elapsed = time.perf_counter() - t0
    status, expected = CASES[name]
    assert result.status == status, result.findings
    assert [(f.code, f.sheet, f.cell) for f in result.findings] == expected
    assert elapsed < 2.0
    assert _digest(path) == before
    for f in result.findings:
        assert f.file == str(path)
        if f.code.startswith("FILE-") and f.code != "FILE-FAR-CELL":
            assert path.name in f.message  # names the file
    if status == "无法读取":
        assert result.report is None


def test_encrypted_message_is_the_official_wording() -> None:
    (f,) = check_file(BAD / "encrypted.xlsx").findings
    assert "文件已加密，请去除打开密码后重新提交" in f.message


@pytest.mark.parametrize("name", ["encrypted.xlsx", "xls-password.xls"])
def test_a_password_is_said_in_chinese_for_xlsx_and_xls(name: str) -> None:
    (f,) = check_file(BAD / name).findings
    assert f.code == "FILE-ENCRYPTED" and "文件已加密，请去除打开密码后重新提交" in f.message
    assert "Calamine" not in f.message


def test_an_interrupted_xls_download_is_said_to_be_incomplete() -> None:
    (f,) = check_file(BAD / "xls-zero-after-header.xls").findings
    assert "中断" in f.message and "xls-zero-after-header.xls" in f.message


def test_rows_inserted_still_reads_the_values() -> None:
    from make_bad import filled

    from nianbao.form.registry import get_layout

    report, _ = filled(get_layout("2021"), seed=7, office="柏城街道办事处", category="街道办事处", county="西平县")
    result = check_file(BAD / "rows-inserted.xlsx")
    assert result.report is not None
    assert dict(result.report.inputs) == dict(report.inputs)


def test_overwritten_totals_report_both_values() -> None:
    result = check_file(BAD / "totals-overwritten.xlsx")
    f = result.findings[0]
    assert (f.actual, f.expected) == ("999", str(result.report.values["t3.new.total"]))  # type: ignore[union-attr]
    assert "999" in f.message and f.expected in f.message  # type: ignore[operator]
    # never the cached total as data
    assert result.report.values["t3.new.total"] != 999  # type: ignore[union-attr]


def test_zip_bomb_is_bounded_in_time_and_memory() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    check_file(BAD / "zip-bomb.xlsx")
    assert time.perf_counter() - t0 < 0.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB: under 100 MB more


def test_far_cell_in_a_sheet_not_read_is_harmless(tmp_path: Path) -> None:
    from make_bad import append_to_sheet, filled

    _r, good = filled()
    p = tmp_path / "far-in-check-sheet.xlsx"
    p.write_bytes(append_to_sheet(good, "校验", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    assert check_file(p).status == "通过"


def test_wrong_sheet_dimensions_as_wps_saves_them(tmp_path: Path) -> None:
    # WPS writes <dimension ref="A1"/> on sheets with data; a reader trusting it would see empty tables
    import re

    from make_bad import filled, rewrite, sheet_parts

    report, good = filled(seed=5)
    parts = sheet_parts(good)
    p = tmp_path / "wps-dimensions.xlsx"
    p.write_bytes(rewrite(good, {part: lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', b)
                                 for part in parts.values()}))
    import zipfile

    assert b'<dimension ref="A1"/>' in zipfile.ZipFile(p).read(parts["表三"])
    result = check_file(p)
    assert result.status == "通过" and result.report is not None
    assert dict(result.report.inputs) == dict(report.inputs)


def test_a_whole_directory_of_bad_files_is_checked_file_by_file() -> None:
    hashes = {p: _digest(p) for p in BAD.rglob("*") if p.is_file()}
    run = check_paths([BAD])
    by_name = {Path(r.path).relative_to(BAD).as_posix(): r.status for r in run.results}
    for name, (status, _codes) in CASES.items():
        if name.endswith(".csv"):  # in a folder, what is not a workbook is skipped with a note
            continue
        assert by_name[name] == status
    assert by_name["folder/乡镇/柏城街道.xlsx"] == "通过"
    assert by_name["folder/部门/2025/交通运输局.xlsx"] == "通过"
    skipped = {Path(p).relative_to(BAD).as_posix(): why for p, why in run.skipped}
    assert set(skipped) == {"report.csv", "folder/乡镇/说明.txt", "folder/部门/2025/报告正文.docx", "folder/部门/~$交通运输局.xlsx"}
    assert all(why for why in skipped.values())
    assert {p: _digest(p) for p in hashes} == hashes  # nothing was modified


def test_missing_path_and_directory_given_as_file(tmp_path: Path) -> None:
    r = check_file(tmp_path / "没有这个文件.xlsx")
    assert [f.code for f in r.findings] == ["FILE-MISSING"] and r.status == "无法读取"


def test_an_xls_renamed_xlsx_and_an_unknown_binary(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_bytes(bytes(range(256)) * 10)
    assert [f.code for f in check_file(p).findings] == ["FILE-NOT-SPREADSHEET"]


def test_the_2019_template_for_a_2021_report_says_which_template_to_use() -> None:
    result = check_file(BAD / "format2019-for-2021.xlsx")
    (f,) = result.findings
    assert f.message == "报告年度是 2021 年，应使用 2021 年版格式，本文件是 2019 年版格式。"
    assert result.report is not None and result.report.layout.format == "2019" and result.year == 2021


def test_a_summary_detail_that_cannot_be_read_names_the_file_and_what_to_do(tmp_path: Path) -> None:
    """The reason a 明细 sheet cannot be read says which file, why, and what the clerk can do."""
    from nianbao.form.registry import get_layout
    from nianbao.read.detail import detail_rows

    reason = detail_rows(tmp_path / "某县汇总.xlsx", get_layout("2021"))
    assert isinstance(reason, str)
    assert "某县汇总.xlsx" in reason and "文件不存在" in reason and "nianbao merge" in reason
