"""Merging: the pure core (sum, identity and re-submission, roster statuses), with property tests."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.check.validate import validate_report
from nianbao.demo.synth import random_report
from nianbao.form.findings import Severity, make
from nianbao.form.model import Report
from nianbao.form.registry import all_layouts, get_layout
from nianbao.form.result import FileResult, display_names
from nianbao.form.sheets import DRAFT_MARK, LEVEL_SUMMARY
from nianbao.form.spec import Kind
from nianbao.merge.core import merge_results
from nianbao.merge.identify import parse_date, suggest_name
from nianbao.merge.outcome import (
    DUPLICATE,
    EXCLUDED,
    INCLUDED,
    NOT_ON_ROSTER,
    REFUSED,
    STATUS_MISSING,
    STATUS_OFF_ROSTER,
    SUPERSEDED,
    TIED,
)
from nianbao.merge.reading import ReadItem
from nianbao.merge.sums import sum_reports
from nianbao.read.roster import RosterEntry

LAYOUTS = all_layouts()
L21 = get_layout("2021")


def item(report: Report | None, path: str, *, digest: str | None = None, mtime: float = 0.0,
         findings: tuple = ()) -> ReadItem:
    """A ReadItem as the reader would give it (findings: the report's own validation)."""
    if report is not None and not findings:
        findings = tuple(validate_report(report, file=path))
    kind = "unreadable" if report is None else ("summary" if report.level == LEVEL_SUMMARY else "template")
    return ReadItem(FileResult(path=path, report=report, findings=findings, kind=kind),
                    digest if digest is not None else path, mtime)


def reports(layout, seed: int, n: int, *, prefix: str = "单位", year: int | None = None) -> list[Report]:
    rng = random.Random(seed)
    return [random_report(layout, rng, office=f"{prefix}{i}", county="西平县", year=year) for i in range(n)]


def summary_item(items: list[ReadItem], path: str, *, name: str | None = None, mtime: float = 0.0) -> ReadItem:
    """What reading a written summary gives back: its report as a level 汇总 report."""
    res = merge_results(items, name=name)
    rep = res.report
    back = Report(layout=rep.layout, inputs=dict(rep.inputs), info=dict(rep.info), level=LEVEL_SUMMARY,
                  included=rep.included)
    return item(back, path, mtime=mtime)


class Drawn(list):
    """Reports drawn by hypothesis, shown by how they were made (a report's repr is huge)."""

    def __init__(self, label: str, items: list[Report]) -> None:
        super().__init__(items)
        self.label = label

    def __repr__(self) -> str:
        return self.label


@st.composite
def report_lists(draw, min_size: int = 1, max_size: int = 6):
    index = draw(st.integers(0, len(LAYOUTS) - 1))
    seed = draw(st.integers(0, 10**6))
    n = draw(st.integers(min_size, max_size))
    return Drawn(f"reports({LAYOUTS[index].label}, seed={seed}, n={n})", reports(LAYOUTS[index], seed, n))


FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- properties -------------------------------------------------------------------------------------
@FAST
@given(report_lists())
def test_every_cell_is_the_sum_of_the_included_reports(rs: list[Report]) -> None:
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)])
    layout = rs[0].layout
    assert len(res.rows) == len(rs)
    for spec in layout.cells.values():
        got = res.report.values[spec.key]
        want = sum((r.values[spec.key] for r in rs), Decimal(0) if spec.kind is Kind.AMOUNT else 0)
        assert got == want
        assert type(got) is (Decimal if spec.kind is Kind.AMOUNT else int)
    assert res.report.level == LEVEL_SUMMARY
    assert sorted(res.report.included) == sorted(r.office for r in rs)


@FAST
@given(report_lists(min_size=2), st.randoms(use_true_random=False))
def test_merge_does_not_depend_on_input_order(rs: list[Report], rnd: random.Random) -> None:
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)]
    shuffled = list(items)
    rnd.shuffle(shuffled)
    a, b = merge_results(items), merge_results(shuffled)
    assert a.report.values == b.report.values
    assert a.report.included == b.report.included
    assert a.statuses == b.statuses
    assert [(e.path, e.outcome) for e in a.entries] == [(e.path, e.outcome) for e in b.entries]


@FAST
@given(report_lists(max_size=1))
def test_merging_one_report_gives_it_back(rs: list[Report]) -> None:
    res = merge_results([item(rs[0], "/in/a.xlsx")])
    assert res.report.values == rs[0].values
    assert res.report.included == (rs[0].office,)


@FAST
@given(report_lists())
def test_merging_valid_reports_gives_no_error(rs: list[Report]) -> None:
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)])
    assert not [f for f in res.findings if f.is_error]
    assert not [f for f in validate_report(res.report) if f.is_error]
    assert not res.has_errors


@FAST
@given(report_lists(min_size=2, max_size=7), st.integers(1, 6))
def test_merge_of_merges_equals_the_flat_merge(rs: list[Report], cut: int) -> None:
    cut = min(cut, len(rs) - 1)
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)]
    flat = merge_results(items)
    left, right = summary_item(items[:cut], "/sum/a.xlsx"), summary_item(items[cut:], "/sum/b.xlsx")
    rolled = merge_results([left, right])
    assert rolled.report.values == flat.report.values
    assert rolled.report.included == flat.report.included
    # a summary of some offices beside the others' own reports: the same again
    mixed = merge_results([left, *items[cut:]])
    assert mixed.report.values == flat.report.values
    assert mixed.report.included == flat.report.included


def test_sum_reports_of_nothing_is_zero() -> None:
    rep = sum_reports([], layout=L21)
    assert all(v == 0 for v in rep.values.values())
    assert rep.included == ()


# -- identity and re-submission ---------------------------------------------------------------------
def _with(report: Report, **info: str) -> Report:
    return Report(layout=report.layout, inputs=report.inputs, info={**report.info, **info})


def test_later_date_wins_and_the_other_is_superseded() -> None:
    a, b = reports(L21, 1, 2)
    old = _with(a, date="2026-01-10")
    new = _with(Report(layout=b.layout, inputs=b.inputs, info=a.info), date="2026年1月20日")
    res = merge_results([item(new, "/in/a-v1.xlsx", mtime=1), item(old, "/in/a-v2.xlsx", mtime=2)])
    fate = {e.name: e.outcome for e in res.entries}
    assert fate == {"a-v1.xlsx": INCLUDED, "a-v2.xlsx": SUPERSEDED}
    assert res.report.values == new.values
    sup = next(e for e in res.entries if e.outcome == SUPERSEDED)
    assert [f.code for f in sup.findings] == ["MERGE-SUPERSEDED"]
    assert "填报日期较晚" in sup.findings[0].message


def test_same_date_the_later_file_wins() -> None:
    a, b = reports(L21, 2, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, "/in/x.xlsx", mtime=200), item(b, "/in/y.xlsx", mtime=100)])
    assert {e.name: e.outcome for e in res.entries} == {"x.xlsx": INCLUDED, "y.xlsx": SUPERSEDED}
    assert "文件修改时间较晚" in res.entries[1].findings[0].message


