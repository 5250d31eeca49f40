"""The workbook's look: fonts, fills, number formats, print setup, and cell references for formulas."""

from __future__ import annotations

import datetime as _dt
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from nianbao.form.common import REPORT_NAME
from nianbao.form.sheets import WORKBOOK_FONT
from nianbao.form.spec import LayoutSpec, Number, sum_ranges
from nianbao.wording import template as words

FONT = WORKBOOK_FONT
INPUT_FILL = "#FFF2CC"  # pale yellow: cells the office fills in
TOTAL_FILL = "#E7E6E6"  # grey: computed, locked
OK_FILL, BAD_FILL = "#C6EFCE", "#FFC7CE"
OK_FONT, BAD_FONT = "#006100", "#9C0006"
OK_TEXT = words.CHECK_PASSED
CREATED = _dt.datetime(2021, 9, 26)  # fixed, so that generating twice gives the same file


@dataclass
class Formats:
    title: Format
    subtitle: Format
    label: Format
    label_left: Format
    count: Format
    signed: Format
    amount: dict[int | None, Format]
    total: Format
    text: Format
    text_label: Format
    info_value: Format
    info_year: Format
    info_locked: Format
    guide: Format
    guide_head: Format
    header: Format
    plain: Format
    number: Format
    status: Format


class _ByDecimals(dict[int | None, Format]):
    """Amount formats by number of decimals: the usual ones made at once (in a fixed order, so that a
    template is the same file every time), any other a variant asks for made when first needed."""

    def __init__(self, make: Callable[[int | None], Format], usual: Sequence[int | None]) -> None:
        super().__init__((d, make(d)) for d in usual)
        self._make = make

    def __missing__(self, decimals: int | None) -> Format:
        self[decimals] = made = self._make(decimals)
        return made


def make_formats(wb: xlsxwriter.Workbook, *, fill_inputs: bool = True) -> Formats:
    """The formats of a workbook; ``fill_inputs=False`` (a summary, whose figures are formulas over its
    明细) prints the tables' figures plain and keeps them locked, as the official tables look."""
    base: dict[str, Any] = {"font_name": FONT, "font_size": 10}
    border = {**base, "border": 1, "valign": "vcenter", "text_wrap": True}
    inp = ({**border, "bg_color": INPUT_FILL, "locked": False, "align": "center"} if fill_inputs
           else {**border, "align": "center"})

    def amount(decimals: int | None) -> Format:
        num = "0.00##" if decimals is None else ("0." + "0" * decimals if decimals else "0")
        return wb.add_format({**inp, "num_format": num})

    return Formats(
        title=wb.add_format({**base, "font_size": 14, "bold": True, "align": "center", "valign": "vcenter"}),
        subtitle=wb.add_format({**base, "align": "left"}),
        label=wb.add_format({**border, "align": "center"}),
        label_left=wb.add_format({**border, "align": "left", "indent": 1}),
        count=wb.add_format({**inp, "num_format": "0"}),
        signed=wb.add_format({**inp, "num_format": "+0;-0;0"}),
        amount=_ByDecimals(amount, (None, 4)),
        total=wb.add_format({**border, "bg_color": TOTAL_FILL, "align": "center", "num_format": "0", "bold": True}),
        text=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "valign": "top", "align": "left",
                            "num_format": "@"}),
        text_label=wb.add_format({**border, "bold": True, "align": "left", "valign": "top"}),
        info_value=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "align": "left",
                                  "num_format": "@"}),
        info_year=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "align": "left"}),
        info_locked=wb.add_format({**border, "align": "left"}),
        guide=wb.add_format({**base, "font_size": 11, "text_wrap": True, "valign": "top"}),
        guide_head=wb.add_format({**base, "font_size": 14, "bold": True}),
        header=wb.add_format({**border, "bold": True, "align": "center", "bg_color": "#D9E1F2"}),
        plain=wb.add_format({**border, "align": "left"}),
        number=wb.add_format({**border, "align": "center"}),
        status=wb.add_format({**base, "bold": True, "font_size": 12, "text_wrap": True, "valign": "vcenter"}),
    )


def sheet_ref(sheet: str, a1: str) -> str:
    return f"'{sheet}'!{a1}"


def abs_ref(a1: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", a1)
    assert m
    return f"${m.group(1)}${m.group(2)}"


def fmt_value(v: Number) -> int | float:
    """A cached number for XlsxWriter (which writes floats); Decimal amounts keep their digits."""
    return int(v) if not isinstance(v, Decimal) else float(v)


def sum_formula(layout: LayoutSpec, keys: tuple[str, ...], *, same_sheet: str | None = None) -> str:
    """``SUM`` of data cells, compressed into ranges; sheet-qualified unless all on ``same_sheet``."""
    by_sheet: dict[str, list[tuple[int, int]]] = {}
    for k in keys:
        spec = layout.cells[k]
        t = layout.table(spec.table)
        by_sheet.setdefault(t.sheet, []).append(t.sheet_pos(spec.row, spec.col))
    parts = []
    for sheet, cells in by_sheet.items():
        for rng in sum_ranges(cells):
            parts.append(rng if sheet == same_sheet else sheet_ref(sheet, rng))
    return "SUM(" + ",".join(parts) + ")"


def cell_ref(layout: LayoutSpec, key: str) -> str:
    sheet, a1 = layout.a1(key)
    return sheet_ref(sheet, a1)


def formula_text(text: str, **exprs: str) -> str:
    """A ``str.format`` template of the wording catalogue as a formula's text: its literal parts quoted, each
    field the expression given for it, joined by ``&`` ("填报单位：{office}" -> ``"填报单位："&B2``)."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(text):
        if literal:
            parts.append('"' + literal.replace('"', '""') + '"')
        if field is not None:
            parts.append(exprs[field])
    return "&".join(parts)



def protect(ws: Worksheet) -> None:
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
                    "format_rows": True})


def print_setup(ws: Worksheet, *, landscape: bool, footer_office: str, one_page: bool = False,
                 center: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    if center:
        ws.center_horizontally()
    ws.set_footer(page_footer(printable(footer_office).replace("&", "&&") if footer_office else REPORT_NAME))


def page_footer(left: str) -> str:
    """A sheet's page footer, in the workbook's font at 9 pt: ``left`` (a text, its & doubled, or a code such
    as &A, the sheet's name) at the left, the page numbers in the centre. The summary workbook's too."""
    return f"&L&\"{FONT}\"&9{left}&C&\"{FONT}\"&9{words.FOOTER_PAGES}"


def printable(text: str) -> str:
    """``text`` without control characters (a name pasted from Word may hold a vertical tab): xlsxwriter
    writes them raw into a footer or a formula's cached result, which makes the XML invalid."""
    return "".join(ch for ch in text if ch >= " " and ch != "\x7f")


def display_width(text: str) -> int:
    """Width of ``text`` in Excel column units (a CJK character is two)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)
