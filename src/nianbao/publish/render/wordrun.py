"""GB/T 9704-2012's page and the runs and paragraphs of the published report's Word document: the text
block, the 22 × 28 grid (its line pitch and how close the characters are set), a run's fonts and size, and
indents in characters."""

from __future__ import annotations

import math
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# -- GB/T 9704-2012 ---------------------------------------------------------------------------------
PAGE_MM = (210.0, 297.0)  # A4
TOP_MM, LEFT_MM = 37.0, 28.0  # 天头, 订口
BLOCK_MM = (156.0, 225.0)  # 版心 (width, height)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22.0, 16.0, 14.0  # 2号, 3号, 4号
PAGE_NUMBER_GAP_MM = 7.0  # 页码 below the text block
FONT_LATIN = "Times New Roman"


def _mm_pt(mm: float) -> float:
    return mm / 25.4 * 72


def line_pitch_twips() -> int:
    """The line pitch of the grid: the text block's height over 22 lines, in twentieths of a point, rounded
    down so that 22 lines fit (225 mm: 579)."""
    return math.floor(_mm_pt(BLOCK_MM[1]) * 20 / LINES_PER_PAGE)


def char_pitch_pt() -> float:
    """The character pitch: the text block's width over 28 characters (156 mm: 15.79 pt, a little less than
    the 16 pt of 3号)."""
    return _mm_pt(BLOCK_MM[0]) / CHARS_PER_LINE


def char_spacing() -> int:
    """How much closer than 3号's 16 pt the characters are set so that 28 fit on a line, in twentieths of a
    point (``w:spacing`` of a run: -5, i.e. 15.75 pt a character for the 15.79 pt of the block).

    A character grid (``w:docGrid w:type="linesAndChars"`` with a negative ``w:charSpace``) does the same
    in Word and WPS, but LibreOffice then gives every character two cells of the grid (18 a line): the
    spacing of the characters themselves is laid out alike by all three."""
    return -math.ceil((BODY_PT - char_pitch_pt()) * 20)


# -- runs and paragraphs -------------------------------------------------------------------------------


def set_run_font(run: Run, east_asian: str, size_pt: float | None = None, *, bold: bool = False) -> None:
    font = run.font
    font.name = FONT_LATIN
    if size_pt is not None:
        font.size = Pt(size_pt)
    font.bold = bold
    if size_pt is not None and size_pt != BODY_PT:  # set as its size says, not closer as 3号 text
        set_spacing(run._element.get_or_add_rPr(), 0)
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:ascii"), FONT_LATIN)
    rfonts.set(qn("w:hAnsi"), FONT_LATIN)


def set_spacing(rpr: Any, twentieths: int) -> None:
    """``w:spacing`` of a run property (the characters set closer or wider), before its ``w:sz`` as the
    schema orders them."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        size = rpr.find(qn("w:sz"))
        if size is not None:
            size.addprevious(spacing)
        else:
            rpr.append(spacing)
    spacing.set(qn("w:val"), str(twentieths))


def no_grid(p: Paragraph) -> None:
    """The paragraph does not snap to the document grid (a title or a table cell: not 3号 text)."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(snap)


def indent_chars(p: Paragraph, first_line: float = 0, left: float = 0, right: float = 0) -> None:
    """Indents in characters of the grid (Word's 首行缩进 2 字符), with the same in points for programs that
    read only those."""
    pf = p.paragraph_format
    pitch = char_pitch_pt()
    if first_line:
        pf.first_line_indent = Pt(first_line * pitch)
    if left:
        pf.left_indent = Pt(left * pitch)
    if right:
        pf.right_indent = Pt(right * pitch)
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    for attr, chars in (("w:firstLineChars", first_line), ("w:leftChars", left), ("w:rightChars", right)):
        if chars:
            ind.set(qn(attr), str(round(chars * 100)))
