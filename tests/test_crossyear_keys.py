"""The cross-year findings name the cell they are about by its key, as every finding on one data cell does
(``check --json`` shows it), not only by its A1 address."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.form.model import Report
from nianbao.template import write_workbook
from test_crossyear import L21, _pair


def test_check_previous_json_gives_the_key_of_each_cross_year_finding(tmp_path: Path) -> None:
    before, now = _pair(31, office="县财政局")
    inputs = dict(now.inputs)
    inputs["t3.carried_over.business"] = int(inputs["t3.carried_over.business"]) + 1
    inputs["t3.disclosed.business"] = int(inputs["t3.disclosed.business"]) + 1  # the column still balances
    inputs["t2.normative.in_force"] = int(inputs["t2.normative.in_force"]) + 1
    this_year, last_year = tmp_path / "本年", tmp_path / "上年"
    this_year.mkdir(), last_year.mkdir()
    write_workbook(this_year / "县财政局.xlsx", L21, report=Report(layout=L21, inputs=inputs, info=now.info))
    write_workbook(last_year / "县财政局-2024.xlsx", L21, report=before)
    res = CliRunner().invoke(app, ["check", str(this_year), "--previous", str(last_year), "--json"])
    (file,) = json.loads(res.stdout)["files"]
    got = sorted((f["code"], f["cell"], f["key"]) for f in file["findings"] if f["code"].startswith("X-"))
    assert got == [("X-CARRYOVER", L21.a1("t3.carried_over.business")[1], "t3.carried_over.business"),
                   ("X-INFORCE", L21.a1("t2.normative.in_force")[1], "t2.normative.in_force")]
