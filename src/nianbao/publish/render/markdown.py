"""The published report as Markdown: the six parts, each table flattened into pipe tables."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nianbao.form.model import Report
from nianbao.form.published import TOP_ROW_NUMBERS
from nianbao.form.spec import CellSpec, Number, TableSpec
from nianbao.publish.render.content import (
    Block,
    BlockKind,
    captions,
    format_value,
    header_rows,
    row_cells,
)
from nianbao.wording import publish as words

#: what Markdown (and the HTML it allows) would act on in a text: raw HTML (<script>), links and images
#: ([..](javascript:..)), emphasis, code, tables; each is written as a backslash escape, shown as typed
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|!~&])")
#: at the start of a line: a heading, a list, a quote or a rule
_MD_LINE_START_RE = re.compile(r"^(\s*\d*)([-+=.)])")


def md_text(text: str) -> str:
    """Text from a workbook (an office name, a paragraph) as Markdown that shows it as typed."""
    text = _MD_SPECIAL_RE.sub(r"\\\1", text)
    return _MD_LINE_START_RE.sub(r"\1\\\2", text)


def _md_cell(text: str) -> str:
    """A table cell: layout labels and formatted numbers, where only the column bar matters."""
    return text.replace("|", "\\|")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


def _md_value_row(label: str, cells: Sequence[CellSpec], values: Mapping[str, Number]) -> str:
    """A pipe-table row: the label, then the printed value of each cell."""
    return _md_row([label, *(format_value(c, values[c.key]) for c in cells)])


def md_table(table: TableSpec, report: Report) -> list[str]:
    """A table flattened into pipe tables: a table in captioned blocks (表二) one per block, a table of many
    data rows (表三) one row per official row, a table of one data row (表四) one row per block of columns
    (行政复议 / 未经复议直接起诉 / 复议后起诉)."""
    values = report.values
    if captions(table):
        return _md_blocks(table, values)
    if len({c.row for c in table.cells}) > 1:
        return _md_rows(table, values)
    return _md_column_blocks(table, values)


def _md_blocks(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """One pipe table per block, each under its caption (a label spanning every column)."""
    caps = captions(table)
    lines: list[str] = []
    for i, cap in enumerate(caps):
        end = caps[i + 1].row if i + 1 < len(caps) else table.n_rows
        header = sorted((lb for lb in table.labels if lb.row == cap.row + 1), key=lambda lb: lb.col)
        lines += [f"**{cap.text}**", "", _md_row([lb.text for lb in header]), _md_row(["---"] * len(header))]
        for r in range(cap.row + 2, end):
            label = next(lb.text for lb in table.labels if lb.row == r and lb.col == 0)
            lines.append(_md_value_row(label, row_cells(table, r), values))
        lines.append("")
    return lines


def _md_rows(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """Its note (the label over the row labels' columns), the column groups spelled out, then one row
    per official row."""
    first_data = header_rows(table)
    col_specs = row_cells(table, first_data)
    note = next((lb.text for lb in table.labels if lb.row == 0 and lb.col == 0), "")
    lines = [note, ""] if note else []
    lines += _md_groups(col_specs)
    lines += [_md_row([words.MD_ROWS_HEAD, *(c.col_label for c in col_specs)]), _md_row(["---"] * (1 + len(col_specs)))]
    named: set[str] = set()
    for r in range(first_data, table.n_rows):
        cells = row_cells(table, r)
        lines.append(_md_value_row(_md_row_label(cells[0], named), cells, values))
    lines.append("")
    return lines


def _md_groups(col_specs: Sequence[CellSpec]) -> list[str]:
    """The line naming the columns and the members of their group (表三: 申请人情况); none without a group."""
    groups = list(dict.fromkeys(c.col_group for c in col_specs if c.col_group))
    if not groups:
        return []
    parts: list[str] = []
    for c in col_specs:
        if not c.col_group:
            parts.append(c.col_label)
        elif c.col_group in groups:
            members = "、".join(m.col_label for m in col_specs if m.col_group == c.col_group)
            parts.append(f"{c.col_group}（{members}）")
            groups.remove(c.col_group)
    return [words.MD_APPLICANTS.format(columns="；".join(parts)), ""]


def _md_row_label(spec: CellSpec, named: set[str]) -> str:
    """The label of a row, its group before it: a group of a few rows (（三）不予公开) on each of its rows, a
    group spanning most of the table (三、本年度办理结果) once, on its first leaf row below its own
    sub-groups' first rows."""
    label, group = spec.row_label, spec.row_group
    if not group or group == label:
        return label
    if not group.startswith(TOP_ROW_NUMBERS):
        return f"{group} {label}"
    if group in named:
        return label
    named.add(group)
    return f"{group} {label}"


def _md_column_blocks(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """A table of one data row in blocks of columns: one row per block."""
    blocks: dict[str, list[CellSpec]] = {}
    for c in sorted(table.cells, key=lambda c: c.col):
        blocks.setdefault(c.row_label, []).append(c)
    first = next(iter(blocks.values()))
    lines = [_md_row([words.MD_BLOCKS_HEAD, *(c.col_label for c in first)]), _md_row(["---"] * (1 + len(first)))]
    for name, cells in blocks.items():
        group = cells[0].row_group
        lines.append(_md_value_row(f"{group}·{name}" if group else name, cells, values))
    lines.append("")
    return lines


def markdown_lines(title: str, notes: Sequence[str], blocks: Sequence[Block], report: Report) -> list[str]:
    lines = [f"# {md_text(title)}", ""]
    if notes:
        lines += [f"> **{md_text(notes[0])}**", *(f">\n> {md_text(n)}" for n in notes[1:]), ""]
    for b in blocks:
        if b.kind is BlockKind.PART:
            lines += [f"## {md_text(b.text)}", ""]
        elif b.kind is BlockKind.SUB:
            lines += [f"### {md_text(b.text)}", ""]
        elif b.kind is BlockKind.TABLE and b.table is not None:
            lines += md_table(b.table, report)
        elif b.kind is BlockKind.SIGNATURE:
            lines += [*(f"{md_text(t)}  " for t in b.text.split("\n")), ""]
        else:
            lines += [md_text(b.text), ""]
    return lines
