"""The published report as one HTML page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from string import Template

from nianbao.form.model import Report
from nianbao.form.published import BODY_FONT, FANGSONG, HEADING_FONT, KAITI, SONGTI, SUBHEADING_FONT, TITLE_FONT
from nianbao.form.spec import TableSpec
from nianbao.publish.render.content import (
    Block,
    BlockKind,
    GridCell,
    captions,
    data_col,
    header_rows,
    is_row_label,
    table_grid,
)

_CSS = Template("""
body { font-family: "$body", "$fangsong", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.75;
       max-width: 60em; margin: 2em auto; color: #000; }
h1 { font-family: "$title", "$songti", "SimSun", serif; font-size: 22pt; text-align: center; }
h2 { font-family: "$heading", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; }
h3 { font-family: "$subheading", "$kaiti", "KaiTi", serif; font-size: 16pt; font-weight: normal; }
p { text-indent: 2em; margin: 0; }
p.signature { text-indent: 0; text-align: right; margin: 1.75em 2em 0 0; }
.forced { border: 2px solid #c00; color: #c00; padding: 0.5em 1em; margin: 1em 0; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-family: "$songti", "SimSun", serif;
        font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.row { text-align: left; }
caption { font-family: "$heading", "SimHei", sans-serif; font-size: 12pt; margin-bottom: 0.3em; }
""").substitute(body=BODY_FONT, fangsong=FANGSONG, title=TITLE_FONT, songti=SONGTI, heading=HEADING_FONT,
                      subheading=SUBHEADING_FONT, kaiti=KAITI)


def _id(table: TableSpec, cell: GridCell) -> str:
    return f"{table.key}-r{cell.row}c{cell.col}"


def _scope(table: TableSpec, cell: GridCell, data_rows: set[int]) -> str:
    """``scope`` of a header cell: a row's label (row, rowgroup when merged down) or a column's (col,
    colgroup when merged across)."""
    if cell.col < data_col(table) and cell.row in data_rows:
        return "rowgroup" if cell.rowspan > 1 else "row"
    return "colgroup" if cell.colspan > 1 else "col"


def _headers(table: TableSpec, cell: GridCell, labels: list[GridCell]) -> list[str]:
    """The header cells of a data cell, outermost first: the column headers above it (from its block's
    caption down, in a table of blocks) and the row labels left of it."""
    top = max((c.row for c in captions(table) if c.row < cell.row), default=0)
    last = cell.col + cell.colspan - 1
    above = [lb for lb in labels if top <= lb.row < cell.row and lb.col <= last and lb.col + lb.colspan - 1 >= cell.col
             and (lb.row + lb.rowspan - 1) < cell.row]
    left = [lb for lb in labels if lb.col < cell.col and lb.row <= cell.row <= lb.row + lb.rowspan - 1]
    return [_id(table, lb) for lb in sorted(above, key=lambda c: c.row) + sorted(left, key=lambda c: c.col)]


def html_table(table: TableSpec, report: Report, caption: str) -> list[str]:
    """An official table as an accessible HTML table (GB/T 37668-2019): a caption, header cells with ids and
    ``scope``, each data cell naming its header cells in ``headers`` (the two-level headers of 表三 and 表四),
    the merged cells of the official table as ``rowspan``/``colspan``; the column headers in ``thead``."""
    grid = table_grid(table, report)
    labels = [c for row in grid for c in row if c.is_label]
    data_rows = {c.row for c in table.cells}
    out = [f'<table class="{table.key}">', f"<caption>{html.escape(caption)}</caption>"]
    head = header_rows(table)
    for r, row in enumerate(grid):
        if r == 0:
            out.append("<thead>" if head else "<tbody>")
        elif r == head:
            out.append("</thead>\n<tbody>")
        cells = []
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.is_label:
                cls = ' class="row"' if is_row_label(table, cell) else ""
                cells.append(f'<th id="{_id(table, cell)}" scope="{_scope(table, cell, data_rows)}"{attrs}{cls}>'
                             f"{html.escape(cell.text)}</th>")
            else:
                refs = " ".join(_headers(table, cell, labels))
                cells.append(f'<td data-key="{cell.key}" headers="{refs}"{attrs}>{html.escape(cell.text)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def html_lines(title: str, notes: Sequence[str], blocks: Sequence[Block], report: Report) -> list[str]:
    esc = html.escape(title)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{esc}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{esc}</h1>"]
    if notes:
        out.append('<div class="forced">' + "".join(f"<p>{html.escape(n)}</p>" for n in notes) + "</div>")
    for b in blocks:
        if b.kind is BlockKind.PART:
            out.append(f"<h2>{html.escape(b.text)}</h2>")
        elif b.kind is BlockKind.SUB:
            out.append(f"<h3>{html.escape(b.text)}</h3>")
        elif b.kind is BlockKind.TABLE and b.table is not None:
            out += html_table(b.table, report, b.table.title)
        elif b.kind is BlockKind.SIGNATURE:
            out.append('<p class="signature">' + "<br>".join(html.escape(t) for t in b.text.split("\n")) + "</p>")
        else:
            out.append(f"<p>{html.escape(b.text)}</p>")
    out += ["</body>", "</html>"]
    return out
