"""六、其他需要报告的事项 with its four items as fields of the 正文 sheet: written by the template, read back,
rendered as four sub-items (.docx/.html/.md) and imported again; an earlier template without them still reads."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout, layout_for_year
from nianbao.form.sheets import TEXT_SHEET, text_cell
from nianbao.publish.importer import import_source
from nianbao.publish.render import Parts, render_docx, render_html, render_markdown
from nianbao.template import write_workbook
from test_render import sample
from test_render_layout import east_asian

ITEMS = {
    "other.fee": "本年度未收取信息处理费。",
    "other.points": "对照《2023年政务公开工作要点》逐项落实，按期完成各项任务。",
    "other.proposals": "本年度承办人大代表建议2件、政协委员提案1件，办理结果均已公开。",
    "other.innovation": "无。",
}
HEADINGS = ["（一）收取信息处理费", "（二）落实上级年度政务公开工作要点", "（三）人大代表建议和政协委员提案办理结果公开",
            "（四）创新情况"]


def report(**texts: str):  # type: ignore[no-untyped-def]
    r = sample()
    kept = {k: v for k, v in r.texts.items() if not k.startswith("other")}
    return replace(r, texts={**kept, **texts})


def read_report(path: Path, layout):  # type: ignore[no-untyped-def]
    result = check_file(path)
    assert result.report is not None and result.report.layout == layout
    return result.report


def _six(lines: list[str]) -> list[str]:
    return lines[lines.index("六、其他需要报告的事项") + 1:]


def test_the_template_has_the_four_items_and_reads_them_back(tmp_path: Path) -> None:
    r = report(**ITEMS)
    path = write_workbook(tmp_path / "x.xlsx", r.layout, report=r, office=r.office)
    ws = openpyxl.load_workbook(path)[TEXT_SHEET]
    for key, heading in zip(ITEMS, HEADINGS, strict=True):
        cell = ws[text_cell(r.layout, key)]
        assert cell.value == ITEMS[key] and not cell.protection.locked
        assert ws.cell(cell.row, 1).value == f"六、其他需要报告的事项\n{heading}"
    assert ws[text_cell(r.layout, "other")].coordinate == "B8"  # the part's own text stays where it was
    again = read_report(path, r.layout)
    assert {k: again.texts[k] for k in ITEMS} == ITEMS and again.texts["other"] == ""


def test_an_earlier_template_without_the_items_still_reads(tmp_path: Path) -> None:
    """A workbook of the template before the four items (正文 ends with 六's one row): 六 as before."""
    r = report(other="本年度依申请公开收费为零。")
    path = write_workbook(tmp_path / "x.xlsx", r.layout, report=r, office=r.office)
    wb = openpyxl.load_workbook(path)
    ws = wb[TEXT_SHEET]
    ws.delete_rows(9, 4)
    ws["A8"] = "六、其他需要报告的事项"
    wb.save(path)
    again = read_report(path, r.layout)
    assert again.texts["other"] == "本年度依申请公开收费为零。"
    assert all(not again.texts.get(k) for k in ITEMS)


def test_markdown_and_html_show_four_sub_items_in_order() -> None:
    md = render_markdown(report(other="现将其他事项报告如下。", **ITEMS))
    lines = [ln for ln in md.splitlines() if ln.strip()]
    six = _six([ln.lstrip("# ") for ln in lines])
    assert six[0] == "现将其他事项报告如下。"  # the part's own text before its items
    assert [ln for ln in six if ln.startswith("（")] == HEADINGS
    assert six[six.index("（四）创新情况") + 1] == "无。"  # "无" is an item's text like any other
    page = render_html(report(**ITEMS))
    for heading in HEADINGS:
        assert f"<h3>{heading}</h3>" in page
    assert page.index("（一）收取信息处理费") < page.index("（四）创新情况")


def test_an_item_without_text_is_left_out() -> None:
    md = render_markdown(report(**{"other.fee": "本年度未收取信息处理费。"}), parts=Parts(signature=False))
    six = _six([ln.lstrip("# ") for ln in md.splitlines() if ln.strip()])
    assert six == ["（一）收取信息处理费", "本年度未收取信息处理费。"]


def test_docx_sets_the_items_as_second_level_headings() -> None:
    doc = docx.Document(io.BytesIO(render_docx(report(**ITEMS))))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("六、其他需要报告的事项")
    part_font = east_asian(doc.paragraphs[start])
    subs = [p for p in doc.paragraphs[start:] if p.text in HEADINGS]
    assert [p.text for p in subs] == HEADINGS
    first_sub = next(p for p in doc.paragraphs if p.text == "（一）主动公开")
    for p in subs:  # 楷体_GB2312 like 一's sub-headings, not the part heading's 黑体
        assert east_asian(p) == east_asian(first_sub) == {"楷体_GB2312"} != part_font


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_render_then_import_gives_the_items_back(fmt: str) -> None:
    r = report(other="现将其他事项报告如下。", **ITEMS)
    data = {"docx": lambda: render_docx(r), "html": lambda: render_html(r), "md": lambda: render_markdown(r)}[fmt]()
    kind = {"docx": "docx", "html": "html", "md": "markdown"}[fmt]
    back = import_source(data, kind)
    assert back.report is not None
    assert {k: back.report.texts.get(k) for k in (*ITEMS, "other")} == {**ITEMS, "other": "现将其他事项报告如下。"}


@pytest.mark.parametrize(("text", "expected"), [
    # a report's own wording of the items, found by their words, kept (numbered as the official item)
    ("六、其他需要报告的事项\n（一）收取信息处理费情况\n2023年未收取信息处理费。\n（二）人大代表建议和政协委员提案办理情况\n无。",
     {"other.fee": "（一）收取信息处理费情况\n2023年未收取信息处理费。", "other.proposals": "（三）人大代表建议和政协委员提案办理情况\n无。"}),
    # items not numbered as the official list: by their words, not their numerals; the official wording
    # (创新情况) is left to the document, the office's own (政务公开工作要点落实情况) kept
    ("六、其他需要报告的事项\n（一）创新情况。推行“一网通办”。\n（二）政务公开工作要点落实情况。全部落实。",
     {"other.innovation": "推行“一网通办”。", "other.points": "（二）政务公开工作要点落实情况。全部落实。"}),
    # 六 as one paragraph (most reports): the part's own text
    ("六、其他需要报告的事项\n本年度依申请公开收费为零。", {"other": "本年度依申请公开收费为零。"}),
])
def test_import_reads_a_reports_own_items(text: str, expected: dict[str, str]) -> None:
    page = "柏城街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n全年主动公开政府信息。\n" + text + "\n"
    back = import_source(page, "text")
    assert back.report is not None
    assert {k: v for k, v in back.report.texts.items() if k.startswith("other")} == expected


def test_the_layouts_declare_the_items() -> None:
    for fmt in ("2019", "2021"):
        six = [s for s in get_layout(fmt).text_sections if s.part == "六"]
        assert [s.heading for s in six if s.is_sub] == HEADINGS
        assert [s.key for s in six if not s.is_sub] == ["other"]


def test_the_fee_rule_runs_on_import_too() -> None:
    """A published report whose 六 says 未收取 while its 表三 has fee notices not paid (the sample has 3)."""
    r = report(**ITEMS)
    assert r.values["t3.other.no_fee.total"] > 0
    back = import_source(render_markdown(r), "markdown")
    assert [f.code for f in back.findings if f.code.startswith("NARR-FEE")] == ["NARR-FEE"]
    fixed = report(**{**ITEMS, "other.fee": "本年度发出收费通知3件，申请人均逾期未缴纳，未收取信息处理费。"})
    assert not [f for f in import_source(render_markdown(fixed), "markdown").findings if f.code == "NARR-FEE"]


def test_a_signature_without_a_date_is_warned() -> None:
    """No 填报日期 and no --date: the 落款 has its organ only; render says so (RENDER-NO-DATE, at 基本信息's
    填报日期, the remedy naming --date); with a date, or with --no-signature, nothing is said."""
    report = random_report(layout_for_year(2023), random.Random(1), year=2023)
    undated = replace(report, info={**report.info, "date": ""})
    [f] = [f for f in Parts().check(undated) if f.code == "RENDER-NO-DATE"]
    assert "填报日期" in f.message and "--date" in f.remedy and f.cell
    assert not [f for f in Parts().check(report) if f.code == "RENDER-NO-DATE"]
    assert not [f for f in Parts(date=dt.date(2024, 1, 20)).check(undated) if f.code == "RENDER-NO-DATE"]
    assert not [f for f in Parts(signature=False).check(undated) if f.code == "RENDER-NO-DATE"]
