"""The inbox as a clerk uses it over January: roster, files in, versions and their changes, duplicates,
返回 / 确认 and reopening, the log, the summary of the current versions and the export. Every test runs on
SQLite and, when NIANBAO_TEST_PG gives a server (CI does), on PostgreSQL."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from inbox_helpers import BACKENDS, corrected, db_for, roster_csv, sha, write_county
from nianbao.demo import BROKEN_OFFICE, COUNTY, COUNTY_OFFICES
from nianbao.inbox import STATES, Change, Inbox, InboxError, as_json, schema
from nianbao.merge.job import plan_merge, run_merge

NAMES = [o for o, _c, _s in COUNTY_OFFICES]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return db_for(request.param, tmp_path)


@pytest.fixture
def county(tmp_path: Path) -> list[Path]:
    return write_county(tmp_path / "收到的年报")


def _filled(db: str, county: list[Path]) -> Inbox:
    inbox = Inbox.open(db)
    inbox.set_setting("county", COUNTY)
    assert inbox.import_roster("名单.csv", roster_csv()) == len(NAMES) + 1
    inbox.add_paths([county[0].parent], source="邮件", by="王")
    return inbox


def test_files_become_versions_of_their_offices(db: str, county: list[Path]) -> None:
    with _filled(db, county) as inbox:
        states = {s.name: s for s in inbox.status()}
        assert list(states) == [*NAMES, "县水利局"]  # roster order, every roster office
        assert states["县教育局"].state == "已提交·通过" and states["县教育局"].version == 1
        assert states["县教育局"].contact == "联系人1" and states["县教育局"].phone == "0396-1001"
        assert states[BROKEN_OFFICE].state == "已提交·有错误" and states[BROKEN_OFFICE].errors >= 1
        assert states["县水利局"].state == "未提交" and states["县水利局"].version is None
        assert all(s.state in STATES and s.on_roster for s in states.values())


def test_a_version_dated_before_the_one_it_follows_is_said(db: str, county: list[Path]) -> None:
    """A reviewer's finding: adding a folder files its files in folder order, so an office's old file found
    after its corrected one became the current version, silently. The version whose 填报日期 is earlier than
    the one before it says so (and which one the summary then uses); a later date says nothing of it."""
    import dataclasses
    import datetime as dt

    from nianbao.check.dates import parse_date
    from nianbao.demo import corrected_report
    from nianbao.template import build_workbook

    fixed = corrected_report()
    day = parse_date(fixed.info["date"])
    assert day is not None

    def dated(delta: int, seed: int) -> bytes:
        info = {**fixed.info, "date": (day + dt.timedelta(days=delta)).isoformat()}
        inputs = {**fixed.inputs, "t2.normative.issued": seed}
        return build_workbook(fixed.layout, report=dataclasses.replace(fixed, info=info, inputs=inputs))

    with _filled(db, county) as inbox:
        later = inbox.add_bytes("县自然资源局-更正.xlsx", dated(3, 7))
        assert later.version == 2 and "早于" not in later.message
        older = inbox.add_bytes("县自然资源局-旧.xlsx", dated(-10, 8))
        assert older.version == 3 and "早于上一版" in older.message
        assert (day - dt.timedelta(days=10)).isoformat() in older.message and "请核对" in older.message
        assert any("早于上一版" in e.note for e in inbox.log(BROKEN_OFFICE))  # the audit log keeps it
        assert "第 3 版的填报日期早于上一版" in {s.name: s.note for s in inbox.status()}[BROKEN_OFFICE]  # and its state


def test_a_report_of_another_year_than_the_county_collects_is_an_error(db: str, county: list[Path]) -> None:
    """A reviewer's finding: a report of 2024 (the old file sent again, or its 报告年度 mistyped) was 通过 on
    the dashboard, the office page, its link page and its notice, though the summary leaves it out. With the
    county's 报告年度 set, it is an error at its 报告年度 cell, with what to do; without it, nothing is said."""
    import dataclasses

    from nianbao.demo import county_reports
    from nianbao.template import build_workbook

    def of_2024(office: str) -> bytes:
        report = next(r for r in county_reports() if r.office == office)
        return build_workbook(report.layout, report=dataclasses.replace(report, info={**report.info, "year": "2024"}))

    with _filled(db, county) as inbox:
        unset = inbox.add_bytes("县政府办公室-2024年报.xlsx", of_2024("县政府办公室"))
        assert unset.status == "通过" and not any(f["code"] == "INBOX-OTHER-YEAR" for f in unset.findings)
        inbox.set_setting("year", "2025")
        got = inbox.add_bytes("县教育局-2024年报.xlsx", of_2024("县教育局"))
        assert got.status == "有错误" and got.errors == 1
        (f,) = [f for f in got.findings if f["code"] == "INBOX-OTHER-YEAR"]
        assert f["severity"] == "error" and f["sheet"] == "基本信息" and f["cell"]
        assert "2024" in f["message"] and "2025" in f["message"] and "不会计入汇总" in f["message"]
        assert "改正报告年度" in f["remedy"]
        assert {s.name: s.state for s in inbox.status()}["县教育局"] == "已提交·有错误"
        # the setting changed (set wrong, then put right): every report judged again, not only those to come
        inbox.set_setting("year", "2024")
        states = {s.name: s for s in inbox.status()}
        assert states["县教育局"].state == "已提交·通过" and states["县政府办公室"].state == "已提交·通过"
        assert states["县市场监督管理局"].state == "已提交·有错误"  # a 2025 report, now of another year
        inbox.set_setting("year", "")
        assert not any(f["code"] == "INBOX-OTHER-YEAR" for v in inbox.history("县市场监督管理局") for f in v.findings)
        assert {s.name: s.state for s in inbox.status()}["县市场监督管理局"] == "已提交·通过"


