"""nianbao: the annual Government Information Disclosure report (政府信息公开工作年度报告).

Template, read and validate, merge, render and import. The official layout of each format version is
data (``nianbao.form.registry``); everything else derives from it.

The public API is listed in ``__all__``; the functions that need heavy libraries (openpyxl, pandas,
python-docx) are imported on first use, so that ``import nianbao`` and the command line start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from nianbao.version import __version__

if TYPE_CHECKING:
    from nianbao.form.findings import CATALOGUE, Finding, Severity
    from nianbao.form.model import Report
    from nianbao.form.registry import all_layouts, format_for_year, get_layout, layout_for_year
    from nianbao.form.result import FileResult
    from nianbao.form.spec import CellSpec, LayoutSpec, TableSpec

#: name -> (module, attribute), imported on first use (even the form's: ``nianbao --help`` needs none of it)
_LAZY = {
    "CATALOGUE": ("nianbao.form.findings", "CATALOGUE"),
    "Finding": ("nianbao.form.findings", "Finding"),
    "Severity": ("nianbao.form.findings", "Severity"),
    "Report": ("nianbao.form.model", "Report"),
    "all_layouts": ("nianbao.form.registry", "all_layouts"),
    "format_for_year": ("nianbao.form.registry", "format_for_year"),
    "get_layout": ("nianbao.form.registry", "get_layout"),
    "layout_for_year": ("nianbao.form.registry", "layout_for_year"),
    "FileResult": ("nianbao.form.result", "FileResult"),
    "CellSpec": ("nianbao.form.spec", "CellSpec"),
    "LayoutSpec": ("nianbao.form.spec", "LayoutSpec"),
    "TableSpec": ("nianbao.form.spec", "TableSpec"),
    "build_workbook": ("nianbao.template", "build_workbook"),
    "write_workbook": ("nianbao.template", "write_workbook"),
    "check_file": ("nianbao.check.checkfile", "check_file"),
    "read_file": ("nianbao.check.checkfile", "check_file"),  # the name of earlier releases
    "read_workbook": ("nianbao.read.reader", "read_workbook"),
    "check_paths": ("nianbao.check.checkfile", "check_paths"),
    "validate_report": ("nianbao.check.validate", "validate_report"),
    "annotate_file": ("nianbao.check.annotate", "annotate_file"),
    "merge_files": ("nianbao.merge.core", "merge_files"),
    "sum_reports": ("nianbao.merge.sums", "sum_reports"),
    "write_summary": ("nianbao.merge.summary", "write_summary"),
    "render_report": ("nianbao.publish.render", "render_report"),
    "import_file": ("nianbao.publish.importer", "import_file"),
    "read_roster": ("nianbao.read.roster", "read_roster"),
    "check_rules": ("nianbao.check.rules", "check_rules"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
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
    "annotate_file",
    "build_workbook",
    "check_file",
    "check_paths",
    "check_rules",
    "format_for_year",
    "get_layout",
    "import_file",
    "layout_for_year",
    "merge_files",
    "read_file",
    "read_roster",
    "read_workbook",
    "render_report",
    "sum_reports",
    "validate_report",
    "write_summary",
    "write_workbook",
]
