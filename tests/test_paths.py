"""Every path given or found is accounted for: read, or skipped with the reason, on screen and in the
summary's 文件 sheet. Reports saved with odd names are read; lock files, loops and pipes are skipped."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.form.sheets import FILES_SHEET
from nianbao.read.paths import collect_paths

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
COUNTY, LO = SAMPLES / "示例县", SAMPLES / "示例县-LibreOffice"
runner = CliRunner()


def _inbox(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A 收件 folder as clerks fill it: (folder, the reports by where they are, the skipped by what)."""
    inbox, outside = tmp_path / "收件", tmp_path / "别处"
    (inbox / "部门").mkdir(parents=True)
    outside.mkdir()
    reports = {
        "部门/县教育局.xltx": COUNTY / "县教育局-2025年报.xlsx",  # saved as a template
        "部门/县政府办公室": COUNTY / "县政府办公室-2025年报.xlsx",  # no extension
        "部门/东湖街道办事处": LO / "东湖街道办事处-2025年报.ods",  # LibreOffice .ods, no extension
        "部门/城关镇人民政府": LO / "城关镇人民政府-2025年报.xls",  # LibreOffice .xls, no extension
        "县自然资源局.xlsx ": COUNTY / "县自然资源局-2025年报.xlsx",  # a trailing space
        ".县市场监督管理局.xlsx": COUNTY / "县市场监督管理局-2025年报.xlsx",  # starts with '.'
    }
    for where, src in reports.items():
        shutil.copy(src, inbox / where)
    shutil.copy(COUNTY / "城关镇人民政府-2025年报.xlsx", outside / "城关镇（另存）.xlsx")
    (inbox / "链接").symlink_to(outside, target_is_directory=True)  # a folder linked in
    (inbox / "部门" / "环").symlink_to(inbox, target_is_directory=True)  # a link loop
    (inbox / "~$县教育局.xlsx").write_bytes(b"\x0b" + "张三".encode("utf-16-le"))  # Excel's lock file
    (inbox / ".~lock.县教育局.xlsx#").write_text(",张三,PC,2026;", encoding="utf-8")  # LibreOffice's
    (inbox / "说明.docx").write_bytes(b"PK\x03\x04")
    os.mkfifo(inbox / "管道.xlsx")  # would hang whoever opens it
    (inbox / "断链.xlsx").symlink_to(tmp_path / "不存在.xlsx")
    skipped = {"~$县教育局.xlsx": "锁定文件", ".~lock.县教育局.xlsx#": "锁定文件", "说明.docx": "不是 Excel 工作簿",
               "管道.xlsx": "不是普通文件", "断链.xlsx": "链接指向的文件不存在", "部门/环": "循环链接"}
    return inbox, {**{k: str(v) for k, v in reports.items()}, "链接/城关镇（另存）.xlsx": ""}, skipped


def test_every_file_found_is_read_or_skipped_with_a_reason(tmp_path: Path) -> None:
    inbox, reports, skipped = _inbox(tmp_path)
    files, left = collect_paths([inbox])
    assert sorted(str(f.relative_to(inbox)) for f in files) == sorted(reports)
    reasons = {str(Path(p).relative_to(inbox)): why for p, why in left}
    assert set(reasons) == set(skipped)
    for where, word in skipped.items():
        assert word in reasons[where] and reasons[where].endswith("已跳过")


def test_check_and_merge_account_for_every_file(tmp_path: Path) -> None:
    inbox, reports, skipped = _inbox(tmp_path)
    res = runner.invoke(app, ["check", "--json", str(inbox)])
    doc = json.loads(res.stdout)
    read = {str(Path(f["path"]).relative_to(inbox)): f for f in doc["files"]}
    assert set(read) == set(reports)
    assert all(f["status"] != "无法读取" for f in read.values()), [f["findings"] for f in read.values()]
    assert {str(Path(s["path"]).relative_to(inbox)) for s in doc["skipped"]} == set(skipped)
    out = tmp_path / "全县汇总.xlsx"
    res = runner.invoke(app, ["merge", str(inbox), "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    wb = load_workbook(out, read_only=True)
    rows = [r for r in wb[FILES_SHEET].iter_rows(min_row=3, values_only=True) if r[1]]
    wb.close()  # read-only keeps the file open: closed here, not in a later test's garbage collection
    listed = "\n".join(str(r[1]) for r in rows)
    for where in [*reports, *skipped]:
        assert Path(where).name in listed, where
    why = {Path(str(r[1])).name: str(r[10] or "") for r in rows if r[6] == "未读取（已跳过）"}
    assert "不是普通文件" in why["管道.xlsx"] and "锁定文件" in why["~$县教育局.xlsx"]


def test_a_file_named_like_an_option_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``nianbao merge *.xlsx`` with a file -o.xlsx in the folder: click would read ``-o .xlsx``."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(COUNTY / "县教育局-2025年报.xlsx", "-o.xlsx")
    shutil.copy(COUNTY / "县政府办公室-2025年报.xlsx", "b.xlsx")
    res = runner.invoke(app, ["merge", "-o.xlsx", "b.xlsx"])
    assert res.exit_code == 0, res.output
    assert not Path(".xlsx").exists() and "县教育局" in res.output and "县政府办公室" in res.output
    res = runner.invoke(app, ["merge", "-o", "汇总.xlsx", "--", "-o.xlsx", "b.xlsx"])  # -- ends the options
    assert res.exit_code == 0, res.output
    assert Path("汇总.xlsx").exists() and not Path(".xlsx").exists()
    res = runner.invoke(app, ["check", "--", "-o.xlsx"])
    assert res.exit_code == 0 and "县教育局" in res.output
    assert "--" in runner.invoke(app, ["merge", "--help"]).output.split("-- 之后")[0]


def test_a_zip_in_a_folder_is_refused_as_one_not_skipped_in_silence(tmp_path: Path) -> None:
    """The reports inside a .zip were not checked: check says so and exits 1, and says to unzip."""
    import zipfile

    samples = Path(__file__).parent.parent / "samples" / "示例县"
    folder = tmp_path / "收到"
    folder.mkdir()
    with zipfile.ZipFile(folder / "收到的年报.zip", "w") as z:
        for p in sorted(samples.glob("*.xlsx")):
            z.write(p, p.name)
    res = CliRunner().invoke(app, ["check", "--json", str(folder)])
    run = json.loads(res.output)
    assert res.exit_code == 1 and run["skipped"] == []
    [row] = run["files"]
    assert row["status"] == "无法读取" and "请先解压" in row["findings"][0]["message"]
