"""nianbao: the annual Government Information Disclosure report (政府信息公开工作年度报告).

Template, read and validate, merge, render and import. The official layout of each format version is
data (``nianbao.formats``); everything else derives from it.

The public API is listed in ``__all__``; the functions that need heavy libraries (openpyxl, pandas,
python-docx) are imported on first use, so that ``import nianbao`` and the command line start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from nianbao.findings import CATALOGUE, Finding, Severity
from nianbao.formats import all_layouts, format_for_year, get_layout, layout_for_year
from nianbao.model import Report
from nianbao.result import FileResult
from nianbao.rules import check_rules
from nianbao.spec import CellSpec, LayoutSpec, TableSpec

__version__ = "0.1.0"

#: name -> module, imported on first use
_LAZY = {
    "build_workbook": "nianbao.template",
    "write_workbook": "nianbao.template",
    "read_file": "nianbao.reader",
    "check_paths": "nianbao.reader",
    "validate_report": "nianbao.validate",
    "annotate_file": "nianbao.annotate",
    "merge_files": "nianbao.merge",
    "sum_reports": "nianbao.merge",
    "write_summary": "nianbao.summary",
    "render_report": "nianbao.render",
    "import_file": "nianbao.importer",
    "read_roster": "nianbao.roster",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'nianbao' has no attribute {name!r}")


__all__ = [
    "CATALOGUE",
    "CellSpec",
    "FileResult",
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
    *_LAZY,
]
