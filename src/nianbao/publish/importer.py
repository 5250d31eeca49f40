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

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from nianbao.check.validate import validate_report
from nianbao.files import NotRegularFile, read_regular
from nianbao.form.common import PART_HEADINGS
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.registry import (
    carried_over,
    format_for_year,
    get_layout,
    latest,
    recognise,
    recognise_variant,
    same_table,
)
from nianbao.form.result import FileResult
from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number, SumRule, TableSpec

__all__ = [
    "SOURCE_KINDS",
    "Imported",
    "canon",
    "import_blocks",
    "import_file",
    "import_source",
    "import_to_workbooks",
    "read_blocks",
]

SOURCE_KINDS = ("text", "markdown", "html", "docx")
#: the largest published report read (a report's page or Word file is well under 10 MB)
MAX_IMPORT_BYTES = 64 * 1024 * 1024
_SUFFIX_KIND = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                ".htm": "html", ".xhtml": "html", ".docx": "docx"}

# -- normalising labels -------------------------------------------------------------------------

#: traditional -> simplified, for the characters of the official labels and headings
_TRAD = str.maketrans(
    "萬業為爲舉於會體關內決況減製辦務動區單發髮後國處復複審對屬廢開強當總執護報據數無機權條構沒現確穩類係"
    "糾納組織經結繼續維繳罰範獲補規計認議許訟訪訴詢請購費轉過這進採問項題額表資訊實際價規範與個來們從"
    "設監臺縣鎮鄉區祕",
    "万业为为举于会体关内决况减制办务动区单发发后国处复复审对属废开强当总执护报据数无机权条构没现确稳类系"
    "纠纳组织经结继续维缴罚范获补规计认议许讼访诉询请购费转过这进采问项题额表资讯实际价规范与个来们从"
    "设监台县镇乡区秘",
)
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_WS = re.compile(r"\s+")
_ENUM_SEP = re.compile(r"(?<=\d)[、,，:：](?=\D)")  # "1、属于" -> "1.属于"
_LEADING_ENUM = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、])")


def nfkc(text: str) -> str:
    """NFKC and traditional characters of the labels mapped to simplified; whitespace kept."""
    return unicodedata.normalize("NFKC", text).translate(_TRAD)


def canon(text: str) -> str:
    """A label in comparable form: NFKC, simplified, no whitespace or quotes, "1、" as "1."."""
    t = _WS.sub("", nfkc(text)).translate(_QUOTES)
    return _ENUM_SEP.sub(".", t)


# -- numbers ------------------------------------------------------------------------------------

_ZERO_MARKS = {"/", "-", "--", "—", "——", "–", "─", "一一", "无", "\\"}
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNITS = ("万元", "件", "元", "个", "条", "项")
#: minus signs that NFKC leaves alone (U+2212 minus, hyphens, en dash) before a digit: a signed number
_MINUS = re.compile(r"^[\u2010\u2011\u2012\u2013\u2212](?=\d)")


@dataclass(frozen=True)
class Token:
    """One value cell of a table row."""

    raw: str
    kind: str  # "num" | "zero" (a "/" or "—" for zero) | "blank" | "bad"
    value: Number = 0


def parse_token(raw: str) -> Token:
    t = _WS.sub("", nfkc(raw))
    if not t:
        return Token(raw, "blank")
    if t in _ZERO_MARKS:
        return Token(raw, "zero")
    t = _MINUS.sub("-", t)
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    if not _NUMBER.match(t):
        return Token(raw, "bad")
    t = t.replace(",", "")
    try:
        d = Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return Token(raw, "bad")
    if "." not in t:
        return Token(raw, "num", int(d))
    return Token(raw, "num", d)


def _is_value(raw: str) -> bool:
    return parse_token(raw).kind in ("num", "zero")


# -- blocks: a source in document order ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    text: str


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]


Block = Line | Row


class UnreadableSource(Exception):
    """The file cannot be read at all (reported as IMPORT-UNREADABLE)."""


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def source_kind(path: Path, data: bytes) -> str:
    kind = _SUFFIX_KIND.get(path.suffix.lower())
    if kind:
        return kind
    if data[:2] == b"PK":
        return "docx"
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UnreadableSource("这是旧版 Word（.doc）文件，请先另存为 .docx")
    head = _decode(data[:2000]).lstrip().lower()
    if head.startswith("<") and ("<html" in head or "<table" in head or "<!doctype" in head or "<p" in head):
        return "html"
    return "text"


def read_blocks(data: bytes | str, kind: str) -> list[Block]:
    """The blocks of a source of ``kind`` ("text", "markdown", "html" or "docx")."""
    if kind == "docx":
        if isinstance(data, str):
            raise UnreadableSource("Word 文件应以二进制读取")
        return _docx_blocks(data)
    text = data if isinstance(data, str) else _decode(data)
    if kind == "html":
        return _html_blocks(text)
    if kind == "markdown":
        return _markdown_blocks(text)
    return [Line(line) for line in text.splitlines()]


_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


#: a backslash escape of Markdown (CommonMark: any ASCII punctuation), as ``render`` writes typed text
_MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _markdown_blocks(text: str) -> list[Block]:
    out: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if _MD_SEPARATOR.match(line):
                continue
            body = line.strip("|")
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]
            out.append(Row(tuple(cells)))
            continue
        line = re.sub(r"^(#+|>+)\s*", "", line)
        line = line.replace("**", "").replace("__", "")
        out.append(Line(_MD_ESCAPED.sub(r"\1", line)))
    return out


_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "title",
               "header", "footer", "blockquote", "pre", "caption", "center", "dd", "dt", "tbody", "thead"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template"}


