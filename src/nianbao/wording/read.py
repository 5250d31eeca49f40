"""What nianbao.read says to a user outside the findings catalogue: named texts, ``str.format`` templates.

A finding's own message is in the findings catalogue (``form/finding_codes.py``); here are the details read
passes into a finding's template, the reasons a file is skipped or cannot be read, and the roster's errors.
The labels read matches in a file (a roster's column headings, the words typed for nothing) are format
knowledge and live in ``form/``.
"""

from __future__ import annotations

# -- a summary's 明细 sheet (read.detail): why its rows cannot be used, said after "文件 X" or "它" ------------
#: a summary's 明细 sheet could not be read (said after "文件" / "它"): which file, why, and what to do
DETAIL_UNREADABLE = "（{name}）的“明细”表无法读取：{reason}；请确认文件能用 WPS 打开，或用 nianbao merge 重新生成这份汇总表"
DETAIL_DAMAGED = "的“明细”表无法读取"
DETAIL_FILE_TOO_LARGE = "过大"
DETAIL_SHEET_TOO_LARGE = "的“明细”表过大，无法安全读取"
DETAIL_SHEET_MISSING = "没有“明细”表"
DETAIL_NO_HEADER = "的“明细”表没有表头"
DETAIL_COLUMNS_DIFFER = "的“明细”表的栏目与{layout}不符"
DETAIL_NO_TOTAL_ROW = "的“明细”表没有合计行"
DETAIL_CELL_NOT_A_NUMBER = "的“明细”表 {cell} 不是数字"
DETAIL_TOTALS_DIFFER = "的“明细”表各行之和与汇总表不一致（可能改动过）"
DETAIL_ONLY_SUMMARIES = "的“明细”表中没有单位的数字（只有下级汇总）"

# -- a table on several sheets (read.copies): READ-SHEET-COPY's ``detail`` -----------------------------------
#: why the template's own sheet was passed over for a copy: what is wrong with it (``state``: the texts below
#: joined by 、, or COPY_DEFAULT_DIFFERS), and ``hidden``: COPY_ALSO_HIDDEN when the copy read is hidden too
COPY_CHOSEN = "工作簿中有多张“{sheet}”：工作表“{sheet}”{state}，工作表“{chosen}”{hidden}中填写了数字"
COPY_DEFAULT_HIDDEN = "是隐藏的"
COPY_DEFAULT_BLANK = "没有填写（全部为 0 或空白）"
COPY_DEFAULT_DIFFERS = "与副本不同"
COPY_ALSO_HIDDEN = "（也是隐藏的）"

# -- an input cell (read.inputcells, read.shown, read.xmlcells, read.values): values of findings' templates ---
#: VALUE-HUGE's ``limit``: a count, an amount beyond any report
HUGE_COUNT_LIMIT = "超过 10 亿，不可能是件数"
HUGE_AMOUNT_LIMIT = "超过 1 亿万元（1 万亿元）或小数多于 20 位，不可能是金额"
#: READ-FORMULA's ``how``: an input cell holding a formula without its stored result, computed
FORMULA_COMPUTED = "文件中没有保存它的计算结果（可能是用程序写入的），已由本程序计算"
#: VALUE-FEE's ``decimals_note`` when the format limits an amount's decimals
DECIMALS_NOTE = "，最多 {decimals} 位小数"
#: after a stored value in a message, what the sheet shows for it (its number format rounds it)
SHOWN_AS = "（表格中显示为“{shown}”）"
#: an error cell (#DIV/0!…) whose error value the file does not spell
ERROR_VALUE = "#错误"
#: a value too long to quote whole: its start, then how long it is
LONG_VALUE = "{start}…（共 {length} 个字符）"
#: a cell holding an infinite number (a value beyond the spreadsheet's range)
INFINITE_NUMBER = "超出计算范围的数字"

