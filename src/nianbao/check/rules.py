"""The hard rules of the form, evaluated on a ``Report`` and reported as findings."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.form.findings import Finding, count_wanted, make
from nianbao.form.model import Report
from nianbao.form.spec import BalanceRule, CellSpec, Kind, SumRule


def check_rules(report: Report, file: str = "") -> list[Finding]:
    """Every hard-rule finding of ``report``: stated totals against the recomputed ones, T3-BALANCE,
    and the values of the input cells."""
    return list(_iter_rules(report, file)) + list(check_values(report, file))


def _iter_rules(report: Report, file: str) -> Iterator[Finding]:
    layout = report.layout
    values = report.values
    reported: set[str] = set()
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            if rule.target not in report.stated or rule.target in reported:
                continue
            stated = report.stated[rule.target]
            expected = values[rule.target]
            if stated != expected:
                reported.add(rule.target)
                sheet, cell = layout.a1(rule.target)
                spec = layout.cells[rule.target]
                yield make(rule.code, file=file, sheet=sheet, cell=cell, row_label=_row(spec),
                           col_label=spec.col_label, expected=expected, actual=stated, label=rule.label)
        elif isinstance(rule, BalanceRule):
            left = sum(values[k] for k in rule.left)
            right = sum(values[k] for k in rule.right)
            if left != right:
                # reported at the column's 四、结转下年度继续办理: the figure that balances the column
                anchor = rule.right[-1]
                sheet, cell = layout.a1(anchor)
                spec = layout.cells[anchor]
                yield make(rule.code, file=file, sheet=sheet, cell=cell, row_label=_row(spec),
                           col_label=spec.col_label, expected=values[anchor] + left - right,
                           actual=values[anchor], label=rule.label, left=left, right=right,
                           diff=abs(left - right))


def check_values(report: Report, file: str = "") -> Iterator[Finding]:
    """VALUE-COUNT / VALUE-FEE on numbers already read (a reader reports unreadable text itself)."""
    layout = report.layout
    for spec in layout.inputs:
        v = report.inputs.get(spec.key)
        if v is None:
            continue
        bad = False
        if spec.kind is Kind.COUNT:
            bad = v < 0 or v != int(v)
        elif spec.kind is Kind.SIGNED:
            bad = v != int(v)
        elif spec.kind is Kind.AMOUNT:
            d = Decimal(v)
            bad = d < 0 or (spec.decimals is not None and _decimals(d) > spec.decimals)
        if bad:
            yield value_finding(spec, report, v, file)


def value_finding(spec: CellSpec, report: Report, actual: object, file: str = "", shown_note: str = "") -> Finding:
    """VALUE-FEE / VALUE-COUNT at the cell of ``spec``; ``shown_note`` names what the sheet shows, when
    its number format shows the stored ``actual`` otherwise."""
    sheet, cell = report.layout.a1(spec.key)
    code = "VALUE-FEE" if spec.kind is Kind.AMOUNT else "VALUE-COUNT"
    note = f"，最多 {spec.decimals} 位小数" if spec.decimals is not None else ""
    return make(code, file=file, sheet=sheet, cell=cell, row_label=_row(spec), col_label=spec.col_label,
                actual=actual, where=spec.where, decimals_note=note, what=count_wanted(spec), shown_note=shown_note)


def _decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _row(spec: CellSpec) -> str:
    return f"{spec.row_group} {spec.row_label}".strip()
