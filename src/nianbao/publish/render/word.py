"""The published report as a Word document laid out as GB/T 9704-2012 (党政机关公文格式) prescribes.

A4; top margin (天头) 37 mm, left margin (订口) 28 mm, a text block (版心) of 156 × 225 mm; 22 lines of 28
characters (a document grid whose line pitch and character pitch are computed from the text block); the
title in 2号 方正小标宋简体, the body in 3号 仿宋_GB2312, first-level headings in 黑体, second-level in
楷体_GB2312; page numbers in 4号 半角宋体 "— 1 —", 7 mm below the text block, odd pages on the right and even
pages on the left, one character in. ``COMMON_FONTS`` names the fonts every Chinese Windows has (宋体 in
bold for the title, 仿宋, 楷体) for a machine without the 公文 fonts; with ``GB_FONTS`` the document's font
table names those as the fonts to use when the 公文 fonts are missing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from nianbao.form.model import Report
from nianbao.form.published import BODY_FONT, FANGSONG, HEADING_FONT, KAITI, SONGTI, SUBHEADING_FONT, TITLE_FONT
from nianbao.publish.render.content import Block, BlockKind, text_width
from nianbao.publish.render.wordrun import (
    BLOCK_MM,
    BODY_PT,
    FONT_LATIN,
    LEFT_MM,
    PAGE_MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_PT,
    TITLE_PT,
    TOP_MM,
    char_spacing,
    indent_chars,
    line_pitch_twips,
    no_grid,
    set_run_font,
    set_spacing,
)
from nianbao.publish.render.wordtable import docx_table
from nianbao.wording import publish as words


@dataclass(frozen=True)
class FontSet:
    """The fonts of one document: east Asian font names as Word knows them."""

    title: str
    title_bold: bool
    body: str
    heading: str  # 一、
    subheading: str  # （一）
    table: str
    page_number: str


GB_FONTS = FontSet(TITLE_FONT, False, BODY_FONT, HEADING_FONT, SUBHEADING_FONT, SONGTI, SONGTI)
COMMON_FONTS = FontSet(SONGTI, True, FANGSONG, HEADING_FONT, KAITI, SONGTI, SONGTI)
#: for the font table: each 公文 font, the common font that stands in for it, its family and panose
_STAND_INS = {
    TITLE_FONT: (SONGTI, "roman", "02000000000000000000"),
    BODY_FONT: (FANGSONG, "modern", "02010609030101010101"),
    SUBHEADING_FONT: (KAITI, "modern", "02010609030101010101"),
    HEADING_FONT: ("SimHei", "modern", "02010609060101010101"),
    SONGTI: ("SimSun", "auto", "02010600030101010101"),
    FANGSONG: ("FangSong", "modern", "02010609060101010101"),
    KAITI: ("KaiTi", "modern", "02010609060101010101"),
}
_GB2312_CHARSET = "86"


#: the 落款: the date's right edge from the right margin, and the least an organ centred over it keeps
DATE_RIGHT_CHARS, ORGAN_RIGHT_MIN_CHARS = 4.0, 2.0


def signature_indents(organ: str, date: str) -> tuple[float, float]:
    """The right indents, in characters, of the 落款's organ and date: the date four in (``DATE_RIGHT_CHARS``),
    the organ centred over it, both moved left when the organ would come closer than two to the edge; without
    a date, the organ four in."""
    if not date:
        return DATE_RIGHT_CHARS, 0.0
    spare = (text_width(date) - text_width(organ)) / 2  # how much further in the organ is than the date
    date_right = max(DATE_RIGHT_CHARS, ORGAN_RIGHT_MIN_CHARS - spare)
    return date_right + spare, date_right


#: a hyphen between digits (a phone number, 0396-6221234), which no line may break at
_NUMBER_HYPHEN_RE = re.compile(r"(?<=\d)-(?=\d)")


def _add_text(run: Run, text: str) -> None:
    """``text`` into ``run``, each hyphen between digits a non-breaking one (``w:noBreakHyphen``, read back as
    "-"): Word otherwise breaks a phone number at its hyphen ("0396-" / "6221234"). LibreOffice 7.4 breaks
    after a non-breaking hyphen too; only a word joiner (U+2060) stops it, which a clerk pasting the text into
    a web page would carry along, so it is not used."""
    for i, piece in enumerate(_NUMBER_HYPHEN_RE.split(text)):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run._r.append(t)


class _Writer:
    """Adds the blocks of a report to a document, in its fonts."""

    def __init__(self, doc: DocxDocument, fonts: FontSet) -> None:
        self.doc, self.fonts = doc, fonts

    def paragraph(self, text: str, font: str, *, size: float = BODY_PT, indent: float = 2, keep: bool = False,
                  bold: bool = False, color: RGBColor | None = None, style: str | None = None) -> Paragraph:
        p = self.doc.add_paragraph(style=style)
        pf = p.paragraph_format
        pf.keep_with_next = keep
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(line_pitch_twips())
        pf.space_before = pf.space_after = Pt(0)
        pf.widow_control = True
        if indent:
            indent_chars(p, first_line=indent)
        run = p.add_run()
        _add_text(run, text)
        set_run_font(run, font, size, bold=bold)
        if color is not None:
            run.font.color.rgb = color
        return p

    def title(self, lines: Sequence[str]) -> None:
        """The title, centred, its lines broken where ``title_lines`` says; then one empty line."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(round(line_pitch_twips() * 1.2))
        pf.space_before = Pt(0)
        pf.space_after = Twips(line_pitch_twips())  # 标题下空一行
        pf.keep_with_next = True
        no_grid(p)
        for i, line in enumerate(lines):
            run = p.add_run(line)
            set_run_font(run, self.fonts.title, TITLE_PT, bold=self.fonts.title_bold)
            if i + 1 < len(lines):
                run.add_break(WD_BREAK.LINE)

    def signature(self, lines: Sequence[str]) -> None:
        """落款 (GB/T 9704 7.3.5.1): one line below the text; the date with its right edge four characters in
        from the right, the organ centred over it; an organ so long that centred it would come closer than
        two characters to the right edge moves the date left with it. The last paragraph of text, the blank
        line and the organ keep with the next: the 落款 is never alone on a page."""
        if self.doc.paragraphs:
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        self.paragraph("", self.fonts.body, indent=0).paragraph_format.keep_with_next = True
        organ, date = lines[0], (lines[1] if len(lines) > 1 else "")
        for text, right in zip((organ, date), signature_indents(organ, date), strict=True):
            if text:
                p = self.paragraph(text, self.fonts.body, indent=0)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.keep_with_next = text is organ and bool(date)
                indent_chars(p, right=right)

    def block(self, b: Block, report: Report) -> None:
        f = self.fonts
        if b.kind is BlockKind.SIGNATURE:
            self.signature(b.text.split("\n"))
        elif b.kind is BlockKind.PART:
            self.paragraph(b.text, f.heading, keep=True, style=HEADING_STYLES[0])
        elif b.kind is BlockKind.SUB:
            self.paragraph(b.text, f.subheading, keep=True, style=HEADING_STYLES[1])
        elif b.kind is BlockKind.TABLE and b.table is not None:
            docx_table(self.doc, b.table, report, f.table)
        else:
            self.paragraph(b.text, f.body)


