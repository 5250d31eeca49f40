"""`nianbao check`: terminal output, --json equal to the library's result, exit codes, docs page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.check.checkfile import check_paths
from nianbao.cli.app import app
from nianbao.form.findings import render_docs

BAD = Path(__file__).parent / "data" / "bad"
FOLDER = BAD / "folder"
REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_json_equals_the_library() -> None:
    paths = [BAD / "totals-overwritten.xlsx", FOLDER, BAD / "encrypted.xlsx", BAD / "中文 路径"]
    res = runner.invoke(app, ["check", "--json", *map(str, paths)])
    assert res.exit_code == 1, res.output
    assert json.loads(res.stdout) == json.loads(json.dumps(check_paths(paths).to_dict(), ensure_ascii=False))
    doc = json.loads(res.stdout)
    f = doc["files"][0]
    assert {"path", "office", "year", "format", "status", "findings"} <= set(f)
    finding = f["findings"][0]
    assert {"code", "severity", "file", "sheet", "cell", "row_label", "col_label", "expected", "actual",
            "message"} <= set(finding)
    assert {s["path"] for s in doc["skipped"]} == {str(FOLDER / "乡镇" / "说明.txt"),
                                                   str(FOLDER / "部门" / "2025" / "报告正文.docx"),
                                                   str(FOLDER / "部门" / "~$交通运输局.xlsx")}


def test_exit_codes() -> None:
    assert runner.invoke(app, ["check", str(FOLDER)]).exit_code == 0
    assert runner.invoke(app, ["check", str(BAD / "rows-inserted.xlsx")]).exit_code == 1
    assert runner.invoke(app, ["check", str(BAD / "empty.xlsx"), str(FOLDER)]).exit_code == 1
    res = runner.invoke(app, ["check", str(BAD / "没有这个文件.xlsx")])
    assert res.exit_code == 2 and "找不到" in res.output
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_error_message_shows_brackets_in_names_literally() -> None:
    # rich would swallow "[red]" or "[2025]" as markup; a clerk must see the file name as typed
    res = runner.invoke(app, ["check", str(BAD / "[2025]报表[red].xlsx")])
    assert res.exit_code == 2
    assert "[2025]报表[red].xlsx" in res.output.replace("\n", "")


def test_terminal_output_lists_files_findings_and_skipped() -> None:
    res = runner.invoke(app, ["check", str(FOLDER), str(BAD / "totals-overwritten.xlsx"), str(BAD / "zip-bomb.xlsx")],
                        env={"COLUMNS": "200"})
    out = res.stdout
    assert "柏城街道办事处" in out and "通过" in out and "有错误" in out and "无法读取" in out
    assert "TOTAL-OVERWRITTEN" in out and "表三!J6" in out
    assert "已跳过 3 个文件" in out and "说明.txt" in out
    assert "Traceback" not in res.output


def test_many_files_with_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress bar (on a terminal's stderr) from more than PROGRESS_FROM files on; never in --json."""
    import io

    from rich.console import Console

    from nianbao.cli import check as check_cli

    for i in range(8):
        shutil.copy(FOLDER / "乡镇" / "柏城街道.xlsx", tmp_path / f"单位{i}.xlsx")

    def run(*args: str) -> tuple[int, str, str]:
        err = io.StringIO()
        monkeypatch.setattr(check_cli, "err_console", Console(file=err, force_terminal=True, width=100))
        res = runner.invoke(app, ["check", *args])
        return res.exit_code, res.stdout, err.getvalue()

    code, out, err = run(str(tmp_path))
    assert code == 0 and out.count("通过") >= 8
    assert "正在检查" in err and "8/8" in err
    code, out, err = run(*(str(tmp_path / f"单位{i}.xlsx") for i in range(check_cli.PROGRESS_FROM)))
    assert code == 0 and "正在检查" not in err  # a few files: no bar
    code, out, err = run("--json", str(tmp_path))
    assert code == 0 and "正在检查" not in err and len(json.loads(out)["files"]) == 8


def test_docs_findings_md_is_not_stale() -> None:
    page = REPO / "docs" / "findings.md"
    assert page.read_text(encoding="utf-8") == render_docs(), "docs/findings.md is stale: run `nianbao docs`"


def test_every_reader_code_is_documented() -> None:
    text = render_docs()
    for code in ("FILE-ENCRYPTED", "FILE-FAR-CELL", "STRUCT-ROWS", "READ-BLANK", "TOTAL-OVERWRITTEN", "L-RULES", "N-TEXT"):
        assert f"`{code}`" in text


def test_many_files_are_listed_compactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past COMPACT_FROM files: one plain line per file and per finding (no table to lay out), every file
    and every finding with its remedy still there, the same results as a serial check of each file."""
    from nianbao.check.checkfile import check_file
    from nianbao.cli import check as check_cli

    names = ["totals-overwritten.xlsx", "encrypted.xlsx", "rows-inserted.xlsx", "far-cell.xlsx"]
    for name in names:
        shutil.copy(BAD / name, tmp_path / name)
    (tmp_path / "说明.txt").write_text("不是工作簿")
    monkeypatch.setattr(check_cli, "COMPACT_FROM", 3)
    res = runner.invoke(app, ["check", str(tmp_path)])
    assert res.exit_code == 1, res.output
    out = res.stdout
    assert not set(out) & set("┏┃━│─┌┐└┘╭╮")  # no table
    serial = [check_file(tmp_path / name) for name in sorted(names)]
    for r in serial:
        line = next(x for x in out.splitlines() if x.endswith(f"{r.path}（{r.office or '单位名称未知'}）"))
        assert line.startswith(f"{r.status}  错误 {r.errors}  警告 {r.warnings}  ")
        for f in r.findings:
            assert f"{f.code}：{f.message} 怎么改：{f.remedy}" in out
    assert "已跳过：" in out and "说明.txt" in out
    assert f"共检查 {len(names)} 个文件" in out
