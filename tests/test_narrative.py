"""The narrative rules (nianbao.check.narrative), one table-driven test per rule, with real wording: the
柏城街道 report (reference/baicheng-2021.txt), the phrases of FORMAT.md and of published reports."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.check.narrative import empty_text_findings, narrative_findings, same_offices, sameness, structure_findings
from nianbao.check.validate import validate_report
from nianbao.demo.synth import random_report
from nianbao.form.findings import CATALOGUE
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import LEVEL_SUMMARY, text_cell
from nianbao.template import write_workbook

BAICHENG = Path(__file__).parent / "data" / "reference" / "baicheng-2021.txt"
L21 = get_layout("2021")
#: 98 applications handled: 42 予以公开 (42.86 %), 6 部分公开, 50 本机关不掌握; 2 行政复议, no 诉讼
INPUTS = {"t3.new.natural_person": 98, "t3.disclosed.natural_person": 42, "t3.partial.natural_person": 6,
          "t3.unavailable.not_held.natural_person": 50, "t4.review.upheld": 2}
R = Report(layout=L21, inputs=INPUTS, info={"office": "柏城街道办事处", "year": "2023", "category": "街道办事处"})
NONE = Report(layout=L21, info={"office": "柏城街道办事处", "year": "2023", "category": "街道办事处"})
INTRO = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
         "存在的主要问题及改进情况、其他需要报告的事项六部分组成。")


def codes(report: Report, section: str, text: str, **kw: object) -> list[tuple[str, str]]:
    found = narrative_findings(replace(report, texts={section: text}), **kw)  # type: ignore[arg-type]
    return [(f.code, f.cell) for f in found]


CASES = [
    # leftovers of a template (the 正文 cell of the section is where the finding points)
    ("XX", "overview.active", "全年共主动公开政府信息XX条，其中规范性文件××件。", [("NARR-LEFTOVER", "B2")] * 1),
    ("X条", "overview.active", "全年共主动公开政府信息X条。", [("NARR-LEFTOVER", "B2")]),
    ("empty brackets", "overview.platform", "依托（ ）网站发布信息。", [("NARR-LEFTOVER", "B5")]),
    ("【】", "other", "【此处填写其他需要报告的事项】", [("NARR-LEFTOVER", "B8")]),
    ("□", "other", "□收取 □未收取信息处理费。", [("NARR-LEFTOVER", "B8")]),
    ("empty 电话", "overview.request", "如对本报告有疑问，请与党政办联系，联系电话：。", [("NARR-LEFTOVER", "B3")]),
    ("a phone number", "overview.request", "联系电话：0396-6221234。", []),
    # not a placeholder: a site's address and a mailbox (xxgk is 信息公开's initials), a product of figures
    ("a site's address", "overview.platform", "依托政府信息公开平台（http://www.xpx.gov.cn/xxgk/）发布信息。", []),
    ("a mailbox", "overview.request", "可通过电子邮箱xxgkb@163.com提出申请。", []),
    ("XX at a sentence's end", "overview.active", "全年共主动公开政府信息XX。", [("NARR-LEFTOVER", "B2")]),
    # the format notice's citation
    ("citation mangled", "overview.active", "根据国办公开办函202130 号要求编制本报告。", [("NARR-CITATION", "B2")]),
    ("citation square brackets", "overview.active", "按照《国办公开办函[2021]30号》要求。", [("NARR-CITATION", "B2")]),
    ("citation of the 2019 notice", "overview.active", "依据国办公开办函〔2019〕60号编制。", [("NARR-CITATION", "B2")]),
    ("citation right", "overview.active", "依据国办公开办函〔2021〕30号编制。", []),
    # the statistics period
    ("period of last year", "overview.active", "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
     [("NARR-YEAR", "B2")]),
    ("period right", "overview.active", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", []),
    # the year of the statistics period and of the title quoted in the text (R is 2023's)
    ("period without its second year", "overview.active", "本报告所列数据统计期限为2022年1月1日至12月31日。",
     [("NARR-YEAR", "B2")]),
    ("period right", "overview.active", "本报告所列数据统计期限为2023年1月1日至12月31日。", []),
    ("last year's title quoted", "overview.active", "现公布桐梓县人民政府2022年政府信息公开工作年度报告。",
     [("NARR-YEAR", "B2")]),
    ("this year's title quoted", "overview.active", "现公布柏城街道办事处2023年度政府信息公开工作年度报告。", []),
    ("phone on the next line", "overview.supervision", "联系电话：\n0517-86881234", []),
    ("phone left blank", "overview.supervision", "联系电话：\n地址：金湖县人民政府办公室", [("NARR-LEFTOVER", "B6")]),
    # the intro that counts the parts
    ("intro of six", "overview.active", INTRO, []),
    ("intro of five", "overview.active", INTRO.replace("、其他需要报告的事项六部分", "五部分"), [("NARR-INTRO-PARTS", "B2")]),
    ("intro says six, lists five", "overview.active", INTRO.replace("、其他需要报告的事项", ""),
     [("NARR-INTRO-PARTS", "B2")]),
    # claims of none against the tables (R has 98 applications and 2 行政复议)
    ("none received (柏城街道)", "overview.request", "本街道办事处2023年没有受理政府信息申请情况。", [("NARR-NONE", "B3")]),
    ("none received", "overview.request", "本年度未收到政府信息公开申请。", [("NARR-NONE", "B3")]),
    ("no review, no suit", "overview.supervision", "本年度未发生政府信息公开行政复议、行政诉讼案件。",
     [("NARR-NONE", "B6")]),  # 复议 2: one finding; 诉讼 0 is right
    ("says nothing of how many", "overview.supervision", "未发生行政复议被纠错的情况。", []),
    ("none corrected", "overview.supervision", "全年未发生因政府信息公开引起的行政复议、行政诉讼被纠错的情况。", []),
    ("no complaint by applicants", "overview.supervision", "全年未收到政府信息公开申请人的投诉举报。", []),
    ("no late answer", "overview.request", "没有政府信息公开申请逾期答复的情况。", []),
    ("none received, then something else", "overview.request", "本年度未收到政府信息公开申请，未发生投诉举报。",
     [("NARR-NONE", "B3")]),
    # real wordings of none the rule missed (a reviewer's, from published county reports)
    ("被申请行政复议、提起行政诉讼", "overview.supervision", "全年未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。",
     [("NARR-NONE", "B6")]),
    ("未收到依申请公开事项", "overview.request", "本年度未收到依申请公开事项。", [("NARR-NONE", "B3")]),
    ("未收到依申请公开件", "overview.request", "全年未收到依申请公开件。", [("NARR-NONE", "B3")]),
    ("零申请", "overview.request", "本年度零申请。", [("NARR-NONE", "B3")]),
    ("没有收到…提出的申请", "overview.request", "没有收到公民、法人或其他组织提出的政府信息公开申请。",
     [("NARR-NONE", "B3")]),
    ("未收到申请人提出的申请", "overview.request", "未收到申请人提出的政府信息公开申请。", [("NARR-NONE", "B3")]),
    ("依申请公开: 无", "overview.request", "无。", [("NARR-NONE", "B3")]),
    ("主动公开: 无 is not a claim about applications", "overview.active", "无。", []),
    # none of another year
    ("last year none, this year some", "overview.supervision", "上年未发生行政复议，本年发生行政复议2件。", []),
    ("none in 2022 (the report is 2023's)", "overview.supervision", "2022年未发生行政复议。", []),
    ("none in 2023", "overview.supervision", "2023年未发生行政复议。", [("NARR-NONE", "B6")]),
    # percentages
    ("percentage right", "overview.request", "其中予以公开42件，占42.86%；部分公开6件，占6.12%。", []),
    ("percentage rounded", "overview.request", "予以公开42件，占43%。", []),
    ("percentage wrong", "overview.request", "予以公开42件，占45.00%。", [("NARR-PERCENT", "B3")]),
    ("a share of something else", "overview.active", "主动公开政府信息1200条，其中政策解读60条，占5%。", []),
    ("a share of all 公开 items", "overview.active", "公开政府信息共1200条，予以公开类信息 600 条，占比 50%。", []),
    ("part of a larger figure", "overview.request", "予以公开1042件，占45.00%。", []),
]


@pytest.mark.parametrize(("rule", "section", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_narrative_rule(rule: str, section: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert codes(R, section, text) == expected


#: R with 2 applications left because the applicant did not pay after a 收费通知 (表三 （六）2)
R_FEE = replace(R, inputs={**INPUTS, "t3.new.natural_person": 100, "t3.other.no_fee.natural_person": 2})
FEE_CASES = [
    # 六's fee item against 表三 （六）2 (real wording: 金湖县 2023, 柏城街道 2021, FORMAT.md)
    ("none charged, notices sent", R_FEE, "other.fee", "本年度未收取信息处理费。", [("NARR-FEE", "B9")]),
    ("金湖县's wording", R_FEE, "other", "2023年，我县未向公众收取政府信息处理相关费用。无其他需要说明事项。",
     [("NARR-FEE", "B8")]),
    ("柏城街道's wording", R_FEE, "other", "本年度依申请公开收费为零。", [("NARR-FEE", "B8")]),
    ("the notices said", R_FEE, "other.fee", "本年度发出收费通知2件，申请人逾期未缴纳，未收取信息处理费。", []),
    ("a fee charged", R_FEE, "other.fee", "本年度收取信息处理费0.02万元。", []),
    ("no notices sent", R, "other.fee", "本年度未收取信息处理费。", []),
    ("无", R_FEE, "other.fee", "无。", []),
]


@pytest.mark.parametrize(("rule", "report", "section", "text", "expected"), FEE_CASES, ids=[c[0] for c in FEE_CASES])
def test_fee_item_agrees_with_table_three(rule: str, report: Report, section: str, text: str,
                                          expected: list[tuple[str, str]]) -> None:
    assert codes(report, section, text) == expected


def test_fee_message_names_the_row_and_the_count() -> None:
    (f,) = narrative_findings(replace(R_FEE, texts={"other.fee": "本年度未收取信息处理费。"}), file="x.xlsx")
    assert "未收取信息处理费" in f.message and "逾期未按收费通知要求缴纳费用" in f.message and "2 件" in f.message
    assert f.row_label == "（一）收取信息处理费" and "收费通知的件数" in f.remedy


def test_claims_of_none_are_right_when_the_tables_have_none() -> None:
    for text in ("本年度未收到政府信息公开申请。", "本年度未发生政府信息公开行政复议、行政诉讼案件。"):
        assert codes(NONE, "overview.request", text) == []


def test_messages_quote_the_text_and_the_table() -> None:
    (f,) = narrative_findings(replace(R, texts={"overview.request": "予以公开42件，占45.00%。"}))
    assert "占45.00%" in f.message and "42.86%" in f.message and f.remedy
    (f,) = narrative_findings(replace(R, texts={"overview.request": "本年度未收到政府信息公开申请。"}))
    assert "未收到政府信息公开申请" in f.message and "98" in f.message
    (f,) = narrative_findings(replace(R, texts={"overview.active": "根据国办公开办函202130 号要求编制。"}))
    assert "国办公开办函〔2021〕30号" in f.message


def test_the_rules_run_in_check() -> None:
    found = validate_report(replace(R, texts={"other": "本年度未收到政府信息公开申请。联系电话：。"}), "x.xlsx")
    assert {(f.code, f.sheet, f.cell) for f in found} >= {("NARR-NONE", "正文", "B8"), ("NARR-LEFTOVER", "正文", "B8")}


# -- the structure of a published document ----------------------------------------------------------------------

def test_baicheng_lacks_its_first_heading() -> None:
    """The real page of the 柏城街道 report starts with （一）: its title and 一、总体情况 are missing; its own
    sub-headings of 一 (主动公开政府信息的情况 …) name the five sub-items; 五 and 六 have text."""
    found = structure_findings(BAICHENG.read_text(encoding="utf-8"))
    assert [(f.code, f.row_label) for f in found] == [("NARR-PART-MISSING", "一、总体情况")]


def _document(**changes: str) -> str:
    parts = {"一": "一、总体情况\n（一）主动公开\n主动公开政府信息116条。\n（二）依申请公开\n未收到申请。\n（三）政府信息管理\n规范管理。"
                   "\n（四）政府信息公开平台建设\n依托门户网站。\n（五）监督保障\n纳入考核。",
             "二": "二、主动公开政府信息情况\n第二十条第（一）项", "三": "三、收到和处理政府信息公开申请情况\n自然人",
             "四": "四、政府信息公开行政复议、行政诉讼情况\n行政复议", "五": "五、存在的主要问题及改进情况\n公开力度有待加大。",
             "六": "六、其他需要报告的事项\n无。"}
    parts.update(changes)
    return "\n".join(parts[n] for n in sorted(parts, key="一二三四五六X".index))


STRUCTURE = [
    ("complete", {}, []),
    ("a part missing", {"五": ""}, [("NARR-PART-MISSING", "五、存在的主要问题及改进情况")]),
    ("a heading not official", {"四": "四、政府信息公开行政复议和诉讼情况\n行政复议"},
     [("NARR-PART-HEADING", "四、政府信息公开行政复议、行政诉讼情况")]),
    ("a part empty", {"六": "六、其他需要报告的事项"}, [("NARR-PART-EMPTY", "六、其他需要报告的事项")]),
    ("a sub-item missing", {"一": "一、总体情况\n（一）主动公开情况\n公开116条。\n（二）依申请公开情况\n无。"},
     [("NARR-SUB-MISSING", "一、总体情况")]),
]


@pytest.mark.parametrize(("rule", "changes", "expected"), STRUCTURE, ids=[c[0] for c in STRUCTURE])
def test_structure_rule(rule: str, changes: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.row_label) for f in structure_findings(_document(**changes))] == expected


def test_parts_out_of_order() -> None:
    text = _document().replace("五、存在的主要问题及改进情况\n公开力度有待加大。\n", "")
    text = text.replace("二、主动公开", "五、存在的主要问题及改进情况\n公开力度有待加大。\n二、主动公开")
    assert [f.code for f in structure_findings(text)] == ["NARR-PART-ORDER"]


def test_title_of_another_year_in_the_document() -> None:
    text = "柏城街道办事处2022年政府信息公开工作年度报告\n" + _document()
    found = narrative_findings(R, text=text)
    assert [(f.code, f.actual) for f in found] == [("NARR-YEAR", "2022")]


# -- sameness ---------------------------------------------------------------------------------------------

def _baicheng_texts() -> dict[str, str]:
    from nianbao.publish.importer import import_file

    report = import_file(BAICHENG).report
    assert report is not None
    return dict(report.texts)


SAMENESS = [
    ("copied, figures changed", lambda t: {k: v.replace("116", "128").replace("2021", "2022") for k, v in t.items()},
     "NARR-COPY-YEAR"),
    # what a copy does to hide itself: its punctuation changed, its sentences joined, a few words swapped
    ("copied, every ， made ；", lambda t: {k: v.replace("，", "；") for k, v in t.items()}, "NARR-COPY-YEAR"),
    ("copied, sentences joined", lambda t: {k: v.replace("。", "，") for k, v in t.items()}, "NARR-COPY-YEAR"),
    ("copied, a few words swapped", lambda t: {k: v.replace("进一步", "持续").replace("加强", "强化").replace("工作", "事务")
                                              for k, v in t.items()}, "NARR-COPY-YEAR"),  # 24 words of 1,364 characters
    ("two thirds kept", lambda t: {k: (v if k.startswith("overview") else "今年我们重写了这一部分，写明本年的问题：公开内容不够全面，"
                                         "解读不够及时。下一步将逐项整改，按月通报。") for k, v in t.items()}, "NARR-SAME-YEAR"),
    ("rewritten", lambda t: {"overview.active": "本年主动公开政府信息128条，新增政策解读专栏，按月更新。",
                             "problems": "存在的问题是解读材料偏少，下一步增加图解和视频解读。"}, None),
]


@pytest.mark.parametrize(("case", "edit", "code"), SAMENESS, ids=[c[0] for c in SAMENESS])
def test_sameness_with_last_year(case: str, edit: object, code: str | None) -> None:
    last = replace(R, texts=_baicheng_texts(), info={**R.info, "year": "2022"})
    now = replace(R, texts=edit(dict(last.texts)))  # type: ignore[operator]
    found = [f for f in narrative_findings(now, last) if f.code.startswith("NARR-")
             and f.code.endswith("-YEAR") and f.code != "NARR-YEAR"]
    assert [f.code for f in found] == ([code] if code else [])
    if code:
        share = sameness("\n".join(now.texts.values()), "\n".join(last.texts.values()))
        assert f"{share:.0%}" in found[0].message
        assert (share > 0.9) == (code == "NARR-COPY-YEAR")


def test_two_offices_nearly_the_same() -> None:
    texts = _baicheng_texts()
    a = replace(R, texts=texts)
    b = replace(R, info={**R.info, "office": "盆尧镇人民政府"}, texts={k: v.replace("柏城街道办事处", "盆尧镇")
                                                                  for k, v in texts.items()})
    c = replace(R, info={**R.info, "office": "县教育局"}, texts={"overview.active": "本局全年发布教育信息三百余条，"
                                                                 "覆盖招生、资助和校园安全。", "problems": "解读不足，将改进。"})
    found = same_offices([("a.xlsx", a), ("b.xlsx", b), ("c.xlsx", c)])
    assert sorted(found) == ["a.xlsx", "b.xlsx"]
    assert found["a.xlsx"][0].code == "NARR-SAME-OFFICE" and "盆尧镇人民政府" in found["a.xlsx"][0].message


def test_a_text_beginning_with_another_offices_name_is_said_in_a_merge() -> None:
    """县卫生健康委员会's report whose 主动公开 begins 县教育局2025年…: written over 县教育局's copy."""
    edu = replace(R, info={**R.info, "office": "县教育局"}, texts={"overview.active": "县教育局2025年主动公开教育信息三百余条。"})
    health = replace(R, info={**R.info, "office": "县卫生健康委员会"},
                     texts={"overview.active": "县教育局2025年主动公开卫生健康信息两百余条，覆盖疫苗接种和医保。",
                            "problems": "配合县教育局开展校园卫生检查，解读不够及时。"})  # naming it later is fine
    own = replace(R, info={**R.info, "office": "县财政局"}, texts={"overview.active": "县财政局全年公开预决算信息。"})
    found = same_offices([("edu.xlsx", edu), ("health.xlsx", health), ("fin.xlsx", own)])
    assert list(found) == ["health.xlsx"]
    (f,) = found["health.xlsx"]
    assert (f.code, f.cell) == ("NARR-OTHER-OFFICE", text_cell(L21, "overview.active"))
    assert "以“县教育局”开头" in f.message and "县卫生健康委员会" in f.message


def test_every_narrative_code_has_a_remedy() -> None:
    narr = [c for c in CATALOGUE.values() if c.code.startswith("NARR-")]
    assert len(narr) == 18 and all(c.fix and c.severity == "warning" for c in narr)


def test_random_reports_have_no_narrative_findings() -> None:
    for seed in range(20):
        r = random_report(L21, random.Random(seed), office="柏城街道办事处", year=2023)
        assert narrative_findings(r) == []


# -- in a merge ---------------------------------------------------------------------------------------------

def test_merge_warns_of_copies(tmp_path: Path) -> None:
    """Merging a county: two offices with nearly the same narrative are warned (each naming the other); with
    --previous, an office whose narrative is last year's with new figures is told so plainly. Real files:
    workbooks of the template, read back."""
    from nianbao.merge.core import merge_files
    from nianbao.template import write_workbook

    texts = _baicheng_texts()

    def book(name: str, office: str, year: int, texts: dict[str, str]) -> Path:
        r = random_report(L21, random.Random(len(name)), office=office, county="西平县", year=year)
        return write_workbook(tmp_path / name, L21, report=replace(r, texts=texts))

    last = [book("prev/街道.xlsx", "柏城街道办事处", 2022, texts)]
    now = [book("now/街道.xlsx", "柏城街道办事处", 2023, {k: v.replace("2021", "2023") for k, v in texts.items()}),
           book("now/镇.xlsx", "盆尧镇人民政府", 2023, {k: v.replace("柏城街道办事处", "盆尧镇") for k, v in texts.items()}),
           book("now/局.xlsx", "西平县教育局", 2023, {"overview.active": "本局发布教育信息三百余条。"})]
    result = merge_files(now, previous=last, jobs=1)
    sameness_codes = {"NARR-COPY-YEAR", "NARR-SAME-YEAR", "NARR-SAME-OFFICE"}
    codes = {(e.office, f.code) for e in result.entries for f in e.all_findings if f.code in sameness_codes}
    assert codes == {("柏城街道办事处", "NARR-COPY-YEAR"), ("柏城街道办事处", "NARR-SAME-OFFICE"),
                     ("盆尧镇人民政府", "NARR-SAME-OFFICE")}


def test_check_on_a_workbook_names_each_empty_part_and_sub_item_at_its_cell(tmp_path: Path) -> None:
    """正文 partly written: each empty official part (五) and each empty sub-item of 一 (（三）（四）) is a
    warning at its 正文 cell; not on a summary (its narrative is written later), nor before any of 正文 is
    written (the figures are checked first)."""
    texts = {"overview.active": "全年主动公开政府信息。", "overview.request": "依法答复申请。",
             "overview.supervision": "开展业务培训。", "other": "无。"}
    book = write_workbook(tmp_path / "县教育局.xlsx", L21, report=replace(R, texts=texts))
    narr = [(f.code, f.sheet, f.cell, f.severity) for f in check_file(book).findings if f.code.startswith("NARR-")]
    at = {s.key: text_cell(L21, s.key) for s in L21.text_sections}
    assert narr == [("NARR-SUB-MISSING", "正文", at["overview.management"], "warning"),
                    ("NARR-SUB-MISSING", "正文", at["overview.platform"], "warning"),
                    ("NARR-PART-EMPTY", "正文", at["problems"], "warning")]
    msgs = [f.message for f in check_file(book).findings if f.code == "NARR-SUB-MISSING"]
    assert "缺少：（三）政府信息管理" in msgs[0] and "（五）监督保障" in msgs[0]  # the missing one, the ones there
    full = {**texts, "overview.management": "规范管理。", "overview.platform": "用好网站。", "problems": "政策解读偏少，将增加图解。"}
    book = write_workbook(tmp_path / "全.xlsx", L21, report=replace(R, texts=full))
    assert not [f for f in check_file(book).findings if f.code.startswith("NARR-")]
    summary = replace(R, texts=texts, level=LEVEL_SUMMARY)
    book = write_workbook(tmp_path / "汇总.xlsx", L21, report=summary, level=LEVEL_SUMMARY)
    assert check_file(book).report.level == LEVEL_SUMMARY  # type: ignore[union-attr]
    assert not [f for f in check_file(book).findings if f.code.startswith("NARR-")]
    book = write_workbook(tmp_path / "空.xlsx", L21, report=replace(R, texts={}))
    assert not [f for f in check_file(book).findings if f.code.startswith("NARR-")]


def test_an_item_of_six_left_empty_is_named_at_its_cell(tmp_path: Path) -> None:
    """六 written item by item (收费 and 创新 written, 工作要点 and 建议提案 left empty): a warning at each empty
    item's cell, naming the ones written; 六 written as one text without its items is allowed."""
    texts = {"overview.active": "全年主动公开政府信息。", "overview.request": "依法答复申请。",
             "overview.management": "规范管理。", "overview.platform": "用好网站。", "overview.supervision": "开展培训。",
             "problems": "政策解读偏少，将增加图解。", "other.fee": "本年度未收取信息处理费。", "other.innovation": "无。"}
    book = write_workbook(tmp_path / "县教育局.xlsx", L21, report=replace(R, texts=texts))
    found = [f for f in check_file(book).findings if f.code.startswith("NARR-")]
    at = {s.key: text_cell(L21, s.key) for s in L21.text_sections}
    assert [(f.code, f.cell) for f in found] == [("NARR-ITEM-EMPTY", at["other.points"]),
                                                 ("NARR-ITEM-EMPTY", at["other.proposals"])]
    assert "（二）落实上级年度政务公开工作要点" in found[0].message and "（一）收取信息处理费、（四）创新情况" in found[0].message
    assert "无。" in found[0].remedy
    whole = {k: v for k, v in texts.items() if not k.startswith("other.")} | {"other": "本年度未收取信息处理费。无其他事项。"}
    book = write_workbook(tmp_path / "六一段.xlsx", L21, report=replace(R, texts=whole))
    assert not [f for f in check_file(book).findings if f.code.startswith("NARR-")]


