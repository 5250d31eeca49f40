"""What a published report says, before it is a .docx, .html or .md: its title, the six parts in order,
the official tables' grids, the notes of a forced document and the warnings about the document.

The six parts of the official structure (FORMAT.md), the title "{单位名称}{年度}年政府信息公开工作年度报告",
and the three tables with the official rows, columns and merged header cells, derived from the layout data
(``TableSpec.labels``; no table or cell is named by its key). Numbers are always ``Report.values``
(recomputed), never a cached total. Text a tool left in 正文 for its own users (the note of a summary) is not
published; a narrative part without text keeps its heading, with ``EMPTY_PART`` under it.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from nianbao.check.dates import parse_date
from nianbao.check.validate import validate_report
from nianbao.form.common import PART_HEADINGS
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.organs import GOVERNMENT, general_office_of, government_of
from nianbao.form.published import (
    FIRST_SUB_HEADING,
    OFFICIAL_SUB_PARTS,
    ORGAN_BREAK,
    OWN_SUB_HEADING,
    OWN_SUB_NUMERAL,
    TITLE_SUFFIX,
)
from nianbao.form.sheets import (
    DRAFT_MARK,
    INFO_SHEET,
    LEVEL_SUMMARY,
    TEXT_SHEET,
    area_word,
    info_cell,
    info_label,
    split_entry,
    text_cell,
)
from nianbao.form.spec import CellSpec, Kind, LabelSpec, Number, TableSpec
from nianbao.read.roster import normalise_name
from nianbao.wording import publish as words

MAX_LISTED = 10
#: printed under a part heading (一, 五, 六) that has no text (the importer skips this line)
EMPTY_PART = words.EMPTY_PART
#: text a tool wrote into 正文 for its own users, not for the public: the note ``merge`` gives a summary, and
#: the first line of a draft (``DRAFT_MARK``)
_INTERNAL_RE = re.compile(words.INTERNAL_TEXT + "|^" + re.escape(DRAFT_MARK))

#: characters no document may hold: C0 and C1 controls but tab and newline, DEL, the XML non-characters and
#: lone surrogates (python-docx refuses them; a terminal or a browser would act on some)
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


class RenderRefused(Exception):
    """The report has error findings and rendering was not forced."""

    def __init__(self, errors: Sequence[Finding]) -> None:
        super().__init__(f"{len(errors)} error finding(s)")
        self.errors = tuple(errors)


# -- the table grid, from the layout data ---------------------------------------------------------


@dataclass(frozen=True)
class GridCell:
    """One (possibly merged) cell of an official table, as rendered."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    key: str | None = None  # data cell key; None for a label

    @property
    def is_label(self) -> bool:
        return self.key is None


def format_value(spec: CellSpec, value: Number) -> str:
    """A number as printed in the report: counts plain, signed with +, amounts with their decimals."""
    if spec.kind is Kind.AMOUNT:
        d = Decimal(value)
        if spec.decimals is not None:
            return f"{d:.{spec.decimals}f}"
        return format(d.normalize(), "f") if d != 0 else "0"
    n = int(value) if value == int(value) else value
    if spec.kind is Kind.SIGNED and isinstance(n, int) and n > 0:
        return f"+{n}"
    return str(n)


def table_grid(table: TableSpec, report: Report) -> list[list[GridCell]]:
    """Per grid row, the cells that start in it (merged labels and values), left to right."""
    values = report.values
    starts: dict[tuple[int, int], GridCell] = {}
    covered: set[tuple[int, int]] = set()
    for lb in table.labels:
        starts[(lb.row, lb.col)] = GridCell(lb.row, lb.col, lb.last_row - lb.row + 1, lb.last_col - lb.col + 1,
                                            lb.text)
        covered.update((r, c) for r in range(lb.row, lb.last_row + 1) for c in range(lb.col, lb.last_col + 1))
    for spec in table.cells:
        starts[(spec.row, spec.col)] = GridCell(spec.row, spec.col, 1, spec.last_col - spec.col + 1,
                                                format_value(spec, values[spec.key]), spec.key)
        covered.update((spec.row, c) for c in range(spec.col, spec.last_col + 1))
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if (r, c) not in covered:  # not expected in an official layout; render an empty cell
                starts[(r, c)] = GridCell(r, c, 1, 1, "")
    rows: list[list[GridCell]] = [[] for _ in range(table.n_rows)]
    for (r, _c), cell in sorted(starts.items()):
        rows[r].append(cell)
    return rows