# -- a file's bytes (read.reading, read.safety): FILE-UNSAFE / FILE-CORRUPT / FILE-MISSING's detail ------------
#: a file over the limit read refuses (``mb``: the limit); publish's importer says it of a page too
FILE_TOO_LARGE = "文件过大（超过 {mb} MB）"
#: bytes given in memory over the limit (``mb``: their size)
BYTES_TOO_LARGE = "文件过大（{mb} MB）"
#: what the byte check says of a file over the limit (``mb``: its size)
FILE_FAR_TOO_LARGE = "文件过大（{mb} MB），年报工作簿通常不超过 1 MB"
ALL_NUL_BYTES = "文件内容全部是空字节，可能下载或复制时中断"
#: FILE-OLD-FORMAT's ``what`` for a web system's "xls" that is Excel 2003 XML
SPREADSHEET_XML_2003 = "Excel 2003 的“XML 电子表格”"
NOT_A_WHOLE_ZIP = "不是完整的压缩包"
#: ``part``: one of the PART_ names below
ZIP_DAMAGED_AT = "压缩包已损坏（{part}）"
#: FILE-SHEET-DAMAGED's ``detail``: a worksheet's part in the zip damaged (its deflate stream or CRC wrong), or absent
SHEET_DATA_DAMAGED = "压缩的数据不完整或校验不符"
SHEET_DATA_MISSING = "文件中找不到它的数据"
#: FILE-REPACKED's ``detail``: how a zip tool left a worksheet's part (an Office password encrypts the whole file)
SHEET_DATA_METHOD = "用了表格程序不用的压缩方式"
SHEET_DATA_ZIP_ENCRYPTED = "加了压缩软件的密码"
#: two sheets of one name, which no spreadsheet program saves (names are unique, 表三 as 表三): an edited file
SHEET_NAME_TWICE = "有两个工作表都叫“{sheet}”（表格程序不会这样保存，文件可能被改动过）"
TOO_MANY_PARTS = "压缩包内有 {count} 个部件，远多于工作簿应有的数量"
INFLATES_TOO_LARGE_MB = "解压后过大（{part}：{mb} MB），疑似压缩炸弹"
INFLATES_TOO_LARGE_AT = "解压后过大（{part}），疑似压缩炸弹"
INFLATES_TOO_LARGE = "解压后过大，疑似压缩炸弹"
RATIO_ABNORMAL = "压缩比异常（{part}），疑似压缩炸弹"
#: a workbook's inner part as a clerk is told of it (``n``: the worksheet's number)
PART_SHEET_DATA = "第 {n} 个工作表的数据"
PART_MEDIA = "其中的图片"
PART_WORKBOOK = "工作簿目录"
PART_SHARED_STRINGS = "文字表"
PART_STYLES = "格式表"
PART_CONTENT = "表格内容"
PART_CONTENT_TYPES = "部件目录"
PART_OTHER = "其中的一个部件"
#: FILE-NOT-SPREADSHEET's ``what``: what the bytes are instead
NOT_SPREADSHEET_DOCX = "这是 Word 文档，不是工作簿"
NOT_SPREADSHEET_PPTX = "这是 PowerPoint 演示文稿，不是工作簿"
NOT_SPREADSHEET_ZIP = "这是一个压缩包，不是工作簿：请先解压，再检查或汇总解压出的文件（收件箱和网页上传可以直接收压缩包）"
NOT_SPREADSHEET_TEXT = "这是文本文件（如 CSV），不是工作簿"
NOT_SPREADSHEET_PDF = "这是 PDF 文件，不是工作簿"
NOT_SPREADSHEET_UNKNOWN = "无法识别的文件类型，不是 .xlsx、.xls 或 .ods 工作簿"
NOT_SPREADSHEET_XLSB = "这是 Excel 二进制工作簿（.xlsb），本程序不读这种格式：请在 Excel 中另存为“Excel 工作簿（.xlsx）”"
NOT_SPREADSHEET_FODS = ("这是 LibreOffice 的平面 XML 表格（.fods），本程序不读这种格式：请在 LibreOffice 中打开，"
                        "另存为“Excel 2007-365 (.xlsx)”或“ODF 电子表格 (.ods)”")
NOT_SPREADSHEET_DOC = "这是 Word 文档（.doc），不是工作簿"
NOT_SPREADSHEET_PPT = "这是 PowerPoint 演示文稿（.ppt），不是工作簿"