def test_with_a_roster_a_refused_file_of_an_office_not_on_it_is_still_listed() -> None:
    """A blank template from an office whose name is not the roster's (县卫生健康委员会 for 县卫健委), and a
    file superseded by another of an office off the roster: each file is in a row of the status table, as
    名单外, saying why it was not summed; the roster office it may be is told of it (found by the acceptance
    reviewer: such files were in no row, only in 文件)."""
    from nianbao.form.findings import make

    rs = reports(L21, 23, 3)
    office = _with(rs[0], office="县政府办公室")
    blank = item(_with(rs[1], office="县卫生健康委员会"), "/in/卫健委.xlsx",
                 findings=(make("INFO-UNFILLED", file="/in/卫健委.xlsx", sheet="基本信息", cell="B7",
                                row_label="填报人"),))
    stray = [item(_with(rs[2], office="县住建局", date=d), f"/in/住建局{i}.xlsx")
             for i, d in enumerate(("2026-01-10", "2026-01-20"))]
    roster = [RosterEntry("县政府办公室", "县直部门"), RosterEntry("县卫健委", "县直部门")]
    res = merge_results([item(office, "/in/办公室.xlsx"), blank, *stray], roster=roster)
    rows = {s.office: s for s in res.statuses}
    assert sorted(f for s in res.statuses for f in s.files) == sorted(e.name for e in res.entries)
    assert rows["县卫生健康委员会"].status is STATUS_OFF_ROSTER and rows["县卫生健康委员会"].files == ("卫健委.xlsx",)
    assert "空白模板" in rows["县卫生健康委员会"].note
    assert rows["县卫健委"].status is STATUS_MISSING and "县卫生健康委员会" in rows["县卫健委"].note
    assert "交来的是空白模板" in rows["县卫健委"].note  # the file it may be is told for what it is
    assert rows["县住建局"].status is STATUS_OFF_ROSTER and rows["县住建局"].files == ("住建局1.xlsx", "住建局0.xlsx")
    assert "住建局0.xlsx 被 住建局1.xlsx 取代" in rows["县住建局"].note
    assert res.report.included == ("县政府办公室",)


def test_same_date_and_same_file_time_is_not_called_later() -> None:
    """Two versions with the same 填报日期 and the same file time (out of one zip, or copied keeping their
    times): the one whose name sorts last is taken, and said so with 请核对, never called 修改时间较晚."""
    a, b = reports(L21, 3, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, "/in/y.xlsx", mtime=100), item(b, "/in/x.xlsx", mtime=100)])
    assert {e.name: e.outcome for e in res.entries} == {"y.xlsx": INCLUDED, "x.xlsx": TIED}
    tied = next(e for e in res.entries if e.outcome == TIED)
    (finding,) = tied.findings
    assert finding.code == "MERGE-TIED" and finding.severity is Severity.WARNING
    message = finding.message
    assert "较晚" not in message and "分不出先后" in message and "请核对哪份是最终版本" in message
    # nothing said of it claims the one taken is newer: the outcome, the note, the remedy
    said = " ".join((tied.outcome.label, tied.note, message, finding.remedy))
    assert "更新" not in said and "取代" not in said and "按文件名顺序取了“y.xlsx”" in message, said
    undated = [Report(layout=r.layout, inputs=r.inputs, info={**a.info, "date": "一月"}) for r in (a, b)]
    res = merge_results([item(undated[0], "/in/y.xlsx", mtime=100), item(undated[1], "/in/x.xlsx", mtime=100)])
    message = next(e for e in res.entries if e.outcome == TIED).findings[0].message
    assert "较晚" not in message and "文件修改时间相同或只差 2 秒以内" in message and "填报日期“一月”无法识别" in message
    assert "按文件修改时间比较" not in message  # the file time did not decide: a tie


def test_two_versions_of_one_areas_summary_are_versions_not_an_overlap() -> None:
    """A reviewer's finding (a city's merge): 示例县's summary made again with more offices, beside the first
    one, was an overlap (MERGE-OVERLAP, 为免重复计算…), its county counted twice (共 3 个单位提交), and which
    was taken followed neither date nor file time. They are versions: the later is taken, one row; offices
    only the one left out has are named (MERGE-SUMMARY-LESS); parts of one area with no office in common
    are both summed."""
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate(reports(L21, 21, 4))]
    first = summary_item(items[:2], "/city/西平县-初稿.xlsx", name="西平县", mtime=100)
    full = summary_item(items[1:], "/city/西平县.xlsx", name="西平县", mtime=200)
    res = merge_results([first, full], name="某市")
    fate = {e.name: e for e in res.entries}
    assert fate["西平县.xlsx"].outcome == INCLUDED and fate["西平县-初稿.xlsx"].outcome == SUPERSEDED
    assert not any(f.code == "MERGE-OVERLAP" for e in res.entries for f in e.findings)
    (less,) = [f for f in fate["西平县-初稿.xlsx"].findings if f.code == "MERGE-SUMMARY-LESS"]
    assert "“单位0”" in less.message and "单位1" not in less.message and less.severity is Severity.WARNING
    (row,) = res.statuses
    assert row.office == "西平县" and set(row.files) == {"西平县.xlsx", "西平县-初稿.xlsx"} and "单位0" in row.note
    assert res.report.values == merge_results([full], name="某市").report.values
    # the later one taken whatever their names: swapped, the file times decide
    first = summary_item(items[:2], "/city/西平县.xlsx", name="西平县", mtime=300)
    final = summary_item(items[1:], "/city/西平县-终稿.xlsx", name="西平县", mtime=200)
    res = merge_results([first, final], name="某市")
    assert {e.name: e.outcome for e in res.entries} == {"西平县.xlsx": INCLUDED, "西平县-终稿.xlsx": SUPERSEDED}
    # parts of one area with no office in common: both summed
    parts = [summary_item(items[:2], "/city/西平县-部门.xlsx", name="西平县"),
             summary_item(items[2:], "/city/西平县-乡镇.xlsx", name="西平县")]
    res = merge_results(parts, name="某市")
    assert all(e.outcome == INCLUDED for e in res.entries)


def test_in_a_tie_a_file_called_a_draft_is_not_the_one_taken() -> None:
    """Of two files that tie, 示例县汇总（初稿）.xlsx came after 示例县汇总.xlsx by name and was taken."""
    a, b = reports(L21, 3, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, "/in/县林业局（初稿）.xlsx", mtime=100), item(b, "/in/县林业局.xlsx", mtime=100)])
    assert {e.name: e.outcome for e in res.entries} == {"县林业局.xlsx": INCLUDED, "县林业局（初稿）.xlsx": TIED}


def test_a_file_that_may_be_a_roster_office_is_said_once_on_its_row() -> None:
    """县城市管理局-2025年报.xlsx whose 单位名称 is 县城管局 (名单外, a near name): the roster office's row names the
    file once (名单外的…可能就是该单位), not a second time as named for it."""
    (r,) = reports(L21, 5, 1)
    r = Report(layout=r.layout, inputs=r.inputs, info={**r.info, "office": "县城管局"})
    found = (*validate_report(r, file="/in/县城市管理局-2025年报.xlsx"),
             make("INFO-OFFICE-FILE-NAME", file="/in/县城市管理局-2025年报.xlsx", sheet="基本信息", cell="B2",
                  name="县城市管理局-2025年报.xlsx", named="县城市管理局", actual="县城管局"))
    res = merge_results([item(r, "/in/县城市管理局-2025年报.xlsx", findings=found)],
                        roster=[RosterEntry("县城市管理局", "县直部门")])
    note = {s.office: s.note for s in res.statuses}["县城市管理局"]
    assert note.count("县城市管理局-2025年报.xlsx") == 1 and "可能就是该单位" in note, note


def _named_for(office: str, path: str, named: str) -> ReadItem:
    """A report of ``office`` in a file whose name names ``named`` (the reader's INFO-OFFICE-FILE-NAME)."""
    (r,) = reports(L21, len(path), 1)
    r = Report(layout=r.layout, inputs=r.inputs, info={**r.info, "office": office, "date": "2026-01-20"})
    found = (*validate_report(r, file=path), make("INFO-OFFICE-FILE-NAME", file=path, sheet="基本信息", cell="B2",
                                                  name=Path(path).name, named=named, actual=office))
    return item(r, path, findings=found)


