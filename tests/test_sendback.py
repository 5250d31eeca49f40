"""``check --annotate``: marked copies only of files with problems, one 退回修改通知 for each office (all its
files with problems in it), the list of offices to send back, and folders kept as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from nianbao.check.sendback import LIST_NAME
from nianbao.cli.app import app
from nianbao.form.findings import CATALOGUE

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BAD = Path(__file__).parent / "data" / "bad"
runner = CliRunner()


def _inbox(tmp_path: Path) -> Path:
    """A county's inbox: five good reports and one with errors in 部门/, and two files of the same name
    (one good, one with errors) in two townships' folders."""
    inbox = tmp_path / "收件"
    county = SAMPLES / "示例县"
    (inbox / "部门").mkdir(parents=True)
    for src in sorted(county.glob("*.xlsx")):
        shutil.copy(src, inbox / "部门" / src.name)
    for sub, src in (("城关镇", county / "城关镇人民政府-2025年报.xlsx"), ("东湖街道", BAD / "totals-overwritten.xlsx")):
        (inbox / "乡镇" / sub).mkdir(parents=True)
        shutil.copy(src, inbox / "乡镇" / sub / "年报.xlsx")
    return inbox


def test_copies_and_notices_only_for_files_with_problems(tmp_path: Path) -> None:
    inbox, out = _inbox(tmp_path), tmp_path / "退回"
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out), "--contact", "县政务公开办 张三 0396-1234567"])
    assert res.exit_code == 1, res.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == sorted([
        "乡镇/东湖街道/年报（问题标注）.xlsx", "乡镇/东湖街道/柏城街道办事处（退回修改通知）.txt",
        "部门/县自然资源局-2025年报（问题标注）.xlsx", "部门/县自然资源局（退回修改通知）.txt",
        LIST_NAME])
    notice = (out / "乡镇" / "东湖街道" / "柏城街道办事处（退回修改通知）.txt").read_text(encoding="utf-8")
    assert notice.startswith("政府信息公开工作年度报告 退回修改通知") and "柏城街道办事处：" in notice
    assert "《年报.xlsx》" in notice and "2 处错误" in notice and "《年报（问题标注）.xlsx》" in notice
    assert "表三 J6" in notice and "表四 E6" in notice  # each problem at its cell
    assert notice.count("怎么改：" + CATALOGUE["TOTAL-OVERWRITTEN"].fix) == 2  # and how to fix it
    assert "联系人：县政务公开办 张三 0396-1234567" in notice
    listed = (out / LIST_NAME).read_text(encoding="utf-8")
    back = listed.split("须退回修改")[1].split("请核对")[0]
    assert "：2 个" in back and "县自然资源局" in back and "柏城街道办事处" in back
    assert "城关镇人民政府" not in listed and "没有发现问题的文件：6 个" in listed
    shown = res.output.replace("\n", "")
    assert "须退回修改的单位（有错误、无法读取或交来空白模板）：2 个" in shown and str(out / LIST_NAME) in shown


def test_an_unreadable_file_gets_a_notice_and_is_listed(tmp_path: Path) -> None:
    out = tmp_path / "退回"
    res = runner.invoke(app, ["check", str(BAD / "encrypted.xlsx"), "--annotate", str(out)])
    assert res.exit_code == 1
    notice = (out / "encrypted（退回修改通知）.txt").read_text(encoding="utf-8")  # names no office: by the file
    assert "无法读取" in notice and CATALOGUE["FILE-ENCRYPTED"].fix in notice
    listed = (out / LIST_NAME).read_text(encoding="utf-8")
    assert "须退回修改的单位（有错误、无法读取或交来空白模板）：1 个" in listed
    # the list names the file, why it could not be read and what to do with it
    (row,) = [line for line in listed.splitlines() if "encrypted.xlsx" in line]
    assert CATALOGUE["FILE-ENCRYPTED"].title in row and "请把退回修改通知转给报送单位" in row
    assert not list(out.glob("*.xlsx"))


def test_an_office_that_sent_two_files_gets_one_notice_naming_both(tmp_path: Path) -> None:
    inbox, out = _inbox(tmp_path), tmp_path / "退回"
    broken = inbox / "部门" / "县自然资源局-2025年报.xlsx"
    shutil.copy(broken, inbox / "乡镇" / "县自然资源局-重发.xlsx")  # the same office's file, sent again elsewhere
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out), "--contact", "县政务公开办 张三"])
    assert res.exit_code == 1, res.output
    notices = sorted(p.name for p in out.rglob("*（退回修改通知）.txt"))
    assert notices == ["县自然资源局（退回修改通知）.txt", "柏城街道办事处（退回修改通知）.txt"]
    notice = next(out.rglob("县自然资源局（退回修改通知）.txt")).read_text(encoding="utf-8")
    assert "你单位报送的 2 个文件经检查有问题" in notice
    assert "文件 1：《县自然资源局-重发.xlsx》" in notice or "文件 2：《县自然资源局-重发.xlsx》" in notice
    assert "《县自然资源局-2025年报.xlsx》" in notice and notice.count("T3-BALANCE") == 2  # each file's problem
    assert "联系人：县政务公开办 张三" in notice
    listed = (out / LIST_NAME).read_text(encoding="utf-8")
    line = next(x for x in listed.splitlines() if "县自然资源局" in x)
    assert "县自然资源局-重发.xlsx" in line and "县自然资源局-2025年报.xlsx" in line  # one line for the office
    assert "须退回修改的单位（有错误、无法读取或交来空白模板）：2 个" in listed
    assert res.output.count("已写入退回修改通知") == 2


