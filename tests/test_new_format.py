"""A new format version and a new province variant, defined here alone, through the whole chain.

The fictional "2026" format is the 2021 one with one more leaf row under （六）其他处理 in table 三; the
fictional province's variant of the 2021 format states the fee with 2 decimals. Each is one data
declaration plus one ``register`` line, as a real one would be; no module of nianbao changes for them.
Each goes: template -> filled by openpyxl -> check -> merge of three -> summary workbook read back ->
render -> import of the rendered text, with every total and rule right.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from nianbao.check.checkfile import check_file
from nianbao.demo.synth import random_report
from nianbao.form import f2021
from nianbao.form.common import INFO_FIELDS, TEXT_SECTIONS, shared_roles, table3, table4
from nianbao.form.model import Report
from nianbao.form.registry import LayoutError, UnknownLayout, format_for_year, get_layout, register, unregister
from nianbao.form.sheets import INFO_SHEET, TEXT_SHEET, info_cell, text_cell
from nianbao.form.spec import Kind, LayoutSpec, VariantSpec
from nianbao.merge.core import merge_files
from nianbao.merge.lastyear import check_against_last_year
from nianbao.merge.summary import write_summary
from nianbao.publish.importer import import_source
from nianbao.publish.render import render_report
from nianbao.template import write_workbook

NEW_ROW = "3.申请人主动撤回申请"


# -- the fictional format and variant: what a new data module would declare ------------------------
def build_2026() -> LayoutSpec:
    t3, r3 = table3(
        (
            "（六）其他处理",
            (
                ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                ("other.withdrawn", NEW_ROW),
                ("other.other", "4.其他"),
            ),
        )
    )
    t4, r4 = table4()
    t2 = f2021.build().table("t2")
    return LayoutSpec(
        format="2026", variant="national", name="2026年版格式（虚构）", document="虚构的格式通知",
        tables=(t2, t3, t4), rules=r3 + r4, info_fields=INFO_FIELDS, text_sections=TEXT_SECTIONS,
        template_version="1", first_year=2026, marks={"t3": ("主动撤回申请",)},
        roles={**shared_roles(), "rules": ("t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"),
               "fee": ("t2.fees.amount",), "fee_unpaid_total": ("t3.other.no_fee.total",),
               "issued": ("t2.rules.issued", "t2.normative.issued"),
               "repealed": ("t2.rules.repealed", "t2.normative.repealed"),
               "in_force": ("t2.rules.in_force", "t2.normative.in_force"),
               "previous_items": (), "item_change": ()},
    )


FEE2 = "本年收费金额（单位：万元，保留2位小数）"
PROVINCE = VariantSpec(name="mouprov", title="某省", label_overrides={f2021.FEE_HEADER: FEE2},
                       decimals={"t2.fees.amount": 2}, col_label_overrides={"t2.fees.amount": FEE2},
                       marks=("保留2位小数",))


@pytest.fixture
def new_format() -> Iterator[LayoutSpec]:
    register("2026", build_2026)
    try:
        yield get_layout("2026")
    finally:
        unregister("2026")


@pytest.fixture
def new_variant() -> Iterator[LayoutSpec]:
    register("2021", f2021.build, (*f2021.VARIANTS, PROVINCE))
    try:
        yield get_layout("2021", "mouprov")
    finally:
        register("2021", f2021.build, f2021.VARIANTS)


# -- the chain -------------------------------------------------------------------------------------
def fill_with_openpyxl(template: Path, report: Report, out: Path) -> Path:
    """What an office does: open the template, type the figures, the 基本信息 and the text, save."""
    wb = openpyxl.load_workbook(template)
    layout = report.layout
    for key, value in report.inputs.items():
        sheet, a1 = layout.a1(key)
        wb[sheet][a1] = float(value) if isinstance(value, Decimal) else value
    for key, value in report.info.items():
        wb[INFO_SHEET][info_cell(layout, key)] = int(value) if key == "year" else value
    for key, value in report.texts.items():
        wb[TEXT_SHEET][text_cell(layout, key)] = value
    wb.save(out)
    return out


def offices(layout: LayoutSpec, year: int) -> list[Report]:
    rng = random.Random(2026)
    out = []
    for i, name in enumerate(("县财政局", "县教育局", "城关镇人民政府")):
        r = random_report(layout, rng, office=name, category="乡镇人民政府" if i == 2 else "县直部门", year=year)
        inputs = dict(r.inputs)
        new_key = next((c.key for c in layout.inputs if c.row_label == NEW_ROW and c.col == 3), None)
        if new_key is not None:  # every office used the new row: one 自然人 application withdrawn
            inputs[new_key] = int(inputs[new_key]) + 1
            inputs["t3.new.natural_person"] = int(inputs["t3.new.natural_person"]) + 1
        texts = {s.key: f"{name}{s.heading}的情况。" for s in layout.text_sections}
        out.append(replace(r, inputs=inputs, texts=texts))
    return out


def run_chain(layout: LayoutSpec, year: int, tmp_path: Path) -> None:
    template = write_workbook(tmp_path / "模板.xlsx", layout, year=year)
    files = [fill_with_openpyxl(template, r, tmp_path / f"{r.office}.xlsx") for r in offices(layout, year)]
    wanted = offices(layout, year)

    # check: each file read back as filled, its totals recomputed, no finding but the openpyxl note, and
    # (a format made for a year not yet over, dated the year after) the findings that say so
    not_yet = {"INFO-YEAR-OPEN", "INFO-DATE-FUTURE"} if year >= dt.date.today().year else set()
    for path, report in zip(files, wanted, strict=True):
        got = check_file(path)
        assert {f.code for f in got.findings} <= not_yet, [f.message for f in got.findings]
        assert got.report is not None and got.report.layout.label == layout.label
        assert got.report.inputs == report.inputs
        assert got.report.values == layout.compute(report.inputs)

    # merge of three: the cell-wise sum, a summary of the same format, with no error
    merged = merge_files(files, name="示例县", jobs=2)
    assert [e.outcome for e in merged.entries] == ["计入汇总"] * 3
    assert merged.layout.label == layout.label
    assert not merged.has_errors, [f.message for f in merged.findings]
    total = {c.key: sum((r.inputs[c.key] for r in wanted), Decimal(0) if c.kind is Kind.AMOUNT else 0)
             for c in layout.inputs}
    assert dict(merged.report.inputs) == total
    summary = write_summary(tmp_path / "汇总.xlsx", merged)
    back = check_file(summary)
    assert back.report is not None and back.report.layout.label == layout.label
    assert back.report.values == merged.report.values
    assert not [f for f in back.findings if f.is_error]

    # render, then import the rendered text: the same format, variant and every figure
    for kind, fmt in (("markdown", "md"), ("html", "html")):
        text = render_report(merged.report, fmt).decode()
        imported = import_source(text, kind, file=f"汇总.{fmt}")
        assert imported.report is not None, [f.message for f in imported.findings]
        assert imported.report.layout.label == layout.label
        assert dict(imported.report.inputs) == total
        assert not [f for f in imported.findings if f.is_error], [f.message for f in imported.findings]

    cross_year(layout, year, wanted[0], tmp_path)


def cross_year(layout: LayoutSpec, year: int, report: Report, tmp_path: Path) -> None:
    """check --previous: an office's 现行有效件数 of 行政规范性文件 was 5 last year (a report of the format of
    that year) and is 50 now, with 1 issued and none repealed: X-INFORCE (5 + 1 − 0 ≠ 50) and P-COUNT-YEAR
    (ten times last year's) on that cell, as the 2021 format gives them."""
    before = get_layout(format_for_year(year - 1), layout.variant)
    key, issued, repealed = (layout.role(name)[-1] for name in ("in_force", "issued", "repealed"))
    assert before.role("in_force")[-1] == key
    last = Report(layout=before, inputs={**{k: report.inputs[k] for k in before.cells if k in report.inputs}, key: 5},
                  info={**report.info, "year": str(year - 1)})
    now = replace(report, inputs={**report.inputs, key: 50, issued: 1, repealed: 0})
    previous = fill_with_openpyxl(write_workbook(tmp_path / "上年模板.xlsx", before, year=year - 1), last,
                                  tmp_path / "上年.xlsx")
    current = fill_with_openpyxl(write_workbook(tmp_path / "本年模板.xlsx", layout, year=year), now,
                                 tmp_path / "本年.xlsx")
    (checked,), about_previous = check_against_last_year([check_file(current)], [previous], jobs=1)
    assert [f.code for f in about_previous] == ["MERGE-PREVIOUS-NO-TEXT"]  # last year's 正文 left empty
    sheet, cell = layout.a1(key)
    assert sorted((f.code, f.cell) for f in checked.findings if (f.sheet, f.cell) == (sheet, cell)) \
        == [("P-COUNT-YEAR", cell), ("X-INFORCE", cell)]


def test_a_new_format_goes_through_the_whole_chain(new_format: LayoutSpec, tmp_path: Path) -> None:
    assert format_for_year(2026) == "2026" and format_for_year(2025) == "2021"
    assert NEW_ROW in {c.row_label for c in new_format.table("t3").cells}
    run_chain(new_format, 2026, tmp_path)


def test_a_new_format_keeps_its_rules_in_the_new_row(new_format: LayoutSpec, tmp_path: Path) -> None:
    """The new row is a leaf of （七）总计: a figure typed there without its application is caught."""
    report = offices(new_format, 2026)[0]
    key = next(c.key for c in new_format.inputs if c.row_label == NEW_ROW and c.col == 3)
    wrong = replace(report, inputs={**report.inputs, key: int(report.inputs[key]) + 5})
    template = write_workbook(tmp_path / "模板.xlsx", new_format, year=2026)
    got = check_file(fill_with_openpyxl(template, wrong, tmp_path / "错.xlsx"))
    assert [(f.code, f.sheet) for f in got.findings if f.is_error][:1] == [("T3-BALANCE", "表三")]
    # a 2026 template refuses the years of the 2021 format, and a 2021 one the years of 2026
    wb = openpyxl.load_workbook(template)
    year_rule = next(dv for dv in wb[INFO_SHEET].data_validations.dataValidation
                     if info_cell(new_format, "year") in str(dv.sqref))
    assert (year_rule.formula1, year_rule.formula2) == ("2026", "2100")


def without(roles: tuple[str, ...], **more: tuple[str, ...]) -> Callable[[], LayoutSpec]:
    """build_2026 with ``roles`` left out and ``more`` roles set."""
    def build() -> LayoutSpec:
        layout = build_2026()
        return replace(layout, roles={**{k: v for k, v in layout.roles.items() if k not in roles}, **more})
    return build


@pytest.mark.parametrize(("build", "said"), [
    (without(("in_force", "issued", "repealed", "fee_unpaid_total")),
     "no cells named for roles issued, repealed, in_force, fee_unpaid_total"),
    (without((), in_force=("t2.rules.in_force", "t2.normative.inforce")),
     "role 'in_force' names the missing cell 't2.normative.inforce'"),
    (without((), in_froce=("t2.rules.in_force",)), "role 'in_froce' is not one of spec.ROLES"),
    (without((), new_total=()), "role 'new_total' names no cell"),
    (without((), repealed=("t2.rules.repealed",)), "roles issued, repealed, in_force are read side by side"),
    (lambda: replace(build_2026(), earlier={"2021": {"t3.other.withdrawn.totl": "t3.other.other.total"}}),
     "earlier format 2021: the missing cell 't3.other.withdrawn.totl'"),
])
def test_a_format_with_a_broken_role_is_refused_when_registered(build: Callable[[], LayoutSpec], said: str) -> None:
    with pytest.raises(LayoutError, match=re.escape(said)):
        register("2026", build)
    with pytest.raises(UnknownLayout):
        get_layout("2026")


@pytest.mark.parametrize(("variant", "said"), [
    (replace(PROVINCE, decimals={"t2.fee.amount": 2}), "decimals: the missing cell 't2.fee.amount'"),
    (replace(PROVINCE, decimals={"t2.rules.issued": 2}), "decimals: the cell 't2.rules.issued' is not an amount"),
    (replace(PROVINCE, col_label_overrides={"t2.fees.amout": FEE2}), "col_label_overrides: the missing cell"),
    (replace(PROVINCE, label_overrides={"本年收费金额（万元）": FEE2}), "the layout prints no label '本年收费金额（万元）'"),
])
def test_a_variant_naming_a_missing_cell_or_label_is_refused(variant: VariantSpec, said: str) -> None:
    with pytest.raises(LayoutError, match=re.escape(said)):
        register("2021", f2021.build, (*f2021.VARIANTS, variant))
    with pytest.raises(UnknownLayout):
        get_layout("2021", "mouprov")  # the 2021 format stays as it was
    assert get_layout("2021", "henan").cells["t2.fees.amount"].decimals == 4


def test_a_role_not_in_the_catalogue_is_a_bug_of_its_caller() -> None:
    with pytest.raises(KeyError, match="in_froce"):
        get_layout("2021").role("in_froce")


def test_a_new_variant_goes_through_the_whole_chain(new_variant: LayoutSpec, tmp_path: Path) -> None:
    assert new_variant.cells["t2.fees.amount"].decimals == 2
    run_chain(new_variant, 2025, tmp_path)


def test_a_new_variant_holds_its_decimals(new_variant: LayoutSpec, tmp_path: Path) -> None:
    report = offices(new_variant, 2025)[0]
    template = write_workbook(tmp_path / "模板.xlsx", new_variant, year=2025)
    three = replace(report, inputs={**report.inputs, "t2.fees.amount": Decimal("1.234")})
    got = check_file(fill_with_openpyxl(template, three, tmp_path / "三位.xlsx"))
    assert [(f.code, f.cell) for f in got.findings if f.is_error] == [("VALUE-FEE", new_variant.a1("t2.fees.amount")[1])]
    two = replace(report, inputs={**report.inputs, "t2.fees.amount": Decimal("1.23")})
    assert check_file(fill_with_openpyxl(template, two, tmp_path / "两位.xlsx")).status == "通过"
