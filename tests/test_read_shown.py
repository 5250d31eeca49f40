"""What the sheet shows and what it stores: a message about a number the sheet shows rounded names
both, and a year typed with words is read with a word, like a number cell. Saved by LibreOffice."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import INFO_SHEET, info_cell
from nianbao.read.shown import format_number
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import set_cells

L21 = get_layout("2021")
REPORT = random_report(L21, random.Random(11), office="柏城街道办事处", category="街道办事处")
YEAR = info_cell(L21, "year")


@pytest.mark.parametrize(("value", "code", "shown"), [
    (2.5, "0", "3"), (1.23456, "0.0000", "1.2346"), (1234.5, "#,##0.00", "1,234.50"), (0.125, "0.0%", "12.5%"),
    (3.0, '0"件"', "3件"), (2.5, "General", None), (45000.5, "yyyy-mm-dd", None), (-2.5, "0", "-3")])
def test_format_number(value: float, code: str, shown: str | None) -> None:
    assert format_number(value, code) == shown


@needs_libreoffice
@pytest.mark.libreoffice
@pytest.mark.slow
def test_messages_name_what_is_stored_and_what_the_sheet_shows(tmp_path: Path) -> None:
    src = tmp_path / "shown.xlsx"
    src.write_bytes(set_cells(build_workbook(L21, report=REPORT), {
        ("表三", "D6"): 2.5, ("表二", "B16"): 1.23456, (INFO_SHEET, YEAR): "2025年"}))
    (saved,) = convert([src], "xlsx", tmp_path / "lo")
    found = {f.code: f for f in check_file(saved).findings}
    count = found["VALUE-COUNT"]
    assert count.cell == "D6" and "实填“2.5”（表格中显示为“3”）" in count.message
    fee = found["VALUE-FEE-DECIMALS"]
    assert fee.cell == "B16" and "1.23456（表格中显示为“1.2346”）" in fee.message
    year = found["INFO-YEAR-COERCED"]
    assert (year.sheet, year.cell, year.actual, year.expected, str(year.severity)) == (
        INFO_SHEET, YEAR, "2025年", "2025", "warning")
    assert "已按 2025 读取" in year.message
