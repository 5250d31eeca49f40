"""One table-driven test per rule, asserting (code, sheet, cell) tuples: on reports (library level) and
on filled workbooks read back (file level)."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.formats import get_layout
from nianbao.model import Report
from nianbao.reader import read_file
from nianbao.synth import random_report
from nianbao.template import build_workbook
from nianbao.validate import validate_report

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import set_cells

L21 = get_layout("2021")
HENAN = get_layout("2021", "henan")


def base(layout=L21, **kw) -> Report:  # type: ignore[no-untyped-def]
    kw.setdefault("office", "柏城街道办事处")
    kw.setdefault("category", "街道办事处")
    return random_report(layout, random.Random(7), **kw)


def bumped(r: Report, key: str, by: int = 1) -> Report:
    return replace(r, inputs={**r.inputs, key: r.inputs[key] + by})


def stated(r: Report, key: str, value: int) -> Report:
    return replace(r, stated={**r.values, key: value})


def with_info(r: Report, **info: str) -> Report:
    return replace(r, info={**r.info, **info})


R = base()
# (rule, report, expected findings)
REPORT_CASES: list[tuple[str, Report, set[tuple[str, str, str]]]] = [
    ("clean", R, set()),
    ("T3-BALANCE", bumped(R, "t3.new.natural_person"), {("T3-BALANCE", "表三", "D30"), ("T3-BALANCE", "表三", "J30")}),
    ("T3-BALANCE other column", bumped(R, "t3.carry_forward.research"),
     {("T3-BALANCE", "表三", "F30"), ("T3-BALANCE", "表三", "J30")}),
    ("T3-ROWTOTAL", stated(R, "t3.new.total", 999), {("T3-ROWTOTAL", "表三", "J6")}),
    ("T3-RESULTTOTAL", stated(R, "t3.result_total.business", 999), {("T3-RESULTTOTAL", "表三", "E29")}),
    ("T4-TOTAL", stated(R, "t4.suit_direct.total", 999), {("T4-TOTAL", "表四", "J6")}),
    ("VALUE-COUNT negative", replace(R, inputs={**R.inputs, "t2.normative.issued": -2}), {("VALUE-COUNT", "表二", "B6")}),
    ("VALUE-COUNT fraction", replace(R, inputs={**R.inputs, "t2.normative.issued": Decimal("1.5")}),
     {("VALUE-COUNT", "表二", "B6")}),
    ("VALUE-FEE henan decimals", replace(base(HENAN), inputs={**base(HENAN).inputs, "t2.fees.amount": Decimal("1.23456")}),
     {("VALUE-FEE", "表二", "B16")}),
    ("VALUE-FEE negative", replace(R, inputs={**R.inputs, "t2.fees.amount": Decimal("-1")}), {("VALUE-FEE", "表二", "B16")}),
    ("L-RULES", replace(R, inputs={**R.inputs, "t2.rules.issued": 2}), {("L-RULES", "表二", "B5")}),
    ("L-RULES city office may make rules", replace(with_info(R, category="其他"), inputs={**R.inputs, "t2.rules.issued": 2}),
     set()),
    ("N-TEXT", replace(R, texts={"overview.request": "本年度共收到政府信息公开申请 999 件，均按时答复。"}),
     {("N-TEXT", "正文", "B3")}),
    ("N-TEXT agrees", replace(R, texts={"overview.request": f"本年度共收到政府信息公开申请{R.values['t3.new.total']}件。"}),
     set()),
    ("N-TEXT review", replace(R, texts={"overview.supervision": "全年发生政府信息公开行政复议 9 件，行政诉讼 8 件。"}),
     {("N-TEXT", "正文", "B6")}),  # two findings (复议 and 诉讼), one cell
    ("INFO-OFFICE", with_info(R, office=""), {("INFO-OFFICE", "基本信息", "B2")}),
    ("INFO-YEAR", with_info(R, year="去年"), {("INFO-YEAR", "基本信息", "B5")}),
    ("INFO-YEAR-FORMAT", with_info(R, year="2020"), {("INFO-YEAR-FORMAT", "基本信息", "B5")}),
]


@pytest.mark.parametrize(("rule", "report", "expected"), REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_rule_on_report(rule: str, report: Report, expected: set[tuple[str, str, str]]) -> None:
    got = {(f.code, f.sheet, f.cell) for f in validate_report(report, "x.xlsx")}
    assert got == expected


def test_n_text_message_quotes_both_figures() -> None:
    r = replace(R, texts={"overview.request": "本年度共收到政府信息公开申请 999 件"})
    (f,) = validate_report(r)
    assert f.actual == "999" and f.expected == str(R.values["t3.new.total"])
    assert "999" in f.message and "表三" in f.message


# -- the same rules on workbooks read back ------------------------------------------------------------
def _write(tmp_path: Path, report: Report, cells: dict | None = None, name: str = "r.xlsx") -> Path:  # type: ignore[type-arg]
    data = build_workbook(report.layout, report=report)
    if cells:
        data = set_cells(data, cells)
    p = tmp_path / name
    p.write_bytes(data)
    return p


FILE_CASES: list[tuple[str, Report, dict, set[tuple[str, str, str]]]] = [  # type: ignore[type-arg]
    ("clean", R, {}, set()),
    ("T3-BALANCE", bumped(R, "t3.disclosed.natural_person"), {}, {("T3-BALANCE", "表三", "D30"), ("T3-BALANCE", "表三", "J30")}),
    ("total overwritten", R, {("表三", "J29"): 1}, {("TOTAL-OVERWRITTEN", "表三", "J29")}),
    ("VALUE-COUNT text", R, {("表三", "E14"): "见附件"}, {("VALUE-COUNT", "表三", "E14")}),
    # typed over without recalculation: the total's cached value is stale too
    ("VALUE-COUNT negative", R, {("表四", "B6"): -1}, {("VALUE-COUNT", "表四", "B6"), ("TOTAL-STALE", "表四", "E6")}),
    ("VALUE-FEE", R, {("表二", "B16"): "五千元"}, {("VALUE-FEE", "表二", "B16")}),
    ("READ-BLANK", R, {("表二", "B6"): None, ("表二", "C6"): None}, {("READ-BLANK", "表二", "")}),
    ("INFO-OFFICE", R, {("基本信息", "B2"): None}, {("INFO-OFFICE", "基本信息", "B2")}),
    ("L-RULES", R, {("表二", "D5"): 3}, {("L-RULES", "表二", "D5")}),
    ("STRUCT-LABEL", R, {("表三", "C10"): "1.国家秘密"}, {("STRUCT-LABEL", "表三", "C10")}),
]


@pytest.mark.parametrize(("rule", "report", "cells", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_rule_on_file(tmp_path: Path, rule: str, report: Report, cells: dict, expected: set) -> None:  # type: ignore[type-arg]
    result = read_file(_write(tmp_path, report, cells))
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == expected


def test_stale_total_keeps_the_formula(tmp_path: Path) -> None:
    """An input changed without recalculation: the total's formula is there, its cached value is old."""
    key = "t4.review.upheld"
    p = _write(tmp_path, R, {("表四", "A6"): int(R.inputs[key]) + 1})
    got = [(f.code, f.sheet, f.cell, f.expected, f.actual) for f in read_file(p).findings]
    total = R.values["t4.review.total"]
    assert got == [("TOTAL-STALE", "表四", "E6", str(total + 1), str(total))]


