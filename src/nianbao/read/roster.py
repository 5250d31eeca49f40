"""The county's list of offices expected to report (名单): columns 单位名称 and 单位类别, and optionally
所属县, 联系人, 联系电话 and 别名 (other names the office's reports may give, separated by 、 , ; or ／)."""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from nianbao.files import NotRegularFile, plain_reason, read_regular
from nianbao.form.common import OFFICE_CATEGORIES
from nianbao.form.roster import ALIAS_COLUMN, ALIAS_SEPARATORS, CATEGORY_COLUMN, EXTRA_COLUMNS, NAME_COLUMN
from nianbao.read.safety import MAX_FILE_BYTES, UnsafeSheet, inspect_bytes
from nianbao.wording import read as words

_ALIAS_SEP = re.compile(ALIAS_SEPARATORS)


class RosterError(ValueError):
    """The roster cannot be used; the message is Chinese and names the file."""


@dataclass(frozen=True)
class RosterEntry:
    name: str
    category: str = ""
    county: str = ""
    contact: str = ""
    phone: str = ""
    aliases: tuple[str, ...] = ()


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 15, typed=True)
def normalise_name(name: str) -> str:
    """An office name for comparison: NFKC (full/half width), no whitespace of any kind (kept for the last
    names: a merge compares each office's name at several stages)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(name)))


def read_roster(path: Path) -> list[RosterEntry]:
    """Read a roster from .xlsx/.xls/.ods/.csv. Raises ``RosterError`` with a Chinese message."""
    path = Path(path)
    if not path.exists():
        raise RosterError(words.ROSTER_MISSING.format(path=path))
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise RosterError(words.ROSTER_UNREADABLE.format(name=path.name, reason=exc.reason)) from None
    except OSError as exc:
        raise RosterError(words.ROSTER_UNREADABLE.format(name=path.name, reason=plain_reason(exc))) from None
    return read_roster_bytes(path.name, data)


def read_roster_bytes(name: str, data: bytes) -> list[RosterEntry]:
    """``read_roster`` for bytes in memory; ``name`` (the file name) tells CSV from a workbook."""
    path = Path(name)
    frame = _with_header(_read_frame(path, _checked(path, data)))
    if NAME_COLUMN not in frame.columns:
        raise RosterError(words.ROSTER_NO_NAME_COLUMN.format(name=path.name, name_column=NAME_COLUMN,
                                                             category_column=CATEGORY_COLUMN))
    entries = _entries(frame, path)
    if not entries:
        raise RosterError(words.ROSTER_NO_OFFICE.format(name=path.name))
    return entries


def _read_frame(path: Path, data: bytes) -> pd.DataFrame:
    """The roster's first sheet (or the CSV) as text cells; any reader failure as a ``RosterError``."""
    import pandas as pd  # a roster is read once a run: keep pandas out of the start-up of every command

    try:
        if path.suffix.lower() in (".csv", ".txt"):
            return _read_csv(path, data)
        return pd.read_excel(io.BytesIO(data), dtype=str, engine="calamine")
    except RosterError:
        raise
    except BaseException as exc:  # any reader failure (a native panic too) is the same: the file can't be read
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise RosterError(words.ROSTER_READER_FAILED.format(name=path.name, reason=plain_reason(exc))) from exc


