"""What a file is, and whether it is safe to hand to calamine, decided before calamine sees it.

calamine aborts the whole process (SIGABRT, no Python exception) when a sheet it reads has a value far
outside any form (it allocates rows x columns of the used range: 549 GB for XFD1048576), and it inflates
zip bombs without limit. ``inspect_bytes`` looks at the bytes and the zip directory, inflates every XML
part of an .xlsx under a size limit (which also verifies the CRCs), and measures each worksheet's used
range from its cell references: about a millisecond for a filled report.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from zlib_ng import zlib_ng

from nianbao.read.farcell import DamagedSheet, RepackedSheet, UnsafeSheet, measure_far_cell
from nianbao.read.quickfar import MAX_SHEET_AREA, quick_far_cell
from nianbao.read.storedzip import compressed_bytes, restored
from nianbao.wording import read as words

#: limits for a workbook of the report's shape (a filled report is about 30 KB, 150 KB of XML)
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_MEMBER_BYTES = 24 * 1024 * 1024  # one inflated zip member
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all inflated members
MAX_MEMBERS = 2000
MAX_RATIO = 200  # inflated / compressed, for members over 1 MB

#: the fast paths of the byte check (``plain_member``, ``quick_far_cell``); off, every member is read by
#: ``zipfile`` and every sheet measured by the XML parser: the same verdicts (tests/test_fast_read.py)
FAST = True

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError, RuntimeError)
_SHEET_REL = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<Relationship\b[^>]*>")


@dataclass
class Inspection:
    """What the bytes of a file are.

    ``kind``: "xlsx" | "xls" | "far" (an .xls or .ods with a sheet too large to open, see ``far_sheet``) | "ods" |
    "xlsb" | "fods" (LibreOffice's flat XML spreadsheet) | "old" (a workbook in a format calamine does not read) | "encrypted" | "empty" | "docx" | "doc" |
    "pptx" | "ppt" | "zip" | "text" | "pdf" | "unknown" | "corrupt" | "unsafe". ``detail`` explains "corrupt"/"unsafe"/"old" in Chinese.
    For "xlsx", ``sheet_parts`` maps worksheet names to their zip member, and ``far_cell(name)`` tells
    whether a worksheet is safe to read (checked only for the sheets a reader needs).
    """

    kind: str
    detail: str = ""
    sheet_parts: dict[str, str] = field(default_factory=dict)
    zip: zipfile.ZipFile | None = None
    data: bytes = b""  # the file's bytes, for the members inflated straight from them
    #: an .xls or .ods: sheet name -> its farthest cell when too far ('' when not), or "#" and why it is
    #: damaged (``DamagedSheet``), or "!" and why it is refused otherwise (``UnsafeSheet``)
    sheet_far: dict[str, str] = field(default_factory=dict)
    #: an .xlsx: what ``far_cell`` found for each sheet measured (the same "#" and "!" convention), measured once
    measured: dict[str, str] = field(default_factory=dict)
    #: an .xlsx: members inflated under the limit, by name, kept for whoever reads them next (never twice)
    parts: dict[str, bytes] = field(default_factory=dict)
    #: an .xlsx: members whose whole inflating failed (a damaged deflate stream, a wrong CRC), by name
    damaged: set[str] = field(default_factory=set)

    def member(self, name: str) -> bytes:
        """The bytes of the .xlsx's zip member ``name``, inflated once, under the limit, and kept. Raises
        ``KeyError`` when it is absent, damaged or larger than the limit (what reading it gives up on)."""
        blob = self.parts.get(name)
        if blob is not None:
            return blob
        info = self._info(name)
        if self.zip is None or info is None:
            raise KeyError(name)
        blob = plain_member(self.data, info, MAX_MEMBER_BYTES) if FAST else None
        if blob is None:
            try:
                with self.zip.open(info) as fh:
                    blob = fh.read(MAX_MEMBER_BYTES + 1)
            except (*_ZIP_ERRORS, zlib.error) as exc:  # its deflate stream or its CRC wrong, wherever in it
                self.damaged.add(name)
                raise KeyError(name) from exc
            if len(blob) > MAX_MEMBER_BYTES:
                raise KeyError(name)
        self.parts[name] = blob
        return blob

    def for_calamine(self, data: bytes, likely: Iterable[str]) -> bytes:
        """The bytes to hand calamine for ``data``: an .xlsx with the sheets it is ``likely`` to be asked for
        measured first and, with every part inflated so far, stored (``storedzip``: inflated once, not again
        by calamine); any other file, or a zip that cannot be copied exactly, as it is."""
        if not FAST or self.kind != "xlsx" or self.zip is None:
            return data
        for sheet in likely:
            if sheet in self.sheet_parts:
                try:
                    self.far_cell(sheet)  # measured now rather than when read: said, if at all, when read
                except UnsafeSheet:
                    pass
        return restored(data, self.zip.infolist(), self.parts) or data

    def far_sheet(self) -> tuple[str, str]:
        """(sheet, farthest cell) of the first sheet whose used range is too large (an .xls), else ('', '')."""
        return next(((s, c) for s, c in self.sheet_far.items() if _far(c)), ("", ""))

    def vouched(self) -> bool:
        """Whether the byte check vouches for the whole workbook: an .xlsx or .xls whose every sheet it
        measured small enough and found undamaged (an .ods, whose sheets it does not measure, is not)."""
        if self.kind == "xls":
            return not any(self.sheet_far.values())
        if self.kind != "xlsx":
            return False
        try:
            return not any(self.far_cell(sheet) for sheet in self.sheet_parts)
        except UnsafeSheet:
            return False

    def far_cell(self, sheet: str) -> str:
        """The farthest cell holding a value when ``sheet``'s used range is too large to read safely,
        else ''. Raises ``UnsafeSheet`` when its part is damaged or inflates beyond the limits."""
        if sheet in self.sheet_far:  # an .xls: measured with the whole file
            far = self.sheet_far[sheet]
        else:  # an .xlsx: each sheet measured once, when first needed
            if sheet not in self.measured:
                try:
                    self.measured[sheet] = self._measure(sheet)
                except UnsafeSheet as exc:
                    self.measured[sheet] = next(m for m, kind in _REFUSED.items() if isinstance(exc, kind)) + str(exc)
            far = self.measured[sheet]
        if far[:1] in _REFUSED:
            raise _REFUSED[far[0]](far[1:])
        return far

    def _measure(self, sheet: str) -> str:
        """``far_cell`` of an .xlsx's sheet, measured from its part."""
        part = self.sheet_parts.get(sheet)
        if self.zip is None or part is None:
            return ""
        try:  # the part inflated once, under the limit, and measured from its bytes
            blob: bytes | None = self.member(part)
        except KeyError:
            blob = None
        if blob is not None:
            quick = quick_far_cell(blob) if FAST else None
            return far_cell(io.BytesIO(blob)) if quick is None else quick
        info = self._info(part)
        if info is None:  # named by the workbook, not in the zip
            raise DamagedSheet(words.SHEET_DATA_MISSING)
        if info.flag_bits & 0x1:  # a zip tool's password on the part: no spreadsheet program saves this
            raise RepackedSheet(words.SHEET_DATA_ZIP_ENCRYPTED)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):  # Deflate64, bzip2...
            raise RepackedSheet(words.SHEET_DATA_METHOD)
        if part in self.damaged:  # whatever its size and wherever the damage (after the cells, or its CRC only)
            raise DamagedSheet(words.SHEET_DATA_DAMAGED)
        try:  # larger than the limit: read as a stream, which stops at the end of the cells
            with self.zip.open(part) as fh:
                return far_cell(fh)
        except (*_ZIP_ERRORS, zlib.error) as exc:  # zlib's own error: its deflate stream damaged
            raise DamagedSheet(words.SHEET_DATA_DAMAGED) from exc


    def _info(self, part: str) -> zipfile.ZipInfo | None:
        try:
            return self.zip.getinfo(part) if self.zip is not None else None
        except KeyError:
            return None


