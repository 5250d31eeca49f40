"""The official rows of a table as the importer matches printed labels against them, and the builder
that puts a printed row's numbers into its cells."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from nianbao.form.finding_tags import NO_TOTAL_COLUMN
from nianbao.form.findings import Finding, make
from nianbao.form.published import SUBTOTAL
from nianbao.form.registry import get_layout
from nianbao.form.spec import CellSpec, Kind, LayoutSpec, Number, TableSpec
from nianbao.publish.imports.runs import is_run, split_run
from nianbao.publish.imports.settle import Pending, cross_rules, settled
from nianbao.publish.imports.shape import row_id
from nianbao.publish.imports.tokens import LEADING_ENUM, Token, canon
from nianbao.wording import publish as words

_PAREN_TAIL = re.compile(r"\([^()]*\)$")


def aliases(label: str) -> list[str]:
    full = canon(label)
    out = [full]
    short = _PAREN_TAIL.sub("", full)
    if short and short != full:
        out.append(short)
    for a in list(out):
        core = LEADING_ENUM.sub("", a)
        if core != a and len(core) >= 3:
            out.append(core)
    return out


@dataclass(frozen=True)
class RowSpec:
    """A row of an official table as the importer matches it."""

    key: str
    label: str  # as printed (row group + label)
    cells: tuple[CellSpec, ...]


def _covers(table: TableSpec, group: str, cell: CellSpec) -> bool:
    """Whether ``group`` is printed beside ``cell``'s row (a label spanning the rows of a block, as 表三's
    （三）不予公开), not as a caption above it (表二's 第二十条第（一）项)."""
    return any(lb.text == group and lb.row <= cell.row <= lb.last_row and lb.col < cell.col for lb in table.labels)


def table_rows(table: TableSpec) -> list[RowSpec]:
    rows: dict[tuple[int, str, str], list[CellSpec]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(row_id(c), []).append(c)
    out = []
    for (row, _group, _label), cells in rows.items():
        first = cells[0]
        beside = first.row_group and _covers(table, first.row_group, first)
        label = f"{first.row_group} {first.row_label}".strip() if beside else first.row_label
        out.append(RowSpec(f"{row}:{first.row_label}", label, tuple(cells)))
    return out


def subtotal_groups(table: TableSpec) -> list[str]:
    """The row groups printed beside their rows whose rows are all typed in (表三's （三）…（六）): a page may
    add a 小计 row for each. (三、本年度办理结果 holds （七）总计, all totals: not such a group.)"""
    members: dict[str, list[CellSpec]] = {}
    for c in table.cells:
        if c.row_group and _covers(table, c.row_group, c):
            members.setdefault(c.row_group, []).append(c)
    out = []
    for group, cells in members.items():
        by_row: dict[tuple[int, str, str], list[CellSpec]] = {}
        for c in cells:
            by_row.setdefault(row_id(c), []).append(c)
        if all(any(c.is_input for c in row) for row in by_row.values()):
            out.append(group)
    return out


def older_labels(layout: LayoutSpec, rows: Sequence[RowSpec]) -> dict[str, list[str]]:
    """Row key -> the labels an older format prints for the same row (2019's 规范性文件 for 2021's
    行政规范性文件), as the format declares which older cells hold the same figures."""
    out: dict[str, list[str]] = {}
    for older, same in layout.earlier.items():
        old = get_layout(older)
        for r in rows:
            for c in r.cells:
                if c.key in same and same[c.key] in old.cells:
                    label = old.cells[same[c.key]].row_label
                    if label != c.row_label and label not in out.setdefault(r.key, []):
                        out[r.key].append(label)
    return out


def matcher(table: TableSpec, rows: Sequence[RowSpec], older: Mapping[str, Sequence[str]] | None = None
            ) -> list[tuple[str, str]]:
    """(alias, target) pairs, longest alias first; a target is a row key or "subtotal:<label>". ``older``:
    further labels of rows (``older_labels``)."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for r in rows:
        for label in (r.cells[0].row_label, *(older or {}).get(r.key, ())):
            for a in aliases(label):
                if seen.setdefault(a, r.key) == r.key:
                    pairs.append((a, r.key))
    groups = subtotal_groups(table)
    for g in groups:
        for a in aliases(g):
            if a not in seen:
                pairs.append((a, f"subtotal:{g}"))
    if groups:
        pairs.append((SUBTOTAL, "subtotal:"))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def match(label: str, pairs: Sequence[tuple[str, str]]) -> str | None:
    for alias, target in pairs:
        if label.endswith(alias):
            return target
    return None


# -- building the report ------------------------------------------------------------------------


@dataclass
class Builder:
    layout: LayoutSpec
    file: str
    inputs: dict[str, Number] = field(default_factory=dict)
    stated: dict[str, Number] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: cells whose figure the page did not give (missing rows and tables) or gave unreliably (short rows)
    unread: set[str] = field(default_factory=set)
    #: the rows whose numbers were split from a run (their cells, and the IMPORT-RUN-SPLIT finding said)
    runs: list[tuple[tuple[CellSpec, ...], Finding]] = field(default_factory=list)
    #: the rows of numbers run together that fit several splits (IMPORT-RUN-AMBIGUOUS said), to settle
    pending: list[Pending] = field(default_factory=list)
    #: the totals printed blank
    blank_totals: list[CellSpec] = field(default_factory=list)
    #: the tables with a line whose numbers are fewer than its cells (so cells printed blank are gone)
    gaps: set[str] = field(default_factory=set)

    def missing(self, cells: Iterable[CellSpec]) -> None:
        self.unread.update(c.key for c in cells)

    def add(self, code: str, table: TableSpec, cell: CellSpec | None = None, **params: Any) -> None:
        sheet = table.sheet
        a1 = self.layout.a1(cell.key)[1] if cell is not None else ""
        row_label = f"{cell.row_group} {cell.row_label}".strip() if cell is not None else ""
        self.findings.append(make(code, file=self.file, sheet=sheet, cell=a1, row_label=row_label,
                                  table=words.TABLE_NAME.format(number=table.number), title=table.title.split("、", 1)[-1], **params))

    def put(self, cell: CellSpec, tok: Token, blanks: list[str]) -> None:
        value: Number = tok.value
        if tok.kind in ("blank", "zero", "bad"):
            value = Decimal(0) if cell.kind is Kind.AMOUNT else 0
            if tok.kind != "bad":
                blanks.append(self.layout.a1(cell.key)[1])
            if tok.kind == "blank" and not cell.is_input:
                self.blank_totals.append(cell)
                return  # a blank printed total: nothing stated, recomputed
        elif cell.kind is Kind.AMOUNT:
            value = Decimal(value)
        if cell.is_input:
            self.inputs[cell.key] = value
        else:
            self.stated[cell.key] = value

    def fill(self, table: TableSpec, row: RowSpec, tokens: Sequence[Token], label: str, blanks: list[str],
             *, positional: bool = True) -> None:
        self.fill_cells(table, row.cells, tokens, label, blanks, positional=positional)

    def fill_cells(self, table: TableSpec, cells: Sequence[CellSpec], tokens: Sequence[Token], label: str,
                   blanks: list[str], *, positional: bool = True) -> int:
        """The numbers of one printed row into ``cells``, in order (how many cells got one); a bad number, too few or too many
        numbers are findings on the first cell (named ``label``). Too few numbers leave the whole row blank,
        in a line of text and in a row of cells alike: which column lost its number is unknown, and a number
        in the wrong column is worse than none (``positional``: the row's cells keep their places, blank
        cells included, so only a row that has dropped cells is short)."""
        if len(tokens) == 1 and is_run(tokens[0], len(cells)):
            split = split_run(self.layout, tokens[0], cells)
            if not split.tokens:
                if split.why == "none":
                    self.gaps.add(table.key)
                self.add("IMPORT-RUN-AMBIGUOUS", table, cells[0], label=label, actual=tokens[0].raw.strip(),
                         expected=len(cells), why=RUN_WHY[split.why])
                if split.options:
                    self.pending.append(Pending(tuple(cells), split.options, self.findings[-1]))
                self.missing(cells)
                return 0
            self.add("IMPORT-RUN-SPLIT", table, cells[0], label=label, actual=tokens[0].raw.strip(),
                     split=" ".join(t.raw for t in split.tokens))
            self.runs.append((tuple(cells), self.findings[-1]))
            tokens = split.tokens
        for tok in tokens:
            if tok.kind == "bad":
                self.add("IMPORT-BAD-NUMBER", table, cells[0], label=label, actual=tok.raw.strip())
        if len(tokens) < len(cells):
            # fewer cells than columns, even in a row of cells (pipes, tabs, HTML, Word): which columns the
            # printed numbers stand in is unknown (empty cells dropped, 2 | 4 | 5 | 11 for 2 | 0 | 4 | 0 | 0 |
            # 5 | 11), and a number in the wrong column is worse than none: the row is left blank
            self.add("IMPORT-SHORT-ROW", table, cells[0], label=label, actual=len(tokens), expected=len(cells),
                     what=SHORT_LOST)
            self.gaps.add(table.key)
            self.missing(cells)
            return 0
        elif len(tokens) > len(cells):
            self.add("IMPORT-LONG-ROW", table, cells[0], label=label, actual=len(tokens), expected=len(cells))
        for cell, tok in zip(cells, tokens, strict=False):
            self.put(cell, tok, blanks)
        return min(len(tokens), len(cells))


def check_blank_totals(b: Builder, table: TableSpec) -> None:
    """IMPORT-TOTAL-BLANK: 总计 cells of ``table`` printed blank while the cells they sum hold numbers (a
    real report's inconsistency: the totals were not filled in). Not when the table has no 总计 column at
    all (IMPORT-NO-TOTAL-COLUMN says so)."""
    if any(f.code == NO_TOTAL_COLUMN and f.sheet == table.sheet for f in b.findings):
        return
    values = b.layout.compute(b.inputs)
    cells = [c for c in b.blank_totals if c.table == table.key and c.key in b.layout.defining_rule
             and any(values[a] for a in b.layout.defining_rule[c.key].addends)]
    if cells:
        b.add("IMPORT-TOTAL-BLANK", table, cells[0], count=len(cells),
              where="、".join(dict.fromkeys(c.where for c in cells)), cells=tuple(b.layout.a1(c.key)[1] for c in cells))


def _cross_rules(b: Builder, table: TableSpec) -> tuple[set[str], set[str], set[str]]:
    """The cells of ``table``'s rules that span rows: in a rule that fails, in one that holds, in one that
    cannot be checked (a figure of it not read)."""
    got = {**b.inputs, **b.stated}
    values = b.layout.compute(b.inputs)
    values.update(b.stated)
    broken: set[str] = set()
    held: set[str] = set()
    unknown: set[str] = set()
    for left, right in cross_rules(b.layout, table):
        keys = (*left, *right)
        if not all(k in got for k in keys):
            unknown.update(keys)
        elif sum((Decimal(values[k]) for k in left), Decimal(0)) != sum((Decimal(values[k]) for k in right), Decimal(0)):
            broken.update(keys)
        else:
            held.update(keys)
    return broken, held, unknown


def settle_runs(b: Builder, table: TableSpec) -> None:
    """The rows of ``table`` whose run fitted several splits, settled where the sums across rows leave
    one (``settle.settled``): the numbers put in, IMPORT-RUN-SPLIT said instead of IMPORT-RUN-AMBIGUOUS."""
    pending = [p for p in b.pending if p.cells[0].table == table.key]
    if not pending:
        return
    for i, tokens in settled(pending, cross_rules(b.layout, table), {**b.inputs, **b.stated}).items():
        p = pending[i]
        b.findings.remove(p.said)
        b.add("IMPORT-RUN-SPLIT", table, p.cells[0], label=dict(p.said.params)["label"], actual=p.said.actual,
              split=" ".join(t.raw for t in tokens))
        b.runs.append((p.cells, b.findings[-1]))
        for cell, tok in zip(p.cells, tokens, strict=True):
            b.put(cell, tok, [])
        b.unread.difference_update(c.key for c in p.cells)
        b.pending.remove(p)


def recheck_runs(b: Builder, table: TableSpec) -> None:
    """The rows split from runs, checked against the sums across rows (表三's （七）总计 of each column, the
    balance of each column): a split that breaks one may have cut the digits wrongly; and where the table
    shows that blank cells were lost (a line with too few numbers), one that no such sum confirms may
    too, since a blank cell leaves no trace in a run. Each such
    row is left blank (IMPORT-RUN-AMBIGUOUS) instead of giving numbers that may stand in the wrong columns."""
    if not b.runs:
        return
    broken, held, unknown = _cross_rules(b, table)
    for cells, said in list(b.runs):
        keys = {c.key for c in cells}
        if keys & broken:
            why = "cross"
        elif table.key in b.gaps and keys & unknown and not keys & held:
            why = "unconfirmed"
        else:
            continue
        b.findings.remove(said)
        params = dict(said.params)
        b.add("IMPORT-RUN-AMBIGUOUS", table, cells[0], label=params["label"], actual=said.actual,
              expected=len(cells), why=RUN_WHY[why])
        for c in cells:
            b.inputs.pop(c.key, None)
            b.stated.pop(c.key, None)
        b.missing(cells)
        b.runs.remove((cells, said))


#: why numbers run together were not split (IMPORT-RUN-AMBIGUOUS)
RUN_WHY = {"many": words.RUN_MANY, "none": words.RUN_NONE, "cross": words.RUN_CROSS,
           "unconfirmed": words.RUN_UNCONFIRMED}
#: what became of a row with too few numbers (IMPORT-SHORT-ROW)
SHORT_LOST = words.SHORT_LOST
