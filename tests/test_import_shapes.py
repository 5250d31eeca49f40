"""Published reports as they are really found: cells separated by ``|`` or tabs, blank cells, labels on a
line of their own, rows whose numbers lost their places. Every cell of every table is asserted."""

from __future__ import annotations

import random

import pytest

from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.publish.importer import import_source
from shapes import Narrative, docx_shape, html_shape, printed_of, read_cells, score, text_shape

SHAPES = ("pipes", "tabs", "html", "docx")


def busy(fmt: str, seed: int = 3) -> Report:
    layout = get_layout(fmt)
    for s in range(seed, seed + 200):
        r = random_report(layout, random.Random(s), office="示例街道办事处", year=2023 if fmt == "2021" else 2020)
        if sum(1 for k, v in r.values.items() if k.startswith("t3.") and v) > 30:
            return r
    raise AssertionError("no busy report")


def narrative(report: Report) -> Narrative:
    assert report.year is not None
    return Narrative(report.office, report.year)


def imported(report: Report, printed: dict[str, str], shape: str) -> FileResult:
    n = narrative(report)
    if shape == "html":
        return import_source(html_shape(report.layout, printed, n), "html")
    if shape == "docx":
        return import_source(docx_shape(report.layout, printed, n), "docx")
    return import_source(text_shape(report.layout, printed, n, shape), "text")


def codes(result: FileResult) -> list[str]:
    return [f.code for f in result.findings]


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("shape", SHAPES)
def test_every_cell_of_each_shape(fmt: str, shape: str) -> None:
    report = busy(fmt)
    printed = printed_of(report.layout, report.values)
    result = imported(report, printed, shape)
    assert result.report is not None and result.report.layout.format == fmt
    got = read_cells(result)
    assert {k: got.get(k) for k in report.values} == dict(report.values)
    assert [f.code for f in result.findings if f.severity != "info"] == []
    assert (result.office, result.year) == (report.office, report.year)


def _page(rows: list[str], t3: bool = True) -> str:
    """A report of zeros as pipe text, with ``rows`` in place of table 三's first row."""
    report = busy("2021")
    zero = Report(layout=report.layout, info=report.info)
    text = text_shape(zero.layout, printed_of(zero.layout, zero.values), narrative(report), "pipes")
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if "一、本年新收" in line)
    return "\n".join(lines[:i] + rows + lines[i + 1:])


NEW = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org")


def test_a_blank_cell_keeps_its_column() -> None:
    result = import_source(_page(["| 一、本年新收政府信息公开申请数量 | 26 | | | | | | 26 |"]), "text")
    assert result.report is not None
    inputs = result.report.inputs
    assert [inputs[f"t3.new.{c}"] for c in NEW] == [26, 0, 0, 0, 0, 0]
    assert result.report.stated["t3.new.total"] == 26
    blank = next(f for f in result.findings if f.code == "IMPORT-BLANK" and f.sheet == "表三")
    assert set(blank.cells) == {"E6", "F6", "G6", "H6", "I6"}  # 商业企业 … 其他 of 一、本年新收


def test_the_label_on_a_line_of_its_own() -> None:
    page = _page(["一、本年新收政府信息公开申请数量", "| 26 | | | 3 | | | 29 |"])
    result = import_source(page, "text")
    assert result.report is not None
    inputs = result.report.inputs
    assert [inputs[f"t3.new.{c}"] for c in NEW] == [26, 0, 0, 3, 0, 0]
    assert "IMPORT-MISSING-ROW" not in codes(result) and "IMPORT-UNKNOWN-ROW" not in codes(result)


def test_tabs_keep_blank_cells() -> None:
    page = _page(["一、本年新收政府信息公开申请数量\t\t4\t\t\t\t\t4"])
    result = import_source(page, "text")
    assert result.report is not None
    assert [result.report.inputs[f"t3.new.{c}"] for c in NEW] == [0, 4, 0, 0, 0, 0]


def test_numbers_that_lost_their_places_are_left_blank() -> None:
    """A line of text with fewer numbers than columns: which column lost its number is unknown, so none of
    the row is written (a wrong figure is worse than a missing one)."""
    result = import_source(_page(["一、本年新收政府信息公开申请数量 26 26"]), "text")
    assert result.report is not None
    assert not any(k.startswith("t3.new.") for k in (*result.report.inputs, *result.report.stated))
    short = next(f for f in result.findings if f.code == "IMPORT-SHORT-ROW")
    assert short.is_error and short.cell == "D6" and "全部留空" in short.message


@pytest.mark.parametrize("line", ["| 一、本年新收政府信息公开申请数量 | 2 | 4 | 5 | 11 |",
                                  "一、本年新收政府信息公开申请数量\t2\t4\t5\t11"], ids=["pipes", "tabs"])
def test_a_row_of_cells_that_dropped_its_empty_cells_is_left_blank(line: str) -> None:
    """2 | 0 | 4 | 0 | 0 | 5 | 11 printed with its empty cells dropped: the numbers do not say which
    columns they stand in, so none is written (filling from the left put 4 into 商业企业, found by the
    acceptance review), and the finding says why."""
    result = import_source(_page([line]), "text")
    assert result.report is not None
    inputs = result.report.inputs
    assert not any(f"t3.new.{c}" in inputs for c in NEW)
    short = next(f for f in result.findings if f.code == "IMPORT-SHORT-ROW")
    assert "无法确定各数字属于哪一栏" in short.message and "留空" in short.message


