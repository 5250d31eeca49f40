"""A source in document order: lines of text and table rows (the cell texts of a row)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]


Block = Line | Row


class UnreadableSource(Exception):
    """The file cannot be read at all (reported as IMPORT-UNREADABLE)."""


def decode(data: bytes) -> str:
    """A text file's characters: UTF-16 with its byte-order mark (Windows Notepad's "Unicode"), UTF-8 (with
    or without one), else GB18030 (GBK and GB2312 files of Chinese Windows)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_PIPE = re.compile(r"(?<!\\)\|")


def text_block(line: str) -> Block:
    """A line of plain text: a row of cells when it is a table row saved as text, its cells separated by
    ``|`` (a web page's table as text or Markdown) or by tabs (a table copied from a browser or Word);
    blank cells are kept, so that every number stays in its column. Else a line."""
    if "|" in line:
        if _MD_SEPARATOR.match(line):
            return Line("")
        cells = _PIPE.split(line.strip())
        if len(cells) > 1 and not cells[0].strip():
            cells = cells[1:]  # the border before the first cell
        if len(cells) > 1 and not cells[-1].strip():
            cells = cells[:-1]  # the border after the last one
        return _cells([c.strip().replace("\\|", "|") for c in cells])
    if "\t" in line.strip(" \r\n"):
        return _cells([c.strip() for c in line.rstrip("\r\n").split("\t")])
    return Line(line)


def _cells(cells: list[str]) -> Block:
    """A row of ``cells``, all kept (a blank at the end is a blank cell); a line when there is one cell."""
    return Row(tuple(cells)) if len(cells) > 1 else Line(cells[0] if cells else "")


_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
