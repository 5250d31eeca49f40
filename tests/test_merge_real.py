"""A real county: workbooks saved by LibreOffice (.xlsx, .xls, .ods), one office missing, one submitting
twice, one broken file, one from another county; the summary is what a clerk expects, and LibreOffice
opens it and computes the same totals."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.merge.core import merge_files
from nianbao.merge.outcome import INCLUDED, NOT_ON_ROSTER, SUPERSEDED, UNREADABLE
from nianbao.read.roster import read_roster
from nianbao.template import build_workbook

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow, needs_libreoffice]

L21 = get_layout("2021", "henan")
ROSTER = [("西平县财政局", "县直部门"), ("西平县教育局", "县直部门"), ("西平县公安局", "县直部门"),
          ("西平县卫生健康委员会", "县直部门"), ("柏城街道办事处", "街道办事处"), ("盆尧镇人民政府", "乡镇人民政府"),
          ("出山镇人民政府", "乡镇人民政府"), ("西平县审计局", "县直部门")]
FORMATS = {"西平县教育局": "xls", "柏城街道办事处": "xls", "盆尧镇人民政府": "ods", "西平县卫生健康委员会": "ods"}


def _report(rng: random.Random, office: str, category: str, *, county: str = "西平县", date: str = "2026-01-15"
            ) -> Report:
    r = random_report(L21, rng, office=office, category=category, county=county)
    return Report(layout=r.layout, inputs=r.inputs, info={**r.info, "date": date})


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("county")
    made, inbox = base / "made", base / "交回"
    made.mkdir()
    inbox.mkdir()
    rng = random.Random(2026)
    reports: dict[str, Report] = {}
    for office, category in ROSTER:
        if office == "西平县审计局":
            continue  # never submitted
        reports[office] = _report(rng, office, category)
    first_finance = _report(rng, "西平县财政局", "县直部门", date="2026-01-10")  # replaced by the corrected one
    stranger = _report(rng, "上蔡县财政局", "县直部门", county="上蔡县")
    sources: dict[str, list[Path]] = {"xlsx": [], "xls": [], "ods": []}
    for office, rep in [*reports.items(), ("西平县财政局-初稿", first_finance), ("上蔡县财政局", stranger)]:
        p = made / f"{office}.xlsx"
        p.write_bytes(build_workbook(L21, report=rep))
        sources[FORMATS.get(office, "xlsx")].append(p)
    saved = base / "saved"
    for fmt, files in sources.items():  # three LibreOffice calls in all
        convert(files, fmt, saved / fmt)
        for f in files:
            shutil.copy(saved / fmt / f"{f.stem}.{fmt}", inbox / f"{f.stem}.{fmt}")
    # the police bureau's file arrived broken
    police = inbox / "西平县公安局.xlsx"
    police.write_bytes(police.read_bytes()[:4000])
    roster = base / "名单.csv"
    roster.write_text("单位名称,单位类别\n" + "".join(f"{o},{c}\n" for o, c in ROSTER), encoding="utf-8")
    return {"inbox": inbox, "roster": roster, "reports": reports, "base": base}


def test_the_clerk_gets_what_she_expects(county: dict) -> None:
    inbox, roster, reports = county["inbox"], county["roster"], county["reports"]
    files = sorted(inbox.iterdir())
    assert {f.suffix for f in files} == {".xlsx", ".xls", ".ods"}
    res = merge_files(files, roster=read_roster(roster), name="西平县", jobs=2)
    status = {s.office or s.files[0]: s.status for s in res.statuses}
    assert status == {
        "西平县财政局": "已提交·通过", "西平县教育局": "已提交·通过", "西平县公安局": "未提交",
        "西平县卫生健康委员会": "已提交·通过", "柏城街道办事处": "已提交·通过", "盆尧镇人民政府": "已提交·通过",
        "出山镇人民政府": "已提交·通过", "西平县审计局": "未提交", "上蔡县财政局": "名单外",
        "西平县公安局.xlsx": "无法读取",
    }
    police = next(s for s in res.statuses if s.office == "西平县公安局")
    assert "西平县公安局.xlsx 无法读取" in police.note
    fate = {e.name: e.outcome for e in res.entries}
    assert fate["西平县财政局-初稿.xlsx"] == SUPERSEDED
    assert fate["西平县财政局.xlsx"] == INCLUDED
    assert fate["上蔡县财政局.xlsx"] == NOT_ON_ROSTER
    assert fate["西平县公安局.xlsx"] == UNREADABLE
    stranger = next(e for e in res.entries if e.name == "上蔡县财政局.xlsx")
    assert "上蔡县" in stranger.findings[0].message
    # the sum is exactly the included offices' figures, fee as Decimal
    included = [reports[o] for o in ("西平县财政局", "西平县教育局", "西平县卫生健康委员会", "柏城街道办事处",
                                    "盆尧镇人民政府", "出山镇人民政府")]
    for key, v in res.report.values.items():
        assert v == sum((r.values[key] for r in included), Decimal(0) if isinstance(v, Decimal) else 0), key
    assert sorted(res.report.included) == sorted(r.office for r in included)
    codes = sorted({f.code for _o, f in res.all_findings()})
    assert {"MERGE-MISSING", "MERGE-SUPERSEDED", "MERGE-NOT-ON-ROSTER", "FILE-CORRUPT"} <= set(codes)


def test_libreoffice_computes_the_same_totals(county: dict, tmp_path: Path) -> None:
    out = tmp_path / "西平县汇总.xlsx"
    r = CliRunner().invoke(app, ["merge", str(county["inbox"]), "--roster", str(county["roster"]),
                                 "--name", "西平县", "-o", str(out), "--jobs", "2"])
    assert r.exit_code == 1, r.output  # the broken file is an error
    ours = check_file(out)
    assert ours.kind == "summary" and ours.report is not None
    # LibreOffice opens it, recalculates every formula (the tables over 明细) and saves it again
    (back,) = convert([out], "xlsx", tmp_path / "lo")
    theirs = check_file(back)
    assert theirs.report is not None, theirs.findings
    assert not [f for f in theirs.findings if f.code.startswith("TOTAL-")], theirs.findings
    for key, v in ours.report.values.items():
        assert round(Decimal(str(theirs.report.values[key])), 4) == round(Decimal(str(v)), 4), key
    import openpyxl

    recomputed = openpyxl.load_workbook(back, data_only=True)
    layout = ours.report.layout
    for key in ("t3.new.total", "t3.result_total.total", "t2.fees.amount", "t4.review.total"):
        sheet, a1 = layout.a1(key)
        got = recomputed[sheet][a1].value
        assert round(Decimal(str(got)), 4) == round(Decimal(str(ours.report.values[key])), 4), key
    # merging the summary again (a city rolling up) gives the same figures
    again = merge_files([out], jobs=1)
    assert again.report.values == ours.report.values
    assert sorted(again.report.included) == sorted(ours.report.included)