def plain_member(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The bytes of a zip member as ``zipfile`` would inflate them, straight from the file's ``data``, when it
    is a plain one: its local header as the directory says, neither encrypted nor patched, stored or
    deflated, inflating to its stated size, at most ``limit`` bytes, with its CRC. None for anything else:
    ``zipfile`` then reads it, and says what is wrong as it always did."""
    raw = compressed_bytes(data, info) if info.file_size <= limit else None
    if raw is None:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw
    else:  # zlib-ng: zlib's inflate, rewritten for speed (about 0.6 of zlib's time on a report's parts)
        inflater = zlib_ng.decompressobj(-15)
        try:
            out = inflater.decompress(raw, limit + 1)
        except zlib_ng.error:  # type: ignore[misc]  # its stub declares the class an instance
            return None
        if not inflater.eof:
            return None
    if len(out) != info.file_size or zlib_ng.crc32(out) != info.CRC:
        return None
    return out


def inspect_bytes(data: bytes) -> Inspection:
    """Sniff ``data`` and, for zip-based workbooks, check them against the limits."""
    if not data:
        return Inspection("empty")
    if len(data) > MAX_FILE_BYTES:
        return Inspection("unsafe", words.FILE_FAR_TOO_LARGE.format(mb=len(data) // (1024 * 1024)))
    if data.startswith(OLE_MAGIC):
        return _inspect_ole(data)
    if not data.strip(b"\x00"):
        return Inspection("corrupt", words.ALL_NUL_BYTES)
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK"):
        return _inspect_zip(data)
    if data.startswith(b"%PDF"):
        return Inspection("pdf")
    head = data[:4096]
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head and b"<Workbook" in head:  # web systems' "xls"
        return Inspection("old", words.SPREADSHEET_XML_2003)
    if _FLAT_ODS.search(data, 0, 16384):  # the mimetype after the root element's long list of namespaces
        return Inspection("fods")
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return Inspection("text")
        except UnicodeDecodeError:
            try:
                head.decode("gb18030")
                return Inspection("text")
            except UnicodeDecodeError:
                pass
    return Inspection("unknown")


#: LibreOffice's flat XML spreadsheet (.fods): one XML document, its root naming the spreadsheet's mimetype
_FLAT_ODS = re.compile(rb'<office:document\b[^>]*office:mimetype="application/vnd\.oasis\.opendocument\.spreadsheet"')


def _inspect_ole(data: bytes) -> Inspection:
    """An .xls (or an encrypted .xlsx, also an OLE2 file), its container and sheets checked first."""
    from nianbao.read.xls import inspect_xls  # loaded for an .xls only: a one-file check of an .xlsx starts sooner

    found = inspect_xls(data)
    if found.kind != "xls":
        return Inspection(found.kind, found.detail)
    far = {name: (cell if rows * cols > MAX_SHEET_AREA else "") for name, (rows, cols, cell) in found.extent.items()}
    far.update({name: "#" + why for name, why in found.damaged.items()})
    # calamine reads every sheet of an .xls when it opens it: one far sheet refuses the file
    kind = "far" if any(_far(c) for c in far.values()) else "xls"
    return Inspection(kind, sheet_far=far)


#: a sheet's measure (``Inspection.sheet_far``, ``measured``) that is why it is refused: its first character
#: says how (the most particular kind first: each is an UnsafeSheet)
_REFUSED: dict[str, type[UnsafeSheet]] = {"#": DamagedSheet, "%": RepackedSheet, "!": UnsafeSheet}


def _far(cell: str) -> bool:
    """Whether a sheet's measure (``Inspection.sheet_far``) is a far cell, not '' nor why it is refused."""
    return bool(cell) and cell[0] not in _REFUSED


def _inspect_zip(data: bytes) -> Inspection:
    opened = _open_zip(data)
    if isinstance(opened, Inspection):
        return opened
    zf, infos = opened
    names = {i.filename for i in infos}
    problem = _office_document(names)
    if problem is None:
        problem = _size_problem(infos)
    if problem is not None:
        return problem
    if "xl/workbook.bin" in names:
        return Inspection("xlsb")
    is_ods = "content.xml" in names and ("mimetype" in names or "META-INF/manifest.xml" in names)
    if not is_ods and "xl/workbook.xml" not in names:
        return Inspection("zip")
    return _inspect_workbook(zf, infos, is_ods, data)


_PARTS = {"xl/workbook.xml": words.PART_WORKBOOK, "xl/sharedStrings.xml": words.PART_SHARED_STRINGS,
          "xl/styles.xml": words.PART_STYLES, "content.xml": words.PART_CONTENT, "styles.xml": words.PART_STYLES,
          "[Content_Types].xml": words.PART_CONTENT_TYPES}


def part_name(member: str) -> str:
    """A workbook's inner part as a clerk can be told of it (第 3 个工作表的数据, 文字表, 图片...)."""
    m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", member)
    if m:
        return words.PART_SHEET_DATA.format(n=m.group(1))
    if member.startswith("xl/media/"):
        return words.PART_MEDIA
    return _PARTS.get(member, words.PART_OTHER)


def _open_zip(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]] | Inspection:
    """The zip and its members, or "corrupt" when the zip directory cannot be read."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        return zf, zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Inspection("corrupt", words.NOT_A_WHOLE_ZIP)


def _office_document(names: set[str]) -> Inspection | None:
    """A Word or PowerPoint file (also zips), by its members."""
    if "word/document.xml" in names:
        return Inspection("docx")
    if "ppt/presentation.xml" in names:
        return Inspection("pptx")
    return None


def _size_problem(infos: list[zipfile.ZipInfo]) -> Inspection | None:
    """An "unsafe" inspection when the zip directory says the members are too many, too large or inflate too much."""
    if len(infos) > MAX_MEMBERS:
        return Inspection("unsafe", words.TOO_MANY_PARTS.format(count=len(infos)))
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            return Inspection("unsafe", words.INFLATES_TOO_LARGE_MB.format(
                part=part_name(i.filename), mb=i.file_size // (1024 * 1024)))
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return Inspection("unsafe", words.RATIO_ABNORMAL.format(part=part_name(i.filename)))
    return None


#: the parts the byte check reads (an .xlsx's directory of sheets, an .ods's tables) and those calamine reads
#: on opening a workbook, its CRC unchecked (it stops at the closing tag, before the end of the stream where
#: the ``zip`` crate compares it): inflated here, under the limits, their CRCs verified
_OPENED = frozenset({"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/sharedStrings.xml",
                     "xl/styles.xml", "content.xml", "mimetype", "META-INF/manifest.xml"})
#: an .ods saved with a password (LibreOffice: 使用密码保存): its manifest gives each encrypted part's algorithm
_ODS_ENCRYPTED = re.compile(rb"<manifest:encryption-data\b")
#: deflate's largest ratio (a 258-byte match in two bits): no member inflates beyond this times its compressed bytes
DEFLATE_MAX_RATIO = 1032


def _inspect_workbook(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], is_ods: bool, data: bytes) -> Inspection:
    """An .xlsx or .ods whose parts calamine reads on opening inflate within the limits."""
    # calamine's zip reader (the Rust ``zip`` crate) reads a member's compressed bytes as the directory
    # sizes them and inflates them without a bound of its own (the declared size unused). What is read on
    # opening (``_OPENED``) is inflated here, under the limits (which also verifies the CRCs: a member whose
    # header lies about its size fails); any other part (a theme, [Content_Types].xml, settings, an .ods's
    # styles) only when its compressed size does not bound what it can inflate to (``_unbounded``).
    # Worksheets are checked when read.
    wanted = [i for i in infos if not i.is_dir() and (is_ods or not i.filename.startswith("xl/worksheets/"))
              and not i.filename.startswith(("xl/media/", "docProps/", "xl/printerSettings/"))]
    kept, problem = _inflate(zf, _unbounded(wanted), data)
    if problem is not None:
        return problem
    if is_ods:
        if _ODS_ENCRYPTED.search(kept.get("META-INF/manifest.xml", b"")):  # saved with a password: not damaged
            return Inspection("encrypted")
        return _inspect_ods(kept["content.xml"])  # two tables of one name: odsguard refuses them
    parts, twice = _sheet_parts(kept)
    if twice is not None:  # which of them a reader takes is its own choice, and may not be the one the
        return Inspection("corrupt", words.SHEET_NAME_TWICE.format(sheet=twice))  # clerk's program shows
    return Inspection("xlsx", sheet_parts=parts, zip=zf, data=data, parts=kept)


def _unbounded(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The members to inflate here: those read on opening (``_OPENED``), and those whose compressed size does
    not bound what they inflate to within the limits (each and, with the others, in total): an encrypted one,
    or one compressed otherwise than stored or deflated (said by inflating it, as always)."""
    budget = MAX_TOTAL_BYTES - sum(i.file_size for i in infos if i.filename in _OPENED)
    out = []
    for i in infos:
        most = _most(i)
        if i.filename in _OPENED or most is None or most > min(MAX_MEMBER_BYTES, budget):
            out.append(i)
            continue
        budget -= most
    return out


