"""A file whose name says it is one office's report while its 基本信息 names another (the wrong file sent, or
one office's copy filled in by another without changing the name): check says so, at the 单位名称 cell."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
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


# -- a file named for one office and filled in with another's name, among the inputs of a merge ---------------
def _two_offices(tmp_path: Path) -> tuple[Path, Path, list]:
    """县医疗保障局's own report (dated 01-14) and 县卫生健康委员会's, made from 医保局's file without changing
    its 单位名称 (dated later, 01-17), both saved by LibreOffice; and the roster of both."""
    from nianbao.read.roster import RosterEntry

    folder = tmp_path / "收件"
    folder.mkdir()
    made = []
    for name, seed, date in (("县医疗保障局-2025年报.xlsx", 11, "2026-01-14"), ("县卫生健康委员会-2025年报.xlsx", 12, "2026-01-17")):
        report = random_report(L21, random.Random(seed), office="县医疗保障局", year=2025)
        report = replace(report, info={**report.info, "date": date})
        made.append(write_workbook(tmp_path / name, L21, report=report))
    saved = [_lo_saved(p, folder) for p in made]
    roster = [RosterEntry(name="县医疗保障局", category="县直部门"), RosterEntry(name="县卫生健康委员会", category="县直部门")]
    return saved[0], saved[1], roster


def _lo_saved(path: Path, folder: Path) -> Path:
    """``path`` as LibreOffice saves it, into ``folder`` under the same name."""
    import subprocess

    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    return folder / path.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice")
def test_a_file_named_for_another_office_does_not_replace_that_office_report(tmp_path: Path) -> None:
    """A reviewer's finding: 县卫生健康委员会-2025年报.xlsx, filled in from 县医疗保障局's file with its 单位名称
    left as it was and dated later, replaced 医保局's own report in the summary (its figures dropped, 卫健委's
    summed as 医保局's, 卫健委 said to have sent nothing, the remedy 无需处理)."""
    from nianbao.merge.core import merge_files
    from nianbao.merge.outcome import INCLUDED, REFUSED, STATUS_MISSING

    own, other, roster = _two_offices(tmp_path)
    res = merge_files([own, other], roster=roster, name="示例县", jobs=1)
    fate = {Path(e.path).name: e for e in res.entries}
    assert fate[own.name].outcome == INCLUDED and fate[other.name].outcome == REFUSED
    (f,) = [f for f in fate[other.name].findings if f.code == "MERGE-NAMED-OTHER"]
    assert f.severity == "error" and "县卫生健康委员会" in f.message and "县医疗保障局" in f.message
    assert own.name in f.message and "未计入汇总" in f.message
    own_values = check_file(own).report.values
    assert res.report.values == {k: own_values[k] for k in res.report.values}  # 医保局's own figures, alone
    rows = {r.office: r for r in res.statuses}
    assert rows["县卫生健康委员会"].status == STATUS_MISSING
    assert other.name in rows["县卫生健康委员会"].note and "单位名称填的是“县医疗保障局”" in rows["县卫生健康委员会"].note
    assert other.name in rows["县医疗保障局"].note  # what became of the other file named under it
    missing = next(f for f in res.findings if f.code == "MERGE-MISSING")
    assert other.name in missing.message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice")
def test_a_lone_file_named_for_another_office_is_summed_and_that_office_told(tmp_path: Path) -> None:
    """With no other file of its 单位名称 the file is summed as that office's (with the reader's warning); the
    office its file name names is not simply 未提交: its row names the file and where it went."""
    from nianbao.merge.core import merge_files
    from nianbao.merge.outcome import INCLUDED

    _own, other, roster = _two_offices(tmp_path)
    res = merge_files([other], roster=roster, name="示例县", jobs=1)
    (e,) = res.entries
    assert e.outcome == INCLUDED and any(f.code == "INFO-OFFICE-FILE-NAME" for f in e.item.result.findings)
    note = {r.office: r for r in res.statuses}["县卫生健康委员会"].note
    assert other.name in note and "已作为“县医疗保障局”的报告计入汇总" in note


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice")
def test_the_notice_of_a_file_named_for_another_office_goes_to_its_sender(tmp_path: Path) -> None:
    """check --annotate: the notice of such a file is not addressed to (nor named for) the office of its 单位名称,
    which never sent it, nor lumped with that office's own files: it goes to whoever sent the file."""
    from typer.testing import CliRunner

    from nianbao.cli.app import app

    own, _other, _roster = _two_offices(tmp_path)
    out = tmp_path / "退回"
    res = CliRunner().invoke(app, ["check", str(own.parent), "--annotate", str(out)])
    assert res.exit_code == 0, res.output
    notices = sorted(p.name for p in out.glob("*退回修改通知*"))
    assert notices == ["县卫生健康委员会-2025年报（退回修改通知）.txt"]
    text = (out / notices[0]).read_text(encoding="utf-8")
    assert "报送《县卫生健康委员会-2025年报.xlsx》的单位：" in text and "县医疗保障局：" not in text
    listed = (out / "退回修改名单.txt").read_text(encoding="utf-8")
    assert "县卫生健康委员会（按文件名；单位名称填的是县医疗保障局）" in listed
