"""Rows of numbers run together that fit several splits, settled by the sums across rows: table 三's
（七）总计 of each column is the sum of its leaf rows, and 一 + 二 = （七）总计 + 四 in each column. The
splits of the ambiguous rows that are tied by such sums are tried together (with the figures read from
the other rows); a row is settled when every way that makes all these sums hold gives it the same
numbers, none of them a blank cell. Otherwise it stays blank with its IMPORT-RUN-AMBIGUOUS finding:
a number is never guessed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from nianbao.form.findings import Finding
from nianbao.form.spec import CellSpec, LayoutSpec, Number, SumRule, TableSpec
from nianbao.publish.imports.runs import has_blank
from nianbao.publish.imports.shape import row_id
from nianbao.publish.imports.tokens import Token

#: the most combinations of splits tried for one group of rows tied by sums
MAX_STEPS = 200_000

Sides = tuple[tuple[str, ...], tuple[str, ...]]  # a rule as the keys of its two sides


@dataclass(frozen=True)
class Pending:
    """A row of run-together numbers with several splits: its cells, the splits, the finding said."""

    cells: tuple[CellSpec, ...]
    options: tuple[tuple[Token, ...], ...]
    said: Finding


class _TooMany(Exception):
    pass


def cross_rules(layout: LayoutSpec, table: TableSpec) -> list[Sides]:
    """The rules of ``table`` whose cells lie in more than one row."""
    out = []
    for rule in layout.rules:
        sides = ((rule.target,), rule.addends) if isinstance(rule, SumRule) else (rule.left, rule.right)
        cells = [layout.cells[k] for k in (*sides[0], *sides[1])]
        if all(c.table == table.key for c in cells) and len({row_id(c) for c in cells}) > 1:
            out.append((tuple(sides[0]), tuple(sides[1])))
    return out


def _groups(pending: Sequence[Pending], rules: Sequence[Sides], known: Mapping[str, Number]
            ) -> list[tuple[list[int], list[Sides]]]:
    """The pending rows in groups tied by the usable rules (every figure known or in a pending row), with
    their rules; rows in no usable rule are in no group."""
    owner = {c.key: i for i, p in enumerate(pending) for c in p.cells}
    parent = list(range(len(pending)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    usable = []
    for left, right in rules:
        keys = (*left, *right)
        rows = {owner[k] for k in keys if k in owner}
        if rows and all(k in owner or k in known for k in keys):
            usable.append((left, right))
            first, *rest = rows
            for r in rest:
                parent[root(r)] = root(first)
    groups: dict[int, tuple[list[int], list[Sides]]] = {}
    for left, right in usable:
        g = groups.setdefault(root(owner[next(k for k in (*left, *right) if k in owner)]), ([], []))
        g[1].append((left, right))
    for i in range(len(pending)):
        if root(i) in groups:
            groups[root(i)][0].append(i)
    return list(groups.values())


def _solutions(pending: Sequence[Pending], rows: Sequence[int], rules: Sequence[Sides],
               known: Mapping[str, Number]) -> list[tuple[int, ...]]:
    """Every choice of one split per row of ``rows`` under which all ``rules`` hold (raises _TooMany)."""
    where = {c.key: (n, j) for n, i in enumerate(rows) for j, c in enumerate(pending[i].cells)}
    due: list[list[Sides]] = [[] for _ in rows]  # each rule checked once its last row has a split
    for left, right in rules:
        due[max(where[k][0] for k in (*left, *right) if k in where)].append((left, right))
    choice = [0] * len(rows)
    found: list[tuple[int, ...]] = []
    steps = [MAX_STEPS]

    def value(key: str) -> Decimal:
        if key in where:
            n, j = where[key]
            return Decimal(pending[rows[n]].options[choice[n]][j].value)
        return Decimal(known[key])

    def holds(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
        return sum(map(value, left), Decimal(0)) == sum(map(value, right), Decimal(0))

    def go(n: int) -> None:
        if n == len(rows):
            found.append(tuple(choice))
            return
        for o in range(len(pending[rows[n]].options)):
            steps[0] -= 1
            if steps[0] < 0:
                raise _TooMany
            choice[n] = o
            if all(holds(*r) for r in due[n]):
                go(n + 1)

    go(0)
    return found


def settled(pending: Sequence[Pending], rules: Sequence[Sides], known: Mapping[str, Number]
            ) -> dict[int, tuple[Token, ...]]:
    """Pending row index -> its split, for the rows the sums across rows settle."""
    out: dict[int, tuple[Token, ...]] = {}
    for rows, group_rules in _groups(pending, rules, known):
        try:
            found = _solutions(pending, rows, group_rules, known)
        except _TooMany:
            continue
        for n, i in enumerate(rows):
            picks = {f[n] for f in found}
            if len(picks) == 1:
                tokens = pending[i].options[picks.pop()]
                if not has_blank(tokens):
                    out[i] = tokens
    return out
