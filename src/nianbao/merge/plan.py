"""The plan of a layout's data cells as the 明细 columns: derived once from the layout, it gives each
report's row of values (its inputs and every total) in a few list operations, the same values as
``LayoutSpec.compute`` (the same additions in the same order), without a dict per report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number

__all__ = ["DetailPlan", "detail_cells", "detail_plan"]


def detail_cells(layout: LayoutSpec) -> list[CellSpec]:
    """The data cells as columns of the detail table, in the order of the official tables."""
    return [c for t in layout.tables for c in sorted(t.cells, key=lambda c: (c.row, c.col))]


def _zero(c: CellSpec) -> Number:
    return Decimal(0) if c.kind is Kind.AMOUNT else 0


@dataclass(frozen=True)
class DetailPlan:
    """The columns of ``detail_cells``: where each input goes, and each total as the columns it adds, in
    an order where every addend comes before its total."""

    keys: tuple[str, ...]
    inputs: tuple[tuple[int, str, Number], ...]  # (column, cell key, the value of a missing input)
    totals: tuple[tuple[int, Number, tuple[int, ...]], ...]  # (column, zero, the addends' columns)
    amounts: frozenset[int]  # the columns of amounts (元)

    def row(self, inputs: Mapping[str, Number]) -> list[Number]:
        """Every data cell of a report with these input values, in column order."""
        values: list[Number] = [0] * len(self.keys)
        get = inputs.get
        for col, key, missing in self.inputs:
            values[col] = get(key, missing)
        for col, zero, addends in self.totals:
            total = zero
            for a in addends:
                total = total + values[a]
            values[col] = total
        return values


def detail_plan(layout: LayoutSpec) -> DetailPlan:
    """The plan of ``layout``'s 明细 columns."""
    cells = detail_cells(layout)
    col = {c.key: i for i, c in enumerate(cells)}
    rules = layout.defining_rule
    inputs = tuple((col[c.key], c.key, _zero(c)) for c in layout.inputs)
    totals: list[tuple[int, Number, tuple[int, ...]]] = []
    done = {c.key for c in layout.inputs}

    def plan(key: str) -> None:  # depth first: a total after the totals it adds
        if key in done:
            return
        addends = rules[key].addends
        for a in addends:
            plan(a)
        done.add(key)
        totals.append((col[key], _zero(layout.cells[key]), tuple(col[a] for a in addends)))

    for c in layout.totals:
        plan(c.key)
    amounts = frozenset(i for i, c in enumerate(cells) if c.kind is Kind.AMOUNT)
    return DetailPlan(tuple(c.key for c in cells), inputs, tuple(totals), amounts)