def test_a_file_named_by_the_offices_own_alias_is_its_newer_report() -> None:
    """A reviewer's finding: 县教体局-2025年报.xlsx, 县教育局's newer report named by its 别名 (教体局), was set aside
    as named for another office, and the older file summed. Only a file named for another roster office is;
    without a roster, nothing is."""
    (old,) = reports(L21, 8, 1)
    old = Report(layout=old.layout, inputs=old.inputs, info={**old.info, "office": "县教育局", "date": "2026-01-15"})
    newer = _named_for("县教育局", "/in/县教体局-2025年报.xlsx", "县教体局")
    roster = [RosterEntry("县教育局", "县直部门", aliases=("教体局", "县教体局")), RosterEntry("县财政局", "县直部门")]
    for listed in (roster, None):
        res = merge_results([item(old, "/in/县教育局-2025年报.xlsx"), newer], roster=listed)
        fate = {e.name: e.outcome for e in res.entries}
        assert fate == {"县教体局-2025年报.xlsx": INCLUDED, "县教育局-2025年报.xlsx": SUPERSEDED}, fate
        assert not any(f.code == "MERGE-NAMED-OTHER" for e in res.entries for f in e.findings)


def test_a_file_named_by_another_offices_alias_is_set_aside_and_that_office_told() -> None:
    """卫健委2025年报.xlsx holding 县医疗保障局's name, 卫健委 a 别名 of 县卫生健康委员会 on the roster: set aside, and
    县卫生健康委员会's row names it."""
    (own,) = reports(L21, 9, 1)
    own = Report(layout=own.layout, inputs=own.inputs, info={**own.info, "office": "县医疗保障局", "date": "2026-01-14"})
    stray = _named_for("县医疗保障局", "/in/卫健委2025年报.xlsx", "卫健委")
    roster = [RosterEntry("县医疗保障局", "县直部门"), RosterEntry("县卫生健康委员会", "县直部门", aliases=("卫健委",))]
    res = merge_results([item(own, "/in/县医疗保障局-2025年报.xlsx"), stray], roster=roster)
    fate = {e.name: e.outcome for e in res.entries}
    assert fate == {"县医疗保障局-2025年报.xlsx": INCLUDED, "卫健委2025年报.xlsx": REFUSED}, fate
    assert "卫健委2025年报.xlsx" in {s.office: s.note for s in res.statuses}["县卫生健康委员会"]


def test_a_tie_makes_the_office_warned_not_passed() -> None:
    """A reviewer's finding: the office of a tie (which of its two files is the final one is not known) was
    已提交·通过 and the headline said 有警告 0, while the tie asks the clerk to check: it is 有警告."""
    from nianbao.merge.export import overview_line
    from nianbao.merge.outcome import SUBMITTED_STATUS

    a, b = reports(L21, 3, 2)
    a = Report(layout=a.layout, inputs=a.inputs, info={**a.info, "office": "县林业局"})
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    for roster in (None, [RosterEntry("县林业局", "县直部门")]):
        res = merge_results([item(a, "/in/县林业局-终版.xlsx", mtime=100), item(b, "/in/县林业局.xlsx", mtime=100)],
                            roster=roster)
        (row,) = res.statuses
        assert row.status == SUBMITTED_STATUS["有警告"] and row.warnings >= 1, row
        assert "有警告 1，" in overview_line(res)


def test_file_times_a_few_milliseconds_apart_are_the_same_time() -> None:
    """Two versions copied or unzipped together get times milliseconds apart in whatever order the copy took
    them: that is no later version. Within 2 s (zip's and FAT's resolution) the name decides, said so with
    请核对 (a plain ``cp -r`` decided which version was summed, and called it 文件修改时间较晚); 3 s apart the
    later file is taken, as always."""
    a, b = reports(L21, 3, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, "/in/初稿.xlsx", mtime=1000.004), item(b, "/in/正式.xlsx", mtime=1000.001)])
    assert {e.name: e.outcome for e in res.entries} == {"正式.xlsx": INCLUDED, "初稿.xlsx": TIED}
    message = next(e for e in res.entries if e.outcome == TIED).findings[0].message
    assert "较晚" not in message and "分不出先后" in message and "请核对" in message
    res = merge_results([item(a, "/in/初稿.xlsx", mtime=1003.5), item(b, "/in/正式.xlsx", mtime=1000.001)])
    assert {e.name: e.outcome for e in res.entries} == {"初稿.xlsx": INCLUDED, "正式.xlsx": SUPERSEDED}
    assert "文件修改时间较晚" in next(e for e in res.entries if e.outcome == SUPERSEDED).findings[0].message


def test_a_tie_is_decided_by_the_names_in_a_clerks_order_and_said_of_each_pair_as_it_is() -> None:
    """第1版 at t, 第3版 1.5 s later, 第2版 3 s later (the same 填报日期): 第2版 and 第3版 are a tie with the
    latest time, and of them 第3版 is taken (numbers by value, as a folder lists them: 第10版 after 第2版).
    第1版 is only 1.5 s before 第3版: a tie too, not 文件修改时间较晚 (found by the acceptance reviewer, who
    also saw 第2版 taken over 第10版)."""
    rs = reports(L21, 4, 3)
    same = [Report(layout=r.layout, inputs=r.inputs, info=rs[0].info) for r in rs]
    res = merge_results([item(same[0], "/in/第1版.xlsx", mtime=1000.0), item(same[1], "/in/第3版.xlsx", mtime=1001.5),
                         item(same[2], "/in/第2版.xlsx", mtime=1003.0)])
    assert {e.name: e.outcome for e in res.entries} == {"第3版.xlsx": INCLUDED, "第1版.xlsx": TIED,
                                                          "第2版.xlsx": TIED}
    for e in res.entries:
        if e.outcome == TIED:
            assert "较晚" not in e.findings[0].message and "分不出先后" in e.findings[0].message, e.name
    res = merge_results([item(same[0], "/in/第2版.xlsx", mtime=1000.0), item(same[1], "/in/第10版.xlsx", mtime=1000.0)])
    assert {e.name: e.outcome for e in res.entries} == {"第10版.xlsx": INCLUDED, "第2版.xlsx": TIED}


def test_in_a_tie_the_two_files_own_dates_decide_and_only_their_own_are_said() -> None:
    """Three versions at one file time, one with a 填报日期 that cannot be read (一月) or cannot be true: the
    office is compared by file time, but of the two with dates, the later date is taken, said 填报日期较晚
    (the earlier was taken by name, and called 分不出先后 with the third file's 一月 as the reason); the
    third is a tie, its own date the reason (found by the acceptance reviewer)."""
    rs = reports(L21, 5, 3)
    same = [Report(layout=r.layout, inputs=r.inputs, info=rs[0].info) for r in rs]
    for odd, why in (("一月", "“一月”无法识别"), ("2099-06-01", "“2099-06-01”晚于今天")):
        res = merge_results([item(_with(same[0], date="2026-01-20"), "/in/第2版.xlsx", mtime=100),
                             item(_with(same[1], date="2026-01-15"), "/in/第10版.xlsx", mtime=100),
                             item(_with(same[2], date=odd), "/in/第1版.xlsx", mtime=100)])
        fate = {e.name: e for e in res.entries}
        assert {n: e.outcome for n, e in fate.items()} == {"第2版.xlsx": INCLUDED, "第10版.xlsx": SUPERSEDED,
                                                           "第1版.xlsx": TIED}
        superseded = fate["第10版.xlsx"].findings[0].message
        assert "填报日期较晚" in superseded and odd not in superseded, superseded
        tied = next(f for f in fate["第1版.xlsx"].findings if f.code == "MERGE-TIED").message
        assert why in tied and "2026-01-15" not in tied and "“第2版.xlsx”作为该单位的报告" in tied, tied
        assert "：“第1版.xlsx”的填报日期“" in tied, tied  # whose date it is, not read as both files'


