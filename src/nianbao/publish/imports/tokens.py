"""Words and numbers of a published page: labels in comparable form, and the value cells of a row."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nianbao.form.published import LEADING_ENUM as LEADING_ENUM_PATTERN
from nianbao.form.published import MINUS_WORD, SIGN_WORD, SIMPLIFIED, TRADITIONAL, UNITS, ZERO_MARKS
from nianbao.form.spec import Number

# -- normalising labels -------------------------------------------------------------------------

#: traditional -> simplified, for the characters of the official labels and headings
_TRAD = str.maketrans(TRADITIONAL, SIMPLIFIED)
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
WS = re.compile(r"\s+")
_ENUM_SEP = re.compile(r"(?<=\d)[、,，:：](?=\D)")  # "1、属于" -> "1.属于"
LEADING_ENUM = re.compile(LEADING_ENUM_PATTERN)


def nfkc(text: str) -> str:
    """NFKC and traditional characters of the labels mapped to simplified; whitespace kept."""
    return unicodedata.normalize("NFKC", text).translate(_TRAD)


def canon(text: str) -> str:
    """A label in comparable form: NFKC, simplified, no whitespace or quotes, "1、" as "1."."""
    t = WS.sub("", nfkc(text)).translate(_QUOTES)
    return _ENUM_SEP.sub(".", t)


# -- numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: minus signs that NFKC leaves alone (U+2212 minus, hyphens, en dash) before a digit: a signed number
_SIGN_WORD = re.compile(SIGN_WORD)
_MINUS = re.compile(r"^[\u2010\u2011\u2012\u2013\u2212](?=\d)")


@dataclass(frozen=True)
class Token:
    """One value cell of a table row."""

    raw: str
    kind: str  # "num" | "zero" (a "/" or "—" for zero) | "blank" | "bad"
    value: Number = 0


def parse_token(raw: str) -> Token:
    t = WS.sub("", nfkc(raw))
    if not t:
        return Token(raw, "blank")
    if t in ZERO_MARKS:
        return Token(raw, "zero")
    t = _MINUS.sub("-", t)
    t = _SIGN_WORD.sub(lambda m: "-" if m.group(1).startswith(MINUS_WORD) else "+", t)
    for unit in UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    if not _NUMBER.match(t):
        return Token(raw, "bad")
    t = t.replace(",", "")
    try:
        d = Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return Token(raw, "bad")
    if "." not in t:
        return Token(raw, "num", int(d))
    return Token(raw, "num", d)


def is_value(raw: str) -> bool:
    return parse_token(raw).kind in ("num", "zero")

