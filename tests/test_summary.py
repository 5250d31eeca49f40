"""The summary workbook: official tables as formulas over 明细 with cached values, the extra sheets,
and nianbao itself reading it back as a report of level 汇总."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from nianbao.check.checkfile import check_bytes, check_file
from nianbao.demo.synth import random_report
from nianbao.files import OutputExists
from nianbao.form.model import Report
from nianbao.form.registry import get_layout
from nianbao.form.sheets import (
    CHARTS_SHEET,
    DETAIL_FIRST_ROW,
    DETAIL_SHEET,
    FILES_SHEET,
    LEVEL_SUMMARY,
    STATUS_SHEET,
)
from nianbao.form.sheets import (
    SUMMARY_ISSUES_SHEET as ISSUES_SHEET,
)
from nianbao.merge.core import merge_results
from nianbao.merge.summary import build_summary, csv_text, detail_csv, result_json, status_csv, write_summary
from nianbao.read.roster import RosterEntry
from test_merge import item


def _result(layout_name: tuple[str, str] = ("2021", "national"), n: int = 4, **options):
    layout = get_layout(*layout_name)
    rng = random.Random(7)
    rs = [random_report(layout, rng, office=f"县第{i}局", county="西平县") for i in range(n)]
    roster = [RosterEntry(f"县第{i}局", "县直部门") for i in range(n + 1)]
    return merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)], roster=roster, **options), rs


@pytest.mark.parametrize("layout_name", [("2021", "national"), ("2021", "henan"), ("2019", "national")])
def test_summary_reads_back_as_the_same_report(tmp_path: Path, layout_name: tuple[str, str]) -> None:
    res, _rs = _result(layout_name)
    path = write_summary(tmp_path / "汇总.xlsx", res)
    back = check_file(path)
    assert back.kind == "summary"
    assert back.report is not None
    assert back.report.level == LEVEL_SUMMARY
    assert back.report.included == res.report.included
    assert back.report.values == res.report.values
    assert not [f for f in back.findings if f.is_error], back.findings
    # and merging it again gives the same again (a city rolls up its counties so)
    again = merge_results([item(back.report, str(path))])
    assert again.report.values == res.report.values


def test_official_cells_are_formulas_over_the_detail_sheet(tmp_path: Path) -> None:
    res, rs = _result()
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(path)
    layout = res.layout
    sheet, a1 = layout.a1("t3.new.natural_person")
    formula = wb[sheet][a1].value
    assert formula.startswith(f"=SUM('{DETAIL_SHEET}'!") and formula.endswith(f"{DETAIL_FIRST_ROW + len(rs)})")
    detail = wb[DETAIL_SHEET]
    col = formula.split("!")[1].split(":")[0].rstrip("0123456789")
    assert detail[f"{col}4"].value == "自然人"
    assert detail[f"{col}5"].value == f"{sheet}!{a1}"
    assert [detail[f"B{DETAIL_FIRST_ROW + 1 + i}"].value for i in range(len(rs))] == [r.office for r in rs]
    values = [detail[f"{col}{DETAIL_FIRST_ROW + 1 + i}"].value for i in range(len(rs))]
    assert values == [r.values["t3.new.natural_person"] for r in rs]
    assert detail[f"A{DETAIL_FIRST_ROW + 1 + len(rs)}"].value == "合计"
    assert str(detail[f"{col}{DETAIL_FIRST_ROW + 1 + len(rs)}"].value).startswith("=SUM(")
    assert set(wb.sheetnames) >= {DETAIL_SHEET, STATUS_SHEET, FILES_SHEET, ISSUES_SHEET, CHARTS_SHEET}
    status = wb[STATUS_SHEET]
    texts = [c.value for row in status.iter_rows() for c in row if c.value]
    assert "未提交" in texts and "已提交·通过" in texts
    assert any("名单 5 个单位：已提交 4 个" in str(t) for t in texts)
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    # cached values: a reader without a calculation engine sees the totals
    cached = openpyxl.load_workbook(path, data_only=True)
    assert cached[sheet][a1].value == res.report.values["t3.new.natural_person"]


def test_the_summary_tables_print_plain_and_locked(tmp_path: Path) -> None:
    """The summary's 表二/表三/表四 are formulas over 明细: not the offices' yellow input cells (which
    printed on the summary, issue 10 item 10), and locked."""
    res, _rs = _result()
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(path)
    for spec in res.layout.inputs:
        cell = wb[res.layout.a1(spec.key)[0]][res.layout.a1(spec.key)[1]]
        assert cell.fill.fgColor.rgb in (None, "00000000") or cell.fill.fill_type is None, spec.key
        assert cell.protection.locked, spec.key


def test_issues_sheet_lists_every_finding(tmp_path: Path) -> None:
    res, _ = _result()
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    ws = openpyxl.load_workbook(path)[ISSUES_SHEET]
    codes = [ws.cell(row=r, column=5).value for r in range(3, ws.max_row + 1)]
    assert codes == [f.code for _o, f in res.all_findings()]
    assert "MERGE-MISSING" in codes
    # each finding says how to fix it (怎么改), as docs/findings.md does
    from nianbao.form.findings import CATALOGUE

    assert ws.cell(row=2, column=11).value == "怎么改"
    remedies = [ws.cell(row=r, column=11).value for r in range(3, ws.max_row + 1)]
    assert remedies == [CATALOGUE[c].fix for c in codes] and all(remedies)


def test_long_messages_get_rows_tall_enough_to_read(tmp_path: Path) -> None:
    # xlsxwriter does not size rows for wrapped text and spreadsheet programs do not either: without an
    # explicit height a long message overlaps the next row, on screen and in print
    layout = get_layout("2021")
    broken = random_report(layout, random.Random(3), office="县第0局")
    broken = dataclasses.replace(broken, inputs={**broken.inputs, "t3.new.natural_person": 99999})
    res = merge_results([item(broken, "/in/0.xlsx")])
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    ws = openpyxl.load_workbook(path)[ISSUES_SHEET]
    width = ws.column_dimensions["J"].width
    long = [r for r in range(3, ws.max_row + 1) if len(ws.cell(row=r, column=10).value) > width]
    assert long  # T3-BALANCE messages are longer than the column is wide
    for r in long:  # a character takes at least one width unit: such a message needs two lines or more
        assert (ws.row_dimensions[r].height or 15) >= 2 * 14, (r, ws.cell(row=r, column=10).value)


def test_every_outcome_and_receipt_time_fits_its_column(tmp_path: Path) -> None:
    """Printed, a 处理结果 wider than its column ran into the next (与另一份分不出先后，未计入 read …未计有警告),
    and 收到时间 has seconds now: each column is at least as wide as its longest value (a Chinese character
    two width units, a digit one)."""
    from nianbao.merge.outcome import Outcome

    layout = get_layout("2021")
    rs = [random_report(layout, random.Random(i), office=f"县第{i}局", county="西平县") for i in range(2)]
    res = merge_results([item(r, f"/in/{i}.xlsx", mtime=1_768_874_400.0) for i, r in enumerate(rs)])
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(path)

    def width_of(text: str) -> int:
        return sum(1 if ch.isascii() else 2 for ch in text)

    def column(sheet: str, heading: str) -> str:
        ws = wb[sheet]
        for row in ws.iter_rows(max_row=10):
            for c in row:
                if c.value == heading:
                    return c.column_letter
        raise AssertionError(f"{sheet} has no {heading}")

    files = wb[FILES_SHEET]
    assert files.column_dimensions[column(FILES_SHEET, "处理结果")].width >= max(width_of(o.label) for o in Outcome)
    received = res.entries[0].received
    assert len(received) == len("2026-01-20 10:00:00")
    for sheet in (FILES_SHEET, STATUS_SHEET, DETAIL_SHEET):
        assert wb[sheet].column_dimensions[column(sheet, "收到时间")].width >= width_of(received), sheet


def test_office_names_are_never_formulas(tmp_path: Path) -> None:
    layout = get_layout("2021")
    r = random_report(layout, random.Random(1), office="=HYPERLINK(\"http://x\",\"点我\")")
    res = merge_results([item(r, "/in/a.xlsx")])
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(path)
    assert wb[DETAIL_SHEET][f"B{DETAIL_FIRST_ROW + 1}"].data_type == "s"


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    res, _ = _result()
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputExists):
        write_summary(target, res)
    assert target.read_bytes() == b"old"
    write_summary(target, res, force=True)
    assert check_file(target).report is not None
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.xlsx"]  # no temporary file left behind


def test_csv_and_json() -> None:
    res, rs = _result(("2021", "henan"))
    rows = list(csv.reader(io.StringIO(detail_csv(res))))
    assert rows[0][:4] == ["单位名称", "单位类别", "状态", "文件"]
    assert rows[0][4].startswith("表二!B5 ")
    assert [r[0] for r in rows[1:]] == [*(r.office for r in rs), "合计"]
    fee = next(i for i, h in enumerate(rows[0]) if "收费" in h)
    assert Decimal(rows[-1][fee]) == sum((r.values["t2.fees.amount"] for r in rs), Decimal(0))
    statuses = list(csv.reader(io.StringIO(status_csv(res))))
    assert statuses[0][:3] == ["单位名称", "单位类别", "状态"] and statuses[-1][2] == "未提交"
    data = json.loads(result_json(res))
    assert data == json.loads(json.dumps(res.to_dict(), ensure_ascii=False))
    assert data["totals"]["t2.fees.amount"] == str(res.report.values["t2.fees.amount"])
    assert [d["office"] for d in data["detail"]] == [r.office for r in rs]
    assert data["level"] == LEVEL_SUMMARY


def test_csv_text_fields_are_never_formulas() -> None:
    layout = get_layout("2021")
    rng = random.Random(3)
    names = ['=HYPERLINK("http://x","点我")', "+县财政局", "-县教育局", "@县公安局", "县审计局"]
    rs = [random_report(layout, rng, office=n) for n in names]
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)],
                        roster=[RosterEntry(n) for n in names] + [RosterEntry("=1+1")])
    rows = list(csv.reader(io.StringIO(detail_csv(res))))
    assert [r[0] for r in rows[1:-1]] == ["'" + n for n in names[:-1]] + ["县审计局"]
    fee = next(i for i, h in enumerate(rows[0]) if "收费" in h)
    assert [Decimal(r[fee]) for r in rows[1:-1]] == [r.values["t2.fees.amount"] for r in rs]  # numbers as they are
    statuses = list(csv.reader(io.StringIO(status_csv(res))))
    assert [r[0] for r in statuses[1:]] == [*(r[0] for r in rows[1:-1]), "'=1+1"]
    assert all(r[5].isdigit() and r[6].isdigit() for r in statuses[1:])  # the counts stay numbers
    # the JSON and the workbook keep the names as they are
    assert [d["office"] for d in json.loads(result_json(res))["detail"]] == names
    assert [csv_text(t) for t in ("\t1", "\r1", "", "县-局", "1")] == ["'\t1", "'\r1", "", "县-局", "1"]


def test_empty_merge_still_writes_a_summary(tmp_path: Path) -> None:
    res = merge_results([], roster=[RosterEntry("县财政局")])
    path = write_summary(tmp_path / "汇总.xlsx", res)
    assert [s.status for s in res.statuses] == ["未提交"]
    assert openpyxl.load_workbook(path)[STATUS_SHEET] is not None


# -- the detail sheet streams its rows (XlsxWriter internals), and works without them -------------
def _cells(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}


def test_detail_rows_stream_with_this_xlsxwriter() -> None:
    """Fails when XlsxWriter's internals that ``stream_rows`` relies on change: then look again."""
    import xlsxwriter

    from nianbao.merge.detailxml import STREAM_ATTRIBUTES, stream_rows

    wb = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    ws = wb.add_worksheet("明细")
    missing = [a for a in STREAM_ATTRIBUTES if not hasattr(ws, a)]
    assert not missing, f"XlsxWriter {xlsxwriter.__version__} lacks {missing}"
    assert stream_rows(ws)
    for r in range(5):
        ws.write_row(r, 0, [r, r + 1, r + 2])
    assert set(ws.table) == {4}  # only the row being written is held in memory
    wb.close()


