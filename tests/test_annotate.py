"""--annotate: a marked-up copy that opens in LibreOffice without repair and stays a valid input."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lo import convert, needs_libreoffice
from nianbao.annotate import ERROR_FILL, WARNING_FILL, annotate_file
from nianbao.cli.app import app
from nianbao.reader import read_file
from nianbao.workbook import ISSUES_SHEET

BAD = Path(__file__).parent / "data" / "bad"
runner = CliRunner()


def _load(p: Path):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(p)


def test_annotated_copy_marks_cells_and_lists_findings(tmp_path: Path) -> None:
    src = BAD / "totals-overwritten.xlsx"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = read_file(src)
    done = annotate_file(result, tmp_path)
    assert done.output is not None and Path(done.output).parent == tmp_path
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    wb = _load(Path(done.output))
    assert wb.sheetnames[0] == ISSUES_SHEET
    cell = wb["表三"]["J6"]
    assert cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert cell.comment is not None and "999" in cell.comment.text
    issues = wb[ISSUES_SHEET]
    links = [c.hyperlink.location for row in issues.iter_rows(min_row=3) for c in row if c.hyperlink]
    assert links == ["'表三'!J6", "'表四'!E6"]
    # still a valid input: same values, same findings
    again = read_file(Path(done.output))
    assert again.report is not None and again.report.inputs == result.report.inputs  # type: ignore[union-attr]
    assert ISSUES_SHEET not in [f.sheet for f in again.findings]


def test_warnings_are_yellow(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(BAD.parent))
    from make_bad import filled, set_cells

    _r, data = filled(seed=7, office="柏城街道办事处", category="街道办事处")
    p = tmp_path / "w.xlsx"
    p.write_bytes(set_cells(data, {("表三", "E14"): "０"}))
    done = annotate_file(read_file(p), tmp_path / "out")
    assert done.output
    assert _load(Path(done.output))["表三"]["E14"].fill.fgColor.rgb == WARNING_FILL.fgColor.rgb


def test_unreadable_and_non_xlsx_files_get_a_note(tmp_path: Path) -> None:
    assert annotate_file(read_file(BAD / "empty.xlsx"), tmp_path).output is None


def test_cli_annotate(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(BAD / "folder"), str(BAD / "rows-inserted.xlsx"), "--annotate",
                              str(tmp_path / "标注")])
    assert res.exit_code == 1
    outs = sorted(p.name for p in (tmp_path / "标注").iterdir())
    assert outs == ["rows-inserted（问题标注）.xlsx", "交通运输局（问题标注）.xlsx", "柏城街道（问题标注）.xlsx"]


@needs_libreoffice
@pytest.mark.libreoffice
def test_annotated_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    done = annotate_file(read_file(BAD / "totals-overwritten.xlsx"), tmp_path / "a")
    assert done.output
    (out,) = convert([Path(done.output)], "xlsx", tmp_path / "lo")
    result = read_file(out)
    assert result.report is not None
    # LibreOffice recalculated the totals on load: the overwritten constants stay, the rest agree
    assert {f.code for f in result.findings} == {"TOTAL-OVERWRITTEN"}