class _HtmlCollector(HTMLParser):
    """Lines and table rows of an HTML page, in document order (rowspan/colspan need no expansion: a
    merged label appears once, in the first row it spans, as in the page's own reading order)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []  # current text outside a cell
        self._tables: list[dict[str, Any]] = []  # stack: {"row": list | None, "cell": list | None}
        self._skip = 0

    # text sink: the current cell if inside one, else the running paragraph
    def _sink(self) -> list[str]:
        if self._tables and self._tables[-1]["cell"] is not None:
            cell: list[str] = self._tables[-1]["cell"]
            return cell
        return self._text

    def _flush_text(self) -> None:
        text = "".join(self._text)
        self._text = []
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Line(line.strip()))

    def _end_cell(self) -> None:
        top = self._tables[-1]
        if top["cell"] is not None:
            if top["row"] is None:
                top["row"] = []
            top["row"].append("".join(top["cell"]))
            top["cell"] = None

    def _end_row(self) -> None:
        self._end_cell()
        top = self._tables[-1]
        row = top["row"]
        top["row"] = None
        if not row:
            return
        filled = [c for c in row if c.strip()]
        if len(row) == 1 or (not filled and len(row) < _T4_CELLS):  # (an all-blank 表四 data row is a row)
            # a one-cell row (a layout table, a caption row): its text, line by line
            for c in filled:
                for line in c.split("\n"):
                    if line.strip():
                        self.blocks.append(Line(line.strip()))
            return
        self.blocks.append(Row(tuple(" ".join(c.split()) for c in row)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag == "table":
            if self._tables and self._tables[-1]["cell"] is not None:
                # a table inside a cell: what the cell holds so far is text of its own
                top = self._tables[-1]
                for line in "".join(top["cell"]).split("\n"):
                    if line.strip():
                        self.blocks.append(Line(line.strip()))
                top["cell"] = []
            else:
                self._flush_text()
            self._tables.append({"row": None, "cell": None})
        elif tag == "tr" and self._tables:
            self._end_row()
            self._tables[-1]["row"] = []
        elif tag in ("td", "th") and self._tables:
            self._end_cell()
            self._tables[-1]["cell"] = []
        elif tag == "br" or tag in _BLOCK_TAGS:
            self._sink().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table" and self._tables:
            self._end_row()
            self._tables.pop()
        elif tag == "tr" and self._tables:
            self._end_row()
        elif tag in ("td", "th") and self._tables:
            self._end_cell()
        elif tag in _BLOCK_TAGS:
            self._sink().append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._sink().append(data.replace("\xa0", " ").replace("\u3000", " "))

    def close(self) -> None:
        super().close()
        while self._tables:
            self._end_row()
            self._tables.pop()
        self._flush_text()


def _html_blocks(text: str) -> list[Block]:
    parser = _HtmlCollector()
    parser.feed(text)
    parser.close()
    return parser.blocks


#: the most a .docx may hold once unzipped, and the most any part may grow by unzipping: a published
#: report is a few hundred KB; more is a damaged file or a zip bomb, refused before python-docx unzips it
MAX_DOCX_UNZIPPED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 200


def _check_docx_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableSource(f"不是有效的 Word（.docx）文件，可能已损坏（{type(exc).__name__}）；"
                               "请用 Word 或 WPS 打开后重新另存为 .docx") from None
    total = sum(i.file_size for i in infos)
    swollen = any(i.file_size > 1024 * 1024 and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1) for i in infos)
    if total > MAX_DOCX_UNZIPPED or swollen:
        raise UnreadableSource(f"Word 文件解压后有 {total // (1024 * 1024)} MB，远大于正常的年报，"
                               "可能已损坏或含有异常内容，为安全起见未读取；请用 Word 或 WPS 打开后重新另存为 .docx")


def _docx_blocks(data: bytes) -> list[Block]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged zip, a missing part, broken XML (lxml): never a traceback
        raise UnreadableSource(f"不是有效的 Word（.docx）文件，可能已损坏（{type(exc).__name__}）；"
                               "请用 Word 或 WPS 打开后重新另存为 .docx") from None
    out: list[Block] = []

    def cell_text(tc: Any) -> str:
        return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))

    def table_blocks(table: Table) -> None:
        for tr in table._tbl.tr_lst:
            cells = [cell_text(tc) for tc in tr.tc_lst]
            filled = [c for c in cells if c.strip()]
            if len(cells) == 1 or (not filled and len(cells) < _T4_CELLS):
                for c in filled:
                    out.extend(Line(line.strip()) for line in c.split("\n") if line.strip())
            else:
                out.append(Row(tuple(" ".join(c.split()) for c in cells)))

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            for line in item.text.split("\n"):
                if line.strip():
                    out.append(Line(line.strip()))
        elif isinstance(item, Table):
            table_blocks(item)
    return out


# -- the walk: parts and table regions ----------------------------------------------------------

_TEXT_PARTS = ("一", "五", "六")
_TABLE_OF_PART = {"二": "t2", "三": "t3", "四": "t4"}
_HEADING_CORES = {numeral: heading.split("、", 1)[1] for numeral, heading in PART_HEADINGS.items()}
_HEADING_RES = {
    numeral: re.compile(r"^\s*(?:[一二三四五六]\s*[、.,]\s*)?" + r"\s*".join(map(re.escape, core)) + r"\s*[:：]?")
    for numeral, core in _HEADING_CORES.items()
}
_TITLE_RES = (  # canonical text -> (office, year): "{单位}{年}年…", "{年}年{单位}…", "{单位}…工作{年}年度报告"
    re.compile(r"^(?P<office>.*?)(?P<year>(?:19|20)\d\d)年度?(?:的)?政府信息公开(?:工作)?年度报告"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)年度?(?P<office>.*?)(?:的)?政府信息公开(?:工作)?年度报告"),
    re.compile(r"^(?P<office>.*?)政府信息公开(?:工作)?(?P<year>(?:19|20)\d\d)年度?(?:工作)?报告"),
)
_OFFICE_TRIM = re.compile(r"^(?:[\[【(][^\]】)]*[\]】)])+|(?:关于|的)+$")
#: the note a forced document carries (render.FORCED_NOTE and its error lines): not part of the report
_NOTE_RE = re.compile(r"^注意:本报告的数据未通过校验")
_NOTE_LINE_RE = re.compile(r"^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+:|……另有\d+处错误)")
#: what a rendered document prints under a part without text (render.EMPTY_PART): not text of the report
_EMPTY_PART = "(未填写)"


def _title(c: str) -> tuple[str, int] | None:
    """(office, year) when the canonical line ``c`` is the report's title."""
    if len(c) > 80:
        return None
    for pattern in _TITLE_RES:
        m = pattern.match(c)
        if m:
            return _OFFICE_TRIM.sub("", m.group("office")), int(m.group("year"))
    return None