def test_detail_sheet_is_the_same_without_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    import nianbao.merge.detailsheet as detailsheet
    import nianbao.merge.summary as summary

    res, _ = _result(("2021", "henan"), n=5)
    streamed = build_summary(res)
    for module in (detailsheet, summary):  # 明细, and 状态 and 文件
        monkeypatch.setattr(module, "stream_rows", lambda ws: False)  # another XlsxWriter: kept in memory
    kept = build_summary(res)
    assert _cells(streamed) == _cells(kept)


# -- a sum that includes reports with errors says so -------------------------------------------------
def test_a_sum_with_errors_is_marked_in_the_workbook(tmp_path: Path) -> None:
    layout = get_layout("2021")
    rng = random.Random(8)
    rs = [random_report(layout, rng, office=f"县第{i}局", county="西平县") for i in range(3)]
    broken = Report(layout=layout, inputs={**rs[2].inputs, "t4.review.upheld": -1}, info=rs[2].info)
    roster = [RosterEntry(r.office) for r in rs]
    stray = random_report(layout, rng, office="县第九局", county="西平县")
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate([*rs[:2], broken, stray])]
    res = merge_results(items, roster=roster)
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(path)
    status = wb[STATUS_SHEET]
    texts = [str(c.value) for row in status.iter_rows() for c in row if c.value]
    assert "注意：汇总计入了 1 份有错误的报告（县第2局），汇总数字可能不准确。" in texts
    assert any("名单外" in t and "未计入汇总" in t for t in texts[:5])  # said above the table
    assert any("只汇总名单中的单位" in t for t in texts)  # the policy, in the notes
    assert status.sheet_properties.tabColor.rgb.endswith("C00000")
    assert "有错误的报告" in wb[DETAIL_SHEET]["A1"].value
    row = next(r for r in status.iter_rows(values_only=True) if r[1] == "县第2局")
    assert row[3] == "已提交·有错误" and row[4] == "是" and "仍计入汇总" in row[8]
    clean = merge_results(items[:2])
    wb2 = openpyxl.load_workbook(io.BytesIO(build_summary(clean)))
    assert not any("有错误的报告（" in str(c.value) for r in wb2[STATUS_SHEET].iter_rows() for c in r)
    assert wb2[STATUS_SHEET].sheet_properties.tabColor is None


