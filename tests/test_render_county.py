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
