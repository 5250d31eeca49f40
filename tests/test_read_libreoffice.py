"""Workbooks filled and saved by a real spreadsheet program (LibreOffice headless, recalculating on
load), as .xlsx, .xls and .ods, read back the same; a T3-BALANCE error is caught at the right cells."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

pytestmark = [needs_libreoffice, pytest.mark.libreoffice, pytest.mark.slow]

L21 = get_layout("2021")
HENAN = get_layout("2021", "henan")
GOOD = random_report(L21, random.Random(21), office="西平县交通运输局", category="县直部门")
GOOD_HENAN = random_report(HENAN, random.Random(22), office="柏城街道办事处", category="街道办事处")
BROKEN = replace(GOOD, inputs={**GOOD.inputs, "t3.disclosed.research": GOOD.inputs["t3.disclosed.research"] + 2})


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    src = tmp_path_factory.mktemp("src")
    files = {"good": (L21, GOOD), "henan": (HENAN, GOOD_HENAN), "broken": (L21, BROKEN)}
    paths = []
    for name, (layout, report) in files.items():
        p = src / f"{name}.xlsx"
        p.write_bytes(build_workbook(layout, report=report))
        paths.append(p)
    overwritten = src / "overwritten.xlsx"  # 表三 J6 and 表四 E6 typed over with constants
    overwritten.write_bytes((Path(__file__).parent / "data" / "bad" / "totals-overwritten.xlsx").read_bytes())
    paths.append(overwritten)
    out: dict[str, dict[str, Path]] = {}
    for fmt in ("xlsx", "xls", "ods"):
        outdir = tmp_path_factory.mktemp(fmt)
        converted = convert(paths, fmt, outdir)
        out[fmt] = {p.stem: p for p in converted}
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_saved_by_libreoffice_reads_back_the_same(saved: dict[str, dict[str, Path]], fmt: str) -> None:
    for name, report in (("good", GOOD), ("henan", GOOD_HENAN)):
        result = check_file(saved[fmt][name])
        assert result.report is not None, result.findings
        assert result.report.layout == report.layout
        assert dict(result.report.inputs) == dict(report.inputs)
        assert result.report.office == report.office
        assert result.errors == 0, result.findings


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_balance_error_caught_at_its_cells(saved: dict[str, dict[str, Path]], fmt: str) -> None:
    result = check_file(saved[fmt]["broken"])
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == {
        ("T3-BALANCE", "表三", "F6")}


@pytest.mark.parametrize(("fmt", "code"), [("xlsx", "TOTAL-OVERWRITTEN"), ("xls", "TOTAL-MISMATCH"),
                                           ("ods", "TOTAL-OVERWRITTEN")])
def test_overwritten_totals_in_every_format(saved: dict[str, dict[str, Path]], fmt: str, code: str) -> None:
    """.xlsx and .ods say the formula is gone (read from their XML); .xls says both possibilities; with
    both values, at the cell, and the recomputed total is what is read."""
    result = check_file(saved[fmt]["overwritten"])
    assert [(f.code, f.sheet, f.cell, f.actual) for f in result.findings] == [
        (code, "表三", "J6", "999"), (code, "表四", "E6", "7")]
    assert result.report is not None
    f = result.findings[0]
    assert f.expected == str(result.report.values["t3.new.total"]) and f.severity == "error"
    assert "999" in f.message and f.expected in f.message and "J6" in f.message


def test_an_lo_file_copied_without_marks_is_recognised_by_labels(saved: dict[str, dict[str, Path]],
                                                                 tmp_path: Path) -> None:
    """The tables copied into a fresh workbook (no identity sheet, other sheet names, other position)."""
    import warnings

    from openpyxl import Workbook, load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        src = load_workbook(saved["xlsx"]["good"], data_only=True)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in ("表二", "表三", "表四"):
        ws = wb.create_sheet(f"Sheet{sheet}")
        for row in src[sheet].iter_rows(min_row=3):
            for c in row:
                if c.value is not None and type(c).__name__ != "MergedCell":
                    ws.cell(c.row + 1, c.column + 1, c.value)  # one row and one column further
    p = tmp_path / "copied.xlsx"
    wb.save(p)
    result = check_file(p)
    assert result.kind == "labels"
    assert result.report is not None and dict(result.report.inputs) == dict(GOOD.inputs)
    codes = {f.code for f in result.findings}
    assert "TEMPLATE-NO-MARKS" in codes and "INFO-OFFICE" in codes
    assert not codes & {"STRUCT-ROWS", "STRUCT-COLUMNS", "STRUCT-LABEL"}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A consistent report where one count was typed as "N件" and two cells hold broken formulas, as
    LibreOffice saves it (recalculated on load) in each format."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "data"))
    from make_bad import Formula, set_cells

    src = tmp_path_factory.mktemp("typed")
    key = next(k for k, v in GOOD.inputs.items() if k.startswith("t3.new.") and v > 0)
    zeros = [L21.a1(k)[1] for k, v in GOOD.inputs.items() if k.startswith("t3.") and v == 0][:2]
    cells = {L21.a1(key): f"{GOOD.inputs[key]}件", ("表三", zeros[0]): Formula("1/0", "#DIV/0!"),
             ("表三", zeros[1]): Formula("NA()", "#N/A")}
    p = src / "typed.xlsx"
    p.write_bytes(set_cells(build_workbook(L21, report=GOOD), cells))
    out = {"source": p}
    for fmt in ("xlsx", "ods", "xls"):
        [out[fmt]] = convert(p, fmt, src / fmt)
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_text_and_error_cells_saved_by_libreoffice(typed: dict[str, Path], fmt: str) -> None:
    result = check_file(typed[fmt])
    key = next(k for k, v in GOOD.inputs.items() if k.startswith("t3.new.") and v > 0)
    codes = {(f.code, f.cell) for f in result.findings}
    # the text count: an error at its cell (the total LibreOffice computed without it is wrong on the
    # sheet), and no finding on the total itself
    assert ("READ-TEXT-TOTALS", L21.a1(key)[1]) in codes
    assert not {c for c, _cell in codes} & {"TOTAL-MISMATCH", "TOTAL-STALE", "TOTAL-OVERWRITTEN"}
    assert result.report is not None and result.report.values == GOOD.values
    zeros = [L21.a1(k)[1] for k, v in GOOD.inputs.items() if k.startswith("t3.") and v == 0][:2]
    if fmt == "xls":  # .xls files are not searched for error values: they read as blanks (a limitation)
        assert ("READ-BLANK", "") in codes
    else:
        assert {("VALUE-ERROR", zeros[0]), ("VALUE-ERROR", zeros[1])} <= codes
