"""The plans made once per layout (``LayoutSpec.sum_plan`` for ``compute``, the rules' plan in ``check.rules``)
give what the form's rules say, on reports of every layout with mistakes in them."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from nianbao.check.rules import check_rules
from nianbao.demo.synth import random_report
from nianbao.form.registry import all_layouts
from nianbao.form.spec import SumRule

ODD = (-1, -3, Decimal("2.5"), Decimal("1.234"), Decimal("-2"), 0, Decimal("3.10"), 10**9)


def test_every_total_is_the_sum_of_its_defining_rule_and_every_input_kept() -> None:
    for layout in all_layouts():
        for seed in range(5):
            inputs = dict(random_report(layout, random.Random(seed), office="某单位").inputs)
            dropped = random.Random(seed).sample(sorted(inputs), 10)
            for k in dropped:
                del inputs[k]  # a missing input reads as 0
            values = layout.compute(inputs)
            assert set(values) == set(layout.cells)
            assert all(values[c.key] == inputs.get(c.key, 0) for c in layout.inputs)
            for target, rule in layout.defining_rule.items():
                assert values[target] == sum((values[a] for a in rule.addends), 0), (layout.label, target)


def test_each_wrong_total_and_value_is_said_once_at_its_cell() -> None:
    """Totals stated wrong and odd input values: one finding per wrong total (the first rule naming it), one
    per input value a count or an amount cannot be, none for the rest."""
    for layout in all_layouts():
        rng = random.Random(len(layout.label))
        report = random_report(layout, rng, office="某单位")
        inputs = dict(report.inputs)
        odd = dict(zip(rng.sample(sorted(inputs), len(ODD)), ODD, strict=True))
        inputs.update(odd)
        values = layout.compute(inputs)
        wrong = set(rng.sample([c.key for c in layout.totals], 5))
        stated = {c.key: values[c.key] + (1 if c.key in wrong else 0) for c in layout.totals}
        found = check_rules(replace(report, inputs=inputs, stated=stated), "f.xlsx")
        sums = [f for f in found if f.key in wrong and f.code in {r.code for r in layout.rules if isinstance(r, SumRule)}]
        assert sorted(f.key for f in sums) == sorted(wrong)
        bad_values = {f.key for f in found if f.code in ("VALUE-COUNT", "VALUE-FEE")}
        expected_bad = {k for k, v in odd.items() if (layout.cells[k].kind.value != "signed_count" and v < 0)
                        or (layout.cells[k].kind.value != "amount" and v != int(v))
                        or (layout.cells[k].kind.value == "amount" and layout.cells[k].decimals is not None
                            and -Decimal(v).normalize().as_tuple().exponent > layout.cells[k].decimals)}
        assert expected_bad and bad_values == expected_bad, layout.label
