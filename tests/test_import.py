"""Importing published reports: the real baicheng page, the real peer reports, the quirks of real pages,
truncated and partial inputs, and the CLI."""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.files import OutputExists
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.publish.importer import canon, import_file, import_source, import_to_workbooks
from nianbao.publish.render import render_markdown
from publish_helpers import load_peer, peer_html, peer_values, web_text

REF = Path(__file__).parent / "data" / "reference"
BAICHENG = REF / "baicheng-2021.txt"


def codes(result: FileResult, severity: str | None = None) -> list[str]:
    return [f.code for f in result.findings if severity is None or f.severity == severity]


def errors(result: FileResult) -> list[tuple[str, str, str]]:
    return [(f.code, f.sheet, f.cell) for f in result.findings if f.is_error]


def busy_report(fmt: str = "2021", variant: str = "national", seed: int = 3) -> Report:
    """A consistent report with many non-zero cells (so that a misplaced number shows)."""
    layout = get_layout(fmt, variant)
    for s in range(seed, seed + 200):
        r = random_report(layout, random.Random(s), office="示例街道办事处", year=2023 if fmt == "2021" else 2020)
        if sum(1 for k, v in r.values.items() if k.startswith("t3.") and v) > 30:
            return r
    raise AssertionError("no busy report")


# -- the real published page ----------------------------------------------------------------------


def test_baicheng_imports_exactly() -> None:
    result = import_file(BAICHENG)
    assert result.report is not None
    report = result.report
    assert (report.layout.format, report.layout.variant) == ("2021", "henan")
    assert all(v == 0 for v in report.values.values())
    assert len(report.inputs) == len(report.layout.inputs)  # every input cell was found on the page
    assert len(report.stated) == len(report.layout.totals)  # and every printed total
    assert errors(result) == []
    assert codes(result, "warning") == []
    assert report.office == "柏城街道办事处"  # no title on the page: found in the text, reported as info
    assert report.year == 2021
    assert codes(result, "info") == ["IMPORT-FROM-TEXT", "IMPORT-FROM-TEXT"]
    assert report.texts["other"] == "本年度依申请公开收费为零。"
    # the page's own sub-heading (四)政府信息公开平台建设情况 is kept, numbered as the document prints it
    assert report.texts["overview.platform"].startswith("（四）政府信息公开平台建设情况\n2021年,柏城街道办事处继续依托")
    assert "一是加强互动" in report.texts["problems"]


def test_baicheng_office_and_year_overrides() -> None:
    result = import_file(BAICHENG, office="西平县柏城街道办事处", year=2022)
    assert (result.office, result.year) == ("西平县柏城街道办事处", 2022)
    assert "IMPORT-FROM-TEXT" not in codes(result)


def test_baicheng_markdown_round_trip(tmp_path: Path) -> None:
    first = import_file(BAICHENG)
    assert first.report is not None
    md = tmp_path / "baicheng.md"
    md.write_text(render_markdown(first.report), encoding="utf-8")
    again = import_file(md)
    assert again.report is not None
    assert again.report.layout.label == "2021:henan"
    assert again.report.values == first.report.values
    assert again.report.inputs == first.report.inputs
    assert (again.office, again.year) == ("柏城街道办事处", 2021)  # now from the title
    assert again.report.texts == first.report.texts
    assert errors(again) == [] and codes(again, "warning") == []


def test_baicheng_workbook_reads_back(tmp_path: Path) -> None:
    [done] = import_to_workbooks([BAICHENG], tmp_path)
    assert done.output is not None and done.output.name == "baicheng-2021.xlsx"
    back = check_file(done.output)
    assert back.report is not None
    assert back.report.layout.label == "2021:henan"
    assert back.report.values == done.result.report.values  # type: ignore[union-attr]
    assert back.office == "柏城街道办事处" and back.year == 2021


# -- the real peer reports, as HTML tables ----------------------------------------------------------


@pytest.mark.parametrize("name", ["jinhu-2023_r40v31.repaired.parsed.json", "jinhu-2023_r33v25.api.json",
                                  "r29v22-2023-html.api.json"])
def test_peer_reports_from_html(name: str) -> None:
    peer = load_peer(REF / name)
    expected = peer_values(peer)
    page = peer_html(peer, "某某县2023年政府信息公开工作年度报告")
    result = import_source(page, "html", file=name)
    assert result.report is not None
    report = result.report
    assert report.layout.label == "2021:national"
    assert (report.office, report.year) == ("某某县", 2023)
    for key, value in expected.items():
        spec = report.layout.cells[key]
        got = report.inputs.get(key) if spec.is_input else report.stated.get(key)
        assert got == value, key
    if name.startswith("jinhu"):
        # the one real inconsistency: 未经复议直接起诉 2 + 0 + 1 + 0 = 3, but 总计 printed as 0
        assert errors(result) == [("T4-TOTAL", "表四", "J6")]
        [f] = [f for f in result.findings if f.is_error]
        assert (f.expected, f.actual) == ("3", "0")
        assert report.values["t4.suit_direct.total"] == 3
    else:
        assert errors(result) == []
    assert codes(result, "warning") == []


