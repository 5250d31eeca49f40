"""The 校验 sheet's checks of the input cells themselves, beside the rules of the form.

A spreadsheet's SUM skips a cell holding text (a pasted "１２"), so the rules' rows alone can say
"全部通过" while ``nianbao check`` finds the column unbalanced. One row per table counts the input cells that
hold text (COUNTA − COUNT), a negative where only 0 or more is allowed (COUNTIF "<0") or a fraction in a
count cell (INT); and the overall status says 尚未填写 while nothing is typed (every input cell still 0,
填报人, 联系电话, 填报日期 and 正文 blank).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.sheets import INFO_SHEET, TEXT_SHEET, info_cell, text_cell
from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number, TableSpec, to_a1
from nianbao.template.style import formula_text
from nianbao.wording import template as words

__all__ = ["UNFILLED", "ValueCheck", "untouched_formula", "value_checks"]

#: the overall status of a template nobody has filled in yet
UNFILLED = words.NOT_FILLED_YET
VALUE_CODE = "VALUE-COUNT"


@dataclass(frozen=True)
class ValueCheck:
    """One row of the 校验 sheet: how many input cells of ``table`` are not what they may hold."""

    table: TableSpec
    where: str  # e.g. "表三 填报单元格：文字、负数、小数"
    bad_formula: str  # the number of such cells, a formula without "="
    nonzero_formula: str  # the number of input cells not 0 (numbers or text), for 尚未填写
    cached: int  # what the formula gives on the report written


def _ranges(table: TableSpec, cells: Iterable[CellSpec]) -> list[str]:
    """A1 ranges (on the table's sheet) covering exactly ``cells``: runs of a row, stacked when alike."""
    rows: dict[int, list[int]] = {}
    for c in cells:
        r, col = table.sheet_pos(c.row, c.col)
        rows.setdefault(r, []).append(col)
    runs: dict[tuple[int, int], list[int]] = {}  # (first col, last col) -> rows
    for r, cols in sorted(rows.items()):
        for c0, c1 in _spans(sorted(cols)):
            runs.setdefault((c0, c1), []).append(r)
    return [f"'{table.sheet}'!{to_a1(r0, c0)}:{to_a1(r1, c1)}"
            for (c0, c1), rs in runs.items() for r0, r1 in _spans(rs)]


def _spans(xs: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted ``xs``: [1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    out: list[tuple[int, int]] = []
    for x in xs:
        if out and x == out[-1][1] + 1:
            out[-1] = (out[-1][0], x)
        else:
            out.append((x, x))
    return out


def _sum(terms: list[str]) -> str:
    return "+".join(terms) if terms else "0"


def value_checks(layout: LayoutSpec, values: Mapping[str, Number]) -> list[ValueCheck]:
    """One check per table with input cells (表二, 表三, 表四)."""
    out: list[ValueCheck] = []
    for table in layout.tables:
        inputs = [c for c in table.cells if c.is_input]
        if not inputs:
            continue
        every = _ranges(table, inputs)
        no_negative = _ranges(table, [c for c in inputs if c.kind is not Kind.SIGNED])
        whole = _ranges(table, [c for c in inputs if c.kind is not Kind.AMOUNT])
        text = _sum([f"(COUNTA({r})-COUNT({r}))" for r in every])
        negative = _sum([f'COUNTIF({r},"<0")' for r in no_negative])
        # INT of a text cell is an error: where text is, the text count already fails the row
        fraction = _sum([f"IFERROR(SUMPRODUCT(--({r}<>INT({r}))),0)" for r in whole])
        nonzero = _sum([f'COUNTIF({r},">0")+COUNTIF({r},"<0")+(COUNTA({r})-COUNT({r}))' for r in every])
        cached = sum(1 for c in inputs if _bad(c, values.get(c.key, 0)))
        out.append(ValueCheck(table, words.VALUE_CHECK_WHERE.format(sheet=table.sheet), f"{text}+{negative}+{fraction}",
                              nonzero, cached))
    return out


def _bad(spec: CellSpec, v: Number) -> bool:
    d = Decimal(str(v))
    if spec.kind is Kind.AMOUNT:
        return d < 0
    if spec.kind is Kind.SIGNED:
        return d != d.to_integral_value()
    return d < 0 or d != d.to_integral_value()


def bad_text(count_ref: str) -> str:
    """The result cell of a value check: 通过, or how many cells are wrong and what to do."""
    passed, failed = formula_text(words.CHECK_PASSED), formula_text(words.VALUE_CHECK_FAILED, count=count_ref)
    return f"IF({count_ref}=0,{passed},{failed})"


def bad_cached(count: int) -> str:
    return words.CHECK_PASSED if count == 0 else words.VALUE_CHECK_FAILED.format(count=count)


#: 基本信息 fields a personalised template does not fill in (as INFO-UNFILLED, ``nianbao.check.checkfile``)
SIGNED_BY = ("preparer", "phone", "date")


def untouched_formula(layout: LayoutSpec, checks: list[ValueCheck]) -> str:
    """True while nothing is typed: every input cell 0, 填报人, 联系电话, 填报日期 and 正文 blank."""
    typed = [f"'{INFO_SHEET}'!{info_cell(layout, k)}" for k in SIGNED_BY]
    typed += [f"'{TEXT_SHEET}'!{text_cell(layout, s.key)}" for s in layout.text_sections]
    return f'AND({_sum([c.nonzero_formula for c in checks])}=0,LEN(TRIM({"&".join(typed)}))=0)'


def untouched(values: Mapping[str, Number], layout: LayoutSpec, info: Mapping[str, str],
              texts: Mapping[str, str]) -> bool:
    """What ``untouched_formula`` gives for the report written."""
    return (all(values.get(c.key, 0) == 0 for c in layout.inputs)
            and not any(info.get(k, "").strip() for k in SIGNED_BY) and not any(t.strip() for t in texts.values()))
