"""The merge's quick paths give what the plain ones give: the 明细 rows of numbers written by one template a
row are the XML XlsxWriter writes cell by cell (``%.16G``), on either side of where a whole number stops
being written in full; the check of inputs against outputs finds the files a check pair by pair finds."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

import nianbao.merge.detailxml as detailxml
from nianbao.merge import job

EDGES = [0, 1, -1, 7, 10**15 - 1, -(10**15 - 1), 10**15, -(10**15), 10**16 - 1, 10**16, 2**63, -(2**63)]


def _sheet(rows: list[list[object]], numbers_from: int | None) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("明细")
    assert detailxml.stream_rows(ws)
    fmt, other = wb.add_format({"num_format": "0"}), wb.add_format({"num_format": "0.00"})
    assert detailxml.write_rows(ws, 1, [fmt, fmt, other, fmt], iter(rows), numbers_from=numbers_from) == len(rows)
    wb.close()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("big", EDGES)
def test_numbers_by_the_template_are_what_xlsxwriter_writes(monkeypatch: pytest.MonkeyPatch, big: int) -> None:
    rows: list[list[object]] = [["甲", 1, big, 3], ["乙", big, 0, -big], ["丙", 2, 3, 4], ["丁", 1, 2.5, big]]
    templated = _sheet(rows, numbers_from=1)
    assert templated == _sheet(rows, numbers_from=None)  # cell by cell, written raw
    monkeypatch.setattr(detailxml, "INTERNALS", (*detailxml.INTERNALS, "not_in_any_xlsxwriter"))
    assert templated == _sheet(rows, numbers_from=1)  # through XlsxWriter itself
    assert f"<v>{format(big, '.16G')}</v>".encode() in templated


def _plain_same(a: Path, b: Path) -> bool:
    """What the merge compared before: each pair resolved and looked at."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def test_the_same_files_as_an_output_are_found_as_pair_by_pair(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    files = [tmp_path / f"{i}.xlsx" for i in range(4)]
    for f in files:
        f.write_bytes(b"x")
    os.link(files[1], tmp_path / "hard.xlsx")
    (tmp_path / "soft.xlsx").symlink_to(files[2])
    inputs = [*files, tmp_path / "d" / ".." / "0.xlsx", tmp_path / "gone.xlsx"]
    outputs = [files[0], tmp_path / "hard.xlsx", tmp_path / "soft.xlsx", tmp_path / "gone.xlsx", tmp_path / "new.xlsx",
               tmp_path / "d"]
    for out in outputs:
        assert job._same_as(job._resolved(inputs), out) == [f for f in inputs if _plain_same(f, out)]
    assert job._same_as(job._resolved(inputs), tmp_path / "hard.xlsx") == [files[1]]


TEXTS = ["普通局", " 前有空格", "后有全角空格\u3000", "\u00a0不换行空格", "\u2028", "a_xb", "_x0041_局", "A&B", "<局>",
         "<r>像富文本</r>", "换\n行", "制表\t符", "\x1f", "\ufffe", "长" * 9000, "", " "]


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_written_raw_by_the_quick_way_is_what_xlsxwriters_escapes_make(monkeypatch: pytest.MonkeyPatch,
                                                                               text: str) -> None:
    ws = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}).add_worksheet()
    preserve = detailxml._preserve_whitespace()
    quick = detailxml._string_xml(ws, text, preserve)
    monkeypatch.setattr(detailxml, "_plain", lambda text: False)  # every text the full way
    assert quick == detailxml._string_xml(ws, text, preserve)