def test_the_guide_sheet_of_a_summary_explains_the_summary(tmp_path: Path) -> None:
    # an office's filling instructions ("浅黄色单元格是填报单元格…") would mislead the county reader
    res, rs = _result()
    ws = openpyxl.load_workbook(io.BytesIO(build_summary(res)))["填报说明"]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    assert "汇总表说明" in text and f"汇总 {len(rs)} 个单位" in text and "明细" in text
    assert "浅黄色单元格" not in text and "T3-BALANCE" in text


def test_a_long_list_of_offices_is_kept_whole(tmp_path: Path) -> None:
    """A spreadsheet cell holds 32,767 characters and XlsxWriter cuts longer strings without a word:
    a city's list of offices must come back whole, or offices past the cut could be summed twice."""
    from nianbao.template import build_workbook

    layout = get_layout("2021")
    offices = tuple(f"某某县某某乡镇人民政府第{i:04d}号" for i in range(2500))  # about 45,000 characters
    assert len("\n".join(offices)) > 32767
    report = Report(layout=layout, info={"office": "某市", "year": "2025"}, level=LEVEL_SUMMARY, included=offices)
    p = tmp_path / "某市汇总.xlsx"
    p.write_bytes(build_workbook(layout, report=report, level=LEVEL_SUMMARY, included=offices))
    back = check_file(p)
    assert back.report is not None and back.report.included == offices


