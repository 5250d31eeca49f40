"""An .ods's repeated rows and cells are measured before calamine opens it (nianbao/read/odsguard.py): a
value far away is FILE-FAR-CELL naming the sheet and the cell, as for an .xlsx, and calamine, which would
allocate every cell of the used range (gigabytes), is never asked; LibreOffice's own saves, whose empty
trailing rows and cells are repeats to the end of the sheet, still read."""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from nianbao.read import reader
from nianbao.read.reader import read_bytes, read_workbook
from nianbao.read.roster import RosterError, read_roster
from nianbao.read.safety import inspect_bytes

BAD = Path(__file__).parent / "data" / "bad"
LO_ODS = BAD / "ods-readable.ods"  # the filled template as LibreOffice saves it
sys.path.insert(0, str(BAD.parent))

from hostile_kinds import _ZERO, _ods_repeated, _ods_tail  # noqa: E402

FAR = {"ods-columns-repeated.ods": "填报说明", "ods-rows-repeated.ods": "填报说明", "ods-value-repeated.ods": "填报说明",
       "ods-repeat-overflow.ods": "填报说明", "ods-column-filled.ods": "表三"}


class NeverOpened:
    """Stands for calamine's workbook where a test shows calamine is never asked."""

    @staticmethod
    def from_filelike(*_args: object) -> None:
        raise AssertionError("calamine was handed the file")


@pytest.mark.parametrize("name", sorted(FAR))
def test_a_far_ods_is_refused_before_calamine_opens_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.pc, "CalamineWorkbook", NeverOpened)
    got = read_workbook(BAD / name)
    assert got.report is None and [f.code for f in got.findings] == ["FILE-FAR-CELL"]
    said = got.findings[0]
    assert f"工作表“{FAR[name]}”" in said.message and "超出表格范围" in said.message and said.remedy
    assert said.sheet == FAR[name]


def test_the_cell_named_is_where_the_value_is() -> None:
    said = read_workbook(BAD / "ods-column-filled.ods").findings[0]
    assert "K1048576" in said.message  # column K filled with 0 to the last row
    beyond = read_workbook(BAD / "ods-repeat-overflow.ods").findings[0]  # past XFD, the last column there is
    assert "第 1048577 行第 1000000000000 列" in beyond.message  # a 20-digit repeat counted as 10^12: far anyway


def test_libreoffice_saves_read_with_every_table_measured() -> None:
    ins = inspect_bytes(LO_ODS.read_bytes())
    assert ins.kind == "ods"
    assert set(ins.sheet_far) >= {"表二", "表三", "表四", "_nianbao"} and not any(ins.sheet_far.values())
    for name in ("ods-readable.ods", "ods-row-filled.ods"):  # a row of 16,384 zeros under 表三 is within the bound
        got = read_workbook(BAD / name)
        assert got.report is not None and got.report.inputs, [f.message for f in got.findings]


def _zero_in_column_a(at: int) -> bytes:
    """表三 with a 0 typed in column A of row 30 + ``at`` (LibreOffice's empty rows before and after it)."""
    empty = '<table:table-row table:style-name="{{style}}" table:number-rows-repeated="{n}"><table:table-cell ' \
            'table:number-columns-repeated="16384"/></table:table-row>'
    tail = (empty.format(n=at - 1) if at > 1 else "") + '<table:table-row table:style-name="{style}">' + _ZERO + "</table:table-row>"
    return _ods_tail(LO_ODS.read_bytes(), "表三", tail)


def test_the_bound_is_the_used_range_of_values() -> None:
    # 表三 is 12 columns wide (its status column L): 1,030 rows are within 2,000,000 cells, 1,048,576 are not
    assert inspect_bytes(_zero_in_column_a(1000)).kind == "ods"
    ins = inspect_bytes(_zero_in_column_a(1048546))
    assert ins.kind == "far" and ins.far_sheet() == ("表三", "A1048576")


def test_repeats_are_counted_in_bounded_time_and_memory() -> None:
    huge = "9" * 5000  # past Python's limit for turning digits into an int
    xml = (f'<table:table-row table:number-rows-repeated="{huge}"><table:table-cell table:number-columns-repeated="{huge}" '
           'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    data = _ods_repeated(LO_ODS.read_bytes(), xml)
    tracemalloc.start()
    t0 = time.perf_counter()
    ins = inspect_bytes(data)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ins.kind == "far" and ins.far_sheet()[0] == "填报说明"
    assert seconds < 10 and peak < 20 * 1024 * 1024


def test_damaged_xml_and_a_dtd_are_refused_not_read_past() -> None:
    lo = LO_ODS.read_bytes()
    cut = _ods_tail(lo, "表三", '<table:table-row table:style-name="{style}" table:number-rows-repeated="{rows}"><table:table-cell>'
                    '</table:table-row>')  # a cell never closed
    got = read_bytes(cut, "坏.ods")
    assert [f.code for f in got.findings] == ["FILE-CORRUPT"] and "格式错误" in got.findings[0].message
    from hostile_kinds import rewrite

    dtd = rewrite(lo, {"content.xml": lambda b: b.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)})
    got = read_bytes(dtd, "声明.ods")
    assert [f.code for f in got.findings] == ["FILE-UNSAFE"] and "DTD" in got.findings[0].message