def test_the_blank_template_sent_back_is_not_a_report(db: str, county: list[Path]) -> None:
    """A reviewer's finding: the blank template (its office's name filled in by the template, nothing else)
    counted as 已提交·有警告 and as 已交, while the summary leaves it out (MERGE-BLANK) and says 未提交."""
    from nianbao.form.registry import get_layout
    from nianbao.template import build_workbook

    blank = build_workbook(get_layout("2021"), office="县水利局", category="县直部门", year=2025)
    with _filled(db, county) as inbox:
        got = inbox.add_bytes("县水利局-2025年报.xlsx", blank)
        assert got.office == "县水利局" and got.version == 1
        water = {s.name: s for s in inbox.status()}["县水利局"]
        assert water.state == "未提交" and water.version == 1
        assert "空白模板" in water.note and "第 1 版" in water.note


def test_a_return_answered_by_the_same_figures_with_their_problem_gone_is_reopened(db: str, county: list[Path]) -> None:
    """A reviewer's finding: returned for a count typed as text ("1件", read as 1), the office typed the number
    1: the same figures, so the return stood (仍为“已退回”) although the report now passes. A return stands
    only when the figures, the texts and the problems are all the same."""
    import io

    from openpyxl import load_workbook

    from nianbao.form.registry import get_layout

    layout = get_layout("2021")
    key = next(c.key for c in layout.inputs if c.table == "t3")
    sheet, cell = layout.a1(key)
    source = next(p for p in county if p.name.startswith("县教育局"))

    def with_value(value: object) -> bytes:
        wb = load_workbook(source)
        wb[sheet][cell] = value
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    with _filled(db, county) as inbox:
        texted = inbox.add_bytes("县教育局-2025年报.xlsx", with_value("1件"))
        assert texted.errors >= 1, texted
        inbox.return_office("县教育局", "请把 1件 改为数字")
        assert {s.name: s.state for s in inbox.status()}["县教育局"] == "已退回"
        fixed = inbox.add_bytes("县教育局-2025年报（改正）.xlsx", with_value(1))
        assert "仍为" not in fixed.message
        assert {s.name: s.state for s in inbox.status()}["县教育局"] != "已退回"


def test_a_file_named_for_another_office_does_not_replace_the_report_of_its_unit_name(db: str, county: list[Path]) -> None:
    """A reviewer's finding: in the inbox (and the web page), 县卫生健康委员会-2025年报.xlsx holding 县医疗保障局's
    name became 医保局's 第 2 版, replacing its own report in the inbox's summary (merge of the same folder kept
    医保局's). Such a file is not filed under an office that has a report; the office it is named for is told."""
    import dataclasses

    from nianbao.demo import county_reports
    from nianbao.template import build_workbook

    report = next(r for r in county_reports() if r.office == "县教育局")
    copied = dataclasses.replace(report, inputs={**report.inputs, "t2.normative.issued": 77})
    with _filled(db, county) as inbox:
        got = inbox.add_bytes("县水利局-2025年报.xlsx", build_workbook(report.layout, report=copied))
        assert got.office is None and got.version is None and "单位名称却是“县教育局”" in got.message
        states = {s.name: s for s in inbox.status()}
        assert states["县教育局"].version == 1  # its own report stays its current version
        assert "县水利局-2025年报.xlsx" in states["县水利局"].note and "县教育局" in states["县水利局"].note
        first = inbox.add_bytes("县财政局.xlsx", build_workbook(report.layout, report=dataclasses.replace(
            report, info={**report.info, "office": "县财政局"})))  # an office with no report yet: filed under it
        assert first.office == "县财政局" and first.version == 1


