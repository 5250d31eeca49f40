"""The template workbook, as openpyxl sees it: protection, unlocked cells, validation, formulas, labels,
merges, identity, personalisation, printing, and the ``nianbao template`` command."""

from __future__ import annotations

import csv
import html
import io
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from nianbao import __version__
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.findings import rule_name
from nianbao.form.model import Report
from nianbao.form.registry import all_layouts, get_layout
from nianbao.form.sheets import (
    CHECK_SHEET,
    GUIDE_SHEET,
    ID_KEYS,
    ID_SHEET,
    INFO_SHEET,
    TEXT_SHEET,
    info_cell,
    sheet_order,
    text_cell,
)
from nianbao.form.spec import Kind, LayoutSpec, from_a1, to_a1
from nianbao.template import build_workbook, check_rows, guide_lines, safe_filename, status_text
from nianbao.template.livechecks import value_checks

LAYOUTS = all_layouts()
IDS = [lay.label for lay in LAYOUTS]
runner = CliRunner()

_REF = re.compile(r"(?:'([^']+)'!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?")


def load(data: bytes, **kwargs) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kwargs)


def expand(ref: str) -> set[str]:
    """A1 addresses of a range such as ``B5:D5`` (or one cell)."""
    first, _, last = ref.partition(":")
    r0, c0 = from_a1(first.replace("$", ""))
    r1, c1 = from_a1(last.replace("$", "")) if last else (r0, c0)
    return {to_a1(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}


def formula_refs(formula: str, own_sheet: str) -> set[tuple[str, str]]:
    """(sheet, A1) of every cell a formula refers to."""
    out: set[tuple[str, str]] = set()
    for m in _REF.finditer(formula):
        sheet = m.group(1) or own_sheet
        ref = f"{m.group(2)}{m.group(3)}" + (f":{m.group(4)}{m.group(5)}" if m.group(4) else "")
        out |= {(sheet, a1) for a1 in expand(ref)}
    return out


def unlocked(ws: Worksheet) -> set[str]:
    return {
        c.coordinate
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 2, max_col=ws.max_column + 2)
        for c in row
        if not isinstance(c, MergedCell) and not c.protection.locked
    }


