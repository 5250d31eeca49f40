"""Declarations of the official layout: tables, cells, labels and rules.

A format version is one ``LayoutSpec`` built from these declarations (see ``nianbao.form.registry``).
Everything else (template writer, reader, validator, merger, renderer, importer) derives from it.
Positions inside a table are 0-based ``(row, col)`` of the official table grid; only
``LayoutSpec.a1`` turns them into a sheet address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

Number = int | Decimal


class Kind(StrEnum):
    """What a data cell holds."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed_count"  # whole number, may be negative (2019: 本年增/减)
    AMOUNT = "amount"  # money, Decimal >= 0


class Role(StrEnum):
    """Whether an office types the value or the form computes it."""

    INPUT = "input"
    TOTAL = "total"


@dataclass(frozen=True)
class LabelSpec:
    """A fixed text of the official table, possibly merged over a block of cells."""

    row: int
    col: int
    text: str
    last_row: int = -1
    last_col: int = -1

    def __post_init__(self) -> None:
        if self.last_row < 0:
            object.__setattr__(self, "last_row", self.row)
        if self.last_col < 0:
            object.__setattr__(self, "last_col", self.col)

    @property
    def merged(self) -> bool:
        return (self.last_row, self.last_col) != (self.row, self.col)


@dataclass(frozen=True)
class CellSpec:
    """One data cell of the official form."""

    key: str  # stable identifier, e.g. "t3.new.natural_person"
    table: str  # "t2" | "t3" | "t4"
    row: int
    col: int
    kind: Kind
    role: Role
    row_label: str  # official label of the row (leaf), e.g. "1.属于国家秘密"
    col_label: str  # official label of the column, e.g. "自然人"
    row_group: str = ""  # official label of the enclosing row block, e.g. "（三）不予公开"
    col_group: str = ""  # official label of the enclosing column block, e.g. "法人或其他组织"
    last_col: int = -1  # a value merged over several grid columns (table 二 blocks)
    decimals: int | None = None  # AMOUNT: at most this many decimals (None: no limit)

    def __post_init__(self) -> None:
        if self.last_col < 0:
            object.__setattr__(self, "last_col", self.col)

    @property
    def is_input(self) -> bool:
        return self.role is Role.INPUT

    @property
    def where(self) -> str:
        """The official row and column, as a clerk would say it."""
        row = f"{self.row_group} {self.row_label}".strip()
        col = f"{self.col_group} {self.col_label}".strip() if self.col_group != self.col_label else self.col_label
        return f"{row}｜{col}" if col else row


@dataclass(frozen=True)
class TableSpec:
    """One official table, laid out on its own sheet."""

    key: str  # "t2"
    number: str  # "二"
    title: str  # "二、主动公开政府信息情况"
    sheet: str  # sheet name in a workbook, e.g. "表二"
    n_rows: int
    n_cols: int
    labels: tuple[LabelSpec, ...]
    cells: tuple[CellSpec, ...]
    col_widths: tuple[float, ...] = ()
    origin: tuple[int, int] = (2, 0)  # sheet (row, col) of grid (0, 0): title and office line above
    landscape: bool = False

    def sheet_pos(self, row: int, col: int) -> tuple[int, int]:
        return self.origin[0] + row, self.origin[1] + col


@dataclass(frozen=True)
class SumRule:
    """``target`` equals the sum of ``addends`` (a total of the form)."""

    code: str
    target: str
    addends: tuple[str, ...]
    label: str  # which instance, e.g. "第一列（自然人）"


@dataclass(frozen=True)
class BalanceRule:
    """sum(left) equals sum(right)."""

    code: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    label: str
    left_text: str  # e.g. "一 + 二"
    right_text: str  # e.g. "（七）总计 + 四"


Rule = SumRule | BalanceRule


@dataclass(frozen=True)
class InfoFieldSpec:
    key: str
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class TextSectionSpec:
    key: str
    heading: str  # e.g. "一、总体情况" or a sub-heading "（一）主动公开"
    part: str  # "一" | "五" | "六"
    #: words by which a published report's own sub-heading names this sub-item ("信息处理费" for
    #: （一）收取信息处理费); empty: found by its numeral only
    words: tuple[str, ...] = ()

    @property
    def is_sub(self) -> bool:
        """Whether this is a sub-item of its part (its heading is （一）…), not the whole part's text."""
        return self.heading.startswith("（")


