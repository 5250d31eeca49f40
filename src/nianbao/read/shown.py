"""What a sheet shows for a stored number: 2.5 with the number format ``0`` shows "3", 1.23456 with
``0.0000`` shows "1.2346". A message about such a cell names both, so the clerk finds the figure they
see. Read from an .xlsx's styles (other files: nothing is said)."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import ROUND_HALF_UP, Decimal

from nianbao.read.safety import Inspection
from nianbao.wording import read as words

__all__ = ["NumberFormats", "format_number", "shown_note"]

_NS = re.compile(r"\{[^}]*\}")
#: the built-in number formats of the OOXML standard that show a number otherwise than as stored
_BUILTIN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 37: "#,##0 ;(#,##0)",
            38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)"}
_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')
_DATE = re.compile(r"[yYmMdDhHsS]")


def shown_note(shown: str | None) -> str:
    """The words that name what the sheet shows, after the stored value in a message ('' for none)."""
    return words.SHOWN_AS.format(shown=shown) if shown else ""


def format_number(value: float, code: str) -> str | None:
    """``value`` as a spreadsheet shows it with the number format ``code``; None for formats this does
    not imitate (General, dates, scientific, fractions, text)."""
    parts = _pattern(code, value)
    if parts is None:
        return None
    prefix, whole, frac, suffix, percent = parts
    places = sum(1 for ch in frac if ch in "0#?")
    number = Decimal(repr(float(value))) * (100 if percent else 1)
    rounded = abs(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if "," in whole else f"{rounded:.{places}f}"
    if places and "#" in frac and "0" not in frac:  # optional decimals: no trailing zeros
        text = text.rstrip("0").rstrip(".")
    sign = "-" if number < 0 and ";" not in code and rounded != 0 else ""
    return f"{sign}{prefix}{text}{suffix}".strip()


def _pattern(code: str, value: float) -> tuple[str, str, str, str, bool] | None:
    """The section of ``code`` for ``value``, as (text before, integer digits, decimal digits, text
    after, percent?); None when it is not a plain number format or ``value`` is not finite."""
    if not math.isfinite(value):
        return None
    sections = code.split(";")
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    plain = _QUOTED.sub(lambda m: m.group(1) or m.group(2) or "", section)
    if not re.search(r"[0#?]", plain) or _DATE.search(plain) or "E" in plain.upper() or "/" in plain:
        return None
    first = min(plain.index(ch) for ch in "0#?" if ch in plain)
    last = max(plain.rindex(ch) for ch in "0#?" if ch in plain)
    whole, _dot, frac = plain[first : last + 1].partition(".")
    return plain[:first], whole, frac, plain[last + 1 :], "%" in plain


class NumberFormats:
    """The number format of cells of an .xlsx, read when first asked."""

    def __init__(self, data: bytes, ins: Inspection) -> None:
        self.data = data
        self.ins = ins
        self._xf: list[str] | None = None
        self._cells: dict[str, dict[str, int]] = {}

    def shown(self, sheet: str, a1: str, value: float) -> str | None:
        """What the sheet shows for ``value`` stored at ``sheet``!``a1``; None when unknown."""
        if self.ins.kind != "xlsx":
            return None
        try:
            xf = self._styles()
            style = self._sheet_styles(sheet).get(a1, 0)
        except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError, ValueError):
            return None
        code = xf[style] if 0 <= style < len(xf) else ""
        return format_number(value, code) if code else None

    def _styles(self) -> list[str]:
        """The number format code of each cell style (cellXfs), '' for General and unknown ids."""
        if self._xf is None:
            root = ET.fromstring(self.ins.member("xl/styles.xml"))
            custom: dict[int, str] = {}
            out: list[str] = []
            for el in root.iter():
                tag = _NS.sub("", el.tag)
                if tag == "numFmt":
                    custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
                elif tag == "cellXfs":
                    for xf in el:
                        fid = int(xf.get("numFmtId", "0"))
                        out.append(custom.get(fid, _BUILTIN.get(fid, "")))
            self._xf = out
        return self._xf

    def _sheet_styles(self, sheet: str) -> dict[str, int]:
        """A1 -> style index of the cells of ``sheet`` that have one."""
        if sheet not in self._cells:
            part = self.ins.sheet_parts.get(sheet)
            found: dict[str, int] = {}
            if part is not None:
                for _ev, el in ET.iterparse(io.BytesIO(self.ins.member(part))):
                    tag = _NS.sub("", el.tag)
                    if tag == "c" and el.get("s") is not None:
                        found[el.get("r", "")] = int(el.get("s", "0"))
                    elif tag == "row":
                        el.clear()
            self._cells[sheet] = found
        return self._cells[sheet]
