"""A report printed in the shapes published reports are really found in, and the score of an import.

The shapes: a web page's text with cells separated by ``|`` (headers split over lines as a browser wraps
them), with tabs (a table copied from a browser or Word), run together (a crawler's text of a table),
an HTML page with merged cells, and a Word document whose tables have merged cells (also the source of
a PDF made by LibreOffice). What is printed is a mapping cell key -> text, so that a cell can be left
blank and a printed total can be other than the sum (as in real reports).
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.common import PART_HEADINGS
from nianbao.form.findings import Finding
from nianbao.form.model import Report
from nianbao.form.result import FileResult
from nianbao.form.spec import LayoutSpec, Number, TableSpec
from nianbao.publish.render import GridCell, format_value, table_grid

Printed = Mapping[str, str]  # cell key -> the text printed in it ("" for a blank cell)


def printed_of(layout: LayoutSpec, numbers: Mapping[str, Number], blank: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every data cell as printed: ``numbers`` formatted as a report prints them; ``blank`` cells left blank."""
    return {c.key: "" if c.key in blank else format_value(c, numbers[c.key])
            for t in layout.tables for c in t.cells}


#: how a page prints a cell with nothing in it: left empty, a slash, a dash
BLANK_MARKS = ("", "/", "—")


def blanked(layout: LayoutSpec, numbers: Mapping[str, Number], rng: random.Random, rate: float,
            marks: tuple[str, ...] = BLANK_MARKS) -> dict[str, str]:
    """Every data cell as printed, with a share ``rate`` of them (picked by ``rng``) printed as one of
    ``marks`` instead of its number (any cell: typed cells and totals alike)."""
    printed = printed_of(layout, numbers)
    for key in printed:
        if rng.random() < rate:
            printed[key] = rng.choice(marks)
    return printed


def is_blank(text: str) -> bool:
    """Whether a cell printed ``text`` shows no number (empty, "/", "—")."""
    return text.strip() in BLANK_MARKS


def _grid(table: TableSpec, layout: LayoutSpec, printed: Printed) -> list[list[GridCell]]:
    rows = table_grid(table, Report(layout=layout))
    return [[GridCell(c.row, c.col, c.rowspan, c.colspan, printed.get(c.key, "") if c.key else c.text, c.key)
             for c in row] for row in rows]


def printed_rows(layout: LayoutSpec) -> dict[str, tuple[str, ...]]:
    """Each data cell's key -> the keys of the data cells printed in the same row of its table."""
    out: dict[str, tuple[str, ...]] = {}
    for t in layout.tables:
        for row in _grid(t, layout, {}):
            keys = tuple(c.key for c in row if c.key)
            out.update((k, keys) for k in keys)
    return out


def _first_data_row(table: TableSpec) -> int:
    return min(c.row for c in table.cells)


def _wrapped(text: str) -> str:
    """A short header label as a narrow column wraps it: 商业企业 -> 商业 企业."""
    return f"{text[:2]} {text[2:]}" if len(text) == 4 else text


@dataclass(frozen=True)
class Narrative:
    office: str
    year: int
    #: the text of （二）依申请公开 (where a page says how many applications it received)
    request: str = "依法办理政府信息公开申请。"


def _parts(n: Narrative) -> dict[str, list[str]]:
    return {
        "一": ["（一）主动公开", f"{n.year}年，本单位通过门户网站主动公开政府信息。",
              "（二）依申请公开", n.request,
              "（三）政府信息管理", "及时更新和清理已公开的政府信息。",
              "（四）政府信息公开平台建设", "依托门户网站集中发布政府信息。",
              "（五）监督保障", "将政府信息公开工作纳入年度考核。"],
        "五": ["公开内容还不够全面，下一步将加强培训。"],
        "六": ["无。"],
    }


def document_lines(layout: LayoutSpec, printed: Printed, narrative: Narrative,
                   row_text: Callable[[TableSpec, list[GridCell]], list[str]]) -> list[str]:
    """The lines of a text document: title, the six parts, each table's grid rows as ``row_text`` prints them."""
    lines = [f"{narrative.office}{narrative.year}年政府信息公开工作年度报告"]
    parts = _parts(narrative)
    tables = {t.number: t for t in layout.tables}
    for numeral, heading in PART_HEADINGS.items():
        lines.append(heading)
        if numeral in tables:
            table = tables[numeral]
            for row in _grid(table, layout, printed):
                lines += row_text(table, row)
        else:
            lines += parts.get(numeral, [])
    return lines


def _texts(table: TableSpec, row: list[GridCell]) -> list[str]:
    head = bool(row) and row[0].row < _first_data_row(table)
    return [_wrapped(c.text) if head and c.is_label else c.text for c in row]


def pipes(table: TableSpec, row: list[GridCell]) -> list[str]:
    return ["| " + " | ".join(_texts(table, row)) + " |"]


def tabs(table: TableSpec, row: list[GridCell]) -> list[str]:
    return ["\t".join(c.text for c in row)]


def run_together(table: TableSpec, row: list[GridCell]) -> list[str]:
    return ["".join(c.text for c in row)]


