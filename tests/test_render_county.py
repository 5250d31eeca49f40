"""A county report from a summary: titled as the 全县 summary (or as the 本级政府's report when asked), the offices
it covers with 应报 / 已报, and its narrative drafted from the figures, marked as a draft until edited."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import DRAFT_MARK
from nianbao.merge.core import merge_files
from nianbao.merge.summary import write_summary
from nianbao.publish.render import Parts, check_document, render_markdown, title_lines
from nianbao.read.roster import RosterEntry
from nianbao.template import write_workbook

L21 = get_layout("2021")
OFFICES = ("乙县教育局", "乙县民政局")
ROSTER = [RosterEntry(o, "县直部门") for o in (*OFFICES, "乙县财政局")]


def county(tmp_path: Path, year: int = 2023, seed: int = 0):  # type: ignore[no-untyped-def]
    books = [write_workbook(tmp_path / f"{year}" / f"{i}.xlsx", L21, report=random_report(
        L21, random.Random(seed + i), office=o, county="乙县", year=year)) for i, o in enumerate(OFFICES)]
    return books


@pytest.fixture
def merged(tmp_path: Path):  # type: ignore[no-untyped-def]
    last = merge_files(county(tmp_path, 2022, seed=10), jobs=1)
    return merge_files(county(tmp_path), roster=ROSTER, previous=county(tmp_path, 2022, seed=10), jobs=1), last


def test_title_and_the_offices_covered(merged) -> None:  # type: ignore[no-untyped-def]
    result, _last = merged
    summary = result.report
    md = render_markdown(summary, parts=Parts(expected=tuple(e.name for e in ROSTER)))
    assert md.startswith("# 乙县2023年政府信息公开工作年度报告（全县汇总）\n")
    assert ("本报告汇总全县2个单位的政府信息公开工作年度报告（应报3个，已报并汇总2个）：乙县教育局、乙县民政局。"
            "未汇总的单位：乙县财政局。") in md
    assert md.index("本报告汇总") < md.index("## 一、总体情况")
    assert title_lines(summary) == ["乙县2023年", "政府信息公开工作年度报告（全县汇总）"]
    plain = render_markdown(summary)
    assert "本报告汇总全县2个单位的政府信息公开工作年度报告：乙县教育局、乙县民政局。" in plain and "应报" not in plain
    gov = render_markdown(summary, parts=Parts(government=True))
    assert gov.startswith("# 乙县人民政府2023年政府信息公开工作年度报告\n") and "本报告汇总" not in gov


def test_narrative_drafted_from_the_figures(merged) -> None:  # type: ignore[no-untyped-def]
    result, last = merged
    summary, v, before = result.report, result.report.values, last.report.values
    md = render_markdown(summary)
    new, was = v["t3.new.total"], before["t3.new.total"]
    change = f"较上年增加{new - was}件" if new > was else f"较上年减少{was - new}件" if new < was else "与上年持平"
    assert f"全县共收到政府信息公开申请{new}件，{change}，上年结转{v['t3.carried_over.total']}件。" in md
    assert f"全县发生政府信息公开行政复议{v['t4.review.total']}件" in md
    assert "收取行政事业性收费" in md and "办理结果中，" in md
    assert DRAFT_MARK not in md and "nianbao" not in md
    # a draft until the county edits it: warned when rendered; the county's own text is not touched
    found = check_document(summary)
    assert [(f.code, f.row_label) for f in found if f.code == "RENDER-DRAFT"] == [
        ("RENDER-DRAFT", "（一）主动公开"), ("RENDER-DRAFT", "（二）依申请公开")]
    edited = replace(summary, texts={k: t.replace(DRAFT_MARK + "\n", "") for k, t in summary.texts.items()})
    assert not [f for f in check_document(edited) if f.code == "RENDER-DRAFT"]
    # the drafted percentages are the table's: the narrative rules find nothing in them
    from nianbao.check.narrative import narrative_findings
    assert narrative_findings(summary) == []


def test_the_draft_is_marked_in_the_summary_workbook(merged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result, _last = merged
    book = write_summary(tmp_path / "汇总.xlsx", result)
    back = check_file(book)
    assert back.report is not None
    assert back.report.texts["overview.request"].startswith(DRAFT_MARK + "\n全县共收到政府信息公开申请")
    out = tmp_path / "全县.md"
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(out), "--opening"], terminal_width=200)
    assert res.exit_code == 0, res.output
    assert "RENDER-DRAFT" in res.output
    assert "乙县2023年政府信息公开工作年度报告（全县汇总）" in out.read_text(encoding="utf-8")


# -- the 落款 of a summary: an organ, not the area's name ------------------------------------------------

W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _signed(summary, parts: Parts) -> tuple[list[str], list[str], str]:  # type: ignore[no-untyped-def]
    """The 落款 as each document prints it: the last two paragraphs of the .docx, the .md's last two lines,
    the .html's signature paragraph."""
    import io

    import docx

    from nianbao.publish.render import render_docx, render_html

    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(summary, parts=parts))).paragraphs]
    md = [line.rstrip() for line in render_markdown(summary, parts=parts).rstrip().splitlines()]
    page = render_html(summary, parts=parts)
    signature = page[page.index('<p class="signature">'):].split("</p>")[0].removeprefix('<p class="signature">')
    return paragraphs[-2:], md[-2:], signature


