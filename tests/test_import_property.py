"""A property of the importer: a filled report printed in each shape a published report takes (cells
separated by spaces, by ``|`` or tabs, run together, an HTML page, a Word document, a PDF made from it),
with random cells printed blank (empty, "/" or "—"), imports with every cell either right, or read as 0
(a printed total: recomputed) with an IMPORT-BLANK finding that names that very cell. Never a number
from another column. Where a shape loses the places of the numbers (spaces and run-together text drop
an empty cell), the row is left unread with an error finding on that row instead.

Seeded: each case is one seed, so a failure is repeated by its id."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lo import convert, needs_libreoffice
from nianbao.demo.synth import random_report
from nianbao.form.findings import Finding
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.form.spec import LayoutSpec
from nianbao.publish.importer import import_file, import_source
from shapes import (
    BLANK_MARKS,
    Narrative,
    blank_named,
    blanked,
    docx_shape,
    html_shape,
    is_blank,
    printed_rows,
    read_cells,
    text_shape,
)

LAYOUTS = (("2021", "national"), ("2021", "henan"), ("2019", "national"))
#: the shapes that keep each number in its column (a blank cell is a cell), and those that may not
KEEP_PLACES = ("pipes", "tabs", "html", "docx")
LOSE_PLACES = ("spaces", "run")
RATES = (0.05, 0.15, 0.3, 0.6)
SEEDS = range(8)


def case(seed: int) -> tuple[Report, dict[str, str]]:
    """A filled report of one of the layouts and how it is printed with random cells blank (``seed``)."""
    rng = random.Random(seed)
    layout = get_layout(*LAYOUTS[seed % len(LAYOUTS)])
    report = random_report(layout, rng, office="示例街道办事处", year=2023 if layout.format == "2021" else 2020)
    return report, blanked(layout, report.values, rng, RATES[seed % len(RATES)])


def printed_as(report: Report, printed: dict[str, str], shape: str) -> FileResult:
    assert report.year is not None
    story = Narrative(report.office, report.year)
    if shape == "html":
        return import_source(html_shape(report.layout, printed, story), "html")
    if shape == "docx":
        return import_source(docx_shape(report.layout, printed, story), "docx")
    return import_source(text_shape(report.layout, printed, story, shape), "text")


def _row_said(layout: LayoutSpec, findings: tuple[Finding, ...], row: tuple[str, ...]) -> bool:
    """Whether an error finding names a cell of ``row`` (a row left unread is said at its first cell) or
    its whole table (a table left unread)."""
    at = {layout.a1(k) for k in row}
    sheets = {sheet for sheet, _a1 in at}
    return any(f.is_error and (any((f.sheet, a1) in at for a1 in (f.cell, *f.cells))
                               or (f.sheet in sheets and not f.cell and not f.cells)) for f in findings)


def assert_right_or_blank(report: Report, printed: dict[str, str], result: FileResult, *, places_kept: bool) -> None:
    layout = report.layout
    assert result.report is not None, [f.message for f in result.findings]
    assert result.report.layout.label == layout.label
    got = read_cells(result)
    named = blank_named(result)
    rows = printed_rows(layout)
    for key, text in printed.items():
        value = got.get(key)
        # a row whose empty cell left no trace (spaces, run together): unread, and said at that row
        lost = not places_kept and value is None and _row_said(layout, result.findings, rows[key])
        if not is_blank(text):
            assert value == report.values[key] or lost, (key, text, value)  # right, in its own column
            continue
        if lost:
            continue
        assert key in named, (key, repr(text), value, "blank cell not named by IMPORT-BLANK")
        if layout.cells[key].is_input or text:
            assert value == 0, (key, repr(text), value)
        else:
            assert value is None, (key, value)  # a total printed empty: nothing stated, recomputed


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", KEEP_PLACES)
def test_every_cell_right_or_blank_with_a_finding(shape: str, seed: int) -> None:
    report, printed = case(seed)
    assert any(is_blank(t) for t in printed.values())
    assert_right_or_blank(report, printed, printed_as(report, printed, shape), places_kept=True)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", LOSE_PLACES)
def test_a_lost_place_leaves_the_row_unread_never_a_wrong_number(shape: str, seed: int) -> None:
    report, printed = case(seed)
    assert_right_or_blank(report, printed, printed_as(report, printed, shape), places_kept=False)


def test_the_cases_print_every_blank_mark_in_every_layout() -> None:
    """The seeds cover what the property is about: each mark, typed cells and totals, each layout."""
    marks: set[str] = set()
    totals = layouts = 0
    for seed in SEEDS:
        report, printed = case(seed)
        blank = [k for k, t in printed.items() if is_blank(t)]
        marks.update(printed[k] for k in blank)
        totals += sum(1 for k in blank if not report.layout.cells[k].is_input)
        layouts |= 1 << LAYOUTS.index((report.layout.format, report.layout.variant))
    assert marks == set(BLANK_MARKS) and totals > 0 and layouts == 2 ** len(LAYOUTS) - 1


@pytest.fixture(scope="module")
def pdf_cases(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Report, dict[str, str], Path]]:
    """Three of the cases as Word documents made PDFs by LibreOffice, in one run."""
    folder = tmp_path_factory.mktemp("blank-pdf")
    made = []
    for seed in SEEDS[:3]:
        report, printed = case(seed)
        assert report.year is not None
        path = folder / f"{seed}.docx"
        path.write_bytes(docx_shape(report.layout, printed, Narrative(report.office, report.year)))
        made.append((report, printed, path))
    outs = convert([p for _r, _p, p in made], "pdf", folder / "out")
    return [(r, p, out) for (r, p, _d), out in zip(made, outs, strict=True)]


@needs_libreoffice
def test_a_pdf_with_blank_cells(pdf_cases: list[tuple[Report, dict[str, str], Path]]) -> None:
    for report, printed, pdf in pdf_cases:
        assert_right_or_blank(report, printed, import_file(pdf), places_kept=True)
