"""A summary's narrative drafted from its figures, where the county has written none.

"全县共收到政府信息公开申请 N 件，较上年增加 M 件…", the largest results with their shares, the 行政复议 and 行政诉讼
counts, and what table 二 counts. Each drafted text starts with ``DRAFT_MARK``: the summary workbook shows it
as a draft until the county edits it and deletes that line (the rendered report leaves the line out and
warns, RENDER-DRAFT). Cells are named by the format's roles and labels, never by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from nianbao.check.narrative import result_total
from nianbao.form.draft_labels import ACTIVE_SECTION, DECISION_COLUMN, DECISIONS, REQUEST_SECTION, RESULT_WORDS
from nianbao.form.model import Report
from nianbao.form.sheets import DRAFT_MARK, LEVEL_SUMMARY, area_word
from nianbao.form.spec import CellSpec, LayoutSpec, Number
from nianbao.wording import merge as words

__all__ = ["draft_texts"]

#: how many of 表三's results a draft names (the largest)
TOP_RESULTS = 3


def _sum(values: Mapping[str, Number], keys: tuple[str, ...]) -> Number:
    return sum((values[k] for k in keys), start=0)


def _share(part: Number, whole: Number) -> str:
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def _cells(layout: LayoutSpec, table_of: str | None, row_label: str, col_words: str) -> list[CellSpec]:
    if table_of is None:
        return []
    table = layout.table(layout.cells[table_of].table)
    return [c for c in table.cells if c.row_label == row_label and col_words in c.col_label]


def _requests(report: Report, previous: Report | None) -> str:
    layout, v = report.layout, report.values
    area = area_word(report.office)
    new = _sum(v, layout.role("new_total"))
    if not new:
        text = words.NO_REQUESTS.format(area=area)
    else:
        text = words.REQUESTS_RECEIVED.format(area=area, count=new)
        if previous is not None and previous.layout.role("new_total"):
            before = _sum(previous.values, previous.layout.role("new_total"))
            diff = new - before
            text += (words.MORE_THAN_LAST_YEAR.format(count=diff) if diff > 0 else
                     words.FEWER_THAN_LAST_YEAR.format(count=-diff) if diff < 0 else words.SAME_AS_LAST_YEAR)
        text += words.CARRIED_OVER.format(count=_sum(v, layout.role("carried_over_total")))
        total = _sum(v, layout.role("result_total"))
        results = [(w, result_total(layout, v, w) or 0) for w in RESULT_WORDS]
        top = sorted((r for r in results if r[1]), key=lambda r: -r[1])[:TOP_RESULTS]
        if total and top:
            text += words.RESULTS_AMONG.format(results="；".join(
                words.RESULT_SHARE.format(result=w, count=n, share=_share(n, total)) for w, n in top))
        text += words.CARRIED_FORWARD.format(count=_sum(v, layout.role("carry_forward_total")))
    review, suits = _sum(v, layout.role("review_total")), _sum(v, layout.role("suit_totals"))
    if review or suits:
        text += words.REVIEWS_AND_SUITS.format(area=area, reviews=review, suits=suits)
    else:
        text += words.NO_REVIEWS_OR_SUITS.format(area=area)
    return text


def _active(report: Report) -> str:
    layout, v = report.layout, report.values
    area = area_word(report.office)
    fee_key = layout.role_cell("fee")
    parts = []
    for row, name in DECISIONS:
        cells = _cells(layout, fee_key, row, DECISION_COLUMN)
        if cells:
            parts.append(words.DECISION_COUNT.format(decision=name, count=_sum(v, tuple(c.key for c in cells))))
    issued, in_force = layout.role("issued"), layout.role("in_force")
    text = words.ISSUED.format(area=area, count=_sum(v, issued)) if issued else ""
    if in_force:
        text += words.IN_FORCE.format(count=_sum(v, in_force))
    if parts:
        text += (words.DECISIONS_AFTER if text else words.DECISIONS_MADE.format(area=area)) + "、".join(parts)
    if fee_key is not None:
        fee = Decimal(v[fee_key])
        text += words.FEES.format(amount=format(fee.normalize(), "f") if fee else 0)
    return (text.lstrip("；") + "。") if text else ""


def draft_texts(summary: Report, previous: Report | None = None) -> dict[str, str]:
    """The summary's 正文, with a draft (marked) of 一's 主动公开 and 依申请公开 where it has no text of its
    own; ``previous``: last year's summary, for the change in applications."""
    if summary.level != LEVEL_SUMMARY:
        return dict(summary.texts)
    texts = dict(summary.texts)
    drafts = {ACTIVE_SECTION: _active(summary), REQUEST_SECTION: _requests(summary, previous)}
    for sec in summary.layout.text_sections:
        section = next((w for w in drafts if sec.heading.endswith(w) or f"）{w}" in sec.heading), None)
        if section and drafts[section] and not texts.get(sec.key, "").strip():
            texts[sec.key] = f"{DRAFT_MARK}\n{drafts[section]}"
    return texts
