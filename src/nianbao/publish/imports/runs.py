"""Numbers run together: a row whose cells lost their separators (a crawler's text of a table, such as
``行政许可3962216`` or ``一、本年新收政府信息公开申请数量2000001021``).

The layout says how many numbers the row has and which of them are totals of others; a split is taken
only when exactly one way of cutting the digits gives numbers as printed (no leading zeros, the cell's
decimals) and every total of the row adds up. Otherwise the row is ambiguous and stays blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.spec import CellSpec, Kind, LayoutSpec, SumRule
from nianbao.publish.imports.tokens import Token, parse_token

#: a label with numbers run on after it: 行政许可3962216 (the label ends in a character that is no digit)
GLUED = re.compile(r"^(?P<label>.*[\u4e00-\u9fff”)）])(?P<run>[+\-]?\d[\d+\-.]*)$")
#: a value cell's text that may be several numbers run together: digits, and signs or points among them
RUN = re.compile(r"^[+\-]?\d[\d+\-.]*$")
#: the most ways of cutting a run that are tried before the row is called ambiguous
MAX_TRIES = 200_000


@dataclass(frozen=True)
class Split:
    """What became of a run: the tokens of its cells (``tokens``), or why there are none (``why``); when
    several splits fit the row, all of them (``options``, a blank cell's token of kind "blank"), for the
    sums across rows to settle (empty when there were too many to try)."""

    tokens: tuple[Token, ...] = ()
    why: str = ""  # "many" (several splits fit) | "none" (no split fits) | "" (split)
    options: tuple[tuple[Token, ...], ...] = ()


def is_run(tok: Token, n_cells: int) -> bool:
    """Whether ``tok``, the only value of a row of ``n_cells`` cells, may be their numbers run together."""
    raw = tok.raw.strip()
    return n_cells > 1 and tok.kind == "num" and bool(RUN.match(raw)) and len(raw.replace(".", "")) >= n_cells


def _piece(text: str, cell: CellSpec) -> Token | None:
    """``text`` as the number of ``cell`` when it is printed so (no leading zero, the cell's decimals)."""
    body = text.lstrip("+-")
    if not body or (body[0] == "0" and len(body) > 1 and body[1] != "."):
        return None
    if text[0] in "+-" and cell.kind is not Kind.SIGNED:
        return None
    if "." in body:
        whole, _dot, frac = body.partition(".")
        if cell.kind is not Kind.AMOUNT or not whole or not frac or "." in frac:
            return None
        if cell.decimals is not None and len(frac) != cell.decimals:
            return None
    elif cell.kind is Kind.AMOUNT and cell.decimals:
        return None  # an amount printed with its decimals has a point
    if any(ch in "+-" for ch in body):
        return None
    tok = parse_token(text)
    return tok if tok.kind == "num" else None


def _row_rules(layout: LayoutSpec, cells: Sequence[CellSpec]) -> list[tuple[int, tuple[int, ...]]]:
    """The sums among ``cells`` (target index, addend indices) the layout declares."""
    at = {c.key: i for i, c in enumerate(cells)}
    out = []
    for rule in layout.rules:
        if isinstance(rule, SumRule) and rule.target in at and all(a in at for a in rule.addends):
            out.append((at[rule.target], tuple(at[a] for a in rule.addends)))
    return out


def _cuts(text: str, cells: Sequence[CellSpec], budget: list[int]) -> Iterator[list[Token]]:
    """Every way of cutting ``text`` into one number per cell, as tokens."""
    if not cells:
        if not text:
            yield []
        return
    if not text:
        return
    last = len(text) - (len(cells) - 1)
    for end in range(1, last + 1):
        budget[0] -= 1
        if budget[0] < 0:
            return
        tok = _piece(text[:end], cells[0])
        if tok is None:
            continue
        for rest in _cuts(text[end:], cells[1:], budget):
            yield [tok, *rest]


def _adds_up(tokens: Sequence[Token], rules: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    """Whether every total of the row is the sum of its addends (a blank total states nothing)."""
    return all(tokens[t].kind == "blank"
               or Decimal(tokens[t].value) == sum((Decimal(tokens[a].value) for a in adds), Decimal(0))
               for t, adds in rules)


def _fits(text: str, cells: Sequence[CellSpec], rules: Sequence[tuple[int, tuple[int, ...]]], budget: list[int],
          blank: int | None = None) -> Iterator[tuple[Token, ...]]:
    """The cuts of ``text`` into the numbers of ``cells`` whose totals add up; with ``blank``, into the
    cells but that one, which is read as a blank (0)."""
    cut = [c for i, c in enumerate(cells) if i != blank]
    for tokens in _cuts(text, cut, budget):
        full = list(tokens)
        if blank is not None:
            full.insert(blank, Token("", "blank"))
        if _adds_up(full, rules):
            yield tuple(full)


#: the most splits of one row kept for the sums across rows to settle
MAX_OPTIONS = 64


def has_blank(tokens: Sequence[Token]) -> bool:
    return any(t.kind == "blank" for t in tokens)


def _options(text: str, cells: Sequence[CellSpec], rules: Sequence[tuple[int, tuple[int, ...]]]
             ) -> tuple[tuple[Token, ...], ...] | None:
    """Every split of ``text`` that fits the row: with a number in each cell, then with one typed cell
    printed blank (a blank leaves no trace in a run; same figures as a split before it: left out). None
    when there are more than ``MAX_OPTIONS`` or too many cuts to try."""
    budget = [MAX_TRIES]
    out: list[tuple[Token, ...]] = []
    seen: set[tuple[object, ...]] = set()
    for blank in (None, *(i for i, c in enumerate(cells) if c.is_input)):  # (a 总计 left blank is not guessed at)
        for tokens in _fits(text, cells, rules, budget, blank):
            values = tuple(t.value for t in tokens)
            if values not in seen:
                seen.add(values)
                out.append(tokens)
            if len(out) > MAX_OPTIONS:
                return None
    return None if budget[0] < 0 else tuple(out)


def split_run(layout: LayoutSpec, tok: Token, cells: Sequence[CellSpec]) -> Split:
    """The one way of cutting ``tok``'s digits into the numbers of ``cells`` whose totals add up. A cell
    printed blank leaves no trace in a run, so a split is also ambiguous when the digits fit the row with
    one of its typed cells blank and other figures; then every split that fits is given (``options``).
    (A blank 总计 would fit any cut: the official form prints its totals, and a run is read as if it did.)"""
    text = re.sub(r"\s+", "", tok.raw)
    options = _options(text, cells, _row_rules(layout, cells))
    if options is None:
        return Split(why="many")
    if not any(not has_blank(o) for o in options):
        return Split(why="none")
    if len(options) == 1:
        return Split(tokens=options[0])
    return Split(why="many", options=options)