def test_a_file_that_cannot_be_filed_is_named_on_the_office_it_may_be(db: str, county: list[Path]) -> None:
    """A reviewer's finding: files kept but filed under no office (unreadable, or naming no office) vanished
    from what the clerk sees: the office stayed a plain 未提交. Now the office it may be (by its file name,
    or sent through that office's own upload link) says which file arrived, when, and why it was not filed."""
    from nianbao.wording.inbox import LINK_SOURCE

    bad = Path(__file__).parent / "data" / "bad"
    with _filled(db, county) as inbox:
        before = {s.name: s.note for s in inbox.status()}
        assert before["县水利局"] == ""
        inbox.add_bytes("县水利局-2025年报.xlsx", (bad / "encrypted.xlsx").read_bytes(), source="邮件")
        inbox.add_bytes("年报.xlsx", (bad / "corrupt.xlsx").read_bytes(), source=LINK_SOURCE.format(name="县水利局"))
        inbox.add_bytes("县教育局.xlsx", (bad / "corrupt.xlsx").read_bytes()[:-9], source="邮件")
        states = {s.name: s for s in inbox.status()}
        water = states["县水利局"]
        assert water.state == "未提交" and "县水利局-2025年报.xlsx" in water.note and "从文件名看是本单位的" in water.note
        assert "无法读取" in water.note and "密码" in water.note and "文件已保存在收件箱中" not in water.note
        assert "“年报.xlsx”" in water.note and "是通过本单位的上传链接交来的" in water.note
        assert "县教育局.xlsx" not in states["县教育局"].note  # an office with its report: its state says it
        others = {n: s.note for n, s in states.items() if n != "县水利局"}
        assert others == {n: before[n] for n in others}


def test_a_corrected_file_is_version_2_with_the_cell_that_changed(db: str, county: list[Path]) -> None:
    fixed, data = corrected()
    with _filled(db, county) as inbox:
        r = inbox.add_bytes("县自然资源局-2025年报（修改）.xlsx", data, source="微信")
        assert (r.office, r.version, r.duplicate, r.status) == (BROKEN_OFFICE, 2, False, "通过")
        assert "第 2 版" in r.message
        history = inbox.history(BROKEN_OFFICE)
        assert [v.number for v in history] == [1, 2]
        assert [v.status for v in history] == ["有错误", "通过"]
        assert history[0].changes == []
        old = next(p for p in county if p.name.startswith(BROKEN_OFFICE))
        assert history[0].sha256 == sha(old.read_bytes()) and history[1].sha256 == sha(data)
        before = int(fixed.inputs["t3.new.natural_person"]) + 3
        cell, text = history[1].changes  # the figure put right, and the 正文 sentence that gives it
        assert cell == Change("表三", "一、本年新收政府信息公开申请数量", "自然人", str(before), str(before - 3))
        assert (text.table, text.row, text.column) == ("正文", "（二）依申请公开", "")
        assert fixed.texts["overview.request"] == text.new != text.old
        assert inbox.office(BROKEN_OFFICE).state == "已提交·通过"


def test_identical_bytes_are_a_duplicate_not_a_version(db: str, county: list[Path]) -> None:
    with _filled(db, county) as inbox:
        again = inbox.add_bytes("另存的名字.xlsx", county[1].read_bytes(), source="U盘")
        assert again.duplicate and again.version is None and again.office == "县教育局"
        assert "重复" in again.message and "第 1 版" in again.message
        assert [v.number for v in inbox.history("县教育局")] == [1]
        assert [e.action for e in inbox.log("县教育局")] == ["收到", "重复"]


def test_return_and_accept_and_a_new_version_reopens(db: str, county: list[Path]) -> None:
    with _filled(db, county) as inbox:
        inbox.return_office(BROKEN_OFFICE, "表三第一列不平衡，请核对", by="王")
        s = inbox.office(BROKEN_OFFICE)
        assert s.state == "已退回" and "表三第一列不平衡" in s.note
        r = inbox.add_bytes("县自然资源局.xlsx", corrected()[1])
        assert "重新打开" in r.message
        assert inbox.office(BROKEN_OFFICE).state == "已提交·通过"
        inbox.accept(BROKEN_OFFICE, by="王")
        assert inbox.office(BROKEN_OFFICE).state == "已确认"
        with pytest.raises(InboxError, match="还没有提交"):
            inbox.accept("县水利局")
        with pytest.raises(InboxError, match="没有单位"):
            inbox.return_office("县不存在局", "x")
        actions = [(e.action, e.by) for e in inbox.log(BROKEN_OFFICE)]
        assert actions == [("收到", "王"), ("退回", "王"), ("收到", ""), ("重新打开", ""), ("确认", "王")]


