"""What people really type, read back: with a warning at the cell, or an error at the cell."""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.spec import Kind
from nianbao.read.values import parse_value
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import Formula, set_cells

# raw cell content -> (kind, value read, coerced?) ; value None: an error
PARSE_CASES = [
    (12.0, Kind.COUNT, 12, False),
    ("１２", Kind.COUNT, 12, True),
    ("12件", Kind.COUNT, 12, True),
    ("12.0", Kind.COUNT, 12, True),
    (" 12 ", Kind.COUNT, 12, True),
    ("—", Kind.COUNT, 0, True),
    ("/", Kind.COUNT, 0, True),
    ("无", Kind.COUNT, 0, True),
    ("", Kind.COUNT, 0, False),
    ("   ", Kind.COUNT, 0, False),  # only spaces: a blank cell, counted with the blanks
    ("\u3000", Kind.COUNT, 0, False),
    ("见附件", Kind.COUNT, None, False),
    (True, Kind.COUNT, None, False),
    ("+12", Kind.SIGNED, 12, True),
    ("-3", Kind.SIGNED, -3, True),
    (0.1234, Kind.AMOUNT, Decimal("0.1234"), False),
    ("8.5万元", Kind.AMOUNT, Decimal("8.5"), True),
    ("0.12万", Kind.AMOUNT, Decimal("0.12"), True),
    ("五千元", Kind.AMOUNT, None, False),
    ("1200元", Kind.AMOUNT, None, False),  # 元 is not 万元: read as 1200 it would be 12 million yuan
    ("3件", Kind.AMOUNT, None, False),
    ("12万元", Kind.COUNT, None, False),
    ("–", Kind.COUNT, 0, True),  # an en dash, as typed for "none"
]


@pytest.mark.parametrize(("raw", "kind", "value", "coerced"), PARSE_CASES)
def test_parse_value(raw: object, kind: Kind, value: object, coerced: bool) -> None:
    p = parse_value(raw, kind)
    assert p.value == value
    if value is not None:
        assert p.coerced == coerced


L21 = get_layout("2021")
REPORT = random_report(L21, random.Random(7), office="柏城街道办事处", category="街道办事处")
ZERO_CELLS = [L21.a1(k)[1] for k, v in REPORT.inputs.items() if k.startswith("t3.") and v == 0]

# typed into cells holding 0, so no total changes: (typed, code expected at that cell)
TYPED = [
    ("０", "READ-COERCED"),
    ("0件", "READ-COERCED"),
    ("0.0", "READ-COERCED"),
    ("—", "READ-COERCED"),
    ("/", "READ-COERCED"),
    ("无", "READ-COERCED"),
    (" 0 ", "READ-COERCED"),
    ("见附件", "VALUE-COUNT"),
    ("0.5", "VALUE-COUNT"),
    ("-1", "VALUE-COUNT"),
]


def test_typed_values_at_their_cells(tmp_path: Path) -> None:
    cells = {("表三", a1): typed for a1, (typed, _code) in zip(ZERO_CELLS, TYPED, strict=False)}
    p = tmp_path / "typed.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), cells))
    result = check_file(p)
    got = {(f.code, f.sheet, f.cell) for f in result.findings if f.code not in ("TOTAL-STALE", "T3-BALANCE")}
    placed = list(zip(ZERO_CELLS, TYPED, strict=False))
    coerced_cells = [a1 for a1, (_t, code) in placed if code == "READ-COERCED"]
    # the cells read as numbers: one warning for the table (no total changes: they hold 0), at its first
    expected = {(code, "表三", a1) for a1, (_t, code) in placed if code != "READ-COERCED"}
    (coerced,) = [f for f in result.findings if f.code == "READ-TEXT-NUMBERS"]
    assert got == expected | {("READ-TEXT-NUMBERS", "表三", coerced.cell)}
    assert {coerced.cell, *coerced.cells} == set(coerced_cells) and not coerced.is_error
    assert f"{len(coerced_cells)} 个单元格" in coerced.message and f"{coerced_cells[0]}“０”按 0 读取" in coerced.message
    assert result.status == "有错误"
    # the readable ones and the unreadable text count as 0; a wrong number is kept (and named) as typed
    assert result.report is not None
    inputs = result.report.inputs
    by_a1 = {L21.a1(k): k for k in REPORT.inputs}
    for (sheet, a1), typed in cells.items():
        want = {"0.5": Decimal("0.5"), "-1": -1}.get(typed, 0)  # type: ignore[call-overload]
        assert inputs[by_a1[(sheet, a1)]] == want


def test_blank_cells_give_one_warning_per_table(tmp_path: Path) -> None:
    cells = {("表三", a1): None for a1 in ZERO_CELLS[:12]}
    cells[("表二", "B5")] = None
    p = tmp_path / "blank.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), cells))
    found = [(f.code, f.sheet) for f in check_file(p).findings]
    assert found == [("READ-BLANK", "表二"), ("READ-BLANK", "表三")]
    msg = next(f.message for f in check_file(p).findings if f.sheet == "表三")
    assert "12 个单元格未填写，已按 0 计" in msg


def test_henan_fee_with_five_decimals_is_an_error(tmp_path: Path) -> None:
    henan = get_layout("2021", "henan")
    r = random_report(henan, random.Random(2))
    p = tmp_path / "henan.xlsx"
    p.write_bytes(set_cells(build_workbook(henan, report=r), {("表二", "B16"): 1.23456}))
    assert [(f.code, f.cell) for f in check_file(p).findings] == [("VALUE-FEE", "B16")]
    p.write_bytes(set_cells(build_workbook(henan, report=r), {("表二", "B16"): 1.2345}))
    result = check_file(p)
    assert result.findings == () and result.report is not None
    assert result.report.inputs["t2.fees.amount"] == Decimal("1.2345")


