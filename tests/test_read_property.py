"""Property: a filled template read back gives what was filled, with no error; one input off by one gives
exactly the matching finding at the right cell."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.registry import all_layouts
from nianbao.form.spec import BalanceRule
from nianbao.template import build_workbook

LAYOUTS = all_layouts()
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(layout, report):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.xlsx"
        p.write_bytes(build_workbook(layout, report=report))
        return check_file(p)


@SETTINGS
@given(layout=st.sampled_from(LAYOUTS), seed=st.integers(0, 2**32 - 1), scale=st.sampled_from([1, 20, 500]))
def test_read_back_equals_filled(layout, seed: int, scale: int) -> None:  # type: ignore[no-untyped-def]
    year = 2025 if layout.format == "2021" else 2020
    report = random_report(layout, random.Random(seed), scale=scale, year=year)
    result = _read(layout, report)
    assert result.report is not None
    assert dict(result.report.inputs) == dict(report.inputs)
    assert result.report.values == report.values
    assert result.report.office == report.office and result.report.year == year
    assert result.errors == 0 and result.warnings == 0, result.findings


@SETTINGS
@given(layout=st.sampled_from(LAYOUTS), seed=st.integers(0, 2**32 - 1), data=st.data())
def test_one_input_off_by_one(layout, seed: int, data) -> None:  # type: ignore[no-untyped-def]
    year = 2025 if layout.format == "2021" else 2020
    report = random_report(layout, random.Random(seed), year=year)
    keys = sorted(k for k in report.inputs if k.startswith("t3."))
    key = data.draw(st.sampled_from(keys))
    broken = replace(report, inputs={**report.inputs, key: report.inputs[key] + 1})
    result = _read(layout, broken)
    col = key.rsplit(".", 1)[1]
    # one finding, at the first term of the column's balance (the 总计 column's follows from it)
    anchors = {r.left[0] for r in layout.rules if isinstance(r, BalanceRule) and r.left[0].endswith(f".{col}")}
    expected = {("T3-BALANCE", *layout.a1(k)) for k in anchors}
    assert {(f.code, f.sheet, f.cell) for f in result.findings} == expected
    assert len(result.findings) == 1
