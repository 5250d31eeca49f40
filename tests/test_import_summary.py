"""Importing nianbao's own county summary document: its title, printed over two lines in Word and PDF
(测试县2023年 / 政府信息公开工作年度报告（全县汇总）), names the county, not an office the opening lists."""

from __future__ import annotations

import dataclasses
import random

import pytest

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import LEVEL_SUMMARY
from nianbao.publish.importer import import_source
from nianbao.publish.render import Parts, PdfUnavailable, render_report

OFFICES = ("县教育局", "城关镇人民政府", "东湖街道办事处")


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_the_county_summary_document_names_the_county(fmt: str) -> None:
    office = random_report(get_layout("2021"), random.Random(5), office="测试县", year=2023)
    summary = dataclasses.replace(office, level=LEVEL_SUMMARY, included=OFFICES)
    try:
        data = render_report(summary, fmt, parts=Parts(expected=(*OFFICES, "县水利局")))
    except PdfUnavailable:  # pragma: no cover
        pytest.skip("no LibreOffice")
    result = import_source(data, "markdown" if fmt == "md" else fmt, file=f"county.{fmt}")
    assert result.report is not None
    assert result.report.office == "测试县" and result.report.year == 2023
    messages = [f.message for f in result.findings]
    assert not [m for m in messages if "单位名称取自正文" in m or "没有标题" in m], messages
    opening = "".join(result.extra["opening"])
    assert "测试县2023年" not in opening.replace(" ", "") and "本报告汇总全县" in opening.replace(" ", "")
