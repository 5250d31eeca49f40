"""Reading one input cell of a table: the number it holds, or what is wrong with it, said at the cell.

``InputCells`` is the part of the reader (``nianbao.read.reader``) that turns what calamine read at an
input cell into a figure: a number typed as text, a formula without a stored result, an error value, a
number beyond any report, an amount with too many decimals, a number the sheet shows rounded.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nianbao.form.findings import Finding, count_wanted, make
from nianbao.form.spec import CellSpec, Kind, Number, to_a1
from nianbao.read.formulas import as_kind, cell_numbers, evaluate
from nianbao.read.safety import Inspection
from nianbao.read.shown import NumberFormats, shown_note
from nianbao.read.values import (
    AMOUNT_PLACES,
    MAX_COUNT,
    YUAN_LIKE,
    Parsed,
    decimal_places,
    parse_value,
    within_bounds,
)
from nianbao.read.xmlcells import error_cells, formula_texts
from nianbao.wording import read as words

__all__ = ["InputCells", "cell_at", "zero"]


class InputCells:
    """The reader's handling of input cells (a mixin of ``_Reader``, which sets these attributes)."""

    file: str
    findings: list[Finding]
    data: bytes
    inspection: Inspection
    text_inputs: set[str]
    blank_keys: set[str]
    displayed: dict[str, str]
    formats: NumberFormats | None
    errors: dict[tuple[str, str], str] | None
    summary: bool
    fee_keys: tuple[str, ...]

    def _formula_inputs(self, sheet: str, rows: list[list[Any]], blanks: list[tuple[CellSpec, str]],
                        inputs: dict[str, Number]) -> list[tuple[CellSpec, str]]:
        """Of the input cells read blank, those holding a formula without a stored result (written by a
        program): computed when simple, else an error at the cell, never a silent 0. The others are returned."""
        if not blanks or self.summary or self.inspection.kind not in ("xlsx", "ods"):
            return blanks  # a summary's cells are formulas over its 明细: recomputed from it (_recompute_summary)
        texts = formula_texts(self.data, self.inspection, {sheet: {a1 for _spec, a1 in blanks}})
        if not texts:
            return blanks
        number = cell_numbers(rows, lambda r, c: texts.get((sheet, to_a1(r, c))))
        left: list[tuple[CellSpec, str]] = []
        for spec, a1 in blanks:
            formula = texts.get((sheet, a1))
            if formula is None:
                left.append((spec, a1))
                continue
            self.blank_keys.discard(spec.key)
            value = evaluate(formula, number)
            shown = formula.removeprefix("of:=")
            if value is None or not within_bounds(value):
                self._cell_finding("VALUE-FORMULA", spec, sheet, a1, formula=shown)
                inputs[spec.key] = zero(spec)
                continue
            inputs[spec.key] = as_kind(value, spec.kind)
            self._cell_finding("READ-FORMULA", spec, sheet, a1, formula=shown, expected=inputs[spec.key],
                               how=words.FORMULA_COMPUTED)
        return left

    def _read_cell(self, spec: CellSpec, raw: Any, sheet: str, a1: str, inputs: dict[str, Number],
                   stated: dict[str, Number]) -> bool:
        """One cell of a table, at ``sheet``!``a1``, into ``inputs`` or ``stated``; whether it is a blank
        input (counted for READ-BLANK)."""
        kind = type(raw)
        if kind is float and spec.kind is not Kind.AMOUNT and raw.is_integer() and abs(raw) <= MAX_COUNT:
            # the common case, a whole number in a number cell
            (inputs if spec.is_input else stated)[spec.key] = int(raw)
            return False
        if kind is int and spec.kind is not Kind.AMOUNT and abs(raw) <= MAX_COUNT:
            # the same in an .xls, whose whole numbers calamine gives as int (parse_value gives them alike)
            (inputs if spec.is_input else stated)[spec.key] = raw
            return False
        if spec.is_input:
            return self._read_input(spec, raw, sheet, a1, inputs)
        parsed = parse_value(raw, spec.kind)
        if parsed.value is not None and not parsed.blank:
            stated[spec.key] = parsed.value
        return False

    def _read_input(self, spec: CellSpec, raw: Any, sheet: str, a1: str, inputs: dict[str, Number]) -> bool:
        """An input cell into ``inputs`` (0 when it is not a number, said as a finding, like a value that
        needed a guess or an error value); whether it is blank."""
        parsed = parse_value(raw, spec.kind)
        if parsed.value is None:
            self._unreadable_value(spec, parsed, sheet, a1)
            inputs[spec.key] = zero(spec)
            return False
        inputs[spec.key] = parsed.value
        if type(raw) is float and _doubtful(raw, parsed.value, spec):  # a finding will quote it: as shown too
            self._note_displayed(spec.key, sheet, a1, raw, parsed.shown)
        if spec.kind is Kind.AMOUNT and not parsed.blank:
            self._amount_doubts(spec, parsed.value, sheet, a1)
        if isinstance(raw, str) and not parsed.blank and parsed.value:
            self.text_inputs.add(spec.key)
        blank = False
        if parsed.blank and raw == "" and (sheet, a1) in self._error_cells():
            # calamine reads an error value (#DIV/0!) as '': not a blank the office left
            self._cell_finding("VALUE-ERROR", spec, sheet, a1, actual=self._error_cells()[(sheet, a1)])
        elif parsed.blank:
            blank = True
            self.blank_keys.add(spec.key)
        if parsed.coerced and _valid(parsed.value, spec):
            self._cell_finding("READ-COERCED", spec, sheet, a1, expected=parsed.value, actual=parsed.shown)
        return blank

    def _unreadable_value(self, spec: CellSpec, parsed: Parsed, sheet: str, a1: str) -> None:
        """An input cell that is not a number of its kind, or a number beyond any report: an error at it."""
        note = shown_note(self.displayed.get(spec.key))
        if parsed.huge:
            self._cell_finding("VALUE-HUGE", spec, sheet, a1, actual=parsed.shown, shown_note=note,
                               limit=words.HUGE_AMOUNT_LIMIT if spec.kind is Kind.AMOUNT else words.HUGE_COUNT_LIMIT)
        else:
            self._cell_finding("VALUE-FEE" if spec.kind is Kind.AMOUNT else "VALUE-COUNT", spec, sheet, a1,
                               actual=parsed.shown, decimals_note=_decimals_note(spec), what=count_wanted(spec),
                               shown_note=note)

    def _amount_doubts(self, spec: CellSpec, value: Number, sheet: str, a1: str) -> None:
        """Warnings about an amount that reads well but looks wrong: more than 4 decimals where the
        format sets no limit (Henan's 4 are checked as an error), or a figure that looks like 元."""
        places = decimal_places(value)
        note = shown_note(self.displayed.get(spec.key))
        if spec.decimals is None and places > AMOUNT_PLACES:
            self._cell_finding("VALUE-FEE-DECIMALS", spec, sheet, a1, actual=value, places=places, shown_note=note)
        if value >= YUAN_LIKE and not self.summary and spec.key not in self.fee_keys:
            self._cell_finding("VALUE-AMOUNT-YUAN", spec, sheet, a1, actual=value, yuan=f"{value * 10000:,.0f}",
                               shown_note=note)

    def _note_displayed(self, key: str, sheet: str, a1: str, raw: float, stored: str) -> None:
        """Into ``displayed``: what the sheet shows for the number stored at ``sheet``!``a1``, when its
        number format shows it otherwise (2.5 as "3")."""
        if self.formats is None:
            self.formats = NumberFormats(self.data, self.inspection)
        text = self.formats.shown(sheet, a1, raw)
        if text is not None and text != stored:
            self.displayed[key] = text

    def _cell_finding(self, code: str, spec: CellSpec, sheet: str, a1: str, **params: Any) -> None:
        """A finding at the table cell ``sheet``!``a1`` of ``spec``, named by its row and column."""
        self.findings.append(make(code, file=self.file, sheet=sheet, cell=a1, row_label=_row(spec),
                                  col_label=spec.col_label, where=spec.where, key=spec.key, **params))

    def _error_cells(self) -> dict[tuple[str, str], str]:
        """(sheet, A1) -> the error value shown (#DIV/0!, #N/A, ...), for .xlsx and .ods; read once, and
        only from files that hold any (calamine reads error values as '')."""
        if self.errors is None:
            self.errors = error_cells(self.data, self.inspection)
        return self.errors


