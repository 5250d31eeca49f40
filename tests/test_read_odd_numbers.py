"""Numbers no report can hold, formulas without results, and amounts that read well but look wrong:
each said at its cell, never a silent 0 and never a figure that breaks a sum."""

from __future__ import annotations

import random
import sys
import warnings
from decimal import Decimal
from pathlib import Path

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.merge.core import merge_files
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import CellValue, set_cells

L21 = get_layout("2021")
L19 = get_layout("2019")
REPORT = random_report(L21, random.Random(11), office="柏城街道办事处", category="街道办事处")


def _findings(path: Path, *codes: str) -> dict[str, tuple[str, str, str]]:
    """cell -> (code, severity, message) of the findings of ``codes``."""
    return {f.cell: (f.code, str(f.severity), f.message) for f in check_file(path).findings if f.code in codes}


def test_formulas_without_results_are_computed_or_named(tmp_path: Path) -> None:
    """`=3+4` written by openpyxl has no stored result: calamine reads the cell as empty. Simple
    arithmetic and a SUM over the sheet's numbers are computed (a warning at the cell); any other
    formula is an error at its cell; none of them is a silent 0 under 未填写."""
    from openpyxl import load_workbook

    blank = tmp_path / "模板.xlsx"
    blank.write_bytes(build_workbook(L21, office="某某镇人民政府", year=2025))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(blank)
    ws = wb["表三"]
    ws["D6"] = "=3+4"
    ws["E6"] = 5
    ws["F6"] = "=SUM(D6:E6)*2"  # 7 is not stored either: computed first
    ws["G6"] = "=(10-4)/3"
    ws["H6"] = "=VLOOKUP(1,A1:B2,2)"
    ws["I6"] = "=表二!B5"
    p = tmp_path / "某某镇.xlsx"
    wb.save(p)
    result = check_file(p)
    # (the columns no longer balance: T3-BALANCE is at their 一, the same cells, and not what is asserted here)
    got = {f.cell: f for f in result.findings if f.sheet == "表三" and f.cell in ("D6", "F6", "G6", "H6", "I6")
           and f.code != "T3-BALANCE"}
    assert {c: (f.code, f.expected) for c, f in got.items()} == {
        "D6": ("READ-FORMULA", "7"), "F6": ("READ-FORMULA", "24"), "G6": ("READ-FORMULA", "2"),
        "H6": ("VALUE-FORMULA", None), "I6": ("VALUE-FORMULA", None)}
    assert "“=3+4”" in got["D6"].message and "已按 7 读取" in got["D6"].message
    assert got["H6"].is_error and "VLOOKUP" in got["H6"].message and got["H6"].row_label
    assert result.report is not None
    by_a1 = {L21.a1(k): v for k, v in result.report.inputs.items()}
    assert [by_a1[("表三", a1)] for a1 in ("D6", "E6", "F6", "G6", "H6", "I6")] == [7, 5, 24, 2, 0, 0]
    assert not [f for f in result.findings if f.code == "READ-BLANK" and f.sheet == "表三"]
    assert result.status == "有错误"


def test_absurd_magnitudes_are_errors_at_their_cells(tmp_path: Path) -> None:
    """1e308 in a count cell, 1e15 万元 as the fee, a 400-digit number, inf: each an error at its cell,
    read as 0; merging such files with good ones neither crashes nor writes inf."""
    cells = [a1 for _sheet, a1 in (L21.a1(k) for k in REPORT.inputs if k.startswith("t3."))][:3]
    bad = {("表三", cells[0]): 1e308, ("表三", cells[1]): "1" * 400, ("表三", cells[2]): "inf",
           ("表二", "B16"): 1e15}
    p = tmp_path / "huge.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), bad))
    found = _findings(p, "VALUE-HUGE", "VALUE-COUNT")
    assert {c: (code, sev) for c, (code, sev, _m) in found.items()} == {
        cells[0]: ("VALUE-HUGE", "error"), cells[1]: ("VALUE-HUGE", "error"), cells[2]: ("VALUE-COUNT", "error"),
        "B16": ("VALUE-HUGE", "error")}
    assert "超过 10 亿" in found[cells[0]][2] and "1 亿万元" in found["B16"][2]
    assert "共 400 个字符" in found[cells[1]][2]
    assert "填的是“1000000000000000”" in found["B16"][2]  # as typed: no ".0", not 1e+15
    result = check_file(p)
    assert result.report is not None and result.report.inputs["t2.fees.amount"] == 0
    assert all(abs(v) <= 10**9 for v in result.report.inputs.values())
    # two such files and a good one: the merge runs, every figure finite
    q = tmp_path / "huge2.xlsx"
    q.write_bytes(p.read_bytes())
    good = tmp_path / "good.xlsx"
    other = random_report(L21, random.Random(12), office="某某镇人民政府", category="乡镇人民政府")
    good.write_bytes(build_workbook(L21, report=other))
    merged = merge_files([p, q, good], name="测试县")
    assert merged.report is not None
    assert all(Decimal(v).is_finite() and abs(v) <= 10**10 for v in merged.report.values.values())


