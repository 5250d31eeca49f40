"""The 填报说明 sheet: what the office reads before it fills the template in (and a summary's 汇总表说明)."""

from __future__ import annotations

import xlsxwriter

from nianbao.form.common import AMOUNT_UNIT
from nianbao.form.findings import rule_name
from nianbao.form.sheets import GUIDE_SHEET, LEVEL_OFFICE
from nianbao.form.spec import Kind, LayoutSpec
from nianbao.template.style import Formats, display_width, print_setup, protect
from nianbao.wording import template as words

GUIDE_HEAD = words.GUIDE_HEAD


def guide_lines(layout: LayoutSpec) -> list[str]:
    """The lines of the 填报说明 sheet under its heading; what it says about numbers follows the layout."""
    numbers = list(words.GUIDE_COUNTS)
    if any(c.kind is Kind.SIGNED for c in layout.inputs):
        labels = "、".join(dict.fromkeys(f"“{c.col_label}”" for c in layout.inputs if c.kind is Kind.SIGNED))
        numbers.append(words.GUIDE_SIGNED.format(labels=labels))
    for c in layout.inputs:
        if c.kind is Kind.AMOUNT:
            places = "，" + words.AT_MOST_DECIMALS.format(decimals=c.decimals) if c.decimals is not None else ""
            # the 2019 采购总金额's label states no unit
            unit = "" if AMOUNT_UNIT in c.col_label else words.GUIDE_AMOUNT_UNIT.format(unit=AMOUNT_UNIT)
            numbers.append(words.GUIDE_AMOUNT.format(label=c.col_label, unit=unit, decimals=places))
    return [
        words.GUIDE_FORMAT.format(name=layout.name, document=layout.document),
        "",
        *words.GUIDE_CELLS,
        "",
        words.GUIDE_NUMBERS_HEADING,
        *numbers,
        "",
        words.GUIDE_RULES_HEADING,
        *(words.GUIDE_RULE.format(rule=rule_name(code), meaning=meaning) for code, meaning in words.GUIDE_RULE_MEANINGS),
        *words.GUIDE_AFTER_RULES,
        "",
        *words.GUIDE_PARTIAL,
        "",
        *words.GUIDE_SUBMIT,
    ]


def summary_guide_lines(layout: LayoutSpec, included: tuple[str, ...]) -> list[str]:
    """The 填报说明 sheet of a summary: what it is and how to use it (an office's filling instructions
    would mislead here)."""
    rules = guide_lines(layout)
    start = rules.index(words.GUIDE_RULES_HEADING)
    end = rules.index("", start)
    return [
        words.GUIDE_FORMAT.format(name=layout.name, document=layout.document),
        "",
        words.SUMMARY_GUIDE_HEADING,
        words.SUMMARY_GUIDE_MADE.format(n_offices=len(included)),
        *words.SUMMARY_GUIDE_SHEETS,
        "",
        *words.SUMMARY_GUIDE_AGAIN,
        "",
        *rules[start:end],
    ]


def write_guide(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, level: str = LEVEL_OFFICE,
                 included: tuple[str, ...] = ()) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    width = 80
    ws.set_column(0, 0, width)
    ws.write_string(0, 0, GUIDE_HEAD if level == LEVEL_OFFICE else words.SUMMARY_GUIDE_HEAD, f.guide_head)
    ws.set_row(0, 24)
    lines = guide_lines(layout) if level == LEVEL_OFFICE else summary_guide_lines(layout, included)
    for i, line in enumerate(lines, start=1):
        ws.write_string(i, 0, line, f.guide)
        wrapped = -(-display_width(line) * 10 // (width * 11)) or 1  # about 1.1 half-width characters per unit
        ws.set_row(i, 16 * wrapped)
    protect(ws)
    print_setup(ws, landscape=False, footer_office="", one_page=True, center=False)
    ws.print_area(0, 0, len(lines), 0)
