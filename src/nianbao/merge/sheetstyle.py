"""The summary workbook's look: its formats (``Styles``), the status colours, the print setup of a sheet,
a row's height for its wrapped texts."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_WARN
from nianbao.form.sheets import wrapped_lines
from nianbao.merge.outcome import STATUS_MISSING, STATUS_NOT_COUNTED, STATUS_OFF_ROSTER, SUBMITTED_STATUS, Status
from nianbao.template import FONT, page_footer

__all__ = ["FONT", "STATUS_FILLS", "Styles", "colour_statuses", "fit_row", "print_setup"]

STATUS_FILLS = {
    SUBMITTED_STATUS[STATUS_OK]: "#C6EFCE",
    SUBMITTED_STATUS[STATUS_WARN]: "#FFEB9C",
    SUBMITTED_STATUS[STATUS_ERROR]: "#FFC7CE",
    STATUS_MISSING: "#D9D9D9",
    STATUS_NOT_COUNTED: "#F8CBAD",
    STATUS_OFF_ROSTER: "#DDEBF7",
    Status.UNREADABLE: "#FFC7CE",
}


class Styles:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.line = wb.add_format({**base, "font_size": 11})
        self.warn = wb.add_format({**base, "font_size": 11, "bold": True, "font_color": "#9C0006"})
        self.header = wb.add_format({**cell, "bold": True, "align": "center", "text_wrap": True,
                                     "bg_color": "#D9E1F2"})
        self.text = wb.add_format({**cell, "align": "left"})
        self.wrap = wb.add_format({**cell, "align": "left", "text_wrap": True})
        self.count = wb.add_format({**cell, "align": "center", "num_format": "0"})
        self.amount = wb.add_format({**cell, "align": "center", "num_format": "0.00##"})
        self.total_label = wb.add_format({**cell, "bold": True, "align": "center", "bg_color": "#E7E6E6"})
        self.total = wb.add_format({**cell, "bold": True, "align": "center", "num_format": "0",
                                    "bg_color": "#E7E6E6"})
        self.total_amount = wb.add_format({**cell, "bold": True, "align": "center", "num_format": "0.00##",
                                           "bg_color": "#E7E6E6"})
        self.header_left = wb.add_format({**cell, "bold": True, "align": "left", "bg_color": "#D9E1F2"})
        self.fills = {status: wb.add_format({"bg_color": colour}) for status, colour in STATUS_FILLS.items()}


def colour_statuses(ws: Worksheet, styles: Styles, first: int, last: int, col: int) -> None:
    if last < first:
        return
    for status, fmt in styles.fills.items():
        ws.conditional_format(first, col, last, col, {"type": "cell", "criteria": "==", "value": f'"{status}"',
                                                      "format": fmt})


def print_setup(ws: Worksheet, *, header_row: int, area: tuple[int, int, int, int],
                 first_header_row: int | None = None, columns: tuple[int, int] | None = None,
                 scale: int | None = None) -> None:
    """A4 landscape, printing ``area`` (first row, first column, last row, last column), one page wide
    (or at ``scale`` per cent, over as many pages as it takes), the header rows repeated on every page
    (and ``columns`` at the left when given)."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_area(*area)
    if scale is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(scale)
    ws.repeat_rows(header_row if first_header_row is None else first_header_row, header_row)
    if columns is not None:
        ws.repeat_columns(*columns)
    ws.set_footer(page_footer("&A"))  # the sheet's name at the left


def fit_row(ws: Worksheet, row: int, texts: dict[int, str], widths: tuple[int, ...]) -> None:
    """Give ``row`` the height its wrapped texts need (column -> text)."""
    if all(2 * len(text) < int(widths[col]) and "\n" not in text for col, text in texts.items()):
        return  # each fits on one line even if every character is a wide one (most rows: no need to count)
    lines = max(wrapped_lines(text, widths[col]) for col, text in texts.items())
    if lines > 1:
        ws.set_row(row, 14.5 * lines)