def cell_at(rows: list[list[Any]], r: int, c: int) -> Any:
    """What calamine read at row ``r``, column ``c`` ('' beyond the used range)."""
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def zero(spec: CellSpec) -> Number:
    return 0 if spec.kind is not Kind.AMOUNT else Decimal(0)


# -- the words of findings ---------------------------------------------------------------------------
def _valid(v: Number, spec: CellSpec) -> bool:
    if spec.kind is Kind.SIGNED:
        return v == int(v)
    if spec.kind is Kind.COUNT:
        return v >= 0 and v == int(v)
    if v < 0:
        return False
    if spec.decimals is not None and isinstance(v, Decimal):
        exp = v.normalize().as_tuple().exponent
        return not (isinstance(exp, int) and -exp > spec.decimals)
    return True


def _decimals_note(spec: CellSpec) -> str:
    return words.DECIMALS_NOTE.format(decimals=spec.decimals) if spec.decimals is not None else ""


def _row(spec: CellSpec) -> str:
    return f"{spec.row_group} {spec.row_label}".strip()


def _doubtful(raw: float, value: Number, spec: CellSpec) -> bool:
    """Whether a number will be quoted by a finding about its decimals: a fraction in a count cell, an
    amount with more decimals than its cell allows (or than ``AMOUNT_PLACES``)."""
    if raw.is_integer():
        return False
    if spec.kind is not Kind.AMOUNT:
        return True
    return decimal_places(value) > (spec.decimals if spec.decimals is not None else AMOUNT_PLACES)
