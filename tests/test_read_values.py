"""What people really type, read back: with a warning at the cell, or an error at the cell."""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.formats import get_layout
from nianbao.reader import read_file
from nianbao.spec import Kind
from nianbao.synth import random_report
from nianbao.template import build_workbook
from nianbao.values import parse_value

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import set_cells

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
    ("见附件", Kind.COUNT, None, False),
    (True, Kind.COUNT, None, False),
    ("+12", Kind.SIGNED, 12, True),
    ("-3", Kind.SIGNED, -3, True),
    (0.1234, Kind.AMOUNT, Decimal("0.1234"), False),
    ("8.5万元", Kind.AMOUNT, Decimal("8.5"), True),
    ("五千元", Kind.AMOUNT, None, False),
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
    result = read_file(p)
    got = {(f.code, f.sheet, f.cell) for f in result.findings if f.code not in ("TOTAL-STALE", "T3-BALANCE")}
    expected = {(code, "表三", a1) for a1, (_t, code) in zip(ZERO_CELLS, TYPED, strict=False)}
    assert got == expected
    coerced = next(f for f in result.findings if f.code == "READ-COERCED" and f.actual == "０")
    assert coerced.expected == "0" and "０" in coerced.message and coerced.row_label and coerced.col_label
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
    found = [(f.code, f.sheet) for f in read_file(p).findings]
    assert found == [("READ-BLANK", "表二"), ("READ-BLANK", "表三")]
    msg = next(f.message for f in read_file(p).findings if f.sheet == "表三")
    assert "12 个单元格未填写，已按 0 计" in msg


def test_henan_fee_with_five_decimals_is_an_error(tmp_path: Path) -> None:
    henan = get_layout("2021", "henan")
    r = random_report(henan, random.Random(2))
    p = tmp_path / "henan.xlsx"
    p.write_bytes(set_cells(build_workbook(henan, report=r), {("表二", "B16"): 1.23456}))
    assert [(f.code, f.cell) for f in read_file(p).findings] == [("VALUE-FEE", "B16")]
    p.write_bytes(set_cells(build_workbook(henan, report=r), {("表二", "B16"): 1.2345}))
    result = read_file(p)
    assert result.findings == () and result.report is not None
    assert result.report.inputs["t2.fees.amount"] == Decimal("1.2345")
