"""A real spreadsheet program agrees with the layout's rules.

Input cells of the template are filled with openpyxl (nothing else touched), LibreOffice opens and
recalculates every formula and saves an .xlsx, and each total and each cell of the 校验 sheet it computed
is compared with what the layout's rules give. All cases go through one LibreOffice call.
"""

from __future__ import annotations

import io
import random
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lo import convert, needs_libreoffice
from nianbao.demo.synth import random_report
from nianbao.form.findings import rule_name
from nianbao.form.registry import get_layout
from nianbao.form.sheets import CHECK_SHEET
from nianbao.form.spec import BalanceRule, Kind, LayoutSpec, Number, SumRule
from nianbao.template import BAD_FILL, BAD_FONT, build_workbook, status_text
from nianbao.template.livechecks import value_checks

pytestmark = [pytest.mark.libreoffice, needs_libreoffice]


def plain_random(layout: LayoutSpec, rng: random.Random) -> dict[str, Number]:
    """Random values in every input cell, with no regard for any rule."""
    out: dict[str, Number] = {}
    for spec in layout.inputs:
        if spec.kind is Kind.AMOUNT:
            out[spec.key] = Decimal(rng.randint(0, 99999)).scaleb(-(spec.decimals or 2))
        elif spec.kind is Kind.SIGNED:
            out[spec.key] = rng.randint(-30, 30)
        else:
            out[spec.key] = rng.randint(0, 60)
    return out


def broken_balance(layout: LayoutSpec, rng: random.Random) -> dict[str, Number]:
    inputs = dict(random_report(layout, rng).inputs)
    inputs["t3.new.research"] = int(inputs["t3.new.research"]) + 4  # 一 + 二 no longer = （七）总计 + 四
    return inputs


CASES: dict[str, tuple[str, str, object]] = {
    "synth-2021": ("2021", "national", lambda lay: random_report(lay, random.Random(11)).inputs),
    "synth-2021-henan": ("2021", "henan", lambda lay: random_report(lay, random.Random(12)).inputs),
    "synth-2019": ("2019", "national", lambda lay: random_report(lay, random.Random(13)).inputs),
    "plain-2021": ("2021", "national", lambda lay: plain_random(lay, random.Random(14))),
    "plain-2019": ("2019", "national", lambda lay: plain_random(lay, random.Random(15))),
    "broken-2021": ("2021", "national", lambda lay: broken_balance(lay, random.Random(16))),
}


def expected_checks(layout: LayoutSpec, values: dict[str, Number]) -> list[tuple[str, Number, Number]]:
    """(code, left, right) of every rule, in the order of the 校验 sheet: balances first, then sums."""
    out: list[tuple[str, Number, Number]] = []
    for rule in layout.rules:
        if isinstance(rule, BalanceRule):
            out.append((rule.code, sum(values[k] for k in rule.left), sum(values[k] for k in rule.right)))
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            out.append((rule.code, values[rule.target], sum(values[k] for k in rule.addends)))
    return out


#: values typed into the Henan fee cell, and whether its validation formula accepts them
FEE_TRIES: tuple[tuple[object, bool], ...] = (
    (0, True), (12, True), (1.2345, True), (0.0001, True), (9999.9999, True), (1.23456, False), (0.00001, False),
    (0.12345, False), (-0.5, False), (-1, False), ("abc", False), ("1.5", False),
)


def fee_formula_workbook(path: Path) -> str:
    """A workbook whose column B applies the Henan fee cell's validation formula to the value in column A
    (the formula is taken from the template); returns the formula."""
    layout = get_layout("2021", "henan")
    sheet, a1 = layout.a1("t2.fees.amount")
    ws = openpyxl.load_workbook(io.BytesIO(build_workbook(layout)))[sheet]
    dv = next(dv for dv in ws.data_validations.dataValidation if a1 in str(dv.sqref).split(":")[0].split())
    assert dv.type == "custom"
    formula = dv.formula1
    out = openpyxl.Workbook()
    for i, (value, _ok) in enumerate(FEE_TRIES, start=1):
        out.active.cell(i, 1).value = value
        if isinstance(value, str):
            out.active.cell(i, 1).data_type = "s"
        out.active.cell(i, 2).value = "=" + re.sub(rf"\b{a1}\b", f"A{i}", formula)
    out.save(path)
    return formula


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict[str, tuple[LayoutSpec, dict[str, Number], Path]]:
    base = tmp_path_factory.mktemp("lo")
    filled: list[Path] = [base / "in" / "fee-formula.xlsx"]
    filled[0].parent.mkdir()
    fee_formula_workbook(filled[0])
    cases = {}
    for name, (fmt, variant, make) in CASES.items():
        layout = get_layout(fmt, variant)
        inputs = make(layout)  # type: ignore[operator]
        wb = openpyxl.load_workbook(io.BytesIO(build_workbook(layout)))
        for key, value in inputs.items():
            sheet, a1 = layout.a1(key)
            wb[sheet][a1].value = value
        path = base / "in" / f"{name}.xlsx"
        wb.save(path)
        filled.append(path)
        cases[name] = (layout, inputs)
    outs = convert(filled, "xlsx", base / "out")  # one LibreOffice call for all cases
    return {name: (*cases[name], out) for name, out in zip(CASES, outs[1:], strict=True)}


