"""The fast paths give what the careful ones give: the byte check's quick measure of a sheet never
vouches for a sheet the XML parser would refuse, on every workbook of tests/ and the samples and on
spellings made to hide a far cell from it."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from nianbao.read.safety import far_cell, inspect_bytes, quick_far_cell

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*")
                   if p.suffix.lower() in (".xlsx", ".xlsm") and p.is_file())


def _sheets(data: bytes) -> list[bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        return [zf.read(i) for i in zf.infolist() if i.filename.startswith("xl/worksheets/")
                and i.filename.endswith(".xml") and i.file_size < 1024 * 1024]  # not the zip bomb's
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return []


def test_the_corpus_has_workbooks() -> None:
    assert len(WORKBOOKS) >= 20


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_quick_measure_agrees_with_the_parser(path: Path) -> None:
    for xml in _sheets(path.read_bytes()):
        quick = quick_far_cell(xml)
        assert quick is None or quick == far_cell(io.BytesIO(xml)) == ""


SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c>{far}</row></sheetData></worksheet>')


@pytest.mark.parametrize("far", [
    "<c r='XFD1048576'><v>1</v></c>",  # single quotes
    '<c r = "XFD1048576"><v>1</v></c>',  # spaces around =
    '<c s="1" r="XFD1048576"><v>1</v></c>',  # the reference not first
    '<x:c r="XFD1048576"><x:v>1</x:v></x:c>',  # a prefix
    '</row><row r="1048576"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row><row>',  # no references
    '<c r="&#88;FD1048576"><v>1</v></c>',  # a character reference
    '<c\nr="XFD1048576"><v>1</v></c>',  # a newline
    '<c r="XFD1048576"><v>1</v></c>',  # plainly far
    '<!-- </sheetData> --><c r="XFD1048576"><v>1</v></c>',  # the end of the cells in a comment
    '<![CDATA[</sheetData>]]><c r="XFD1048576"><v>1</v></c>',  # and in CDATA
    '<?pi </sheetData>?><c r="XFD1048576"><v>1</v></c>',  # and in a processing instruction
])
def test_quick_measure_never_vouches_for_a_hidden_far_cell(far: str) -> None:
    xml = SHEET.format(far=far).encode()
    assert far_cell(io.BytesIO(xml)) != ""  # the parser finds it
    assert quick_far_cell(xml) is None  # and the quick measure leaves it to the parser


@pytest.mark.parametrize("xml", [
    SHEET.format(far="").encode("utf-16"),  # another encoding
    SHEET.format(far="").replace("UTF-8", "GBK").encode(),
    SHEET.format(far="").replace("?>", '?><!DOCTYPE x [<!ENTITY e "&#60;c r=\'XFD9\'/&#62;">]>', 1).encode(),
    SHEET.format(far="").split("\n", 1)[1].encode(),  # no declaration
])
def test_quick_measure_declines_what_it_cannot_read(xml: bytes) -> None:
    assert quick_far_cell(xml) is None


def test_a_sheet_in_the_usual_spelling_is_vouched_for() -> None:
    xml = SHEET.format(far='<c r="Z999"><v>2</v></c><c r="AA1" s="3"/>').encode()
    assert quick_far_cell(xml) == "" == far_cell(io.BytesIO(xml))


def test_the_byte_check_refuses_the_bad_corpus_as_before() -> None:
    """Every far-cell workbook of the bad corpus still has its far sheet found."""
    for path in sorted((ROOT / "tests" / "data" / "bad").glob("far-*.xlsx")):
        ins = inspect_bytes(path.read_bytes())
        assert ins.kind == "xlsx"
        assert any(ins.far_cell(sheet) for sheet in ins.sheet_parts), path.name


def _zip_reads(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes | None]]:
    """Each member of a zip and what ``zipfile`` inflates of it under the limit (None when it refuses)."""
    from nianbao.read.safety import MAX_MEMBER_BYTES

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    out: list[tuple[zipfile.ZipInfo, bytes | None]] = []
    for info in infos:
        try:
            with zf.open(info) as fh:
                blob: bytes | None = fh.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
            blob = None
        out.append((info, blob))
    return out


def test_members_inflated_straight_from_the_bytes_are_zipfiles() -> None:
    """``plain_member`` gives what zipfile gives, or leaves the member to zipfile: on every zip of the
    corpus and on fuzzed copies (flipped bytes, truncations, damaged members)."""
    import sys

    from nianbao.read.safety import MAX_MEMBER_BYTES, plain_member

    sys.path.insert(0, str(ROOT / "tests" / "data"))
    from fuzz_bad import mutants

    blobs = [p.read_bytes() for p in WORKBOOKS] + list(mutants(WORKBOOKS[:6], n=120, seed=16))
    taken = 0
    for data in blobs:
        for info, by_zipfile in _zip_reads(data):
            fast = plain_member(data, info, MAX_MEMBER_BYTES)
            if fast is not None:
                taken += 1
                assert fast == by_zipfile, info.filename
    assert taken > 500  # the plain members of real workbooks are all taken straight


CHECKED = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*")
                 if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods") and p.is_file())


def _made_by_nianbao() -> dict[str, bytes]:
    """Filled templates as the benchmarks make them (xlsxwriter), of every layout, a few reports each."""
    import random

    from nianbao.demo.synth import random_report
    from nianbao.form.registry import all_layouts
    from nianbao.template import build_workbook

    return {f"{layout.label}-{seed}.xlsx": build_workbook(layout, report=random_report(layout, random.Random(seed),
                                                                                        office="某单位"))
            for layout in all_layouts() for seed in (7, 8)}


def test_fast_and_careful_paths_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workbook of tests/ and samples/, filled templates as the benchmarks make them, and fuzzed copies
    of some, checked with the fast paths (the byte check's, the template's plan) and without them: the same
    report, findings and everything else a check says."""
    import json
    import sys

    from nianbao.check.checkfile import check_bytes
    from nianbao.read import plan, safety

    sys.path.insert(0, str(ROOT / "tests" / "data"))
    from fuzz_bad import mutants

    books = {p.name: p.read_bytes() for p in CHECKED}
    books.update(_made_by_nianbao())
    books.update({f"变异{i}.xlsx": b for i, b in enumerate(mutants(WORKBOOKS[:8], n=80, seed=1202))})
    books.update(_recompressed(WORKBOOKS[:2]))  # bzip2/lzma members: calamine cannot read them, neither path may

    def said(name: str) -> str:
        try:
            return json.dumps(check_bytes(books[name], name).to_dict(), ensure_ascii=False, default=str)
        except BaseException as exc:  # calamine's panic on a damaged file (a worker's crash in a real run)
            return f"panic: {type(exc).__name__}"

    planned = []
    monkeypatch.setattr(plan.TablePlan, "placement", lambda self, real=plan.TablePlan.placement: (
        planned.append(1), real(self))[1])
    assert len(CHECKED) >= 30
    fast = {name: said(name) for name in books}
    assert len(planned) >= 3 * 20  # the plan placed the tables of many workbooks
    monkeypatch.setattr(safety, "FAST", False)
    monkeypatch.setattr(plan, "FAST", False)
    careful = {name: said(name) for name in books}
    assert [name for name in books if fast[name] != careful[name]] == []


