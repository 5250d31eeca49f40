"""The workbook an office fills in, written from the layout data with XlsxWriter.

``build_workbook`` gives the bytes of a locked template (optionally personalised with an office name,
or filled with a ``Report``'s values, which is how samples and benchmarks are made). Totals are formulas
written with their computed value as cached result, so every reader sees the number at once.
``make_templates`` is ``nianbao template`` as a library call: it checks the options (refusing with a Chinese
message, ``TemplateRefused``) and writes one template, or one per roster office.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from nianbao.files import OutputExists, write_bytes_atomic
from nianbao.form.common import OFFICE_CATEGORIES
from nianbao.form.model import Report
from nianbao.form.registry import (
    LAST_YEAR,
    NATIONAL,
    UnknownLayout,
    format_for_year,
    formats,
    get_layout,
    variants,
    years,
)
from nianbao.form.sheets import (
    CHECK_SHEET,
    FIRST_FIELD_ROW,
    GUIDE_SHEET,
    ID_CELL_CHARS,
    ID_KEYS,
    ID_MAGIC,
    ID_SHEET,
    ID_WITH_ERRORS,
    INFO_SHEET,
    LEVEL_OFFICE,
    TEXT_SHEET,
    VALUE_COL,
    info_cell,
)
from nianbao.form.spec import BalanceRule, CellSpec, Kind, LayoutSpec, Number, SumRule, TableSpec, sum_ranges, to_a1
from nianbao.read.roster import RosterEntry, RosterError
from nianbao.template import livechecks
from nianbao.version import __version__

FONT = "宋体"
INPUT_FILL = "#FFF2CC"  # pale yellow: cells the office fills in
TOTAL_FILL = "#E7E6E6"  # grey: computed, locked
OK_FILL, BAD_FILL = "#C6EFCE", "#FFC7CE"
OK_FONT, BAD_FONT = "#006100", "#9C0006"
OK_TEXT = "通过"
CREATED = _dt.datetime(2021, 9, 26)  # fixed, so that generating twice gives the same file

GUIDE_HEAD = "政府信息公开工作年度报告 填报说明"


def guide_lines(layout: LayoutSpec) -> list[str]:
    """The lines of the 填报说明 sheet under its heading; what it says about numbers follows the layout."""
    numbers = [
        "  件数只能填写 0 或正整数，不要填写小数、负数、空格或“件”“无”“/”等文字。",
        "  填报单元格已预先填好 0：本年度没有发生的事项保持 0 即可。例如全年没有收到政府信息公开申请，表三全部保持 0。",
    ]
    if any(c.kind is Kind.SIGNED for c in layout.inputs):
        labels = "、".join(dict.fromkeys(f"“{c.col_label}”" for c in layout.inputs if c.kind is Kind.SIGNED))
        numbers.append(f"  {labels}填写整数：增加的填正数，减少的填负数（如 -3），没有变化的填 0。")
    for c in layout.inputs:
        if c.kind is Kind.AMOUNT:
            places = f"，最多保留 {c.decimals} 位小数" if c.decimals is not None else ""
            numbers.append(f"  “{c.col_label}”填写不小于 0 的数字{places}，没有的填 0。")
    return [
        f"格式版本：{layout.name}（{layout.document}）",
        "",
        "一、哪些单元格需要填写",
        "  浅黄色单元格是填报单元格，其余单元格（表头、总计、校验结果）已锁定，不能也不需要修改。",
        "  灰色单元格是总计，由公式自动计算。",
        "  先在“基本信息”表填写单位名称、单位类别、报告年度、填报人、联系电话、填报日期。",
        "  然后依次填写“表二”“表三”“表四”，最后在“正文”表填写报告的文字部分。",
        "",
        "二、怎样填写数字",
        *numbers,
        "",
        "三、勾稽关系（校验规则）",
        "  T3-BALANCE：表三每一列，一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。",
        "  T3-ROWTOTAL：表三每一行，总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（公式自动计算）。",
        "  T3-RESULTTOTAL：表三每一列，（七）总计 = （一）至（六）各小项之和（公式自动计算）。",
        "  T4-TOTAL：表四每一栏，总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（公式自动计算）。",
        "  “校验”表实时显示每条规则是否满足：绿色为通过，红色为不通过并列出两边的数字。表三右侧也显示总体校验状态。",
        "  县级及以下单位（县直部门、乡镇、街道）一般没有制定规章，表二“规章”一行通常为 0。",
        "",
        "四、区分处理怎么计",
        "  同一申请中部分信息公开、部分信息不公开（区分处理）的，只计入“（二）部分公开”，不再计入其他情形。",
        "  每件申请在“三、本年度办理结果”中只计一次；年底尚未办结的计入“四、结转下年度继续办理”。",
        "",
        "五、提交",
        "  请不要增删工作表、行或列，不要复制到新的工作簿中填写。填好后保存为 .xlsx 文件提交。",
    ]


#: the overall status of the live checks (校验!B1, shown again beside 表三): all passed / some failed
STATUS_OK = "✔ 全部 {n} 项校验通过"
STATUS_BAD = ("✘ 有 ", " 项校验未通过，见“校验”表中的红色行")


def status_text(n_rules: int, n_failed: int) -> str:
    """The overall status as the 校验 sheet's formula computes it."""
    return STATUS_OK.format(n=n_rules) if n_failed == 0 else f"{STATUS_BAD[0]}{n_failed}{STATUS_BAD[1]}"