# -- quirks of real pages -----------------------------------------------------------------------------


def assert_same(result: FileResult, report: Report) -> None:
    assert result.report is not None, result.findings
    assert result.report.layout.label == report.layout.label
    assert result.report.values == report.values


def test_web_text_with_numbers() -> None:
    report = busy_report()
    result = import_source(web_text(report), "text")
    assert_same(result, report)
    assert errors(result) == [] and codes(result, "warning") == []
    assert (result.office, result.year) == ("示例街道办事处", 2023)


def test_fullwidth_and_traditional() -> None:
    report = busy_report()
    text = web_text(report)
    wide = text.translate(str.maketrans("0123456789()/:,.", "０１２３４５６７８９（）／：，．"))
    trad = wide.translate(str.maketrans("开报数处复总结继续议诉讼请费过项题关无", "開報數處復總結繼續議訴訟請費過項題關無"))
    result = import_source(trad, "text")
    assert_same(result, report)
    assert errors(result) == []


def test_taiwan_forms_of_the_labels() -> None:
    report = busy_report()
    text = web_text(report).translate(str.maketrans("秘于复属", "祕於複屬"))
    assert "1.屬於国家祕密" in text
    result = import_source(text, "text")
    assert_same(result, report)
    assert errors(result) == [] and codes(result, "warning") == []


def test_line_breaks_inside_labels() -> None:
    report = busy_report()
    result = import_source(web_text(report, split_labels=True), "text")
    assert_same(result, report)
    assert errors(result) == []


def test_slash_and_dash_as_zero() -> None:
    report = busy_report()
    text = web_text(report, slash_zero=True)
    assert " / " in text
    result = import_source(text.replace(" / 0", " — 0"), "text")
    assert_same(result, report)
    assert "IMPORT-BLANK" in codes(result, "info")
    assert errors(result) == []


def test_blank_total_column() -> None:
    report = busy_report()
    result = import_source(web_text(report, no_total_col=True), "text")
    assert_same(result, report)
    assert codes(result, "warning") == ["IMPORT-NO-TOTAL-COLUMN"]
    assert not any(k.endswith(".total") and k.startswith("t3.") and k != "t3.result_total.total"
                   for k in result.report.stated)  # type: ignore[union-attr]


def test_subtotal_rows_and_column() -> None:
    report = busy_report()
    result = import_source(web_text(report, subtotal_rows=True, subtotal_col=True), "text")
    assert_same(result, report)
    assert codes(result, "info").count("IMPORT-SUBTOTAL") == 2
    assert errors(result) == [] and codes(result, "warning") == []


def _bump_new_total(text: str, by: int = 5) -> str:
    """``text`` with the printed 总计 of row 一、本年新收 off by ``by``."""
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    parts = lines[i].split()
    parts[-1] = str(int(parts[-1]) + by)
    lines[i] = " ".join(parts)
    return "\n".join(lines)


def test_wrong_printed_total_is_caught() -> None:
    report = busy_report()
    result = import_source(_bump_new_total(web_text(report)), "text")
    assert ("T3-ROWTOTAL", "表三", "J6") in errors(result)
    assert result.report is not None and result.report.values == report.values


def test_fewer_numbers_in_a_row_is_reported() -> None:
    report = busy_report()
    lines = web_text(report).splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("2.重复申请"))
    lines[i] = " ".join(lines[i].split()[:-2])
    result = import_source("\n".join(lines), "text")
    short = [f for f in result.findings if f.code == "IMPORT-SHORT-ROW"]
    assert len(short) == 1 and short[0].is_error
    assert "2.重复申请" in short[0].message and (short[0].actual, short[0].expected) == ("5", "7")


def test_blank_cells_in_html(tmp_path: Path) -> None:
    peer = load_peer(REF / "r29v22-2023-html.api.json")
    page = peer_html(peer, "某县2023年政府信息公开工作年度报告")
    blanked = page.replace('<span style="font-family:宋体">0</span>', "")
    result = import_source(blanked, "html")
    assert result.report is not None
    assert result.report.values == import_source(page, "html").report.values  # type: ignore[union-attr]
    assert "IMPORT-BLANK" in codes(result, "info")
    assert errors(result) == []


def test_format_2019_detected_from_labels() -> None:
    report = busy_report("2019")
    text = web_text(report).replace("2020年政府信息", "2022年政府信息")  # a 2022 report in the old format
    result = import_source(text, "text")
    assert_same(result, report)
    assert "IMPORT-FORMAT-YEAR" in codes(result, "warning")


