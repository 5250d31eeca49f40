"""Problems in user data, as data: one ``Finding`` type and one catalogue of codes.

Every code a user can meet is declared here, with its severity, a Chinese message template and how
to fix it. ``docs/findings.md`` is generated from this catalogue (``nianbao docs``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from nianbao.form.narrative_codes import NARRATIVE
from nianbao.form.spec import CellSpec, Kind


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class CodeSpec:
    code: str
    severity: Severity
    title: str  # what it means, one line
    template: str  # message, str.format() with the finding's params
    fix: str  # what the office should do


@dataclass(frozen=True)
class Finding:
    """One problem, made once by ``make``: its code, where it is, its message and how to fix it.

    ``key`` is the layout's cell key (``""`` when the finding is not about one data cell); ``params`` are
    the values the catalogue's message template was rendered with; ``remedy`` is the catalogue's 怎么改.
    ``cells`` are further A1 cells on ``sheet`` that belong to the same problem (the terms of a balance),
    marked with ``cell`` in an annotated copy. Nothing downstream edits ``message``: a finding that moves
    (the cell is elsewhere in the file) is re-made by ``at`` from its fields.
    """

    code: str
    severity: Severity
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""  # A1 address, or "" when the finding has no single cell
    row_label: str = ""
    col_label: str = ""
    expected: str | None = None
    actual: str | None = None
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()
    remedy: str = ""
    cells: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = str(self.severity)
        d["params"] = dict(self.params)
        d["cells"] = list(self.cells)
        return d

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def param(self, name: str, default: str = "") -> str:
        return dict(self.params).get(name, default)

    def at(self, sheet: str, cell: str, cells: tuple[str, ...] | None = None) -> Finding:
        """The same finding where its cell actually is in the file, the message rendered anew."""
        if self.code not in CATALOGUE:  # made by hand (a test), not from the catalogue: only the place
            return replace(self, sheet=sheet, cell=cell, cells=self.cells if cells is None else cells)
        return make(self.code, file=self.file, sheet=sheet, cell=cell, row_label=self.row_label,
                    col_label=self.col_label, expected=self.expected, actual=self.actual, key=self.key,
                    cells=self.cells if cells is None else cells, **dict(self.params))


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_CODES: list[CodeSpec] = [
    # -- hard rules of the form -----------------------------------------------------------
    CodeSpec("T3-BALANCE", _E, "表三某一列不满足“一 + 二 = （七）总计 + 四”",
             "表三 {label}：{left_text} = {left}，{right_text} = {right}，{larger} 比 {smaller} 多 {diff}。"
             "这一列的四项（一、本年新收，二、上年结转，（七）总计，四、结转下年度继续办理）已一并标出，其中至少一项填错。",
             "本年新收加上年结转，必须等于本年办理结果总计加结转下年度。不要只改“四、结转下年度继续办理”："
             "先逐项核对本年新收、上年结转和办理结果各行（（七）总计由各行自动相加），再核对结转下年度，改正真正填错的一项。"),
    CodeSpec("T3-ROWTOTAL", _E, "表三某一行的总计不等于各类申请人之和",
             "表三 {label}：总计填的是 {actual}，各类申请人之和是 {expected}。",
             "总计列应等于自然人与五类法人或其他组织之和。请使用模板中的公式，不要手工改写总计。"),
    CodeSpec("T3-RESULTTOTAL", _E, "表三（七）总计不等于各项办理结果之和",
             "表三 {label}：（七）总计填的是 {actual}，各项办理结果之和是 {expected}。",
             "（七）总计应等于（一）至（六）各小项之和。请使用模板中的公式，不要手工改写总计。"),
    CodeSpec("T4-TOTAL", _E, "表四某一栏的总计不等于四种结果之和",
             "表四 {label}：总计填的是 {actual}，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {expected}。",
             "总计应等于结果维持、结果纠正、其他结果、尚未审结之和。"),
    CodeSpec("VALUE-COUNT", _E, "件数不是不小于 0 的整数",
             "{sheet} {cell}（{where}）应填写{what}，实填“{actual}”{shown_note}。",
             "件数只能填写 0 或正整数，不要填写小数、负数或文字；没有发生的填 0。"),
    CodeSpec("VALUE-ERROR", _E, "单元格显示错误值（公式出错）",
             "{sheet} {cell}（{where}）显示错误值 {actual}，已按 0 计。",
             "这个单元格里的公式出错了：请改正公式，或直接填写数字；没有发生的填 0。"),
    CodeSpec("VALUE-FEE", _E, "收费金额不是不小于 0 的数，或小数位数过多",
             "{sheet} {cell}（{where}）应填写不小于 0 的金额（单位：万元{decimals_note}），实填“{actual}”{shown_note}。",
             "收费金额以万元为单位填写数字；没有收费的填 0。"),
    CodeSpec("VALUE-HUGE", _E, "数字大得不合常理（或位数过多），无法计入",
             "{sheet} {cell}（{where}）填的是“{actual}”{shown_note}，{limit}，已按 0 计。",
             "请核对这个单元格：可能多打了数字、粘贴了其他内容，或把元当成了万元。请填写实际的数字；没有发生的填 0。"),
    CodeSpec("VALUE-FORMULA", _E, "单元格里是公式，但没有计算结果，无法读取",
             "{sheet} {cell}（{where}）是公式“={formula}”，文件中没有它的计算结果，本程序也无法计算，已按 0 计。",
             "请把公式改成直接填写的数字（或在 Excel、WPS 中打开文件，按 Ctrl+Alt+F9 重新计算后保存）。"),
    CodeSpec("READ-FORMULA", _W, "单元格里是公式，已按公式的计算结果读取",
             "{sheet} {cell}（{where}）是公式“={formula}”，{how}，已按 {expected} 读取。",
             "填报的数字请直接填写，不要填写公式：把这个单元格改为数字 {expected}（或核对后确认）。"),
    CodeSpec("VALUE-FEE-DECIMALS", _W, "收费金额的小数位数过多",
             "{sheet} {cell}（{where}）填的是 {actual}{shown_note}，有 {places} 位小数；金额以万元为单位，"
             "一般最多保留 4 位小数（即精确到元）。",
             "请核对金额的单位是否为万元，并四舍五入到最多 4 位小数后重新填写。"),
    CodeSpec("VALUE-AMOUNT-YUAN", _W, "金额看起来是以元为单位填写的",
             "{sheet} {cell}（{where}）填的是 {actual}{shown_note}，单位是万元，即 {yuan} 元，大得不合常理：可能按元填写了。",
             "这一栏的单位是万元（1 万元 = 10000 元）。如果填的是元，请除以 10000 后重新填写；确实如此的可以不改。"),
    CodeSpec("READ-SHEET-COPY", _W, "表格有多个副本，已读取填写了数字的那一个",
             "{detail}，已读取工作表“{actual}”中的数字。",
             "请只保留一张“{expected}”：删除没有填写的、隐藏的或多余的副本，并把工作表名称改回“{expected}”。"),
    CodeSpec("READ-SHEET-AMBIGUOUS", _E, "表格有多个填写了不同数字的副本，无法确定以哪一个为准",
             "工作簿中有 {count} 张工作表都是“{expected}”且填写的数字不同（{sheets}），无法确定以哪一张为准，未读取。",
             "请只保留正确的一张“{expected}”，删除其他副本（右键单击工作表标签 → 删除），保存后重新提交。"),
    CodeSpec("INFO-YEAR-COERCED", _W, "报告年度填的不是纯数字，已按年份读取",
             "基本信息 {cell}：报告年度填的是“{actual}”，已按 {expected} 读取。",
             "报告年度请只填写四位数字的年份，如 2025（不要加“年”“年度”等文字）。"),
    # -- reading and recognising workbooks (nianbao.read.reader) --------------------------------
    CodeSpec("FILE-MISSING", _E, "文件不存在或无法打开",
             "无法打开文件“{name}”：{detail}。", "请确认文件路径正确、文件没有被其他程序占用。"),
    CodeSpec("FILE-EMPTY", _E, "文件是空的（0 字节）",
             "文件“{name}”是空的（0 字节），可能在传输中损坏。", "请重新保存并重新发送工作簿。"),
    CodeSpec("FILE-CORRUPT", _E, "文件已损坏，无法打开",
             "文件“{name}”已损坏，无法打开：{detail}。", "请在 Excel 或 WPS 中打开确认，重新保存为 .xlsx 后再提交。"),
    CodeSpec("FILE-ENCRYPTED", _E, "文件设置了打开密码",
             "文件“{name}”：文件已加密，请去除打开密码后重新提交。",
             "在 Excel 中：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后保存；WPS：文件 → 文档加密 → 密码加密，清空后保存；LibreOffice：文件 → 另存为，去掉“使用密码保存”的勾选后保存。"),
    CodeSpec("FILE-NOT-SPREADSHEET", _E, "不是 Excel 工作簿",
             "文件“{name}”不是 Excel 工作簿（{what}），无法作为年报读取。",
             "请提交用年报模板填写的 .xlsx 文件（也接受 .xls、.ods），不要提交 Word、PDF、CSV 或改了扩展名的文件。"),
    CodeSpec("FILE-UNSAFE", _E, "文件内容异常，为安全起见未读取",
             "文件“{name}”内容异常（{detail}），为安全起见未读取。",
             "请在 Excel 或 WPS 中打开模板重新填写并保存；不要把数据复制到其他大表格中。"),
    CodeSpec("FILE-FAR-CELL", _E, "工作表中有远超出表格范围的内容",
             "工作表“{sheet}”在 {cell} 处还有内容，远远超出表格范围，无法安全读取。",
             "请删除表格范围以外的所有内容（可选中多余的行和列后删除），保存后重新提交。"),
    CodeSpec("FILE-CRASH", _E, "读取文件时读取程序意外终止",
             "读取文件“{name}”时读取程序意外终止（{detail}），文件可能已损坏或含有异常内容。",
             "请在 Excel 或 WPS 中打开文件核对，另存为 .xlsx 后重新提交；其他文件不受影响。"),
    CodeSpec("FILE-NOT-REPORT", _E, "不是政府信息公开工作年度报告",
             "文件“{name}”不是政府信息公开工作年度报告：{detail}。",
             "请使用县里下发的年报模板填写，不要改动表格结构；如果是其他系统导出的表格，请把数字抄到模板中。"),
    CodeSpec("FILE-UNKNOWN-FORMAT", _E, "模板标识的格式版本无法识别",
             "文件“{name}”标明的格式版本是“{actual}”，本程序不认识（可能是更新版本的程序生成的）。",
             "请升级 nianbao，或使用县里下发的当前模板重新填写。"),
    CodeSpec("SUMMARY-RECOMPUTED", _W, "汇总表的数字没有计算结果，已按明细表重新计算",
             "汇总表中有 {count} 个数字没有计算结果（文件可能被其他程序另存过），已按“明细”表各单位的数字重新计算。",
             "用 Excel 或 WPS 打开汇总表，确认数字无误后保存；或用 nianbao merge 重新汇总。"),
    CodeSpec("SUMMARY-NO-VALUES", _E, "汇总表的数字没有计算结果，无法重新计算",
             "汇总表中有 {count} 个数字没有计算结果，{reason}，这些数字已按 0 计。",
             "用 nianbao merge 重新生成汇总表；不要用其他程序另存汇总表。"),
    CodeSpec("SUMMARY-WITH-ERRORS", _W, "汇总表计入了有错误的报告",
             "本汇总表计入了 {count} 份有错误的报告（{offices}），汇总数字可能不准确。",
             "请下级单位改正这些报告后重新汇总，再用新的汇总表汇总；或汇总时选择不计入有错误的报告（命令行选项 --exclude-errors）。"),
    CodeSpec("TEMPLATE-OUTDATED", _W, "使用的是旧版模板",
             "文件使用的是第 {actual} 版模板，当前是第 {expected} 版。数据已读取，但请以后使用新模板。",
             "向县政府信息公开工作机构索取最新模板，把数字抄到新模板中。"),
    CodeSpec("TEMPLATE-NO-MARKS", _W, "没有模板标识，按表头识别",
             "文件没有年报模板的标识（可能是复制到了新工作簿中），已按表头识别为“{what}”。",
             "请直接在县里下发的模板中填写，不要复制到新的工作簿。"),
    CodeSpec("STRUCT-SHEET", _E, "缺少工作表",
             "缺少工作表“{sheet}”。", "请不要删除或改名模板中的工作表；使用县里下发的模板重新填写。"),
    CodeSpec("STRUCT-SHEET-DAMAGED", _E, "工作表还在，但读不出其中的表格",
             "工作表“{sheet}”还在，但{detail}。",
             "请不要改动或删除模板中的表头和各行名称；工作表已损坏或改乱的，请在县里下发的模板中重新填写"
             "（可复制原来的数字，用“选择性粘贴 → 数值”粘贴到模板的浅黄色单元格）。"),
    CodeSpec("STRUCT-SHEET-RENAMED", _W, "工作表被改名",
             "工作表“{expected}”被改名为“{actual}”，已按表格内容找到并读取。",
             "请把工作表名称改回模板中的名称（右键单击工作表标签 → 重命名）；模板中工作表的名称不要改动。"),
    CodeSpec("STRUCT-LABEL", _E, "表头或行名与官方格式不一致",
             "{sheet} {cell} 应为“{expected}”，实为“{actual}”。",
             "表格中的文字（表头、各行名称）必须与官方格式一致，请不要修改；使用模板重新填写。"),
    CodeSpec("STRUCT-ROWS", _E, "插入或删除了行",
             "{sheet} {detail}。数据已按各行名称读取，但表格结构与官方格式不一致。",
             "请删除插入的行（或恢复删除的行），使表格与官方格式完全一致；最好在模板中重新填写。"),
    CodeSpec("STRUCT-COLUMNS", _E, "插入或删除了列",
             "{sheet} {detail}。数据已按各列名称读取，但表格结构与官方格式不一致。",
             "请删除插入的列（或恢复删除的列），使表格与官方格式完全一致；最好在模板中重新填写。"),
    CodeSpec("READ-BLANK", _W, "有单元格未填写，已按 0 计",
             "{sheet}有 {count} 个单元格未填写，已按 0 计（第一个是 {first}）。",
             "没有发生的事项请填 0，不要留空。"),
    CodeSpec("READ-COERCED", _W, "单元格填的是文字，已按数字读取",
             "{sheet} {cell}（{where}）填的是“{actual}”，已按 {expected} 读取；表格里的合计公式不计入文字，"
             "请改填数字 {expected}。",
             "请直接填写数字（半角，不带单位、空格和符号），没有发生的填 0。"),
    CodeSpec("TOTAL-OVERWRITTEN", _E, "总计单元格的公式被改成了固定数字",
             "{sheet} {cell}（{where}）的公式被改成了固定数字 {actual}，按各项重新计算应为 {expected}。",
             "总计由公式自动计算，请不要手工填写。请使用模板重新填写，或恢复该单元格的求和公式。"),
    CodeSpec("TOTAL-STALE", _W, "总计公式的结果没有重新计算",
             "{sheet} {cell}（{where}）显示 {actual}，按各项重新计算应为 {expected}：公式结果没有更新。已按 {expected} 计。",
             "在 Excel 或 WPS 中打开文件，按 Ctrl+Alt+F9 重新计算后保存。"),
    CodeSpec("TOTAL-WITH-INSERTED", _W, "总计与各项之和不符：表格中插入或删除了行、列",
             "{sheet} {cell}（{where}）显示 {actual}，按官方表格的各项重新计算应为 {expected}：这个表插入或删除了行、列，"
             "总计的公式算进了（或漏掉了）这些行、列中的数。已按 {expected} 计。",
             "删除插入的行、列（或恢复删除的），总计会重新等于各项之和；插入的行、列中的数如果应计入某一项，请填到该项中。"),
    CodeSpec("TOTAL-MISMATCH", _E, "总计单元格显示的数与各项之和不符",
             "{sheet} {cell}（{where}）显示 {actual}，按各项重新计算应为 {expected}：总计的公式可能被改成了固定数字，或没有重新计算。已按 {expected} 计。",
             "总计由公式自动计算，请不要手工填写。在 Excel 或 WPS 中打开文件，按 Ctrl+Alt+F9 重新计算后保存；仍不一致的，请恢复该单元格的求和公式，或使用模板重新填写。"),
    CodeSpec("INFO-OFFICE", _E, "基本信息未填写单位名称",
             "基本信息 {cell}：没有填写单位名称。", "在“基本信息”表填写单位全称，与县里名单一致。"),
    CodeSpec("INFO-YEAR", _E, "基本信息的报告年度缺失或不是年份",
             "基本信息 {cell}：报告年度应为四位年份，实填“{actual}”。", "在“基本信息”表填写报告年度，如 2025。"),
    CodeSpec("INFO-UNFILLED", _W, "工作簿看起来没有填写",
             "表格中的数字全部为 0，正文、填报人、联系电话、填报日期都是空的：这可能是没有填写的空白模板。",
             "如果交错了文件，请交填好的工作簿；如果本年度确实没有发生任何事项，请在正文中说明，并填写填报人、联系电话和填报日期。"),
    CodeSpec("INFO-YEAR-FUTURE", _W, "报告年度晚于今年",
             "基本信息 {cell}：报告年度填的是 {actual} 年，晚于今年（{expected} 年）。",
             "年度报告报告的是已经过去的一年（如 2026 年初报告 2025 年度），请核对报告年度。"),
    CodeSpec("INFO-CATEGORY", _W, "单位类别未填写或不是下拉列表中的一项",
             "基本信息 {cell}：单位类别填的是“{actual}”，不是下拉列表中的一项（{choices}），{read_as}。",
             "在“基本信息”表的单位类别中从下拉列表选择；县级及以下单位不制定规章，这一项用于检查表二“规章”。"),
    CodeSpec("INFO-YEAR-FORMAT", _E, "报告年度与格式版本不符",
             "报告年度是 {year} 年，应使用 {expected} 年版格式，本文件是 {actual} 年版格式。",
             "2021 年度及以后的报告使用 2021 年版格式，2019、2020 年度使用 2019 年版。请使用对应年度的模板重新填写。"),
    # -- other rules of FORMAT.md: L-RULES, N-TEXT, X-CARRYOVER, X-INFORCE -------------------
    CodeSpec("L-RULES", _W, "县级及以下单位的“规章”一行不是 0",
             "{sheet} {cell}（{where}）填了 {actual}；单位类别是“{category}”，县级及以下单位一般不制定规章。",
             "只有国务院部门、省级政府和设区的市级政府制定规章。如果填的是规范性文件，请移到“行政规范性文件”一行。"),
    CodeSpec("N-TEXT", _W, "正文中的数字与表格不一致",
             "正文“{section}”写的是“{quote}”，但{table_name}中是 {expected}。",
             "请核对正文与表格，改正其中错误的一处。"),
    CodeSpec("X-CARRYOVER", _W, "上年结转数与上年报告的结转下年度数不一致",
             "{sheet} {cell}（{where}）{scope}：本年“二、上年结转”是 {actual}，上年报告“四、结转下年度继续办理”是 {expected}。",
             "本年的上年结转数应等于上年报告的结转下年度继续办理数。请核对本年或上年的数字。"),
    CodeSpec("X-INFORCE", _W, "现行有效件数与上年现行有效件数及本年增减对不上",
             "{sheet} {cell}（{where}）{scope}：现行有效 {actual} 件，按上年现行有效 {previous} + 本年制发 {issued} − 本年废止 {repealed} 应约为 {expected} 件（修订等情况会造成出入）。",
             "现行有效件数通常约等于上年现行有效件数加本年制发、减本年废止。请核对；确因修订等原因不同的可以不改。"),
    # -- plausibility (nianbao.check.plausible): possible figures that most likely were typed wrong --------
    CodeSpec("P-FEE-YUAN", _W, "收费金额看起来是按“元”填的，表格的单位是“万元”",
             "{sheet} {cell}（{where}）填的是 {actual} 万元；单位类别是“{category}”，一年的收费一般不超过 {limit} 万元。"
             "如果填的是元，应为 {as_wan} 万元。",
             "收费金额以万元为单位：元数除以 10000 后填写（12500 元填 1.25）。乡镇、街道一年超过 10 万元、"
             "县直部门超过 10000 万元、其他单位超过 100000 万元的收费很少见，确实如此的可以不改。"),
    CodeSpec("P-FEE-YEAR", _W, "收费金额是上年的 1000 倍以上，可能把“元”填成了“万元”",
             "{sheet} {cell}（{where}）{scope}：本年 {actual} 万元，上年报告是 {expected} 万元，是上年的 {ratio} 倍以上。",
             "收费金额以万元为单位填写（元数除以 10000）。请核对本年（或上年）的金额；确实如此的可以不改。"),
    CodeSpec("P-COUNT-YEAR", _W, "件数是上年的 10 倍以上",
             "{sheet} {cell}（{where}）{scope}：本年 {actual} 件，上年报告是 {expected} 件，是上年的 {ratio} 倍以上。",
             "请核对这个数是否多打了一位数字，或填到了别的行；确实如此的可以不改（增加 20 件以上、达到上年 10 倍时提示）。"),
    CodeSpec("P-ITEMS-NEGATIVE", _W, "上一年项目数量加本年增/减小于 0",
             "{sheet} {cell}（{where}）：上一年项目数量 {previous} 加本年增/减 {change} 等于 {total}，项目数量不能小于 0。",
             "本年增/减是本年比上一年增加（正数）或减少（负数）的项目数，减少的不能多于上一年项目数量。"
             "请核对上一年项目数量和本年增/减。"),
    # -- merging (nianbao.merge.core) --------------------------------------------------------------
    CodeSpec("MERGE-CRASH", _E, "读取文件时处理进程意外终止",
             "读取文件“{name}”时处理进程意外终止（{detail}），文件可能已损坏或含有异常内容，未计入汇总。",
             "请单位用 Excel 或 WPS 打开文件核对，另存为 .xlsx 后重新提交。"),
    CodeSpec("INBOX-CRASH", _E, "读取文件时进程意外终止，文件已保存、标为无法读取",
             "读取文件“{name}”时进程意外终止（再次单独读取也是如此），文件可能已损坏或含有异常内容；文件已原样保存在收件箱中，标为无法读取。",
             "请单位用 Excel 或 WPS 打开文件核对，另存为 .xlsx 后重新提交。"),
    CodeSpec("MERGE-BLANK", _E, "交来的是没有填写的空白模板",
             "文件“{name}”是没有填写的空白模板（数字全部为 0，正文、填报人、联系电话、填报日期都是空的），"
             "未计入汇总，{office}按未提交计。",
             "请联系该单位交填好的工作簿；如果本年度确实没有发生任何事项，请单位在正文中说明，"
             "并填写填报人、联系电话和填报日期后重新提交。"),
    CodeSpec("MERGE-NO-OFFICE", _E, "报告没有单位名称，无法汇总",
             "文件“{name}”没有填写单位名称，无法确定是哪个单位的报告，未计入汇总。",
             "请单位在“基本信息”表填写单位全称后重新提交。"),
    CodeSpec("MERGE-OTHER-YEAR", _E, "报告年度与本次汇总的其他报告不同",
             "文件“{name}”是 {actual} 年度的报告，本次汇总的其他报告是 {expected} 年度，未计入汇总。",
             "请确认单位提交的是本年度的报告；上年的报告请用 --previous 提供。"),
    CodeSpec("MERGE-OTHER-FORMAT", _E, "报告的格式版本与本次汇总的其他报告不同",
             "文件“{name}”使用 {actual} 年版格式，本次汇总的其他报告使用 {expected} 年版格式，未计入汇总。",
             "请单位使用与本年度对应的模板重新填写。"),
    CodeSpec("MERGE-DUPLICATE", _I, "与另一个文件完全相同",
             "文件“{name}”与“{other}”内容完全相同，只计入一次。", "无需处理；可删除多余的文件。"),
    CodeSpec("MERGE-SUPERSEDED", _I, "同一单位有更新的报告",
             "“{office}”还有一份更新的报告“{other}”（{reason}），按更新的报告汇总，本文件“{name}”未计入。",
             "无需处理；如更新的报告不对，请删除它后重新汇总。"),
    CodeSpec("MERGE-DATE-IMPLAUSIBLE", _W, "填报日期不可能是真的，未用于判断哪份报告最新",
             "文件“{name}”的填报日期“{actual}”{why}，不可能是真的，判断“{office}”哪份报告最新时不按这个日期，"
             "按文件修改时间比较。",
             "请单位改正“基本信息”中的填报日期（填写实际填报的日期）后重新提交；确认用哪份报告后，删除其余的文件。"),
    CodeSpec("MERGE-SUMMARY-REPLACED", _I, "汇总表中的单位都另有单独的报告，未使用这份汇总表",
             "{name} 汇总的 {count} 个单位都另有单独的报告，按各单位的报告汇总，未使用这份汇总表（可能是上次汇总留下的）。",
             "不需要处理；上次的汇总表不必放在收件文件夹中。"),
    CodeSpec("MERGE-SUMMARY-UNPROVEN", _E, "汇总文件的单位名单或数字与它的“明细”表不符",
             "文件“{name}”自称是汇总文件（{count} 个单位），但{reason}，不能确认它汇总了哪些单位，未计入汇总。",
             "请向报送单位要由 nianbao merge 生成的原汇总文件（含“明细”表，未经改动）；或改为汇总各单位的报告。"),
    CodeSpec("MERGE-SUMMARY-CONFLICT", _E, "汇总文件与其中单位自己的报告一起交来，须确定用哪一份",
             "汇总文件“{name}”包含{offices}，这些单位自己的报告也在本次汇总中（{files}）。"
             "为免重复或遗漏，汇总文件未计入，各单位的报告按单独的报告计入；请确认用哪一份。",
             "如果汇总文件是上次汇总留下的，把它移出收件文件夹；如果各单位的报告是更正后的，请用它们重新生成下级汇总；"
             "如果该用汇总文件，请把这些单位的报告移出收件文件夹后重新汇总。"),
    CodeSpec("MERGE-OVERLAP", _E, "汇总文件与另一个汇总文件包含相同的单位",
             "汇总文件“{name}”与“{other}”都包含：{offices}。为免重复计算，本文件未计入汇总。",
             "请重新生成其中一个汇总，使每个单位只出现在一个汇总中。"),
    CodeSpec("MERGE-IN-SUMMARY", _W, "该单位的数字已包含在一个汇总文件中",
             "“{office}”的数字已包含在汇总文件“{other}”中，本文件“{name}”未重复计入。",
             "如本文件是更正后的报告，请用它重新生成该汇总文件。"),
    CodeSpec("MERGE-NOT-ON-ROSTER", _W, "单位不在名单中",
             "“{office}”不在名单中{suggestion}，文件“{name}”未计入汇总。",
             "如果是名称写法不同，请单位改正“基本信息”中的单位名称后重新提交；如果确属本级单位，请把它加入名单。"),
    CodeSpec("MERGE-OTHER-COUNTY", _W, "报告是另一个县（市、区）的单位的，不是本次汇总的单位",
             "文件“{name}”是{county}的“{office}”的报告（基本信息中的所属县（市、区）是“{county}”），"
             "不是{home}的单位，列为名单外，未计入汇总。",
             "如果是别的县（市、区）的单位误交的，请转交或退回；如果确是本县单位、所属县填错了，"
             "请单位改正“基本信息”中的所属县（市、区）后重新提交。"),
    CodeSpec("MERGE-MISSING", _W, "名单中的单位没有提交报告",
             "名单中的“{office}”没有提交报告{note}。", "请催报，或确认该单位是否需要单独报告。"),
    CodeSpec("MERGE-EXCLUDED", _W, "有错误的报告未计入汇总",
             "文件“{name}”有 {count} 处错误；汇总时选择了不计入有错误的报告（命令行选项 --exclude-errors），未计入汇总。",
             "请单位改正错误后重新提交，再重新汇总。"),
    CodeSpec("MERGE-INCLUDES-ERRORS", _W, "汇总计入了有错误的报告",
             "汇总计入了 {count} 份有错误的报告（{offices}），汇总数字可能不准确。",
             "请这些单位改正后重新提交；或汇总时选择只汇总没有错误的报告（命令行选项 --exclude-errors）。"),
    CodeSpec("MERGE-EMPTY", _E, "没有可以汇总的报告",
             "{count} 个文件中没有一份可以计入汇总的报告。", "请检查输入的文件，见各文件的问题。"),
    CodeSpec("MERGE-PREVIOUS-YEAR", _W, "上年报告的年度不对，未做跨年核对",
             "上年报告是 {actual} 年度的，本次汇总是 {year} 年度，应提供 {expected} 年度的报告；未做跨年核对。",
             "用 --previous 提供上一年度的报告或汇总文件。"),
    CodeSpec("MERGE-NO-PREVIOUS", _I, "上年报告中没有该单位",
             "上年报告中没有“{office}”，未做跨年核对。", "如需核对，请在 --previous 中加入该单位上年的报告。"),
    CodeSpec("MERGE-PREVIOUS-UNREADABLE", _W, "上年的文件无法读取，未用于跨年核对",
             "上年的文件“{name}”无法读取，未用于跨年核对：{reason}",
             "用 --previous 提供能打开的上年报告或汇总文件（可用 nianbao check 检查）。"),
    CodeSpec("MERGE-PREVIOUS-UNUSED", _W, "上年的文件未用于跨年核对",
             "上年的文件“{name}”未用于跨年核对：{reason}。",
             "用 --previous 只提供上一年度、同一格式版本的报告或汇总文件。"),
    CodeSpec("MERGE-PREVIOUS-NO-DETAIL", _W, "上年汇总文件没有各单位的数字，未按单位做跨年核对",
             "上年的汇总文件“{name}”{reason}，未按单位做跨年核对，只核对了汇总数。",
             "如需按单位核对，请用 --previous 提供上年各单位的报告，或由 nianbao 生成的上年汇总文件（含“明细”表）。"),
    CodeSpec("MERGE-SAME-NAME", _W, "不同县（市、区）有同名单位，已分别计入汇总",
             "以下单位名称相同、所属县（市、区）不同，已作为不同单位分别计入汇总：{offices}。",
             "请核对各报告“基本信息”中的所属县（市、区）是否填写正确；同名单位容易混淆，状态表中以“所属县 单位名称”区分。"),
    CodeSpec("MERGE-SIMILAR-NAMES", _W, "单位名称相近，可能是同一单位被重复计入",
             "以下单位名称相近，可能是同一单位的报告被重复计入汇总：{groups}。",
             "请逐一核对：确属同一单位的，删除多余的文件，或请单位统一单位名称后重新提交；"
             "用 --roster 提供单位名单，可避免名称写法不同的报告被重复计入。"),
    CodeSpec("MERGE-MIXED-VARIANT", _W, "汇总的报告使用了不同省份的格式",
             "汇总的报告使用了不同的格式：{detail}。汇总表按{chosen}生成{reason}。",
             "请确认各单位使用的是本地区统一的模板；用错模板的，请单位改用正确的模板重新填写。"),
    CodeSpec("MERGE-NO-NAME", _W, "汇总的是不同地区的汇总文件，没有给出汇总名称",
             "汇总的各份汇总文件名称不同（{actual}），没有给出汇总名称，本汇总暂名“{name}”。",
             "用 --name 给出汇总名称，如：--name 某市。"),
    # -- importing published reports (nianbao.publish.importer) ---------------------------------------
    CodeSpec("IMPORT-UNREADABLE", _E, "无法读取要导入的文件",
             "无法读取文件：{reason}",
             "导入支持网页正文（.txt）、网页（.html）、Markdown（.md）、Word（.docx）和 PDF 文件；.doc 请先另存为 .docx。"),
    CodeSpec("IMPORT-PDF-NO-TEXT", _E, "PDF 文件没有文字层，无法导入",
             "这份 PDF 没有文字层（可能是扫描件，或把报告以图片导出），其中的文字和数字无法读取，未生成工作簿。",
             "请找到同一报告的网页版或 Word 版导入；只有扫描件的，请对照原文在模板中手工填报。"),
    CodeSpec("IMPORT-NO-TABLES", _E, "文件不像是政府信息公开工作年度报告",
             "没有找到年报的标题、表二至表四的标题或其中任何一张表格，未生成工作簿。",
             "请确认文件是政府信息公开工作年度报告；表格以图片发布的，请在模板中按原文手工填报。"),
    CodeSpec("IMPORT-MISSING-TABLE", _E, "导入的报告缺少一张表格",
             "没有找到{table}（{title}）的表格内容，可能以图片发布或页面不完整；该表各项已留空待补录。",
             "请对照原文，在导入生成的工作簿中补录该表。"),
    CodeSpec("IMPORT-TABLE-UNREAD", _E, "导入的报告印有一张表格，但未能读出其中的数字",
             "{table}（{title}）印在原文中，但未能读出：{why}；该表各项已留空待补录。",
             "表格的排版可能不规范（如栏目缺失、错位或合并），请对照原文，在导入生成的工作簿中补录该表。"),
    CodeSpec("IMPORT-MISSING-ROW", _E, "导入的表格缺少一行",
             "{table}没有找到“{label}”一行（页面可能不完整）；该行各项已留空待补录。",
             "请对照原文，在导入生成的工作簿中补录该行。"),
    CodeSpec("IMPORT-SHORT-ROW", _E, "导入的表格某行数字少于栏数",
             "{table}“{label}”一行只有 {actual} 个数字，应有 {expected} 个；{what}。",
             "原文该行可能漏填或空格丢失，请对照原文核对每一栏。"),
    CodeSpec("IMPORT-LONG-ROW", _E, "导入的表格某行数字多于栏数",
             "{table}“{label}”一行有 {actual} 个数字，应有 {expected} 个；只取了前 {expected} 个。",
             "原文该行可能多出小计栏或串行，请对照原文核对每一栏。"),
    CodeSpec("IMPORT-RUN-SPLIT", _I, "导入的表格某行数字连在一起，已按栏数和总计拆分",
             "{table}“{label}”一行的数字连在一起（“{actual}”），按该行的栏数（及总计、各行合计）只有一种拆法：{split}，已按此填入。",
             "请对照原文核对该行各栏。"),
    CodeSpec("IMPORT-RUN-AMBIGUOUS", _E, "导入的表格某行数字连在一起，无法确定如何拆分",
             "{table}“{label}”一行的数字连在一起（“{actual}”），应有 {expected} 栏，{why}，该行已全部留空待补录。",
             "请对照原文，在导入生成的工作簿中补录该行各栏。"),
    CodeSpec("IMPORT-BAD-NUMBER", _E, "导入的表格中有无法识别的数字",
             "{table}“{label}”中的“{actual}”不是数字，暂按 0 计。",
             "请对照原文核对该栏的数字。"),
    CodeSpec("IMPORT-NO-TOTAL-COLUMN", _W, "表三没有“总计”列的数字",
             "表三各行只有 {actual} 个数字，按“总计”列空白处理；总计已由各栏重新计算。",
             "请核对原文表三的“总计”列是否确实空白。"),
    CodeSpec("IMPORT-TOTAL-BLANK", _W, "导入的表格中“总计”留空，但所合计的各栏有数字",
             "{table}有 {count} 个“总计”单元格留空，但所合计的各栏有数字（{where}）；总计已由各栏重新计算。",
             "原报告漏填了总计，请在报告中补上；导入的工作簿中总计按各栏之和计算。"),
    CodeSpec("IMPORT-BLANK", _I, "导入的表格中有空白、“/”或“—”，按 0 计",
             "{table}有 {count} 个单元格为空白或填写“/”“—”，已按 0 计。",
             "官方表格没有发生的事项应填 0。"),
    CodeSpec("IMPORT-SUBTOTAL", _I, "导入的表格有官方表格没有的小计行或小计列，已略去",
             "{table}的{what}不属于官方表格，已略去；各项合计由原始数字重新计算。",
             "官方表格没有小计行和“法人或其他组织”小计列，填报时不要添加。"),
    CodeSpec("IMPORT-SUBTOTAL-MISMATCH", _W, "导入的表格中小计与各项之和不符",
             "{table}“{label}”的小计填的是 {actual}，各项之和是 {expected}。",
             "原文的小计或某一项有误，请对照原文核对。"),
    CodeSpec("IMPORT-UNKNOWN-ROW", _W, "导入的表格中有无法识别的行，已略去",
             "{table}中有一行无法识别（“{label}”），已略去。",
             "请对照原文核对这一行是否属于官方表格。"),
    CodeSpec("IMPORT-DUPLICATE-ROW", _W, "导入的表格中某一行出现了不止一次",
             "{table}“{label}”一行出现了不止一次，只取第一次出现的数字。",
             "请对照原文核对。"),
    CodeSpec("IMPORT-FORMAT-GUESS", _W, "无法从表格栏目判断格式版本",
             "表格栏目不足以判断格式版本，按报告年度采用{name}。",
             "请核对报告所用的格式版本（2021 年及以后的报告用 2021 年版）。"),
    CodeSpec("IMPORT-MIXED-FORMAT", _W, "表二与表三的格式版本不一致",
             "表二使用的是{other}的栏目，表三使用的是{name}；表二未能导入。",
             "请在导入生成的工作簿中按{name}补录表二。"),
    CodeSpec("IMPORT-FORMAT-YEAR", _W, "报告年度与表格格式版本不一致",
             "报告年度为 {year} 年，但表格使用的是{name}（{year} 年度应使用{expected}）。",
             "请核对报告年度；按当年规定的格式版本重新填报。"),
    CodeSpec("IMPORT-NO-YEAR", _W, "未能识别报告年度",
             "未能从标题或正文中识别报告年度，请用 --year 指定。",
             "导入时用 --year 指定报告年度。"),
    CodeSpec("IMPORT-NO-OFFICE", _W, "未能识别单位名称",
             "未能从标题或正文中识别单位名称，请用 --office 指定。",
             "导入时用 --office 指定单位名称。"),
    CodeSpec("IMPORT-FROM-TEXT", _I, "单位名称或报告年度取自正文",
             "没有标题，{what}取自正文：{actual}，请核对。",
             "如有不符，导入时用 --office 或 --year 指定。"),
    CodeSpec("IMPORT-MISSING-PART", _W, "导入的报告缺少一部分正文",
             "没有找到正文“{heading}”部分。",
             "请对照原文，在导入生成的工作簿“正文”表中补录。"),
    CodeSpec("IMPORT-T2-2019", _W, "表二使用的是 2019 年版的栏目，已按对应栏目导入",
             "表二使用的是{other}的栏目，表三、表四是{name}。已按对应栏目导入：{mapped}。{name}表二的{blank}"
             "在原文中没有对应栏目，已留空待补录。原文表二中在{name}中没有对应栏目、未导入的：{dropped}。",
             "请对照原文核对导入的表二，并在导入生成的工作簿中补录留空的各栏。"),
    CodeSpec("IMPORT-UNCHECKED", _W, "表格缺少数字，部分勾稽关系无法核对",
             "{table}缺少数字（见上），有 {count} 处勾稽关系（{codes}）把缺少的数字按 0 计算时不成立；"
             "这不能说明原报告有误，未列为错误。",
             "补录缺少的数字后，用 nianbao check 重新校验导入生成的工作簿。"),
    # -- rendering the published report (nianbao.publish.render) ----------------------------------------
    CodeSpec("RENDER-EMPTY-PART", _W, "报告的一部分正文没有内容",
             "正文“{heading}”部分没有内容，文档中该部分标题下写的是“{placeholder}”。",
             "在工作簿的“正文”表中填写这一部分后重新生成；“六、其他需要报告的事项”没有可报告的，写“无。”。"),
    CodeSpec("RENDER-DRAFT", _W, "正文是根据汇总数字起草的草稿，尚未修改",
             "正文“{heading}”是 nianbao 根据汇总数字起草的草稿（首行“【草稿】…”仍在），文档中已印出草稿的内容。",
             "在汇总工作簿的“正文”表中核对、修改这段文字，删去首行“【草稿】…”后重新生成。"),
    CodeSpec("RENDER-INTERNAL-TEXT", _W, "正文中有汇总时生成的内部说明，未写入报告",
             "正文“{heading}”中的“{text}”是汇总时生成的说明，对外发布的报告中没有“明细”表，未写入报告。",
             "在工作簿的“正文”表中写入对外发布的内容；各单位的数字见汇总工作簿的“明细”表。"),
]

_CODES += [CodeSpec(code, Severity(severity), title, template, fix) for code, severity, title, template, fix in NARRATIVE]
CATALOGUE: dict[str, CodeSpec] = {c.code: c for c in _CODES}

#: the short Chinese names of the rules the template's 校验 sheet and 填报说明 list: a code appears only
#: beside its name, as a reference
RULE_NAMES = {"T3-BALANCE": "表三各列平衡", "T3-ROWTOTAL": "表三各行总计", "T3-RESULTTOTAL": "表三（七）总计",
              "T4-TOTAL": "表四各栏总计", "VALUE-COUNT": "填报的数"}


def rule_name(code: str) -> str:
    """A rule as a clerk reads it: 表三各列平衡（T3-BALANCE）."""
    return f"{RULE_NAMES.get(code) or CATALOGUE[code].title}（{code}）"
assert len(CATALOGUE) == len(_CODES), "a finding code is declared twice"


def _as_written(value: object) -> object:
    """A number as a clerk writes it in a message: 12500, not 12500.0 (a spreadsheet stores every number
    as a float); an amount without trailing zeros or an exponent (1.25, not 1.2500 or 1.25E+4)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, Decimal) and value.is_finite():
        return format(value.normalize(), "f")
    return value