CHECK_HEADER = ("规则", "位置", "左边", "右边", "结果")


@dataclass
class _Formats:
    title: Format
    subtitle: Format
    label: Format
    label_left: Format
    count: Format
    signed: Format
    amount: dict[int | None, Format]
    total: Format
    text: Format
    text_label: Format
    info_value: Format
    info_year: Format
    info_locked: Format
    guide: Format
    guide_head: Format
    header: Format
    plain: Format
    number: Format
    status: Format


class _ByDecimals(dict[int | None, Format]):
    """Amount formats by number of decimals: the usual ones made at once (in a fixed order, so that a
    template is the same file every time), any other a variant asks for made when first needed."""

    def __init__(self, make: Callable[[int | None], Format], usual: Sequence[int | None]) -> None:
        super().__init__((d, make(d)) for d in usual)
        self._make = make

    def __missing__(self, decimals: int | None) -> Format:
        self[decimals] = made = self._make(decimals)
        return made


def _formats(wb: xlsxwriter.Workbook) -> _Formats:
    base: dict[str, Any] = {"font_name": FONT, "font_size": 10}
    border = {**base, "border": 1, "valign": "vcenter", "text_wrap": True}
    inp = {**border, "bg_color": INPUT_FILL, "locked": False, "align": "center"}

    def amount(decimals: int | None) -> Format:
        num = "0.00##" if decimals is None else ("0." + "0" * decimals if decimals else "0")
        return wb.add_format({**inp, "num_format": num})

    return _Formats(
        title=wb.add_format({**base, "font_size": 14, "bold": True, "align": "center", "valign": "vcenter"}),
        subtitle=wb.add_format({**base, "align": "left"}),
        label=wb.add_format({**border, "align": "center"}),
        label_left=wb.add_format({**border, "align": "left", "indent": 1}),
        count=wb.add_format({**inp, "num_format": "0"}),
        signed=wb.add_format({**inp, "num_format": "+0;-0;0"}),
        amount=_ByDecimals(amount, (None, 4)),
        total=wb.add_format({**border, "bg_color": TOTAL_FILL, "align": "center", "num_format": "0", "bold": True}),
        text=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "valign": "top", "align": "left",
                            "num_format": "@"}),
        text_label=wb.add_format({**border, "bold": True, "align": "left", "valign": "top"}),
        info_value=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "align": "left",
                                  "num_format": "@"}),
        info_year=wb.add_format({**border, "bg_color": INPUT_FILL, "locked": False, "align": "left"}),
        info_locked=wb.add_format({**border, "align": "left"}),
        guide=wb.add_format({**base, "font_size": 11, "text_wrap": True, "valign": "top"}),
        guide_head=wb.add_format({**base, "font_size": 14, "bold": True}),
        header=wb.add_format({**border, "bold": True, "align": "center", "bg_color": "#D9E1F2"}),
        plain=wb.add_format({**border, "align": "left"}),
        number=wb.add_format({**border, "align": "center"}),
        status=wb.add_format({**base, "bold": True, "font_size": 12, "text_wrap": True, "valign": "vcenter"}),
    )


def _ref(sheet: str, a1: str) -> str:
    return f"'{sheet}'!{a1}"


