"""`nianbao inbox`: --json equal to what the library returns, exit codes, Chinese messages and help."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from inbox_helpers import corrected, roster_csv, write_county
from nianbao.cli.app import app
from nianbao.demo import BROKEN_OFFICE, COUNTY
from nianbao.inbox import Inbox, as_json

runner = CliRunner()


def test_the_inbox_commands_over_a_january(tmp_path: Path) -> None:
    db = str(tmp_path / "收件箱.sqlite3")
    county = write_county(tmp_path / "收到的年报")
    (tmp_path / "名单.csv").write_bytes(roster_csv())
    res = runner.invoke(app, ["inbox", "roster", str(tmp_path / "名单.csv"), "--county", COUNTY, "--db", db])
    assert res.exit_code == 0 and "7 个单位" in res.output, res.output
    res = runner.invoke(app, ["inbox", "add", str(county[0].parent), "--db", db, "--by", "王"])
    assert res.exit_code == 1, res.output  # one file has errors
    assert f"{BROKEN_OFFICE} 第 1 版：有错误" in res.output and "新版本 6 个" in res.output
    again = runner.invoke(app, ["inbox", "add", str(county[1]), "--db", db, "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["duplicate"] is True
    res = runner.invoke(app, ["inbox", "return", BROKEN_OFFICE, "--note", "表三不平衡", "--db", db])
    assert res.exit_code == 0 and "已退回" in res.output
    (tmp_path / "修改.xlsx").write_bytes(corrected()[1])
    assert runner.invoke(app, ["inbox", "add", str(tmp_path / "修改.xlsx"), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["inbox", "accept", BROKEN_OFFICE, "--db", db]).exit_code == 0
    with Inbox.open(db) as inbox:
        for args, value in ((["status"], inbox.status()), (["history", BROKEN_OFFICE], inbox.history(BROKEN_OFFICE)),
                            (["log"], inbox.log())):
            res = runner.invoke(app, ["inbox", *args, "--json", "--db", db])
            assert res.exit_code == 0 and json.loads(res.stdout) == as_json(value), args
    history = runner.invoke(app, ["inbox", "history", BROKEN_OFFICE, "--db", db]).output
    assert "第 2 版" in history and "表三｜一、本年新收政府信息公开申请数量｜自然人" in history
    status = runner.invoke(app, ["inbox", "status", "--db", db]).output
    assert "已确认" in status and "未提交" in status
    res = runner.invoke(app, ["inbox", "merge", "-o", str(tmp_path / "汇总.xlsx"), "--db", db])
    assert res.exit_code == 0 and (tmp_path / "汇总.xlsx").exists(), res.output
    res = runner.invoke(app, ["inbox", "export", str(tmp_path / "导出"), "--db", db])
    assert res.exit_code == 0 and len(list((tmp_path / "导出").iterdir())) == 6
    assert [e["action"] for e in json.loads(runner.invoke(app, ["inbox", "log", "--json", "--db", db]).stdout)][-2:] \
        == ["汇总", "导出"]


def test_unknown_office_and_bad_database_say_so_in_chinese(tmp_path: Path) -> None:
    db = str(tmp_path / "收件箱.sqlite3")
    res = runner.invoke(app, ["inbox", "history", "县不存在局", "--db", db])
    assert res.exit_code == 2 and "没有单位“县不存在局”" in res.output
    (tmp_path / "坏.sqlite3").write_bytes(b"not a database at all" * 100)
    res = runner.invoke(app, ["inbox", "status", "--db", str(tmp_path / "坏.sqlite3")])
    assert res.exit_code == 2 and "无法打开收件箱" in res.output
    res = runner.invoke(app, ["inbox", "merge", "-o", str(tmp_path / "汇总.xlsx"), "--db", db])
    assert res.exit_code == 2 and "还没有可以汇总的报告" in res.output
    assert "收件箱" in runner.invoke(app, ["inbox", "--help"]).output


def test_status_names_another_countys_office_and_counts_the_roster_apart(tmp_path: Path) -> None:
    import random
    import re

    from nianbao.demo.synth import random_report
    from nianbao.form.registry import get_layout
    from nianbao.template import build_workbook

    db = str(tmp_path / "收件箱.sqlite3")
    folder = tmp_path / "收到的年报"
    county = write_county(folder)
    (tmp_path / "名单.csv").write_bytes(roster_csv())
    assert runner.invoke(app, ["inbox", "roster", str(tmp_path / "名单.csv"), "--county", COUNTY, "--db", db]).exit_code == 0
    layout = get_layout("2021")
    with Inbox.open(db) as inbox:
        office = inbox.status()[0].name
    for name, who, where in (("邻县.xlsx", office, "邻县"), ("档案馆.xlsx", "县档案馆", COUNTY)):
        (folder / name).write_bytes(build_workbook(layout, report=random_report(
            layout, random.Random(9), office=who, county=where)))
    runner.invoke(app, ["inbox", "add", str(folder), "--db", db])
    states = json.loads(runner.invoke(app, ["inbox", "status", "--json", "--db", db]).stdout)
    (neighbour,) = [s for s in states if s["county"] == "邻县"]
    assert neighbour["name"] == office and not neighbour["on_roster"]
    assert "所属县（市、区）是“邻县”" in neighbour["note"] and "可能是名单中的" not in neighbour["note"]
    footer = re.sub(r"\s+", "", runner.invoke(app, ["inbox", "status", "--db", db]).output.rsplit("┘", 1)[1])
    counted = sum(int(n) for n in re.findall(r"(\d+)个", footer.split("另有")[0]))
    assert counted == 7 == len(county) + 1  # the roster's offices: six sent, 县水利局 not
    assert footer.endswith(f"另有名单外2个：{office}（邻县）、县档案馆"), footer


def test_the_count_of_files_added_adds_up_and_names_what_was_not_taken(tmp_path: Path) -> None:
    """A reviewer's finding: 共 44 个文件：新版本 33 个，重复 2 个，无法读取 8 个 (43): a report naming no office
    was in none of them, a WPS lock file was not mentioned at all, and Thumbs.db was called 已损坏."""
    import re

    from nianbao.form.registry import get_layout
    from nianbao.template import build_workbook

    folder = tmp_path / "收件"
    good = write_county(folder)[0]
    (folder / "Thumbs.db").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(40))
    (folder / f"~${good.name}").write_bytes(b"\x05" + "王五".encode("utf-16-le") + bytes(100))
    (folder / "无名.xlsx").write_bytes(build_workbook(get_layout("2021"), year=2025))  # no 单位名称
    (folder / "说明.txt").write_text("各单位年报见附件", encoding="utf-8")
    db = str(tmp_path / "ib.sqlite3")
    res = runner.invoke(app, ["inbox", "add", str(folder), "--db", db])
    shown = res.output.replace("\n", "")
    total = len([p for p in folder.iterdir() if p.is_file()])
    m = re.search(r"共 (\d+) 个文件：(.*?)。", shown)
    assert m and int(m.group(1)) == total
    assert sum(int(n) for n in re.findall(r"(\d+) 个", m.group(2))) == total, m.group(0)
    assert "未收入 2 个" in m.group(2) and "没有归到单位 1 个" in m.group(2)
    assert "Thumbs.db：未收入" in shown and "自动生成的文件" in shown and "已损坏" not in shown
    assert f"~${good.name}：未收入" in shown and "锁定文件" in shown


def test_a_chinese_windows_zips_members_are_named_as_written(tmp_path: Path) -> None:
    """A reviewer's finding: members of a zip whose names are GBK without the UTF-8 flag (Windows' 发送到压缩
    文件夹 on a Chinese system) were said as ~$╧╪├±….xlsx in what add printed of them."""
    from test_web_units import _zip

    county = write_county(tmp_path / "县")
    bundle = tmp_path / "打包.zip"
    bundle.write_bytes(_zip({"各单位/县教育局-2025年报.xlsx": county[1].read_bytes(), "各单位/~$县民政局.xlsx": b"x"},
                            gbk=True))
    res = runner.invoke(app, ["inbox", "add", str(bundle), "--db", str(tmp_path / "ib.sqlite3")])
    shown = res.output.replace("\n", "")
    assert f"{bundle}:各单位/~$县民政局.xlsx：" in shown and "锁定文件" in shown, shown
    assert "县教育局 第 1 版" in shown