def test_a_tie_says_the_file_taken_as_the_offices_report_not_as_summed() -> None:
    """With --exclude-errors the file taken in a tie may be left out for its errors: the tie's message
    names it as the office's report, not as 汇总 (found by the acceptance reviewer)."""
    a, b = reports(L21, 6, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    bad = Report(layout=a.layout, inputs={**a.inputs, "t3.new.natural_person": 999}, info=a.info)
    res = merge_results([item(bad, "/in/第10版.xlsx", mtime=100), item(b, "/in/第2版.xlsx", mtime=100)],
                        exclude_errors=True)
    fate = {e.name: e for e in res.entries}
    assert fate["第10版.xlsx"].outcome == EXCLUDED and fate["第2版.xlsx"].outcome == TIED
    (tie,) = (f for f in fate["第2版.xlsx"].findings if f.code == "MERGE-TIED")
    assert "汇总" not in tie.message and "作为该单位的报告" in tie.message, tie.message
    row = next(r for r in res.statuses if "第2版.xlsx" in r.files)
    assert "第2版.xlsx 未计入，按文件名顺序取了 第10版.xlsx" in row.note, row.note


@pytest.mark.parametrize(("names", "taken"), [
    (["收件1/县教育局-第2版.xlsx", "收件2/县教育局-第1版.xlsx"], "县教育局-第2版.xlsx"),  # the name, not the folder
    (["县教育局-第二版.xlsx", "县教育局-第三版.xlsx"], "县教育局-第三版.xlsx"),
    (["县教育局-第十版.xlsx", "县教育局-第九版.xlsx"], "县教育局-第十版.xlsx"),
    (["县教育局-第2版.xlsx", "县教育局-第2版-修订.xlsx"], "县教育局-第2版-修订.xlsx"),
    (["县教育局.xlsx", "县教育局-最终版.xlsx"], "县教育局-最终版.xlsx"),
    (["县教育局-第２版.xlsx", "县教育局-第１０版.xlsx"], "县教育局-第１０版.xlsx"),
])
def test_a_tie_takes_the_file_a_clerk_sees_as_last(names: list[str], taken: str) -> None:
    """Of files that tie, the one taken is the last by name as a clerk reads it: the file's name (not its
    folder, which the texts do not show), without its extension (第2版-修订 after 第2版), numbers by value,
    also as Chinese numerals (第三版 after 第二版; found by the acceptance reviewer)."""
    a, b = reports(L21, 7, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, f"/in/{names[0]}", mtime=100), item(b, f"/in/{names[1]}", mtime=100)])
    (included,) = (e for e in res.entries if e.outcome == INCLUDED)
    assert Path(included.path).name == taken
    (tied,) = (e for e in res.entries if e.outcome == TIED)
    assert f"按文件名顺序取了“{Path(included.path).name}”" in tied.findings[0].message or \
        f"按文件名顺序取了“{included.name}”" in tied.findings[0].message


def test_files_copied_one_after_another_are_a_tie_the_name_decides() -> None:
    """第3版, 第2版, 第1版 copied in that order from a slow USB stick, 1.5 s apart (3 s first to last), the same
    填报日期: copied together, so the name decides (第3版), said as a chain of times, not as 只差 2 秒以内
    (第2版 was taken, as the latest within 2 s of the newest, and 第3版 called a tie with it; found by the
    acceptance reviewer). With 第3版 dated later and 第2版's date 一月, 第3版 is taken and 第1版 is
    superseded by its date; 第2版 is a tie whose reason is its own 一月."""
    rs = reports(L21, 9, 3)
    same = [Report(layout=r.layout, inputs=r.inputs, info=rs[0].info) for r in rs]
    times = {"第3版": 1000.0, "第2版": 1001.5, "第1版": 1003.0}
    res = merge_results([item(r, f"/in/{n}.xlsx", mtime=t) for r, (n, t) in zip(same, times.items(), strict=True)])
    fate = {e.name: e for e in res.entries}
    assert {n: e.outcome for n, e in fate.items()} == {"第3版.xlsx": INCLUDED, "第2版.xlsx": TIED, "第1版.xlsx": TIED}
    assert "文件修改时间相同或只差 2 秒以内" in fate["第2版.xlsx"].findings[0].message  # 1.5 s from 第3版
    # the times the texts compare are shown to the second (10:00:59 and 10:01:00 showed as 10:00 and 10:01)
    assert len({fate[n].received for n in ("第3版.xlsx", "第2版.xlsx", "第1版.xlsx")}) == 3
    far = fate["第1版.xlsx"].findings[0].message  # 3 s from 第3版
    assert "2 秒以内" not in far.split("相邻")[0] and "一个接一个，相邻的只差 2 秒以内" in far and "较晚" not in far, far
    dates = {"第3版": "2026-01-20", "第2版": "一月", "第1版": "2026-01-15"}
    res = merge_results([item(_with(r, date=dates[n]), f"/in/{n}.xlsx", mtime=t)
                         for r, (n, t) in zip(same, times.items(), strict=True)])
    fate = {e.name: e for e in res.entries}
    assert {n: e.outcome for n, e in fate.items()} == {"第3版.xlsx": INCLUDED, "第2版.xlsx": TIED,
                                                       "第1版.xlsx": SUPERSEDED}
    assert "填报日期较晚" in fate["第1版.xlsx"].findings[0].message
    tied = fate["第2版.xlsx"].findings[0].message
    assert "“一月”无法识别" in tied and "2026-01" not in tied, tied


def test_an_older_version_between_copies_does_not_break_their_chain() -> None:
    """第3版 and 第1版 of the latest date, 第2版 of an older one between them, 1.5 s apart: the three were copied
    together, so 第3版 and 第1版 are a tie (第3版 taken by name), 第2版 superseded by its date; 第2版's date
    broke the chain, and 第1版 was taken as 文件修改时间较晚 (found by the third acceptance reviewer)."""
    rs = reports(L21, 13, 3)
    same = [Report(layout=r.layout, inputs=r.inputs, info=rs[0].info) for r in rs]
    files = {"第3版": ("2026-01-16", 1000.0), "第2版": ("2026-01-14", 1001.5), "第1版": ("2026-01-16", 1003.0)}
    res = merge_results([item(_with(r, date=d), f"/in/{n}.xlsx", mtime=t)
                         for r, (n, (d, t)) in zip(same, files.items(), strict=True)])
    fate = {e.name: e for e in res.entries}
    assert {n: e.outcome for n, e in fate.items()} == {"第3版.xlsx": INCLUDED, "第2版.xlsx": SUPERSEDED,
                                                       "第1版.xlsx": TIED}
    assert "填报日期较晚" in fate["第2版.xlsx"].findings[0].message
    assert "相邻的只差 2 秒以内" in fate["第1版.xlsx"].findings[0].message


