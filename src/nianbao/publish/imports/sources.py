"""Which kind a source is, and its blocks: plain text, Markdown, HTML or Word."""

from __future__ import annotations

import re
from pathlib import Path

from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource, decode
from nianbao.publish.imports.markup import docx_blocks, html_blocks

SOURCE_KINDS = ("text", "markdown", "html", "docx")
_SUFFIX_KIND = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                ".htm": "html", ".xhtml": "html", ".docx": "docx"}


def source_kind(path: Path, data: bytes) -> str:
    kind = _SUFFIX_KIND.get(path.suffix.lower())
    if kind:
        return kind
    if data[:2] == b"PK":
        return "docx"
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UnreadableSource("这是旧版 Word（.doc）文件，请先另存为 .docx")
    head = decode(data[:2000]).lstrip().lower()
    if head.startswith("<") and ("<html" in head or "<table" in head or "<!doctype" in head or "<p" in head):
        return "html"
    return "text"


def read_blocks(data: bytes | str, kind: str) -> list[Block]:
    """The blocks of a source of ``kind`` ("text", "markdown", "html" or "docx")."""
    if kind == "docx":
        if isinstance(data, str):
            raise UnreadableSource("Word 文件应以二进制读取")
        return docx_blocks(data)
    text = data if isinstance(data, str) else decode(data)
    if kind == "html":
        return html_blocks(text)
    if kind == "markdown":
        return _markdown_blocks(text)
    return [text_block(line) for line in text.splitlines()]


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


#: a backslash escape of Markdown (CommonMark: any ASCII punctuation), as ``render`` writes typed text
_MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _markdown_blocks(text: str) -> list[Block]:
    out: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if "|" in line:
            block = text_block(line)
            if isinstance(block, Row):
                out.append(block)
                continue
            line = block.text
        line = re.sub(r"^(#+|>+)\s*", "", line)
        line = line.replace("**", "").replace("__", "")
        out.append(Line(_MD_ESCAPED.sub(r"\1", line)))
    return out
