"""The .docx as GB/T 9704-2012 lays out a document: A4, the margins and the 156 × 225 mm text block, 22 lines of
28 characters, the fonts and sizes of the title, the body, the headings and the page numbers, the title
broken between words; checked with python-docx, and (where LibreOffice Writer is installed) on the pages of
the PDF it prints."""

from __future__ import annotations

import io
import itertools
import random
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length
from docx.text.paragraph import Paragraph

from lo import convert
from nianbao.demo.synth import random_report
from nianbao.form.common import PART_HEADINGS
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.publish.render import COMMON_FONTS, Parts, render_docx, title_lines
from nianbao.publish.render.content import text_width
from test_render import HAS_WRITER, sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: a paragraph of real wording (the 柏城街道 report's 总体情况), long enough to fill many lines
PARAGRAPH = ("2021年，柏城街道办事处坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
             "围绕街道中心工作，不断加大政府信息公开力度，主动公开政府信息，规范依申请公开办理流程，保障人民群众的知情权、参与权和监督权。")


def east_asian(p: Paragraph) -> set[str | None]:
    return {r._element.rPr.rFonts.get(f"{W}eastAsia") for r in p.runs if r.text.strip()}


def sizes(p: Paragraph) -> set[float]:
    return {r.font.size.pt for r in p.runs if r.text.strip() and r.font.size is not None}


def paragraph(doc: docx.document.Document, text: str) -> Paragraph:
    return next(p for p in doc.paragraphs if p.text == text)


def test_page_is_a4_with_the_text_block_of_gbt9704() -> None:
    doc = docx.Document(io.BytesIO(render_docx(sample())))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm)) == (37, 28)
    block = (Length(s.page_width - s.left_margin - s.right_margin),
             Length(s.page_height - s.top_margin - s.bottom_margin))
    assert (round(block[0].mm), round(block[1].mm)) == (156, 225)
    grid = s._sectPr.find(f"{W}docGrid")
    pitch = int(grid.get(f"{W}linePitch")) / 20  # points
    assert int(block[1].pt // pitch) == 22
    # 3号 text is set closer, so that 28 characters (not 29) fill the block's width
    normal = doc.styles["Normal"].element.rPr
    advance = 16 + int(normal.find(f"{W}spacing").get(f"{W}val")) / 20
    assert int(block[0].pt // advance) == 28
    body = paragraph(doc, "这是“监督保障”部分的内容，共 3 项。")
    assert body.paragraph_format.line_spacing.pt == pitch  # one line of the grid each
    assert round(body.paragraph_format.first_line_indent.pt / advance) == 2  # 首行缩进二字


def test_fonts_and_sizes() -> None:
    doc = docx.Document(io.BytesIO(render_docx(sample())))
    title = doc.paragraphs[0]
    assert east_asian(title) == {"方正小标宋简体"} and sizes(title) == {22.0}  # 2号
    assert not any(r.bold for r in title.runs)  # 小标宋 is a heavy face; it is not set in bold
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = paragraph(doc, "这是“监督保障”部分的内容，共 3 项。")
    assert east_asian(body) == {"仿宋_GB2312"} and sizes(body) == {16.0}  # 3号
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert not [a for a in normal.attrib if "Theme" in a]  # a theme font would win over the name
    for heading in PART_HEADINGS.values():
        assert east_asian(paragraph(doc, heading)) == {"黑体"} and sizes(paragraph(doc, heading)) == {16.0}
    assert east_asian(paragraph(doc, "（一）主动公开")) == {"楷体_GB2312"}
    cell = doc.tables[-2].cell(3, 0).paragraphs[0]
    assert east_asian(cell) == {"宋体"} and sizes(cell) == {9.0}


def test_common_fonts_stand_in_for_the_gb_fonts() -> None:
    """On a machine without the 公文 fonts: 宋体 in bold for the title, 仿宋 and 楷体; and a document in the
    公文 fonts names those stand-ins in its font table."""
    doc = docx.Document(io.BytesIO(render_docx(sample(), fonts=COMMON_FONTS)))
    title = doc.paragraphs[0]
    assert east_asian(title) == {"宋体"} and all(r.bold for r in title.runs)
    assert east_asian(paragraph(doc, "这是“监督保障”部分的内容，共 3 项。")) == {"仿宋"}
    assert east_asian(paragraph(doc, "（一）主动公开")) == {"楷体"}
    gb = docx.Document(io.BytesIO(render_docx(sample())))
    fonts = next(p for p in gb.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    for name, alt in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        entry = re.search(rf'<w:font w:name="{name}">(.*?)</w:font>', fonts)
        assert entry is not None and f'<w:altName w:val="{alt}"/>' in entry.group(1)
        assert '<w:charset w:val="86"/>' in entry.group(1)  # GB2312


def test_page_numbers_4hao_songti_odd_right_even_left() -> None:
    doc = docx.Document(io.BytesIO(render_docx(sample())))
    s = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"  # the PAGE field's cached result between two 一字线
    assert "PAGE" in s.footer._element.xml and "PAGE" in s.even_page_footer._element.xml
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    assert odd.paragraph_format.right_indent.pt == even.paragraph_format.left_indent.pt == 14  # 空一字
    for p in (odd, even):
        assert east_asian(p) == {"宋体"} and sizes(p) == {14.0}  # 4号
    # 7 mm below the text block: the number's line (14 pt high) ends footer_distance above the page's edge
    gap = s.bottom_margin.mm - s.footer_distance.mm - 14 * 25.4 / 72
    assert round(gap) == 7


@pytest.mark.parametrize(("office", "lines"), [
    ("柏城街道办事处", ["柏城街道办事处2023年", "政府信息公开工作年度报告"]),
    ("西平县自然资源和规划局", ["西平县自然资源和规划局2023年", "政府信息公开工作年度报告"]),
    ("中共西平县委机构编制委员会办公室", ["中共西平县委机构编制委员会办公室", "2023年政府信息公开工作年度报告"]),
    ("西平县财政局", ["西平县财政局2023年", "政府信息公开工作年度报告"]),
    ("某局", ["某局2023年政府信息公开工作年度报告"]),
])
def test_title_breaks_between_words(office: str, lines: list[str]) -> None:
    report = random_report(get_layout("2021"), random.Random(1), office=office, year=2023)
    assert title_lines(report) == lines
    doc = docx.Document(io.BytesIO(render_docx(report)))
    assert doc.paragraphs[0].text.split("\n") == lines  # one paragraph, broken by a line break


def test_title_never_breaks_inside_nianduabaogao() -> None:
    rng = random.Random(5)
    for _ in range(200):
        name = "".join(rng.choice("西平县人民政府办公室教育体育局自然资源规划街道乡镇") for _ in range(rng.randint(2, 24)))
        report = Report(layout=get_layout("2021"), info={"office": name, "year": "2023"})
        lines = title_lines(report)
        assert "".join(lines) == f"{name}2023年政府信息公开工作年度报告"
        assert any(line.endswith("政府信息公开工作年度报告") for line in lines)


#: real organs whose names do not fit a line of the title with the year, and where a title may break in them
LONG_ORGANS = [
    ("内蒙古自治区鄂尔多斯市伊金霍洛旗人民政府办公室",
     ["内蒙古自治区鄂尔多斯市", "伊金霍洛旗人民政府办公室", "2023年政府信息公开工作年度报告"]),
    ("中国（河南）自由贸易试验区郑州片区管理委员会",
     ["中国（河南）自由贸易试验区", "郑州片区管理委员会2023年", "政府信息公开工作年度报告"]),
    ("新疆维吾尔自治区伊犁哈萨克自治州霍城县人民政府",
     ["新疆维吾尔自治区伊犁哈萨克自治州", "霍城县人民政府2023年", "政府信息公开工作年度报告"]),
    ("中共西平县委机构编制委员会办公室", ["中共西平县委机构编制委员会办公室", "2023年政府信息公开工作年度报告"]),
    ("国家税务总局西平县税务局", ["国家税务总局西平县税务局", "2023年政府信息公开工作年度报告"]),
    ("湘西土家族苗族自治州人民政府办公室", ["湘西土家族苗族自治州人民政府办公室", "2023年政府信息公开工作年度报告"]),
    ("西平县城市管理局", ["西平县城市管理局2023年", "政府信息公开工作年度报告"]),  # not 城市 | 管理局
    ("郑州市市场监督管理局", ["郑州市市场监督管理局2023年", "政府信息公开工作年度报告"]),
]


@pytest.mark.parametrize(("office", "lines"), LONG_ORGANS)
def test_a_long_organs_title_breaks_between_the_words_of_its_name(office: str, lines: list[str]) -> None:
    report = Report(layout=get_layout("2021"), info={"office": office, "year": "2023"})
    assert title_lines(report) == lines
    assert all(text_width(line) <= 19 for line in lines)  # no line wrapped again at 2号 on 156 mm
    doc = docx.Document(io.BytesIO(render_docx(report)))
    assert doc.paragraphs[0].text.split("\n") == lines


@pytest.mark.parametrize(("area", "lines", "government"), [
    ("乙县", ["乙县2023年", "政府信息公开工作年度报告（全县汇总）"], ["乙县人民政府2023年", "政府信息公开工作年度报告"]),
    ("内蒙古自治区鄂尔多斯市伊金霍洛旗", ["内蒙古自治区鄂尔多斯市伊金霍洛旗2023年", "政府信息公开工作年度报告（全旗汇总）"],
     ["内蒙古自治区鄂尔多斯市", "伊金霍洛旗人民政府2023年", "政府信息公开工作年度报告"]),
    # too long for 年度报告（全县汇总） on the year's line: （全县汇总） goes on a line of its own, never half of it
    ("新疆维吾尔自治区伊犁哈萨克自治州霍城县",
     ["新疆维吾尔自治区伊犁哈萨克自治州霍城县", "2023年政府信息公开工作年度报告", "（全县汇总）"],
     ["新疆维吾尔自治区伊犁哈萨克自治州", "霍城县人民政府2023年", "政府信息公开工作年度报告"]),
])
def test_a_summarys_title_breaks_between_words(area: str, lines: list[str], government: list[str]) -> None:
    from nianbao.form.sheets import LEVEL_SUMMARY

    report = Report(layout=get_layout("2021"), info={"office": area, "year": "2023"}, level=LEVEL_SUMMARY)
    assert (title_lines(report), title_lines(report, government=True)) == (lines, government)


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not HAS_WRITER or not shutil.which("pdftotext"), reason="LibreOffice Writer is not installed")
def test_a_long_title_prints_in_the_lines_it_was_broken_into(tmp_path: Path) -> None:
    """On the printed page each line of a long title is one line: nothing wrapped again inside a name, a line
    19 wide included (a summary's first line here)."""
    from nianbao.form.sheets import LEVEL_SUMMARY

    reports = [Report(layout=get_layout("2021"), info={"office": office, "year": "2023"}) for office, _ in LONG_ORGANS[:3]]
    reports.append(Report(layout=get_layout("2021"), info={"office": "内蒙古自治区鄂尔多斯市伊金霍洛旗", "year": "2023"},
                          level=LEVEL_SUMMARY))
    for i, report in enumerate(reports):
        lines = title_lines(report)
        path = tmp_path / f"{i}.docx"
        path.write_bytes(render_docx(report))
        [pdf] = convert(path, "pdf", tmp_path)
        assert [ln.replace(" ", "") for ln in _pdf_lines(pdf)[0][:len(lines)]] == lines
    assert text_width(title_lines(reports[-1])[0]) == 19


def _pdf_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[ln.strip() for ln in page.splitlines() if ln.strip() and not ln.strip().startswith("—")]
            for page in text.split("\f") if page.strip()]


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not HAS_WRITER or not shutil.which("pdftotext"), reason="LibreOffice Writer is not installed")
def test_printed_page_has_22_lines_of_28_characters(tmp_path: Path) -> None:
    report = replace(sample(), texts={k: PARAGRAPH * 3 for k in sample().texts})
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(report))
    [pdf] = convert(path, "pdf", tmp_path)
    pages = _pdf_lines(pdf)
    body = [ln for page in pages[:3] for ln in page if not re.match(r"^[（一二三四五六]", ln)]
    widths = [round(text_width(ln.replace(" ", ""))) for ln in body]  # a digit takes half a character
    # a full line holds 28 characters (29 when the line ends in punctuation hung in the margin); the first
    # line of a paragraph, indented two, 26
    assert widths.count(28) >= 20 and max(widths) <= 29
    assert any(w in (25, 26) for w in widths)  # 26, or 25 when a figure in it does not fill its half
    # a page of body text holds 22 lines
    assert max(len(page) for page in pages[1:3]) == 22