# -- the page ------------------------------------------------------------------------------------------


def _page(doc: DocxDocument, section: Section) -> None:
    """A4, the GB/T 9704 margins, the 22 × 28 grid."""
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.left_margin = Mm(TOP_MM), Mm(LEFT_MM)
    section.right_margin = Mm(PAGE_MM[0] - LEFT_MM - BLOCK_MM[0])
    section.bottom_margin = Mm(PAGE_MM[1] - TOP_MM - BLOCK_MM[1])
    # the page number's line (4号, exactly its size high) starts 7 mm below the text block
    section.footer_distance = Mm(PAGE_MM[1] - TOP_MM - BLOCK_MM[1] - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT * 25.4 / 72)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips()))


def _normal_style(doc: DocxDocument, fonts: FontSet) -> None:
    """3号 仿宋 in the document's defaults and its Normal style, the language Chinese: the character grid's
    pitch is relative to the default size (LibreOffice takes the defaults', Word the Normal style's), and
    the language picks the glyphs of a fallback font."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for rpr in ([] if defaults is None else defaults.iter(qn("w:rPr"))):
        _base_font(rpr, fonts.body)
    _base_font(doc.styles["Normal"].element.get_or_add_rPr(), fonts.body)


#: Word's built-in heading styles, so that Word's and WPS's navigation pane (and a PDF's bookmarks) list the
#: parts (一、) and their sub-items (（一）)
HEADING_STYLES = ("Heading 1", "Heading 2")


def _heading_styles(doc: DocxDocument, fonts: FontSet) -> None:
    """The heading styles in the report's fonts: 一、 in 黑体, （一） in 楷体, both 3号, neither bold nor coloured,
    on the grid's lines with no space around them, kept with the next paragraph; their outline levels (1, 2)
    as Word's own styles have them. The template's theme fonts, bold and blue colour are removed, since a
    run left to its style would show them."""
    for name, font in zip(HEADING_STYLES, (fonts.heading, fonts.subheading), strict=True):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:b", "w:bCs", "w:i", "w:iCs", "w:color"):
            for child in rpr.findall(qn(tag)):
                rpr.remove(child)
        _base_font(rpr, font)
        style.font.bold = False
        pf = style.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(line_pitch_twips())
        pf.keep_with_next = True


def _base_font(rpr: Any, east_asian: str) -> None:
    """Fonts (no theme fonts, which would win over the names), size and language of a run property."""
    el = rpr  # a w:rPr element
    children = {tag: el.find(qn(tag)) for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang")}
    for tag, child in children.items():
        if child is None:
            child = OxmlElement(tag)
            el.append(child)
            children[tag] = child
    rfonts = children["w:rFonts"]
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del rfonts.attrib[attr]
    for attr, value in (("w:ascii", FONT_LATIN), ("w:hAnsi", FONT_LATIN), ("w:eastAsia", east_asian)):
        rfonts.set(qn(attr), value)
    for tag in ("w:sz", "w:szCs"):
        children[tag].set(qn("w:val"), str(round(BODY_PT * 2)))
    set_spacing(el, char_spacing())
    children["w:lang"].set(qn("w:eastAsia"), "zh-CN")


def _page_number(p: Paragraph, font: str) -> None:
    """"— N —": the PAGE field between two 一字线, 4号 宋体."""

    def run(text: str = "") -> Run:
        r = p.add_run(text)
        set_run_font(r, font, PAGE_NUMBER_PT)
        return r

    run("— ")
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"), ("end", "")):
        r = run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r._element.append(el)
    run(" —")


def _page_numbers(doc: DocxDocument, section: Section, font: str) -> None:
    """Odd pages: the number on the right, one character in; even pages: on the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                        WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = align
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(PAGE_NUMBER_PT)
        no_grid(p)
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            pf.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            pf.left_indent = Pt(PAGE_NUMBER_PT)
        _page_number(p, font)


