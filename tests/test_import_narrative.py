"""The narrative rules ``check`` gives (check/narrative.py) on the import of a published page, since
assessors grade published reports: the structure of the document (its six parts, official headings, 一's
five sub-items), template leftovers, claims of none against the tables, percentages. Found where the
published text really is wrong; none on the real reference page nor on the documents ``nianbao render``
makes of the sample workbooks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.publish.importer import import_file, import_source
from nianbao.publish.render import render_report
from shapes import Narrative, printed_of, text_shape

ROOT = Path(__file__).resolve().parents[1]
BAICHENG = ROOT / "tests" / "data" / "reference" / "baicheng-2021.txt"
SAMPLES = sorted((ROOT / "samples").rglob("*.xlsx"))


def narr(result: FileResult) -> list[str]:
    return [f.code for f in result.findings if f.code.startswith("NARR-")]


def test_the_real_reference_page_has_no_narrative_finding() -> None:
    """baicheng-2021.txt as published: no title and no 一、总体情况 above its （一） (the page lost its head
    when saved, IMPORT-FROM-TEXT says so); its parts, headings and sub-items are right."""
    result = import_file(BAICHENG)
    assert result.report is not None and narr(result) == []


@pytest.mark.parametrize("path", SAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in SAMPLES])
def test_rendered_samples_import_with_the_narrative_findings_check_gives(path: Path) -> None:
    checked = check_file(path)
    if checked.report is None or any(f.is_error for f in checked.findings):
        pytest.skip("a sample with errors is not rendered")
    expected = sorted(f.code for f in checked.findings if f.code.startswith("NARR-"))
    for fmt, kind in (("html", "html"), ("docx", "docx"), ("md", "markdown")):
        result = import_source(render_report(checked.report, fmt), kind)
        assert sorted(narr(result)) == expected, fmt


@pytest.fixture(scope="module")
def filled() -> Report:
    layout = get_layout("2021")
    for seed in range(3, 200):
        r = random_report(layout, random.Random(seed), office="示例街道办事处", year=2023)
        if r.values["t3.new.total"] and r.values["t3.disclosed.total"]:
            return r
    raise AssertionError("no report with applications")


def page(report: Report, **replace: str) -> str:
    """``report`` as a web page's text (cells separated by |), lines replaced: old line -> new lines."""
    assert report.year is not None
    text = text_shape(report.layout, printed_of(report.layout, report.values), Narrative(report.office, report.year),
                      "pipes")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_a_correct_page_has_none(filled: Report) -> None:
    result = import_source(page(filled), "text")
    assert narr(result) == [] and [f.code for f in result.findings if f.severity != "info"] == []


def test_a_heading_not_the_official_one(filled: Report) -> None:
    result = import_source(page(filled, **{"五、存在的主要问题及改进情况": "五、存在的主要问题及整改措施"}), "text")
    [f] = [f for f in result.findings if f.code.startswith("NARR-")]
    assert f.code == "NARR-PART-HEADING" and "存在的主要问题及整改措施" in f.message and "改进情况" in f.message
    assert result.report is not None and "加强培训" in result.report.texts["problems"]  # still read as 五


def test_part_one_without_its_sub_items(filled: Report) -> None:
    text = page(filled)
    start, end = text.index("（三）政府信息管理"), text.index("二、主动公开政府信息情况")
    result = import_source(text[:start] + text[end:], "text")
    [f] = [f for f in result.findings if f.code.startswith("NARR-")]
    assert f.code == "NARR-SUB-MISSING"
    assert "（三）政府信息管理、（四）政府信息公开平台建设、（五）监督保障" in f.message


def test_a_part_missing_is_said_once(filled: Report) -> None:
    text = page(filled)
    result = import_source(text[: text.index("六、其他需要报告的事项")], "text")
    [f] = [f for f in result.findings if f.severity != "info"]  # not NARR-PART-MISSING besides
    assert f.code == "IMPORT-MISSING-PART" and "六、其他需要报告的事项" in f.message


def test_parts_out_of_order(filled: Report) -> None:
    text = page(filled)
    five = text[text.index("五、存在的主要问题"): text.index("六、其他需要报告的事项")]
    text = text.replace(five, "").replace("二、主动公开政府信息情况", five + "二、主动公开政府信息情况")
    assert "NARR-PART-ORDER" in narr(import_source(text, "text"))


def test_leftovers_claims_of_none_and_percentages(filled: Report) -> None:
    granted = filled.values["t3.disclosed.total"]
    wrong = "0.01"  # of any base (the results, the new applications): far below granted's share
    active = "2023年，本单位通过门户网站主动公开政府信息。"
    text = page(filled, **{active: "2023年，本单位通过门户网站主动公开政府信息XX条。",
                           "依法办理政府信息公开申请。": f"本年度未收到政府信息公开申请。予以公开{granted}件，占{wrong}%。"})
    result = import_source(text, "text")
    by_code = {f.code: f for f in result.findings if f.code.startswith("NARR-")}
    assert set(by_code) == {"NARR-LEFTOVER", "NARR-NONE", "NARR-PERCENT"}
    assert "XX" in by_code["NARR-LEFTOVER"].message
    assert str(filled.values["t3.new.total"]) in by_code["NARR-NONE"].message
    assert f"{wrong}%" in by_code["NARR-PERCENT"].message