def test_cli_common_fonts(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from nianbao.cli.app import app
    from nianbao.template import write_workbook

    book = write_workbook(tmp_path / "in.xlsx", get_layout("2021"), report=sample())
    for args, title_font in (([], "方正小标宋简体"), (["--common-fonts"], "宋体")):
        out = tmp_path / f"报告{len(args)}.docx"
        res = CliRunner().invoke(app, ["render", str(book), "-o", str(out), *args])
        assert res.exit_code == 0, res.output
        assert east_asian(docx.Document(str(out)).paragraphs[0]) == {title_font}


def _pdffonts(pdf: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not HAS_WRITER or not shutil.which("pdffonts"), reason="LibreOffice Writer is not installed")
def test_cli_render_pdf_embeds_its_fonts(tmp_path: Path) -> None:
    """render -o x.pdf: the document printed by LibreOffice, every font embedded; Chinese in serif and sans
    stand-ins for 仿宋_GB2312 and 黑体 (not one fallback font for all)."""
    from typer.testing import CliRunner

    from nianbao.cli.app import app
    from nianbao.template import write_workbook

    book = write_workbook(tmp_path / "in.xlsx", get_layout("2021"), report=sample())
    out = tmp_path / "报告.pdf"
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")
    fonts = _pdffonts(out)
    assert fonts and all(emb == "yes" for _name, emb in fonts)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout)
    assert "柏城街道办事处2023年政府信息公开工作年度报告" in text and "—1—" in text
    cjk = {name.split("+")[-1] for name, _emb in fonts if "CJK" in name or "Kai" in name or "Ming" in name}
    assert len(cjk) >= 2, fonts  # body and headings are not all printed in one fallback font
    # the headings (Word's heading styles) are the PDF's bookmarks, one each
    assert b"/Outlines" in out.read_bytes()
    assert out.read_bytes().count(b"/Dest") >= len(PART_HEADINGS) + 5