def _abs(a1: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", a1)
    assert m
    return f"${m.group(1)}${m.group(2)}"


def _fmt_value(v: Number) -> int | float:
    """A cached number for XlsxWriter (which writes floats); Decimal amounts keep their digits."""
    return int(v) if not isinstance(v, Decimal) else float(v)


def _sum_formula(layout: LayoutSpec, keys: tuple[str, ...], *, same_sheet: str | None = None) -> str:
    """``SUM`` of data cells, compressed into ranges; sheet-qualified unless all on ``same_sheet``."""
    by_sheet: dict[str, list[tuple[int, int]]] = {}
    for k in keys:
        spec = layout.cells[k]
        t = layout.table(spec.table)
        by_sheet.setdefault(t.sheet, []).append(t.sheet_pos(spec.row, spec.col))
    parts = []
    for sheet, cells in by_sheet.items():
        for rng in sum_ranges(cells):
            parts.append(rng if sheet == same_sheet else _ref(sheet, rng))
    return "SUM(" + ",".join(parts) + ")"


def _cell_ref(layout: LayoutSpec, key: str) -> str:
    sheet, a1 = layout.a1(key)
    return _ref(sheet, a1)


def build_workbook(
    layout: LayoutSpec,
    *,
    report: Report | None = None,
    office: str | None = None,
    category: str | None = None,
    county: str | None = None,
    year: int | None = None,
    level: str = LEVEL_OFFICE,
    included: tuple[str, ...] = (),
    input_formulas: Mapping[str, str] | None = None,
    blank_inputs: Collection[str] = (),
    with_errors: tuple[str, ...] = (),
    extend: Callable[[xlsxwriter.Workbook], None] | None = None,
) -> bytes:
    """The bytes of a template workbook for ``layout``.

    ``office``/``category``/``county`` personalise it (单位名称 and 所属县 filled and locked, so that a
    report cannot come back as another county's); ``report`` fills every input
    cell, 基本信息 and 正文 with that report's data (samples, benchmarks, summaries).
    ``input_formulas`` writes a formula (key -> "=...") instead of a number in some input cells, with the
    report's value as cached result (a summary's cells refer to its detail sheet); ``blank_inputs`` leaves
    those input cells empty instead of 0 (figures an imported page did not have: reading the workbook then
    says they were not filled in, rather than taking a 0 nobody wrote); ``extend`` adds
    sheets of its own after the standard ones (before the hidden identity sheet); ``with_errors`` (a
    summary) names the offices whose reports had errors when summed, so that a summary read back, and
    every summary made from it, still says so.
    """
    info: dict[str, str] = dict(report.info) if report else {}
    if office:
        info["office"] = office
    if category:
        info["category"] = category
    if county:
        info["county"] = county
    if year is not None:
        info["year"] = str(year)
    values: Mapping[str, Number] = report.values if report else layout.compute({})
    texts = dict(report.texts) if report else {}

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    wb.set_properties({"title": "政府信息公开工作年度报告", "subject": layout.name, "author": "nianbao",
                       "created": CREATED, "comments": f"nianbao {__version__}"})
    for key, value in _identity(layout, level, included, with_errors).items():
        if len(value) <= 255:  # Excel's limit for a custom property; the identity sheet holds it all
            wb.set_custom_property(f"nianbao_{key}", value)
    f = _formats(wb)
    footer_office = info.get("office", "")

    _write_guide(wb, f, layout, level, included)
    locked = {"office"} if office or level != LEVEL_OFFICE else set()
    _write_info(wb, f, layout, info, locked=locked | ({"county"} if county else set()), footer_office=footer_office)
    for table in layout.tables:
        _write_table(wb, f, layout, table, values, footer_office, input_formulas or {}, frozenset(blank_inputs),
                     _status_text(layout, values, info, texts))
    _write_texts(wb, f, layout, texts, footer_office)
    _write_checks(wb, f, layout, values, info, texts, footer_office)
    if extend is not None:
        extend(wb)
    _write_identity(wb, f, layout, level, included, with_errors)
    wb.get_worksheet_by_name(INFO_SHEET).activate()
    wb.close()
    return _lock_structure(buf.getvalue())


def write_workbook(path: Path, layout: LayoutSpec, *, force: bool = True, **options: Any) -> Path:
    """Write ``build_workbook(layout, **options)`` to ``path`` atomically."""
    return write_bytes_atomic(Path(path), build_workbook(layout, **options), force=force)


def _identity(layout: LayoutSpec, level: str, included: tuple[str, ...],
              with_errors: tuple[str, ...] = ()) -> dict[str, str]:
    values = {
        "magic": ID_MAGIC,
        "format": layout.format,
        "variant": layout.variant,
        "template_version": layout.template_version,
        "nianbao_version": __version__,
        "level": level,
        "included": "\n".join(included),
    }
    assert tuple(values) == ID_KEYS
    if with_errors:  # only in summaries that summed reports with errors: templates stay as they are
        values[ID_WITH_ERRORS] = "\n".join(with_errors)
    return values


def _protect(ws: Worksheet) -> None:
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
                    "format_rows": True})


