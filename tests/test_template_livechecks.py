"""The 校验 sheet's own checks agree with ``check`` about the input cells: text pasted into a count cell
("１２", which a spreadsheet's SUM skips), a negative or a fraction fail it, as LibreOffice computes it; a
blank template says 尚未填写, not 全部通过."""

from __future__ import annotations

import io
import random
import warnings
from pathlib import Path

import openpyxl
import pytest

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.findings import rule_name
from nianbao.form.registry import get_layout
from nianbao.form.sheets import CHECK_SHEET, info_cell
from nianbao.template import build_workbook
from nianbao.template.livechecks import UNFILLED

pytestmark = [pytest.mark.libreoffice, needs_libreoffice]

L21 = get_layout("2021")
L19 = get_layout("2019")


def _filled(tmp_path: Path, name: str, layout, changes: dict[str, object], year: int) -> Path:  # type: ignore[no-untyped-def]
    """A report filled into the template with openpyxl, as a clerk's program writes cells."""
    report = random_report(layout, random.Random(5), office="县民政局", category="县直部门", year=year)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(build_workbook(layout)))
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        wb[sheet][a1].value = changes.get(spec.key, report.inputs[spec.key])  # type: ignore[assignment]
    wb["基本信息"][info_cell(layout, "preparer")].value = "张三"
    p = tmp_path / f"{name}.xlsx"
    wb.save(p)
    return p


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("src")
    key = "t3.new.natural_person"
    files = {
        "text": _filled(src, "text", L21, {key: "１２"}, 2025),
        "negative": _filled(src, "negative", L21, {"t4.review.upheld": -1}, 2025),
        "fraction": _filled(src, "fraction", L19, {"t3.new.business": 1.5}, 2020),
        "ok": _filled(src, "ok", L21, {}, 2025),
    }
    blank = src / "blank.xlsx"
    blank.write_bytes(build_workbook(L21))
    files["blank"] = blank
    out = convert(list(files.values()), "xlsx", tmp_path_factory.mktemp("lo"))
    return dict(zip(files, out, strict=True))


def _status(path: Path) -> tuple[str, list[tuple[str, str]]]:
    ws = openpyxl.load_workbook(path, data_only=True)[CHECK_SHEET]
    failed = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(4, ws.max_row + 1)
              if ws.cell(r, 5).value not in (None, "通过")]
    return ws["B1"].value, failed


def test_text_in_a_count_cell_fails_the_check_sheet(recalculated: dict[str, Path]) -> None:
    status, failed = _status(recalculated["text"])
    assert status.startswith("✘") and "全部" not in status
    assert (rule_name("VALUE-COUNT"), "表三 填报单元格：文字、负数、小数") in failed
    ws = openpyxl.load_workbook(recalculated["text"], data_only=True)[CHECK_SHEET]
    shown = [ws.cell(r, c).value for r in range(4, ws.max_row + 1) for c in (3, 4, 5)]
    assert not [v for v in shown if isinstance(v, str) and v.startswith("#")]  # no #VALUE! for the text
    # and check, on the same file saved by LibreOffice, says something is wrong at that cell too
    found = {(f.code, f.cell) for f in check_file(recalculated["text"]).findings}
    assert {("READ-COERCED", L21.a1("t3.new.natural_person")[1]),
            ("READ-TEXT-TOTALS", L21.a1("t3.new.natural_person")[1])} & found


@pytest.mark.parametrize(("case", "sheet"), [("negative", "表四"), ("fraction", "表三")])
def test_a_negative_or_a_fraction_fails_the_check_sheet(recalculated: dict[str, Path], case: str, sheet: str) -> None:
    status, failed = _status(recalculated[case])
    assert status.startswith("✘")
    assert (rule_name("VALUE-COUNT"), f"{sheet} 填报单元格：文字、负数、小数") in failed


def test_a_filled_report_passes_and_a_blank_template_is_not_yet_filled(recalculated: dict[str, Path]) -> None:
    status, failed = _status(recalculated["ok"])
    assert status.startswith("✔ 全部") and failed == []
    status, _ = _status(recalculated["blank"])
    assert status == UNFILLED
    assert "通过" not in status
