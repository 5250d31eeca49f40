"""Words and numbers of a published page: labels in comparable form, and the value cells of a row."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nianbao.form.spec import Number

# -- normalising labels -------------------------------------------------------------------------

#: traditional -> simplified, for the characters of the official labels and headings
_TRAD = str.maketrans(
    "萬業為爲舉於會體關內決況減製辦務動區單發髮後國處復複審對屬廢開強當總執護報據數無機權條構沒現確穩類係"
    "糾納組織經結繼續維繳罰範獲補規計認議許訟訪訴詢請購費轉過這進採問項題額表資訊實際價規範與個來們從"
    "設監臺縣鎮鄉區祕",
    "万业为为举于会体关内决况减制办务动区单发发后国处复复审对属废开强当总执护报据数无机权条构没现确稳类系"
    "纠纳组织经结继续维缴罚范获补规计认议许讼访诉询请购费转过这进采问项题额表资讯实际价规范与个来们从"
    "设监台县镇乡区秘",
)
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
WS = re.compile(r"\s+")
_ENUM_SEP = re.compile(r"(?<=\d)[、,，:：](?=\D)")  # "1、属于" -> "1.属于"
LEADING_ENUM = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、])")


def nfkc(text: str) -> str:
    """NFKC and traditional characters of the labels mapped to simplified; whitespace kept."""
    return unicodedata.normalize("NFKC", text).translate(_TRAD)


def canon(text: str) -> str:
    """A label in comparable form: NFKC, simplified, no whitespace or quotes, "1、" as "1."."""
    t = WS.sub("", nfkc(text)).translate(_QUOTES)
    return _ENUM_SEP.sub(".", t)


# -- numbers ------------------------------------------------------------------------------------

_ZERO_MARKS = {"/", "-", "--", "—", "——", "–", "─", "一一", "无", "\\"}
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNITS = ("万元", "件", "元", "个", "条", "项")
#: minus signs that NFKC leaves alone (U+2212 minus, hyphens, en dash) before a digit: a signed number
#: a change written in words before its number: 增3 / 增加3 (+3), 减4 / 减少4 (-4)
_SIGN_WORD = re.compile(r"^(增加|增|减少|减)(?=\d)")
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
    if t in _ZERO_MARKS:
        return Token(raw, "zero")
    t = _MINUS.sub("-", t)
    t = _SIGN_WORD.sub(lambda m: "-" if m.group(1).startswith("减") else "+", t)
    for unit in _UNITS:
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