def test_libreoffice_applies_the_henan_fee_rule(recalculated):
    """The custom validation of the Henan fee (>= 0, at most 4 decimals), computed by LibreOffice: the same
    formula in a cell gives TRUE for what the validation must let in and FALSE for what it must refuse."""
    path = next(iter(recalculated.values()))[2].parent / "fee-formula.xlsx"
    ws = openpyxl.load_workbook(path, data_only=True).active
    got = [(ws.cell(i, 1).value, ws.cell(i, 2).value) for i in range(1, len(FEE_TRIES) + 1)]
    assert got == [(value, ok) for value, ok in FEE_TRIES]


def test_libreoffice_keeps_the_validations(recalculated):
    """LibreOffice loads and saves again every validation: the Henan fee formula, hints and alerts."""
    layout, _inputs, path = recalculated["synth-2021-henan"]
    original = openpyxl.load_workbook(io.BytesIO(build_workbook(layout)))
    saved = openpyxl.load_workbook(path)

    def validations(wb: openpyxl.Workbook, sheet: str) -> set[tuple[object, ...]]:
        return {(str(dv.sqref), dv.type, dv.operator or "between", dv.formula1, dv.prompt, dv.error,
                 dv.promptTitle, dv.errorTitle) for dv in wb[sheet].data_validations.dataValidation}

    for table in layout.tables:
        assert validations(saved, table.sheet) == validations(original, table.sheet), table.sheet
    sheet, a1 = layout.a1("t2.fees.amount")
    fee = next(dv for dv in saved[sheet].data_validations.dataValidation if str(dv.sqref).startswith(a1))
    assert (fee.type, fee.formula1, fee.errorStyle) == ("custom", f"IF(ISNUMBER({a1}),AND({a1}>=0,ROUND({a1},4)={a1}))",
                                                         "stop")


@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_totals_equal_the_rules(recalculated, name):
    layout, inputs, path = recalculated[name]
    values = layout.compute(inputs)
    wb = openpyxl.load_workbook(path, data_only=True)
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        got = wb[sheet][a1].value
        assert (Decimal(str(got)) if spec.kind is Kind.AMOUNT else got) == values[spec.key], spec.key
    for spec in layout.totals:
        sheet, a1 = layout.a1(spec.key)
        assert wb[sheet][a1].value == values[spec.key], (spec.key, a1)


@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_check_sheet_equals_the_rules(recalculated, name):
    layout, inputs, path = recalculated[name]
    expected = expected_checks(layout, layout.compute(inputs))
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[CHECK_SHEET]
    failed = 0
    # a balance of totals only (the 总计 column) that fails with another column is that mistake again
    derived = [i for i, r in enumerate(r for r in layout.rules if isinstance(r, BalanceRule))
               if not any(layout.cells[k].is_input for k in (*r.left, *r.right))]
    others_fail = any(left != right for i, (code, left, right) in enumerate(expected)
                      if i not in derived and code == "T3-BALANCE")
    for i, (code, left, right) in enumerate(expected):
        r = 4 + i
        assert ws.cell(r, 1).value == rule_name(code)
        assert (ws.cell(r, 3).value, ws.cell(r, 4).value) == (left, right), (code, ws.cell(r, 2).value)
        if left == right:
            assert ws.cell(r, 5).value == "通过"
        elif i in derived and others_fail:
            assert ws.cell(r, 5).value == "不通过（由上面某一列不平衡引起，不另计）"
        else:
            failed += 1
            assert ws.cell(r, 5).value == f"不通过：左边 {left}，右边 {right}，相差 {abs(left - right)}"
    status = status_text(len(expected) + len(value_checks(layout, {})), failed)  # + the input cells' rows
    assert ws["B1"].value == status
    t3 = layout.table("t3")
    assert wb[t3.sheet].cell(t3.origin[0] + 2, t3.origin[1] + t3.n_cols + 2).value == status
    assert (failed == 0) == name.startswith("synth")


def test_libreoffice_shows_a_broken_balance_in_red(recalculated):
    layout, _inputs, path = recalculated["broken-2021"]
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[CHECK_SHEET]
    assert ws["B1"].value == "✘ 有 1 项校验未通过，见“校验”表中的红色行"  # 第三列（科研机构）; 总计 not again
    bad_rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(4, ws.max_row + 1)
                if ws.cell(r, 5).value not in (None, "通过")]
    assert [code for code, _ in bad_rows] == [rule_name("T3-BALANCE")] * 2  # both red, one counted
    assert "科研机构" in bad_rows[0][1] and "总计" in bad_rows[1][1]
    # the red: a conditional format on the status cell that LibreOffice kept, with the red fill
    red = BAD_FILL.lstrip("#").upper()
    rules = [rule for cf in ws.conditional_formatting if "B1" in str(cf.sqref) for rule in cf.rules]
    assert any("✘" in "".join(rule.formula) and rule.dxf.fill is not None
               and red in str(rule.dxf.fill.bgColor.rgb).upper()
               and str(rule.dxf.font.color.rgb).upper().endswith(BAD_FONT.lstrip("#").upper()) for rule in rules)
    results = [rule for cf in ws.conditional_formatting if "E4" in str(cf.sqref) for rule in cf.rules]
    assert any(rule.dxf.fill is not None and red in str(rule.dxf.fill.bgColor.rgb).upper() for rule in results)
    # and beside 表三: the same status, red as well
    t3 = layout.table("t3")
    status = wb[t3.sheet].cell(t3.origin[0] + 2, t3.origin[1] + t3.n_cols + 2)
    assert status.value == ws["B1"].value
    beside = [rule for cf in wb[t3.sheet].conditional_formatting if status.coordinate in str(cf.sqref)
              for rule in cf.rules]
    assert any("✘" in "".join(rule.formula) and rule.dxf.fill is not None
               and red in str(rule.dxf.fill.bgColor.rgb).upper() for rule in beside)