_SUB_RE = re.compile(r"^\s*[(（]\s*([一二三四五])\s*[)）]\s*(.*)$")


@dataclass
class Segment:
    """The labels of one table row and the values that follow them."""

    labels: list[str]
    values: list[Token]
    origin: str  # "text" (a flattened line stream) or "row" (a table row with real cells)

    @property
    def label(self) -> str:
        return canon("".join(self.labels))

    @property
    def shown(self) -> str:
        """The labels as a user would recognise them (for messages)."""
        text = " ".join(_WS.sub("", nfkc(lb)) for lb in self.labels if lb.strip())
        return text if len(text) <= 60 else "…" + text[-59:]


@dataclass
class Region:
    segments: list[Segment] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # canonical label-only rows (for "小计", fee header)
    text: list[str] = field(default_factory=list)  # canonical text of everything seen (format detection)


@dataclass
class Walk:
    title: str = ""
    office: str = ""
    year: int | None = None
    regions: dict[str, Region] = field(default_factory=dict)
    parts: dict[str, list[str]] = field(default_factory=lambda: {p: [] for p in _TEXT_PARTS})
    headings: set[str] = field(default_factory=set)


def _heading(line: str) -> tuple[str, str] | None:
    """(part numeral, rest of the line) when ``line`` is one of the six part headings."""
    text = nfkc(line).strip()
    for numeral, pattern in _HEADING_RES.items():
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end():].strip()
        has_numeral = bool(re.match(r"^\s*[一二三四五六]\s*[、.,]", text))
        if numeral in _TABLE_OF_PART and rest:
            continue  # a table heading stands alone on its line
        if not has_numeral and len(rest) > 0:
            continue  # without its numeral, only a bare heading line counts
        return numeral, rest
    return None


def _marker_table(c: str, *, strict: bool = False) -> str | None:
    """The table a header line or row announces (canonical text). ``strict``: only the markers that
    narrative text does not use (when leaving a narrative part without a table heading)."""
    if "勾稽关系" in c or "申请人情况" in c:
        return "t3"
    if "复议后起诉" in c or "未经复议直接起诉" in c or (not strict and "行政复议" in c and "行政诉讼" in c):
        return "t4"
    if c.startswith("第二十条第") or (not strict and "信息内容" in c):
        return "t2"
    return None


@dataclass
class _WalkState:
    """Where a walk over the blocks is: the part or table region it is in (a numeral of a narrative part,
    or "t2"/"t3"/"t4"), the labels and values of a table row read from lines of text so far, and whether
    it is inside the note of a forced document."""

    walk: Walk = field(default_factory=Walk)
    state: str = "一"  # text before any heading is part 一 (pages often start with its sub-sections)
    labels: list[str] = field(default_factory=list)
    values: list[Token] = field(default_factory=list)
    in_note: bool = False

    @property
    def in_table(self) -> bool:
        return self.state.startswith("t")


def walk_blocks(blocks: Iterable[Block]) -> Walk:
    """The title, the narrative parts and the table regions of ``blocks``, in one pass."""
    st = _WalkState()
    for block in blocks:
        if isinstance(block, Line):
            _walk_line(st, block.text.strip())
        else:
            _walk_row(st, list(block.cells))
    _flush(st)
    return st.walk


def _region(w: Walk, key: str) -> Region:
    return w.regions.setdefault(key, Region())


def _flush(st: _WalkState) -> None:
    """End the table row read from lines of text: a segment if it has values, else a header."""
    if st.in_table:
        if st.values:
            _region(st.walk, st.state).segments.append(Segment(st.labels, st.values, "text"))
        elif st.labels:
            _region(st.walk, st.state).headers.append(canon("".join(st.labels)))
    st.labels, st.values = [], []


def _switch(st: _WalkState, marker: str | None) -> None:
    """Go over to the table ``marker`` announces, if any and not the current one."""
    if marker and marker != st.state:
        _flush(st)
        st.state = marker


def _walk_line(st: _WalkState, line: str) -> None:
    """One line of text (stripped): the title, a part heading, narrative text or a table's labels and
    numbers."""
    if not line:
        return
    c = canon(line)
    if _take_title(st.walk, line, c) or _in_note(st, c) or c == _EMPTY_PART:
        return
    head = _heading(line)
    if head is not None:
        _enter_part(st, *head)
        return
    short = "。" not in c and len(c) <= 120
    if short or st.in_table:
        _switch(st, _marker_table(c, strict=not st.in_table))
    if st.in_table:
        _region(st.walk, st.state).text.append(c)
        _stream_tokens(st, line)
    else:
        st.walk.parts[st.state].append(line)


def _take_title(w: Walk, line: str, c: str) -> bool:
    """Whether ``line`` (canonical ``c``) is the report's title, the first found: its office and year
    are taken into ``w``."""
    if w.title:
        return False
    found = _title(c)
    if found is None:
        return False
    w.title = line
    w.office, w.year = found
    return True


def _in_note(st: _WalkState, c: str) -> bool:
    """Whether the canonical line ``c`` is part of the note of a forced document (its first line, or an
    error line after it)."""
    if _NOTE_RE.match(c):
        st.in_note = True
        return True
    if st.in_note:
        if _NOTE_LINE_RE.match(c):
            return True
        st.in_note = False
    return False


def _enter_part(st: _WalkState, numeral: str, rest: str) -> None:
    """A part heading: the walk goes over to that part (or table region); text after the heading is the
    part's first line."""
    _flush(st)
    st.walk.headings.add(numeral)
    st.state = _TABLE_OF_PART.get(numeral, numeral)
    if st.in_table:
        _region(st.walk, st.state)
    elif rest:
        st.walk.parts[st.state].append(rest)


def _stream_tokens(st: _WalkState, line: str) -> None:
    """The words of a line inside a table region: labels, then numbers; a label after numbers starts
    the next row."""
    for tok in line.split():
        if _is_value(tok):
            st.values.append(parse_token(tok))
        else:
            if st.values:
                _flush(st)
            st.labels.append(tok)


