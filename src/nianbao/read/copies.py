"""When more than one sheet holds the same table: a copy ("表三 (2)", "表三 (新)") filled beside the
template's own sheet left at zeros or hidden. The clerk's figures are on the sheet that is visible and
filled; two visible sheets filled differently are refused rather than guessed between."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nianbao.form.spec import LayoutSpec, TableSpec
from nianbao.read.locate import Placement
from nianbao.read.values import parse_value
from nianbao.wording import read as words

__all__ = ["Candidate", "Choice", "choose_copy", "figures"]


@dataclass(frozen=True)
class Candidate:
    """A sheet on which a table was found by its labels."""

    sheet: str
    place: Placement
    visible: bool
    figures: tuple[object, ...]  # the input cells as read (a number, or the text that is not one)

    @property
    def filled(self) -> bool:
        return any(v != 0 for v in self.figures)


@dataclass(frozen=True)
class Choice:
    """The sheet to read (None: refused), and what to say about it: a finding code and its params."""

    chosen: Candidate | None
    code: str = ""
    params: tuple[tuple[str, Any], ...] = ()


def figures(layout: LayoutSpec, table: TableSpec, rows: list[list[Any]], place: Placement) -> tuple[object, ...]:
    """The input cells of ``table`` on a sheet (``rows``, as calamine read them), as numbers where they are."""
    out: list[object] = []
    for spec, _a1 in layout.template_cells[table.key]:
        if not spec.is_input:
            continue
        if place.is_missing(spec.row, spec.col):
            out.append(0)
            continue
        r, c = place.pos(spec.row, spec.col)
        raw = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        parsed = parse_value(raw, spec.kind)
        out.append(parsed.shown if parsed.value is None else parsed.value)
    return tuple(out)


def choose_copy(name: str, cands: Sequence[Candidate]) -> Choice:
    """Which of several sheets holding the table named ``name`` to read.

    The default is the sheet of that name (else the first found). Sheets that are visible and filled
    come first, then hidden filled ones; when the first such tier holds different figures, refuse."""
    default = next((c for c in cands if c.sheet == name), cands[0])
    for tier in ([c for c in cands if c.visible and c.filled], [c for c in cands if c.filled]):
        if not tier:
            continue
        distinct = {c.figures for c in tier}
        if len(distinct) > 1:
            return Choice(None, "READ-SHEET-AMBIGUOUS", (("count", len(tier)), ("expected", name),
                                                          ("sheets", "、".join(f"“{c.sheet}”" for c in tier))))
        chosen = default if default in tier else tier[0]
        if chosen is default:
            return Choice(chosen)
        return Choice(chosen, "READ-SHEET-COPY", (("expected", name), ("actual", chosen.sheet),
                                                  ("detail", _why(default, chosen))))
    return Choice(default)


def _why(default: Candidate, chosen: Candidate) -> str:
    """Why the default sheet was passed over, in the clerk's words."""
    state = []
    if not default.visible:
        state.append(words.COPY_DEFAULT_HIDDEN)
    if not default.filled:
        state.append(words.COPY_DEFAULT_BLANK)
    hidden = "" if chosen.visible else words.COPY_ALSO_HIDDEN
    return words.COPY_CHOSEN.format(sheet=default.sheet, state="、".join(state) or words.COPY_DEFAULT_DIFFERS,
                                    chosen=chosen.sheet, hidden=hidden)
