"""What nianbao.template says to a user: the template's own words (its 填报说明, the prompts and alerts of its
input cells, the live checks of its 校验 sheet) and the messages of ``nianbao template``; named texts, and
``str.format`` templates with named fields.

The official labels, headings and sheet names the template writes are format knowledge and live in
``nianbao.form`` (``form/common.py``, ``form/sheets.py``). A text that a formula also computes (the 校验
results) is one template here: the formula is built from it (``template.style.formula_text``), so the text
a spreadsheet shows and the cached result nianbao writes cannot drift apart.
"""

from __future__ import annotations

# -- the workbook (workbook, style) --------------------------------------------------------------------
#: the footer's centre: Excel's page-number codes (&P, &N) in a sentence
FOOTER_PAGES = "第 &P 页，共 &N 页"

# -- 基本信息 (sheets) ----------------------------------------------------------------------------------
INFO_COLUMNS = ("项目", "填写内容", "说明")
#: after the label of a field that must be filled in
REQUIRED_MARK = "（必填）"
#: column C of a field filled in from the roster and locked
LOCKED_FROM_ROSTER = "已锁定，与名单一致"
#: the prompts and alerts of the 基本信息 fields (the titles are the fields' labels)
CHOOSE_FROM_LIST = "请从下拉列表中选择"
CHOOSE_ONE_OF = "请选择：{choices}"
YEAR_PROMPT = "本模板适用于 {first}—{last} 年度的报告"
YEAR_ALERT_TITLE = "报告年度有误"
YEAR_ALERT = "本模板（{name}）适用于 {first} 年至 {last} 年度的报告。"
OFFICE_PROMPT = "填写单位全称，与县里名单一致"
OFFICE_ALERT = "请填写单位全称（{minimum} 至 {maximum} 个字）。"

# -- the tables' input cells (sheets) ---------------------------------------------------------------------
#: the line above a table, before the office's name (a formula over 基本信息's 单位名称)
TABLE_OFFICE = "填报单位：{office}"
#: a count cell: its prompt (``where``: the cell's row and column labels) and its alert
COUNT_PROMPT_TITLE = "填写件数"
COUNT_PROMPT = "{where}\n填写 0 或正整数"
COUNT_ALERT_TITLE = "件数有误"
COUNT_ALERT = "件数只能是 0 或正整数（不要填写小数、负数或文字）。"
#: a cell of 增减 (表二's 本年增/减): its prompt and its alert
SIGNED_PROMPT_TITLE = "填写增减数"
SIGNED_PROMPT = "{where}\n整数，减少填负数，如 -3"
SIGNED_ALERT_TITLE = "增减数有误"
SIGNED_ALERT = "请填写整数，增加填正数，减少填负数。"
#: an amount cell: its prompt (the unit, not negative, the decimals, joined by "，") and its alert
AMOUNT_PROMPT_TITLE = "填写金额"
AMOUNT_UNIT_NOTE = "单位：{unit}"
NOT_NEGATIVE = "不小于 0"
AT_MOST_DECIMALS = "最多保留 {decimals} 位小数"
AMOUNT_ALERT_TITLE = "金额有误"
#: ``detail``: the unit and the decimals in brackets (AMOUNT_ALERT_DETAIL), or ''
AMOUNT_ALERT = "请填写不小于 0 的金额{detail}。"
AMOUNT_ALERT_DETAIL = "（{detail}）"
#: above the overall status of the live checks shown beside 表三
T3_STATUS_HEADING = "校验状态（详见“校验”表）"

# -- 正文 (sheets) ---------------------------------------------------------------------------------------
TEXT_COLUMNS = ("部分", "内容（可直接粘贴文字，单元格内换行按 Alt+Enter）")
#: under the label of a part's own text when the part has sub-items too (六): what goes there
OWN_TEXT_HINT = "（下列各项以外需要报告的事项；没有的可不填）"

