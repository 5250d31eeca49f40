"""Writing outputs atomically (a temporary file beside the target, then a rename); reading inputs only
when they are regular files."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class OutputExists(FileExistsError):
    """The output file exists and overwriting was not asked for."""


def write_atomic(target: Path, write: Callable[[Path], object], *, force: bool = True) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one rename."""
    target = Path(target)
    if target.exists() and not force:
        raise OutputExists(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
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
    return write_atomic(target, lambda p: p.write_text(text, encoding="utf-8"), force=force)


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
        return "这是一个文件夹"
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO），不是普通文件，已跳过"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备文件，不是普通文件，已跳过"
    if stat.S_ISSOCK(mode):
        return "这是套接字，不是普通文件，已跳过"
    return "不是普通文件，已跳过"


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file (a symlink followed), at most ``limit`` + 1 of them.

    Opened without blocking (a FIFO named ``.xlsx`` would otherwise wait for a writer forever) and
    checked to be a regular file before a byte is read; raises ``NotRegularFile`` (a Chinese reason)
    for a FIFO, a device (a link to /dev/zero), a socket or a folder, and ``OSError`` as ``open`` does."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile("这是一个文件夹") from None
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