def mixed_page() -> tuple[str, Report, Report]:
    """A 2021-format page whose 表二 has the 2019 columns (as real 2022 reports have), and the two reports
    it was made of."""
    old, new = busy_report("2019"), busy_report("2021")
    old_text, new_text = web_text(old), web_text(new)
    t2_old = old_text[old_text.index("二、主动公开"):old_text.index("三、收到和处理")]
    t2_new = new_text[new_text.index("二、主动公开"):new_text.index("三、收到和处理")]
    return new_text.replace(t2_new, t2_old), old, new


def test_mixed_format_2019_table_two_in_2021_report() -> None:
    page, old, new = mixed_page()
    result = import_source(page, "text")
    assert result.report is not None and result.report.layout.format == "2021"
    assert all(result.report.values[k] == new.values[k] for k in new.values if k.startswith(("t3.", "t4.")))
    # the 2019 columns that hold the same figure carry over; the rest is named, and left blank
    assert {k: v for k, v in result.report.inputs.items() if k.startswith("t2.")} == {
        "t2.rules.issued": old.values["t2.rules.made"], "t2.normative.issued": old.values["t2.normative.made"],
        **{f"t2.{r}.decisions": old.values[f"t2.{r}.decisions"] for r in ("licensing", "penalty", "enforcement")}}
    assert errors(result) == [] and codes(result, "warning") == ["IMPORT-T2-2019"]
    [note] = [f.message for f in result.findings if f.code == "IMPORT-T2-2019"]
    assert "“处理决定数量”记入“本年处理决定数量”" in note
    assert "行政规范性文件的“本年废止件数”、“现行有效件数”；行政事业性收费的“本年收费金额（单位：万元）”" in note
    assert "政府集中采购的“采购项目数量”、“采购总金额”" in note


