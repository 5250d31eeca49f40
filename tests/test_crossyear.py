"""Cross-year warnings X-CARRYOVER and X-INFORCE, per office and for the county."""

from __future__ import annotations

import random

from nianbao.crossyear import check_cross_year
from nianbao.formats import get_layout
from nianbao.merge import merge_results
from nianbao.model import Report
from nianbao.synth import random_report
from test_merge import item

L21 = get_layout("2021")


def _pair(seed: int, office: str = "县财政局") -> tuple[Report, Report]:
    """Last year's report and this year's, consistent across the years."""
    rng = random.Random(seed)
    before = random_report(L21, rng, office=office, year=2024)
    now = random_report(L21, rng, office=office, year=2025)
    inputs = dict(now.inputs)
    for col in ("natural_person", "business", "research", "public_interest", "legal_service", "other_org"):
        carried = int(before.values[f"t3.carry_forward.{col}"])
        diff = carried - int(inputs[f"t3.carried_over.{col}"])
        inputs[f"t3.carried_over.{col}"] = carried
        inputs[f"t3.disclosed.{col}"] = int(inputs[f"t3.disclosed.{col}"]) + diff  # keep the column balanced
        if inputs[f"t3.disclosed.{col}"] < 0:
            inputs[f"t3.new.{col}"] = int(inputs[f"t3.new.{col}"]) - inputs[f"t3.disclosed.{col}"]
            inputs[f"t3.disclosed.{col}"] = 0
    for row in ("rules", "normative"):
        inputs[f"t2.{row}.in_force"] = (int(before.values[f"t2.{row}.in_force"]) + int(inputs[f"t2.{row}.issued"])
                                        - int(inputs[f"t2.{row}.repealed"]))
    return before, Report(layout=L21, inputs=inputs, info=now.info)


def test_consistent_years_give_no_warning() -> None:
    before, now = _pair(1)
    assert check_cross_year(now, before) == []


def test_carryover_and_inforce_mismatches() -> None:
    before, now = _pair(2)
    inputs = dict(now.inputs)
    inputs["t3.carried_over.natural_person"] = int(inputs["t3.carried_over.natural_person"]) + 3
    inputs["t2.normative.in_force"] = int(inputs["t2.normative.in_force"]) + 1
    found = check_cross_year(Report(layout=L21, inputs=inputs, info=now.info), before, file="a.xlsx")
    assert [(f.code, f.sheet, f.cell) for f in found] == [("X-CARRYOVER", "表三", "D7"), ("X-INFORCE", "表二", "D6")]
    carry = found[0]
    assert carry.expected == str(before.values["t3.carry_forward.natural_person"])
    assert "上年报告“四、结转下年度继续办理”" in carry.message
    assert all(f.severity == "warning" for f in found)


def test_merge_with_previous_checks_offices_and_county() -> None:
    pairs = [_pair(10 + i, office=f"单位{i}") for i in range(3)]
    prev_items = [item(b, f"/prev/{i}.xlsx") for i, (b, _n) in enumerate(pairs)]
    now_reports = [n for _b, n in pairs]
    bad = dict(now_reports[1].inputs)
    bad["t3.carried_over.business"] = int(bad["t3.carried_over.business"]) + 1
    bad["t3.disclosed.business"] = int(bad["t3.disclosed.business"]) + 1
    now_reports[1] = Report(layout=L21, inputs=bad, info=now_reports[1].info)
    (newcomer,) = [random_report(L21, random.Random(5), office="新单位", year=2025)]
    items = [item(r, f"/now/{i}.xlsx") for i, r in enumerate([*now_reports, newcomer])]
    res = merge_results(items, previous=prev_items)
    by_office = {e.office: [f.code for f in e.findings] for e in res.entries}
    assert by_office == {"单位0": [], "单位1": ["X-CARRYOVER"], "单位2": [], "新单位": ["MERGE-NO-PREVIOUS"]}
    assert [s.status for s in res.statuses if s.office == "单位1"] == ["已提交·有警告"]
    county = [(f.code, f.cell) for f in res.findings if f.code.startswith("X-")]
    assert county == [("X-CARRYOVER", "E7")]  # like for like: the newcomer is not compared


def test_previous_of_the_wrong_year_is_said_once() -> None:
    _before, now = _pair(3)
    res = merge_results([item(now, "/now/a.xlsx")], previous=[item(now, "/prev/a.xlsx")])
    assert [f.code for f in res.findings] == ["MERGE-PREVIOUS-YEAR"]
    assert not any(f.code.startswith("X-") for e in res.entries for f in e.findings)


def test_previous_summary_is_compared_with_the_county() -> None:
    pairs = [_pair(20 + i, office=f"单位{i}") for i in range(2)]
    last_year = merge_results([item(b, f"/prev/{i}.xlsx") for i, (b, _n) in enumerate(pairs)]).report
    prev_summary = Report(layout=L21, inputs=last_year.inputs, info=last_year.info, level=last_year.level,
                          included=last_year.included)
    res = merge_results([item(n, f"/now/{i}.xlsx") for i, (_b, n) in enumerate(pairs)],
                        previous=[item(prev_summary, "/prev/汇总.xlsx")])
    assert [f.code for f in res.findings] == []
    assert all(not e.findings for e in res.entries)  # no per-office data last year: nothing said per office
