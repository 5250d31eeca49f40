"""Benchmark of ``nianbao merge`` as a whole process, beside an openpyxl-based read of the same files.

    python benchmarks/merge.py --sizes 100,1000,10000 [--jobs 2] [--dir WORKDIR] [--baseline-sample K]

For each N it makes N distinct filled workbooks (a few built by ``build_workbook`` from random reports,
then copied with a distinct office name and distinct figures patched into the XML: fast and still
valid), runs ``nianbao merge DIR -o summary.xlsx`` and prints its wall time and peak memory (the largest
single process, and the whole process tree sampled from /proc), then reads the same files with openpyxl
(read_only, data_only: the input cells only) in as many processes, in the same run, and prints the
ratio; and the floor, python-calamine reading every sheet of the same files in as many processes (the
mean of a run before and one after the merge), with the ratio merge / floor (the target: 1.5). By default openpyxl reads every one of the N files. ``--baseline-sample K`` makes it read an
evenly spaced sample of K files instead; the printed openpyxl time is then K files' time scaled to N,
and the line says so ("sampled K of N").
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nianbao.demo.synth import random_report
from nianbao.form.registry import get_layout
from nianbao.template import build_workbook

BASES = 16
PATCHED = ("t2.normative.issued", "t2.normative.in_force", "t2.licensing.decisions")


def _sheet_file(data: bytes, sheet: str) -> str:
    """The zip member of a sheet, by its name (XlsxWriter: sheetN.xml in workbook order)."""
    wb = zipfile.ZipFile(__import__("io").BytesIO(data)).read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', wb)
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def make_files(folder: Path, n: int) -> list[Path]:
    """N distinct workbooks in ``folder`` (reused when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.xlsx"))
    if len(existing) == n:
        return existing
    for p in existing:
        p.unlink()
    layout = get_layout("2021")
    rng = random.Random(20260115)
    bases = []
    for b in range(BASES):
        office = f"基准单位{b:02d}占位"
        data = build_workbook(layout, report=random_report(layout, rng, office=office, county="基准县"))
        bases.append((office, data))
    sheet2 = _sheet_file(bases[0][1], layout.table("t2").sheet)
    cells = [layout.a1(k)[1] for k in PATCHED]
    out = []
    for i in range(n):
        office, data = bases[i % BASES]
        src = zipfile.ZipFile(__import__("io").BytesIO(data))
        path = folder / f"单位{i:05d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "xl/sharedStrings.xml":
                    body = body.replace(office.encode(), f"测试单位{i:05d}".encode())
                elif info.filename == sheet2:
                    text = body.decode()
                    for j, cell in enumerate(cells):
                        text = re.sub(rf'(<c r="{cell}"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{(i * 7 + j) % 50}</v>", text)
                    body = text.encode()
                dst.writestr(info, body)
        out.append(path)
    return out


class TreeSampler(threading.Thread):
    """The peak of the summed RSS of a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, False

    def run(self) -> None:
        while not self.stop:
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(0.1)


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/status") as fh:
                status = fh.read()
        except OSError:
            continue
        pp = re.search(r"PPid:\s+(\d+)", status)
        rs = re.search(r"VmRSS:\s+(\d+)", status)
        parents[int(d)] = int(pp.group(1)) if pp else 0
        rss[int(d)] = int(rs.group(1)) * 1024 if rs else 0
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += [c for c, pp in parents.items() if pp == p]
    return total


def run_merge(folder: Path, out: Path, jobs: int) -> tuple[float, int, int, int]:
    """(wall seconds, peak RSS of the largest process, peak RSS of the tree, exit code)."""
    cmd = [sys.executable, "-m", "nianbao"]  # this interpreter and its path: the code under test
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([*cmd, "merge", str(folder), "-o", str(out), "--force", "--jobs", str(jobs)],
                                stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        # wait4: this run's own peak (the merge process or its largest worker), not every child so far
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        sampler.stop = True
        sampler.join()
        if rc not in (0, 1):
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace"))
    maxrss = usage.ru_maxrss * 1024
    return wall, maxrss, sampler.peak, rc


def _openpyxl_read(paths: list[str]) -> int:
    import openpyxl
    from openpyxl.utils.cell import coordinate_to_tuple

    layout = get_layout("2021")
    where: dict[str, list[tuple[int, int]]] = {}
    for c in layout.inputs:
        sheet, a1 = layout.a1(c.key)
        where.setdefault(sheet, []).append(coordinate_to_tuple(a1))
    total = 0
    for p in paths:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        for sheet, cells in where.items():
            grid = list(wb[sheet].iter_rows(values_only=True))  # one pass over the sheet
            for r, c in cells:
                v = grid[r - 1][c - 1] if r <= len(grid) and c <= len(grid[r - 1]) else None
                total += int(v) if isinstance(v, int) else 0
        wb.close()
    return total


def _calamine_read(paths: list[str]) -> int:
    """The floor: python-calamine reading every sheet of each file, nothing else."""
    import python_calamine as pc

    cells = 0
    for p in paths:
        with open(p, "rb") as fh:
            wb = pc.CalamineWorkbook.from_filelike(fh)
            for name in wb.sheet_names:
                cells += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return cells


def run_calamine(files: list[Path], jobs: int) -> float:
    """Wall seconds of the bare calamine read of ``files`` in ``jobs`` processes (started, as merge's are)."""
    paths = [str(p) for p in files]
    chunks = [paths[i::jobs] for i in range(jobs)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        sum(pool.map(_calamine_read, chunks))
    return time.perf_counter() - t0


def run_openpyxl(files: list[Path], jobs: int) -> float:
    paths = [str(p) for p in files]
    chunks = [paths[i::jobs] for i in range(jobs)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        sum(pool.map(_openpyxl_read, chunks))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated N")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (kept; files are reused)")
    ap.add_argument("--baseline-sample", type=int, default=0,
                    help="openpyxl reads an evenly spaced sample of this many files, scaled to N (0: all files)")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    print(f"{'N':>7} {'merge s':>9} {'ms/file':>8} {'peak MB (largest)':>18} {'peak MB (tree)':>15} "
          f"{'calamine s':>11} {'merge/calamine':>15} {'openpyxl s':>11} {'ms/file':>8} {'openpyxl/merge':>15}")
    for n in (int(x) for x in args.sizes.split(",")):
        folder = work / f"n{n}"
        t0 = time.perf_counter()
        files = make_files(folder, n)
        made = time.perf_counter() - t0
        out = work / f"summary-{n}.xlsx"
        floor_before = run_calamine(files, args.jobs)  # the floor before and after merge: the load alike
        wall, maxrss, tree, rc = run_merge(folder, out, args.jobs)
        floor = (floor_before + run_calamine(files, args.jobs)) / 2
        k = args.baseline_sample
        sample = files if k <= 0 or k >= n else [files[i * n // k] for i in range(k)]
        base = run_openpyxl(sample, args.jobs)
        scaled = base * n / len(sample)
        how = f"openpyxl read all {n} files" if len(sample) == n else \
            f"openpyxl SAMPLED {len(sample)} of {n} files, time scaled to N"
        print(f"{n:>7} {wall:>9.2f} {wall / n * 1000:>8.2f} {maxrss / 2**20:>18.0f} {tree / 2**20:>15.0f} "
              f"{floor:>11.2f} {wall / floor:>15.2f} {scaled:>11.2f} {base / len(sample) * 1000:>8.2f} {scaled / wall:>15.1f}   "
              f"({how}; files made in {made:.1f} s; merge exit {rc})", flush=True)


if __name__ == "__main__":
    main()
