"""Cross-year warnings X-CARRYOVER and X-INFORCE, per office and for the county."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.findings import make
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import SUMMARY_ISSUES_SHEET as ISSUES_SHEET
from nianbao.merge.core import merge_files, merge_results
from nianbao.merge.crossyear import check_cross_year
from nianbao.merge.outcome import MergeResult
from nianbao.merge.summary import write_summary
from nianbao.read.detail import read_detail
from nianbao.template import build_workbook
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
    (missing,) = next(e.findings for e in res.entries if e.office == "新单位")
    assert "上年报告中没有“新单位”（给出的上年文件是“单位0”、“单位1”、“单位2”的报告）" in missing.message
    assert [s.status for s in res.statuses if s.office == "单位1"] == ["已提交·有警告"]
    county = [(f.code, f.cell) for f in res.findings if f.code.startswith("X-")]
    assert county == [("X-CARRYOVER", "E7")]  # like for like: the newcomer is not compared
    # and the message says so: the summary's own E7 includes the newcomer's figures
    assert "只比较两年都有报告的 3 个单位之和" in next(f.message for f in res.findings if f.code == "X-CARRYOVER")


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
    # no per-office data with last year's summary (it was not read from a workbook): said once
    assert [f.code for f in res.findings] == ["MERGE-PREVIOUS-NO-DETAIL"]
    assert "汇总.xlsx”的“明细”表未读取，未按单位做跨年核对" in res.findings[0].message
    assert all(not e.findings for e in res.entries)


def test_previous_files_left_out_are_said() -> None:
    pairs = [_pair(40 + i, office=f"单位{i}") for i in range(2)]
    stray = random_report(L21, random.Random(9), office="单位9", year=2023)
    prev = [item(b, f"/prev/{i}.xlsx") for i, (b, _n) in enumerate(pairs)]
    empty = make("FILE-EMPTY", file="/prev/坏.xlsx", name="坏.xlsx")
    prev += [item(stray, "/prev/旧.xlsx"), item(None, "/prev/坏.xlsx", findings=(empty,))]
    res = merge_results([item(n, f"/now/{i}.xlsx") for i, (_b, n) in enumerate(pairs)], previous=prev)
    said = [(f.code, f.file, f.severity) for f in res.findings if f.code.startswith("MERGE-PREVIOUS")]
    assert said == [("MERGE-PREVIOUS-UNREADABLE", "/prev/坏.xlsx", "warning"),
                    ("MERGE-PREVIOUS-UNUSED", "/prev/旧.xlsx", "warning")]
    assert [f.message for f in res.findings if f.file == "/prev/旧.xlsx"] == [
        "上年的文件“旧.xlsx”未用于跨年核对：是 2023 年度的报告，上年的其他文件是 2024 年度。"]


# -- real files: last year's workbooks, or last year's summary of them ---------------------------------
def _write(folder: Path, reports: list[Report]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for r in reports:
        out.append(folder / f"{r.office}.xlsx")
        out[-1].write_bytes(build_workbook(L21, report=r))
    return out


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    root = tmp_path_factory.mktemp("years")
    pairs = [_pair(30 + i, office=f"单位{i}") for i in range(3)]
    now = [n for _b, n in pairs]
    bad = dict(now[1].inputs)  # 单位1: this year's carry-over is not last year's carry-forward
    bad["t3.carried_over.business"] = int(bad["t3.carried_over.business"]) + 1
    bad["t3.disclosed.business"] = int(bad["t3.disclosed.business"]) + 1
    now[1] = Report(layout=L21, inputs=bad, info=now[1].info)
    newcomer = random_report(L21, random.Random(5), office="新单位", year=2025)
    before = _write(root / "2024", [b for b, _n in pairs])
    summary = root / "2024汇总.xlsx"
    write_summary(summary, merge_files(before, name="西平县", jobs=1))
    city = root / "2024全市.xlsx"  # a city's summary of two counties' summaries: no offices in its 明细
    parts = [root / "甲县.xlsx", root / "乙县.xlsx"]
    write_summary(parts[0], merge_files(before[:2], name="甲县", jobs=1))
    write_summary(parts[1], merge_files(before[2:], name="乙县", jobs=1))
    write_summary(city, merge_files(parts, name="某市", jobs=1))
    return {"before": before, "summary": [summary], "city": [city], "now": _write(root / "2025", [*now, newcomer])}


def _per_office(res: MergeResult) -> dict[str, list[tuple[str, str]]]:
    return {e.office: [(f.code, f.cell) for f in e.findings] for e in res.entries}


def test_last_years_summary_is_checked_per_office_like_its_workbooks(years: dict[str, list[Path]]) -> None:
    by_files = merge_files(years["now"], previous=years["before"], jobs=1)
    by_summary = merge_files(years["now"], previous=years["summary"], jobs=1)
    assert _per_office(by_summary) == _per_office(by_files) == {
        "单位0": [], "单位1": [("X-CARRYOVER", "E7")], "单位2": [], "新单位": [("MERGE-NO-PREVIOUS", "")]}
    # the county as a whole: like for like (the newcomer left out) either way
    county = [(f.code, f.cell) for f in by_summary.findings if not f.code.startswith("MERGE-INCLUDES")]
    assert county == [(f.code, f.cell) for f in by_files.findings if not f.code.startswith("MERGE-INCLUDES")]
    assert ("X-CARRYOVER", "E7") in county


def test_a_summary_without_offices_figures_is_said(years: dict[str, list[Path]]) -> None:
    res = merge_files(years["now"], previous=years["city"], jobs=1)
    assert all(not f.code.startswith("X-") for e in res.entries for f in e.findings)
    (said,) = [f for f in res.findings if f.code == "MERGE-PREVIOUS-NO-DETAIL"]
    assert said.message == ("上年的汇总文件“2024全市.xlsx”的“明细”表中没有单位的数字（只有下级汇总），"
                            "未按单位做跨年核对，只核对了汇总数。")


def test_read_detail_trusts_only_a_detail_that_adds_up(years: dict[str, list[Path]]) -> None:
    back = check_file(years["summary"][0]).report
    assert back is not None
    offices, problem = read_detail(years["summary"][0], back)
    assert problem == "" and [r.office for r in offices] == ["单位0", "单位1", "单位2"]
    assert [r.values for r in offices] == [check_file(p).report.values for p in years["before"]]  # type: ignore[union-attr]
    edited = Report(layout=L21, inputs={**back.inputs, "t2.rules.issued": 99}, info=back.info, level=back.level,
                    included=back.included)
    assert read_detail(years["summary"][0], edited) == ([], "的“明细”表各行之和与汇总表不一致（可能改动过）")
    assert read_detail(years["before"][0], back) == ([], "没有“明细”表")


def test_an_unreadable_previous_file_is_said(years: dict[str, list[Path]], tmp_path: Path) -> None:
    broken = tmp_path / "上年.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    res = merge_files(years["now"], previous=[broken], jobs=1)
    (said,) = [f for f in res.findings if f.code.startswith("MERGE-PREVIOUS")]
    assert said.code == "MERGE-PREVIOUS-UNREADABLE"
    assert said.message.startswith("上年的文件“上年.xlsx”无法读取，未用于跨年核对：")
    out = tmp_path / "汇总.xlsx"
    r = CliRunner().invoke(app, ["merge", *map(str, years["now"]), "--previous", str(broken), "-o", str(out),
                                 "--jobs", "1"])
    assert "上年的文件“上年.xlsx”无法读取，未用于跨年核对" in r.output.replace("\n", "")
    issues = openpyxl.load_workbook(out)[ISSUES_SHEET]
    assert "MERGE-PREVIOUS-UNREADABLE" in [row[4] for row in issues.iter_rows(values_only=True)]


def test_offices_of_the_same_name_are_compared_with_their_own_county() -> None:
    # a city: 甲县 and 乙县 each have a 县财政局; each is compared with its own county's last year
    pairs = {county: _pair(30 + i) for i, county in enumerate(("甲县", "乙县"))}

    def of(r: Report, county: str) -> Report:
        return Report(layout=r.layout, inputs=r.inputs, info={**r.info, "county": county})

    prev_items = [item(of(b, c), f"/prev/{c}.xlsx") for c, (b, _n) in pairs.items()]
    items = [item(of(n, c), f"/now/{c}.xlsx") for c, (_b, n) in pairs.items()]
    res = merge_results(items, previous=prev_items, name="某市")
    assert [(e.outcome, [f.code for f in e.findings]) for e in res.entries] == [("计入汇总", [])] * 2


def test_last_years_blank_cells_are_not_compared(tmp_path: Path) -> None:
    """Last year's report imported from a page that did not print some cells leaves them blank; this
    year's 二、上年结转 is not said to disagree with a 0 nobody wrote (found by acceptance review), while a
    figure last year did print is still compared."""
    before, now = _pair(3)
    inputs = dict(now.inputs)
    inputs["t3.carried_over.natural_person"] = int(inputs["t3.carried_over.natural_person"]) + 3  # differs
    inputs["t3.carried_over.business"] = int(inputs["t3.carried_over.business"]) + 9  # last year blank
    prev = tmp_path / "上年.xlsx"
    prev.write_bytes(build_workbook(L21, report=before, blank_inputs={"t3.carry_forward.business"}))
    read_before = check_file(prev).report
    assert read_before is not None and "t3.carry_forward.business" in read_before.blank
    found = check_cross_year(Report(layout=L21, inputs=inputs, info=now.info), read_before)
    assert [(f.code, f.cell) for f in found] == [("X-CARRYOVER", "D7")]
