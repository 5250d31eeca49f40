"""What an .xls file is, decided before calamine sees it: its OLE container (CFB) and its sheets' extents.

calamine trusts the container: a file whose sectors after the header are zeros (an interrupted download)
makes it follow a sector chain that loops, allocating 8 GB, then 16 GB, then abort; a value at IV65536
makes it allocate 1.2 GB; a record of length 0 where a BOF is expected makes it panic, and so does a
directory whose last sector the file ends within, inside an entry (a download cut short). ``inspect_xls``
follows every chain with a bound (each sector once), reads the BIFF records of the Workbook stream
(a password set in LibreOffice or Excel is a FILEPASS record: the file is encrypted) and measures each
sheet's used range from its DIMENSIONS record and its cell records. About a millisecond for a report.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

from nianbao.wording import read as words

__all__ = ["XlsInspection", "inspect_xls"]

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_HEADER = 512
_DIR_ENTRY = 128

# BIFF record types
_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200
#: records of one cell holding a value, row and column first (NUMBER, RK, LABELSST, LABEL, BOOLERR,
#: FORMULA, RSTRING); MULRK holds several, its last column at the end
_CELL_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD
#: a record's type and length, and (for a cell) its row and column; MULRK's last column; DIMENSIONS' body
_HEADER_AND_CELL = struct.Struct("<HHHH").unpack_from
_COLUMN = struct.Struct("<H").unpack_from
_DIMENSIONS_BODY = struct.Struct("<IIHH").unpack_from


#: the main stream of the other 97-2003 Office files -> their kind
_OTHER_FILES = {"WordDocument": "doc", "PowerPoint Document": "ppt"}


class _Damaged(Exception):
    """The container or the records are damaged; the message is Chinese."""


@dataclass
class XlsInspection:
    """``kind``: "xls" | "encrypted" | "corrupt" | "old" (Excel 5.0/95) | "doc" | "ppt". ``detail`` says why it is corrupt (Chinese);
    ``extent`` maps sheet names to their used range (rows, columns of cells holding a value, or claimed
    by DIMENSIONS), with the farthest cell; ``damaged`` maps sheet names whose records are damaged to why."""

    kind: str
    detail: str = ""
    extent: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    damaged: dict[str, str] = field(default_factory=dict)


def inspect_xls(data: bytes) -> XlsInspection:
    """Check an OLE2 file (the caller saw its magic): its container, then, for a workbook, its records."""
    try:
        container = _Container(data)
        streams = container.streams()
    except _Damaged as exc:
        return XlsInspection("corrupt", str(exc))
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return XlsInspection("encrypted")  # an .xlsx with a password is an OLE2 file too
    book = streams.get("Workbook", streams.get("Book"))
    if book is None:
        other = next((kind for stream, kind in _OTHER_FILES.items() if stream in container.names), None)
        if other is not None:  # a Word or PowerPoint file of 97-2003, renamed
            return XlsInspection(other)
        return XlsInspection("corrupt", words.XLS_NO_WORKBOOK)
    if "Workbook" not in streams and book[:2] == b"\x09\x08" and book[4:6] == b"\x00\x05":
        return XlsInspection("old", words.XLS_EXCEL_95)  # calamine does not read its Chinese (code page 936)
    try:
        return _inspect_book(book)
    except _Damaged as exc:
        return XlsInspection("corrupt", str(exc))


# -- the container (Compound File Binary, MS-CFB) ------------------------------------------------------
class _Container:
    def __init__(self, data: bytes) -> None:
        if len(data) < _HEADER:
            raise _Damaged(words.XLS_SHORTER_THAN_HEADER)
        self.data = data
        (major, order, shift, mini_shift) = struct.unpack_from("<xxHHHH", data, 24)
        if order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise _Damaged(words.XLS_HEADER_DAMAGED)
        self.size = 1 << shift
        #: the bytes of a directory entry read (its stream's size: 4 bytes in a version 3 file, 8 in a version 4)
        self.entry_read = 124 if major == 3 else _DIR_ENTRY
        self.base = _HEADER if major == 3 else self.size  # sector 0 starts after the header's sector
        self.sectors = max(0, len(data) - self.base + self.size - 1) // self.size
        (n_fat, self.dir_start, self.cutoff, self.minifat_start, _n_minifat, difat_start, n_difat) = \
            struct.unpack_from("<I I 4x I I I I I", data, 44)
        if n_fat == 0 or n_fat > self.sectors or self.cutoff != 4096:
            raise _Damaged(words.XLS_FAT_SIZE_IMPOSSIBLE)
        self.fat = self._fat(n_fat, difat_start, n_difat)
        self.names: set[str] = set()  # the streams of the root storage, once read

    def _sector(self, sid: int) -> bytes:
        """Sector ``sid`` whole: one the file ends within (a download cut short) is truncated."""
        start = self.base + sid * self.size
        if sid >= self.sectors or start + self.size > len(self.data):
            raise _Damaged(words.XLS_TRUNCATED)
        return self.data[start:start + self.size]

    def _sectors(self, ids: list[int]) -> bytes:
        """The sectors ``ids`` one after the other: ``b"".join(map(self._sector, ids))``, each run of
        consecutive sectors (most of a file LibreOffice or Excel wrote) sliced at once."""
        if ids and max(ids) >= self.sectors:
            raise _Damaged(words.XLS_TRUNCATED)
        parts, size, base, data = [], self.size, self.base, self.data
        i, n = 0, len(ids)
        while i < n:
            j = i + 1
            while j < n and ids[j] == ids[j - 1] + 1:
                j += 1
            parts.append(data[base + ids[i] * size:base + (ids[j - 1] + 1) * size])
            i = j
        return b"".join(parts)

    def _fat(self, n_fat: int, difat_start: int, n_difat: int) -> list[int]:
        ids = list(struct.unpack_from("<109I", self.data, 76))
        sid, seen = difat_start, set[int]()
        while sid not in (_FREE, _END_OF_CHAIN) and len(ids) < n_fat + 127:
            if sid in seen or len(seen) > n_difat:
                raise _Damaged(words.XLS_FAT_DAMAGED)
            seen.add(sid)
            block = struct.unpack(f"<{self.size // 4}I", self._sector(sid))
            ids += block[:-1]
            sid = block[-1]
        fat: list[int] = []
        for sid in ids[:n_fat]:
            fat += struct.unpack(f"<{self.size // 4}I", self._sector(sid))
        return fat

    def chain(self, start: int, table: list[int], limit: int) -> list[int]:
        """The sector ids of a chain, each once and at most ``limit`` of them."""
        out: list[int] = []
        seen: set[int] = set()
        sid = start
        while sid != _END_OF_CHAIN:
            if sid >= len(table) or sid in seen or len(out) >= limit:
                raise _Damaged(words.XLS_CHAIN_DAMAGED)
            seen.add(sid)
            out.append(sid)
            sid = table[sid]
        return out

    def read(self, start: int, size: int | None = None) -> bytes:
        """A stream of ``size`` bytes (the whole chain when None) from its first sector."""
        blob = self._sectors(self.chain(start, self.fat, self.sectors))
        if size is None:
            return blob
        if len(blob) < size:
            raise _Damaged(words.XLS_TRUNCATED)
        return blob[:size]

    def streams(self) -> dict[str, bytes]:
        """The streams of the root storage that matter here, by name."""
        directory = self.read(self.dir_start)
        if 0 < len(directory) % _DIR_ENTRY < self.entry_read:  # cut within what is read of an entry (calamine panics)
            raise _Damaged(words.XLS_TRUNCATED)
        entries = [directory[i:i + _DIR_ENTRY] for i in range(0, len(directory), _DIR_ENTRY)]
        if not entries or entries[0][66] != 5:
            raise _Damaged(words.XLS_DIRECTORY_DAMAGED)
        root = entries[0]
        mini = None
        out: dict[str, bytes] = {}
        for e in entries[1:]:
            name = e[:min(struct.unpack_from("<H", e, 64)[0], 64)].decode("utf-16-le", "replace").rstrip("\x00")
            if e[66] == 2:
                self.names.add(name)
            if e[66] != 2 or name not in ("Workbook", "Book", "EncryptionInfo", "EncryptedPackage"):
                continue
            start, size = struct.unpack_from("<II", e, 116)
            if size > len(self.data):
                raise _Damaged(words.XLS_STREAM_TOO_LARGE.format(stream=name))
            if size >= self.cutoff:
                out[name] = self.read(start, size)
            else:
                mini = mini if mini is not None else self._mini_stream(root)
                out[name] = self._mini_read(mini, start, size)
        return out

    def _mini_stream(self, root: bytes) -> tuple[bytes, list[int]]:
        start, size = struct.unpack_from("<II", root, 116)
        stream = self.read(start, min(size, len(self.data)))
        minifat = self._sectors(self.chain(self.minifat_start, self.fat, self.sectors))
        return stream, list(struct.unpack(f"<{len(minifat) // 4}I", minifat))

    def _mini_read(self, mini: tuple[bytes, list[int]], start: int, size: int) -> bytes:
        stream, table = mini
        ids = self.chain(start, table, len(stream) // 64 + 1)
        blob = b"".join(stream[s * 64:(s + 1) * 64] for s in ids)
        if len(blob) < size:
            raise _Damaged(words.XLS_TRUNCATED)
        return blob[:size]


# -- the records (BIFF8) ------------------------------------------------------------------------------
def _records(book: bytes, at: int) -> Iterator[tuple[int, int, int]]:
    """(type, offset of the data, length) of the records from ``at`` to the next EOF."""
    pos = at
    while pos + 4 <= len(book):
        rtype, length = struct.unpack_from("<HH", book, pos)
        if pos + 4 + length > len(book):
            raise _Damaged(words.XLS_RECORD_PAST_END)
        yield rtype, pos + 4, length
        if rtype == _EOF:
            return
        pos += 4 + length
    raise _Damaged(words.XLS_NO_END)


def _bof(book: bytes, at: int) -> None:
    if at + 12 > len(book):
        raise _Damaged(words.XLS_SHEET_OUTSIDE)
    rtype, length = struct.unpack_from("<HH", book, at)
    if rtype != _BOF or length < 8:
        raise _Damaged(words.XLS_SHEET_START_DAMAGED)


def _inspect_book(book: bytes) -> XlsInspection:
    _bof(book, 0)
    sheets: list[tuple[str, int]] = []
    for rtype, pos, length in _records(book, 0):
        if rtype == _FILEPASS:
            return XlsInspection("encrypted")
        if rtype == _BOUNDSHEET and length >= 8:
            sheets.append((_sheet_name(book[pos + 6:pos + length]), struct.unpack_from("<I", book, pos)[0]))
    out = XlsInspection("xls")
    padded = book + bytes(8)
    for name, at in sheets:
        try:
            _bof(book, at)
            out.extent[name] = _extent(book, at, padded)
        except _Damaged as exc:
            out.damaged[name] = str(exc)
    return out


def _sheet_name(raw: bytes) -> str:
    """A BOUNDSHEET name: a length, a flag (UTF-16 or compressed Latin-1), the characters."""
    if len(raw) < 2:
        return ""
    n, flags = raw[0], raw[1]
    body = raw[2:]
    return body[:2 * n].decode("utf-16-le", "replace") if flags & 1 else body[:n].decode("latin-1")


def _extent(book: bytes, at: int, padded: bytes) -> tuple[int, int, str]:
    """(rows, columns, farthest cell) of a sheet: the larger of what DIMENSIONS claims and its cells (the
    farthest cell is the corner of that range: no cell spans more, and one that spans as much is there)."""
    rows, cols, cell_rows, cell_cols = _bounds(book, at, padded)
    rows, cols = max(rows, cell_rows), max(cols, cell_cols)
    return rows, cols, _a1(rows, cols) if rows * cols else _a1(0, 0)


def _bounds(book: bytes, at: int, padded: bytes) -> tuple[int, int, int, int]:
    """What the DIMENSIONS records of the sheet at ``at`` claim (rows, columns), and one past the last row
    and the last column of its cells: the records walked in one tight loop (a report has about a thousand),
    each record's header and a cell's row and column read at once from ``padded`` (``book`` and 8 zero bytes,
    so that they can always be read; every length is checked against ``book``'s)."""
    header, size, cells = _HEADER_AND_CELL, len(book), _CELL_RECORDS
    rows = cols = max_r = max_c = 0
    pos = at
    while pos + 4 <= size:
        rtype, length, r, c = header(padded, pos)
        pos += 4
        end = pos + length
        if end > size:
            raise _Damaged(words.XLS_RECORD_PAST_END)
        if rtype in cells and length >= 4:
            pass
        elif rtype == _MULRK and length >= 6:
            c = _COLUMN(book, end - 2)[0]
        else:
            if rtype == _DIMENSIONS and length >= 12:
                _r0, r1, _c0, c1 = _DIMENSIONS_BODY(book, pos)
                rows, cols = max(rows, r1), max(cols, c1)  # one past the last row and column
            elif rtype == _EOF:
                return rows, cols, max_r, max_c
            pos = end
            continue
        if r >= max_r:
            max_r = r + 1
        if c >= max_c:
            max_c = c + 1
        pos = end
    raise _Damaged(words.XLS_NO_END)


def _a1(row: int, col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"