def test_a_summary_with_errors_says_so_when_read_and_rolled_up(tmp_path: Path) -> None:
    """A county summary that summed a report with errors is marked at county level; read back, and in the
    city summary made from it, it must still say so (not pass as clean)."""
    from nianbao.merge.core import merge_files
    from nianbao.template import build_workbook

    layout = get_layout("2021")
    rng = random.Random(11)
    good = random_report(layout, rng, office="县教育局", county="甲县")
    bad = random_report(layout, rng, office="县民政局", county="甲县")
    bad = dataclasses.replace(bad, inputs={**bad.inputs, "t3.new.natural_person": bad.inputs["t3.new.natural_person"] + 7})
    county = merge_results([item(good, "/in/a.xlsx"), item(bad, "/in/b.xlsx")], name="甲县")
    county_file = tmp_path / "甲县汇总.xlsx"
    county_file.write_bytes(build_summary(county))
    back = check_file(county_file)
    said = [f for f in back.findings if f.code == "SUMMARY-WITH-ERRORS"]
    assert len(said) == 1 and "县民政局" in said[0].message and back.status != "通过"
    other = tmp_path / "乙县.xlsx"
    other.write_bytes(build_workbook(layout, report=random_report(layout, rng, office="乙县", county="乙县")))
    city = merge_files([county_file, other], name="某市", jobs=1)
    city_file = tmp_path / "某市汇总.xlsx"
    city_file.write_bytes(build_summary(city))
    again = check_file(city_file)
    assert [f.code for f in again.findings if f.code == "SUMMARY-WITH-ERRORS"] == ["SUMMARY-WITH-ERRORS"]
    assert "县民政局" in next(f.message for f in again.findings if f.code == "SUMMARY-WITH-ERRORS")


