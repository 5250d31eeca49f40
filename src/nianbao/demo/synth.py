"""Made-up but consistent reports: for samples, property tests and benchmarks."""

from __future__ import annotations

import random
from decimal import Decimal

from nianbao.form.model import Report
from nianbao.form.registry import years
from nianbao.form.spec import Kind, LayoutSpec, Number


def random_report(layout: LayoutSpec, rng: random.Random, *, office: str = "示例单位", category: str = "县直部门",
                  county: str = "示例县", year: int | None = None, scale: int = 20, rules_made: bool = False) -> Report:
    """A report whose inputs satisfy every hard rule: each column of table 三 balances.

    ``scale`` bounds the typical count; ``rules_made`` allows a non-zero 规章 row (only for offices that
    make 规章, see L-RULES).
    """
    inputs: dict[str, Number] = {}
    rules_row = set(layout.role("rules"))
    for spec in layout.inputs:
        if spec.table != "t3":
            if spec.kind is Kind.AMOUNT:
                decimals = spec.decimals if spec.decimals is not None else 2
                inputs[spec.key] = Decimal(rng.randint(0, 10**decimals * scale)).scaleb(-decimals)
            elif spec.kind is Kind.SIGNED:
                inputs[spec.key] = rng.randint(-scale, scale)
            elif spec.key in rules_row and not rules_made:
                inputs[spec.key] = 0
            else:
                inputs[spec.key] = rng.randint(0, scale) if rng.random() < 0.6 else 0
    t3 = layout.table("t3")
    rows = sorted({c.key.rsplit(".", 1)[0] for c in t3.cells})
    cols = sorted({c.key.rsplit(".", 1)[1] for c in t3.cells} - {"total"})
    leaves = next(r for r in layout.rules if r.code == "T3-RESULTTOTAL").addends  # type: ignore[union-attr]
    leaf_rows = [k.rsplit(".", 1)[0] for k in leaves]
    for col in cols:
        busy = rng.random() < 0.5
        for row in rows:
            if row in ("t3.result_total",):
                continue
            inputs[f"{row}.{col}"] = 0
        if not busy:
            continue
        new = rng.randint(0, scale * 3)
        carried = rng.randint(0, scale // 2)
        forward = rng.randint(0, min(new + carried, scale // 2))
        handled = new + carried - forward
        inputs[f"t3.new.{col}"] = new
        inputs[f"t3.carried_over.{col}"] = carried
        inputs[f"t3.carry_forward.{col}"] = forward
        # spread the handled applications over the result rows, most of them disclosed
        for _ in range(handled):
            row = leaf_rows[0] if rng.random() < 0.5 else rng.choice(leaf_rows)
            inputs[f"{row}.{col}"] = int(inputs[f"{row}.{col}"]) + 1
    for block in ("review", "suit_direct", "suit_after_review"):
        for col in ("upheld", "corrected", "other", "pending"):
            key = f"t4.{block}.{col}"
            if key in inputs:
                inputs[key] = rng.randint(0, 3) if rng.random() < 0.3 else 0
    first, last = years(layout.format)
    y = year if year is not None else min(last, max(first, 2025))
    info = {"office": office, "category": category, "county": county, "year": str(y), "preparer": "张三",
            "phone": "0396-1234567", "date": f"{y + 1}-01-15"}
    return Report(layout=layout, inputs=inputs, info=info)
