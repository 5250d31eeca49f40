"""The table of expectations for every kind in tests/data/bad/: the status and finding codes ``check`` must
give, and ``merge`` over the whole folder at once accounting for every file with its Chinese message."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "data" / "bad"
OK, ERR, NO = "通过", "有错误", "无法读取"

#: file (relative to tests/data/bad) -> (status, codes that must be among its findings). The readable kinds
#: are the damage a spreadsheet program shrugs off too (the cells intact): they may pass.
EXPECTED: dict[str, tuple[str, set[str]]] = {
    "corrupt.xlsx": (NO, {"FILE-CORRUPT"}), "empty.xlsx": (NO, {"FILE-EMPTY"}), "empty.xls": (NO, {"FILE-EMPTY"}),
    "empty.ods": (NO, {"FILE-EMPTY"}), "encrypted.xlsx": (NO, {"FILE-ENCRYPTED"}),
    "xls-password.xls": (NO, {"FILE-ENCRYPTED"}),
    **{n: (NO, {"FILE-REPACKED"}) for n in ("zip-encrypted-member.xlsx", "zip-method-deflate64.xlsx")},
    **{f"far-{k}.xlsx": (NO, {"FILE-FAR-CELL"}) for k in ("8-digit-row", "cell", "lower-case", "no-reference",
                                                           "single-quotes", "spaces")},
    "xls-far-IV65536.xls": (NO, {"FILE-FAR-CELL"}),
    "xls-biff5-excel95.xls": (NO, {"FILE-OLD-FORMAT"}), "spreadsheetml-2003.xls": (NO, {"FILE-OLD-FORMAT"}),
    "format2019-for-2021.xlsx": (ERR, {"INFO-YEAR-FORMAT"}), "rows-inserted.xlsx": (ERR, {"STRUCT-ROWS"}),
    "totals-overwritten.xlsx": (ERR, {"TOTAL-OVERWRITTEN"}), "value-infinite.xlsx": (ERR, {"VALUE-HUGE"}),
    "other-system.xlsx": (NO, {"FILE-NOT-REPORT"}), "no-shared-strings.xlsx": (NO, {"FILE-NOT-REPORT"}),
    **{n: (NO, {"FILE-NOT-SPREADSHEET"}) for n in (
        "word-renamed.xlsx", "docx-named.xls", "doc-renamed.xls", "csv-renamed.xlsx", "csv-gbk-renamed.xlsx", "utf16-text.xlsx",
        "whitespace.xlsx", "pdf-renamed.xlsx", "html-table.xls", "no-workbook-part.xlsx", "zip-empty.xlsx",
        "zip-of-the-report.xlsx", "zip-junk-before.xlsx")},
    **{n: (NO, {"FILE-CORRUPT"}) for n in (
        "xls-bof-length-0.xls", "xls-chain-loop.xls", "xls-name-formula-length.xls", "xls-truncated.xls", "xls-zero-after-header.xls",
        "xls-zero-filled.xls", "xml-bad-utf8.xlsx", "xml-billion-laughs.xlsx", "zip-bad-crc-styles.xlsx",
        "zip-no-end-record.xlsx", "ods-truncated.ods")},
    **{n: (NO, {"FILE-FAR-CELL"}) for n in (  # an .ods measured before calamine allocates its used range
        "ods-columns-repeated.ods", "ods-rows-repeated.ods", "ods-value-repeated.ods", "ods-repeat-overflow.ods",
        "ods-column-filled.ods")},
    **{n: (NO, {"FILE-UNSAFE"}) for n in (
        "zip-bomb.xlsx", "zip-bomb-total.xlsx", "zip-many-members.xlsx")},
    **{n: (NO, {"FILE-SHEET-DAMAGED"}) for n in (  # a sheet's part: damaged or missing
        "zip-size-lie.xlsx", "rels-outside.xlsx", "rels-sheet-missing.xlsx", "zip-bad-crc.xlsx")},
    **{n: (NO, {"STRUCT-SHEET-DAMAGED"}) for n in (
        "shared-string-index-far.xlsx", "xml-billion-laughs-sheet.xlsx", "xml-external-entity.xlsx")},
    **{n: (OK, set()) for n in (
        "folder/乡镇/柏城街道.xlsx", "folder/部门/2025/交通运输局.xlsx", "中文 路径/柏城街道 年报 2025.xlsx",
        "huge-used-range.xlsx", "dimension-absurd.xlsx", "merge-whole-sheet.xlsx", "no-content-types.xlsx",
        "ods-bytes-named.xlsx", "ods-readable.ods", "ods-row-filled.ods", "merged-moved.xlsx", "xls-bytes-named.xlsx", "xlsx-bytes-named.xls",
        "xml-deep-nesting.xlsx", "xml-sheet-cut.xlsx", "zip-padded-under-limit.xlsx", "zip-traversal-names.xlsx")},
}
#: not workbooks: skipped with a reason, listed in the summary's 文件 sheet
SKIPPED = {"report.csv", "folder/乡镇/说明.txt", "folder/部门/~$交通运输局.xlsx", "folder/部门/2025/报告正文.docx"}


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, timeout=600, env=_env(),
                          text=True)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-3000:])  # errors found; never killed
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc


def _digests() -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in BAD.rglob("*") if p.is_file()}


def test_the_table_covers_at_least_60_kinds_and_every_file() -> None:
    files = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}
    assert files == set(EXPECTED) | SKIPPED
    assert len(EXPECTED) + len(SKIPPED) - 2 >= 60  # the folder's four files are one kind, as are its two reports


def test_every_damaged_kind_that_passes_holds_the_figures_it_was_made_from() -> None:
    """Nothing false: a damaged file read as 通过 (damage a spreadsheet program shrugs off too) gives the
    very figures of the report it was made from (柏城街道办事处's, but for the folder's other office)."""
    from nianbao.check.checkfile import check_file

    made_from = check_file(BAD / "folder" / "乡镇" / "柏城街道.xlsx").report
    assert made_from is not None
    differ = {}
    for name, (status, _codes) in EXPECTED.items():
        if status == OK and not name.startswith("folder/部门/"):
            got = check_file(BAD / name)
            if got.report is None or dict(got.report.inputs) != dict(made_from.inputs) or \
                    dict(got.report.info) != dict(made_from.info):
                differ[name] = got.status
    assert differ == {}


@pytest.mark.slow
def test_check_and_merge_give_each_kind_its_expected_outcome(tmp_path: Path) -> None:
    before = _digests()
    run = json.loads(_run("check", "--json", str(BAD)).stdout)
    got = {Path(f["path"]).relative_to(BAD).as_posix(): f for f in run["files"]}
    assert set(got) == set(EXPECTED)
    assert {Path(s["path"]).relative_to(BAD).as_posix() for s in run["skipped"]} == SKIPPED
    wrong = {}
    for name, (status, codes) in EXPECTED.items():
        found = {x["code"] for x in got[name]["findings"]}
        if got[name]["status"] != status or not codes <= found:
            wrong[name] = (got[name]["status"], sorted(found))
    assert wrong == {}
    out = tmp_path / "汇总.xlsx"
    _run("merge", str(BAD), "-o", str(out))
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    listed = [r[1] for r in wb["文件"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert len(listed) == len(EXPECTED) + len(SKIPPED)  # every file accounted for, once
    problems: dict[str, list[tuple[str, str]]] = {}
    for r in wb["问题"].iter_rows(min_row=3, values_only=True):
        problems.setdefault(str(r[1]), []).append((str(r[9] or ""), str(r[10] or "")))
    for name, (status, _codes) in EXPECTED.items():
        if status == NO:  # a Chinese message and what to do, under the file's name
            said = problems.get(Path(name).name, [])
            assert said and all(any("\u4e00" <= ch <= "\u9fff" for ch in what + how) and how for what, how in said), name
    assert _digests() == before  # no input modified


@pytest.mark.slow
@pytest.mark.skipif(not any((Path(d) / "soffice").exists() for d in os.get_exec_path()), reason="needs LibreOffice")
def test_two_runs_of_the_generator_give_identical_bytes(tmp_path: Path) -> None:
    runs = []
    for k in ("a", "b"):
        subprocess.run([sys.executable, str(BAD.parent / "make_bad.py"), str(tmp_path / k)], check=True,
                       capture_output=True, timeout=600, env=_env())
        runs.append({p.relative_to(tmp_path / k).as_posix(): p.read_bytes() for p in (tmp_path / k).rglob("*")
                     if p.is_file()})
    assert set(runs[0]) == set(runs[1]) == set(EXPECTED) | SKIPPED
    assert sorted(n for n in runs[0] if runs[0][n] != runs[1][n]) == []  # every kind, the encrypted ones too
