"""Simple formulas typed into input cells, evaluated without ``eval``.

A program (openpyxl, a script) that writes ``=3+4`` into a cell stores no result; a spreadsheet reads
such a cell as empty until it recalculates. ``evaluate`` computes the arithmetic a clerk types
(numbers, ``+ - * /``, parentheses) and ``SUM`` over cells of the same sheet, as exact ``Decimal``s;
anything else (another function, a reference to another sheet, text, a division by zero) gives None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from nianbao.form.spec import Kind, Number, from_a1

__all__ = ["as_kind", "cell_numbers", "evaluate"]

#: longer formulas are not "simple" (and a bound keeps the recursion shallow)
MAX_FORMULA = 200
#: the most cells a SUM may cover
MAX_RANGE = 2000
#: formulas referring to formulas without results, at most this deep
_MAX_DEPTH = 8

CellValue = Callable[[int, int], Decimal | None]

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|(\$?[A-Za-z]{1,3}\$?\d{1,7})|(SUM)\s*(?=\()|([-+*/(),:]))",
                    re.IGNORECASE)


class _Unreadable(Exception):
    """The formula is not one ``evaluate`` computes."""


def evaluate(formula: str, cell_value: CellValue) -> Decimal | None:
    """The value of ``formula`` (without its ``=``), or None when it is not simple arithmetic.

    ``cell_value(row, col)`` gives a referenced cell of the same sheet (0-based), None when that cell
    is not a number (then the formula is not computed either)."""
    text = formula.strip()
    if text.startswith("of:="):  # OpenDocument: of:=[.B5]+3
        text = text[4:].replace("[.", "").replace("]", "")
    if not text or len(text) > MAX_FORMULA:
        return None
    try:
        parser = _Parser(_tokens(text), cell_value)
        value = parser.expr()
        if parser.peek() is not None:
            return None
        return value
    except (_Unreadable, InvalidOperation, DivisionByZero, ZeroDivisionError):
        return None


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _Unreadable(text[pos:])
        number, ref, func, op = m.groups()
        if number is not None:
            out.append(("num", number))
        elif ref is not None:
            out.append(("ref", ref.replace("$", "").upper()))
        elif func is not None:
            out.append(("sum", func))
        else:
            out.append(("op", op))
        pos = m.end()
    return out


class _Parser:
    """expr := term (+|- term)* ; term := factor (*|/ factor)* ;
    factor := (+|-) factor | number | ref | SUM(args) | (expr)"""

    def __init__(self, tokens: list[tuple[str, str]], cell_value: CellValue) -> None:
        self.tokens = tokens
        self.i = 0
        self.cell_value = cell_value

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, op: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (op is not None and tok != ("op", op)):
            raise _Unreadable(op or "end")
        self.i += 1
        return tok

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            value = value + self.term() if self.take()[1] == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            if self.take()[1] == "*":
                value = value * self.factor()
            else:
                value = value / self.factor()
        return value

    def factor(self) -> Decimal:
        kind, text = self.take()
        if (kind, text) in (("op", "-"), ("op", "+")):
            value = self.factor()
            return -value if text == "-" else value
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            return self.ref(text)
        if kind == "sum":
            return self.sum()
        if (kind, text) == ("op", "("):
            value = self.expr()
            self.take(")")
            return value
        raise _Unreadable(text)

    def ref(self, a1: str) -> Decimal:
        value = self.cell_value(*from_a1(a1))
        if value is None:
            raise _Unreadable(a1)
        return value

    def sum(self) -> Decimal:
        self.take("(")
        total = Decimal(0)
        while True:
            tok = self.peek()
            nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else None
            if tok is not None and tok[0] == "ref" and nxt == ("op", ":"):
                self.i += 2
                total += self.range(tok[1], self.take()[1])
            else:
                total += self.expr()
            tok = self.take()
            if tok == ("op", ")"):
                return total
            if tok != ("op", ","):
                raise _Unreadable(tok[1])

    def range(self, first: str, last: str) -> Decimal:
        (r1, c1), (r2, c2) = from_a1(first), from_a1(last.upper())
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE:
            raise _Unreadable(f"{first}:{last}")
        return sum((self.ref_in_range(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), Decimal(0))

    def ref_in_range(self, r: int, c: int) -> Decimal:
        value = self.cell_value(r, c)
        if value is None:
            raise _Unreadable(f"{r},{c}")
        return value


def cell_numbers(rows: list[list[Any]], formula_at: Callable[[int, int], str | None]) -> CellValue:
    """``cell_value`` for ``evaluate`` over a sheet read by calamine: a number as it is, an empty cell
    as 0 unless ``formula_at`` gives its formula without a result (then that formula, computed), anything
    else None."""
    active: set[tuple[int, int]] = set()

    def value(r: int, c: int) -> Decimal | None:
        raw = rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else ""
        if raw == "" or raw is None:
            formula = formula_at(r, c)
            if formula is None:
                return Decimal(0)
            if (r, c) in active or len(active) >= _MAX_DEPTH:  # a circular reference, or too deep
                return None
            active.add((r, c))
            try:
                return evaluate(formula, value)
            finally:
                active.discard((r, c))
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            return None
        return Decimal(repr(float(raw))) if isinstance(raw, float) else Decimal(raw)

    return value


def as_kind(value: Decimal, kind: Kind) -> Number:
    """A computed value as a figure of ``kind``: a whole count as ``int``, an amount as ``Decimal``."""
    if kind is not Kind.AMOUNT and value == value.to_integral_value():
        return int(value)
    return value.normalize() if value != 0 else Decimal(0)