def test_the_log_is_only_appended_to(db: str, county: list[Path]) -> None:
    with _filled(db, county) as inbox:
        first = inbox.log()
        inbox.return_office("县教育局", "请补充正文")
        inbox.accept("县政府办公室")
        later = inbox.log()
        assert later[: len(first)] == first and len(later) == len(first) + 2
        assert [e.action for e in first[:2]] == ["设置", "导入名单"]
        assert sum(e.action == "收到" for e in first) == len(NAMES)
        received = [e for e in first if e.action == "收到"]
        assert {e.sha256 for e in received} == {sha(p.read_bytes()) for p in county}


def test_an_alias_and_a_blank_county_find_the_roster_office(db: str, tmp_path: Path) -> None:
    from nianbao.demo import county_reports
    from nianbao.template import build_workbook

    with Inbox.open(db) as inbox:
        inbox.set_setting("county", COUNTY)
        inbox.import_roster("名单.csv", roster_csv({"县教育局": "教育局、县教体局"}))
        r = next(r for r in county_reports() if r.office == "县教育局")
        alias = build_workbook(r.layout, report=_renamed(r, "县教体局", county=""))
        other = build_workbook(r.layout, report=_renamed(r, "县教育局", county="乙县"))
        got = inbox.add_bytes("教体局.xlsx", alias)
        assert (got.office, got.version) == ("县教育局", 1)
        elsewhere = inbox.add_bytes("乙县教育局.xlsx", other)
        assert elsewhere.office == "县教育局" and "不在名单中" in elsewhere.message
        rows = inbox.status()
        assert [(s.name, s.county, s.on_roster) for s in rows if s.name == "县教育局"] == [
            ("县教育局", COUNTY, True), ("县教育局", "乙县", False)]
        assert "不在名单中" in rows[-1].note
        run = inbox.merge(tmp_path / "汇总.xlsx")  # summed as the roster office, under the roster's name
        assert [e.office for e in run.result.rows] == ["县教育局"]
        status = {row.office: row for row in run.result.statuses}
        assert status["县教育局"].included and "县教体局" not in status