def test_the_same_time_is_judged_in_the_seconds_shown() -> None:
    """10:00:00.0 and 10:00:02.5 read 10:00:00 and 10:00:02 in 收到时间: 2 s apart, the same time, a tie
    (they were 较晚, while the clerk reads 2 s; found by the third acceptance reviewer); 3 s as read is later."""
    a, b = reports(L21, 14, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    for later, outcome in ((1002.5, TIED), (1003.0, SUPERSEDED)):
        res = merge_results([item(a, "/in/第2版.xlsx", mtime=1000.0), item(b, "/in/第1版.xlsx", mtime=later)])
        fate = {e.name: e for e in res.entries}
        assert fate["第1版.xlsx" if outcome is TIED else "第2版.xlsx"].outcome == outcome
        shown = sorted(int(e.received[-2:]) for e in res.entries)
        assert (shown[1] - shown[0] <= 2) == (outcome is TIED), shown


def test_a_tie_taken_by_its_date_is_not_said_as_taken_by_name() -> None:
    """Of two files of one time, one dated and one not (一月, blank, after today): the dated one is taken
    whatever the names, and said so (取了填报日期有效的), not 按文件名顺序 (found by the acceptance reviewer)."""
    a, b = reports(L21, 11, 2)
    for odd in ("一月", "", "2099-06-01"):
        res = merge_results([item(_with(a, date="2026-01-15"), "/in/第1版.xlsx", mtime=100),
                             item(_with(b, office=a.info["office"], date=odd), "/in/第2版.xlsx", mtime=100)])
        fate = {e.name: e for e in res.entries}
        assert fate["第1版.xlsx"].outcome == INCLUDED and fate["第2版.xlsx"].outcome == TIED
        tied = fate["第2版.xlsx"]
        message = next(f for f in tied.findings if f.code == "MERGE-TIED").message
        assert "取了填报日期有效的“第1版.xlsx”" in message and "按文件名顺序" not in message + tied.note, message


def test_two_blank_dates_are_said_as_both_blank() -> None:
    a, b = reports(L21, 12, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info={**a.info, "date": ""})
    a = Report(layout=a.layout, inputs=a.inputs, info={**a.info, "date": ""})
    res = merge_results([item(a, "/in/第〇版.xlsx", mtime=100), item(b, "/in/第1版.xlsx", mtime=100)])
    (tied,) = (e for e in res.entries if e.outcome == TIED)
    assert tied.name == "第〇版.xlsx"  # 〇 is zero
    assert "填报日期都没有填写" in tied.findings[0].message and "有的" not in tied.findings[0].message


def test_a_blank_date_is_said_as_why_the_file_time_decided() -> None:
    a, b = reports(L21, 8, 2)
    blank = Report(layout=b.layout, inputs=b.inputs, info={**a.info, "date": ""})
    # a tie names the file whose date is blank (“x.xlsx”与“y.xlsx”填报日期…没有填写 read as both's); a file
    # time later says that one of the office's dates is blank
    for mtime, code, said in ((100, "MERGE-TIED", "：“x.xlsx”的填报日期没有填写，文件修改时间相同或只差 2 秒以内"),
                              (10, "MERGE-SUPERSEDED", "文件修改时间较晚；填报日期有的没有填写")):
        res = merge_results([item(a, "/in/y.xlsx", mtime=100), item(blank, "/in/x.xlsx", mtime=mtime)])
        left = next(e for e in res.entries if e.outcome != INCLUDED)
        finding = next(f for f in left.findings if f.code == code)
        assert said in finding.message, finding.message


def test_files_of_the_same_name_in_two_folders_are_told_apart() -> None:
    # an office sent the same file name twice, by mail and by chat: "a.xlsx 被 a.xlsx 取代" helps nobody
    a, b = reports(L21, 2, 2)
    b = Report(layout=b.layout, inputs=b.inputs, info=a.info)
    res = merge_results([item(a, "/in/邮件/a.xlsx", mtime=200), item(b, "/in/微信/a.xlsx", mtime=100),
                         item(reports(L21, 4, 1, prefix="其他")[0], "/in/邮件/c.xlsx")])
    assert {e.name: e.outcome for e in res.entries} == {
        "邮件/a.xlsx": INCLUDED, "微信/a.xlsx": SUPERSEDED, "c.xlsx": INCLUDED}
    sup = next(e for e in res.entries if e.outcome == SUPERSEDED)
    assert sup.note.startswith("被 邮件/a.xlsx 取代") and "微信/a.xlsx" in sup.findings[0].message


@pytest.mark.parametrize(("paths", "expected"), [
    (["/a/x.xlsx", "/b/y.xlsx"], ["x.xlsx", "y.xlsx"]),
    (["/a/p/x.xlsx", "/a/q/x.xlsx", "/a/q/y.xlsx"], ["p/x.xlsx", "q/x.xlsx", "y.xlsx"]),
    (["/r/p/x.xlsx", "/s/p/x.xlsx"], ["r/p/x.xlsx", "s/p/x.xlsx"]),
])
def test_display_names(paths: list[str], expected: list[str]) -> None:
    names = display_names(paths)
    assert [names[p] for p in paths] == expected


def test_identical_files_are_duplicates_counted_once() -> None:
    (a,) = reports(L21, 3, 1)
    res = merge_results([item(a, "/in/a.xlsx", digest="d1"), item(a, "/in/a (1).xlsx", digest="d1")])
    assert sorted(e.outcome for e in res.entries) == [INCLUDED, DUPLICATE]
    assert res.report.values == a.values


def test_names_are_compared_normalised() -> None:
    a, b = reports(L21, 4, 2)
    a = _with(a, office="柏城街道办事处", date="2026-01-01")
    b = _with(b, office=" 柏城 街道办事处 ", date="2026-01-02")
    res = merge_results([item(a, "/in/a.xlsx"), item(b, "/in/b.xlsx")])
    assert [e.outcome for e in res.entries] == [SUPERSEDED, INCLUDED]


def test_another_year_and_another_format_are_refused() -> None:
    rs = reports(L21, 5, 3, year=2025)
    (last_year,) = reports(L21, 6, 1, prefix="上年", year=2024)
    (old_format,) = reports(get_layout("2019"), 7, 1, prefix="旧格式")
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate([*rs, last_year, old_format])])
    fate = {e.office: (e.outcome, [f.code for f in e.findings]) for e in res.entries}
    assert fate["上年0"] == (REFUSED, ["MERGE-OTHER-YEAR"])
    assert fate["旧格式0"] == (REFUSED, ["MERGE-OTHER-FORMAT"])
    assert len(res.rows) == 3 and res.year == 2025
    assert res.has_errors


def test_a_report_without_office_name_is_refused() -> None:
    (a,) = reports(L21, 8, 1)
    res = merge_results([item(_with(a, office=""), "/in/a.xlsx")])
    assert res.entries[0].outcome == REFUSED
    assert [f.code for f in res.findings] == ["MERGE-EMPTY"]


def test_unreadable_files_are_listed_never_dropped() -> None:
    rs = reports(L21, 9, 2)
    bad = ReadItem(FileResult(path="/in/坏.xlsx", report=None, kind="unreadable"))
    res = merge_results([item(rs[0], "/in/a.xlsx"), bad, item(rs[1], "/in/b.xlsx")])
    assert len(res.entries) == 3
    assert [s.status for s in res.statuses][-1] == "无法读取"


def test_exclude_errors() -> None:
    rs = reports(L21, 10, 3)
    broken = Report(layout=L21, inputs={**rs[2].inputs, "t3.new.natural_person": 999}, info=rs[2].info)
    items = [item(rs[0], "/in/a.xlsx"), item(rs[1], "/in/b.xlsx"), item(broken, "/in/c.xlsx")]
    assert any(f.is_error for f in items[2].result.findings)
    kept = merge_results(items)
    assert len(kept.rows) == 3
    assert "MERGE-INCLUDES-ERRORS" in [f.code for f in kept.findings]
    # 正文 is the county's to write: what nianbao drafts from the figures is marked as a draft
    assert kept.report.texts and all(t.startswith(DRAFT_MARK) for t in kept.report.texts.values())
    dropped = merge_results(items, exclude_errors=True)
    assert [e.outcome for e in dropped.entries] == [INCLUDED, INCLUDED, EXCLUDED]
    assert dropped.report.values == sum_reports(rs[:2]).values
    assert "MERGE-INCLUDES-ERRORS" not in [f.code for f in dropped.findings]


