"""The 校验 sheet: every rule of the layout as a live formula, and the overall status beside 表三."""

from __future__ import annotations

from collections.abc import Mapping

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from nianbao.form.findings import rule_name
from nianbao.form.sheets import CHECK_SHEET
from nianbao.form.spec import BalanceRule, LayoutSpec, Number, SumRule, to_a1
from nianbao.template import livechecks
from nianbao.template.style import (
    BAD_FILL,
    BAD_FONT,
    OK_FILL,
    OK_FONT,
    OK_TEXT,
    Formats,
    cell_ref,
    fmt_value,
    formula_text,
    print_setup,
    protect,
    sum_formula,
)
from nianbao.wording import template as words

#: the overall status of the live checks (校验!B1, shown again beside 表三): all passed / some failed
STATUS_OK = words.ALL_CHECKS_PASSED
#: the text around the number of failed checks, as the 校验 sheet's formula joins them
STATUS_BAD = tuple(words.CHECKS_FAILED.split("{n}"))


def status_text(n_rules: int, n_failed: int) -> str:
    """The overall status as the 校验 sheet's formula computes it."""
    return STATUS_OK.format(n=n_rules) if n_failed == 0 else words.CHECKS_FAILED.format(n=n_failed)


CHECK_HEADER = words.CHECK_COLUMNS




def check_rows(layout: LayoutSpec) -> list[tuple[str, str, str, str]]:
    """The rows of the 校验 sheet: (rule code, where, left formula, right formula), in order."""
    rows: list[tuple[str, str, str, str]] = []
    for rule in layout.rules:
        if isinstance(rule, BalanceRule):
            # SUM, not +: text typed in a term (“１２”) would make + give #VALUE!; SUM passes over it and
            # the VALUE-COUNT row of that cell says what is wrong
            left = "SUM(" + ",".join(cell_ref(layout, k) for k in rule.left) + ")"
            right = "SUM(" + ",".join(cell_ref(layout, k) for k in rule.right) + ")"
            sheet = layout.table(layout.cells[rule.left[0]].table).sheet
            rows.append((rule.code, words.BALANCE_WHERE.format(sheet=sheet, label=rule.label, left=rule.left_text,
                                                               right=rule.right_text), left, right))
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            sheet = layout.table(layout.cells[rule.target].table).sheet
            rows.append((rule.code, f"{sheet} {rule.label}", cell_ref(layout, rule.target),
                         sum_formula(layout, rule.addends)))
    return rows


def _rule_values(layout: LayoutSpec, values: Mapping[str, Number]) -> list[tuple[Number, Number]]:
    out: list[tuple[Number, Number]] = []
    for rule in layout.rules:
        if isinstance(rule, BalanceRule):
            out.append((sum(values[k] for k in rule.left), sum(values[k] for k in rule.right)))
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            out.append((values[rule.target], sum(values[k] for k in rule.addends)))
    return out


def _derived_balances(layout: LayoutSpec) -> tuple[list[int], list[int]]:
    """The 校验 rows (indices into ``check_rows``) of the balances of totals only (表三's 总计 column, which
    follows from the other columns) and of the other balances: a derived one that fails because another
    fails is the same mistake, counted once, as ``check`` counts it."""
    balances = [r for r in layout.rules if isinstance(r, BalanceRule)]
    derived = [i for i, r in enumerate(balances) if not any(layout.cells[k].is_input for k in (*r.left, *r.right))]
    return derived, [i for i in range(len(balances)) if i not in derived]


def _failed(layout: LayoutSpec, results: list[tuple[Number, Number]]) -> int:
    derived, others = _derived_balances(layout)
    failed = sum(1 for a, b in results if a != b)
    if any(results[i][0] != results[i][1] for i in others):
        failed -= sum(1 for i in derived if results[i][0] != results[i][1])
    return failed


def overall_status(layout: LayoutSpec, values: Mapping[str, Number], info: Mapping[str, str],
                   texts: Mapping[str, str]) -> str:
    if livechecks.untouched(values, layout, info, texts):
        return livechecks.UNFILLED
    results = _rule_values(layout, values) + [(v.cached, 0) for v in livechecks.value_checks(layout, values)]
    return status_text(len(results), _failed(layout, results))


