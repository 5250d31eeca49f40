"""The hard rules of the form, evaluated on a ``Report`` and reported as findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.findings import Finding, count_wanted, make
from nianbao.form.model import Report
from nianbao.form.spec import BalanceRule, CellSpec, Kind, LayoutSpec, SumRule
from nianbao.wording import read as words


def check_rules(report: Report, file: str = "") -> list[Finding]:
    """Every hard-rule finding of ``report``: stated totals against the recomputed ones, T3-BALANCE,
    and the values of the input cells."""
    return list(_iter_rules(report, file)) + list(check_values(report, file))


def _iter_rules(report: Report, file: str) -> Iterator[Finding]:
    layout = report.layout
    values = report.values
    stated_values = report.stated
    for rule in _plan(layout).sums:
        target = rule.target
        if target in stated_values and stated_values[target] != values[target]:
            stated = stated_values[target]
            sheet, cell = layout.a1(target)
            spec = layout.cells[target]
            yield make(rule.code, file=file, sheet=sheet, cell=cell, row_label=_row(spec),
                       col_label=spec.col_label, expected=values[target], actual=stated, label=rule.label,
                       key=target)
    yield from _balances(report, file)


@dataclass(frozen=True)
class _RulesPlan:
    """A layout's rules as the checks walk them, made once per layout (``_plan``)."""

    #: the first sum rule of each total, in the layout's order (a later rule of the same total compares the
    #: same two figures: said once)
    sums: tuple[SumRule, ...]
    #: the input cells with a kind whose values are checked: (key, kind, decimals)
    values: tuple[tuple[str, Kind, int | None], ...]


_PLANS: dict[int, tuple[LayoutSpec, _RulesPlan]] = {}


def _plan(layout: LayoutSpec) -> _RulesPlan:
    made = _PLANS.get(id(layout))
    if made is not None and made[0] is layout:
        return made[1]
    first: dict[str, SumRule] = {}
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            first.setdefault(rule.target, rule)
    kinds = (Kind.COUNT, Kind.SIGNED, Kind.AMOUNT)
    plan = _RulesPlan(sums=tuple(first.values()),
                      values=tuple((c.key, c.kind, c.decimals) for c in layout.inputs if c.kind in kinds))
    _PLANS[id(layout)] = (layout, plan)
    return plan


def _balances(report: Report, file: str) -> Iterator[Finding]:
    """T3-BALANCE: one finding per column that does not balance, at all of its terms (一, 二, （七）总计, 四:
    which one is wrong is not known), saying which side is larger. A balance of totals only (the 总计
    column) follows from the others: it is reported only when none of them is, so one mistake counts once."""
    layout, values = report.layout, report.values
    failed = [r for r in layout.rules if isinstance(r, BalanceRule)
              and sum(values[k] for k in r.left) != sum(values[k] for k in r.right)]
    derived = [r for r in failed if not any(layout.cells[k].is_input for k in (*r.left, *r.right))]
    for rule in failed if len(derived) == len(failed) else [r for r in failed if r not in derived]:
        left = sum(values[k] for k in rule.left)
        right = sum(values[k] for k in rule.right)
        terms = (*rule.left, *rule.right)
        sheet, cell = layout.a1(terms[0])
        spec = layout.cells[terms[0]]
        larger, smaller = (rule.left_text, rule.right_text) if left > right else (rule.right_text, rule.left_text)
        yield make(rule.code, file=file, sheet=sheet, cell=cell, row_label=f"{rule.left_text} = {rule.right_text}",
                   col_label=spec.col_label, expected=left, actual=right, key=terms[0],
                   cells=tuple(layout.a1(k)[1] for k in terms[1:]), label=rule.label, left=left, right=right,
                   diff=abs(left - right), larger=larger, smaller=smaller,
                   left_text=rule.left_text, right_text=rule.right_text)


def check_values(report: Report, file: str = "") -> Iterator[Finding]:
    """VALUE-COUNT / VALUE-FEE on numbers already read (a reader reports unreadable text itself)."""
    inputs = report.inputs
    for key, kind, decimals in _plan(report.layout).values:
        v = inputs.get(key)
        if v is None:
            continue
        if type(v) is int:  # most cells: a whole number, wrong only when below 0 where a count is wanted
            bad = (kind is not Kind.SIGNED and v < 0) or (kind is Kind.AMOUNT and decimals is not None and decimals < 0)
        elif kind is Kind.COUNT:
            bad = v < 0 or v != int(v)
        elif kind is Kind.SIGNED:
            bad = v != int(v)
        else:
            d = Decimal(v)
            bad = d < 0 or (decimals is not None and _decimals(d) > decimals)
        if bad:
            yield value_finding(report.layout.cells[key], report, v, file)


def value_finding(spec: CellSpec, report: Report, actual: object, file: str = "", shown_note: str = "") -> Finding:
    """VALUE-FEE / VALUE-COUNT at the cell of ``spec``; ``shown_note`` names what the sheet shows, when
    its number format shows the stored ``actual`` otherwise."""
    sheet, cell = report.layout.a1(spec.key)
    code = "VALUE-FEE" if spec.kind is Kind.AMOUNT else "VALUE-COUNT"
    note = words.DECIMALS_NOTE.format(decimals=spec.decimals) if spec.decimals is not None else ""
    return make(code, file=file, sheet=sheet, cell=cell, row_label=_row(spec), col_label=spec.col_label,
                key=spec.key, actual=actual, where=spec.where, decimals_note=note, what=count_wanted(spec),
                shown_note=shown_note)


def _decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _row(spec: CellSpec) -> str:
    return f"{spec.row_group} {spec.row_label}".strip()