def test_summary_and_an_office_it_already_holds() -> None:
    rs = reports(L21, 11, 3)
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)]
    summ = summary_item(items[:2], "/in/sum.xlsx")
    res = merge_results([summ, *items])
    fate = {e.name: e.outcome for e in res.entries}
    # every office of the summary sent its own report too: those are used (they may be newer)
    assert fate == {"sum.xlsx": SUPERSEDED, "0.xlsx": INCLUDED, "1.xlsx": INCLUDED, "2.xlsx": INCLUDED}
    assert res.report.values == merge_results(items).report.values
    # only some of them: a conflict the clerk resolves (issue 11 item 4), never a silent displacement of
    # the office's own report: the summary is refused with an error naming them, the reports are summed
    res1 = merge_results([summ, *items[1:]])
    assert {e.name: e.outcome for e in res1.entries} == {"sum.xlsx": REFUSED, "1.xlsx": INCLUDED,
                                                         "2.xlsx": INCLUDED}
    assert res1.report.values == merge_results(items[1:]).report.values
    (conflict,) = [f for e in res1.entries for f in e.findings if f.code == "MERGE-SUMMARY-CONFLICT"]
    assert conflict.severity is Severity.ERROR and "“单位1”" in conflict.message and "1.xlsx" in conflict.message
    assert res1.has_errors  # merge exits 1
    # two summaries of different areas that share an office: the smaller one is refused
    other = summary_item(items[1:], "/in/sum2.xlsx", name="乙县")
    res2 = merge_results([summ, other])
    assert {e.name: e.outcome for e in res2.entries}["sum2.xlsx"] in (REFUSED,)
    assert any(f.code == "MERGE-OVERLAP" for e in res2.entries for f in e.findings)
    # the clerk reads why in 文件 (the entry's 说明) and in the status table on the console
    why = "与 sum.xlsx 都包含“西平县｜单位1”，为免重复计算，未计入"
    assert {e.name: e.note for e in res2.entries}["sum2.xlsx"] == why
    assert [s.note for s in res2.statuses if s.files == ("sum2.xlsx",)] == [why]
    # and beside an office's own report: the summary holding it is the conflict, every office counted once
    res3 = merge_results([summ, other, *items[:1]])
    assert {e.name: e.outcome for e in res3.entries} == {"sum.xlsx": REFUSED, "sum2.xlsx": INCLUDED,
                                                         "0.xlsx": INCLUDED}
    assert res3.report.values == merge_results(items).report.values


# -- roster --------------------------------------------------------------------------------------------
def test_roster_statuses() -> None:
    rs = reports(L21, 12, 4)
    ok = _with(rs[0], office="县财政局")
    warned = _with(rs[1], office="县教育局")
    broken = Report(layout=L21, inputs={**rs[2].inputs, "t4.review.upheld": -1},
                    info={**rs[2].info, "office": "县公安局"})
    stray = _with(rs[3], office="柏城街道")
    roster = [RosterEntry("县财政局", "县直部门"), RosterEntry("县教育局", "县直部门"),
              RosterEntry("县公安局", "县直部门"), RosterEntry("柏城街道办事处", "街道办事处"),
              RosterEntry("县审计局", "县直部门")]
    from nianbao.form.findings import Finding

    blank = Finding(code="READ-BLANK", severity=Severity.WARNING, message="表三有 2 个单元格未填写，已按 0 计。")
    items = [item(ok, "/in/财政.xlsx"), item(warned, "/in/教育.xlsx", findings=(blank,)),
             item(broken, "/in/公安.xlsx"), item(stray, "/in/柏城.xlsx")]
    res = merge_results(items, roster=roster)
    table = [(s.office, s.status, s.included) for s in res.statuses]
    assert table == [
        ("县财政局", "已提交·通过", True),
        ("县教育局", "已提交·有警告", True),
        ("县公安局", "已提交·有错误", True),
        ("柏城街道办事处", STATUS_MISSING, False),
        ("县审计局", STATUS_MISSING, False),
        ("柏城街道", STATUS_OFF_ROSTER, False),
    ]
    stray_entry = next(e for e in res.entries if e.office == "柏城街道")
    assert stray_entry.outcome == NOT_ON_ROSTER
    assert "柏城街道办事处" in stray_entry.findings[0].message
    missing = [f for f in res.findings if f.code == "MERGE-MISSING"]
    assert missing[0].message.startswith("名单中的“柏城街道办事处”没有提交报告")
    assert "柏城街道" in res.statuses[3].note
    assert [e.office for e in res.rows] == ["县财政局", "县教育局", "县公安局"]  # roster order


def test_a_report_for_another_year_is_not_this_years_submission() -> None:
    rs = reports(L21, 16, 3, year=2025)
    last_year = _with(rs[2], office="县水利局", year="2024")
    items = [item(rs[0], "/in/a.xlsx"), item(rs[1], "/in/b.xlsx"), item(last_year, "/in/县水利局.xlsx")]
    roster = [RosterEntry(rs[0].office), RosterEntry(rs[1].office), RosterEntry("县水利局", "县直部门")]
    res = merge_results(items, roster=roster)
    (row,) = [s for s in res.statuses if s.office == "县水利局"]
    # the office did send something: not 未提交 (the clerk would chase it for the wrong thing), but why not summed
    assert (row.status, row.included, row.files, row.note) == (
        "已提交·未计入", False, ("县水利局.xlsx",), "交来的是 2024 年度报告（本次汇总 2025 年度），未计入")
    assert [f.code for f in res.findings if f.code == "MERGE-MISSING"] == []
    from nianbao.merge.summary import overview_line

    assert overview_line(res).startswith("名单 3 个单位：已提交 3 个（通过 2，有警告 0，有错误 0，未计入 1），未提交 0 个")
    # without a roster the file is listed as found, with the reason it is not summed
    (found,) = [s for s in merge_results(items).statuses if s.office == "县水利局"]
    assert (found.status, found.note) == ("已提交·未计入", "交来的是 2024 年度报告（本次汇总 2025 年度），未计入")


def test_summaries_of_different_areas_are_not_named_after_one_of_them() -> None:
    rs = reports(L21, 17, 4)
    jia = summary_item([item(_with(r, county="甲县"), f"/甲/{i}.xlsx") for i, r in enumerate(rs[:2])], "/s/甲县.xlsx")
    yi = summary_item([item(_with(r, county="乙县"), f"/乙/{i}.xlsx") for i, r in enumerate(rs[2:])], "/s/乙县.xlsx")
    res = merge_results([jia, yi])
    assert res.name == "汇总"
    assert [(f.code, f.actual) for f in res.findings] == [("MERGE-NO-NAME", "乙县、甲县")]
    named = merge_results([jia, yi], name="某市")
    assert named.name == "某市" and not named.findings
    assert named.report.values == res.report.values
    # offices' reports: named after the 所属县 most of them give, whatever one of them wrote
    offices = [item(_with(r, county="甲县" if i else "乙县"), f"/in/{i}.xlsx") for i, r in enumerate(rs)]
    assert merge_results(offices).name == "甲县"
    assert merge_results([jia, *offices[2:]]).name == "甲县"  # one area: its summary and offices


