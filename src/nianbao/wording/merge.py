"""What nianbao.merge says to a user: the summary workbook's titles, headers and notes, the labels of each
file's outcome and each office's status, the notes that say why, and the messages of a merge that cannot run.

A finding's own message is not here but in the findings catalogue (``form/finding_codes.py``); the summary
workbook's sheet names and the 明细 sheet's fixed columns, which the reader looks for, are format data
(``form/sheets.py``); the labels of the form a drafted narrative looks for are in ``form/draft_labels.py``.
"""

from __future__ import annotations

# -- the fate of one input file (``merge.outcome.Outcome``: the 文件 sheet's 处理结果, the JSON) -----------
OUTCOME_INCLUDED = "计入汇总"
OUTCOME_SUPERSEDED = "已被更新的报告取代"
#: one of several files of an office that neither the 填报日期 nor the file time tells apart (MERGE-TIED)
OUTCOME_TIED = "与另一份分不出先后，未计入"
OUTCOME_DUPLICATE = "重复文件"
OUTCOME_REFUSED = "未计入"
OUTCOME_EXCLUDED = "有错误，未计入"
OUTCOME_UNREADABLE = "无法读取"
OUTCOME_NOT_ON_ROSTER = "名单外，未计入"
OUTCOME_IN_SUMMARY = "已含在汇总中"

# -- an office's status (``merge.outcome.Status``: the 状态 sheet, the console, the JSON) -----------------
#: an office that sent a report, by the report's own status (通过 / 有警告 / 有错误)
STATUS_SUBMITTED = "已提交·{status}"
#: an office sent a report that is not summed (another year or format…)
STATUS_NOT_COUNTED = "已提交·未计入"
STATUS_MISSING = "未提交"
STATUS_OFF_ROSTER = "名单外"

#: 是否计入汇总
YES, NO = "是", "否"
#: the ``file`` of findings about the summary as a whole
COUNTY_FILE = "（汇总）"
#: how a summary is named when nothing names it (no county, no --name), also a summary file's blank 单位名称
UNNAMED_SUMMARY = "汇总"
#: the 所属县 of an office that left it blank, where offices of one name are told apart by county
COUNTY_NOT_GIVEN = "所属县未填"