# -- a workbook's tables (read.reader, read.reading): FILE-NOT-REPORT / STRUCT-SHEET-DAMAGED's detail ---------------
#: FILE-NOT-REPORT's ``detail``: ``names``, the workbook's first sheets quoted and joined by 、, or NONE
NOT_A_REPORT = "找不到表二、表三、表四（工作表：{names}）"
#: an empty list said (no sheet; in the CLI's count line, no file of any state)
NONE = "无"
#: calamine could not parse the workbook (``kind``: xlsx, xls, ods…)
UNPARSABLE = ".{kind} 文件无法解析（{reason}）"
#: STRUCT-SHEET-DAMAGED's ``detail``: the sheet is there, its rows unreadable, or what is not found on it
SHEET_ROWS_UNREADABLE = "无法读取（工作表已损坏）"
SHEET_NOT_FOUND = "{not_found}（可能被改动、删除或移到了别处）"
TABLE_NOT_FOUND = "找不到“{title}”的表头和各行名称"
ITEM_NAMES_NOT_FOUND = "找不到其中各项的名称（A 列）"
#: SUMMARY-NO-VALUES' ``reason``: ``why``, one of the DETAIL_ texts above (said after "文件")
DETAIL_UNUSABLE = "“明细”表也无法使用（文件{why}）"

# -- a file read in a worker process (read.isolate): FILE-CORRUPT's reason ---------------------------------------
WORKER_TIMED_OUT = "超过 {seconds:.0f} 秒仍未读完，已停止"
READ_FAILED = "读取时出错：{reason}"
WORKER_KILLED = "处理进程被系统终止（{signal}），可能是内存不足"
WORKER_ABORTED = "处理进程异常终止（{signal}），可能是文件内容使读取程序耗尽内存或出错"
WORKER_EXITED = "处理进程意外退出（退出码 {code}）"
ANSWER_NOT_SENT = "结果无法传回"

# -- a table's structure (read.locate): STRUCT-LABEL's ``actual``, STRUCT-ROWS / STRUCT-COLUMNS' ``detail`` ------
#: a label cell found empty
BLANK_CELL = "（空白）"
#: columns moved out of order: ``columns`` is one COLUMN_HOLDS a moved column, joined by ，
COLUMNS_REORDERED = "列的顺序与官方格式不同（{columns}）"
COLUMN_HOLDS = "{column} 列是“{label}”"
#: rows and columns inserted or deleted inside a table (rows numbered from 1, columns by their letters)
ROW_INSERTED = "插入了 {n} 行（第 {row} 行）"
ROWS_INSERTED = "插入了 {n} 行（第 {first} 行至第 {last} 行）"
ROWS_DELETED = "第 {row} 行之前删除了 {n} 行"
COLUMN_INSERTED = "插入了 1 列（{column} 列）"
COLUMNS_INSERTED = "插入了 {n} 列（{first} 列至 {last} 列）"
COLUMNS_DELETED = "{column} 列之前删除了 {n} 列"
#: the whole table moved by ``n`` rows or columns
TABLE_MOVED_DOWN = "表格整体下移了 {n} 行（表格上方插入或删除了行）"
TABLE_MOVED_UP = "表格整体上移了 {n} 行（表格上方插入或删除了行）"
TABLE_MOVED_RIGHT = "表格整体右移了 {n} 列（表格左侧插入或删除了列）"
TABLE_MOVED_LEFT = "表格整体左移了 {n} 列（表格左侧插入或删除了列）"

# -- the files to read (read.paths): why a path is skipped ----------------------------------------------------
FOLDER_UNREADABLE = "文件夹无法打开（{reason}），已跳过"
FOLDER_LINK_LOOP = "文件夹链接指向已经读过的文件夹（循环链接），已跳过"
BROKEN_LINK = "符号链接指向的文件不存在或链接成环，已跳过"
LOCK_FILE = "Office 或 WPS、LibreOffice 的锁定文件（文件正在被打开时产生，不是报告），已跳过"
MACOS_COMPANION = "macOS 生成的附属文件（不是报告），已跳过"
TEMPORARY_FILE = "nianbao 写入文件时的临时文件，已跳过"
#: ``suffix``: the file's extension, or NO_SUFFIX
NOT_A_WORKBOOK_SKIPPED = "不是 Excel 工作簿（{suffix}），已跳过"
NO_SUFFIX = "无扩展名"

# -- an .ods's table part (read.odsguard): why it is not read, and how a far cell is named -------------------------
#: why an .ods is not handed to calamine: its table part is not well-formed XML (LibreOffice refuses such a
#: file too), or declares a DTD (LibreOffice never writes one; calamine would not read it as the guard does)
ODS_DAMAGED = "表格内容不完整或有格式错误"
ODS_DTD = "表格内容中有不应有的 DTD 声明"
#: a cell beyond any sheet's last column (XFD), by its row and column numbers
FAR_CELL = "第 {row} 行第 {col} 列"
#: a table without a name, by its place in the file (from 1)
NTH_SHEET = "第 {n} 个工作表"