@pytest.mark.parametrize(("name", "expected"), [
    ("柏城街道", "柏城街道办事处"),
    ("西平县财政局", "县财政局"),
    ("县教育体育局", "县教育局"),
    ("上蔡县人民政府办公室", None),
])
def test_suggest_name(name: str, expected: str | None) -> None:
    roster = ["柏城街道办事处", "县财政局", "县教育局", "县公安局"]
    assert suggest_name(name, roster) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-01-15", (2026, 1, 15)), ("2026/1/5", (2026, 1, 5)), ("2026年1月20日", (2026, 1, 20)),
    ("2026.01.15", (2026, 1, 15)), ("20260115", (2026, 1, 15)), ("", None), ("一月", None), ("2026-13-01", None),
    ("46037", (2026, 1, 15)), ("46037.0", (2026, 1, 15)), ("12345", None),
    # month/day/year only when one of them cannot be a month; no year, or a two-digit year: not guessed
    ("1/20/2026", (2026, 1, 20)), ("20/1/2026", (2026, 1, 20)), ("3/3/2026", (2026, 3, 3)), ("1/2/2026", None),
    ("1月20日", None), ("26年1月20日", None),
])
def test_parse_date(text: str, expected: tuple[int, int, int] | None) -> None:
    got = parse_date(text)
    assert ((got.year, got.month, got.day) if got else None) == expected


def test_severity_of_merge_codes() -> None:
    from nianbao.form.findings import CATALOGUE

    assert CATALOGUE["MERGE-OTHER-YEAR"].severity is Severity.ERROR
    assert CATALOGUE["MERGE-NOT-ON-ROSTER"].severity is Severity.WARNING
    assert CATALOGUE["MERGE-DUPLICATE"].severity is Severity.INFO


# -- who is summed: the exit status, summaries of the same name ------------------------------------
def test_errors_of_files_left_out_do_not_fail_the_merge() -> None:
    rs = reports(L21, 13, 3)
    broken = Report(layout=L21, inputs={**rs[2].inputs, "t3.new.natural_person": 999}, info=rs[2].info)
    items = [item(rs[0], "/in/a.xlsx"), item(rs[1], "/in/b.xlsx"), item(broken, "/in/c.xlsx")]
    assert merge_results(items).has_errors  # an included report has errors
    assert not merge_results(items, exclude_errors=True).has_errors  # left out on purpose
    unreadable = ReadItem(FileResult(path="/in/坏.xlsx", report=None,
                                     findings=(make("MERGE-CRASH", file="/in/坏.xlsx", name="坏.xlsx", detail="x"),),
                                     kind="unreadable"))
    assert merge_results([*items, unreadable], exclude_errors=True).has_errors  # a file could not be read
    stray = _with(broken, office="别的县财政局")
    res = merge_results([item(rs[0], "/in/a.xlsx"), item(stray, "/in/s.xlsx")], roster=[RosterEntry(rs[0].office)])
    assert [e.outcome for e in res.entries] == [INCLUDED, NOT_ON_ROSTER]
    assert not res.has_errors  # not on the roster: not summed, listed


def test_two_summaries_of_the_same_name_keep_their_own_status_rows() -> None:
    rs = reports(L21, 14, 4)
    items = [item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)]
    a, b = summary_item(items[:2], "/sum/a.xlsx"), summary_item(items[2:], "/sum/b.xlsx")
    assert a.result.report.office == b.result.report.office  # both named after the county
    res = merge_results([a, b])
    assert [(s.files, s.included) for s in res.statuses] == [(("a.xlsx",), True), (("b.xlsx",), True)]
    assert res.report.values == merge_results(items).report.values
    # a city's roster names its counties: a summary matches its roster line by name
    named = merge_results([a], roster=[RosterEntry(a.result.report.office, "县")])
    assert [(s.status, s.included) for s in named.statuses] == [("已提交·通过", True)]


def test_status_notes_say_which_file_is_used_and_why() -> None:
    a, b = reports(L21, 15, 2)
    old = _with(a, date="2026-01-10")
    new = _with(Report(layout=b.layout, inputs=b.inputs, info=a.info), date="2026-01-20")
    broken = Report(layout=L21, inputs={**new.inputs, "t4.review.upheld": -1}, info=new.info)
    res = merge_results([item(old, "/in/初稿.xlsx"), item(broken, "/in/正式.xlsx")])
    (row,) = res.statuses
    assert row.files == ("正式.xlsx", "初稿.xlsx")  # the file summed first
    assert "仍计入汇总" in row.note
    assert "初稿.xlsx 被 正式.xlsx 取代（填报日期较晚）" in row.note


# -- offices of the same name in several counties, near-identical names ------------------------------
def test_offices_of_the_same_name_in_two_counties_are_both_summed() -> None:
    # a city merging every office flat: 甲县's 县财政局 is not 乙县's
    rs = reports(L21, 16, 5)
    jia = [_with(rs[0], office="县财政局", county="甲县"), _with(rs[1], office="县教育局", county="甲县"),
           _with(rs[2], office="县教育局", county="")]  # blank 所属县: the county most reports give
    yi = [_with(rs[3], office="县财政局", county="乙县"), _with(rs[4], office="乙县城关镇", county="乙县")]
    items = [item(r, f"/in/{i}.xlsx", mtime=60 * i) for i, r in enumerate([*jia, *yi])]
    res = merge_results(items, name="驻马店市")
    assert [e.outcome for e in res.entries] == [INCLUDED, SUPERSEDED, INCLUDED, INCLUDED, INCLUDED]
    assert res.report.values == sum_reports([jia[0], jia[2], *yi]).values
    assert [f.code for f in res.findings] == ["MERGE-SAME-NAME"]
    assert "县财政局（乙县、甲县）" in res.findings[0].message
    assert sorted(s.office for s in res.statuses) == ["乙县 县财政局", "乙县城关镇", "县教育局", "甲县 县财政局"]
    # the summary's office list says whose office each is when the county is not the summary's own
    assert sorted(res.report.included) == sorted(["甲县｜县财政局", "甲县｜县教育局", "乙县｜县财政局", "乙县｜乙县城关镇"])


def test_a_city_rolls_up_counties_whose_offices_share_names() -> None:
    """Every county has a 县财政局 and a 县教育局: the city summary of the county summaries sums both
    counties (as the flat merge of all their offices does), and still catches an office counted twice."""
    rs = reports(L21, 31, 4)
    jia = [_with(rs[0], office="县财政局", county="甲县"), _with(rs[1], office="县教育局", county="甲县")]
    yi = [_with(rs[2], office="县财政局", county="乙县"), _with(rs[3], office="县教育局", county="乙县")]
    jia_sum = summary_item([item(r, f"/甲县/{i}.xlsx") for i, r in enumerate(jia)], "/市/甲县汇总.xlsx")
    yi_sum = summary_item([item(r, f"/乙县/{i}.xlsx") for i, r in enumerate(yi)], "/市/乙县汇总.xlsx")
    assert jia_sum.result.report.included == ("县教育局", "县财政局")  # a county's own offices: plain names
    city = merge_results([jia_sum, yi_sum], name="某市")
    assert [e.outcome for e in city.entries] == [INCLUDED, INCLUDED]
    flat = merge_results([item(r, f"/all/{i}.xlsx") for i, r in enumerate([*jia, *yi])], name="某市")
    assert city.report.values == flat.report.values == sum_reports([*jia, *yi]).values
    assert sorted(city.report.included) == sorted(flat.report.included) == sorted(
        ["甲县｜县财政局", "甲县｜县教育局", "乙县｜县财政局", "乙县｜县教育局"])
    # 甲县's 县财政局 sent again on its own, beside the county summaries: counted once, and 甲县's summary
    # is a conflict for the clerk (which is right?), said as an error
    again = merge_results([jia_sum, yi_sum, item(jia[0], "/市/县财政局.xlsx")], name="某市")
    assert {e.name: e.outcome for e in again.entries} == {
        "甲县汇总.xlsx": REFUSED, "乙县汇总.xlsx": INCLUDED, "县财政局.xlsx": INCLUDED}
    assert again.report.values == sum_reports([jia[0], *yi]).values and again.has_errors
    # the city summary given with 乙县's: overlap, refused
    city_sum = summary_item([jia_sum, yi_sum], "/省/某市汇总.xlsx")
    both = merge_results([city_sum, yi_sum], name="某省")
    assert sorted(e.outcome for e in both.entries) == sorted([INCLUDED, REFUSED])