def make(code: str, *, file: str = "", sheet: str = "", cell: str = "", row_label: str = "", col_label: str = "",
         expected: object = None, actual: object = None, key: str = "", cells: tuple[str, ...] = (),
         **params: object) -> Finding:
    """A finding of catalogue code ``code``, its message rendered from the template with ``params``
    (kept, as text, in the finding) and the catalogue's remedy."""
    spec = CATALOGUE[code]
    fields = {"file": file, "sheet": sheet, "cell": cell, "expected": expected, "actual": actual, **params}
    message = spec.template.format(**{k: _as_written(v) for k, v in fields.items()})
    return Finding(
        code=code,
        severity=spec.severity,
        message=message,
        file=file,
        sheet=sheet,
        cell=cell,
        row_label=row_label,
        col_label=col_label,
        expected=None if expected is None else str(expected),
        actual=None if actual is None else str(actual),
        key=key,
        params=tuple((k, str(v)) for k, v in params.items()),
        remedy=spec.fix,
        cells=tuple(cells),
    )


def render_docs() -> str:
    """The Markdown page of every finding code (docs/findings.md)."""
    lines = [
        "# 问题代码一览 / Finding codes",
        "",
        "本页由 `nianbao docs` 根据问题目录自动生成，请勿手工编辑。",
        "",
        "| 代码 | 级别 | 含义 | 如何改正 |",
        "|---|---|---|---|",
    ]
    for code in sorted(CATALOGUE):
        s = CATALOGUE[code]
        lines.append(f"| `{s.code}` | {SEVERITY_ZH[s.severity]} | {s.title} | {s.fix} |")
    return "\n".join(lines) + "\n"


def count_wanted(spec: CellSpec) -> str:
    """What a count cell takes, for VALUE-COUNT: 本年增/减 may be negative."""
    return "整数（增加填正数，减少填负数）" if spec.kind is Kind.SIGNED else "不小于 0 的整数"
