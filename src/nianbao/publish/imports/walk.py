"""The walk over a source's blocks: the title, the narrative parts and the regions of the tables.

A region is keyed by its table's number ("二", "三", "四", the numeral of its part heading); its rows become
*segments*: the labels of a row and the value cells that follow them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from nianbao.form.common import PART_HEADING_VARIANTS, PART_HEADINGS
from nianbao.form.published import (
    ACTIVE,
    APPLICATIONS,
    CASES,
    CONTACT_LINE,
    NOT_A_TITLE_NAME,
    OVERVIEW,
    PART_NUMERAL,
    SENTENCE,
    SIGNATURE_DATE,
    SUB_HEADING,
    T2_CAPTION_START,
    T2_LOOSE_MARKER,
    T2_ROW_WORDS,
    T3_MARKERS,
    T3_ROW_WORDS,
    T4_LOOSE_MARKERS,
    T4_MARKERS,
    TITLE_OFFICE_TRIM,
    TITLE_PATTERNS,
)
from nianbao.publish.imports.blocks import Block, Line
from nianbao.publish.imports.runs import GLUED
from nianbao.publish.imports.shape import table_parts, text_parts, widest_row
from nianbao.publish.imports.tokens import WS, Token, canon, is_value, nfkc, parse_token
from nianbao.wording import publish as words

_HEADING_CORES = {numeral: (heading.split("、", 1)[1], *PART_HEADING_VARIANTS.get(numeral, ()))
                  for numeral, heading in PART_HEADINGS.items()}
_HEADING_RES = {
    numeral: re.compile(r"^\s*(?:" + PART_NUMERAL + r"\s*)?(?:"
                        + "|".join(r"\s*".join(map(re.escape, core)) for core in cores) + r")\s*[:：]?")
    for numeral, cores in _HEADING_CORES.items()
}
_TITLE_RES = tuple(re.compile(p) for p in TITLE_PATTERNS)  # canonical text -> (office, year)
_NOT_A_NAME = re.compile(NOT_A_TITLE_NAME)
_OFFICE_TRIM = re.compile(TITLE_OFFICE_TRIM)
#: the note a forced document carries (render's FORCED_NOTE and its error lines): not part of the report
_NOTE_RE = re.compile(words.FORCED_NOTE_START)
_NOTE_LINE_RE = re.compile(words.FORCED_NOTE_LINE)
#: what a rendered document prints under a part without text (render's EMPTY_PART): not text of the report
_EMPTY_PART = canon(words.EMPTY_PART)
#: what an organ's line of a 落款 never holds (a sentence's punctuation); its date line: form.published
_NOT_AN_ORGAN = re.compile(r"[。,;:!?、]")
_CONTACT_LINE = re.compile(CONTACT_LINE)


def _title(c: str) -> tuple[str, int] | None:
    """(office, year) when the canonical line ``c`` is the report's title."""
    if len(c) > 80:
        return None
    for pattern in _TITLE_RES:
        m = pattern.match(c)
        if m and not _NOT_A_NAME.search(m.group("office")):
            return _OFFICE_TRIM.sub("", m.group("office")), int(m.group("year"))
    return None
SUB_RE = re.compile(SUB_HEADING)


@dataclass
class Segment:
    """The labels of one table row and the values that follow them."""

    labels: list[str]
    values: list[Token]
    origin: str  # "text" (a flattened line stream) or "row" (a table row with real cells)
    #: where lines of text ended among the labels (indices into ``labels``), before the row's numbers
    breaks: tuple[int, ...] = ()
    #: the labels are those of the line or header row just above (a row of cells without labels of its own)
    borrowed: bool = False

    @property
    def own_labels(self) -> list[str]:
        return [] if self.borrowed else self.labels

    @property
    def label(self) -> str:
        return canon("".join(self.labels))

    def lines_before(self) -> list[str]:
        """The labels of each line of text before the one that holds the row's own label (canonical)."""
        cuts = (0, *self.breaks)
        return [canon("".join(self.labels[a:b])) for a, b in pairwise(cuts)]

    @property
    def shown(self) -> str:
        """The labels as a user would recognise them (for messages)."""
        text = " ".join(WS.sub("", nfkc(lb)) for lb in self.labels if lb.strip())
        return text if len(text) <= 60 else "…" + text[-59:]


