"""What a clerk reads in a merge's 文件 sheet and on the console about files that are not an office's
report as sent: nianbao's own marked-up copies, identical copies, a date after today, skipped files."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import FILES_SHEET
from nianbao.merge.core import merge_files
from nianbao.template import build_workbook

L21 = get_layout("2021")
runner = CliRunner()


def _report(path: Path, office: str, seed: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_workbook(L21, report=random_report(L21, random.Random(seed), office=office,
                                                               county="西平县")))
    return path


def _files_sheet(out: Path) -> dict[str, tuple[str, str]]:
    """文件 sheet: file name -> (处理结果, 说明)."""
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb[FILES_SHEET].iter_rows(min_row=2, values_only=True))
    wb.close()
    head = list(rows[0])
    name, outcome, note = head.index("文件"), head.index("处理结果"), head.index("说明")
    return {str(r[name]): (str(r[outcome] or ""), str(r[note] or "")) for r in rows[1:] if r[name]}


def test_marked_up_copies_in_the_merged_folder_are_not_counted(tmp_path: Path) -> None:
    folder = tmp_path / "收到的年报"
    _report(folder / "县财政局-2025年报.xlsx", "县财政局", 1)
    _report(folder / "县教育局-2025年报.xlsx", "县教育局", 2)
    _report(folder / "县公安局-2025年报.xlsx", "县公安局", 3)
    marks = folder / "退回修改"
    assert runner.invoke(app, ["check", str(folder), "--annotate", str(marks), "--annotate-all"]).exit_code in (0, 1)
    time.sleep(0.05)
    _report(folder / "县财政局-2025年报（改）.xlsx", "县财政局", 4)  # the same 填报日期, sent later
    time.sleep(0.05)  # the marked copies made next are newer than the office's correction
    assert runner.invoke(app, ["check", str(folder), "--annotate", str(marks), "--annotate-all"]).exit_code in (0, 1)
    copies = sorted(p.name for p in marks.rglob("*问题标注*.xlsx"))
    assert "县财政局-2025年报（改）（问题标注）.xlsx" in copies
    out = tmp_path / "全县汇总.xlsx"
    r = runner.invoke(app, ["merge", str(folder), "-o", str(out), "--jobs", "1"])
    assert r.exit_code in (0, 1), r.output
    sheet = _files_sheet(out)
    for name in copies:
        assert [sheet[name]] == [("未读取（已跳过）", "是 nianbao 生成的问题标注副本，未计入")], (name, sheet)
        assert f"{name}：是 nianbao 生成的问题标注副本，未计入" in r.output.replace("\n", "")
    assert sheet["县财政局-2025年报（改）.xlsx"][0] == "计入汇总"
    # every file is named alike, the skipped ones too: by its name (no two inputs share one here)
    assert "退回修改名单.txt" in sheet and not [k for k in sheet if "/" in k or "\\" in k], sorted(sheet)
    assert "  退回修改名单.txt：" in r.output
    originals = [folder / n for n in ("县财政局-2025年报（改）.xlsx", "县教育局-2025年报.xlsx", "县公安局-2025年报.xlsx")]
    assert merge_files(folder.rglob("*.xlsx"), jobs=1).report.inputs == merge_files(originals, jobs=1).report.inputs


def test_inbox_add_does_not_take_a_marked_up_copy(tmp_path: Path) -> None:
    folder = tmp_path / "收到的年报"
    _report(folder / "县财政局-2025年报.xlsx", "县财政局", 1)
    assert runner.invoke(app, ["check", str(folder), "--annotate", str(folder / "退回修改"),
                               "--annotate-all"]).exit_code in (0, 1)
    db = str(tmp_path / "ib.sqlite3")
    r = runner.invoke(app, ["inbox", "add", str(folder), "--db", db])  # 1: 退回修改名单.txt is no workbook
    assert r.exit_code == 1, r.output
    line = next(x for x in r.output.splitlines() if "县财政局-2025年报（问题标注）.xlsx" in x)
    assert "未收入" in line and "是 nianbao 生成的问题标注副本" in line
    history = runner.invoke(app, ["inbox", "history", "县财政局", "--db", db, "--json"])
    assert [v["name"] for v in json.loads(history.output)] == ["县财政局-2025年报.xlsx"]


def test_a_marked_up_copy_the_office_saved_again_is_its_report(tmp_path: Path) -> None:
    """An office that corrects the marked-up copy itself and sends it back: WPS writes its own name."""
    import io
    import zipfile

    from nianbao.merge.marked import is_marked_copy

    folder = tmp_path / "in"
    _report(folder / "县财政局.xlsx", "县财政局", 1)
    runner.invoke(app, ["check", str(folder), "--annotate", str(tmp_path / "标注"), "--annotate-all"])
    copy = tmp_path / "标注" / "县财政局（问题标注）.xlsx"
    assert is_marked_copy(copy) and is_marked_copy(copy.read_bytes(), copy.name)
    out = io.BytesIO()
    with zipfile.ZipFile(copy) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/app.xml":
                data = b'<Properties><Application>WPS Office</Application></Properties>'
            dst.writestr(info, data)
    assert not is_marked_copy(out.getvalue(), copy.name)
    assert not is_marked_copy(folder / "县财政局.xlsx")


def test_a_date_after_today_is_said_as_read_not_as_unreadable(tmp_path: Path) -> None:
    import dataclasses

    folder = tmp_path / "in"
    report = random_report(L21, random.Random(5), office="县财政局", county="西平县")
    folder.mkdir()
    (folder / "县财政局-初稿.xlsx").write_bytes(build_workbook(L21, report=dataclasses.replace(
        report, info={**report.info, "date": "2099-06-01"})))
    _report(folder / "县财政局-改.xlsx", "县财政局", 6)
    later = (folder / "县财政局-初稿.xlsx").stat().st_mtime + 60  # saved a minute after the first: not a tie
    os.utime(folder / "县财政局-改.xlsx", (later, later))
    out = tmp_path / "汇总.xlsx"
    r = runner.invoke(app, ["merge", str(folder), "-o", str(out), "--jobs", "1"])
    assert r.exit_code in (0, 1), r.output
    outcome, note = _files_sheet(out)["县财政局-初稿.xlsx"]
    assert outcome == "已被更新的报告取代"
    assert "无法识别" not in note and "“2099-06-01”晚于今天" in note and "按文件修改时间比较" in note, note
    wb = openpyxl.load_workbook(out, read_only=True)
    said = " ".join(str(c) for row in wb["状态"].iter_rows(values_only=True) for c in row if c)
    wb.close()
    assert "无法识别" not in said


def test_of_identical_files_the_original_is_counted_not_the_copy(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    original = _report(folder / "县财政局-2025年报.xlsx", "县财政局", 1)
    for copy in ("县财政局-2025年报 - 副本.xlsx", "县财政局-2025年报(1).xlsx", "县财政局-2025年报 - Copy.xlsx"):
        (folder / copy).write_bytes(original.read_bytes())
    out = tmp_path / "汇总.xlsx"
    assert runner.invoke(app, ["merge", str(folder), "-o", str(out), "--jobs", "1"]).exit_code in (0, 1)
    sheet = _files_sheet(out)
    assert sheet.pop("县财政局-2025年报.xlsx")[0] == "计入汇总"
    assert set(sheet.values()) == {("重复文件", "与 县财政局-2025年报.xlsx 相同")}, sheet


def test_a_marked_copy_is_told_from_the_byte_check_as_from_the_file(tmp_path: Path) -> None:
    """The merge's worker tells a marked-up copy from what the byte check inflated (``is_marked_inspected``):
    the same verdicts as opening the file, for the copy, the copy saved again by WPS, the report itself, a
    damaged copy the byte check does not take for an .xlsx, and a copy under another suffix."""
    import io
    import zipfile

    from nianbao.merge.marked import is_marked_copy, is_marked_inspected
    from nianbao.read.safety import inspect_bytes

    folder = tmp_path / "in"
    report = _report(folder / "县财政局.xlsx", "县财政局", 1)
    runner.invoke(app, ["check", str(folder), "--annotate", str(tmp_path / "标注"), "--annotate-all"])
    copy = (tmp_path / "标注" / "县财政局（问题标注）.xlsx").read_bytes()
    wps = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(copy)) as src, zipfile.ZipFile(wps, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/app.xml":
                data = b'<Properties><Application>WPS Office</Application></Properties>'
            dst.writestr(info, data)
    crowded = io.BytesIO()  # more parts than a workbook has: the byte check says "unsafe", the zip opens
    with zipfile.ZipFile(io.BytesIO(copy)) as src, zipfile.ZipFile(crowded, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(2001):
            dst.writestr(f"customXml/item{i}.xml", b"<a/>")
    damaged = crowded.getvalue()
    assert inspect_bytes(damaged).kind == "unsafe"
    cases = {"copy": (copy, "a.xlsx"), "wps": (wps.getvalue(), "a.xlsx"), "report": (report.read_bytes(), "a.xlsx"),
             "damaged": (damaged, "a.xlsx"), "other suffix": (copy, "a.ods")}
    verdicts = {k: (is_marked_inspected(data, name, inspect_bytes(data)), is_marked_copy(data, name))
                for k, (data, name) in cases.items()}
    assert verdicts == {"copy": (True, True), "wps": (False, False), "report": (False, False),
                        "damaged": (True, True), "other suffix": (False, False)}


def test_a_merge_worker_opens_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a file for a merge (digest, byte check, report, marked copy or not) opens it once."""
    import builtins
    import os

    from nianbao.merge.reading import _read_one, default_reader

    path = str(_report(tmp_path / "县财政局.xlsx", "县财政局", 1))
    opened: list[object] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(file: object, *args: object, **kw: object) -> int:
        opened.append(file)
        return real_os_open(file, *args, **kw)  # type: ignore[arg-type]

    def py_open(file: object, *args: object, **kw: object) -> object:
        opened.append(file)
        return real_open(file, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", py_open)
    packed, digest, _mtime, marked = _read_one(default_reader, path)
    assert [str(p) for p in opened if str(p) == path] == [path]
    assert digest and not marked and packed[1] is not None


def test_a_file_the_byte_check_cannot_inflate_is_said_as_check_says_it(tmp_path: Path) -> None:
    """A worksheet-free part whose deflate stream is broken makes the byte check raise: the merge's worker
    then leaves the file to the reader, which says it is damaged (FILE-CORRUPT), as ``check`` does, instead
    of the worker failing (MERGE-CRASH)."""
    import zipfile

    from nianbao.check.checkfile import check_file
    from nianbao.merge.reading import _read_one, default_reader, unpack_answer

    path = _report(tmp_path / "县财政局.xlsx", "县财政局", 1)
    data = bytearray(path.read_bytes())
    styles = zipfile.ZipFile(path).getinfo("xl/styles.xml")
    start = styles.header_offset + 30 + len(styles.filename.encode()) + len(styles.extra)
    data[start + 10:start + 40] = b"\x00" * 30
    path.write_bytes(bytes(data))
    read = unpack_answer(_read_one(default_reader, str(path))[0])
    expected = check_file(path)
    assert [(f.code, f.message) for f in read.findings] == [(f.code, f.message) for f in expected.findings]
    assert read.kind == expected.kind == "unreadable" and read.findings[0].code == "FILE-CORRUPT"