def _forced_header(section: Section, font: str) -> None:
    """The warning of a forced document on every page (a printed page may travel alone)."""
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(words.FORCED_HEADER)
        set_run_font(run, font, 12, bold=True)
        run.font.color.rgb = RGBColor(0xC0, 0, 0)


def _font_table(doc: DocxDocument, fonts: FontSet) -> None:
    """Declare the document's east Asian fonts in its font table, GB2312 charset, each 公文 font with the
    common font that stands in for it (``w:altName``), so that Word on a machine without 方正小标宋简体 or
    仿宋_GB2312 picks 宋体 or 仿宋 rather than a font of another script."""
    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "_blob"):
        return
    xml = part.blob.decode("utf-8")
    names = dict.fromkeys((fonts.title, fonts.body, fonts.heading, fonts.subheading, fonts.table, fonts.page_number))
    entries = []
    for name in names:
        if f'w:name="{name}"' in xml:
            continue
        alt, family, panose = _STAND_INS.get(name, ("", "auto", "00000000000000000000"))
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        entries.append(f'<w:font w:name="{name}">{alt_xml}<w:panose1 w:val="{panose}"/>'
                       f'<w:charset w:val="{_GB2312_CHARSET}"/><w:family w:val="{family}"/>'
                       '<w:pitch w:val="variable"/></w:font>')
    part._blob = re.sub(r"</w:fonts>\s*$", "".join(entries) + "</w:fonts>", xml).encode("utf-8")


# -- the document ------------------------------------------------------------------------------------


def docx_bytes(title: Sequence[str], notes: Sequence[str], blocks: Sequence[Block], report: Report, *,
               fonts: FontSet = GB_FONTS, forced: bool = False, properties: dict[str, str] | None = None) -> bytes:
    """The document: ``title`` (its lines), the forced ``notes``, the ``blocks`` of the body."""
    doc = Document()
    props = doc.core_properties
    for name, value in (properties or {}).items():
        setattr(props, name, value)
    section = doc.sections[0]
    _page(doc, section)
    _normal_style(doc, fonts)
    _heading_styles(doc, fonts)
    _font_table(doc, fonts)
    w = _Writer(doc, fonts)
    w.title(title)
    for i, note in enumerate(notes):
        w.paragraph(note, fonts.heading if i == 0 else fonts.body, size=14 if i == 0 else 10.5, indent=0,
                    bold=i == 0, color=RGBColor(0xC0, 0, 0))
    for b in blocks:
        w.block(b, report)
    _page_numbers(doc, section, fonts.page_number)
    if forced:
        _forced_header(section, fonts.heading)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