def test_a_roster_saved_as_ods_with_a_far_cell_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "名单.ods"
    roster.write_bytes(_ods_tail(LO_ODS.read_bytes(), "表三", '<table:table-row table:style-name="{style}" table:number-rows-repeated='
                                 '"{rows}"><table:table-cell table:number-columns-repeated="10"/>' + _ZERO + '</table:table-row>'))
    with pytest.raises(RosterError) as exc:
        read_roster(roster)
    assert "K1048576" in str(exc.value) and "名单.ods" in str(exc.value)


# -- the fast path vouches only for what the parser vouches for -------------------------------------------
ROOT = Path(__file__).parents[1]


def _parts() -> list[bytes]:
    """The table part of every .ods under tests/ and samples/ (the benchmark's corpus), hostile ones too."""
    import zipfile

    out = []
    for p in sorted([*(ROOT / "tests").rglob("*"), *(ROOT / "samples").rglob("*")]):
        try:
            out.append(zipfile.ZipFile(p).read("content.xml"))
        except (zipfile.BadZipFile, KeyError, OSError):
            continue
    return out


def test_the_quick_bound_agrees_with_the_parser_on_every_ods() -> None:
    from nianbao.read.odsguard import measure_ods, quick_tables

    parts = _parts()
    assert len(parts) >= 9
    vouched = 0
    for xml in parts:
        quick = quick_tables(xml, 2_000_000)
        careful = measure_ods(xml, 2_000_000, fast=False)
        assert quick is None or careful == ("ods", "", quick)
        vouched += quick is not None
    assert vouched >= 2  # LibreOffice's own saves take the fast path


#: a row of 表二 repeated 200 times: a value at column 16,001 of it is far
R = '<table:table-row table:number-rows-repeated="200">'


@pytest.mark.parametrize("row", [
    R + '<table:table-cell table:number-columns-repeated="16000"/>' + _ZERO + "</table:table-row>",
    R + "<table:table-cell table:number-columns-repeated='16000'/>" + _ZERO + "</table:table-row>",
    R + '<table:table-cell table:number-columns-repeated="&#49;6000"/>' + _ZERO + "</table:table-row>",
    R + '<t:table-cell xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    't:number-columns-repeated="16000"/>' + _ZERO + "</table:table-row>",
    '<t:table-row xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" t:number-rows-repeated="200">'
    '<table:table-cell table:number-columns-repeated="16000"/>' + _ZERO + "</t:table-row>",
    '<!-- x -->' + R + '<table:table-cell table:number-columns-repeated="16000"/>' + _ZERO + "</table:table-row>",
    '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="2"/>' + _ZERO + "</table:table-row>",
    # a value repeated to the row's end, self-closed as the empty cells that end a row are: its value before
    # or after the repeat
    R + _ZERO + '<table:table-cell office:value-type="float" office:value="0" table:number-columns-repeated="16000"/>'
    "</table:table-row>",
    R + _ZERO + '<table:table-cell table:style-name="ce1" table:number-columns-repeated="16000" office:value-type="float" '
    'office:value="0"/></table:table-row>',
])
def test_the_quick_bound_never_vouches_for_a_hidden_far_cell(row: str) -> None:
    import zipfile

    from nianbao.read.odsguard import measure_ods, quick_tables

    xml = zipfile.ZipFile(io.BytesIO(_zero_in_column_a(1))).read("content.xml")
    at = xml.index(b"<table:table-row", xml.index('table:name="表二"'.encode()))
    xml = xml[:at] + row.encode() + xml[at:]  # in 表二, before its rows
    assert quick_tables(xml, 2_000_000) is None
    assert measure_ods(xml, 2_000_000, fast=False)[0] in ("far", "corrupt")


@pytest.mark.parametrize("insert", ["!= " * 40 + "<!-- x -->", "a!b<?pi x?>", "<![CDATA[x]]>"])
def test_a_comment_or_instruction_after_many_marks_is_left_to_the_parser(insert: str) -> None:
    import zipfile

    from nianbao.read.odsguard import quick_tables

    xml = zipfile.ZipFile(io.BytesIO(_zero_in_column_a(1))).read("content.xml")
    assert quick_tables(xml, 2_000_000) is not None  # LibreOffice's spelling: vouched for
    at = xml.index(b"<table:table-row", xml.index('table:name="表二"'.encode()))
    assert quick_tables(xml[:at] + insert.encode() + xml[at:], 2_000_000) is None


#: a table of 100,000 rows of 100 ones: 10,000,000 cells, which calamine allocates
FAR_TABLE = ('<table:table table:name="暗表"><table:table-row table:number-rows-repeated="100000"><table:table-cell '
             'office:value-type="float" office:value="1" table:number-columns-repeated="100"><text:p>1</text:p>'
             '</table:table-cell></table:table-row></table:table>')