def _checked(path: Path, data: bytes) -> bytes:
    """The roster's bytes, checked as a report's are before calamine sees them (size, zip bombs, a cell
    far outside any list, a damaged or encrypted .xls)."""
    if len(data) > MAX_FILE_BYTES:
        raise RosterError(words.ROSTER_TOO_LARGE.format(name=path.name))
    if not data.removeprefix(b"\xef\xbb\xbf").strip():  # nothing in it (blanks, or a BOM alone): not "damaged"
        raise RosterError(words.ROSTER_REFUSED.format(name=path.name, problem=words.ROSTER_EMPTY_FILE,
                                                      advice=words.ROSTER_ADVICE_EMPTY))
    if path.suffix.lower() in (".csv", ".txt"):
        return data
    ins = inspect_bytes(data)
    problem = {"encrypted": words.ROSTER_ENCRYPTED, "corrupt": ins.detail or words.ROSTER_CORRUPT, "unsafe": ins.detail,
               "empty": words.ROSTER_EMPTY_FILE}.get(ins.kind)
    if problem is None and ins.kind not in ("xlsx", "xls", "ods", "far"):  # calamine is handed only what is safe
        problem = words.ROSTER_NOT_A_WORKBOOK
    first = next(iter(ins.sheet_parts or ins.sheet_far), "")
    try:  # an .xls is opened whole: any far sheet counts; an .xlsx: the first sheet, which is read
        sheet, far = ins.far_sheet() if ins.kind == "far" else (first, ins.far_cell(first) if problem is None else "")
    except UnsafeSheet as exc:
        sheet, far, problem = first, "", str(exc)
    advice = words.ROSTER_ADVICE_PASSWORD if ins.kind == "encrypted" else words.ROSTER_ADVICE_RESAVE
    if far:
        problem, advice = words.ROSTER_FAR_CELL.format(sheet=sheet, far=far), words.ROSTER_ADVICE_TRIM
    if problem:
        raise RosterError(words.ROSTER_REFUSED.format(name=path.name, problem=problem, advice=advice))
    return data


def _with_header(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with normalised column names, its header row found below a title row if need be."""
    frame.columns = [normalise_name(c) for c in frame.columns]
    if NAME_COLUMN not in frame.columns:
        # a title row ("某某县政府信息公开年报报送名单") above the column names: find the header row
        for i in range(min(10, len(frame))):
            cells = [normalise_name(x) if isinstance(x, str) else "" for x in frame.iloc[i]]
            if NAME_COLUMN in cells:
                frame = frame.iloc[i + 1:].copy()
                frame.columns = cells
                break
    return frame


def _entries(frame: pd.DataFrame, path: Path) -> list[RosterEntry]:
    """The offices of the roster's rows (rows without a name skipped); a name twice is an error."""
    import pandas as pd

    entries: list[RosterEntry] = []
    seen: set[str] = set()
    bad: list[tuple[str, str]] = []  # (office, category) of every category outside the choices: said at once
    has_category = CATEGORY_COLUMN in frame.columns
    for _, row in frame.iterrows():
        raw = row[NAME_COLUMN]
        if pd.isna(raw) or not str(raw).strip():
            continue
        name = str(raw).strip()
        key = normalise_name(name)
        if key in seen:
            raise RosterError(words.ROSTER_DUPLICATE.format(name=path.name, office=name))
        seen.add(key)
        category = _category(row[CATEGORY_COLUMN]) if has_category else ""
        if category and category not in OFFICE_CATEGORIES:
            bad.append((name, category))
        extra = {f: _text(row[c]) for c, f in EXTRA_COLUMNS.items() if c in frame.columns and f != "aliases"}
        aliases = tuple(a.strip() for a in _ALIAS_SEP.split(_text(row[ALIAS_COLUMN])) if a.strip()) \
            if ALIAS_COLUMN in frame.columns else ()
        entries.append(RosterEntry(name, category, aliases=aliases, **extra))
    if len(bad) == 1:
        raise RosterError(words.ROSTER_BAD_CATEGORY.format(name=path.name, office=bad[0][0], category=bad[0][1],
                                                           choices="、".join(OFFICE_CATEGORIES)))
    if bad:
        raise RosterError(words.ROSTER_BAD_CATEGORIES.format(
            name=path.name, count=len(bad), choices="、".join(OFFICE_CATEGORIES),
            offices="；".join(words.ROSTER_BAD_CATEGORY_OF.format(office=o, category=c) for o, c in bad)))
    return entries


def _text(raw: Any) -> str:
    import pandas as pd

    return "" if pd.isna(raw) else str(raw).strip()


def _category(raw: Any) -> str:
    """An office's 单位类别 as written ('' when blank)."""
    import pandas as pd

    return "" if pd.isna(raw) else str(raw).strip()


def _read_csv(path: Path, data: bytes) -> pd.DataFrame:
    import pandas as pd

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(io.BytesIO(data), dtype=str, encoding=encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(words.ROSTER_BAD_ENCODING.format(name=path.name))