def test_a_summary_reads_its_cached_values_and_offices(tmp_path: Path) -> None:
    """A merge worker's summary: level 汇总, inputs are formulas over a 明细 sheet, extra sheets."""
    from nianbao.workbook import LEVEL_SUMMARY

    offices = ("柏城街道办事处", "西平县交通运输局")

    def extend(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb.add_worksheet("明细")
        ws.write_row(0, 0, ["单位", "t3.new.natural_person"])
        wb.add_worksheet("状态").write(0, 0, "通过")
        wb.add_worksheet("问题").write(0, 0, "无")

    formulas = {k: "=明细!B2*0+" + str(v) for k, v in R.inputs.items() if k.startswith("t3.")}
    data = build_workbook(L21, report=with_info(R, office="西平县（汇总）", category="县级人民政府本级"),
                          level=LEVEL_SUMMARY, included=offices, input_formulas=formulas, extend=extend)
    p = tmp_path / "summary.xlsx"
    p.write_bytes(data)
    result = read_file(p)
    assert result.kind == "summary" and result.report is not None
    assert result.report.level == LEVEL_SUMMARY and result.report.included == offices
    assert dict(result.report.inputs) == dict(R.inputs)
    assert result.findings == ()


def test_identity_marks(tmp_path: Path) -> None:
    old = read_file(_write(tmp_path, R, {("_nianbao", "B4"): "0"}, "old.xlsx"))
    assert old.kind == "outdated" and [(f.code, f.expected, f.actual) for f in old.findings] == [
        ("TEMPLATE-OUTDATED", "1", "0")]
    assert old.report is not None and dict(old.report.inputs) == dict(R.inputs)
    future = read_file(_write(tmp_path, R, {("_nianbao", "B2"): "2031"}, "future.xlsx"))
    assert future.status == "无法读取" and [f.code for f in future.findings] == ["FILE-UNKNOWN-FORMAT"]


def test_result_crosses_process_boundaries(tmp_path: Path) -> None:
    import pickle

    result = read_file(_write(tmp_path, bumped(R, "t3.new.business")))
    again = pickle.loads(pickle.dumps(result))
    assert again.to_dict() == result.to_dict()