# -- why a file is not summed (the notes of 文件 and 状态) -------------------------------------------------
OTHER_FORMAT_NOTE = "使用的是 {actual} 年版格式（本次汇总是 {expected} 年版），未计入"
OTHER_YEAR_NOTE = "交来的是 {actual} 年度报告（本次汇总 {expected} 年度），未计入"
SUMMARY_UNPROVEN_NOTE = "汇总文件的单位名单或数字与它的“明细”表不符，未计入"
#: a blank template sent back (nothing filled in, not even the office's name)
BLANK_NOTE = "交来空白模板（什么都没有填写），未计入"
#: MERGE-BLANK's ``office`` when the blank template names none
THE_OFFICE = "该单位"
NO_OFFICE_NOTE = "没有填写单位名称，未计入"
DUPLICATE_NOTE = "与 {other} 相同"
#: Chinese numerals in file names (第二版, 第十二稿), read as numbers to order versions: the digits 0–9, 〇 (0), 两 (2), 十 (10)
HAN_DIGITS, HAN_ZERO, HAN_TWO, HAN_TEN = "零一二三四五六七八九", "〇", "两", "十"
SUPERSEDED_NOTE = "被 {other} 取代（{reason}）"
#: a file whose name names another office than its 单位名称, that office having a report of its own
NAMED_OTHER_NOTE = "文件名是“{named}”的，单位名称却是“{office}”（另有报告 {other}），未计入"
TIED_NOTE = "未计入，{how} {other}（{reason}）"
#: why a file is superseded by another of its office
LATER_DATE = "填报日期较晚"
LATER_FILE_TIME = "文件修改时间较晚"
#: neither the 填报日期 nor the file time tells which is later (files out of one zip, copies keeping their times)
#: (which one was taken is named by TIED_NOTE's ``other``; ``times``: SAME_TIME or CHAIN_TIME)
SAME_DATE_AND_FILE_TIME = "填报日期相同，{times}，分不出先后，请核对哪份是最终版本"
SAME_FILE_TIME = "{times}，分不出先后，请核对哪份是最终版本"
#: the same when the 填报日期 could not be compared (``why``: DATES_UNREADABLE, DATES_IMPOSSIBLE, DATES_BLANK)
DATES_NOT_READ_SAME_TIME = "填报日期{why}，{times}，分不出先后，请核对哪份是最终版本"
#: the same when one of the two files' 填报日期 could not be compared (``whose``: that file, ``why`` as above)
DATE_OF_ONE_NOT_READ_SAME_TIME = "“{whose}”的填报日期{why}，{times}，分不出先后，请核对哪份是最终版本"
SAME_TIME = "文件修改时间相同或只差 2 秒以内"
#: files copied one after another (a slow USB stick): each within 2 s of the next, the first and last further apart
CHAIN_TIME = "文件修改时间一个接一个，相邻的只差 2 秒以内（像是一起复制的）"
#: words by which a file's name calls it a draft or the old one: in a tie, such a file is not the one taken
DRAFT_WORDS = ("初稿", "草稿", "（旧）", "(旧)", "旧版", "原稿", "备份", "作废")
#: how the file taken in a tie was chosen (MERGE-TIED's and TIED_NOTE's ``how``)
TAKEN_BY_NAME = "按文件名顺序取了"
TAKEN_BY_DATE = "取了填报日期有效的"
#: after LATER_FILE_TIME: why the 填报日期 did not decide (``why``: DATES_UNREADABLE and/or DATES_IMPOSSIBLE)
COMPARED_BY_FILE_TIME = "；填报日期{why}，按文件修改时间比较"
DATES_UNREADABLE = "{dates}无法识别"
#: among DATES_UNREADABLE and DATES_IMPOSSIBLE: a file whose 填报日期 is blank (all of them: DATES_ALL_BLANK)
DATES_BLANK = "有的没有填写"
DATES_ALL_BLANK = "都没有填写"
DATE_BLANK = "没有填写"
DATES_IMPOSSIBLE = "{dates}，不可能是真的"
#: why a 填报日期 cannot be true (MERGE-DATE-IMPLAUSIBLE's ``why``)
DATE_AFTER_TODAY = "晚于今天（{today}）"
DATE_BEFORE_YEAR_END = "早于报告年度的最后一个月（{first} 以前）"
SUMMARY_REPLACED_NOTE = "其中各单位都另有单独的报告，按单位的报告汇总"
OVERLAP_NOTE = "与 {other} 都包含{offices}，为免重复计算，未计入"
SUMMARY_CONFLICT_NOTE = "其中的单位另交了自己的报告，须确定用哪一份；汇总文件未计入"
OTHER_COUNTY_NOTE = "是{county}的单位（所属县（市、区）填的是“{county}”），不是{home}的，未计入汇总"
NOT_ON_ROSTER_NOTE = "不在名单中，未计入汇总{maybe}"
MAYBE_ON_ROSTER = "；可能是“{name}”"
#: MERGE-NOT-ON-ROSTER's ``suggestion``: the report is another county's, or the closest roster name
ROSTER_OTHER_COUNTY = "（报告中的所属县（市、区）是“{county}”，不是{home}）"
ROSTER_CLOSEST = "（名单中最接近的是“{name}”）"
#: MERGE-MIXED-VARIANT's ``reason``: why the summary uses the variant it does
VARIANT_OF_MOST = "（多数报告使用该格式）"
VARIANT_FITS_NOT = "（汇总数字不符合{variant}的要求，如收费金额的小数位数）"
#: why a summary among the inputs is not believed (MERGE-SUMMARY-UNPROVEN's ``reason``, said of “它”)
SUMMARY_DETAIL_PROBLEM = "它{problem}"
DETAIL_SUMS_DIFFER = "它的“明细”表各行之和与汇总表不一致"
DETAIL_ROWS_MISSING = "它的单位名单中的{offices}{more}在“明细”表中没有数字"
AND_OTHERS = "等"
#: why a file found is not read as an input (the 文件 sheet, the console)
OWN_OUTPUT_SKIPPED = "是本次汇总的输出文件（上次汇总的结果），不作为输入"
MARKED_COPY_REASON = "是 nianbao 生成的问题标注副本，未计入"

# -- last year's files (merge --previous) -----------------------------------------------------------------
#: MERGE-PREVIOUS-UNUSED's ``reason``
PREVIOUS_OTHER_YEAR = "是 {actual} 年度的报告，上年的其他文件是 {expected} 年度"
PREVIOUS_OTHER_FORMAT = "使用 {actual} 年版格式，上年的其他文件使用 {expected} 年版格式"
#: MERGE-PREVIOUS-NO-DETAIL's ``reason`` when the reader said nothing
DETAIL_NOT_READ = "的“明细”表未读取"
#: the cross-year findings' ``scope`` when only some offices report in both years
BOTH_YEARS_SCOPE = "（只比较两年都有报告的 {count} 个单位之和）"

