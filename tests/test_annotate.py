"""--annotate: a marked-up copy that opens in LibreOffice without repair and stays a valid input."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lo import convert, needs_libreoffice
from nianbao.check.annotate import ERROR_FILL, WARNING_FILL, annotate_file
from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.form.sheets import ISSUES_SHEET

BAD = Path(__file__).parent / "data" / "bad"
runner = CliRunner()


def _load(p: Path):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(p)


def test_annotated_copy_marks_cells_and_lists_findings(tmp_path: Path) -> None:
    src = BAD / "totals-overwritten.xlsx"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = check_file(src)
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
    again = check_file(Path(done.output))
    assert again.report is not None and again.report.inputs == result.report.inputs  # type: ignore[union-attr]
    assert ISSUES_SHEET not in [f.sheet for f in again.findings]


def test_warnings_are_yellow(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(BAD.parent))
    from make_bad import filled, set_cells

    _r, data = filled(seed=7, office="柏城街道办事处", category="街道办事处")
    p = tmp_path / "w.xlsx"
    p.write_bytes(set_cells(data, {("表三", "E14"): "０"}))
    done = annotate_file(check_file(p), tmp_path / "out")
    assert done.output
    assert _load(Path(done.output))["表三"]["E14"].fill.fgColor.rgb == WARNING_FILL.fgColor.rgb


def test_unreadable_and_non_xlsx_files_get_a_note(tmp_path: Path) -> None:
    assert annotate_file(check_file(BAD / "empty.xlsx"), tmp_path).output is None


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_an_ods_file_gets_a_rebuilt_xlsx_copy(tmp_path: Path) -> None:
    src = SAMPLES / "示例县-LibreOffice" / "东湖街道办事处-2025年报.ods"  # saved by LibreOffice
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = check_file(src)
    done = annotate_file(result, tmp_path)
    assert done.output is not None and done.output.endswith("东湖街道办事处-2025年报（问题标注）.xlsx")
    assert ".ods" in done.note
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    issues = _load(Path(done.output))[ISSUES_SHEET]
    assert "重新生成" in issues["A2"].value and issues["A4"].value == "没有发现问题。"
    again = check_file(Path(done.output))
    assert again.report is not None and dict(again.report.inputs) == dict(result.report.inputs)  # type: ignore[union-attr]
    assert again.office == result.office and again.report.texts == result.report.texts  # type: ignore[union-attr]
    assert again.status == result.status


@needs_libreoffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_errors_in_a_libreoffice_file_are_marked_in_the_rebuilt_copy(tmp_path: Path, fmt: str) -> None:
    [src] = convert(SAMPLES / "示例县" / "县自然资源局-2025年报.xlsx", fmt, tmp_path / "lo")
    result = check_file(src)
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == {("T3-BALANCE", "表三", "D6")}
    done = annotate_file(result, tmp_path / "out")
    assert done.output is not None and done.output.endswith(".xlsx")
    wb = _load(Path(done.output))
    for a1 in ("D6", "D7", "D29", "D30"):  # the column's four terms, as one problem
        assert wb["表三"][a1].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
        assert "一 + 二" in wb["表三"][a1].comment.text
    assert wb["表三"]["J30"].comment is None  # the 总计 column: the same mistake, not marked again
    links = [c.hyperlink.location for row in wb[ISSUES_SHEET].iter_rows(min_row=4) for c in row if c.hyperlink]
    assert links == ["'表三'!D6"]
    assert _findings(Path(done.output)) == _findings(src)


@needs_libreoffice
@pytest.mark.libreoffice
def test_an_ods_file_with_inserted_rows_gets_a_note(tmp_path: Path) -> None:
    [src] = convert(BAD / "rows-inserted.xlsx", "ods", tmp_path / "lo")
    done = annotate_file(check_file(src), tmp_path / "out")
    assert done.output is None and "结构" in done.note
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_cli_annotate(tmp_path: Path) -> None:
    """Copies (with --annotate-all, of every file) in the folders the files were found in."""
    res = runner.invoke(app, ["check", str(BAD / "folder"), str(BAD / "rows-inserted.xlsx"), "--annotate",
                              str(tmp_path / "标注"), "--annotate-all"])
    assert res.exit_code == 1
    outs = sorted(str(p.relative_to(tmp_path / "标注")) for p in (tmp_path / "标注").rglob("*.xlsx"))
    assert outs == ["rows-inserted（问题标注）.xlsx", "乡镇/柏城街道（问题标注）.xlsx", "部门/2025/交通运输局（问题标注）.xlsx"]


@needs_libreoffice
@pytest.mark.libreoffice
def test_annotated_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    from nianbao.merge.core import merge_files
    from nianbao.merge.summary import write_summary

    county = Path(__file__).resolve().parents[1] / "samples" / "示例县"
    summary = check_file(write_summary(tmp_path / "汇总.xlsx", merge_files(sorted(county.glob("*.xlsx")), jobs=1)))
    done = annotate_file(check_file(BAD / "totals-overwritten.xlsx"), tmp_path / "a")
    done_summary = annotate_file(summary, tmp_path / "a")
    assert done.output and done_summary.output
    out, out_summary = convert([Path(done.output), Path(done_summary.output)], "xlsx", tmp_path / "lo")
    result = check_file(out)
    assert result.report is not None
    # LibreOffice recalculated the totals on load: the overwritten constants stay, the rest agree
    assert {f.code for f in result.findings} == {"TOTAL-OVERWRITTEN"}
    again = check_file(out_summary)
    assert again.report is not None and dict(again.report.inputs) == dict(summary.report.inputs)  # type: ignore[union-attr]
    assert {(f.code, f.cell) for f in again.findings} == {(f.code, f.cell) for f in summary.findings}


def _findings(p: Path) -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in check_file(p).findings}


def test_a_summary_annotated_keeps_its_values(tmp_path: Path) -> None:
    """A nianbao summary's input cells are formulas over its 明细 sheet; openpyxl drops their cached
    results, so the copy must hold the values instead, and read back the same."""
    from nianbao.merge.core import merge_files
    from nianbao.merge.summary import write_summary

    county = Path(__file__).resolve().parents[1] / "samples" / "示例县"
    summary = write_summary(tmp_path / "汇总.xlsx", merge_files(sorted(county.glob("*.xlsx")), jobs=1))
    result = check_file(summary)
    assert result.kind == "summary" and result.report is not None
    assert {f.code for f in result.findings} == {"T3-BALANCE", "SUMMARY-WITH-ERRORS"}  # the broken sample, summed
    done = annotate_file(result, tmp_path / "out")
    assert done.output is not None
    again = check_file(Path(done.output))
    assert again.kind == "summary" and again.report is not None
    assert dict(again.report.inputs) == dict(result.report.inputs)
    assert again.report.included == result.report.included and again.office == result.office
    assert _findings(Path(done.output)) == _findings(summary)
    # the totals and the 明细 sheet keep their formulas
    wb = _load(Path(done.output))
    from nianbao.form.sheets import DETAIL_FIXED
    from nianbao.form.spec import to_a1

    first_data = to_a1(11, len(DETAIL_FIXED))  # the 合计 row's first figure
    assert str(wb["表三"]["J6"].value).startswith("=") and str(wb["明细"][first_data].value).startswith("=")
    assert not str(wb["表三"]["D6"].value).startswith("=")


def test_a_formula_typed_in_an_input_cell_keeps_its_value(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(BAD.parent))
    from make_bad import Formula, filled, set_cells

    report, data = filled(seed=7, office="柏城街道办事处", category="街道办事处")
    v = report.inputs["t4.review.upheld"]
    p = tmp_path / "formula.xlsx"
    p.write_bytes(set_cells(data, {("表四", "A6"): Formula(f"{v}+0", v), ("表三", "E14"): "０"}))
    result = check_file(p)
    assert result.report is not None and result.report.inputs["t4.review.upheld"] == v
    done = annotate_file(result, tmp_path / "out")
    assert done.output
    again = check_file(Path(done.output))
    assert again.report is not None and dict(again.report.inputs) == dict(result.report.inputs)
    assert _findings(Path(done.output)) == _findings(p) == {("READ-COERCED", "表三", "E14")}


def test_cli_annotate_never_touches_inputs_and_copies_check_the_same(tmp_path: Path) -> None:
    """The copies are valid inputs: 问题清单 is ignored, the highlights change no value, the findings
    are the same; annotating an annotated copy again gives one fresh 问题清单."""
    inputs = [BAD / "folder", BAD / "rows-inserted.xlsx", BAD / "totals-overwritten.xlsx"]
    files = sorted(p for i in inputs for p in ([i] if i.is_file() else i.rglob("*")) if p.is_file())
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    out = tmp_path / "标注"
    res = runner.invoke(app, ["check", *map(str, inputs), "--annotate", str(out)])
    assert res.exit_code == 1
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files} == before
    for src in (BAD / "rows-inserted.xlsx", BAD / "totals-overwritten.xlsx"):
        copy = out / f"{src.stem}（问题标注）.xlsx"
        assert _findings(copy) == _findings(src)
        assert check_file(copy).report.inputs == check_file(src).report.inputs  # type: ignore[union-attr]
    # the inserted rows are marked in the first of them, not on the merged label block A8:A31 around them
    sheet = _load(out / "rows-inserted（问题标注）.xlsx")["表三"]
    marked = sheet["D10"]
    assert marked.comment is not None and "插入了 2 行" in marked.comment.text
    assert marked.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert sheet["A8"].comment is None
    twice = tmp_path / "再次标注"
    assert runner.invoke(app, ["check", str(out), "--annotate", str(twice)]).exit_code == 1
    copy = twice / "totals-overwritten（问题标注）（问题标注）.xlsx"
    wb = _load(copy)
    assert wb.sheetnames.count(ISSUES_SHEET) == 1 and wb.sheetnames[0] == ISSUES_SHEET
    assert _findings(copy) == _findings(BAD / "totals-overwritten.xlsx")


def test_an_unwritable_output_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "totals-overwritten（问题标注）.xlsx").mkdir()  # a folder where the copy should go
    done = annotate_file(check_file(BAD / "totals-overwritten.xlsx"), out)
    assert done.output is None and "无法" in done.note


def test_copies_of_same_named_files_go_to_their_folders_and_are_not_checked_again(tmp_path: Path) -> None:
    """Twenty townships each send 年报.xlsx: each copy must say whose it is, and a second run over the
    same folder must not check the copies as more reports."""
    county = SAMPLES / "示例县"
    inbox = tmp_path / "收件"
    for sub, src in (("城关镇", "城关镇人民政府-2025年报.xlsx"), ("东湖街道", "东湖街道办事处-2025年报.xlsx")):
        (inbox / sub).mkdir(parents=True)
        (inbox / sub / "年报.xlsx").write_bytes((county / src).read_bytes())
    out = inbox / "标注"
    for _ in range(2):
        res = runner.invoke(app, ["check", str(inbox), "--annotate", str(out), "--annotate-all"])
        assert res.exit_code == 0, res.output
        assert "共检查 2 个文件" in res.output
    copies = sorted(str(p.relative_to(out)) for p in out.rglob("*.xlsx"))
    assert copies == ["东湖街道/年报（问题标注）.xlsx", "城关镇/年报（问题标注）.xlsx"]
    assert check_file(out / "城关镇" / "年报（问题标注）.xlsx").office == "城关镇人民政府"
    assert f"{inbox / '城关镇' / '年报.xlsx'} → " in res.output.replace("\n", "")


def test_annotate_to_a_file_is_refused_before_checking(tmp_path: Path) -> None:
    target = tmp_path / "标注.xlsx"
    target.write_bytes(b"")
    res = runner.invoke(app, ["check", str(SAMPLES / "示例县"), "--annotate", str(target)])
    assert res.exit_code == 2 and "文件夹" in res.output and "共检查" not in res.output


def test_issues_sheet_prints_one_page_wide(tmp_path: Path) -> None:
    done = annotate_file(check_file(SAMPLES / "示例县" / "县自然资源局-2025年报.xlsx"), tmp_path)
    assert done.output
    ws = _load(Path(done.output))[ISSUES_SHEET]
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"
    assert (ws.row_dimensions[3].height or 0) >= 28  # a message of several lines, not overlapping the next row


@needs_libreoffice
@pytest.mark.libreoffice
def test_a_rebuilt_copy_shows_what_the_office_typed(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(BAD.parent))
    from make_bad import filled, set_cells

    _r, data = filled(seed=7, office="柏城街道办事处", category="街道办事处")
    p = tmp_path / "typed.xlsx"
    p.write_bytes(set_cells(data, {("表三", "E14"): "０", ("表三", "F14"): "见附件"}))
    [ods] = convert(p, "ods", tmp_path / "lo")
    done = annotate_file(check_file(ods), tmp_path / "out")
    assert done.output is not None
    ws = _load(Path(done.output))["表三"]
    assert (ws["E14"].value, ws["F14"].value) == ("０", "见附件")
    assert _findings(Path(done.output)) == _findings(ods)


@needs_libreoffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_an_overwritten_total_stays_in_the_rebuilt_copy(tmp_path: Path, fmt: str) -> None:
    """The rebuilt copy of an .xls/.ods shows the office's figures as they were: a total typed over with
    99 stays 99 (the fresh template's formula would show the right total, and the copy would pass)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "data"))
    from make_bad import set_cells

    xlsx = tmp_path / "jtotal.xlsx"
    xlsx.write_bytes(set_cells((SAMPLES / "示例县" / "县自然资源局-2025年报.xlsx").read_bytes(), {("表三", "J6"): 99}))
    [src] = convert(xlsx, fmt, tmp_path / "lo")
    result = check_file(src)
    assert ("表三", "J6") in {(f.sheet, f.cell) for f in result.findings if f.is_error}
    done = annotate_file(result, tmp_path / "out")
    assert done.output is not None
    ws = _load(Path(done.output))["表三"]
    assert ws["J6"].value == 99 and "99" in ws["J6"].comment.text
    # checked again, the copy has the same problems at the same cells (an .xls's TOTAL-MISMATCH, whose
    # formula is not read, is in the copy what it is: a total typed over)
    again = check_file(Path(done.output)).findings
    assert {(f.sheet, f.cell) for f in again} == {(f.sheet, f.cell) for f in result.findings}
    assert [f.actual for f in again if f.code == "TOTAL-OVERWRITTEN" and f.cell == "J6"] == ["99"]


def test_copies_from_several_input_folders_go_to_folders_named_after_them(tmp_path: Path) -> None:
    """`check 一批 二批 --annotate 标注`: each folder's copies in a folder of its name, not all in one
    where only "-2" tells the two 年报.xlsx apart."""
    for batch, src in (("一批", "城关镇人民政府-2025年报.xlsx"), ("二批", "东湖街道办事处-2025年报.xlsx")):
        (tmp_path / batch).mkdir()
        (tmp_path / batch / "年报.xlsx").write_bytes((SAMPLES / "示例县" / src).read_bytes())
    out = tmp_path / "标注"
    res = runner.invoke(app, ["check", str(tmp_path / "一批"), str(tmp_path / "二批"), "--annotate", str(out),
                              "--annotate-all"])
    assert res.exit_code == 0, res.output
    copies = sorted(str(p.relative_to(out)) for p in out.rglob("*.xlsx"))
    assert copies == ["一批/年报（问题标注）.xlsx", "二批/年报（问题标注）.xlsx"]
    assert check_file(out / "二批" / "年报（问题标注）.xlsx").office == "东湖街道办事处"