def _walk_row(st: _WalkState, cells: list[str]) -> None:
    """One table row: a segment (or header) of the table region it belongs to, or narrative text."""
    joined = canon("".join(cells))
    if not joined and not (st.state == "t4" and len(cells) >= _T4_CELLS):  # 表四's data row may be all blank
        return
    _switch(st, _marker_table(joined))
    if not st.in_table:
        # a table outside the table parts: recognise it by its rows' labels later; park it in t3
        # only if it looks like table 三, else keep its text as narrative
        guess = _guess_table(joined)
        if guess is None:
            st.walk.parts[st.state].append(" ".join(c.strip() for c in cells if c.strip()))
            return
        _flush(st)
        st.state = guess
    _flush(st)
    reg = _region(st.walk, st.state)
    reg.text.append(joined)
    _add_row(reg, st.state, cells)


def _add_row(reg: Region, state: str, cells: list[str]) -> None:
    """A table row of region ``state``: a segment if it has values, else a header (labels only)."""
    labels, values = _split_row(cells)
    blank_t4_row = state == "t4" and not labels and len(values) >= _T4_CELLS  # an office without cases
    if values and (labels or blank_t4_row or any(t.kind != "blank" for t in values)):
        reg.segments.append(Segment(labels, values, "row"))
    else:
        reg.headers.append(canon("".join(labels)))


def _split_row(cells: list[str]) -> tuple[list[str], list[Token]]:
    """The labels of a table row and the values after them."""
    first = next((k for k, c in enumerate(cells) if c.strip()), len(cells))
    if first < len(cells) and not _is_value(cells[first]):
        cells = cells[first:]  # blank cells left of a label (a rowspan's column): not values
    # else blank cells before the first number are blank values in their columns (表四's data row)
    labels, i = _row_labels(cells)
    return labels, [parse_token(x) for x in cells[i:]]


def _row_labels(cells: Sequence[str]) -> tuple[list[str], int]:
    """The label cells at the start of a row, and the index of the first value cell."""
    labels: list[str] = []
    i = 0
    while i < len(cells) and not _is_value(cells[i]):
        if not cells[i].strip():
            # a blank cell between labels (an unmerged table): skip it when a label follows
            j = next((j for j in range(i, len(cells)) if cells[j].strip()), len(cells))
            if j == len(cells) or _is_value(cells[j]) or not _CJK.search(cells[j]):
                break
            i = j
            continue
        labels.append(cells[i])
        i += 1
    return labels, i


_CJK = re.compile(r"[\u4e00-\u9fff]")
#: 表四 has 15 data cells in both formats (复议 5, 诉讼 5 + 5)
_T4_CELLS = 15


def _guess_table(c: str) -> str | None:
    if "本年新收" in c or "予以公开" in c or "不予公开" in c or "结转下年度" in c:
        return "t3"
    if "规章" in c or "行政许可" in c or "行政处罚" in c or "行政事业性收费" in c:
        return "t2"
    return None


# -- format detection ---------------------------------------------------------------------------

def _format_of(key: str, region: Region | None) -> str | None:
    """The format whose table ``key`` the region shows by its words (see ``registry.recognise``)."""
    return None if region is None else recognise(key, "".join(region.text + region.headers))


def _variant_of(fmt: str, regions: dict[str, Region]) -> str:
    return recognise_variant(fmt, "".join(w for r in regions.values() for w in (*r.text, *r.headers)))


# -- matching rows ------------------------------------------------------------------------------

_PAREN_TAIL = re.compile(r"\([^()]*\)$")
_SUBTOTAL = "小计"


def _aliases(label: str) -> list[str]:
    full = canon(label)
    out = [full]
    short = _PAREN_TAIL.sub("", full)
    if short and short != full:
        out.append(short)
    for a in list(out):
        core = _LEADING_ENUM.sub("", a)
        if core != a and len(core) >= 3:
            out.append(core)
    return out


@dataclass(frozen=True)
class RowSpec:
    """A row of an official table as the importer matches it."""

    key: str
    label: str  # as printed (row group + label)
    cells: tuple[CellSpec, ...]