def test_a_fractional_count_is_summed_as_it_is(tmp_path: Path) -> None:
    """An office's 3.5 (its VALUE-COUNT error) must not become 3 in the summary while 明细 shows 3.5."""
    layout = get_layout("2021")
    r = random_report(layout, random.Random(1), office="县教育局")
    r = dataclasses.replace(r, inputs={**r.inputs, "t2.enforcement.decisions": Decimal("3.5")})
    res = merge_results([item(r, "/in/a.xlsx")], name="甲县")
    assert res.report.values["t2.enforcement.decisions"] == Decimal("3.5")
    p = tmp_path / "甲县汇总.xlsx"
    p.write_bytes(build_summary(res))
    back = check_file(p)
    assert back.report is not None and back.report.values["t2.enforcement.decisions"] == Decimal("3.5")
    assert ("VALUE-COUNT", "表二", "B13") in {(f.code, f.sheet, f.cell) for f in back.findings}


def test_a_summary_saved_by_a_program_that_does_not_compute_keeps_its_figures(tmp_path: Path) -> None:
    """openpyxl (and some converters) save formulas without results: the summary's figures, formulas over
    明细, would read as blank, and render and roll up as zeros. They are recomputed from 明细, and said."""
    res, _rs = _result()
    p = tmp_path / "汇总.xlsx"
    p.write_bytes(build_summary(res))
    wb = openpyxl.load_workbook(p)
    wb["正文"]["B2"] = "本年度全县政府信息公开工作……"  # the county writes its narrative and saves
    resaved = tmp_path / "汇总-已编辑.xlsx"
    wb.save(resaved)
    back = check_file(resaved)
    assert back.report is not None and dict(back.report.inputs) == dict(res.report.inputs)
    assert "SUMMARY-RECOMPUTED" in [f.code for f in back.findings]
    assert "READ-BLANK" not in [f.code for f in back.findings]
    held = check_bytes(resaved.read_bytes(), "收到的汇总.xlsx")  # as the inbox and the web read it: no file
    assert held.report is not None and dict(held.report.inputs) == dict(res.report.inputs)
    assert "SUMMARY-RECOMPUTED" in [f.code for f in held.findings]
    del wb["明细"]
    wb.save(resaved)
    assert "SUMMARY-NO-VALUES" in [f.code for f in check_file(resaved).findings]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("layout_name", [("2021", "national"), ("2021", "henan"), ("2019", "national")])
def test_detail_rows_written_raw_are_what_xlsxwriter_writes(monkeypatch: pytest.MonkeyPatch,
                                                             layout_name: tuple[str, str]) -> None:
    """The 明细, 状态 and 文件 rows written as XML (merge.detailxml) make the same file, part for part, byte for
    byte, as XlsxWriter's own cell writes, also with office names that need its escapes: spaces kept at the
    ends, a control character, markup, a rich-string look-alike, an ampersand."""
    import nianbao.merge.detailxml as detailxml

    layout = get_layout(*layout_name)
    rng = random.Random(11)
    names = [" 前后有空格的局 ", "控制\x01字符局", "<r>像富文本</r>", "A&B<局>\"'", "_x0041_局", "普通局"]
    rs = [random_report(layout, rng, office=name, county="西平县") for name in names]
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)])
    raw_rows: list[tuple[str, int]] = []
    write_raw = detailxml._write_raw
    monkeypatch.setattr(detailxml, "_write_raw", lambda ws, r, *a: (raw_rows.append((ws.name, r)), write_raw(ws, r, *a)))
    raw = build_summary(res)
    for sheet in (DETAIL_SHEET, STATUS_SHEET, FILES_SHEET):  # every row written raw but the rich-string look-alike's
        assert len([r for name, r in raw_rows if name == sheet]) == len(names) - 1, sheet
    monkeypatch.setattr(detailxml, "INTERNALS", (*detailxml.INTERNALS, "not_in_any_xlsxwriter"))
    by_cell = build_summary(res)
    assert len(res.rows) == len(names)
    assert _parts(raw) == _parts(by_cell)