# -- the shape of a table, read from its declaration ------------------------------------------------


def captions(table: TableSpec) -> list[LabelSpec]:
    """The block captions of a table (labels spanning every column: 表二's 第二十条第（一）项 …), top down."""
    return sorted((lb for lb in table.labels if lb.col == 0 and lb.last_col == table.n_cols - 1
                   and lb.last_row == lb.row), key=lambda lb: lb.row)


def header_rows(table: TableSpec) -> int:
    """How many rows at the top are the column headers of the whole table (repeated on a new page):
    the rows above the first data row; 0 for a table in captioned blocks, whose headers are per block."""
    if captions(table):
        return 0
    return min(c.row for c in table.cells)


def data_col(table: TableSpec) -> int:
    """The first grid column holding data (the columns before it are row labels)."""
    return min(c.col for c in table.cells)


def is_row_label(table: TableSpec, cell: GridCell) -> bool:
    """A label naming a row below the headers, not in the first column (表三's （一）予以公开, 1.属于国家秘密):
    left-aligned, as in the official table."""
    return cell.is_label and cell.row >= header_rows(table) > 0 and 0 < cell.col < data_col(table)


def row_cells(table: TableSpec, row: int) -> list[CellSpec]:
    """The data cells of grid row ``row``, left to right."""
    return sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)


# -- the title -------------------------------------------------------------------------------------

#: characters of 2号 (22 pt) on a line of the 156 mm text block (GB/T 9704): 442 pt / 22 pt is 20.1, but a line
#: 20 wide (its digits counted as half) is wrapped again by LibreOffice, so 19
TITLE_LINE_CHARS = 19
_ORGAN_BREAK_RE = re.compile(ORGAN_BREAK)


def is_area_summary(report: Report, government: bool = False) -> bool:
    """Whether the document is a summary of the area's offices (全县汇总), not an office's or the 本级政府's."""
    return report.level == LEVEL_SUMMARY and not government


def title_parts(report: Report, government: bool = False) -> tuple[str, str, str]:
    """(organ, year, rest) of the title: "柏城街道办事处", "2023年", "政府信息公开工作年度报告"; a summary
    "乙县", "2023年", "政府信息公开工作年度报告（全县汇总）"; as the 本级政府's report "乙县人民政府"."""
    organ = printable(report.office)
    year = words.TITLE_YEAR.format(year=report.year) if report.year else ""
    if report.level == LEVEL_SUMMARY and government and organ and not organ.endswith(GOVERNMENT):
        organ += GOVERNMENT
    rest = TITLE_SUFFIX + (words.AREA_SUMMARY.format(area=area_word(organ)) if is_area_summary(report, government) else "")
    return organ, year, rest


def report_title(report: Report, government: bool = False) -> str:
    return "".join(title_parts(report, government))