def test_the_list_says_what_each_office_sent(tmp_path: Path) -> None:
    """A blank template is sent back (the office has reported nothing), a corrected file sent again is
    shown beside the wrong one, and a file that could not be read is named by its file name (found by
    acceptance review)."""
    from nianbao.demo import corrected_report
    from nianbao.form.registry import get_layout
    from nianbao.template import build_workbook

    inbox, out = tmp_path / "收件", tmp_path / "退回"
    inbox.mkdir()
    broken = SAMPLES / "示例县" / "县自然资源局-2025年报.xlsx"
    shutil.copy(broken, inbox / "县自然资源局-2025年报.xlsx")
    fixed = build_workbook(get_layout("2021"), report=corrected_report())
    (inbox / "县自然资源局-2025年报（修改后）.xlsx").write_bytes(fixed)
    (inbox / "县水利局-2025年报.xlsx").write_bytes(build_workbook(get_layout("2021"), office="县水利局", year=2025))
    shutil.copy(BAD / "encrypted.xlsx", inbox / "县住建局-2025年报.xlsx")
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out)])
    assert res.exit_code == 1, res.output
    listed = (out / LIST_NAME).read_text(encoding="utf-8")
    back = listed.split("须退回修改")[1].split("请核对")[0]
    water = next(x for x in back.splitlines() if "县水利局" in x)
    assert "交来的是空白模板" in water
    resent = next(x for x in back.splitlines() if "县自然资源局" in x)
    assert "（修改后）.xlsx（没有发现问题：可能是改好后重交的，请确认用哪一份）" in resent
    assert "县住建局（单位名称未读出，按文件名）" in back
    notice = (out / "县水利局（退回修改通知）.txt").read_text(encoding="utf-8")
    assert "是没有填写的空白模板" in notice and "经检查没有错误" not in notice


def test_last_years_report_beside_this_years_is_not_called_a_resend(tmp_path: Path) -> None:
    """A clean 2024 report beside the office's wrong 2025 one is said to be of another year, not "可能是改好后
    重交的" (found by acceptance review: a 2021 report among 2025 ones was taken for a corrected resend)."""
    from dataclasses import replace

    from nianbao.demo import corrected_report
    from nianbao.template import build_workbook

    inbox, out = tmp_path / "收件", tmp_path / "退回"
    inbox.mkdir()
    shutil.copy(SAMPLES / "示例县" / "县自然资源局-2025年报.xlsx", inbox / "县自然资源局-2025年报.xlsx")
    fixed = corrected_report()
    last = replace(fixed, info={**fixed.info, "year": "2024"})
    (inbox / "县自然资源局-2024年报.xlsx").write_bytes(build_workbook(fixed.layout, report=last))
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out)])
    assert res.exit_code == 1, res.output
    row = next(x for x in (out / LIST_NAME).read_text(encoding="utf-8").splitlines() if "县自然资源局" in x)
    assert "2024年报.xlsx（没有发现问题，但这是 2024 年度的报告（该单位另有 2025 年度的）：请确认是否交错了文件）" in row
    assert "改好后重交" not in row


def test_a_zip_is_the_countys_to_unzip_not_an_office_to_send_back(tmp_path: Path) -> None:
    """A reviewer's finding: a .zip of reports among the files got a 退回修改通知 addressed to 报送《….zip》的单位,
    telling that office what the county should do (请先解压…收件箱和网页上传可以直接收压缩包), and was listed as
    an office to send back. It is the county's: listed apart, no notice, no marked copy."""
    import zipfile

    inbox, out = tmp_path / "收件", tmp_path / "退回"
    inbox.mkdir()
    with zipfile.ZipFile(inbox / "乡镇补报.zip", "w") as zf:
        zf.write(SAMPLES / "示例县" / "城关镇人民政府-2025年报.xlsx", "城关镇人民政府-2025年报.xlsx")
    shutil.copy(SAMPLES / "示例县" / "县教育局-2025年报.xlsx", inbox)
    res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out)])
    assert sorted(p.name for p in out.iterdir()) == [LIST_NAME]  # no notice, no marked copy
    assert "1 个没有问题的文件未生成标注副本" in res.output.replace("\n", "")  # the good one; the .zip is not "no problem"
    listed = (out / LIST_NAME).read_text(encoding="utf-8")
    back = listed.split("须退回修改")[1].split("请核对")[0]
    assert "：0 个" in back and "乡镇补报" not in back
    county = listed.split("县里先处理的文件")[1]
    assert "请解压" in county and "乡镇补报.zip" in county and "：1 个" in county
    assert "没有发现问题的文件：1 个" in listed
