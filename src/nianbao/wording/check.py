"""What nianbao.check says to a user: named texts, and ``str.format`` templates with named fields.

A finding's own message is not here but in the findings catalogue (``form/finding_codes.py``); here are the
words check puts around findings (the annotated copy, the 退回修改通知 and 退回修改名单) and the few values it
passes into a finding's template.
"""

from __future__ import annotations

from nianbao.wording import read as _read

# -- values passed into a finding's template (validate, plausible, rules, checkfile) --------------------
#: INFO-CATEGORY's ``read_as``: how the 单位类别 was understood for the rules that depend on it
CATEGORY_CHECKED_AS = "已按“{category}”检查"
CATEGORY_NOT_CHECKED = "未能检查“规章”一项（L-RULES）"
#: P-FEE-YUAN's ``category`` when 单位类别 is blank or not understood
CATEGORY_BLANK = "未填写单位类别"
#: why a file is skipped by check: it is inside the folder the annotated copies go to
#: the folder of copies for an input folder without a name of its own (a drive's root), with several inputs
INPUT_FOLDER = "输入文件夹"
IN_ANNOTATE_FOLDER = "在标注副本的输出文件夹（--annotate）中，不再检查"

#: READ-TEXT-NUMBERS / READ-TEXT-TOTALS: one cell typed as text, as the message names it
TYPED_CELL = "{cell}“{typed}”按 {read} 读取"
#: READ-TEXT-TOTALS: a total the spreadsheet shows otherwise, skipping the text
TOTAL_SHOWN = "{cell} 显示 {shown}，应为 {right}"
LIST_SEP = "；"
#: after the cells a message names when there are more (all are marked in the annotated copy)
AND_MORE = "……"

# -- the annotated copy (annotate) -----------------------------------------------------------------------
ANNOTATED_FILENAME = "{stem}（问题标注）{suffix}"
#: the columns of the 问题清单 sheet
ISSUES_COLUMNS = ("序号", "级别", "代码", "工作表", "单元格", "行", "列", "问题说明", "怎么改")
ISSUES_TITLE = "问题清单：{name}（{status}，错误 {errors} 个，警告 {warnings} 个）"
NO_PROBLEMS_FOUND = "没有发现问题。"
#: one finding in a marked cell's comment, and the comment's author
COMMENT_ITEM = "【{severity}】{message}\n怎么改：{remedy}"
COMMENT_AUTHOR = "nianbao 校验"
#: why a copy is built afresh from what was read (``original``: ORIGINAL, or ORIGINAL_NAMED on 问题清单)
REBUILT_FORMAT = "{original}是 {suffix} 格式，不能直接标注"
REBUILT_MERGES = "{original}中有覆盖大片空白区域的合并单元格，不能直接标注"
ORIGINAL = "原文件"
ORIGINAL_NAMED = "原文件 {name} "
NO_EXTENSION = _read.NO_SUFFIX  # read's words
REBUILT_NOTE = "{why}，由文件中读到的数据重新生成为 .xlsx"
REBUILT_SHEET_NOTE = "说明：{why}；本副本是按原文件中读到的数字和文字重新生成的 .xlsx（数字已按读取结果写入）。请在原文件中改正。"
#: why a file got no annotated copy
NOT_ANNOTATED_UNREADABLE = "文件无法读取，没有生成标注副本"
NOT_ANNOTATED_MOVED = "{why}，且表格结构与模板不同，无法生成标注副本；请按屏幕上列出的问题改正，或另存为 .xlsx 后再检查"
NOT_ANNOTATED_SAME_PLACE = "输出位置与原文件相同，未生成标注副本"
CANNOT_CREATE_FOLDER = "无法创建文件夹 {folder}（{reason}）"
CANNOT_WRITE_COPY = "无法写入标注副本 {target}（{reason}）"
CANNOT_MAKE_COPY = "无法生成标注副本（{reason}）"

# -- the 退回修改通知 of an office (sendback) ------------------------------------------------------------
NOTICE_FILENAME = "{name}（退回修改通知）.txt"
NOTICE_TITLE = "政府信息公开工作年度报告 退回修改通知"
#: the addressee when the files name no office
SENDER_OF_FILE = "报送《{name}》的单位"
SENDER = "报送单位"
YOUR_FILE = "你单位报送的{verdict}"
YOUR_FILES = "你单位报送的 {n_files} 个文件经检查有问题，逐个列在下面，请处理后重新报送。"
FILE_NUMBERED = "文件 {number}：{verdict}"
#: what was found in one file (``year``: OF_YEAR or '')
OF_YEAR = "（{year} 年度年报）"
VERDICT_UNREADABLE = "《{name}》无法读取，请按下列意见处理后重新报送。"
VERDICT_BLANK_TEMPLATE = "《{name}》{year}是没有填写的空白模板，请填写本单位的年报后重新报送。"
VERDICT_ERRORS = "《{name}》{year}经检查有 {errors} 处错误{also}，请改正后重新报送。"
AND_WARNINGS = "、{warnings} 处需要核对"
VERDICT_WARNINGS = "《{name}》{year}经检查没有错误，有 {warnings} 处需要核对；请逐项核对，确实需要改动的，改正后重新报送。"
VERDICT_NOTHING_FOUND = "《{name}》{year}经检查没有发现错误或需要核对的地方。"
MARKED_COPY_ENCLOSED = ("{indent}随附标注了问题的副本《{marked}》：有问题的单元格已标红（错误）或标橙（警告），"
                        "鼠标移到单元格上可以看到说明，第一张工作表“问题清单”列出了全部问题。")
