"""What a file's name says of the report in it: the name nianbao gives an office's workbook
(``{office}-{year}年报.xlsx``, ``nianbao template --roster`` and the web page's download), the names clerks
give it themselves (县财政局2025年报, 2025年县财政局年报, 财政局2025年政府信息公开年报, 县财政局.xlsx), and the
copies a mail program or Windows makes of it (``… (1).xlsx``, ``…（问题标注）.xlsx``)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["OFFICE_FILE", "office_named", "same_office_name"]

_YEAR = r"(?P<year>(?:19|20)\d\d)\s*年"
_REPORT = r"(?:度)?[^.]{0,14}?报"  # 年报, 年度报告, 政府信息公开年报
#: an office's workbook as nianbao names it, and as clerks keep naming it: 县教育局-2025年报, 县教育局_2025年度年报,
#: 县财政局2025年报, 财政局2025年政府信息公开年报
OFFICE_FILE = re.compile(r"^(?P<office>[^-_－—\s\d]{2,40}?)\s*[-_－—]?\s*" + _YEAR + _REPORT)
#: the year first: 2025年县财政局年报, 2025年度县财政局政府信息公开工作年度报告
YEAR_FIRST = re.compile(r"^" + _YEAR + r"(?:度)?\s*[-_－—]?\s*(?P<office>[^-_－—\s\d]{2,40}?)(?:政府信息公开)?(?:工作)?"
                        r"(?:年度报告|年报|报告)")
#: a file named only by its office: 县财政局.xlsx, 城关镇人民政府.xls (an organ's ending, so that 汇总.xlsx or
#: 新建工作表.xlsx say nothing)
OFFICE_ONLY = re.compile(r"^(?P<office>[^-_－—\s\d]{1,30}(?:局|委员会|委|办公室|办事处|街道|人民政府|政府|镇|乡|中心|院|所|署))$")
#: copies of a file: 县财政局 (1), 县财政局（问题标注）, 县财政局-副本
_COPY = re.compile(r"\s*(?:[(（][^()（）]{0,12}[)）]|[-_－]?副本)\s*$")
#: what two spellings of an office's name may differ by: 县人民政府办公室 and 县政府办公室
_SPELLING = re.compile(r"人民|\s+")


def office_named(file_name: str) -> str:
    """The office a file's name says the report is of ('' when the name does not say)."""
    stem = unicodedata.normalize("NFKC", file_name.strip()).rsplit(".", 1)[0] if "." in file_name else file_name.strip()
    while (plain := _COPY.sub("", stem)) != stem:
        stem = plain
    for pattern in (OFFICE_FILE, YEAR_FIRST, OFFICE_ONLY):
        m = pattern.match(stem)
        if m:  # a place (示例县2025年报) is not an office: the county's name says nothing of which office
            return "" if m.group("office").endswith(_PLACES) else m.group("office")
    return ""


_PLACES = ("县", "市", "区", "省", "州", "盟", "旗")


def same_office_name(a: str, b: str) -> bool:
    """Whether two names may be one office's: one holds the other (财政局, 县财政局), once spelled alike."""
    a, b = (_SPELLING.sub("", unicodedata.normalize("NFKC", n)) for n in (a, b))
    return bool(a and b) and (a in b or b in a)