def test_a_clerk_fills_the_template_with_openpyxl(tmp_path: Path) -> None:
    """`nianbao template`, filled the way people type (saved by openpyxl: totals without cached results):
    each odd value is named at its cell with how it was read, or is an error at its cell."""
    import warnings

    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from nianbao.cli.app import app

    blank = tmp_path / "模板.xlsx"
    res = CliRunner().invoke(app, ["template", "-o", str(blank), "--office", "某某镇人民政府", "--year", "2025"])
    assert res.exit_code == 0, res.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(blank)
    # (sheet, cell) -> typed, code, value read (None: an error, read as typed)
    typed = {
        ("表三", "D6"): ("１２", "READ-COERCED", "12"),
        ("表三", "E6"): ("12件", "READ-COERCED", "12"),
        ("表三", "F6"): ("12.0", "READ-COERCED", "12"),
        ("表三", "G6"): ("—", "READ-COERCED", "0"),
        ("表三", "H6"): ("/", "READ-COERCED", "0"),
        ("表三", "I6"): ("无", "READ-COERCED", "0"),
        ("表三", "D7"): (" 3 ", "READ-COERCED", "3"),
        ("表三", "G7"): ("见附件", "VALUE-COUNT", None),
        ("表三", "H7"): (-2, "VALUE-COUNT", None),
        ("表三", "I7"): (1.5, "VALUE-COUNT", None),
        ("表二", "B6"): ("3 件", "READ-COERCED", "3"),
        ("表二", "B16"): ("五千元", "VALUE-FEE", None),
    }
    for (sheet, a1), (value, _code, _read) in typed.items():
        wb[sheet][a1] = value
    wb["表三"]["E7"] = "   "  # only spaces: blank
    p = tmp_path / "某某镇.xlsx"
    wb.save(p)
    result = check_file(p)
    cell_findings = {(f.sheet, c): f for f in result.findings for c in (f.cell, *f.cells)
                     if f.code in ("READ-COERCED", "READ-TEXT-TOTALS", "VALUE-COUNT", "VALUE-FEE")}
    assert set(cell_findings) == set(typed)
    for (sheet, a1), (value, code, read) in typed.items():
        f = cell_findings[(sheet, a1)]
        assert str(value).strip() in f.message
        if sheet == "表三" and code == "READ-COERCED":  # with 12 among them, 表三's totals show otherwise
            assert f.code == "READ-TEXT-TOTALS" and f.is_error and f"{a1}“{value}”按 {read} 读取" in f.message
            continue
        assert f.code == code, (a1, f)
        assert f.row_label and f.col_label and f"{sheet} {a1}" in f.message
        if read is not None:
            assert f.expected == read and f"已按 {read} 读取" in f.message
    assert [(f.code, f.sheet, f.cell, f.message) for f in result.findings if f.code == "READ-BLANK"] == [
        ("READ-BLANK", "表三", "", "表三有 1 个单元格未填写，已按 0 计（第一个是 E7）。")]
    assert result.status == "有错误" and result.office == "某某镇人民政府" and result.year == 2025


def test_a_count_typed_as_text_makes_the_sheets_total_wrong(tmp_path: Path) -> None:
    """A spreadsheet's SUM skips a cell holding the text "5件": the row total it shows (and prints) is
    wrong, though its formula is sound. An error at the text cell saying which total shows what; the
    total itself is not reported as overwritten or stale."""
    key = next(k for k, v in REPORT.inputs.items() if k.startswith("t3.new.") and v > 0)
    total_key = "t3.new.total"
    sheet, a1 = L21.a1(key)
    _s, total_a1 = L21.a1(total_key)
    value = REPORT.inputs[key]
    as_summed = REPORT.values[total_key] - value  # what Excel, WPS and LibreOffice show
    p = tmp_path / "text.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT),
                            {(sheet, a1): f"{value}件", (sheet, total_a1): Formula("SUM(D6:I6)", as_summed)}))
    result = check_file(p)
    assert [(f.code, f.cell) for f in result.findings] == [("READ-TEXT-TOTALS", a1)]
    assert result.status == "有错误"
    assert f"{total_a1} 显示 {as_summed}，应为 {REPORT.values[total_key]}" in result.findings[0].message
    assert result.report is not None and result.report.values[total_key] == REPORT.values[total_key]
    # a total that is wrong for the sheet too is still reported
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT),
                            {(sheet, a1): f"{value}件", (sheet, total_a1): as_summed + 1}))
    assert ("TOTAL-OVERWRITTEN", total_a1) in [(f.code, f.cell) for f in check_file(p).findings]


def test_error_values_are_errors_at_their_cells(tmp_path: Path) -> None:
    """#DIV/0! and #N/A read as '' with calamine: they must not pass as blanks left by the office."""
    a, b = ZERO_CELLS[:2]
    p = tmp_path / "errors.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=REPORT), {
        ("表三", a): Formula("1/0", "#DIV/0!"), ("表三", b): Formula("NA()", "#N/A"), ("表三", ZERO_CELLS[2]): None}))
    result = check_file(p)
    found = {(f.code, f.cell): f for f in result.findings}
    assert set(found) == {("VALUE-ERROR", a), ("VALUE-ERROR", b), ("READ-BLANK", "")}
    assert "#DIV/0!" in found[("VALUE-ERROR", a)].message and "#N/A" in found[("VALUE-ERROR", b)].message
    assert "1 个单元格未填写" in found[("READ-BLANK", "")].message  # the real blank only
    assert result.status == "有错误"
