"""What the county is told must be true (issue 10 items 1, 5, 9; issue 11 item 3): another county's office,
files that were sent but not summed, the contact columns, impossible 填报日期."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import DETAIL_SHEET, FILES_SHEET, STATUS_SHEET, SUMMARY_ISSUES_SHEET
from nianbao.merge.core import merge_files
from nianbao.merge.sums import sum_reports
from nianbao.template import build_workbook

L21 = get_layout("2021")
runner = CliRunner()
OFFICES = ("县财政局", "县教育局", "县公安局", "县水利局")


def _report(office: str, county: str = "测试县", seed: int = 0, **info: str) -> Report:
    r = random_report(L21, random.Random(hash((office, county, seed)) % 10**6), office=office, county=county,
                      year=2025)
    return Report(layout=L21, inputs=r.inputs, info={**r.info, "preparer": f"{office}张三", "phone": "0396-1234567",
                                                      "date": "2026-01-15", **info})


def _write(folder: Path, name: str, report: Report | None, *, mtime: float | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(build_workbook(L21, report=report))
    if mtime is not None:
        os.utime(p, (mtime, mtime))
    return p


def _roster(folder: Path) -> Path:
    p = folder / "名单.csv"
    p.write_text("单位名称,单位类别\n" + "".join(f"{o},县直部门\n" for o in OFFICES), encoding="utf-8")
    return p


def _sheet(path: Path, name: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb[name].iter_rows(values_only=True))
    wb.close()
    return rows


def _table(rows: list[tuple], first: str) -> list[dict]:
    """The rows under the header row whose second cell is ``first``, as dicts by heading."""
    head = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1] == first)
    out = []
    for r in rows[head + 1:]:
        if r[0] is None or not isinstance(r[0], int | float):
            break
        out.append(dict(zip(rows[head], r, strict=False)))
    return out


@pytest.mark.parametrize("ours_sent", [True, False], ids=["ours-sent", "ours-not-sent"])
def test_another_countys_office_of_the_same_name_is_not_ours(tmp_path: Path, ours_sent: bool) -> None:
    """邻县's 县财政局 (所属县 邻县) in 测试县's inbox, with a roster: listed as 名单外 (another county), summed
    nowhere, said on the console; the counts on the console match the table."""
    inbox = tmp_path / "收件"
    ours = [_report(o) for o in OFFICES if ours_sent or o != "县财政局"]
    for r in ours:
        _write(inbox, f"{r.office}.xlsx", r)
    stranger = _report("县财政局", county="邻县")
    _write(inbox, "邻县财政局.xlsx", stranger)
    out = tmp_path / "汇总.xlsx"
    args = ["merge", str(inbox), "--roster", str(_roster(tmp_path)), "--name", "测试县", "-o", str(out), "--jobs", "1"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads(runner.invoke(app, [*args[:-4], "--jobs", "1", "--json", "-"]).output)
    assert data["totals"] == {k: (str(v) if not isinstance(v, int) else v)
                              for k, v in sum_reports(ours).values.items()}
    assert len(data["detail"]) == len(ours) == len(data["included"])
    rows = {(s["office"], s["county"]): (s["status"], s["included"]) for s in data["statuses"]}
    assert rows[("县财政局", "邻县")] == ("名单外", False)
    assert rows[("县财政局", "测试县")] == (("已提交·通过", True) if ours_sent else ("未提交", False))
    stray = next(f for f in data["files"] if f["path"].endswith("邻县财政局.xlsx"))
    assert [f["code"] for f in stray["findings"] if f["code"].startswith("MERGE")] == ["MERGE-OTHER-COUNTY"]
    # the console: the count summed is the table's, and the other county's office is named as such
    console = res.output.replace("\n", "")
    assert f"汇总计入 {len(ours)} 份报告" in console
    assert "名单外 1 个（其中外县单位 1 个，未计入汇总）" in console
    assert "是邻县的单位" in console
    if not ours_sent:
        assert "可能就是该单位" not in console  # 邻县's office is not offered as ours either
    # 明细, 文件 and 状态 carry 所属县
    detail = _table(_sheet(out, DETAIL_SHEET), "单位名称")
    assert [(d["单位名称"], d["所属县"]) for d in detail] == [(r.office, "测试县") for r in ours]
    files = {f["文件"]: f["所属县"] for f in _table(_sheet(out, FILES_SHEET), "文件")}
    assert files["邻县财政局.xlsx"] == "邻县"
    status = [(s["单位名称"], s["所属县"], s["状态"]) for s in _table(_sheet(out, STATUS_SHEET), "单位名称")]
    assert ("县财政局", "邻县", "名单外") in status


def test_files_sent_but_not_summed_say_why(tmp_path: Path) -> None:
    """A blank template named after its office, last year's report, an old-format file: each roster office
    that sent one is told what it sent, never an empty 未提交."""
    inbox = tmp_path / "收件"
    for o in ("县财政局", "县教育局"):
        _write(inbox, f"{o}.xlsx", _report(o))
    _write(inbox, "县公安局年报.xlsx", None)  # the blank template sent back
    _write(inbox, "县水利局.xlsx", _report("县水利局", year="2024"))
    (inbox / "县审计局.xlsx").write_bytes(b"not a workbook")
    res = merge_files(sorted(inbox.iterdir()), roster=[*map(_entry, OFFICES), _entry("县审计局")], name="测试县", jobs=1)
    rows = {s.office: s for s in res.statuses}
    assert (rows["县公安局"].status, rows["县公安局"].files) == ("未提交", ("县公安局年报.xlsx",))
    assert "交来空白模板（县公安局年报.xlsx）" in rows["县公安局"].note
    assert (rows["县水利局"].status, rows["县水利局"].note) == (
        "已提交·未计入", "交来的是 2024 年度报告（本次汇总 2025 年度），未计入")
    assert rows["县审计局"].note == "文件 县审计局.xlsx 无法读取，从文件名看可能是该单位的报告"
    assert "县公安局年报.xlsx" not in [f for s in res.statuses if s.office != "县公安局" for f in s.files]
    # every input file is in one status row
    assert sorted(f for s in res.statuses for f in s.files) == sorted(p.name for p in inbox.iterdir())


def test_a_personalised_template_sent_back_blank_is_not_a_submission(tmp_path: Path) -> None:
    """The template made for 县水利局 (its name and 所属县 filled in by `template --roster`) sent back
    unfilled: the office is 未提交 with the reason, the file is not summed as zeros, and the console's
    counts do not count it."""
    inbox = tmp_path / "收件"
    ours = [_report(o) for o in ("县财政局", "县教育局")]
    for r in ours:
        _write(inbox, f"{r.office}.xlsx", r)
    (inbox / "县水利局-2025年报.xlsx").write_bytes(build_workbook(L21, office="县水利局", county="测试县", year=2025))
    args = ["merge", str(inbox), "--roster", str(_roster(tmp_path)), "--name", "测试县", "--jobs", "1"]
    data = json.loads(runner.invoke(app, [*args, "--json", "-"]).output)
    rows = {s["office"]: s for s in data["statuses"]}
    assert (rows["县水利局"]["status"], rows["县水利局"]["included"]) == ("未提交", False)
    assert "交来空白模板（县水利局-2025年报.xlsx）" in rows["县水利局"]["note"]
    assert len(data["included"]) == 2
    blank = next(f for f in data["files"] if f["path"].endswith("县水利局-2025年报.xlsx"))
    assert "MERGE-BLANK" in [f["code"] for f in blank["findings"]]
    console = runner.invoke(app, [*args, "-o", str(tmp_path / "汇总.xlsx")]).output.replace("\n", "")
    assert "汇总计入 2 份报告" in console and "未提交 2 个" in console


def test_an_old_format_file_says_why_it_is_not_summed(tmp_path: Path) -> None:
    inbox = tmp_path / "收件"
    for o in ("县财政局", "县教育局"):
        _write(inbox, f"{o}.xlsx", _report(o))
    l19 = get_layout("2019")
    old = random_report(l19, random.Random(1), office="县公安局", county="测试县", year=2025)
    (inbox / "县公安局.xlsx").write_bytes(build_workbook(l19, report=old))
    res = merge_files(sorted(inbox.iterdir()), name="测试县", jobs=1)
    (row,) = [s for s in res.statuses if s.office == "县公安局"]
    assert (row.status, row.note) == ("已提交·未计入", "使用的是 2019 年版格式（本次汇总是 2021 年版），未计入")


def test_same_name_in_two_counties_reaches_the_console(tmp_path: Path) -> None:
    inbox = tmp_path / "收件"
    _write(inbox, "甲.xlsx", _report("县财政局", county="甲县"))
    _write(inbox, "乙.xlsx", _report("县财政局", county="乙县"))
    res = runner.invoke(app, ["merge", str(inbox), "--name", "某市", "--jobs", "1"])
    assert "以下单位名称相同、所属县（市、区）不同" in res.output.replace("\n", "")


def test_status_and_detail_carry_who_filled_it_in_and_when_it_came(tmp_path: Path) -> None:
    inbox = tmp_path / "收件"
    when = dt.datetime(2026, 1, 16, 9, 30, 41).timestamp()  # to the second: ties are judged on seconds
    for o in ("县财政局", "县教育局"):
        _write(inbox, f"{o}.xlsx", _report(o), mtime=when)
    out = tmp_path / "汇总.xlsx"
    assert runner.invoke(app, ["merge", str(inbox), "-o", str(out), "--jobs", "1"]).exit_code == 0
    for sheet in (STATUS_SHEET, DETAIL_SHEET):
        (row,) = [r for r in _table(_sheet(out, sheet), "单位名称") if r["单位名称"] == "县财政局"]
        assert (row["填报人"], row["联系电话"], row["填报日期"], row["收到时间"]) == (
            "县财政局张三", "0396-1234567", "2026-01-15", "2026-01-16 09:30:41"), sheet


def test_an_impossible_date_does_not_decide_the_latest(tmp_path: Path) -> None:
    """A stale version dated 2099 does not beat the correction dated 2026-01-20: dates after today (or
    before the report year's last month) do not count, and a warning says so."""
    inbox = tmp_path / "收件"
    _write(inbox, "县财政局.xlsx", _report("县教育局"))
    stale = _write(inbox, "县财政局-初稿.xlsx", _report("县财政局", seed=1, date="2099-01-10"),
                   mtime=dt.datetime(2026, 1, 10).timestamp())
    fixed = _write(inbox, "县财政局-更正.xlsx", _report("县财政局", seed=2, date="2026-01-20"),
                   mtime=dt.datetime(2026, 1, 20).timestamp())
    res = merge_files(sorted(inbox.iterdir()), jobs=1, today=dt.date(2026, 2, 1))
    fate = {Path(e.path).name: e.outcome for e in res.entries}
    assert fate[fixed.name] == "计入汇总" and fate[stale.name] == "已被更新的报告取代"
    (warned,) = [(e.name, f) for e in res.entries for f in e.findings if f.code == "MERGE-DATE-IMPLAUSIBLE"]
    assert warned[0] == stale.name and warned[1].severity == "warning"
    assert "晚于今天（2026-02-01）" in warned[1].message
    (row,) = [s for s in res.statuses if s.office == "县财政局"]
    assert "2099-01-10" in row.note
    # a date before the report year's last month does not count either
    early = _write(inbox, "县财政局-初稿.xlsx", _report("县财政局", seed=1, date="2025-03-01"),
                   mtime=dt.datetime(2026, 1, 10).timestamp())
    res = merge_files(sorted(inbox.iterdir()), jobs=1, today=dt.date(2026, 2, 1))
    assert {Path(e.path).name: e.outcome for e in res.entries}[early.name] == "已被更新的报告取代"


def _entry(name: str):
    from nianbao.read.roster import RosterEntry

    return RosterEntry(name, "县直部门")


def test_a_file_that_only_claims_to_be_a_summary_displaces_no_one(tmp_path: Path) -> None:
    """Issue 11 item 4: a workbook whose identity says 汇总 with a forged office list (no 明细 behind it, or
    a 明细 that does not list the offices) is refused with an error; the real offices' reports are summed."""
    import dataclasses

    from nianbao.form.sheets import LEVEL_SUMMARY
    from nianbao.merge.summary import write_summary

    inbox = tmp_path / "收件"
    real = [_report(o) for o in OFFICES[:2]]
    for r in real:
        _write(inbox, f"{r.office}.xlsx", r)
    forged = inbox / "全县汇总.xlsx"  # an office's workbook with its identity made a summary of all four
    forged.write_bytes(build_workbook(L21, report=_report("测试县", seed=9), level=LEVEL_SUMMARY, included=OFFICES))
    res = merge_files(sorted(inbox.iterdir()), name="测试县", jobs=1)
    fate = {Path(e.path).name: e.outcome for e in res.entries}
    assert fate == {"全县汇总.xlsx": "未计入", "县财政局.xlsx": "计入汇总", "县教育局.xlsx": "计入汇总"}
    assert res.report.values == sum_reports(real).values
    (said,) = [f for e in res.entries for f in e.findings if f.code == "MERGE-SUMMARY-UNPROVEN"]
    assert said.severity == "error" and "没有“明细”表" in said.message and res.has_errors
    # a summary nianbao wrote, its office list extended by hand: its 明细 does not list the added office
    two = merge_files([inbox / "县财政局.xlsx"], name="测试县", jobs=1)
    padded = dataclasses.replace(two, report=dataclasses.replace(two.report, included=("县财政局", "县教育局")))
    other = tmp_path / "别处"
    other.mkdir()
    write_summary(other / "汇总.xlsx", padded)
    res = merge_files([other / "汇总.xlsx", inbox / "县教育局.xlsx"], name="测试县", jobs=1)
    assert {Path(e.path).name: e.outcome for e in res.entries} == {"汇总.xlsx": "未计入", "县教育局.xlsx": "计入汇总"}
    (said,) = [f for e in res.entries for f in e.findings if f.code == "MERGE-SUMMARY-UNPROVEN"]
    assert "“县教育局”在“明细”表中没有数字" in said.message
    # a real summary beside one of its own offices' reports: a conflict, said as an error with the files
    whole = tmp_path / "真汇总.xlsx"
    write_summary(whole, merge_files([inbox / "县财政局.xlsx", inbox / "县教育局.xlsx"], name="测试县", jobs=1))
    res = merge_files([whole, inbox / "县教育局.xlsx", _write(tmp_path / "新", "县公安局.xlsx", _report("县公安局"))],
                      name="某市", jobs=1)
    (said,) = [f for e in res.entries for f in e.findings if f.code == "MERGE-SUMMARY-CONFLICT"]
    assert "“县教育局”" in said.message and "县教育局.xlsx" in said.message and res.has_errors
    (row,) = [s for s in res.statuses if s.files == ("真汇总.xlsx",)]
    assert (row.status, row.included) == ("已提交·未计入", False) and "须确定用哪一份" in row.note


def test_personalised_templates_prefill_and_lock_the_county(tmp_path: Path) -> None:
    """``template --roster --county``: every office's template has 所属县 filled in and locked, beside its
    locked 单位名称, so that the report comes back as this county's."""
    from nianbao.check.checkfile import check_file
    from nianbao.form.sheets import INFO_SHEET
    from nianbao.template import info_cell

    out = tmp_path / "模板"
    res = runner.invoke(app, ["template", "--roster", str(_roster(tmp_path)), "--out", str(out), "--year", "2025",
                              "--county", "测试县"])
    assert res.exit_code == 0, res.output
    files = sorted(out.iterdir())
    assert len(files) == len(OFFICES)
    for path in files:
        ws = openpyxl.load_workbook(path)[INFO_SHEET]
        county, office = ws[info_cell(L21, "county")], ws[info_cell(L21, "office")]
        assert (county.value, county.protection.locked) == ("测试县", True)
        assert office.protection.locked and office.value in OFFICES
        assert ws.protection.sheet
        back = check_file(path).report
        assert back is not None and back.info["county"] == "测试县"
    # without --county 所属县 stays for the office to fill in
    runner.invoke(app, ["template", "-o", str(tmp_path / "t.xlsx"), "--office", "县财政局", "--year", "2025"])
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")[INFO_SHEET]
    assert ws[info_cell(L21, "county")].protection.locked is False and ws[info_cell(L21, "office")].protection.locked


def test_an_office_that_sent_nothing_shows_the_rosters_contact(tmp_path: Path) -> None:
    """Chasing the missing must not mean looking up the phone: 未提交 rows carry the roster's 联系人 and
    联系电话 (issue 10 item 9)."""
    inbox = tmp_path / "收件"
    _write(inbox, "县财政局.xlsx", _report("县财政局"))
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别,联系人,联系电话\n县财政局,县直部门,李四,0396-1111111\n"
                      "县水利局,县直部门,王五,0396-2222222\n", encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    res = runner.invoke(app, ["merge", str(inbox), "--roster", str(roster), "--name", "测试县", "-o", str(out),
                              "--jobs", "1"])
    assert res.exit_code == 0, res.output
    rows = {s["单位名称"]: s for s in _table(_sheet(out, STATUS_SHEET), "单位名称")}
    assert rows["县水利局"]["状态"] == "未提交"
    assert (rows["县水利局"]["填报人"], rows["县水利局"]["联系电话"]) == ("王五", "0396-2222222")
    assert rows["县财政局"]["填报人"] == "县财政局张三"  # a report's own 填报人 where there is one


def test_same_name_from_two_counties_one_each_is_told_apart(tmp_path: Path) -> None:
    """Our 县财政局.xlsx and 邻县's, sent on in a folder of its own: 问题 says which file each finding is
    about, as 文件 does (with the folder), not twice the bare name."""
    inbox = tmp_path / "收件"
    _write(inbox, "县财政局.xlsx", _report("县财政局"))
    _write(inbox / "邻县转来", "县财政局.xlsx", _report("县财政局", county="邻县"))
    out = tmp_path / "汇总.xlsx"
    res = runner.invoke(app, ["merge", str(inbox), "--roster", str(_roster(tmp_path)), "--name", "测试县",
                              "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    issues = _table(_sheet(out, SUMMARY_ISSUES_SHEET), "文件")
    (other,) = [i for i in issues if i["代码"] == "MERGE-OTHER-COUNTY"]
    files = {f["文件"] for f in _table(_sheet(out, FILES_SHEET), "文件")}
    assert other["文件"] in files and "邻县转来" in other["文件"]
    # what is said of the summary itself is not said of the workbook it is written to: 县教育局 sent nothing
    missing = [(i["文件"], i["单位名称"]) for i in issues if i["代码"] == "MERGE-MISSING"]
    assert ("（汇总）", "县教育局") in missing and {f for f, _ in missing} == {"（汇总）"}, missing
    # one of ours, one of 邻县's: a tie of counties, but --name says whose summary it is; 邻县's is not summed
    assert "汇总计入 1 份报告" in res.output.replace("\n", "")
    status = {(s["单位名称"], s["所属县"]): s["状态"] for s in _table(_sheet(out, STATUS_SHEET), "单位名称")}
    assert status[("县财政局", "邻县")] == "名单外" and status[("县教育局", "测试县")] == "未提交"


def test_a_report_under_a_roster_alias_is_summed_as_the_roster_office(tmp_path: Path) -> None:
    from nianbao.read.roster import RosterEntry

    inbox = tmp_path / "收到的"
    _write(inbox, "教体局.xlsx", _report("县教体局"))
    _write(inbox, "财政.xlsx", _report("县财政局"))
    roster = [RosterEntry("县教育局", "县直部门", aliases=("教育局", "县教体局")), RosterEntry("县财政局", "县直部门")]
    res = merge_files(sorted(inbox.iterdir()), roster=roster, name="测试县", jobs=1)
    assert [e.office for e in res.rows] == ["县教育局", "县财政局"]  # roster order, the roster's name
    assert {s.office: s.included for s in res.statuses} == {"县教育局": True, "县财政局": True}
    assert not [f for f in res.findings if f.code == "MERGE-NOT-ON-ROSTER"]
