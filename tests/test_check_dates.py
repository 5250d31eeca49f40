"""填报日期 and 报告年度 that cannot be true: check says so at the cell, with what to do (the review found
"2026年1月32日", a date after today and a date before the report year was over all passing)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_file
from nianbao.check.dates import parse_date
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import set_cells

TODAY = dt.date.today()
LAST_YEAR = TODAY.year - 1


def _checked(tmp_path: Path, cells: dict) -> list:  # type: ignore[type-arg]
    import random

    report = random_report(get_layout("2021"), random.Random(3), office="柏城街道办事处", category="街道办事处")
    data = set_cells(build_workbook(report.layout, report=report), {("基本信息", "B5"): LAST_YEAR, **cells})
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    result = check_file(path)
    assert result.status != "通过" or not result.findings
    return [f for f in result.findings if f.code.startswith("INFO-")]


@pytest.mark.parametrize(("date", "code", "says"), [
    (f"{TODAY.year}年1月32日", "INFO-DATE-UNREAD", "不是能识别的日期"),
    ((TODAY + dt.timedelta(days=90)).isoformat(), "INFO-DATE-FUTURE", f"晚于今天（{TODAY.isoformat()}）"),
    (f"{LAST_YEAR}-03-01", "INFO-DATE-EARLY", f"早于 {LAST_YEAR} 年度的最后一个月"),
])
def test_impossible_date_is_a_warning_at_its_cell(tmp_path: Path, date: str, code: str, says: str) -> None:
    (f,) = _checked(tmp_path, {("基本信息", "B8"): date})
    assert (f.code, f.severity, f.sheet, f.cell) == (code, "warning", "基本信息", "B8")
    assert date in f.message and says in f.message
    assert "填报日期" in f.remedy


@pytest.mark.parametrize("date", [f"{TODAY.year}-01-15" if TODAY.month > 1 else f"{LAST_YEAR}-12-20",
                                  f"{LAST_YEAR}年12月31日", ""])
def test_plausible_or_blank_date_says_nothing(tmp_path: Path, date: str) -> None:
    assert _checked(tmp_path, {("基本信息", "B8"): date or None}) == []


def test_report_year_not_yet_over_is_a_warning(tmp_path: Path) -> None:
    found = _checked(tmp_path, {("基本信息", "B5"): TODAY.year, ("基本信息", "B8"): TODAY.isoformat()})
    (f,) = [f for f in found if f.code == "INFO-YEAR-OPEN"]
    assert (f.severity, f.cell) == ("warning", "B5")
    assert f"{TODAY.year} 年" in f.message and "还没有结束" in f.message and "核对报告年度" in f.remedy


def test_dates_read_as_the_merge_reads_them() -> None:
    assert parse_date("2026年1月15日") == parse_date("2026/1/15") == parse_date("20260115") == dt.date(2026, 1, 15)
    assert parse_date("46037") == dt.date(2026, 1, 15)  # a date cell that lost its format
    assert parse_date("1/20/2026") == parse_date("20/1/2026") == dt.date(2026, 1, 20)
    assert parse_date("1/2/2026") is None and parse_date("2026年2月30日") is None