# -- an office's row in the status table ------------------------------------------------------------------
SUMMED_WITH_ERRORS = "有 {errors} 处错误，仍计入汇总（见“问题”表）"
BLANK_SENT_BACK = "交来空白模板（{file}），没有填写任何内容，请催报"
HINT_OFF_ROSTER = "名单外的“{office}”（{file}）可能就是该单位"
HINT_OFF_ROSTER_BLANK = "名单外的“{office}”（{file}）可能就是该单位，但交来的是空白模板，请催报"
HINT_UNREADABLE = "文件 {file} 无法读取，从文件名看可能是该单位的报告"
#: a roster office that sent nothing under its name, and a file named for it that gives another office's name
HINT_NAMED_OTHER = "文件 {file} 按文件名是该单位的报告，但单位名称填的是“{office}”（{outcome}）"
HINT_COUNTED_AS = "已作为“{office}”的报告计入汇总"
NO_OFFICE_NAME = "（未填写单位名称）"

# -- the lines over the status table (the 状态 sheet, the console) ---------------------------------------
#: who a summary includes, as told to the clerk (the 状态 sheet's notes; the CLI help says the same)
ROSTER_POLICY = ("给出名单时，只汇总名单中的单位：名单外单位的报告列为“名单外”、不计入汇总，并提示名单中最接近的名称；"
                 "确属本级的单位请加入名单，名称写法不同的请单位改正后重新提交。不给名单时，汇总读到的全部报告。")
NO_ROSTER_POLICY = "本次汇总没有给出名单：读到的全部报告都计入汇总，“状态”表列出的就是提交了报告的单位。"
ERRORS_POLICY = ("有错误的报告默认计入汇总（汇总数字因此可能不准确，本表和“问题”表会标明）；"
                 "汇总时选择“不计入有错误的报告”（命令行选项 --exclude-errors）则不计入。")
LATEST_POLICY = (f"同一单位有多份报告的，按填报日期（相同时按文件修改时间）取最新的一份，其余列为“{OUTCOME_SUPERSEDED}”；"
                 "其中有一份的填报日期不能用于比较（未填、看不懂或不可能是真的），就都按文件修改时间比较。")
TIE_POLICY = ("填报日期和文件修改时间都分不出先后的（修改时间相同或只差 2 秒以内，或一个接一个、相邻的只差 2 秒以内），"
              f"取填报日期有效的，再按文件名顺序取排在后面的一份，其余列为“{OUTCOME_TIED}”，请核对。")
SAME_FILES_POLICY = "内容完全相同的文件只计一次。年度或格式版本与其他报告不同的报告不计入汇总。"
FORMULAS_NOTE = "汇总表（表二、表三、表四）中的每个数字都是“明细”表合计行的公式，可以逐项追查到各单位。"
ERRORS_WARNING = "注意：汇总计入了 {count} 份有错误的报告（{offices}），汇总数字可能不准确。"
#: the overview line, its parts joined by "；" (``counts``: SENT_COUNTS)
SENT_COUNTS = "（通过 {ok}，有警告 {warn}，有错误 {err}{not_counted}）"
NOT_COUNTED_COUNT = "，未计入 {count}"
ROSTER_OVERVIEW = "名单 {roster} 个单位：已提交 {sent} 个{counts}，未提交 {missing} 个"
OFF_ROSTER_OVERVIEW = "名单外 {count} 个（{other_county}未计入汇总）"
OTHER_COUNTY_COUNT = "其中外县单位 {count} 个，"
SENT_OVERVIEW = "共 {sent} 个单位提交{counts}"
NAMELESS_OVERVIEW = "没有单位名称的文件 {count} 个（未计入汇总）"
UNREADABLE_OVERVIEW = "无法读取的文件 {count} 个"
SUMMED_OVERVIEW = "汇总计入 {reports} 份报告（共 {offices} 个单位）{with_errors}"
WITH_ERRORS_COUNT = "，其中 {count} 份有错误"
#: after an office's status in the demo's lines
NOT_SUMMED = "，未计入汇总"

# -- the summary workbook's own sheets --------------------------------------------------------------------
STATUS_HEADER = ("序号", "单位名称", "单位类别", "状态", "是否计入汇总", "文件", "错误数", "警告数", "说明")
#: 状态 and 明细 carry them too (the CSV of 状态 after its columns)
CONTACT_HEADER = ("所属县", "填报人", "联系电话", "填报日期", "收到时间")
STATUS_TITLE = "{name} {year} 年度政府信息公开工作年度报告汇总：提交情况"
ERRORS_EXCLUDED_NOTE = "本汇总按要求没有计入有错误的报告。"
OFF_ROSTER_WARNING = "注意：{count} 份报告的单位不在名单中，未计入汇总（见下表“名单外”各行）。"
NOTES_HEADING = "说明："
FILES_HEADER = ("序号", "文件", "单位名称", "所属县", "报告年度", "格式", "处理结果", "状态", "错误数", "警告数", "说明",
                "填报日期", "收到时间")
