"""A table typed in a text-formatted sheet (WPS): every figure is the text "8", not the number 8. The
reader reads them; the office's own SUM formulas skip text, so its workbook and printout show wrong
totals. One finding for the table, an error naming the totals, and the office is sent back."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import set_cells

L21 = get_layout("2021")
REPORT = random_report(L21, random.Random(5), office="县教育局", category="县直部门")


@needs_libreoffice
@pytest.mark.libreoffice
def test_a_table_typed_as_text_is_one_error_and_sent_back(tmp_path: Path) -> None:
    t3 = [k for k in REPORT.inputs if L21.a1(k)[0] == "表三"]
    typed = tmp_path / "typed.xlsx"
    typed.write_bytes(set_cells(build_workbook(L21, report=REPORT),
                                {L21.a1(k): str(REPORT.inputs[k]) for k in t3}))
    [src] = convert(typed, "xlsx", tmp_path / "lo")  # recalculated by LibreOffice: its totals skip the text
    result = check_file(src)
    on_t3 = [f for f in result.findings if f.sheet == "表三"]
    assert [f.code for f in on_t3] == ["READ-TEXT-TOTALS"]
    (f,) = on_t3
    assert f.is_error and result.status == "有错误"
    assert {f.cell, *f.cells} == {L21.a1(k)[1] for k in t3}
    assert f"{len(t3)} 个单元格填的是文字" in f.message
    total_a1 = L21.a1("t3.new.total")[1]
    assert f"{total_a1} 显示 0，应为 {REPORT.values['t3.new.total']}" in f.message
    assert result.report is not None and result.report.values == REPORT.values  # read as the numbers meant
    out = tmp_path / "标注"
    res = CliRunner().invoke(app, ["check", str(src), "--annotate", str(out)])
    roster = (out / "退回修改名单.txt").read_text(encoding="utf-8-sig")
    sent_back = roster.split("须退回修改的单位")[1].split("请核对的单位")[0]
    assert "县教育局" in sent_back, res.output


def test_text_cells_holding_zero_stay_one_warning(tmp_path: Path) -> None:
    """Text "0" changes no total: one warning for the table, not one per cell."""
    zeros = [k for k, v in REPORT.inputs.items() if L21.a1(k)[0] == "表三" and v == 0][:5]
    p = tmp_path / "zeros.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), {L21.a1(k): "0" for k in zeros}))
    result = check_file(p)
    assert [(f.code, str(f.severity)) for f in result.findings] == [("READ-TEXT-NUMBERS", "warning")]
    assert {result.findings[0].cell, *result.findings[0].cells} == {L21.a1(k)[1] for k in zeros}
    assert result.status == "有警告"