@dataclass
class Region:
    segments: list[Segment] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # canonical label-only rows (for "小计", fee header)
    text: list[str] = field(default_factory=list)  # canonical text of everything seen (format detection)
    notes: list[str] = field(default_factory=list)  # sentences printed among the rows (not read as data)
    #: the labels of the last header (labels without values), while no segment has followed it
    pending: list[str] = field(default_factory=list)

    def header(self, labels: list[str]) -> None:
        self.headers.append(canon("".join(labels)))
        self.pending = list(labels)

    def segment(self, seg: Segment) -> None:
        self.segments.append(seg)
        self.pending = []


@dataclass
class Walk:
    title: str = ""
    office: str = ""
    year: int | None = None
    regions: dict[str, Region] = field(default_factory=dict)
    parts: dict[str, list[str]] = field(default_factory=lambda: {p: [] for p in text_parts()})
    headings: set[str] = field(default_factory=set)
    #: the paragraphs before 一、总体情况 (依据《条例》…, which offices a summary covers): not text of 一
    opening: list[str] = field(default_factory=list)
    #: the 落款 after the last part: the organ, then the date
    signature: list[str] = field(default_factory=list)


def _heading(line: str) -> tuple[str, str] | None:
    """(part numeral, rest of the line) when ``line`` is one of the six part headings."""
    text = nfkc(line).strip()
    for numeral, pattern in _HEADING_RES.items():
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end():].strip()
        has_numeral = bool(re.match(r"^\s*" + PART_NUMERAL, text))
        if numeral in table_parts() and rest:
            continue  # a table heading stands alone on its line
        if not has_numeral and len(rest) > 0:
            continue  # without its numeral, only a bare heading line counts
        return numeral, rest
    return None


def _marker_table(c: str, *, strict: bool = False) -> str | None:
    """The table a header line or row announces (canonical text). ``strict``: only the markers that
    narrative text does not use (when leaving a narrative part without a table heading)."""
    if any(m in c for m in T3_MARKERS):
        return APPLICATIONS
    if any(m in c for m in T4_MARKERS) or (not strict and all(m in c for m in T4_LOOSE_MARKERS)):
        return CASES
    if c.startswith(T2_CAPTION_START) or (not strict and T2_LOOSE_MARKER in c):
        return ACTIVE
    return None


@dataclass
class _WalkState:
    """Where a walk over the blocks is: the part or table region it is in (a numeral of a narrative part,
    or the number of a table, "二"/"三"/"四"), the labels and values of a table row read from lines of text so far, and whether
    it is inside the note of a forced document."""

    walk: Walk = field(default_factory=Walk)
    state: str = OVERVIEW  # text before any heading is part 一 (pages often start with its sub-sections)
    labels: list[str] = field(default_factory=list)
    values: list[Token] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # where lines ended among ``labels``
    in_note: bool = False
    #: the line just walked when it went into the opening: a title's first line, if the next one ends it
    prev_opening: str = ""

    @property
    def in_table(self) -> bool:
        return self.state in table_parts()


def walk_blocks(blocks: Iterable[Block]) -> Walk:
    """The title, the narrative parts and the table regions of ``blocks``, in one pass."""
    st = _WalkState()
    for block in blocks:
        if isinstance(block, Line):
            _walk_line(st, block.text.strip())
        else:
            st.prev_opening = ""
            _walk_row(st, list(block.cells))
    _flush(st)
    _settle(st)
    return st.walk


def _narrative(st: _WalkState, line: str) -> None:
    """A line of narrative: of the part the walk is in, or before the first part heading, the opening."""
    if st.walk.headings:
        st.walk.parts[st.state].append(line)
    else:
        st.walk.opening.append(line)