def write_checks(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, values: Mapping[str, Number],
                  info: Mapping[str, str], texts: Mapping[str, str], footer_office: str) -> None:
    ws = wb.add_worksheet(CHECK_SHEET)
    ok = wb.add_format({"bg_color": OK_FILL, "font_color": OK_FONT})
    bad = wb.add_format({"bg_color": BAD_FILL, "font_color": BAD_FONT})
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 56)
    ws.set_column(2, 3, 10)
    ws.set_column(4, 4, 40)
    rows = check_rows(layout)
    results = _rule_values(layout, values)
    value_rows = livechecks.value_checks(layout, values)
    first, last = 3, 3 + len(rows) + len(value_rows) - 1
    n = len(rows) + len(value_rows)
    ws.write_string(0, 0, words.OVERALL_STATUS, f.header)
    result_rng = f"$E${first + 1}:$E${last + 1}"
    derived, others = _derived_balances(layout)
    other_failed = "OR(" + ",".join(f'E{first + 1 + i}<>"{OK_TEXT}"' for i in others) + ")" if others else "FALSE"
    same_mistake = "".join(f'-IF(AND(E{first + 1 + i}<>"{OK_TEXT}",{other_failed}),1,0)' for i in derived)
    n_failed = f'({n}-COUNTIF({result_rng},"{OK_TEXT}"){same_mistake})'
    ws.write_formula(
        0, 1,
        f'=IF({livechecks.untouched_formula(layout, value_rows)},"{livechecks.UNFILLED}",'
        f'IF(COUNTIF({result_rng},"{OK_TEXT}")={n},"{STATUS_OK.format(n=n)}",'
        f'{formula_text(words.CHECKS_FAILED, n=n_failed)}))',
        f.status, overall_status(layout, values, info, texts))
    ws.set_row(0, 30)
    ws.write_string(1, 0, words.CHECK_NOTE_LABEL, f.plain)
    ws.write_string(1, 1, words.CHECK_NOTE, f.plain)
    ws.write_row(2, 0, CHECK_HEADER, f.header)
    for i, ((code, where, left, right), (lv, rv)) in enumerate(zip(rows, results, strict=True)):
        r = first + i
        ws.write_string(r, 0, rule_name(code), f.plain)
        ws.write_string(r, 1, where, f.plain)
        ws.write_formula(r, 2, f"={left}", f.number, fmt_value(lv))
        ws.write_formula(r, 3, f"={right}", f.number, fmt_value(rv))
        c, d = to_a1(r, 2), to_a1(r, 3)
        diff = lv - rv
        cached = OK_TEXT if diff == 0 else words.CHECK_FAILED.format(left=lv, right=rv, difference=abs(diff))
        text = formula_text(words.CHECK_FAILED, left=c, right=d, difference=f"ABS({c}-{d})")
        if i in derived:  # the 总计 column: when a column above fails, it is that mistake again
            text = f'IF({other_failed},{formula_text(words.CHECK_FAILED_ABOVE)},{text})'
            if diff != 0 and any(results[j][0] != results[j][1] for j in others):
                cached = words.CHECK_FAILED_ABOVE
        ws.write_formula(r, 4, f'=IF({c}={d},"{OK_TEXT}",{text})', f.plain, cached)
    _write_value_rows(ws, f, first + len(rows), value_rows)
    _colour_results(wb, ws, layout, (first, last), ok, bad)
    ws.freeze_panes(3, 0)
    protect(ws)
    print_setup(ws, landscape=True, footer_office=footer_office)
    ws.repeat_rows(2)


def _colour_results(wb: xlsxwriter.Workbook, ws: Worksheet, layout: LayoutSpec, rows: tuple[int, int],
                    ok: Format, bad: Format) -> None:
    """Green for 通过, red for the rest: the result column (rows ``first``..``last``), the 总体状态 cell and the
    status cell beside 表三."""
    first, last = rows
    ws.conditional_format(first, 4, last, 4, {"type": "cell", "criteria": "==", "value": f'"{OK_TEXT}"',
                                               "format": ok})
    ws.conditional_format(first, 4, last, 4, {"type": "cell", "criteria": "!=", "value": f'"{OK_TEXT}"',
                                               "format": bad})
    ws.conditional_format(0, 1, 0, 1, {"type": "formula", "criteria": '=LEFT($B$1,1)="✔"', "format": ok})
    ws.conditional_format(0, 1, 0, 1, {"type": "formula", "criteria": '=LEFT($B$1,1)="✘"', "format": bad})
    # the 表三 status cell uses the same colours
    t3 = wb.get_worksheet_by_name(layout.table("t3").sheet)
    if t3 is not None:
        r0, c0 = layout.table("t3").origin
        col = c0 + layout.table("t3").n_cols - 1 + 2
        a1 = to_a1(r0 + 1, col)
        t3.conditional_format(r0 + 1, col, r0 + 1, col,
                              {"type": "formula", "criteria": f'=LEFT({a1},1)="✔"', "format": ok})
        t3.conditional_format(r0 + 1, col, r0 + 1, col,
                              {"type": "formula", "criteria": f'=LEFT({a1},1)="✘"', "format": bad})


def _write_value_rows(ws: Worksheet, f: Formats, first: int, checks: list[livechecks.ValueCheck]) -> None:
    """The 校验 rows of the input cells themselves (text, negatives, fractions), from sheet row ``first``."""
    for i, check in enumerate(checks, start=first):
        ws.write_string(i, 0, rule_name(livechecks.VALUE_CODE), f.plain)
        ws.write_string(i, 1, check.where, f.plain)
        ws.write_formula(i, 2, f"={check.bad_formula}", f.number, check.cached)
        ws.write_number(i, 3, 0, f.number)
        ws.write_formula(i, 4, "=" + livechecks.bad_text(to_a1(i, 2)), f.plain, livechecks.bad_cached(check.cached))
