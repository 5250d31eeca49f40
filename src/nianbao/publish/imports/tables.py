"""Tables 二, 三 and 四 read from their regions: each printed row matched to an official row by its labels,
its numbers put into the row's cells; table 四's one data row read by position."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from nianbao.form.published import SUBTOTAL
from nianbao.form.spec import TableSpec
from nianbao.publish.imports.rows import (
    Builder,
    RowSpec,
    check_blank_totals,
    match,
    matcher,
    older_labels,
    recheck_runs,
    settle_runs,
    table_rows,
)
from nianbao.publish.imports.tokens import Token
from nianbao.publish.imports.walk import Region, Segment
from nianbao.wording import publish as words


def unread_table(b: Builder, table: TableSpec, region: Region) -> None:
    """A table printed on the page (its words or rows are there) of which no official row was read."""
    rows = len(region.segments)
    why = words.ROWS_NOT_MATCHED.format(rows=rows) if rows else words.ONLY_HEADERS
    b.add("IMPORT-TABLE-UNREAD", table, why=why)
    b.missing(table.cells)


def _match_segments(b: Builder, table: TableSpec, rows: Sequence[RowSpec], segments: Sequence[Segment]
                    ) -> tuple[list[tuple[RowSpec, Segment]], list[tuple[str, Segment]]]:
    """Each segment matched to an official row by its labels: the rows matched (first printing of each)
    and the subtotal rows (by their group); rows not known and rows printed twice are findings. A line
    of text that is an official row's label and nothing else is that row with every cell blank."""
    by_key = {r.key: r for r in rows}
    pairs = matcher(table, rows, older_labels(b.layout, rows))
    exact = {alias: target for alias, target in pairs if not target.startswith("subtotal:")}
    matched: list[tuple[RowSpec, Segment]] = []
    seen: set[str] = set()
    subtotals: list[tuple[str, Segment]] = []

    def take(target: str, seg: Segment) -> None:
        if target in seen:
            b.add("IMPORT-DUPLICATE-ROW", table, by_key[target].cells[0], label=by_key[target].label)
        else:
            seen.add(target)
            matched.append((by_key[target], seg))

    for seg in segments:
        for piece in seg.lines_before() if seg.origin == "text" else ():
            if piece in exact and exact[piece] not in seen:
                row = by_key[exact[piece]]
                take(row.key, Segment([piece], [Token("", "blank")] * len(row.cells), "row"))
        target = match(seg.label, pairs)
        if target is None:
            if any(t.kind in ("num", "zero") for t in seg.values):
                b.add("IMPORT-UNKNOWN-ROW", table, label=seg.shown or words.NO_LABEL)
        elif target.startswith("subtotal:"):
            subtotals.append((target.split(":", 1)[1], seg))
        else:
            take(target, seg)
    return matched, subtotals


def interpret_rows(b: Builder, table: TableSpec, region: Region) -> None:
    """Tables 二 and 三: each segment matched to an official row by its labels."""
    rows = table_rows(table)
    matched, subtotals = _match_segments(b, table, rows, region.segments)
    if not matched:
        unread_table(b, table, region)
        return
    width = len(rows[0].cells)
    mapping = _columns(b, table, region, matched) if any(not c.is_input for c in rows[0].cells) else None
    blanks: list[str] = []
    for row, seg in matched:
        tokens = list(seg.values)
        if mapping is not None:
            tokens = mapping(row, seg, tokens)
        b.fill(table, row, tokens, row.label, blanks, positional=seg.origin == "row")
    settle_runs(b, table)
    recheck_runs(b, table)
    check_blank_totals(b, table)
    for group, seg in subtotals:
        _check_subtotal(b, table, group, seg, width)
    if subtotals:
        groups = "、".join(dict.fromkeys(g or SUBTOTAL for g, _ in subtotals))
        b.add("IMPORT-SUBTOTAL", table, what=words.SUBTOTAL_ROWS.format(groups=groups))
    if blanks:
        b.add("IMPORT-BLANK", table, count=len(blanks), cells=tuple(blanks))
    seen = {row.key for row, _seg in matched}
    for row in rows:
        if row.key not in seen:
            b.add("IMPORT-MISSING-ROW", table, row.cells[0], label=row.label)
            b.missing(row.cells)


def _check_subtotal(b: Builder, table: TableSpec, group: str, seg: Segment, width: int) -> None:
    if not group:
        return
    leaves = [c for c in table.cells if c.row_group == group]
    for j, tok in enumerate(seg.values[:width]):
        if tok.kind != "num":
            continue
        col = [c for c in leaves if c.col == leaves[0].col + j] if leaves else []
        expected = sum((b.inputs.get(c.key, 0) for c in col), 0)
        if not col or j >= width - 1:
            continue
        if expected != tok.value:
            b.add("IMPORT-SUBTOTAL-MISMATCH", table, col[0], label=f"{group}｜{col[0].col_label}",
                  actual=tok.value, expected=expected)


def _block(table: TableSpec) -> tuple[str, int, int]:
    """The group of columns a page may add a 小计 column for (表三's 法人或其他组织): its label, and the
    positions of its first and last column in a row; ("", -1, -1) when the table has none."""
    first = min((c.row for c in table.cells if c.is_input), default=0)
    row = sorted((c for c in table.cells if c.row == first), key=lambda c: c.col)
    inside = [i for i, c in enumerate(row) if c.col_group and c.col_group != c.col_label]
    return (row[inside[0]].col_group, inside[0], inside[-1]) if inside else ("", -1, -1)


