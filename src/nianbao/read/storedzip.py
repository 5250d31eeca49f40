"""The bytes of an .xlsx as calamine is handed them: its members the byte check already inflated (and whose
CRCs it verified) stored, so that calamine does not inflate them a second time; every other member as it
was, its compressed bytes copied. About a fifth of calamine's time on a filled report is inflating.

``restored`` gives None for any zip it cannot copy exactly (a local header that is not as the directory
says, names given twice, a member compressed otherwise than stored or deflated): calamine then reads the
file's own bytes, as always. The members' order, names, CRCs and sizes are the directory's.
"""

from __future__ import annotations

import struct
import zipfile

__all__ = ["compressed_bytes", "restored"]

_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END = struct.Struct("<4s4H2IH")
_UTF8 = 0x800
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DOS_DATE = 0x21  # 1980-01-01: the members' times are of no use to a reader


def restored(data: bytes, infos: list[zipfile.ZipInfo], inflated: dict[str, bytes]) -> bytes | None:
    """A zip of ``infos`` with the members in ``inflated`` stored and the others' compressed bytes copied
    from ``data``; None when it cannot be made exactly."""
    if len({i.filename for i in infos}) != len(infos):
        return None
    if any(i.compress_type not in _READABLE for i in infos):
        return None  # a member calamine cannot inflate must stay so: stored, it would read what the file does not offer
    chunks: list[bytes] = []
    central: list[bytes] = []
    at = 0
    for info in infos:
        name = _encoded_name(info)
        blob = inflated.get(info.filename)
        body = blob if blob is not None else compressed_bytes(data, info)
        if body is None:
            return None
        method = zipfile.ZIP_STORED if blob is not None else info.compress_type
        size = len(body) if blob is not None else info.file_size
        flags = info.flag_bits & _UTF8
        chunks += (_LOCAL.pack(b"PK\x03\x04", 20, flags, method, 0, _DOS_DATE, info.CRC, len(body), size,
                               len(name), 0), name, body)
        central += (_CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, method, 0, _DOS_DATE, info.CRC, len(body), size,
                                  len(name), 0, 0, 0, 0, 0, at), name)
        at += _LOCAL.size + len(name) + len(body)
    directory = b"".join(central)
    chunks += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory), at, 0))
    return b"".join(chunks)


def _encoded_name(info: zipfile.ZipInfo) -> bytes:
    """A member's name as its local header spells it."""
    return info.orig_filename.encode("utf-8" if info.flag_bits & _UTF8 else "cp437", "surrogateescape")


def compressed_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """A member's compressed bytes, when its local header is as the directory says (neither encrypted nor
    patched, stored or deflated, the same name); None for anything else."""
    off = info.header_offset
    head = data[off:off + 30]
    if len(head) < 30 or head[:4] != b"PK\x03\x04" or info.flag_bits & 0x61:
        return None
    flags, method = int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    name_len, extra_len = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
    if flags & 0x61 or method != info.compress_type or method not in _READABLE:
        return None
    if data[off + 30:off + 30 + name_len] != _encoded_name(info):
        return None
    start = off + 30 + name_len + extra_len
    body = data[start:start + info.compress_size]
    return body if len(body) == info.compress_size else None
