"""Numbers run together settled by the sums across rows: a row whose digits fit several splits on its
own is taken when table 三's column sums (（七）总计 = the leaf rows, 一 + 二 = （七）总计 + 四) leave one
of them; when they leave more than one, or a row they need is missing, the row stays blank with a
finding at that row. Every cell asserted, on a real sample workbook printed run together."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.form.model import Report
from nianbao.form.result import FileResult
from nianbao.publish.importer import import_source
from nianbao.publish.imports.runs import split_run
from nianbao.publish.imports.tokens import parse_token
from shapes import Narrative, printed_of, read_cells, score, text_shape

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "示例县" / "东湖街道办事处-2025年报.xlsx"
NEW = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total")


@pytest.fixture(scope="module")
def sample() -> Report:
    report = check_file(SAMPLE).report
    assert report is not None and report.year is not None
    return report


def run_page(report: Report, drop: str = "", replace: dict[str, str] | None = None) -> str:
    """``report`` printed run together; the line starting with ``drop`` left out, lines replaced."""
    assert report.year is not None
    text = text_shape(report.layout, printed_of(report.layout, report.values), Narrative(report.office, report.year), "run")
    out = []
    for line in text.splitlines():
        for start, new in (replace or {}).items():
            if line.startswith(start):
                line = new
        if not drop or not line.startswith(drop):
            out.append(line)
    return "\n".join(out) + "\n"


def at(result: FileResult, code: str) -> set[tuple[str, str]]:
    return {(f.sheet, f.cell) for f in result.findings if f.code == code}


def test_the_sample_has_rows_that_fit_several_splits_on_their_own(sample: Report) -> None:
    """一、本年新收 and （一）予以公开 of the sample: their digits, as printed run together, cut into seven
    numbers whose 总计 adds up in more than one way."""
    layout = sample.layout
    for row in ("t3.new", "t3.disclosed"):
        cells = [layout.cells[f"{row}.{c}"] for c in NEW]
        run = "".join(str(sample.values[c.key]) for c in cells)
        split = split_run(layout, parse_token(run), cells)
        assert split.tokens == () and split.why == "many" and len(split.options) > 1, (row, run)


def test_the_sums_across_rows_settle_them(sample: Report) -> None:
    result = import_source(run_page(sample), "text")
    got = read_cells(result)
    assert {k: got.get(k) for k in sample.values} == dict(sample.values)  # every cell of the report
    assert at(result, "IMPORT-RUN-AMBIGUOUS") == set()
    assert {("表三", "D6"), ("表三", "D8")} <= at(result, "IMPORT-RUN-SPLIT")  # 一、本年新收, （一）予以公开
    assert [f.code for f in result.findings if f.is_error] == []


def test_without_the_row_a_sum_needs_the_row_stays_blank(sample: Report) -> None:
    """四、结转下年度 missing from the page: the balance 一 + 二 = （七）总计 + 四 cannot be used, so 一 is not
    settled and stays blank, said at its row; （一）予以公开 is still settled by （七）总计."""
    result = import_source(run_page(sample, drop="四、结转下年度继续办理"), "text")
    got = read_cells(result)
    assert not any(f"t3.new.{c}" in got for c in NEW)
    assert ("表三", "D6") in at(result, "IMPORT-RUN-AMBIGUOUS")
    f = next(f for f in result.findings if f.code == "IMPORT-RUN-AMBIGUOUS" and f.cell == "D6")
    assert "不止一种拆法" in f.message and "留空" in f.message
    layout = sample.layout
    for key in layout.cells:
        if key.startswith("t3.") and not key.startswith(("t3.new.", "t3.carry_forward.")) and key in got:
            assert got[key] == sample.values[key], key
    assert all(got[f"t3.disclosed.{c}"] == sample.values[f"t3.disclosed.{c}"] for c in NEW)


def test_two_rows_the_sums_cannot_tell_apart_stay_blank(sample: Report) -> None:
    """（一） 10 1 0 0 0 0 11 and （二） 1 0 10 0 0 0 11 both print as 101000011 run together, the other result
    rows 0: the columns' sums hold with either row taking either split, so neither is guessed."""
    layout = sample.layout
    values = {k: (0 if k.startswith("t3.") else v) for k, v in sample.values.items()}
    rows = {"t3.disclosed": (10, 1, 0, 0, 0, 0, 11), "t3.partial": (1, 0, 10, 0, 0, 0, 11),
            "t3.new": (11, 1, 10, 0, 0, 0, 22), "t3.result_total": (11, 1, 10, 0, 0, 0, 22)}
    for row, numbers in rows.items():
        values.update((f"{row}.{c}", n) for c, n in zip(NEW, numbers, strict=True))
    assert sample.year is not None
    printed = printed_of(layout, values)
    result = import_source(text_shape(layout, printed, Narrative(sample.office, sample.year), "run"), "text")
    got = read_cells(result)
    assert not any(k.startswith(("t3.disclosed.", "t3.partial.")) for k in got)
    assert {("表三", "D8"), ("表三", "D9")} <= at(result, "IMPORT-RUN-AMBIGUOUS")
    assert score(layout, printed, result).wrong == ()
    assert all(got[k] == values[k] for k in got)