def _table_rows(table: TableSpec) -> list[RowSpec]:
    rows: dict[str, list[CellSpec]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(c.key.rsplit(".", 1)[0], []).append(c)
    out = []
    for rkey, cells in rows.items():
        first = cells[0]
        label = f"{first.row_group} {first.row_label}".strip() if table.key == "t3" else first.row_label
        out.append(RowSpec(rkey, label, tuple(cells)))
    return out


def _matcher(table: TableSpec, rows: Sequence[RowSpec]) -> list[tuple[str, str]]:
    """(alias, target) pairs, longest alias first; a target is a row key or "subtotal:<label>"."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for r in rows:
        for a in _aliases(r.cells[0].row_label):
            if seen.setdefault(a, r.key) == r.key:
                pairs.append((a, r.key))
    groups = {c.row_group for c in table.cells if c.row_group and not c.row_group.startswith("三、")}
    if table.key == "t3":
        for g in groups:
            for a in _aliases(g):
                if a not in seen:
                    pairs.append((a, f"subtotal:{g}"))
        pairs.append((_SUBTOTAL, "subtotal:"))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _match(label: str, pairs: Sequence[tuple[str, str]]) -> str | None:
    for alias, target in pairs:
        if label.endswith(alias):
            return target
    return None


# -- building the report ------------------------------------------------------------------------


@dataclass
class _Builder:
    layout: LayoutSpec
    file: str
    inputs: dict[str, Number] = field(default_factory=dict)
    stated: dict[str, Number] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: cells whose figure the page did not give (missing rows and tables) or gave unreliably (short rows)
    unread: set[str] = field(default_factory=set)

    def missing(self, cells: Iterable[CellSpec]) -> None:
        self.unread.update(c.key for c in cells)

    def add(self, code: str, table: TableSpec, cell: CellSpec | None = None, **params: Any) -> None:
        sheet = table.sheet
        a1 = self.layout.a1(cell.key)[1] if cell is not None else ""
        row_label = f"{cell.row_group} {cell.row_label}".strip() if cell is not None else ""
        self.findings.append(make(code, file=self.file, sheet=sheet, cell=a1, row_label=row_label,
                                  table=f"表{table.number}", title=table.title.split("、", 1)[-1], **params))

    def put(self, cell: CellSpec, tok: Token, blanks: list[int]) -> None:
        value: Number = tok.value
        if tok.kind in ("blank", "zero", "bad"):
            value = Decimal(0) if cell.kind is Kind.AMOUNT else 0
            if tok.kind != "bad":
                blanks[0] += 1
            if tok.kind == "blank" and not cell.is_input:
                return  # a blank printed total: nothing stated, recomputed
        elif cell.kind is Kind.AMOUNT:
            value = Decimal(value)
        if cell.is_input:
            self.inputs[cell.key] = value
        else:
            self.stated[cell.key] = value

    def fill(self, table: TableSpec, row: RowSpec, tokens: Sequence[Token], label: str, blanks: list[int]) -> None:
        self.fill_cells(table, row.cells, tokens, label, blanks)

    def fill_cells(self, table: TableSpec, cells: Sequence[CellSpec], tokens: Sequence[Token], label: str,
                   blanks: list[int]) -> None:
        """The numbers of one printed row into ``cells``, in order; a bad number, too few or too many
        numbers are findings on the first cell (named ``label``)."""
        for tok in tokens:
            if tok.kind == "bad":
                self.add("IMPORT-BAD-NUMBER", table, cells[0], label=label, actual=tok.raw.strip())
        if len(tokens) < len(cells):
            self.add("IMPORT-SHORT-ROW", table, cells[0], label=label, actual=len(tokens), expected=len(cells))
            self.missing(cells)  # which column lost its number is unknown: none of the row can be relied on
        elif len(tokens) > len(cells):
            self.add("IMPORT-LONG-ROW", table, cells[0], label=label, actual=len(tokens), expected=len(cells))
        for cell, tok in zip(cells, tokens, strict=False):
            self.put(cell, tok, blanks)


def _interpret_rows(b: _Builder, table: TableSpec, region: Region) -> None:
    """Tables 二 and 三: each segment matched to an official row by its labels."""
    rows = _table_rows(table)
    by_key = {r.key: r for r in rows}
    pairs = _matcher(table, rows)
    matched: list[tuple[RowSpec, Segment]] = []
    seen: set[str] = set()
    subtotals: list[tuple[str, Segment]] = []
    for seg in region.segments:
        target = _match(seg.label, pairs)
        if target is None:
            if any(t.kind in ("num", "zero") for t in seg.values):
                b.add("IMPORT-UNKNOWN-ROW", table, label=seg.shown or "（无标签）")
            continue
        if target.startswith("subtotal:"):
            subtotals.append((target.split(":", 1)[1], seg))
            continue
        if target in seen:
            b.add("IMPORT-DUPLICATE-ROW", table, by_key[target].cells[0], label=by_key[target].label)
            continue
        seen.add(target)
        matched.append((by_key[target], seg))
    if not matched:
        b.add("IMPORT-MISSING-TABLE", table)
        b.missing(table.cells)
        return
    width = len(rows[0].cells)
    mapping = _t3_columns(b, table, region, matched) if table.key == "t3" else None
    blanks = [0]
    for row, seg in matched:
        tokens = list(seg.values)
        if mapping is not None:
            tokens = mapping(row, seg, tokens)
        b.fill(table, row, tokens, row.label, blanks)
    for group, seg in subtotals:
        _check_subtotal(b, table, group, seg, width)
    if subtotals:
        b.add("IMPORT-SUBTOTAL", table, what="小计行（" + "、".join(dict.fromkeys(g or _SUBTOTAL for g, _ in subtotals)) + "）")
    if blanks[0]:
        b.add("IMPORT-BLANK", table, count=blanks[0])
    for row in rows:
        if row.key not in seen:
            b.add("IMPORT-MISSING-ROW", table, row.cells[0], label=row.label)
            b.missing(row.cells)


def _check_subtotal(b: _Builder, table: TableSpec, group: str, seg: Segment, width: int) -> None:
    if not group:
        return
    leaves = [c for c in table.cells if c.row_group == group]
    for j, tok in enumerate(seg.values[:width]):
        if tok.kind != "num":
            continue
        col = [c for c in leaves if c.col == leaves[0].col + j] if leaves else []
        expected = sum((b.inputs.get(c.key, 0) for c in col), 0)
        if not col or j >= width - 1:
            continue
        if expected != tok.value:
            b.add("IMPORT-SUBTOTAL-MISMATCH", table, col[0], label=f"{group}｜{col[0].col_label}",
                  actual=tok.value, expected=expected)


def _t3_columns(b: _Builder, table: TableSpec, region: Region, matched: list[tuple[RowSpec, Segment]]) -> Any:
    """How the numbers of table 三's rows map to its seven columns: as they are, without a 总计 column
    (every row has six), or without an extra 法人或其他组织 subtotal column (rows of eight)."""
    counts = Counter(len(seg.values) for _row, seg in matched)
    common, _n = counts.most_common(1)[0]
    header = "".join(region.headers + region.text)
    if common == 6 and set(counts) == {6}:
        b.add("IMPORT-NO-TOTAL-COLUMN", table, actual=6)

        def no_total(row: RowSpec, seg: Segment, tokens: list[Token]) -> list[Token]:
            return [*tokens, Token("", "blank")]

        return no_total
    if common == 8:
        # where is the subtotal? from the header, else the position where it adds up
        pos = 1
        if _SUBTOTAL in header:
            before = header.split(_SUBTOTAL)[0]
            pos = 6 if "其他" in before.split("法人或其他组织")[-1] else 1
        else:
            for _row, seg in matched:
                vals = [t.value if t.kind == "num" else 0 for t in seg.values]
                if len(vals) != 8:
                    continue
                at1 = vals[1] == sum(vals[2:7])
                at6 = vals[6] == sum(vals[1:6])
                if at1 != at6:
                    pos = 1 if at1 else 6
                    break
        b.add("IMPORT-SUBTOTAL", table, what="“法人或其他组织”小计列")

        def drop_subtotal(row: RowSpec, seg: Segment, tokens: list[Token]) -> list[Token]:
            if len(tokens) != 8:
                return tokens
            orgs = tokens[2:7] if pos == 1 else tokens[1:6]
            sub = tokens[pos]
            if sub.kind == "num":
                expected = sum((t.value for t in orgs if t.kind == "num"), 0)
                if expected != sub.value:
                    b.add("IMPORT-SUBTOTAL-MISMATCH", table, row.cells[1], label=f"{row.label}｜法人或其他组织",
                          actual=sub.value, expected=expected)
            return tokens[:pos] + tokens[pos + 1:]

        return drop_subtotal
    return None


def _interpret_t4(b: _Builder, table: TableSpec, region: Region) -> None:
    """Table 四: rows matched by their labels, else the one data row of numbers read by position."""
    rows = _table_rows(table)
    blanks = [0]
    seen, positional = _t4_labelled_rows(b, table, rows, region.segments, blanks)
    if not seen and positional:
        seen = _t4_data_row(b, table, rows, positional.pop(0), blanks)
    for seg in positional:
        b.add("IMPORT-UNKNOWN-ROW", table, label=seg.shown or "（无标签）")
    if not seen:
        b.add("IMPORT-MISSING-TABLE", table)
        b.missing(table.cells)
        return
    if blanks[0]:
        b.add("IMPORT-BLANK", table, count=blanks[0])
    for row in rows:
        if row.key not in seen:
            b.add("IMPORT-MISSING-ROW", table, row.cells[0], label=_t4_label(row))
            b.missing(row.cells)


def _t4_labelled_rows(b: _Builder, table: TableSpec, rows: Sequence[RowSpec], segments: Sequence[Segment],
                      blanks: list[int]) -> tuple[set[str], list[Segment]]:
    """The segments of table 四 that name one of its rows, filled in: the keys of the rows filled, and the
    segments left to read by position (numbers without a row's label, or a row of cells without labels)."""
    pairs = _matcher(table, rows)
    by_key = {r.key: r for r in rows}
    seen: set[str] = set()
    positional: list[Segment] = []
    for seg in segments:
        target = _match(seg.label, pairs) if seg.labels else None
        if target is None or target.startswith("subtotal:"):
            if any(t.kind in ("num", "zero") for t in seg.values) or (seg.origin == "row" and not seg.labels):
                positional.append(seg)
            continue
        row = by_key[target]
        if target in seen:
            b.add("IMPORT-DUPLICATE-ROW", table, row.cells[0], label=row.label)
            continue
        seen.add(target)
        b.fill(table, row, seg.values, _t4_label(row), blanks)
    return seen, positional


def _t4_data_row(b: _Builder, table: TableSpec, rows: Sequence[RowSpec], seg: Segment,
                 blanks: list[int]) -> set[str]:
    """Table 四's numbers as one data row, in the order of its cells: the keys of the rows it reaches (all
    of them, or when it is short, those whose first cell it reaches)."""
    tokens = list(seg.values)
    cells = [c for r in rows for c in r.cells]
    b.fill_cells(table, cells, tokens, "数据行", blanks)
    if len(tokens) < len(cells):
        return {r.key for i, r in enumerate(rows) if len(tokens) > i * len(r.cells)}
    return {r.key for r in rows}


def _t4_label(row: RowSpec) -> str:
    c = row.cells[0]
    return f"{c.row_group}·{c.row_label}" if c.row_group else c.row_label


def _interpret_earlier(b: _Builder, table: TableSpec, region: Region, older: str, same: dict[str, str]) -> None:
    """A table printed in an older format's layout (real 2022 reports print 表二 with the 2019 columns): read
    it as the older table, carry over the figures that correspond (``same``: this format's cell -> the older
    one's, declared by the format), and say which figures of either layout have no counterpart."""
    old = get_layout(older).table(table.key)
    ob = _Builder(get_layout(older), b.file)
    _interpret_rows(ob, old, region)
    if not ob.inputs:
        b.add("IMPORT-MISSING-TABLE", table)
        b.missing(table.cells)
        return
    cells = {c.key: c for c in table.cells}
    old_cells = {c.key: c for c in old.cells}
    # what went wrong reading the rows that carry over (or the table as a whole), without the 2019 table's
    # cell addresses
    carried = {f"{old_cells[o].row_group} {old_cells[o].row_label}" for o in same.values()}
    b.findings += [replace(f, cell="") for f in ob.findings if not f.row_label or f.row_label in carried]
    for new_key, old_key in same.items():
        if old_key in ob.inputs:
            b.inputs[new_key] = ob.inputs[old_key]
        if old_key in ob.unread or old_key not in ob.inputs:
            b.unread.add(new_key)
    blank = [c for c in table.cells if c.key not in same]
    b.missing(blank)
    mapped = _by_columns([(f"“{old_cells[o].col_label}”记入“{cells[n].col_label}”", cells[n].row_label)
                          for n, o in same.items()])
    dropped = _by_columns([(f"“{c.col_label}”", c.row_label) for c in old.cells
                           if c.key not in same.values() and c.key in ob.inputs])
    b.add("IMPORT-T2-2019", table, other=ob.layout.name, name=b.layout.name, mapped=mapped,
          blank=_by_columns([(f"“{c.col_label}”", c.row_label) for c in blank]), dropped=dropped or "（无）")


def _same_table(fmt: str, table: TableSpec) -> bool:
    """Whether format ``fmt`` prints ``table`` alike (so that a page printing it so is not of another format)."""
    older = get_layout(fmt)
    return table.key in older.table_by_key and same_table(older.table(table.key), table)


def _by_columns(pairs: Sequence[tuple[str, str]]) -> str:
    """(column, row) pairs as "规章、行政规范性文件的“本年废止件数”、“现行有效件数”；…": rows with the
    same columns named together."""
    cols: dict[str, list[str]] = {}
    for col, row in pairs:
        cols.setdefault(row, [])
        if col not in cols[row]:
            cols[row].append(col)
    groups: dict[tuple[str, ...], list[str]] = {}
    for row, cs in cols.items():
        groups.setdefault(tuple(cs), []).append(row)
    return "；".join(f"{'、'.join(rows)}的{'、'.join(cs)}" for cs, rows in groups.items())


# -- rule findings the missing figures explain ----------------------------------------------------


def _without_unchecked(findings: Sequence[Finding], layout: LayoutSpec, unread: set[str],
                       file: str) -> list[Finding]:
    """``findings`` without the rule findings that involve a figure the page did not give (a missing row
    or table, a short row): those read the missing figures as 0 and say nothing about the published
    report. One IMPORT-UNCHECKED per table says how many were left out. A rule whose figures were all on
    the page is reported as usual."""
    if not unread:
        return list(findings)
    depends: dict[str, frozenset[str]] = {}

    def inputs_of(key: str) -> frozenset[str]:
        """The key and every cell its recomputed value is summed from."""
        if key not in depends:
            rule = layout.defining_rule.get(key)
            below = frozenset().union(*(inputs_of(a) for a in rule.addends)) if rule else frozenset()
            depends[key] = below | {key}
        return depends[key]

    unchecked: set[tuple[str, str]] = set()  # (code, cell key) of a rule's finding
    for rule in layout.rules:
        keys = (rule.target, *rule.addends) if isinstance(rule, SumRule) else (*rule.left, *rule.right)
        if any(inputs_of(k) & unread for k in keys):
            unchecked.add((rule.code, keys[0]))  # a rule's finding is keyed by its target, a balance's by its first term
    out: list[Finding] = []
    left_out: dict[str, list[str]] = {}
    for f in findings:
        if (f.code, f.key) in unchecked:
            left_out.setdefault(f.sheet, []).append(f.code)
            continue
        out.append(f)
    for table in layout.tables:
        codes = left_out.get(table.sheet)
        if codes:
            out.append(make("IMPORT-UNCHECKED", file=file, sheet=table.sheet, table=f"表{table.number}",
                            count=len(codes), codes="、".join(dict.fromkeys(codes))))
    return out


# -- narrative, office and year -----------------------------------------------------------------

_OVERVIEW_KEYS = {"一": "overview.active", "二": "overview.request", "三": "overview.management",
                  "四": "overview.platform", "五": "overview.supervision"}


def _texts(w: Walk) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    current = "overview.active"
    intro: list[str] = []
    started = False
    for line in w.parts["一"]:
        m = _SUB_RE.match(nfkc(line))
        if m and m.group(1) in _OVERVIEW_KEYS:
            rest = m.group(2).strip()
            head, sep, content = rest.partition("。")
            if sep and len(head) <= 24:
                body = content.strip()
            elif len(rest) <= 30:
                body = ""
            else:
                body = rest
            current = _OVERVIEW_KEYS[m.group(1)]
            started = True
            texts.setdefault(current, [])
            if body:
                texts[current].append(body)
            continue
        (texts.setdefault(current, []) if started else intro).append(line)
    if intro:
        texts["overview.active"] = intro + texts.get("overview.active", [])
    texts["problems"] = list(w.parts["五"])
    texts["other"] = list(w.parts["六"])
    return {k: "\n".join(v).strip() for k, v in texts.items() if "\n".join(v).strip()}


_OFFICE_RE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:街道办事处|镇人民政府|乡人民政府|县人民政府|区人民政府|市人民政府))")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")


