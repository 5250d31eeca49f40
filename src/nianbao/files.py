"""Writing outputs atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
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
