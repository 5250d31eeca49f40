"""The sheets an office fills in: 基本信息, the tables, 正文, and the hidden identity sheet."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from nianbao.form.common import AMOUNT_UNIT, OFFICE_CATEGORIES, OTHER_MATTERS_PART, PART_HEADINGS
from nianbao.form.registry import years
from nianbao.form.sheets import (
    CHECK_SHEET,
    FIRST_FIELD_ROW,
    ID_CELL_CHARS,
    ID_KEYS,
    ID_MAGIC,
    ID_SHEET,
    ID_WITH_ERRORS,
    INFO_SHEET,
    TEXT_SHEET,
    VALUE_COL,
    info_cell,
)
from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number, TableSpec, TextSectionSpec, to_a1
from nianbao.template.style import (
    Formats,
    abs_ref,
    display_width,
    fmt_value,
    formula_text,
    print_setup,
    printable,
    protect,
    sheet_ref,
    sum_formula,
)
from nianbao.version import __version__
from nianbao.wording import template as words


def identity_values(layout: LayoutSpec, level: str, included: tuple[str, ...],
              with_errors: tuple[str, ...] = ()) -> dict[str, str]:
    values = {
        "magic": ID_MAGIC,
        "format": layout.format,
        "variant": layout.variant,
        "template_version": layout.template_version,
        "nianbao_version": __version__,
        "level": level,
        "included": "\n".join(included),
    }
    assert tuple(values) == ID_KEYS
    if with_errors:  # only in summaries that summed reports with errors: templates stay as they are
        values[ID_WITH_ERRORS] = "\n".join(with_errors)
    return values




def write_info(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, info: Mapping[str, str],
                *, locked: Collection[str], footer_office: str) -> None:
    """基本信息: a row per field; the fields in ``locked`` that have a value are filled and locked."""
    ws = wb.add_worksheet(INFO_SHEET)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 46)
    ws.write_row(0, 0, words.INFO_COLUMNS, f.header)
    year_range = years(layout.format)
    for i, fld in enumerate(layout.info_fields):
        r = FIRST_FIELD_ROW + i
        label = fld.label + (words.REQUIRED_MARK if fld.required else "")
        ws.write_string(r, 0, label, f.label_left)
        lock = fld.key in locked and bool(info.get(fld.key))
        fmt = f.info_locked if lock else (f.info_year if fld.key == "year" else f.info_value)
        value = info.get(fld.key, "")
        if fld.key == "year" and value.isdigit():
            ws.write_number(r, VALUE_COL, int(value), fmt)
        else:
            ws.write_string(r, VALUE_COL, value, fmt)
        ws.write_string(r, 2, words.LOCKED_FROM_ROSTER if lock else fld.hint, f.label_left)
        if lock:
            continue
        if fld.choices:
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "list", "source": list(fld.choices), "input_title": fld.label,
                "input_message": words.CHOOSE_FROM_LIST, "error_type": "warning", "error_title": fld.label,
                "error_message": words.CHOOSE_ONE_OF.format(choices="、".join(OFFICE_CATEGORIES))})
        elif fld.key == "year":
            first, last = year_range
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "integer", "criteria": "between", "minimum": first, "maximum": last,
                "input_title": fld.label, "input_message": words.YEAR_PROMPT.format(first=first, last=last),
                "error_title": words.YEAR_ALERT_TITLE,
                "error_message": words.YEAR_ALERT.format(name=layout.name, first=first, last=last)})
        elif fld.key == "office":
            shortest, longest = 2, 60
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "length", "criteria": "between", "minimum": shortest, "maximum": longest,
                "input_title": fld.label, "input_message": words.OFFICE_PROMPT, "error_title": fld.label,
                "error_message": words.OFFICE_ALERT.format(minimum=shortest, maximum=longest)})
    ws.set_row(0, 22)
    for i in range(len(layout.info_fields)):
        ws.set_row(FIRST_FIELD_ROW + i, 24)
    protect(ws)
    print_setup(ws, landscape=False, footer_office=footer_office)


def _validation(spec: CellSpec) -> dict[str, Any]:
    where = spec.where
    if spec.kind is Kind.COUNT:
        return {"validate": "integer", "criteria": ">=", "value": 0, "input_title": words.COUNT_PROMPT_TITLE,
                "input_message": words.COUNT_PROMPT.format(where=where[:60]), "error_title": words.COUNT_ALERT_TITLE,
                "error_message": words.COUNT_ALERT}
    if spec.kind is Kind.SIGNED:
        return {"validate": "integer", "criteria": "between", "minimum": -10**9, "maximum": 10**9,
                "input_title": words.SIGNED_PROMPT_TITLE, "input_message": words.SIGNED_PROMPT.format(where=where[:60]),
                "error_title": words.SIGNED_ALERT_TITLE, "error_message": words.SIGNED_ALERT}
    # every amount of the form, the 2019 采购总金额 too (its label states no unit)
    unit = words.AMOUNT_UNIT_NOTE.format(unit=AMOUNT_UNIT)
    places = words.AT_MOST_DECIMALS.format(decimals=spec.decimals) if spec.decimals is not None else ""
    hint = "，".join(x for x in (unit, words.NOT_NEGATIVE, places) if x)
    alert = "，".join(x for x in (unit, places) if x)
    dv: dict[str, Any] = {"validate": "decimal", "criteria": ">=", "value": 0}
    if spec.decimals is not None:  # whole value checked by a formula (written by write_table)
        dv = {"validate": "custom", "value": ""}
    detail = words.AMOUNT_ALERT_DETAIL.format(detail=alert) if alert else ""
    return {**dv, "input_title": words.AMOUNT_PROMPT_TITLE, "input_message": hint,
            "error_title": words.AMOUNT_ALERT_TITLE, "error_message": words.AMOUNT_ALERT.format(detail=detail)}


def write_table(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, table: TableSpec,
                 values: Mapping[str, Number], office: str, input_formulas: Mapping[str, str],
                 blank: frozenset[str], status: str = "") -> None:
    ws = wb.add_worksheet(table.sheet)
    r0, c0 = table.origin
    last_col = c0 + table.n_cols - 1
    _write_table_heading(ws, f, layout, table, office)
    _write_labels(ws, f, table)
    rules = layout.defining_rule
    for spec in table.cells:
        value = values[spec.key]
        if spec.is_input:
            _write_input(ws, f, table, spec, value, input_formulas, blank)
        else:
            r, c = table.sheet_pos(spec.row, spec.col)
            formula = "=" + sum_formula(layout, rules[spec.key].addends, same_sheet=table.sheet)
            ws.write_formula(r, c, formula, f.total, fmt_value(value))
    if table.key != "t3":
        for i in range(table.n_rows):
            ws.set_row(r0 + i, 22)
    else:
        _size_t3_rows(ws, table)
        _write_status_cell(ws, f, table, status)
    protect(ws)
    print_setup(ws, landscape=table.landscape, footer_office=office, one_page=True)
    ws.print_area(0, c0, r0 + table.n_rows - 1, last_col)
    ws.repeat_rows(r0, r0 + (2 if table.key != "t2" else 0))


def _write_table_heading(ws: Worksheet, f: Formats, layout: LayoutSpec, table: TableSpec, office: str) -> None:
    """Column widths, the table's title and the 填报单位 line above it."""
    c0 = table.origin[1]
    for i, width in enumerate(table.col_widths):
        ws.set_column(c0 + i, c0 + i, width)
    last_col = c0 + table.n_cols - 1
    ws.merge_range(0, c0, 0, last_col, table.title, f.title)
    ws.set_row(0, 26)
    ws.merge_range(1, c0, 1, last_col, "", f.subtitle)
    office_ref = sheet_ref(INFO_SHEET, abs_ref(info_cell(layout, "office")))
    # the cached result names the office already: programs that do not recalculate on load show it too
    ws.write_formula(1, c0, "=" + formula_text(words.TABLE_OFFICE, office=office_ref), f.subtitle,
                     words.TABLE_OFFICE.format(office=printable(office)))