def _most(info: zipfile.ZipInfo) -> int | None:
    """The most a member can inflate to, whatever its header says: its compressed bytes (stored), or deflate's
    largest ratio of them; None when not known (encrypted, or compressed otherwise)."""
    if info.flag_bits & 0x1:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type == zipfile.ZIP_DEFLATED:
        return DEFLATE_MAX_RATIO * info.compress_size + 258
    return None


def _inspect_ods(content: bytes) -> Inspection:
    """An .ods, its tables measured first (``odsguard``): one table with a value too far away refuses it."""
    from nianbao.read.odsguard import measure_ods  # loaded for an .ods only (as .xls's guard)

    kind, detail, far = measure_ods(content, MAX_SHEET_AREA, fast=FAST)  # inflated within the limits before
    return Inspection(kind, detail, sheet_far=far)


def _inflate(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], data: bytes
             ) -> tuple[dict[str, bytes], Inspection | None]:
    """Inflate members under the limits; keep them (the parts that locate the worksheets, the styles...)."""
    keep: dict[str, bytes] = {}
    for i in infos:
        blob = plain_member(data, i, MAX_MEMBER_BYTES) if FAST else None
        if blob is not None:
            keep[i.filename] = blob
            continue
        try:
            with zf.open(i) as fh:
                blob = fh.read(MAX_MEMBER_BYTES + 1)
        except (*_ZIP_ERRORS, zlib.error) as exc:  # zlib's own error: a deflate stream damaged (not only its CRC)
            text = str(exc).lower()
            if "encrypt" in text or "password" in text:
                return keep, Inspection("encrypted")
            return keep, Inspection("corrupt", words.ZIP_DAMAGED_AT.format(part=part_name(i.filename)))
        if len(blob) > MAX_MEMBER_BYTES:
            return keep, Inspection("unsafe", words.INFLATES_TOO_LARGE_AT.format(part=part_name(i.filename)))
        keep[i.filename] = blob
    return keep, None