def _renamed(report, office: str, county: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(report, info={**report.info, "office": office, "county": county})


def _differing_lines(ours: dict, theirs: dict) -> str:
    import difflib
    import pprint

    a, b = (pprint.pformat(x, width=160).splitlines() for x in (ours, theirs))
    return "\n".join(difflib.unified_diff(a, b, "inbox merge", "direct merge", lineterm="", n=1))


def test_the_summary_is_what_merge_gives_over_the_current_files(db: str, county: list[Path], tmp_path: Path) -> None:
    with _filled(db, county) as inbox:
        inbox.add_bytes("县自然资源局-2025年报.xlsx", corrected()[1])  # same name as version 1
        run = inbox.merge(tmp_path / "汇总.xlsx", json_out=tmp_path / "汇总.json")
        exported = inbox.export(tmp_path / "导出")
        used = inbox.merges()[-1]["versions"]
        current = inbox.current_files()
    assert (tmp_path / "汇总.xlsx").exists() and run.written
    assert [(u["office"], u["version"]) for u in used] == [(n, 2 if n == BROKEN_OFFICE else 1) for n in NAMES]
    assert [p.name for p in exported] == [p.name for p in county]
    assert [(p.name, p.read_bytes()) for p in exported] == current
    (tmp_path / "名单.csv").write_bytes(roster_csv())
    direct = run_merge(plan_merge([tmp_path / "导出"], roster=tmp_path / "名单.csv", name=COUNTY,
                                  out=tmp_path / "直接" / "汇总.xlsx", json_out=tmp_path / "直接.json")).result
    assert run.result.report.values == direct.report.values and not run.result.has_errors
    ours, theirs = (json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("汇总.json", "直接.json"))
    files = ours.pop("files"), theirs.pop("files")
    # totals, 明细, statuses, findings: the same as nianbao merge over the exported files (the lines that differ
    # are said: this failed once in a full run under load, and passed alone)
    assert ours == theirs, _differing_lines(ours, theirs)
    assert [Path(f["path"]).name for f in files[0]] == [Path(f["path"]).name for f in files[1]]


def test_exported_files_keep_the_time_they_were_received(db: str, county: list[Path], tmp_path: Path) -> None:
    # a clerk who exports in January and merges the folder sees the same 收到时间 as the inbox's own merge
    # (before, the export's own minute: the summary-vs-merge test failed when a run crossed a minute)
    with _filled(db, county) as inbox:
        with inbox.engine.begin() as conn:
            conn.execute(schema.receipts.update().values(received_at="2026-01-20T01:15:00+00:00"))
        exported = inbox.export(tmp_path / "导出")
        run = inbox.merge(None, json_out=tmp_path / "汇总.json")
    assert run.result.report.values
    for path in exported:
        assert path.stat().st_mtime == _dt.datetime(2026, 1, 20, 1, 15, tzinfo=_dt.UTC).timestamp(), path.name
    direct = run_merge(plan_merge([tmp_path / "导出"], json_out=tmp_path / "直接.json"))
    assert direct.result.report.values
    received = {json.loads((tmp_path / n).read_text(encoding="utf-8"))["statuses"][0]["received"]
                for n in ("汇总.json", "直接.json")}
    local = _dt.datetime(2026, 1, 20, 1, 15, tzinfo=_dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert received == {local}


def test_open_makes_the_schema_once_and_refuses_a_newer_one(db: str) -> None:
    with Inbox.open(db) as inbox:
        inbox.set_setting("deadline", "2026-01-31")
    with Inbox.open(db) as inbox:
        assert inbox.get_setting("deadline") == "2026-01-31" and inbox.get_setting("year", "2025") == "2025"
        with inbox.engine.begin() as conn:
            conn.execute(schema.schema_version.update().values(version=schema.SCHEMA_VERSION + 1))
    with pytest.raises(InboxError, match="更新版本"):
        Inbox.open(db)


def test_an_office_off_the_roster_is_told_its_likely_roster_name_also_after_an_upgrade(db: str) -> None:
    from nianbao.demo import county_reports
    from nianbao.template import build_workbook

    r = next(r for r in county_reports() if r.office == "县教育局")
    with Inbox.open(db) as inbox:
        inbox.set_setting("county", COUNTY)
        inbox.add_bytes("教育.xlsx", build_workbook(r.layout, report=_renamed(r, "县教育", county="")))
        assert "不在名单中" in inbox.status()[0].note and "可能" not in inbox.status()[0].note  # no roster yet
        inbox.import_roster("名单.csv", roster_csv({"县教育局": "县教体局"}))  # the hint follows the roster
        assert [s.note for s in inbox.status() if s.name == "县教育"] == ["不在名单中，可能是名单中的“县教育局”"]
        with inbox.engine.begin() as conn:  # as a database made by the first version of the ledger
            conn.execute(sa.text("ALTER TABLE offices DROP COLUMN hint"))
            conn.execute(sa.text("DROP TABLE aliases"))
            conn.execute(schema.schema_version.update().values(version=1))
    with Inbox.open(db) as inbox:
        assert [s.note for s in inbox.status() if s.name == "县教育"] == ["不在名单中，可能是名单中的“县教育局”"]
        got = inbox.add_bytes("教体局.xlsx", build_workbook(r.layout, report=_renamed(r, "县教体局", county="")))
        assert (got.office, got.version) == ("县教育局", 1)  # the alias, carried over
        with inbox.engine.connect() as conn:
            assert conn.execute(sa.select(schema.schema_version.c.version)).scalars().all() == [schema.SCHEMA_VERSION]


def test_values_are_plain_json(db: str, county: list[Path]) -> None:
    with _filled(db, county) as inbox:
        doc = as_json([inbox.status(), inbox.history(BROKEN_OFFICE), inbox.log()])
        assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
        finding = inbox.history(BROKEN_OFFICE)[0].findings[0]
        assert {"code", "severity", "message", "sheet", "cell", "remedy"} <= set(finding) and finding["remedy"]
        sha256 = inbox.history("县教育局")[0].sha256
        assert inbox.file_bytes(sha256) == county[1].read_bytes()


def test_threads_adding_the_same_files_at_once_record_each_once(db: str, county: list[Path]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Inbox.open(db) as inbox, ThreadPoolExecutor(4) as pool:  # as a web server's uploads arrive
        got = list(pool.map(lambda p: inbox.add_bytes(p.name, p.read_bytes()), county + county))
        assert sum(r.duplicate for r in got) == len(county)
        assert sorted((r.office, r.version) for r in got if not r.duplicate) == sorted((n, 1) for n in NAMES)
        assert sum(e.action == "重复" for e in inbox.log()) == len(county)