def _subtotal_at(header: str, matched: list[tuple[RowSpec, Segment]], block: tuple[str, int, int]) -> int:
    """Where a row of one number too many has its 小计 column: before the block's columns (1) or after
    them (6), from the header, else from the position where it adds up."""
    group, lo, hi = block
    before, after = lo, hi + 1
    if SUBTOTAL in header:
        head = header.split(SUBTOTAL)[0]
        last = matched[0][0].cells[hi].col_label if matched else ""
        return after if last and last in head.split(group)[-1] else before
    for _row, seg in matched:
        vals = [t.value if t.kind == "num" else 0 for t in seg.values]
        if len(vals) != hi + 3:
            continue
        at_before = vals[before] == sum(vals[before + 1:after + 1])
        at_after = vals[after] == sum(vals[before:after])
        if at_before != at_after:
            return before if at_before else after
    return before


def _columns(b: Builder, table: TableSpec, region: Region, matched: list[tuple[RowSpec, Segment]]) -> Any:
    """How the numbers of table 三's rows map to its seven columns: as they are, without a 总计 column
    (every row has six), or without an extra 法人或其他组织 subtotal column (rows of eight)."""
    width = len(matched[0][0].cells)
    counts = Counter(len(seg.values) for _row, seg in matched)
    common, _n = counts.most_common(1)[0]
    if common == width - 1 and set(counts) == {width - 1}:
        b.add("IMPORT-NO-TOTAL-COLUMN", table, actual=width - 1)

        def no_total(row: RowSpec, seg: Segment, tokens: list[Token]) -> list[Token]:
            return [*tokens, Token("", "blank")]

        return no_total
    block = _block(table)
    if common == width + 1 and block[0]:
        pos = _subtotal_at("".join(region.headers + region.text), matched, block)
        group, lo, hi = block
        b.add("IMPORT-SUBTOTAL", table, what=words.SUBTOTAL_COLUMN.format(group=group))

        def drop_subtotal(row: RowSpec, seg: Segment, tokens: list[Token]) -> list[Token]:
            if len(tokens) != width + 1:
                return tokens
            orgs = tokens[lo + 1:hi + 2] if pos == lo else tokens[lo:hi + 1]
            sub = tokens[pos]
            if sub.kind == "num":
                expected = sum((t.value for t in orgs if t.kind == "num"), 0)
                if expected != sub.value:
                    b.add("IMPORT-SUBTOTAL-MISMATCH", table, row.cells[lo], label=f"{row.label}｜{group}",
                          actual=sub.value, expected=expected)
            return tokens[:pos] + tokens[pos + 1:]

        return drop_subtotal
    return None


def interpret_one_row(b: Builder, table: TableSpec, region: Region) -> None:
    """Table 四: rows matched by their labels, else the one data row of numbers read by position."""
    rows = table_rows(table)
    blanks: list[str] = []
    seen, positional = _labelled_blocks(b, table, rows, region.segments, blanks)
    if not seen and positional:
        seen = _data_row(b, table, rows, positional.pop(0), blanks)
    for seg in positional:
        b.add("IMPORT-UNKNOWN-ROW", table, label=seg.shown or words.NO_LABEL)
    if not seen:
        unread_table(b, table, region)
        return
    check_blank_totals(b, table)
    if blanks:
        b.add("IMPORT-BLANK", table, count=len(blanks), cells=tuple(blanks))
    for row in rows:
        if row.key not in seen:
            b.add("IMPORT-MISSING-ROW", table, row.cells[0], label=_block_label(row))
            b.missing(row.cells)


def _labelled_blocks(b: Builder, table: TableSpec, rows: Sequence[RowSpec], segments: Sequence[Segment],
                      blanks: list[str]) -> tuple[set[str], list[Segment]]:
    """The segments of table 四 that name one of its rows, filled in: the keys of the rows filled, and the
    segments left to read by position (numbers without a row's label, or a row of cells without labels)."""
    pairs = matcher(table, rows)
    by_key = {r.key: r for r in rows}
    seen: set[str] = set()
    positional: list[Segment] = []
    for seg in segments:
        target = match(seg.label, pairs) if seg.own_labels else None
        if target is None or target.startswith("subtotal:"):
            if any(t.kind in ("num", "zero") for t in seg.values) or (seg.origin == "row" and not seg.own_labels):
                positional.append(seg)
            continue
        row = by_key[target]
        if target in seen:
            b.add("IMPORT-DUPLICATE-ROW", table, row.cells[0], label=row.label)
            continue
        seen.add(target)
        b.fill(table, row, seg.values, _block_label(row), blanks, positional=seg.origin == "row")
    return seen, positional


def _data_row(b: Builder, table: TableSpec, rows: Sequence[RowSpec], seg: Segment,
                 blanks: list[str]) -> set[str]:
    """Table 四's numbers as one data row, in the order of its cells: the keys of the rows it reaches (all
    of them, or when it is short, those whose first cell it reaches; none when its numbers lost their
    places)."""
    cells = [c for r in rows for c in r.cells]
    placed = b.fill_cells(table, cells, list(seg.values), words.DATA_ROW, blanks, positional=seg.origin == "row")
    return {r.key for i, r in enumerate(rows) if placed > i * len(r.cells)}


def _block_label(row: RowSpec) -> str:
    c = row.cells[0]
    return f"{c.row_group}·{c.row_label}" if c.row_group else c.row_label

