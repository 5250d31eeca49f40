"""One table-driven test per rule, asserting (code, sheet, cell) tuples: on reports (library level) and
on filled workbooks read back (file level)."""

from __future__ import annotations

import datetime
import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.check.validate import validate_report
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.spec import Kind
from nianbao.template import build_workbook

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
    # one finding per wrong column, at the column's 一 (the 总计 column follows from it: not counted again)
    ("T3-BALANCE", bumped(R, "t3.new.natural_person"), {("T3-BALANCE", "表三", "D6")}),
    ("T3-BALANCE other column", bumped(R, "t3.carry_forward.research"), {("T3-BALANCE", "表三", "F6")}),
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
    # common phrasings of township reports: "none at all", Chinese numerals
    ("NARR-NONE (a claim of none is a narrative rule)",
     replace(R, texts={"overview.supervision": "本年度未发生政府信息公开行政复议、行政诉讼案件。"}),
     {("NARR-NONE", "正文", "B6")}),
    ("N-TEXT Chinese numerals", replace(R, texts={"overview.request": "共收到政府信息公开申请十二件。"}),
     {("N-TEXT", "正文", "B3")}),
    # real wordings of the count (吴起, 刚察, 龙游: a reviewer's), and figures of another year
    ("N-TEXT 依申请公开…条", replace(R, texts={"overview.request": "本年度共收到依申请公开999条。"}), {("N-TEXT", "正文", "B3")}),
    ("N-TEXT 依申请公开申请…条", replace(R, texts={"overview.request": "全年收到依申请公开申请999条。"}),
     {("N-TEXT", "正文", "B3")}),
    ("N-TEXT 依申请公开…件", replace(R, texts={"overview.request": "共收到依申请公开999件。"}), {("N-TEXT", "正文", "B3")}),
    ("N-TEXT 依申请公开信件", replace(R, texts={"overview.request": "共收到依申请公开信件999件。"}), {("N-TEXT", "正文", "B3")}),
    ("N-TEXT of another year", replace(R, texts={"overview.supervision": "2022年收到行政复议申请999件。"}), set()),
    ("N-TEXT of last year", replace(R, texts={"overview.request": "上年共收到政府信息公开申请999件。"}), set()),
    ("N-TEXT says nothing of how many", replace(R, texts={"overview.supervision": "未发生行政复议被纠错的情况。"}), set()),
    ("INFO-OFFICE", with_info(R, office=""), {("INFO-OFFICE", "基本信息", "B2")}),
    ("INFO-YEAR", with_info(R, year="去年"), {("INFO-YEAR", "基本信息", "B5")}),
    ("INFO-YEAR-FORMAT", with_info(R, year="2020"), {("INFO-YEAR-FORMAT", "基本信息", "B5")}),
    ("INFO-YEAR-FUTURE", with_info(R, year=str(datetime.date.today().year + 1)),
     {("INFO-YEAR-FUTURE", "基本信息", "B5")}),
    # typed instead of chosen: read as what it plainly means, so L-RULES still applies
    ("INFO-CATEGORY read as 乡镇人民政府", replace(with_info(R, category="乡镇"), inputs={**R.inputs, "t2.rules.issued": 2}),
     {("INFO-CATEGORY", "基本信息", "B3"), ("L-RULES", "表二", "B5")}),
    ("INFO-CATEGORY unclear", with_info(R, category="事业单位"), {("INFO-CATEGORY", "基本信息", "B3")}),
]


