"""Plausibility warnings: figures that are possible but most likely typed wrong.

They never change a number: each is a warning (or, where the figure cannot be, an error) with its remedy.

- P-FEE-YUAN: 本年收费金额 is asked in 万元; a figure above what an office of its category collects in a year
  most likely is in 元 (12500 typed for 1.25 万元). Thresholds (``FEE_LIMITS``): 乡镇人民政府 and 街道办事处
  10 万元 (they collect few administrative fees, mostly none); 县直部门 10000 万元 (1 亿元; the largest fee of
  a county office, 不动产登记费 at 自然资源局, stays well below it); 县级人民政府本级, 其他 and a blank category
  100000 万元 (10 亿元: a county's own published report may sum the county, e.g. 14722.49 万元 in a real one).
- P-ITEMS-NEGATIVE (2019 format, error): 上一年项目数量 + 本年增/减 is this year's number of items; below 0 it cannot be.
- Against last year's report (``check_against_last_year``, called by the cross-year checks of a merge with
  ``--previous``): P-FEE-YEAR, a fee at least ``FEE_RATIO`` (1000) times last year's (元 for 万元 is 10000);
  P-COUNT-YEAR, a total at least ``COUNT_RATIO`` (10) times last year's and at least ``COUNT_MIN_RISE`` (20) more
  (a digit typed twice: 35 for 5), for 表三 一、本年新收, 表四 行政复议 and 行政诉讼, 表二 现行有效件数.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.form.common import COUNTY_DEPARTMENT, SUBDISTRICT, TOWNSHIP
from nianbao.form.findings import Finding, make
from nianbao.form.model import Report
from nianbao.form.sheets import LEVEL_SUMMARY
from nianbao.wording import check as words

__all__ = ["COUNT_RATIO", "FEE_LIMITS", "FEE_RATIO", "check_against_last_year", "check_plausible"]

#: 万元: above this a fee most likely is in 元, by 单位类别 ("" for any other or a blank category)
FEE_LIMITS: dict[str, Decimal] = {TOWNSHIP: Decimal(10), SUBDISTRICT: Decimal(10), COUNTY_DEPARTMENT: Decimal(10000),
                                  "": Decimal(100000)}
FEE_RATIO = 1000
COUNT_RATIO = 10
COUNT_MIN_RISE = 20
#: the totals compared with last year's for P-COUNT-YEAR
COUNT_ROLES = ("new_total", "review_total", "suit_totals", "in_force")


def check_plausible(report: Report, file: str = "", category: str = "") -> list[Finding]:
    """The one-report plausibility findings of ``report``; ``category`` is its 单位类别 as understood."""
    return list(_fee_in_yuan(report, file, category)) + list(_negative_items(report, file))


def _fee_in_yuan(report: Report, file: str, category: str) -> Iterator[Finding]:
    if report.level == LEVEL_SUMMARY:
        return
    limit = FEE_LIMITS.get(category, FEE_LIMITS[""])
    layout = report.layout
    for key in layout.role("fee"):
        v = Decimal(str(report.values.get(key, 0)))
        if v > limit:
            spec = layout.cells[key]
            sheet, cell = layout.a1(key)
            yield make("P-FEE-YUAN", file=file, sheet=sheet, cell=cell, row_label=spec.row_label,
                       col_label=spec.col_label, actual=v, key=key, where=spec.where,
                       category=category or words.CATEGORY_BLANK, limit=limit, as_wan=(v / 10000).normalize())


def _negative_items(report: Report, file: str) -> Iterator[Finding]:
    layout = report.layout
    for prev_key, change_key in zip(layout.role("previous_items"), layout.role("item_change"), strict=True):
        prev, change = report.values.get(prev_key, 0), report.values.get(change_key, 0)
        if prev + change < 0:
            spec = layout.cells[change_key]
            sheet, cell = layout.a1(change_key)
            yield make("P-ITEMS-NEGATIVE", file=file, sheet=sheet, cell=cell, row_label=spec.row_label,
                       col_label=spec.col_label, actual=change, expected=f">= {-prev}", key=change_key,
                       where=spec.where, previous=prev, change=change, total=prev + change,
                       cells=(layout.a1(prev_key)[1],))


def check_against_last_year(current: Report, previous: Report, file: str = "", scope: str = "") -> list[Finding]:
    """P-FEE-YEAR and P-COUNT-YEAR of ``current`` against last year's ``previous`` (same roles)."""
    out: list[Finding] = []
    layout, was = current.layout, previous.layout
    now, before = current.values, previous.values
    for key, prev_key in zip(layout.role("fee"), was.role("fee"), strict=False):
        v, p = Decimal(str(now.get(key, 0))), Decimal(str(before.get(prev_key, 0)))
        if p > 0 and v >= p * FEE_RATIO:
            out.append(_year_finding("P-FEE-YEAR", current, key, file, scope, v, p, FEE_RATIO))
    for role in COUNT_ROLES:
        for key, prev_key in zip(layout.role(role), was.role(role), strict=False):
            n, b = now.get(key, 0), before.get(prev_key, 0)
            if b > 0 and n >= b * COUNT_RATIO and n - b >= COUNT_MIN_RISE:
                out.append(_year_finding("P-COUNT-YEAR", current, key, file, scope, n, b, COUNT_RATIO))
    return out


def _year_finding(code: str, report: Report, key: str, file: str, scope: str, now: object,
                  before: object, ratio: int) -> Finding:
    spec = report.layout.cells[key]
    sheet, cell = report.layout.a1(key)
    return make(code, file=file, sheet=sheet, cell=cell, row_label=spec.row_label, col_label=spec.col_label,
                actual=now, expected=before, key=key, where=spec.where, scope=scope,
                ratio=ratio)