def _office_from_text(lines: Iterable[str]) -> str:
    found: Counter[str] = Counter()
    for line in lines:
        for m in _OFFICE_RE.finditer(nfkc(line)):
            name = m.group(1)
            if name[0] in "本我该各全此在对由其即":
                continue
            found[name] += 1
    return found.most_common(1)[0][0] if found else ""


def _year_from_text(lines: Iterable[str]) -> int | None:
    found: Counter[int] = Counter()
    for line in lines:
        for m in _YEAR_RE.finditer(nfkc(line)):
            found[int(m.group(1))] += 1
    if not found:
        return None
    top = max(found.values())
    return min(y for y, n in found.items() if n == top)


# -- the entry points ---------------------------------------------------------------------------


def import_blocks(blocks: Sequence[Block], *, file: str = "", year: int | None = None,
                  office: str | None = None, source: str = "text") -> FileResult:
    """A ``FileResult`` (kind "published") from the blocks of a published report."""
    w = walk_blocks(blocks)
    findings: list[Finding] = []
    narrative = [line for part in _TEXT_PARTS for line in w.parts[part]]
    the_year = _year_of(w, year, narrative, file, findings)
    the_office = _office_of(w, office, narrative, file, findings)

    found = _tables_found(w)
    fmt = _detect_format(w, the_year)
    layout = fmt.layout
    extra: dict[str, Any] = {"source": source, "format": layout.format, "variant": layout.variant,
                             "tables_found": [f"表{layout.table(k).number}" for k in found]}
    if not found and not _looks_like_report(w):
        # neither a title nor a table heading: not an annual report at all
        findings.append(make("IMPORT-NO-TABLES", file=file))
        return FileResult(path=file, report=None, findings=tuple(findings), kind="unreadable", extra=extra)
    # else an annual report whose tables are all missing (published as images): its text is imported,
    # and each table is reported missing below
    if fmt.guessed:
        findings.append(make("IMPORT-FORMAT-GUESS", file=file, name=layout.name))

    b = _interpret_tables(w, fmt, file)
    findings += b.findings
    texts = _texts(w)
    findings += _completeness(fmt, the_year, the_office, texts, file)

    info = {"office": the_office, "year": str(the_year) if the_year is not None else ""}
    report = Report(layout=layout, inputs=b.inputs, stated=b.stated, info=info, texts=texts)
    findings += _without_unchecked(validate_report(report, file), layout, b.unread, file)
    return FileResult(path=file, report=report, findings=tuple(findings), kind="published", extra=extra)


