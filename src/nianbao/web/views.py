"""What the pages show, built from the ledger's answers: the dashboard's rows filtered and sorted, its
totals, the days to the deadline, the list of offices that have not reported, and the 退回修改通知."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nianbao.form.result import FileStatus
from nianbao.inbox.types import OfficeStatus, tally
from nianbao.wording import web as words

__all__ = ["Board", "board", "days_left", "missing_csv", "missing_xlsx", "state_class"]

#: the dashboard's sort keys: (Chinese label, key function over an OfficeState)
SORTS: dict[str, tuple[str, Any]] = {
    "roster": (words.SORT_BY_ROSTER, None),
    "name": (words.COLUMN_OFFICE_NAME, lambda s: s.name),
    "state": (words.SORT_BY_STATE, lambda s: s.state),
    "received": (words.SORT_BY_RECEIVED, lambda s: str(s.received_at or "")),
    "errors": (words.SORT_BY_ERRORS, lambda s: (s.errors or 0, s.warnings or 0)),
}
_REVERSED = frozenset({"received", "errors"})
#: CSS class of each state label (colour on the dashboard)
_STATE_CLASS: dict[str, str] = {OfficeStatus.MISSING: "none", OfficeStatus.SUBMITTED_OK: "ok", OfficeStatus.SUBMITTED_WARN: "warn",
                OfficeStatus.SUBMITTED_ERROR: "error", OfficeStatus.RETURNED: "returned",
                OfficeStatus.ACCEPTED: "accepted", FileStatus.ERROR: "error", FileStatus.UNREADABLE: "error"}


def state_class(state: str) -> str:
    """The CSS class of an office's state or a version's verdict (a label, compared with the enums' members)."""
    return _STATE_CLASS.get(state, "none")


@dataclass(frozen=True)
class Board:
    """The dashboard: the rows shown, and the totals over the whole roster (``counts``: roster offices by
    state; ``outside``: offices not on the roster that sent a file, counted apart)."""

    rows: list[Any]
    expected: int
    submitted: int
    missing: list[Any]
    counts: dict[str, int]
    outside: int = 0

    #: the roster's optional columns none of its offices has a value in (read as not there: a heading
    #: written otherwise, as 联系电话（手机） or 电话, is not read), in the roster's own words
    roster_lacks: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0


def board(states: Sequence[Any], *, state: str = "", query: str = "", sort: str = "roster") -> Board:
    """The dashboard's rows (``state``: one state label, or '' for all; ``query``: part of a name, a
    contact or a phone), sorted by ``sort`` (a key of ``SORTS``)."""
    counted = tally(states)
    rows = [s for s in states if (not state or s.state == state) and _matches(s, query)]
    key = SORTS.get(sort, SORTS["roster"])[1]
    if key is not None:
        rows.sort(key=key, reverse=sort in _REVERSED)
    return Board(rows=rows, expected=len(counted.counted), submitted=counted.submitted, missing=list(counted.missing),
                 counts=counted.counts, outside=len(counted.outside), roster_lacks=_lacking(counted.counted))


#: the roster's optional columns the dashboard shows: (the heading a roster must have, the office's field)
_ROSTER_COLUMNS = ((words.COLUMN_CATEGORY, "category"), (words.COLUMN_CONTACT, "contact"), (words.COLUMN_PHONE, "phone"))


def _lacking(on_roster: Sequence[Any]) -> tuple[str, ...]:
    if not on_roster:
        return ()
    return tuple(head for head, field in _ROSTER_COLUMNS if not any(getattr(s, field, "") for s in on_roster))


def _matches(s: Any, query: str) -> bool:
    query = query.strip()
    return not query or any(query in str(getattr(s, k, "") or "") for k in ("name", "contact", "phone", "category"))


def days_left(deadline: str | None, today: _dt.date | None = None) -> int | None:
    """Days from ``today`` to the deadline (ISO date); negative once it has passed; None when not set."""
    if not deadline:
        return None
    try:
        day = _dt.date.fromisoformat(str(deadline)[:10])
    except ValueError:
        return None
    return (day - (today or _dt.date.today())).days


MISSING_HEADER = (words.COLUMN_NUMBER, words.COLUMN_OFFICE_NAME, words.COLUMN_CATEGORY, words.COLUMN_CONTACT, words.COLUMN_PHONE)


def _missing_rows(missing: Sequence[Any]) -> list[tuple[Any, ...]]:
    return [(i, s.name, s.category or "", s.contact or "", s.phone or "") for i, s in enumerate(missing, start=1)]


def missing_csv(missing: Sequence[Any]) -> bytes:
    """The offices not reported as CSV, UTF-8 with a BOM (WPS and Excel then show the Chinese)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(MISSING_HEADER)
    for row in _missing_rows(missing):
        writer.writerow([_cell_text(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell_text(v: Any) -> Any:
    """A text a spreadsheet must not take for a formula (=, +, -, @ first) is quoted."""
    return "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v


def missing_xlsx(missing: Sequence[Any], title: str) -> bytes:
    """The offices not reported as a workbook: one sheet, ready to print for the reminder calls."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    ws = wb.add_worksheet(words.MISSING_LIST_TITLE)
    bold = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2"})
    cell = wb.add_format({"border": 1})
    ws.write_string(0, 0, title, wb.add_format({"bold": True, "font_size": 13}))
    for j, (head, width) in enumerate(zip(MISSING_HEADER, (6, 36, 14, 12, 16), strict=True)):
        ws.write_string(1, j, head, bold)
        ws.set_column(j, j, width)
    for i, row in enumerate(_missing_rows(missing), start=2):
        ws.write_number(i, 0, row[0], cell)
        for j, v in enumerate(row[1:], start=1):
            ws.write_string(i, j, str(v), cell)
    ws.repeat_rows(1)
    ws.set_paper(9)
    wb.close()
    return buf.getvalue()
