"""Label/value sheets (基本信息, 正文): each field found by its label in column A."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from nianbao.form.sheets import ID_SHEET, LABEL_COL, VALUE_COL
from nianbao.form.spec import to_a1
from nianbao.read.values import normalise_text, parse_text


class SheetRows(Protocol):
    def __call__(self, name: str, *, quiet: bool = False) -> list[list[Any]] | None: ...


def pairs_sheet(sheet: str, sheets: list[str], fields: list[tuple[str, str]], contains: bool, taken: set[str],
                 rows_of: SheetRows) -> tuple[str, list[list[Any]], dict[str, int]] | None:
    """The sheet holding the label/value rows: ``sheet`` itself, or else the sheet (same name after
    normalising first) whose column A holds at least half of the labels; with the row of each field.
    ``rows_of`` reads a sheet (None when it cannot; said as a finding unless quiet)."""
    if sheet in sheets:
        rows = rows_of(sheet)
        return None if rows is None else (sheet, rows, _pair_rows(rows, fields, contains))
    want = normalise_text(sheet)
    others = [s for s in sheets if s not in taken and s != ID_SHEET]
    others.sort(key=lambda s: normalise_text(s) != want)  # stable: the same name first
    best: tuple[str, list[list[Any]], dict[str, int]] | None = None
    for name in others:
        rows = rows_of(name, quiet=True)
        if rows is None:
            continue
        hits = _pair_rows(rows, fields, contains)
        if 2 * len(hits) >= len(fields) and (best is None or len(hits) > len(best[2])):
            best = (name, rows, hits)
    return best


def pair_values(sheet: str, name: str, rows: list[list[Any]], hits: dict[str, int],
                 template_cell: Callable[[str], str]
                 ) -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]]]:
    """The value of each field found (on sheet ``name``, standing for ``sheet``), and where it was read:
    template address -> actual address."""
    out: dict[str, str] = {}
    moves: dict[tuple[str, str], tuple[str, str]] = {}
    for key, i in hits.items():
        row = rows[i]
        out[key] = parse_text(row[VALUE_COL]).strip() if len(row) > VALUE_COL else ""
        moves[(sheet, template_cell(key))] = (name, to_a1(i, VALUE_COL))
    return out, moves


def _pair_rows(rows: list[list[Any]], fields: list[tuple[str, str]], contains: bool) -> dict[str, int]:
    """Field key -> the row whose column A holds its label."""
    labels = [normalise_text(r[LABEL_COL]) if r and isinstance(r[LABEL_COL], str) else "" for r in rows]
    out: dict[str, int] = {}
    for key, label in fields:
        want = normalise_text(label)
        for i, got in enumerate(labels):
            if got and (want in got if contains else (got == want or got.startswith(want + "("))):
                out[key] = i
                break
    return out
