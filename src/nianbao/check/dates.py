"""填报日期 as people write it, and whether it can be true for the report year.

``parse_date`` is the merge's reading (``merge.identify``) so that check and merge agree on which
dates they understand; check may not import the merge (it is the layer above)."""

from __future__ import annotations

import datetime as _dt
import re

_DATE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")
_US_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")
_SERIAL = re.compile(r"\s*(\d{5})(?:\.0+)?\s*")
_DIGITS = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\s*")


def parse_date(text: str) -> _dt.date | None:
    """A 填报日期: 2026-01-15, 2026/1/15, 2026年1月15日, 2026.01.15, 20260115, 1/20/2026 when only one
    reading is a date, or the date serial number (46037) of a cell that lost its date format."""
    text = str(text or "")
    serial = _SERIAL.fullmatch(text)
    if serial and 36526 <= int(serial.group(1)) <= 73050:  # 2000-01-01 .. 2099-12-31
        return _dt.date(1899, 12, 30) + _dt.timedelta(days=int(serial.group(1)))
    us = _US_DATE.fullmatch(text)
    m = _DATE.search(text) or _DIGITS.fullmatch(text)
    if m is None:
        return _month_or_day_first(int(us.group(1)), int(us.group(2)), int(us.group(3))) if us else None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_or_day_first(a: int, b: int, year: int) -> _dt.date | None:
    """1/20/2026 or 20/1/2026: only when one of the two cannot be a month (or both are the same)."""
    if a > 12 >= b:
        a, b = b, a
    elif not (b > 12 >= a or a == b):
        return None
    try:
        return _dt.date(year, a, b)
    except ValueError:
        return None


def first_plausible_day(year: int) -> _dt.date:
    """The earliest 填报日期 a report of ``year`` can bear: the year's last month (the merge's window)."""
    return _dt.date(year, 12, 1)
