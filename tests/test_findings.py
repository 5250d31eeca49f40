"""A ``Finding`` is made once, from the catalogue: it keeps the cell's key, its message parameters and the
catalogue's remedy, and a finding whose cell moved in the file is re-made at the new place (never edited)."""

from __future__ import annotations

import io
import random
import sys
import warnings
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form.findings import CATALOGUE, make
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent / "data"))
from make_bad import shift_lines

L21 = get_layout("2021")


def _moved_file(tmp_path: Path) -> Path:
    """A 2021 report with a negative count and an unbalanced column in 表三, two rows inserted above them."""
    r = random_report(L21, random.Random(3), office="县档案馆", category="县直部门")
    inputs = {**r.inputs, "t3.withheld.state_secret.research": -1}
    r = replace(r, inputs=inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(build_workbook(L21, report=r)))
    shift_lines(wb["表三"], "row", 3, 2)  # above the table's header: every cell moves down 2 rows
    p = tmp_path / "moved.xlsx"
    wb.save(p)
    return p


def test_a_moved_finding_is_remade_at_its_cell_with_key_params_and_remedy(tmp_path: Path) -> None:
    result = check_file(_moved_file(tmp_path))
    key = "t3.withheld.state_secret.research"
    _, template_cell = L21.a1(key)
    (count,) = [f for f in result.findings if f.code == "VALUE-COUNT"]
    moved_cell = template_cell[0] + str(int(template_cell[1:]) + 2)
    assert (count.sheet, count.cell, count.key) == ("表三", moved_cell, key)
    assert f"表三 {moved_cell}（" in count.message and template_cell not in count.message
    assert count.remedy == CATALOGUE["VALUE-COUNT"].fix
    assert count.param("where") == L21.cells[key].where
    # the balance's other terms moved with it
    (bal,) = [f for f in result.findings if f.code == "T3-BALANCE"]
    assert bal.cell == "F8" and bal.cells == ("F9", "F31", "F32")
    d = count.to_dict()
    assert d["key"] == key and d["remedy"] == count.remedy and d["params"]["where"] == count.param("where")
    assert {"code", "severity", "message", "file", "sheet", "cell", "row_label", "col_label", "expected",
            "actual"} <= set(d)


def test_at_renders_the_message_from_the_catalogue() -> None:
    f = make("TOTAL-STALE", sheet="表四", cell="E6", expected=3, actual=2, where="行政复议 总计", key="t4.review.total")
    g = f.at("表四", "E9")
    assert g.message == make("TOTAL-STALE", sheet="表四", cell="E9", expected=3, actual=2, where="行政复议 总计").message
    assert (g.key, g.remedy, g.params) == (f.key, f.remedy, f.params)