def _write_labels(ws: Worksheet, f: Formats, table: TableSpec) -> None:
    """The table's row and column labels, merged where they span several cells."""
    r0, c0 = table.origin
    for lb in table.labels:
        # table 三's row labels read left-aligned, except the group labels standing in column B alone
        leaf = table.key == "t3" and lb.col in (1, 2) and lb.row >= 3 and not (lb.col == 1 and lb.last_col == 1)
        fmt = f.label_left if leaf else f.label
        if lb.merged:
            ws.merge_range(r0 + lb.row, c0 + lb.col, r0 + lb.last_row, c0 + lb.last_col, lb.text, fmt)
        else:
            ws.write_string(r0 + lb.row, c0 + lb.col, lb.text, fmt)


def _input_format(f: Formats, spec: CellSpec) -> Format:
    return {Kind.COUNT: f.count, Kind.SIGNED: f.signed}.get(spec.kind) or f.amount[spec.decimals]


def _write_input(ws: Worksheet, f: Formats, table: TableSpec, spec: CellSpec, value: Number,
                 input_formulas: Mapping[str, str], blank: frozenset[str]) -> None:
    """One input cell: its number (or formula, or nothing), its format and its data validation."""
    r, c = table.sheet_pos(spec.row, spec.col)
    last = table.origin[1] + spec.last_col
    fmt = _input_format(f, spec)
    if spec.last_col != spec.col:
        ws.merge_range(r, c, r, last, "", fmt)
    if spec.key in input_formulas:
        ws.write_formula(r, c, input_formulas[spec.key], fmt, fmt_value(value))
    elif spec.key in blank:
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_number(r, c, fmt_value(value), fmt)
    ws.data_validation(r, c, r, last, _cell_validation(spec, r, c))