def _settle(st: _WalkState) -> None:
    """After the last block: the opening is 一's text when the page has no heading of 一 (it starts with its
    sub-sections); the 落款 is taken off the end of the last part."""
    w = st.walk
    if OVERVIEW not in w.headings:
        w.parts[OVERVIEW][:0] = w.opening
        w.opening = []
    last = w.parts.get(st.state)
    if last:
        w.signature = _take_signature(last, w.office)


def _take_signature(lines: list[str], office: str) -> list[str]:
    """The 落款 at the end of ``lines`` (removed from them): a date line, with the organ's line before it,
    or the office's name alone; the lines of contacts (联系人：… 联系电话：…) right after it or before it go
    with it, after the date."""
    contacts = _take_contacts(lines)
    signed = _take_signed(lines, office) if lines else []
    contacts = (_take_contacts(lines) if signed and lines else []) + contacts
    if not signed and contacts and lines:  # contact lines not by a 落款: the part's text, as printed
        lines += contacts
        contacts = []
    return signed + contacts


def _take_contacts(lines: list[str]) -> list[str]:
    """The lines of contacts at the end of ``lines`` (at most two), removed from them."""
    n = 0
    while n < min(2, len(lines) - 1) and _CONTACT_LINE.match(canon(lines[-1 - n])):
        n += 1
    taken = lines[len(lines) - n:] if n else []
    del lines[len(lines) - n:]
    return taken


def _take_signed(lines: list[str], office: str) -> list[str]:
    """The organ and date lines at the end of ``lines``, removed from them."""
    c = [canon(line) for line in lines[-2:]]
    n = 0
    if SIGNATURE_DATE.match(c[-1]):
        n = 2 if len(c) == 2 and 2 <= len(c[0]) <= 30 and not _NOT_AN_ORGAN.search(c[0]) else 1
    elif office and c[-1] == canon(office):
        n = 1
    taken = lines[len(lines) - n:] if n else []
    del lines[len(lines) - n:]
    return taken


def _region(w: Walk, key: str) -> Region:
    return w.regions.setdefault(key, Region())


def _flush(st: _WalkState) -> None:
    """End the table row read from lines of text: a segment if it has values, else a header."""
    if st.in_table:
        if st.values:
            breaks = tuple(i for i in st.breaks if 0 < i < len(st.labels))
            _region(st.walk, st.state).segment(Segment(st.labels, st.values, "text", breaks=breaks))
        elif st.labels:
            _region(st.walk, st.state).header(st.labels)
    st.labels, st.values, st.breaks = [], [], []


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
    prev, st.prev_opening = st.prev_opening, ""
    if _take_title(st.walk, line, c) or _take_split_title(st.walk, prev, line) or _in_note(st, c) \
            or c == _EMPTY_PART:
        return
    head = _heading(line)
    if head is not None:
        _enter_part(st, *head)
        return
    short = "。" not in c and len(c) <= 120
    if short or st.in_table:
        _switch(st, _marker_table(c, strict=not st.in_table))
    if st.in_table and is_sentence(c):
        _flush(st)
        _region(st.walk, st.state).notes.append(line)  # a note or narrative beside the table: not its data
    elif st.in_table:
        _region(st.walk, st.state).text.append(c)
        _stream_tokens(st, line)
        if not st.values:
            st.breaks.append(len(st.labels))
    else:
        _narrative(st, line)
        if not st.walk.headings:
            st.prev_opening = line


#: what a table's labels print in brackets (a note such as （区分处理的，只计这一情形，不计其他情形）, even when
#: a line break cut it), which may hold commas; and what only a sentence prints: its punctuation, a year
_BRACKETED = re.compile(r"\([^()]*(?:\)|$)|^[^()]*\)")
_SENTENCE = re.compile(SENTENCE)


def is_sentence(c: str) -> bool:
    """Whether the canonical line ``c`` is a sentence of narrative (``2020年，本机关…``), not a table's
    labels and numbers."""
    return bool(_SENTENCE.search(_BRACKETED.sub("", c)))


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


