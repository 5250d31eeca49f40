"""Inconsistencies printed in real reports, found on import in every shape: the real one of
shared/reference (金湖县 2023: table 四's 未经复议直接起诉 2 + 0 + 1 + 0 = 3, its 总计 printed 0), and others
built from it: a row's 总计, （七）总计 not the sum of the leaf rows, a 总计 column left blank beside filled
cells, a narrative count that disagrees with the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.publish.importer import import_file, import_source
from publish_helpers import load_peer, peer_values
from shapes import Narrative, docx_shape, html_shape, printed_of, text_shape

JINHU = Path(__file__).parent / "data" / "reference" / "jinhu-2023_r40v31.repaired.parsed.json"
SHAPES = ("spaces", "pipes", "tabs", "html", "docx")
LAYOUT = get_layout("2021")
STORY = Narrative("金湖县人民政府", 2023)


def jinhu() -> dict[str, str]:
    """The numbers of the real report as printed (its totals as written, not recomputed)."""
    return printed_of(LAYOUT, peer_values(load_peer(JINHU)))


def imported(printed: dict[str, str], shape: str, story: Narrative = STORY) -> FileResult:
    if shape == "html":
        return import_source(html_shape(LAYOUT, printed, story), "html")
    if shape == "docx":
        return import_source(docx_shape(LAYOUT, printed, story), "docx")
    return import_source(text_shape(LAYOUT, printed, story, shape), "text")


def errors(result: FileResult) -> list[tuple[str, str, str]]:
    return [(f.code, f.sheet, f.cell) for f in result.findings if f.is_error]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_real_inconsistency_of_table_four(shape: str) -> None:
    result = imported(jinhu(), shape)
    assert errors(result) == [("T4-TOTAL", "表四", "J6")]
    [f] = [f for f in result.findings if f.is_error]
    assert (f.expected, f.actual) == ("3", "0")
    assert result.report is not None and result.report.stated["t4.suit_direct.total"] == 0


@pytest.mark.parametrize("shape", SHAPES)
def test_a_row_total_not_the_sum_of_its_row(shape: str) -> None:
    printed = jinhu()
    printed["t4.suit_direct.total"] = "3"  # the real slip mended, another one made
    printed["t3.new.total"] = str(int(printed["t3.new.total"]) + 5)
    assert errors(imported(printed, shape)) == [("T3-ROWTOTAL", "表三", "J6")]


@pytest.mark.parametrize("shape", SHAPES)
def test_result_total_not_the_sum_of_the_leaf_rows(shape: str) -> None:
    printed = jinhu()
    printed["t4.suit_direct.total"] = "3"
    printed["t3.result_total.natural_person"] = str(int(printed["t3.result_total.natural_person"]) + 1)
    printed["t3.result_total.total"] = str(int(printed["t3.result_total.total"]) + 1)
    found = errors(imported(printed, shape))
    assert ("T3-RESULTTOTAL", "表三", "D29") in found  # （七）总计｜自然人
    assert {code for code, _s, _c in found} <= {"T3-RESULTTOTAL", "T3-ROWTOTAL", "T3-BALANCE"}


def blank_total_column() -> tuple[dict[str, str], list[str]]:
    """The real report with table 三's 总计 column printed blank (its table 四 slip mended)."""
    printed = jinhu()
    printed["t4.suit_direct.total"] = "3"
    t3_totals = [c.key for c in LAYOUT.table("t3").cells if c.col_label == "总计"]
    for key in t3_totals:
        printed[key] = ""
    return printed, t3_totals


@pytest.mark.parametrize("shape", SHAPES)
def test_a_total_column_left_blank_beside_filled_cells(shape: str) -> None:
    printed, t3_totals = blank_total_column()
    result = imported(printed, shape)
    if shape == "spaces":
        # blank cells gone from a line of text: a column printed blank is a column not printed at all
        assert [f.code for f in result.findings if f.severity == "warning"] == ["IMPORT-NO-TOTAL-COLUMN"]
    else:
        [f] = [f for f in result.findings if f.code == "IMPORT-TOTAL-BLANK"]
        assert f.severity == "warning" and f.sheet == "表三"
        filled = [k for k in t3_totals if result.report is not None and result.report.values[k]]
        assert len(f.cells) == len(filled) > 0
    assert errors(result) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_a_narrative_count_that_disagrees_with_the_table(shape: str) -> None:
    printed = jinhu()
    printed["t4.suit_direct.total"] = "3"
    new_total = int(printed["t3.new.total"])
    right = imported(printed, shape, Narrative("金湖县人民政府", 2023, f"本年共收到政府信息公开申请{new_total}件。"))
    assert [f.code for f in right.findings if f.severity != "info"] == []
    result = imported(printed, shape, Narrative("金湖县人民政府", 2023, f"本年共收到政府信息公开申请{new_total + 2}件。"))
    [f] = [f for f in result.findings if f.severity != "info"]
    assert f.code == "N-TEXT" and (f.actual, f.expected) == (str(new_total + 2), str(new_total))