def test_last_runs_summary_left_among_the_offices_reports_is_not_used() -> None:
    """The clerk merged into the inbox folder, then an office sent a corrected report: the offices' own
    reports are summed (the corrected one among them), not last run's summary of the old ones."""
    rs = reports(L21, 41, 3)
    old = summary_item([item(r, f"/收件/{i}.xlsx") for i, r in enumerate(rs)], "/收件/汇总.xlsx")
    fixed = Report(layout=L21, inputs={**rs[2].inputs, "t2.rules.issued": 0}, info=rs[2].info)
    res = merge_results([old, item(rs[0], "/收件/0.xlsx"), item(rs[1], "/收件/1.xlsx"), item(fixed, "/收件/2.xlsx")])
    assert {e.name: e.outcome for e in res.entries} == {
        "汇总.xlsx": SUPERSEDED, "0.xlsx": INCLUDED, "1.xlsx": INCLUDED, "2.xlsx": INCLUDED}
    assert res.report.values == sum_reports([rs[0], rs[1], fixed]).values
    assert not res.has_errors
    # offices that leave 所属县 blank are known by name
    blank = [_with(r, county="") for r in (rs[0], rs[1], fixed)]
    res = merge_results([old, *(item(r, f"/收件/{i}.xlsx") for i, r in enumerate(blank))])
    assert {e.name: e.outcome for e in res.entries}["汇总.xlsx"] == SUPERSEDED
    assert res.report.values == sum_reports(blank).values
    # a summary of offices not all sent on their own: a conflict for the clerk, the office's report is summed
    part = merge_results([old, item(rs[0], "/收件/0.xlsx")])
    assert {e.name: e.outcome for e in part.entries} == {"汇总.xlsx": REFUSED, "0.xlsx": INCLUDED}


def test_a_county_merge_knows_offices_by_name_alone() -> None:
    a, b = reports(L21, 17, 2)
    old = _with(a, date="2026-01-10")
    new = _with(Report(layout=b.layout, inputs=b.inputs, info=a.info), county="", date="2026-01-20")
    res = merge_results([item(old, "/in/a.xlsx"), item(new, "/in/b.xlsx")])
    assert [e.outcome for e in res.entries] == [SUPERSEDED, INCLUDED]
    assert res.findings == ()


def test_near_identical_names_are_pointed_out_not_merged() -> None:
    rs = reports(L21, 18, 6)
    names = ["柏城街道办事处", "柏城街道办事处（修改）", "西平县柏城街道办事处", "柏城街道", "县财政局", "县教育局"]
    items = [item(_with(r, office=n), f"/in/{i}.xlsx") for i, (r, n) in enumerate(zip(rs, names, strict=True))]
    res = merge_results(items)
    assert len(res.rows) == 6
    (found,) = [f for f in res.findings if f.code == "MERGE-SIMILAR-NAMES"]
    assert found.severity is Severity.WARNING
    assert found.message.count("；") == 0 and all(f"“{n}”" in found.message for n in names[:4])
    assert "县财政局" not in found.message
    # with a roster, names are matched to it instead
    roster = [RosterEntry(n) for n in names]
    assert "MERGE-SIMILAR-NAMES" not in [f.code for f in merge_results(items, roster=roster).findings]


def test_numbered_names_are_not_near_identical() -> None:
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(reports(L21, 19, 13))])
    assert "MERGE-SIMILAR-NAMES" not in [f.code for f in res.findings]


@pytest.mark.parametrize("text", ["26年1月20日", "1月20日", "1/2/2026", ""])
def test_an_unreadable_date_falls_back_to_file_time(text: str) -> None:
    a, b = reports(L21, 20, 2)
    dated = _with(a, date="2026-01-10")
    undated = _with(Report(layout=b.layout, inputs=b.inputs, info=a.info), date=text)
    res = merge_results([item(dated, "/in/a.xlsx", mtime=100), item(undated, "/in/b.xlsx", mtime=200)])
    assert [e.outcome for e in res.entries] == [SUPERSEDED, INCLUDED]
    message = res.entries[0].findings[0].message
    assert "文件修改时间较晚" in message and "填报日期较晚" not in message
    assert (f"“{text}”无法识别" in message) == bool(text)
    assert f"“{text}”无法识别" in res.entries[0].note or not text


def _fee(report: Report, layout, fee: str, office: str) -> Report:
    return Report(layout=layout, inputs={**report.inputs, "t2.fees.amount": Decimal(fee)},
                  info={**report.info, "office": office})


def test_mixed_variants_are_named_and_the_summary_keeps_its_own_rules() -> None:
    henan = get_layout("2021", "henan")
    rs = reports(L21, 21, 3)
    mixed = [_fee(rs[0], henan, "0.1234", "豫甲"), _fee(rs[1], henan, "0.0001", "豫乙"),
             _fee(rs[2], L21, "0.12345", "国丙")]
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(mixed)])
    assert res.layout.variant == "national"  # 河南省's 4 decimals cannot hold 0.24695
    assert res.report.inputs["t2.fees.amount"] == Decimal("0.24695")
    codes = [f.code for f in res.findings]
    assert codes == ["MERGE-MIXED-VARIANT"] and not res.has_errors
    assert all(n in res.findings[0].message for n in ("豫甲", "豫乙", "国丙"))
    # the fees fit the majority's rules: its variant is kept, and the mix is still said
    fits = [*mixed[:2], _fee(rs[2], L21, "0.5", "国丙")]
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(fits)])
    assert res.layout.variant == "henan"
    assert [f.code for f in res.findings] == ["MERGE-MIXED-VARIANT"]


def test_outcomes_and_statuses_are_enums_with_chinese_labels() -> None:
    """Issue 9: logic compares enum members; the JSON keeps the Chinese strings it always had."""
    import json

    from nianbao.merge.outcome import Outcome, Status

    rs = reports(L21, 19, 2)
    res = merge_results([item(r, f"/in/{i}.xlsx") for i, r in enumerate(rs)],
                        roster=[RosterEntry(rs[0].office), RosterEntry("县审计局")])
    assert [e.outcome for e in res.entries] == [Outcome.INCLUDED, Outcome.NOT_ON_ROSTER]
    assert [s.status for s in res.statuses] == [Status.SUBMITTED_OK, Status.MISSING, Status.OFF_ROSTER]
    assert [s.status.label for s in res.statuses] == ["已提交·通过", "未提交", "名单外"]
    data = json.loads(json.dumps(res.to_dict(), ensure_ascii=False))
    assert [f["outcome"] for f in data["files"]] == ["计入汇总", "名单外，未计入"]
    assert [s["status"] for s in data["statuses"]] == ["已提交·通过", "未提交", "名单外"]
    assert all(type(f["outcome"]) is str for f in res.to_dict()["files"])
