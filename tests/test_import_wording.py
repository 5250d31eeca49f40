"""What an import says about what it could not read: narrative among a table's rows is not data, a
table that is not there is told from a table printed but not read, and 正文 is never compared with a
table that was not read."""

from __future__ import annotations

from pathlib import Path

from nianbao.form.result import FileResult
from nianbao.publish.importer import import_source

BAICHENG = Path(__file__).parent / "data" / "reference" / "baicheng-2021.txt"
T4_HEAD = "四、政府信息公开行政复议、行政诉讼情况"


def page() -> str:
    return BAICHENG.read_text(encoding="utf-8")


def codes(result: FileResult) -> list[str]:
    return [f.code for f in result.findings]


def test_a_sentence_inside_table_four_is_not_read_as_data() -> None:
    text = page()
    i = text.index("五、存在的主要问题")
    text = text[:i] + "2020 年，本机关未发生政府信息公开行政复议、行政诉讼案件。\n" + text[i:]
    result = import_source(text, "text")
    assert result.report is not None
    t4 = [c.key for c in result.report.layout.table("t4").cells]
    assert {result.report.inputs.get(k, result.report.stated.get(k)) for k in t4} == {0}
    assert "IMPORT-UNKNOWN-ROW" not in codes(result) and "IMPORT-LONG-ROW" not in codes(result)
    assert [f for f in result.findings if f.is_error] == []


def test_a_sentence_before_the_data_row_of_table_four() -> None:
    text = page().replace("结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n",
                          "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
                          "2021年，共办理行政复议 2 件。\n")
    result = import_source(text, "text")
    assert result.report is not None
    assert result.report.inputs["t4.review.upheld"] == 0  # not 2021, not 2
    assert [f for f in result.findings if f.is_error] == []


def test_a_table_not_there_and_a_table_not_read_are_told_apart() -> None:
    text = page()
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index(T4_HEAD)
    # 表二 an image: only its heading; 表三 printed with labels no official row has
    table_three = "\n".join(["三、收到和处理政府信息公开申请情况", "申请人情况 自然人 法人或其他组织 总计",
                             "甲类事项 1 0 0 0 0 0 1", "乙类事项 0 0 0 0 0 0 0"])
    t2 = text.index("二、主动公开政府信息情况")
    text = text[:t2] + "二、主动公开政府信息情况\n（图片）\n" + table_three + "\n" + text[end:]
    assert start > t2
    result = import_source(text, "text")
    by_sheet = {f.sheet: f for f in result.findings if f.code in ("IMPORT-MISSING-TABLE", "IMPORT-TABLE-UNREAD")}
    assert by_sheet["表二"].code == "IMPORT-MISSING-TABLE" and "图片" in by_sheet["表二"].message
    assert by_sheet["表三"].code == "IMPORT-TABLE-UNREAD" and "图片" not in by_sheet["表三"].message
    assert "有 2 行数字" in by_sheet["表三"].message
    assert "表四" not in by_sheet


def _with_text(text: str, sentence: str) -> str:
    i = text.index("(三)政府信息管理")
    return text[:i] + sentence + "\n" + text[i:]


def test_narrative_is_compared_with_a_table_that_was_read() -> None:
    result = import_source(_with_text(page(), "本年共收到政府信息公开申请5件。"), "text")
    ntext = [f for f in result.findings if f.code == "N-TEXT"]
    assert len(ntext) == 1 and "表三" in ntext[0].message and (ntext[0].actual, ntext[0].expected) == ("5", "0")


def test_narrative_is_never_compared_with_a_table_not_read() -> None:
    text = page()
    start, end = text.index("三、收到和处理政府信息公开申请情况"), text.index(T4_HEAD)
    text = text[:start] + "三、收到和处理政府信息公开申请情况\n（图片）\n" + text[end:]
    result = import_source(_with_text(text, "本年共收到政府信息公开申请5件。"), "text")
    assert "IMPORT-MISSING-TABLE" in codes(result)
    assert "N-TEXT" not in codes(result)


# -- smaller things of real pages ---------------------------------------------------------------------


def test_2019_wording_of_a_row_in_a_2021_table() -> None:
    text = page().replace("行政规范性文件 0 0 0", "规范性文件 3 1 20")
    result = import_source(text, "text")
    assert result.report is not None and result.report.layout.format == "2021"
    assert [result.report.inputs[f"t2.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 20]
    assert "IMPORT-MISSING-ROW" not in codes(result) and "IMPORT-UNKNOWN-ROW" not in codes(result)


def test_heading_variant_of_part_five() -> None:
    text = page().replace("五、存在的主要问题及改进情况\n", "五、存在的主要问题及整改措施\n")
    result = import_source(text, "text")
    assert result.report is not None
    assert "IMPORT-MISSING-PART" not in codes(result)
    assert "一是加强互动" in result.report.texts["problems"]


def test_signed_values_written_in_words() -> None:
    from test_import import PAGE_2020, check_2020

    page_2020 = PAGE_2020.replace("+12", "增12").replace(" -3 ", " 减3 ").replace(" -1 ", " 减少1 ")
    assert page_2020 != PAGE_2020
    result = import_source(page_2020, "text")
    check_2020(result)
    assert list(result.findings) == []


def test_a_single_blank_cell_in_text_is_not_a_missing_row() -> None:
    text = page().replace("行政许可 0\n", "行政许可\n")
    result = import_source(text, "text")
    assert result.report is not None
    assert "IMPORT-MISSING-ROW" not in codes(result)
    assert result.report.inputs["t2.licensing.decisions"] == 0
    blank = next(f for f in result.findings if f.code == "IMPORT-BLANK")
    assert (blank.sheet, blank.cells) == ("表二", ("B9",))


def test_the_office_is_not_taken_from_boilerplate() -> None:
    boilerplate = ("本报告根据《中华人民共和国政府信息公开条例》和《西平县人民政府办公室关于做好政府信息公开工作年度报告的通知》"
                   "要求，按照驻马店市人民政府办公室的统一部署编制。")
    text = boilerplate + "\n" + page() + "\n按照驻马店市人民政府要求，驻马店市人民政府督导检查。"
    result = import_source(text, "text")
    assert result.office == "柏城街道办事处"


def test_a_sentence_ending_in_the_reports_name_is_not_its_title() -> None:
    """按照《条例》规定，特向社会公布2021年度政府信息公开工作年度报告 reads like a title to a pattern, but names
    no office: the office is the one the report names (found by acceptance review)."""
    text = ("按照《中华人民共和国政府信息公开条例》(以下简称《条例》)规定，特向社会公布2021年度政府信息公开工作年度报告。\n"
            + page())
    result = import_source(text, "text")
    assert result.office == "柏城街道办事处"


def test_a_text_file_saved_as_unicode_by_notepad_is_read(tmp_path: Path) -> None:
    """Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: read, not "no title or tables found"
    (found by acceptance review)."""
    from nianbao.publish.importer import import_file

    p = tmp_path / "柏城.txt"
    p.write_bytes(BAICHENG.read_text(encoding="utf-8").encode("utf-16"))
    result = import_file(p)
    assert result.report is not None and result.office == "柏城街道办事处"
    assert "IMPORT-NO-TABLES" not in [f.code for f in result.findings]