# -- an .xls's container and records (read.xls): FILE-CORRUPT's detail ----------------------------------------------
XLS_NO_WORKBOOK = "文件中没有工作簿数据（不是 Excel 文件，或文件不完整）"
XLS_EXCEL_95 = "Excel 5.0/95 格式的旧工作簿"
XLS_SHORTER_THAN_HEADER = "文件不完整（比文件头还短）"
XLS_HEADER_DAMAGED = "文件头已损坏"
XLS_FAT_SIZE_IMPOSSIBLE = "文件头已损坏（扇区表的大小不可能）"
XLS_TRUNCATED = "文件不完整（可能下载或复制时中断）"
XLS_FAT_DAMAGED = "文件的扇区表已损坏（可能下载或复制时中断）"
XLS_CHAIN_DAMAGED = "文件的扇区链已损坏（可能下载或复制时中断）"
XLS_DIRECTORY_DAMAGED = "文件的目录已损坏"
XLS_STREAM_TOO_LARGE = "文件的目录已损坏（{stream} 的大小超过文件本身）"
XLS_RECORD_PAST_END = "记录超出了工作簿数据的末尾（文件不完整）"
XLS_NO_END = "工作簿数据没有结束标记（文件不完整）"
XLS_SHEET_OUTSIDE = "工作表的位置超出了工作簿数据"
XLS_SHEET_START_DAMAGED = "工作表的开头记录已损坏"

# -- the county's 名单 (read.roster): why it cannot be used; ``name``: the file's name ------------------------------
ROSTER_MISSING = "名单文件 {path} 不存在。"
ROSTER_UNREADABLE = "无法读取名单文件 {name}：{reason}。"
#: ``name_column``, ``category_column``: the headings read looks for (``form.roster``)
ROSTER_NO_NAME_COLUMN = ("名单文件 {name} 中找不到“{name_column}”列：请在表头一行写“{name_column}”"
                         "（可再加一列“{category_column}”），下面每行一个单位。")
ROSTER_NO_OFFICE = "名单文件 {name} 中没有任何单位名称。"
ROSTER_READER_FAILED = "无法读取名单文件 {name}：{reason}。请另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。"
ROSTER_TOO_LARGE = "无法读取名单文件 {name}：文件太大，不像一份名单。请另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。"
#: a workbook refused by the byte check; ``problem``: one of the texts below, or the check's own detail
#: ``advice``: one of the ROSTER_ADVICE_ texts, as the problem is
ROSTER_REFUSED = "无法读取名单文件 {name}：{problem}。{advice}"
ROSTER_ADVICE_RESAVE = "请另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。"
ROSTER_ADVICE_TRIM = "请删去多余内容，另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。"
ROSTER_ADVICE_PASSWORD = "请去除打开密码（另存时不设密码），另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。"
ROSTER_ADVICE_EMPTY = "请确认选对了文件：名单中每行一个单位。"
ROSTER_ENCRYPTED = "文件设置了打开密码"
ROSTER_CORRUPT = "文件已损坏"
ROSTER_EMPTY_FILE = "文件是空的"
ROSTER_NOT_A_WORKBOOK = "不是 Excel 工作簿"
ROSTER_FAR_CELL = "工作表“{sheet}”在 {far} 处还有内容，远远超出名单范围，为安全起见未读取"
ROSTER_DUPLICATE = "名单文件 {name} 中“{office}”出现了不止一次，请删去重复的行。"
#: ``choices``: the 单位类别 of the format, joined by 、
ROSTER_BAD_CATEGORY = "名单文件 {name} 中“{office}”的单位类别“{category}”不在可选范围内：{choices}。"
ROSTER_BAD_CATEGORIES = "名单文件 {name} 中有 {count} 个单位的单位类别不在可选范围内（可选：{choices}），请改正后重新导入：{offices}。"
ROSTER_BAD_CATEGORY_OF = "“{office}”填的是“{category}”"
ROSTER_BAD_ENCODING = "名单文件 {name} 的编码无法识别，请另存为 UTF-8 编码的 .csv 或 .xlsx。"