def _tables_found(w: Walk) -> list[str]:
    """The keys of the tables the page has rows of."""
    return [k for k in ("t2", "t3", "t4") if k in w.regions and w.regions[k].segments]


def _looks_like_report(w: Walk) -> bool:
    """Whether the page has the title of an annual report or the heading of one of its tables."""
    return bool(w.title or w.headings & set(_TABLE_OF_PART))


def _year_of(w: Walk, year: int | None, narrative: Sequence[str], file: str, findings: list[Finding]) -> int | None:
    """The report's year: as given, else from the title, else the year its text names most (a finding)."""
    if year is not None:
        return year
    if w.year is not None:
        return w.year
    found = _year_from_text(narrative)
    if found is not None:
        findings.append(make("IMPORT-FROM-TEXT", file=file, what="报告年度", actual=found))
    return found


def _office_of(w: Walk, office: str | None, narrative: Sequence[str], file: str, findings: list[Finding]) -> str:
    """The office: as given, else from the title, else the office its text names most (a finding)."""
    given = (office or "").strip() or w.office
    if given:
        return given
    found = _office_from_text(narrative)
    if found:
        findings.append(make("IMPORT-FROM-TEXT", file=file, what="单位名称", actual=found))
    return found


@dataclass(frozen=True)
class _Format:
    """The format a page is read in: ``fmt`` from the words of table 三, else of table 二, else from the
    year (``guessed``); ``t2`` the format table 二's own words show, if any; ``layout`` with the variant."""

    fmt: str
    t2: str | None
    guessed: bool
    layout: LayoutSpec