def _recompressed(paths: list[Path]) -> dict[str, bytes]:
    """Copies with one member (styles, or the largest worksheet) compressed with bzip2 or lzma, which
    Python's zipfile inflates and calamine does not."""
    out: dict[str, bytes] = {}
    for path in paths:
        src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        sheets = [i for i in src.infolist() if i.filename.startswith("xl/worksheets/sheet")]
        for member in ("xl/styles.xml", max(sheets, key=lambda i: i.file_size).filename):
            for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w") as dst:
                    for info in src.infolist():
                        dst.writestr(info.filename, src.read(info),
                                     compress_type=method if info.filename == member else zipfile.ZIP_DEFLATED)
                out[f"{path.stem}-{member.rsplit('/', 1)[-1]}-{method}.xlsx"] = buf.getvalue()
    return out


def test_one_file_read_here_gives_what_a_worker_gives() -> None:
    """``read_vouched`` (one file checked without a worker): every workbook of tests/, samples/ and the bad
    corpus it reads in this process gets the verdict a worker gives it; far cells and damaged sheets are
    left to the worker."""
    import json

    from nianbao.check.checkfile import _check_packed, _verdict
    from nianbao.read.isolate import run_isolated, unpack_result
    from nianbao.read.reader import read_vouched

    bad = sorted(p for p in (ROOT / "tests" / "data" / "bad").iterdir() if p.is_file())
    paths = sorted(set(CHECKED) | set(bad))
    here = {str(p): r for p in paths if (r := read_vouched(p)) is not None}
    assert not [p for p in here if Path(p).name.startswith(("far-", "xls-far"))]
    assert len(here) >= 30 and len(here) < len(paths)  # some files are left to the worker
    by_worker = {paths[i]: unpack_result(packed) for i, packed in run_isolated(_check_packed, [str(p) for p in paths],
                                                                               jobs=2)}

    def said(result: object) -> str:
        return json.dumps(result.to_dict(), ensure_ascii=False, default=str)  # type: ignore[attr-defined]

    assert [p for p, r in here.items() if said(_verdict(r)) != said(by_worker[Path(p)])] == []


