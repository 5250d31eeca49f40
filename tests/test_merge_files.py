"""Merging files: parallel reading (identical to serial, a dying worker costs one file) and the CLI."""

from __future__ import annotations

import faulthandler
import json
import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.check.checkfile import check_file
from nianbao.cli.app import app
from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.form.result import FileResult
from nianbao.merge.core import merge_files
from nianbao.merge.outcome import INCLUDED, UNREADABLE
from nianbao.merge.reading import read_paths
from nianbao.template import build_workbook

L21 = get_layout("2021")


def _county(folder: Path, n: int, *, seed: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = folder / f"单位{i:02d}.xlsx"
        p.write_bytes(build_workbook(L21, report=random_report(L21, rng, office=f"单位{i:02d}", county="西平县")))
        out.append(p)
    return out


def hostile_reader(path: str) -> FileResult:
    """A reader that dies like a native library on a hostile file (SIGABRT, no Python exception)."""
    if "炸弹" in path:
        faulthandler.disable()  # pytest's would print the dying worker's stack
        os.abort()
    return check_file(path)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _county(tmp_path_factory.mktemp("county"), 12)


def test_parallel_equals_serial(county: list[Path]) -> None:
    serial = merge_files(county, jobs=1)
    parallel = merge_files(county, jobs=2)
    assert parallel.to_dict() == serial.to_dict()
    batched = read_paths(county, jobs=2, batch=5)
    assert [(i.path, i.digest, i.result.report.values) for i in batched] == \
           [(e.path, e.item.digest, e.report.values) for e in serial.entries]


def test_a_dying_worker_costs_only_its_file(county: list[Path], tmp_path: Path) -> None:
    bomb = tmp_path / "炸弹.xlsx"
    bomb.write_bytes(county[0].read_bytes())
    paths = [*county[:5], bomb, *county[5:]]
    seen: list[int] = []
    res = merge_files(paths, jobs=2, reader=hostile_reader, progress=seen.append)
    fate = {Path(e.path).name: e.outcome for e in res.entries}
    assert fate.pop("炸弹.xlsx") == UNREADABLE
    assert set(fate.values()) == {INCLUDED} and len(fate) == len(county)
    dead = next(e for e in res.entries if e.name == "炸弹.xlsx")
    assert [f.code for f in dead.all_findings] == ["MERGE-CRASH"]
    assert sum(seen) == len(paths)
    assert res.report.values == merge_files(county, jobs=1).report.values


def test_many_bombs_in_batches(county: list[Path], tmp_path: Path) -> None:
    bombs = []
    for i in range(3):
        b = tmp_path / f"炸弹{i}.xlsx"
        b.write_bytes(county[i].read_bytes())
        bombs.append(b)
    paths = [bombs[0], *county[:6], bombs[1], *county[6:], bombs[2]]
    items = read_paths(paths, jobs=2, reader=hostile_reader, batch=3)
    assert [i.path for i in items] == [str(p) for p in paths]
    assert [i.result.report is None for i in items] == ["炸弹" in str(p) for p in paths]


# -- the command line ---------------------------------------------------------------------------------
runner = CliRunner()


def test_cli_merge_writes_summary_csv_json(county: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "全县汇总.xlsx"
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称,单位类别\n" + "".join(f"{p.stem},县直部门\n" for p in county) + "县审计局,县直部门\n",
                      encoding="utf-8")
    args = ["merge", *map(str, county), "--roster", str(roster), "--name", "西平县", "-o", str(out),
            "--csv", str(tmp_path / "明细.csv"), "--json", str(tmp_path / "r.json"), "--jobs", "2"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "县审计局" in r.output and "未提交" in r.output
    back = check_file(out)
    assert back.kind == "summary" and back.report is not None
    assert back.report.info["office"] == "西平县"
    assert (tmp_path / "明细-状态.csv").exists()
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["name"] == "西平县" and len(data["detail"]) == len(county)
    assert [s["status"] for s in data["statuses"]][-1] == "未提交"
    # the JSON is what the library returns
    from nianbao.merge.core import merge_files as lib
    from nianbao.read.roster import read_roster

    again = lib(county, roster=read_roster(roster), name="西平县", jobs=1, output_name=out.name).to_dict()
    assert data == json.loads(json.dumps(again, ensure_ascii=False))
    # an existing output is not overwritten without --force
    r2 = runner.invoke(app, args)
    assert r2.exit_code == 2 and "--force" in r2.output
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_a_summary_written_into_the_inputs_folder_is_not_read_back_as_an_input(county: list[Path]) -> None:
    # the clerk runs the same command again after a late return: last run's summary is in the folder
    folder = county[0].parent
    out = folder / "全县汇总.xlsx"
    try:
        assert runner.invoke(app, ["merge", str(folder), "-o", str(out), "--jobs", "1"]).exit_code == 0
        again = runner.invoke(app, ["merge", str(folder), "-o", str(out), "--jobs", "1", "--force"])
        assert again.exit_code == 0, again.output
        assert "全县汇总.xlsx：是本次汇总的输出文件" in again.output.replace("\n", "")
        back = check_file(out)
        assert back.report is not None and len(back.report.included) == len(county)
    finally:
        out.unlink(missing_ok=True)


def test_cli_json_to_stdout_and_exit_code_on_errors(county: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(county[0].read_bytes()[:3000])
    r = runner.invoke(app, ["merge", str(county[1]), str(broken), "--json", "-", "--jobs", "1"])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert [f["outcome"] for f in data["files"]] == ["计入汇总", "无法读取"]


@pytest.mark.parametrize(("args", "message"), [
    (["merge", "不存在的文件夹/"], "没有找到"),
    (["merge", "{a}", "--roster", "不存在.csv"], "名单文件"),
])
def test_cli_cannot_run(county: list[Path], args: list[str], message: str) -> None:
    r = runner.invoke(app, [a.format(a=county[0]) for a in args])
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_cli_asks_for_a_name_for_summaries_of_different_areas(county: list[Path], tmp_path: Path) -> None:
    sums = []
    for name, files in (("甲县", county[:2]), ("乙县", county[2:4])):
        sums.append(tmp_path / f"{name}.xlsx")
        assert runner.invoke(app, ["merge", *map(str, files), "--name", name, "-o", str(sums[-1])]).exit_code == 0
    out = tmp_path / "全市.xlsx"
    r = runner.invoke(app, ["merge", *map(str, sums), "-o", str(out), "--jobs", "1"])
    assert r.exit_code == 2
    assert "请用 --name 给出汇总名称，如：--name 某市" in r.output.replace("\n", "")
    assert "乙县、甲县" in r.output and not out.exists()
    r = runner.invoke(app, ["merge", *map(str, sums), "--name", "某市", "-o", str(out), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    back = check_file(out).report
    assert back is not None and back.info["office"] == "某市" and len(back.included) == 4


def test_cli_exit_codes_and_the_errors_warning(county: list[Path], tmp_path: Path) -> None:
    """0: summary written, no included report has errors; 1: an included report has errors, or a file
    could not be read; 2: could not run (test_cli_cannot_run)."""
    from nianbao.form.model import Report

    rep = check_file(county[0]).report
    assert rep is not None
    broken = tmp_path / "有错误.xlsx"
    bad = Report(layout=rep.layout, inputs={**rep.inputs, "t4.review.upheld": -1},
                 info={**rep.info, "office": "有错误的局"})
    broken.write_bytes(build_workbook(L21, report=bad))
    base = ["merge", *map(str, county[:3]), "--jobs", "1"]
    assert runner.invoke(app, [*base, "-o", str(tmp_path / "a.xlsx")]).exit_code == 0
    r = runner.invoke(app, [*base, str(broken), "-o", str(tmp_path / "b.xlsx")])
    assert r.exit_code == 1
    said = r.output.replace("\n", "")
    assert said.count("注意：汇总计入了 1 份有错误的报告（有错误的局）") == 2  # first and last
    assert "其中 1 份有错误" in said
    r = runner.invoke(app, [*base, str(broken), "--exclude-errors", "-o", str(tmp_path / "c.xlsx")])
    assert r.exit_code == 0, r.output  # the report with errors is left out: the summary is clean
    assert "注意：汇总计入" not in r.output
    unreadable = tmp_path / "坏文件.xlsx"
    unreadable.write_bytes(county[0].read_bytes()[:3000])
    r = runner.invoke(app, [*base, str(broken), str(unreadable), "--exclude-errors", "-o", str(tmp_path / "d.xlsx")])
    assert r.exit_code == 1  # a file could not be read
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称\n" + "".join(f"{p.stem}\n" for p in county[:3]), encoding="utf-8")
    r = runner.invoke(app, [*base, str(broken), "--roster", str(roster), "-o", str(tmp_path / "e.xlsx")])
    assert r.exit_code == 0, r.output  # not on the roster: listed, not summed
    assert "名单外 1 个（未计入汇总）" in r.output.replace("\n", "")


def test_a_flat_city_merge_of_same_named_offices_reads_back(tmp_path: Path) -> None:
    # 甲县 and 乙县 each have a 县财政局: both are summed, and the summary is a valid report again
    from nianbao.merge.core import merge_results
    from nianbao.merge.reading import read_paths
    from nianbao.merge.summary import write_summary
    from nianbao.read.detail import read_detail

    rng = random.Random(5)
    paths = []
    for county in ("甲县", "乙县"):
        for office in ("县财政局", f"{county}城关镇"):
            p = tmp_path / county / f"{office}.xlsx"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(build_workbook(L21, report=random_report(L21, rng, office=office, county=county)))
            paths.append(p)
    res = merge_results(read_paths(paths, jobs=1), name="驻马店市")
    assert [e.outcome for e in res.entries] == [INCLUDED] * 4
    assert [f.code for f in res.findings] == ["MERGE-SAME-NAME"]
    out = tmp_path / "市汇总.xlsx"
    write_summary(out, res, force=True)
    back = check_file(out)
    assert back.kind == "summary" and not [f for f in back.findings if f.is_error]
    assert back.report.values == res.report.values and back.report.included == res.report.included
    offices, problem = read_detail(out, back.report)
    assert problem == "" and len(offices) == 4


def test_cli_without_output_says_no_workbook_was_written(county: list[Path], tmp_path: Path) -> None:
    r = runner.invoke(app, ["merge", *map(str, county[:2]), "--jobs", "1"])
    assert r.exit_code == 0 and "未生成汇总工作簿" in r.output.replace("\n", "")


def test_cli_without_output_does_not_point_to_a_workbook_it_did_not_write(county: list[Path], tmp_path: Path) -> None:
    """Without -o the errors are counted as with it, but not told to be 详见汇总工作簿的“问题”表: there is none
    (found by the acceptance reviewer)."""
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(county[0].read_bytes()[:3000])
    out = runner.invoke(app, ["merge", str(county[1]), str(broken), "--jobs", "1"]).output.replace("\n", "")
    assert "未计入的文件中有 1 处错误" in out and "加 -o 生成汇总工作簿后" in out and "详见汇总工作簿" not in out


def test_cli_counts_errors_where_the_clerk_finds_them(county: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(county[0].read_bytes()[:3000])
    r = runner.invoke(app, ["merge", str(county[1]), str(broken), "--jobs", "1", "-o", str(tmp_path / "汇总.xlsx")])
    out = r.output.replace("\n", "")
    assert "未计入的文件中有 1 处错误" in out and "计入汇总的报告中有" not in out


def test_a_worker_sends_a_report_compactly() -> None:
    """What a merge's worker sends back (``pack_answer``) is read back (``unpack_answer``) as the same
    FileResult as the reader's, for the samples, LibreOffice's saves and the bad corpus, in far fewer
    bytes than ``pack_result``'s, its cell keys the layout's own strings (one copy for 10,000 reports)."""
    import pickle

    from nianbao.check.checkfile import check_file
    from nianbao.merge.reading import pack_answer, unpack_answer
    from nianbao.read.isolate import pack_result
    from nianbao.read.paths import collect_paths

    root = Path(__file__).parent
    files, _skipped = collect_paths([root.parent / "samples", root / "data" / "saved", root / "data" / "bad"])
    results = [check_file(f) for f in files]
    back = [unpack_answer(pickle.loads(pickle.dumps(pack_answer(r)))) for r in results]
    assert [b.to_dict() for b in back] == [r.to_dict() for r in results]
    assert [b.report for b in back] == [r.report for r in results]
    read = [b.report for b in back if b.report is not None]
    assert len(read) > 10
    in_order = [r for r in read if list(r.inputs) == [c.key for c in r.layout.inputs]]
    assert len(in_order) > 10
    assert all(key is c.key for r in in_order for key, c in zip(r.inputs, r.layout.inputs, strict=True))
    compact = sum(len(pickle.dumps(pack_answer(r))) for r in results if r.report is not None)
    assert compact < sum(len(pickle.dumps(pack_result(r))) for r in results if r.report is not None) / 2