def _detect_format(w: Walk, the_year: int | None) -> _Format:
    f2, f3 = _format_of("t2", w.regions.get("t2")), _format_of("t3", w.regions.get("t3"))
    fmt = f3 or f2
    guessed = fmt is None
    if fmt is None:
        fmt = format_for_year(the_year) if the_year is not None else latest()
    return _Format(fmt, f2, guessed, get_layout(fmt, _variant_of(fmt, w.regions)))


def _interpret_tables(w: Walk, fmt: _Format, file: str) -> _Builder:
    """Each table of the layout read from its region: the figures and the findings."""
    layout = fmt.layout
    b = _Builder(layout, file)
    for table in layout.tables:
        region = w.regions.get(table.key)
        other = fmt.t2 if table.key == "t2" else None  # 表二 is where formats differ most, and reports mix them
        if other is not None and other != fmt.fmt and region is not None and not _same_table(other, table):
            _interpret_other_format(b, table, region, other)
        elif region is None or not region.segments:
            b.add("IMPORT-MISSING-TABLE", table)
            b.missing(table.cells)
        elif table.key == "t4":
            _interpret_t4(b, table, region)
        else:
            _interpret_rows(b, table, region)
    return b


def _interpret_other_format(b: _Builder, table: TableSpec, region: Region, other: str) -> None:
    """A table printed in the layout of format ``other``: its figures carried over where the format
    declares how, else the table is reported as of another format and left blank."""
    same = carried_over(b.layout, other)
    if same:
        _interpret_earlier(b, table, region, other, same)
    else:
        b.findings.append(make("IMPORT-MIXED-FORMAT", file=b.file, sheet=table.sheet,
                               other=get_layout(other).name, name=b.layout.name))
        b.missing(table.cells)


def _completeness(fmt: _Format, the_year: int | None, the_office: str, texts: dict[str, str],
                  file: str) -> list[Finding]:
    """What the report lacks or does not agree with: its year (or a year of another format), its office,
    and each narrative part without text."""
    layout = fmt.layout
    out: list[Finding] = []
    if the_year is None:
        out.append(make("IMPORT-NO-YEAR", file=file))
    elif format_for_year(the_year) != fmt.fmt:
        out.append(make("IMPORT-FORMAT-YEAR", file=file, year=the_year, name=layout.name,
                        expected=get_layout(format_for_year(the_year)).name))
    if not the_office:
        out.append(make("IMPORT-NO-OFFICE", file=file))
    for sec_part, heading in (("一", PART_HEADINGS["一"]), ("五", PART_HEADINGS["五"]), ("六", PART_HEADINGS["六"])):
        keys = [s.key for s in layout.text_sections if s.part == sec_part]
        if not any(texts.get(k) for k in keys):
            out.append(make("IMPORT-MISSING-PART", file=file, heading=heading))
    return out


def import_source(data: bytes | str, kind: str, *, file: str = "", year: int | None = None,
                  office: str | None = None) -> FileResult:
    """Import a published report given as text/bytes of ``kind`` ("text", "markdown", "html", "docx")."""
    try:
        blocks = read_blocks(data, kind)
        return import_blocks(blocks, file=file, year=year, office=office, source=kind)
    except UnreadableSource as exc:
        return _unreadable(file, str(exc))
    except Exception as exc:  # the last guard: one bad file must not stop an import of many
        return _unreadable(file, f"读取时出错（{type(exc).__name__}），文件可能已损坏")


def import_file(path: Path | str, *, year: int | None = None, office: str | None = None) -> FileResult:
    """Import one published report file (.txt, .md, .html, .docx); never raises on bad input."""
    path = Path(path)
    try:
        data = read_regular(path, MAX_IMPORT_BYTES)  # a FIFO or a device is refused, never waited on
    except NotRegularFile as exc:
        return _unreadable(str(path), exc.reason)
    except OSError as exc:
        return _unreadable(str(path), exc.strerror or type(exc).__name__)
    if len(data) > MAX_IMPORT_BYTES:
        return _unreadable(str(path), f"文件过大（超过 {MAX_IMPORT_BYTES // (1024 * 1024)} MB）")
    try:
        kind = source_kind(path, data)
    except UnreadableSource as exc:
        return _unreadable(str(path), str(exc))
    return import_source(data, kind, file=str(path), year=year, office=office)


def _unreadable(file: str, reason: str) -> FileResult:
    finding = make("IMPORT-UNREADABLE", file=file, reason=reason)
    return FileResult(path=file, report=None, findings=(finding,), kind="unreadable")



@dataclass(frozen=True)
class Imported:
    """One imported file: what was read, and the workbook written from it (``None`` if none)."""

    result: FileResult
    output: Path | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.result.to_dict(), "source": self.result.extra.get("source", ""),
                "output": str(self.output) if self.output else None}


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
            output = write_workbook(target, report.layout, report=report, blank_inputs=missing)
        done.append(Imported(result, output))
    return done
