"""What ``add`` is handed: files, folders (walked, in name order) and .zip files (each member a file).

Every file found is taken, whatever it is (a Word file sent by mistake is kept and marked unreadable), but
the lock files an open workbook leaves (~$…, .~lock.…), the files the system makes (Thumbs.db…) and hidden
files are not: each is said, with why (``Incoming.skipped``). Inputs are only read.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nianbao.files import plain_reason, zip_member_name
from nianbao.read.safety import MAX_FILE_BYTES, MAX_MEMBERS
from nianbao.wording import inbox as words
from nianbao.wording import read as read_words

_ZIP_SUFFIX = ".zip"  # opened, each member added (a zip of more than MAX_MEMBERS members is kept whole)


@dataclass(frozen=True)
class Incoming:
    """One file to add: its name, where it came from, and how to get its bytes (or why they cannot be had)."""

    name: str
    origin: str  # the path, or "path:member" for a member of a .zip
    load: Callable[[], bytes]
    #: why the file is not taken ('' when it is): what an open workbook or the system leaves beside files
    skipped: str = ""


class Unavailable(Exception):
    """The bytes of an incoming file cannot be had; the message says why, in Chinese."""


#: files Windows and macOS make in a folder by themselves (never a report)
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"})


def _skipped(name: str) -> str:
    """Why a file found is not taken, in Chinese ('' when it is): a lock file an open workbook leaves, a file
    the system makes by itself, a hidden file."""
    if name.startswith(("~$", ".~lock.")):
        return read_words.LOCK_FILE
    if name.lower() in _SYSTEM_FILES:
        return words.SYSTEM_FILE_SKIPPED
    if name.startswith("."):
        return words.HIDDEN_FILE_SKIPPED
    return ""


def _read(path: Path) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise Unavailable(words.FILE_TOO_LARGE.format(mb=path.stat().st_size // (1024 * 1024)))
            return path.read_bytes()
        except OSError as exc:
            raise Unavailable(words.CANNOT_OPEN_FILE.format(exc=plain_reason(exc))) from None
    return load


def _zip_members(path: Path) -> list[Incoming] | None:
    """The files inside a .zip, or None when it is not a zip that can be opened (then kept as it is)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if len(infos) > MAX_MEMBERS:
        return None
    out = []
    for info in infos:
        member = zip_member_name(info)  # as the zip tool meant it (GBK from a Chinese Windows, UTF-8)
        name = PurePosixPath(member).name
        if name:
            out.append(Incoming(name, f"{path}:{member}", _member_loader(path, info), _skipped(name)))
    return out


def _member_loader(path: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def load() -> bytes:
        if info.file_size > MAX_FILE_BYTES:
            raise Unavailable(words.MEMBER_TOO_LARGE.format(mb=info.file_size // (1024 * 1024)))
        try:
            with zipfile.ZipFile(path) as zf, zf.open(info) as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise Unavailable(words.MEMBER_CANNOT_EXTRACT.format(exc=plain_reason(exc))) from None
        if len(data) > MAX_FILE_BYTES:
            raise Unavailable(words.MEMBER_EXPANDS_TOO_LARGE)
        return data
    return load


def _file(path: Path) -> list[Incoming]:
    if path.suffix.lower() == _ZIP_SUFFIX and not _skipped(path.name):
        members = _zip_members(path)
        if members is not None:
            return members
    return [Incoming(path.name, str(path), _read(path), _skipped(path.name))]


def incoming(paths: Iterable[Path]) -> list[Incoming]:
    """The files to add from ``paths``, in order: each file named, then each folder's files by name."""
    out: list[Incoming] = []
    seen: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root) / n for n in sorted(names)]  # those not taken are said so (``skipped``)
        else:
            found = [p]
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:  # a file named twice (a folder and a file in it): added once
                seen.add(key)
                out += _file(f)
    return out
