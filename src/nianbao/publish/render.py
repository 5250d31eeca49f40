"""The published annual report, rendered from a ``Report``: .docx, .md and .html.

The six parts of the official structure (FORMAT.md), the title "{单位名称}{年度}年政府信息公开工作年度报告",
and the three tables with the official rows, columns and merged header cells, derived from the layout data
(``TableSpec.labels``). Numbers are always ``Report.values`` (recomputed), never a cached total. A report with
error findings is rendered only when forced, and then carries a visible note. Text a tool left in 正文 for
its own users (the note of a summary) is not published; a narrative part without text keeps its heading,
with ``EMPTY_PART`` under it. ``check_document`` names both, as warnings.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from nianbao.check.validate import validate_report
from nianbao.form.common import PART_HEADINGS
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.sheets import TEXT_SHEET, text_cell
from nianbao.form.spec import CellSpec, Kind, Number, TableSpec

__all__ = [
    "FORMATS",
    "GridCell",
    "RenderRefused",
    "check_document",
    "format_value",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_report",
    "report_title",
    "table_grid",
]

FORMATS = ("docx", "md", "html")
TITLE_SUFFIX = "政府信息公开工作年度报告"
FORCED_NOTE = "注意：本报告的数据未通过校验（{n} 处错误），仅供核对，不能作为正式报告发布。"
FORCED_HEADER = "未通过校验 · 仅供核对 · 不得作为正式报告发布"
MORE_ERRORS = "……另有 {n} 处错误，详见校验结果。"
MAX_LISTED = 10
#: printed under a part heading (一, 五, 六) that has no text: a document is proofread before it is published,
#: and an empty heading is easy to miss there (the importer skips this line)
EMPTY_PART = "（未填写）"
#: text a tool wrote into 正文 for its own users, not for the public: the note ``merge`` gives a summary
#: ("本报告由 nianbao 汇总…，各单位数字见“明细”表。"); a published report has no 明细 table
_INTERNAL_RE = re.compile(r"本报告由\s*nianbao|[“\"]明细[”\"]表")

# fonts of a Chinese government document (GB/T 9704): body 仿宋, headings 黑体 / 楷体, title and tables 宋体
FONT_BODY, FONT_HEADING, FONT_SUBHEADING, FONT_TITLE, FONT_TABLE = "仿宋", "黑体", "楷体", "宋体", "宋体"
FONT_LATIN = "Times New Roman"


class RenderRefused(Exception):
    """The report has error findings and rendering was not forced."""

    def __init__(self, errors: Sequence[Finding]) -> None:
        super().__init__(f"{len(errors)} error finding(s)")
        self.errors = tuple(errors)


# -- the table grid, from the layout data ---------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    """One (possibly merged) cell of an official table, as rendered."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    key: str | None = None  # data cell key; None for a label

    @property
    def is_label(self) -> bool:
        return self.key is None


def format_value(spec: CellSpec, value: Number) -> str:
    """A number as printed in the report: counts plain, signed with +, amounts with their decimals."""
    if spec.kind is Kind.AMOUNT:
        d = Decimal(value)
        if spec.decimals is not None:
            return f"{d:.{spec.decimals}f}"
        text = format(d.normalize(), "f") if d != 0 else "0"
        return text
    n = int(value) if value == int(value) else value
    if spec.kind is Kind.SIGNED and isinstance(n, int) and n > 0:
        return f"+{n}"
    return str(n)


def table_grid(table: TableSpec, report: Report) -> list[list[GridCell]]:
    """Per grid row, the cells that start in it (merged labels and values), left to right."""
    values = report.values
    starts: dict[tuple[int, int], GridCell] = {}
    covered: set[tuple[int, int]] = set()
    for lb in table.labels:
        starts[(lb.row, lb.col)] = GridCell(lb.row, lb.col, lb.last_row - lb.row + 1, lb.last_col - lb.col + 1,
                                            lb.text)
        covered.update((r, c) for r in range(lb.row, lb.last_row + 1) for c in range(lb.col, lb.last_col + 1))
    for spec in table.cells:
        starts[(spec.row, spec.col)] = GridCell(spec.row, spec.col, 1, spec.last_col - spec.col + 1,
                                                format_value(spec, values[spec.key]), spec.key)
        covered.update((spec.row, c) for c in range(spec.col, spec.last_col + 1))
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if (r, c) not in covered:  # not expected in an official layout; render an empty cell
                starts[(r, c)] = GridCell(r, c, 1, 1, "")
    rows: list[list[GridCell]] = [[] for _ in range(table.n_rows)]
    for (r, _c), cell in sorted(starts.items()):
        rows[r].append(cell)
    return rows


