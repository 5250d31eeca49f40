"""``nianbao check --previous``: each report against last year's report of its office, as merge --previous."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.form.model import Report
from nianbao.template import write_workbook
from test_crossyear import L21, _pair


def _json(*args: str) -> dict:
    res = CliRunner().invoke(app, ["check", *args, "--json"])
    return json.loads(res.stdout)


def test_check_with_previous_warns_of_last_years_carry_forward(tmp_path: Path) -> None:
    (before, now), (before2, now2) = _pair(21, office="县财政局"), _pair(22, office="县教育局")
    bad = dict(now.inputs)
    bad["t3.carried_over.business"] = int(bad["t3.carried_over.business"]) + 1
    bad["t3.disclosed.business"] = int(bad["t3.disclosed.business"]) + 1  # the column still balances
    this_year, last_year = tmp_path / "本年", tmp_path / "上年"
    this_year.mkdir(), last_year.mkdir()
    write_workbook(this_year / "县财政局.xlsx", L21, report=Report(layout=L21, inputs=bad, info=now.info))
    write_workbook(this_year / "县教育局.xlsx", L21, report=now2)
    write_workbook(last_year / "县财政局-2024.xlsx", L21, report=before)
    write_workbook(last_year / "县教育局-2024.xlsx", L21, report=before2)

    alone = {Path(f["path"]).name: f for f in _json(str(this_year))["files"]}
    assert "X-CARRYOVER" not in [x["code"] for x in alone["县财政局.xlsx"]["findings"]]  # nothing to compare with

    files = {Path(f["path"]).name: f for f in _json(str(this_year), "--previous", str(last_year))["files"]}
    carry = [x for x in files["县财政局.xlsx"]["findings"] if x["code"] == "X-CARRYOVER"]
    assert len(carry) == 1 and carry[0]["cell"] == "E7" and "上年报告“四、结转下年度继续办理”" in carry[0]["message"]
    assert files["县财政局.xlsx"]["status"] == "有警告"
    assert [x["code"] for x in files["县教育局.xlsx"]["findings"] if x["code"].startswith("X-")] == []


def test_check_with_previous_that_does_not_exist_says_so(tmp_path: Path) -> None:
    _before, now = _pair(23)
    write_workbook(tmp_path / "县财政局.xlsx", L21, report=now)
    res = CliRunner().invoke(app, ["check", str(tmp_path / "县财政局.xlsx"), "--previous", str(tmp_path / "没有")])
    assert res.exit_code != 0 and "没有找到上年的报告" in res.output


def test_check_with_previous_of_the_wrong_year_says_so_without_calling_it_a_summary(tmp_path: Path) -> None:
    _before, now = _pair(24)
    write_workbook(tmp_path / "县财政局.xlsx", L21, report=now)
    res = CliRunner().invoke(app, ["check", str(tmp_path / "县财政局.xlsx"), "--previous", str(tmp_path / "县财政局.xlsx")],
                             env={"COLUMNS": "400"})  # wide enough that no cell of the table wraps
    said = "".join(res.output.split())
    assert "MERGE-PREVIOUS-YEAR" in said and "本次核对的是2025年度的报告" in said and "本次汇总" not in said
    assert res.exit_code == 0  # a warning about last year's files; this year's report passes
