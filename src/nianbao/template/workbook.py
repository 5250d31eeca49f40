"""``build_workbook``: the bytes of a locked template, from the layout (and optionally a report)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Collection, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.workbook

from nianbao.files import write_bytes_atomic
from nianbao.form.common import REPORT_NAME
from nianbao.form.model import Report
from nianbao.form.sheets import INFO_SHEET, LEVEL_OFFICE, LEVEL_SUMMARY
from nianbao.form.spec import LayoutSpec, Number
from nianbao.template.checks import overall_status, write_checks
from nianbao.template.guide import write_guide
from nianbao.template.sheets import identity_values, write_identity, write_info, write_table, write_texts
from nianbao.template.style import CREATED, make_formats
from nianbao.version import __version__


def build_workbook(
    layout: LayoutSpec,
    *,
    report: Report | None = None,
    office: str | None = None,
    category: str | None = None,
    county: str | None = None,
    year: int | None = None,
    level: str = LEVEL_OFFICE,
    included: tuple[str, ...] = (),
    input_formulas: Mapping[str, str] | None = None,
    blank_inputs: Collection[str] = (),
    with_errors: tuple[str, ...] = (),
    extend: Callable[[xlsxwriter.Workbook], None] | None = None,
) -> bytes:
    """The bytes of a template workbook for ``layout``.

    ``office``/``category``/``county`` personalise it (单位名称 and 所属县 filled and locked, so that a
    report cannot come back as another county's); ``report`` fills every input
    cell, 基本信息 and 正文 with that report's data (samples, benchmarks, summaries).
    ``input_formulas`` writes a formula (key -> "=...") instead of a number in some input cells, with the
    report's value as cached result (a summary's cells refer to its detail sheet); ``blank_inputs`` leaves
    those input cells empty instead of 0 (figures an imported page did not have: reading the workbook then
    says they were not filled in, rather than taking a 0 nobody wrote); ``extend`` adds
    sheets of its own after the standard ones (before the hidden identity sheet); ``with_errors`` (a
    summary) names the offices whose reports had errors when summed, so that a summary read back, and
    every summary made from it, still says so.
    """
    given = {"office": office, "category": category, "county": county, "year": None if year is None else str(year)}
    info = {**(report.info if report else {}), **{k: v for k, v in given.items() if v}}
    values: Mapping[str, Number] = report.values if report else layout.compute({})
    texts = dict(report.texts) if report else {}

    buf = io.BytesIO()
    # a summary's parts go through temporary files: its 明细 sheet (67 MB of XML for 10,000 offices) is
    # then never one string in memory, nor its encoded copy
    wb = _LockedWorkbook(buf, {"in_memory": level != LEVEL_SUMMARY, "strings_to_formulas": False,
                               "strings_to_numbers": False, "strings_to_urls": False})
    if level == LEVEL_SUMMARY:  # megabytes of XML for thousands of offices: deflated fast, a little larger
        wb.compresslevel = SUMMARY_COMPRESSLEVEL
    wb.set_properties({"title": REPORT_NAME, "subject": layout.name, "author": "nianbao",
                       "created": CREATED, "comments": f"nianbao {__version__}"})
    for key, value in identity_values(layout, level, included, with_errors).items():
        if len(value) <= 255:  # Excel's limit for a custom property; the identity sheet holds it all
            wb.set_custom_property(f"nianbao_{key}", value)
    f = make_formats(wb, fill_inputs=level == LEVEL_OFFICE)
    footer_office = info.get("office", "")

    write_guide(wb, f, layout, level, included)
    locked = {"office"} if office or level != LEVEL_OFFICE else set()
    write_info(wb, f, layout, info, locked=locked | ({"county"} if county else set()), footer_office=footer_office)
    for table in layout.tables:
        write_table(wb, f, layout, table, values, footer_office, input_formulas or {}, frozenset(blank_inputs),
                    overall_status(layout, values, info, texts))
    write_texts(wb, f, layout, texts, footer_office)
    write_checks(wb, f, layout, values, info, texts, footer_office)
    if extend is not None:
        extend(wb)
    write_identity(wb, f, layout, level, included, with_errors)
    wb.get_worksheet_by_name(INFO_SHEET).activate()
    wb.close()
    return _lock_structure(buf.getvalue())


def write_workbook(path: Path, layout: LayoutSpec, *, force: bool = True, **options: Any) -> Path:
    """Write ``build_workbook(layout, **options)`` to ``path`` atomically."""
    return write_bytes_atomic(Path(path), build_workbook(layout, **options), force=force)




_PROTECTION = b'<workbookProtection lockStructure="1"/>'

#: zlib's level for a summary's parts (zlib's default, 6, for a template): a summary of 10,000 offices
#: holds some 70 MB of XML, deflated at level 6 in about a second, at level 1 in a third of it
SUMMARY_COMPRESSLEVEL = 1
_LEVEL: ContextVar[int | None] = ContextVar("nianbao_xlsx_compresslevel", default=None)


class _LevelledZipFile(zipfile.ZipFile):
    """The zip XlsxWriter stores a workbook in, at the level of the workbook being stored (``_LEVEL``;
    XlsxWriter has no option for it): outside ``_LockedWorkbook._store_workbook``, zipfile's own default."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("compresslevel") is None:
            kwargs["compresslevel"] = _LEVEL.get()
        super().__init__(*args, **kwargs)


xlsxwriter.workbook.ZipFile = _LevelledZipFile  # the same ZipFile unless a level is set


class _LockedWorkbook(xlsxwriter.Workbook):
    """XlsxWriter's workbook with the workbook-structure protection (no adding, deleting or renaming
    sheets) written where Excel writes it, right after ``<workbookPr/>``: XlsxWriter has no option for it;
    its parts deflated at ``compresslevel`` (None: zlib's default)."""

    compresslevel: int | None = None

    def _write_workbook_pr(self) -> None:
        super()._write_workbook_pr()
        self._xml_empty_tag("workbookProtection", [("lockStructure", 1)])

    def _store_workbook(self) -> None:
        token = _LEVEL.set(self.compresslevel)
        try:
            super()._store_workbook()
        finally:
            _LEVEL.reset(token)


def _lock_structure(xlsx: bytes) -> bytes:
    """The workbook with its structure protected: as written (``_LockedWorkbook``), or, where this
    XlsxWriter did not write it, added by unzipping and zipping again."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    if _PROTECTION in src.read("xl/workbook.xml"):
        return xlsx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"(<workbookPr[^>]*/>)", lambda m: m.group(1) + _PROTECTION, data, count=1)
                assert _PROTECTION in data
            dst.writestr(item, data)
    return out.getvalue()