#: the rest of a report's text, copied unchanged in each case below: one word changed in a report's worth
#: of text is still a copy (over 90 %)
REST = ("我局严格落实《中华人民共和国政府信息公开条例》，持续推进决策、执行、管理、服务、结果公开，"
        "及时更新政府信息公开指南和目录，畅通依申请公开渠道，加强保密审查和工作人员培训。")


@pytest.mark.parametrize(("now", "how"), [
    ("县财政局2024年通过门户网站主动公开信息120条。全年办理依申请公开3件，均按时答复。", "一字未改"),
    ("县财政局2025年通过门户网站主动公开信息135条。全年办理依申请公开5件，均按时答复。", "只改了数字"),
    ("县财政局2025年通过门户网站主动公开信息120条。全年办理依申请公开3件，全部按时答复。", "只改了个别字句"),
])
def test_a_copy_of_last_year_says_what_was_changed(now: str, how: str) -> None:
    before = "县财政局2024年通过门户网站主动公开信息120条。全年办理依申请公开3件，均按时答复。"
    prev = replace(R, texts={"overview.active": before + REST}, info={**R.info, "year": "2024"})
    (f,) = narrative_findings(replace(R, texts={"overview.active": now + REST}), prev)
    assert f.code == "NARR-COPY-YEAR" and f"相同，{how}。" in f.message


