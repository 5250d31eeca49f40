"""A file whose name says it is one office's report while its 基本信息 names another (the wrong file sent, or
one office's copy filled in by another without changing the name): check says so, at the 单位名称 cell."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import info_cell
from nianbao.template import write_workbook

L21 = get_layout("2021")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize(("name", "warned"), [
    ("县教育局-2025年报.xlsx", True),             # the name nianbao gives 县教育局's workbook
    ("县教育局_2025年度年报.xlsx", True),
    ("县财政局-2025年报.xlsx", False),            # its own
    ("财政局-2025年报 (1).xlsx", False),          # a short name, a mail program's copy
    ("县财政局-2025年报（问题标注）.xlsx", False),  # the marked copy check --annotate writes
    ("年报.xlsx", False),                         # the name says nothing
    ("2025年报-县教育局.xlsx", False),
    # the names clerks give files themselves (a reviewer's misses)
    ("县教育局2025年报.xlsx", True),
    ("县教育局2025年政府信息公开年报.xlsx", True),
    ("2025年县教育局年报.xlsx", True),
    ("县教育局.xlsx", True),
    ("县财政局.xlsx", False),
    ("示例县2025年报.xlsx", False),               # the county's name says nothing of which office
    ("新建 Microsoft Excel 工作表.xlsx", False),
])
def test_a_file_named_for_another_office_is_said(tmp_path: Path, name: str, warned: bool) -> None:
    report = random_report(L21, random.Random(3), office="县财政局", year=2025)
    path = write_workbook(tmp_path / name, L21, report=report)
    found = [f for f in check_file(path).findings if f.code == "INFO-OFFICE-FILE-NAME"]
    assert bool(found) == warned
    if warned:
        (f,) = found
        assert (f.sheet, f.cell) == ("基本信息", info_cell(L21, "office"))
        assert "县教育局" in f.message and "县财政局" in f.message and f.severity == "warning"


def test_a_real_sample_renamed_for_another_office(tmp_path: Path) -> None:
    """The demo county's 县教育局 workbook saved by LibreOffice, sent under 东湖街道办事处's name."""
    src = SAMPLES / "示例县-LibreOffice" / "县教育局-2025年报.xlsx"
    assert not [f for f in check_file(src).findings if f.code == "INFO-OFFICE-FILE-NAME"]
    wrong = shutil.copy(src, tmp_path / "东湖街道办事处-2025年报.xlsx")
    (f,) = [f for f in check_file(wrong).findings if f.code == "INFO-OFFICE-FILE-NAME"]
    assert "东湖街道办事处" in f.message and "县教育局" in f.message


def test_a_zip_of_workbooks_is_said_to_be_unzipped_first(tmp_path: Path) -> None:
    """check and merge read workbooks, not archives: a .zip of the offices' files is named, with what to do
    (the inbox takes a .zip as it is)."""
    import zipfile

    archive = tmp_path / "各单位年报.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SAMPLES / "示例县-LibreOffice" / "县教育局-2025年报.xlsx", "县教育局-2025年报.xlsx")
    (f,) = check_file(archive).findings
    assert f.code == "FILE-NOT-SPREADSHEET" and "压缩包" in f.message and "先解压" in f.message
    assert "收件箱和网页上传可以直接收压缩包" in f.message


def test_two_spellings_of_one_office_are_one(tmp_path: Path) -> None:
    """县人民政府办公室-2025年报.xlsx holding 县政府办公室's report is that office's (a reviewer's false alarm)."""
    report = random_report(L21, random.Random(3), office="县政府办公室", year=2025)
    path = write_workbook(tmp_path / "县人民政府办公室-2025年报.xlsx", L21, report=report)
    assert not [f for f in check_file(path).findings if f.code == "INFO-OFFICE-FILE-NAME"]
