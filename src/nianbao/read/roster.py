"""The county's list of offices expected to report (名单): columns 单位名称 and 单位类别, and optionally
所属县, 联系人, 联系电话 and 别名 (other names the office's reports may give, separated by 、 , ; or ／)."""

from __future__ import annotations

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
from nianbao.read.safety import MAX_FILE_BYTES, UnsafeSheet, inspect_bytes

NAME_COLUMN, CATEGORY_COLUMN = "单位名称", "单位类别"
#: the optional columns beside the name and category: column heading -> RosterEntry field
EXTRA_COLUMNS = {"所属县": "county", "联系人": "contact", "联系电话": "phone", "别名": "aliases"}
_ALIAS_SEP = re.compile(r"[、,，;；/／|]")


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


def normalise_name(name: str) -> str:
    """An office name for comparison: NFKC (full/half width), no whitespace of any kind."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))


def read_roster(path: Path) -> list[RosterEntry]:
    """Read a roster from .xlsx/.xls/.ods/.csv. Raises ``RosterError`` with a Chinese message."""
    path = Path(path)
    if not path.exists():
        raise RosterError(f"名单文件 {path} 不存在。")
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise RosterError(f"无法读取名单文件 {path.name}：{exc.reason}。") from None
    except OSError as exc:
        raise RosterError(f"无法读取名单文件 {path.name}：{plain_reason(exc)}。") from None
    return read_roster_bytes(path.name, data)


def read_roster_bytes(name: str, data: bytes) -> list[RosterEntry]:
    """``read_roster`` for bytes in memory; ``name`` (the file name) tells CSV from a workbook."""
    path = Path(name)
    frame = _with_header(_read_frame(path, _checked(path, data)))
    if NAME_COLUMN not in frame.columns:
        raise RosterError(f"名单文件 {path.name} 中找不到“{NAME_COLUMN}”列：请在表头一行写“{NAME_COLUMN}”"
                          f"（可再加一列“{CATEGORY_COLUMN}”），下面每行一个单位。")
    entries = _entries(frame, path)
    if not entries:
        raise RosterError(f"名单文件 {path.name} 中没有任何单位名称。")
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
        raise RosterError(f"无法读取名单文件 {path.name}：{plain_reason(exc)}。请另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。") from exc


def _checked(path: Path, data: bytes) -> bytes:
    """The roster's bytes, checked as a report's are before calamine sees them (size, zip bombs, a cell
    far outside any list, a damaged or encrypted .xls)."""
    if len(data) > MAX_FILE_BYTES:
        raise RosterError(f"无法读取名单文件 {path.name}：文件太大，不像一份名单。请另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。")
    if path.suffix.lower() in (".csv", ".txt"):
        return data
    ins = inspect_bytes(data)
    problem = {"encrypted": "文件设置了打开密码", "corrupt": ins.detail or "文件已损坏", "unsafe": ins.detail,
               "empty": "文件是空的"}.get(ins.kind)
    if problem is None and ins.kind not in ("xlsx", "xls", "ods", "far"):  # calamine is handed only what is safe
        problem = "不是 Excel 工作簿"
    first = next(iter(ins.sheet_parts or ins.sheet_far), "")
    try:  # an .xls is opened whole: any far sheet counts; an .xlsx: the first sheet, which is read
        sheet, far = ins.far_sheet() if ins.kind == "far" else (first, ins.far_cell(first) if problem is None else "")
    except UnsafeSheet as exc:
        sheet, far, problem = first, "", str(exc)
    if far:
        problem = f"工作表“{sheet}”在 {far} 处还有内容，远远超出名单范围，为安全起见未读取"
    if problem:
        raise RosterError(f"无法读取名单文件 {path.name}：{problem}。请删去多余内容，另存为 .xlsx 或 UTF-8 编码的 .csv 后重试。")
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
    has_category = CATEGORY_COLUMN in frame.columns
    for _, row in frame.iterrows():
        raw = row[NAME_COLUMN]
        if pd.isna(raw) or not str(raw).strip():
            continue
        name = str(raw).strip()
        key = normalise_name(name)
        if key in seen:
            raise RosterError(f"名单文件 {path.name} 中“{name}”出现了不止一次，请删去重复的行。")
        seen.add(key)
        category = _category(row[CATEGORY_COLUMN], name, path) if has_category else ""
        extra = {f: _text(row[c]) for c, f in EXTRA_COLUMNS.items() if c in frame.columns and f != "aliases"}
        aliases = tuple(a.strip() for a in _ALIAS_SEP.split(_text(row["别名"])) if a.strip()) \
            if "别名" in frame.columns else ()
        entries.append(RosterEntry(name, category, aliases=aliases, **extra))
    return entries


def _text(raw: Any) -> str:
    import pandas as pd

    return "" if pd.isna(raw) else str(raw).strip()


def _category(raw: Any, name: str, path: Path) -> str:
    """An office's 单位类别 ('' when blank); one outside the choices is an error."""
    import pandas as pd

    if pd.isna(raw):
        return ""
    category = str(raw).strip()
    if category and category not in OFFICE_CATEGORIES:
        raise RosterError(f"名单文件 {path.name} 中“{name}”的单位类别“{category}”不在可选范围内："
                          f"{'、'.join(OFFICE_CATEGORIES)}。")
    return category


def _read_csv(path: Path, data: bytes) -> pd.DataFrame:
    import pandas as pd

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(io.BytesIO(data), dtype=str, encoding=encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(f"名单文件 {path.name} 的编码无法识别，请另存为 UTF-8 编码的 .csv 或 .xlsx。")
