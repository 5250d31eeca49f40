"""Measure issue 11's table over the whole bad corpus, as a clerk's commands meet it.

Run from the repository root (PYTHONPATH=src):  python tests/data/measure_hostile.py [--jobs 2]

The corpus is copied into a scratch folder with what a file system adds (a FIFO, a link to /dev/zero, a
link loop, a GBK file name). Then ``check``, ``check --annotate``, ``merge`` and ``import`` run over the
folder at once, and ``check``, ``render`` and ``import`` over each file alone, each bounded by a timeout.
Prints each measure of the issue's table; exits 1 when one is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
TIMEOUT = 600
sys.path.insert(0, str(HERE.parent))


def _folder(tmp: Path) -> Path:
    folder = tmp / "收件"
    shutil.copytree(BAD, folder)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "管道.xlsx")
        os.mkfifo(folder / "管道.txt")
        (folder / "零.xlsx").symlink_to("/dev/zero")
        (folder / "环.xlsx").symlink_to(folder / "环.xlsx")
    if sys.platform != "win32":
        shutil.copy(BAD / "中文 路径" / "柏城街道 年报 2025.xlsx", folder / os.fsdecode("坏名字".encode("gbk") + b".xlsx"))
    return folder


class Tally:
    def __init__(self) -> None:
        self.tracebacks: list[str] = []
        self.killed: list[str] = []
        self.hangs: list[str] = []
        self.runs = 0

    def run(self, label: str, *args: str) -> subprocess.CompletedProcess[str] | None:
        self.runs += 1
        try:
            proc = subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, text=True,
                                  errors="replace", timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.hangs.append(label)
            return None
        if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
            self.tracebacks.append(label)
        if proc.returncode < 0 or proc.returncode > 2:  # a signal, or a crash exit code
            self.killed.append(f"{label} (exit {proc.returncode})")
        crash = ("FILE-CRASH", "MERGE-CRASH", "INBOX-CRASH")
        if any(code in proc.stdout for code in crash):
            self.killed.append(f"{label} (a worker died)")
        return proc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    from test_hostile_corpus import EXPECTED

    t = Tally()
    with tempfile.TemporaryDirectory(prefix="nianbao-measure-") as d:
        tmp = Path(d)
        folder = _folder(tmp)
        died: list[str] = []
        check = t.run("check DIR", "check", "--json", str(folder))
        files = json.loads(check.stdout)["files"] if check is not None and check.returncode in (0, 1) else []
        if not files:
            died.append("check DIR")
        found = [p for p in folder.rglob("*") if p.is_symlink() or not p.is_dir()]
        accounted = len(files) + len(json.loads(check.stdout)["skipped"]) if files else 0
        if accounted != len(found):
            died.append(f"check DIR: {accounted} of {len(found)} paths accounted for")
        annotate = t.run("check DIR --annotate", "check", str(folder), "--annotate", str(tmp / "标注"))
        if annotate is None or annotate.returncode not in (0, 1) or not (tmp / "标注" / "退回修改名单.txt").exists():
            died.append("check DIR --annotate")
        out = tmp / "汇总.xlsx"
        merge = t.run("merge DIR", "merge", str(folder), "-o", str(out))
        if merge is None or merge.returncode not in (0, 1) or not out.exists():
            died.append("merge DIR")
        imported = t.run("import DIR", "import", str(folder), "-o", str(tmp / "导入"))
        if imported is None or imported.returncode not in (0, 1, 2):
            died.append("import DIR")
        singles = [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()]
        jobs = [(f"{cmd} {p.name}", a) for p in singles for cmd, a in (
            ("check", ("check", str(p))), ("render", ("render", str(p), "-o", str(tmp / "发布" / f"{p.stem}.md"))),
            ("import", ("import", str(p), "-o", str(tmp / "单个导入"))))]
        (tmp / "发布").mkdir()
        with ThreadPoolExecutor(args.jobs) as pool:
            list(pool.map(lambda job: t.run(job[0], *job[1]), jobs))
        passed, wrong, missing = _verdicts(files, folder, out, EXPECTED)
    rows = [("Python tracebacks", t.tracebacks), ("processes killed (a signal, a worker that died)", t.killed),
            ("hangs (runs past the timeout)", t.hangs), ("folder runs that die or lose files", died),
            ("bad workbooks passed as 通过/有警告 with other figures", wrong),
            ("good reports missing from the finished merge", missing)]
    print(f"{t.runs} runs over {len(found)} paths ({len(EXPECTED)} workbook kinds):")
    for what, items in rows:
        print(f"  {what}: {len(items)}" + (f"  {items[:6]}" if items else ""))
    print(f"  damaged kinds read as 通过/有警告 with the figures they were made from: {len(passed)}  {sorted(passed)}")
    return 1 if any(items for _w, items in rows) else 0


def _verdicts(files: list[dict], folder: Path, out: Path, expected: dict) -> tuple[list[str], list[str], list[str]]:
    """(damaged kinds read as passing with the original figures, those read with other figures, good
    reports missing from the summary)."""
    from nianbao.check.checkfile import check_file

    origin = check_file(BAD / "folder" / "乡镇" / "柏城街道.xlsx").report
    good = {"folder/乡镇/柏城街道.xlsx", "folder/部门/2025/交通运输局.xlsx", "中文 路径/柏城街道 年报 2025.xlsx"}
    passed, wrong = [], []
    by_name = {Path(f["path"]).relative_to(folder).as_posix(): f for f in files if Path(f["path"]).is_relative_to(folder)}
    for name, f in by_name.items():
        if name in good or name not in expected or f["status"] not in ("通过", "有警告"):
            continue
        got = check_file(folder / name).report
        same = got is not None and origin is not None and dict(got.inputs) == dict(origin.inputs)
        (passed if same else wrong).append(name)
    missing = ["(no summary)"]
    if out.exists():  # each good office's report is summed (of identical copies, one)
        from openpyxl import load_workbook

        rows = list(load_workbook(out, read_only=True)["状态"].iter_rows(values_only=True))
        counted = {str(r[1]) for r in rows if r and len(r) > 4 and r[4] == "是"}
        offices = {r.office for n in good if (r := check_file(BAD / n).report) is not None}
        missing = sorted(offices - counted)
    return passed, wrong, missing


if __name__ == "__main__":
    raise SystemExit(main())
