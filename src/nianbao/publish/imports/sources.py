"""Which kind a source is, and its blocks: plain text, Markdown, HTML or Word."""

from __future__ import annotations

import re
from pathlib import Path

from nianbao.form import published
from nianbao.publish.imports.blocks import Block, Line, Row, UnreadableSource, decode, text_block
from nianbao.publish.imports.markup import docx_blocks, html_blocks
from nianbao.publish.imports.pdf import pdf_blocks
from nianbao.wording import publish as words

SOURCE_KINDS = ("text", "markdown", "html", "docx", "pdf")
_SUFFIX_KIND = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                ".htm": "html", ".xhtml": "html", ".docx": "docx",
                ".pdf": "pdf"}


def source_kind(path: Path, data: bytes) -> str:
    kind = _SUFFIX_KIND.get(path.suffix.lower())
    if kind:
        return kind
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:2] == b"PK":
        return "docx"
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UnreadableSource(words.OLD_WORD_FILE)
    head = decode(data[:2000]).lstrip().lower()
    if head.startswith("<") and ("<html" in head or "<table" in head or "<!doctype" in head or "<p" in head):
        return "html"
    return "text"


def read_blocks(data: bytes | str, kind: str) -> list[Block]:
    """The blocks of a source of ``kind`` ("text", "markdown", "html", "docx" or "pdf")."""
    if kind in ("docx", "pdf"):
        if isinstance(data, str):
            raise UnreadableSource(words.BINARY_EXPECTED)
        return docx_blocks(data) if kind == "docx" else pdf_blocks(data)
    text = data if isinstance(data, str) else decode(data)
    if kind == "html":
        return without_site_chrome(html_blocks(text))
    if kind == "markdown":
        return without_site_chrome(_markdown_blocks(text))
    return without_site_chrome([text_block(line) for line in text.splitlines()])


def without_site_chrome(blocks: list[Block]) -> list[Block]:
    """``blocks`` up to a web page's footer (【打印本页】, 主办：…, 网站标识码, ICP备…) after the last part, as a
    report copied or saved from a government site carries it; chrome lines before it are dropped."""
    chrome, last = re.compile(published.SITE_CHROME), re.compile(published.LAST_PART_START)
    out: list[Block] = []
    in_last = False
    for block in blocks:
        if isinstance(block, Line):
            if chrome.search(block.text):
                if in_last:
                    break
                continue
            in_last = in_last or bool(last.match(block.text))
        out.append(block)
    return out


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
