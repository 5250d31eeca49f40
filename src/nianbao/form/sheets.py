"""Where things sit in a nianbao workbook, beyond the official tables (whose positions are in the
layout: ``TableSpec.sheet`` / ``origin`` and ``LayoutSpec.a1``). Shared by the template writer and the
reader, so both agree by construction."""

from __future__ import annotations

from nianbao.form.published import SONGTI
from nianbao.form.spec import LayoutSpec, to_a1

GUIDE_SHEET = "填报说明"
INFO_SHEET = "基本信息"
TEXT_SHEET = "正文"
CHECK_SHEET = "校验"
ID_SHEET = "_nianbao"  # very hidden, protected: the identity marks
ISSUES_SHEET = "问题清单"  # added by `check --annotate`; ignored by the reader
#: the font of a nianbao workbook's sheets (宋体, as a published report's tables)
WORKBOOK_FONT = SONGTI

#: 基本信息 / 正文: the label in column A, the value in column B, from row 2 (row 1 is a heading)
FIRST_FIELD_ROW = 1  # 0-based sheet row of the first field
LABEL_COL, VALUE_COL = 0, 1

#: identity marks: key in column A, value in column B of ID_SHEET, in this order
ID_MAGIC = "nianbao"
ID_KEYS = ("magic", "format", "variant", "template_version", "nianbao_version", "level", "included")
#: a summary that summed reports with errors: those offices (the row is absent otherwise)
ID_WITH_ERRORS = "with_errors"
#: the longest text written in one identity cell; longer lists go on in the next cells of the row
ID_CELL_CHARS = 32000

#: the first line of a text nianbao drafted (a summary's narrative from its figures): a draft until the county
#: edits the text and deletes this line; a document leaves it out and warns (RENDER-DRAFT)
DRAFT_MARK = "【草稿】本段由 nianbao 根据汇总数字起草，请核对、修改后删去本行。"

LEVEL_OFFICE = "office"
LEVEL_SUMMARY = "汇总"


def sheet_order(layout: LayoutSpec) -> list[str]:
    """The visible sheets of a template, in order."""
    return [GUIDE_SHEET, INFO_SHEET, *(t.sheet for t in layout.tables), TEXT_SHEET, CHECK_SHEET]


def info_cell(layout: LayoutSpec, key: str) -> str:
    """A1 address (on INFO_SHEET) of the value of 基本信息 field ``key``."""
    keys = [f.key for f in layout.info_fields]
    return to_a1(FIRST_FIELD_ROW + keys.index(key), VALUE_COL)


def info_label(layout: LayoutSpec, key: str) -> str:
    """The label of 基本信息 field ``key`` (``"office"`` -> 单位名称)."""
    return next(f.label for f in layout.info_fields if f.key == key)


def text_cell(layout: LayoutSpec, key: str) -> str:
    """A1 address (on TEXT_SHEET) of the text of 正文 section ``key``."""
    keys = [s.key for s in layout.text_sections]
    return to_a1(FIRST_FIELD_ROW + keys.index(key), VALUE_COL)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (a CJK character
    takes two). Spreadsheet programs do not grow a row for wrapped text written by a library: its
    height must be set, or long messages overlap the next row on screen and in print."""
    lines = 0
    for para in (text or "").split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in para)
        lines += max(1, -(-units // max(1, int(width) - 1)))
    return lines


# -- the sheets a summary workbook adds ------------------------------------------------------------
DETAIL_SHEET, STATUS_SHEET, FILES_SHEET, SUMMARY_ISSUES_SHEET, CHARTS_SHEET = "明细", "状态", "文件", "问题", "图表"
SUMMARY_SHEETS = (DETAIL_SHEET, STATUS_SHEET, FILES_SHEET, SUMMARY_ISSUES_SHEET, CHARTS_SHEET)

#: 明细: fixed columns before the data cells, and where the rows start (0-based sheet rows)
#: (单位名称 and 单位类别 stay the 2nd and 3rd: read.detail reads them there, in summaries of every version)
DETAIL_FIXED = ("序号", "单位名称", "单位类别", "所属县", "状态", "文件", "填报人", "联系电话", "填报日期", "收到时间")
DETAIL_HEADER_ROWS = ("表", "行", "列", "汇总表中的位置")
DETAIL_FIRST_ROW = 1 + len(DETAIL_HEADER_ROWS)
TOTAL_LABEL = "合计"

#: in a summary's list of offices, "甲县｜县财政局": an office of another county than the summary's own
ENTRY_SEP = "｜"


#: the last character of an area's name: 乙县, 甲区, 丙市, 丁旗, 戊州, 己省
AREA_ENDINGS = ("县", "区", "市", "旗", "州", "省")


def area_word(name: str) -> str:
    """How a summary names its whole area: 全县 for 乙县, 全区, 全市, 全旗; 全县 when the name says nothing."""
    last = name.strip()[-1:] if name.strip() else ""
    return f"全{last}" if last in AREA_ENDINGS else "全县"


def split_entry(entry: str) -> tuple[str, str]:
    """An entry of a summary's office list as (county, office); county '' for the summary's own."""
    county, sep, office = entry.partition(ENTRY_SEP)
    return (county.strip(), office.strip()) if sep else ("", entry.strip())