def validated(ws: Worksheet) -> dict[str, object]:
    """A1 -> the data validation covering it."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for a1 in expand(rng.coord):
                assert a1 not in out, f"{ws.title}!{a1} has two validations"
                out[a1] = dv
    return out


def inputs_by_sheet(layout: LayoutSpec) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {t.sheet: set() for t in layout.tables}
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        out[sheet].add(a1)
    return out


@pytest.fixture(scope="module", params=LAYOUTS, ids=IDS)
def layout(request) -> LayoutSpec:
    return request.param


@pytest.fixture(scope="module")
def blank(layout) -> openpyxl.Workbook:
    return load(build_workbook(layout))


@pytest.fixture(scope="module")
def filled(layout) -> tuple[Report, bytes]:
    report = random_report(layout, random.Random(7), office="示例县教育局")
    return report, build_workbook(layout, report=report)


# -- structure and protection --------------------------------------------------------------------


def test_sheets_in_order_and_identity_sheet_very_hidden(layout, blank):
    assert blank.sheetnames == [*sheet_order(layout), ID_SHEET]
    for name in sheet_order(layout):
        assert blank[name].sheet_state == "visible"
    ident = blank[ID_SHEET]
    assert ident.sheet_state == "veryHidden"
    marks = {ident.cell(i + 1, 1).value: ident.cell(i + 1, 2).value for i in range(len(ID_KEYS))}
    assert list(marks) == list(ID_KEYS)
    assert marks["magic"] == "nianbao"
    assert (marks["format"], marks["variant"]) == (layout.format, layout.variant)
    assert marks["template_version"] == layout.template_version
    assert marks["nianbao_version"] == __version__
    assert marks["level"] == "office"


def test_every_sheet_protected_and_structure_locked(blank):
    assert blank.security is not None and blank.security.lockStructure
    for ws in blank.worksheets:
        assert ws.protection.sheet, f"{ws.title} is not protected"


def test_exactly_the_input_cells_are_unlocked(layout, blank):
    expected = inputs_by_sheet(layout)
    expected[INFO_SHEET] = {info_cell(layout, f.key) for f in layout.info_fields}
    expected[TEXT_SHEET] = {text_cell(layout, s.key) for s in layout.text_sections}
    for ws in blank.worksheets:
        assert unlocked(ws) == expected.get(ws.title, set()), ws.title
    assert sum(len(v) for k, v in expected.items() if k in {t.sheet for t in layout.tables}) == len(layout.inputs)


def test_a_data_validation_on_every_input_cell_and_nowhere_else(layout, blank):
    for sheet, cells in inputs_by_sheet(layout).items():
        ws = blank[sheet]
        dvs = validated(ws)
        merged_children = {a1 for rng in ws.merged_cells.ranges for a1 in expand(rng.coord)} - cells
        assert set(dvs) - merged_children == cells, sheet
        for a1 in cells:
            dv = dvs[a1]
            assert dv.showErrorMessage and dv.showInputMessage
            assert re.search(r"[\u4e00-\u9fff]", dv.error) and re.search(r"[\u4e00-\u9fff]", dv.prompt)
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        dv = validated(blank[sheet])[a1]
        if spec.kind is Kind.COUNT:
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0"), spec.key
        elif spec.kind is Kind.SIGNED:
            assert dv.type == "whole" and dv.operator in (None, "between"), spec.key  # between: the default
            assert int(dv.formula1) < 0 < int(dv.formula2)
        elif spec.decimals is None:
            assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0"), spec.key
        else:
            assert dv.type == "custom"
            assert f"ROUND({a1},{spec.decimals})={a1}" in dv.formula1 and f"{a1}>=0" in dv.formula1


def test_input_cells_are_prefilled_with_zero_and_coloured(layout, blank):
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        cell = blank[sheet][a1]
        assert cell.value == 0, spec.key
        assert cell.fill.fgColor.rgb.endswith("FFF2CC"), spec.key


def test_every_total_is_the_sum_formula_of_its_rule(layout, blank):
    rules = layout.defining_rule
    for spec in layout.totals:
        sheet, a1 = layout.a1(spec.key)
        formula = blank[sheet][a1].value
        assert isinstance(formula, str) and formula.startswith("=SUM("), (spec.key, formula)
        assert formula_refs(formula, sheet) == {layout.a1(k) for k in rules[spec.key].addends}, spec.key
        assert blank[sheet][a1].protection.locked


def test_cached_values_are_the_reports_values(layout, filled):
    report, data = filled
    wb = load(data, data_only=True)
    for key, value in report.values.items():
        sheet, a1 = layout.a1(key)
        got = wb[sheet][a1].value
        if isinstance(value, Decimal):
            assert Decimal(str(got)) == value, key
        else:
            assert got == value, key


def test_filled_workbook_carries_info_and_texts():
    layout = get_layout("2021", "henan")
    report = Report(layout, inputs={"t2.fees.amount": Decimal("1.2345"), "t3.new.business": 1,
                                    "t3.disclosed.business": 1},
                    info={"office": "=HYPERLINK(\"x\")", "year": "2021", "county": "西平县"},
                    texts={"problems": "+无", "other": "本年度依申请公开收费为零。"})
    wb = load(build_workbook(layout, report=report))
    info = wb[INFO_SHEET]
    assert info[info_cell(layout, "office")].value == '=HYPERLINK("x")'
    assert info[info_cell(layout, "office")].data_type == "s"  # text typed by a user never becomes a formula
    assert info[info_cell(layout, "year")].value == 2021
    assert info[info_cell(layout, "county")].value == "西平县"
    assert wb[TEXT_SHEET][text_cell(layout, "problems")].value == "+无"
    assert wb[TEXT_SHEET][text_cell(layout, "other")].value == "本年度依申请公开收费为零。"
    sheet, a1 = layout.a1("t2.fees.amount")
    assert wb[sheet][a1].value == pytest.approx(1.2345)
    assert wb[sheet][a1].number_format == "0.0000"


# -- labels, merges, check sheet -------------------------------------------------------------------


def test_labels_and_merges_equal_the_layout(layout, blank):
    for table in layout.tables:
        ws = blank[table.sheet]
        expected_merges = set()
        r0, c0 = table.origin
        for row in range(r0):  # title and 填报单位 lines above the grid
            expected_merges.add(f"{to_a1(row, c0)}:{to_a1(row, c0 + table.n_cols - 1)}")
        for lb in table.labels:
            r, c = table.sheet_pos(lb.row, lb.col)
            assert ws.cell(r + 1, c + 1).value == lb.text
            if lb.merged:
                r1, c1 = table.sheet_pos(lb.last_row, lb.last_col)
                expected_merges.add(f"{to_a1(r, c)}:{to_a1(r1, c1)}")
        for spec in table.cells:
            if spec.last_col != spec.col:
                r, c = table.sheet_pos(spec.row, spec.col)
                expected_merges.add(f"{to_a1(r, c)}:{to_a1(r, table.origin[1] + spec.last_col)}")
        assert {rng.coord for rng in ws.merged_cells.ranges} == expected_merges, table.sheet
        assert ws.cell(1, c0 + 1).value == table.title


def test_henan_variant_header_and_four_decimals():
    henan, national = load(build_workbook(get_layout("2021", "henan"))), load(build_workbook(get_layout("2021")))
    labels = {c.value for row in henan["表二"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "本年收费金额（单位：万元，保留4位小数）" in labels
    assert "本年收费金额（单位：万元）" not in labels
    national_labels = {c.value for row in national["表二"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "本年收费金额（单位：万元）" in national_labels
    sheet, a1 = get_layout("2021", "henan").a1("t2.fees.amount")
    assert henan[sheet][a1].number_format == "0.0000"
    assert "4 位小数" in validated(henan[sheet])[a1].error
    assert validated(national[sheet])[a1].type == "decimal"


def test_check_sheet_lists_every_rule_with_live_formulas(layout, blank):
    ws = blank[CHECK_SHEET]
    rows = check_rows(layout)
    assert len(rows) == len(layout.rules)
    assert [ws.cell(4 + i, 1).value for i in range(len(rows))] == [rule_name(code) for code, *_ in rows]
    assert sorted(ws.cell(4 + i, 1).value for i in range(len(rows))) == sorted(rule_name(r.code) for r in layout.rules)
    for i, (_code, _where, left, right) in enumerate(rows):
        assert ws.cell(4 + i, 3).value == f"={left}"
        assert ws.cell(4 + i, 4).value == f"={right}"
        assert ws.cell(4 + i, 5).value.startswith("=IF(")
    assert ws["B1"].value.startswith("=IF(AND(") and "COUNTIF(" in ws["B1"].value  # 尚未填写, then the count
    t3 = layout.table("t3")
    status = blank[t3.sheet].cell(t3.origin[0] + 2, t3.origin[1] + t3.n_cols + 2)
    assert status.value == f"='{CHECK_SHEET}'!$B$1"


def test_check_sheet_cached_results_show_a_broken_balance():
    layout = get_layout("2021")
    ok = random_report(layout, random.Random(3))
    broken_inputs = dict(ok.inputs)
    broken_inputs["t3.new.natural_person"] = int(broken_inputs["t3.new.natural_person"]) + 5
    broken = Report(layout, inputs=broken_inputs, info=ok.info)
    n = len(layout.rules) + len(value_checks(layout, {}))  # the rules, and the input cells of 表二, 表三, 表四
    good_wb = load(build_workbook(layout, report=ok), data_only=True)
    assert good_wb[CHECK_SHEET]["B1"].value == f"✔ 全部 {n} 项校验通过" == status_text(n, 0)
    wb = load(build_workbook(layout, report=broken), data_only=True)
    ws = wb[CHECK_SHEET]
    assert ws["B1"].value == "✘ 有 1 项校验未通过，见“校验”表中的红色行" == status_text(n, 1)  # 第一列; 总计 not again
    # the cached text is the one the formula gives (a program that does not recalculate shows the same)
    assert 'IF(COUNTIF(' in load(build_workbook(layout))[CHECK_SHEET]["B1"].value
    assert "见“校验”表中的红色行" in load(build_workbook(layout))[CHECK_SHEET]["B1"].value
    failed = [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 5).value) for r in range(4, 4 + n)
              if ws.cell(r, 5).value != "通过"]
    assert [f[0] for f in failed] == [rule_name("T3-BALANCE")] * 2
    assert "自然人" in failed[0][1] and "相差 5" in failed[0][2]
    assert "总计" in failed[1][1] and failed[1][2] == "不通过（由上面某一列不平衡引起，不另计）"
    t3 = layout.table("t3")
    assert wb[t3.sheet].cell(t3.origin[0] + 2, t3.origin[1] + t3.n_cols + 2).value == ws["B1"].value


# -- personalisation -------------------------------------------------------------------------------


def test_office_is_filled_locked_and_printed_in_the_footer():
    layout = get_layout("2021")
    wb = load(build_workbook(layout, office="西平县柏城街道办事处", category="街道办事处", year=2021))
    info = wb[INFO_SHEET]
    cell = info[info_cell(layout, "office")]
    assert cell.value == "西平县柏城街道办事处"
    assert cell.protection.locked
    assert info_cell(layout, "office") not in validated(info)
    assert info[info_cell(layout, "category")].value == "街道办事处"
    assert info[info_cell(layout, "year")].value == 2021
    assert unlocked(info) == {info_cell(layout, f.key) for f in layout.info_fields if f.key != "office"}
    for table in layout.tables:
        assert "西平县柏城街道办事处" in wb[table.sheet].oddFooter.left.text


# -- printing --------------------------------------------------------------------------------------


def test_print_setup(layout, blank):
    for table in layout.tables:
        ws = blank[table.sheet]
        assert ws.page_setup.paperSize == 9, table.sheet  # A4
        assert ws.page_setup.orientation == ("landscape" if table.sheet in ("表三", "表四") else "portrait")
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)  # None: the default, 1
        footer = ws.oddFooter.center.text
        assert "&P" in footer and "&N" in footer
        r0, c0 = table.origin
        area = f"'{table.sheet}'!${to_a1(0, c0)[0]}$1:${to_a1(0, c0 + table.n_cols - 1)[0]}${r0 + table.n_rows}"
        assert ws.print_area == area
        fonts = {ws.cell(r0 + lb.row + 1, c0 + lb.col + 1).font.name for lb in table.labels}
        assert fonts == {"宋体"}
    assert blank["表三"].page_setup.fitToHeight in (None, 1)


# -- the command -----------------------------------------------------------------------------------


def test_cli_template_writes_a_template(tmp_path):
    out = tmp_path / "模板.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out), "--year", "2020"])
    assert result.exit_code == 0, result.output
    assert "已生成模板" in result.output
    wb = openpyxl.load_workbook(out)
    layout = get_layout("2019")
    assert wb[ID_SHEET]["B2"].value == "2019"
    assert wb[INFO_SHEET][info_cell(layout, "year")].value == 2020


def test_cli_template_henan_with_office(tmp_path):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out), "--year", "2021", "--variant", "henan",
                                 "--office", "柏城街道办事处", "--category", "街道办事处"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    layout = get_layout("2021", "henan")
    cell = wb[INFO_SHEET][info_cell(layout, "office")]
    assert (cell.value, cell.protection.locked) == ("柏城街道办事处", True)
    assert wb[ID_SHEET]["B3"].value == "henan"


ROSTER = [("县政府办公室", "县级人民政府本级"), ("县教育局", "县直部门"), ("城关镇人民政府", "乡镇人民政府"),
          ("东湖街道办事处", "街道办事处"), ("县 自然资源局", "")]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_cli_roster_writes_one_workbook_per_office(tmp_path, kind):
    roster = tmp_path / f"名单.{kind}"
    if kind == "csv":
        with roster.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([("单位名称", "单位类别"), *ROSTER])
    else:
        wb = openpyxl.Workbook()
        for row in [("单位名称", "单位类别"), *ROSTER]:
            wb.active.append(row)
        wb.save(roster)
    out = tmp_path / "out"
    result = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(out), "--year", "2025"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{name}-2025年报.xlsx" for name, _ in ROSTER)
    layout = get_layout("2021")
    for name, category in ROSTER:
        wb = openpyxl.load_workbook(out / f"{name}-2025年报.xlsx")
        info = wb[INFO_SHEET]
        assert info[info_cell(layout, "office")].value == name  # exactly as in the roster
        assert info[info_cell(layout, "office")].protection.locked
        assert (info[info_cell(layout, "category")].value or "") == category


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("名称,类别\n县教育局,县直部门\n", "找不到“单位名称”列"),
        ("单位名称,单位类别\n县教育局,县直部门\n县教育局,县直部门\n", "出现了不止一次"),
        ("单位名称,单位类别\n县教育局,教育口\n", "不在可选范围内"),
        # every category outside the choices at once (a reviewer fixed ten rows one import at a time)
        ("单位名称,单位类别\n县教育局,教育口\n城关镇,乡镇（街道）\n县财政局,县直部门\n",
         "有2个单位的单位类别不在可选范围内（可选：县级人民政府本级、县直部门、乡镇人民政府、街道办事处、其他），"
         "请改正后重新导入：“县教育局”填的是“教育口”；“城关镇”填的是“乡镇（街道）”"),
    ],
)
def test_cli_bad_roster_is_a_chinese_error_and_exit_2(tmp_path, content, message):
    roster = tmp_path / "名单.csv"
    roster.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "错误" in result.output and message in _plain(result.output)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["template"], "请用-o指定输出文件"),
        (["template", "--roster", "名单.csv"], "请用--out指定输出目录"),
        (["template", "-o", "x.xlsx", "--variant", "guangdong"], "没有“guangdong”这种格式变体"),
        (["template", "--roster", "没有这个文件.csv", "--out", "o"], "不存在"),
        (["template", "-o", "x.xlsx", "--category", "教育口"], "单位类别“教育口”不在可选范围内"),
        (["template", "-o", "x.xlsx", "--year", "2018"], "报告年度2018不在2019—2100之间"),
        (["template", "-o", "模板"], "应以.xlsx结尾"),
        (["template", "-o", "模板.xls"], "应以.xlsx结尾"),
    ],
)
def test_cli_cannot_run_exits_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in _plain(result.output)
    assert list(Path(tmp_path).iterdir()) == []


def test_cli_output_that_is_a_folder_exits_2(tmp_path):
    (tmp_path / "模板.xlsx").mkdir()
    result = runner.invoke(app, ["template", "-o", str(tmp_path / "模板.xlsx")])
    assert result.exit_code == 2
    assert "是一个目录" in _plain(result.output)


# -- what a clerk sees before anything recalculates ---------------------------------------------------


def test_office_line_above_each_table_names_the_office_without_recalculation(layout):
    named = load(build_workbook(layout, office="县教育局"), data_only=True)
    blank_values = load(build_workbook(layout), data_only=True)
    formulas = load(build_workbook(layout))
    for table in layout.tables:
        assert named[table.sheet]["A2"].value == "填报单位：县教育局"
        assert blank_values[table.sheet]["A2"].value == "填报单位："
        assert formulas[table.sheet]["A2"].value == f"=\"填报单位：\"&'{INFO_SHEET}'!$B$2"
    assert info_cell(layout, "office") == "B2"


def test_typed_text_stays_text(layout, blank):
    """基本信息 (but 报告年度) and 正文 cells are text-formatted: a phone number, a date, or a text starting
    with "-" or "=" stays what the clerk typed."""
    info = blank[INFO_SHEET]
    for fld in layout.info_fields:
        want = "General" if fld.key == "year" else "@"
        assert info[info_cell(layout, fld.key)].number_format == want, fld.key
    for sec in layout.text_sections:
        assert blank[TEXT_SHEET][text_cell(layout, sec.key)].number_format == "@", sec.key


def test_amount_hints_ask_for_wan_yuan_everywhere():
    """Every amount is asked for in 万元, the 2019 采购总金额 too: its official header states no unit and
    reports mix 元 and 万元 (FORMAT.md), so the template's prompt asks for 万元 (and the reader warns on
    a figure that looks like 元) while the label stays as the form prints it (issue 10, item 12)."""
    for layout in LAYOUTS:
        wb = load(build_workbook(layout))
        for spec in layout.inputs:
            if spec.kind is not Kind.AMOUNT:
                continue
            sheet, a1 = layout.a1(spec.key)
            dv = validated(wb[sheet])[a1]
            assert "单位：万元" in dv.prompt, (layout.label, spec.key, dv.prompt)
            assert "万元" in dv.error, (layout.label, spec.key, dv.error)
    assert "万元" not in get_layout("2019").cells["t2.procurement.amount"].col_label  # FORMAT.md: no unit


def test_guide_speaks_of_the_cells_of_its_format(layout, blank):
    ws = blank[GUIDE_SHEET]
    lines = [ws.cell(r, 1).value or "" for r in range(2, ws.max_row + 1)]
    while lines and not lines[-1]:
        lines.pop()
    assert lines == guide_lines(layout)
    text = "\n".join(lines)
    assert layout.document in text
    assert ("本年增/减" in text) == (layout.format == "2019")
    assert ("本年收费金额" in text) == (layout.format == "2021")
    assert ("最多保留 4 位小数" in text) == (layout.variant == "henan")


def test_every_cell_of_the_official_tables_has_a_border_and_a_song_font(layout, blank):
    for table in layout.tables:
        ws = blank[table.sheet]
        r0, c0 = table.origin
        # openpyxl keeps a merged range's border on its outer edges only
        outer: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    outer[(r, c)] = (rng.min_row, rng.max_row, rng.min_col, rng.max_col)
        for r in range(r0 + 1, r0 + table.n_rows + 1):
            for c in range(c0 + 1, c0 + table.n_cols + 1):
                cell = ws.cell(r, c)
                top, bottom, left, right = outer.get((r, c), (r, r, c, c))
                sides = [(cell.border.top, r == top), (cell.border.bottom, r == bottom),
                         (cell.border.left, c == left), (cell.border.right, c == right)]
                assert all(side.style == "thin" for side, edge in sides if edge), (table.sheet, cell.coordinate)
                if not isinstance(cell, MergedCell):  # a merged range's font is its first cell's
                    assert cell.font.name == "宋体", (table.sheet, cell.coordinate)
        title = ws.cell(1, c0 + 1)
        assert title.font.name == "宋体" and title.font.b and title.font.sz >= 14


# -- formula injection and awkward names -----------------------------------------------------------

NASTY = ["=1+1", '=HYPERLINK("http://example.com","点我")', "+86 县局", "-县局", "@SUM(A1)", "县局&人社局"]


@pytest.mark.parametrize("name", NASTY, ids=[f"nasty{i}" for i in range(len(NASTY))])
def test_cli_office_is_written_as_text(tmp_path, name):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out), "--year", "2025", "--office", name])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    cell = wb[INFO_SHEET][info_cell(get_layout("2021"), "office")]
    assert (cell.value, cell.data_type, cell.protection.locked) == (name, "s", True)
    with zipfile.ZipFile(out) as zf:  # openpyxl misparses a footer holding '"'
        footers = re.findall(r"<oddFooter>([^<]*)</oddFooter>", zf.read("xl/worksheets/sheet4.xml").decode())
    assert footers and html.unescape(footers[0]).startswith(f'&L&"宋体"&9{name.replace("&", "&&")}&C')


def test_roster_names_are_written_as_text(tmp_path):
    roster = tmp_path / "名单.csv"
    with roster.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([("单位名称", "单位类别"), *((n, "其他") for n in NASTY)])
    out = tmp_path / "out"
    result = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(out), "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert len(list(out.iterdir())) == len(NASTY)
    for name in NASTY:
        wb = openpyxl.load_workbook(out / f"{safe_filename(name)}-2025年报.xlsx")
        cell = wb[INFO_SHEET][info_cell(get_layout("2021"), "office")]
        assert (cell.value, cell.data_type) == (name, "s")


def test_roster_names_that_would_share_a_file_are_refused(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别\n县委/县政府办公室,县直部门\n县委_县政府办公室,其他\n", encoding="utf-8")
    result = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "生成的文件名相同" in _plain(result.output) and "县委/县政府办公室" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_messages_with_brackets_are_not_markup(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别\n[b]县局,县直单位\n", encoding="utf-8")
    result = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "[b]县局" in result.output


def test_cli_never_overwrites_without_force(tmp_path):
    """The folder templates go to may hold the reports the offices sent back: never replace one silently."""
    out = tmp_path / "年报模板.xlsx"
    assert runner.invoke(app, ["template", "-o", str(out)]).exit_code == 0
    out.write_bytes(b"a filled report")
    res = runner.invoke(app, ["template", "-o", str(out)])
    assert res.exit_code == 2 and "--force" in res.output and out.read_bytes() == b"a filled report"
    assert runner.invoke(app, ["template", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes() != b"a filled report"

    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别\n县教育局,县直部门\n县民政局,县直部门\n", encoding="utf-8")
    folder = tmp_path / "各单位"
    folder.mkdir()
    returned = folder / "县教育局-2025年报.xlsx"
    returned.write_bytes(b"the office's filled report")
    res = runner.invoke(app, ["template", "--roster", str(roster), "--out", str(folder), "--year", "2025"])
    assert res.exit_code == 2 and "县教育局-2025年报.xlsx" in res.output.replace("\n", "")
    assert returned.read_bytes() == b"the office's filled report" and not (folder / "县民政局-2025年报.xlsx").exists()


def test_roster_with_a_title_row_above_the_column_names(tmp_path):
    roster = tmp_path / "名单.xlsx"
    wb = openpyxl.Workbook()
    for row in [("示例县政府信息公开年度报告报送名单", None), ("单位名称", "单位类别"), *ROSTER]:
        wb.active.append(row)
    wb.save(roster)
    from nianbao.read.roster import read_roster

    assert [(e.name, e.category) for e in read_roster(roster)] == list(ROSTER)


def test_template_error_shows_brackets_in_names_literally(tmp_path: Path) -> None:
    # a name in brackets is the clerk's, not markup: shown as typed, without escape backslashes
    res = CliRunner().invoke(app, ["template", "-o", str(tmp_path / "报告[b].txt")])
    assert res.exit_code == 2
    out = res.output.replace("\n", "")
    assert "报告[b].txt 应以 .xlsx 结尾" in out and "\\[" not in out


def test_blank_template_says_not_yet_filled_not_all_passed():
    """As written (the cached results a program that does not recalculate shows): 尚未填写, on 校验 and beside 表三."""
    from nianbao.template.livechecks import UNFILLED

    layout = get_layout("2021")
    wb = load(build_workbook(layout, office="县教育局", year=2025), data_only=True)
    assert wb[CHECK_SHEET]["B1"].value == UNFILLED
    t3 = layout.table("t3")
    assert wb[t3.sheet].cell(t3.origin[0] + 2, t3.origin[1] + t3.n_cols + 2).value == UNFILLED


def test_the_guide_gives_every_amounts_unit() -> None:
    """The 2019 采购总金额's official label states no unit; the 填报说明 says 万元 (issue 10 item 12)."""
    for layout in all_layouts():
        for c in layout.inputs:
            if c.kind is Kind.AMOUNT:
                (line,) = [g for g in guide_lines(layout) if f"“{c.col_label}”" in g and "数字" in g]
                assert "万元" in line, (layout.label, line)


def test_a_text_of_the_catalogue_becomes_the_formula_that_computes_it() -> None:
    """The 校验 sheet's formulas say what its cached results say: a text's literal parts quoted (an ASCII
    quote doubled, as a formula's string wants it), each field the expression given for it."""
    from nianbao.template.style import formula_text

    assert formula_text('有 {n} 个"文字"', n="C4") == '"有 "&C4&" 个""文字"""'
    assert formula_text("{office}", office="'基本信息'!$B$2") == "'基本信息'!$B$2"
    assert formula_text("通过") == '"通过"'