def text_width(text: str) -> float:
    """The width of ``text`` in full-width characters (a Latin letter or a digit takes half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(report: Report, line_chars: float = TITLE_LINE_CHARS, government: bool = False) -> list[str]:
    """The title as printed on the page: one line when it fits, else as few lines as fit, broken between
    words only: after the year ("柏城街道办事处2023年" / "政府信息公开工作年度报告") or after the organ's name,
    never inside 年度报告; an organ too long for a line breaks between the words of its name
    (``ORGAN_BREAK``: "内蒙古自治区鄂尔多斯市" / "伊金霍洛旗人民政府办公室2023年" / …), and a summary's （全县汇总）
    may go on a line of its own. Of the splits with the fewest lines, those keeping the organ's name whole
    come first, then the most even."""
    office, year, rest = title_parts(report, government)
    whole = f"{office}{year}{rest}"
    if text_width(whole) <= line_chars or not office:
        return [whole]
    tail = rest.removeprefix(TITLE_SUFFIX)
    pieces = [*_organ_words(office), year, TITLE_SUFFIX, *([tail] if tail else [])]
    pieces = [p for p in pieces if p]
    # the breaks a split may use: each between two pieces; one before （全县汇总） costs 1, one inside the
    # organ's name 2 (the last resort); a line of the year alone is no line
    cost = {**dict.fromkeys(range(1, len(_organ_words(office))), 2), **({len(pieces) - 1: 1} if tail else {})}
    return _best_split(pieces, cost, line_chars, year) or [office, f"{year}{rest}"]


def _best_split(pieces: Sequence[str], cost: dict[int, int], line_chars: float, year: str) -> list[str] | None:
    """The lines of the split of ``pieces`` with the fewest lines that fit, then the least ``cost`` of its
    breaks, then the most even; None when no split fits (a word longer than a line: Word will wrap it)."""
    for n in range(1, len(pieces)):
        scored = []
        for cuts in itertools.combinations(range(1, len(pieces)), n):
            lines = ["".join(pieces[a:b]) for a, b in zip((0, *cuts), (*cuts, len(pieces)), strict=True)]
            widths = [text_width(line) for line in lines]
            if max(widths) <= line_chars and year not in lines:
                scored.append(((sum(cost.get(c, 0) for c in cuts), max(widths) - min(widths)), lines))
        if scored:
            return min(scored, key=lambda s: s[0])[1]
    return None


def _organ_words(office: str) -> list[str]:
    """The organ's name cut where it may break over lines (``ORGAN_BREAK``)."""
    ends = sorted({m.end() for m in _ORGAN_BREAK_RE.finditer(office) if 0 < m.end() < len(office)})
    return [office[a:b] for a, b in zip((0, *ends), (*ends, len(office)), strict=True)]


# -- the text ------------------------------------------------------------------------------------------


def printable(text: str) -> str:
    """``text`` without control characters (an office name pasted from a terminal or a web page)."""
    return _CONTROL_RE.sub("", text)


def cleaned(report: Report) -> Report:
    """The report with every text a document shows free of control characters."""
    return replace(report, info={k: printable(v) for k, v in report.info.items()},
                   texts={k: printable(v) for k, v in report.texts.items()})


def errors_of(report: Report, findings: Sequence[Finding] | None, force: bool) -> list[Finding]:
    """The report's error findings; ``RenderRefused`` when there are any and rendering is not forced."""
    found = list(findings) if findings is not None else validate_report(report)
    errors = [f for f in found if f.is_error]
    if errors and not force:
        raise RenderRefused(errors)
    return errors


