"""Made-up but consistent reports: for samples, property tests and benchmarks."""

from __future__ import annotations

import random
from decimal import Decimal

from nianbao.form.common import COUNTY_DEPARTMENT, SUBDISTRICT, TOWNSHIP
from nianbao.form.finding_tags import RESULT_TOTAL
from nianbao.form.model import Report
from nianbao.form.registry import years
from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number
from nianbao.wording import demo as words


def random_report(layout: LayoutSpec, rng: random.Random, *, office: str = words.SAMPLE_OFFICE, category: str = COUNTY_DEPARTMENT,
                  county: str = words.COUNTY, year: int | None = None, scale: int = 20, rules_made: bool = False) -> Report:
    """A report whose inputs satisfy every hard rule: each column of table 三 balances.

    ``scale`` bounds the typical count; ``rules_made`` allows a non-zero 规章 row (only for offices that
    make 规章, see L-RULES).
    """
    rules_row = set(layout.role("rules"))
    inputs: dict[str, Number] = {}
    for spec in layout.inputs:
        if spec.table != "t3":
            inputs[spec.key] = _random_input(spec, rng, scale, zero=spec.key in rules_row and not rules_made)
    inputs.update(_random_t3(layout, rng, scale))
    _random_t4_outcomes(layout, inputs, rng)
    _plausible(layout, inputs, category)
    info = _info(layout, office=office, category=category, county=county, year=year)
    return Report(layout=layout, inputs=inputs, info=info)


def _random_input(spec: CellSpec, rng: random.Random, scale: int, *, zero: bool) -> Number:
    """A value for an input outside table 三 (``zero``: a count that must stay 0)."""
    if spec.kind is Kind.AMOUNT:
        decimals = spec.decimals if spec.decimals is not None else 2
        return Decimal(rng.randint(0, 10**decimals * scale)).scaleb(-decimals)
    if spec.kind is Kind.SIGNED:
        return rng.randint(-scale, scale)
    if zero:
        return 0
    return rng.randint(0, scale) if rng.random() < 0.6 else 0


def _random_t3(layout: LayoutSpec, rng: random.Random, scale: int) -> dict[str, Number]:
    """Table 三's inputs, column by column; about half the columns stay all 0."""
    t3 = layout.table("t3")
    rows = sorted({c.key.rsplit(".", 1)[0] for c in t3.cells})
    cols = sorted({c.key.rsplit(".", 1)[1] for c in t3.cells} - {"total"})
    leaves = next(r for r in layout.rules if r.code == RESULT_TOTAL).addends  # type: ignore[union-attr]
    leaf_rows = [k.rsplit(".", 1)[0] for k in leaves]
    inputs: dict[str, Number] = {}
    input_keys = {c.key for c in layout.inputs}  # not the computed rows such as （七）总计
    for col in cols:
        busy = rng.random() < 0.5
        for row in rows:
            if f"{row}.{col}" in input_keys:
                inputs[f"{row}.{col}"] = 0
        if busy:
            _fill_t3_column(layout, inputs, col, leaf_rows, rng, scale)
    return inputs


def _in_column(layout: LayoutSpec, role: str, col: str) -> str:
    """The cell of a table-三 row role (one cell per column) in column ``col``."""
    return next(k for k in layout.role(role) if k.rsplit(".", 1)[1] == col)


def _fill_t3_column(layout: LayoutSpec, inputs: dict[str, Number], col: str, leaf_rows: list[str], rng: random.Random,
                    scale: int) -> None:
    """A busy column of table 三: new and carried-over applications, those carried forward, and the rest
    handled, so that the column balances."""
    new = rng.randint(0, scale * 3)
    carried = rng.randint(0, scale // 2)
    forward = rng.randint(0, min(new + carried, scale // 2))
    handled = new + carried - forward
    for role, value in (("new", new), ("carried_over", carried), ("carry_forward", forward)):
        inputs[_in_column(layout, role, col)] = value
    # spread the handled applications over the result rows, most of them disclosed
    for _ in range(handled):
        row = leaf_rows[0] if rng.random() < 0.5 else rng.choice(leaf_rows)
        inputs[f"{row}.{col}"] = int(inputs[f"{row}.{col}"]) + 1


def _plausible(layout: LayoutSpec, inputs: dict[str, Number], category: str) -> None:
    """No figure a plausibility check would question (``nianbao.check.plausible``); no random draw, so the
    other figures stay those of the same seed: a township's fee under 10 万元, 本年增/减 not below
    −上一年项目数量."""
    if category in (TOWNSHIP, SUBDISTRICT):
        for key in layout.role("fee"):
            inputs[key] = Decimal(inputs[key]) % 10
    for prev, change in zip(layout.role("previous_items"), layout.role("item_change"), strict=True):
        inputs[change] = max(inputs[change], -inputs[prev])


def _random_t4_outcomes(layout: LayoutSpec, inputs: dict[str, Number], rng: random.Random) -> None:
    """Redraw table 四's outcome counts (few, and mostly 0): its input cells, block by block."""
    for spec in layout.inputs:
        if spec.table == "t4":
            inputs[spec.key] = rng.randint(0, 3) if rng.random() < 0.3 else 0


def _info(layout: LayoutSpec, *, office: str, category: str, county: str, year: int | None) -> dict[str, str]:
    """基本信息 of a made-up report; the year defaults to 2025 within the years of the layout's format."""
    first, last = years(layout.format)
    y = year if year is not None else min(last, max(first, 2025))
    return {"office": office, "category": category, "county": county, "year": str(y), "preparer": words.SAMPLE_PREPARER,
            "phone": "0396-1234567", "date": f"{y + 1}-01-15"}
