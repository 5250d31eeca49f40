"""A source in document order: lines of text and table rows (the cell texts of a row)."""

from __future__ import annotations

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
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")

