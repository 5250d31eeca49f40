"""What a file's name says of the report in it: the name nianbao gives an office's workbook
(``{office}-{year}年报.xlsx``, ``nianbao template --roster`` and the web page's download), and the copies a
mail program or Windows makes of it (``… (1).xlsx``, ``…（问题标注）.xlsx``)."""

from __future__ import annotations

import re

__all__ = ["OFFICE_FILE", "office_named"]

#: an office's workbook as nianbao names it, and as clerks keep naming it: 县教育局-2025年报, 县教育局_2025年度年报
OFFICE_FILE = re.compile(r"^(?P<office>[^-_－—\s]{2,40}?)\s*[-_－—]\s*(?P<year>(?:19|20)\d\d)\s*年(?:度)?(?:\S{0,12})?年?报")


def office_named(file_name: str) -> str:
    """The office a file's name says the report is of ('' when the name does not say)."""
    m = OFFICE_FILE.match(file_name.strip())
    return m.group("office") if m else ""