@dataclass(frozen=True)
class VariantSpec:
    """A province's variant of a format: changed labels and number rules, same cells."""

    name: str  # "henan"
    title: str  # "河南省"
    label_overrides: Mapping[str, str] = field(default_factory=dict)  # old label text -> new
    decimals: Mapping[str, int] = field(default_factory=dict)  # cell key -> decimals
    col_label_overrides: Mapping[str, str] = field(default_factory=dict)  # cell key -> col_label
    #: words by which a published page is recognised as this variant (default: its new labels)
    marks: tuple[str, ...] = ()

    @property
    def signature(self) -> tuple[str, ...]:
        return self.marks or tuple(dict.fromkeys((*self.label_overrides.values(), *self.col_label_overrides.values())))


#: The named roles a format gives its cells, so that no module outside ``nianbao.form`` names a cell key.
ROLES = {
    "rules": "表二 规章 row (L-RULES: 县直部门 and townships make no 规章)",
    "fee": "表二 行政事业性收费 amount (万元)",
    "issued": "表二 本年制发件数 (规章, 行政规范性文件)",
    "repealed": "表二 本年废止件数",
    "in_force": "表二 现行有效件数",
    "previous_items": "表二 上一年项目数量 (2019 format), each row",
    "item_change": "表二 本年增/减 (2019 format), the same rows",
    "new": "表三 一、本年新收 row, each column",
    "carried_over": "表三 二、上年结转 row, each column",
    "carry_forward": "表三 四、结转下年度继续办理 row, each column",
    "disclosed": "表三 （一）予以公开 row, each column",
    "new_total": "表三 一、本年新收 总计",
    "carried_over_total": "表三 二、上年结转 总计",
    "carry_forward_total": "表三 四、结转下年度继续办理 总计",
    "result_total": "表三 （七）总计 总计",
    "review_total": "表四 行政复议 总计",
    "suit_totals": "表四 行政诉讼 两栏的总计",
    "fee_unpaid_total": "表三 （六）2.申请人逾期未按收费通知要求缴纳费用 总计 (2021 format: a fee notice was sent)",
}


