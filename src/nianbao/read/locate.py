"""Where an official table actually sits on a sheet: found from its labels, so that inserted or deleted
rows and columns are both reported and survived.

A sheet is a grid of normalised texts (NFKC, no whitespace). ``locate_table`` maps every grid row and
column of a ``TableSpec`` to a sheet row and column, by finding the official labels; the caller reads
the data cells through the maps and reports ``Placement.problems``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from nianbao.form.spec import LabelSpec, LayoutSpec, TableSpec, col_letter, to_a1
from nianbao.read.values import normalise_text
from nianbao.wording import read as words

Grid = list[list[str]]  # normalised texts, sheet rows x sheet columns (ragged rows allowed)


def normalise_grid(rows: Sequence[Sequence[object]]) -> Grid:
    out: Grid = []
    for row in rows:
        out.append([normalise_text(v) if isinstance(v, str) and v else "" for v in row])
    return out


def cell_text(grid: Grid, r: int, c: int) -> str:
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        return grid[r][c]
    return ""


@dataclass
class Problem:
    """A structural problem found while locating a table, for the reader to turn into a finding."""

    code: str  # STRUCT-LABEL | STRUCT-ROWS | STRUCT-COLUMNS
    cell: str = ""
    expected: str | None = None
    actual: str | None = None
    detail: str = ""


@dataclass
class Placement:
    """Grid row/column of a table -> sheet row/column, and what did not match the official form."""

    rows: list[int]
    cols: list[int]
    matched: int  # labels found where the maps put them
    total: int  # labels of the table
    problems: list[Problem] = field(default_factory=list)
    #: grid rows / columns deleted from the sheet (their cells read as 0; the map gives a neighbour)
    missing_rows: set[int] = field(default_factory=set)
    missing_cols: set[int] = field(default_factory=set)

    def is_missing(self, row: int, col: int) -> bool:
        return row in self.missing_rows or col in self.missing_cols

    @property
    def in_order(self) -> bool:
        """Rows and columns consecutive, as in the template (the table may still be moved as a whole)."""
        return all(b - a == 1 for a, b in zip(self.rows, self.rows[1:], strict=False)) and all(
            b - a == 1 for a, b in zip(self.cols, self.cols[1:], strict=False))

    def pos(self, row: int, col: int) -> tuple[int, int]:
        return self.rows[row], self.cols[col]

    @property
    def score(self) -> float:
        return self.matched / self.total if self.total else 0.0


@dataclass(frozen=True)
class _TableLabels:
    labels: tuple[tuple[LabelSpec, str], ...]  # with normalised text
    row_keys: tuple[tuple[LabelSpec, str] | None, ...]  # the label that identifies each grid row
    col_keys: tuple[tuple[LabelSpec, str] | None, ...]  # the label that identifies each grid column
    anchor: tuple[LabelSpec, str]


@cache
def _labels(layout_label: str, table_key: str) -> _TableLabels:
    from nianbao.form.registry import get_layout

    fmt, variant = layout_label.split(":")
    table = get_layout(fmt, variant).table(table_key)
    labels = tuple((lb, normalise_text(lb.text)) for lb in table.labels)
    counts: dict[str, int] = {}
    for _lb, text in labels:
        counts[text] = counts.get(text, 0) + 1
    first_data = min(c.row for c in table.cells)
    row_keys: list[tuple[LabelSpec, str] | None] = []
    for r in range(table.n_rows):
        # the label that starts on this row and is not merged down, rightmost first (the leaf label)
        cands = [x for x in labels if x[0].row == r]
        cands.sort(key=lambda x: (x[0].last_row != x[0].row, -x[0].col))
        row_keys.append(cands[0] if cands else None)
    col_keys: list[tuple[LabelSpec, str] | None] = []
    for c in range(table.n_cols):
        cands = [x for x in labels if x[0].col == c and x[0].row < first_data and x[0].last_col == c]
        cands.sort(key=lambda x: -x[0].row)  # the lowest header row: the leaf column label
        col_keys.append(cands[0] if cands else None)
    # the anchor: a unique label, as high and as far left as possible
    unique = [x for x in labels if counts[x[1]] == 1]
    anchor = min(unique, key=lambda x: (x[0].row, x[0].col))
    return _TableLabels(labels, tuple(row_keys), tuple(col_keys), anchor)


def table_labels(layout: LayoutSpec, table: TableSpec) -> _TableLabels:
    return _labels(layout.label, table.key)


def find_anchor(grid: Grid, layout: LayoutSpec, table: TableSpec) -> tuple[int, int] | None:
    """(row offset, column offset) of the table on this sheet against the template, or None."""
    lb, text = table_labels(layout, table).anchor
    want_r, want_c = table.sheet_pos(lb.row, lb.col)
    if cell_text(grid, want_r, want_c) == text:
        return 0, 0
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == text:
                return r - want_r, c - want_c
    return None


def locate_table(grid: Grid, layout: LayoutSpec, table: TableSpec, offset: tuple[int, int] = (0, 0), *,
                 whole: bool = True) -> Placement:
    """Map the table's grid onto ``grid`` (the sheet), starting from ``offset`` against the template.

    ``whole``: report a shift of the whole table too (a template must sit where it was written; a copy
    recognised by its labels may sit anywhere)."""
    info = table_labels(layout, table)
    r0, c0 = table.sheet_pos(0, 0)
    dr, dc = offset
    # fast path: every label where the template has it
    matched = sum(1 for lb, text in info.labels if cell_text(grid, r0 + dr + lb.row, c0 + dc + lb.col) == text)
    rows = [r0 + dr + i for i in range(table.n_rows)]
    cols = [c0 + dc + j for j in range(table.n_cols)]
    place = Placement(rows, cols, matched, len(info.labels))
    if matched == len(info.labels):
        if whole and dr:
            place.problems.append(_moved(table, dr, 0, cols[0]))
        if whole and dc:
            place.problems.append(_moved(table, 0, dc, rows[0]))
        return place

    # columns first (on the header rows, at the template's row offset), then rows, then columns again
    place.cols, _ = _map_axis(info.col_keys, cols, lambda lb, c: cell_text(grid, r0 + dr + lb.row, c),
                              len(_width(grid)))
    place.rows, place.missing_rows = _map_axis(info.row_keys, rows,
                                               lambda lb, r: cell_text(grid, r, place.cols[lb.col]), len(grid))
    place.cols, place.missing_cols = _map_axis(info.col_keys, cols,
                                               lambda lb, c: cell_text(grid, place.rows[lb.row], c), len(_width(grid)))
    header = range(min(c.row for c in table.cells))  # the grid rows of the column headers
    swapped = _swapped_columns(grid, info, place, header)
    if swapped is not None:
        place.cols, place.missing_cols = swapped, set()
    _match_labels(grid, info, place, header if swapped is not None else None)
    if swapped is None:
        place.problems[:0] = _shifts(table, place, dr, dc, whole=whole)
    else:
        place.problems[:0] = [_reordered(info, place, c0 + dc)]
    return place


def _match_labels(grid: Grid, info: _TableLabels, place: Placement, header: range | None) -> None:
    """Count the labels found where the maps put them; STRUCT-LABEL for the others (``header``: the
    header rows, when columns were moved out of order with their headers)."""
    col_keys = {key for key in info.col_keys if key is not None}
    place.matched = 0
    for lb, text in info.labels:
        r, c = place.rows[lb.row], place.cols[lb.col]
        got = cell_text(grid, r, c)
        if got == text or (header is not None and _header_found(grid, place, lb, text, header, (lb, text) in col_keys)):
            place.matched += 1
        elif not place.is_missing(lb.row, lb.col):  # a deleted line is said once, as deleted
            place.problems.append(Problem("STRUCT-LABEL", to_a1(r, c), lb.text, got or words.BLANK_CELL))


def _swapped_columns(grid: Grid, info: _TableLabels, place: Placement, header: range) -> list[int] | None:
    """The sheet column of every grid column when columns were moved out of order with their headers
    (自然人 and 其他 swapped): each column found by its leaf label, which must occur exactly once in
    the header rows. None when the columns are in order, or cannot all be found that way."""
    width = len(_width(grid))
    found: list[int | None] = []
    for key in info.col_keys:
        if key is None:
            found.append(None)
            continue
        _lb, text = key
        at = [c for c in range(width) if any(cell_text(grid, place.rows[h], c) == text for h in header)]
        if len(at) != 1:
            return None
        found.append(at[0])
    keyed = [c for c in found if c is not None]
    if len(set(keyed)) != len(keyed) or keyed == sorted(keyed):
        return None
    out: list[int] = []
    for i, c in enumerate(found):
        out.append(c if c is not None else (out[i - 1] + 1 if i else place.cols[0]))
    return out


def _header_found(grid: Grid, place: Placement, lb: LabelSpec, text: str, header: range, leaf: bool) -> bool:
    """With columns out of order: a header label over several columns is found at any of them (its
    columns need not be adjacent any more); a leaf header in any header row of its column."""
    rows = [place.rows[h] for h in header] if leaf else [place.rows[lb.row]]
    cols = set(place.cols[lb.col : lb.last_col + 1]) | {min(place.cols[lb.col : lb.last_col + 1])}
    return any(cell_text(grid, r, c) == text for r in rows for c in cols)


def _reordered(info: _TableLabels, place: Placement, first: int) -> Problem:
    """STRUCT-COLUMNS for columns out of order: which column holds which header."""
    moved = [(place.cols[i], key[0].text) for i, key in enumerate(info.col_keys)
             if key is not None and place.cols[i] != first + i]
    where = "，".join(words.COLUMN_HOLDS.format(column=col_letter(c), label=text) for c, text in sorted(moved))
    return Problem("STRUCT-COLUMNS", to_a1(place.rows[0], min(c for c, _t in moved)),
                   detail=words.COLUMNS_REORDERED.format(columns=where))


def _width(grid: Grid) -> range:
    return range(max((len(r) for r in grid), default=0))


def _map_axis(keys: Sequence[tuple[LabelSpec, str] | None], template: list[int],
              text_at: Callable[[LabelSpec, int], str], limit: int) -> tuple[list[int], set[int]]:
    """Sheet index of every grid line: found by its key label, nearest to where the shift so far puts
    it and after the previous line; lines without a key label follow the previous one.

    A line whose key label is nowhere takes the next free position without claiming it: when a later
    line is found there, the line was deleted (returned in the set); otherwise it is there, relabelled."""
    out: list[int] = []
    shift = 0
    prev = -1
    lost: list[int] = []
    for i, key in enumerate(keys):
        want = template[i] + shift
        found = None
        if key is not None:
            lb, text = key
            if text_at(lb, want) == text and want > prev:
                found = want
            else:
                best = None
                for pos in range(prev + 1, limit):
                    if text_at(lb, pos) == text and (best is None or abs(pos - want) < abs(best - want)):
                        best = pos
                found = best
            if found is None:
                out.append(max(want, prev + 1))
                lost.append(i)
                continue
        pos = found if found is not None else max(want, prev + 1)
        shift = pos - template[i]
        out.append(pos)
        prev = pos
    taken = {out[i] for i in range(len(out)) if i not in lost}
    return out, {i for i in lost if out[i] in taken}


def _shifts(table: TableSpec, place: Placement, dr: int, dc: int, *, whole: bool) -> list[Problem]:
    """STRUCT-ROWS / STRUCT-COLUMNS: where the maps depart from the template (``whole``: also a shift
    of the whole table)."""
    out: list[Problem] = []
    r0, c0 = table.sheet_pos(0, 0)

    def row_cell(at: int) -> str:
        return to_a1(at, place.cols[0])

    # an inserted row is marked in it, in the first column of figures: column A there is usually part of
    # a merged label block (Excel widens the block over the new row), which would mark the whole block
    first_data = min((c.col for c in table.cells), default=0)

    def inserted_row_cell(at: int) -> str:
        return to_a1(at, place.cols[first_data])

    def col_cell(at: int) -> str:
        return to_a1(place.rows[0], at)

    axes = (  # code, positions found, template's first position, missing, cell of an inserted / deleted line, texts
        ("STRUCT-ROWS", place.rows, r0, place.missing_rows, inserted_row_cell, row_cell,
         lambda a, b: words.ROW_INSERTED.format(n=b - a + 1, row=a + 1) if a == b else
         words.ROWS_INSERTED.format(n=b - a + 1, first=a + 1, last=b + 1),
         lambda at, n: words.ROWS_DELETED.format(row=at + 1, n=n)),
        ("STRUCT-COLUMNS", place.cols, c0, place.missing_cols, col_cell, col_cell,
         lambda a, b: words.COLUMN_INSERTED.format(column=col_letter(a)) if a == b else
         words.COLUMNS_INSERTED.format(n=b - a + 1, first=col_letter(a), last=col_letter(b)),
         lambda at, n: words.COLUMNS_DELETED.format(column=col_letter(at), n=n)),
    )
    for axis, (code, found, first, missing, new_cell, cell, inserted, deleted) in enumerate(axes):
        prev = 0
        for i, pos in enumerate(found):
            if i in missing:
                continue
            shift = pos - (first + i)
            if i == 0:
                if shift and whole:
                    rows_first = axis == 0  # the rows' axis
                    out.append(_moved(table, shift if rows_first else 0, 0 if rows_first else shift,
                                      place.cols[0] if rows_first else place.rows[0]))
            elif shift > prev:
                d = shift - prev
                out.append(Problem(code, new_cell(pos - d), detail=inserted(pos - d, pos - 1)))
            elif shift < prev:
                out.append(Problem(code, cell(pos), detail=deleted(pos, prev - shift)))
            prev = shift
    return out


def _moved(table: TableSpec, dr: int, dc: int, at: int) -> Problem:
    """The whole table moved: rows or columns inserted or deleted above or left of it."""
    r0, c0 = table.sheet_pos(0, 0)
    if dr:
        moved = words.TABLE_MOVED_DOWN if dr > 0 else words.TABLE_MOVED_UP
        return Problem("STRUCT-ROWS", to_a1(r0 + dr, at), detail=moved.format(n=abs(dr)))
    moved = words.TABLE_MOVED_RIGHT if dc > 0 else words.TABLE_MOVED_LEFT
    return Problem("STRUCT-COLUMNS", to_a1(at, c0 + dc), detail=moved.format(n=abs(dc)))