# -- 校验 (checks, livechecks) ---------------------------------------------------------------------------
#: the result of a check that holds; the result column is coloured by it
CHECK_PASSED = "通过"
#: the overall status (校验!B1, shown again beside 表三): all passed / some failed / nothing typed yet
ALL_CHECKS_PASSED = "✔ 全部 {n} 项校验通过"
CHECKS_FAILED = "✘ 有 {n} 项校验未通过，见“校验”表中的红色行"
NOT_FILLED_YET = "尚未填写：填写各表后，这里显示校验结果"
OVERALL_STATUS = "总体状态"
CHECK_NOTE_LABEL = "说明"
CHECK_NOTE = "本表由公式实时计算，不需要填写。左边、右边两数相等即为通过。"
CHECK_COLUMNS = ("规则", "位置", "左边", "右边", "结果")
#: where a balance of 表三 is checked: its column, and the two sides in words
BALANCE_WHERE = "{sheet} {label}：{left} 与 {right}"
#: a rule that does not hold: both sides and the difference
CHECK_FAILED = "不通过：左边 {left}，右边 {right}，相差 {difference}"
#: a balance of 表三's 总计 column that fails because a column above fails: the same mistake, not counted again
CHECK_FAILED_ABOVE = "不通过（由上面某一列不平衡引起，不另计）"
#: the check of a table's input cells themselves: where, and how many hold what they may not
VALUE_CHECK_WHERE = "{sheet} 填报单元格：文字、负数、小数"
VALUE_CHECK_FAILED = ("不通过：有 {count} 个填报单元格填的是文字（如全角数字“１２”）、负数或小数，"
                      "表格的合计不计入文字；请改填 0 或正整数")

# -- 填报说明 (guide) -------------------------------------------------------------------------------------
GUIDE_HEAD = "政府信息公开工作年度报告 填报说明"
SUMMARY_GUIDE_HEAD = "政府信息公开工作年度报告 汇总表说明"
GUIDE_FORMAT = "格式版本：{name}（{document}）"
GUIDE_CELLS = (
    "一、哪些单元格需要填写",
    "  浅黄色单元格是填报单元格，其余单元格（表头、总计、校验结果）已锁定，不能也不需要修改。",
    "  灰色单元格是总计，由公式自动计算。",
    "  先在“基本信息”表填写单位名称、单位类别、报告年度、填报人、联系电话、填报日期。",
    "  然后依次填写“表二”“表三”“表四”，最后在“正文”表填写报告的文字部分。",
)
GUIDE_NUMBERS_HEADING = "二、怎样填写数字"
GUIDE_COUNTS = (
    "  件数只能填写 0 或正整数，不要填写小数、负数、空格或“件”“无”“/”等文字。",
    "  填报单元格已预先填好 0：本年度没有发生的事项保持 0 即可。例如全年没有收到政府信息公开申请，表三全部保持 0。",
)
#: ``labels``: the quoted column labels of the 增减 cells, joined by "、"
GUIDE_SIGNED = "  {labels}填写整数：增加的填正数，减少的填负数（如 -3），没有变化的填 0。"
#: ``unit``: GUIDE_AMOUNT_UNIT when the label states no unit, or ''; ``decimals``: "，" + AT_MOST_DECIMALS, or ''
GUIDE_AMOUNT = "  “{label}”{unit}填写不小于 0 的数字{decimals}，没有的填 0。"
GUIDE_AMOUNT_UNIT = "（单位：{unit}）"
GUIDE_RULES_HEADING = "三、勾稽关系（校验规则）"
#: a rule of the form: its name (the findings catalogue's) and what it says
GUIDE_RULE = "  {rule}：{meaning}"
GUIDE_RULE_MEANINGS = (
    ("T3-BALANCE", "表三每一列，一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。"),
    ("T3-ROWTOTAL", "表三每一行，总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（公式自动计算）。"),
    ("T3-RESULTTOTAL", "表三每一列，（七）总计 = （一）至（六）各小项之和（公式自动计算）。"),
    ("T4-TOTAL", "表四每一栏，总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（公式自动计算）。"),
)
GUIDE_AFTER_RULES = (
    "  “校验”表实时显示每条规则是否满足：绿色为通过，红色为不通过并列出两边的数字。表三右侧也显示总体校验状态。",
    "  县级及以下单位（县直部门、乡镇、街道）一般没有制定规章，表二“规章”一行通常为 0。",
)
GUIDE_PARTIAL = (
    "四、区分处理怎么计",
    "  同一申请中部分信息公开、部分信息不公开（区分处理）的，只计入“（二）部分公开”，不再计入其他情形。",
    "  每件申请在“三、本年度办理结果”中只计一次；年底尚未办结的计入“四、结转下年度继续办理”。",
)
GUIDE_SUBMIT = (
    "五、提交",
    "  请不要增删工作表、行或列，不要复制到新的工作簿中填写。填好后保存为 .xlsx 文件提交。",
)
#: a summary's 填报说明 (汇总表说明): what it is, and that it can be merged again
SUMMARY_GUIDE_HEADING = "一、这是汇总表"
SUMMARY_GUIDE_MADE = "  本工作簿由 nianbao 汇总 {n_offices} 个单位的年度报告生成（单位名单见“状态”表和“明细”表）。"
SUMMARY_GUIDE_SHEETS = (
    "  表二、表三、表四中的每个数字都是公式，等于“明细”表中各单位该项数字之和，可以逐项追溯到单位。",
    "  “状态”表列出每个单位的提交情况，“文件”表列出每个输入文件及处理结果，“问题”表列出全部问题，"
    "“图表”表是主要数字的图表。",
    "  请不要手工修改表格中的数字；单位报告有误的，请退回单位改正后重新汇总。",
    "  “正文”表（一、总体情况，五、存在的主要问题及改进情况，六、其他需要报告的事项）由汇总单位自行填写。",
)
SUMMARY_GUIDE_AGAIN = (
    "二、逐级汇总",
    "  汇总表本身也是一份合格的年报：可以用 nianbao check 检查，也可以与其他汇总表一起用 nianbao merge 再汇总"
    "（如市汇总各县的汇总表），结果与直接汇总全部单位相同。",
)