def test_a_printed_total_that_is_not_the_sum_in_a_run_leaves_the_row_blank() -> None:
    """Run together, a row whose 总计 is not the sum of its cells fits no split: the row is left blank and
    said so (the digits cannot tell a wrong total from a wrong cut), never filled with other figures."""
    printed = jinhu()
    printed["t4.suit_direct.total"] = "3"
    printed["t3.new.total"] = str(int(printed["t3.new.total"]) + 5)
    result = imported(printed, "run")
    assert result.report is not None
    assert not any(k.startswith("t3.new.") for k in (*result.report.inputs, *result.report.stated))
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-AMBIGUOUS" and f.cell == "D6")
    assert "没有一种拆法与该行的栏数和合计相符" in f.message


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDFs LibreOffice makes of Word documents of the real report: as printed (table 四's slip), with a
    row's 总计 and a （七）总计 cell wrong besides, and with table 三's 总计 column blank."""
    folder = tmp_path_factory.mktemp("inconsistent")
    wrong = jinhu()
    wrong["t3.new.total"] = str(int(wrong["t3.new.total"]) + 5)
    wrong["t3.result_total.natural_person"] = str(int(wrong["t3.result_total.natural_person"]) + 1)
    wrong["t3.result_total.total"] = str(int(wrong["t3.result_total.total"]) + 1)
    docs = {"slips": wrong, "blank": blank_total_column()[0]}
    for name, printed in docs.items():
        (folder / f"{name}.docx").write_bytes(docx_shape(LAYOUT, printed, STORY))
    outs = convert([folder / f"{name}.docx" for name in docs], "pdf", folder / "out")
    return dict(zip(docs, outs, strict=True))


@needs_libreoffice
def test_the_inconsistencies_in_a_pdf(pdfs: dict[str, Path]) -> None:
    found = errors(import_file(pdfs["slips"]))
    assert {("T4-TOTAL", "表四", "J6"), ("T3-ROWTOTAL", "表三", "J6"), ("T3-RESULTTOTAL", "表三", "D29")} <= set(found)
    assert {code for code, _s, _c in found} <= {"T4-TOTAL", "T3-ROWTOTAL", "T3-RESULTTOTAL", "T3-BALANCE"}
    blank = import_file(pdfs["blank"])
    assert [f.code for f in blank.findings if f.severity == "warning"] == ["IMPORT-TOTAL-BLANK"]
    assert errors(blank) == []


def test_the_printed_total_stays_visible_in_the_written_workbook(tmp_path: Path) -> None:
    """The workbook holds the 总计 the published report printed (0, a number where the template sums), with
    a comment giving the sum: so ``check`` on the workbook says what the import said, at the same cell (the
    real 金湖县 page: the import said T4-TOTAL and the workbook it wrote checked clean)."""
    import openpyxl

    from nianbao.check.checkfile import check_file
    from nianbao.publish.importer import import_to_workbooks

    page = tmp_path / "jinhu-2023.txt"
    page.write_text(text_shape(LAYOUT, jinhu(), STORY, "spaces"), encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out")
    assert done.output is not None
    [(_code, sheet, cell)] = [e for e in errors(done.result) if e[0].endswith("-TOTAL")]
    wb = openpyxl.load_workbook(done.output)
    notes = {(ws.title, c.coordinate): c.comment.text for ws in wb for row in ws.iter_rows() for c in row
             if c.comment is not None}
    assert notes == {(sheet, cell): "原文此处印的是 0，与各项之和 3 不一致；本格照原文填写，请核对原文后改正。"}
    assert wb[sheet][cell].value == 0  # as printed
    back = check_file(done.output)
    assert back.status == done.result.status
    [wrong] = [f for f in back.findings if f.is_error]
    assert (wrong.sheet, wrong.cell, wrong.expected, wrong.actual) == (sheet, cell, "3", "0")
