"""The committed samples: regenerating them gives the same data, and they are what they claim to be."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from nianbao.check.rules import check_rules
from nianbao.demo import (
    BAICHENG_SAMPLE,
    BROKEN_KEY,
    BROKEN_OFFICE,
    COUNTY,
    COUNTY_OFFICES,
    COUNTY_YEAR,
    sample_filename,
)
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import ID_SHEET, INFO_SHEET, TEXT_SHEET, info_cell, text_cell
from nianbao.form.spec import Kind, LayoutSpec, Number, from_a1

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_samples = _load_script()


def cell_values(path: Path) -> dict[tuple[str, str], object]:
    """Every non-empty cell of every sheet (formulas as written), except the generating version mark."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and not (ws.title == ID_SHEET and ws.cell(c.row, 1).value == "nianbao_version"):
                    out[(ws.title, c.coordinate)] = c.value
    return out


def read_report(path: Path, layout: LayoutSpec) -> Report:
    """Inputs, stated totals and 基本信息 read with openpyxl (cached values)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    inputs: dict[str, Number] = {}
    stated: dict[str, Number] = {}
    for spec in layout.inputs:
        sheet, a1 = layout.a1(spec.key)
        v = wb[sheet][a1].value
        inputs[spec.key] = Decimal(str(v)) if spec.kind is Kind.AMOUNT else v
    for spec in layout.totals:
        sheet, a1 = layout.a1(spec.key)
        stated[spec.key] = wb[sheet][a1].value
    info = {f.key: str(wb[INFO_SHEET][info_cell(layout, f.key)].value or "") for f in layout.info_fields}
    texts = {s.key: wb[TEXT_SHEET][text_cell(layout, s.key)].value or "" for s in layout.text_sections}
    return Report(layout, inputs=inputs, stated=stated, info=info, texts=texts)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    make_samples.make_samples(out)
    return out


def nianbao_made() -> list[Path]:
    return [SAMPLES / BAICHENG_SAMPLE, *sorted((SAMPLES / COUNTY).glob("*.xlsx"))]


def test_samples_exist():
    assert [p.name for p in nianbao_made()][1:] == sorted(sample_filename(o, COUNTY_YEAR) for o, _c, _s in COUNTY_OFFICES)
    assert all(p.exists() for p in nianbao_made())


@pytest.mark.parametrize("path", nianbao_made(), ids=[f"sample{i}" for i in range(len(nianbao_made()))])
def test_regenerating_gives_the_same_data(regenerated, path):
    again = regenerated / path.relative_to(SAMPLES)
    assert cell_values(again) == cell_values(path)


def test_baicheng_sample_is_the_real_report():
    layout = get_layout("2021", "henan")
    report = read_report(SAMPLES / BAICHENG_SAMPLE, layout)
    wb = openpyxl.load_workbook(SAMPLES / BAICHENG_SAMPLE)
    assert (wb[ID_SHEET]["B2"].value, wb[ID_SHEET]["B3"].value) == ("2021", "henan")
    assert (report.office, report.info["category"], report.info["county"], report.year) == (
        "柏城街道办事处", "街道办事处", "西平县", 2021)
    assert wb[INFO_SHEET][info_cell(layout, "office")].protection.locked
    assert set(report.values.values()) == {0}
    assert check_rules(report) == []
    reference = (Path(__file__).parent / "data" / "reference" / "baicheng-2021.txt").read_text(encoding="utf-8")
    for section in layout.text_sections:
        text = report.texts[section.key]
        if section.part == "六" and section.is_sub:  # the real report's 六 is one sentence, without its items
            assert text == "", section.key
            continue
        assert text and text.splitlines()[0] in reference, section.key
    # each sub-item of 一 starts with the real report's own sub-heading, which the document prints
    assert report.texts["overview.active"].startswith("(一)主动公开政府信息的情况\n全年共主动公开政府信息116条")
    assert report.texts["overview.request"] == ("(二)依申请公开政府办理情况\n"
                                                "本街道办事处2021年没有受理政府信息申请情况、没有“不予公开”的政府信息情况。")
    assert report.texts["other"] == "本年度依申请公开收费为零。"
    assert "第二十条" not in "".join(report.texts.values())  # no table text leaked into the narrative


@pytest.mark.parametrize(("office", "category"), [(o, c) for o, c, _s in COUNTY_OFFICES],
                         ids=[f"office{i}" for i in range(len(COUNTY_OFFICES))])
def test_county_samples_are_consistent_except_the_broken_one(office, category):
    layout = get_layout("2021")
    report = read_report(SAMPLES / COUNTY / sample_filename(office, COUNTY_YEAR), layout)
    assert (report.office, report.info["category"], report.info["county"], report.year) == (
        office, category, COUNTY, COUNTY_YEAR)
    assert report.values["t3.new.total"] > 0
    assert sum(v for k, v in report.values.items() if k.startswith("t2.")) > 0
    assert report.stated == {k: report.values[k] for k in report.stated}  # cached totals are right
    findings = [(f.code, f.cell) for f in check_rules(report)]
    if office == BROKEN_OFFICE:
        column = BROKEN_KEY.rsplit(".", 1)[1]  # its column no longer balances (the 总计 column with it: said once)
        assert findings == [("T3-BALANCE", layout.a1(f"t3.new.{column}")[1])]
    else:
        assert findings == []
    assert f"全年共受理政府信息公开申请 {report.values['t3.new.total']} 件" in report.texts["overview.request"]


def _calamine_inputs(path: Path, layout: LayoutSpec) -> dict[str, object]:
    wb = CalamineWorkbook.from_path(str(path))
    sheets = {t.sheet: wb.get_sheet_by_name(t.sheet).to_python() for t in layout.tables}
    out = {}
    for spec in layout.cells.values():
        sheet, a1 = layout.a1(spec.key)
        r, c = from_a1(a1)
        out[spec.key] = sheets[sheet][r][c]
    return out


@pytest.mark.parametrize(("office", "fmt"), [("县教育局", "xlsx"), ("东湖街道办事处", "ods"), ("城关镇人民政府", "xls")],
                         ids=["xlsx", "ods", "xls"])
def test_libreoffice_saved_copies_hold_the_same_figures(office, fmt):
    layout = get_layout("2021")
    saved = SAMPLES / f"{COUNTY}-LibreOffice" / f"{Path(sample_filename(office, COUNTY_YEAR)).stem}.{fmt}"
    assert saved.exists()
    source = read_report(SAMPLES / COUNTY / sample_filename(office, COUNTY_YEAR), layout)
    got = _calamine_inputs(saved, layout)
    for key, value in source.values.items():
        assert got[key] == pytest.approx(float(value)), key


def test_demo_writes_templates_and_samples_and_says_so(tmp_path):
    from typer.testing import CliRunner

    from nianbao.cli.app import app
    from nianbao.template import RELEASED

    out = tmp_path / "演示"
    result = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    expected = [out / "模板" / name for _f, _v, name in RELEASED]
    expected += [out / COUNTY / sample_filename(o, COUNTY_YEAR) for o, _c, _s in COUNTY_OFFICES]
    expected += [out / "真实年报示例" / BAICHENG_SAMPLE]
    expected += [out / f"{COUNTY}{COUNTY_YEAR}年度汇总.xlsx"]  # the merge step
    expected += [out / "退回修改" / f"{BROKEN_OFFICE}-{COUNTY_YEAR}年报（问题标注）.xlsx"]  # check --annotate
    expected += [out / "发布稿" / f"县教育局{COUNTY_YEAR}年政府信息公开工作年度报告.docx"]  # render
    expected += [out / "重新提交" / sample_filename(BROKEN_OFFICE, COUNTY_YEAR), out / "nianbao.sqlite3"]  # inbox
    assert sorted(p for p in out.rglob("*") if p.is_file()) == sorted(expected)
    for path in expected:
        if path.parent.name != COUNTY:
            assert str(path) in result.output
    assert str(out / COUNTY) in result.output and BROKEN_OFFICE in result.output
    # the check step names the broken cell and says what is wrong, in Chinese
    assert "表三!D6" in result.output and "一 + 二 = " in result.output
    assert cell_values(out / COUNTY / sample_filename(BROKEN_OFFICE, COUNTY_YEAR)) == cell_values(
        SAMPLES / COUNTY / sample_filename(BROKEN_OFFICE, COUNTY_YEAR))
    # the inbox step: six offices received, the wrong one sent back and resent, its change listed
    from nianbao.inbox import Inbox

    with Inbox.open(out / "nianbao.sqlite3") as inbox:
        states = {s.name: s.state for s in inbox.status()}
        assert states == {o: "已确认" if o == BROKEN_OFFICE else "已提交·通过" for o, _c, _s in COUNTY_OFFICES}
        assert [v.number for v in inbox.history(BROKEN_OFFICE)] == [1, 2]
        assert [e.action for e in inbox.log(BROKEN_OFFICE)] == ["收到", "退回", "收到", "重新打开", "确认"]
    assert "改动：表三｜一、本年新收政府信息公开申请数量｜自然人" in result.output
    # and ends by saying how to open the web page on that inbox
    assert f"nianbao serve --db {out / 'nianbao.sqlite3'}" in result.output.replace("\n", "")
