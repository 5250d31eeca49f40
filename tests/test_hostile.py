"""Hostile input and odd file systems: whatever a file is, it costs only itself.

A worker that aborts, panics, runs out of memory or hangs; a FIFO, a device or a link to /dev/zero among
the reports; a GBK file name; a roster with a far cell; and the whole bad corpus at once through the
command line, bounded in time, with every file accounted for and nothing modified.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.check.checkfile import check_paths
from nianbao.files import NotRegularFile, read_regular
from nianbao.form.result import STATUS_ERROR, STATUS_OK, STATUS_UNREADABLE, STATUS_WARN
from nianbao.read.isolate import Crash, run_isolated
from nianbao.read.roster import RosterError, read_roster

BAD = Path(__file__).parent / "data" / "bad"
GOOD = BAD / "中文 路径" / "柏城街道 年报 2025.xlsx"
STATUSES = {STATUS_OK, STATUS_WARN, STATUS_ERROR, STATUS_UNREADABLE}
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


# -- the worker: a crash costs its item ---------------------------------------------------------------
def _hostile(item: str) -> str:
    """Dies, panics, eats memory or hangs as native code does on a hostile file."""
    if item == "abort":
        faulthandler.disable()
        os.abort()
    if item == "panic":
        raise BaseException("like pyo3's PanicException: not an Exception")
    if item == "memory":
        blocks = [bytearray(256 * 1024 * 1024) for _ in range(64)]  # 16 GB: past the worker's limit
        return str(len(blocks))
    if item == "hang":
        time.sleep(600)
    return item.upper()


def test_a_crashing_worker_costs_only_its_item() -> None:
    items = ["a", "abort", "b", "panic", "c", "memory", "d"]
    got = dict(run_isolated(_hostile, items, jobs=2))
    assert [got[i] for i in (0, 2, 4, 6)] == ["A", "B", "C", "D"]
    for i in (1, 3, 5):
        assert isinstance(got[i], Crash) and got[i].reason
    assert "SIGABRT" in got[1].reason  # said in Chinese, with the signal as a reference
    assert "读取时出错" in got[3].reason and "Exception" not in got[3].reason  # plain Chinese, no class name


def test_a_hanging_worker_is_stopped_and_the_rest_read() -> None:
    t0 = time.monotonic()
    got = dict(run_isolated(_hostile, ["hang", "x"], jobs=1, seconds=2))
    assert time.monotonic() - t0 < 30
    assert isinstance(got[0], Crash) and "秒" in got[0].reason and got[1] == "X"


# -- only regular files ---------------------------------------------------------------------------------
@posix_only
def test_a_fifo_and_a_link_to_dev_zero_are_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.xlsx"
    os.mkfifo(fifo)
    zero = tmp_path / "零.xlsx"
    zero.symlink_to("/dev/zero")
    for p, word in ((fifo, "命名管道"), (zero, "设备文件")):
        with pytest.raises(NotRegularFile) as exc:
            read_regular(p, 1024)
        assert word in exc.value.reason
    run = check_paths([tmp_path])
    assert run.results == []
    assert {Path(p).name: why for p, why in run.skipped} == {"管道.xlsx": "这是命名管道（FIFO），不是普通文件，已跳过",
                                                             "零.xlsx": "这是设备文件，不是普通文件，已跳过"}
    named = check_paths([fifo, zero])  # named on the command line: skipped too, with the reason
    assert named.results == [] and len(named.skipped) == 2


# -- a GBK file name ----------------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are Unicode")
def test_a_gbk_file_name_is_shown_with_replacement_characters(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    name = os.fsdecode("柏城街道".encode("gbk") + b".xlsx")
    shutil.copy(GOOD, folder / name)
    out = tmp_path / "汇总.xlsx"
    proc = subprocess.run([sys.executable, "-m", "nianbao", "merge", str(folder), "-o", str(out)],
                          capture_output=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    from openpyxl import load_workbook

    files = [row[1] for row in load_workbook(out)["文件"].iter_rows(min_row=3, values_only=True)]
    assert files == [os.fsencode(name).decode("utf-8", "replace")] and "\ufffd" in files[0]
    check = subprocess.run([sys.executable, "-m", "nianbao", "check", "--json", str(folder)], capture_output=True,
                           timeout=300, env=_env())
    assert check.returncode == 0 and b"Traceback" not in check.stderr


# -- the roster is checked as a report is ---------------------------------------------------------------
def test_a_roster_with_a_far_cell_is_refused_in_chinese(tmp_path: Path) -> None:
    roster = tmp_path / "名单.xlsx"
    shutil.copy(BAD / "far-lower-case.xlsx", roster)  # its first sheet is fine; 表三 is far: read only the first
    with pytest.raises(RosterError):
        read_roster(roster)  # no 单位名称 column: refused for that, not killed
    from make_bad import rewrite, sheet_parts

    data = roster.read_bytes()
    first = next(iter(sheet_parts(data).values()))
    far = "<row r='1048576'><c r='xfd1048576'><v>1</v></c></row>"
    roster.write_bytes(rewrite(data, {first: lambda b: b.replace(b"</sheetData>", far.encode() + b"</sheetData>")}))
    with pytest.raises(RosterError) as exc:
        read_roster(roster)
    assert "XFD1048576" in str(exc.value) and "名单.xlsx" in str(exc.value)
    xls = tmp_path / "名单.xls"
    shutil.copy(BAD / "xls-far-IV65536.xls", xls)
    with pytest.raises(RosterError) as exc:
        read_roster(xls)
    assert "IV65536" in str(exc.value)
    assert "删去多余内容" in str(exc.value)


@pytest.mark.parametrize(("source", "name", "said", "told"), [
    ("encrypted.xlsx", "名单.xlsx", "打开密码", "去除打开密码"),
    ("xls-password.xls", "名单.xls", "打开密码", "去除打开密码"),
    (None, "名单.csv", "文件是空的", "选对了文件"),
    ("\ufeff", "空白.csv", "文件是空的", "选对了文件"),  # what saving an empty sheet as CSV UTF-8 writes
    (None, "名单.xlsx", "文件是空的", "选对了文件"),
])
def test_a_roster_refused_is_told_what_to_do_for_its_own_problem(tmp_path: Path, source: str | None, name: str,
                                                                  said: str, told: str) -> None:
    """A roster with a password is told to take the password off (not 删去多余内容); an empty one is called
    empty (not 内容无法识别，文件可能已损坏)."""
    roster = tmp_path / name
    blob = source.encode() if source == "\ufeff" else (BAD / source).read_bytes() if source else b"\r\n  \n"
    roster.write_bytes(blob)
    with pytest.raises(RosterError) as exc:
        read_roster(roster)
    text = str(exc.value)
    assert name in text and said in text and told in text and "删去多余内容" not in text and "损坏" not in text


sys.path.insert(0, str(BAD.parent))


# -- the whole bad folder at once, through the command line ---------------------------------------------
def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _digests(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file() and not p.is_symlink() and not p.is_fifo()}


def _hostile_folder(tmp_path: Path) -> Path:
    """The bad corpus, plus what a file system adds: a FIFO, a link to /dev/zero, a link loop, a GBK name."""
    folder = tmp_path / "收件"
    shutil.copytree(BAD, folder)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "管道.xlsx")
        (folder / "零.xlsx").symlink_to("/dev/zero")
        (folder / "环.xlsx").symlink_to(folder / "环.xlsx")
    if sys.platform != "win32":
        shutil.copy(GOOD, folder / os.fsdecode("坏名字".encode("gbk") + b".xlsx"))
    return folder


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, timeout=600, env=_env(),
                          text=True, errors="replace")
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-3000:])  # never killed, never "could not run"
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc


@pytest.mark.slow
def test_the_whole_bad_folder_at_once(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    before = _digests(folder)
    names = sorted(p.name for p in folder.rglob("*") if p.is_symlink() or not p.is_dir())
    proc = _run("check", "--json", str(folder))
    run = json.loads(proc.stdout)
    seen = [Path(f["path"]).name for f in run["files"]] + [Path(s["path"]).name for s in run["skipped"]]
    assert sorted(n.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for n in names) == \
           sorted(n.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for n in seen)  # each once
    assert {f["status"] for f in run["files"]} <= STATUSES
    assert all(s["reason"] for s in run["skipped"])
    _run("check", str(folder), "--annotate", str(tmp_path / "标注"))
    out = tmp_path / "汇总.xlsx"
    _run("merge", str(folder), "-o", str(out))
    from openpyxl import load_workbook

    listed = " ".join(str(c) for row in load_workbook(out)["文件"].iter_rows(values_only=True) for c in row if c)
    for f in run["files"]:  # every file read by check is in the summary's 文件 sheet
        assert Path(f["path"]).name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") in listed
    assert _digests(folder) == before  # no input modified


# -- fuzz: mutants of good workbooks --------------------------------------------------------------------
@pytest.mark.slow
def test_fuzzed_workbooks_each_get_a_verdict(tmp_path: Path) -> None:
    from fuzz_bad import mutants

    folder = tmp_path / "变异"
    folder.mkdir()
    sources = [GOOD, BAD / "far-spaces.xlsx"]  # LibreOffice's .xlsx (one with its far value)
    if shutil.which("soffice") is not None:
        from lo import convert

        sources.append(convert(GOOD, "xls", tmp_path / "lo")[0])  # and LibreOffice's .xls
    for i, blob in enumerate(mutants(sources, n=40, seed=20261202)):
        (folder / f"m{i:02d}{'.xls' if blob[:4] == bytes.fromhex('d0cf11e0') else '.xlsx'}").write_bytes(blob)
    t0 = time.monotonic()
    proc = _run("check", "--json", str(folder))
    assert time.monotonic() - t0 < 120
    run = json.loads(proc.stdout)
    assert len(run["files"]) == 40
    assert {f["status"] for f in run["files"]} <= STATUSES
    # the checks before calamine catch them all: no worker had to die (Windows has no memory limit)
    assert [f["path"] for f in run["files"] if any(x["code"] == "FILE-CRASH" for x in f["findings"])] == []


@pytest.mark.parametrize("fast", [True, False])
def test_two_sheets_of_one_name_are_refused_not_one_of_them_read(fast: bool, monkeypatch) -> None:
    """A second 表三 added to a LibreOffice-saved .ods (LibreOffice shows it as 表三_2, after the others) and
    to an .xlsx (a second <sheet name="表三"> in the workbook part): which 表三 a reader takes is its own
    choice, so the file is refused, naming the sheet, not read and summed from one of them unsaid."""
    import re

    from make_bad import rewrite

    from nianbao.check.checkfile import check_bytes
    from nianbao.read import safety

    monkeypatch.setattr(safety, "FAST", fast)  # the .ods: odsguard's quick bound and its parser alike
    samples = Path(__file__).resolve().parents[1] / "samples" / "示例县-LibreOffice"
    ods = (samples / "东湖街道办事处-2025年报.ods").read_bytes()

    def second_table(xml: bytes) -> bytes:
        start = xml.index('<table:table table:name="表三"'.encode())
        table = xml[start:xml.index(b"</table:table>", start) + len(b"</table:table>")]
        return xml.replace(b"</office:spreadsheet>", table + b"</office:spreadsheet>")

    xlsx = (samples / "县教育局-2025年报.xlsx").read_bytes()

    def second_sheet(xml: bytes) -> bytes:
        m = re.search('<sheet [^>]*name="表三"[^>]*/>'.encode(), xml)
        assert m is not None
        return xml[:m.end()] + m.group(0).replace(b'sheetId="', b'sheetId="9') + xml[m.end():]

    for data, name in ((rewrite(ods, {"content.xml": second_table}), "x.ods"),
                       (rewrite(xlsx, {"xl/workbook.xml": second_sheet}), "x.xlsx")):
        found = check_bytes(data, name).findings
        assert [f.code for f in found] == ["FILE-CORRUPT"], (name, [f.code for f in found])
        assert "两个工作表都叫“表三”" in found[0].message
    assert [f.code for f in check_bytes(ods, "x.ods").findings if f.code.startswith("FILE-")] == []
