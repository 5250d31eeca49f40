"""Import fills 填报日期 from the 落款's date (the organ, then the date, after the last part), in Arabic or in
Chinese numerals; a page without a dated 落款 leaves it empty."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.publish.importer import import_source, import_to_workbooks
from nianbao.publish.render import Parts, render_report
from test_import import BAICHENG

#: the real page of 柏城街道办事处 (2021), which ends with 六's sentence and no 落款
PAGE = BAICHENG.read_text(encoding="utf-8").rstrip("\n")
LAST = "本年度依申请公开收费为零。"


@pytest.mark.parametrize(("ending", "date"), [
    ("柏城街道办事处\n2022年1月20日", "2022-01-20"),
    ("西平县柏城街道办事处\n2022 年 1 月 20 日", "2022-01-20"),  # spaced, as pages lay it out
    ("柏城街道办事处\n2022年01月05日", "2022-01-05"),
    ("柏城街道办事处\n二〇二二年一月二十日", "2022-01-20"),  # Chinese numerals (GB/T 9704-1999 style)
    ("柏城街道办事处\n二○二二年一月十八日", "2022-01-18"),  # the circle ○ for 〇, as often typed
    ("柏城街道办事处\n二〇二一年十二月三十一日", "2021-12-31"),
    ("2022年1月20日", "2022-01-20"),  # the date alone
    ("", ""),  # the page as published: no 落款
    ("柏城街道办事处", ""),  # the organ without a date (a page without a title: kept as 六's last line)
    ("柏城街道办事处\n2022年2月30日", ""),  # no such day: not invented, nor read as text
    ("柏城街道办事处\n二〇二二年一月三十二日", ""),
])
def test_the_date_of_the_signature_is_the_filling_date(ending: str, date: str) -> None:
    result = import_source(PAGE + ("\n" + ending if ending else ""), "text")
    assert result.report is not None
    assert result.report.info["date"] == date
    if "日" in ending:
        assert result.report.texts["other"] == LAST  # the dated 落款 is not text of 六
    assert not [f for f in result.findings if f.code.startswith("INFO-DATE")]


def test_a_date_in_the_text_is_not_a_filling_date() -> None:
    result = import_source(PAGE + "截至2022年1月20日，本办事处未收到申请。", "text")
    assert result.report is not None and result.report.info["date"] == ""


def test_the_workbook_written_holds_the_date(tmp_path: Path) -> None:
    page = tmp_path / "柏城.txt"
    page.write_text(PAGE + "\n柏城街道办事处\n二〇二二年一月二十日\n", encoding="utf-8")
    [done] = import_to_workbooks([page], tmp_path / "out")
    assert done.output is not None
    back = check_file(done.output)
    assert back.report is not None and back.report.info["date"] == "2022-01-20"
    # and the document rendered from that workbook is signed on the same day
    md = render_report(back.report, "md").decode("utf-8")
    assert md.rstrip().splitlines()[-1].rstrip() == "2022年1月20日"


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_a_rendered_report_imports_with_its_date(fmt: str) -> None:
    first = import_source(PAGE + "\n柏城街道办事处\n2022年1月20日", "text").report
    assert first is not None
    data = render_report(first, fmt)
    back = import_source(data if fmt == "docx" else data.decode("utf-8"), {"md": "markdown"}.get(fmt, fmt))
    assert back.report is not None and back.report.info["date"] == "2022-01-20"
    unsigned = render_report(first, fmt, parts=Parts(signature=False))
    again = import_source(unsigned if fmt == "docx" else unsigned.decode("utf-8"), {"md": "markdown"}.get(fmt, fmt))
    assert again.report is not None and again.report.info["date"] == ""
    assert replace(again.report, info=back.report.info).texts == back.report.texts
