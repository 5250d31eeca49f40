"""The files to read: files and folders walked (recursively, in name order), and why any is skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: files a directory walk reads (anything else is skipped with a reason)
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".et"})

def collect_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to read (directories walked recursively, in name order) and the skipped ones."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        p = Path(p)
        if not p.is_dir():
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


def skip_reason(path: Path) -> str:
    """Why a file found in a directory is not read ('' when it is read)."""
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        return "Office 临时文件（文件正在被打开时产生），已跳过"
    if name.startswith("."):
        return "隐藏文件，已跳过"
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return f"不是 Excel 工作簿（{path.suffix or '无扩展名'}），已跳过"
    return ""
