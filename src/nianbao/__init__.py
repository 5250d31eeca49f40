"""nianbao: the annual Government Information Disclosure report (政府信息公开工作年度报告).

Template, read and validate, merge. The official layout of each format version is data
(``nianbao.formats``); everything else derives from it.
"""

from nianbao.findings import CATALOGUE, Finding, Severity
from nianbao.formats import all_layouts, format_for_year, get_layout, layout_for_year
from nianbao.model import Report
from nianbao.rules import check_rules
from nianbao.spec import CellSpec, LayoutSpec, TableSpec

__version__ = "0.1.0"

__all__ = [
    "CATALOGUE",
    "CellSpec",
    "Finding",
    "LayoutSpec",
    "Report",
    "Severity",
    "TableSpec",
    "__version__",
    "all_layouts",
    "check_rules",
    "format_for_year",
    "get_layout",
    "layout_for_year",
]