def _day(summary) -> str:  # type: ignore[no-untyped-def]
    y, m, d = (int(x) for x in summary.info["date"].split("-"))
    return f"{y}年{m}月{d}日"


@pytest.mark.parametrize(("parts", "organ"), [
    (Parts(), "乙县人民政府办公室"),  # the 全县 summary: the county's disclosure office (条例 第三条)
    (Parts(government=True), "乙县人民政府"),  # the 本级政府's report
    (Parts(organ="乙县政务公开办公室"), "乙县政务公开办公室"),  # as the county says
])
def test_a_county_summary_is_signed_by_an_organ_not_the_county(merged, parts: Parts, organ: str) -> None:  # type: ignore[no-untyped-def]
    summary = merged[0].report
    assert summary.office == "乙县"
    day = _day(summary)
    assert _signed(summary, parts) == ([organ, day], [organ, day], f"{organ}<br>{day}")
    assert not [f for f in parts.check(summary) if f.code == "RENDER-NO-ORGAN"]


def test_an_offices_report_keeps_its_office_as_the_organ(tmp_path: Path) -> None:
    book = county(tmp_path)[0]
    report = check_file(book).report
    assert report is not None and report.office == "乙县教育局"
    (docx_lines, md_lines, _html) = _signed(report, Parts())
    assert docx_lines[0] == md_lines[0] == "乙县教育局"


def test_a_summary_whose_organ_cannot_be_known_says_so(tmp_path: Path) -> None:
    """A summary not named after an area (教育系统) is signed by no guessed organ: the 落款 says
    （未填写） where the organ goes, render warns (RENDER-NO-ORGAN) and --organ gives it."""
    book = write_summary(tmp_path / "汇总.xlsx", merge_files(county(tmp_path), name="乙县教育系统", jobs=1))
    out = tmp_path / "系统.md"
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(out)], terminal_width=250)
    assert res.exit_code == 0, res.output
    assert "RENDER-NO-ORGAN" in res.output and "--organ" in res.output
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-2].rstrip() == "（未填写）"
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(out), "--organ", "乙县教育局"], terminal_width=250)
    assert res.exit_code == 0 and "RENDER-NO-ORGAN" not in res.output, res.output
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-2].rstrip() == "乙县教育局"
    res = CliRunner().invoke(app, ["render", str(book), "-o", str(out), "--no-signature"], terminal_width=250)
    assert res.exit_code == 0 and "RENDER-NO-ORGAN" not in res.output, res.output


@pytest.mark.parametrize(("name", "office", "government"), [
    ("乙县", "乙县人民政府办公室", "乙县人民政府"),
    ("甲区", "甲区人民政府办公室", "甲区人民政府"),
    ("丙市", "丙市人民政府办公室", "丙市人民政府"),
    ("丁旗", "丁旗人民政府办公室", "丁旗人民政府"),
    ("乙县人民政府", "乙县人民政府办公室", "乙县人民政府"),  # a summary named after its government
    ("河南省", "河南省人民政府办公厅", "河南省人民政府"),  # a province's disclosure office is a 办公厅
    ("广西壮族自治区", "广西壮族自治区人民政府办公厅", "广西壮族自治区人民政府"),
    ("汇总", None, None),  # merge's name when the areas differ: no organ is guessed
    ("乙县教育系统", None, None),
    ("乙县经济技术开发区", None, None),  # a 管委会, not a 人民政府
    ("", None, None),
])
def test_the_organ_of_an_area(name: str, office: str | None, government: str | None) -> None:
    from nianbao.form.organs import general_office_of, government_of

    assert (general_office_of(name), government_of(name)) == (office, government)


# -- the opening's "where to ask" and the 落款's date of a summary ------------------------------------------

ASK = "如对本报告有疑问，请与{office}联系{phone}。"


def _opening(summary, parts: Parts) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """The opening paragraph as the .md, the .docx and the .html print it."""
    import io

    import docx

    from nianbao.publish.render import render_docx, render_html

    md = render_markdown(summary, parts=parts).split("\n\n")[1]
    doc = docx.Document(io.BytesIO(render_docx(summary, parts=parts)))
    para = next(p.text for p in doc.paragraphs if p.text.startswith("本报告依据"))
    page = render_html(summary, parts=parts)
    html_para = next(line for line in page.splitlines() if "本报告依据" in line)
    return md, para, html_para


