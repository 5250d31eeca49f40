"""The workbook an office fills in, written from the layout data with XlsxWriter.

``build_workbook`` gives the bytes of a locked template (optionally personalised with an office name,
or filled with a ``Report``'s values, which is how samples and benchmarks are made). Totals are formulas
written with their computed value as cached result, so every reader sees the number at once.
``make_templates`` is ``nianbao template`` as a library call: it checks the options (refusing with a Chinese
message, ``TemplateRefused``) and writes one template, or one per roster office.
"""

from nianbao.form.sheets import info_cell
from nianbao.template import livechecks
from nianbao.template.checks import CHECK_HEADER, STATUS_BAD, STATUS_OK, check_rows, status_text
from nianbao.template.guide import GUIDE_HEAD, guide_lines, summary_guide_lines
from nianbao.template.jobs import (
    RELEASED,
    TemplateRefused,
    TemplateRun,
    default_year,
    make_templates,
    office_filename,
    safe_filename,
    template_layout,
    write_released_templates,
    write_roster_workbooks,
)
from nianbao.template.style import (
    BAD_FILL,
    BAD_FONT,
    FONT,
    INPUT_FILL,
    OK_FILL,
    OK_FONT,
    OK_TEXT,
    TOTAL_FILL,
    page_footer,
)
from nianbao.template.workbook import build_workbook, write_workbook

__all__ = [
    "BAD_FILL", "BAD_FONT", "CHECK_HEADER", "FONT", "GUIDE_HEAD", "INPUT_FILL", "OK_FILL", "OK_FONT", "OK_TEXT",
    "RELEASED", "STATUS_BAD", "STATUS_OK", "TOTAL_FILL", "TemplateRefused", "TemplateRun", "build_workbook",
    "check_rows", "default_year", "guide_lines", "info_cell", "livechecks", "make_templates", "office_filename",
    "page_footer", "safe_filename",
    "status_text", "summary_guide_lines", "template_layout", "write_released_templates", "write_roster_workbooks",
    "write_workbook",
]
