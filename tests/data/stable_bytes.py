"""What LibreOffice and msoffcrypto write differently from one run to the next, made fixed, so that
regenerating tests/data/bad/ gives identical bytes (tests/test_hostile_corpus.py checks it). make_bad.py
calls these on the files as they are saved; none changes what a reader sees in the file.

- an .ods: LibreOffice numbers its page layouts (Mpm1, Mpm2...) in a varying order;
- an .xls saved through UNO after a change: the time it was last saved (SummaryInformation);
- an .xls saved with a password: the random salt and verifier of its RC4 encryption ([MS-XLS] 2.2.10);
- an encrypted .xlsx: the time msoffcrypto writes into its OLE container's directory.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import tempfile
from collections.abc import Callable
from hashlib import md5

_PAGE_LAYOUT = re.compile(rb'<style:page-layout style:name="([^"]+)">.*?</style:page-layout>', re.S)


def ods_page_layouts(styles: bytes) -> bytes:
    """styles.xml of an .ods with its page layouts named by their content (the same content, one name)."""
    found = list(_PAGE_LAYOUT.finditer(styles))
    if not found:
        return styles
    body = {m.group(1): m.group(0).replace(b'style:name="' + m.group(1) + b'"', b'style:name=""', 1) for m in found}
    order = sorted(set(body.values()))
    new = {old: b"Mpm%d" % (order.index(content) + 1) for old, content in body.items()}
    blocks = b"".join(content.replace(b'style:name=""', b'style:name="' + b"Mpm%d" % (i + 1) + b'"', 1)
                      for i, content in enumerate(order))
    out = styles[:found[0].start()] + blocks + styles[found[-1].end():]
    return re.sub(rb'style:page-layout-name="([^"]+)"', lambda m: b'style:page-layout-name="' + new.get(m.group(1), m.group(1)) + b'"', out)


# -- OLE streams (.xls) ---------------------------------------------------------------------------------
def _with_stream(ole: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The OLE file with one stream rewritten (to the same length), via olefile on a scratch file."""
    import olefile

    with tempfile.TemporaryFile() as fh:
        fh.write(ole)
        fh.seek(0)
        f = olefile.OleFileIO(fh, write_mode=True)
        old = f.openstream(name).read()
        new = change(old)
        assert len(new) == len(old)
        f.write_stream(name, new)
        f.close()
        fh.seek(0)
        return fh.read()


def xls_saved_time(xls: bytes) -> bytes:
    """An .xls whose SummaryInformation says it was last saved when it was created (PIDSI_LASTSAVE_DTM)."""
    def change(stream: bytes) -> bytes:
        b = bytearray(stream)
        (section,) = struct.unpack_from("<I", b, 44)  # the first section's offset (after FMTID)
        _size, count = struct.unpack_from("<II", b, section)
        pairs = struct.unpack_from(f"<{2 * count}I", b, section + 8)
        where = dict(zip(pairs[0::2], pairs[1::2], strict=True))
        if 12 in where and 13 in where:  # created, last saved: VT_FILETIME (0x40), then 8 bytes
            created = section + where[12]
            saved = section + where[13]
            b[saved:saved + 12] = b[created:created + 12]
        return bytes(b)

    return _with_stream(xls, "\x05SummaryInformation", change)


#: records of a BIFF8 workbook stream that are never encrypted ([MS-XLS] 2.2.10): BOF, FILEPASS, UsrExcl,
#: FileLock, InterfaceHdr, RRDInfo, RRDHead
_PLAIN = frozenset({0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138})


def _rc4_stream(password: str, salt: bytes, size: int) -> bytes:
    """The RC4 key stream of a BIFF8 workbook for every stream position: rekeyed every 1024 bytes."""
    from cryptography.hazmat.primitives.ciphers import Cipher
    from msoffcrypto.method.rc4 import ARC4, _makekey  # type: ignore[attr-defined]

    out = b""
    for block in range(size // 1024 + 1):
        out += Cipher(ARC4(_makekey(password, salt, block)), mode=None).encryptor().update(bytes(1024))
    return out


def _encrypted_positions(stream: bytes) -> list[range]:
    """The ranges of the workbook stream that RC4 encrypts: record bodies, but not the plain records, nor a
    BoundSheet8's stream position, nor the first 10 bytes of a DVAL, which LibreOffice writes as zeros."""
    out, at = [], 0
    while at + 4 <= len(stream):
        num, size = struct.unpack_from("<HH", stream, at)
        body = at + 4
        if num == 0x0085:  # BoundSheet8: lbPlyPos plain
            body += 4
        elif num == 0x01B2 and stream[body:body + 10] == bytes(10):
            body += 10
        if num not in _PLAIN:
            out.append(range(body, at + 4 + size))
        at += 4 + size
    return out


def xls_fixed_salt(xls: bytes, password: str, seed: str) -> bytes:
    """An .xls that LibreOffice encrypted with RC4 (FILEPASS 1.1), encrypted again under a salt and verifier
    made from ``seed``: the same password opens it, and the same plain workbook gives the same bytes."""
    new_salt, verifier = random.Random(seed).randbytes(16), random.Random(seed + "v").randbytes(16)

    def change(stream: bytes) -> bytes:
        b = bytearray(stream)
        at = stream.index(b"\x2f\x00\x36\x00\x01\x00\x01\x00\x01\x00")  # FILEPASS, 54 bytes, RC4, version 1.1
        salt = stream[at + 10:at + 26]
        from cryptography.hazmat.primitives.ciphers import Cipher
        from msoffcrypto.method.rc4 import ARC4, _makekey  # type: ignore[attr-defined]

        enc = Cipher(ARC4(_makekey(password, new_salt, 0)), mode=None).encryptor()
        b[at + 10:at + 58] = new_salt + enc.update(verifier) + enc.update(md5(verifier).digest())
        old, new = _rc4_stream(password, salt, len(b)), _rc4_stream(password, new_salt, len(b))
        for span in _encrypted_positions(stream):
            for p in span:
                b[p] ^= old[p] ^ new[p]
        return bytes(b)

    return _with_stream(xls, "Workbook", change)


class _Fixed(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _Fixed:  # type: ignore[override]
        return cls(2021, 9, 26)


def encrypt_xlsx(data: bytes, password: str) -> bytes:
    """An .xlsx encrypted as Excel does (ECMA-376 agile), with a salt from the password and a fixed time in
    the OLE container."""
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    seeded = random.Random(password)
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = seeded.randbytes
    ecma376_encrypted.datetime = _Fixed  # type: ignore[misc]
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved  # type: ignore[misc]
    return out.getvalue()
