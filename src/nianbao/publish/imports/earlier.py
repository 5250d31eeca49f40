"""A table printed in an older format's layout, and the rule findings that the figures a page did not
give explain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nianbao.form.findings import Finding, make
from nianbao.form.registry import get_layout, same_table
from nianbao.form.spec import LayoutSpec, SumRule, TableSpec
from nianbao.publish.imports.rows import Builder
from nianbao.publish.imports.tables import interpret_rows
from nianbao.publish.imports.walk import Region
from nianbao.wording import publish as words


def interpret_earlier(b: Builder, table: TableSpec, region: Region, older: str, same: dict[str, str]) -> None:
    """A table printed in an older format's layout (real 2022 reports print 表二 with the 2019 columns): read
    it as the older table, carry over the figures that correspond (``same``: this format's cell -> the older
    one's, declared by the format), and say which figures of either layout have no counterpart."""
    old = get_layout(older).table(table.key)
    ob = Builder(get_layout(older), b.file)
    interpret_rows(ob, old, region)
    if not ob.inputs:
        b.add("IMPORT-MISSING-TABLE", table)
        b.missing(table.cells)
        return
    cells = {c.key: c for c in table.cells}
    old_cells = {c.key: c for c in old.cells}
    # what went wrong reading the rows that carry over (or the table as a whole), without the 2019 table's
    # cell addresses
    carried = {f"{old_cells[o].row_group} {old_cells[o].row_label}" for o in same.values()}
    b.findings += [replace(f, cell="") for f in ob.findings if not f.row_label or f.row_label in carried]
    for new_key, old_key in same.items():
        if old_key in ob.inputs:
            b.inputs[new_key] = ob.inputs[old_key]
        if old_key in ob.unread or old_key not in ob.inputs:
            b.unread.add(new_key)
    blank = [c for c in table.cells if c.key not in same]
    b.missing(blank)
    mapped = _by_columns([(words.COLUMN_CARRIED.format(old=old_cells[o].col_label, new=cells[n].col_label),
                            cells[n].row_label) for n, o in same.items()])
    dropped = _by_columns([(words.COLUMN_NAMED.format(column=c.col_label), c.row_label) for c in old.cells
                           if c.key not in same.values() and c.key in ob.inputs])
    b.add("IMPORT-T2-2019", table, other=ob.layout.name, name=b.layout.name, mapped=mapped,
          blank=_by_columns([(words.COLUMN_NAMED.format(column=c.col_label), c.row_label) for c in blank]),
          dropped=dropped or words.NOTHING)


def prints_alike(fmt: str, table: TableSpec) -> bool:
    """Whether format ``fmt`` prints ``table`` alike (so that a page printing it so is not of another format)."""
    older = get_layout(fmt)
    return table.key in older.table_by_key and same_table(older.table(table.key), table)


def _by_columns(pairs: Sequence[tuple[str, str]]) -> str:
    """(column, row) pairs as "规章、行政规范性文件的“本年废止件数”、“现行有效件数”；…": rows with the
    same columns named together."""
    cols: dict[str, list[str]] = {}
    for col, row in pairs:
        cols.setdefault(row, [])
        if col not in cols[row]:
            cols[row].append(col)
    groups: dict[tuple[str, ...], list[str]] = {}
    for row, cs in cols.items():
        groups.setdefault(tuple(cs), []).append(row)
    return "；".join(words.ROWS_COLUMNS.format(rows="、".join(rows), columns="、".join(cs)) for cs, rows in groups.items())


# -- rule findings the missing figures explain ----------------------------------------------------


def without_unchecked(findings: Sequence[Finding], layout: LayoutSpec, unread: set[str],
                       file: str) -> list[Finding]:
    """``findings`` without the rule findings that involve a figure the page did not give (a missing row
    or table, a short row): those read the missing figures as 0 and say nothing about the published
    report. One IMPORT-UNCHECKED per table says how many were left out. A rule whose figures were all on
    the page is reported as usual."""
    if not unread:
        return list(findings)
    depends: dict[str, frozenset[str]] = {}

    def inputs_of(key: str) -> frozenset[str]:
        """The key and every cell its recomputed value is summed from."""
        if key not in depends:
            rule = layout.defining_rule.get(key)
            below = frozenset().union(*(inputs_of(a) for a in rule.addends)) if rule else frozenset()
            depends[key] = below | {key}
        return depends[key]

    unchecked: set[tuple[str, str]] = set()  # (code, cell key) of a rule's finding
    for rule in layout.rules:
        keys = (rule.target, *rule.addends) if isinstance(rule, SumRule) else (*rule.left, *rule.right)
        if any(inputs_of(k) & unread for k in keys):
            unchecked.add((rule.code, keys[0]))  # a rule's finding is keyed by its target, a balance's by its first term
    out: list[Finding] = []
    left_out: dict[str, list[str]] = {}
    for f in findings:
        if (f.code, f.key) in unchecked:
            left_out.setdefault(f.sheet, []).append(f.code)
            continue
        out.append(f)
    for table in layout.tables:
        codes = left_out.get(table.sheet)
        if codes:
            out.append(make("IMPORT-UNCHECKED", file=file, sheet=table.sheet, table=words.TABLE_NAME.format(number=table.number),
                            count=len(codes), codes="、".join(dict.fromkeys(codes))))
    return out