def test_2019_table_two_in_a_2021_report_goes_into_the_workbook(tmp_path: Path) -> None:
    text, old, _new = mixed_page()
    page = tmp_path / "2022年报.txt"
    page.write_text(text, encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out")
    assert done.output is not None and errors(done.result) == []
    back = check_file(done.output)
    assert back.report is not None
    assert back.report.values["t2.licensing.decisions"] == old.values["t2.licensing.decisions"]
    assert back.report.values["t2.normative.issued"] == old.values["t2.normative.made"]
    # the figures the page did not have stay blank, for `check` to name
    blank = [f for f in back.findings if f.code == "READ-BLANK" and f.sheet == "表二"]
    assert len(blank) == 1 and blank[0].message.startswith("表二有 5 个单元格未填写")


def test_canon() -> None:
    assert canon("（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）") == "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
    assert canon("1、属於國家秘密") == "1.属于国家秘密"
    assert canon("1、屬於國家祕密") == "1.属于国家秘密"  # 祕: the Taiwan standard form of 秘
    assert canon("3．危及“三安全一稳定”") == "3.危及三安全一稳定"


# -- truncated and partial inputs ----------------------------------------------------------------------


def test_page_cut_in_table_three() -> None:
    text = BAICHENG.read_text(encoding="utf-8")
    cut = text[: text.index("3.补正后申请内容仍不明确")]
    result = import_source(cut, "text", office="柏城街道办事处")
    assert result.report is not None
    missing_rows = [f.row_label for f in result.findings if f.code == "IMPORT-MISSING-ROW"]
    assert missing_rows == [
        "（四）无法提供 3.补正后申请内容仍不明确",
        *(f"（五）不予处理 {x}" for x in ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                     "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理 3.其他",
        "三、本年度办理结果 （七）总计",
        "四、结转下年度继续办理",
    ]
    missing_tables = [f.message for f in result.findings if f.code == "IMPORT-MISSING-TABLE"]
    assert len(missing_tables) == 1 and missing_tables[0].startswith("没有找到表四")
    assert [f.message for f in result.findings if f.code == "IMPORT-MISSING-PART"] == [
        "没有找到正文“五、存在的主要问题及改进情况”部分。", "没有找到正文“六、其他需要报告的事项”部分。"]


def test_figures_the_page_did_not_have_stay_blank_in_the_workbook(tmp_path: Path) -> None:
    # a 0 nobody wrote would look like a complete report; blanks make `check` say what was not filled in
    text = BAICHENG.read_text(encoding="utf-8")
    page = tmp_path / "截断的网页.txt"
    page.write_text(text[: text.index("3.补正后申请内容仍不明确")], encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out", office="柏城街道办事处")
    assert done.output is not None
    wb = openpyxl.load_workbook(done.output)
    layout = done.result.report.layout
    for key in ("t3.unavailable.unclear.natural_person", "t4.review.upheld"):
        sheet, a1 = layout.a1(key)
        assert wb[sheet][a1].value is None, key
    sheet, a1 = layout.a1("t3.new.natural_person")  # on the page: written, even as 0
    assert wb[sheet][a1].value == 0
    back = check_file(done.output)
    blank = {f.sheet: f.message for f in back.findings if f.code == "READ-BLANK"}
    assert set(blank) == {"表三", "表四"}
    assert blank["表四"].startswith("表四有 12 个单元格未填写")


def _t4_with_zeros(report: Report) -> Report:
    """``report`` with some zeros in 表四's data row (the 复议 row still adds up)."""
    inputs = dict(report.inputs)
    for k in ("t4.review.upheld", "t4.review.other", "t4.suit_direct.corrected", "t4.suit_after_review.upheld"):
        inputs[k] = 0
    return Report(layout=report.layout, inputs=inputs, info=report.info, texts=report.texts)


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_blank_cells_in_the_table_four_row_are_zeros_in_place(fmt: str) -> None:
    # offices leave the zeros of 表四 blank in Word; the numbers must stay in their columns
    import io
    import re

    import docx

    from nianbao.publish.render import render_report

    report = _t4_with_zeros(busy_report())
    data = render_report(report, fmt)
    if fmt == "html":
        page = data.decode("utf-8")
        i = page.index('<table class="t4"')
        data = (page[:i] + re.sub(r'(<td data-key="[^"]*"[^>]*>)0(</td>)', r"\1\2", page[i:])).encode("utf-8")
    else:
        doc = docx.Document(io.BytesIO(data))
        for cell in doc.tables[-1].rows[-1].cells:
            if cell.text.strip() == "0":
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.text = ""
        buf = io.BytesIO()
        doc.save(buf)
        data = buf.getvalue()
    result = import_source(data, fmt)
    assert result.report is not None
    t4 = [k for k in report.layout.cells if k.startswith("t4.")]
    assert [result.report.values[k] for k in t4] == [report.values[k] for k in t4]
    assert not [f for f in result.findings if f.is_error]
    assert "IMPORT-BLANK" in codes(result)


def test_an_all_blank_table_four_is_there_not_missing() -> None:
    from nianbao.publish.render import render_report

    report = _t4_with_zeros(busy_report())
    page = render_report(report, "html").decode("utf-8")
    i = page.index('<table class="t4"')
    page = page[:i] + re.sub(r'(<td data-key="[^"]*"[^>]*>)\d+(</td>)', r"\1\2", page[i:])
    result = import_source(page, "html")
    assert result.report is not None
    assert "IMPORT-MISSING-TABLE" not in codes(result) and "IMPORT-BLANK" in codes(result)
    assert all(result.report.values[k] == 0 for k in result.report.values if k.startswith("t4."))


def test_rules_the_missing_rows_break_are_not_the_reports_errors() -> None:
    report = busy_report()
    text = web_text(report)
    cut = text[: text.index("3.补正后申请内容仍不明确")]
    # printed figures that are all on the page still count: a wrong 总计 of row 一 is the report's error
    result = import_source(_bump_new_total(cut), "text")
    assert result.report is not None
    rule_errors = [e for e in errors(result) if not e[0].startswith("IMPORT-")]
    assert rule_errors == [("T3-ROWTOTAL", "表三", "J6")]
    [unchecked] = [f for f in result.findings if f.code == "IMPORT-UNCHECKED"]
    assert unchecked.sheet == "表三" and not unchecked.is_error
    assert re.match(r"表三缺少数字（见上），有 [1-7] 处勾稽关系（T3-BALANCE）把缺少的数字按 0 计算时不成立", unchecked.message)
    # without the missing rows, the same figures give the same finding as before
    assert "IMPORT-UNCHECKED" not in codes(import_source(web_text(report), "text"))


def test_rules_a_short_row_breaks_are_not_the_reports_errors() -> None:
    report = busy_report()
    lines = web_text(report).splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("2.没有现成信息需要另行制作"))
    parts = lines[i].split()
    # a figure inside the row is lost: the later ones are in the wrong columns
    j = next(j for j in range(1, len(parts) - 1) if parts[j] != parts[j + 1])
    lines[i] = " ".join(parts[:j] + parts[j + 1:])
    result = import_source("\n".join(lines), "text")
    assert [e[0] for e in errors(result)] == ["IMPORT-SHORT-ROW"]
    assert codes(result, "warning") == ["IMPORT-UNCHECKED"]


def test_page_cut_inside_a_row() -> None:
    report = busy_report()
    text = web_text(report)
    i = text.index("5.属于三类内部事务信息")
    cut = text[: i + len("5.属于三类内部事务信息") + 4]
    result = import_source(cut, "text")
    assert result.report is not None
    assert "IMPORT-SHORT-ROW" in codes(result)
    assert "IMPORT-MISSING-ROW" in codes(result)


def test_tables_published_as_images() -> None:
    report = busy_report()
    text = web_text(report)
    only_t4 = text[: text.index("二、主动公开")] + text[text.index("四、政府信息公开行政复议"):]
    result = import_source(only_t4, "text")
    assert result.report is not None
    assert [f.sheet for f in result.findings if f.code == "IMPORT-MISSING-TABLE"] == ["表二", "表三"]
    assert all(result.report.values[k] == report.values[k] for k in report.values if k.startswith("t4."))


def test_all_tables_published_as_images() -> None:
    """An annual report (title, part headings) whose three tables are images: its text is imported and
    each table is reported missing, by name."""
    page = BAICHENG.read_text(encoding="utf-8")
    page = (page[: page.index("二、主动公开政府信息情况")] + "二、主动公开政府信息情况\n（图片）\n"
            "三、收到和处理政府信息公开申请情况\n[图片]\n四、政府信息公开行政复议、行政诉讼情况\n"
            + page[page.index("五、存在的主要问题"):])
    result = import_source(page, "text")
    assert result.report is not None
    assert (result.office, result.year) == ("柏城街道办事处", 2021)
    assert [(f.code, f.sheet) for f in result.findings if f.is_error] == [
        ("IMPORT-MISSING-TABLE", "表二"), ("IMPORT-MISSING-TABLE", "表三"), ("IMPORT-MISSING-TABLE", "表四")]
    assert codes(result, "warning") == ["IMPORT-FORMAT-GUESS"]
    assert result.report.texts["other"] == "本年度依申请公开收费为零。"
    titled = import_source("某县2023年政府信息公开工作年度报告\n一、总体情况\n表格见附件图片。", "text")
    assert titled.report is not None and titled.year == 2023
    assert codes(titled, "error") == ["IMPORT-MISSING-TABLE"] * 3


def test_no_tables_at_all() -> None:
    result = import_source("关于做好政务公开工作的通知\n各乡镇人民政府：\n请按时报送。", "text")
    assert result.report is None
    assert codes(result) == ["IMPORT-NO-TABLES"]


def test_truncated_html_and_docx_do_not_raise() -> None:
    peer = load_peer(REF / "jinhu-2023_r33v25.api.json")
    page = peer_html(peer, "金湖县2023年政府信息公开工作年度报告")
    for end in range(0, len(page), 97):
        result = import_source(page[:end], "html")
        assert isinstance(result, FileResult)
    bad = import_source(b"PK\x03\x04 not a zip", "docx", file="x.docx")
    assert codes(bad) == ["IMPORT-UNREADABLE"]


def test_unreadable_files(tmp_path: Path) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert codes(import_file(doc)) == ["IMPORT-UNREADABLE"]
    assert codes(import_file(tmp_path / "absent.txt")) == ["IMPORT-UNREADABLE"]
    gb = tmp_path / "gbk.txt"
    gb.write_bytes(BAICHENG.read_text(encoding="utf-8").encode("gb18030"))
    assert import_file(gb).report is not None


# -- CLI -----------------------------------------------------------------------------------------------


def test_cli_import_json_equals_library(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["import", str(BAICHENG), "-o", str(out), "--json", "--office", "柏城街道办事处"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    lib = import_to_workbooks([BAICHENG], tmp_path / "lib", office="柏城街道办事处")
    expected = [d.to_dict() for d in lib]
    for d in (*data, *expected):
        d.pop("output")
    assert data == expected
    assert (out / "baicheng-2021.xlsx").exists()


def test_cli_import_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    peer = load_peer(REF / "jinhu-2023_r40v31.repaired.parsed.json")
    page = tmp_path / "jinhu.html"
    page.write_text(peer_html(peer, "金湖县2023年政府信息公开工作年度报告"), encoding="utf-8")
    res = runner.invoke(app, ["import", str(page), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "T4-TOTAL" in res.output
    res = runner.invoke(app, ["import", str(tmp_path / "nothing.txt"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2


def test_import_keeps_a_workbook_of_an_earlier_run(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "o"
    res = runner.invoke(app, ["import", str(BAICHENG), "-o", str(out)])
    assert res.exit_code == 0, res.output
    book = out / "baicheng-2021.xlsx"
    book.write_bytes(b"edited by a clerk")
    res = runner.invoke(app, ["import", str(BAICHENG), "-o", str(out)])
    assert res.exit_code == 2
    assert "输出文件已存在" in res.output and "--force" in res.output
    assert book.read_bytes() == b"edited by a clerk"
    res = runner.invoke(app, ["import", str(BAICHENG), "-o", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert check_file(book).report is not None
    # the library writes nothing when one of the workbooks exists
    other = tmp_path / "other.txt"
    other.write_text(BAICHENG.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(OutputExists):
        import_to_workbooks([other, BAICHENG], out)
    assert not (out / "other.xlsx").exists()


def test_amount_decimal() -> None:
    peer = load_peer(REF / "jinhu-2023_r40v31.repaired.parsed.json")
    result = import_source(peer_html(peer, "金湖县2023年政府信息公开工作年度报告"), "html")
    assert result.report is not None
    assert result.report.inputs["t2.fees.amount"] == Decimal("14722.49")


@settings(max_examples=60, deadline=None)
@given(start=st.integers(0, 6000), length=st.integers(0, 6000), kind=st.sampled_from(["text", "markdown", "html"]),
       noise=st.text(max_size=40))
def test_any_slice_imports_without_traceback(start: int, length: int, kind: str, noise: str) -> None:
    text = BAICHENG.read_text(encoding="utf-8")
    piece = text[start:start + length] + noise
    result = import_source(piece, kind)
    assert isinstance(result, FileResult)
    assert (result.report is None) == ("IMPORT-NO-TABLES" in codes(result))


def test_narrative_mentioning_table_words_stays_narrative() -> None:
    report = busy_report()
    text = web_text(report).replace("全年主动公开政府信息。", "全年主动公开政府信息。\n行政复议和行政诉讼情况\n2023 年 无 行政复议 行政诉讼")
    result = import_source(text, "text", year=2023)
    assert_same(result, report)
    # the words put in say there was no 行政复议 while table 四 has some: the narrative rule says so
    assert errors(result) == [] and set(codes(result, "warning")) <= {"NARR-NONE"}
    assert "行政复议和行政诉讼情况" in result.report.texts["overview.active"]  # type: ignore[union-attr]


# -- the 2019 format: a report on 2020, signed 本年增/减 and 采购总金额 ---------------------------------

PAGE_2020 = """西平县人民政府办公室2020年政府信息公开工作年度报告
本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2019〕60号要求编制。
一、总体情况
(一)主动公开
2020年主动公开政府信息1200条。
(二)依申请公开
依法办理政府信息公开申请。
(三)政府信息管理
及时更新已公开的政府信息。
(四)政府信息公开平台建设
依托门户网站发布政府信息。
(五)监督保障
将政府信息公开纳入年度考核。
二、主动公开政府信息情况
第二十条第(一)项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 3 3 25
第二十条第(五)项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 120 +12 3560
其他对外管理服务事项 15 -3 210
第二十条第(六)项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 85 0 412
行政强制 12 -1 30
第二十条第(八)项
信息内容 上一年项目数量 本年增/减
行政事业性收费 8 -2
第二十条第(九)项
信息内容 采购项目数量 采购总金额
政府集中采购 45 1234.56万元
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 10 2 0 0 0 0 12
二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1
三、本年度办理结果 (一)予以公开 6 1 0 0 0 0 7
(二)部分公开(区分处理的,只计这一情形,不计其他情形) 1 0 0 0 0 0 1
(三)不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 1 0 0 0 0 0 1
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
(四)无法提供 1.本机关不掌握相关政府信息 2 1 0 0 0 0 3
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
(五)不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
(六)其他处理 0 0 0 0 0 0 0
(七)总计 10 2 0 0 0 0 12
四、结转下年度继续办理 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
公开质量有待提高。
六、其他需要报告的事项
无。
"""

T2_2020 = {
    "t2.rules.made": 0, "t2.rules.published": 0, "t2.rules.total_public": 0,
    "t2.normative.made": 3, "t2.normative.published": 3, "t2.normative.total_public": 25,
    "t2.licensing.prev_items": 120, "t2.licensing.change": 12, "t2.licensing.decisions": 3560,
    "t2.other_services.prev_items": 15, "t2.other_services.change": -3, "t2.other_services.decisions": 210,
    "t2.penalty.prev_items": 85, "t2.penalty.change": 0, "t2.penalty.decisions": 412,
    "t2.enforcement.prev_items": 12, "t2.enforcement.change": -1, "t2.enforcement.decisions": 30,
    "t2.fees.prev_items": 8, "t2.fees.change": -2,
    "t2.procurement.items": 45, "t2.procurement.amount": Decimal("1234.56"),
}


def check_2020(result: FileResult) -> Report:
    assert result.report is not None, result.findings
    report = result.report
    assert report.layout.label == "2019:national"
    assert (report.office, report.year) == ("西平县人民政府办公室", 2020)
    assert {k: v for k, v in report.inputs.items() if k.startswith("t2.")} == T2_2020
    assert isinstance(report.inputs["t2.procurement.amount"], Decimal)
    v = report.values
    assert [v[f"t3.{r}.total"] for r in ("new", "carried_over", "disclosed", "partial", "other", "result_total",
                                          "carry_forward")] == [12, 1, 7, 1, 0, 12, 1]
    assert v["t3.unavailable.not_held.business"] == 1 and v["t4.review.total"] == 1
    return report


def test_2020_report_in_the_2019_format() -> None:
    result = import_source(PAGE_2020, "text")
    check_2020(result)
    assert list(result.findings) == []  # the page is complete and consistent: not even a note


def test_2020_signed_values_written_with_other_minus_signs() -> None:
    page = PAGE_2020.replace("+12", "＋12").replace(" -3 ", " −3 ").replace(" -1 ", " －1 ").replace(" -2", " ‐2")
    result = import_source(page, "text")
    check_2020(result)
    assert list(result.findings) == []


#: a rendered .docx breaks a long title in two lines (GB/T 9704, as real Word reports do); the importer takes
#: only the first line as the title so far
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])  # docx: a title broken over two lines, joined
def test_2020_report_renders_and_imports_again(fmt: str, tmp_path: Path) -> None:
    from nianbao.publish.render import render_report

    first = check_2020(import_source(PAGE_2020, "text"))
    data = render_report(first, fmt)
    if fmt == "md":
        text = data.decode("utf-8")
        assert "| 行政许可 | 120 | +12 | 3560 |" in text and "| 其他对外管理服务事项 | 15 | -3 | 210 |" in text
        assert "| 政府集中采购 | 45 | 1234.56 |" in text
    path = tmp_path / f"report.{fmt}"
    path.write_bytes(data)
    again = import_file(path)
    back = check_2020(again)
    assert back.values == first.values and back.texts == first.texts
    assert list(again.findings) == []


def test_2020_workbook_keeps_signed_values(tmp_path: Path) -> None:
    page = tmp_path / "西平县2020.txt"
    page.write_text(PAGE_2020, encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out")
    assert done.output is not None
    back = check_file(done.output)
    assert back.report is not None and back.report.layout.label == "2019:national"
    assert back.report.values == done.result.report.values  # type: ignore[union-attr]
    assert errors(back) == []


def test_2020_page_cut_in_table_three() -> None:
    result = import_source(PAGE_2020[: PAGE_2020.index("(五)不予处理")], "text")
    assert result.report is not None and result.report.layout.label == "2019:national"
    assert [f.row_label for f in result.findings if f.code == "IMPORT-MISSING-ROW"] == [
        *(f"（五）不予处理 {x}" for x in ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                     "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
        "三、本年度办理结果 （六）其他处理", "三、本年度办理结果 （七）总计", "四、结转下年度继续办理"]
    assert [f.sheet for f in result.findings if f.code == "IMPORT-MISSING-TABLE"] == ["表四"]
    assert {k: v for k, v in result.report.inputs.items() if k.startswith("t2.")} == T2_2020
    assert result.report.values["t3.unavailable.not_held.total"] == 3


def test_2022_report_citing_the_2019_notice_with_2021_tables() -> None:
    page = BAICHENG.read_text(encoding="utf-8").replace("2021年", "2022年")
    page = ("柏城街道办事处2022年政府信息公开工作年度报告\n本报告根据国办公开办函〔2019〕60号的要求编制。\n一、总体情况\n"
            + page)
    result = import_source(page, "text")
    assert result.report is not None and result.report.layout.label == "2021:henan"
    assert (result.office, result.year) == ("柏城街道办事处", 2022)
    # the tables decide the format; citing the 2019 notice for a 2022 report is the narrative's mistake
    assert [f.code for f in result.findings] == ["NARR-CITATION"]
    assert "国办公开办函〔2021〕30号" in result.findings[0].message


def test_fully_traditional_page() -> None:
    s2t = str.maketrans(
        "万业为举于会体关内决况减制办务动区单发后国处复审对属废开强当总执护报据数无机权条构没现确稳类系纠纳组织经结"
        "继续维缴罚范获补规计认议许讼访诉询请购费转过这进问项题额设监台县镇乡",
        "萬業為舉於會體關內決況減製辦務動區單發後國處複審對屬廢開強當總執護報據數無機權條構沒現確穩類係糾納組織經結"
        "繼續維繳罰範獲補規計認議許訟訪訴詢請購費轉過這進問項題額設監臺縣鎮鄉")
    result = import_source(PAGE_2020.translate(s2t), "text")
    report = check_2020(result)
    assert list(result.findings) == []
    # the narrative is kept as printed: only labels are compared in simplified form; the paragraph
    # before 一 is the opening, not text of 一
    assert report.texts["overview.active"] == "2020年主動公開政府信息1200條。"
    assert result.extra["opening"] == [PAGE_2020.translate(s2t).splitlines()[1]]


@pytest.mark.parametrize(("title", "office", "year"), [
    ("西平县人民政府2021年政府信息公开工作年度报告", "西平县人民政府", 2021),
    ("2021年西平县人民政府政府信息公开工作年度报告", "西平县人民政府", 2021),
    ("西平县人民政府办公室关于2021年政府信息公开工作年度报告", "西平县人民政府办公室", 2021),
    ("西平县柏城街道办事处2021年度政府信息公开工作年度报告", "西平县柏城街道办事处", 2021),
    ("西平县人民政府政府信息公开工作2021年度报告", "西平县人民政府", 2021),
    ("西平縣人民政府2021年政府信息公開工作年度報告", "西平县人民政府", 2021),
    ("【2021年】西平县人民政府 2021 年政府信息公开工作年度报告", "西平县人民政府", 2021),
])
def test_title_forms(title: str, office: str, year: int) -> None:
    page = title + "\n" + BAICHENG.read_text(encoding="utf-8")
    result = import_source(page, "text")
    assert (result.office, result.year) == (office, year)
    assert "IMPORT-FROM-TEXT" not in codes(result)


def test_unmerged_html_table_with_blank_label_cells() -> None:
    """A hand-made table without merged cells: the group labels are repeated blank cells."""
    peer = load_peer(REF / "r29v22-2023-html.api.json")
    page = peer_html(peer, "某县2023年政府信息公开工作年度报告")
    flat = (page.replace("<td rowspan='22'>三、本年度<br>办理结果</td>", "<td>三、本年度办理结果</td>")
            .replace("<td colspan='2'>", "<td></td><td>"))
    for group in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        flat = flat.replace(f"rowspan='{8 if '三' in group else 3 if '四' in group or '六' in group else 5}'>{group}",
                            f">{group}")
    rows = flat.split("<tr>")
    fixed = []
    for row in rows:  # every table 三 body row gets blank cells where a merged label was
        if ("．" in row or "（一）" in row or "（二）" in row or "（七）" in row) and "<td>三、本年度" not in row \
                and "不予公开</td>" not in row and "无法提供</td>" not in row and "不予处理</td>" not in row \
                and "其他处理</td>" not in row:
            row = "<td></td>" + ("<td></td>" if "．" in row else "") + row
        fixed.append(row)
    flat = "<tr>".join(fixed)
    assert "<td></td><td></td><td>2．其他法律行政法规禁止公开" in flat and "rowspan='22'" not in flat
    result = import_source(flat, "html")
    assert result.report is not None
    assert result.report.values == import_source(page, "html").report.values  # type: ignore[union-attr]
    assert errors(result) == [] and codes(result, "warning") == []


@pytest.mark.parametrize(("fmt", "kind"), [("md", "markdown"), ("html", "html"), ("docx", "docx")])
def test_forced_draft_imports_without_its_note(fmt: str, kind: str) -> None:
    """A draft rendered with --force, then edited and imported: the note is not part of the report."""
    from nianbao.publish.render import render_report

    report = busy_report()
    inputs = dict(report.inputs)
    inputs["t3.new.natural_person"] = int(inputs["t3.new.natural_person"]) + 5
    bad = Report(layout=report.layout, inputs=inputs, info=report.info,
                 texts={"overview.active": "全年主动公开政府信息。", "other": "无。"})
    data = render_report(bad, fmt, force=True)
    result = import_source(data if fmt == "docx" else data.decode("utf-8"), kind)
    assert result.report is not None
    assert result.report.texts == bad.texts, fmt
    assert result.report.values == bad.values
    assert {f.code for f in result.findings if f.is_error} == {"T3-BALANCE"}


@pytest.mark.parametrize(("fmt", "kind"), [("md", "markdown"), ("html", "html"), ("docx", "docx")])
def test_the_note_of_a_draft_with_many_errors_is_left_out_whole(fmt: str, kind: str) -> None:
    """More errors than the note lists: its last line (……另有 N 处错误) is the note's too, not the opening."""
    from nianbao.publish.render import render_report

    report = busy_report()
    inputs = {k: (-1 if k.startswith(("t3.new.", "t3.carried_over.")) else v) for k, v in report.inputs.items()}
    bad = Report(layout=report.layout, inputs=inputs, info=report.info,
                 texts={"overview.active": "全年主动公开政府信息。", "other": "无。"})
    data = render_report(bad, fmt, force=True)
    assert "……另有" in (data.decode("utf-8") if fmt != "docx" else _docx_text(data))
    result = import_source(data if fmt == "docx" else data.decode("utf-8"), kind)
    assert result.report is not None and result.report.texts == bad.texts
    assert [line for line in result.extra["opening"] if "另有" in line or "错误" in line] == []


def _docx_text(data: bytes) -> str:
    import io

    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