def _take_split_title(w: Walk, prev: str, line: str) -> bool:
    """Whether ``prev`` (the opening's last line) and ``line`` together are the title printed over two lines
    (测试县2025年 / 政府信息公开工作年度报告（全县汇总）): ``prev`` is then taken off the opening."""
    if w.title or not prev or len(canon(prev)) > 40 or not w.opening or w.opening[-1] != prev:
        return False
    if not _take_title(w, prev + line, canon(prev + line)):
        return False
    w.opening.pop()
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
    st.state = numeral
    if st.in_table:
        _region(st.walk, st.state)
    elif rest:
        st.walk.parts[st.state].append(rest)


def _stream_tokens(st: _WalkState, line: str) -> None:
    """The words of a line inside a table region: labels, then numbers; a label after numbers starts
    the next row."""
    for word in line.split():
        glued = None if is_value(word) else GLUED.match(word)
        for tok in (glued.group("label"), glued.group("run")) if glued else (word,):
            _stream_token(st, tok)


def _stream_token(st: _WalkState, tok: str) -> None:
    if is_value(tok):
        st.values.append(parse_token(tok))
        return
    if st.values:
        _flush(st)
    st.labels.append(tok)


def _walk_row(st: _WalkState, cells: list[str]) -> None:
    """One table row: a segment (or header) of the table region it belongs to, or narrative text."""
    joined = canon("".join(cells))
    if not joined and not (st.in_table and len(cells) >= widest_row()):  # 表四's data row may be all blank
        return
    filled = [c for c in cells if c.strip()]
    if len(filled) == 1 and cells[0].strip() and (_heading(cells[0]) is not None or _title(canon(cells[0]))):
        _walk_line(st, cells[0].strip())  # a heading or the title with a stray separator after it
        return
    _switch(st, _marker_table(joined))
    if not st.in_table:
        # a table outside the table parts: recognise it by its rows' labels later; park it in t3
        # only if it looks like table 三, else keep its text as narrative
        guess = _guess_table(joined)
        if guess is None:
            _narrative(st, " ".join(c.strip() for c in cells if c.strip()))
            return
        _flush(st)
        st.state = guess
    _flush(st)
    reg = _region(st.walk, st.state)
    reg.text.append(joined)
    _add_row(reg, cells)


def _add_row(reg: Region, cells: list[str]) -> None:
    """A table row: a segment if it has values, else a header (labels only). A row of values without
    labels takes those of the header just above it (a label printed on its own line)."""
    labels, values = _split_row(cells)
    blank_t4_row = not labels and len(values) >= widest_row()  # an office without cases
    if values and (labels or blank_t4_row or any(t.kind != "blank" for t in values)):
        if not labels and reg.pending:
            reg.segment(Segment(reg.pending, values, "row", borrowed=True))
        else:
            reg.segment(Segment(labels, values, "row"))
    else:
        reg.header(labels)


def _split_row(cells: list[str]) -> tuple[list[str], list[Token]]:
    """The labels of a table row and the values after them."""
    first = next((k for k, c in enumerate(cells) if c.strip()), len(cells))
    if first < len(cells) and not is_value(cells[first]):
        cells = cells[first:]  # blank cells left of a label (a rowspan's column): not values
    # else blank cells before the first number are blank values in their columns (表四's data row)
    labels, i = _row_labels(cells)
    return labels, [parse_token(x) for x in cells[i:]]


def _row_labels(cells: Sequence[str]) -> tuple[list[str], int]:
    """The label cells at the start of a row, and the index of the first value cell."""
    labels: list[str] = []
    i = 0
    while i < len(cells) and not is_value(cells[i]):
        if not cells[i].strip():
            # a blank cell between labels (an unmerged table): skip it when a label follows
            j = next((j for j in range(i, len(cells)) if cells[j].strip()), len(cells))
            if j == len(cells) or is_value(cells[j]) or not _CJK.search(cells[j]):
                break
            i = j
            continue
        labels.append(cells[i])
        i += 1
    return labels, i


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _guess_table(c: str) -> str | None:
    if any(w in c for w in T3_ROW_WORDS):
        return APPLICATIONS
    if any(w in c for w in T2_ROW_WORDS):
        return ACTIVE
    return None