def _sheet_parts(keep: dict[str, bytes]) -> tuple[dict[str, str], str | None]:
    """Worksheet name -> zip member, from xl/workbook.xml and its relationships; and the name of a sheet
    when two sheets have it (as spreadsheet programs compare names: case aside), else None (an .ods:
    ``odsguard``)."""
    wb = keep.get("xl/workbook.xml", b"")
    rels = keep.get("xl/_rels/workbook.xml.rels", b"")
    targets: dict[bytes, bytes] = {}
    for m in _REL.finditer(rels):
        attrs = dict(_ATTR.findall(m.group(0)))
        if b"Id" in attrs and b"Target" in attrs:
            targets[attrs[b"Id"]] = attrs[b"Target"]
    out: dict[str, str] = {}
    seen: set[str] = set()
    for m in _SHEET_REL.finditer(wb):
        attrs = dict(_ATTR.findall(m.group(0)))
        name = _unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        if name.casefold() in seen:
            return out, name
        seen.add(name.casefold())
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        if rid is None or b"name" not in attrs or rid not in targets:
            continue
        target = targets[rid].decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[name] = part
    return out, None


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def far_cell(stream: IO[bytes]) -> str:
    """``measure_far_cell`` within the limit of one inflated member."""
    return measure_far_cell(stream, MAX_MEMBER_BYTES)
