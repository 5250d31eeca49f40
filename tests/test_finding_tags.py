"""The tags of the finding catalogue (``form/finding_tags.py``) are what the places asking for them need:
code outside ``form/`` asks ``f.has(Tag.X)`` instead of naming codes, so a tag on the wrong rows (or
missing from a row) would change what a clerk sees without a test on that place noticing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_paths
from nianbao.check.narrative import structure_findings
from nianbao.check.rules import value_finding
from nianbao.check.validate import validate_report
from nianbao.form.common import PART_HEADINGS
from nianbao.form.findings import CATALOGUE, Finding, Severity, Tag, tagged
from nianbao.form.registry import all_layouts
from nianbao.form.sheets import INFO_SHEET, info_cell
from nianbao.form.spec import SumRule
from nianbao.read.reader import read_workbook

BAD = Path(__file__).parent / "data" / "bad"
GOOD = BAD / "中文 路径" / "柏城街道 年报 2025.xlsx"


def test_every_tag_is_declared_and_a_finding_made_by_hand_has_none() -> None:
    assert all(tagged(tag) for tag in Tag)
    assert all(code in CATALOGUE for tag in Tag for code in tagged(tag))
    assert not Finding("NOT-A-CODE", Severity.ERROR, "").has(Tag.REFUSES_READ)
    assert Finding("FILE-EMPTY", Severity.ERROR, "").has(Tag.REFUSES_READ)


def test_a_refusal_is_exactly_a_file_without_report(tmp_path: Path) -> None:
    """The reader stops saying a table is missing once a refusal says why (``reader._place_marked``): every
    file of the hostile corpus with a REFUSES_READ finding has no report, and every file without a report
    has one, or lost a table's sheet (SHEET_LOST, which on 基本信息 leaves the report): a refusal that is not
    tagged, or a tag on a finding that leaves the report, fails."""
    run = check_paths([BAD, tmp_path / "gone.xlsx"])
    assert len(run.results) > 60
    refusals: set[str] = set()
    lost = 0
    for r in run.results:
        refused = [f.code for f in r.findings if f.has(Tag.REFUSES_READ)]
        assert not refused or r.report is None, (r.path, refused)
        if r.report is None and not refused:
            assert any(f.has(Tag.SHEET_LOST) and f.sheet != INFO_SHEET for f in r.findings), (r.path, r.findings)
            lost += 1
        refusals.update(refused)
    assert len(refusals) >= 8, refusals  # the corpus meets most refusals, not one
    assert lost < 5  # and refuses mostly by a refusal


def test_a_stated_total_is_a_sum_rule_at_its_total_cell() -> None:
    """check.checkfile re-makes a STATED_TOTAL finding at its total cell (a KeyError for any other cell):
    the tag is on exactly the codes of the layouts' sum rules, whose targets are totals."""
    codes = set()
    for layout in all_layouts():
        totals = {c.key for c in layout.totals}
        for rule in layout.rules:
            if isinstance(rule, SumRule):
                codes.add(rule.code)
                assert rule.target in totals
            else:
                assert rule.code not in tagged(Tag.STATED_TOTAL)
    assert codes == tagged(Tag.STATED_TOTAL)


def test_the_value_rule_is_what_value_finding_makes() -> None:
    """check.checkfile re-makes a VALUE_RULE finding with ``value_finding``: the same code, whatever the cell."""
    report = read_workbook(GOOD).report
    assert report is not None
    made = {value_finding(spec, report, "x").code for spec in report.layout.inputs}
    assert made == tagged(Tag.VALUE_RULE)
    assert tagged(Tag.VALUE_RULE) <= tagged(Tag.TYPED)  # both quote the cell as typed


def test_required_info_is_what_a_blank_required_field_gives() -> None:
    """With 基本信息 lost, check drops the REQUIRED_INFO findings: they are the ones its blank required
    fields give, and nothing else validate says."""
    report = read_workbook(GOOD).report
    assert report is not None
    layout = report.layout
    required = {info_cell(layout, f.key) for f in layout.info_fields if f.required}
    blank = replace(report, info={k: "" for k in report.info})
    found = validate_report(blank, "x.xlsx")
    at_required = {f.code for f in found if f.sheet == INFO_SHEET and f.cell in required}
    assert at_required == tagged(Tag.REQUIRED_INFO)
    assert {f.code for f in validate_report(report, "x.xlsx")} & tagged(Tag.REQUIRED_INFO) == set()


@pytest.mark.parametrize("text", ["", "\n".join(PART_HEADINGS.values())])
def test_a_part_lacking_names_its_heading(text: str) -> None:
    """publish's import drops a PART_LACKING finding whose row label is a heading IMPORT-MISSING-PART names:
    each one the structure rules make names a heading of the six parts, and each part said missing or
    empty is one."""
    found = structure_findings(text, "x.txt")
    lacking = [f for f in found if f.has(Tag.PART_LACKING)]
    assert lacking
    assert {f.row_label for f in lacking} <= set(PART_HEADINGS.values())
    assert {f.code for f in lacking} == ({"NARR-PART-MISSING"} if not text else {"NARR-PART-EMPTY", "NARR-SUB-MISSING"})