@pytest.mark.parametrize("where", ["</office:automatic-styles>", "<office:body>", "</office:font-face-decls>"])
def test_a_far_table_before_the_body_is_refused(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # calamine reads a table wherever it is in content.xml, also among the styles before <office:body>: the
    # quick bound counts the whole part, so such a table is measured (the parser's verdict), never vouched for
    from hostile_kinds import rewrite

    data = rewrite(LO_ODS.read_bytes(), {"content.xml": lambda b: b.replace(where.encode(), FAR_TABLE.encode() + where.encode(), 1)})
    assert FAR_TABLE.encode() in __import__("zipfile").ZipFile(io.BytesIO(data)).read("content.xml")
    ins = inspect_bytes(data)
    assert ins.kind == "far" and ins.far_sheet() == ("暗表", "CV100000")
    monkeypatch.setattr(reader.pc, "CalamineWorkbook", NeverOpened)
    got = read_bytes(data, "暗表.ods")
    assert [(f.code, f.sheet) for f in got.findings] == [("FILE-FAR-CELL", "暗表")] and "CV100000" in got.findings[0].message


def _with_columns(xml: bytes, n: int) -> bytes:
    """``xml`` with ``n`` more column definitions in 表二 (each the word ``table-`` once, no cell, no row)."""
    at = xml.index(b"<table:table-column", xml.index('table:name="表二"'.encode()))
    return xml[:at] + b'<table:table-column table:style-name="co1"/>' * n + xml[at:]


def test_the_one_word_bound_falls_back_to_the_two_words() -> None:
    # the words table-row and table-cell are at most the count W of table- together: (W / 2)² bounds the
    # range; past it (many column definitions), the two counts themselves decide, as the parser would
    import zipfile

    from nianbao.read import odsguard
    from nianbao.read.odsguard import measure_ods, quick_tables

    xml = zipfile.ZipFile(io.BytesIO(LO_ODS.read_bytes())).read("content.xml")
    wide = _with_columns(xml, 3000)
    assert (wide.count(b"table-") / 2) ** 2 > 2_000_000  # the first bound does not suffice
    quick = quick_tables(wide, 2_000_000)
    assert quick is not None and measure_ods(wide, 2_000_000, fast=False) == ("ods", "", quick)
    rows, cells = wide.count(b"table-row"), wide.count(b"table-cell")
    more_rows, more_cols = odsguard._extra_positions(wide) or (-1, -1)
    assert more_cols > 0 and quick_tables(wide, (rows + more_rows) * (cells + more_cols)) == quick
    assert quick_tables(wide, (rows + more_rows) * (cells + more_cols) - 1) is None
    assert odsguard._within(wide, (0, 0), rows * cells) and not odsguard._within(wide, (0, 0), rows * cells - 1)
    assert odsguard._within(xml, (0, 0), (xml.count(b"table-") // 2) ** 2 + 1)  # one count, the words not told apart


@pytest.mark.parametrize("tag", [
    '<table:table-cell table:number-rows-repeated="5"/>',  # a row's repeat on a cell
    '<table:table-row table:number-columns-repeated="5"/>',  # a cell's repeat on a row
    '<table:named-range table:number-columns-repeated="5"/>',  # a repeat on something else
    '<table:table-cell table:foo-repeated="5"/>',  # another attribute's name
    '<table:table-cell table:number-columns-repeated="1234567890123"/>',  # 13 digits
    '<table:table-cell table:number-columns-repeated=" 5"/>',
])
def test_a_repeat_the_bound_does_not_know_is_left_to_the_parser(tag: str) -> None:
    import zipfile

    from nianbao.read.odsguard import measure_ods, quick_tables

    xml = zipfile.ZipFile(io.BytesIO(LO_ODS.read_bytes())).read("content.xml")
    assert quick_tables(xml, 2_000_000) is not None
    at = xml.index(b"<table:table-row", xml.index('table:name="表二"'.encode()))
    odd = xml[:at] + b"<table:table-row>" + tag.encode() + b"</table:table-row>" + xml[at:]
    assert quick_tables(odd, 2_000_000) is None
    assert measure_ods(odd, 2_000_000, fast=False)[0] in ("ods", "far")


def test_a_column_definition_repeated_places_no_cell() -> None:
    # LibreOffice defines the columns to XFD as a repeat: no cell, neither for the bound nor the parser
    import zipfile

    from nianbao.read.odsguard import _extra_positions

    xml = zipfile.ZipFile(io.BytesIO(LO_ODS.read_bytes())).read("content.xml")
    at = xml.index(b"<table:table-column", xml.index('table:name="表二"'.encode()))
    for attr in (b"number-columns", b"number-rows"):
        more = xml[:at] + b'<table:table-column table:style-name="co1" table:' + attr + b'-repeated="1000000"/>' + xml[at:]
        assert _extra_positions(more) == _extra_positions(xml)
