"""The fast path for a workbook made from nianbao's own template: a plan of each table, compiled once from the
layout, says where every label and every cell of the table is on the template's sheet. When every label of
every table is there, as the template wrote it, the tables are where the template has them: the reader takes
them there without looking for them (``nianbao.read.locate``, the careful path, which gives the same
placements for such a workbook: tests/test_fast_read.py compares both on every workbook of tests/ and
samples/). Anything else (a label changed, a row inserted, a copy of a sheet, another template version) is
left to the careful path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from nianbao.form.spec import CellSpec, Kind, LayoutSpec, TableSpec
from nianbao.read.locate import Placement, table_labels
from nianbao.read.values import normalise_text

__all__ = ["FAST", "TablePlan", "in_place", "plan"]

#: the fast path; off, every table is looked for by its labels (the same placements, more slowly)
FAST = True


@dataclass(frozen=True)
class TablePlan:
    """Where a table's labels and cells are on the template's sheet (0-based rows and columns)."""

    #: (row, column, the label as the template writes it, the label normalised as the careful path compares it)
    labels: tuple[tuple[int, int, str, str], ...]
    #: (cell, row, column, A1 address, whether a whole number is taken as it is: not an amount, its key,
    #: whether it is an input: not a stated total) of every cell the reader reads
    cells: tuple[tuple[CellSpec, int, int, str, bool, str, bool], ...]
    #: the placement of a table where the template has it
    rows: tuple[int, ...]
    cols: tuple[int, ...]

    def placement(self) -> Placement:
        n = len(self.labels)
        return Placement(list(self.rows), list(self.cols), n, n)


@cache
def _plan(layout_label: str, table_key: str) -> TablePlan:
    from nianbao.form.registry import get_layout

    fmt, variant = layout_label.split(":")
    layout = get_layout(fmt, variant)
    table = layout.table(table_key)
    r0, c0 = table.sheet_pos(0, 0)
    labels = tuple((r0 + lb.row, c0 + lb.col, lb.text, text) for lb, text in table_labels(layout, table).labels)
    cells = tuple((spec, *table.sheet_pos(spec.row, spec.col), a1, spec.kind is not Kind.AMOUNT, spec.key,
                   spec.is_input) for spec, a1 in layout.template_cells[table.key])
    return TablePlan(labels, cells, tuple(r0 + i for i in range(table.n_rows)),
                     tuple(c0 + j for j in range(table.n_cols)))


def plan(layout: LayoutSpec, table: TableSpec) -> TablePlan:
    """The plan of ``table`` of ``layout``, compiled once."""
    return _plan(layout.label, table.key)


def in_place(rows: Sequence[Sequence[Any]], table_plan: TablePlan) -> bool:
    """Whether every label of the table is where the template has it, as the careful path compares labels
    (the cell's text normalised); a label as the template wrote it is taken without normalising."""
    for r, c, raw, text in table_plan.labels:
        value = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        if value == raw:
            if raw:
                continue
            return False
        if not isinstance(value, str) or not value or normalise_text(value) != text:
            return False
    return True
