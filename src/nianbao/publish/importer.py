"""Importing reports that were already published: web-page text, HTML, Markdown and Word.

A source is first turned into *blocks* in document order: lines of text and table rows (lists of cell
texts). A walk over the blocks splits them into the parts of the report (title, narrative parts 一/五/六)
and the regions of tables 二, 三 and 四, whose rows become *segments*: the labels of a row and the
numbers that follow them. Only then are the format version (from the labels) and the Henan variant (from
the fee header) decided, and each table's segments matched against the official rows of that layout.
Everything that does not fit is a finding; printed totals go to ``Report.stated`` so that the same
validation as ``check`` compares them with the recomputed ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.check.narrative import opening_findings
from nianbao.check.validate import validate_report
from nianbao.files import NotRegularFile, plain_reason, read_regular
from nianbao.form.common import INFO_FIELDS, PART_HEADINGS
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.published import PHONE_IN_TEXT, signature_date
from nianbao.form.registry import carried_over, format_for_year, get_layout, latest, recognise, recognise_variant
from nianbao.form.result import FileResult
from nianbao.form.spec import LayoutSpec, TableSpec
from nianbao.publish.imports.blocks import Block, UnreadableSource
from nianbao.publish.imports.earlier import interpret_earlier, prints_alike, without_unchecked
from nianbao.publish.imports.narrative import office_from_text, structure_of, texts_of, year_from_text
from nianbao.publish.imports.pdf import NoTextLayer
from nianbao.publish.imports.rows import Builder
from nianbao.publish.imports.shape import is_one_row, table_parts, text_parts
from nianbao.publish.imports.sources import SOURCE_KINDS, read_blocks, source_kind
from nianbao.publish.imports.tables import interpret_one_row, interpret_rows, unread_table
from nianbao.publish.imports.tokens import canon
from nianbao.publish.imports.walk import Region, Walk, walk_blocks
from nianbao.wording import publish as words
from nianbao.wording import read as read_words

__all__ = [
    "SOURCE_KINDS",
    "Imported",
    "canon",
    "import_blocks",
    "import_file",
    "import_source",
    "import_to_workbooks",
    "published_files",
    "read_blocks",
    "skipped_files",
]

#: the files a folder given to ``nianbao import`` is searched for
PUBLISHED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")

#: how the findings name the 基本信息 fields the importer may take from the text (报告年度, 单位名称)
_INFO_LABELS = {f.key: f.label for f in INFO_FIELDS}

_SUPPORTED = "、".join((".txt", ".md", ".html", ".docx", ".pdf"))

_PHONE = re.compile(PHONE_IN_TEXT)

#: the largest published report read (a report's page or Word file is well under 10 MB)
MAX_IMPORT_BYTES = 64 * 1024 * 1024

# -- the entry points ---------------------------------------------------------------------------


def import_blocks(blocks: Sequence[Block], *, file: str = "", year: int | None = None,
                  office: str | None = None, source: str = "text") -> FileResult:
    """A ``FileResult`` (kind "published") from the blocks of a published report."""
    w = walk_blocks(blocks)
    findings: list[Finding] = []
    narrative = w.opening + [line for part in text_parts() for line in w.parts[part]]
    the_year = _year_of(w, year, narrative, file, findings)
    the_office = _office_of(w, office, narrative, file, findings)

    found = _tables_found(w)
    fmt = _detect_format(w, the_year)
    layout = fmt.layout
    extra: dict[str, Any] = {"source": source, "format": layout.format, "variant": layout.variant,
                             "tables_found": [words.TABLE_NAME.format(number=n) for n in found],
                             "opening": w.opening, "signature": w.signature}  # the text before 一, the 落款
    if not _looks_like_report(w):
        # neither a title nor the heading of a part: not an annual report at all, even with a table of
        # figures (a README's table of files), which would otherwise become a report of errors
        findings.append(make("IMPORT-NO-TABLES", file=file))
        return FileResult(path=file, report=None, findings=tuple(findings), kind="unreadable", extra=extra)
    # else an annual report whose tables are all missing (published as images): its text is imported,
    # and each table is reported missing below
    if fmt.guessed:
        findings.append(make("IMPORT-FORMAT-GUESS", file=file, name=layout.name))

    b = _interpret_tables(w, fmt, file)
    findings += b.findings
    texts = texts_of(w, layout)
    findings += _completeness(fmt, the_year, the_office, texts, file, w.headings)
    findings += structure_of(blocks, findings, file, titled=bool(w.title))

    info = {"office": the_office, "year": str(the_year) if the_year is not None else "",
            "date": signed_on(w.signature), "phone": phone_of(w.opening + w.signature + narrative[-3:])}
    report = Report(layout=layout, inputs=b.inputs, stated=b.stated, info=info, texts=texts)
    findings += without_unchecked(validate_report(report, file, unread=frozenset(b.unread)), layout, b.unread, file)
    findings += opening_findings(report, "\n".join(w.opening), file)  # the text before 一 is the office's too
    return FileResult(path=file, report=report, findings=tuple(findings), kind="published", extra=extra)


def signed_on(signature: Sequence[str]) -> str:
    """填报日期 from the 落款's date line (2022年1月20日, 二〇二二年一月二十日), as 2022-01-20; "" when the page
    has no 落款 with a date, or its date is no real day."""
    days = [d for d in (signature_date(canon(line)) for line in signature) if d is not None]
    return days[-1].isoformat() if days else ""


def phone_of(lines: Sequence[str]) -> str:
    """联系电话 as the report gives it (the opening's 请与…联系（电话：0396-6222222）, a 联系电话 line by the 落款):
    the first number found, "" when there is none."""
    for line in lines:
        m = _PHONE.search(canon(line))
        if m:
            return "".join(m.group(1).split())
    return ""


def _tables_found(w: Walk) -> list[str]:
    """The numbers of the tables the page has rows of."""
    return [n for n in table_parts() if n in w.regions and w.regions[n].segments]


def _looks_like_report(w: Walk) -> bool:
    """Whether the page has the title of an annual report or the heading of one of its parts."""
    return bool(w.title or w.headings)


def _year_of(w: Walk, year: int | None, narrative: Sequence[str], file: str, findings: list[Finding]) -> int | None:
    """The report's year: as given, else from the title, else the year its text names most (a finding)."""
    if year is not None:
        return year
    if w.year is not None:
        return w.year
    found = year_from_text(narrative)
    if found is not None:
        findings.append(make("IMPORT-FROM-TEXT", file=file, what=_INFO_LABELS["year"], actual=found))
    return found


def _office_of(w: Walk, office: str | None, narrative: Sequence[str], file: str, findings: list[Finding]) -> str:
    """The office: as given, else from the title, else the office its text names most (a finding)."""
    given = (office or "").strip() or w.office
    if given:
        return given
    found = office_from_text(narrative)
    if found:
        findings.append(make("IMPORT-FROM-TEXT", file=file, what=_INFO_LABELS["office"], actual=found))
    return found


@dataclass(frozen=True)
class _Format:
    """The format a page is read in: ``fmt`` from the words of table 三, else of the other tables, else from
    the year (``guessed``); ``own`` the format each table's own words show (by table key), if any;
    ``layout`` with the variant."""

    fmt: str
    own: dict[str, str | None]
    guessed: bool
    layout: LayoutSpec


def _region_text(region: Region | None) -> str | None:
    return None if region is None else "".join(region.text + region.headers)


def _detect_format(w: Walk, the_year: int | None) -> _Format:
    base = get_layout(latest())
    own: dict[str, str | None] = {}
    for table in base.tables:
        text = _region_text(w.regions.get(table.number))
        own[table.key] = None if text is None else recognise(table.key, text)
    first = base.cells[base.role_cell("new_total") or base.inputs[0].key].table  # 表三 tells best
    order = [first, *(t.key for t in base.tables if t.key != first)]
    fmt = next((own[k] for k in order if own.get(k)), None)
    guessed = fmt is None
    if fmt is None:
        fmt = format_for_year(the_year) if the_year is not None else latest()
    variant = recognise_variant(fmt, "".join(_region_text(r) or "" for r in w.regions.values()))
    return _Format(fmt, own, guessed, get_layout(fmt, variant))


def _interpret_tables(w: Walk, fmt: _Format, file: str) -> Builder:
    """Each table of the layout read from its region: the figures and the findings."""
    layout = fmt.layout
    b = Builder(layout, file)
    for table in layout.tables:
        region = w.regions.get(table.number)
        other = fmt.own.get(table.key)  # 表二 is where formats differ most, and reports mix them
        if other is not None and other != fmt.fmt and region is not None and not prints_alike(other, table):
            _interpret_other_format(b, table, region, other)
        elif region is None or not (region.segments or _shows_labels(table, region)):
            b.add("IMPORT-MISSING-TABLE", table)  # a heading at most: the table may be an image
            b.missing(table.cells)
        elif not region.segments:
            unread_table(b, table, region)
        elif is_one_row(table):
            interpret_one_row(b, table, region)
        else:
            interpret_rows(b, table, region)
    return b


def _shows_labels(table: TableSpec, region: Region) -> bool:
    """Whether a region without rows of numbers prints some of the table's own words (its header)."""
    text = "".join(region.text + region.headers)
    words = {canon(lb.text) for lb in table.labels} | {canon(c.row_label) for c in table.cells}
    return any(len(w) >= 2 and w in text for w in words)


def _interpret_other_format(b: Builder, table: TableSpec, region: Region, other: str) -> None:
    """A table printed in the layout of format ``other``: its figures carried over where the format
    declares how, else the table is reported as of another format and left blank."""
    same = carried_over(b.layout, other)
    if same:
        interpret_earlier(b, table, region, other, same)
    else:
        b.findings.append(make("IMPORT-MIXED-FORMAT", file=b.file, sheet=table.sheet,
                               other=get_layout(other).name, name=b.layout.name))
        b.missing(table.cells)


def _completeness(fmt: _Format, the_year: int | None, the_office: str, texts: dict[str, str],
                  file: str, headings: set[str]) -> list[Finding]:
    """What the report lacks or does not agree with: its year (or a year of another format), its office,
    and each narrative part without text whose heading is not there either (a heading printed without text
    under it is NARR-PART-EMPTY, by the structure rules)."""
    layout = fmt.layout
    out: list[Finding] = []
    if the_year is None:
        out.append(make("IMPORT-NO-YEAR", file=file))
    elif format_for_year(the_year) != fmt.fmt:
        out.append(make("IMPORT-FORMAT-YEAR", file=file, year=the_year, name=layout.name,
                        expected=get_layout(format_for_year(the_year)).name))
    if not the_office:
        out.append(make("IMPORT-NO-OFFICE", file=file))
    for sec_part in text_parts():
        heading = PART_HEADINGS[sec_part]
        keys = [s.key for s in layout.text_sections if s.part == sec_part]
        if not any(texts.get(k) for k in keys) and sec_part not in headings:
            out.append(make("IMPORT-MISSING-PART", file=file, heading=heading))
    return out


def import_source(data: bytes | str, kind: str, *, file: str = "", year: int | None = None,
                  office: str | None = None) -> FileResult:
    """Import a published report given as text/bytes of ``kind`` ("text", "markdown", "html", "docx", "pdf")."""
    try:
        blocks = read_blocks(data, kind)
        return import_blocks(blocks, file=file, year=year, office=office, source=kind)
    except NoTextLayer:
        finding = make("IMPORT-PDF-NO-TEXT", file=file)
        return FileResult(path=file, report=None, findings=(finding,), kind="unreadable", extra={"source": kind})
    except UnreadableSource as exc:
        return _unreadable(file, str(exc))
    except Exception as exc:  # the last guard: one bad file must not stop an import of many
        return _unreadable(file, words.READ_ERROR.format(reason=plain_reason(exc)))


def import_file(path: Path | str, *, year: int | None = None, office: str | None = None) -> FileResult:
    """Import one published report file (.txt, .md, .html, .docx, .pdf); never raises on bad input."""
    path = Path(path)
    if path.suffix and path.suffix.lower() not in (*PUBLISHED_SUFFIXES, ".doc"):  # .doc: its own advice
        return _unreadable(str(path), words.UNSUPPORTED_TYPE.format(suffix=path.suffix, supported=_SUPPORTED))
    try:
        data = read_regular(path, MAX_IMPORT_BYTES)  # a FIFO or a device is refused, never waited on
    except NotRegularFile as exc:
        return _unreadable(str(path), exc.reason)
    except OSError as exc:
        return _unreadable(str(path), plain_reason(exc))
    if len(data) > MAX_IMPORT_BYTES:
        return _unreadable(str(path), read_words.FILE_TOO_LARGE.format(mb=MAX_IMPORT_BYTES // (1024 * 1024)))
    try:
        kind = source_kind(path, data)
    except UnreadableSource as exc:
        return _unreadable(str(path), str(exc))
    return import_source(data, kind, file=str(path), year=year, office=office)


def _unreadable(file: str, reason: str) -> FileResult:
    finding = make("IMPORT-UNREADABLE", file=file, reason=reason)
    return FileResult(path=file, report=None, findings=(finding,), kind="unreadable")



def published_files(paths: Sequence[Path | str]) -> list[Path]:
    """``paths`` with each folder replaced by the published reports in it and its subfolders (by their
    suffix, in name order; hidden files and Word's ~$ lock files left out). Files are kept as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        out += [f for f in _folder_files(p) if f.suffix.lower() in PUBLISHED_SUFFIXES]
    return out


def skipped_files(paths: Sequence[Path | str]) -> list[tuple[Path, str]]:
    """The files of the folders in ``paths`` that ``published_files`` leaves out for their type, each with
    why (the import names each, so that a clerk knows it was not read)."""
    return [(f, words.UNSUPPORTED_TYPE.format(suffix=f.suffix or words.NO_SUFFIX, supported=_SUPPORTED))
            for p in map(Path, paths) if p.is_dir()
            for f in _folder_files(p) if f.suffix.lower() not in PUBLISHED_SUFFIXES]


def _folder_files(folder: Path) -> list[Path]:
    """The files in ``folder`` and its subfolders, in name order, without hidden files and Word's ~$ locks."""
    return sorted(f for f in folder.rglob("*") if not f.is_dir()
                  and not any(part.startswith((".", "~$")) for part in f.relative_to(folder).parts))


@dataclass(frozen=True)
class Imported:
    """One imported file: what was read, and the workbook written from it (``None`` if none)."""

    result: FileResult
    output: Path | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.result.to_dict(), "source": self.result.extra.get("source", ""),
                "output": str(self.output) if self.output else None}


def _printed_totals_noted(report: Report) -> Callable[[Any], None] | None:
    """Each total whose printed figure (``report.stated``) is not the sum of its items, as the page printed
    it (a number, not the formula), with a comment giving the sum: the workbook is the published report,
    so that ``check`` on it says what the import said (T4-TOTAL at that cell), and the clerk who corrects it
    sees both figures."""
    layout = report.layout
    wrong = [c.key for c in layout.totals if c.key in report.stated and report.stated[c.key] != report.values[c.key]]
    if not wrong:
        return None

    def note(wb: Any) -> None:
        from nianbao.template.style import make_formats

        total = make_formats(wb, fill_inputs=True).total
        for key in wrong:
            sheet, a1 = layout.a1(key)
            ws = wb.get_worksheet_by_name(sheet)
            ws.write_number(a1, report.stated[key], total)
            text = words.PRINTED_TOTAL_NOTE.format(printed=report.stated[key], summed=report.values[key])
            ws.write_comment(a1, text, {"x_scale": 2, "y_scale": 1.5})
    return note


def import_to_workbooks(paths: Sequence[Path | str], out_dir: Path | str, *, year: int | None = None,
                        office: str | None = None, force: bool = False) -> list[Imported]:
    """Import each published report and write a filled workbook of its format into ``out_dir``
    (named after the source file). A workbook already there is kept unless ``force``: then nothing is
    written and ``OutputExists`` names every such file; ``OSError`` when ``out_dir`` cannot be written."""
    from nianbao.files import OutputExists
    from nianbao.template import write_workbook

    out_dir = Path(out_dir)
    taken: set[str] = set()
    planned: list[tuple[FileResult, Path | None]] = []
    for p in paths:
        result = import_file(p, year=year, office=office)
        target: Path | None = None
        if result.report is not None:
            stem = Path(p).stem or "report"
            name = f"{stem}.xlsx"
            n = 2
            while name in taken:
                name = f"{stem}-{n}.xlsx"
                n += 1
            taken.add(name)
            target = out_dir / name
        planned.append((result, target))
    existing = [t for _r, t in planned if t is not None and t.exists()]
    if existing and not force:
        raise OutputExists("、".join(map(str, existing)))
    done: list[Imported] = []
    for result, target in planned:
        output: Path | None = None
        if result.report is not None and target is not None:
            report = result.report
            missing = [c.key for c in report.layout.inputs if c.key not in report.inputs]
            output = write_workbook(target, report.layout, report=report, blank_inputs=missing,
                                    extend=_printed_totals_noted(report))
        done.append(Imported(result, output))
    return done
