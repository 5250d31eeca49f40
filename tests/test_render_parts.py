"""The opening paragraph and the 落款 (each optional), and an office's own sub-headings of 一."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from nianbao.check.narrative import narrative_findings
from nianbao.cli.app import app
from nianbao.form.sheets import text_cell
from nianbao.publish.importer import import_source
from nianbao.publish.render import Parts, render_docx, render_html, render_markdown, render_report
from nianbao.publish.render.content import check_document, opening_text, text_width
from nianbao.template import write_workbook
from test_render import sample


def report():  # type: ignore[no-untyped-def]
    r = sample()
    return replace(r, info={**r.info, "phone": "0396-6221234", "date": "2024-01-15"})


def test_opening_paragraph() -> None:
    md = render_markdown(report(), parts=Parts(opening=True))
    first = md.split("\n\n")[1]
    assert first.startswith("本报告依据《中华人民共和国政府信息公开条例》")
    assert "（国办公开办函〔2021〕30号）" in first and "六部分" in first
    assert "统计期限自2023年1月1日起至2023年12月31日止" in first
    assert first.endswith("如对本报告有疑问，请与柏城街道办事处联系（联系电话：0396-6221234）。")
    assert md.index(first) < md.index("## 一、总体情况")
    assert md == render_markdown(report())  # on unless turned off
    assert "本报告依据" not in render_markdown(report(), parts=Parts(opening=False))
    # and it passes the narrative rules it is written to (six parts listed, the year, the citation)
    assert narrative_findings(replace(report(), texts={"overview.active": first})) == []


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _right_chars(p) -> float:  # type: ignore[no-untyped-def]
    return int(p._p.pPr.ind.get(f"{W}rightChars")) / 100


@pytest.mark.parametrize(("office", "organ_right", "date_right"), [
    ("柏城街道办事处", 3.75, 4),  # 7 characters over a date 6.5 wide: centred, a quarter further out
    ("县财政局", 5.25, 4),
    ("中共西平县委机构编制委员会办公室", 2, 6.75),  # centred, it would pass the edge: both move left
])
def test_signature_gbt9704(office: str, organ_right: float, date_right: float) -> None:
    """落款: the date's right edge four characters in from the right margin, the organ centred over the
    date (GB/T 9704 7.3.5.1); an organ too long for that keeps two characters in, the date under its middle."""
    r = replace(report(), info={**report().info, "office": office})
    doc = docx.Document(io.BytesIO(render_docx(r, parts=Parts(signature=True))))
    organ, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (organ.text, date.text) == (office, "2024年1月15日")
    assert doc.paragraphs[-3].text == ""  # 空一行
    assert organ.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert (_right_chars(organ), _right_chars(date)) == (organ_right, date_right)
    # the organ's middle over the date's middle, in characters from the right margin
    assert _right_chars(organ) + text_width(organ.text) / 2 == _right_chars(date) + text_width(date.text) / 2
    assert date.paragraph_format.right_indent.pt == pytest.approx(date_right * 15.79, rel=0.01)
    page = render_html(r, parts=Parts(signature=True))
    assert f'<p class="signature">{office}<br>2024年1月15日</p>' in page


@pytest.mark.parametrize(("text", "heading"), [
    ("（一）主动公开政府信息的情况\n全年共主动公开政府信息116条。", "（一）主动公开政府信息的情况"),  # 柏城街道's own
    ("(一)主动公开政府信息的情况\n全年共主动公开政府信息116条。", "（一）主动公开政府信息的情况"),
    ("全年共主动公开政府信息116条。", "（一）主动公开"),  # no heading of its own: the official one
    ("（二）依申请公开\n全年共主动公开政府信息116条。", "（一）主动公开"),  # another numeral: text, as typed
])
def test_own_sub_headings_of_part_one(text: str, heading: str) -> None:
    md = render_markdown(replace(report(), texts={"overview.active": text}))
    subs = [line[4:] for line in md.splitlines() if line.startswith("### ")]
    assert subs[0] == heading and len(subs) == 5  # the other four are empty: official headings, marked
    assert "全年共主动公开政府信息116条。" in md



INLINE = {"overview.active": "（一）主动公开政府信息的情况。全年共主动公开政府信息116条。",
          "overview.request": "(二)依申请公开情况：全年收到申请10件。",
          "overview.management": "（三）政府信息管理方面，本办建立审查机制。",  # a sentence: official heading
          "other.fee": "（一）收取信息处理费：本年度未收取信息处理费。"}
INLINE_HEADINGS = {"（一）主动公开政府信息的情况": "全年共主动公开政府信息116条。",
                   "（二）依申请公开情况": "全年收到申请10件。",
                   "（三）政府信息管理": "政府信息管理方面，本办建立审查机制。",
                   "（一）收取信息处理费": "本年度未收取信息处理费。"}


def test_an_inline_own_sub_heading_is_printed_once_in_every_format() -> None:
    """The usual style: the office writes its sub-heading at the start of its text, up to 。 or ：. The
    document prints it once, as the office wrote it, with the rest of the line under it."""
    r = replace(report(), texts=INLINE)
    md = render_markdown(r).splitlines()
    page = render_html(r)
    doc = [p.text for p in docx.Document(io.BytesIO(render_docx(r))).paragraphs]
    for heading, body in INLINE_HEADINGS.items():
        assert md.count(f"### {heading}") == 1 and md[md.index(f"### {heading}") + 2] == body
        assert page.count(heading) == 1 and f"<h3>{heading}</h3>" in page and f"<p>{body}</p>" in page
        assert doc.count(heading) == 1 and doc[doc.index(heading) + 1] == body
    assert not any(line.startswith(("（一）主动公开政府信息的情况。", "(二)")) for line in md + doc)
    assert "（一）主动公开" not in [line[4:] for line in md]  # the official wording is not printed as well


def test_cli_prints_the_opening_and_the_signature_unless_turned_off(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "in.xlsx", report().layout, report=report(), office=report().office)
    for args, shown in (([], True), (["--no-opening", "--no-signature"], False)):
        out = tmp_path / f"out{len(args)}.md"
        res = CliRunner().invoke(app, ["render", str(book), "-o", str(out), *args], terminal_width=200)
        assert res.exit_code == 0, res.output
        md = out.read_text(encoding="utf-8")
        assert ("本报告依据《中华人民共和国政府信息公开条例》" in md) is shown
        assert md.rstrip().endswith("2024年1月15日") is shown
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(tmp_path / "x.md"), "--no-opening"])
    text = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert res.exit_code == 0 and "本报告依据" not in text and text.rstrip().endswith("2024年1月15日")


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_opening_and_signature_are_not_read_as_text_of_the_report(fmt: str) -> None:
    """Render with the opening and the 落款, import again: 一 and 六 are the report's own text; the
    paragraph before 一 is kept as the opening, the 落款 as the signature."""
    r = report()
    data = render_report(r, fmt)
    back = import_source(data if fmt == "docx" else data.decode("utf-8"), {"md": "markdown"}.get(fmt, fmt))
    assert back.report is not None
    assert {k: v for k, v in back.report.texts.items() if v} == {k: v for k, v in r.texts.items() if v}
    assert back.extra["opening"] == [opening_text(r)]
    assert back.extra["signature"] == ["柏城街道办事处", "2024年1月15日"]
    assert not [f for f in back.findings if f.code.startswith(("NARR-", "IMPORT-"))]


def test_a_page_without_the_heading_of_part_one_keeps_its_first_lines_in_part_one() -> None:
    page = ("柏城街道办事处2023年政府信息公开工作年度报告\n（一）主动公开\n全年主动公开政府信息116条。\n"
            "六、其他需要报告的事项\n无。\n柏城街道办事处\n2024年1月15日\n")
    back = import_source(page, "text")
    assert back.report is not None
    assert back.report.texts["overview.active"] == "全年主动公开政府信息116条。"
    assert back.report.texts["other"] == "无。" and back.extra["opening"] == []
    assert back.extra["signature"] == ["柏城街道办事处", "2024年1月15日"]


def test_an_empty_official_sub_item_keeps_its_heading_and_is_named(tmp_path: Path) -> None:
    """（三）（四） of 一 left empty: the document does not jump from （二） to （五）; both keep their heading
    with the placeholder under it, and render names each, at its 正文 cell, in a warning."""
    texts = {"overview.active": "全年主动公开政府信息116条。", "overview.request": "全年收到申请10件。",
             "overview.supervision": "开展培训2次。", "problems": "无。", "other": "无。"}
    r = replace(report(), texts=texts)
    md = render_markdown(r)
    subs = [line[4:] for line in md.splitlines() if line.startswith("### ")]
    assert subs == [s.heading for s in r.layout.text_sections if s.part == "一"]
    for heading in ("（三）政府信息管理", "（四）政府信息公开平台建设"):
        assert f"### {heading}\n\n（未填写）\n" in md
    doc = [p.text for p in docx.Document(io.BytesIO(render_docx(r))).paragraphs]
    assert doc.count("（未填写）") == 2 and doc[doc.index("（三）政府信息管理") + 1] == "（未填写）"
    assert render_html(r).count("（未填写）") == 2
    found = [(f.code, f.sheet, f.cell) for f in check_document(r)]
    cells = {s.key: text_cell(r.layout, s.key) for s in r.layout.text_sections}
    assert found == [("RENDER-EMPTY-SUB", "正文", cells["overview.management"]),
                     ("RENDER-EMPTY-SUB", "正文", cells["overview.platform"])]
    book = write_workbook(tmp_path / "in.xlsx", r.layout, report=r)
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(tmp_path / "报告.md")])
    assert res.exit_code == 0 and res.output.count("RENDER-EMPTY-SUB") == 2, res.output
    # all five empty: the part's placeholder once, no sub-headings (a report whose 正文 is not written yet)
    bare = render_markdown(replace(r, texts={"other": "无。"}))
    assert "### " not in bare and "## 一、总体情况\n\n（未填写）\n" in bare
    assert "RENDER-EMPTY-SUB" not in {f.code for f in check_document(replace(r, texts={"other": "无。"}))}


def test_a_phone_number_is_never_broken_at_its_hyphen() -> None:
    """The opening's phone: its hyphen a non-breaking one in the .docx (Word and WPS then keep "0396-6221234" on
    one line; LibreOffice 7.4 still breaks after it), the text as typed for python-docx and the importer."""
    doc = docx.Document(io.BytesIO(render_docx(report())))
    opening = next(p for p in doc.paragraphs if p.text.startswith("本报告依据"))
    assert opening.text.endswith("（联系电话：0396-6221234）。")
    assert len(opening._p.findall(f".//{W}noBreakHyphen")) == 1
    assert "-" not in "".join(t.text for t in opening._p.iter(f"{W}t"))
    back = import_source(render_docx(report()), "docx")
    assert back.extra["opening"][-1].endswith("0396-6221234）。")
    assert back.report is not None and back.report.info["phone"] == "0396-6221234"
