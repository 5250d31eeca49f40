"""What nianbao.publish says: the published document's own phrases (the opening paragraph, which offices
a summary covers, the note of a forced document) and the messages of render and import, as named texts
and ``str.format`` templates with named fields.

The words of the official format that the document prints and the importer matches (the title, the
tables' words, the fonts) are format knowledge, in ``form/published.py``; a finding's text is in
``form/finding_codes.py``.
"""

from __future__ import annotations

from nianbao.wording.read import NO_SUFFIX as NO_SUFFIX  # the same words as read's

# -- the document ------------------------------------------------------------------------------------------
#: the opening paragraph most reports carry (the six parts as 《格式》 names them; the statistics period)
OPENING = ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
           "（{document}）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
           "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分。"
           "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
#: the end of the opening: where to ask (the office, and its phone when 基本信息 has one: ``ASK_PHONE``)
ASK = "如对本报告有疑问，请与{office}联系{phone}。"
ASK_PHONE = "（联系电话：{phone}）"
#: which offices a summary covers; with the roster, how many were asked and how many reported
COVERAGE = "本报告汇总{area}{n}个单位的政府信息公开工作年度报告{counts}：{names}。"
COVERAGE_COUNTS = "（应报{expected}个，已报并汇总{reported}个）"
#: roster offices not in the sum: not reported, or left out (a report with errors, merge --exclude-errors)
COVERAGE_MISSING = "未汇总的单位：{names}。"
#: the title's year, and what a summary's title ends with (全县汇总)
TITLE_YEAR = "{year}年"
AREA_SUMMARY = "（{area}汇总）"
#: the date of the 落款 (2026年1月15日)
SIGNED_DATE = "{year}年{month}月{day}日"
#: printed under a part heading (一, 五, 六) that has no text: a document is proofread before it is published,
#: and an empty heading is easy to miss there (the importer skips this line)
EMPTY_PART = "（未填写）"
#: text a tool wrote into 正文 for its own users, not for the public (a pattern): the note ``merge`` gives a
#: summary ("本报告由 nianbao 汇总…，各单位数字见“明细”表。"); a published report has no 明细 table
INTERNAL_TEXT = r"本报告由\s*nianbao|[“\"]明细[”\"]表"
#: the note at the top of a forced document, its header line, and the line after the errors listed
FORCED_NOTE = "注意：本报告的数据未通过校验（{n} 处错误），仅供核对，不能作为正式报告发布。"
FORCED_HEADER = "未通过校验 · 仅供核对 · 不得作为正式报告发布"
MORE_ERRORS = "……另有 {n} 处错误，详见校验结果。"
#: how the importer knows that note on a page (canonical text, NFKC: …… is ......): its first line, and an
#: error line or the MORE_ERRORS line after it
FORCED_NOTE_START = r"^注意:本报告的数据未通过校验"
FORCED_NOTE_LINE = r"^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+:|(?:……|\.{6})另有\d+处错误)"
#: the head of the first column of a table in the Markdown document: a table's rows, 表四's blocks
MD_ROWS_HEAD = "项目"
MD_BLOCKS_HEAD = "类别"
#: the line naming the columns of 表三 and the members of their group
MD_APPLICANTS = "申请人情况：{columns}。"

# -- render's messages --------------------------------------------------------------------------------------
NO_LIBREOFFICE = "没有安装 LibreOffice（soffice），无法生成 PDF；请安装 LibreOffice，或生成 .docx 后用 Word/WPS 另存为 PDF"
PDF_TIMEOUT = "LibreOffice 在 {seconds} 秒内没有生成 PDF"
PDF_FAILED = "LibreOffice 未能生成 PDF（{error}）"
PDF_NO_OUTPUT = "LibreOffice 没有生成 PDF（没有输出文件）"

# -- import's messages ----------------------------------------------------------------------------------------
#: why a file of another type is not imported (a folder's .json or .xlsx beside the reports, or one named)
UNSUPPORTED_TYPE = "不支持导入“{suffix}”文件，已跳过（可导入的文件类型：{supported}）"
#: the suffix of a file without one, in UNSUPPORTED_TYPE
READ_ERROR = "读取时出错（{reason}）"
OLD_WORD_FILE = "这是旧版 Word（.doc）文件，请先另存为 .docx"
BINARY_EXPECTED = "Word 或 PDF 文件应以二进制读取"
DOCX_DAMAGED = "不是有效的 Word（.docx）文件，可能已损坏（{reason}）；请用 Word 或 WPS 打开后重新另存为 .docx"
DOCX_SWOLLEN = ("Word 文件解压后有 {mb} MB，远大于正常的年报，可能已损坏或含有异常内容，为安全起见未读取；"
                "请用 Word 或 WPS 打开后重新另存为 .docx")
PDF_DAMAGED = "不是有效的 PDF 文件，可能已损坏或加密（{reason}）"
PDF_TOO_MANY_PAGES = "PDF 文件有 {pages} 页，远多于正常的年报，未读取"
PDF_NO_TEXT = "PDF 文件没有文字层（可能是扫描件或以图片导出），无法读取其中的文字和数字"
#: the comment on a total that the published report printed otherwise than its items sum to: the workbook
#: holds the sum (its formula), and the clerk hovering over the cell reads what was published
PRINTED_TOTAL_NOTE = "原文此处印的是 {printed}，与各项之和 {summed} 不一致；本格照原文填写，请核对原文后改正。"
#: a table as findings name it (表三)
TABLE_NAME = "表{number}"
#: IMPORT-TABLE-UNREAD's ``why``
ROWS_NOT_MATCHED = "有 {rows} 行数字，但没有一行的栏目与官方表格对得上"
ONLY_HEADERS = "只找到表头或栏目，没有找到数字"
#: a row of a page without labels, as IMPORT-UNKNOWN-ROW names it
NO_LABEL = "（无标签）"
#: IMPORT-SUBTOTAL's ``what``: subtotal rows (their groups), a subtotal column
SUBTOTAL_ROWS = "小计行（{groups}）"
SUBTOTAL_COLUMN = "“{group}”小计列"
#: 表四's numbers read as one data row, as a finding names the row
DATA_ROW = "数据行"
#: why numbers run together were not split (IMPORT-RUN-AMBIGUOUS)
RUN_MANY = "有不止一种拆法都与该行的栏数和合计相符"
RUN_NONE = "没有一种拆法与该行的栏数和合计相符"
RUN_CROSS = "拆分后与表中其他行的合计不符，可能拆错"
RUN_UNCONFIRMED = "表中其他行缺少数字，无法用各列合计核对拆分是否正确"
#: what became of a row with too few numbers (IMPORT-SHORT-ROW)
SHORT_LOST = "无法确定各数字属于哪一栏，该行已全部留空待补录"
#: IMPORT-T2-2019: an older column carried into the new one; a column named; the rows of columns; nothing
COLUMN_CARRIED = "“{old}”记入“{new}”"
COLUMN_NAMED = "“{column}”"
ROWS_COLUMNS = "{rows}的{columns}"
NOTHING = "（无）"
