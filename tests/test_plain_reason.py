"""Every reason a clerk reads is plain Chinese: an exception's class name or the system's English text
(``No such file or directory``) never reaches a message."""

from __future__ import annotations

import errno
import re
import zipfile
import zlib

import pytest

from nianbao.files import plain_reason


class PanicException(BaseException):  # as pyo3 names a panic of native code
    pass


@pytest.mark.parametrize("exc", [
    zipfile.BadZipFile("File is not a zip file"), zlib.error("Error -3 while decompressing data"), EOFError(),
    FileNotFoundError(errno.ENOENT, "No such file or directory"), PermissionError(errno.EACCES, "Permission denied"),
    OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EOPNOTSUPP, "Operation not supported"),
    UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), KeyError("xl/workbook.xml"), MemoryError(),
    RuntimeError("File is encrypted, password required for extraction"), ValueError("bad value"),
    PanicException("range start index out of range"), NotImplementedError("compression type 99"),
])
def test_a_reason_is_plain_chinese(exc: BaseException) -> None:
    reason = plain_reason(exc)
    assert reason and not re.search(r"[A-Za-z]{2,}", reason), reason


def test_the_reason_says_what_happened() -> None:
    assert plain_reason(FileNotFoundError(errno.ENOENT, "x")) == "文件不存在"
    assert "密码" in plain_reason(RuntimeError("File is encrypted, password required"))
    assert "压缩" in plain_reason(zipfile.BadZipFile("File is not a zip file"))
