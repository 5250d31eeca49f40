"""More hostile kinds for tests/data/bad/, made from LibreOffice's own saves (an .xlsx, an .xls, an .ods)
and then damaged at the byte, zip or XML level. Deterministic: fixed zip stamps, fixed member order.
make_bad.py calls ``more_kinds``."""

from __future__ import annotations

import io
import re
import struct
import zipfile

from make_bad import STAMP, rewrite, sheet_parts

_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
           + ']>')
_XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, blob)
    return out.getvalue()


def _members(data: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def _patch_headers(data: bytes, member: str, offset: int, fmt: str, value: int) -> bytes:
    """Set a field (``offset`` into the local header; the central entry's matching field) of one member."""
    b = bytearray(data)
    name = member.encode()
    local = data.index(b"PK\x03\x04")  # the first local header
    while True:
        (n,) = struct.unpack_from("<H", b, local + 26)
        if bytes(b[local + 30: local + 30 + n]) == name:
            struct.pack_into(fmt, b, local + offset, value)
            break
        local = data.index(b"PK\x03\x04", local + 4)
    central = data.index(b"PK\x01\x02")
    while central >= 0:
        n, = struct.unpack_from("<H", b, central + 28)
        if bytes(b[central + 46: central + 46 + n]) == name:
            struct.pack_into(fmt, b, central + offset + 2, value)  # central fields sit 2 bytes later
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(b)


def _drop(data: bytes, *names: str) -> bytes:
    return _zip([(n, b) for n, b in _members(data) if n not in names])


def _ods_repeated(ods: bytes, cell_xml: str) -> bytes:
    """An .ods whose first table gets one more row: ``cell_xml`` (repeated cells far out)."""
    def run(blob: bytes) -> bytes:
        xml = blob.decode()
        at = xml.index("</table:table>")
        return (xml[:at] + cell_xml + xml[at:]).encode()
    return rewrite(ods, {"content.xml": run})


_ODS_TAIL = re.compile(r'<table:table-row table:style-name="(\w+)" table:number-rows-repeated="(\d+)"><table:table-cell '
                       r'table:number-columns-repeated="16384"/></table:table-row><table:table-row table:style-name="\w+">'
                       r'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
_ZERO = '<table:table-cell office:value-type="float" office:value="0" calcext:value-type="float"><text:p>0</text:p></table:table-cell>'


def _ods_tail(ods: bytes, sheet: str, tail: str) -> bytes:
    """An .ods whose ``sheet`` ends otherwise than with LibreOffice's empty rows to row 1,048,576: ``tail``
    (formatted with ``style`` and ``rows``, the number of those rows) as LibreOffice writes what a clerk did
    there."""
    def run(blob: bytes) -> bytes:
        xml = blob.decode()
        start = xml.index(f'<table:table table:name="{sheet}"')
        m = _ODS_TAIL.search(xml, start, xml.index("</table:table>", start))
        assert m, f"{sheet}: LibreOffice's empty rows not found"
        return (xml[:m.start()] + tail.format(style=m.group(1), rows=int(m.group(2)) + 1) + xml[m.end():]).encode()
    return rewrite(ods, {"content.xml": run})


def more_kinds(good: bytes, lo_xlsx: bytes, lo_xls: bytes, lo_ods: bytes, docx: bytes) -> dict[str, bytes]:
    """Name -> bytes of the further hostile kinds."""
    t3 = sheet_parts(lo_xlsx)["表三"]
    out: dict[str, bytes] = {}
    # -- the zip ----------------------------------------------------------------------------------------
    out["zip-no-end-record.xlsx"] = lo_xlsx[:-22]
    out["zip-bad-crc.xlsx"] = _patch_headers(lo_xlsx, t3, 14, "<I", 0x12345678)
    out["zip-bad-crc-styles.xlsx"] = _patch_headers(lo_xlsx, "xl/styles.xml", 14, "<I", 0x12345678)
    out["zip-size-lie.xlsx"] = _patch_headers(lo_xlsx, t3, 22, "<I", 100)
    out["zip-method-deflate64.xlsx"] = _patch_headers(lo_xlsx, t3, 8, "<H", 9)
    out["zip-encrypted-member.xlsx"] = _patch_headers(lo_xlsx, t3, 6, "<H", 1)
    out["zip-many-members.xlsx"] = _zip([*_members(lo_xlsx), *((f"xl/media/x{i}.bin", b"") for i in range(2100))])
    out["zip-bomb-total.xlsx"] = _zip([*_members(lo_xlsx), *((f"xl/custom{i}.xml", b" " * (20 << 20)) for i in range(4))])
    out["zip-padded-under-limit.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: b.replace(b"<sheetData>", b"<sheetData>" + b" " * 900_000)})
    out["zip-traversal-names.xlsx"] = _zip([*_members(lo_xlsx), ("../../nianbao-evil.txt", b"x"), ("/tmp/nianbao-evil.txt", b"x")])
    out["zip-empty.xlsx"] = _zip([])
    out["zip-of-the-report.xlsx"] = _zip([("柏城街道.xlsx", good)])
    out["zip-junk-before.xlsx"] = b"MZ" + bytes(1022) + lo_xlsx
    # -- the XML ----------------------------------------------------------------------------------------
    out["xml-billion-laughs.xlsx"] = rewrite(lo_xlsx, {"xl/sharedStrings.xml": lambda b: re.sub(
        rb"^<\?xml[^>]*\?>", _LAUGHS.encode(), b).replace(b"<t", b"<t>&lol9;</t><t", 1)})
    out["xml-billion-laughs-sheet.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: re.sub(rb"^<\?xml[^>]*\?>", _LAUGHS.encode(), b)
                                                             .replace(b"</sheetData>", b'<row r="60"><c r="A60" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>')})
    out["xml-external-entity.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: re.sub(rb"^<\?xml[^>]*\?>", _XXE.encode(), b)
                                                        .replace(b"</sheetData>", b'<row r="60"><c r="A60" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>')})
    out["xml-sheet-cut.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: b[: len(b) // 2]})
    out["xml-bad-utf8.xlsx"] = rewrite(lo_xlsx, {"xl/sharedStrings.xml": lambda b: b.replace(b"<t", b"<t>\xff\xfe\xc3</t><t", 1)})
    out["xml-deep-nesting.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: b.replace(
        b"</sheetData>", b'<row r="60"><c r="A60" t="inlineStr"><is>' + b"<r>" * 100_000 + b"</r>" * 100_000 + b"</is></c></row></sheetData>")})
    out["no-shared-strings.xlsx"] = _drop(lo_xlsx, "xl/sharedStrings.xml")
    out["shared-string-index-far.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: b.replace(
        b"</sheetData>", b'<row r="60"><c r="A60" t="s"><v>99999999</v></c></row></sheetData>')})
    out["no-workbook-part.xlsx"] = _drop(lo_xlsx, "xl/workbook.xml")
    out["no-content-types.xlsx"] = _drop(lo_xlsx, "[Content_Types].xml")
    out["rels-sheet-missing.xlsx"] = _drop(lo_xlsx, t3)
    out["rels-outside.xlsx"] = rewrite(lo_xlsx, {"xl/_rels/workbook.xml.rels": lambda b: b.replace(
        t3.removeprefix("xl/").encode(), b"../../../../etc/passwd")})
    out["dimension-absurd.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:ZZZZZZ99999999999"/>', b)})
    out["merge-whole-sheet.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: re.sub(rb"<mergeCells[^>]*>", b'<mergeCells count="1"><mergeCell ref="A30:XFD1048576"/>', b, count=1)})
    out["value-infinite.xlsx"] = rewrite(lo_xlsx, {t3: lambda b: re.sub(rb'(<c r="E6"[^>/]*>)<v>[^<]*</v>', rb"\1<v>1e999</v>", b)})
    # -- the .ods: far cells by repetition -------------------------------------------------------------
    out["ods-columns-repeated.ods"] = _ods_repeated(lo_ods, '<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
                                                    '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    out["ods-rows-repeated.ods"] = _ods_repeated(lo_ods, '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
                                                 '<table:table-row><table:table-cell table:number-columns-repeated="1000"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    out["ods-value-repeated.ods"] = _ods_repeated(lo_ods, '<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="1000" '
                                                  'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    out["ods-repeat-overflow.ods"] = _ods_repeated(lo_ods, '<table:table-row><table:table-cell table:number-columns-repeated="18446744073709551617" '
                                                   'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    # 表三's column K filled with 0 to the last row (a whole column selected); its row 31 filled with 0 to
    # the last column (16,384 cells: within the bound, read)
    out["ods-column-filled.ods"] = _ods_tail(lo_ods, "表三", '<table:table-row table:style-name="{style}" table:number-rows-repeated="{rows}">'
                                             '<table:table-cell table:number-columns-repeated="10"/>' + _ZERO
                                             + '<table:table-cell table:number-columns-repeated="16373"/></table:table-row>')
    out["ods-row-filled.ods"] = _ods_tail(lo_ods, "表三", '<table:table-row table:style-name="{style}">' + _ZERO.replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="16384" ') + '</table:table-row><table:table-row '
        'table:style-name="{style}" table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    out["ods-truncated.ods"] = lo_ods[: len(lo_ods) // 2]
    out["ods-readable.ods"] = lo_ods
    # -- wrong names, other files -----------------------------------------------------------------------
    out["xls-bytes-named.xlsx"] = lo_xls
    out["xlsx-bytes-named.xls"] = lo_xlsx
    out["ods-bytes-named.xlsx"] = lo_ods
    out["empty.xls"] = b""
    out["empty.ods"] = b""
    out["whitespace.xlsx"] = b"\r\n   \r\n"
    out["csv-renamed.xlsx"] = "单位名称,本年新收申请\n柏城街道办事处,12\n".encode()
    out["csv-gbk-renamed.xlsx"] = "单位名称,本年新收申请\n柏城街道办事处,12\n".encode("gbk")
    out["utf16-text.xlsx"] = "单位名称\t本年新收申请\n".encode("utf-16")
    out["pdf-renamed.xlsx"] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    out["html-table.xls"] = ('<html><head><meta charset="utf-8"></head><body><table><tr><td>单位名称</td><td>柏城街道办事处</td>'
                             '</tr><tr><td>本年新收政府信息公开申请数量</td><td>12</td></tr></table></body></html>').encode()
    out["docx-named.xls"] = docx
    return out