def _extent_by_records(book: bytes, at: int) -> tuple[int, int, str]:
    """An .xls sheet's extent the plain way: every record in turn, the farthest cell by its span."""
    from nianbao.read import xls

    rows = cols = 0
    far = (0, 0)
    for rtype, pos, length in xls._records(book, at):
        if rtype == xls._DIMENSIONS and length >= 12:
            _r0, r1, _c0, c1 = struct.unpack_from("<IIHH", book, pos)
            rows, cols = max(rows, r1), max(cols, c1)
            continue
        if rtype in xls._CELL_RECORDS and length >= 4:
            r, c = struct.unpack_from("<HH", book, pos)
        elif rtype == xls._MULRK and length >= 6:
            r, c = struct.unpack_from("<H", book, pos)[0], struct.unpack_from("<H", book, pos + length - 2)[0]
        else:
            continue
        rows, cols = max(rows, r + 1), max(cols, c + 1)
        if (r + 1) * (c + 1) > far[0] * far[1]:
            far = (r + 1, c + 1)
    if far[0] * far[1] < rows * cols:
        far = (rows, cols)
    return rows, cols, xls._a1(*far)


def test_the_xls_extent_walk_agrees_with_the_plain_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tight walk over an .xls sheet's records measures what the plain walk measures, or is damaged
    alike: on every .xls of tests/ and samples/ and on fuzzed copies."""
    import sys

    from nianbao.read import xls

    sys.path.insert(0, str(ROOT / "tests" / "data"))
    from fuzz_bad import mutants

    files = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*.xls")
                   if p.is_file() and p.stat().st_size > 1000)
    blobs = [p.read_bytes() for p in files] + list(mutants(files[:8], n=300, seed=1203))

    def measured(data: bytes) -> object:
        try:
            found = xls.inspect_xls(data)
        except Exception as exc:  # a damaged container: the same either way
            return type(exc).__name__
        return found.kind, found.detail, found.extent, found.damaged

    fast = [measured(b) for b in blobs]
    monkeypatch.setattr(xls, "_extent", lambda book, at, _padded: _extent_by_records(book, at))
    assert [measured(b) for b in blobs] == fast
    assert len(files) >= 5 and sum(isinstance(m, tuple) and bool(m[2]) for m in fast) >= 5


XLS_FILES = sorted(p for d in (ROOT / "tests", ROOT / "samples") for p in d.rglob("*")
                   if p.suffix.lower() == ".xls" and p.is_file())


def test_the_corpus_has_xls_files() -> None:
    assert len(XLS_FILES) >= 10


@pytest.mark.parametrize("path", XLS_FILES, ids=lambda p: p.name)
def test_runs_of_sectors_read_at_once_are_the_sectors_one_by_one(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    from nianbao.read import xls

    def outcome(data: bytes) -> object:
        try:
            return xls.inspect_xls(data)
        except Exception as exc:  # what the reader's last guard then says, the same either way
            return repr(exc)

    data = path.read_bytes()
    for cut in (len(data), len(data) - 700, 3000):  # whole, and its last sectors or most of it missing
        quick = outcome(data[:cut])
        with monkeypatch.context() as m:
            m.setattr(xls._Container, "_sectors", lambda self, ids: b"".join(map(self._sector, ids)))
            assert outcome(data[:cut]) == quick
