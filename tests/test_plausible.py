"""Plausibility warnings (nianbao.check.plausible): a fee in 元 typed into a 万元 cell, figures many times last
year's, and 2019's 上一年项目数量 + 本年增/减 below 0. Each with its remedy; the number is never changed."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from nianbao.check.checkfile import check_file
from nianbao.check.plausible import FEE_LIMITS
from nianbao.check.validate import validate_report
from nianbao.demo.synth import random_report
from nianbao.form.findings import CATALOGUE
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.merge.core import merge_results
from nianbao.template import build_workbook
from test_merge import item

L21, L19 = get_layout("2021"), get_layout("2019")
FEE = L21.role_cell("fee")
assert FEE is not None


def _report(category: str, fee: Decimal, seed: int = 1) -> Report:
    r = random_report(L21, random.Random(seed), office="城关镇人民政府", category=category)
    return replace(r, inputs={**r.inputs, FEE: fee})


def test_a_township_fee_in_yuan_is_warned_in_a_file(tmp_path: Path) -> None:
    r = _report("乡镇人民政府", Decimal(12500))
    p = tmp_path / "城关镇.xlsx"
    p.write_bytes(build_workbook(L21, report=r))
    result = check_file(p)
    (f,) = [f for f in result.findings if f.code == "P-FEE-YUAN"]
    assert (f.sheet, f.cell, f.key) == (*L21.a1(FEE), FEE)
    assert f.severity == "warning" and "应为 1.25 万元" in f.message
    assert "填的是 12500 万元" in f.message  # as the clerk typed it, not the float the file stores (12500.0)
    assert f.remedy == CATALOGUE["P-FEE-YUAN"].fix and "10000" in f.remedy
    assert result.report is not None and result.report.values[FEE] == Decimal(12500)  # never changed
    assert result.status == "有警告"


def test_fee_thresholds_by_category() -> None:
    def codes(category: str, fee: str) -> list[str]:
        return [f.code for f in validate_report(_report(category, Decimal(fee))) if f.code.startswith("P-")]

    assert codes("街道办事处", "9.5") == [] and codes("街道办事处", "10.01") == ["P-FEE-YUAN"]
    assert codes("县直部门", "250") == []  # a department's 不动产登记费 may be hundreds of 万元
    assert codes("县直部门", "12500") == ["P-FEE-YUAN"]
    # a county's own report may sum the county: 14722.49 万元 in a real published one
    assert codes("", "14722.49") == [] and codes("县级人民政府本级", "14722.49") == []
    assert codes("", "1250000") == ["P-FEE-YUAN"] and FEE_LIMITS[""] == 100000
    assert codes("镇政府", "50") == ["P-FEE-YUAN"]  # the category as a clerk wrote it


def test_2019_items_below_zero_is_a_warning_at_the_change() -> None:
    r = random_report(L19, random.Random(2), year=2020)
    prev, change = L19.role("previous_items")[0], L19.role("item_change")[0]
    bad = replace(r, inputs={**r.inputs, prev: 3, change: -5})
    (f,) = [f for f in validate_report(bad) if f.code == "P-ITEMS-NEGATIVE"]
    assert not f.is_error and (f.sheet, f.cell, f.cells) == (*L19.a1(change), (L19.a1(prev)[1],))  # issue 10: a warning
    assert "3 加本年增/减 -5 等于 -2" in f.message
    assert not [f for f in validate_report(replace(r, inputs={**r.inputs, prev: 3, change: -3}))
                if f.code == "P-ITEMS-NEGATIVE"]


def test_against_last_year_in_a_merge_with_previous() -> None:
    rng = random.Random(4)
    before = random_report(L21, rng, office="县财政局", year=2024)
    before = replace(before, inputs={**before.inputs, FEE: Decimal("1.5")})
    now = replace(before, info={**before.info, "year": "2025"},
                  inputs={**before.inputs, FEE: Decimal(15000)})
    res = merge_results([item(now, "/now/a.xlsx")], previous=[item(before, "/prev/a.xlsx")])
    (entry,) = res.entries
    assert [f.code for f in entry.findings if f.code.startswith("P-")] == ["P-FEE-YEAR"]
    # a count ten times last year's (a digit typed twice)
    new = "t3.new.natural_person"
    total = int(before.values["t3.new.total"])
    assert total > 0
    more = 9 * total + 20  # typed as if with one digit more; the column kept balanced
    tenfold = dict(now.inputs, **{FEE: Decimal("1.6"), new: now.inputs[new] + more,
                                  "t3.disclosed.natural_person": now.inputs["t3.disclosed.natural_person"] + more})
    res = merge_results([item(replace(now, inputs=tenfold), "/now/a.xlsx")], previous=[item(before, "/prev/a.xlsx")])
    (entry,) = res.entries
    got = [(f.code, f.cell) for f in entry.findings if f.code.startswith("P-")]
    assert ("P-COUNT-YEAR", L21.a1("t3.new.total")[1]) in got
    assert all(f.severity == "warning" for f in entry.findings if f.code.startswith("P-"))