def report_title(report: Report) -> str:
    year = report.year
    return f"{printable(report.office)}{f'{year}年' if year else ''}{TITLE_SUFFIX}"


#: characters no document may hold: C0 and C1 controls but tab and newline, DEL, the XML non-characters and
#: lone surrogates (python-docx refuses them; a terminal or a browser would act on some)
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: the longest a Word document property may be (python-docx refuses a longer title or author)
MAX_PROPERTY = 255


def printable(text: str) -> str:
    """``text`` without control characters (an office name pasted from a terminal or a web page)."""
    return _CONTROL_RE.sub("", text)


def _clean(report: Report) -> Report:
    """The report with every text a document shows free of control characters."""
    return replace(report, info={k: printable(v) for k, v in report.info.items()},
                   texts={k: printable(v) for k, v in report.texts.items()})


def _errors(report: Report, findings: Sequence[Finding] | None, force: bool) -> list[Finding]:
    found = list(findings) if findings is not None else validate_report(report)
    errors = [f for f in found if f.is_error]
    if errors and not force:
        raise RenderRefused(errors)
    return errors


def _note_lines(errors: Sequence[Finding]) -> list[str]:
    if not errors:
        return []
    lines = [FORCED_NOTE.format(n=len(errors))]
    lines += [f"{f.code}：{f.message}" for f in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(MORE_ERRORS.format(n=len(errors) - MAX_LISTED))
    return lines


def _published(text: str) -> tuple[str, list[str]]:
    """``text`` without its internal paragraphs (``_INTERNAL_RE``), and those paragraphs."""
    kept: list[str] = []
    internal: list[str] = []
    for p in text.splitlines():
        (internal if _INTERNAL_RE.search(p) else kept).append(p)
    return "\n".join(kept).strip(), [p.strip() for p in internal if p.strip()]


def _parts(report: Report) -> list[tuple[str, list[tuple[str, str]]]]:
    """The six parts in order: (part heading, [(sub-heading or "", text) | ("@t2", "") for a table]).
    A sub-section of 一 without text is left out (a bare sub-heading is not published); the six part
    headings always stand, a narrative part without any text with ``EMPTY_PART`` under it."""
    by_part: dict[str, list[tuple[str, str]]] = {"一": [], "五": [], "六": []}
    for sec in report.layout.text_sections:
        text = _published(report.texts.get(sec.key, ""))[0]
        sub = sec.heading if sec.part == "一" else ""
        if not text:
            continue
        by_part[sec.part].append((sub, text))
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for numeral, heading in PART_HEADINGS.items():
        if numeral in by_part:
            out.append((heading, by_part[numeral] or [("", EMPTY_PART)]))
        else:
            table = next(t for t in report.layout.tables if t.number == numeral)
            out.append((heading, [(f"@{table.key}", "")]))
    return out


def check_document(report: Report, file: str = "") -> list[Finding]:
    """What the rendered document leaves out or cannot fill: internal notes of 正文 (RENDER-INTERNAL-TEXT)
    and narrative parts without text (RENDER-EMPTY-PART), as warnings."""
    layout = report.layout
    out: list[Finding] = []
    filled: set[str] = set()
    first: dict[str, str] = {}  # part -> key of its first section (where a clerk types its text)
    for sec in layout.text_sections:
        first.setdefault(sec.part, sec.key)
        heading = sec.heading if sec.part != "一" else f"{PART_HEADINGS['一']}·{sec.heading}"
        text, internal = _published(report.texts.get(sec.key, ""))
        for p in internal:
            out.append(make("RENDER-INTERNAL-TEXT", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, sec.key),
                            row_label=sec.heading, heading=heading, text=p if len(p) <= 60 else p[:59] + "…"))
        if text:
            filled.add(sec.part)
    for part, key in first.items():
        if part not in filled:
            heading = PART_HEADINGS[part]
            out.append(make("RENDER-EMPTY-PART", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, key),
                            row_label=heading, heading=heading, placeholder=EMPTY_PART))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


# -- Markdown -----------------------------------------------------------------------------------


