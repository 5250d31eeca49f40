"""What nianbao.inbox says to a user: named texts, and ``str.format`` templates with named fields."""

from __future__ import annotations

from nianbao.wording import check as _check
from nianbao.wording import merge as _merge

DB_FOLDER_MISSING = "无法打开收件箱 {db}：文件夹 {parent} 不存在。"
DB_FROM_NEWER_VERSION = "收件箱 {db} 由更新版本的 nianbao 建立（数据库版本 {exc}），请升级 nianbao 后再打开。"
CANNOT_OPEN_INBOX = "无法打开收件箱 {db}：{error}（{detail}）"
ACTION_EXPORT = "导出"
EXPORTED_FILES_NOTE = "{n_written} 个文件导出到 {out_dir}"
NOTHING_TO_MERGE = "收件箱中还没有可以汇总的报告：先用 nianbao inbox add 收入各单位的文件。"
ACTION_MERGE = "汇总"
FILE_TOO_LARGE = "文件过大（{mb} MB），年报工作簿通常不超过 1 MB，未保存"
CANNOT_OPEN_FILE = "无法打开文件：{exc}，未保存"
MEMBER_TOO_LARGE = "压缩包中的文件过大（{mb} MB），未保存"
MEMBER_CANNOT_EXTRACT = "压缩包中的文件无法解压（{exc}），未保存"
MEMBER_EXPANDS_TOO_LARGE = "压缩包中的文件解压后过大，未保存"
ACTION_SETTING = "设置"
ACTION_IMPORT_ROSTER = "导入名单"
ROSTER_IMPORTED_NOTE = "{name}：{n_entries} 个单位"
FILE_BEING_READ_TIMEOUT = "文件 {name} 正由另一个进程读取，等待超时；请稍后重试。"
ACTION_RECEIVED = "收到"
ACTION_REOPENED = "重新打开"
REOPENED_NOTE = "收到第 {version} 版，原状态“{reopened}”"
OFFICE_VERSION = "{office} 第 {version} 版"
THAT_FILE = "该文件"
DUPLICATE_OF = "与 {received} 收到的 {name}（{what}）完全相同，记为重复，不作为新版本"
ACTION_DUPLICATE = "重复"
#: a file an office sent through its own upload link that was not taken (another office's report, not a workbook…)
ACTION_REFUSED = "拒收"
#: a file an office sent through its own link, kept but filed under no office
ACTION_RECEIVED_UNFILED = "收到（未归入）"
UNKNOWN_OFFICE = "收件箱中没有单位“{name}”：请核对名称（nianbao inbox status 列出全部单位）。"
CANNOT_ACCEPT_UNSUBMITTED = "“{office}”还没有提交报告，不能确认。"
ACTION_RETURN = "退回"
ACTION_ACCEPT = "确认"
VERSION_NUMBER = "第 {version} 版"
NOT_YET_SUBMITTED = "尚未提交"
NO_FILE_WITH_DIGEST = "收件箱中没有内容摘要为 {sha256} 的文件。"
KEPT = "文件已保存在收件箱中"
#: a file named for one roster office whose 单位名称 is another office that has a report already
NAMED_OTHER_KEPT = "文件名是“{named}”的，单位名称却是“{office}”（该单位另有报告）：没有归到任何单位，以免顶替“{office}”的报告；请核对是哪个单位的报告；" + KEPT
UNREADABLE_KEPT_BECAUSE = "无法读取（{reason}）；" + KEPT
UNREADABLE_KEPT = "无法读取；" + KEPT
#: the status and message of a file ``inbox add`` does not take: a marked-up copy ``check --annotate`` wrote
STATUS_NOT_ADDED = "未收入"
#: files the system makes in a folder by itself, and hidden files: never a report
SYSTEM_FILE_SKIPPED = "Windows 或 macOS 自动生成的文件（如缩略图缓存），不是报告，未收入"
HIDDEN_FILE_SKIPPED = "隐藏文件（通常是系统或程序自动生成的），不是报告，未收入"
MARKED_COPY_NOT_ADDED = "{origin}：是 nianbao 生成的问题标注副本，未收入（不是单位报来的报告）"
NO_OFFICE_NAME_KEPT = "{status}，但报告未填写单位名称，无法归到单位；" + KEPT
ERROR_WARNING_COUNTS = _check.STATE_COUNTS  # a file's counts, as check says them
NO_ERRORS_NO_WARNINGS = "无错误、无警告"
VERSION_RECEIVED = "{office} 第 {version} 版：{status}（{counts}）"
REOPENED_SUFFIX = "；此前“{reopened}”，收到新版本后重新打开"
#: an office whose current version is the blank template (INFO-UNFILLED)
BLANK_VERSION = "第 {version} 版交来的是空白模板（什么都没有填写），不是报告，请催报（也可以退回）"
#: a new version with the same figures and texts as the one reviewed: the review stands
REVIEW_KEPT_SUFFIX = "；与上一版相比数字、文字和检查发现的问题都没有改动，仍为“{review}”"
#: the office whose current version's 填报日期 is earlier than that of the version before it (its note)
EARLIER_DATE_MARK = "早于上一版"
CURRENT_EARLIER_DATE = "第 {version} 版的填报日期" + EARLIER_DATE_MARK + "，可能是旧文件，请核对"
#: a version whose 填报日期 is earlier than that of the version before it
EARLIER_DATE_SUFFIX = "；注意：本版的填报日期（{date}）" + EARLIER_DATE_MARK + "（{previous}），可能是旧文件：汇总和审核用的是最后收到的这一版，请核对"
NOT_ON_ROSTER_SUFFIX = "；该单位不在名单中"
RETURN_NOTE = "退回意见：{note}"
RETURNED = "已退回"
NOT_ON_ROSTER = "不在名单中"
MAYBE_ROSTER_NAME = "，可能是名单中的“{hint}”"
#: the source of a file an office sent through its own upload link (the web page's)
LINK_SOURCE = "单位上传链接（{name}）"
#: an office with no report, and a file kept that could not be filed under any office but may be its
UNPLACED_HINT = "收到的“{file}”（{received}）{how}，未归到任何单位：{why}"
UNPLACED_BY_LINK = "是通过本单位的上传链接交来的"
UNPLACED_BY_NAME = "从文件名看是本单位的"
UNPLACED_HINTS_JOIN = "；"
#: the status table's note on an office not on the roster whose 所属县 is another county's
OTHER_COUNTY_NOTE = "不在名单中：所属县（市、区）是“{county}”，是别的县（市、区）的单位，请转交或退回"
UNNAMED = "未命名"
INBOX_FOLDER = "收件箱"
MERGE_NOTE = "{name}：{n_used} 份报告，"
NOT_SUBMITTED = _merge.STATUS_MISSING  # an office that sent nothing, as merge says it
SUBMITTED_OK = "已提交·通过"
SUBMITTED_WARN = "已提交·有警告"
SUBMITTED_ERROR = "已提交·有错误"
ACCEPTED = "已确认"

NO_FILE_WRITTEN = "（未写文件）"