def _print_setup(ws: Worksheet, *, landscape: bool, footer_office: str, one_page: bool = False,
                 center: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    if center:
        ws.center_horizontally()
    left = footer_office.replace("&", "&&") if footer_office else "政府信息公开工作年度报告"
    ws.set_footer(f"&L&\"{FONT}\"&9{left}&C&\"{FONT}\"&9第 &P 页，共 &N 页")


def _display_width(text: str) -> int:
    """Width of ``text`` in Excel column units (a CJK character is two)."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def summary_guide_lines(layout: LayoutSpec, included: tuple[str, ...]) -> list[str]:
    """The 填报说明 sheet of a summary: what it is and how to use it (an office's filling instructions
    would mislead here)."""
    rules = guide_lines(layout)
    start = rules.index("三、勾稽关系（校验规则）")
    end = rules.index("", start)
    return [
        f"格式版本：{layout.name}（{layout.document}）",
        "",
        "一、这是汇总表",
        f"  本工作簿由 nianbao 汇总 {len(included)} 个单位的年度报告生成（单位名单见“状态”表和“明细”表）。",
        "  表二、表三、表四中的每个数字都是公式，等于“明细”表中各单位该项数字之和，可以逐项追溯到单位。",
        "  “状态”表列出每个单位的提交情况，“文件”表列出每个输入文件及处理结果，“问题”表列出全部问题，"
        "“图表”表是主要数字的图表。",
        "  请不要手工修改表格中的数字；单位报告有误的，请退回单位改正后重新汇总。",
        "  “正文”表（一、总体情况，五、存在的主要问题及改进情况，六、其他需要报告的事项）由汇总单位自行填写。",
        "",
        "二、逐级汇总",
        "  汇总表本身也是一份合格的年报：可以用 nianbao check 检查，也可以与其他汇总表一起用 nianbao merge 再汇总"
        "（如市汇总各县的汇总表），结果与直接汇总全部单位相同。",
        "",
        *rules[start:end],
    ]


def _write_guide(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, level: str = LEVEL_OFFICE,
                 included: tuple[str, ...] = ()) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    width = 80
    ws.set_column(0, 0, width)
    ws.write_string(0, 0, GUIDE_HEAD if level == LEVEL_OFFICE else "政府信息公开工作年度报告 汇总表说明", f.guide_head)
    ws.set_row(0, 24)
    lines = guide_lines(layout) if level == LEVEL_OFFICE else summary_guide_lines(layout, included)
    for i, line in enumerate(lines, start=1):
        ws.write_string(i, 0, line, f.guide)
        wrapped = -(-_display_width(line) * 10 // (width * 11)) or 1  # about 1.1 half-width characters per unit
        ws.set_row(i, 16 * wrapped)
    _protect(ws)
    _print_setup(ws, landscape=False, footer_office="", one_page=True, center=False)
    ws.print_area(0, 0, len(lines), 0)


def _write_info(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, info: Mapping[str, str],
                *, locked: Collection[str], footer_office: str) -> None:
    """基本信息: a row per field; the fields in ``locked`` that have a value are filled and locked."""
    ws = wb.add_worksheet(INFO_SHEET)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 46)
    ws.write_row(0, 0, ("项目", "填写内容", "说明"), f.header)
    year_range = years(layout.format)
    for i, fld in enumerate(layout.info_fields):
        r = FIRST_FIELD_ROW + i
        label = fld.label + ("（必填）" if fld.required else "")
        ws.write_string(r, 0, label, f.label_left)
        lock = fld.key in locked and bool(info.get(fld.key))
        fmt = f.info_locked if lock else (f.info_year if fld.key == "year" else f.info_value)
        value = info.get(fld.key, "")
        if fld.key == "year" and value.isdigit():
            ws.write_number(r, VALUE_COL, int(value), fmt)
        else:
            ws.write_string(r, VALUE_COL, value, fmt)
        ws.write_string(r, 2, "已锁定，与名单一致" if lock else fld.hint, f.label_left)
        if lock:
            continue
        if fld.choices:
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "list", "source": list(fld.choices), "input_title": fld.label,
                "input_message": "请从下拉列表中选择", "error_type": "warning", "error_title": "单位类别",
                "error_message": "请选择：" + "、".join(OFFICE_CATEGORIES)})
        elif fld.key == "year":
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "integer", "criteria": "between", "minimum": year_range[0], "maximum": year_range[1],
                "input_title": "报告年度", "input_message": f"本模板适用于 {year_range[0]}—{year_range[1]} 年度的报告",
                "error_title": "报告年度有误",
                "error_message": f"本模板（{layout.name}）适用于 {year_range[0]} 年至 {year_range[1]} 年度的报告。"})
        elif fld.key == "office":
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, {
                "validate": "length", "criteria": "between", "minimum": 2, "maximum": 60,
                "input_title": "单位名称", "input_message": "填写单位全称，与县里名单一致",
                "error_title": "单位名称", "error_message": "请填写单位全称（2 至 60 个字）。"})
    ws.set_row(0, 22)
    for i in range(len(layout.info_fields)):
        ws.set_row(FIRST_FIELD_ROW + i, 24)
    _protect(ws)
    _print_setup(ws, landscape=False, footer_office=footer_office)


def _validation(spec: CellSpec) -> dict[str, Any]:
    where = spec.where
    if spec.kind is Kind.COUNT:
        return {"validate": "integer", "criteria": ">=", "value": 0, "input_title": "填写件数",
                "input_message": f"{where[:60]}\n填写 0 或正整数", "error_title": "件数有误",
                "error_message": "件数只能是 0 或正整数（不要填写小数、负数或文字）。"}
    if spec.kind is Kind.SIGNED:
        return {"validate": "integer", "criteria": "between", "minimum": -10**9, "maximum": 10**9,
                "input_title": "填写增减数", "input_message": f"{where[:60]}\n整数，减少填负数，如 -3",
                "error_title": "增减数有误", "error_message": "请填写整数，增加填正数，减少填负数。"}
    unit = "单位：万元"  # every amount of the form, the 2019 采购总金额 too (its label states no unit)
    places = f"最多保留 {spec.decimals} 位小数" if spec.decimals is not None else ""
    hint = "，".join(x for x in (unit, "不小于 0", places) if x)
    alert = "，".join(x for x in (unit, places) if x)
    dv: dict[str, Any] = {"validate": "decimal", "criteria": ">=", "value": 0}
    if spec.decimals is not None:  # whole value checked by a formula (written by _write_table)
        dv = {"validate": "custom", "value": ""}
    return {**dv, "input_title": "填写金额", "input_message": hint, "error_title": "金额有误",
            "error_message": f"请填写不小于 0 的金额{f'（{alert}）' if alert else ''}。"}


def _write_table(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, table: TableSpec,
                 values: Mapping[str, Number], office: str, input_formulas: Mapping[str, str],
                 blank: frozenset[str], status: str = "") -> None:
    ws = wb.add_worksheet(table.sheet)
    r0, c0 = table.origin
    last_col = c0 + table.n_cols - 1
    _write_table_heading(ws, f, layout, table, office)
    _write_labels(ws, f, table)
    rules = layout.defining_rule
    for spec in table.cells:
        value = values[spec.key]
        if spec.is_input:
            _write_input(ws, f, table, spec, value, input_formulas, blank)
        else:
            r, c = table.sheet_pos(spec.row, spec.col)
            formula = "=" + _sum_formula(layout, rules[spec.key].addends, same_sheet=table.sheet)
            ws.write_formula(r, c, formula, f.total, _fmt_value(value))
    if table.key != "t3":
        for i in range(table.n_rows):
            ws.set_row(r0 + i, 22)
    else:
        _size_t3_rows(ws, table)
        _write_status_cell(ws, f, table, status)
    _protect(ws)
    _print_setup(ws, landscape=table.landscape, footer_office=office, one_page=True)
    ws.print_area(0, c0, r0 + table.n_rows - 1, last_col)
    ws.repeat_rows(r0, r0 + (2 if table.key != "t2" else 0))


def _write_table_heading(ws: Worksheet, f: _Formats, layout: LayoutSpec, table: TableSpec, office: str) -> None:
    """Column widths, the table's title and the 填报单位 line above it."""
    c0 = table.origin[1]
    for i, width in enumerate(table.col_widths):
        ws.set_column(c0 + i, c0 + i, width)
    last_col = c0 + table.n_cols - 1
    ws.merge_range(0, c0, 0, last_col, table.title, f.title)
    ws.set_row(0, 26)
    ws.merge_range(1, c0, 1, last_col, "", f.subtitle)
    office_ref = _ref(INFO_SHEET, _abs(info_cell(layout, "office")))
    # the cached result names the office already: programs that do not recalculate on load show it too
    ws.write_formula(1, c0, f'="填报单位："&{office_ref}', f.subtitle, f"填报单位：{office}")


def _write_labels(ws: Worksheet, f: _Formats, table: TableSpec) -> None:
    """The table's row and column labels, merged where they span several cells."""
    r0, c0 = table.origin
    for lb in table.labels:
        # table 三's row labels read left-aligned, except the group labels standing in column B alone
        leaf = table.key == "t3" and lb.col in (1, 2) and lb.row >= 3 and not (lb.col == 1 and lb.last_col == 1)
        fmt = f.label_left if leaf else f.label
        if lb.merged:
            ws.merge_range(r0 + lb.row, c0 + lb.col, r0 + lb.last_row, c0 + lb.last_col, lb.text, fmt)
        else:
            ws.write_string(r0 + lb.row, c0 + lb.col, lb.text, fmt)


def _input_format(f: _Formats, spec: CellSpec) -> Format:
    return {Kind.COUNT: f.count, Kind.SIGNED: f.signed}.get(spec.kind) or f.amount[spec.decimals]


def _write_input(ws: Worksheet, f: _Formats, table: TableSpec, spec: CellSpec, value: Number,
                 input_formulas: Mapping[str, str], blank: frozenset[str]) -> None:
    """One input cell: its number (or formula, or nothing), its format and its data validation."""
    r, c = table.sheet_pos(spec.row, spec.col)
    last = table.origin[1] + spec.last_col
    fmt = _input_format(f, spec)
    if spec.last_col != spec.col:
        ws.merge_range(r, c, r, last, "", fmt)
    if spec.key in input_formulas:
        ws.write_formula(r, c, input_formulas[spec.key], fmt, _fmt_value(value))
    elif spec.key in blank:
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_number(r, c, _fmt_value(value), fmt)
    ws.data_validation(r, c, r, last, _cell_validation(spec, r, c))


def _cell_validation(spec: CellSpec, r: int, c: int) -> dict[str, Any]:
    """``_validation(spec)`` for the cell at (r, c): a custom rule gets its formula over that cell."""
    dv = _validation(spec)
    if dv["validate"] == "custom":
        a1 = to_a1(r, c)
        # IF, not AND: AND evaluates ROUND on text too and gives #VALUE! instead of FALSE
        dv["value"] = f"=IF(ISNUMBER({a1}),AND({a1}>=0,ROUND({a1},{spec.decimals})={a1}))"
    return dv


def _size_t3_rows(ws: Worksheet, table: TableSpec) -> None:
    """Table 三's rows: taller where a row label is long enough to wrap."""
    r0 = table.origin[0]
    for i in range(table.n_rows):
        lb_len = max((len(lb.text) for lb in table.labels if lb.row == i and lb.col in (1, 2)), default=0)
        ws.set_row(r0 + i, 30 if lb_len > 20 else 18)


def _write_status_cell(ws: Worksheet, f: _Formats, table: TableSpec, status: str) -> None:
    """The overall status of the live checks, next to the table (校验!B1 shown again)."""
    r0, c0 = table.origin
    status_col = c0 + table.n_cols - 1 + 2
    ws.set_column(status_col, status_col, 34)
    ws.write_string(r0, status_col, "校验状态（详见“校验”表）", f.header)
    ws.write_formula(r0 + 1, status_col, f"={_ref(CHECK_SHEET, '$B$1')}", f.status, status)
    ws.set_row(r0 + 1, 48)


def _write_texts(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, texts: Mapping[str, str],
                 footer_office: str) -> None:
    ws = wb.add_worksheet(TEXT_SHEET)
    width = 90
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, width)
    ws.write_row(0, 0, ("部分", "内容（可直接粘贴文字，单元格内换行按 Alt+Enter）"), f.header)
    for i, sec in enumerate(layout.text_sections):
        r = FIRST_FIELD_ROW + i
        heading = sec.heading if sec.part != "一" else f"一、总体情况\n{sec.heading}"
        ws.write_string(r, 0, heading, f.text_label)
        text = texts.get(sec.key, "")
        ws.write_string(r, VALUE_COL, text, f.text)
        lines = sum(-(-_display_width(line) * 10 // (width * 11)) or 1 for line in text.splitlines())
        ws.set_row(r, min(max(120, 15 * lines), 409))  # 409 points: the tallest row Excel allows
    _protect(ws)
    _print_setup(ws, landscape=False, footer_office=footer_office)


def check_rows(layout: LayoutSpec) -> list[tuple[str, str, str, str]]:
    """The rows of the 校验 sheet: (rule code, where, left formula, right formula), in order."""
    rows: list[tuple[str, str, str, str]] = []
    for rule in layout.rules:
        if isinstance(rule, BalanceRule):
            left = "+".join(_cell_ref(layout, k) for k in rule.left)
            right = "+".join(_cell_ref(layout, k) for k in rule.right)
            rows.append((rule.code, f"表三 {rule.label}：{rule.left_text} 与 {rule.right_text}", left, right))
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            sheet = layout.table(layout.cells[rule.target].table).sheet
            rows.append((rule.code, f"{sheet} {rule.label}", _cell_ref(layout, rule.target),
                         _sum_formula(layout, rule.addends)))
    return rows


def _rule_values(layout: LayoutSpec, values: Mapping[str, Number]) -> list[tuple[Number, Number]]:
    out: list[tuple[Number, Number]] = []
    for rule in layout.rules:
        if isinstance(rule, BalanceRule):
            out.append((sum(values[k] for k in rule.left), sum(values[k] for k in rule.right)))
    for rule in layout.rules:
        if isinstance(rule, SumRule):
            out.append((values[rule.target], sum(values[k] for k in rule.addends)))
    return out


def _status_text(layout: LayoutSpec, values: Mapping[str, Number], info: Mapping[str, str],
                 texts: Mapping[str, str]) -> str:
    if livechecks.untouched(values, layout, info, texts):
        return livechecks.UNFILLED
    results = _rule_values(layout, values) + [(v.cached, 0) for v in livechecks.value_checks(layout, values)]
    return status_text(len(results), sum(1 for a, b in results if a != b))


def _write_checks(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, values: Mapping[str, Number],
                  info: Mapping[str, str], texts: Mapping[str, str], footer_office: str) -> None:
    ws = wb.add_worksheet(CHECK_SHEET)
    ok = wb.add_format({"bg_color": OK_FILL, "font_color": OK_FONT})
    bad = wb.add_format({"bg_color": BAD_FILL, "font_color": BAD_FONT})
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 56)
    ws.set_column(2, 3, 10)
    ws.set_column(4, 4, 40)
    rows = check_rows(layout)
    results = _rule_values(layout, values)
    value_rows = livechecks.value_checks(layout, values)
    first, last = 3, 3 + len(rows) + len(value_rows) - 1
    n = len(rows) + len(value_rows)
    ws.write_string(0, 0, "总体状态", f.header)
    result_rng = f"$E${first + 1}:$E${last + 1}"
    ws.write_formula(
        0, 1,
        f'=IF({livechecks.untouched_formula(layout, value_rows)},"{livechecks.UNFILLED}",'
        f'IF(COUNTIF({result_rng},"{OK_TEXT}")={n},"{STATUS_OK.format(n=n)}",'
        f'"{STATUS_BAD[0]}"&({n}-COUNTIF({result_rng},"{OK_TEXT}"))&"{STATUS_BAD[1]}"))',
        f.status, _status_text(layout, values, info, texts))
    ws.set_row(0, 30)
    ws.write_string(1, 0, "说明", f.plain)
    ws.write_string(1, 1, "本表由公式实时计算，不需要填写。左边、右边两数相等即为通过。", f.plain)
    ws.write_row(2, 0, CHECK_HEADER, f.header)
    for i, ((code, where, left, right), (lv, rv)) in enumerate(zip(rows, results, strict=True)):
        r = first + i
        ws.write_string(r, 0, code, f.plain)
        ws.write_string(r, 1, where, f.plain)
        ws.write_formula(r, 2, f"={left}", f.number, _fmt_value(lv))
        ws.write_formula(r, 3, f"={right}", f.number, _fmt_value(rv))
        c, d = to_a1(r, 2), to_a1(r, 3)
        diff = lv - rv
        cached = OK_TEXT if diff == 0 else f"不通过：左边 {lv}，右边 {rv}，相差 {abs(diff)}"
        ws.write_formula(r, 4, f'=IF({c}={d},"{OK_TEXT}","不通过：左边 "&{c}&"，右边 "&{d}&"，相差 "&ABS({c}-{d}))',
                         f.plain, cached)
    _write_value_rows(ws, f, first + len(rows), value_rows)
    ws.conditional_format(first, 4, last, 4, {"type": "cell", "criteria": "==", "value": f'"{OK_TEXT}"',
                                               "format": ok})
    ws.conditional_format(first, 4, last, 4, {"type": "cell", "criteria": "!=", "value": f'"{OK_TEXT}"',
                                               "format": bad})
    ws.conditional_format(0, 1, 0, 1, {"type": "formula", "criteria": '=LEFT($B$1,1)="✔"', "format": ok})
    ws.conditional_format(0, 1, 0, 1, {"type": "formula", "criteria": '=LEFT($B$1,1)="✘"', "format": bad})
    # the 表三 status cell uses the same colours
    t3 = wb.get_worksheet_by_name(layout.table("t3").sheet)
    if t3 is not None:
        r0, c0 = layout.table("t3").origin
        col = c0 + layout.table("t3").n_cols - 1 + 2
        a1 = to_a1(r0 + 1, col)
        t3.conditional_format(r0 + 1, col, r0 + 1, col,
                              {"type": "formula", "criteria": f'=LEFT({a1},1)="✔"', "format": ok})
        t3.conditional_format(r0 + 1, col, r0 + 1, col,
                              {"type": "formula", "criteria": f'=LEFT({a1},1)="✘"', "format": bad})
    ws.freeze_panes(3, 0)
    _protect(ws)
    _print_setup(ws, landscape=True, footer_office=footer_office)
    ws.repeat_rows(2)


def _write_value_rows(ws: Worksheet, f: _Formats, first: int, checks: list[livechecks.ValueCheck]) -> None:
    """The 校验 rows of the input cells themselves (text, negatives, fractions), from sheet row ``first``."""
    for i, check in enumerate(checks, start=first):
        ws.write_string(i, 0, livechecks.VALUE_CODE, f.plain)
        ws.write_string(i, 1, check.where, f.plain)
        ws.write_formula(i, 2, f"={check.bad_formula}", f.number, check.cached)
        ws.write_number(i, 3, 0, f.number)
        ws.write_formula(i, 4, "=" + livechecks.bad_text(to_a1(i, 2)), f.plain, livechecks.bad_cached(check.cached))


def _write_identity(wb: xlsxwriter.Workbook, f: _Formats, layout: LayoutSpec, level: str,
                    included: tuple[str, ...], with_errors: tuple[str, ...] = ()) -> None:
    ws = wb.add_worksheet(ID_SHEET)
    for i, (key, value) in enumerate(_identity(layout, level, included, with_errors).items()):
        ws.write_string(i, 0, key)
        # a cell holds at most 32,767 characters (XlsxWriter cuts longer strings silently): a long list
        # of offices continues in the cells to the right, split between lines
        for j, chunk in enumerate(_chunks(value, ID_CELL_CHARS)):
            ws.write_string(i, 1 + j, chunk)
    ws.very_hidden()
    _protect(ws)


def _chunks(value: str, limit: int) -> list[str]:
    """``value`` cut into pieces of at most ``limit`` characters, between lines where it has lines."""
    out: list[str] = []
    current = ""
    for line in value.split("\n"):
        while len(line) > limit:  # one line longer than a cell (never for an office name)
            out.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            out.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    out.append(current)
    return out


_PROTECTION = b'<workbookProtection lockStructure="1"/>'


def _lock_structure(xlsx: bytes) -> bytes:
    """Add workbook structure protection (XlsxWriter cannot): no adding, deleting or renaming sheets."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"(<workbookPr[^>]*/>)", lambda m: m.group(1) + _PROTECTION, data, count=1)
                assert _PROTECTION in data
            dst.writestr(item, data)
    return out.getvalue()


#: The released templates kept in ``workbook_templates/``: (format, variant, file name). Their 报告年度 is
#: left blank, so they do not change with the calendar.
RELEASED: tuple[tuple[str, str, str], ...] = (
    ("2021", "national", "年报模板-2021年版.xlsx"),
    ("2021", "henan", "年报模板-2021年版-河南.xlsx"),
    ("2019", "national", "年报模板-2019年版.xlsx"),
)


def write_released_templates(out_dir: Path) -> list[Path]:
    """Write the released templates (``RELEASED``) into ``out_dir``."""
    return [write_workbook(Path(out_dir) / name, get_layout(fmt, variant)) for fmt, variant, name in RELEASED]


def default_year(today: _dt.date | None = None) -> int:
    """The report year being prepared: reports on year Y are filled from late Y into January Y+1."""
    today = today or _dt.date.today()
    return today.year if today.month >= 11 else today.year - 1


def safe_filename(name: str) -> str:
    """An office name usable as a file name on Windows and Linux."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "未命名单位"


def write_roster_workbooks(out_dir: Path, layout: LayoutSpec, entries: Sequence[RosterEntry], *,
                           year: int, force: bool = False, county: str | None = None) -> list[Path]:
    """One personalised template per roster entry, named after the office (and ``county``, the roster's
    county, filled and locked as 所属县).

    Raises ``RosterError`` before writing anything when two offices would get the same file name
    (names that differ only in characters a file name cannot hold, or in letter case on Windows), and
    ``OutputExists`` (naming them all) when files of those names exist and ``force`` is not given: the
    folder may hold the offices' returned reports.
    """
    out_dir = Path(out_dir)
    names: dict[str, str] = {}
    for e in entries:
        filename = f"{safe_filename(e.name)}-{year}年报.xlsx"
        other = names.setdefault(filename.casefold(), e.name)
        if other != e.name:
            raise RosterError(f"名单中“{other}”和“{e.name}”生成的文件名相同（{filename}），"
                              "一个会覆盖另一个。请在名单中把两个名称区分开（文件名中不能有 \\ / : * ? \" < > | 等字符）。")
    targets = [out_dir / f"{safe_filename(e.name)}-{year}年报.xlsx" for e in entries]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputExists("、".join(str(t) for t in existing))
    return [write_workbook(t, layout, office=e.name, category=e.category or None, county=county, year=year)
            for t, e in zip(targets, entries, strict=True)]


# == nianbao template as a library call ===============================================================
class TemplateRefused(ValueError):
    """A template cannot be made or written: the message says why, in Chinese."""


@dataclass(frozen=True)
class TemplateRun:
    """What ``make_templates`` wrote: one template, or (``per_office``) one per roster office."""

    layout: LayoutSpec
    year: int
    written: list[Path]
    per_office: bool = False


def template_layout(year: int | None, variant: str = NATIONAL) -> tuple[int, LayoutSpec]:
    """The report year (``default_year()`` when not given) and the layout of its template, or
    ``TemplateRefused`` for a year before the first national format (or after ``LAST_YEAR``) or an
    unknown variant."""
    the_year = year if year is not None else default_year()
    first, last = years(formats()[-1])[0], LAST_YEAR  # the first national format's first year
    if not first <= the_year <= last:
        raise TemplateRefused(f"报告年度 {the_year} 不在 {first}—{last} 之间（{first} 年起才有统一的年报格式）。")
    fmt = format_for_year(the_year)
    try:
        return the_year, get_layout(fmt, variant)
    except UnknownLayout:
        known = "、".join((NATIONAL, *variants(fmt)))
        raise TemplateRefused(f"没有“{variant}”这种格式变体（{fmt} 年版可用：{known}）。") from None


def make_templates(*, out: Path | None = None, year: int | None = None, variant: str = NATIONAL,
                   office: str | None = None, category: str | None = None, roster: Path | None = None,
                   out_dir: Path | None = None, force: bool = False, county: str | None = None) -> TemplateRun:
    """``nianbao template``: one template at ``out`` (personalised with ``office``/``category``), or with
    ``roster`` one per office into ``out_dir``. Checks the options first and refuses with a Chinese
    message (``TemplateRefused``), also when a file exists (without ``force``) or cannot be written.
    ``county`` fills and locks 所属县 (of every roster office's template)."""
    the_year, layout = template_layout(year, variant)
    county = (county or "").strip() or None
    if category and category.strip() not in OFFICE_CATEGORIES:
        raise TemplateRefused(f"单位类别“{category}”不在可选范围内：{'、'.join(OFFICE_CATEGORIES)}。")
    if roster is not None:
        written = _roster_templates(roster, out_dir, layout, year=the_year, force=force, county=county)
        return TemplateRun(layout, the_year, written, per_office=True)
    path = _one_template(out, layout, office=office, category=category, county=county, year=the_year, force=force)
    return TemplateRun(layout, the_year, [path])


def _roster_templates(roster: Path, out_dir: Path | None, layout: LayoutSpec, *, year: int,
                      force: bool, county: str | None = None) -> list[Path]:
    if out_dir is None:
        raise TemplateRefused("使用 --roster 时请用 --out 指定输出目录。")
    from nianbao.read.roster import read_roster  # pandas: imported only when a roster is read

    try:
        return write_roster_workbooks(out_dir, layout, read_roster(roster), year=year, force=force, county=county)
    except RosterError as exc:
        raise TemplateRefused(str(exc)) from None
    except OutputExists as exc:
        raise TemplateRefused(f"这些文件已存在，没有生成任何模板：{exc}。它们可能是单位交回的报告；"
                              "请换一个输出目录，或确认要覆盖时加 --force。") from None
    except OSError as exc:
        raise TemplateRefused(f"无法写入目录 {out_dir}：{exc.strerror or exc}") from None


def _one_template(out: Path | None, layout: LayoutSpec, *, office: str | None, category: str | None, year: int,
                  force: bool, county: str | None = None) -> Path:
    if out is None:
        raise TemplateRefused("请用 -o 指定输出文件，例如：nianbao template -o 年报模板.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise TemplateRefused(f"输出文件 {out} 应以 .xlsx 结尾，例如：nianbao template -o 年报模板.xlsx")
    if out.is_dir():
        raise TemplateRefused(f"{out} 是一个目录，请给出文件名，例如：{out / '年报模板.xlsx'}")
    try:
        return write_workbook(out, layout, office=(office or "").strip() or None,
                              category=(category or "").strip() or None, county=county, year=year, force=force)
    except OutputExists:
        raise TemplateRefused(f"{out} 已存在，没有覆盖。请换一个文件名，或确认要覆盖时加 --force。") from None
    except OSError as exc:
        raise TemplateRefused(f"无法写入 {out}：{exc.strerror or exc}") from None