#: what Markdown (and the HTML it allows) would act on in a text: raw HTML (<script>), links and images
#: ([..](javascript:..)), emphasis, code, tables; each is written as a backslash escape, shown as typed
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|!~&])")
#: at the start of a line: a heading, a list, a quote or a rule
_MD_LINE_START_RE = re.compile(r"^(\s*\d*)([-+=.)])")


def _md_cell(text: str) -> str:
    """A table cell: layout labels and formatted numbers, where only the column bar matters."""
    return text.replace("|", "\\|")


def _md_text(text: str) -> str:
    """Text from a workbook (an office name, a paragraph) as Markdown that shows it as typed."""
    text = _MD_SPECIAL_RE.sub(r"\\\1", text)
    return _MD_LINE_START_RE.sub(r"\1\\\2", text)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


def _md_value_row(label: str, cells: Sequence[CellSpec], values: Mapping[str, Number]) -> str:
    """A pipe-table row: the label, then the printed value of each cell."""
    return _md_row([label, *(format_value(c, values[c.key]) for c in cells)])


def _row_cells(table: TableSpec, row: int) -> list[CellSpec]:
    """The data cells of grid row ``row``, left to right."""
    return sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)


def _md_table(table: TableSpec, report: Report) -> list[str]:
    """A table flattened into pipe tables: table 二 one per block, table 三 one row per official row,
    table 四 one row per block (行政复议 / 未经复议直接起诉 / 复议后起诉)."""
    values = report.values
    if table.key == "t2":
        return _md_table_two(table, values)
    if table.key == "t3":
        return _md_table_three(table, values)
    return _md_table_blocks(table, values)


