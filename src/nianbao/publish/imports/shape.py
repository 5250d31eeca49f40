"""What the importer needs to know of the official layout's shape, taken from the format spec (never a
cell key written here): which parts of the report are tables and which narrative, the widest data row,
and which table holds the applications (表三) or the one data row of cases (表四), found by the roles
the formats give their cells."""

from __future__ import annotations

from collections import Counter
from functools import cache

from nianbao.form.common import PART_HEADINGS
from nianbao.form.registry import get_layout, latest
from nianbao.form.spec import CellSpec, LayoutSpec, TableSpec


@cache
def table_parts() -> tuple[str, ...]:
    """The numerals of the parts that are tables ("二", "三", "四")."""
    return tuple(t.number for t in get_layout(latest()).tables)


@cache
def text_parts() -> tuple[str, ...]:
    """The numerals of the narrative parts ("一", "五", "六"), in the order of the document."""
    parts = {s.part for s in get_layout(latest()).text_sections}
    return tuple(p for p in PART_HEADINGS if p in parts)


@cache
def widest_row() -> int:
    """The most data cells any official table has in one grid row (表四's 15): a printed row of that many
    cells is a data row even when all of them are blank."""
    counts = Counter((t.key, c.row) for layout in (get_layout(latest()),) for t in layout.tables for c in t.cells)
    return max(counts.values())


def table_of_role(layout: LayoutSpec, role: str) -> str | None:
    """The key of the table whose cells have ``role`` (see ``spec.ROLES``), or None."""
    key = layout.role_cell(role)
    return layout.cells[key].table if key is not None else None


def is_applications(layout: LayoutSpec, table: TableSpec) -> bool:
    """Whether ``table`` is the table of applications (表三: rows in groups, a 总计 column)."""
    return table.key == table_of_role(layout, "new_total")


def is_one_row(table: TableSpec) -> bool:
    """Whether all of ``table``'s data cells lie on one grid row (表四: its rows are blocks of columns)."""
    return len({c.row for c in table.cells}) == 1 and len({c.row_label for c in table.cells}) > 1


def row_id(cell: CellSpec) -> tuple[int, str, str]:
    """Which official row ``cell`` belongs to: its grid row and its labels (表四's blocks share a grid row)."""
    return cell.row, cell.row_group, cell.row_label