def _cell_validation(spec: CellSpec, r: int, c: int) -> dict[str, Any]:
    """``_validation(spec)`` for the cell at (r, c): a custom rule gets its formula over that cell."""
    dv = _validation(spec)
    if dv["validate"] == "custom":
        a1 = to_a1(r, c)
        # IF, not AND: AND evaluates ROUND on text too and gives #VALUE! instead of FALSE
        dv["value"] = f"=IF(ISNUMBER({a1}),AND({a1}>=0,ROUND({a1},{spec.decimals})={a1}))"
    return dv


def _size_t3_rows(ws: Worksheet, table: TableSpec) -> None:
    """Table 三's rows: taller where a row label is long enough to wrap."""
    r0 = table.origin[0]
    for i in range(table.n_rows):
        lb_len = max((len(lb.text) for lb in table.labels if lb.row == i and lb.col in (1, 2)), default=0)
        ws.set_row(r0 + i, 30 if lb_len > 20 else 18)


def _write_status_cell(ws: Worksheet, f: Formats, table: TableSpec, status: str) -> None:
    """The overall status of the live checks, next to the table (校验!B1 shown again)."""
    r0, c0 = table.origin
    status_col = c0 + table.n_cols - 1 + 2
    ws.set_column(status_col, status_col, 34)
    ws.write_string(r0, status_col, words.T3_STATUS_HEADING, f.header)
    ws.write_formula(r0 + 1, status_col, f"={sheet_ref(CHECK_SHEET, '$B$1')}", f.status, status)
    ws.set_row(r0 + 1, 48)


def write_texts(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, texts: Mapping[str, str],
                 footer_office: str) -> None:
    ws = wb.add_worksheet(TEXT_SHEET)
    width = 90
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, width)
    ws.write_row(0, 0, words.TEXT_COLUMNS, f.header)
    with_items = {s.part for s in layout.text_sections if s.is_sub}
    for i, sec in enumerate(layout.text_sections):
        r = FIRST_FIELD_ROW + i
        ws.write_string(r, 0, _text_label(sec, with_items), f.text_label)
        text = texts.get(sec.key, "")
        ws.write_string(r, VALUE_COL, text, f.text)
        lines = sum(-(-display_width(line) * 10 // (width * 11)) or 1 for line in text.splitlines())
        least = 60 if sec.is_sub and sec.part == OTHER_MATTERS_PART else 120  # 六's items: a sentence or "无。"
        ws.set_row(r, min(max(least, 15 * lines), 409))  # 409 points: the tallest row Excel allows
    protect(ws)
    print_setup(ws, landscape=False, footer_office=footer_office)



def _text_label(sec: TextSectionSpec, with_items: Collection[str]) -> str:
    """Column A of a 正文 row: a sub-item under its part's heading; a part's own text (with a hint when
    the part has sub-items). The reader finds each row by its heading within this label."""
    if sec.is_sub:
        return f"{PART_HEADINGS[sec.part]}\n{sec.heading}"
    return f"{sec.heading}\n{words.OWN_TEXT_HINT}" if sec.part in with_items else sec.heading


def write_identity(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, level: str,
                    included: tuple[str, ...], with_errors: tuple[str, ...] = ()) -> None:
    ws = wb.add_worksheet(ID_SHEET)
    for i, (key, value) in enumerate(identity_values(layout, level, included, with_errors).items()):
        ws.write_string(i, 0, key)
        # a cell holds at most 32,767 characters (XlsxWriter cuts longer strings silently): a long list
        # of offices continues in the cells to the right, split between lines
        for j, chunk in enumerate(_chunks(value, ID_CELL_CHARS)):
            ws.write_string(i, 1 + j, chunk)
    ws.very_hidden()
    protect(ws)


def _chunks(value: str, limit: int) -> list[str]:
    """``value`` cut into pieces of at most ``limit`` characters, between lines where it has lines."""
    out: list[str] = []
    current = ""
    for line in value.split("\n"):
        while len(line) > limit:  # one line longer than a cell (never for an office name)
            out.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            out.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    out.append(current)
    return out