def test_detail_rows_are_written_raw_only_where_they_may_be(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row with a format of its own is left to XlsxWriter, the others are written raw, one of its own
    height too (状态 and 文件 fit rows to their texts): the same sheet."""
    import xlsxwriter

    import nianbao.merge.detailxml as detailxml
    from nianbao.merge.detailxml import stream_rows

    raw_rows: list[int] = []
    write_raw = detailxml._write_raw
    monkeypatch.setattr(detailxml, "_write_raw", lambda ws, r, *a: (raw_rows.append(r), write_raw(ws, r, *a)))

    def sheet(numbers_from: int | None = None) -> bytes:
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        ws = wb.add_worksheet("明细")
        assert stream_rows(ws)
        fmt = wb.add_format({"num_format": "0"})
        ws.set_row(3, 30)  # a row of its own height: written raw, with its height
        ws.set_row(5, None, wb.add_format({"bold": True}))  # a row of its own format: left to XlsxWriter
        rows = ([i, f"第{i}行 ", i / 4, i, 10**i] for i in range(6))
        assert detailxml.write_rows(ws, 1, [fmt] * 5, rows, numbers_from=numbers_from) == 6
        ws.write_string(9, 0, "后面", fmt)
        wb.close()
        return _parts(buf.getvalue())["xl/worksheets/sheet1.xml"]

    raw = sheet()
    assert raw_rows == [1, 2, 3, 4, 6]
    assert b'<row r="4" ht="30" customHeight="1">' in raw
    assert sheet(numbers_from=2) == raw  # the numbers by one template a row: the same XML
    monkeypatch.setattr(detailxml, "INTERNALS", (*detailxml.INTERNALS, "not_in_any_xlsxwriter"))
    assert raw == sheet()


# -- each report's 明细 values from the layout's plan ---------------------------------------------------
def test_the_detail_plan_gives_what_the_layout_computes() -> None:
    """Every layout's plan (merge.plan) gives each report's inputs and totals as ``LayoutSpec.compute`` does,
    also for fractional counts and amounts with decimals, and for a report missing some inputs."""
    from nianbao.form.registry import all_layouts
    from nianbao.merge.plan import detail_cells, detail_plan

    rng = random.Random(5)
    for layout in all_layouts():
        plan = detail_plan(layout)
        keys = [c.key for c in detail_cells(layout)]
        assert list(plan.keys) == keys
        for _ in range(20):
            inputs = dict(random_report(layout, rng, office="某局").inputs)
            some = sorted(inputs)[: rng.randrange(len(inputs))]
            for k in some[:3]:
                inputs[k] = Decimal("2.5") if rng.random() < 0.5 else 7
            for k in some[3:6]:
                del inputs[k]
            computed = layout.compute(inputs)
            row = plan.row(inputs)
            assert row == [computed[k] for k in keys]
            assert [type(v) for v in row] == [type(computed[k]) for k in keys]


def test_the_issues_sheet_gives_each_remedy_with_its_values_filled_in(tmp_path: Path) -> None:
    """A clerk reads 怎么改 as written to her: 请单位重交 2025 年度的报告, never a {placeholder}."""
    import shutil

    from nianbao.merge.core import merge_files

    samples = Path(__file__).parent.parent / "samples"
    folder = tmp_path / "收到"
    shutil.copytree(samples / "示例县", folder)
    shutil.copy(samples / "柏城街道办事处-2021年报.xlsx", folder)  # another year's report
    out = tmp_path / "汇总.xlsx"
    write_summary(out, merge_files(sorted(folder.iterdir()), jobs=1))
    ws = openpyxl.load_workbook(out, read_only=True)["问题"]
    rows = [[c for c in row] for row in ws.iter_rows(min_row=3, values_only=True)]
    remedies = {row[4]: row[10] for row in rows}
    assert "请单位重交 2025 年度的报告" in remedies["MERGE-OTHER-YEAR"]
    assert not [r for r in rows if "{" in str(r[10])]


def test_a_summary_is_deflated_fast_a_template_as_zlib_deflates(tmp_path: Path) -> None:
    """A summary's parts (megabytes of XML for thousands of offices) are deflated at zlib's level 1, a
    template's at zlib's default; either reads back the same (the other tests)."""
    from nianbao.template import build_workbook

    def levels(data: bytes) -> set[int]:
        """The zlib level each deflated part of ``data`` was compressed at (of 1 and 6, the one that gives
        its compressed size), for the parts where the two differ."""
        found = set()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                body = z.read(info)
                sizes = {lv: len(_deflate(body, lv)) for lv in (1, 6)}
                if sizes[1] != sizes[6]:
                    found |= {lv for lv, size in sizes.items() if size == info.compress_size}
        return found

    assert levels(build_summary(_result(n=30)[0])) == {1}
    assert levels(build_workbook(get_layout("2021"))) == {6}


def _deflate(body: bytes, level: int) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(body) + c.flush()
