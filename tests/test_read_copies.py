"""A copied table: the clerk filled "表三 (2)" and left the template's 表三 at zeros or hid it. The
figures read are the clerk's, said as a warning; two visible copies filled differently are refused.
The workbooks are made the way a clerk makes them (a sheet copied, hidden) and saved by LibreOffice."""

from __future__ import annotations

import random
import warnings
from dataclasses import replace
from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

pytestmark = [needs_libreoffice, pytest.mark.libreoffice, pytest.mark.slow]

L21 = get_layout("2021")
REPORT = random_report(L21, random.Random(31), office="某某镇人民政府", category="乡镇人民政府")
OTHER = random_report(L21, random.Random(32), office="某某镇人民政府", category="乡镇人民政府")
FORMATS = ("xlsx", "ods", "xls")
T3_INPUTS = [(k, L21.a1(k)[1]) for k in REPORT.inputs if k.startswith("t3.")]


def _workbook(path: Path, *, hide_own: bool, own_from: Report | None = None, copy_name: str = "表三 (2)") -> Path:
    """The template filled except 表三 (left at zeros unless ``own_from`` fills it), a copy of 表三
    named ``copy_name`` holding REPORT's figures, the template's 表三 hidden if ``hide_own``."""
    from openpyxl import load_workbook

    base = REPORT if own_from is None else own_from
    blank_t3 = {**base.inputs, **({k: 0 for k, _a1 in T3_INPUTS} if own_from is None else {})}
    path.write_bytes(build_workbook(L21, report=replace(REPORT, inputs=blank_t3)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path)
    copy = wb.copy_worksheet(wb["表三"])
    copy.title = copy_name
    for key, a1 in T3_INPUTS:
        copy[a1] = REPORT.inputs[key]
    if hide_own:
        wb["表三"].sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def saved_all(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    src = tmp_path_factory.mktemp("copies")
    files = [
        _workbook(src / "hidden.xlsx", hide_own=True),
        _workbook(src / "zeros.xlsx", hide_own=False, copy_name="表三 (新)"),
        _workbook(src / "both.xlsx", hide_own=False, own_from=OTHER),
        _workbook(src / "same.xlsx", hide_own=False, own_from=REPORT),
    ]
    return {fmt: {p.stem: p for p in convert(files, fmt, tmp_path_factory.mktemp(fmt))} for fmt in FORMATS}


@pytest.fixture(params=FORMATS)
def saved(request: pytest.FixtureRequest, saved_all: dict[str, dict[str, Path]]) -> dict[str, Path]:
    """The workbooks as LibreOffice saved them, in each of .xlsx, .ods and .xls."""
    return saved_all[request.param]


@pytest.mark.parametrize(("name", "copy"), [("hidden", "表三 (2)"), ("zeros", "表三 (新)")])
def test_the_filled_visible_copy_is_read_and_said(saved: dict[str, Path], name: str, copy: str) -> None:
    result = check_file(saved[name])
    assert result.report is not None
    t3 = {k: v for k, v in result.report.inputs.items() if k.startswith("t3.")}
    assert t3 == {k: REPORT.inputs[k] for k, _a1 in T3_INPUTS}
    notes = [f for f in result.findings if f.code == "READ-SHEET-COPY"]
    assert len(notes) == 1 and notes[0].severity == "warning" and notes[0].actual == copy
    assert ("隐藏" if name == "hidden" else "没有填写") in notes[0].message
    assert not any(f.code == "STRUCT-SHEET-RENAMED" for f in result.findings)
    assert result.errors == 0, result.findings


def test_two_visible_copies_filled_differently_are_refused(saved: dict[str, Path]) -> None:
    result = check_file(saved["both"])
    codes = [(f.code, str(f.severity)) for f in result.findings]
    assert ("READ-SHEET-AMBIGUOUS", "error") in codes
    f = next(f for f in result.findings if f.code == "READ-SHEET-AMBIGUOUS")
    assert "“表三”" in f.message and "“表三 (2)”" in f.message
    assert result.report is None and result.status == "无法读取"
    assert not any(f.code == "STRUCT-SHEET" for f in result.findings)


def test_a_copy_with_the_same_figures_is_no_problem(saved: dict[str, Path]) -> None:
    result = check_file(saved["same"])
    assert result.report is not None and result.findings == ()
