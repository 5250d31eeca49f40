"""Turning what a spreadsheet cell holds into a number of the form, the way a clerk meant it.

Calamine gives a cell as ``float``/``int`` (numbers), ``str`` (text, and ``''`` for empty cells and
error values such as ``#DIV/0!``), ``bool`` or a ``date``/``datetime`` (a number shown with a date
format). ``parse_value`` says what number the cell means and whether that needed a guess.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nianbao.form.spec import Kind, Number
from nianbao.form.typed_values import AMOUNT_UNITS, COUNT_UNITS, ZERO_WORDS
from nianbao.wording import read as words

#: the largest count a report can hold (a country's applications fit many times over) and the largest
#: amount in 万元 (1 万亿元); beyond them a figure is a typing or program accident, an error at its cell
MAX_COUNT = 10**9
MAX_AMOUNT = Decimal(10**8)
#: an amount with more decimals than this is not a sum of money (1e-300 typed or computed)
MAX_PLACES = 20
#: an amount in 万元 with more decimals than this is finer than a yuan (a warning where no limit is set)
AMOUNT_PLACES = 4
#: an amount in 万元 at least this large (10 亿元) for one office looks like it was typed in 元
YUAN_LIKE = Decimal(100000)

_INT = re.compile(r"[+-]?\d+(?:\.0*)?")
_DEC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class Parsed:
    """What one input cell means.

    ``value`` is ``None`` when the cell cannot be read as a number at all (an error at that cell;
    ``huge`` when it is a number beyond ``MAX_COUNT``/``MAX_AMOUNT``/``MAX_PLACES``);
    ``blank`` marks an empty cell (read as 0, counted per table); ``coerced`` marks a value that needed
    a guess (read with a warning at that cell); ``shown`` is the raw content as the clerk sees it.
    """

    value: Number | None
    shown: str = ""
    blank: bool = False
    coerced: bool = False
    huge: bool = False  # a number beyond what any report can hold (value is None)


def normalise_text(s: str) -> str:
    """NFKC and no whitespace at all: how labels and typed values are compared."""
    if len(s) <= _SHORT:  # a label: the same few hundred in every file of a format
        return _normalise_short(s)
    return "".join(unicodedata.normalize("NFKC", s).split())


_SHORT = 80


@functools.lru_cache(maxsize=4096)
def _normalise_short(s: str) -> str:
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
        return _bounded(_parse_text(raw, kind)) if raw else _BLANK[kind]
    if raw is None:
        return _BLANK[kind]
    return _bounded(_parse_cell(raw, kind))


def within_bounds(v: Number) -> bool:
    """Whether ``v`` is a figure a report can hold: a count up to ``MAX_COUNT``, an amount up to
    ``MAX_AMOUNT`` with at most ``MAX_PLACES`` decimals."""
    if isinstance(v, int):
        return -MAX_COUNT <= v <= MAX_COUNT
    if not v.is_finite() or abs(v) > MAX_AMOUNT:
        return False
    exp = v.as_tuple().exponent
    return isinstance(exp, int) and -exp <= MAX_PLACES


def _bounded(p: Parsed) -> Parsed:
    if p.value is None or within_bounds(p.value):
        return p
    shown = p.shown if len(p.shown) <= 24 else words.LONG_VALUE.format(start=p.shown[:20], length=len(p.shown))
    return Parsed(None, shown, huge=True)


def decimal_places(v: Number) -> int:
    """How many decimals ``v`` has (0.1200 has 2)."""
    if not isinstance(v, Decimal) or not v.is_finite():
        return 0
    exp = v.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _parse_cell(raw: object, kind: Kind) -> Parsed:
    """A cell that is not plain text: a number, a boolean, a date, or something shown as its text."""
    if isinstance(raw, bool):
        return Parsed(None, "TRUE" if raw else "FALSE")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):  # "inf" means nothing to a clerk
            return Parsed(None, words.INFINITE_NUMBER if math.isinf(raw) else str(raw), huge=True)
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
    """A number as the clerk typed it: 1000000000000000 (not 1000000000000000.0 or 1e+15), 0.0000001;
    only beyond 21 digits (which a sheet shows as 1E+21 itself) in scientific form."""
    if not isinstance(n, float):
        return str(n)
    if n == 0:
        return "0"
    if abs(n) < 1e21:
        return format(Decimal(repr(n)), "f").removesuffix(".0")
    return repr(n)


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