@pytest.mark.parametrize(("rule", "report", "expected"), REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_rule_on_report(rule: str, report: Report, expected: set[tuple[str, str, str]]) -> None:
    got = {(f.code, f.sheet, f.cell) for f in validate_report(report, "x.xlsx")}
    assert got == expected


def test_n_text_none_means_zero() -> None:
    r = replace(R, texts={"overview.supervision": "本年度未发生政府信息公开行政复议、行政诉讼案件。"})
    found = validate_report(r)
    assert [f.actual for f in found] == ["0", "0"]
    assert [f.expected for f in found] == [str(R.values["t4.review.total"]),
                                           str(R.values["t4.suit_direct.total"] + R.values["t4.suit_after_review.total"])]
    quiet = replace(R, inputs={**R.inputs, **{k: 0 for k in R.inputs if k.startswith("t4.")}}, texts=r.texts)
    assert validate_report(quiet) == []


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
    ("T3-BALANCE", bumped(R, "t3.disclosed.natural_person"), {}, {("T3-BALANCE", "表三", "D6")}),
    ("total overwritten", R, {("表三", "J29"): 1}, {("TOTAL-OVERWRITTEN", "表三", "J29")}),
    ("VALUE-COUNT text", R, {("表三", "E14"): "见附件"}, {("VALUE-COUNT", "表三", "E14")}),
    # typed over without recalculation: the total's cached value is stale too
    ("VALUE-COUNT negative", R, {("表四", "B6"): -1}, {("VALUE-COUNT", "表四", "B6"), ("TOTAL-STALE", "表四", "E6")}),
    ("VALUE-FEE", R, {("表二", "B16"): "五千元"}, {("VALUE-FEE", "表二", "B16")}),
    ("READ-BLANK", R, {("表二", "B6"): None, ("表二", "C6"): None}, {("READ-BLANK", "表二", "")}),
    ("INFO-OFFICE", R, {("基本信息", "B2"): None}, {("INFO-OFFICE", "基本信息", "B2")}),
    ("L-RULES", R, {("表二", "D5"): 3}, {("L-RULES", "表二", "D5")}),
    ("INFO-CATEGORY blank, 规章 reported", R, {("基本信息", "B3"): None, ("表二", "D5"): 3},
     {("INFO-CATEGORY", "基本信息", "B3")}),
    ("category blank, no 规章", R, {("基本信息", "B3"): None}, set()),
    ("STRUCT-LABEL", R, {("表三", "C10"): "1.国家秘密"}, {("STRUCT-LABEL", "表三", "C10")}),
]


