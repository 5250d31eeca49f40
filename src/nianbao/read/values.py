"""Turning what a spreadsheet cell holds into a number of the form, the way a clerk meant it.

Calamine gives a cell as ``float``/``int`` (numbers), ``str`` (text, and ``''`` for empty cells and
error values such as ``#DIV/0!``), ``bool`` or a ``date``/``datetime`` (a number shown with a date
format). ``parse_value`` says what number the cell means and whether that needed a guess.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nianbao.form.spec import Kind, Number

#: texts that mean "nothing happened" (read as 0, with a warning)
ZERO_WORDS = frozenset({"—", "——", "-", "--", "–", "――", "―", "─", "━", "/", "\\", "无", "没有", "暂无", "空", "零", "〇",
                        "×", "x", "X"})
#: units people append to a number, by the kind of cell they fit; any other unit makes the value an error
#: (a fee "1200元" is not 1200 万元, a count "3万元" is not a count)
COUNT_UNITS = ("件次", "件", "条", "个", "项", "次", "份")
AMOUNT_UNITS = ("万元", "万")

_INT = re.compile(r"[+-]?\d+(?:\.0*)?")
_DEC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class Parsed:
    """What one input cell means.

    ``value`` is ``None`` when the cell cannot be read as a number at all (an error at that cell);
    ``blank`` marks an empty cell (read as 0, counted per table); ``coerced`` marks a value that needed
    a guess (read with a warning at that cell); ``shown`` is the raw content as the clerk sees it.
    """

    value: Number | None
    shown: str = ""
    blank: bool = False
    coerced: bool = False


def normalise_text(s: str) -> str:
    """NFKC and no whitespace at all: how labels and typed values are compared."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def _number(n: float | int, kind: Kind) -> Number:
    if kind is Kind.AMOUNT:
        # the shortest repr of a float is what the clerk typed (0.1234, not 0.12339999...)
        return Decimal(repr(float(n))) if isinstance(n, float) else Decimal(n)
    if isinstance(n, float):
        return int(n) if n.is_integer() else Decimal(repr(n))
    return int(n)


def _zero(kind: Kind) -> Number:
    return 0 if kind is not Kind.AMOUNT else Decimal(0)


#: an empty cell of each kind (``Parsed`` is frozen: one instance serves every empty cell)
_BLANK = {kind: Parsed(_zero(kind), "", blank=True) for kind in Kind}


def parse_value(raw: object, kind: Kind) -> Parsed:
    """The number ``raw`` means for a cell of ``kind``."""
    if type(raw) is str:  # the common cases first: this runs for every input cell
        return _parse_text(raw, kind) if raw else _BLANK[kind]
    if raw is None:
        return _BLANK[kind]
    return _parse_cell(raw, kind)


def _parse_cell(raw: object, kind: Kind) -> Parsed:
    """A cell that is not plain text: a number, a boolean, a date, or something shown as its text."""
    if isinstance(raw, bool):
        return Parsed(None, "TRUE" if raw else "FALSE")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(None, str(raw))
        return Parsed(_number(raw, kind), _show_number(raw))
    if isinstance(raw, _dt.date | _dt.datetime | _dt.time | _dt.timedelta):
        # a number shown with a date format, or a date typed into a count cell: not a count
        return Parsed(None, str(raw))
    return _parse_text(str(raw), kind)


def _parse_text(text: str, kind: Kind) -> Parsed:
    """A number typed as text: full-width digits, spaces, a unit, thousands separators, a word for 0."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    if s == "":
        # only spaces: blank to the clerk, counted with the blank cells (not a warning of its own)
        return Parsed(_zero(kind), text, blank=True)
    if s in ZERO_WORDS:
        return Parsed(_zero(kind), text, coerced=True)
    s = _without_unit(s, kind).replace(",", "")
    if kind is Kind.AMOUNT:
        return _parse_amount(s, text)
    return _parse_count(s, text)


def _without_unit(s: str, kind: Kind) -> str:
    """``s`` without a unit that fits ``kind`` at its end (``12件`` -> ``12``; a unit alone is kept)."""
    for unit in AMOUNT_UNITS if kind is Kind.AMOUNT else COUNT_UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            return s[: -len(unit)]
    return s


def _parse_amount(s: str, shown: str) -> Parsed:
    if _DEC.fullmatch(s):
        try:
            return Parsed(Decimal(s), shown, coerced=True)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return Parsed(None, shown)
    return Parsed(None, shown)


def _parse_count(s: str, shown: str) -> Parsed:
    if _INT.fullmatch(s):
        return Parsed(int(Decimal(s)), shown, coerced=True)
    if _DEC.fullmatch(s):
        # a fraction typed as text: keep the number so VALUE-COUNT names it
        return Parsed(Decimal(s), shown, coerced=True)
    return Parsed(None, shown)


def _show_number(n: float | int) -> str:
    if isinstance(n, float) and n.is_integer():
        return str(int(n))
    return repr(n) if isinstance(n, float) else str(n)


def parse_text(raw: object) -> str:
    """A text cell (基本信息, 正文) as a string: numbers without a trailing .0, blanks as ''."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, _dt.datetime):
        return raw.date().isoformat() if raw.time() == _dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    return str(raw)