def test_pdf_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.publish.render import PdfUnavailable, pdf, render_report

    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(PdfUnavailable) as exc:
        render_report(sample(), "pdf")
    assert "LibreOffice" in exc.value.reason


def test_table_three_merges_and_repeated_header_in_docx() -> None:
    """表三 as the official table: the note over three rows and columns, 申请人情况 over the seven columns,
    法人或其他组织 over five, 自然人 and 总计 over two rows, 三、本年度办理结果 and （三）不予公开 down their
    rows; its three header rows repeated on every page, no row split."""
    report = sample()
    t3 = docx.Document(io.BytesIO(render_docx(report))).tables[-2]
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc and t3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert t3.cell(0, 3)._tc is t3.cell(0, 9)._tc and t3.cell(0, 3).text == "申请人情况"
    assert t3.cell(1, 4)._tc is t3.cell(1, 8)._tc and t3.cell(1, 4).text == "法人或其他组织"
    assert t3.cell(1, 3)._tc is t3.cell(2, 3)._tc and t3.cell(1, 3).text == "自然人"
    assert t3.cell(1, 9)._tc is t3.cell(2, 9)._tc and t3.cell(1, 9).text == "总计"
    result_rows = [r for r in range(len(t3.rows)) if t3.cell(r, 0)._tc is t3.cell(5, 0)._tc]
    assert t3.cell(5, 0).text == "三、本年度办理结果" and len(result_rows) == 22  # （一）…（七）总计, 2021 format
    withheld = [r for r in range(len(t3.rows)) if t3.cell(r, 1)._tc is t3.cell(7, 1)._tc]
    assert t3.cell(7, 1).text == "（三）不予公开" and len(withheld) == 8
    assert t3.cell(3, 9).text == str(report.values["t3.new.total"])
    headers = [r for r, row in enumerate(t3.rows) if row._tr.trPr.find(f"{W}tblHeader") is not None]
    assert headers == [0, 1, 2]
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in t3.rows)