# -- nianbao template (jobs) ----------------------------------------------------------------------------
#: the released templates kept in workbook_templates/
RELEASED_2021_FILENAME = "年报模板-2021年版.xlsx"
RELEASED_2021_HENAN_FILENAME = "年报模板-2021年版-河南.xlsx"
RELEASED_2019_FILENAME = "年报模板-2019年版.xlsx"
#: a roster office's template (``office``: its name made safe for a file name)
OFFICE_TEMPLATE_FILENAME = "{office}-{year}年报.xlsx"
#: a file name for an office whose name has no character a file name can hold
UNNAMED_OFFICE = "未命名单位"
#: the file name the messages give as an example of -o
EXAMPLE_FILENAME = "年报模板.xlsx"
YEAR_OUT_OF_RANGE = "报告年度 {year} 不在 {first}—{last} 之间（{first} 年起才有统一的年报格式）。"
UNKNOWN_VARIANT = "没有“{variant}”这种格式变体（{format} 年版可用：{known}）。"
UNKNOWN_CATEGORY = "单位类别“{category}”不在可选范围内：{choices}。"
SAME_FILENAME = ("名单中“{first}”和“{second}”生成的文件名相同（{filename}），一个会覆盖另一个。"
                 "请在名单中把两个名称区分开（文件名中不能有 \\ / : * ? \" < > | 等字符）。")
ROSTER_NEEDS_OUT_DIR = "使用 --roster 时请用 --out 指定输出目录。"
FILES_EXIST = ("这些文件已存在，没有生成任何模板：{files}。它们可能是单位交回的报告；"
               "请换一个输出目录，或确认要覆盖时加 --force。")
CANNOT_WRITE_FOLDER = "无法写入目录 {folder}：{reason}"
NO_OUTPUT_FILE = "请用 -o 指定输出文件，例如：nianbao template -o {example}"
NOT_XLSX = "输出文件 {out} 应以 .xlsx 结尾，例如：nianbao template -o {example}"
OUTPUT_IS_FOLDER = "{out} 是一个目录，请给出文件名，例如：{example}"
FILE_EXISTS = "{out} 已存在，没有覆盖。请换一个文件名，或确认要覆盖时加 --force。"
CANNOT_WRITE_FILE = "无法写入 {out}：{reason}"
