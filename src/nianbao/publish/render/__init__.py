"""The published annual report, rendered from a ``Report``: .docx (laid out as GB/T 9704-2012), .html and .md.

``content`` says what the document holds (the title, the six parts, the tables' grids), ``word``,
``page`` and ``markdown`` write it. A report with error findings is rendered only when forced, and then
carries a visible note. ``check_document`` names what the document leaves out, as warnings.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.form.findings import Finding
from nianbao.form.model import Report
from nianbao.publish.render.content import (
    Block,
    GridCell,
    RenderRefused,
    body_blocks,
    check_document,
    cleaned,
    date_text,
    errors_of,
    format_value,
    note_lines,
    report_title,
    signed_on,
    table_grid,
    title_lines,
)
from nianbao.publish.render.markdown import markdown_lines
from nianbao.publish.render.page import html_lines
from nianbao.publish.render.pdf import PdfUnavailable, docx_to_pdf
from nianbao.publish.render.word import COMMON_FONTS, GB_FONTS, FontSet, docx_bytes

__all__ = [
    "COMMON_FONTS",
    "FORMATS",
    "GB_FONTS",
    "FontSet",
    "GridCell",
    "Parts",
    "PdfUnavailable",
    "RenderRefused",
    "check_document",
    "date_text",
    "format_value",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_report",
    "report_title",
    "signed_on",
    "table_grid",
    "title_lines",
]

FORMATS = ("docx", "md", "html", "pdf")
#: the longest a Word document property may be (python-docx refuses a longer title or author)
MAX_PROPERTY = 255


@dataclass(frozen=True)
class Parts:
    """The optional parts of a document: the opening paragraph and the 落款 (both printed unless turned
    off); a summary published as the 本级政府's report (``government``), or as the area's summary with the
    roster it was asked of (``expected``); the organ that signs the 落款 (``organ``; by default an office's
    report its office, a summary its area's 人民政府办公室, or 人民政府 as the 本级政府's report), which a
    summary's opening also names as the office to ask; the 落款's date (``date``; by default 基本信息's 填报日期)."""

    opening: bool = True
    signature: bool = True
    government: bool = False
    expected: tuple[str, ...] | None = None
    organ: str | None = None
    date: _dt.date | None = None

    def blocks(self, report: Report) -> list[Block]:
        return body_blocks(report, opening=self.opening, signature=self.signature, government=self.government,
                           expected=self.expected, organ=self.organ, date=self.date)

    def check(self, report: Report, file: str = "") -> list[Finding]:
        """What the document rendered with these parts leaves out (``check_document``)."""
        return check_document(report, file, signature=self.signature, organ=self.organ, government=self.government,
                              date=self.date)


def render_markdown(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False,
                    parts: Parts = Parts()) -> str:
    errors = errors_of(report, findings, force)
    report = cleaned(report)
    lines = markdown_lines(report_title(report, parts.government), note_lines(errors), parts.blocks(report), report)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_html(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False,
                parts: Parts = Parts()) -> str:
    errors = errors_of(report, findings, force)
    report = cleaned(report)
    title = report_title(report, parts.government)
    return "\n".join(html_lines(title, note_lines(errors), parts.blocks(report), report)) + "\n"


def render_docx(report: Report, *, findings: Sequence[Finding] | None = None, force: bool = False,
                fonts: FontSet = GB_FONTS, parts: Parts = Parts()) -> bytes:
    errors = errors_of(report, findings, force)
    report = cleaned(report)
    title = report_title(report, parts.government)
    properties = {"title": title[:MAX_PROPERTY], "author": (report.office or "nianbao")[:MAX_PROPERTY],
                  "comments": report.layout.name}
    return docx_bytes(title_lines(report, government=parts.government), note_lines(errors), parts.blocks(report),
                      report, fonts=fonts, forced=bool(errors), properties=properties)


def render_report(report: Report, fmt: str, *, findings: Sequence[Finding] | None = None,
                  force: bool = False, fonts: FontSet = GB_FONTS, parts: Parts = Parts()) -> bytes:
    """The report as a document of format ``fmt`` ("docx", "md", "html" or "pdf"), as bytes (UTF-8 for text).

    ``findings`` are the report's findings (default: ``validate_report``); with error findings this raises
    ``RenderRefused`` unless ``force``, and a forced document carries a visible note listing the errors.
    ``fonts``: the .docx's fonts (``GB_FONTS``, the 公文 fonts; ``COMMON_FONTS``, those every Chinese Windows has).
    ``parts``: the optional parts (the opening paragraph, the 落款, how a summary is titled and what it covers).
    """
    if fmt == "docx":
        return render_docx(report, findings=findings, force=force, fonts=fonts, parts=parts)
    if fmt == "pdf":  # the .docx printed by LibreOffice; PdfUnavailable where it is not installed
        return docx_to_pdf(render_docx(report, findings=findings, force=force, fonts=fonts, parts=parts))
    if fmt == "md":
        return render_markdown(report, findings=findings, force=force, parts=parts).encode("utf-8")
    if fmt == "html":
        return render_html(report, findings=findings, force=force, parts=parts).encode("utf-8")
    raise ValueError(f"unknown document format {fmt!r}")