def spaces(table: TableSpec, row: list[GridCell]) -> list[str]:
    """A web page's text as a browser copies it: cells separated by spaces, blank cells gone."""
    return [" ".join(c.text for c in row if c.text)]


def text_shape(layout: LayoutSpec, printed: Printed, narrative: Narrative, shape: str) -> str:
    row_text = {"pipes": pipes, "tabs": tabs, "run": run_together, "spaces": spaces}[shape]
    return "\n".join(document_lines(layout, printed, narrative, row_text)) + "\n"


def html_shape(layout: LayoutSpec, printed: Printed, narrative: Narrative) -> str:
    out = ["<html><head><meta charset='utf-8'></head><body>",
           f"<h1>{html.escape(narrative.office)}{narrative.year}年政府信息公开工作年度报告</h1>"]
    parts = _parts(narrative)
    tables = {t.number: t for t in layout.tables}
    for numeral, heading in PART_HEADINGS.items():
        out.append(f"<p><strong>{heading}</strong></p>")
        if numeral not in tables:
            out += [f"<p>{html.escape(p)}</p>" for p in parts.get(numeral, [])]
            continue
        out.append("<table border='1'>")
        for row in _grid(tables[numeral], layout, printed):
            tds = []
            for c in row:
                span = (f" rowspan='{c.rowspan}'" if c.rowspan > 1 else "") + (f" colspan='{c.colspan}'" if c.colspan > 1 else "")
                tds.append(f"<td{span}><p><span>{html.escape(c.text)}</span></p></td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def docx_shape(layout: LayoutSpec, printed: Printed, narrative: Narrative) -> bytes:
    """A Word document as an office types it: paragraphs, and each table with its merged cells."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(f"{narrative.office}{narrative.year}年政府信息公开工作年度报告")
    parts = _parts(narrative)
    tables = {t.number: t for t in layout.tables}
    for numeral, heading in PART_HEADINGS.items():
        doc.add_paragraph(heading)
        if numeral not in tables:
            for p in parts.get(numeral, []):
                doc.add_paragraph(p)
            continue
        table = tables[numeral]
        t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
        t.style = "Table Grid"
        flat = t._cells
        grid = [flat[r * table.n_cols:(r + 1) * table.n_cols] for r in range(table.n_rows)]
        for row in _grid(table, layout, printed):
            for c in row:
                cell = grid[c.row][c.col]
                if c.rowspan > 1 or c.colspan > 1:
                    cell = cell.merge(grid[c.row + c.rowspan - 1][c.col + c.colspan - 1])
                cell.paragraphs[0].text = c.text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# -- the score of an import --------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    visible: int  # cells printed with a number
    right: int  # of those, read as printed
    wrong: tuple[str, ...]  # cells holding a number the page did not print there

    def __str__(self) -> str:
        return f"{self.right}/{self.visible}"


def read_cells(result: FileResult) -> dict[str, Number]:
    """The figures an import wrote: typed cells and printed totals."""
    report = result.report
    return {} if report is None else {**report.inputs, **report.stated}


def blank_cells(result: FileResult) -> set[str]:
    """The cells findings name as read blank (A1 addresses on each sheet, as keys)."""
    if result.report is None:
        return set()
    layout = result.report.layout
    where = {layout.a1(c.key): c.key for t in layout.tables for c in t.cells}
    out: set[str] = set()
    for f in result.findings:
        for a1 in (f.cell, *f.cells):
            key = where.get((f.sheet, a1))
            if key is not None:
                out.add(key)
    return out


def score(layout: LayoutSpec, printed: Printed, result: FileResult) -> Score:
    """Cells read right of the cells visible, and every cell holding a number printed elsewhere: a blank
    cell may be read as nothing, or as 0 when a finding names it (IMPORT-BLANK)."""
    got = read_cells(result)
    named = blank_cells(result)
    visible = right = 0
    wrong: list[str] = []
    for t in layout.tables:
        for c in t.cells:
            text = printed.get(c.key, "")
            value = got.get(c.key)
            if not is_blank(text):
                visible += 1
                if value is not None and Decimal(value) == Decimal(text):
                    right += 1
                elif value is not None:
                    wrong.append(c.key)
            elif value is not None and not (value == 0 and c.key in named):
                wrong.append(c.key)
    return Score(visible, right, tuple(wrong))


def blank_named(result: FileResult) -> set[str]:
    """The cells IMPORT-BLANK findings name (read as 0: printed empty, "/" or "—"), as keys."""
    if result.report is None:
        return set()
    layout = result.report.layout
    where = {layout.a1(c.key): c.key for t in layout.tables for c in t.cells}
    return {where[(f.sheet, a1)] for f in result.findings if f.code == "IMPORT-BLANK"
            for a1 in (f.cell, *f.cells) if (f.sheet, a1) in where}


def finding_at(findings: tuple[Finding, ...], sheet: str, a1: str) -> bool:
    return any(f.sheet == sheet and (f.cell == a1 or a1 in f.cells) for f in findings)