@pytest.mark.parametrize(("rule", "report", "cells", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_rule_on_file(tmp_path: Path, rule: str, report: Report, cells: dict, expected: set) -> None:  # type: ignore[type-arg]
    result = check_file(_write(tmp_path, report, cells))
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == expected


def test_stale_total_keeps_the_formula(tmp_path: Path) -> None:
    """An input changed without recalculation: the total's formula is there, its cached value is old."""
    key = "t4.review.upheld"
    p = _write(tmp_path, R, {("表四", "A6"): int(R.inputs[key]) + 1})
    got = [(f.code, f.sheet, f.cell, f.expected, f.actual) for f in check_file(p).findings]
    total = R.values["t4.review.total"]
    assert got == [("TOTAL-STALE", "表四", "E6", str(total + 1), str(total))]


def test_a_summary_reads_its_cached_values_and_offices(tmp_path: Path) -> None:
    """A merge worker's summary: level 汇总, inputs are formulas over a 明细 sheet, extra sheets."""
    from nianbao.form.sheets import LEVEL_SUMMARY

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
    result = check_file(p)
    assert result.kind == "summary" and result.report is not None
    assert result.report.level == LEVEL_SUMMARY and result.report.included == offices
    assert dict(result.report.inputs) == dict(R.inputs)
    assert result.findings == ()


def test_identity_marks(tmp_path: Path) -> None:
    old = check_file(_write(tmp_path, R, {("_nianbao", "B4"): "0"}, "old.xlsx"))
    assert old.kind == "outdated" and [(f.code, f.expected, f.actual) for f in old.findings] == [
        ("TEMPLATE-OUTDATED", "1", "0")]
    assert old.report is not None and dict(old.report.inputs) == dict(R.inputs)
    future = check_file(_write(tmp_path, R, {("_nianbao", "B2"): "2031"}, "future.xlsx"))
    assert future.status == "无法读取" and [f.code for f in future.findings] == ["FILE-UNKNOWN-FORMAT"]


def test_result_crosses_process_boundaries(tmp_path: Path) -> None:
    import pickle

    result = check_file(_write(tmp_path, bumped(R, "t3.new.business")))
    again = pickle.loads(pickle.dumps(result))
    assert again.to_dict() == result.to_dict()


# -- renamed and deleted sheets -------------------------------------------------------------------------
def _edited(tmp_path: Path, report: Report, edit, name: str = "edited.xlsx") -> Path:  # type: ignore[no-untyped-def]
    import io
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(build_workbook(report.layout, report=report)))
    edit(wb)
    p = tmp_path / name
    wb.save(p)
    return p


def _rename(old: str, new: str):  # type: ignore[no-untyped-def]
    def edit(wb) -> None:  # type: ignore[no-untyped-def]
        wb[old].title = new

    return edit


def _delete(sheet: str):  # type: ignore[no-untyped-def]
    def edit(wb) -> None:  # type: ignore[no-untyped-def]
        del wb[sheet]

    return edit


SHEET_CASES = [
    ("table renamed", _rename("表三", "Sheet3"), {("STRUCT-SHEET-RENAMED", "Sheet3", "")}),
    ("table renamed with a space", _rename("表二", "表 二"), {("STRUCT-SHEET-RENAMED", "表 二", "")}),
    ("基本信息 renamed", _rename("基本信息", "Sheet1"), {("STRUCT-SHEET-RENAMED", "Sheet1", "")}),
    ("正文 renamed", _rename("正文", "报告正文"), {("STRUCT-SHEET-RENAMED", "报告正文", "")}),
    ("基本信息 deleted", _delete("基本信息"), {("STRUCT-SHEET", "基本信息", "")}),
    ("正文 deleted", _delete("正文"), {("STRUCT-SHEET", "正文", "")}),
]


TEXTS = {"overview.active": "全年主动公开政府信息 116 条。", "overview.request": "依申请公开工作依法办理。",
         "overview.management": "规范政府信息管理。", "overview.platform": "用好政府网站。",
         "overview.supervision": "开展业务培训。", "problems": "专栏更新不够及时，将加以改进。",
         "other": "无其他需要报告的事项。"}


@pytest.mark.parametrize(("case", "edit", "expected"), SHEET_CASES, ids=[c[0] for c in SHEET_CASES])
def test_renamed_and_deleted_sheets(tmp_path: Path, case: str, edit, expected: set) -> None:  # type: ignore[no-untyped-def,type-arg]
    result = check_file(_edited(tmp_path, replace(R, texts=TEXTS), edit))
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == expected
    assert result.report is not None and dict(result.report.inputs) == dict(R.inputs)
    if "基本信息 deleted" not in case:
        assert result.office == R.office and result.year == R.year
    if "正文 deleted" not in case:
        assert {k: v for k, v in result.report.texts.items() if v} == TEXTS
    renamed = [f for f in result.findings if f.code == "STRUCT-SHEET-RENAMED"]
    for f in renamed:
        assert f.expected and f.expected in f.message and f.sheet in f.message


def test_findings_on_a_renamed_sheet_point_at_it(tmp_path: Path) -> None:
    p = _edited(tmp_path, bumped(R, "t3.disclosed.natural_person"), _rename("表三", "Sheet3"))
    got = {(f.code, f.sheet, f.cell) for f in check_file(p).findings}
    assert got == {("STRUCT-SHEET-RENAMED", "Sheet3", ""), ("T3-BALANCE", "Sheet3", "D6")}


# -- rows and columns inserted or deleted (as Excel does it: merged ranges move too) -----------------------
def _lines(sheet: str, axis: str, at: int, n: int):  # type: ignore[no-untyped-def]
    from make_bad import shift_lines

    def edit(wb) -> None:  # type: ignore[no-untyped-def]
        shift_lines(wb[sheet], axis, at, n)

    return edit


def _on(sheet: str, row: int | None = None, col: str | None = None) -> tuple[str, ...]:
    """The input keys of a sheet row (1-based) or column (letter) of the template."""
    return tuple(k for k in R.inputs if L21.a1(k)[0] == sheet and (
        (row is not None and L21.a1(k)[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == str(row))
        or (col is not None and L21.a1(k)[1].rstrip("0123456789") == col)))


# (case, edit, findings, the inputs of a deleted line, what the message says)
LINE_CASES = [
    ("row inserted in 表二", _lines("表二", "row", 8, 1), {("STRUCT-ROWS", "表二", "B8")}, (), "插入了 1 行（第 8 行）"),
    ("rows inserted above 表三", _lines("表三", "row", 1, 1), {("STRUCT-ROWS", "表三", "A4")}, (), "整体下移了 1 行"),
    ("columns inserted in 表三", _lines("表三", "col", 5, 2), {("STRUCT-COLUMNS", "表三", "E3")}, (),
     "插入了 2 列（E 列至 F 列）"),
    ("column inserted in 表四", _lines("表四", "col", 3, 1), {("STRUCT-COLUMNS", "表四", "C3")}, (), "插入了 1 列（C 列）"),
    ("row deleted in 表三", _lines("表三", "row", 12, -1), {("STRUCT-ROWS", "表三", "A12")}, _on("表三", row=12),
     "第 12 行之前删除了 1 行"),
    ("column deleted in 表三", _lines("表三", "col", 6, -1), {("STRUCT-COLUMNS", "表三", "F3")}, _on("表三", col="F"),
     "F 列之前删除了 1 列"),
    ("column deleted in 表四", _lines("表四", "col", 2, -1), {("STRUCT-COLUMNS", "表四", "B3")}, _on("表四", col="B"),
     "B 列之前删除了 1 列"),
]


def _zeroed(r: Report, keys: tuple[str, ...]) -> Report:
    """``r`` with ``keys`` set to 0, still balanced: a result of 表三 moves to 四、结转下年度继续办理."""
    inputs = dict(r.inputs)
    for k in keys:
        v, inputs[k] = inputs[k], 0
        if k.startswith("t3.") and not k.startswith(("t3.new.", "t3.carried_over.", "t3.carry_forward.")):
            col = k.rsplit(".", 1)[1]
            inputs[f"t3.carry_forward.{col}"] += v
    return replace(r, inputs=inputs)


@pytest.mark.parametrize(("case", "edit", "expected", "lost", "says"), LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_inserted_and_deleted_lines(tmp_path: Path, case: str, edit, expected: set, lost: tuple, says: str) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Found by the labels: reported once, at the place; every other value still read where it is. (The
    deleted line holds zeros, so that the rest stays consistent.)"""
    report = _zeroed(R, lost)
    result = check_file(_edited(tmp_path, report, edit))
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == expected
    [message] = [f.message for f in result.findings]
    assert says in message and "数据已按各" in message
    assert result.report is not None and dict(result.report.inputs) == dict(report.inputs)


def test_a_deleted_row_with_figures_unbalances_the_table(tmp_path: Path) -> None:
    lost = _on("表三", row=12)
    assert any(R.inputs[k] for k in lost)
    result = check_file(_edited(tmp_path, R, _lines("表三", "row", 12, -1)))
    codes = [(f.code, f.sheet) for f in result.findings]
    assert codes[0] == ("STRUCT-ROWS", "表三") and ("T3-BALANCE", "表三") in codes
    assert result.report is not None and all(result.report.inputs[k] == 0 for k in lost)


def test_a_fraction_in_a_signed_cell_says_negatives_are_allowed() -> None:
    l19 = get_layout("2019")
    spec = next(c for c in l19.inputs if c.kind is Kind.SIGNED)
    r = random_report(l19, random.Random(4), year=2020)
    (f,) = [f for f in validate_report(replace(r, inputs={**r.inputs, spec.key: Decimal("1.5")})) if f.code == "VALUE-COUNT"]
    assert "减少填负数" in f.message and "不小于 0" not in f.message


def test_the_blank_template_sent_back_is_warned(tmp_path: Path) -> None:
    p = tmp_path / "县教育局.xlsx"
    p.write_bytes(build_workbook(L21, office="县教育局", year=2025))
    assert [(f.code, f.sheet, f.cell) for f in check_file(p).findings] == [("INFO-UNFILLED", "基本信息", "B6")]
    # a year without any case, said so in 正文 and signed: no warning
    quiet = Report(layout=L21, info={"office": "县教育局", "year": "2025", "preparer": "张三"},
                   texts={"other": "本年度未收到政府信息公开申请。"})
    p.write_bytes(build_workbook(L21, report=quiet))
    # (the parts 一 and 五 it leaves empty are named, at their 正文 cells, and nothing else)
    assert [(f.code, f.row_label) for f in check_file(p).findings] == [("NARR-PART-EMPTY", "一、总体情况"),
                                                                        ("NARR-PART-EMPTY", "五、存在的主要问题及改进情况")]