@dataclass(frozen=True)
class LayoutSpec:
    """One format version (optionally a province's variant) of the annual report."""

    format: str  # "2021" | "2019"
    variant: str  # "national" | "henan"
    name: str  # human name
    document: str  # 国办公开办函〔2021〕30号
    tables: tuple[TableSpec, ...]
    rules: tuple[Rule, ...]
    info_fields: tuple[InfoFieldSpec, ...]
    text_sections: tuple[TextSectionSpec, ...]
    template_version: str
    #: the report years this format serves: from ``first_year``, to ``last_year`` (None: until a newer
    #: format is registered)
    first_year: int = 0
    last_year: int | None = None
    #: table key -> words printed only in this format's table, by which a published page is recognised
    marks: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    #: an older format's tables read into this one: older format -> {this format's cell key: the older
    #: format's cell key holding the same figure}; cells not named have no counterpart
    earlier: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False, compare=False)
    #: named roles of cells that rules and documents speak of: role -> cell keys (see ``ROLES``)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    # -- lookup ---------------------------------------------------------------------------
    @cached_property
    def cells(self) -> dict[str, CellSpec]:
        return {c.key: c for t in self.tables for c in t.cells}

    @cached_property
    def inputs(self) -> tuple[CellSpec, ...]:
        return tuple(c for t in self.tables for c in t.cells if c.is_input)

    @cached_property
    def totals(self) -> tuple[CellSpec, ...]:
        return tuple(c for t in self.tables for c in t.cells if not c.is_input)

    @cached_property
    def table_by_key(self) -> dict[str, TableSpec]:
        return {t.key: t for t in self.tables}

    @cached_property
    def defining_rule(self) -> dict[str, SumRule]:
        """For each total cell, the sum rule that defines it (the first one naming it)."""
        out: dict[str, SumRule] = {}
        for r in self.rules:
            if isinstance(r, SumRule) and r.target not in out:
                out[r.target] = r
        return out

    @cached_property
    def template_cells(self) -> dict[str, tuple[tuple[CellSpec, str], ...]]:
        """Table key -> its data cells, each with its A1 address in a template."""
        return {t.key: tuple((c, self.a1(c.key)[1]) for c in t.cells) for t in self.tables}

    @property
    def label(self) -> str:
        return f"{self.format}:{self.variant}"

    def role(self, name: str) -> tuple[str, ...]:
        """The cell keys of a named role (``ROLES``); () when this format has no such cells. A name not in
        ``ROLES`` is a bug of the caller: ``KeyError``."""
        if name not in ROLES:
            raise KeyError(f"no role {name!r} in spec.ROLES")
        return tuple(self.roles.get(name, ()))

    def role_cell(self, name: str) -> str | None:
        """The one cell of a single-cell role, or None when this format has none."""
        keys = self.role(name)
        return keys[0] if keys else None

    def table(self, key: str) -> TableSpec:
        return self.table_by_key[key]

    # -- addresses: the one place a form position becomes an A1 address ------------------
    def a1(self, key: str) -> tuple[str, str]:
        """(sheet name, A1 address) of a data cell."""
        c = self.cells[key]
        t = self.table_by_key[c.table]
        r, col = t.sheet_pos(c.row, c.col)
        return t.sheet, to_a1(r, col)

    # -- arithmetic -------------------------------------------------------------------------
    def compute(self, inputs: Mapping[str, Number]) -> dict[str, Number]:
        """All data cells: the given inputs (missing ones are 0) plus every total recomputed."""
        zeros, sums = self.sum_plan
        values: dict[str, Number] = {key: inputs.get(key, zero) for key, zero in zeros}
        get = values.__getitem__
        for key, zero, addends in sums:
            values[key] = sum(map(get, addends), zero)
        return values

    @cached_property
    def sum_plan(self) -> tuple[tuple[tuple[str, Number], ...], tuple[tuple[str, Number, tuple[str, ...]], ...]]:
        """``compute``'s plan, made once: each input cell with its zero, then each total with its zero and its
        addends, every total after the totals it adds (in the order a recursive sum of the totals meets them)."""
        rules, done = self.defining_rule, {c.key for c in self.inputs}
        sums: list[tuple[str, Number, tuple[str, ...]]] = []

        def visit(key: str) -> None:
            if key not in done:
                addends = rules[key].addends
                for a in addends:
                    visit(a)
                done.add(key)
                sums.append((key, _zero(self.cells[key]), tuple(addends)))

        for c in self.totals:
            visit(c.key)
        return tuple((c.key, _zero(c)) for c in self.inputs), tuple(sums)

    def with_variant(self, variant: VariantSpec) -> LayoutSpec:
        """This layout as changed by a province's variant."""

        def relabel(t: TableSpec) -> TableSpec:
            labels = tuple(replace(lb, text=variant.label_overrides.get(lb.text, lb.text)) for lb in t.labels)
            cells = tuple(
                replace(
                    c,
                    decimals=variant.decimals.get(c.key, c.decimals),
                    col_label=variant.col_label_overrides.get(c.key, c.col_label),
                )
                for c in t.cells
            )
            return replace(t, labels=labels, cells=cells)

        return replace(self, variant=variant.name, name=f"{self.name}（{variant.title}）",
                       tables=tuple(relabel(t) for t in self.tables))


def _zero(c: CellSpec) -> Number:
    return Decimal(0) if c.kind is Kind.AMOUNT else 0


def col_letter(col: int) -> str:
    """0-based column index to letters (0 -> A)."""
    s = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


def to_a1(row: int, col: int) -> str:
    """0-based (row, col) to an A1 address."""
    return f"{col_letter(col)}{row + 1}"


def from_a1(ref: str) -> tuple[int, int]:
    """An A1 address to 0-based (row, col)."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


def sum_ranges(addresses: Iterable[tuple[int, int]]) -> list[str]:
    """Compress sheet positions into A1 ranges of consecutive cells (for SUM formulas)."""
    cells = sorted(set(addresses))
    out: list[str] = []
    i = 0
    while i < len(cells):
        r0, c0 = cells[i]
        j = i
        # extend along a row
        while j + 1 < len(cells) and cells[j + 1] == (r0, cells[j][1] + 1):
            j += 1
        if j > i:
            out.append(f"{to_a1(r0, c0)}:{to_a1(r0, cells[j][1])}")
            i = j + 1
            continue
        # extend along a column
        run = [(r0, c0)]
        rest = cells[i + 1 :]
        while (run[-1][0] + 1, c0) in rest:
            run.append((run[-1][0] + 1, c0))
        if len(run) > 1:
            out.append(f"{to_a1(r0, c0)}:{to_a1(run[-1][0], c0)}")
            taken = set(run)
            cells = cells[:i] + [x for x in cells[i:] if x not in taken]
            continue
        out.append(to_a1(r0, c0))
        i += 1
    return out