def _md_table_two(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """Table 二: one pipe table per block, each under its caption (a label spanning every column)."""
    captions = sorted((lb for lb in table.labels if lb.col == 0 and lb.last_col == table.n_cols - 1),
                      key=lambda lb: lb.row)
    lines: list[str] = []
    for i, cap in enumerate(captions):
        end = captions[i + 1].row if i + 1 < len(captions) else table.n_rows
        lines += _md_table_two_block(table, values, cap.row, end, cap.text)
    return lines


def _md_table_two_block(table: TableSpec, values: Mapping[str, Number], caption_row: int, end: int,
                        caption: str) -> list[str]:
    """One block of table 二: its caption, its header row (the row below the caption) and its data rows,
    up to grid row ``end``."""
    header = sorted((lb for lb in table.labels if lb.row == caption_row + 1), key=lambda lb: lb.col)
    lines = [f"**{caption}**", "", _md_row([lb.text for lb in header]), _md_row(["---"] * len(header))]
    for r in range(caption_row + 2, end):
        label = next(lb.text for lb in table.labels if lb.row == r and lb.col == 0)
        lines.append(_md_value_row(label, _row_cells(table, r), values))
    lines.append("")
    return lines


def _md_table_three(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """Table 三: its note, the applicant columns spelled out, then one row per official row."""
    first_data = min(c.row for c in table.cells)
    col_specs = _row_cells(table, first_data)
    note = next(lb.text for lb in table.labels if lb.row == 0 and lb.col == 0)
    lines = [note, "", *_md_applicants(col_specs)]
    lines += [_md_row(["项目", *(c.col_label for c in col_specs)]), _md_row(["---"] * (1 + len(col_specs)))]
    for r in range(first_data, table.n_rows):
        cells = _row_cells(table, r)
        lines.append(_md_value_row(_md_three_label(cells[0], r == first_data + 2), cells, values))
    lines.append("")
    return lines


def _md_applicants(col_specs: Sequence[CellSpec]) -> list[str]:
    """The line naming table 三's applicant columns and the members of their group (none without a group)."""
    groups = {c.col_group for c in col_specs if c.col_group}
    if not groups:
        return []
    group = next(iter(groups))
    members = "、".join(c.col_label for c in col_specs if c.col_group == group)
    return [f"申请人情况：自然人；{group}（{members}）；总计。", ""]


def _md_three_label(spec: CellSpec, third_row: bool) -> str:
    """The label of a row of table 三: its group before it, except the "三、" group of the results, which is
    named once, on the third data row (``third_row``)."""
    label = spec.row_label
    if spec.row_group and spec.row_group != label and not spec.row_group.startswith("三、"):
        return f"{spec.row_group} {label}"
    if spec.row_group.startswith("三、") and third_row:
        return f"{spec.row_group} {label}"
    return label


def _md_table_blocks(table: TableSpec, values: Mapping[str, Number]) -> list[str]:
    """Table 四 and any other table of one data row in blocks of five: one row per block."""
    blocks: dict[str, list[CellSpec]] = {}
    for c in sorted(table.cells, key=lambda c: c.col):
        blocks.setdefault(c.row_label, []).append(c)
    first = next(iter(blocks.values()))
    lines = [_md_row(["类别", *(c.col_label for c in first)]), _md_row(["---"] * (1 + len(first)))]
    for name, cells in blocks.items():
        group = cells[0].row_group
        lines.append(_md_value_row(f"{group}·{name}" if group else name, cells, values))
    lines.append("")
    return lines


def render_markdown(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False) -> str:
    errors = _errors(report, findings, force)
    report = _clean(report)
    lines = [f"# {_md_text(report_title(report))}", ""]
    notes = _note_lines(errors)
    if notes:
        lines += [f"> **{_md_text(notes[0])}**", *(f">\n> {_md_text(n)}" for n in notes[1:]), ""]
    for heading, items in _parts(report):
        lines += [f"## {heading}", ""]
        for sub, text in items:
            if sub.startswith("@"):
                lines += _md_table(report.layout.table(sub[1:]), report)
                continue
            if sub:
                lines += [f"### {sub}", ""]
            for p in _paragraphs(text):
                lines += [_md_text(p), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: "仿宋", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.75;
       max-width: 60em; margin: 2em auto; color: #000; }
h1 { font-family: "宋体", "SimSun", serif; font-size: 22pt; text-align: center; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; }
h3 { font-family: "楷体", "KaiTi", serif; font-size: 16pt; font-weight: normal; }
p { text-indent: 2em; margin: 0; }
p.caption { text-indent: 0; font-weight: bold; }
.forced { border: 2px solid #c00; color: #c00; padding: 0.5em 1em; margin: 1em 0; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-family: "宋体", "SimSun", serif;
        font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.row { text-align: left; }
"""


def _html_table(table: TableSpec, report: Report) -> list[str]:
    out = [f'<table class="{table.key}">']
    for row in table_grid(table, report):
        tds = []
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.is_label:
                cls = ' class="row"' if table.key == "t3" and cell.row >= 3 and cell.col in (1, 2) else ""
                tds.append(f"<th{attrs}{cls}>{html.escape(cell.text)}</th>")
            else:
                tds.append(f'<td{attrs} data-key="{cell.key}">{html.escape(cell.text)}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


def render_html(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False) -> str:
    errors = _errors(report, findings, force)
    report = _clean(report)
    title = html.escape(report_title(report))
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{title}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{title}</h1>"]
    notes = _note_lines(errors)
    if notes:
        out.append('<div class="forced">' + "".join(f"<p>{html.escape(n)}</p>" for n in notes) + "</div>")
    for heading, items in _parts(report):
        out.append(f"<h2>{html.escape(heading)}</h2>")
        for sub, text in items:
            if sub.startswith("@"):
                out += _html_table(report.layout.table(sub[1:]), report)
                continue
            if sub:
                out.append(f"<h3>{html.escape(sub)}</h3>")
            out += [f"<p>{html.escape(p)}</p>" for p in _paragraphs(text)]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- Word ---------------------------------------------------------------------------------------

#: column widths (mm) of each table on an A4 page with 156 mm of text width
_WIDTHS_MM: dict[str, tuple[float, ...]] = {
    "t2": (46.0, 36.6, 36.7, 36.7),
    "t3": (9.0, 17.0, 46.0, *(12.0,) * 7),
    "t4": (10.4,) * 15,
}
_TABLE_PT = {"t2": 10.5, "t3": 9.0, "t4": 9.0}


def _set_run_font(run: Run, east_asian: str, size_pt: float | None = None, *, bold: bool = False) -> None:
    font = run.font
    font.name = FONT_LATIN
    if size_pt is not None:
        font.size = Pt(size_pt)
    font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:ascii"), FONT_LATIN)
    rfonts.set(qn("w:hAnsi"), FONT_LATIN)


def _page_number_footer(section: Section) -> None:
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def text_run(text: str) -> None:
        _set_run_font(p.add_run(text), FONT_TITLE, 14)

    text_run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        _set_run_font(run, FONT_TITLE, 14)
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif instr == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            run._element.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = instr
            run._element.append(t)
    text_run(" —")


def _forced_header(section: Section) -> None:
    """The warning of a forced document on every page (a printed page may travel alone)."""
    header = section.header
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(FORCED_HEADER)
    _set_run_font(run, FONT_HEADING, 12, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0, 0)


def _docx_table(doc: DocxDocument, table: TableSpec, report: Report) -> None:
    widths = _WIDTHS_MM.get(table.key) or tuple(156.0 / table.n_cols for _ in range(table.n_cols))
    size = _TABLE_PT.get(table.key, 9.0)
    t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for i, col in enumerate(t.columns):
        col.width = Mm(widths[i])
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i])
    header_rows = 3 if table.key in ("t3", "t4") else 0
    for r, row in enumerate(t.rows):
        row.height = Mm(6 if table.key == "t2" else 5.5)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if r < header_rows:
            hdr = OxmlElement("w:tblHeader")
            tr_pr.append(hdr)
    # the cells of the unmerged grid, fetched once (``Table.cell`` walks the whole table on every call);
    # merged blocks do not overlap, so each stays valid while the others are merged
    flat = t._cells
    grid = [flat[r * table.n_cols:(r + 1) * table.n_cols] for r in range(table.n_rows)]
    for grid_row in table_grid(table, report):
        for gc in grid_row:
            cell = grid[gc.row][gc.col]
            if gc.rowspan > 1 or gc.colspan > 1:
                cell = cell.merge(grid[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            left = table.key == "t3" and gc.is_label and gc.row >= 3 and gc.col in (1, 2)
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            pf = p.paragraph_format
            pf.space_before = pf.space_after = Pt(0)
            pf.line_spacing = 1.0
            pf.first_line_indent = Pt(0)
            # a small table stays on one page; a long one keeps its header with its first rows
            pf.keep_with_next = gc.row + gc.rowspan < table.n_rows if table.key != "t3" else gc.row < 5
            _set_run_font(p.add_run(gc.text), FONT_TABLE, size)


def render_docx(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False) -> bytes:
    errors = _errors(report, findings, force)
    report = _clean(report)
    doc = Document()
    props = doc.core_properties
    props.title = report_title(report)[:MAX_PROPERTY]
    props.author = (report.office or "nianbao")[:MAX_PROPERTY]
    props.comments = report.layout.name
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)

    normal = doc.styles["Normal"]
    normal.font.name = FONT_LATIN
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_BODY)

    def paragraph(text: str, font: str, size: float, *, indent: bool = False, heading: bool = False,
                  bold: bool = False, color: RGBColor | None = None) -> None:
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.keep_with_next = heading
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(28)
        pf.space_before = pf.space_after = Pt(0)
        if indent:
            pf.first_line_indent = Pt(size * 2)
        run = p.add_run(text)
        _set_run_font(run, font, size, bold=bold)
        if color is not None:
            run.font.color.rgb = color

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    _set_run_font(title.add_run(report_title(report)), FONT_TITLE, 22, bold=True)
    for i, note in enumerate(_note_lines(errors)):
        paragraph(note, FONT_HEADING if i == 0 else FONT_BODY, 14 if i == 0 else 10.5, bold=i == 0,
                  color=RGBColor(0xC0, 0, 0))
    for heading, items in _parts(report):
        paragraph(heading, FONT_HEADING, 16, indent=True, heading=True)
        for sub, text in items:
            if sub.startswith("@"):
                _docx_table(doc, report.layout.table(sub[1:]), report)
                continue
            if sub:
                paragraph(sub, FONT_SUBHEADING, 16, indent=True, heading=True)
            for p in _paragraphs(text):
                paragraph(p, FONT_BODY, 16, indent=True)
    _page_number_footer(section)
    if errors:
        _forced_header(section)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_report(report: Report, fmt: str, *, findings: Sequence[Finding] | None = None,
                  force: bool = False) -> bytes:
    """The report as a document of format ``fmt`` ("docx", "md" or "html"), as bytes (UTF-8 for text).

    ``findings`` are the report's findings (default: ``validate_report``); with error findings this raises
    ``RenderRefused`` unless ``force``, and a forced document carries a visible note listing the errors.
    """
    if fmt == "docx":
        return render_docx(report, findings=findings, force=force)
    if fmt == "md":
        return render_markdown(report, findings=findings, force=force).encode("utf-8")
    if fmt == "html":
        return render_html(report, findings=findings, force=force).encode("utf-8")
    raise ValueError(f"unknown document format {fmt!r}")
