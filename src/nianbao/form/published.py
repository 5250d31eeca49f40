"""How a published report prints what the importer reads beyond the tables: its 落款 (the organ, then the
date: GB/T 9704-2012 7.3.5, the date in Arabic numerals, though many pages still write it in Chinese ones,
二〇二二年一月二十日, as the 2000 standard had it).
"""

from __future__ import annotations

import datetime as _dt
import re

#: the digits of a year written in Chinese numerals (〇, the circle ○ and 零 all stand for 0)
_YEAR_DIGITS = {ch: str(i) for i, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
                for ch in chars}
_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TEN = "十"
#: the date line of a 落款, in comparable form (whitespace removed): 2022年1月20日, 二〇二二年一月二十日
SIGNATURE_DATE = re.compile(r"^(?:(?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
                            r"|(?P<cyear>[〇○零一二三四五六七八九]{4})年(?P<cmonth>[一二三四五六七八九十]{1,2})月"
                            r"(?P<cday>[一二三四五六七八九十]{1,3})日)$")


def _small_number(text: str) -> int | None:
    """一 … 三十一 (a month or a day in Chinese numerals); None for anything else (十十, 二二)."""
    if _TEN not in text:
        return _SMALL.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition(_TEN)
    if len(tens) > 1 or len(ones) > 1 or _TEN in ones:
        return None
    high = _SMALL.get(tens) if tens else 1
    low = _SMALL.get(ones) if ones else 0
    return None if high is None or low is None else high * 10 + low


def signature_date(line: str) -> _dt.date | None:
    """The date of a 落款's date line (comparable form: no whitespace), or None when the line is not one or
    names no real day (2022年2月30日)."""
    m = SIGNATURE_DATE.match(line)
    if m is None:
        return None
    if m.group("year"):
        y, mo, d = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    else:
        y = int("".join(_YEAR_DIGITS[ch] for ch in m.group("cyear")))
        month, day = _small_number(m.group("cmonth")), _small_number(m.group("cday"))
        if month is None or day is None:
            return None
        mo, d = month, day
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None