def test_a_page_in_traditional_characters_has_official_headings(filled: Report) -> None:
    """A page a converter serves in traditional characters (四、政府信息公开行政複議、行政訴訟情況): its headings
    are the official ones, read as simplified as the importer reads its labels."""
    trad = page(filled).translate(str.maketrans("复议诉讼况", "複議訴訟況"))
    assert "四、政府信息公开行政複議、行政訴訟情況" in trad
    assert narr(import_source(trad, "text")) == []


PAGE = """城关镇人民政府2023年政府信息公开工作年度报告
一、总体情况
（一）主动公开。全年主动公开信息120条，其中政策文件10件；“条例”（全文）已公开。
（二）依申请公开：本年收到申请3件，均已办结。
（三）政府信息管理
加强管理，规范发布。
"""


def test_the_text_in_the_workbook_keeps_the_printed_punctuation(tmp_path: Path) -> None:
    """Full-width punctuation is normalised to match the headings only: 正文 holds the text as published,
    also when it follows its sub-heading on the same line (after 。 or a colon)."""
    import openpyxl

    from nianbao.form.sheets import TEXT_SHEET
    from nianbao.publish.importer import import_to_workbooks

    page = tmp_path / "城关镇.txt"
    page.write_text(PAGE, encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out")
    assert done.output is not None
    ws = openpyxl.load_workbook(done.output)[TEXT_SHEET]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for text in ("全年主动公开信息120条，其中政策文件10件；“条例”（全文）已公开。", "本年收到申请3件，均已办结。",
                 "加强管理，规范发布。"):
        assert text in cells, cells


FOOTER = ("【打印本页】【关闭窗口】", "主办：金湖县人民政府办公室 网站标识码：3208310001 苏ICP备05000000号",
          "扫一扫在手机打开当前页")


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_sites_footer_after_the_report_is_not_its_text(filled: Report, kind: str) -> None:
    """A page saved from a county's site ends with its chrome (【打印本页】, 主办：…, 网站标识码, ICP备): not
    part 六's text, no NARR-LEFTOVER for its 【】, the same 正文 as the page without it."""
    text = page(filled)
    footed = text + "\n" + "\n".join(FOOTER)
    if kind == "html":
        footed = "<html><body>" + "".join(f"<p>{line}</p>" for line in footed.splitlines()) + "</body></html>"
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>"
    plain, result = import_source(text, kind), import_source(footed, kind)
    assert result.report is not None and plain.report is not None
    assert "NARR-LEFTOVER" not in narr(result)
    assert "打印本页" not in result.report.texts["other"] and "ICP备" not in result.report.texts["other"]
    assert result.report.texts == plain.report.texts


def test_run_in_sub_headings_in_the_offices_own_words(filled: Report) -> None:
    """（一）坚持以公开为常态，主动公开提质增效。不断… and （三）规范管理，提升质量。严格… are 一's sub-items
    in the office's words (a comma in the heading): no NARR-SUB-MISSING; one really missing is named, and the
    headings found are listed without their full stops."""
    text = page(filled)
    lines = text.splitlines()
    one = next(i for i, ln in enumerate(lines) if ln.startswith("（一）"))
    three = next(i for i, ln in enumerate(lines) if ln.startswith("（三）"))
    lines[one] = "（一）坚持以公开为常态，主动公开提质增效。不断扩大主动公开范围，强化重点领域信息公开。"
    lines[three] = "（三）规范管理，提升质量。严格落实公文办理程序规范，强化政府信息公开属性的标注。"
    assert "NARR-SUB-MISSING" not in narr(import_source("\n".join(lines), "text"))
    four = next(i for i, ln in enumerate(lines) if ln.startswith("（四）"))
    lines[four] = "（四）依申请公开情况。根据《条例》规范办理。"
    [f] = [f for f in import_source("\n".join(lines), "text").findings if f.code == "NARR-SUB-MISSING"]
    assert "（四）政府信息公开平台建设" in f.message and "情况。" not in f.message


def test_a_heading_without_text_under_it_is_said_empty(filled: Report) -> None:
    """六、其他需要报告的事项 printed as the last line, nothing under it: the heading is there, the part is
    empty (NARR-PART-EMPTY), not IMPORT-MISSING-PART (没有找到…部分)."""
    text = page(filled)
    result = import_source(text[: text.index("六、其他需要报告的事项")] + "六、其他需要报告的事项", "text")
    codes = [f.code for f in result.findings if f.severity != "info"]
    assert "IMPORT-MISSING-PART" not in codes and codes.count("NARR-PART-EMPTY") == 1
    [f] = [f for f in result.findings if f.code == "NARR-PART-EMPTY"]
    assert "六、其他需要报告的事项" in f.message
