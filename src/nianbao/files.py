"""Writing outputs atomically (a temporary file beside the target, then a rename); reading inputs only
when they are regular files.

Every temporary file nianbao makes is named with ``TEMP_PREFIX`` and ends in ``.tmp``: the process removes
its own when it can (an exception, Ctrl+C, a ``kill``), and a later run removes those older than
``STALE_AFTER`` that a process killed outright (``kill -9``, a power cut) had to leave.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from nianbao.wording import files as words

#: the start of every temporary file's name (after a '.' for those beside an output), and how old one must
#: be to be taken for a leftover: no write of nianbao takes an hour
TEMP_PREFIX = "nianbao-tmp-"
STALE_AFTER = 3600.0


def remove_stale(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove nianbao's temporary files in ``folder`` older than ``STALE_AFTER`` seconds; the removed ones."""
    limit = (time.time() if now is None else now) - STALE_AFTER
    removed: list[Path] = []
    try:
        candidates = [p for p in Path(folder).iterdir() if TEMP_PREFIX in p.name and p.name.endswith(".tmp")]
    except OSError:
        return removed
    for p in candidates:
        try:
            if p.name.lstrip(".").startswith(TEMP_PREFIX) and p.is_file() and not p.is_symlink() \
                    and p.stat().st_mtime < limit:
                p.unlink()
                removed.append(p)
        except OSError:
            continue  # another user's, or gone already
    return removed


def temp_file(folder: Path | None, name: str, suffix: str = "") -> Path:
    """A new empty temporary file of nianbao in ``folder`` (the system's temporary folder when None), named
    after ``name``; stale ones there are removed first."""
    where = Path(folder) if folder is not None else Path(tempfile.gettempdir())
    remove_stale(where)
    hidden = "." if folder is not None else ""
    fd, tmp = tempfile.mkstemp(prefix=f"{hidden}{TEMP_PREFIX}{name}.", suffix=f"{suffix}.tmp", dir=where)
    os.close(fd)
    return Path(tmp)


class OutputExists(FileExistsError):
    """The output file exists and overwriting was not asked for."""


def write_atomic(target: Path, write: Callable[[Path], object], *, force: bool = True) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one rename."""
    target = Path(target)
    if target.exists() and not force:
        raise OutputExists(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = temp_file(target.parent, target.stem, target.suffix)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        write(tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(target: Path, data: bytes, *, force: bool = True) -> Path:
    return write_atomic(target, lambda p: p.write_bytes(data), force=force)


def write_text_atomic(target: Path, text: str, *, force: bool = True) -> Path:
    """``text`` as UTF-8; a file name that is not (GBK bytes, held as surrogates) is shown with U+FFFD."""
    data = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8")
    return write_atomic(target, lambda p: p.write_bytes(data), force=force)


# -- reading inputs: regular files only --------------------------------------------------------------
class NotRegularFile(OSError):
    """A path that is not a regular file (a FIFO, a device, a socket, a folder); ``reason`` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def special_file_reason(mode: int) -> str:
    """Why a file of ``mode`` (from ``os.stat``) is not read: '' for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return words.A_FOLDER
    if stat.S_ISFIFO(mode):
        return words.A_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return words.A_DEVICE
    if stat.S_ISSOCK(mode):
        return words.A_SOCKET
    return words.NOT_A_REGULAR_FILE


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file (a symlink followed), at most ``limit`` + 1 of them.

    Opened without blocking (a FIFO named ``.xlsx`` would otherwise wait for a writer forever) and
    checked to be a regular file before a byte is read; raises ``NotRegularFile`` (a Chinese reason)
    for a FIFO, a device (a link to /dev/zero), a socket or a folder, and ``OSError`` as ``open`` does."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(words.A_FOLDER) from None
    try:
        reason = special_file_reason(os.fstat(fd).st_mode)
        if reason:
            raise NotRegularFile(reason)
        chunks, size = [], 0
        while size <= limit:
            block = os.read(fd, min(1 << 20, limit + 1 - size))
            if not block:
                break
            chunks.append(block)
            size += len(block)
        return b"".join(chunks)
    finally:
        os.close(fd)


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A .zip member's path as its author saw it: zips made on Chinese Windows store names in GBK without
    the UTF-8 flag, which Python reads as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


_OS_REASONS = {errno.ENOENT: words.OS_REASONS_ENOENT, errno.EACCES: words.OS_REASONS_EACCES, errno.EPERM: words.OS_REASONS_EPERM,
               errno.EISDIR: words.A_FOLDER, errno.ENOTDIR: words.OS_REASONS_ENOTDIR, errno.ENOSPC: words.OS_REASONS_ENOSPC,
               errno.EROFS: words.OS_REASONS_EROFS, errno.ENAMETOOLONG: words.OS_REASONS_ENAMETOOLONG, errno.EMFILE: words.OS_REASONS_EMFILE,
               errno.ELOOP: words.OS_REASONS_ELOOP, errno.EIO: words.OS_REASONS_EIO}


def plain_reason(exc: BaseException) -> str:
    """What went wrong, in plain Chinese, for a message a clerk reads: never an exception's class name or
    an operating system's English text."""
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and exc.errno is not None:
        return _OS_REASONS.get(exc.errno, words.OS_ERROR_NUMBER.format(errno=exc.errno))
    text = str(exc).lower()
    if "encrypt" in text or "password" in text:
        return words.ENCRYPTED
    for kinds, reason in _REASONS:
        if isinstance(exc, kinds):
            return reason
    name = type(exc).__name__.lower()
    if "panic" in name:  # pyo3's PanicException: the native reader gave up on the file
        return words.READER_GAVE_UP
    if "xml" in name or "parse" in name:
        return words.BAD_XML
    if "zip" in name:
        return words.BAD_ZIP
    return words.UNRECOGNISED


_REASONS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    ((zipfile.BadZipFile, zlib.error, EOFError), words.BAD_ZIP),
    (UnicodeError, words.BAD_ENCODING),
    (MemoryError, words.OUT_OF_MEMORY),
    (NotImplementedError, words.UNSUPPORTED_COMPRESSION),
    (RecursionError, words.NESTED_TOO_DEEP),
    ((KeyError, IndexError), words.PART_MISSING),
    (OSError, words.READ_WRITE_ERROR),
)
