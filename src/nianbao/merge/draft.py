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
from nianbao.form.model import Report
from nianbao.form.sheets import DRAFT_MARK, LEVEL_SUMMARY, area_word
from nianbao.form.spec import CellSpec, LayoutSpec, Number

__all__ = ["draft_texts"]

#: the results of 表三 a draft names, in the official order, by the words of their row labels
RESULT_WORDS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
TOP_RESULTS = 3
#: 表二's decisions: the rows named, the column whose label holds these words
DECISIONS = (("行政许可", "行政许可决定"), ("行政处罚", "行政处罚决定"), ("行政强制", "行政强制决定"))
DECISION_COLUMN = "处理决定"


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
        text = f"{area}未收到政府信息公开申请。"
    else:
        text = f"{area}共收到政府信息公开申请{new}件"
        if previous is not None and previous.layout.role("new_total"):
            before = _sum(previous.values, previous.layout.role("new_total"))
            diff = new - before
            text += (f"，较上年增加{diff}件" if diff > 0 else f"，较上年减少{-diff}件" if diff < 0 else "，与上年持平")
        text += f"，上年结转{_sum(v, layout.role('carried_over_total'))}件。"
        total = _sum(v, layout.role("result_total"))
        results = [(w, result_total(layout, v, w) or 0) for w in RESULT_WORDS]
        top = sorted((r for r in results if r[1]), key=lambda r: -r[1])[:TOP_RESULTS]
        if total and top:
            text += "办理结果中，" + "；".join(f"{w}{n}件，占{_share(n, total)}" for w, n in top) + "。"
        text += f"结转下年度继续办理{_sum(v, layout.role('carry_forward_total'))}件。"
    review, suits = _sum(v, layout.role("review_total")), _sum(v, layout.role("suit_totals"))
    if review or suits:
        text += f"{area}发生政府信息公开行政复议{review}件、行政诉讼{suits}件。"
    else:
        text += f"{area}未发生政府信息公开行政复议、行政诉讼案件。"
    return text


def _active(report: Report) -> str:
    layout, v = report.layout, report.values
    area = area_word(report.office)
    fee_key = layout.role_cell("fee")
    parts = []
    for row, name in DECISIONS:
        cells = _cells(layout, fee_key, row, DECISION_COLUMN)
        if cells:
            parts.append(f"{name}{_sum(v, tuple(c.key for c in cells))}件")
    issued, in_force = layout.role("issued"), layout.role("in_force")
    text = f"{area}制发规章和行政规范性文件{_sum(v, issued)}件" if issued else ""
    if in_force:
        text += f"，现行有效{_sum(v, in_force)}件"
    if parts:
        text += ("；作出" if text else f"{area}作出") + "、".join(parts)
    if fee_key is not None:
        fee = Decimal(v[fee_key])
        text += f"；收取行政事业性收费{format(fee.normalize(), 'f') if fee else 0}万元"
    return (text.lstrip("；") + "。") if text else ""


def draft_texts(summary: Report, previous: Report | None = None) -> dict[str, str]:
    """The summary's 正文, with a draft (marked) of 一's 主动公开 and 依申请公开 where it has no text of its
    own; ``previous``: last year's summary, for the change in applications."""
    if summary.level != LEVEL_SUMMARY:
        return dict(summary.texts)
    texts = dict(summary.texts)
    drafts = {"主动公开": _active(summary), "依申请公开": _requests(summary, previous)}
    for sec in summary.layout.text_sections:
        words = next((w for w in drafts if sec.heading.endswith(w) or f"）{w}" in sec.heading), None)
        if words and drafts[words] and not texts.get(sec.key, "").strip():
            texts[sec.key] = f"{DRAFT_MARK}\n{drafts[words]}"
    return texts