def note_lines(errors: Sequence[Finding]) -> list[str]:
    """The note at the top of a forced document: what it is, then the errors (at most ``MAX_LISTED``)."""
    if not errors:
        return []
    lines = [words.FORCED_NOTE.format(n=len(errors))]
    lines += [f"{f.code}：{f.message}" for f in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(words.MORE_ERRORS.format(n=len(errors) - MAX_LISTED))
    return lines


def published(text: str) -> tuple[str, list[str]]:
    """``text`` without its internal paragraphs (``_INTERNAL_RE``), and those paragraphs."""
    kept: list[str] = []
    internal: list[str] = []
    for p in text.splitlines():
        (internal if _INTERNAL_RE.search(p) else kept).append(p)
    return "\n".join(kept).strip(), [p.strip() for p in internal if p.strip()]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


# -- the document, as blocks -------------------------------------------------------------------------


class BlockKind(StrEnum):
    OPENING = "opening"  # the paragraph before 一: 依据《条例》…, the six parts, the period, where to ask
    PART = "part"  # 一级标题: 一、总体情况
    SUB = "sub"  # 二级标题: （一）主动公开
    PARA = "para"  # a paragraph of text
    EMPTY = "empty"  # EMPTY_PART under a part without text
    TABLE = "table"  # an official table
    SIGNATURE = "signature"  # 落款: the organ, then the date, on the right


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    table: TableSpec | None = None


_OWN_SUB_RE = re.compile(OWN_SUB_HEADING)
_OWN_NUMERAL_RE = re.compile(OWN_SUB_NUMERAL)
#: the first sub-item's heading, the one whose text may begin with its part's own opening paragraph
_FIRST_SUB_RE = re.compile(FIRST_SUB_HEADING)


def opening_text(report: Report, organ: str | None = None) -> str:
    """The opening paragraph: what the report follows, its six parts, the statistics period and where to
    ask (``asking_office``, with its phone from 基本信息 when it has one); "" without a report year."""
    if report.year is None:
        return ""
    text = words.OPENING.format(document=report.layout.document, year=report.year)
    office = asking_office(report, organ)
    if office:
        phone = report.info.get("phone", "").strip()
        text += words.ASK.format(office=office, phone=words.ASK_PHONE.format(phone=phone) if phone else "")
    return text


def asking_office(report: Report, organ: str | None = None) -> str | None:
    """Whom the opening tells a reader to ask: an office's report its office; a summary the organ of its 落款
    when one is given (``organ``), else its area's 人民政府办公室 (the disclosure office that compiles it and
    answers for it, 条例 第三条, also when the report is published as the 本级政府's); None when that cannot be
    known (a summary named 汇总): the sentence is then left out, not guessed."""
    if report.level != LEVEL_SUMMARY:
        return report.office or None
    if organ and organ.strip():
        return printable(organ.strip())
    return general_office_of(report.office)


def signing_organ(report: Report, organ: str | None = None, government: bool = False) -> str | None:
    """The organ of the 落款: ``organ`` when given; an office's report its office; a summary of an area its
    人民政府办公室 (the area's disclosure office, which compiles it), or as the 本级政府's report
    (``government``) its 人民政府 (``form.organs``); None when that cannot be known (a summary named 汇总)."""
    if organ and organ.strip():
        return printable(organ.strip())
    if report.level != LEVEL_SUMMARY:
        return report.office or None
    return government_of(report.office) if government else general_office_of(report.office)


def signed_on(report: Report, date: _dt.date | None = None) -> _dt.date | None:
    """The date of the 落款: ``date`` when given (render --date), else 基本信息's 填报日期 (an office's the day it
    filled the report in; a summary's the day it was merged, unless the county changed it); None without
    either: no date is made up (not the day the document is rendered)."""
    return date or parse_date(report.info.get("date", ""))


def date_text(day: _dt.date) -> str:
    """A date as the 落款 prints it: 2026年1月15日 (GB/T 9704 7.3.5: Arabic numerals, no leading zero)."""
    return words.SIGNED_DATE.format(year=day.year, month=day.month, day=day.day)


def signature_lines(report: Report, organ: str | None = None, government: bool = False,
                    date: _dt.date | None = None) -> list[str]:
    """落款: the organ (``signing_organ``), then the date (``signed_on``, written 2026年1月15日); [] for an
    office's report without an office; a summary whose organ cannot be known has ``EMPTY_PART`` for it
    (RENDER-NO-ORGAN says so)."""
    signer = signing_organ(report, organ, government)
    if signer is None and report.level != LEVEL_SUMMARY:
        return []
    day = signed_on(report, date)
    line = date_text(day) if day else ""
    return [signer or EMPTY_PART, *([line] if line else [])]


def coverage_text(report: Report, expected: Sequence[str] | None = None) -> str:
    """Which offices a summary covers: their names, and with ``expected`` (the roster) 应报 / 已报 and the
    offices that did not report."""
    names = ["".join(split_entry(e)) for e in report.included]
    if not names:
        return ""
    counts = ""
    text = ""
    if expected:
        counts = words.COVERAGE_COUNTS.format(expected=len(expected), reported=len(names))
        have = {normalise_name(n) for n in names} | {normalise_name(split_entry(e)[1]) for e in report.included}
        missing = [e for e in expected if normalise_name(e) not in have]
        text = words.COVERAGE_MISSING.format(names="、".join(missing)) if missing else ""
    area = area_word(report.office)
    return words.COVERAGE.format(area=area, n=len(names), counts=counts, names="、".join(names)) + text


def _sub_section(heading: str, text: str) -> list[Block]:
    """A sub-item of 一 or 六: its heading (the office's own, when its text starts with one of the same numeral),
    then its paragraphs. Text before a line that starts with the numeral (一's own opening paragraph, which
    the 正文 sheet keeps in （一）'s cell before its heading) is printed before the heading."""
    lines = paragraphs(text)
    # (only the first sub-item has text before its heading: in another one, a later line （三）… is a list's)
    starts = lines if _FIRST_SUB_RE.match(heading) else lines[:1]
    at = next((i for i, ln in enumerate(starts) if _own_numeral(ln, heading)), None)
    if at is None:
        return [Block(BlockKind.SUB, heading), *(Block(BlockKind.PARA, p) for p in lines)]
    before = [Block(BlockKind.PARA, p) for p in lines[:at]]
    lines = lines[at:]
    own = _OWN_SUB_RE.match(lines[0])
    if own:  # the office's heading, printed once; the rest of its line is the first paragraph
        heading = f"（{own.group(1)}）{own.group(2)}"
        lines = ([own.group(3)] if own.group(3) else []) + lines[1:]
    else:  # the numeral before a sentence: the official heading, the sentence without the numeral
        numeral = _OWN_NUMERAL_RE.match(lines[0])
        lines = [lines[0][numeral.end():] if numeral else lines[0], *lines[1:]]
    return [*before, Block(BlockKind.SUB, heading), *(Block(BlockKind.PARA, p) for p in lines if p.strip())]


def _own_numeral(line: str, heading: str) -> bool:
    """Whether ``line`` starts with the numeral of ``heading`` (（一）…), as the office's own sub-heading does."""
    numeral = _OWN_NUMERAL_RE.match(line)
    return numeral is not None and heading.startswith(f"（{numeral.group(1)}）")


def empty_official_subs(report: Report) -> list[str]:
    """The keys of the official sub-items (一's five) without text in a part whose other sub-items have
    text: the document keeps their headings with ``EMPTY_PART`` under them, since the official format has
    all five and a missing one is a deduction (a part without any text has ``EMPTY_PART`` once instead)."""
    subs = [s for s in report.layout.text_sections if s.is_sub and s.part in OFFICIAL_SUB_PARTS]
    filled = {s.key for s in subs if published(report.texts.get(s.key, ""))[0]}
    parts = {s.part for s in subs if s.key in filled}
    return [s.key for s in subs if s.part in parts and s.key not in filled]


def body_blocks(report: Report, *, opening: bool = False, signature: bool = False, government: bool = False,
                expected: Sequence[str] | None = None, organ: str | None = None,
                date: _dt.date | None = None) -> list[Block]:
    """The six parts in order: each part's heading, then its sub-headings and paragraphs, or its table;
    with ``opening`` the opening paragraph before them, with ``signature`` the 落款 after them (signed by
    ``organ`` when given, else ``signing_organ``'s, and dated ``date`` when given, else as
    ``signed_on`` says); a summary
    (unless published as the 本级政府's, ``government``) says first which offices it covers (``expected``:
    the roster, for 应报 and 已报).
    A sub-item of 六 without text is left out; one of 一's five keeps its heading with ``EMPTY_PART`` under
    it (``empty_official_subs``); the six part headings always stand, a narrative part without any text with
    ``EMPTY_PART`` under it."""
    by_part: dict[str, list[Block]] = {s.part: [] for s in report.layout.text_sections}
    marked = set(empty_official_subs(report))
    for sec in report.layout.text_sections:
        text = published(report.texts.get(sec.key, ""))[0]
        if sec.key in marked:  # the official sub-heading stands, with the placeholder under it
            by_part[sec.part] += [Block(BlockKind.SUB, sec.heading), Block(BlockKind.EMPTY, EMPTY_PART)]
        elif not text:
            continue
        elif sec.is_sub:  # 一's five, 六's four: a sub-heading over its text
            by_part[sec.part] += _sub_section(sec.heading, text)
        else:
            by_part[sec.part] += [Block(BlockKind.PARA, p) for p in paragraphs(text)]
    intro = opening_text(report, organ) if opening else ""
    out: list[Block] = [Block(BlockKind.OPENING, intro)] if intro else []
    covered = coverage_text(report, expected) if is_area_summary(report, government) else ""
    out += [Block(BlockKind.OPENING, covered)] if covered else []
    for numeral, heading in PART_HEADINGS.items():
        out.append(Block(BlockKind.PART, heading))
        if numeral in by_part:
            out += by_part[numeral] or [Block(BlockKind.EMPTY, EMPTY_PART)]
        else:
            out.append(Block(BlockKind.TABLE, table=next(t for t in report.layout.tables if t.number == numeral)))
    lines = signature_lines(report, organ, government, date) if signature else []
    return out + ([Block(BlockKind.SIGNATURE, "\n".join(lines))] if lines else [])


def check_document(report: Report, file: str = "", *, signature: bool = True, organ: str | None = None,
                   government: bool = False, date: _dt.date | None = None) -> list[Finding]:
    """What the rendered document leaves out or cannot fill: internal notes of 正文 (RENDER-INTERNAL-TEXT)
    narrative parts without text (RENDER-EMPTY-PART), official sub-items without text in a part that has
    some (RENDER-EMPTY-SUB), and a summary's 落款 whose organ cannot be known (RENDER-NO-ORGAN; ``signature``,
    ``organ`` and ``government`` as the document was rendered) or whose date is not known (RENDER-NO-DATE:
    no 填报日期 and no ``date``), as warnings."""
    layout = report.layout
    out: list[Finding] = []
    if signature and signature_lines(report, organ, government, date) and signed_on(report, date) is None:
        out.append(make("RENDER-NO-DATE", file=file, sheet=INFO_SHEET, cell=info_cell(layout, "date"),
                        row_label=info_label(layout, "date")))
    if signature and report.level == LEVEL_SUMMARY and signing_organ(report, organ, government) is None:
        out.append(make("RENDER-NO-ORGAN", file=file, sheet=INFO_SHEET, cell=info_cell(layout, "office"),
                        row_label=info_label(layout, "office"), name=report.office, placeholder=EMPTY_PART))
    filled: set[str] = set()
    first: dict[str, str] = {}  # part -> key of its first section (where a clerk types its text)
    for sec in layout.text_sections:
        first.setdefault(sec.part, sec.key)
        heading = f"{PART_HEADINGS[sec.part]}·{sec.heading}" if sec.is_sub else sec.heading
        text, internal = published(report.texts.get(sec.key, ""))
        for p in internal:
            if p == DRAFT_MARK:
                out.append(make("RENDER-DRAFT", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, sec.key),
                                row_label=sec.heading, heading=heading))
                continue
            out.append(make("RENDER-INTERNAL-TEXT", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, sec.key),
                            row_label=sec.heading, heading=heading, text=p if len(p) <= 60 else p[:59] + "…"))
        if text:
            filled.add(sec.part)
    for key in empty_official_subs(report):
        sec = next(s for s in layout.text_sections if s.key == key)
        out.append(make("RENDER-EMPTY-SUB", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, key),
                        row_label=sec.heading, heading=f"{PART_HEADINGS[sec.part]}·{sec.heading}",
                        placeholder=EMPTY_PART))
    for part, key in first.items():
        if part not in filled:
            heading = PART_HEADINGS[part]
            out.append(make("RENDER-EMPTY-PART", file=file, sheet=TEXT_SHEET, cell=text_cell(layout, key),
                            row_label=heading, heading=heading, placeholder=EMPTY_PART))
    return out