def test_signature_stays_with_the_last_lines_of_text() -> None:
    """The 落款 is never alone on a page (GB/T 9704 7.3.5: adjust rather than leave it alone): the last
    paragraph of 六 and the blank line before the 落款 keep with the next."""
    dated = replace(sample(), info={**sample().info, "date": "2024-01-15"})
    doc = docx.Document(io.BytesIO(render_docx(dated, parts=Parts(signature=True))))
    paras = doc.paragraphs
    organ = max(i for i, p in enumerate(paras) if p.text == "柏城街道办事处")
    assert paras[organ - 1].text == "" and paras[organ - 2].text == "第二段。"  # 六's last paragraph
    assert paras[organ + 1].text == "2024年1月15日"
    assert all(paras[i].paragraph_format.keep_with_next for i in (organ - 2, organ - 1, organ))


# -- 表二 over a page break: a block never starts a page without its caption and its column headers --------

T2_ROWS = ("规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购")


def _report_2019(paragraphs: int) -> Report:
    """A 2019-format report whose 表二 falls lower on its page the more ``paragraphs`` 一 has."""
    layout = get_layout("2019")
    report = random_report(layout, random.Random(3), office="西平县柏城街道办事处", year=2019)
    first = layout.text_sections[0].key
    return replace(report, texts={first: "\n".join([PARAGRAPH] * paragraphs)})


