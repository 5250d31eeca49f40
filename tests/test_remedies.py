"""Every finding says what to do (怎么改) where the clerk reads it; a damaged sheet is not called missing."""

from __future__ import annotations

import io
import re
import sys
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.check.annotate import annotate_file
from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.form.findings import CATALOGUE
from nianbao.form.sheets import ISSUES_SHEET
from nianbao.template import build_workbook

sys.path.insert(0, str(Path(__file__).parent))
from test_read_rules import R, _edited

BAD = Path(__file__).parent / "data" / "bad"
#: words of an instruction: a remedy tells the office or the county what to do
ACTION = re.compile("请|用|在|改|填|删除|重新|核对|无需|不需要|不必|提供|加|把|选择|打开|升级|补录|确认|保存|索取|催报|不要|应")


def test_every_code_has_a_remedy() -> None:
    lacking = [c.code for c in CATALOGUE.values()
               if not c.fix.strip() or not c.fix.endswith("。") or c.fix in (c.title, c.template) or not ACTION.search(c.fix)]
    assert lacking == []


def test_check_shows_each_findings_remedy() -> None:
    res = CliRunner().invoke(app, ["check", str(BAD / "totals-overwritten.xlsx")], terminal_width=200)
    assert res.exit_code == 1
    assert "怎么改" in res.output
    assert CATALOGUE["TOTAL-OVERWRITTEN"].fix[:6] in res.output  # the first words, on the first line of the column
    json_out = CliRunner().invoke(app, ["check", "--json", str(BAD / "totals-overwritten.xlsx")]).stdout
    assert f'"remedy": "{CATALOGUE["TOTAL-OVERWRITTEN"].fix}"' in json_out


def test_the_issues_sheet_has_a_remedy_column(tmp_path: Path) -> None:
    done = annotate_file(check_file(BAD / "totals-overwritten.xlsx"), tmp_path)
    assert done.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(done.output)
    ws = wb[ISSUES_SHEET]
    header = [c.value for c in ws[2]]
    col = header.index("怎么改") + 1
    assert ws.cell(3, col).value == CATALOGUE["TOTAL-OVERWRITTEN"].fix
    assert "怎么改：" in wb["表三"]["J6"].comment.text


def _wipe_labels(wb) -> None:  # type: ignore[no-untyped-def]
    for row in wb["表三"].iter_rows():
        for c in row:
            if isinstance(c.value, str) and type(c).__name__ != "MergedCell":
                c.value = None


def test_a_sheet_that_is_there_but_unreadable_is_not_called_missing(tmp_path: Path) -> None:
    wiped = check_file(_edited(tmp_path, R, _wipe_labels))
    assert [(f.code, f.sheet) for f in wiped.findings] == [("STRUCT-SHEET-DAMAGED", "表三")]
    assert "还在" in wiped.findings[0].message and "缺少" not in wiped.findings[0].message
    # the sheet's XML broken (a damaged download): said as damaged too
    data = build_workbook(R.layout, report=R)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            body = src.read(name)
            if name == "xl/worksheets/sheet4.xml":  # 表三, the fourth sheet of the template
                body = b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row>'
            z.writestr(name, body)
    p = tmp_path / "broken.xlsx"
    p.write_bytes(out.getvalue())
    broken = check_file(p)
    assert [(f.code, f.sheet) for f in broken.findings] == [("STRUCT-SHEET-DAMAGED", "表三")]
    assert "损坏" in broken.findings[0].message
