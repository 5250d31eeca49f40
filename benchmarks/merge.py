"""Benchmark of ``nianbao merge`` as a whole process, against a bare two-process calamine read of the same files.

    python benchmarks/merge.py [--sizes 500,1000,2000] [--jobs 2] [--dir WORKDIR]
    python benchmarks/merge.py --sizes 10000          (the target size; a run at N/2 is added to judge linearity)

For each N it makes N distinct filled workbooks (a few built by ``build_workbook`` from random reports,
then copied with a distinct office name and distinct figures patched into the XML: fast and still
valid), runs ``nianbao merge DIR -o summary.xlsx`` (this interpreter, its ``sys.path``: the code under
test) and prints its wall time, the peak memory of the whole process tree (the merge and its workers,
their RSS summed, sampled from /proc every 50 ms) and of the largest single process (``wait4``), and the
floor: python-calamine reading every sheet of the same files in as many processes, nothing else, measured
right before and right after the merge (their mean), with the ratio merge / floor; and the CPU time of
both (the merge with its workers, the floor's processes), whose ratio says the work done whatever the
machine's load (on a shared machine the wall-time ratio varies with what else runs). The target: within
1.5x of the floor, peak <= 300 MB. Linearity: the floor is linear in N, so merge is when its ratio to the
floor does not grow with N (``linearity``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
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
            time.sleep(0.05)


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


def run_merge(folder: Path, out: Path, jobs: int) -> tuple[float, float, int, int, int]:
    """(wall seconds, CPU seconds of the tree, peak RSS of the largest process, peak RSS of the tree, exit code)."""
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
    maxrss = usage.ru_maxrss * 1024  # wait4: the merge and the workers it waited for
    return wall, usage.ru_utime + usage.ru_stime, maxrss, sampler.peak, rc


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


def run_calamine(files: list[Path], jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds of the bare calamine read of ``files`` in ``jobs`` processes (started, as merge's
    are; their CPU time counted once they have ended)."""
    paths = [str(p) for p in files]
    chunks = [paths[i::jobs] for i in range(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        sum(pool.map(_calamine_read, chunks))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def linearity(ratios: dict[int, tuple[float, float]]) -> str:
    """Whether merge's time grows as the floor's does (the floor reads each file once: linear in N): its
    ratios to the floor (wall, CPU) at the largest N against the smallest N's. A fixed start-up cost makes
    them fall with N; "linear" when the CPU ratio does not grow by more than 25 % (on a shared machine the
    load moves the wall ratio, the CPU ratio much less)."""
    sizes = sorted(ratios)
    if len(sizes) < 2:
        return "linear in N: not judged (one size)"
    (wall0, cpu0), (wall1, cpu1) = ratios[sizes[0]], ratios[sizes[-1]]
    verdict = "linear" if cpu1 <= 1.25 * cpu0 else "NOT linear"
    return (f"linear in N: {verdict} (merge / floor from N={sizes[0]} to N={sizes[-1]}: wall {wall0:.2f} -> "
            f"{wall1:.2f}, CPU {cpu0:.2f} -> {cpu1:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,1000,2000", help="comma-separated N (one size: N/2 is added)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes, for merge and for the floor alike")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (kept; files are reused)")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    sizes = sorted({int(x) for x in args.sizes.split(",")})
    if len(sizes) == 1 and sizes[0] >= 2:
        sizes = [sizes[0] // 2, sizes[0]]
    print(f"jobs {args.jobs}; target: merge within 1.5x of the floor, peak <= 300 MB")
    print(f"{'N':>7} {'merge s':>8} {'ms/file':>8} {'floor s':>8} {'merge/floor':>12} {'CPU s':>7} {'floor CPU s':>12} "
          f"{'CPU ratio':>10} {'peak MB (tree)':>15} {'peak MB (largest)':>18}")
    ratios: dict[int, tuple[float, float]] = {}
    for n in sizes:
        folder = work / f"n{n}"
        t0 = time.perf_counter()
        files = make_files(folder, n)
        made = time.perf_counter() - t0
        out = work / f"summary-{n}.xlsx"
        floor_before, cpu_before = run_calamine(files, args.jobs)  # the floor before and after merge: the load alike
        wall, cpu, maxrss, tree, rc = run_merge(folder, out, args.jobs)
        floor_after, cpu_after = run_calamine(files, args.jobs)
        floor, floor_cpu = (floor_before + floor_after) / 2, (cpu_before + cpu_after) / 2
        ratios[n] = (wall / floor, cpu / floor_cpu)
        print(f"{n:>7} {wall:>8.2f} {wall / n * 1000:>8.2f} {floor:>8.2f} {wall / floor:>12.2f} {cpu:>7.1f} "
              f"{floor_cpu:>12.1f} {cpu / floor_cpu:>10.2f} {tree / 2**20:>15.0f} {maxrss / 2**20:>18.0f}   "
              f"(floor {floor_before:.2f} s before, {floor_after:.2f} s after; files made in {made:.1f} s; "
              f"merge exit {rc})", flush=True)
    print(linearity(ratios))


if __name__ == "__main__":
    main()
