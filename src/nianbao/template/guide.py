"""The 填报说明 sheet: what the office reads before it fills the template in (and a summary's 汇总表说明)."""

from __future__ import annotations

import xlsxwriter

from nianbao.form.findings import rule_name
from nianbao.form.sheets import GUIDE_SHEET, LEVEL_OFFICE
from nianbao.form.spec import Kind, LayoutSpec
from nianbao.template.style import Formats, display_width, print_setup, protect

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
            unit = "" if "万元" in c.col_label else "（单位：万元）"  # the 2019 采购总金额's label states none
            numbers.append(f"  “{c.col_label}”{unit}填写不小于 0 的数字{places}，没有的填 0。")
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
        "  " + rule_name("T3-BALANCE") + "：表三每一列，一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。",
        "  " + rule_name("T3-ROWTOTAL") + "：表三每一行，总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（公式自动计算）。",
        "  " + rule_name("T3-RESULTTOTAL") + "：表三每一列，（七）总计 = （一）至（六）各小项之和（公式自动计算）。",
        "  " + rule_name("T4-TOTAL") + "：表四每一栏，总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（公式自动计算）。",
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


def write_guide(wb: xlsxwriter.Workbook, f: Formats, layout: LayoutSpec, level: str = LEVEL_OFFICE,
                 included: tuple[str, ...] = ()) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    width = 80
    ws.set_column(0, 0, width)
    ws.write_string(0, 0, GUIDE_HEAD if level == LEVEL_OFFICE else "政府信息公开工作年度报告 汇总表说明", f.guide_head)
    ws.set_row(0, 24)
    lines = guide_lines(layout) if level == LEVEL_OFFICE else summary_guide_lines(layout, included)
    for i, line in enumerate(lines, start=1):
        ws.write_string(i, 0, line, f.guide)
        wrapped = -(-display_width(line) * 10 // (width * 11)) or 1  # about 1.1 half-width characters per unit
        ws.set_row(i, 16 * wrapped)
    protect(ws)
    print_setup(ws, landscape=False, footer_office="", one_page=True, center=False)
    ws.print_area(0, 0, len(lines), 0)
