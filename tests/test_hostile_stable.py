"""The corpus's byte-stable post-processing (tests/data/stable_bytes.py) changes nothing a reader sees:
the password still opens the encrypted files, and they hold the same report; an .ods's page layouts keep
their content under names that no longer depend on the run."""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
from pathlib import Path

import msoffcrypto
import olefile

from nianbao.read.reader import read_bytes

BAD = Path(__file__).parent / "data" / "bad"
sys.path.insert(0, str(BAD.parent))

from stable_bytes import ods_page_layouts, xls_fixed_salt  # noqa: E402


def _decrypted(data: bytes, password: str) -> bytes:
    f = msoffcrypto.OfficeFile(io.BytesIO(data))
    f.load_key(password=password)
    out = io.BytesIO()
    f.decrypt(out)
    return out.getvalue()


def _figures(data: bytes, name: str) -> dict[str, object]:
    reading = read_bytes(data, name)
    assert reading.report is not None, [f.message for f in reading.findings]
    return dict(reading.report.inputs)


def test_the_password_opens_the_resalted_xls_and_it_holds_the_report() -> None:
    locked = (BAD / "xls-password.xls").read_bytes()
    plain = _decrypted(locked, "1234")
    assert _figures(plain, "x.xls") == _figures((BAD / "xls-bytes-named.xlsx").read_bytes(), "y.xls")  # LibreOffice's own .xls


def test_resalting_depends_on_the_seed_only() -> None:
    locked = (BAD / "xls-password.xls").read_bytes()
    again = xls_fixed_salt(locked, "1234", seed="another")
    assert again != locked and xls_fixed_salt(again, "1234", seed="another") == again
    wb = [_without_dval_head(olefile.OleFileIO(io.BytesIO(_decrypted(b, "1234"))).openstream("Workbook").read())
          for b in (locked, again)]
    assert wb[0] == wb[1]  # the same plain workbook under either salt


def _without_dval_head(stream: bytes) -> bytes:
    """A workbook stream with the first 10 bytes of each DVAL record zeroed: LibreOffice writes them
    unencrypted (zeros), and a decrypter that deciphers them anyway gets the key stream there."""
    b, at = bytearray(stream), 0
    while at + 4 <= len(b):
        num, size = struct.unpack_from("<HH", b, at)
        if num == 0x01B2:
            b[at + 4:at + 14] = bytes(10)
        at += 4 + size
    return bytes(b)


def test_the_encrypted_xlsx_opens_with_its_password() -> None:
    plain = _decrypted((BAD / "encrypted.xlsx").read_bytes(), "1234")
    assert _figures(plain, "x.xlsx") == _figures((BAD / "folder" / "乡镇" / "柏城街道.xlsx").read_bytes(), "y.xlsx")


def _layouts(styles: bytes) -> list[bytes]:
    """What each master page's layout holds, in the order of the master pages."""
    body = {m.group(1): re.sub(rb'style:name="[^"]*"', b"", m.group(0), count=1) for m in re.finditer(
        rb'<style:page-layout style:name="([^"]+)">.*?</style:page-layout>', styles, re.S)}
    return [body[n] for n in re.findall(rb'<style:master-page [^>]*style:page-layout-name="([^"]+)"', styles)]


def test_page_layouts_numbered_in_another_order_give_the_same_bytes() -> None:
    styles = zipfile.ZipFile(BAD / "ods-readable.ods").read("styles.xml")
    names = re.findall(rb'<style:page-layout style:name="([^"]+)">', styles)
    assert len(names) >= 3
    shuffled = styles
    for i, n in enumerate(names):  # the numbering of another run: reversed
        shuffled = shuffled.replace(b'"' + n + b'"', b'"tmp%d"' % (len(names) - i))
    shuffled = re.sub(rb'"tmp(\d+)"', rb'"Mpm\1"', shuffled)
    assert shuffled != styles
    assert ods_page_layouts(shuffled) == ods_page_layouts(styles) == styles  # the corpus's is already fixed
    assert _layouts(ods_page_layouts(shuffled)) == _layouts(shuffled)  # each master page keeps its layout
