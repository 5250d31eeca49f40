"""A seeded mutator over good workbooks: their bytes, their zip members and their sheet XML (.xlsx), their
sectors and BIFF records (.xls). Deterministic for a seed; used by tests/test_hostile.py."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from make_bad import STAMP

_FAR_CELLS = ["XFD1048576", "xfd1048576", "A99999999", "IV65536", "ZZZZ1", "A1048576", "AAAA9"]


def mutants(sources: Sequence[Path], *, n: int, seed: int) -> Iterator[bytes]:
    """``n`` damaged copies of the ``sources``, each damaged in one to three ways."""
    rng = random.Random(seed)
    blobs = [p.read_bytes() for p in sources]
    for _ in range(n):
        data = rng.choice(blobs)
        for _k in range(rng.randint(1, 3)):
            zipped = data[:2] == b"PK"
            ops = _ZIP_OPS if zipped and rng.random() < 0.7 else _BYTE_OPS
            data = rng.choice(ops)(data, rng)
        yield data


# -- bytes ----------------------------------------------------------------------------------------------
def _flip(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _zero_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.choice([1, 512, 4096, len(data)]))
    return data[:start] + bytes(end - start) + data[end:]


def _record_length(data: bytes, rng: random.Random) -> bytes:
    """A BIFF record (BOF, DIMENSIONS, a cell) given another length or far-away row/column."""
    spots = [m.start() for m in re.finditer(rb"\x09\x08|\x00\x02|\x03\x02|\x7e\x02|\xfd\x00", data)]
    if not spots:
        return _flip(data, rng)
    at = rng.choice(spots)
    b = bytearray(data)
    if at + 8 <= len(b):
        if rng.random() < 0.5:
            b[at + 2:at + 4] = rng.choice([b"\x00\x00", b"\xff\xff", b"\x01\x00"])
        else:
            b[at + 4:at + 8] = rng.choice([b"\xff\xff\xff\x00", b"\xff\xff\xff\xff", b"\x00\x00\xff\x00"])
    return bytes(b)


_BYTE_OPS = [_flip, _truncate, _zero_range, _record_length]


# -- zip members and XML -------------------------------------------------------------------------------
def _rewrite(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    except Exception:  # already damaged beyond zip: damage the bytes instead
        return data
    members = change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            dst.writestr(zipfile.ZipInfo(name, STAMP), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet(members: list[tuple[str, bytes]], rng: random.Random) -> int:
    sheets = [i for i, (name, _b) in enumerate(members) if name.startswith("xl/worksheets/sheet")]
    return rng.choice(sheets) if sheets else rng.randrange(len(members))


def _far_reference(data: bytes, rng: random.Random) -> bytes:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        i = _sheet(members, rng)
        name, xml = members[i]
        refs = list(re.finditer(rb'r="[A-Z]+[0-9]+"', xml))
        if refs:
            m = rng.choice(refs)
            quote = rng.choice(['"', "'"])
            spelled = f"r{rng.choice(['', ' '])}={rng.choice(['', ' '])}{quote}{rng.choice(_FAR_CELLS)}{quote}"
            xml = xml[: m.start()] + spelled.encode() + xml[m.end():]
        members[i] = (name, xml)
        return members
    return _rewrite(data, change)


def _drop_references(data: bytes, rng: random.Random) -> bytes:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        i = _sheet(members, rng)
        name, xml = members[i]
        members[i] = (name, re.sub(rb' r="[A-Z]+[0-9]+"', b"", xml, count=rng.randint(1, 400)))
        return members
    return _rewrite(data, change)


def _cut_xml(data: bytes, rng: random.Random) -> bytes:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        i = rng.randrange(len(members))
        name, xml = members[i]
        if xml:
            start = rng.randrange(len(xml))
            xml = xml[:start] + xml[start + rng.randint(1, 200):]
        members[i] = (name, xml)
        return members
    return _rewrite(data, change)


def _huge_numbers(data: bytes, rng: random.Random) -> bytes:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        i = _sheet(members, rng)
        name, xml = members[i]
        big = rng.choice([b"1e308", b"9" * 400, b"-1e308", b"nan", b"inf", b"1E+15"])
        members[i] = (name, re.sub(rb"<v>[0-9.]+</v>", b"<v>" + big + b"</v>", xml, count=rng.randint(1, 30)))
        return members
    return _rewrite(data, change)


def _drop_member(data: bytes, rng: random.Random) -> bytes:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        del members[rng.randrange(len(members))]
        return members
    return _rewrite(data, change)


_ZIP_OPS = [_far_reference, _drop_references, _cut_xml, _huge_numbers, _drop_member]