def test_the_demo_offices_write_their_own_narratives() -> None:
    """The demo county's six offices each write their own year (a merge of them warns of no copy, so that
    the demo's check and its merge give each office the same verdict); two given one text are warned of."""
    from nianbao.demo import county_reports

    reports = county_reports()
    assert same_offices([(f"{r.office}.xlsx", r) for r in reports]) == {}
    twin = replace(reports[1], texts=reports[0].texts)
    assert set(same_offices([(f"{r.office}.xlsx", r) for r in (reports[0], twin)])) == {
        f"{reports[0].office}.xlsx", f"{reports[1].office}.xlsx"}


@pytest.mark.parametrize(("section", "text", "expected"), [
    ("problems", "无。", [("NARR-ONLY-NONE", "B7")]),  # 存在的主要问题 "无": marked down by assessors
    ("overview.platform", "暂无", [("NARR-ONLY-NONE", "B5")]),
    ("overview.request", "无。", [("NARR-NONE", "B3")]),  # R has 98 applications: said once, as a claim of none
    ("other.innovation", "无。", []),  # an item of 六 may be 无
    ("problems", "一是政策解读偏少，二是更新不够及时。下一步将增加图解。", []),
])
def test_a_section_that_must_say_the_year_written_as_none(section: str, text: str,
                                                          expected: list[tuple[str, str]]) -> None:
    texts = {s.key: "本年度按要求开展了这方面的工作。" for s in L21.text_sections} | {section: text}
    report = replace(R, texts=texts)
    found = [(f.code, f.cell) for f in empty_text_findings(report) + narrative_findings(report)
             if f.code in ("NARR-ONLY-NONE", "NARR-NONE")]
    assert found == expected