def test_fee_with_more_than_four_decimals_outside_henan_is_a_warning(tmp_path: Path) -> None:
    """The national format sets no limit of decimals; more than 4 (finer than a yuan) is a warning with
    its remedy, the figure kept as typed. Henan's 4 decimals stay an error (VALUE-FEE)."""
    p = tmp_path / "fee.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), {("表二", "B16"): 1.23456}))
    result = check_file(p)
    got = [(f.code, f.cell, str(f.severity)) for f in result.findings]
    assert got == [("VALUE-FEE-DECIMALS", "B16", "warning")]
    assert "5 位小数" in result.findings[0].message and result.status == "有警告"
    assert result.report is not None and result.report.inputs["t2.fees.amount"] == Decimal("1.23456")
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), {("表二", "B16"): 1.2345}))
    assert check_file(p).findings == ()


def test_procurement_amount_in_yuan_is_a_warning(tmp_path: Path) -> None:
    """The 2019 format's 采购总金额 is in 万元: 3,500,000 typed (3.5 million 元) would be 350 亿元."""
    r19 = random_report(L19, random.Random(3), office="某某县财政局", category="县直部门", year=2020)
    sheet, a1 = L19.a1("t2.procurement.amount")
    p = tmp_path / "p.xlsx"
    p.write_bytes(set_cells(build_workbook(L19, report=r19), {(sheet, a1): 3500000}))
    got = [(f.code, f.cell) for f in check_file(p).findings]
    assert got == [("VALUE-AMOUNT-YUAN", a1)]
    msg = check_file(p).findings[0].message
    assert "35,000,000,000 元" in msg
    p.write_bytes(set_cells(build_workbook(L19, report=r19), {(sheet, a1): 350}))
    assert check_file(p).findings == ()


def _swap_columns(report: Report, a: str, b: str) -> dict[tuple[str, str], CellValue]:
    """表三 with the columns of ``a`` and ``b`` (column keys) swapped, headers and figures."""
    cells: dict[tuple[str, str], CellValue] = {}
    for key, value in report.values.items():
        if key.startswith("t3.") and key.endswith(f".{a}"):
            other = key[: -len(a)] + b
            cells[L21.a1(key)] = report.values[other]
            cells[L21.a1(other)] = value
    return cells


def _differ(report: Report, a: str, b: str) -> bool:
    return any(v != report.values[k[: -len(a)] + b] for k, v in report.values.items() if k.endswith(f".{a}"))


def test_columns_swapped_with_their_headers_are_read_by_their_headers(tmp_path: Path) -> None:
    """自然人 and 其他 swapped, headers and figures: every figure is read from the column its header
    names (as STRUCT-COLUMNS says), and the swap is named."""
    report = next(r for r in (random_report(L21, random.Random(i), category="县直部门", scale=40) for i in range(50))
                  if _differ(r, "natural_person", "other_org"))
    cells = {**_swap_columns(report, "natural_person", "other_org"), ("表三", "D4"): "其他", ("表三", "I5"): "自然人"}
    p = tmp_path / "swapped.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=report), cells))
    result = check_file(p)
    assert result.report is not None
    assert dict(result.report.inputs) == dict(report.inputs)
    assert [(f.code, f.cell, f.message) for f in result.findings if f.code.startswith("STRUCT")] == [
        ("STRUCT-COLUMNS", "D3", "表三 列的顺序与官方格式不同（D 列是“其他”，I 列是“自然人”）。"
                                 "数据已按各列名称读取，但表格结构与官方格式不一致。")]
    assert result.status == "有错误"
