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


#: an office's narrative, the same both years but for its figures (what assessors call a copy of last year's)
TEXTS = {"overview.active": "县财政局{y}年通过政府门户网站主动公开财政预决算、政府采购等信息，全年更新专栏内容。",
         "overview.request": "严格按照《条例》规定的程序和时限办理依申请公开，答复内容准确、依据充分。",
         "overview.management": "落实政府信息公开属性源头认定和保密审查制度，做到先审查、后公开。",
         "overview.platform": "依托县政府门户网站财政信息公开专栏集中发布预决算信息，方便群众查阅。",
         "overview.supervision": "把政府信息公开工作纳入年度目标考核，组织全局干部参加业务培训。",
         "problems": "信息公开的及时性还有差距。下一步将建立更新台账，做到应公开尽公开。", "other": "无。"}


def _with_texts(report: Report, year: int) -> Report:
    return Report(layout=report.layout, inputs=report.inputs, info=report.info,
                  texts={k: v.format(y=year) for k, v in TEXTS.items()})


def test_check_with_last_years_published_page_compares_the_narrative(tmp_path: Path) -> None:
    """Last year's report as it was published (the page render writes, found in a folder too): imported, and
    this year's copied narrative is said, in the table and in --json."""
    before, now = _pair(27)
    last = write_workbook(tmp_path / "上年.xlsx", L21, report=_with_texts(before, 2024))
    page_dir = tmp_path / "上年发布"
    page_dir.mkdir()
    res = CliRunner().invoke(app, ["render", str(last), "-o", str(page_dir / "县财政局2024年报.html")])
    assert res.exit_code == 0, res.output
    this = write_workbook(tmp_path / "县财政局.xlsx", L21, report=_with_texts(now, 2025))
    for previous in (page_dir / "县财政局2024年报.html", page_dir):
        (f,) = _json(str(this), "--previous", str(previous))["files"]
        assert [x["code"] for x in f["findings"] if x["code"].startswith("NARR-")] == ["NARR-COPY-YEAR"]
        assert f["status"] == "有警告"


def test_check_with_last_years_summary_says_the_narrative_was_not_compared(tmp_path: Path) -> None:
    """Last year's county summary keeps figures only: the figures are compared, and the clerk is told that
    the narrative was not, and what to give instead (in --json's "previous" too)."""
    before, now = _pair(26)
    last_year = tmp_path / "上年"
    last_year.mkdir()
    write_workbook(last_year / "县财政局.xlsx", L21, report=_with_texts(before, 2024))
    summary = tmp_path / "2024汇总.xlsx"
    res = CliRunner().invoke(app, ["merge", str(last_year), "-o", str(summary), "--name", "示例县"])
    assert res.exit_code == 0, res.output
    this = write_workbook(tmp_path / "县财政局.xlsx", L21, report=_with_texts(now, 2025))
    out = _json(str(this), "--previous", str(summary))
    (said,) = [p for p in out["previous"] if p["code"] == "MERGE-PREVIOUS-NO-TEXT"]
    assert "2024汇总.xlsx" in said["message"] and "县财政局" in said["message"] and "发布的报告" in said["remedy"]
    assert not [x for x in out["files"][0]["findings"] if x["code"].startswith("NARR-")]
    res = CliRunner().invoke(app, ["check", str(this), "--previous", str(summary)], env={"COLUMNS": "400"})
    assert "MERGE-PREVIOUS-NO-TEXT" in res.output