@pytest.mark.parametrize(("info", "parts", "sentence"), [
    ({"phone": "0396-6222222"}, Parts(), ASK.format(office="乙县人民政府办公室", phone="（联系电话：0396-6222222）")),
    # the 本级政府's report is answered for by its disclosure office too (条例 第三条)
    ({"phone": "0396-6222222"}, Parts(government=True),
     ASK.format(office="乙县人民政府办公室", phone="（联系电话：0396-6222222）")),
    ({"phone": "0396-6222222"}, Parts(organ="乙县政务公开办公室"),
     ASK.format(office="乙县政务公开办公室", phone="（联系电话：0396-6222222）")),
    ({"phone": ""}, Parts(), ASK.format(office="乙县人民政府办公室", phone="")),  # as an office's report without one
])
def test_a_summarys_opening_says_where_to_ask(merged, info: dict[str, str], parts: Parts, sentence: str) -> None:  # type: ignore[no-untyped-def]
    summary = replace(merged[0].report, info={**merged[0].report.info, **info})
    for text in _opening(summary, parts):
        assert sentence in text, text
        assert text.count("如对本报告有疑问") == 1


def test_a_summary_whose_office_cannot_be_known_leaves_the_sentence_out(tmp_path: Path) -> None:
    result = merge_files(county(tmp_path), name="乙县教育系统", jobs=1)
    summary = replace(result.report, info={**result.report.info, "phone": "0396-6222222"})
    for text in _opening(summary, Parts()):
        assert "本报告依据" in text and "如对本报告有疑问" not in text and "（未填写）" not in text and "0396" not in text
    # with the organ named, it is the office to ask
    assert ASK.format(office="乙县教育局", phone="（联系电话：0396-6222222）") in _opening(summary, Parts(organ="乙县教育局"))[0]


def test_the_date_of_a_summarys_signature(merged) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    summary = replace(merged[0].report, info={**merged[0].report.info, "date": "2024/1/26"})
    assert _signed(summary, Parts())[1] == ["乙县人民政府办公室", "2024年1月26日"]  # 基本信息's 填报日期
    assert _signed(summary, Parts(date=dt.date(2024, 1, 30)))[0] == ["乙县人民政府办公室", "2024年1月30日"]
    undated = replace(summary, info={**summary.info, "date": ""})
    docx_lines, md_lines, html_sig = _signed(undated, Parts())
    # no date is made up: the organ alone (not the day it was rendered, not a placeholder)
    assert docx_lines[-1] == md_lines[-1] == html_sig == "乙县人民政府办公室"


def test_cli_render_date_and_what_it_says_of_the_date(merged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = write_summary(tmp_path / "汇总.xlsx", merged[0])
    out = tmp_path / "全县.md"
    runner = CliRunner()
    res = runner.invoke(app, ["render", str(book), "-o", str(out)], terminal_width=250)
    assert res.exit_code == 0, res.output
    merged_on = _day(merged[0].report)
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-1].rstrip() == merged_on
    assert f"落款日期：{merged_on}（汇总表“基本信息”的填报日期，汇总时填的是汇总当天" in res.output
    res = runner.invoke(app, ["render", str(book), "-o", str(out), "--date", "2024-01-26"], terminal_width=250)
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-1].rstrip() == "2024年1月26日"
    assert "落款日期：2024年1月26日（--date 指定）" in res.output
    before = out.read_bytes()
    res = runner.invoke(app, ["render", str(book), "-o", str(out), "--date", "2024-02-30"], terminal_width=250)
    assert res.exit_code == 2 and "--date 的“2024-02-30”不是日期" in res.output
    assert out.read_bytes() == before


def test_check_passes_a_summary_and_render_says_what_its_document_still_needs(merged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """check judges a summary's figures (通过: its narrative is written after the merge, so no NARR-* on it);
    render then names what the document still needs (the drafts, the empty parts) and ends saying so, not a
    bare 已生成 that reads as ready to publish."""
    book = write_summary(tmp_path / "汇总.xlsx", merged[0])
    runner = CliRunner()
    res = runner.invoke(app, ["check", str(book)], terminal_width=250)
    assert res.exit_code == 0 and "通过" in res.output, res.output
    out = tmp_path / "全县.md"
    res = runner.invoke(app, ["render", str(book), "-o", str(out)], terminal_width=250)
    assert res.exit_code == 0, res.output
    n = len(Parts().check(check_file(book).report))  # type: ignore[arg-type]
    assert n >= 2 and "RENDER-DRAFT" in res.output
    said = "".join(res.output.split())  # the console wraps long lines
    assert f"已生成{out}（数据通过校验；文档本身有{n}处需要处理".replace(" ", "") in said