FILES_TITLE = "输入的文件（共 {count} 个）及处理结果"
#: the 处理结果 of a file found in a folder but not read
SKIPPED_OUTCOME = "未读取（已跳过）"
ISSUES_HEADER = ("序号", "文件", "单位名称", "级别", "代码", "工作表", "单元格", "行", "列", "说明", "怎么改")
ISSUES_TITLE = "问题清单：各文件的全部问题（共 {count} 条）"
DETAIL_TITLE = "明细：各单位报告的数据（每行一份报告，最后一行为合计；{name}汇总表中的数字由本表合计行得出）"
#: the 图表 sheet: applications per office, the county's handling results
CHART_RECEIVED_TITLE = "各单位本年新收政府信息公开申请数量{top}"
CHART_TOP_OFFICES = "（前 {count} 个单位）"
CHART_RECEIVED_COLUMNS = ("单位名称", "本年新收申请数")
CHART_RESULTS_TITLE = "{name}政府信息公开申请办理结果"
CHART_RESULTS_COLUMNS = ("办理结果", "件数")

# -- the CSV forms ---------------------------------------------------------------------------------------
#: the detail CSV's columns before the data cells (CONTACT_HEADER after them)
DETAIL_CSV_COLUMNS = ("单位名称", "单位类别", "状态", "文件")
#: the status CSV beside the detail CSV
STATUS_CSV_NAME = "{stem}-状态{suffix}"

# -- a summary's narrative drafted from its figures (正文 一's 主动公开 and 依申请公开) ------------------------
NO_REQUESTS = "{area}未收到政府信息公开申请。"
REQUESTS_RECEIVED = "{area}共收到政府信息公开申请{count}件"
MORE_THAN_LAST_YEAR = "，较上年增加{count}件"
FEWER_THAN_LAST_YEAR = "，较上年减少{count}件"
SAME_AS_LAST_YEAR = "，与上年持平"
CARRIED_OVER = "，上年结转{count}件。"
#: the largest results (RESULT_SHARE each, joined by "；")
RESULTS_AMONG = "办理结果中，{results}。"
RESULT_SHARE = "{result}{count}件，占{share}"
CARRIED_FORWARD = "结转下年度继续办理{count}件。"
REVIEWS_AND_SUITS = "{area}发生政府信息公开行政复议{reviews}件、行政诉讼{suits}件。"
NO_REVIEWS_OR_SUITS = "{area}未发生政府信息公开行政复议、行政诉讼案件。"
ISSUED = "{area}制发规章和行政规范性文件{count}件"
IN_FORCE = "，现行有效{count}件"
#: the decisions (DECISION_COUNT each, joined by "、"), after ISSUED or on their own
DECISIONS_AFTER = "；作出"
DECISIONS_MADE = "{area}作出"
DECISION_COUNT = "{decision}{count}件"
FEES = "；收取行政事业性收费{amount}万元"

# -- a merge that cannot run (``merge.job.MergeRefused``) -------------------------------------------------
NO_INPUTS = "没有找到要汇总的工作簿：{inputs}"
NO_PREVIOUS = "没有找到上年的报告：{inputs}"
OUTPUT_IS_A_REPORT = ("输出文件 {out} 是要汇总的一份报告（不是上次生成的汇总表），不能覆盖输入文件。"
                      "请另给一个输出文件名，如：-o 全县汇总.xlsx")
OUTPUT_IS_AN_INPUT = "输出文件 {output} 就是输入文件 {input}，不能覆盖输入文件。请另给一个输出文件名。"
OUTPUT_EXISTS = "输出文件已存在：{paths}。如要覆盖，请加 --force。"
SUMMARIES_NEED_NAME = "要汇总的是不同地区的汇总文件（{areas}），请用 --name 给出汇总名称，如：--name 某市"
CANNOT_WRITE_OUTPUT = "无法写入输出文件：{reason}"

#: how a copy of a file is named by Windows, WPS, macOS or a mail program: "X - 副本", "X(1)", "X - Copy"
#: (matched case-insensitively against a file name's stem)
COPY_MARK = r"(?:\s*-\s*|\s+)?(?:副本|copy)(?:\s*[(（]?\d+[)）]?)?$|\s*[(（]\d+[)）]$|^(?:copy of|副本)\s*[-－]?\s*"

#: MERGE-PREVIOUS-NO-TEXT: what last year's files were
PREVIOUS_SUMMARY_NO_TEXT = "汇总文件“{name}”（“明细”表只记各单位的数字）"
PREVIOUS_REPORTS_NO_TEXT = "报告（“正文”是空的）"
AND_MORE = "等 {n} 个"
