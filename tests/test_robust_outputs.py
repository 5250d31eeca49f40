"""Outputs that must not die part-way or lie: annotating odd files, nothing checked, inputs never
overwritten, damaged documents imported."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.check.annotate import annotate_file
from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.form.sheets import INFO_SHEET, ISSUES_SHEET, info_cell

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import filled, set_cells, sheet_parts

runner = CliRunner()


def _load(p: Path):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(p)


def test_annotate_a_file_with_control_characters(tmp_path: Path) -> None:
    """Excel and LibreOffice store a control character as _x0001_; read back, openpyxl refuses it."""
    report, data = filled(seed=3, category="县直部门")
    p = tmp_path / "ctl.xlsx"
    p.write_bytes(set_cells(data, {(INFO_SHEET, info_cell(report.layout, "office")): "县_x0001_财政局_x001B_[31m",
                                   ("表三", "E8"): "5_x0002_件"}))
    result = check_file(p)
    assert "\x01" in result.office and result.errors == 1
    done = annotate_file(result, tmp_path / "out")
    assert done.output, done.note
    wb = _load(Path(done.output))
    assert "县\\x01财政局\\x1b[31m" in wb[ISSUES_SHEET]["A1"].value
    assert "5\\x02件" in wb["表三"]["E8"].comment.text


def test_annotate_a_merged_range_over_the_rest_of_a_sheet(tmp_path: Path) -> None:
    """openpyxl makes one object per merged cell: P1:XFD1048576 would never finish loading."""
    _r, data = filled(seed=3, category="县直部门")
    data = set_cells(data, {("表三", "E8"): "abc"})
    part = sheet_parts(data)["表三"]
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            body = src.read(name)
            if name == part:
                xml = body.decode()
                m = re.search(r'<mergeCells count="(\d+)">', xml)
                assert m
                body = xml.replace(m.group(0), f'<mergeCells count="{int(m.group(1)) + 1}">'
                                               '<mergeCell ref="P1:XFD1048576"/>').encode()
            z.writestr(name, body)
    p = tmp_path / "merged.xlsx"
    p.write_bytes(out.getvalue())
    code = ("import sys; from pathlib import Path; from nianbao.check.checkfile import check_file;"
            "from nianbao.check.annotate import annotate_file;"
            "d = annotate_file(check_file(sys.argv[1]), Path(sys.argv[2])); print(d.output); print(d.note)")
    res = subprocess.run([sys.executable, "-c", code, str(p), str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    output, note = res.stdout.splitlines()
    assert output.endswith("merged（问题标注）.xlsx") and "合并单元格" in note
    wb = _load(Path(output))
    assert wb["表三"]["E8"].comment is not None and "合并单元格" in wb[ISSUES_SHEET]["A2"].value


def test_nothing_checked_is_not_a_clean_exit(tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("不是工作簿", encoding="utf-8")
    (tmp_path / "~$锁.xlsx").write_bytes(b"lock")
    res = runner.invoke(app, ["check", str(tmp_path)])
    assert res.exit_code == 2
    text = res.output + (res.stderr if res.stderr_bytes is not None else "")
    assert "没有检查任何文件" in text and "说明.txt" in text
    res = runner.invoke(app, ["check", "--json", str(tmp_path)])
    assert res.exit_code == 2


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _digest(p: Path) -> str:
    import hashlib

    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_merge_never_writes_over_an_input(tmp_path: Path) -> None:
    import shutil

    inbox = tmp_path / "收件"
    shutil.copytree(SAMPLES / "示例县", inbox)
    office = inbox / "城关镇人民政府-2025年报.xlsx"
    before = _digest(office)
    res = runner.invoke(app, ["merge", *map(str, sorted(inbox.glob("*.xlsx"))), "-o", str(office), "--force"])
    assert res.exit_code == 2 and "不能覆盖输入文件" in res.output.replace("\n", "")
    assert _digest(office) == before
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别\n城关镇人民政府,乡镇人民政府\n", encoding="utf-8")
    res = runner.invoke(app, ["merge", str(inbox), "--roster", str(roster), "--csv", str(roster), "--force"])
    assert res.exit_code == 2 and "不能覆盖输入文件" in res.output.replace("\n", "")
    assert roster.read_text(encoding="utf-8").startswith("单位名称")
    # last run's summary among the inputs is still replaced, as before
    summary = inbox / "全县汇总.xlsx"
    assert runner.invoke(app, ["merge", str(inbox), "-o", str(summary)]).exit_code in (0, 1)
    again = runner.invoke(app, ["merge", str(inbox), "-o", str(summary), "--force"])
    assert again.exit_code in (0, 1), again.output


def test_render_never_writes_over_its_input(tmp_path: Path) -> None:
    src = tmp_path / "报告.md"
    done = runner.invoke(app, ["render", str(SAMPLES / "示例县" / "城关镇人民政府-2025年报.xlsx"), "-o", str(src)])
    assert done.exit_code == 0, done.output
    before = _digest(src)
    res = runner.invoke(app, ["render", str(src), "-o", str(src)])
    assert res.exit_code == 2 and "不能覆盖输入文件" in res.output.replace("\n", "")
    assert _digest(src) == before


def test_import_of_a_damaged_or_swollen_docx_is_a_message(tmp_path: Path) -> None:
    import docx

    good = tmp_path / "good.docx"
    d = docx.Document()
    d.add_paragraph("某县财政局2025年政府信息公开工作年度报告")
    d.save(str(good))
    src = zipfile.ZipFile(good)
    body = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>" + "年" * (60 * 1024 * 1024) + "</w:t></w:r></w:p></w:body></w:document>").encode()
    for name, change in (("malformed.docx", lambda b: b[: len(b) // 2]), ("bomb.docx", lambda _b: body)):
        with zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_DEFLATED) as z:
            for member in src.namelist():
                data = src.read(member)
                z.writestr(member, change(data) if member == "word/document.xml" else data)
    res = runner.invoke(app, ["import", str(tmp_path / "malformed.docx"), str(tmp_path / "bomb.docx"),
                              "-o", str(tmp_path / "out"), "--json"])
    assert res.exit_code == 1, res.output
    import json

    messages = [f["findings"][0]["message"] for f in json.loads(res.stdout)]
    assert "可能已损坏" in messages[0] and "另存为 .docx" in messages[0]
    assert "远大于正常的年报" in messages[1]