#: the notice's sections: their numbers, the errors (``severity``: the word for an error) and the warnings
SECTION_NUMBERS = ("一", "二")
TO_CORRECT = "须改正的{severity}"
TO_VERIFY = "请核对的地方"
#: a finding of a whole sheet (no cell), and the remedy under a finding
WHOLE_SHEET = "工作表“{sheet}”"
REMEDY_LINE = "{indent}   怎么改：{remedy}"
COUNTY_NOTE = "县里的意见：{note}"
RESEND_AS_XLSX = "改好后请用县里下发的模板（或原工作簿）保存为 .xlsx 重新报送，不要改动表格结构。"
RESEND_BY = "请于 {deadline} 前重新报送。"
CONTACT = "联系人：{contact}"
NO_CONTACT = "如有疑问，请与县政府信息公开工作机构联系。"
NOTICE_MADE_BY = "（本通知由 nianbao 校验生成，{date}）"

# -- the 退回修改名单 (sendback) ------------------------------------------------------------------------
SENDBACK_LIST_FILENAME = "退回修改名单.txt"
LIST_TITLE = "退回修改名单（共检查 {n_files} 个文件）"
OFFICES_TO_SEND_BACK = "须退回修改的单位（有错误、无法读取或交来空白模板）：{n_offices} 个"
OFFICES_TO_CHECK = "请核对的单位（只有警告，不必退回）：{n_offices} 个"
FILES_WITHOUT_PROBLEMS = "没有发现问题的文件：{n_files} 个"
#: files the county deals with itself before anything is sent back (a .zip of the offices' files)
FILES_FOR_COUNTY = "县里先处理的文件（压缩包：请解压后再检查解压出的文件；不要退回，没有写退回修改通知）：{n_files} 个"
FILE_FOR_COUNTY = "{number}. {path}"
NOTICE_AT = "　通知：{notice}"
#: a file's state on the list, after its path (``why``: the title of the first error that kept it unread)
STATE_UNREADABLE_BECAUSE = "无法读取：{why}；请把退回修改通知转给报送单位，按通知处理后重新报送"
STATE_UNREADABLE = "无法读取；请把退回修改通知转给报送单位，按通知处理后重新报送"
STATE_BLANK_TEMPLATE = "交来的是空白模板，没有填写"
STATE_NO_PROBLEM = "没有发现问题：可能是改好后重交的，请确认用哪一份"
STATE_OTHER_YEAR = "没有发现问题，但这是 {year} 年度的报告（该单位另有 {latest} 年度的）：请确认是否交错了文件"
STATE_COUNTS = "错误 {errors} 处，警告 {warnings} 处"
#: the office of a file that names none
OFFICE_FROM_FILENAME = "{guess}（单位名称未读出，按文件名）"
OFFICE_UNKNOWN = "单位名称未知"
#: a file whose name names another office than its 单位名称 (INFO-OFFICE-FILE-NAME)
OFFICE_NAMED_OTHERWISE = "{named}（按文件名；单位名称填的是{office}）"
#: what follows an office's name in a report's file name (a year, 年报, a bracket…): a regular expression
FILENAME_AFTER_OFFICE = r"[-_－—\s]*(?:(?:19|20)\d\d|年报|年度报告|（|\().*$"
#: where a published document's opening paragraph (before 一) is named in a finding
OPENING_HEADING = "开头一段"

#: NARR-COPY-YEAR: what the copy of last year's narrative changed
COPY_UNCHANGED = "一字未改"
COPY_FIGURES_ONLY = "只改了数字"
COPY_FEW_WORDS = "只改了个别字句"
#: NARR-SAME-YEAR / NARR-COPY-YEAR without a year or an office name (and MERGE-PREVIOUS-YEAR's ``expected``)
THE_YEAR_BEFORE = "上一"
THIS_OFFICE = "本单位"
#: what the narrative rules call the title of a published document, and NARR-SUB-MISSING's ``found`` when 一
#: has no sub-heading at all
TITLE_HEADING = "标题"
NO_SUB_HEADINGS = "没有小标题"
