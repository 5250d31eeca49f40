"""The files to read: files and folders walked (recursively, in name order), and why any is skipped.

Every path given or found ends up in one of the two lists: read, or skipped with a reason in Chinese. A
folder walk follows folder links (a clerk's 收件 folder linked from elsewhere) but never twice into the
same folder (a link loop is skipped, with the reason). A file found in a folder is read when it is a
spreadsheet by its name or, whatever its name, by its bytes: a report saved as ``.xltx``, with no
extension, with a trailing space (``年报.xlsx ``), or with a name starting with ``.`` is a report.
What is skipped: Office and LibreOffice lock files (``~$…``, ``.~lock.…#``), macOS's ``._…`` companions,
nianbao's own temporary files, links to nowhere, anything that is not a regular file (a device, a pipe),
and files that are not spreadsheets.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path

from nianbao.files import TEMP_PREFIX, plain_reason, special_file_reason
from nianbao.wording import read as words

#: files a directory walk reads by their name (anything else is read only when its bytes are a workbook)
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".et",
                                  ".xltx", ".xltm", ".xlt", ".ett", ".ots"})
#: the most of a file without a spreadsheet's name that is read to recognise it
_SNIFF_BYTES = 20 * 1024 * 1024
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ODS_MIMETYPES = (b"application/vnd.oasis.opendocument.spreadsheet",
                  b"application/vnd.oasis.opendocument.spreadsheet-template")


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
        _walk(p, files, skipped)
    seen: set[Path] = set()
    unique: list[Path] = []
    for f in files:  # a file named twice (a folder and a file in it, or through a link): read once
        key = f.resolve() if f.exists() else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, skipped


def _walk(top: Path, files: list[Path], skipped: list[tuple[str, str]]) -> None:
    visited: set[str] = set()

    def unreadable(err: OSError) -> None:
        skipped.append((str(err.filename or top), words.FOLDER_UNREADABLE.format(reason=plain_reason(err))))

    for root, dirs, names in os.walk(top, followlinks=True, onerror=unreadable):
        visited.add(os.path.realpath(root))
        dirs.sort()
        for d in list(dirs):  # a link back to a folder already walked (or being walked): a loop
            real = os.path.realpath(os.path.join(root, d))
            if real in visited or _inside(real, os.path.realpath(root)):
                dirs.remove(d)
                skipped.append((str(Path(root) / d), words.FOLDER_LINK_LOOP))
            else:
                visited.add(real)
        for name in sorted(names):
            f = Path(root) / name
            reason = skip_reason(f)
            if reason and f.suffix.lower() not in _REFUSED_WHEN_READ:
                skipped.append((str(f), reason))
            else:  # refused as what it is (FILE-NOT-SPREADSHEET: 请先解压, 请在 LibreOffice 中另存为…): said, not skipped
                files.append(f)


#: files found in a folder that are read to be refused with what to do, not skipped as not workbooks: a .zip
#: (its reports were not checked: 请先解压) and LibreOffice's flat XML spreadsheet (另存为 .xlsx 或 .ods)
_REFUSED_WHEN_READ = frozenset({".zip", ".fods"})


def _inside(real: str, root: str) -> bool:
    """``root`` is inside ``real`` (a link to an ancestor of the folder it is in)."""
    return root == real or root.startswith(real.rstrip(os.sep) + os.sep)


def special_reason(path: Path) -> str:
    """Why an existing path is not a file to read (a FIFO, a device, a link to one, a broken link or a
    link loop); '' for a regular file, a folder and a path that does not exist (the reader says so)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return words.BROKEN_LINK if os.path.islink(path) else ""
    return "" if stat.S_ISDIR(mode) else special_file_reason(mode)


def skip_reason(path: Path) -> str:
    """Why a file found in a directory is not read ('' when it is read)."""
    name = path.name
    if name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")):
        return words.LOCK_FILE
    if name.startswith("._"):
        return words.MACOS_COMPANION
    if name.lstrip(".").startswith(TEMP_PREFIX):
        return words.TEMPORARY_FILE
    special = special_reason(path)
    if special:
        return special
    suffix = Path(name.rstrip(" .")).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES or (isinstance(path, Path) and looks_like_workbook(path)):  # a zip member is named only
        return ""
    return words.NOT_A_WORKBOOK_SKIPPED.format(suffix=path.suffix or words.NO_SUFFIX)


def looks_like_workbook(path: Path) -> bool:
    """Whether the bytes of ``path`` are a workbook (.xlsx/.xlsm/.xlsb, .ods, or an .xls), whatever its name."""
    try:
        if path.stat().st_size > _SNIFF_BYTES:
            return False
        with open(path, "rb") as fh:
            head = fh.read(8)
            if head == _OLE:  # an OLE file is a workbook when it holds a Workbook (or Book) stream, not Word's
                rest = fh.read()
                return (any(s.encode("utf-16-le") in rest for s in ("Workbook", "Book"))
                        and "WordDocument".encode("utf-16-le") not in rest)
        if not head.startswith(b"PK"):
            return False
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if {"xl/workbook.xml", "xl/workbook.bin"} & names:
                return True
            return "mimetype" in names and zf.read("mimetype").strip() in _ODS_MIMETYPES
    except (OSError, zipfile.BadZipFile, ValueError, KeyError):
        return False


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
