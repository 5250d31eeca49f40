"""What an office wrote stays the office's on import: its own sub-headings (（一）主动公开政府信息的情况, run in
before the text or in <strong>), the opening paragraph of 一 before its （一）, and the phone it gives to ask
(in the opening paragraph or by the 落款), which lands in 基本信息's 联系电话. The real baicheng report's text,
with the head a published page has (title, opening, 一、总体情况's own paragraph, 落款)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import docx

from nianbao.check.checkfile import check_file
from nianbao.publish.importer import import_source, import_to_workbooks
from nianbao.publish.render import render_docx

BAICHENG = Path(__file__).parent / "data" / "reference" / "baicheng-2021.txt"
TITLE = "柏城街道办事处2021年政府信息公开工作年度报告"
OPENING = ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
           "（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
           "如对本报告有任何疑问，请与西平县柏城街道办事处联系（电话：0396-6222222）。")
INTRO = "2021年，柏城街道办事处认真贯彻落实《条例》，扎实推进政务公开工作。"
SIGNED = ["柏城街道办事处", "2022年1月20日"]
#: the page's own sub-headings of 一 (the official ones are （一）主动公开 … （五）监督保障)
OWN = ["(一)主动公开政府信息的情况", "(二)依申请公开政府办理情况", "(三)政府信息管理及规范化建设情况",
       "(四)政府信息公开平台建设情况", "(五)监督保障及教育培训情况"]


def page(*, opening: str = OPENING, after: list[str] = SIGNED) -> str:
    """The baicheng page with a title, the opening paragraph, 一's heading and own paragraph, and ``after``
    (the 落款, its contact line) at the end."""
    body = BAICHENG.read_text(encoding="utf-8").strip()
    return "\n".join([TITLE, opening, "一、总体情况", INTRO, body, *after]) + "\n"


def run_in(text: str) -> str:
    """The page with each of 一's sub-headings run in before its text (（一）主动公开政府信息的情况。全年共…)."""
    for head in OWN:
        text = text.replace(f"{head}\n", f"{head}。")
    return text


def as_html(text: str, *, strong: bool) -> str:
    """The page as a site's editor publishes it: one <p> a line, the sub-headings run in, in <strong>."""
    out = []
    for line in run_in(text).splitlines():
        head = next((h for h in OWN if line.startswith(h)), None)
        if head and strong:
            out.append(f"<p><strong>{html.escape(head)}</strong>{html.escape(line[len(head) + 1:])}</p>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    return "<html><body>" + "\n".join(out) + "</body></html>"


def official(head: str) -> str:
    return head.replace("(", "（").replace(")", "）")


def test_the_opening_paragraph_of_part_one_stays_before_its_first_sub_heading() -> None:
    result = import_source(page(), "text")
    assert result.report is not None
    active = result.report.texts["overview.active"].splitlines()
    assert active[:2] == [INTRO, official(OWN[0])]  # in （一）'s cell, before its heading: where the office wrote it
    doc = docx.Document(io.BytesIO(render_docx(result.report)))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    at = texts.index("一、总体情况")
    assert texts[at + 1:at + 3] == [INTRO, official(OWN[0])]


def test_the_offices_own_sub_headings_are_kept_and_printed() -> None:
    result = import_source(page(), "text")
    assert result.report is not None
    keys = ["overview.active", "overview.request", "overview.management", "overview.platform", "overview.supervision"]
    heads = [next(ln for ln in result.report.texts[k].splitlines() if ln.startswith("（")) for k in keys]
    assert heads == [official(h) for h in OWN]
    doc = docx.Document(io.BytesIO(render_docx(result.report)))
    texts = [p.text for p in doc.paragraphs]
    assert all(official(h) in texts for h in OWN) and "（一）主动公开" not in texts


def narr(result: object) -> list[str]:
    return [f.code for f in result.findings if f.code.startswith("NARR-")]  # type: ignore[attr-defined]


def test_run_in_sub_headings_are_sub_headings_to_the_rules() -> None:
    """（一）主动公开政府信息的情况。全年共… in a paragraph, plain or in <strong>: 一 has its five sub-items
    (no NARR-SUB-MISSING), each keeps its words, and its text starts after the heading."""
    for kind, source in [("text", run_in(page())), ("html", as_html(page(), strong=True)),
                         ("html", as_html(page(), strong=False))]:
        result = import_source(source, kind)
        assert result.report is not None
        assert narr(result) == [], kind
        first = result.report.texts["overview.active"].splitlines()
        assert first[1].startswith(official(OWN[0])) and "全年共主动公开政府信息116条" in "".join(first[1:3])


def test_strong_sub_headings_are_lines_of_their_own() -> None:
    """<strong>(一)主动公开政府信息的情况</strong>全年共… (no full stop after the bold words): the heading
    is not glued to its text."""
    result = import_source(as_html(page(), strong=True), "html")
    assert result.report is not None
    assert result.report.texts["overview.request"].splitlines()[0] == official(OWN[1])


def test_the_phone_of_the_opening_paragraph_lands_in_the_workbook(tmp_path: Path) -> None:
    source = tmp_path / "柏城街道2021年报.txt"
    source.write_text(page(), encoding="utf-8")
    [done] = import_to_workbooks([source], tmp_path / "out")
    assert done.result.report is not None and done.result.report.info["phone"] == "0396-6222222"
    assert done.output is not None
    back = check_file(done.output)
    assert back.report is not None
    assert back.report.info["phone"] == "0396-6222222" and back.report.info["date"] == "2022-01-20"
    assert [c for c in narr(back) if c == "NARR-SUB-MISSING"] == []


def test_the_phone_by_the_signature_is_the_reports_and_not_text_of_part_six() -> None:
    opening = re.sub(r"（电话：[^）]*）", "", OPENING)
    for after in ([*SIGNED, "联系人：李明　联系电话：0396-6222333"], ["联系电话：0396-6222333", *SIGNED]):
        result = import_source(page(opening=opening, after=after), "text")
        assert result.report is not None
        assert result.report.info["phone"] == "0396-6222333"
        assert result.report.info["date"] == "2022-01-20"
        assert result.report.texts["other"] == "本年度依申请公开收费为零。"
