"""A property of the importer: a filled report printed in each shape a published report takes (cells
separated by | or tabs, an HTML page, a Word document), with any cells left blank, imports with every
cell either right or blank with a finding that names it; never a number from another column."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.publish.importer import import_source
from shapes import Narrative, blank_cells, docx_shape, html_shape, printed_of, read_cells, text_shape

LAYOUTS = (("2021", "national"), ("2021", "henan"), ("2019", "national"))
SHAPES = ("pipes", "tabs", "html", "docx")


def imported(layout_key: tuple[str, str], printed: dict[str, str], shape: str, year: int) -> FileResult:
    layout = get_layout(*layout_key)
    story = Narrative("示例街道办事处", year)
    if shape == "html":
        return import_source(html_shape(layout, printed, story), "html")
    if shape == "docx":
        return import_source(docx_shape(layout, printed, story), "docx")
    return import_source(text_shape(layout, printed, story, shape), "text")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout_key=st.sampled_from(LAYOUTS), shape=st.sampled_from(SHAPES), seed=st.integers(0, 10_000),
       rate=st.sampled_from([0.0, 0.05, 0.3, 0.9]), data=st.data())
def test_every_cell_right_or_blank_with_a_finding(layout_key: tuple[str, str], shape: str, seed: int, rate: float,
                                                   data: st.DataObject) -> None:
    layout = get_layout(*layout_key)
    year = 2023 if layout.format == "2021" else 2020
    report = random_report(layout, random.Random(seed), office="示例街道办事处", year=year)
    keys = [c.key for t in layout.tables for c in t.cells]
    pick = random.Random(data.draw(st.integers(0, 10_000), label="blanks"))
    blank = frozenset(k for k in keys if pick.random() < rate)
    printed = printed_of(layout, report.values, blank)
    result = imported(layout_key, printed, shape, year)
    assert result.report is not None, result.findings
    assert result.report.layout.label == layout.label
    got = read_cells(result)
    named = blank_cells(result)
    for key in keys:
        value = got.get(key)
        if printed[key]:
            assert value == report.values[key], (key, printed[key], value)  # right, and in its own column
        else:
            # blank: nothing read, or 0 with a finding naming the cell
            assert value is None or (value == 0 and key in named), (key, value)
            assert value is not None or layout.cells[key].is_input is False or key in named or any(
                f.sheet == layout.table(layout.cells[key].table).sheet for f in result.findings if f.is_error), key
