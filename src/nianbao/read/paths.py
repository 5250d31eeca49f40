"""The files to read: files and folders walked (recursively, in name order), and why any is skipped."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from nianbao.files import special_file_reason

#: files a directory walk reads (anything else is skipped with a reason)
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".et"})

def collect_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to read (directories walked recursively, in name order) and the skipped ones."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            special = special_reason(p)
            if special:  # a FIFO or a device is never opened: reading it could wait forever
                skipped.append((str(p), special))
            else:
                files.append(p)  # named on the command line: read it, whatever it is, and say what it is
            continue
        for root, dirs, names in os.walk(p):
            dirs.sort()
            for name in sorted(names):
                f = Path(root) / name
                reason = skip_reason(f)
                if reason:
                    skipped.append((str(f), reason))
                else:
                    files.append(f)
    seen: set[Path] = set()
    unique: list[Path] = []
    for f in files:  # a file named twice (a folder and a file in it): read once
        key = f.resolve() if f.exists() else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, skipped


def special_reason(path: Path) -> str:
    """Why an existing path is not a file to read (a FIFO, a device, a link to one, a broken link or a
    link loop); '' for a regular file, a folder and a path that does not exist (the reader says so)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "符号链接指向的文件不存在或链接成环，已跳过" if os.path.islink(path) else ""
    return "" if stat.S_ISDIR(mode) else special_file_reason(mode)


def skip_reason(path: Path) -> str:
    """Why a file found in a directory is not read ('' when it is read)."""
    special = special_reason(path)
    if special:
        return special
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        return "Office 临时文件（文件正在被打开时产生），已跳过"
    if name.startswith("."):
        return "隐藏文件，已跳过"
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return f"不是 Excel 工作簿（{path.suffix or '无扩展名'}），已跳过"
    return ""


def shown(text: str, *, exact: bool = False) -> str:
    """``text`` (a path, or a message naming one) as it can be shown and written: a file name whose bytes
    are not UTF-8 (a GBK name from an old Windows zip) has undecodable bytes as surrogates, which no
    output can encode; they become replacement characters (�), or with ``exact`` escapes such as
    ``\\xba`` (two names that differ only there stay different)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape") if _escaped_only(text) else text.encode("utf-8", "replace")
        return raw.decode("utf-8", "backslashreplace" if exact else "replace")


def _escaped_only(text: str) -> bool:
    """Whether every surrogate in ``text`` is one that stands for an undecodable byte (U+DC80..U+DCFF)."""
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)
