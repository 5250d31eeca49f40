"""The official tables of the published report as Word tables: the columns in the proportions of the
template's, merged cells as in the official table, rows never split, column headers repeated on each page;
a table in captioned blocks (表二) is a Word table a block (``table_pieces``)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from nianbao.form.model import Report
from nianbao.form.spec import TableSpec
from nianbao.publish.render.content import GridCell, captions, header_rows, is_row_label, table_grid
from nianbao.publish.render.wordrun import BLOCK_MM, no_grid, set_run_font

#: the tables: 宋体, 五号 (10.5 pt) for a narrow table, 小五 (9 pt) for a wide one
TABLE_FONT_PT = {True: 10.5, False: 9.0}
NARROW_TABLE_COLS = 6


# -- tables --------------------------------------------------------------------------------------------


def _widths_mm(table: TableSpec) -> list[float]:
    """The columns' widths on the 156 mm text block, in the proportions of the template's columns."""
    raw = list(table.col_widths) if len(table.col_widths) == table.n_cols else [1.0] * table.n_cols
    total = sum(raw)
    return [BLOCK_MM[0] * w / total for w in raw]


def _table_rows(t: Table, table: TableSpec, repeat: int) -> None:
    """Rows at least a little high, never split; the first ``repeat`` rows (the header) repeated on each page."""
    for r, row in enumerate(t.rows):
        row.height = Mm(6 if table.n_cols <= NARROW_TABLE_COLS else 5.5)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < repeat:
            tr_pr.append(OxmlElement("w:tblHeader"))


def table_pieces(table: TableSpec) -> list[tuple[int, int, int]]:
    """How an official table is written: (first row, end row, header rows to repeat) of each piece. A table in
    captioned blocks (表二) is one piece a block, each repeating its caption and its own column headers when it
    runs onto a new page (the blocks' headers differ, so no one header could stand for them); another table
    is one piece repeating its column headers (表三, 表四)."""
    blocks = captions(table)
    if not blocks:
        return [(0, table.n_rows, header_rows(table))]
    starts = [0 if i == 0 else c.row for i, c in enumerate(blocks)]
    return [(a, b, min(2, b - a - 1)) for a, b in zip(starts, [*starts[1:], table.n_rows], strict=True)]


def _kept_rows(rows: int, repeat: int) -> set[int]:
    """The rows (of a piece of ``rows`` rows) kept on a page with the row below: a small piece stays on one
    page; a long one (表三) keeps its header with its first two rows."""
    if rows > 2 * repeat + 10:
        return set(range(repeat + 2))
    return set(range(rows - 1))


#: the height of the paragraph between two pieces of a table: Word and LibreOffice join two tables with
#: nothing between them into one (whose first piece's header would then be repeated over the others)
PIECE_GAP_PT = 0.5


def docx_table(doc: DocxDocument, table: TableSpec, report: Report, font: str) -> None:
    """The table, as one Word table a piece (``table_pieces``), with a paragraph ``PIECE_GAP_PT`` high
    between two pieces, kept with the piece below it."""
    grid = table_grid(table, report)
    for i, (first, end, repeat) in enumerate(table_pieces(table)):
        if i:
            gap = doc.add_paragraph()
            pf = gap.paragraph_format
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(PIECE_GAP_PT)
            pf.space_before = pf.space_after = Pt(0)
            pf.keep_with_next = True
            no_grid(gap)
            set_run_font(gap.add_run(""), font, PIECE_GAP_PT)
        t = _docx_piece(doc, table, grid[first:end], first, repeat, font)
        if i:  # the piece above's bottom border is its top one: a line, not two
            _no_top_border(t)


def _no_top_border(t: Table) -> None:
    borders = t._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        t._tbl.tblPr.append(borders)
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "nil")
    borders.insert(0, top)


def _docx_piece(doc: DocxDocument, table: TableSpec, grid_rows: Sequence[Sequence[GridCell]], first: int,
                repeat: int, font: str) -> Table:
    widths = _widths_mm(table)
    size = TABLE_FONT_PT[table.n_cols <= NARROW_TABLE_COLS]
    n_rows = len(grid_rows)
    t = doc.add_table(rows=n_rows, cols=table.n_cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    for i, col in enumerate(t.columns):
        col.width = Mm(widths[i])
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i])
    _table_rows(t, table, repeat)
    # the cells of the unmerged grid, fetched once (``Table.cell`` walks the whole table on every call);
    # merged blocks do not overlap, so each stays valid while the others are merged
    flat = t._cells
    cells = [flat[r * table.n_cols:(r + 1) * table.n_cols] for r in range(n_rows)]
    keeps = _kept_rows(n_rows, repeat)
    for grid_row in grid_rows:
        for gc in grid_row:
            r = gc.row - first
            cell = cells[r][gc.col]
            if gc.rowspan > 1 or gc.colspan > 1:
                cell = cell.merge(cells[r + gc.rowspan - 1][gc.col + gc.colspan - 1])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if is_row_label(table, gc) else WD_ALIGN_PARAGRAPH.CENTER
            pf = p.paragraph_format
            pf.space_before = pf.space_after = Pt(0)
            pf.line_spacing = 1.0
            pf.first_line_indent = Pt(0)
            no_grid(p)
            pf.keep_with_next = r + gc.rowspan - 1 in keeps
            set_run_font(p.add_run(gc.text), font, size)
    return t
