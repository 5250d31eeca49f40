"""The committed samples read back by `check`: the county's workbooks, the same workbooks saved by
LibreOffice as .xlsx, .xls and .ods, and the one with a T3-BALANCE error caught at its cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file, check_paths
from nianbao.demo import BROKEN_KEY, BROKEN_OFFICE, COUNTY, COUNTY_YEAR
from nianbao.form.registry import get_layout

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAVED = sorted((SAMPLES / f"{COUNTY}-LibreOffice").iterdir())


def test_every_sample_is_read_and_only_the_broken_one_has_errors() -> None:
    run = check_paths([SAMPLES])
    assert [Path(p).name for p, _why in run.skipped] == ["make_samples.py"]
    assert {Path(r.path).suffix for r in run.results} == {".xlsx", ".xls", ".ods"}
    for r in run.results:
        assert r.report is not None and r.office and r.kind == "template", r.findings
        assert r.warnings == 0, r.findings
        assert r.errors == (1 if r.office == BROKEN_OFFICE else 0), r.findings  # one wrong column, said once


def test_the_broken_sample_is_caught_at_its_cells() -> None:
    layout = get_layout("2021")
    result = check_file(SAMPLES / COUNTY / f"{BROKEN_OFFICE}-{COUNTY_YEAR}年报.xlsx")
    column = BROKEN_KEY.rsplit(".", 1)[1]
    assert [(f.code, f.sheet, f.cell) for f in result.findings] == [("T3-BALANCE", *layout.a1(f"t3.new.{column}"))]
    f = result.findings[0]
    assert f.row_label == "一 + 二 = （七）总计 + 四" and f.col_label
    assert f.cells == tuple(layout.a1(f"t3.{row}.{column}")[1] for row in ("carried_over", "result_total", "carry_forward"))
    assert "一 + 二 = " in f.message and "一 + 二 比 （七）总计 + 四 多 " in f.message


@pytest.mark.parametrize("saved", SAVED, ids=[p.suffix for p in SAVED])
def test_saved_by_libreoffice_reads_the_same_as_the_original(saved: Path) -> None:
    original = check_file(SAMPLES / COUNTY / f"{saved.stem}.xlsx")
    again = check_file(saved)
    assert again.report is not None and original.report is not None
    assert dict(again.report.inputs) == dict(original.report.inputs)
    assert again.report.info == original.report.info and again.report.texts == original.report.texts
    assert again.findings == ()
