"""``nianbao import DIR -o OUT`` for last year's whole county: one line per report, a workbook per report,
and ``nianbao merge … --previous OUT`` straight after, with the cross-year checks on the imported figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from nianbao.cli.app import app
from nianbao.form.model import Report
from nianbao.merge.core import merge_files
from nianbao.publish.render import render_docx, render_html, render_markdown
from nianbao.template import write_workbook
from test_crossyear import L21, _pair

OFFICES = ("县财政局", "城关镇人民政府", "东湖街道办事处")


def county(tmp_path: Path) -> tuple[Path, Path, list[tuple[Report, Report]]]:
    """Last year's reports published (Word, a web page, Markdown, in subfolders as downloaded) and this
    year's workbooks; 城关镇's 上年结转 is one more than its published 结转下年度."""
    published, now = tmp_path / "2024年已发布", tmp_path / "2025年报"
    (published / "乡镇").mkdir(parents=True)
    now.mkdir()
    pairs = [_pair(seed, office=o) for seed, o in zip((40, 44, 45), OFFICES, strict=True)]  # (no negative figures)
    before = [b for b, _n in pairs]
    (published / "县财政局.docx").write_bytes(render_docx(before[0]))
    (published / "乡镇" / "城关镇.html").write_text(render_html(before[1]), encoding="utf-8")
    (published / "东湖街道.md").write_text(render_markdown(before[2]), encoding="utf-8")
    (published / "说明.xlsx").write_bytes(b"not a report")  # not a published report's suffix: left alone
    for i, (_b, n) in enumerate(pairs):
        report = n
        if i == 1:
            inputs = dict(n.inputs)
            inputs["t3.carried_over.business"] = int(inputs["t3.carried_over.business"]) + 1
            inputs["t3.disclosed.business"] = int(inputs["t3.disclosed.business"]) + 1
            report = Report(layout=L21, inputs=inputs, info=n.info)
        write_workbook(now / f"{OFFICES[i]}.xlsx", L21, report=report)
    return published, now, pairs


def test_import_a_folder_then_merge_with_it_as_previous(tmp_path: Path) -> None:
    published, now, _pairs = county(tmp_path)
    out = tmp_path / "上年"
    runner = CliRunner()
    res = runner.invoke(app, ["import", str(published), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if "已写入" in ln]
    assert len(lines) == 3 and all("错误 0 处" in ln for ln in lines)
    assert "共 3 份报告，生成工作簿 3 个" in res.output
    assert {p.name for p in out.iterdir()} == {"东湖街道.xlsx", "城关镇.xlsx", "县财政局.xlsx"}

    summary = tmp_path / "汇总.xlsx"
    res = runner.invoke(app, ["merge", str(now), "--previous", str(out), "-o", str(summary)])
    assert res.exit_code == 0, res.output  # warnings only
    assert summary.exists() and "上年报告“四、结转下年度继续办理”是" in res.output
    merged = merge_files(sorted(now.iterdir()), previous=sorted(out.iterdir()), jobs=1)
    by_office = {e.office: [f.code for f in e.findings if f.code.startswith(("X-", "MERGE-NO-PREVIOUS"))]
                 for e in merged.entries}
    # 城关镇 only: the other two carried over what their published reports carried forward
    assert by_office == {"县财政局": [], "城关镇人民政府": ["X-CARRYOVER"], "东湖街道办事处": []}


def test_import_a_folder_json_and_an_empty_folder(tmp_path: Path) -> None:
    published, _now, _pairs = county(tmp_path)
    res = CliRunner().invoke(app, ["import", str(published), "-o", str(tmp_path / "o"), "--json"])
    rows = json.loads(res.output)
    assert [(r["office"], r["year"]) for r in rows if r["status"] != "已跳过"] == [
        ("东湖街道办事处", 2024), ("城关镇人民政府", 2024), ("县财政局", 2024)]
    assert [Path(r["path"]).name for r in rows if r["status"] == "已跳过"] == ["说明.xlsx"]  # named, not dropped
    empty = tmp_path / "空"
    empty.mkdir()
    res = CliRunner().invoke(app, ["import", str(empty), "-o", str(tmp_path / "o2")])
    assert res.exit_code == 2 and "没有可导入的报告" in res.output


REFERENCE = Path(__file__).parent / "data" / "reference"  # a real report, a README and three .json parses


def test_a_folder_import_names_every_file_and_imports_only_reports(tmp_path: Path) -> None:
    out = tmp_path / "o"
    res = CliRunner().invoke(app, ["import", str(REFERENCE), "-o", str(out)])
    lines = {Path(re.split("[（：]", line, maxsplit=1)[0]).name: line for line in res.output.splitlines()}
    files = sorted(p.name for p in REFERENCE.iterdir())
    assert sorted(set(lines) & set(files)) == files, res.output  # a line for every file in the folder
    for name in files:
        if name.endswith(".json"):
            assert "不支持导入“.json”文件，已跳过" in lines[name] and ".docx" in lines[name]
    assert "未生成工作簿（没有找到年报的标题" in lines["README.md"]  # a description, not a report
    assert sorted(p.name for p in out.iterdir()) == ["baicheng-2021.xlsx"]


def test_a_folder_import_as_json_has_a_row_for_every_file(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["import", str(REFERENCE), "-o", str(tmp_path / "o"), "--json"])
    rows = json.loads(res.output)
    assert sorted(Path(r["path"]).name for r in rows) == sorted(p.name for p in REFERENCE.iterdir())
    skipped = {Path(r["path"]).name: r for r in rows if r["status"] == "已跳过"}
    assert skipped and all(name.endswith(".json") for name in skipped)
    assert all("不支持导入“.json”文件" in r["reason"] and r["output"] is None for r in skipped.values())
    assert all(set(r) >= {"office", "year", "findings", "errors", "warnings", "output"} for r in rows)  # one shape


def test_a_json_named_is_of_a_type_not_supported(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["import", str(REFERENCE / "r29v22-2023-html.api.json"), "-o", str(tmp_path),
                                   "--json"])
    [row] = json.loads(res.output)
    messages = [f["message"] for f in row["findings"]]
    assert messages == ["无法读取文件：不支持导入“.json”文件，已跳过（可导入的文件类型：.txt、.md、.html、.docx、.pdf）"]
    assert res.exit_code == 1 and row["output"] is None and not list(tmp_path.iterdir())