def test_table_two_of_2019_is_a_table_a_block_each_repeating_its_caption_and_header() -> None:
    """2019's 表二 is in five captioned blocks whose column headers differ: each is a Word table of its own
    whose caption and header rows repeat on a new page, whose rows keep with the next (Word and WPS keep
    the block on one page), with a paragraph half a point high between two blocks (two tables with nothing
    between are one table to Word and LibreOffice, which would repeat the first block's header over the
    others) and no top border under it (one line between the blocks, not two)."""
    doc = docx.Document(io.BytesIO(render_docx(_report_2019(1))))
    blocks = doc.tables[:-2]
    assert [t.cell(0, 0).text for t in blocks] == [f"第二十条第（{n}）项" for n in "一五六八九"]
    for t in blocks:
        assert t.cell(1, 0).text == "信息内容"
        headers = [r for r, row in enumerate(t.rows) if row._tr.trPr.find(f"{W}tblHeader") is not None]
        assert headers == [0, 1]
        keeps = [bool(row.cells[0].paragraphs[0].paragraph_format.keep_with_next) for row in t.rows]
        assert keeps == [True] * (len(t.rows) - 1) + [False]
    body = list(doc.element.body)
    for before, after in itertools.pairwise(blocks):
        gap = body[body.index(before._tbl) + 1]
        assert gap.tag == f"{W}p" and body[body.index(gap) + 1] is after._tbl
        assert Paragraph(gap, doc).paragraph_format.line_spacing.pt == 0.5
        top = after._tbl.tblPr.find(f"{W}tblBorders").find(f"{W}top")
        assert top.get(f"{W}val") == "nil"


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not HAS_WRITER or not shutil.which("pdftotext"), reason="LibreOffice Writer is not installed")
def test_table_two_of_2019_breaks_between_its_blocks_on_the_printed_page(tmp_path: Path) -> None:
    """Printed by LibreOffice with 表二 at three heights on its page (each splits a block, its rows on the
    next page without their caption and header, when the table is one Word table): every page that shows rows of 表二 shows a caption before the first."""
    paths = []
    for n in (2, 7, 12):  # as one Word table, 表二 splits a block at each of these
        path = tmp_path / f"{n}.docx"
        path.write_bytes(render_docx(_report_2019(n)))
        paths.append(path)
    broken = 0
    for pdf in convert(paths, "pdf", tmp_path):
        pages = _pdf_lines(pdf)
        for page in pages:
            rows = [i for i, ln in enumerate(page) if ln.split()[0] in T2_ROWS]
            if rows:
                assert any("第二十条" in ln for ln in page[:rows[0]]), (pdf.name, page[:rows[0] + 1])
        broken += sum(1 for page in pages if any(ln.split()[0] in T2_ROWS for ln in page)) > 1
    assert broken  # 表二 did run over a page break in at least one of them


# -- headings in Word's heading styles ---------------------------------------------------------------------


@pytest.mark.parametrize(("fonts", "heading_font", "sub_font"), [(None, "黑体", "楷体_GB2312"), (COMMON_FONTS, "黑体", "楷体")])
def test_headings_are_in_word_heading_styles_in_the_reports_fonts(fonts, heading_font: str, sub_font: str) -> None:  # type: ignore[no-untyped-def]
    """一、 in Heading 1 and （一） in Heading 2, so that Word's and WPS's navigation pane lists them: the styles
    themselves (what a run left to its style shows) in 黑体 / 楷体 3号, not bold, not coloured, no theme font,
    no space before; the paragraphs as before (their runs in the same fonts, the body in Normal)."""
    doc = docx.Document(io.BytesIO(render_docx(sample()) if fonts is None else render_docx(sample(), fonts=fonts)))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [t for n, t in styled if n == "Heading 1"] == list(PART_HEADINGS.values())
    assert [t for n, t in styled if n == "Heading 2"][:5] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                                                            "（四）政府信息公开平台建设", "（五）监督保障"]
    for name, font, level in (("Heading 1", heading_font, "0"), ("Heading 2", sub_font, "1")):
        style = doc.styles[name]
        rpr = style.element.rPr
        assert rpr.rFonts.get(f"{W}eastAsia") == font
        assert not [a for a in rpr.rFonts.attrib if "heme" in a]
        assert rpr.find(f"{W}color") is None and style.font.bold is False
        assert style.font.size.pt == 16.0  # 3号
        assert style.paragraph_format.space_before.pt == 0
        assert style.element.pPr.find(f"{W}outlineLvl").get(f"{W}val") == level
    for name, text in styled:
        p = paragraph(doc, text)
        assert east_asian(p) == {heading_font if name == "Heading 1" else sub_font} and sizes(p) == {16.0}
        assert not any(r.font.bold for r in p.runs)
    assert paragraph(doc, "这是“监督保障”部分的内容，共 3 项。").style.name == "Normal"