def test_a_single_blank_cell_is_not_a_missing_row() -> None:
    report = busy("2021")
    printed = printed_of(report.layout, report.values, frozenset({"t2.licensing.decisions"}))
    for shape in SHAPES:
        result = imported(report, printed, shape)
        assert "IMPORT-MISSING-ROW" not in codes(result), shape
        assert result.report is not None and result.report.inputs["t2.licensing.decisions"] == 0
        blank = next(f for f in result.findings if f.code == "IMPORT-BLANK" and f.sheet == "表二")
        assert blank.cells == ("B9",)  # 行政许可 on sheet 表二


@pytest.mark.parametrize("shape", SHAPES)
def test_random_blanks_never_move_a_number(shape: str) -> None:
    report = busy("2021", seed=11)
    rng = random.Random(shape)
    blank = frozenset(k for k in report.values if rng.random() < 0.3)
    printed = printed_of(report.layout, report.values, blank)
    result = imported(report, printed, shape)
    s = score(report.layout, printed, result)
    assert s.wrong == () and s.right == s.visible


# -- numbers run together ----------------------------------------------------------------------------


def _t2_page(fmt: str, row: str, label: str) -> str:
    report = busy(fmt)
    text = text_shape(report.layout, printed_of(report.layout, report.values), narrative(report), "pipes")
    return "\n".join(row if line.startswith(f"| {label} |") else line for line in text.splitlines())


def test_a_label_with_its_one_number_run_on() -> None:
    result = import_source(_t2_page("2021", "行政许可3962216", "行政许可"), "text")
    assert result.report is not None and result.report.inputs["t2.licensing.decisions"] == 3962216
    assert "IMPORT-RUN-AMBIGUOUS" not in codes(result)


def test_a_run_that_fits_several_ways_is_left_blank() -> None:
    """2019's 行政许可 has three numbers and no total: 3962216 cuts many ways."""
    result = import_source(_t2_page("2019", "行政许可3962216", "行政许可"), "text")
    assert result.report is not None
    assert not any(k.startswith("t2.licensing.") for k in result.report.inputs)
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-AMBIGUOUS")
    assert f.is_error and f.sheet == "表二" and "不止一种拆法" in f.message and "3962216" in f.message


def test_a_run_that_fits_no_way_is_left_blank() -> None:
    result = import_source(_page(["一、本年新收政府信息公开申请数量2000001021"]), "text")
    assert result.report is not None
    assert not any(k.startswith("t3.new.") for k in (*result.report.inputs, *result.report.stated))
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-AMBIGUOUS")
    assert (f.sheet, f.cell) == ("表三", "D6") and "没有一种拆法与该行的栏数和合计相符" in f.message


def test_a_run_split_by_its_total() -> None:
    """12 3 0 0 0 0 15: the only cut whose 总计 adds up, and the table's balance holds with it."""
    page = _page(["一、本年新收政府信息公开申请数量123000015"])
    page = page.replace("| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| （一）予以公开 | 12 | 3 | 0 | 0 | 0 | 0 | 15 |")
    page = page.replace("| （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| （七）总计 | 12 | 3 | 0 | 0 | 0 | 0 | 15 |")
    result = import_source(page, "text")
    assert result.report is not None
    inputs = result.report.inputs
    assert [inputs[f"t3.new.{c}"] for c in NEW] == [12, 3, 0, 0, 0, 0]
    assert result.report.stated["t3.new.total"] == 15
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-SPLIT")
    assert f.severity == "info" and "12 3 0 0 0 0 15" in f.message
    assert [f.code for f in result.findings if f.is_error] == []


def test_a_run_that_breaks_the_balance_is_left_blank() -> None:
    """The same run in a table whose other rows are all 0: the cut breaks the balance of its columns, so
    the digits may have been cut wrongly and the row stays blank."""
    result = import_source(_page(["一、本年新收政府信息公开申请数量123000015"]), "text")
    assert result.report is not None
    assert not any(k.startswith("t3.new.") for k in result.report.inputs)
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-AMBIGUOUS")
    assert "可能拆错" in f.message and "IMPORT-RUN-SPLIT" not in codes(result)


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_a_whole_report_run_together(fmt: str) -> None:
    """Every cell is right, or blank with a finding at its row: never a number from another column."""
    report = busy(fmt)
    printed = printed_of(report.layout, report.values)
    result = imported(report, printed, "run")
    s = score(report.layout, printed, result)
    assert s.wrong == ()
    got = read_cells(result)
    assert result.report is not None
    layout = result.report.layout
    flagged = {(f.sheet, f.cell) for f in result.findings if f.code in ("IMPORT-RUN-AMBIGUOUS", "IMPORT-MISSING-ROW")}
    for t in layout.tables:
        for c in t.cells:
            if c.key not in got:
                row_first = min((x for x in t.cells if (x.row, x.row_label) == (c.row, c.row_label)), key=lambda x: x.col)
                assert layout.a1(row_first.key) in flagged, c.key
    assert "IMPORT-RUN-SPLIT" in codes(result) and s.right > s.visible * 3 // 4


def test_table_four_run_together() -> None:
    report = busy("2021")
    zero = {k: 0 for k in report.values}
    printed = printed_of(report.layout, zero)
    result = imported(report, printed, "run")
    got = read_cells(result)
    assert all(got.get(c.key) == 0 for c in report.layout.table("t4").cells)
    assert "IMPORT-MISSING-ROW" not in codes(result)


@pytest.mark.parametrize("seed", range(6))
def test_a_run_together_report_with_blank_cells_never_moves_a_number(seed: int) -> None:
    """Blank cells leave no trace in a run: where the page shows some were lost, a split only the row's
    own total confirms is not taken."""
    report = busy("2021", seed=20 + seed)
    rng = random.Random(seed)
    blank = frozenset(k for k in report.values if rng.random() < 0.1)
    printed = printed_of(report.layout, report.values, blank)
    s = score(report.layout, printed, imported(report, printed, "run"))
    assert s.wrong == ()
